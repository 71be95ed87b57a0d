// Run colours: stable by id, distinct for any twenty consecutive ids; name colours distinct
// within one chart up to the palette's ten.

#include <QSet>
#include <QtTest>

#include "run_colours.h"

using pwb::ui::nameColours;
using pwb::ui::runColour;

class RunColoursTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void twentyConsecutiveRunsHaveTwentyColours() {
    for (qint64 first : {1, 7, 40}) {
      QSet<QRgb> seen;
      for (qint64 id = first; id < first + 20; ++id) seen.insert(runColour(id).rgb());
      QCOMPARE(seen.size(), 20);
    }
  }

  void aRunKeepsItsColourAndIdsTwentyApartShareOne() {
    QCOMPARE(runColour(9), runColour(9));
    QCOMPARE(runColour(9), runColour(29));
    QVERIFY(runColour(9) != runColour(19));
  }

  void namesOfOneChartGetDistinctColours() {
    const QStringList names = QStringLiteral("soft prompt,prefix,p-tuning,lora,ia3,full fine-tuning").split(QLatin1Char(','));
    const auto colours = nameColours(names);
    QSet<QRgb> seen;
    for (const auto& colour : colours) seen.insert(colour.rgb());
    QCOMPARE(seen.size(), names.size());
    QCOMPARE(nameColours(names), colours);  // the same names, the same colours
  }
};

QTEST_GUILESS_MAIN(RunColoursTest)
#include "run_colours_test.moc"
