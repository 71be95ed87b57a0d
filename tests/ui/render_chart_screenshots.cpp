// Renders the Pareto and data-efficiency charts in real windows and saves what they show,
// for docs/screenshots/ (run under xvfb-run). No tuning runs exist yet to plot, so the numbers
// are made up to test the rendering, and every image says so in its title.
//   render_chart_screenshots OUTPUT_FOLDER

#include <QApplication>
#include <QDir>
#include <QTimer>
#include <QtTest>

#include <cstdio>

#include <qcustomplot.h>

#include "data_efficiency_chart.h"
#include "pareto_chart.h"

namespace {

const QString kNotResults = QStringLiteral("Rendering test with made-up numbers, not results");

void addTitle(QCustomPlot* plot, const QString& text) {
  plot->plotLayout()->insertRow(0);
  QFont font = plot->font();
  font.setBold(true);
  auto* title = new QCPTextElement(plot, text, font);
  title->setTextColor(plot->xAxis->labelColor());
  plot->plotLayout()->addElement(0, 0, title);
  plot->replot();
}

bool save(QWidget& window, const QString& file) {
  window.resize(1200, 700);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return false;
  QTest::qWait(300);
  return window.grab().save(file);
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: render_chart_screenshots OUTPUT_FOLDER\n");
    return 2;
  }
  const QDir out(QString::fromLocal8Bit(argv[1]));

  pwb::ui::ParetoChart pareto;
  pareto.setWindowTitle(QStringLiteral("Pareto chart"));
  pareto.setEntries({{QStringLiteral("instruction, 0-shot"), 0, 0.54, 0.51, 0.57},
                     {QStringLiteral("4-shot"), 0, 0.58, 0.55, 0.61},
                     {QStringLiteral("soft prompt 20"), 2.6e3, 0.56, 0.53, 0.59},
                     {QStringLiteral("prefix 10"), 1.0e4, 0.60, 0.57, 0.63},
                     {QStringLiteral("IA3"), 3.1e3, 0.57, 0.54, 0.60},
                     {QStringLiteral("LoRA r8"), 4.1e4, 0.66, 0.63, 0.69},
                     {QStringLiteral("full fine-tuning"), 1.3e6, 0.65, 0.62, 0.68}},
                    0.5);
  addTitle(pareto.plot(), QStringLiteral("Accuracy vs trainable parameters — ") + kNotResults);

  pwb::ui::DataEfficiencyChart efficiency;
  efficiency.setWindowTitle(QStringLiteral("Data efficiency"));
  efficiency.setSeries({{QStringLiteral("soft prompt"),
                         {{16, {0.50, 0.52, 0.55}}, {64, {0.53, 0.56, 0.58}}, {256, {0.58, 0.61, 0.62}},
                          {1024, {0.63, 0.64, 0.66}}}},
                        {QStringLiteral("LoRA r8"),
                         {{16, {0.51, 0.56, 0.58}}, {64, {0.58, 0.61, 0.64}}, {256, {0.66, 0.68, 0.69}},
                          {1024, {0.72, 0.73, 0.75}}}},
                        {QStringLiteral("4-shot prompt"),
                         {{16, {0.55, 0.57, 0.60}}, {64, {0.56, 0.58, 0.60}}, {256, {0.57, 0.58, 0.60}},
                          {1024, {0.57, 0.59, 0.60}}}}},
                       QStringLiteral("accuracy"));
  addTitle(efficiency.plot(), QStringLiteral("Accuracy vs training-set size, 3 seeds — ") + kNotResults);

  const bool ok = save(pareto, out.filePath(QStringLiteral("pareto-rendering-test.png"))) &&
                  save(efficiency, out.filePath(QStringLiteral("data-efficiency-rendering-test.png")));
  if (!ok) std::fprintf(stderr, "render_chart_screenshots: could not show or save a chart in %s\n", argv[1]);
  return ok ? 0 : 1;
}
