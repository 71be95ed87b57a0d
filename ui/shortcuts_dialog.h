#pragma once
// Help → Keyboard shortcuts: every action of the window that has a shortcut, with its keys,
// read from the actions themselves so the list cannot drift from what the keys do.

#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;

namespace pwb::ui {

class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

  QTableWidget* table() const { return table_; }

 private:
  QTableWidget* table_;
};

}  // namespace pwb::ui
