// SPDX-License-Identifier: EUPL-1.2
#include <algorithm>
#include <iostream>

#include "common.hpp"
#include "sroi/harmonise/harmonise.hpp"
#include "sroi/msg/cli_verbs.hpp"
#include "sroi/report/harmonise/tables.hpp"
#include "sroi/report/json_writer.hpp"

namespace sroi::cli {

int cmd_diff(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi diff options");
  opts.add_options()("old", po::value<std::string>()->required(),
                     "the older version: id@version or a file")(
      "new", po::value<std::string>()->required(), "the newer version: id@version or a file");
  po::positional_options_description pos;
  pos.add("old", 1).add("new", 1);
  po::variables_map vm;
  if (!parse_verb("sroi diff OLD NEW (region@version or region files)", args, opts, pos, vm))
    return 0;
  auto set = load_regions(g);
  std::deque<Region> loaded;
  const Region& a = resolve_region(set, vm["old"].as<std::string>(), loaded);
  const Region& b = resolve_region(set, vm["new"].as<std::string>(), loaded);
  harmonise::Diff d = harmonise::diff(a, b);
  // The changelog is for publication, in --lang; the list of changes follows the command line.
  std::string log = text::say(harmonise::changelog(d), g.documents());
  if (g.format == Format::Json) {
    JsonWriter j(std::cout);
    j.begin_object();
    j.key("old")
        .begin_object()
        .key("region")
        .value(a.id)
        .key("version")
        .value(a.version)
        .end_object();
    j.key("new")
        .begin_object()
        .key("region")
        .value(b.id)
        .key("version")
        .value(b.version)
        .end_object();
    j.key("changes").begin_array();
    for (const auto& c : d.changes)
      j.begin_object()
          .key("kind")
          .value(harmonise::change_kind_id(c.kind))
          .key("what")
          .value(words(c.what()))
          .key("from")
          .value(words(c.from))
          .key("to")
          .value(words(c.to))
          .end_object();
    j.end_array();
    j.key("changelog").value(log);
    j.end_object();
    return 0;
  }
  std::cout << words(msg(Msg::DiffHeading, as_is(a.label()), as_is(b.label()),
                         static_cast<int64_t>(d.changes.size())))
            << '\n';
  // Each change's kind in words, padded to the longest of them.
  auto kind_word = [](harmonise::ChangeKind k) { return words(msg(change_kind_name(k))); };
  std::size_t width = 0;
  for (auto k : {harmonise::ChangeKind::Added, harmonise::ChangeKind::Removed,
                 harmonise::ChangeKind::Changed, harmonise::ChangeKind::Renamed})
    width = std::max(width, display_width(kind_word(k)));
  for (const auto& c : d.changes) {
    std::string kind = kind_word(c.kind);
    std::cout << "  " << kind << std::string(width - display_width(kind), ' ') << " "
              << words(c.what()) << ": " << words(change_values(c)) << '\n';
  }
  std::cout << '\n' << words(msg(Msg::DiffChangelog)) << '\n' << log << '\n';
  return 0;
}

}  // namespace sroi::cli
