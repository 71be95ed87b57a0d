#include "model/safetensors_torch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>

#include "../../support/temp_dir.h"

namespace pwb::model {
namespace {

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

std::string readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A one-tensor file "t" holding `values` as `dtype`, written through the byte layer.
template <typename T>
std::filesystem::path writeOne(const pwb::testing::TempDir& dir, Dtype dtype, const std::vector<T>& values) {
  const auto path = dir / (std::string(dtypeName(dtype)) + ".safetensors");
  writeSafetensors(path, {{"t",
                           {dtype,
                            {static_cast<std::int64_t>(values.size())},
                            reinterpret_cast<const std::byte*>(values.data()),
                            values.size() * sizeof(T)}}});
  return path;
}

std::vector<float> floatsOf(const at::Tensor& tensor) {
  EXPECT_EQ(tensor.scalar_type(), at::kFloat);
  const auto* data = tensor.data_ptr<float>();
  return {data, data + tensor.numel()};
}

// Same dtype, shape and bits (NaNs included).
void expectIdentical(const at::Tensor& actual, const at::Tensor& expected, const std::string& name) {
  ASSERT_EQ(actual.scalar_type(), expected.scalar_type()) << name;
  ASSERT_EQ(actual.sizes(), expected.sizes()) << name;
  const auto a = actual.contiguous(), e = expected.contiguous();
  EXPECT_EQ(std::memcmp(a.data_ptr(), e.data_ptr(), e.nbytes()), 0) << name;
}

TEST(SafetensorsTorch, HalfToFloat) {
  pwb::testing::TempDir dir;
  const std::vector<std::uint16_t> bits = {0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001, 0x03FF,
                                           0x0400, 0x8000, 0x7C00, 0xFC00, 0x7E00};
  SafetensorsFile file(writeOne(dir, Dtype::F16, bits));
  EXPECT_EQ(readTensor(file, "t").scalar_type(), at::kHalf);
  const auto values = floatsOf(readTensor(file, "t", at::kFloat));
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(values[0], 1.0f);
  EXPECT_EQ(values[1], -2.0f);
  EXPECT_EQ(values[2], 0.333251953125f);              // 1365/4096
  EXPECT_EQ(values[3], 65504.0f);                     // largest finite
  EXPECT_EQ(values[4], std::ldexp(1.0f, -24));        // smallest subnormal
  EXPECT_EQ(values[5], 1023.0f * std::ldexp(1.0f, -24));  // largest subnormal
  EXPECT_EQ(values[6], std::ldexp(1.0f, -14));        // smallest normal
  EXPECT_EQ(values[7], 0.0f);
  EXPECT_TRUE(std::signbit(values[7]));
  EXPECT_EQ(values[8], inf);
  EXPECT_EQ(values[9], -inf);
  EXPECT_TRUE(std::isnan(values[10]));
}

TEST(SafetensorsTorch, BFloat16ToFloat) {
  pwb::testing::TempDir dir;
  const std::vector<std::uint16_t> bits = {0x3F80, 0xC000, 0x4049, 0x7F7F, 0x0001, 0x0080, 0x8000, 0x7F80, 0xFF80, 0x7FC0};
  SafetensorsFile file(writeOne(dir, Dtype::BF16, bits));
  EXPECT_EQ(readTensor(file, "t").scalar_type(), at::kBFloat16);
  const auto values = floatsOf(readTensor(file, "t", at::kFloat));
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(values[0], 1.0f);
  EXPECT_EQ(values[1], -2.0f);
  EXPECT_EQ(values[2], 3.140625f);
  EXPECT_EQ(values[3], 255.0f * std::ldexp(1.0f, 120));  // largest finite: 0x7F7F0000
  EXPECT_EQ(values[4], std::ldexp(1.0f, -133));          // smallest subnormal
  EXPECT_EQ(values[5], std::numeric_limits<float>::min());  // smallest normal, 2^-126
  EXPECT_EQ(values[6], 0.0f);
  EXPECT_TRUE(std::signbit(values[6]));
  EXPECT_EQ(values[7], inf);
  EXPECT_EQ(values[8], -inf);
  EXPECT_TRUE(std::isnan(values[9]));
}

TEST(SafetensorsTorch, IntegerBoolAndDoubleTypes) {
  pwb::testing::TempDir dir;
  {
    SafetensorsFile file(writeOne<std::int64_t>(dir, Dtype::I64, {-1, std::int64_t{1} << 40}));
    const auto t = readTensor(file, "t");
    ASSERT_EQ(t.scalar_type(), at::kLong);
    EXPECT_EQ(t[0].item<std::int64_t>(), -1);
    EXPECT_EQ(t[1].item<std::int64_t>(), std::int64_t{1} << 40);
    EXPECT_EQ(floatsOf(readTensor(file, "t", at::kFloat)), (std::vector<float>{-1.0f, 1099511627776.0f}));
  }
  {
    SafetensorsFile file(writeOne<std::int32_t>(dir, Dtype::I32, {-7, 2147483647}));
    const auto t = readTensor(file, "t");
    ASSERT_EQ(t.scalar_type(), at::kInt);
    EXPECT_EQ(t[0].item<std::int32_t>(), -7);
    EXPECT_EQ(t[1].item<std::int32_t>(), 2147483647);
  }
  {
    SafetensorsFile file(writeOne<std::uint8_t>(dir, Dtype::Bool, {1, 0, 1}));
    const auto t = readTensor(file, "t");
    ASSERT_EQ(t.scalar_type(), at::kBool);
    EXPECT_TRUE(t[0].item<bool>());
    EXPECT_FALSE(t[1].item<bool>());
    EXPECT_EQ(floatsOf(readTensor(file, "t", at::kFloat)), (std::vector<float>{1.0f, 0.0f, 1.0f}));
  }
  {
    SafetensorsFile file(writeOne<std::uint8_t>(dir, Dtype::U8, {255, 3}));
    EXPECT_EQ(readTensor(file, "t")[0].item<std::uint8_t>(), 255);
  }
  {
    SafetensorsFile file(writeOne<std::int8_t>(dir, Dtype::I8, {-128, 3}));
    EXPECT_EQ(readTensor(file, "t")[0].item<std::int8_t>(), -128);
  }
  {
    SafetensorsFile file(writeOne<std::int16_t>(dir, Dtype::I16, {-300}));
    EXPECT_EQ(readTensor(file, "t")[0].item<std::int16_t>(), -300);
  }
  {
    SafetensorsFile file(writeOne<double>(dir, Dtype::F64, {0.1}));
    EXPECT_EQ(readTensor(file, "t")[0].item<double>(), 0.1);
    EXPECT_EQ(floatsOf(readTensor(file, "t", at::kFloat)), (std::vector<float>{0.1f}));
  }
}

TEST(SafetensorsTorch, DtypesWithoutATorchTypeAreRefusedByName) {
  pwb::testing::TempDir dir;
  const auto path = writeOne<std::uint16_t>(dir, Dtype::U16, {1, 2});
  SafetensorsFile file(path);
  try {
    readTensor(file, "t");
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), path.string() + ": tensor 't': dtype U16 has no LibTorch type");
  }
}

