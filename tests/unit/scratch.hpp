// SPDX-License-Identifier: EUPL-1.2
// A fresh folder per test under GoogleTest's temporary directory, with files written into it,
// and a register created in one: the fixture the register, portfolio and kpi tests share.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "sroi/store/register.hpp"

namespace sroi::test {

/// `TempDir()/name`, emptied when made.
class Scratch {
 public:
  explicit Scratch(const std::string& name) : dir_(::testing::TempDir() + "/" + name) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  const std::string& dir() const { return dir_; }
  /// Writes `text` to the folder's file `name` and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private:
  std::string dir_;
};

/// The state folder of the tests' own PostgreSQL server (tests/pg/server.sh) when the tests
/// run against the shared store, else empty: CTest's pg fixture sets SROI_TEST_PG.
inline std::string postgres_state() {
  const char* s = std::getenv("SROI_TEST_PG");
  return s ? s : "";
}

/// The output of a shell command (a test's helper script); throws when it fails.
inline std::string output_of(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  if (::pclose(p) != 0) throw std::runtime_error(command + " failed");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

/// Where a test's register lives: sroi.db in its folder, or, against the shared store, a new
/// database on the tests' PostgreSQL server.
inline std::string register_location(const std::string& dir) {
  std::string state = postgres_state();
  if (state.empty()) return dir + "/sroi.db";
  return output_of("bash '" + std::string(SROI_SOURCE_DIR) + "/tests/pg/server.sh' createdb '" +
                   state + "'");
}

/// Runs SQL on a register behind sroi's back (what a test tampers with), in either store.
inline void tamper_sql(const std::string& location, const std::string& sql) {
  if (!store::is_shared_store(location)) {
    SQLite::Database(location, SQLite::OPEN_READWRITE).exec(sql);
    return;
  }
  std::string file = ::testing::TempDir() + "/tamper.sql";
  std::ofstream(file) << sql << ";\n";
  output_of("psql -q -X -v ON_ERROR_STOP=1 '" + location + "' -f '" + file + "'");
}

/// A scratch folder and a new register (its sroi.db, or a database of the shared store),
/// opened for writing as "tester".
struct ScratchRegister : Scratch {
  std::string location;
  std::unique_ptr<store::Register> reg;
  explicit ScratchRegister(const std::string& name)
      : Scratch(name),
        location(register_location(dir())),
        reg(std::make_unique<store::Register>(location, store::Register::Access::Create,
                                              "tester")) {}
};

}  // namespace sroi::test
