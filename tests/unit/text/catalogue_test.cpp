// SPDX-License-Identifier: EUPL-1.2
#include "sroi/text/catalogue.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <set>

#include "sroi/msg/calc.hpp"
#include "sroi/msg/cli_register.hpp"
#include "sroi/msg/config_common.hpp"
#include "sroi/msg/harmonise.hpp"
#include "sroi/msg/io.hpp"
#include "sroi/msg/register.hpp"
#include "sroi/msg/words.hpp"
#include "sroi/xlsx/labels.hpp"

namespace sroi {
namespace {

/// The placeholders a text uses: {0}, {1}, … as a set of numbers.
std::set<int> placeholders(const std::string& t) {
  std::set<int> out;
  for (std::size_t i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1)) {
    std::size_t close = t.find('}', i);
    if (close == std::string::npos) break;
    out.insert(std::stoi(t.substr(i + 1, close - i - 1)));
  }
  return out;
}

TEST(Catalogue, EveryIdHasOneEntryWithBothLanguagesAndTheSamePlaceholders) {
  // The tables are generated from lib/sroi/text/messages/*.toml, one per area: each entry sits
  // at its own id, and a key is used once in all of them.
  auto areas = text::catalogue();
  ASSERT_GT(areas.size(), 20u);
  std::set<std::string> keys;
  std::size_t count = 0;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    EXPECT_FALSE(areas[a].empty()) << "area " << a << " has no messages";
    for (std::size_t i = 0; i < areas[a].size(); ++i) {
      const text::Entry& e = areas[a][i];
      SCOPED_TRACE(e.key ? e.key : "(no key)");
      EXPECT_EQ(e.id, (MsgId{static_cast<std::uint16_t>(a), static_cast<std::uint16_t>(i)}))
          << "an entry sits at its id";
      EXPECT_EQ(&text::entry(e.id), &e);
      ASSERT_NE(e.key, nullptr);
      EXPECT_TRUE(keys.insert(e.key).second) << "key used twice";
      ASSERT_NE(e.nl, nullptr);
      ASSERT_NE(e.en, nullptr);
      EXPECT_STRNE(e.nl, "") << "no Dutch text";
      EXPECT_STRNE(e.en, "") << "no English text";
      EXPECT_EQ(placeholders(e.nl), placeholders(e.en)) << "nl: " << e.nl << "\nen: " << e.en;
      ++count;
    }
  }
  EXPECT_GT(count, 1000u);
  EXPECT_STREQ(text::entry(Msg::Value).key, "value");
  EXPECT_THROW(text::entry(MsgId{static_cast<std::uint16_t>(areas.size()), 0}), Error);
  EXPECT_THROW(text::entry(MsgId{0, static_cast<std::uint16_t>(areas[0].size())}), Error);
}

TEST(Catalogue, ArgumentsAreWrittenInTheLanguage) {
  // The same facts, in both languages: decimals with a comma in Dutch, counts with their
  // singular or plural unit, money in the Dutch euro format in both.
  Message m =
      msg(Msg::HoursFactorIs, Decimal{Ratio(65, 2)}, Decimal{Ratio(36)}, Decimal{Ratio(65, 72)});
  EXPECT_EQ(text::say(m, Lang::En), "32.5 of 36 hours a week (full time) = 0.9027…");
  EXPECT_EQ(text::say(m, Lang::Nl), "32,5 van 36 uur per week (voltijd) = 0,9027…");
  EXPECT_EQ(text::amount(Ratio(1), Counted::Years, Lang::En), "1 year");
  EXPECT_EQ(text::amount(Ratio(3, 2), Counted::Years, Lang::En), "1.5 years");
  EXPECT_EQ(text::amount(Ratio(3), Counted::Months, Lang::Nl), "3 maanden");
  EXPECT_EQ(text::amount(Ratio(1), Counted::Activities, Lang::En), "1 activity");
  Message nested = msg(Msg::StopsAt, phrase(msg(Msg::WordContractEnd)), Date{2027, 12, 31});
  EXPECT_EQ(text::say(nested, Lang::En), "stops at the contract end 2027-12-31");
  // A day as its reader writes it: ISO in English, day-month-year in Dutch.
  EXPECT_EQ(text::say(nested, Lang::Nl), "stopt bij het einde van het contract 31-12-2027");
  EXPECT_EQ(text::say(Arg(Date{2027, 3, 1}), Lang::Nl), "1-3-2027");
  PhraseList factors{
      PhraseList::Join::Times,
      {msg(Msg::Value, Money::cents(1'500'000)), msg(Msg::Value, Fraction{Ratio(5, 6)})}};
  EXPECT_EQ(text::say(msg(Msg::ValueFormula, factors, Money::cents(1'250'000)), Lang::En),
            "€ 15.000,00 × 5/6 = € 12.500,00");
}

