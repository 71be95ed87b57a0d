#include "run_comparison_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pwb::ui {
namespace {

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(item->flags() & ~Qt::ItemIsEditable);
  return item;
}

QTableWidgetItem* cell(std::size_t count) {
  auto* item = cell(QString::number(count));
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

RunComparisonDialog::RunComparisonDialog(const store::StoredRunComparison& comparison, const QString& name_a,
                                         const QString& name_b, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Compare runs"));
  const auto& t = comparison.comparison.table;
  const auto n = comparison.examples.size();
  const auto accuracy = [n](std::size_t right) { return n == 0 ? 0.0 : static_cast<double>(right) / static_cast<double>(n); };
  const double p = comparison.comparison.mcnemar_p;
  auto text = tr("<b>A</b>: %1 — accuracy %2<br><b>B</b>: %3 — accuracy %4<br>%5 shared examples. "
                 "McNemar's exact test: <b>p = %6</b> (%7 vs %8 discordant examples) — %9")
                  .arg(name_a.toHtmlEscaped())
                  .arg(accuracy(t.both_right + t.only_a_right), 0, 'f', 4)
                  .arg(name_b.toHtmlEscaped())
                  .arg(accuracy(t.both_right + t.only_b_right), 0, 'f', 4)
                  .arg(n)
                  .arg(p, 0, 'f', 4)
                  .arg(t.only_a_right)
                  .arg(t.only_b_right)
                  .arg(p < 0.05 ? tr("the difference is unlikely to be chance.")
                                : tr("the difference could well be chance."));
  if (comparison.only_in_a + comparison.only_in_b > 0) {
    text += tr("<br>Left out: %1 examples only A predicted, %2 only B predicted.")
                .arg(comparison.only_in_a)
                .arg(comparison.only_in_b);
  }
  summary_ = new QLabel(text, this);
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);

  agreement_ = new QTableWidget(2, 2, this);
  agreement_->setHorizontalHeaderLabels({tr("B right"), tr("B wrong")});
  agreement_->setVerticalHeaderLabels({tr("A right"), tr("A wrong")});
  agreement_->setItem(0, 0, cell(t.both_right));
  agreement_->setItem(0, 1, cell(t.only_a_right));
  agreement_->setItem(1, 0, cell(t.only_b_right));
  agreement_->setItem(1, 1, cell(t.both_wrong));
  agreement_->setMaximumHeight(agreement_->verticalHeader()->length() + agreement_->horizontalHeader()->height() + 4);

  differences_ = new QTableWidget(0, 5, this);
  differences_->setHorizontalHeaderLabels({tr("Example"), tr("Gold"), tr("A predicted"), tr("B predicted"), tr("Right")});
  const auto add = [this, &comparison](const std::vector<std::size_t>& indices, const QString& who) {
    for (const auto i : indices) {
      const auto& e = comparison.examples[i];
      const int row = differences_->rowCount();
      differences_->insertRow(row);
      differences_->setItem(row, 0, cell(QString::fromStdString(e.split + "/" + e.example_id)));
      differences_->setItem(row, 1, cell(QString::fromStdString(e.gold)));
      differences_->setItem(row, 2, cell(QString::fromStdString(e.predicted_a)));
      differences_->setItem(row, 3, cell(QString::fromStdString(e.predicted_b)));
      differences_->setItem(row, 4, cell(who));
    }
  };
  add(comparison.comparison.only_a_right, tr("only A"));
  add(comparison.comparison.only_b_right, tr("only B"));
  differences_->horizontalHeader()->setStretchLastSection(true);
  differences_->setSortingEnabled(true);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(agreement_);
  layout->addWidget(new QLabel(tr("Examples exactly one run got right:"), this));
  layout->addWidget(differences_, 1);
  layout->addWidget(buttons);
  resize(720, 560);
}

QString RunComparisonDialog::summaryText() const { return summary_->text(); }

}  // namespace pwb::ui
