// SPDX-License-Identifier: EUPL-1.2
#include "sroi/text/catalogue.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <set>

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
  auto entries = text::catalogue();
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(Msg::Count_));
  std::set<std::string> keys;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const text::Entry& e = entries[i];
    SCOPED_TRACE(e.key ? e.key : "(no key)");
    EXPECT_EQ(static_cast<std::size_t>(e.id), i) << "entries follow the order of the ids";
    ASSERT_NE(e.key, nullptr);
    EXPECT_TRUE(keys.insert(e.key).second) << "key used twice";
    ASSERT_NE(e.nl, nullptr);
    ASSERT_NE(e.en, nullptr);
    EXPECT_STRNE(e.nl, "") << "no Dutch text";
    EXPECT_STRNE(e.en, "") << "no English text";
    EXPECT_EQ(placeholders(e.nl), placeholders(e.en)) << "nl: " << e.nl << "\nen: " << e.en;
  }
}

TEST(Catalogue, ArgumentsAreWrittenInTheLanguage) {
  // The same facts, in both languages: decimals with a comma in Dutch, counts with their
  // singular or plural unit, money in the Dutch euro format in both.
  Message m =
      msg(Msg::HoursFactorIs, Decimal{Ratio(65, 2)}, Decimal{Ratio(36)}, Fraction{Ratio(65, 72)});
  EXPECT_EQ(text::say(m, Lang::En), "32.5 h/week ÷ 36 h full-time = 65/72");
  EXPECT_EQ(text::say(m, Lang::Nl), "32,5 u/week ÷ 36 u voltijd = 65/72");
  EXPECT_EQ(text::amount(Ratio(1), Counted::Years, Lang::En), "1 year");
  EXPECT_EQ(text::amount(Ratio(3, 2), Counted::Years, Lang::En), "1.5 years");
  EXPECT_EQ(text::amount(Ratio(3), Counted::Months, Lang::Nl), "3 maanden");
  EXPECT_EQ(text::amount(Ratio(1), Counted::Activities, Lang::En), "1 activity");
  Message nested = msg(Msg::StopsAt, phrase(msg(Msg::WordContractEnd)), Date{2027, 12, 31});
  EXPECT_EQ(text::say(nested, Lang::En), "stops at the contract end 2027-12-31");
  EXPECT_EQ(text::say(nested, Lang::Nl), "stopt bij het einde van het contract 2027-12-31");
  PhraseList factors{
      PhraseList::Join::Times,
      {msg(Msg::Value, Money::cents(1'500'000)), msg(Msg::Value, Fraction{Ratio(5, 6)})}};
  EXPECT_EQ(text::say(msg(Msg::ValueFormula, factors, Money::cents(1'250'000)), Lang::En),
            "€ 15.000,00 × 5/6 = € 12.500,00");
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
