// SPDX-License-Identifier: EUPL-1.2
// What the CLI prints: readable text tables (Dutch euro format) or JSON (cents as integers).
#pragma once

#include <ostream>

#include "sroi/calc/assessment.hpp"
#include "sroi/config/region_set.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi {

enum class Format { Text, Json, Csv };

/// Whether the text shows each line, or leaves them to a workbook written beside it.
enum class Lines { Shown, InWorkbook };

/// Offer or realisation: obligation, each line, total, surplus/shortfall, penalty;
/// Detail::Steps adds every trace step (text; JSON always carries the trace). With
/// Lines::InWorkbook the text shows the totals without the lines (unless Detail::Steps asks
/// for every step); JSON always has its lines.
void render_assessment(std::ostream& out, const Assessment& a, Format format, Detail detail,
                       Lines lines = Lines::Shown);

/// An obligation on its own (`sroi obligation`).
void render_obligation(std::ostream& out, const Region& region, const Contract& contract,
                       const ObligationResult& result, Format format, Detail detail);

/// The block table of one region version (`sroi blocks`).
void render_blocks(std::ostream& out, const Region& region, Format format);

/// Every region and version (`sroi regions`).
void render_regions(std::ostream& out, const config::RegionSet& set, Format format);

/// The language of everything the program prints (text and JSON values; the keys stay):
/// set once by the program before it renders anything. English until set.
void set_output_language(Lang lang);
Lang output_language();
/// How printed problems name their places: "rij 7, kolom Einddatum" (the default) or, for
/// `--format json` and editors, "file:7:22".
void set_output_places(text::Places places);

/// A message in the language of the command line's output.
std::string words(const Message& m);

/// Text escaped for HTML content and attribute values (& < > " '): the portal's pages and the
/// reminders' HTML part.
std::string html_escaped(std::string_view text);
/// `s` with every byte that `keep` refuses written as %XX.
std::string percent_encoded(std::string_view s, bool (*keep)(unsigned char));
/// A path segment of a URL: every byte but letters, digits and - . _ ~ percent-encoded.
std::string url_segment(std::string_view text);
/// The account in an audit log's user ("koper (buyer, Gemeente Zwolle)" → "koper"): who
/// reviewed, decided or recorded, as a reader who knows the role and organisation reads it.
std::string account_name(const std::string& audit_user);

/// A located problem in that language: "fout.csv, rij 7, kolom Einddatum: fout: …".
std::string words(const Diagnostic& d);

/// Several problems, one per line.
std::string words(const std::vector<Diagnostic>& ds);

class JsonWriter;

/// One line per plausibility signal: "  line 2 (offer.toml:21): … [counts-shorter]" (offers
/// and the bids of a tender say them alike).
void signal_lines(std::ostream& out, const std::vector<Signal>& signals);

/// The signals as a JSON array: id, line, where, explanation and its catalogue key.
void signals_json(JsonWriter& j, const std::vector<Signal>& signals);

/// Unicode display width of UTF-8 text (one column per code point).
std::size_t display_width(const std::string& s);

}  // namespace sroi
