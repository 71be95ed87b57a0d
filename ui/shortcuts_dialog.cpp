#include "shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pwb::ui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(this)) {
  setWindowTitle(tr("Keyboard shortcuts"));
  table_->setColumnCount(2);
  table_->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  for (const auto* action : actions) {
    if (action->shortcuts().isEmpty()) continue;
    QStringList keys;
    for (const auto& sequence : action->shortcuts()) keys << sequence.toString(QKeySequence::NativeText);
    const int row = table_->rowCount();
    table_->insertRow(row);
    // "&Import dataset…" -> "Import dataset…": the mnemonic marker is not part of the name.
    auto name = action->text();
    name.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    table_->setItem(row, 0, new QTableWidgetItem(name));
    table_->setItem(row, 1, new QTableWidgetItem(keys.join(tr(" or "))));
  }
  table_->resizeColumnsToContents();
  table_->horizontalHeader()->setStretchLastSection(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_);
  layout->addWidget(buttons);
  resize(520, 420);
}

}  // namespace pwb::ui
