#include "run_detail.h"

#include <QLocale>
#include <nlohmann/json.hpp>

namespace pwb::ui {
namespace {

QString text(const std::string& value) { return QString::fromStdString(value).toHtmlEscaped(); }

QString count(const std::optional<std::int64_t>& value) {
  return value ? QLocale().toString(static_cast<qlonglong>(*value)) : QObject::tr("unknown");
}

QString row(const QString& name, const QString& value) {
  return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name, value);
}

QString factsTable(const store::RunRecord& run) {
  QString html = QStringLiteral("<table cellspacing='4'>");
  html += row(QObject::tr("Status"), text(store::toString(run.status)) + (run.message.empty() ? QString() : QStringLiteral(": ") + text(run.message)));
  html += row(QObject::tr("Kind"), text(run.kind));
  html += row(QObject::tr("Seed"), count(run.seed));
  QString params = count(run.trainable_params) + QObject::tr(" trainable of ") + count(run.total_params);
  if (run.trainable_params && run.total_params && *run.total_params > 0) {
    params += QStringLiteral(" (%1 %)").arg(100.0 * static_cast<double>(*run.trainable_params) / static_cast<double>(*run.total_params), 0, 'f', 4);
  }
  html += row(QObject::tr("Parameters"), params);
  if (run.peak_memory_bytes) {
    html += row(QObject::tr("Peak memory"), QStringLiteral("%1 MiB").arg(static_cast<double>(*run.peak_memory_bytes) / (1 << 20), 0, 'f', 1));
  }
  html += row(QObject::tr("Created"), text(run.created_at));
  if (!run.started_at.empty()) html += row(QObject::tr("Started"), text(run.started_at));
  if (!run.finished_at.empty()) html += row(QObject::tr("Finished"), text(run.finished_at));
  html += row(QObject::tr("Code version"), run.code_version.empty() ? QObject::tr("unknown") : text(run.code_version));
  return html + QStringLiteral("</table>");
}

QString metricsTable(const std::vector<store::MetricSummary>& summaries) {
  if (summaries.empty()) return QObject::tr("<p>No metrics.</p>");
  QString html = QObject::tr("<table border='1' cellspacing='0' cellpadding='3'><tr><th>Metric</th><th>Points</th>"
                             "<th>Last step</th><th>Last</th><th>Min</th><th>Max</th></tr>");
  for (const auto& s : summaries) {
    html += QStringLiteral("<tr><td>%1/%2</td><td align='right'>%3</td><td align='right'>%4</td><td align='right'>%5</td>"
                           "<td align='right'>%6</td><td align='right'>%7</td></tr>")
                .arg(text(s.split), text(s.name))
                .arg(s.points)
                .arg(s.last_step)
                .arg(s.last_value, 0, 'f', 4)
                .arg(s.min_value, 0, 'f', 4)
                .arg(s.max_value, 0, 'f', 4);
  }
  return html + QStringLiteral("</table>");
}

}  // namespace

QString runDetailHtml(const store::ExperimentStore& store, std::int64_t run_id) {
  const auto run = store.run(run_id);
  if (!run) return QObject::tr("<p>There is no run %1 in this database.</p>").arg(run_id);
  QString html = QStringLiteral("<h3>%1 — %2</h3>").arg(run->id).arg(text(run->name));
  html += factsTable(*run);
  html += QObject::tr("<h4>Metrics</h4>") + metricsTable(store.metricSummaries(run_id));
  const auto artifacts = store.artifacts(run_id);
  html += QObject::tr("<h4>Artifacts</h4>");
  if (artifacts.empty()) html += QObject::tr("<p>None.</p>");
  for (const auto& a : artifacts) {
    html += QStringLiteral("<p>%1: %2 (%3 bytes, sha256 %4)</p>")
                .arg(text(store::toString(a.kind)), text(a.path))
                .arg(a.bytes)
                .arg(text(a.sha256.substr(0, 16)));
  }
  constexpr std::size_t kLastEvents = 20;
  const auto events = store.logEvents(run_id, kLastEvents);
  html += QObject::tr("<h4>Log</h4>");
  if (events.empty()) html += QObject::tr("<p>Empty.</p>");
  for (const auto& e : events) {
    html += QStringLiteral("<p><tt>%1</tt> [%2] %3</p>").arg(text(e.time.substr(0, 19)), text(store::toString(e.level)), text(e.message));
  }
  const auto config = nlohmann::json::parse(run->config_json, nullptr, false);
  html += QObject::tr("<h4>Configuration</h4>") +
          QStringLiteral("<pre>%1</pre>").arg(text(config.is_discarded() ? run->config_json : config.dump(2)));
  return html;
}

}  // namespace pwb::ui
