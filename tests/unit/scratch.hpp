// SPDX-License-Identifier: EUPL-1.2
// A fresh folder per test under GoogleTest's temporary directory, with files written into it,
// and a register created in one: the fixture the register, portfolio and kpi tests share.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
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

/// A scratch folder holding a new register, sroi.db, opened for writing as "tester".
struct ScratchRegister : Scratch {
  std::unique_ptr<store::Register> reg;
  explicit ScratchRegister(const std::string& name)
      : Scratch(name),
        reg(std::make_unique<store::Register>(dir() + "/sroi.db", store::Register::Access::Create,
                                              "tester")) {}
};

}  // namespace sroi::test
