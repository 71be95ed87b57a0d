// Dark mode from the desktop: the portal's values, the override, the dark palette's contrast,
// and a chart that turns dark with the application and back.

#include <QApplication>
#include <QtTest>

#include <qcustomplot.h>

#include "pareto_chart.h"
#include "status_colours.h"
#include "system_colour_scheme.h"

using pwb::ui::ColourScheme;

class SystemColourSchemeTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void portalValuesAsTheXdgSpecificationDefinesThem() {
    QCOMPARE(pwb::ui::colourSchemeFromPortal(0), ColourScheme::NoPreference);
    QCOMPARE(pwb::ui::colourSchemeFromPortal(1), ColourScheme::Dark);
    QCOMPARE(pwb::ui::colourSchemeFromPortal(2), ColourScheme::Light);
    QCOMPARE(pwb::ui::colourSchemeFromPortal(7), ColourScheme::NoPreference);
    QCOMPARE(pwb::ui::colourSchemeFromName(QStringLiteral(" Dark ")), ColourScheme::Dark);
    QCOMPARE(pwb::ui::colourSchemeFromName(QStringLiteral("light")), ColourScheme::Light);
    QCOMPARE(pwb::ui::colourSchemeFromName(QStringLiteral("blue")), ColourScheme::NoPreference);
  }

  void theDarkPaletteIsDarkAndReadable() {
    const auto palette = pwb::ui::darkPalette();
    QVERIFY(pwb::ui::isDarkPalette(palette));
    for (const auto& [back, front] : {std::pair{QPalette::Window, QPalette::WindowText}, {QPalette::Base, QPalette::Text},
                                      {QPalette::Button, QPalette::ButtonText}, {QPalette::Highlight, QPalette::HighlightedText}}) {
      QVERIFY(palette.color(front).lightness() - palette.color(back).lightness() > 100);
    }
  }

  void theOverrideTurnsTheApplicationAndItsChartsDarkAndBack() {
    const QColor light_window = QApplication::palette().color(QPalette::Window);
    QVERIFY(!pwb::ui::isDarkPalette(QApplication::palette()));
    pwb::ui::ParetoChart chart;
    chart.setEntries({{QStringLiteral("lora"), 16384, 0.69, {}, {}}});

    qputenv("PWB_COLOUR_SCHEME", "dark");
    auto* scheme = new pwb::ui::SystemColourScheme(*qApp);
    QCOMPARE(scheme->current(), ColourScheme::Dark);
    QVERIFY(pwb::ui::isDarkPalette(QApplication::palette()));
    QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
    QCoreApplication::processEvents();  // the palette change reaches the widgets
    QVERIFY(chart.plot()->xAxis->basePen().color().lightness() >= 128);  // light axes on a dark plot

    scheme->apply(ColourScheme::Light);
    QCoreApplication::processEvents();
    QCOMPARE(QApplication::palette().color(QPalette::Window), light_window);
    QVERIFY(chart.plot()->xAxis->basePen().color().lightness() < 128);
    qunsetenv("PWB_COLOUR_SCHEME");
    delete scheme;
  }
};

QTEST_MAIN(SystemColourSchemeTest)
#include "system_colour_scheme_test.moc"
