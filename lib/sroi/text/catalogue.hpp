// SPDX-License-Identifier: EUPL-1.2
// The message catalogue: every sentence sroi says, by id, in Dutch and English, and how the
// typed arguments of a message (money, dates, counts, percentages) are written in each.
#pragma once

#include <span>
#include <string>

#include "sroi/error.hpp"
#include "sroi/model/message.hpp"
#include "sroi/model/region.hpp"
#include "sroi/text/entry.hpp"

namespace sroi {

enum class Lang { Nl, En };

namespace text {

/// Every area's entries, each in the order of its ids (the areas are the files of
/// lib/sroi/text/messages).
std::span<const std::span<const Entry>> catalogue();

/// The entry of an id.
const Entry& entry(MsgId id);

/// The text of an id that takes no arguments (a label, a word, a step name) in a language.
const char* word(MsgId id, Lang lang);

/// The message written out in a language.
std::string say(const Message& m, Lang lang);

/// How a problem's place is written: as a spreadsheet user reads it ("fout.csv, rij 7, kolom
/// Einddatum"), or as editors and scripts read it ("fout.csv:7:22").
enum class Places { ForPeople, ForEditors };

/// A located problem written out: "fout.csv, rij 7, kolom Einddatum: fout: message" (or with
/// "file:line:col" for editors; "error" in English).
std::string say(const Diagnostic& d, Lang lang, Places places = Places::ForPeople);

/// One argument written out in a language.
std::string say(const Arg& a, Lang lang);

/// A building block's unit by name: "voltijdjaar", "full-time year" (the id is unit_id).
const char* unit_name(Unit unit, Lang lang);

/// A count with its unit: "1 year", "1.5 years", "3 maanden".
std::string amount(const Ratio& n, Counted what, Lang lang);

/// A moment stored as UTC ("2026-12-05T07:16:09Z") in this machine's local time, to the
/// minute: "5-12-2026 08:16" (Dutch), "2026-12-05 08:16" (English). Text that is not such a
/// moment is returned as it is.
std::string local_time(const std::string& utc, Lang lang);

}  // namespace text
}  // namespace sroi
