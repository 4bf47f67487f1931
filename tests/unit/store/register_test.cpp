// SPDX-License-Identifier: EUPL-1.2
#include "sroi/store/register.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "scratch.hpp"
#include "sroi/store/hash.hpp"
#include "sroi/store/kpi_lines.hpp"
#include "test_support.hpp"

namespace sroi::store {
namespace {

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
  Register reg(":memory:", Register::Access::Create, "tester");
  EXPECT_EQ(reg.schema_version(), Register::kSchemaVersion);
  auto audit = reg.audit();
  ASSERT_EQ(audit.size(), static_cast<std::size_t>(Register::kSchemaVersion));  // one per step
  EXPECT_EQ(audit[0].action, "db.migrate");
  EXPECT_EQ(audit[0].user, "tester");
  EXPECT_TRUE(reg.integrity().empty());
}

TEST(Register, InitKnowsWhetherItMadeMigratedOrFoundTheRegister) {
  // `sroi db init` says "aangemaakt", "bijgewerkt van schemaversie 14 naar 15" or "is al bij"
  // from the version the store had when it was opened.
  test::Scratch scratch("register-opened-version");
  const std::string path = scratch.dir() + "/sroi.db";
  {
    Register made(path, Register::Access::Create, "tester");
    EXPECT_EQ(made.opened_version(), 0);
  }
  {
    Register again(path, Register::Access::Create, "tester");
    EXPECT_EQ(again.opened_version(), Register::kSchemaVersion);
  }
  // A register one schema behind (its last migration, 14 -> 15, gave the figures the models'
  // print).
  SQLite::Database(path, SQLite::OPEN_READWRITE)
      .exec("ALTER TABLE figures_meta DROP COLUMN models; PRAGMA user_version = " +
            std::to_string(Register::kSchemaVersion - 1));
  Register migrated(path, Register::Access::Create, "tester");
  EXPECT_EQ(migrated.opened_version(), Register::kSchemaVersion - 1);
  EXPECT_EQ(migrated.schema_version(), Register::kSchemaVersion);
  auto audit = migrated.audit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "db.migrate");
  EXPECT_NE(audit.back().detail.find("\"to_version\":" + std::to_string(Register::kSchemaVersion)),
            std::string::npos)
      << audit.back().detail;
}

TEST(Register, MissingDatabaseIsNotCreatedByOrdinaryCommands) {
  auto e = test::thrown<StoreError>([&] {
    Register reg(::testing::TempDir() + "/no-such.db", Register::Access::ReadWrite, "t");
  });
  ASSERT_TRUE(e) << "expected StoreError";
  // The register names what to do; the command line words it ("create it with sroi db init").
  EXPECT_NE(test::said(*e).find("does not exist"), std::string::npos);
  EXPECT_EQ(e->remedy(), Remedy::CreateRegister);
}

TEST(Register, ReopeningDoesNotMigrateAgain) {
  std::string path = ::testing::TempDir() + "/reopen.db";
  std::filesystem::remove(path);
  { Register reg(path, Register::Access::Create, "a"); }
  Register again(path, Register::Access::ReadWrite, "b");
  EXPECT_EQ(again.audit().size(), static_cast<std::size_t>(Register::kSchemaVersion));
}

TEST(Register, ContractWithItsOfferAndADuplicateRefused) {
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  auto c = reg.contract("C-1");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->contract.value.cents(), 125'000'000);
  EXPECT_EQ(c->buyer, "Gemeente X");
  EXPECT_EQ(reg.latest_offers()["C-1"].size(), 1u);
  EXPECT_EQ(reg.latest_offers()["C-1"][0].quantities.months->value, Ratio(6));
  EXPECT_THROW(reg.add_contract(test::contract_offer("C-1", "Other"), "x.toml", "h2"), StoreError);
  EXPECT_EQ(reg.contract("C-1")->supplier, "S BV");
  EXPECT_EQ(reg.counts().contracts, 1);
}

