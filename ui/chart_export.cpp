#include "chart_export.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <qcustomplot.h>

namespace pwb::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("pwb::ui::chart_export", text); }

QSize combinedSize(const QList<QCustomPlot*>& plots) {
  QSize size(0, 0);
  for (const auto* plot : plots) {
    size.rwidth() += plot->width();
    size.setHeight(std::max(size.height(), plot->height()));
  }
  return size;
}

// Draws every plot into the painter's logical window (pixels of the on-screen size).
void paintPlots(const QList<QCustomPlot*>& plots, QCPPainter& painter) {
  int left = 0;
  for (auto* plot : plots) {
    painter.save();
    painter.translate(left, 0);
    plot->toPainter(&painter, plot->width(), plot->height());
    painter.restore();
    left += plot->width();
  }
}

QString cannotWrite(const QString& file) { return tr("Could not write the chart to %1.").arg(file); }

}  // namespace

QString exportPlots(const QList<QCustomPlot*>& plots, const QString& file) {
  if (plots.isEmpty()) return tr("There is no chart to export to %1.").arg(file);
  const QSize size = combinedSize(plots);
  if (size.isEmpty()) return tr("The chart has no size yet; show it before exporting to %1.").arg(file);
  const QString suffix = QFileInfo(file).suffix().toLower();
  if (suffix == QStringLiteral("png")) {
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QCPPainter painter;
    if (!painter.begin(&image)) return cannotWrite(file);
    paintPlots(plots, painter);
    painter.end();
    return image.save(file, "PNG") ? QString() : cannotWrite(file);
  }
  if (suffix == QStringLiteral("svg")) {
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(QFileInfo(file).completeBaseName());
    QCPPainter painter;
    if (!painter.begin(&svg)) return cannotWrite(file);
    painter.setMode(QCPPainter::pmVectorized);
    paintPlots(plots, painter);
    return painter.end() ? QString() : cannotWrite(file);
  }
  if (suffix == QStringLiteral("pdf")) {
    // One page the size of the plots, in points (1 px on screen = 1 pt), no margins.
    QPdfWriter pdf(file);
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(QFileInfo(file).completeBaseName());
    pdf.setCreator(QCoreApplication::applicationName());
    QCPPainter painter;
    if (!painter.begin(&pdf)) return cannotWrite(file);
    painter.setMode(QCPPainter::pmVectorized);
    painter.setWindow(QRect(QPoint(0, 0), size));
    paintPlots(plots, painter);
    return painter.end() ? QString() : cannotWrite(file);
  }
  return tr("Cannot export to %1: the file name must end in .png, .svg or .pdf.").arg(file);
}

void exportPlotsWithDialog(QWidget* parent, const QList<QCustomPlot*>& plots, const QString& suggested_name) {
  const QString file = QFileDialog::getSaveFileName(parent, tr("Export chart"), suggested_name,
                                                    tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (file.isEmpty()) return;
  const QString error = exportPlots(plots, file);
  if (!error.isEmpty()) QMessageBox::warning(parent, tr("Export failed"), error);
}

}  // namespace pwb::ui
