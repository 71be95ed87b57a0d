#include "data/delimited_reader.h"

namespace pwb::data {

DelimitedReader::DelimitedReader(const SourceText& source, char delimiter, bool quoted, IssueLog& issues)
    : source_(source), text_(source.bytes()), delimiter_(delimiter), quoted_(quoted), issues_(issues) {}

bool DelimitedReader::next(Record& record) {
  while (pos_ < text_.size() && atLineEnd(pos_)) skipLineEnd();
  if (pos_ >= text_.size()) return false;

  record.cells.clear();
  record.offset = pos_;
  record.broken = false;
  while (true) {
    Cell cell;
    cell.offset = pos_;
    if (quoted_ && pos_ < text_.size() && text_[pos_] == '"') {
      readQuoted(cell, record);
    } else {
      readPlain(cell);
    }
    record.cells.push_back(std::move(cell));
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    record.end = pos_;
    skipLineEnd();
    return true;
  }
}

bool DelimitedReader::atLineEnd(std::size_t at) const {
  if (at >= text_.size()) return true;
  if (text_[at] == '\n') return true;
  return text_[at] == '\r' && (at + 1 == text_.size() || text_[at + 1] == '\n');
}

void DelimitedReader::skipLineEnd() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
}

void DelimitedReader::readPlain(Cell& cell) {
  const std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != delimiter_ && !atLineEnd(pos_)) ++pos_;
  cell.value.append(text_, start, pos_ - start);
}

void DelimitedReader::readQuoted(Cell& cell, Record& record) {
  const std::size_t opening = pos_++;
  while (true) {
    const std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) {
      report(opening, "unterminated quoted field: the quote that opens here is never closed");
      record.broken = true;
      pos_ = text_.size();
      return;
    }
    cell.value.append(text_, pos_, quote - pos_);
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {  // "" inside quotes is one quote
      cell.value += '"';
      ++pos_;
      continue;
    }
    break;
  }
  if (pos_ < text_.size() && text_[pos_] != delimiter_ && !atLineEnd(pos_)) {
    report(pos_, "text after the closing quote (inside a quoted field, write a quote as \"\")");
    record.broken = true;
    readPlain(cell);
  }
}

void DelimitedReader::report(std::size_t offset, std::string message) {
  const TextPosition at = source_.position(offset);
  issues_.add(at.line, at.column, std::move(message));
}

}  // namespace pwb::data
