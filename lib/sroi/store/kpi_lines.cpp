// SPDX-License-Identifier: EUPL-1.2
#include "sroi/store/kpi_lines.hpp"

#include "sroi/error.hpp"
#include "sroi/msg/store.hpp"

namespace sroi::store {
namespace {

// The row is text (printable ASCII but for the ids it holds, which are the register's own
// text), so that PostgreSQL sends it as it is: a bytea went as hex, twice its size, decoded
// byte by byte. A version character, how many lines, then per line
//   id (first) or its step from the line before (varint),
//   contract (a string; empty: the line before's), block (a string),
//   start day (signed), end − start (signed),
//   hours per week: numerator (signed) and denominator (varint; 0: none),
//   bonuses: how many, then each value (a string),
//   flags (1 has a figure, 2 provisional, 4 reduced), the figure's cents (signed) when it has one.
// A number is written five bits to a character, the lowest first: '0'..'O' for its last five
// bits, 'P'..'o' for five followed by more. A signed number is zigzag-coded first; a string is
// its length and its bytes.
constexpr char kVersion = 'k';
constexpr char kLast = '0', kMore = 'P';

void put_varint(std::string& out, uint64_t v) {
  while (v >= 32) {
    out.push_back(static_cast<char>(kMore + (v & 31)));
    v >>= 5;
  }
  out.push_back(static_cast<char>(kLast + v));
}
void put_signed(std::string& out, int64_t v) {
  put_varint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

/// Reads a packed row front to back; any overrun is a row this code did not write.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool done() const { return at_ == in_.size(); }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 5) {
      char c = byte();
      if (c >= kLast && c < kLast + 32) return v | static_cast<uint64_t>(c - kLast) << shift;
      if (c < kMore || c >= kMore + 32) bad();
      v |= static_cast<uint64_t>(c - kMore) << shift;
    }
    bad();
  }
  int64_t signed_int() {
    uint64_t v = varint();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  std::string_view string() {
    uint64_t n = varint();
    if (n > in_.size() - at_) bad();
    std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  char byte() {
    if (at_ >= in_.size()) bad();
    return in_[at_++];
  }
  [[noreturn]] static void bad() { throw StoreError(msg(Msg::StoredKpiLinesBad)); }

 private:
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace

std::string pack_kpi_lines(std::span<const LineRef> lines,
                           std::span<const std::optional<LineFigure>> figures) {
  std::string out(1, kVersion);
  out.reserve(lines.size() * 40);
  put_varint(out, lines.size());
  int64_t last_id = 0;
  const std::string* last_contract = nullptr;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const RealisationLine& l = *lines[k].line;
    put_signed(out, lines[k].id - last_id);
    last_id = lines[k].id;
    const bool same = last_contract && *last_contract == *lines[k].contract;
    put_string(out, same ? std::string_view() : std::string_view(*lines[k].contract));
    last_contract = lines[k].contract;
    put_string(out, l.block);
    const long start = l.start.days_since_epoch();
    put_signed(out, start);
    put_signed(out, l.end.days_since_epoch() - start);
    if (const auto& h = l.quantities.hours_per_week) {
      put_signed(out, h->value.num());
      put_varint(out, static_cast<uint64_t>(h->value.den()));
    } else {
      put_signed(out, 0);
      put_varint(out, 0);
    }
    put_varint(out, l.quantities.bonuses.size());
    for (const auto& b : l.quantities.bonuses) put_string(out, b.value);
    const std::optional<LineFigure>& f = figures[k];
    put_varint(out, f ? 1 | (f->provisional ? 2 : 0) | (f->reduced ? 4 : 0) : 0);
    if (f) put_signed(out, f->cents);
  }
  return out;
}

void unpack_kpi_lines(std::string_view packed, std::vector<KpiLine>& out) {
  Reader in(packed);
  if (in.byte() != kVersion) Reader::bad();
  const uint64_t count = in.varint();
  if (count > packed.size()) Reader::bad();  // each line takes several bytes
  if (out.size() < count) out.resize(count);
  int64_t last_id = 0;
  std::string_view contract;
  for (std::size_t n = 0; n < count; ++n) {
    KpiLine& l = out[n];
    l.id = last_id += in.signed_int();
    std::string_view c = in.string();
    if (!c.empty()) contract = c;
    if (contract.empty()) Reader::bad();
    l.contract = contract;
    l.block = in.string();
    l.start = static_cast<long>(in.signed_int());
    l.end = l.start + static_cast<long>(in.signed_int());
    int64_t num = in.signed_int();
    uint64_t den = in.varint();
    if (den > static_cast<uint64_t>(INT64_MAX)) Reader::bad();
    l.hours_per_week.reset();
    if (den) l.hours_per_week = Ratio(num, static_cast<int64_t>(den));
    uint64_t bonuses = in.varint();
    if (bonuses > packed.size()) Reader::bad();
    l.bonuses.clear();
    for (uint64_t b = 0; b < bonuses; ++b) l.bonuses.push_back(in.string());
    uint64_t flags = in.varint();
    if (flags & ~uint64_t{7}) Reader::bad();
    l.figure.reset();
    if (flags & 1) l.figure = LineFigure{in.signed_int(), (flags & 2) != 0, (flags & 4) != 0};
  }
  if (!in.done()) Reader::bad();  // more than it says
  out.resize(count);
}

}  // namespace sroi::store
