#pragma once
// Colours that say "wrong" and "right" (errors, wrong predictions, correct ones), readable on
// the palette they are drawn on: darker shades on a light window, lighter ones on a dark window.
// Qt 6.4 has no colour-scheme query, so the window colour's lightness says which it is.

#include <QColor>
#include <QPalette>

namespace pwb::ui {

bool isDarkPalette(const QPalette& palette);
QColor errorColour(const QPalette& palette);
QColor successColour(const QPalette& palette);
// A row's background that marks a problem, under text in the palette's text colour.
QColor errorBackground(const QPalette& palette);

}  // namespace pwb::ui