TEST(Register, ABatchOfContractsKeepsThoseAroundOneRefused) {
  // A folder of contracts is one batch: C-2, C-1 again (refused: it exists), C-3. The refused
  // one rolls back to its savepoint only; the other two are stored with their offers and
  // audit entries, and the audit chain still holds.
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  std::size_t entries = reg.audit().size();
  reg.begin_batch();
  reg.add_contract(test::contract_offer("C-2"), "c2.toml", "h2");
  EXPECT_THROW(reg.add_contract(test::contract_offer("C-1", "Other"), "x.toml", "hx"), StoreError);
  reg.add_contract(test::contract_offer("C-3"), "c3.toml", "h3");
  reg.commit_batch();
  EXPECT_EQ(reg.counts().contracts, 3);
  EXPECT_EQ(reg.contract("C-1")->supplier, "S BV");
  EXPECT_EQ(reg.latest_offers()["C-3"].size(), 1u);
  EXPECT_EQ(reg.audit().size(), entries + 4) << "contract.add and offer.save for C-2 and C-3";
  EXPECT_FALSE(reg.verify_audit()) << "no break in the chain";
}

TEST(Register, TheSameFileTwiceIsRefused) {
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  reg.import_lines("C-1", lines(3), "r.csv", "hash-r", ImportMode::Add);
  auto e = test::thrown<ImportRefused>(
      [&] { reg.import_lines("C-1", lines(3), "r-copy.csv", "hash-r", ImportMode::Add); });
  ASSERT_TRUE(e) << "expected ImportRefused";
  EXPECT_NE(test::said(*e).find("already imported for contract 'C-1' (as import 1, "
                                "r.csv"),
            std::string::npos);
  EXPECT_EQ(e->remedy(), Remedy::ReplaceSameFile);
  EXPECT_EQ(reg.counts().lines, 3);
}

TEST(Register, ACumulativeFileIsRefusedWithTheRepeatedRows) {
  // Q1 delivers K-3..K-1; Q2 the whole list again plus K-4. Without --replace the register
  // would hold K-3..K-1 twice: refused, each repeated row at its line, with the hint.
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  auto q1 = lines(3);
  for (auto& l : q1) l.where.file = "q1.csv";
  reg.import_lines("C-1", q1, "q1.csv", "hash-q1", ImportMode::Add);
  auto q2 = lines(4);  // K-4, K-3, K-2, K-1 at lines 2..5
  for (auto& l : q2) l.where.file = "q2.csv";
  auto e = test::thrown<ImportRefused>(
      [&] { reg.import_lines("C-1", q2, "q2.csv", "hash-q2", ImportMode::Add); });
  ASSERT_TRUE(e) << "expected ImportRefused";
  ASSERT_EQ(e->diagnostics().size(), 4u);  // three rows and the summary
  EXPECT_EQ(test::en_at(e->diagnostics()[0]),
            "q2.csv:3: error: row repeats a stored row of contract 'C-1' (q1.csv, row 2)");
  EXPECT_NE(test::en(e->diagnostics()[3]).find("3 of 4 rows are already stored"),
            std::string::npos);
  EXPECT_EQ(e->remedy(), Remedy::ReplaceRepeatedRows);
  EXPECT_EQ(reg.counts().lines, 3);
  EXPECT_EQ(reg.counts().imports, 1);
}

TEST(Register, ReplaceMakesTheFileTheContractsCompleteList) {
  // Two earlier imports (q1: K-3..K-1, extra: K-9) make way for q2 (K-4..K-1) in one
  // transaction; the audit entry names what was replaced, with counts and hashes.
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  reg.add_contract(test::contract_offer("C-2"), "c2.toml", "h2");
  reg.import_lines("C-1", lines(3), "q1.csv", "hash-q1", ImportMode::Add);
  auto extra = lines(1);
  extra[0].candidate = "K-9";
  reg.import_lines("C-1", extra, "extra.csv", "hash-x", ImportMode::Add);
  reg.import_lines("C-2", lines(2), "other.csv", "hash-o", ImportMode::Add);
  ImportOutcome r = reg.import_lines("C-1", lines(4), "q2.csv", "hash-q2", ImportMode::Replace);
  EXPECT_EQ(r.replaced_rows, 4u);
  EXPECT_EQ(r.replaced_imports, 2u);
  EXPECT_EQ(reg.line_counts()["C-1"], 4);
  EXPECT_EQ(reg.line_counts()["C-2"], 2);  // another contract is untouched
  AuditEntry last = reg.audit().back();
  EXPECT_EQ(last.action, "import.replace");
  // Facts, not a sentence: any edge words them, a tool reads them.
  EXPECT_EQ(last.detail, R"({"replaced":[{"file":"q1.csv","import":1,"rows":3,"sha256":"hash-q1"},)"
                         R"({"file":"extra.csv","import":2,"rows":1,"sha256":"hash-x"}],)"
                         R"("replaced_rows":4,"rows":4})");
  auto imports = reg.imports(std::string("C-1"));
  ASSERT_EQ(imports.size(), 3u);
  EXPECT_FALSE(imports[0].in_force());
  EXPECT_EQ(imports[0].replaced_by, r.import_id);
  EXPECT_TRUE(imports[2].in_force());
  // Replacing again with the same file is allowed: it is still the complete list.
  EXPECT_EQ(
      reg.import_lines("C-1", lines(4), "q2.csv", "hash-q2", ImportMode::Replace).replaced_rows,
      4u);
  EXPECT_EQ(reg.line_counts()["C-1"], 4);
}