TEST(SafetensorsTorch, RoundTripOfEveryType) {
  pwb::testing::TempDir dir;
  const auto ramp = at::arange(24, at::kDouble).reshape({2, 3, 4}) * 0.37 - 3.0;
  std::map<std::string, at::Tensor> tensors{
      {"f32", ramp.to(at::kFloat)},
      {"f16", ramp.to(at::kHalf)},
      {"bf16", ramp.to(at::kBFloat16)},
      {"f64", ramp},
      {"i64", (ramp * 1e9).to(at::kLong)},
      {"i32", (ramp * 100).to(at::kInt)},
      {"i16", (ramp * 100).to(at::kShort)},
      {"i8", (ramp * 10).to(at::kChar)},
      {"u8", (ramp * 10 + 40).to(at::kByte)},
      {"bool", ramp > 0},
      {"transposed", ramp.to(at::kFloat).transpose(0, 2)},  // not contiguous
      {"scalar", at::scalar_tensor(2.5, at::kFloat)},
      {"empty", at::empty({0, 3}, at::kFloat)},
      {"nan", at::full({2}, std::numeric_limits<float>::quiet_NaN(), at::kFloat)},
  };
  const Metadata metadata{{"format", "pt"}, {"step", "150"}};
  saveSafetensors(dir / "a.safetensors", tensors, metadata);

  SafetensorsFile file(dir / "a.safetensors");
  EXPECT_EQ(file.metadata(), metadata);
  ASSERT_EQ(file.names().size(), tensors.size());
  std::map<std::string, at::Tensor> loaded;
  for (const auto& [name, tensor] : tensors) {
    loaded[name] = readTensor(file, name);
    expectIdentical(loaded[name], tensor, name);
  }
  // load → save → load: the same file.
  saveSafetensors(dir / "b.safetensors", loaded, file.metadata());
  EXPECT_TRUE(readBytes(dir / "a.safetensors") == readBytes(dir / "b.safetensors"));
}

