#include "model/safetensors_torch.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace pwb::model {
namespace {

constexpr std::pair<Dtype, at::ScalarType> kTorchTypes[] = {
    {Dtype::Bool, at::kBool},  {Dtype::U8, at::kByte},      {Dtype::I8, at::kChar},  {Dtype::I16, at::kShort},
    {Dtype::I32, at::kInt},    {Dtype::I64, at::kLong},     {Dtype::F16, at::kHalf}, {Dtype::BF16, at::kBFloat16},
    {Dtype::F32, at::kFloat},  {Dtype::F64, at::kDouble},
};

std::optional<at::ScalarType> scalarTypeOf(Dtype dtype) {
  for (const auto& [stored, type] : kTorchTypes) {
    if (stored == dtype) return type;
  }
  return std::nullopt;
}

std::optional<Dtype> dtypeOf(at::ScalarType type) {
  for (const auto& [stored, torch_type] : kTorchTypes) {
    if (torch_type == type) return stored;
  }
  return std::nullopt;
}

at::ScalarType torchTypeOf(const TensorBytes& bytes, const std::string& file, const std::string& name) {
  const auto type = scalarTypeOf(bytes.dtype);
  if (!type) {
    throw CheckpointError(file + ": tensor '" + name + "': dtype " + std::string(dtypeName(bytes.dtype)) +
                          " has no LibTorch type");
  }
  return *type;
}

at::Tensor toTensor(const TensorBytes& bytes, const std::string& file, const std::string& name,
                    std::optional<at::ScalarType> as) {
  const auto type = torchTypeOf(bytes, file, name);
  // A copy, not a view of the mapping: the tensor outlives the file, and a view could be unaligned.
  auto tensor = at::empty(bytes.shape, at::TensorOptions().dtype(type));
  if (bytes.size > 0) std::memcpy(tensor.data_ptr(), bytes.data, bytes.size);
  return as && *as != type ? tensor.to(*as) : tensor;
}

// Elements per step of copyTensorInto (4 MB of float32): the mapped pages behind each step are
// released before the next.
constexpr std::int64_t kCopyChunkElements = std::int64_t{1} << 20;

}  // namespace

void copyTensorInto(const SafetensorsFile& file, const std::string& name, at::Tensor& destination) {
  const auto bytes = file.tensor(name);
  const auto type = torchTypeOf(bytes, file.path().string(), name);
  const auto element_size = static_cast<std::int64_t>(dtypeSize(bytes.dtype));
  const auto count = static_cast<std::int64_t>(bytes.size) / element_size;
  if (count != destination.numel()) {
    throw CheckpointError(file.path().string() + ": tensor '" + name + "' has " + std::to_string(count) +
                          " elements, the destination " + std::to_string(destination.numel()));
  }
  TORCH_CHECK(destination.is_contiguous(), "copyTensorInto needs a contiguous destination");
  auto flat = destination.view({-1});
  const auto options = at::TensorOptions().dtype(type);
  at::Tensor buffer;  // only for bytes not aligned to their dtype
  for (std::int64_t first = 0; first < count; first += kCopyChunkElements) {
    const auto n = std::min(kCopyChunkElements, count - first);
    const auto* source = bytes.data + first * element_size;
    const auto size = static_cast<std::size_t>(n * element_size);
    at::Tensor chunk;
    if (reinterpret_cast<std::uintptr_t>(source) % static_cast<std::uintptr_t>(element_size) == 0) {
      // A view of the read-only mapping, only ever read: copy_ below is its one use.
      chunk = at::from_blob(const_cast<std::byte*>(source), {n}, options);
    } else {
      if (!buffer.defined()) buffer = at::empty({std::min(count, kCopyChunkElements)}, options);
      std::memcpy(buffer.data_ptr(), source, size);
      chunk = buffer.slice(0, 0, n);
    }
    flat.slice(0, first, first + n).copy_(chunk);
    file.releasePages(source, size);
  }
}

void copyTensorInto(const ShardedCheckpoint& checkpoint, const std::string& name, at::Tensor& destination) {
  copyTensorInto(checkpoint.shardOf(name), name, destination);
}

at::Tensor readTensor(const SafetensorsFile& file, const std::string& name, std::optional<at::ScalarType> as) {
  return toTensor(file.tensor(name), file.path().string(), name, as);
}

at::Tensor readTensor(const ShardedCheckpoint& checkpoint, const std::string& name, std::optional<at::ScalarType> as) {
  return readTensor(checkpoint.shardOf(name), name, as);
}

void saveSafetensors(const std::filesystem::path& path, const std::map<std::string, at::Tensor>& tensors,
                     const Metadata& metadata) {
  std::vector<at::Tensor> keep_alive;  // the contiguous CPU copies the byte views point into
  keep_alive.reserve(tensors.size());
  std::map<std::string, TensorBytes> bytes;
  for (const auto& [name, tensor] : tensors) {
    auto bad = [&path, &name = name](const std::string& why) {
      return CheckpointError(path.string() + ": cannot save tensor '" + name + "': " + why);
    };
    if (!tensor.defined()) throw bad("the tensor is undefined");
    const auto dtype = dtypeOf(tensor.scalar_type());
    if (!dtype) throw bad(std::string("safetensors has no dtype for ") + c10::toString(tensor.scalar_type()));
    const auto& stored = keep_alive.emplace_back(tensor.detach().to(at::kCPU).contiguous());
    bytes.emplace(name, TensorBytes{*dtype, stored.sizes().vec(), static_cast<const std::byte*>(stored.data_ptr()),
                                    stored.nbytes()});
  }
  writeSafetensors(path, bytes, metadata);
}

}  // namespace pwb::model
