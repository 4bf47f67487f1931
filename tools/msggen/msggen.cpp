// SPDX-License-Identifier: EUPL-1.2
// msggen: makes the message ids and the catalogue's tables from lib/sroi/text/messages/*.toml,
// at build time. One area's file gives two outputs, so that a new message rebuilds only the
// files that include its area:
//   msggen area NUMBER NAME AREA.toml HEADER.hpp TABLE.cpp
//     HEADER: `namespace sroi::Msg { inline constexpr MsgId Name{NUMBER, i}; … }`, names only
//             (a changed text leaves the header alone);
//     TABLE:  the area's catalogue entries, `std::span<const Entry> messages_NAME()`.
//   msggen areas AREAS.cpp NAME=AREA.toml …
//     checks that no name or key is used by two areas and writes `message_areas()`, the
//     tables in area order.
// An output is written only when its text changed, so the build does not redo what it
// includes. A problem is reported as file:line:col and the exit code is 1.
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Message {
  std::string name, key, nl, en;
};

struct Area {
  std::vector<Message> messages;  ///< in the order of the file
  int problems = 0;
};

void complain(const std::string& file, const toml::source_region& at, const std::string& what) {
  std::cerr << file << ":" << at.begin.line << ":" << at.begin.column << ": error: " << what
            << "\n";
}

bool is_name(const std::string& s) {
  if (s.empty() || s[0] < 'A' || s[0] > 'Z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

/// The placeholders of a text, {0} {1} …, as a set.
std::set<std::string> placeholders(const std::string& t) {
  std::set<std::string> out;
  for (auto open = t.find('{'); open != std::string::npos; open = t.find('{', open + 1)) {
    auto close = t.find('}', open);
    if (close == std::string::npos) break;
    out.insert(t.substr(open, close - open + 1));
  }
  return out;
}

/// One area's file read and checked: every table a message with key, nl and en.
Area read_area(const std::string& file) {
  Area area;
  toml::table doc;
  try {
    doc = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    complain(file, e.source(), std::string(e.description()));
    area.problems = 1;
    return area;
  }
  std::vector<std::pair<toml::source_position, Message>> found;
  for (auto&& [name, node] : doc) {
    const auto* t = node.as_table();
    std::string id(name.str());
    if (!t || !is_name(id)) {
      complain(file, node.source(), "'" + id + "' must be a table named like an id (StepRate)");
      ++area.problems;
      continue;
    }
    Message m{id, {}, {}, {}};
    for (auto [field, out] : {std::pair{"key", &m.key}, {"nl", &m.nl}, {"en", &m.en}}) {
      auto s = (*t)[field].value<std::string>();
      if (!s || s->empty()) {
        complain(file, t->source(), id + " needs a text '" + field + "'");
        ++area.problems;
      } else {
        *out = *s;
      }
    }
    for (auto&& [field, value] : *t)
      if (field != "key" && field != "nl" && field != "en") {
        complain(file, value.source(), id + ": unknown field '" + std::string(field.str()) + "'");
        ++area.problems;
      }
    if (placeholders(m.nl) != placeholders(m.en)) {
      complain(file, t->source(), id + ": nl and en use different placeholders");
      ++area.problems;
    }
    found.emplace_back(t->source().begin, std::move(m));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first.line != b.first.line ? a.first.line < b.first.line
                                        : a.first.column < b.first.column;
  });
  for (auto& f : found) area.messages.push_back(std::move(f.second));
  return area;
}

/// A C++ string literal of UTF-8 text.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      const char* digits = "01234567";
      out += {'\\', digits[c >> 6], digits[(c >> 3) & 7], digits[c & 7]};
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

/// Writes the file only when its text differs from what is there.
bool write_if_changed(const std::string& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream old;
  if (in) old << in.rdbuf();
  if (in && old.str() == text) return true;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) std::cerr << path << ": error: cannot write\n";
  return static_cast<bool>(out);
}

