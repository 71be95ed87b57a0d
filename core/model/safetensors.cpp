#include "model/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <tuple>
#include <unordered_set>

#include <nlohmann/json.hpp>

// Tensor bytes are handed over as they lie in memory; safetensors is little-endian.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors I/O assumes a little-endian host");

namespace pwb::model {
namespace {

using nlohmann::json;

constexpr std::uint64_t kMaxHeaderSize = 100'000'000;

struct DtypeRow {
  Dtype dtype;
  std::string_view name;
  std::size_t size;
};

constexpr DtypeRow kDtypes[] = {
    {Dtype::Bool, "BOOL", 1},   {Dtype::U8, "U8", 1},         {Dtype::I8, "I8", 1},
    {Dtype::I16, "I16", 2},     {Dtype::U16, "U16", 2},       {Dtype::I32, "I32", 4},
    {Dtype::U32, "U32", 4},     {Dtype::I64, "I64", 8},       {Dtype::U64, "U64", 8},
    {Dtype::F16, "F16", 2},     {Dtype::BF16, "BF16", 2},     {Dtype::F32, "F32", 4},
    {Dtype::F64, "F64", 8},     {Dtype::F8_E4M3, "F8_E4M3", 1}, {Dtype::F8_E5M2, "F8_E5M2", 1},
};

const DtypeRow& rowOf(Dtype dtype) {
  for (const auto& row : kDtypes) {
    if (row.dtype == dtype) return row;
  }
  throw std::logic_error("safetensors: dtype missing from the table");
}

std::string errnoText(int error) {
  auto text = std::error_code(error, std::generic_category()).message();
  if (error == ENOSPC || error == EDQUOT) text = "the disk is full (" + text + ")";
  return text;
}

std::string rangeText(std::uint64_t begin, std::uint64_t end) {
  return "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
}

// A JSON value quoted in a message, cut short: a hostile header can hold megabytes. Nested
// values are named by type only, since dumping a deeply nested one would exhaust the stack.
std::string excerpt(const json& value) {
  if (value.is_structured() &&
      std::any_of(value.begin(), value.end(), [](const json& element) { return element.is_structured(); })) {
    return std::string("a nested ") + value.type_name();
  }
  auto text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

// shape × dtype size in bytes, or nothing if that overflows 64 bits.
std::optional<std::uint64_t> byteCount(const std::vector<std::int64_t>& shape, Dtype dtype) {
  std::uint64_t count = dtypeSize(dtype);
  for (const auto dim : shape) {
    if (__builtin_mul_overflow(count, static_cast<std::uint64_t>(dim), &count)) return std::nullopt;
  }
  return count;
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // Closes now, so that a failing close (a late write error on some file systems) is seen.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

}  // namespace

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::size_t dtypeSize(Dtype dtype) { return rowOf(dtype).size; }

std::string_view dtypeName(Dtype dtype) { return rowOf(dtype).name; }

std::optional<Dtype> dtypeFromName(std::string_view name) {
  for (const auto& row : kDtypes) {
    if (row.name == name) return row.dtype;
  }
  return std::nullopt;
}

// ---- reading ----

struct SafetensorsFile::Mapping {
  void* address = nullptr;
  std::size_t size = 0;
  ~Mapping() {
    if (address != nullptr) ::munmap(address, size);
  }
};

void SafetensorsFile::releasePages(const std::byte* data, std::size_t size) const {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) / page * page;
  // Advice only: a failure leaves the pages resident, which is correct, just larger.
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

SafetensorsFile::~SafetensorsFile() = default;
SafetensorsFile::SafetensorsFile(SafetensorsFile&&) noexcept = default;
SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&&) noexcept = default;

SafetensorsFile::SafetensorsFile(std::filesystem::path path) : path_(std::move(path)) {
  const std::string file = path_.string();
  auto fail = [&file](const std::string& why) { return CheckpointError(file + ": " + why); };

  FileDescriptor fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw fail("cannot open: " + errnoText(errno));
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0) throw fail("cannot read: " + errnoText(errno));
  if (!S_ISREG(status.st_mode)) throw fail("not a regular file");
  const auto file_size = static_cast<std::uint64_t>(status.st_size);
  if (file_size < 8) {
    throw fail("the file is " + std::to_string(file_size) +
               " bytes long; a safetensors file starts with an 8-byte header length");
  }
  mapping_ = std::make_unique<Mapping>();
  void* address = ::mmap(nullptr, file_size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (address == MAP_FAILED) throw fail("cannot map into memory: " + errnoText(errno));
  mapping_->address = address;
  mapping_->size = file_size;
  const auto* bytes = static_cast<const std::byte*>(address);

  std::uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | std::to_integer<std::uint64_t>(bytes[i]);
  if (header_size > kMaxHeaderSize) {
    throw fail("the header length field says " + std::to_string(header_size) + " bytes, more than the " +
               std::to_string(kMaxHeaderSize) + "-byte limit (not a safetensors file?)");
  }
  if (header_size > file_size - 8) {
    throw fail("the header length field says " + std::to_string(header_size) + " bytes but only " +
               std::to_string(file_size - 8) + " bytes follow it (a truncated file?)");
  }
  const auto data_size = file_size - 8 - header_size;
  data_section_ = bytes + 8 + header_size;

  // The callback sees the top-level keys in file order, which a parsed object no longer has.
  std::vector<std::string> keys;
  json header;
  try {
    const auto* text = reinterpret_cast<const char*>(bytes + 8);
    header = json::parse(text, text + header_size, [&keys](int depth, json::parse_event_t event, json& parsed) {
      if (depth == 1 && event == json::parse_event_t::key) keys.push_back(parsed.get<std::string>());
      return true;
    });
  } catch (const json::parse_error& error) {
    throw fail(std::string("the header is not valid JSON: ") + error.what());
  }
  if (!header.is_object()) throw fail(std::string("the header must be a JSON object, not ") + header.type_name());

  std::unordered_set<std::string> seen;
  for (const auto& key : keys) {
    if (!seen.insert(key).second) throw fail("the header names '" + key + "' twice");
  }

  for (const auto& name : keys) {
    const auto& value = header.at(name);
    if (name == "__metadata__") {
      if (!value.is_object()) throw fail("'__metadata__' must be an object of strings, not " + excerpt(value));
      for (const auto& [key, text] : value.items()) {
        if (!text.is_string()) throw fail("'__metadata__' entry '" + key + "' must be a string, not " + excerpt(text));
        metadata_[key] = text.get<std::string>();
      }
      continue;
    }
    auto bad = [&file, &name](const std::string& why) {
      return CheckpointError(file + ": tensor '" + name + "': " + why);
    };
    if (!value.is_object()) throw bad("the entry must be an object, not " + excerpt(value));
    for (const char* field : {"dtype", "shape", "data_offsets"}) {
      if (!value.contains(field)) throw bad(std::string("the entry has no '") + field + "'");
    }

    const auto& dtype_value = value.at("dtype");
    if (!dtype_value.is_string()) throw bad("'dtype' must be a string, not " + excerpt(dtype_value));
    const auto dtype = dtypeFromName(dtype_value.get<std::string>());
    if (!dtype) throw bad("unknown dtype '" + dtype_value.get<std::string>() + "'");

    const auto& shape_value = value.at("shape");
    const auto shape_error = "'shape' must be a list of non-negative integers, not " + excerpt(shape_value);
    if (!shape_value.is_array()) throw bad(shape_error);
    std::vector<std::int64_t> shape;
    for (const auto& dim : shape_value) {
      // Non-negative JSON integers parse as unsigned; negative, fractional and huge ones do not.
      if (!dim.is_number_unsigned()) throw bad(shape_error);
      const auto n = dim.get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(INT64_MAX)) throw bad(shape_error);
      shape.push_back(static_cast<std::int64_t>(n));
    }

    const auto& offsets = value.at("data_offsets");
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned() || offsets[0].get<std::uint64_t>() > offsets[1].get<std::uint64_t>()) {
      throw bad("'data_offsets' must be two ascending non-negative integers [begin, end], not " + excerpt(offsets));
    }
    const auto begin = offsets[0].get<std::uint64_t>();
    const auto end = offsets[1].get<std::uint64_t>();

