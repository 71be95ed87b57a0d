#pragma once
// One stored run as an HTML page: status, facts, metric summaries, artifacts, log, config.

#include <QString>
#include <cstdint>

#include "store/experiment_store.h"

namespace pwb::ui {

// An unknown id gives a page that says so.
QString runDetailHtml(const store::ExperimentStore& store, std::int64_t run_id);

}  // namespace pwb::ui
