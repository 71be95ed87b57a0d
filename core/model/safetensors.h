#pragma once
// The safetensors format at the byte level, without torch: a validating, memory-mapped reader
// and an atomic writer.
//
// Layout: an 8-byte little-endian header length N, N bytes of JSON header (an object of
// name -> {"dtype", "shape", "data_offsets": [begin, end]} plus an optional "__metadata__"
// string map), then the data section. Offsets are relative to the data section.
//
// What the reader accepts: every offset pair lies inside the data section, its length is exactly
// shape × dtype size, and the ranges tile the data section with no overlap and no gap (the
// format's own rule: a gap could hide a second file inside this one). A tensor name appears once.
// A header is at most 100 MB, as in the reference implementation.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pwb::model {

// Every failure to read or write a checkpoint; what() names the file and, where one is at fault,
// the tensor.
class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The element types of the safetensors specification that have a whole number of bytes.
enum class Dtype { Bool, U8, I8, I16, U16, I32, U32, I64, U64, F16, BF16, F32, F64, F8_E4M3, F8_E5M2 };

std::size_t dtypeSize(Dtype dtype);
std::string_view dtypeName(Dtype dtype);                        // "F32", "BF16", "BOOL", ...
std::optional<Dtype> dtypeFromName(std::string_view name);

using Metadata = std::map<std::string, std::string>;

// "[2, 3]": a shape as error messages write it.
std::string shapeText(const std::vector<std::int64_t>& shape);

// One tensor's bytes in memory as safetensors stores them: little-endian, row-major, contiguous.
struct TensorBytes {
  Dtype dtype = Dtype::F32;
  std::vector<std::int64_t> shape;
  const std::byte* data = nullptr;
  std::size_t size = 0;  // bytes
};

// An open safetensors file. Tensor data points into a read-only mapping of the file, valid for
// the object's lifetime. (A file truncated by another process while mapped is outside what any
// mmap reader can guard against.)
class SafetensorsFile {
 public:
  // Throws CheckpointError if the file cannot be opened or any part of its header is invalid.
  explicit SafetensorsFile(std::filesystem::path path);
  ~SafetensorsFile();
  SafetensorsFile(SafetensorsFile&&) noexcept;
  SafetensorsFile& operator=(SafetensorsFile&&) noexcept;
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::vector<std::string>& names() const { return names_; }  // in header order
  bool contains(const std::string& name) const { return index_.count(name) != 0; }
  // Throws CheckpointError naming the file if there is no such tensor.
  TensorBytes tensor(const std::string& name) const;
  const Metadata& metadata() const { return metadata_; }
  // Drops the whole pages inside [data, data + size) of the mapping from resident memory once
  // they have been read (they are read again from the file if touched later): a loader that
  // converts tensor by tensor then holds one converted copy of the weights, not two.
  void releasePages(const std::byte* data, std::size_t size) const;

 private:
  struct Mapping;
  struct Entry {
    Dtype dtype;
    std::vector<std::int64_t> shape;
    std::uint64_t begin;
    std::uint64_t end;
  };

  std::filesystem::path path_;
  std::unique_ptr<Mapping> mapping_;
  const std::byte* data_section_ = nullptr;
  std::vector<std::string> names_;
  std::unordered_map<std::string, Entry> index_;
  Metadata metadata_;
};

// Writes `tensors` (data in name order, contiguous) with `metadata`, atomically: into a temporary
// file beside `path` that is synced and renamed over it, so `path` holds either its old content
// or the whole new file. Throws CheckpointError naming the file and the reason (a full disk says
// so) and leaves no temporary file behind.
void writeSafetensors(const std::filesystem::path& path, const std::map<std::string, TensorBytes>& tensors,
                      const Metadata& metadata = {});

}  // namespace pwb::model
