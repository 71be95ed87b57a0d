#include "presentation_mode.h"

#include <QApplication>

#include <cmath>

namespace pwb::ui {

QFont scaledFont(const QFont& font, double factor) {
  QFont scaled = font;
  if (font.pointSizeF() > 0) {
    scaled.setPointSizeF(font.pointSizeF() * factor);
  } else {
    scaled.setPixelSize(static_cast<int>(std::lround(font.pixelSize() * factor)));
  }
  return scaled;
}

void setPresentationFont(bool on) {
  // One application, one normal font: kept from before the first change.
  static const QFont normal = QApplication::font();
  QApplication::setFont(on ? scaledFont(normal, kPresentationFontScale) : normal);
}

}  // namespace pwb::ui
