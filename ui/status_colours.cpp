#include "status_colours.h"

namespace pwb::ui {

bool isDarkPalette(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

// Material red 800 / 200 and green 800 / 200: each at least 4.5:1 against its background.
QColor errorColour(const QPalette& palette) { return isDarkPalette(palette) ? QColor(0xef9a9a) : QColor(0xc62828); }

QColor successColour(const QPalette& palette) { return isDarkPalette(palette) ? QColor(0xa5d6a7) : QColor(0x2e7d32); }

QColor errorBackground(const QPalette& palette) { return isDarkPalette(palette) ? QColor(0x5c1f1f) : QColor(0xffcdcd); }

}  // namespace pwb::ui