    const auto needed = byteCount(shape, *dtype);
    if (!needed) throw bad("shape " + shapeText(shape) + " × " + std::string(dtypeName(*dtype)) + " overflows 64 bits");
    if (*needed != end - begin) {
      throw bad("shape " + shapeText(shape) + " × " + std::string(dtypeName(*dtype)) + " needs " +
                std::to_string(*needed) + " bytes but data_offsets span " + std::to_string(end - begin));
    }
    if (end > data_size) {
      throw bad("data_offsets " + rangeText(begin, end) + " run past the end of the " + std::to_string(data_size) +
                "-byte data section");
    }
    names_.push_back(name);
    index_.emplace(name, Entry{*dtype, std::move(shape), begin, end});
  }

  // The ranges must tile the data section exactly.
  struct Range {
    std::uint64_t begin;
    std::uint64_t end;
    const std::string* name;
  };
  std::vector<Range> ranges;
  for (const auto& name : names_) {
    const auto& entry = index_.at(name);
    ranges.push_back({entry.begin, entry.end, &name});
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const Range& a, const Range& b) {
              return std::tie(a.begin, a.end, *a.name) < std::tie(b.begin, b.end, *b.name);
            });
  std::uint64_t covered = 0;
  const Range* previous = nullptr;
  for (const auto& range : ranges) {
    if (range.begin < covered) {
      throw fail("tensors '" + *previous->name + "' " + rangeText(previous->begin, previous->end) + " and '" +
                 *range.name + "' " + rangeText(range.begin, range.end) + " overlap");
    }
    if (range.begin > covered) {
      throw fail("data bytes " + rangeText(covered, range.begin) +
                 " belong to no tensor (the format allows no gaps); the next tensor is '" + *range.name + "'");
    }
    covered = range.end;
    previous = &range;
  }
  if (covered < data_size) {
    throw fail("data bytes " + rangeText(covered, data_size) +
               " after the last tensor belong to no tensor (the format allows no gaps)");
  }
}

