// SPDX-License-Identifier: EUPL-1.2
// The options of the verbs that write a workbook (--xlsx, --force, --lang): apart from
// common.hpp, so that the other verbs do not compile the workbook writer's interface.
#pragma once

#include <functional>
#include <string>

#include "common.hpp"
#include "sroi/xlsx/report.hpp"

namespace sroi::cli {

/// --xlsx OUT, --force, --lang nl|en.
void add_xlsx_options(po::options_description& opts);
/// The workbook options given; throws UsageError on an unknown language.
xlsx::WriteOptions xlsx_options(const po::variables_map& vm, const Globals& g);
/// The --xlsx file, with ".xlsx" added when it has no such extension (a spreadsheet program
/// would not open it otherwise).
std::string xlsx_path(const po::variables_map& vm);

/// Writes the report workbook when --xlsx was given and says so on stderr.
void maybe_write_report(const po::variables_map& vm, const Globals& g, const Assessment& a);
/// stderr: the report was written to `path`, with its number of lines.
void say_wrote(const std::string& path, const Assessment& a);

/// When --xlsx was given: `write(path)` writes the workbook there, then stderr says so.
void maybe_write_xlsx(const po::variables_map& vm,
                      const std::function<void(const std::string& path)>& write);

}  // namespace sroi::cli
