#pragma once
// The datasets a run can use, as one combo box shared by the Prompt design and Tuning panels:
// every part of every built-in dataset first ("sst2 (built in)" is its default part, "sst2 dev
// (built in)" another), then the files the user imported with their column mapping.

#include <QComboBox>

#include <vector>

#include "data/import_options.h"
#include "experiment/experiment_spec.h"

namespace pwb::ui {

class DatasetChooser : public QComboBox {
  Q_OBJECT
 public:
  explicit DatasetChooser(QWidget* parent = nullptr);

  // An imported file, added after the others (a file added again keeps its place and takes the
  // new mapping); returns its index. It is not chosen.
  int addDatasetFile(const QString& file, const data::ImportOptions& options);
  // Chooses the entry of this built-in part or file; false when there is none.
  bool choose(const experiment::DatasetSpec& spec);

  // The chosen dataset: the built-in's name and part or the file with its mapping. Splits and
  // limits keep their defaults: the panel that uses it sets them.
  experiment::DatasetSpec spec() const;
  // The chosen entry's short name, for run names: "sst2", "sst2/dev", "reviews.csv".
  QString shortName() const;

 private:
  // The item of this built-in part or file; -1 when there is none.
  int indexOf(const experiment::DatasetSpec& spec) const;

  struct Choice {
    QString short_name;
    experiment::DatasetSpec spec;
  };
  std::vector<Choice> choices_;  // one per item, in item order
};

}  // namespace pwb::ui
