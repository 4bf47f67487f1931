// SPDX-License-Identifier: EUPL-1.2
#include "sroi/xlsx/cell_pipe.hpp"

#include "sroi/msg/xlsx.hpp"
#include "sroi/xlsx/workbook.hpp"

namespace sroi::xlsx {
namespace {

/// Writes in a batch: enough that the hand-over costs little, few enough to keep memory flat.
constexpr std::size_t kBatch = 2048;
/// Full batches waiting at most: the caller waits beyond that, so memory stays bounded.
constexpr std::size_t kQueued = 4;

lxw_error apply(const CellWrite& w) {
  switch (w.kind) {
    case CellWrite::Kind::Text:
      return worksheet_write_string(w.ws, w.row, w.col, w.text.c_str(), w.format);
    case CellWrite::Kind::Number:
      return worksheet_write_number(w.ws, w.row, w.col, w.number, w.format);
    case CellWrite::Kind::FormulaNumber:
      return worksheet_write_formula_num(w.ws, w.row, w.col, w.text.c_str(), w.format, w.number);
    case CellWrite::Kind::FormulaText:
      return worksheet_write_formula_str(w.ws, w.row, w.col, w.text.c_str(), w.format,
                                         w.cached.c_str());
    case CellWrite::Kind::Date: {
      lxw_datetime d = w.date;
      return worksheet_write_datetime(w.ws, w.row, w.col, &d, w.format);
    }
    case CellWrite::Kind::Blank:
      return worksheet_write_blank(w.ws, w.row, w.col, w.format);
    case CellWrite::Kind::RowHeight:
      return worksheet_set_row(w.ws, w.row, w.number, w.format);
  }
  return LXW_ERROR_PARAMETER_VALIDATION;
}

}  // namespace

CellPipe::CellPipe() : thread_([this] { run(); }) { filling_.reserve(kBatch); }

CellPipe::~CellPipe() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  thread_.join();
}

void CellPipe::push(CellWrite&& w) {
  filling_.push_back(std::move(w));
  if (filling_.size() == kBatch) hand_over();
}

void CellPipe::hand_over() {
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return queue_.size() < kQueued || failed_; });
  if (failed_) throw_failure();
  queue_.push_back(std::move(filling_));
  if (!spare_.empty()) {
    filling_ = std::move(spare_.back());
    spare_.pop_back();
    lock.unlock();
    filling_.clear();  // the texts are freed here, off the library's thread
  } else {
    lock.unlock();
    filling_ = Batch();
    filling_.reserve(kBatch);
  }
  cv_.notify_all();
}

void CellPipe::sync() {
  if (!filling_.empty()) hand_over();
  std::unique_lock lock(m_);
  cv_.wait(lock, [&] { return (queue_.empty() && !busy_) || failed_; });
  if (failed_) throw_failure();
}

void CellPipe::run() {
  std::unique_lock lock(m_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    const CellWrite* bad = nullptr;
    lxw_error err = LXW_NO_ERROR;
    for (const auto& w : batch) {
      err = apply(w);
      if (err != LXW_NO_ERROR) {
        bad = &w;
        break;
      }
    }
    lock.lock();
    busy_ = false;
    if (bad) {
      failed_ = true;
      error_ = err;
      failure_ = *bad;
      queue_.clear();
    }
    spare_.push_back(std::move(batch));
    cv_.notify_all();
  }
}

void CellPipe::throw_failure() {
  std::string where = cell(static_cast<int>(failure_.row), static_cast<int>(failure_.col));
  Message part = failure_.kind == CellWrite::Kind::FormulaNumber ||
                         failure_.kind == CellWrite::Kind::FormulaText
                     ? msg(Msg::PartFormula, as_is(where))
                 : failure_.kind == CellWrite::Kind::Date ? msg(Msg::PartDate, as_is(where))
                                                          : msg(Msg::PartCell, as_is(where));
  throw ExportError(msg(Msg::CannotWritePart, phrase(part), as_is(lxw_strerror(error_))));
}

}  // namespace sroi::xlsx