TEST(Register, RemovingAnImportTakesItsRowsOutAndIsAudited) {
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  reg.import_lines("C-1", lines(3), "q1.csv", "hash-q1", ImportMode::Add);
  auto extra = lines(1);
  extra[0].candidate = "K-9";
  int64_t second = reg.import_lines("C-1", extra, "extra.csv", "hash-x", ImportMode::Add).import_id;
  ImportRecord removed = reg.remove_import(second);
  EXPECT_EQ(removed.source_file, "extra.csv");
  EXPECT_EQ(reg.counts().lines, 3);
  EXPECT_EQ(reg.audit().back().action, "import.remove");
  EXPECT_EQ(reg.audit().back().detail, R"({"import":2,"rows_removed":1})");
  EXPECT_FALSE(reg.imports(std::nullopt)[1].in_force());
  EXPECT_THROW(reg.remove_import(second), StoreError);  // already removed
  EXPECT_THROW(reg.remove_import(99), StoreError);
  // After removal the same file may be imported again (it is no longer stored).
  EXPECT_EQ(reg.import_lines("C-1", extra, "extra.csv", "hash-x", ImportMode::Add).rows, 1u);
}

TEST(Register, CertificatesAndPenaltyClauseAreStored) {
  Register reg(":memory:", Register::Access::Create, "t");
  Offer o = test::contract_offer("C-1");
  o.pso = {{PsoLevel::Trede2, test::d(2026, 10, 1), test::d(2028, 9, 30), {}},
           {PsoLevel::Trede1, std::nullopt, test::d(2030, 9, 30), {}}};
  o.contract.penalty = PenaltyRule{PenaltyKind::ShortfallFactor, Ratio(3, 2), {}};
  reg.add_contract(o, "c1.toml", "h1");
  auto c = reg.contract("C-1");
  ASSERT_EQ(c->pso.size(), 2u);
  EXPECT_EQ(c->pso[0].issued, test::d(2026, 10, 1));
  EXPECT_FALSE(c->pso[1].issued);
  EXPECT_EQ(c->pso[1].level, PsoLevel::Trede1);
  ASSERT_TRUE(c->contract.penalty);
  EXPECT_EQ(c->contract.penalty->kind, PenaltyKind::ShortfallFactor);
  EXPECT_EQ(c->contract.penalty->factor, Ratio(3, 2));
  EXPECT_EQ(reg.contracts()[0].pso.size(), 2u);
}

TEST(Register, ContractsNamedReadsOnlyThoseThatExist) {
  // An import of a few files reads only the contracts they name: each once however often it
  // is named, an unknown id left out, and each with its certificates.
  Register reg(":memory:", Register::Access::Create, "t");
  Offer o = test::contract_offer("C-1");
  o.pso = {{PsoLevel::Trede2, test::d(2026, 10, 1), test::d(2028, 9, 30), {}}};
  reg.add_contract(o, "c1.toml", "h1");
  reg.add_contract(test::contract_offer("C-2"), "c2.toml", "h2");
  reg.add_contract(test::contract_offer("C-3"), "c3.toml", "h3");
  auto found = reg.contracts_named({"C-3", "nope", "C-1", "C-3"});
  std::map<std::string, std::size_t> certificates;
  for (const auto& c : found) certificates[c.contract.id] = c.pso.size();
  EXPECT_EQ(found.size(), 2u);
  EXPECT_EQ(certificates, (std::map<std::string, std::size_t>{{"C-1", 1u}, {"C-3", 0u}}));
  EXPECT_TRUE(reg.contracts_named({}).empty());
}

