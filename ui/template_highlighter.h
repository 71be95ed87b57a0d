#pragma once
// Colours the prompt template language (docs/templates.md) as it is typed: block tags
// ({{#example}}, {{/example}}), the answer slot {{label}}, and the other variables ({{text}}),
// and once the dataset's variables are known, underlines a variable it does not have. Colours
// come from the palette, so dark mode keeps them readable.

#include <QStringList>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <optional>

namespace pwb::ui {

class TemplateHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  explicit TemplateHighlighter(QTextDocument* document);

  const QTextCharFormat& blockFormat() const { return block_; }
  const QTextCharFormat& answerSlotFormat() const { return answer_slot_; }
  const QTextCharFormat& variableFormat() const { return variable_; }
  const QTextCharFormat& unknownVariableFormat() const { return unknown_; }

  // The variables the dataset offers (design::PromptBuilder::variableNames); nothing: not known
  // yet, and every variable looks valid.
  void setKnownVariables(std::optional<QStringList> names);

 protected:
  void highlightBlock(const QString& text) override;

 private:
  QTextCharFormat block_;
  QTextCharFormat answer_slot_;
  QTextCharFormat variable_;
  QTextCharFormat unknown_;
  std::optional<QStringList> known_;
};

}  // namespace pwb::ui