TEST(Catalogue, LargeNumbersAreGroupedByThousandsButAnIdIsNot) {
  // A count of things, or a decimal's whole part, from five digits on in groups of three, as
  // its reader writes it (a point in Dutch, a comma in English); up to 9999 without (Dutch
  // writes "2027 regels"). An id or row number (a plain whole number) is shown as the reader
  // types it back.
  EXPECT_EQ(text::say(Arg(Count{9999}), Lang::Nl), "9999");
  EXPECT_EQ(text::say(Arg(Count{10000}), Lang::Nl), "10.000");
  EXPECT_EQ(text::say(Arg(Count{144330}), Lang::En), "144,330");
  EXPECT_EQ(text::say(Arg(Count{-1234567}), Lang::Nl), "-1.234.567");
  EXPECT_EQ(text::say(Arg(int64_t{20001}), Lang::Nl), "20001");
  EXPECT_EQ(text::amount(Ratio(1'000'000), Counted::Lines, Lang::Nl), "1.000.000 regels");
  EXPECT_EQ(text::amount(Ratio(20001, 2), Counted::Hours, Lang::Nl), "10.000,5 uur");
  EXPECT_EQ(text::say(Arg(Decimal{Ratio(64851819, 10), 1}), Lang::Nl), "6.485.181,9");
  EXPECT_EQ(text::say(Arg(Decimal{Ratio(64851819, 10), 1}), Lang::En), "6,485,181.9");
  EXPECT_EQ(text::say(Arg(Decimal{Ratio(-12345)}), Lang::Nl), "-12.345");
  EXPECT_EQ(text::say(Arg(Decimal{Ratio(1234, 10)}), Lang::Nl), "123,4");
  Message m =
      msg(Msg::FiguresRevalued, Date{2027, 12, 31}, Count{195463}, Count{995364}, Count{701112});
  EXPECT_EQ(text::say(m, Lang::Nl),
            "cijfers opnieuw gewaardeerd tot en met 31-12-2027: 195.463 kandidaten, 995.364 "
            "regels, 701.112 cijfers gewijzigd");
}

TEST(Catalogue, ListsJoinAsTheirKindSays) {
  PhraseList parts{PhraseList::Join::Semicolon, {msg(Msg::NoteBaseMostCommon), msg(Msg::Negative)}};
  EXPECT_EQ(text::say(Arg(parts), Lang::En), "base: the most common among the regions; negative");
  PhraseList three = listed({"a", "b", "c"});
  three.join = PhraseList::Join::And;
  EXPECT_EQ(text::say(Arg(three), Lang::Nl), "a, b en c");
}

TEST(Catalogue, AProblemIsWordedWithItsPlaceInEitherLanguage) {
  // The library gives the place and the facts; the words, "error"/"fout" included, come here.
  Diagnostic d{SourceLocation{"offer.toml", 12, 3},
               msg(Msg::UnknownBlockInRegion, as_is("ww-lt3"), as_is("oost-nederland V05"),
                   as_is("ww-lt1, ww-gt1"))};
  EXPECT_EQ(text::say(d, Lang::En),
            "offer.toml:12:3: error: unknown block 'ww-lt3' in region oost-nederland V05 "
            "(known: ww-lt1, ww-gt1)");
  EXPECT_EQ(text::say(d, Lang::Nl),
            "offer.toml:12:3: fout: onbekend bouwblok 'ww-lt3' in regio oost-nederland V05 "
            "(bekend: ww-lt1, ww-gt1)");
  Diagnostic nowhere{SourceLocation{}, msg(Msg::CannotOpenFile)};
  EXPECT_EQ(text::say(nowhere, Lang::Nl), "fout: kan het bestand niet openen");
  // An error's debugging form names the id and its literal arguments, never a sentence.
  Error e(msg(Msg::UnknownContract, as_is("C-1")));
  EXPECT_EQ(std::string(e.what()), "sroi message " + std::to_string(Msg::UnknownContract.area) +
                                       "." + std::to_string(Msg::UnknownContract.index) + " (C-1)");
}

}  // namespace
}  // namespace sroi

namespace sroi {

TEST(Catalogue, EveryWorkbookLabelIsFilledInBothLanguages) {
  // Labels is a struct of text pointers, each taken from the catalogue by id: a field added
  // without its id stays empty, and this fails.
  static_assert(sizeof(xlsx::Labels) % sizeof(const char*) == 0);
  constexpr std::size_t n = sizeof(xlsx::Labels) / sizeof(const char*);
  for (Lang lang : {Lang::Nl, Lang::En}) {
    const char* fields[n];
    std::memcpy(fields, &xlsx::labels(lang), sizeof fields);
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_NE(fields[i], nullptr) << "label " << i;
      EXPECT_STRNE(fields[i], "") << "label " << i;
    }
  }
  EXPECT_STREQ(xlsx::labels(Lang::Nl).summary, "Samenvatting");
  EXPECT_STREQ(xlsx::labels(Lang::En).summary, "Summary");
}

}  // namespace sroi

namespace sroi::text {

TEST(Catalogue, AStoredMomentIsShownInLocalTime) {
  // 07:16 UTC on 5 December 2026 is 08:16 in Amsterdam (winter time, UTC+1): Dutch writes the
  // day as d-m-jjjj, English as yyyy-mm-dd; text that is not such a moment stays as it is.
  const char* old = std::getenv("TZ");
  std::string keep = old ? old : "";
  setenv("TZ", "Europe/Amsterdam", 1);
  tzset();
  EXPECT_EQ(local_time("2026-12-05T07:16:09Z", Lang::Nl), "5-12-2026 08:16");
  EXPECT_EQ(local_time("2026-12-05T07:16:09Z", Lang::En), "2026-12-05 08:16");
  EXPECT_EQ(local_time("2026-07-01T22:30:00Z", Lang::Nl), "2-7-2026 00:30");  // summer: +2
  EXPECT_EQ(local_time("yesterday", Lang::Nl), "yesterday");
  if (old)
    setenv("TZ", keep.c_str(), 1);
  else
    unsetenv("TZ");
  tzset();
}

}  // namespace sroi::text