TensorBytes SafetensorsFile::tensor(const std::string& name) const {
  const auto found = index_.find(name);
  if (found == index_.end()) throw CheckpointError(path_.string() + ": no tensor named '" + name + "'");
  const auto& entry = found->second;
  return TensorBytes{entry.dtype, entry.shape, data_section_ + entry.begin,
                     static_cast<std::size_t>(entry.end - entry.begin)};
}

// ---- writing ----

namespace {

// A new file beside the target, removed again unless commit() renamed it over the target.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::filesystem::path& target) : target_(target) {
    static std::atomic<unsigned> counter{0};
    const auto folder = target.parent_path();
    int open_error = 0;
    // O_EXCL with a fresh name per attempt: a leftover of a crashed run is never reused.
    for (int attempt = 0; attempt < 100 && fd_.get() < 0; ++attempt) {
      path_ = folder / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                        std::to_string(counter++));
      fd_.reset(::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
      open_error = errno;
      if (fd_.get() < 0 && open_error != EEXIST) break;
    }
    if (fd_.get() < 0) {
      throw CheckpointError(target.string() + ": cannot create a temporary file in '" +
                            (folder.empty() ? std::string(".") : folder.string()) + "': " + errnoText(open_error));
    }
  }
  ~TemporaryFile() {
    if (!committed_) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  void write(const std::byte* data, std::size_t size) {
    while (size > 0) {
      const auto written = ::write(fd_.get(), data, size);
      if (written < 0) {
        if (errno == EINTR) continue;
        fail("cannot write");
      }
      data += written;
      size -= static_cast<std::size_t>(written);
    }
  }

  void commit() {
    // Synced before the rename, so that after a crash the name never points at missing data.
    if (::fsync(fd_.get()) != 0) fail("cannot write");
    if (fd_.close() != 0) fail("cannot write");
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail("cannot replace the file");
    committed_ = true;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    const int error = errno;  // before building the message can touch it
    throw CheckpointError(target_.string() + ": " + what + ": " + errnoText(error));
  }

  std::filesystem::path target_;
  std::filesystem::path path_;
  FileDescriptor fd_{-1};
  bool committed_ = false;
};

}  // namespace

void writeSafetensors(const std::filesystem::path& path, const std::map<std::string, TensorBytes>& tensors,
                      const Metadata& metadata) {
  const std::string file = path.string();
  // Key order as the reference writer produces it: metadata first, then the tensors in data order.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    auto bad = [&file, &name = name](const std::string& why) {
      return CheckpointError(file + ": cannot save tensor '" + name + "': " + why);
    };
    if (name == "__metadata__") throw bad("the name is reserved for the metadata");
    if (std::any_of(tensor.shape.begin(), tensor.shape.end(), [](std::int64_t dim) { return dim < 0; })) {
      throw bad("negative dimension in shape " + shapeText(tensor.shape));
    }
    const auto needed = byteCount(tensor.shape, tensor.dtype);
    if (!needed || *needed != tensor.size) {
      throw bad("shape " + shapeText(tensor.shape) + " × " + std::string(dtypeName(tensor.dtype)) + " does not match " +
                std::to_string(tensor.size) + " bytes of data");
    }
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    entry["dtype"] = std::string(dtypeName(tensor.dtype));
    entry["shape"] = tensor.shape;
    entry["data_offsets"] = {offset, offset + tensor.size};
    header[name] = std::move(entry);
    offset += tensor.size;
  }
  std::string text;
  try {
    text = header.dump();
  } catch (const nlohmann::ordered_json::type_error&) {
    throw CheckpointError(file + ": cannot save: a tensor name or metadata text is not valid UTF-8");
  }
  // Padding the header with spaces keeps the data section 8-byte aligned.
  text.append((8 - text.size() % 8) % 8, ' ');

  std::byte length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<std::byte>((text.size() >> (8 * i)) & 0xFF);

  TemporaryFile out(path);
  out.write(length, sizeof length);
  out.write(reinterpret_cast<const std::byte*>(text.data()), text.size());
  for (const auto& [name, tensor] : tensors) out.write(tensor.data, tensor.size);
  out.commit();
}

}  // namespace pwb::model
