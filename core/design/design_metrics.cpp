#include "design/design_metrics.h"

namespace pwb::design {

DesignMetrics summarize(const std::vector<ExamplePrediction>& predictions, std::size_t classes,
                        const eval::BootstrapOptions& bootstrap) {
  std::vector<eval::Label> gold, predicted;
  std::vector<double> confidence;
  std::vector<bool> correct;
  for (const auto& p : predictions) {
    gold.push_back(p.gold);
    predicted.push_back(p.predicted);
    confidence.push_back(p.confidence);
    correct.push_back(p.correct);
  }
  DesignMetrics metrics;
  metrics.examples = predictions.size();
  metrics.report = eval::classificationReport(gold, predicted, classes);
  metrics.calibration = eval::calibration(confidence, correct);
  metrics.accuracy = eval::bootstrapInterval(gold, predicted, eval::accuracy, bootstrap);
  metrics.macro_f1 = eval::bootstrapInterval(
      gold, predicted,
      [classes](const std::vector<eval::Label>& g, const std::vector<eval::Label>& p) {
        return eval::classificationReport(g, p, classes).macro_f1;
      },
      bootstrap);
  return metrics;
}

}  // namespace pwb::design