TEST(Register, ImportIntoAnUnknownContractChangesNothing) {
  Register reg(":memory:", Register::Access::Create, "t");
  auto e = test::thrown<StoreError>(
      [&] { reg.import_lines("nope", lines(2), "r.csv", "h", ImportMode::Add); });
  ASSERT_TRUE(e) << "expected StoreError";
  EXPECT_EQ(test::en(e->message()), "unknown contract 'nope'");
  EXPECT_EQ(reg.counts().imports, 0);
  EXPECT_EQ(reg.counts().lines, 0);
  // Inside a batch the refused file leaves the accepted one before it as it was: that one's
  // import row, lines and audit entry are written when the batch commits.
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  const int64_t entries = reg.counts().audit;
  reg.begin_batch();
  reg.import_lines("C-1", lines(3), "r1.csv", "h1", ImportMode::Add);
  EXPECT_THROW(reg.import_lines("nope", lines(2), "r.csv", "h", ImportMode::Add), StoreError);
  reg.commit_batch();
  EXPECT_EQ(reg.counts().imports, 1);
  EXPECT_EQ(reg.counts().lines, 3);
  EXPECT_EQ(reg.counts().audit, entries + 1);
  EXPECT_FALSE(reg.verify_audit()) << "no break in the chain";
}

TEST(Register, LinesStreamByCandidateThenRegistration) {
  Register reg(":memory:", Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  reg.import_lines("C-1", lines(3), "r.csv", "h", ImportMode::Add);  // K-3, K-2, K-1
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
  Register reg(path, Register::Access::Create, "t");
  reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  EXPECT_EQ(reg.audit().back().action, "offer.save");
  const std::size_t add = Register::kSchemaVersion;  // after the migration entries
  EXPECT_EQ(reg.audit()[add].action, "contract.add");
  EXPECT_EQ(reg.audit()[add].file, "c1.toml");
  EXPECT_EQ(reg.audit()[add].hash, "h1");
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("UPDATE audit_log SET user_name = 'mallory'"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM audit_log"), SQLite::Exception);
  EXPECT_EQ(reg.audit()[add].user, "t");
}

TEST(Register, AuditLogIsAChainThatNamesTheFirstBrokenEntry) {
  // Each entry stores the previous entry's hash and a hash over its own content and that.
  std::string path = ::testing::TempDir() + "/chain.db";
  std::filesystem::remove(path);
  {
    Register reg(path, Register::Access::Create, "t");
    reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
    reg.import_lines("C-1", lines(2), "r.csv", "hash-r", ImportMode::Add);
    int64_t n = 0;
    EXPECT_FALSE(reg.verify_audit(&n));
    EXPECT_EQ(n, static_cast<int64_t>(reg.audit().size()));
  }
  const int64_t migrate = Register::kSchemaVersion;  // entries 1..3: the migrations
  {
    // INSERT OR REPLACE rewrote an entry past the triggers; now it is refused.
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("INSERT OR REPLACE INTO audit_log(id, at, user_name, action, entity, "
                          "detail) VALUES (1, 'x', 'mallory', 'db.init', 'x', 'x')"),
                 SQLite::Exception);
    // With the guards dropped, a change is found at the changed entry.
    raw.exec("DROP TRIGGER audit_log_no_update");
    raw.exec("UPDATE audit_log SET user_name = 'mallory' WHERE id = " +
             std::to_string(migrate + 1));
  }
  {
    Register reg(path, Register::Access::ReadOnly, "t");
    auto broken = reg.verify_audit();
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->entry, migrate + 1);
    EXPECT_EQ(test::en(broken->why), "its content does not match its hash (it was changed)");
  }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE audit_log SET user_name = 't' WHERE id = " + std::to_string(migrate + 1));
    raw.exec("DROP TRIGGER audit_log_no_delete");
    raw.exec("DELETE FROM audit_log WHERE id = " + std::to_string(migrate + 2));
  }
  Register reg(path, Register::Access::ReadOnly, "t");
  auto broken = reg.verify_audit();
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->entry, migrate + 2);
  EXPECT_EQ(test::en(broken->why), "entries " + std::to_string(migrate + 2) + " to " +
                                       std::to_string(migrate + 2) + " are missing");
}

