#include "run_adapter.h"

#include <QObject>
#include <nlohmann/json.hpp>

#include "adapt/soft_prompt_view.h"
#include "store/run_adapter_files.h"

namespace pwb::ui {

std::optional<RunAdapter> runAdapter(const store::ExperimentStore& store, std::int64_t run_id) {
  const auto run = store.run(run_id);
  const auto folder = store::adapterFolder(store, run_id);
  if (!run || !folder) return std::nullopt;
  RunAdapter adapter;
  adapter.folder = *folder;
  const auto config = nlohmann::json::parse(run->config_json, nullptr, false);
  if (config.is_object()) {
    adapter.model = config.value("model", "");
    if (config.contains("method") && config["method"].is_object()) adapter.method = config["method"].value("name", "");
  }
  return adapter;
}

bool hasSoftPrompt(const RunAdapter& adapter) {
  return adapter.method == "prompt_tuning" || adapter.method == "p_tuning" || adapter.method == "prefix_tuning";
}

QString softPromptWordsHtml(const RunAdapter& adapter, std::int64_t k) {
  const auto neighbours = adapt::softPromptNeighbours(adapter.model, adapter.folder, k);
  QString html = QObject::tr("<h4>Soft prompt as words</h4><p>Each virtual token's %1 nearest vocabulary "
                             "tokens (cosine similarity of input embeddings).</p>")
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
