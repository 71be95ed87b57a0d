// The files a run made (adapters, checkpoints, exports): paths relative to the database's
// folder, so a folder moved or copied whole keeps working, with checksums to notice a change.

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "store/experiment_store.h"
#include "store/sha256.h"
#include "store/sqlite_statement.h"

namespace pwb::store {
namespace {

struct FileDigest {
  std::string sha256;
  std::int64_t bytes = 0;
};

FileDigest digestFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the artifact file: " + std::strerror(errno));
  Sha256 hash;
  FileDigest digest;
  std::array<char, 1 << 16> buffer;
  while (in) {
    in.read(buffer.data(), buffer.size());
    hash.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
    digest.bytes += in.gcount();
  }
  if (in.bad()) throw std::runtime_error(file.string() + ": reading the artifact file failed");
  digest.sha256 = hash.hexDigest();
  return digest;
}

}  // namespace

ArtifactRecord ExperimentStore::addArtifact(std::int64_t run_id, ArtifactKind kind, const std::filesystem::path& file) {
  requireRun(run_id);
  const auto absolute = file.is_absolute() ? file : folder_ / file;
  if (!std::filesystem::is_regular_file(absolute)) {
    throw std::runtime_error(absolute.string() + ": the artifact is not a file");
  }
  const auto digest = digestFile(absolute);
  ArtifactRecord record;
  record.run_id = run_id;
  record.kind = kind;
  record.path = std::filesystem::relative(absolute, folder_).generic_string();
  record.sha256 = digest.sha256;
  record.bytes = digest.bytes;
  Statement insert(db_,
                   "INSERT INTO artifacts (run_id, kind, path, sha256, bytes) VALUES (?, ?, ?, ?, ?) "
                   "RETURNING id, created_at");
  insert.bind(1, run_id).bind(2, toString(kind)).bind(3, record.path).bind(4, record.sha256).bind(5, record.bytes);
  insert.step();
  record.id = insert.integer(0);
  record.created_at = insert.text(1);
  insert.run();
  return record;
}

std::vector<ArtifactRecord> ExperimentStore::artifacts(std::int64_t run_id) const {
  Statement query(db_,
                  "SELECT id, run_id, kind, path, sha256, bytes, created_at FROM artifacts WHERE run_id = ? ORDER BY id");
  query.bind(1, run_id);
  std::vector<ArtifactRecord> result;
  while (query.step()) {
    result.push_back({query.integer(0), query.integer(1), artifactKindFromString(query.text(2)), query.text(3),
                      query.text(4), query.integer(5), query.text(6)});
  }
  return result;
}

std::filesystem::path ExperimentStore::artifactFile(const ArtifactRecord& artifact) const {
  return (folder_ / artifact.path).lexically_normal();
}

}  // namespace pwb::store
