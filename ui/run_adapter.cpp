#include "run_adapter.h"

#include <QObject>
#include <algorithm>
#include <stdexcept>
#include <nlohmann/json.hpp>

#include "adapt/soft_prompt_view.h"

namespace pwb::ui {

std::optional<RunAdapter> runAdapter(const store::ExperimentStore& store, std::int64_t run_id) {
  const auto run = store.run(run_id);
  const auto folder = store::adapterFolder(store, run_id);
  if (!run || !folder) return std::nullopt;
  RunAdapter adapter;
  adapter.folder = *folder;
  adapter.snapshots = store::adapterSnapshots(store, run_id);
  const auto config = nlohmann::json::parse(run->config_json, nullptr, false);
  if (config.is_object()) {
    adapter.model = config.value("model", "");
    if (config.contains("method") && config["method"].is_object()) adapter.method = config["method"].value("name", "");
  }
  return adapter;
}

bool hasSoftPrompt(const RunAdapter& adapter) { return adapt::hasModelWidthSoftPrompt(adapter.method); }

QString softPromptWordsHtml(const RunAdapter& adapter, std::int64_t k, std::optional<std::int64_t> step) {
  auto folder = adapter.folder;
  QString when = QObject::tr("final");
  if (step) {
    const auto found = std::find_if(adapter.snapshots.begin(), adapter.snapshots.end(),
                                    [&](const store::AdapterSnapshot& s) { return s.step == *step; });
    if (found == adapter.snapshots.end()) {
      throw std::runtime_error("the run kept no soft prompt at step " + std::to_string(*step));
    }
    folder = found->folder;
    when = QObject::tr("step %1").arg(*step);
  }
  const auto neighbours = adapt::softPromptNeighbours(adapter.model, folder, k);
  QString html = QObject::tr("<h4>Soft prompt as words (%1)</h4><p>Each virtual token's %2 nearest vocabulary "
                             "tokens (cosine similarity of input embeddings).</p>")
                     .arg(when)
                     .arg(k);
  html += QStringLiteral("<table border='1' cellspacing='0' cellpadding='3'>");
  for (std::size_t i = 0; i < neighbours.size(); ++i) {
    html += QStringLiteral("<tr><td><b>%1</b></td>").arg(i);
    for (const auto& n : neighbours[i]) {
      html += QStringLiteral("<td>%1 <small>(%2)</small></td>")
                  .arg(QString::fromStdString(n.piece).toHtmlEscaped())
                  .arg(n.cosine_similarity, 0, 'f', 2);
    }
    html += QStringLiteral("</tr>");
  }
  return html + QStringLiteral("</table>");
}

}  // namespace pwb::ui
