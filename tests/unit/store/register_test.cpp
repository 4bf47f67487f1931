// SPDX-License-Identifier: EUPL-1.2
#include "sroi/store/register.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "sroi/store/sha256.hpp"
#include "test_support.hpp"

namespace sroi::store {
namespace {

Offer contract_file(const std::string& id, const std::string& supplier = "S BV") {
  Offer o;
  o.region.id = "oost-nederland";
  o.buyer = "Gemeente X";
  o.supplier = supplier;
  o.contract = test::contract(1'250'000, test::d(2027, 1, 1), test::d(2028, 12, 31));
  o.contract.id = id;
  o.lines.push_back(test::months_line("werkervaringsplek", Ratio(6)));
  return o;
}

std::vector<RealisationLine> lines(int n) {
  std::vector<RealisationLine> out;
  for (int i = 0; i < n; ++i) {
    auto l = test::worked("K-" + std::to_string(n - i), "nug", test::d(2027, 1, 1),
                          test::d(2027, 6, 30), Ratio(36));
    l.where.line = i + 2;
    out.push_back(l);
  }
  return out;
}

}  // namespace

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Register, NewDatabaseIsMigratedToTheCurrentSchema) {
  Register reg(":memory:", true, "tester");
  EXPECT_EQ(reg.schema_version(), Register::kSchemaVersion);
  auto audit = reg.audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "db.migrate");
  EXPECT_EQ(audit[0].user, "tester");
  EXPECT_EQ(reg.integrity(), "ok");
}

TEST(Register, MissingDatabaseIsNotCreatedByOrdinaryCommands) {
  try {
    Register reg(::testing::TempDir() + "/no-such.db", false, "t");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("create it with 'sroi db init'"), std::string::npos);
  }
}

TEST(Register, ReopeningDoesNotMigrateAgain) {
  std::string path = ::testing::TempDir() + "/reopen.db";
  std::filesystem::remove(path);
  { Register reg(path, true, "a"); }
  Register again(path, false, "b");
  EXPECT_EQ(again.audit().size(), 1u);
}

TEST(Register, ContractWithItsOfferAndADuplicateRefused) {
  Register reg(":memory:", true, "t");
  reg.add_contract(contract_file("C-1"), "c1.toml", "h1");
  auto c = reg.contract("C-1");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->contract.value.cents(), 125'000'000);
  EXPECT_EQ(c->buyer, "Gemeente X");
  EXPECT_EQ(reg.latest_offers()["C-1"].size(), 1u);
  EXPECT_EQ(reg.latest_offers()["C-1"][0].quantities.months->value, Ratio(6));
  EXPECT_THROW(reg.add_contract(contract_file("C-1", "Other"), "x.toml", "h2"), StoreError);
  EXPECT_EQ(reg.contract("C-1")->supplier, "S BV");
  EXPECT_EQ(reg.counts().contracts, 1);
}

TEST(Register, ImportIsRefusedTwiceUnlessReplaced) {
  Register reg(":memory:", true, "t");
  reg.add_contract(contract_file("C-1"), "c1.toml", "h1");
  reg.import_lines("C-1", lines(3), "r.csv", "hash-r", false);
  try {
    reg.import_lines("C-1", lines(3), "r-copy.csv", "hash-r", false);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("was already imported for contract 'C-1'"),
              std::string::npos);
  }
  EXPECT_EQ(reg.counts().lines, 3);
  ImportOutcome r = reg.import_lines("C-1", lines(2), "r.csv", "hash-r", true);
  EXPECT_EQ(r.replaced_rows, 3u);
  EXPECT_EQ(reg.counts().lines, 2);
  EXPECT_EQ(reg.audit().back().action, "import.replace");
}

TEST(Register, ImportIntoAnUnknownContractChangesNothing) {
  Register reg(":memory:", true, "t");
  EXPECT_THROW(reg.import_lines("nope", lines(2), "r.csv", "h", false), StoreError);
  EXPECT_EQ(reg.counts().imports, 0);
  EXPECT_EQ(reg.counts().lines, 0);
}

TEST(Register, LinesStreamByCandidateThenRegistration) {
  Register reg(":memory:", true, "t");
  reg.add_contract(contract_file("C-1"), "c1.toml", "h1");
  reg.import_lines("C-1", lines(3), "r.csv", "h", false);  // K-3, K-2, K-1
  std::vector<std::string> order;
  reg.for_each_line_by_candidate([&](LineRecord&& r) {
    order.push_back(r.line.candidate);
    EXPECT_EQ(r.line.quantities.hours_per_week->value, Ratio(36));
    EXPECT_EQ(r.line.end, test::d(2027, 6, 30));
  });
  EXPECT_EQ(order, (std::vector<std::string>{"K-1", "K-2", "K-3"}));
}

TEST(Register, AuditLogIsAppendOnly) {
  std::string path = ::testing::TempDir() + "/audit.db";
  std::filesystem::remove(path);
  Register reg(path, true, "t");
  reg.add_contract(contract_file("C-1"), "c1.toml", "h1");
  EXPECT_EQ(reg.audit().back().action, "offer.save");
  EXPECT_EQ(reg.audit()[1].action, "contract.add");
  EXPECT_EQ(reg.audit()[1].file, "c1.toml");
  EXPECT_EQ(reg.audit()[1].hash, "h1");
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("UPDATE audit_log SET user_name = 'mallory'"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM audit_log"), SQLite::Exception);
  EXPECT_EQ(reg.audit()[1].user, "t");
}

TEST(Register, NewerSchemaIsRefused) {
  std::string path = ::testing::TempDir() + "/newer.db";
  std::filesystem::remove(path);
  { Register reg(path, true, "t"); }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 99");
  }
  try {
    Register reg(path, false, "t");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("has schema version 99, newer than this sroi (1)"),
              std::string::npos);
  }
}

}  // namespace sroi::store
