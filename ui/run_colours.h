#pragma once
// Colours that stay the same for a run (by its id) in every chart and on every start, whatever
// order things arrive in; and for the methods or runs of one chart, by name.

#include <QColor>
#include <QStringList>
#include <QVector>

namespace pwb::ui {

// Twenty colours: only runs whose ids are twenty apart share one.
QColor runColour(qint64 run_id);
// One colour per name, chosen by the name so that it rarely changes, and different for
// different names of one chart (up to the palette's ten colours).
QVector<QColor> nameColours(const QStringList& names);

}  // namespace pwb::ui
