#include "x_axis_kind.h"

#include <QCoreApplication>

namespace pwb::ui {

QString xAxisLabel(XAxisKind kind) {
  switch (kind) {
    case XAxisKind::Step: return QCoreApplication::translate("pwb::ui::XAxisKind", "step");
    case XAxisKind::TokensSeen: return QCoreApplication::translate("pwb::ui::XAxisKind", "tokens seen");
    case XAxisKind::WallTime: return QCoreApplication::translate("pwb::ui::XAxisKind", "wall time (s)");
  }
  return {};
}

}  // namespace pwb::ui