TEST(Register, MigrationChainsTheEntriesWrittenBeforeTheChain) {
  // A schema-2 register (no chain columns) with entries: 'db init' migrates it and chains
  // every earlier entry; the chain then verifies.
  std::string path = ::testing::TempDir() + "/unchained.db";
  std::filesystem::remove(path);
  {
    Register reg(path, Register::Access::Create, "t");
    reg.add_contract(test::contract_offer("C-1"), "c1.toml", "h1");
  }
  std::size_t before = 0;
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TABLE kpi_lines");  // added by schema 14
    raw.exec("DROP TABLE kept_days");  // added by schema 11
    raw.exec("DROP TABLE kept_figures");
    raw.exec("DROP TABLE line_reviews");                         // added by schema 10
    raw.exec("ALTER TABLE contracts DROP COLUMN report_every");  // added by schema 9
    raw.exec("ALTER TABLE contracts DROP COLUMN grace_days");
    raw.exec("DROP TABLE notices_sent");
    raw.exec("DROP TABLE settlements");
    raw.exec("ALTER TABLE contracts DROP COLUMN count_rule");
    raw.exec("ALTER TABLE imports DROP COLUMN review");
    raw.exec("ALTER TABLE imports DROP COLUMN reviewed_by");
    raw.exec("ALTER TABLE imports DROP COLUMN reviewed_at");
    raw.exec("ALTER TABLE imports DROP COLUMN review_reason");
    raw.exec("ALTER TABLE contracts DROP COLUMN description");  // added by schema 8
    raw.exec("DROP TABLE figures_meta");                        // added by schema 7
    raw.exec("DROP TABLE contract_figures");
    raw.exec("DROP TABLE candidates");
    raw.exec("DROP INDEX lines_by_candidate");
    raw.exec("ALTER TABLE realisation_lines DROP COLUMN value_cents");
    raw.exec("ALTER TABLE realisation_lines DROP COLUMN figure_flags");
    raw.exec("CREATE INDEX lines_by_candidate ON realisation_lines(candidate, id)");
    raw.exec("DROP TRIGGER audit_log_append_only");
    raw.exec("ALTER TABLE audit_log DROP COLUMN entry_hash");
    raw.exec("ALTER TABLE audit_log DROP COLUMN prev_hash");
    raw.exec("DROP TABLE audit_head");  // added by schema 6
    raw.exec("ALTER TABLE audit_log DROP COLUMN rows_of");
    raw.exec("ALTER TABLE audit_log DROP COLUMN rows_hash");
    raw.exec("ALTER TABLE audit_log DROP COLUMN keyed");
    raw.exec("ALTER TABLE realisation_lines DROP COLUMN row_hash");
    raw.exec("DROP TABLE evidence");    // added by schema 5
    raw.exec("DROP TABLE api_tokens");  // added by schema 4
    raw.exec("DROP TABLE users");
    raw.exec("PRAGMA user_version = 2");
    before = static_cast<std::size_t>(raw.execAndGet("SELECT COUNT(*) FROM audit_log").getInt());
  }
  EXPECT_THROW(Register(path, Register::Access::ReadOnly, "t"), StoreError);  // run db init
  Register reg(path, Register::Access::Create, "t");
  // and the migrations themselves: 2 → 3 … 8 → 9
  EXPECT_EQ(reg.audit().size(), before + static_cast<std::size_t>(Register::kSchemaVersion - 2));
  EXPECT_FALSE(reg.verify_audit());
}

TEST(Register, NewerSchemaIsRefused) {
  std::string path = ::testing::TempDir() + "/newer.db";
  std::filesystem::remove(path);
  { Register reg(path, Register::Access::Create, "t"); }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 99");
  }
  auto e = test::thrown<StoreError>([&] { Register reg(path, Register::Access::ReadWrite, "t"); });
  ASSERT_TRUE(e) << "expected StoreError";
  EXPECT_NE(test::said(*e).find("has schema version 99, newer than this sroi (" +
                                std::to_string(Register::kSchemaVersion) + ")"),
            std::string::npos);
}

