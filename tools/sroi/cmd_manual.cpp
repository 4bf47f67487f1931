// SPDX-License-Identifier: EUPL-1.2
// `sroi manual`: the manual page sroi(1), made from the same texts as `sroi --help` and every
// `sroi VERB --help`, so that the two cannot drift. The build writes it and install puts it
// in share/man/man1.
#include <iostream>

#include "common.hpp"
#include "sroi/msg/cli.hpp"
#include "version.hpp"

namespace sroi::cli {
namespace {

/// Text as roff shows it literally: backslashes and minus signs escaped, and no line that
/// starts like a request.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  return out;
}

}  // namespace

int cmd_manual(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi manual options");
  po::variables_map vm;
  if (!parse_verb("sroi manual [--lang nl|en] > sroi.1\n"
                  "The manual page sroi(1): the global options and every verb with its options, "
                  "as their --help shows them. Read it with: man ./sroi.1",
                  args, opts, {}, vm))
    return 0;
  const Lang l = g.lang;  // Dutch unless asked for English, as everywhere
  auto w = [&](MsgId id) { return roff(text::word(id, l)); };
  std::ostringstream globals;
  globals << global_options(l);
  std::cout << ".TH SROI 1 \"\" \"sroi " << version() << "\" \"sroi\"\n"
            << ".SH NAME\n"
            << w(Msg::HelpTitle) << "\n"
            << ".SH SYNOPSIS\n"
            << w(Msg::HelpUsage) << "\n"
            << ".SH DESCRIPTION\n"
            << w(Msg::HelpFooter) << "\n"
            << ".SH OPTIONS\n.nf\n"
            << roff(globals.str()) << ".fi\n"
            << ".SH VERBS\n";
  for (const auto& c : commands()) {
    std::cout << ".SS " << c.name << "\n"
              << w(c.summary) << "\n.PP\n.nf\n"
              << roff(verb_help(c, g)) << ".fi\n";
  }
  std::cout << ".SH ENVIRONMENT\n"
            << ".TP\n.B SROI_DB\n"
            << w(Msg::ManEnvDb) << "\n"
            << ".TP\n.B SROI_REGIONS_DIR\n"
            << w(Msg::ManEnvRegionsDir) << "\n"
            << ".TP\n.B SROI_AUDIT_KEY_FILE\n"
            << w(Msg::ManEnvAuditKey) << "\n"
            << ".TP\n.B LANG, LANGUAGE\n"
            << w(Msg::ManEnvLang) << "\n"
            << ".SH FILES\n"
            << ".TP\n.I /usr/share/sroi/regions\n"
            << w(Msg::ManFileRegions) << "\n"
            << ".TP\n.I /usr/share/sroi/buildingblocks\n"
            << w(Msg::ManFileCatalogue) << "\n"
            << ".SH SEE ALSO\n"
               "/usr/share/doc/sroi/README.md, /usr/share/doc/sroi/CHANGELOG.md\n";
  return 0;
}

}  // namespace sroi::cli
