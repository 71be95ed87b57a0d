#include "experiment/dataset_json.h"

namespace pwb::experiment {
namespace {

nlohmann::json columnJson(const data::Column& column) {
  return column.by_index ? nlohmann::json(column.index) : nlohmann::json(column.name);
}

std::string formatName(data::Format format) {
  switch (format) {
    case data::Format::Csv: return "csv";
    case data::Format::Tsv: return "tsv";
    case data::Format::Jsonl: return "jsonl";
    case data::Format::Auto: break;
  }
  return "auto";
}

}  // namespace

nlohmann::json datasetJson(const DatasetSpec& spec) {
  nlohmann::json json;
  if (!spec.builtin.empty()) {
    json["builtin"] = spec.builtin;
    if (!spec.part.empty()) json["part"] = spec.part;
  } else {
    json["file"] = spec.file.string();
    json["format"] = formatName(spec.import.format);
    json["header"] = spec.import.header;
    const auto& c = spec.import.columns;
    nlohmann::json columns = {{"text", columnJson(c.text)}, {"label", columnJson(c.label)}};
    if (c.text_b.mapped()) columns["text_b"] = columnJson(c.text_b);
    if (c.id.mapped()) columns["id"] = columnJson(c.id);
    json["columns"] = columns;
  }
  json["splits"] = {{"validation", spec.validation_fraction},
                    {"test", spec.test_fraction},
                    {"stratify", spec.stratify},
                    {"seed", spec.split_seed}};
  nlohmann::json limits = nlohmann::json::object();
  if (spec.validation_limit) limits["validation"] = *spec.validation_limit;
  if (spec.test_limit) limits["test"] = *spec.test_limit;
  if (!limits.empty()) json["limits"] = limits;
  return json;
}

}  // namespace pwb::experiment