TEST(KpiLines, ACandidatesLinesPackedReadBackAsTheyWere) {
  // Three lines of one candidate: two in C-1 (the contract packed once for both), one in C-22;
  // 32.5 h a week (65/2), a line without hours, bonuses, a negative figure (a correction),
  // a provisional and a reduced one, and a line without a figure (no region).
  std::string c1 = "C-1", c22 = "C-22";
  RealisationLine a, b, c;
  a.block = "participatiewet";
  a.start = Date{2027, 1, 1}, a.end = Date{2027, 6, 30};
  a.quantities.hours_per_week = Given<Ratio>{Ratio(65, 2)};
  a.quantities.bonuses = {Given<std::string>{"vast-contract"}, Given<std::string>{"plus-50"}};
  b.block = "social-purchasing";
  b.start = b.end = Date{2026, 12, 31};
  c.block = "ww";
  c.start = Date{2028, 2, 29}, c.end = Date{2027, 2, 28};  // as stored, even back to front
  c.quantities.hours_per_week = Given<Ratio>{Ratio(36)};
  std::vector<LineRef> refs{{7, &c1, &a}, {9, &c1, &b}, {1'000'000'123, &c22, &c}};
  std::vector<std::optional<LineFigure>> figures{LineFigure{-12'345, true, false},
                                                 LineFigure{250'000, false, true}, std::nullopt};
  std::string packed = pack_kpi_lines(refs, figures);
  std::vector<KpiLine> lines(5);  // reused: the extra ones go
  unpack_kpi_lines(packed, lines);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].id, 7);
  EXPECT_EQ(lines[1].id, 9);
  EXPECT_EQ(lines[2].id, 1'000'000'123);
  EXPECT_EQ(lines[0].contract, "C-1");
  EXPECT_EQ(lines[1].contract, "C-1");
  EXPECT_EQ(lines[2].contract, "C-22");
  EXPECT_EQ(lines[0].block, "participatiewet");
  EXPECT_EQ(lines[0].start, Date(2027, 1, 1).days_since_epoch());
  EXPECT_EQ(lines[0].end, Date(2027, 6, 30).days_since_epoch());
  EXPECT_EQ(lines[2].start, Date(2028, 2, 29).days_since_epoch());
  EXPECT_EQ(lines[2].end, Date(2027, 2, 28).days_since_epoch());
  EXPECT_EQ(lines[0].hours_per_week, Ratio(65, 2));
  EXPECT_FALSE(lines[1].hours_per_week);
  EXPECT_EQ(lines[2].hours_per_week, Ratio(36));
  ASSERT_EQ(lines[0].bonuses.size(), 2u);
  EXPECT_EQ(lines[0].bonuses[1], "plus-50");
  EXPECT_TRUE(lines[1].bonuses.empty());
  EXPECT_EQ(lines[0].figure, (LineFigure{-12'345, true, false}));
  EXPECT_EQ(lines[1].figure, (LineFigure{250'000, false, true}));
  EXPECT_FALSE(lines[2].figure);
  // Text that PostgreSQL sends as it is: printable, as the ids it holds are.
  for (char ch : packed) EXPECT_TRUE(ch >= ' ' && ch <= '~') << static_cast<int>(ch);
  // The contract is written once per run of lines: shorter than writing it each time.
  EXPECT_EQ(packed.find("C-1"), packed.rfind("C-1"));
  // Every row cut short is refused (also between lines: the row says how many it holds), and
  // so is one with more than it says; none is read in part.
  for (std::size_t n = 0; n < packed.size(); ++n) {
    auto cut = packed.substr(0, n);
    EXPECT_TRUE(test::thrown<StoreError>([&] { unpack_kpi_lines(cut, lines); })) << "cut at " << n;
  }
  EXPECT_TRUE(test::thrown<StoreError>([&] { unpack_kpi_lines(packed + "x", lines); }))
      << "a byte more";
  EXPECT_TRUE(test::thrown<StoreError>([&] { unpack_kpi_lines("\x02", lines); }))
      << "another version";
}

}  // namespace sroi::store
