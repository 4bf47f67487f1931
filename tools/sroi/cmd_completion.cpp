// SPDX-License-Identifier: EUPL-1.2
// `sroi completion`: a bash completion script made from the verbs and the options their
// --help shows; region ids come from `sroi regions` and block ids from `sroi blocks` as you
// type, so models added later complete too. Install puts it in
// share/bash-completion/completions/sroi.
#include <iostream>
#include <set>
#include <string_view>

#include "common.hpp"

namespace sroi::cli {
namespace {

/// The long options a help text shows ("--region", "--xlsx"), in order, once each: "--"
/// at the start of a word, then a lower-case letter and letters, digits or dashes.
std::string options_in(const std::string& help) {
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  };
  std::set<std::string> seen;
  std::string out;
  for (std::size_t at = help.find("--"); at != std::string::npos; at = help.find("--", at + 2)) {
    bool starts_word =
        at == 0 || std::string_view(" \t\n,[|(").find(help[at - 1]) != std::string_view::npos;
    if (!starts_word || at + 2 >= help.size() || help[at + 2] < 'a' || help[at + 2] > 'z') continue;
    std::size_t end = at + 2;
    while (end < help.size() && word_char(help[end])) ++end;
    std::string o = help.substr(at, end - at);
    if (seen.insert(o).second) out += (out.empty() ? "" : " ") + o;
  }
  return out;
}

}  // namespace

int cmd_completion(const Globals& g, const std::vector<std::string>& args) {
  po::options_description opts("sroi completion options");
  po::variables_map vm;
  if (!parse_verb("sroi completion > sroi.bash\n"
                  "Bash completion for sroi: verbs, their options, region ids (after --region, "
                  "--compare, --regions and for blocks, publish, diff and compare) and block ids "
                  "(after --block). Load it with: source sroi.bash",
                  args, opts, {}, vm))
    return 0;
  std::ostringstream globals;
  globals << global_options(Lang::En);
  std::string verbs;
  for (const auto& c : commands()) verbs += (verbs.empty() ? "" : " ") + std::string(c.name);
  std::cout << "# bash completion for sroi, made by `sroi completion` (do not edit)\n"
               "_sroi_regions() {\n"
               "  command sroi --format json regions 2>/dev/null | sed -n "
               "'s/^    \"id\": \"\\(.*\\)\",$/\\1/p' | sort -u\n"
               "}\n"
               "_sroi_blocks() {\n"
               "  local r\n"
               "  for r in $(_sroi_regions); do\n"
               "    command sroi --format json blocks \"$r\" 2>/dev/null | sed -n "
               "'s/^ *\"id\": \"\\(.*\\)\",$/\\1/p'\n"
               "  done | sort -u\n"
               "}\n"
               "_sroi() {\n"
               "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
               "  local verb='' i opts\n"
               "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
               "    case ${COMP_WORDS[i]} in\n"
               "      --regions-dir|--catalogue-dir|--format|--db|--user|--lang|--audit-key-file) "
               "((i++)) ;;\n"
               "      -*) ;;\n"
               "      *) verb=${COMP_WORDS[i]}; break ;;\n"
               "    esac\n"
               "  done\n"
               "  case $prev in\n"
               "    --region|--compare|--regions) COMPREPLY=($(compgen -W \"$(_sroi_regions)\" "
               "-- \"$cur\")); return ;;\n"
               "    --block) COMPREPLY=($(compgen -W \"$(_sroi_blocks)\" -- \"$cur\")); return ;;\n"
               "    --format) COMPREPLY=($(compgen -W 'text json csv' -- \"$cur\")); return ;;\n"
               "    --lang) COMPREPLY=($(compgen -W 'nl en' -- \"$cur\")); return ;;\n"
               "  esac\n"
               "  if [[ -z $verb ]]; then\n"
               "    COMPREPLY=($(compgen -W '"
            << verbs << " " << options_in(globals.str())
            << "' -- \"$cur\"))\n"
               "    return\n"
               "  fi\n"
               "  case $verb in\n";
  for (const auto& c : commands())
    std::cout << "    " << c.name << ") opts='" << options_in(verb_help(c, g)) << "' ;;\n";
  std::cout << "    *) opts='' ;;\n"
               "  esac\n"
               "  if [[ $cur == -* ]]; then\n"
               "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
               "  else\n"
               "    case $verb in\n"
               "      blocks|publish|diff|compare) COMPREPLY=($(compgen -W \"$(_sroi_regions)\" "
               "-- \"$cur\")) ;;\n"
               "    esac\n"
               "    COMPREPLY+=($(compgen -f -- \"$cur\"))\n"
               "  fi\n"
               "}\n"
               "complete -F _sroi sroi\n";
  return 0;
}

}  // namespace sroi::cli
