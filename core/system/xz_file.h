#pragma once
// Shipped corpora are xz-compressed to keep the repository small; the engine reads them as
// plain text. Torch-free header.

#include <filesystem>

namespace pwb::system {

// Decompresses an .xz file to `target`, atomically (a temporary file renamed at the end), so an
// interrupted run never leaves a half-written copy behind. Throws std::runtime_error naming the
// file when it cannot be read, is not xz, is truncated or corrupt, or the target cannot be written
// (a full disk included).
void decompressXz(const std::filesystem::path& source, const std::filesystem::path& target);

// `file` itself when it is not compressed; otherwise its decompressed copy in `cache_dir`
// (made at first use, named by the file's name, size and modification time).
std::filesystem::path plainTextFile(const std::filesystem::path& file, const std::filesystem::path& cache_dir);

}  // namespace pwb::system
