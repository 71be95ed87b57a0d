#pragma once
// safetensors tensors as torch tensors: reading (with an optional conversion, e.g. F16/BF16 to
// float32) and saving.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <ATen/ATen.h>

#include "model/safetensors.h"
#include "model/sharded_checkpoint.h"

namespace pwb::model {

// A CPU tensor owning a copy of the stored bytes, in the stored dtype or converted to `as`.
// Throws CheckpointError naming the file and tensor if it is absent or its dtype has no LibTorch
// type (U16, U32, U64 and the F8 types in LibTorch 1.13).
at::Tensor readTensor(const SafetensorsFile& file, const std::string& name,
                      std::optional<at::ScalarType> as = std::nullopt);
at::Tensor readTensor(const ShardedCheckpoint& checkpoint, const std::string& name,
                      std::optional<at::ScalarType> as = std::nullopt);

// Copies the stored tensor into `destination` (same number of elements, any dtype it converts
// to) a few megabytes at a time, releasing the file's pages behind the copy, so that loading
// a checkpoint into a module adds little more than the module's own size to resident memory.
// Throws CheckpointError naming the file and tensor if it is absent, has no LibTorch type or
// has a different number of elements.
void copyTensorInto(const SafetensorsFile& file, const std::string& name, at::Tensor& destination);
void copyTensorInto(const ShardedCheckpoint& checkpoint, const std::string& name, at::Tensor& destination);

// Writes the tensors (any device, any strides; bool, uint8, int8, int16, int32, int64, float16,
// bfloat16, float32, float64) in their own dtypes, atomically, as writeSafetensors does.
void saveSafetensors(const std::filesystem::path& path, const std::map<std::string, at::Tensor>& tensors,
                     const Metadata& metadata = {});

}  // namespace pwb::model
