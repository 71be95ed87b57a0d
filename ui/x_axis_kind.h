#pragma once
// What the horizontal axis of a training curve counts.

#include <QString>

namespace pwb::ui {

enum class XAxisKind { Step, TokensSeen, WallTime };

QString xAxisLabel(XAxisKind kind);

}  // namespace pwb::ui
