#pragma once
// Presentation mode: the whole application's font scaled up for a projector. Charts follow
// through their PlotStyleFollower, dialogs and menus through the application font.

#include <QFont>

namespace pwb::ui {

constexpr double kPresentationFontScale = 1.6;

// The font scaled by factor, in points when it has a point size, else in pixels.
QFont scaledFont(const QFont& font, double factor);

// Sets the application font to the normal one (on = false) or to the scaled one. The normal
// font is the application font at the first call, so switching twice returns to it exactly.
void setPresentationFont(bool on);

}  // namespace pwb::ui
