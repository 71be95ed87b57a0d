#pragma once
// Colours the prompt template language (docs/templates.md) as it is typed: block tags
// ({{#example}}, {{/example}}), the answer slot {{label}}, and the other variables ({{text}}).
// Colours come from the palette, so dark mode keeps them readable.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace pwb::ui {

class TemplateHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  explicit TemplateHighlighter(QTextDocument* document);

  const QTextCharFormat& blockFormat() const { return block_; }
  const QTextCharFormat& answerSlotFormat() const { return answer_slot_; }
  const QTextCharFormat& variableFormat() const { return variable_; }

 protected:
  void highlightBlock(const QString& text) override;

 private:
  QTextCharFormat block_;
  QTextCharFormat answer_slot_;
  QTextCharFormat variable_;
};

}  // namespace pwb::ui