TEST(SafetensorsTorch, SavingTheLoadedFixturesReproducesThem) {
  pwb::testing::TempDir dir;
  for (const std::string model : {"gpt2-tiny", "llama-tiny", "t5-tiny", "t5-tiny-gated"}) {
    for (const std::string name : {"model.safetensors", "expected.safetensors"}) {
      SCOPED_TRACE(model + "/" + name);
      SafetensorsFile original(kFixtures / model / name);
      std::map<std::string, at::Tensor> tensors;
      for (const auto& tensor_name : original.names()) tensors[tensor_name] = readTensor(original, tensor_name);
      saveSafetensors(dir / name, tensors, original.metadata());
      EXPECT_TRUE(readBytes(dir / name) == readBytes(kFixtures / model / name));
    }
  }
  SafetensorsFile gpt2(kFixtures / "gpt2-tiny" / "model.safetensors");
  const auto wte = readTensor(gpt2, "transformer.wte.weight");
  EXPECT_EQ(wte.sizes(), (at::IntArrayRef{1000, 64}));
  EXPECT_EQ(wte[0][1].item<float>(), -0.08222205936908722f);  // read independently with Python's struct
  // float32 → bfloat16 keeps the top 16 bits, rounded to nearest even.
  EXPECT_EQ(readTensor(gpt2, "transformer.wte.weight", at::kBFloat16)[0][1].item<float>(), -0.08203125f);
}

TEST(SafetensorsTorch, ReadsThroughAShardedCheckpoint) {
  pwb::testing::TempDir dir;
  saveSafetensors(dir / "a.safetensors", {{"x", at::arange(4, at::kFloat).to(at::kHalf)}});
  saveSafetensors(dir / "b.safetensors", {{"y", at::ones({2}, at::kLong)}});
  std::ofstream(dir / "model.safetensors.index.json")
      << R"({"weight_map": {"x": "a.safetensors", "y": "b.safetensors"}})";
  ShardedCheckpoint checkpoint(dir / "model.safetensors.index.json");
  EXPECT_EQ(floatsOf(readTensor(checkpoint, "x", at::kFloat)), (std::vector<float>{0, 1, 2, 3}));
  expectIdentical(readTensor(checkpoint, "y"), at::ones({2}, at::kLong), "y");
}

std::string saveError(const std::filesystem::path& path, const std::map<std::string, at::Tensor>& tensors) {
  try {
    saveSafetensors(path, tensors);
  } catch (const CheckpointError& error) {
    return error.what();
  }
  return "(saved without error)";
}

TEST(SafetensorsTorch, RefusesTensorsItCannotStore) {
  pwb::testing::TempDir dir;
  const auto path = dir / "a.safetensors";
  EXPECT_EQ(saveError(path, {{"ok", at::ones({1})}, {"c", at::ones({2}, at::kComplexFloat)}}),
            path.string() + ": cannot save tensor 'c': safetensors has no dtype for ComplexFloat");
  EXPECT_EQ(saveError(path, {{"u", at::Tensor()}}), path.string() + ": cannot save tensor 'u': the tensor is undefined");
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace pwb::model

namespace pwb::model {
namespace {

// copyTensorInto equals readTensor + conversion, also for a tensor whose bytes are not aligned
// to its dtype (after a 3-byte tensor) and one larger than a copy step (1 Mi elements).
TEST(SafetensorsTorch, CopyIntoConvertsAndHandlesMisalignedAndLargeTensors) {
  pwb::testing::TempDir dir;
  const auto large = at::arange(0, (1 << 20) + 5, at::kFloat);
  const std::map<std::string, at::Tensor> tensors = {
      {"a", at::tensor({1, 2, 3}, at::kByte)},                     // data bytes 0..3
      {"b", at::tensor({0.5, -1.25, 3.0}, at::kFloat)},            // 4-byte floats at byte 3
      {"c", at::tensor({0.5, -2.0}, at::kFloat).to(at::kHalf)},
      {"d", large}};
  saveSafetensors(dir / "mixed.safetensors", tensors);
  const SafetensorsFile file(dir / "mixed.safetensors");
  ASSERT_NE(reinterpret_cast<std::uintptr_t>(file.tensor("b").data) % 4, 0u);  // the case under test

  auto b = at::empty({3}, at::kFloat), c = at::empty({2}, at::kFloat), d = at::empty({(1 << 20) + 5}, at::kFloat);
  copyTensorInto(file, "b", b);
  copyTensorInto(file, "c", c);
  copyTensorInto(file, "d", d);
  EXPECT_TRUE(b.equal(tensors.at("b")));
  EXPECT_TRUE(c.equal(at::tensor({0.5, -2.0}, at::kFloat)));
  EXPECT_TRUE(d.equal(large));
  auto as_double = at::empty({3}, at::kDouble);
  copyTensorInto(file, "b", as_double);
  EXPECT_TRUE(as_double.equal(tensors.at("b").to(at::kDouble)));

  auto wrong = at::empty({4}, at::kFloat);
  try {
    copyTensorInto(file, "b", wrong);
    FAIL() << "3 elements copied into 4";
  } catch (const CheckpointError& e) {
    EXPECT_NE(std::string(e.what()).find("tensor 'b' has 3 elements, the destination 4"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pwb::model