/// The header line of a generated file, naming its source from lib/ on (not the checkout's path).
std::string generated_from(const std::string& source) {
  auto lib = source.rfind("lib/sroi/");
  std::string name = lib == std::string::npos ? source : source.substr(lib);
  return "// Generated by msggen from " + name + ": edit that file, not this one.\n";
}

int area_command(const std::string& number, const std::string& name, const std::string& source,
                 const std::string& header, const std::string& table) {
  Area area = read_area(source);
  if (area.problems > 0) return 1;
  std::string h = "// SPDX-License-Identifier: EUPL-1.2\n" + generated_from(source) +
                  "#pragma once\n\n#include \"sroi/model/message_id.hpp\"\n\n"
                  "namespace sroi::Msg {\n";
  std::string c = "// SPDX-License-Identifier: EUPL-1.2\n" + generated_from(source) +
                  "#include \"sroi/msg/" + name + ".hpp\"\n#include \"sroi/text/entry.hpp\"\n\n" +
                  "namespace sroi::text {\nnamespace {\nconstexpr Entry kMessages_" + name +
                  "[] = {\n";
  for (std::size_t i = 0; i < area.messages.size(); ++i) {
    const Message& m = area.messages[i];
    h += "inline constexpr MsgId " + m.name + "{" + number + ", " + std::to_string(i) + "};\n";
    c += "    {Msg::" + m.name + ", " + literal(m.key) + ", " + literal(m.nl) + ", " +
         literal(m.en) + "},\n";
  }
  h += "}  // namespace sroi::Msg\n";
  c += "};\n}  // namespace\n\nstd::span<const Entry> messages_" + name + "() { return kMessages_" +
       name + "; }\n\n}  // namespace sroi::text\n";
  return write_if_changed(header, h) && write_if_changed(table, c) ? 0 : 1;
}

int areas_command(const std::string& out, const std::vector<std::string>& areas) {
  std::string decls, list;
  std::map<std::string, std::string> names, keys;  // name or key → its area
  int problems = 0;
  for (const std::string& a : areas) {
    auto eq = a.find('=');
    if (eq == std::string::npos) {
      std::cerr << "msggen: error: expected NAME=FILE, got '" << a << "'\n";
      return 2;
    }
    std::string name = a.substr(0, eq), file = a.substr(eq + 1);
    Area area = read_area(file);
    problems += area.problems;
    for (const Message& m : area.messages) {
      for (auto [seen, what] : {std::pair{&names, &m.name}, {&keys, &m.key}}) {
        auto [it, fresh] = seen->emplace(*what, name);
        if (!fresh) {
          std::cerr << file << ": error: " << m.name << ": '" << *what
                    << "' is already used in area " << it->second << "\n";
          ++problems;
        }
      }
    }
    decls += "std::span<const Entry> messages_" + name + "();\n";
    list += "      messages_" + name + "(),\n";
  }
  if (problems > 0) return 1;
  std::string c = "// SPDX-License-Identifier: EUPL-1.2\n" +
                  generated_from("lib/sroi/text/messages (the list of areas)") +
                  "#include \"sroi/text/entry.hpp\"\n\nnamespace sroi::text {\n\n" + decls +
                  "\nstd::span<const std::span<const Entry>> message_areas() {\n"
                  "  static const std::span<const Entry> areas[] = {\n" +
                  list + "  };\n  return areas;\n}\n\n}  // namespace sroi::text\n";
  return write_if_changed(out, c) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 6 && args[0] == "area")
    return area_command(args[1], args[2], args[3], args[4], args[5]);
  if (args.size() >= 2 && args[0] == "areas")
    return areas_command(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
  std::cerr << "usage: msggen area NUMBER NAME AREA.toml HEADER.hpp TABLE.cpp\n"
               "       msggen areas AREAS.cpp NAME=AREA.toml ...\n";
  return 2;
}
