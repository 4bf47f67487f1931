// SPDX-License-Identifier: EUPL-1.2
// libzip opens the package and expat reads its XML, both from Debian: a zip reader must resist
// crafted archives (sizes that lie, paths, bombs) and an XML reader entity tricks, which is
// exactly what these two long-hardened libraries do; a hand-written reader of either would be
// the riskiest code in the project.
#include "sroi/io/xlsx_cells.hpp"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string_view>

#include "sroi/io/text_input.hpp"
#include "sroi/msg/io.hpp"

namespace sroi::io {
namespace {

std::string local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return std::string(colon == std::string_view::npos ? n : n.substr(colon + 1));
}

const char* attribute(const char** atts, std::string_view want) {
  for (int i = 0; atts[i]; i += 2)
    if (local_name(atts[i]) == want) return atts[i + 1];
  return nullptr;
}

/// "B12" as a 0-based (row, column); nothing when it is not a cell name within Excel's limits.
std::optional<std::pair<int, int>> parse_cell_name(std::string_view ref) {
  std::size_t i = 0;
  int col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3)
    col = col * 26 + (ref[i++] - 'A' + 1);
  if (i == 0 || col > 16384) return std::nullopt;
  int row = 0;
  auto [p, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (ec != std::errc() || p != ref.data() + ref.size() || row < 1 || row > 1'048'576)
    return std::nullopt;
  return std::pair{row - 1, col - 1};
}

/// One archive held in memory, its parts read with their sizes checked.
class Package {
 public:
  Package(const std::string& bytes, const std::string& path) : path_(path) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src) zip_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!zip_) {
      std::string why = zip_error_strerror(&error);
      if (src) zip_source_free(src);
      zip_error_fini(&error);
      throw DataError(SourceLocation{path}, msg(Msg::XlsxNotWorkbook, as_is(why)));
    }
    zip_error_fini(&error);
    if (static_cast<std::size_t>(zip_get_num_entries(zip_, 0)) > kMaxXlsxParts)
      throw DataError(SourceLocation{path},
                      msg(Msg::XlsxTooManyParts, static_cast<int64_t>(kMaxXlsxParts)));
  }
  ~Package() {
    if (zip_) zip_discard(zip_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  /// The unpacked part, or nothing when the archive lacks it.
  std::optional<std::string> part(const std::string& name) const {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxXlsxPartBytes))
      too_large(name);
    zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!f)
      throw DataError(SourceLocation{path_}, msg(Msg::XlsxNotWorkbook, as_is(zip_strerror(zip_))));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
    std::string out;
    char buf[1 << 16];
    // The stated size may lie: the reading itself stops at the limit.
    for (;;) {
      zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0)
        throw DataError(SourceLocation{path_},
                        msg(Msg::XlsxNotWorkbook, as_is(zip_file_strerror(f))));
      if (n == 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      if (out.size() > kMaxXlsxPartBytes) too_large(name);
    }
    return out;
  }

  std::string required(const std::string& name) const {
    auto p = part(name);
    if (!p) throw DataError(SourceLocation{path_}, msg(Msg::XlsxPartMissing, as_is(name)));
    return *p;
  }

 private:
  [[noreturn]] void too_large(const std::string& name) const {
    throw DataError(SourceLocation{path_}, msg(Msg::XlsxPartTooLarge, as_is(name),
                                               static_cast<int64_t>(kMaxXlsxPartBytes >> 20)));
  }
  std::string path_;
  zip_t* zip_ = nullptr;
};

