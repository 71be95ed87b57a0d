#include "design/design_records.h"

namespace pwb::design {

store::CsvTable predictionTable(const DesignResult& result) {
  store::CsvTable table;
  table.header = {"example_id", "gold", "predicted", "correct", "confidence"};
  for (const auto& label : result.labels) table.header.push_back("score:" + label);
  table.header.push_back("rationale");
  for (const auto& p : result.predictions) {
    std::vector<std::string> row = {p.example_id, result.labels[p.gold], result.labels[p.predicted],
                                    p.correct ? "1" : "0", store::csvNumber(p.confidence)};
    for (const double score : p.scores) row.push_back(store::csvNumber(score));
    row.push_back(p.rationale);
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::vector<store::PredictionRecord> predictionRecords(const DesignResult& result, const std::string& split) {
  std::vector<store::PredictionRecord> records;
  for (const auto& p : result.predictions) {
    store::PredictionRecord record;
    record.split = split;
    record.example_id = p.example_id;
    record.gold = result.labels[p.gold];
    record.predicted = result.labels[p.predicted];
    record.correct = p.correct;
    for (std::size_t k = 0; k < p.scores.size(); ++k) record.scores[result.labels[k]] = p.scores[k];
    record.rationale = p.rationale;
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<train::MetricPoint> metricPoints(const DesignResult& result, const std::string& split) {
  std::vector<train::MetricPoint> points;
  if (!result.metrics) return points;
  const auto& m = *result.metrics;
  const auto add = [&](const std::string& name, double value) {
    train::MetricPoint point;
    point.split = split;
    point.name = name;
    point.value = value;
    points.push_back(point);
  };
  for (const auto& [name, interval] : {std::pair{"accuracy", m.accuracy}, std::pair{"macro_f1", m.macro_f1}}) {
    add(name, interval.estimate);
    add(std::string(name) + "_lower", interval.lower);
    add(std::string(name) + "_upper", interval.upper);
  }
  add("ece", m.calibration.expected_calibration_error);
  for (std::size_t k = 0; k < result.labels.size(); ++k) {
    add("precision/" + result.labels[k], m.report.per_class[k].precision);
    add("recall/" + result.labels[k], m.report.per_class[k].recall);
    add("f1/" + result.labels[k], m.report.per_class[k].f1);
  }
  return points;
}

}  // namespace pwb::design
