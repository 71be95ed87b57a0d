// The adapter snapshots of a run, read back from its artifacts: ordered by step whatever order
// they were stored in, a step stored twice (a resumed run) once with its latest folder, and
// checkpoint artifacts in folders not named step-<n> left out.

#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"
#include "store/run_adapter_files.h"

namespace pwb::store {
namespace {

class AdapterSnapshots : public ::testing::Test {
 protected:
  // A file in `folder` under the store's folder, stored as an artifact of `kind`.
  void keep(const std::filesystem::path& folder, ArtifactKind kind = ArtifactKind::Checkpoint) {
    std::filesystem::create_directories(dir_ / folder);
    std::ofstream(dir_ / folder / "adapter_model.safetensors") << folder.string();
    store_.addArtifact(run_, kind, dir_ / folder / "adapter_model.safetensors");
  }
  testing::TempDir dir_;
  ExperimentStore store_{dir_ / "e.sqlite"};
  std::int64_t run_ = store_.createRun("tuning", "soft prompt", "{}");
};

TEST_F(AdapterSnapshots, ListsTheStepsInOrderOnceEach) {
  keep(adapterSnapshotFolder("run", 10));
  keep(adapterSnapshotFolder("run", 2));
  keep(adapterSnapshotFolder("resumed", 10));
  keep("run/checkpoints");                                        // a checkpoint, not a snapshot
  keep("run/adapter-steps/step-x");                               // not a step
  keep(adapterSnapshotFolder("run", 4), ArtifactKind::Adapter);  // the final adapter's kind
  const auto snapshots = adapterSnapshots(store_, run_);
  ASSERT_EQ(snapshots.size(), 2u);
  EXPECT_EQ(snapshots[0].step, 2);
  EXPECT_EQ(snapshots[0].folder, (dir_ / "run" / "adapter-steps" / "step-2").lexically_normal());
  EXPECT_EQ(snapshots[1].step, 10);
  EXPECT_EQ(snapshots[1].folder, (dir_ / "resumed" / "adapter-steps" / "step-10").lexically_normal());
}

TEST_F(AdapterSnapshots, ARunWithoutSnapshotsHasNone) {
  EXPECT_TRUE(adapterSnapshots(store_, run_).empty());
  EXPECT_TRUE(adapterSnapshots(store_, run_ + 1).empty());
}

}  // namespace
}  // namespace pwb::store