/// Runs expat over one part, handing start tags, end tags and text to `Handler`. A DOCTYPE
/// stops the parse and refuses the file.
template <typename Handler>
void parse_xml(const std::string& xml, const std::string& part, const std::string& path,
               Handler& handler) {
  struct Context {
    Handler* handler;
    XML_Parser parser;
    bool doctype = false;
    std::optional<Diagnostic> stop;  ///< the handler's own reason to stop
  } ctx{&handler, XML_ParserCreate("UTF-8"), false, std::nullopt};
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> guard(ctx.parser,
                                                                                 XML_ParserFree);
  XML_SetUserData(ctx.parser, &ctx);
  XML_SetStartDoctypeDeclHandler(
      ctx.parser, [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* c = static_cast<Context*>(data);
        c->doctype = true;
        XML_StopParser(c->parser, XML_FALSE);
      });
  XML_SetElementHandler(
      ctx.parser,
      [](void* data, const XML_Char* name, const XML_Char** atts) {
        auto* c = static_cast<Context*>(data);
        if (auto problem = c->handler->start(local_name(name), atts)) {
          c->stop = std::move(problem);
          XML_StopParser(c->parser, XML_FALSE);
        }
      },
      [](void* data, const XML_Char* name) {
        static_cast<Context*>(data)->handler->end(local_name(name));
      });
  XML_SetCharacterDataHandler(ctx.parser, [](void* data, const XML_Char* s, int len) {
    static_cast<Context*>(data)->handler->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  auto status = XML_Parse(ctx.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (ctx.doctype) throw DataError(SourceLocation{path}, msg(Msg::XlsxDoctype, as_is(part)));
  if (ctx.stop) throw DataError({*ctx.stop});
  if (status != XML_STATUS_OK)
    throw DataError(
        SourceLocation{path},
        msg(Msg::XlsxBadXml, as_is(part), as_is(XML_ErrorString(XML_GetErrorCode(ctx.parser))),
            static_cast<int64_t>(XML_GetCurrentLineNumber(ctx.parser))));
}

/// xl/workbook.xml: the sheets in order with their relationship ids, and the date system.
struct WorkbookXml {
  std::vector<std::pair<std::string, std::string>> sheets;  ///< name, r:id
  bool date1904 = false;
  std::optional<Diagnostic> start(const std::string& name, const char** atts) {
    if (name == "sheet") {
      const char* n = attribute(atts, "name");
      const char* id = attribute(atts, "id");
      if (n && id) sheets.push_back({n, id});
    } else if (name == "workbookPr") {
      const char* d = attribute(atts, "date1904");
      date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    }
    return std::nullopt;
  }
  void end(const std::string&) {}
  void text(std::string_view) {}
};

/// xl/_rels/workbook.xml.rels: relationship id to part.
struct RelsXml {
  std::map<std::string, std::string> targets;
  std::optional<Diagnostic> start(const std::string& name, const char** atts) {
    if (name == "Relationship") {
      const char* id = attribute(atts, "Id");
      const char* target = attribute(atts, "Target");
      if (id && target) targets[id] = target;
    }
    return std::nullopt;
  }
  void end(const std::string&) {}
  void text(std::string_view) {}
};

/// xl/sharedStrings.xml: the texts cells refer to by number (rich text runs joined; phonetic
/// guides left out).
struct SharedStringsXml {
  std::vector<std::string> strings;
  bool in_t = false;
  int phonetic = 0;
  std::size_t total = 0;
  std::optional<Diagnostic> start(const std::string& name, const char**) {
    if (name == "si") {
      strings.emplace_back();
      if (strings.size() > kMaxXlsxCells) return too_many();
    } else if (name == "t")
      in_t = true;
    else if (name == "rPh")
      ++phonetic;
    return std::nullopt;
  }
  void end(const std::string& name) {
    if (name == "t") in_t = false;
    if (name == "rPh") --phonetic;
  }
  void text(std::string_view s) {
    if (in_t && phonetic == 0 && !strings.empty()) strings.back() += s;
  }
  std::optional<Diagnostic> too_many() const {
    return Diagnostic{SourceLocation{path},
                      msg(Msg::XlsxTooManyCells, static_cast<int64_t>(kMaxXlsxCells))};
  }
  std::string path;
};

/// A worksheet's cells.
struct SheetXml {
  XlsxSheet* sheet = nullptr;
  const std::vector<std::string>* shared = nullptr;
  std::size_t* cells_so_far = nullptr;
  std::string path, part;
  // The cell being read.
  bool in_cell = false, in_value = false, in_inline = false, in_t = false;
  int phonetic = 0;
  std::string type, value;
  std::pair<int, int> where{0, -1};
  int row = -1;

  std::optional<Diagnostic> start(const std::string& name, const char** atts) {
    if (name == "row") {
      const char* r = attribute(atts, "r");
      row = r ? std::atoi(r) - 1 : row + 1;
      where = {row, -1};
    } else if (name == "c") {
      in_cell = true;
      value.clear();
      const char* t = attribute(atts, "t");
      type = t ? t : "n";
      if (const char* r = attribute(atts, "r")) {
        auto parsed = parse_cell_name(r);
        if (!parsed)
          return Diagnostic{SourceLocation{path}, msg(Msg::XlsxBadCellRef, as_is(part), as_is(r))};
        where = *parsed;
      } else {
        where = {std::max(row, 0), where.second + 1};
      }
    } else if (in_cell && name == "v") {
      in_value = true;
    } else if (in_cell && name == "is") {
      in_inline = true;
    } else if (in_inline && name == "t") {
      in_t = true;
    } else if (in_inline && name == "rPh") {
      ++phonetic;
    }
    return std::nullopt;
  }
  void end(const std::string& name) {
    if (name == "v") in_value = false;
    if (name == "t") in_t = false;
    if (name == "rPh") --phonetic;
    if (name == "is") in_inline = false;
    if (name == "c" && in_cell) {
      in_cell = false;
      finish_cell();
    }
  }
  void text(std::string_view s) {
    if (in_value || (in_inline && in_t && phonetic == 0)) value += s;
  }
  void finish_cell() {
    XlsxCell c;
    if (type == "s") {
      std::size_t i = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), i);
      if (ec != std::errc() || i >= shared->size()) return;  // a dangling reference: empty
      c.text = (*shared)[i];
    } else if (type == "n") {
      if (value.empty()) return;  // a formatted but empty cell
      c.kind = XlsxCell::Kind::Number;
      c.text = value;
    } else if (type == "b") {
      c.kind = XlsxCell::Kind::Boolean;
      c.text = value == "1" ? "TRUE" : "FALSE";
    } else if (type == "e") {
      c.kind = XlsxCell::Kind::Error;
      c.text = value;
    } else {  // inlineStr, str (a formula's text), d (an ISO date)
      c.text = value;
    }
    if (c.text.empty()) return;
    if (++*cells_so_far > kMaxXlsxCells) {
      overflow = true;
      return;
    }
    sheet->cells[where] = std::move(c);
  }
  bool overflow = false;
};

/// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml" from the root.
std::string part_name(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string t = target;
  std::string base = "xl/";
  while (t.rfind("../", 0) == 0) t = t.substr(3), base.clear();
  return base + t;
}

}  // namespace

