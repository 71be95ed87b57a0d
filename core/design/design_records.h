#pragma once
// A design run's results in the shapes the store and CSV files take. Torch-free.

#include <string>
#include <vector>

#include "design/design_evaluation.h"
#include "store/csv_format.h"
#include "store/records.h"
#include "train/progress.h"

namespace pwb::design {

// One row per prediction: example_id, gold, predicted, correct (0/1), confidence, then one
// "score:<label>" column per label, then rationale. Labels by their dataset values.
store::CsvTable predictionTable(const DesignResult& result);

std::vector<store::PredictionRecord> predictionRecords(const DesignResult& result, const std::string& split);

// At step 0 on `split`: accuracy, macro_f1 (each with _lower and _upper), ece, and
// precision/<label>, recall/<label>, f1/<label>. Empty when the result has no metrics.
std::vector<train::MetricPoint> metricPoints(const DesignResult& result, const std::string& split);

}  // namespace pwb::design
