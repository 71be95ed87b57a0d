#include "run_colours.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace pwb::ui {
namespace {

// Tableau 10 with its grey swapped for a dark teal (grey reads as "disabled"): distinguishable,
// and readable on light and dark backgrounds.
constexpr std::array<QRgb, 10> kPalette = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                          0x8c564b, 0xe377c2, 0x00796b, 0xbcbd22, 0x17becf};

QColor paletteColour(std::uint64_t index) { return QColor(kPalette[index % kPalette.size()]); }

}  // namespace

// Ids ten apart share a hue; every other ten is a darker shade, so that runs 9 and 19 (often side
// by side in one experiment) differ, and only ids twenty apart share a colour.
QColor runColour(qint64 run_id) {
  const auto id = static_cast<std::uint64_t>(run_id);
  const QColor colour = paletteColour(id);
  return (id / kPalette.size()) % 2 == 1 ? colour.darker(150) : colour;
}

QVector<QColor> nameColours(const QStringList& names) {
  std::array<bool, kPalette.size()> taken{};
  QVector<QColor> colours;
  for (const auto& name : names) {
    // FNV-1a over UTF-16 code units: qHash is seeded per process, this is not.
    std::uint64_t hash = 14695981039346656037ull;
    for (const QChar c : name) {
      hash ^= c.unicode();
      hash *= 1099511628211ull;
    }
    // The next free colour after the name's own; once all are taken, colours repeat.
    std::size_t slot = hash % kPalette.size();
    for (std::size_t probe = 0; probe < kPalette.size() && taken[slot]; ++probe) slot = (slot + 1) % kPalette.size();
    if (std::all_of(taken.begin(), taken.end(), [](bool t) { return t; })) taken.fill(false);
    taken[slot] = true;
    colours.push_back(paletteColour(slot));
  }
  return colours;
}

}  // namespace pwb::ui