const XlsxCell* XlsxSheet::at(int row, int col) const {
  auto it = cells.find({row, col});
  return it == cells.end() ? nullptr : &it->second;
}

int XlsxSheet::rows() const { return cells.empty() ? 0 : cells.rbegin()->first.first + 1; }

const XlsxSheet* XlsxBook::sheet(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

XlsxBook read_xlsx(const std::string& path) {
  return read_xlsx_bytes(read_file_limited(path, kMaxXlsxBytes), path);
}

XlsxBook read_xlsx_bytes(const std::string& bytes, const std::string& path) {
  Package pkg(bytes, path);
  XlsxBook book;
  book.path = path;
  WorkbookXml wb;
  parse_xml(pkg.required("xl/workbook.xml"), "xl/workbook.xml", path, wb);
  book.date1904 = wb.date1904;
  RelsXml rels;
  parse_xml(pkg.required("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels", path, rels);
  SharedStringsXml shared;
  shared.path = path;
  if (auto s = pkg.part("xl/sharedStrings.xml"))
    parse_xml(*s, "xl/sharedStrings.xml", path, shared);
  std::size_t cells = 0;
  for (const auto& [name, id] : wb.sheets) {
    auto it = rels.targets.find(id);
    if (it == rels.targets.end()) continue;  // a chart sheet or a dangling entry
    std::string part = part_name(it->second);
    XlsxSheet sheet;
    sheet.name = name;
    SheetXml reader;
    reader.sheet = &sheet;
    reader.shared = &shared.strings;
    reader.cells_so_far = &cells;
    reader.path = path;
    reader.part = part;
    parse_xml(pkg.required(part), part, path, reader);
    if (reader.overflow)
      throw DataError(SourceLocation{path},
                      msg(Msg::XlsxTooManyCells, static_cast<int64_t>(kMaxXlsxCells)));
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

SourceLocation cell_location(const std::string& path, const std::string& sheet, int row, int col) {
  SourceLocation at{path, row + 1, col + 1};
  at.sheet = sheet;
  return at;
}

std::optional<Date> day_from_serial(std::string_view number, bool date1904) {
  double v = 0;
  auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (ec != std::errc() || p != number.data() + number.size() || !std::isfinite(v) ||
      v != std::floor(v) || v < (date1904 ? 0 : 1) || v > 2'958'465)
    return std::nullopt;
  auto n = static_cast<long>(v);
  // 1900 system: day 1 is 1900-01-01 and day 60 the 29th of February 1900 that never was, so
  // from day 61 on a day is its number of days after 1899-12-30. 1904 system: day 0 is
  // 1904-01-01.
  if (date1904) return Date{1904, 1, 1}.add_days(n);
  if (n == 60) return std::nullopt;
  return n < 60 ? Date{1899, 12, 31}.add_days(n) : Date{1899, 12, 30}.add_days(n);
}

std::optional<std::string> plain_number(std::string_view number, int decimals) {
  double v = 0;
  auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
  if (ec != std::errc() || p != number.data() + number.size() || !std::isfinite(v))
    return std::nullopt;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string out = buf;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

}  // namespace sroi::io
