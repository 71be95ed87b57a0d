#include "template_highlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace pwb::ui {

TemplateHighlighter::TemplateHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
  const auto palette = QGuiApplication::palette();
  block_.setForeground(palette.color(QPalette::LinkVisited));
  block_.setFontWeight(QFont::Bold);
  variable_.setForeground(palette.color(QPalette::Link));
  answer_slot_ = variable_;
  answer_slot_.setFontWeight(QFont::Bold);
  answer_slot_.setFontUnderline(true);
  unknown_ = variable_;
  unknown_.setUnderlineStyle(QTextCharFormat::WaveUnderline);
  unknown_.setUnderlineColor(QColor(0xc6, 0x28, 0x28));  // the panel's error colour
}

void TemplateHighlighter::setKnownVariables(std::optional<QStringList> names) {
  if (names == known_) return;
  known_ = std::move(names);
  rehighlight();
}

void TemplateHighlighter::highlightBlock(const QString& text) {
  // A tag as the parser reads it: "{{", anything but "}}", "}}"; blanks inside are ignored.
  static const QRegularExpression tag(QStringLiteral(R"(\{\{\s*([#/]?)\s*([^}]*?)\s*\}\})"));
  for (auto it = tag.globalMatch(text); it.hasNext();) {
    const auto match = it.next();
    const bool block = !match.captured(1).isEmpty();
    const auto name = match.captured(2);
    const bool slot = !block && name == QLatin1String("label");
    const bool unknown = !block && !slot && known_ && !known_->contains(name);
    setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()),
              block ? block_ : slot ? answer_slot_ : unknown ? unknown_ : variable_);
  }
}

}  // namespace pwb::ui
