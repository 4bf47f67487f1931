// SPDX-License-Identifier: EUPL-1.2
#include "sroi/portfolio/portfolio.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace sroi::portfolio {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::string dir;
  std::unique_ptr<store::Register> reg;
  explicit Fixture(const std::string& name) {
    dir = ::testing::TempDir() + "/portfolio-" + name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    reg = std::make_unique<store::Register>(dir + "/sroi.db", true, "tester");
    for (const char* c : {"ON-2027-001", "ON-2027-002", "U-2027-003"})
      add_contract_file(
          *reg, test::shipped(),
          std::string(SROI_SOURCE_DIR) + "/samples/register/contracts/" + c + ".toml");
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::string path = dir + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string sample(const std::string& id) const {
    return std::string(SROI_SOURCE_DIR) + "/samples/register/realisations/" + id + ".csv";
  }
};

const ContractStatus& find(const std::vector<ContractStatus>& rows, const std::string& id) {
  for (const auto& r : rows)
    if (r.record.contract.id == id) return r;
  throw std::runtime_error("no status for " + id);
}

}  // namespace

TEST(Portfolio, BadRowsAreAllReportedAndNothingIsStored) {
  Fixture f("bad-rows");
  std::string csv = f.write("ON-2027-001.csv",
                            "candidate,block,start,end,hours_per_week\n"
                            "K-1,nug,2027-01-01,2027-06-30,36\n"
                            "K-2,ww-lt3,2027-01-01,2027-06-30,36\n"
                            "K-3,nug,2026-01-01,2026-06-30,36\n"
                            "K-4,nug,2027-01-01,2027-06-30,70\n");
  try {
    import_file(*f.reg, test::shipped(), csv, "ON-2027-001", false);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    // Unknown block (row 3), outside the contract (row 4), hours out of range (row 5).
    ASSERT_EQ(e.diagnostics().size(), 3u);
    EXPECT_EQ(e.diagnostics()[0].where.line, 3);
    EXPECT_NE(e.diagnostics()[0].message.find("unknown block 'ww-lt3'"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].where.line, 4);
    EXPECT_NE(e.diagnostics()[1].message.find("outside the contract period"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[2].where.line, 5);
    EXPECT_NE(e.diagnostics()[2].message.find("out of range"), std::string::npos);
  }
  EXPECT_EQ(f.reg->counts().lines, 0);
  EXPECT_EQ(f.reg->counts().imports, 0);
}

TEST(Portfolio, SemanticProblemsAreFoundBeforeAnythingIsStored) {
  Fixture f("semantic");
  std::string csv = f.write("x.csv",
                            "candidate,block,start,end,hours_per_week\n"
                            "K-1,nug,2027-01-01,2027-06-30,36\n"
                            "K-2,ww-lt3,2027-01-01,2027-06-30,36\n"
                            "K-3,nug,2026-01-01,2026-06-30,36\n");
  try {
    import_file(*f.reg, test::shipped(), csv, "ON-2027-001", false);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].where.line, 3);
    EXPECT_EQ(e.diagnostics()[1].where.line, 4);
  }
  EXPECT_EQ(f.reg->counts().lines, 0);
}

TEST(Portfolio, BsnIsRefusedOnImport) {
  Fixture f("bsn");
  std::string csv = f.write("x.csv",
                            "candidate,block,start,end,hours_per_week\n"
                            "111222333,nug,2027-01-01,2027-06-30,36\n");
  EXPECT_THROW(import_file(*f.reg, test::shipped(), csv, "ON-2027-001", false), DataError);
  EXPECT_EQ(f.reg->counts().lines, 0);
}

TEST(Portfolio, StatusCountsHoursOnceAcrossContracts) {
  // R-0003 (ww-gt1, 24 h) works Jan..Jun 2027 on ON-2027-001 (imported first) and
  // Apr..Dec 2027 on ON-2027-002. As of 2027-12-31:
  //  ON-2027-001: R-0001 € 40,000 × 12/12 = € 40,000; R-0002 € 750 × 6 = € 4,500;
  //               R-0003 € 15,000 × 24/36 × 6/12 = € 5,000 → € 49,500.
  //  ON-2027-002: R-0003 Apr..Jun: 24 of 36 h already counted → 12 h count (1/3),
  //               Jul..Dec 24 h (2/3); window from 2027-01-01 leaves 9 months:
  //               € 15,000 × (3 × 1/3 + 6 × 2/3) / 12 = € 15,000 × 5/12 = € 6,250;
  //               R-0004 nug May..Dec 2027, 32 h: € 10,000 × 32/36 × 8/12 = € 5,925.93
  //               → € 12,175.93.
  Fixture f("status");
  for (const char* c : {"ON-2027-001", "ON-2027-002", "U-2027-003"})
    import_file(*f.reg, test::shipped(), f.sample(c), c, false);
  StatusOptions o;
  o.as_of = test::d(2027, 12, 31);
  o.notes = true;
  auto rows = compute_status(*f.reg, test::shipped(), o);
  ASSERT_EQ(rows.size(), 3u);
  const ContractStatus& a = find(rows, "ON-2027-001");
  const ContractStatus& b = find(rows, "ON-2027-002");
  EXPECT_EQ(a.realised.cents(), 4'950'000);
  EXPECT_EQ(b.realised.cents(), 1'217'593);
  EXPECT_EQ(b.reduced, 1);
  EXPECT_EQ(a.reduced, 0);
  ASSERT_EQ(b.reductions.size(), 1u);
  EXPECT_NE(b.reductions[0].find("already counted on contract ON-2027-001"), std::string::npos);
  // ON-2027-001: obligation 5 % × € 1,250,000 = € 62,500; shortfall € 13,000.
  EXPECT_EQ(a.obligation.amount.cents(), 6'250'000);
  EXPECT_EQ(a.shortfall.cents(), 1'300'000);
  // Offered: € 40,000 × 24/12 + € 750 × 12 = € 89,000.
  EXPECT_EQ(a.offered.cents(), 8'900'000);
  // Forecast: 12 of 24 months elapsed → € 49,500 × 24/12 = € 99,000.
  EXPECT_EQ(a.forecast.cents(), 9'900'000);
}

TEST(Portfolio, FilterSelectsWhatIsReportedNotWhatIsCounted) {
  // Only ON-2027-002 is reported, but R-0003's hours on ON-2027-001 still count first.
  Fixture f("filter");
  for (const char* c : {"ON-2027-001", "ON-2027-002"})
    import_file(*f.reg, test::shipped(), f.sample(c), c, false);
  StatusOptions o;
  o.as_of = test::d(2027, 12, 31);
  o.filter.contract = "ON-2027-002";
  auto rows = compute_status(*f.reg, test::shipped(), o);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].realised.cents(), 1'217'593);
}

TEST(Portfolio, ContractFileNeedsABuyer) {
  Fixture f("buyer");
  std::string no_buyer = f.write("c.toml",
                                 "region = \"oost-nederland\"\nsupplier = \"S\"\n[contract]\n"
                                 "id = \"C-9\"\nvalue = \"300000\"\nstart = 2027-01-01\n"
                                 "end = 2027-12-31\n");
  try {
    add_contract_file(*f.reg, test::shipped(), no_buyer);
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("needs a top-level 'buyer'"), std::string::npos);
    EXPECT_FALSE(f.reg->contract("C-9"));
    return;
  }
  FAIL() << "expected DataError";
}

}  // namespace sroi::portfolio
