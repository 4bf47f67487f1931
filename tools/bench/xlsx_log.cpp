// SPDX-License-Identifier: EUPL-1.2
// Benchmark helper (not installed, not a test): writes a realisation report exactly as
// `sroi realisation --xlsx` does, and logs every cell it writes, so that sroi-bench-xlsx-bare
// can replay the same cells through bare libxlsxwriter.
//   sroi-bench-xlsx-log SOURCE_DIR REAL.csv REGION VALUE START END OUT.xlsx CELLS.log
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include "sroi/calc/assessment.hpp"
#include "sroi/config/input_loader.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/xlsx/report.hpp"

namespace {

/// One line per cell: kind, sheet, row, col, style, then the value (and a formula's text);
/// tabs and newlines in text become spaces. A sheet is a line "S\tname".
class CellLog : public sroi::xlsx::CellObserver {
 public:
  explicit CellLog(std::FILE* f) : f_(f) {}
  void sheet(const std::string& name) override { std::fprintf(f_, "S\t%s\n", name.c_str()); }
  void cell(char kind, const std::string& sheet, int row, int col, sroi::xlsx::Style style,
            const std::string& value, const std::string& formula) override {
    std::fprintf(f_, "%c\t%s\t%d\t%d\t%d\t%s\t%s\n", kind, sheet.c_str(), row, col,
                 static_cast<int>(style), clean(value).c_str(), clean(formula).c_str());
  }

 private:
  static std::string clean(std::string t) {
    for (char& c : t)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return t;
  }
  std::FILE* f_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9) {
    std::cerr << "usage: sroi-bench-xlsx-log SOURCE_DIR REAL.csv REGION VALUE START END OUT.xlsx "
                 "CELLS.log\n";
    return 2;
  }
  try {
    std::string src = argv[1];
    auto set = sroi::config::RegionSet::load_or_throw(src + "/regions", src + "/buildingblocks");
    sroi::config::ContractFlags flags;
    flags.region = argv[3];
    flags.value = argv[4];
    flags.start = argv[5];
    flags.end = argv[6];
    sroi::Realisation real = sroi::config::load_realisation(argv[2], flags);
    const sroi::Region& region = set.select(real.region, real.contract.start);
    sroi::Assessment a = sroi::assess_realisation(region, real, sroi::KeepLines::No);
    std::FILE* log = std::fopen(argv[8], "w");
    if (!log) throw std::runtime_error(std::string("cannot write ") + argv[8]);
    CellLog cells(log);
    sroi::xlsx::observe_cells(&cells);
    sroi::xlsx::WriteOptions options;
    options.overwrite = sroi::xlsx::Overwrite::Replace;
    sroi::xlsx::write_report(a, argv[7], options);
    sroi::xlsx::observe_cells(nullptr);
    std::fclose(log);
  } catch (const std::exception& e) {
    std::cerr << "sroi-bench-xlsx-log: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
