// SPDX-License-Identifier: EUPL-1.2
// Benchmark baseline: replays the exact cells sroi wrote (recorded by sroi-bench-xlsx-log)
// through bare libxlsxwriter in constant-memory mode, with nothing of sroi in between. The
// log is read into memory first; only the writing is timed. sroi's own time divided by this
// is its overhead over the library's limit for the same workbook.
//
// usage: sroi-bench-xlsx-bare CELL_LOG OUT.xlsx
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Cell {
  char kind;
  std::string sheet;
  unsigned row, col;
  int style;
  std::string a, b;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    std::size_t tab = line.find('\t', from);
    out.push_back(line.substr(from, tab - from));
    if (tab == std::string::npos) return out;
    from = tab + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CELL_LOG OUT.xlsx\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  std::vector<std::string> sheets;
  std::vector<Cell> cells;
  for (std::string line; std::getline(in, line);) {
    auto f = split(line);
    if (f[0] == "S") {
      sheets.push_back(f[1]);
      continue;
    }
    if (f.size() < 7) continue;
    cells.push_back({f[0][0], f[1], static_cast<unsigned>(std::stoul(f[2])),
                     static_cast<unsigned>(std::stoul(f[3])), std::stoi(f[4]), f[5], f[6]});
  }

  auto t0 = std::chrono::steady_clock::now();
  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  opts.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(argv[2], &opts);
  // One format per style index sroi used, with the number formats that matter for the output.
  std::map<int, lxw_format*> formats;
  auto format = [&](int style) -> lxw_format* {
    if (style == 0) return nullptr;
    auto it = formats.find(style);
    if (it != formats.end()) return it->second;
    lxw_format* fmt = workbook_add_format(wb);
    format_set_num_format(fmt, style == 3 || style == 4 || style == 12 ? "[$€-413] #,##0.00"
                               : style == 5                            ? "yyyy-mm-dd"
                                                                       : "0.####");
    return formats[style] = fmt;
  };
  std::map<std::string, lxw_worksheet*> ws;
  for (const auto& name : sheets) ws[name] = workbook_add_worksheet(wb, name.c_str());
  for (const auto& c : cells) {
    lxw_worksheet* w = ws[c.sheet];
    lxw_format* fmt = format(c.style);
    switch (c.kind) {
      case 's':
        worksheet_write_string(w, c.row, static_cast<lxw_col_t>(c.col), c.a.c_str(), fmt);
        break;
      case 'n':
        worksheet_write_number(w, c.row, static_cast<lxw_col_t>(c.col),
                               std::strtod(c.a.c_str(), nullptr), fmt);
        break;
      case 'f':
        worksheet_write_formula_num(w, c.row, static_cast<lxw_col_t>(c.col), c.b.c_str(), fmt,
                                    std::strtod(c.a.c_str(), nullptr));
        break;
      case 'F':
        worksheet_write_formula_str(w, c.row, static_cast<lxw_col_t>(c.col), c.b.c_str(), fmt,
                                    c.a.c_str());
        break;
      case 'd': {
        lxw_datetime d{std::stoi(c.a.substr(0, 4)),
                       std::stoi(c.a.substr(5, 2)),
                       std::stoi(c.a.substr(8, 2)),
                       0,
                       0,
                       0};
        worksheet_write_datetime(w, c.row, static_cast<lxw_col_t>(c.col), &d, fmt);
        break;
      }
      case 'b':
        worksheet_write_blank(w, c.row, static_cast<lxw_col_t>(c.col), fmt);
        break;
      default:
        break;
    }
  }
  lxw_error err = workbook_close(wb);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (err != LXW_NO_ERROR) {
    std::fprintf(stderr, "cannot write %s: %s\n", argv[2], lxw_strerror(err));
    return 1;
  }
  std::printf("bare libxlsxwriter: %zu cells in %.2f s (%.0f cells/s)\n", cells.size(), secs,
              static_cast<double>(cells.size()) / secs);
  return 0;
}
