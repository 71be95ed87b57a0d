#pragma once
// What the user typed as a model: a Hub id ("gpt2", "google/flan-t5-small") or a model page's
// address pasted from the browser, and a revision (branch, tag or commit; "main" when empty).

#include <QString>

namespace pwb::ui {

struct HubModelRef {
  QString repo_id;   // "org/name" or "name"
  QString revision;  // never empty
  QString problem;   // why the text is not a model id; the rest is empty then
};

HubModelRef parseHubModelRef(const QString& typed_id, const QString& typed_revision);

// A 40-digit commit hash, which the cache needs no ref for.
bool isCommitHash(const QString& revision);

}  // namespace pwb::ui
