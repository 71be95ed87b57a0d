#include "model/safetensors.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "../../support/temp_dir.h"

namespace pwb::model {
namespace {

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;
const char* const kModels[] = {"gpt2-tiny", "llama-tiny", "t5-tiny", "t5-tiny-gated"};

std::string le64(std::uint64_t value) {
  std::string bytes;
  for (int i = 0; i < 8; ++i) bytes += static_cast<char>((value >> (8 * i)) & 0xFF);
  return bytes;
}

std::string safetensorsBytes(const std::string& header, const std::string& data) {
  return le64(header.size()) + header + data;
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The error that opening `bytes` as a file gives, after checking that it starts with the path.
std::string openError(const std::string& bytes) {
  testing::TempDir dir;
  const auto path = dir / "model.safetensors";
  writeBytes(path, bytes);
  try {
    SafetensorsFile file(path);
  } catch (const CheckpointError& error) {
    const std::string message = error.what();
    const auto prefix = path.string() + ": ";
    if (message.rfind(prefix, 0) != 0) return "(message does not start with the path) " + message;
    return message.substr(prefix.size());
  }
  return "(opened without error)";
}

std::string headerError(const std::string& header, const std::string& data = "") {
  return openError(safetensorsBytes(header, data));
}

std::string bytesOf(const TensorBytes& tensor) {
  return std::string(reinterpret_cast<const char*>(tensor.data), tensor.size);
}

// ---- reading valid files ----

TEST(Safetensors, ReadsTensorsInHeaderOrderWithMetadata) {
  testing::TempDir dir;
  const std::string data = "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c";
  writeBytes(dir / "a.safetensors",
             safetensorsBytes(R"({"zeta":{"dtype":"I32","shape":[2],"data_offsets":[4,12]},)"
                              R"("__metadata__":{"format":"pt","note":"x"},)"
                              R"("alpha":{"dtype":"U8","shape":[2,2],"data_offsets":[0,4]}}   )",
                              data));
  SafetensorsFile file(dir / "a.safetensors");
  EXPECT_EQ(file.names(), (std::vector<std::string>{"zeta", "alpha"}));
  EXPECT_EQ(file.metadata(), (Metadata{{"format", "pt"}, {"note", "x"}}));
  EXPECT_TRUE(file.contains("alpha"));
  EXPECT_FALSE(file.contains("__metadata__"));
  const auto zeta = file.tensor("zeta");
  EXPECT_EQ(zeta.dtype, Dtype::I32);
  EXPECT_EQ(zeta.shape, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(bytesOf(zeta), data.substr(4));
  std::int32_t first = 0;
  std::memcpy(&first, zeta.data, 4);
  EXPECT_EQ(first, 0x08070605);
  const auto alpha = file.tensor("alpha");
  EXPECT_EQ(alpha.shape, (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(bytesOf(alpha), data.substr(0, 4));
}

TEST(Safetensors, AcceptsScalarsEmptyTensorsAndAnEmptyFile) {
  testing::TempDir dir;
  writeBytes(dir / "a.safetensors",
             safetensorsBytes(R"({"empty":{"dtype":"F32","shape":[0,5],"data_offsets":[8,8]},)"
                              R"("scalar":{"dtype":"F64","shape":[],"data_offsets":[0,8]}})",
                              std::string(8, '\0')));
  SafetensorsFile file(dir / "a.safetensors");
  EXPECT_EQ(file.tensor("empty").size, 0u);
  EXPECT_EQ(file.tensor("scalar").size, 8u);
  EXPECT_TRUE(file.tensor("scalar").shape.empty());

  writeBytes(dir / "b.safetensors", safetensorsBytes("{}", ""));
  EXPECT_TRUE(SafetensorsFile(dir / "b.safetensors").names().empty());
}

TEST(Safetensors, DtypeNamesAndSizes) {
  EXPECT_EQ(dtypeFromName("BF16"), Dtype::BF16);
  EXPECT_EQ(dtypeFromName("BOOL"), Dtype::Bool);
  EXPECT_EQ(dtypeFromName("F8_E5M2"), Dtype::F8_E5M2);
  EXPECT_EQ(dtypeFromName("f32"), std::nullopt);
  EXPECT_EQ(dtypeName(Dtype::I64), "I64");
  EXPECT_EQ(dtypeSize(Dtype::I64), 8u);
  EXPECT_EQ(dtypeSize(Dtype::F16), 2u);
  EXPECT_EQ(dtypeSize(Dtype::Bool), 1u);
  EXPECT_EQ(dtypeSize(Dtype::U32), 4u);
}

TEST(Safetensors, UnknownTensorNameIsAnError) {
  testing::TempDir dir;
  writeBytes(dir / "a.safetensors", safetensorsBytes("{}", ""));
  SafetensorsFile file(dir / "a.safetensors");
  try {
    file.tensor("wte");
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), (dir / "a.safetensors").string() + ": no tensor named 'wte'");
  }
}

// ---- every way a file can be wrong ----

TEST(SafetensorsValidation, FileErrors) {
  EXPECT_EQ(openError(std::string("\x02\x00\x00", 3)), "the file is 3 bytes long; a safetensors file starts with an 8-byte header length");
  EXPECT_EQ(openError(""), "the file is 0 bytes long; a safetensors file starts with an 8-byte header length");

  testing::TempDir dir;
  try {
    SafetensorsFile file(dir / "missing.safetensors");
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), (dir / "missing.safetensors").string() + ": cannot open: No such file or directory");
  }
  try {
    SafetensorsFile file(dir.path());
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), dir.path().string() + ": not a regular file");
  }
}

TEST(SafetensorsValidation, HeaderLength) {
  EXPECT_EQ(openError(le64(1000) + "{}"),
            "the header length field says 1000 bytes but only 2 bytes follow it (a truncated file?)");
  EXPECT_EQ(openError(le64(std::uint64_t{1} << 62) + "{}"),
            "the header length field says 4611686018427387904 bytes, more than the 100000000-byte limit "
            "(not a safetensors file?)");
  // A real file cut short inside its header.
  const auto fixture = readBytes(kFixtures / "gpt2-tiny" / "model.safetensors");
  EXPECT_EQ(openError(fixture.substr(0, 100)),
            "the header length field says 2624 bytes but only 92 bytes follow it (a truncated file?)");
}

TEST(SafetensorsValidation, HeaderJson) {
  const std::string not_json = headerError(R"({"w": )");
  EXPECT_EQ(not_json.rfind("the header is not valid JSON: ", 0), 0u) << not_json;
  EXPECT_EQ(headerError("[1, 2]"), "the header must be a JSON object, not array");
  EXPECT_EQ(headerError("\"text\""), "the header must be a JSON object, not string");
  const std::string bad_utf8 = headerError("{\"w\xff\": 1}");
  EXPECT_EQ(bad_utf8.rfind("the header is not valid JSON: ", 0), 0u) << bad_utf8;
  EXPECT_EQ(headerError(R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},)"
                        R"("w":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}})"),
            "the header names 'w' twice");
}

TEST(SafetensorsValidation, DeeplyNestedValuesNeitherCrashNorFloodTheMessage) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(headerError(R"({"w":{"dtype":"F32","shape":)" + deep + R"(,"data_offsets":[0,4]}})", "abcd"),
            "tensor 'w': 'shape' must be a list of non-negative integers, not a nested array");
  EXPECT_EQ(headerError(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,)" + std::string(300, '7') + "]}}",
                        "abcd"),
            "tensor 'w': 'data_offsets' must be two ascending non-negative integers [begin, end], not "
            "[0,7.777777777777778e+299]");
}

TEST(SafetensorsValidation, Metadata) {
  EXPECT_EQ(headerError(R"({"__metadata__":[1]})"), "'__metadata__' must be an object of strings, not [1]");
  EXPECT_EQ(headerError(R"({"__metadata__":{"format":"pt","total":5}})"),
            "'__metadata__' entry 'total' must be a string, not 5");
}

TEST(SafetensorsValidation, EntryFields) {
  EXPECT_EQ(headerError(R"({"w":5})"), "tensor 'w': the entry must be an object, not 5");
  EXPECT_EQ(headerError(R"({"w":{"shape":[1],"data_offsets":[0,4]}})"), "tensor 'w': the entry has no 'dtype'");
  EXPECT_EQ(headerError(R"({"w":{"dtype":"F32","data_offsets":[0,4]}})"), "tensor 'w': the entry has no 'shape'");
  EXPECT_EQ(headerError(R"({"w":{"dtype":"F32","shape":[1]}})"), "tensor 'w': the entry has no 'data_offsets'");
}

TEST(SafetensorsValidation, Dtype) {
  EXPECT_EQ(headerError(R"({"w":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}})", "abcd"),
            "tensor 'w': unknown dtype 'F12'");
  EXPECT_EQ(headerError(R"({"w":{"dtype":4,"shape":[1],"data_offsets":[0,4]}})", "abcd"),
            "tensor 'w': 'dtype' must be a string, not 4");
}

TEST(SafetensorsValidation, Shape) {
  const auto shapeError = [](const std::string& shape) {
    return headerError(R"({"w":{"dtype":"F32","shape":)" + shape + R"(,"data_offsets":[0,4]}})", "abcd");
  };
  EXPECT_EQ(shapeError("[2,-3]"), "tensor 'w': 'shape' must be a list of non-negative integers, not [2,-3]");
  EXPECT_EQ(shapeError("[2.5]"), "tensor 'w': 'shape' must be a list of non-negative integers, not [2.5]");
  EXPECT_EQ(shapeError("[1.0]"), "tensor 'w': 'shape' must be a list of non-negative integers, not [1.0]");
  EXPECT_EQ(shapeError("[\"1\"]"), "tensor 'w': 'shape' must be a list of non-negative integers, not [\"1\"]");
  EXPECT_EQ(shapeError("4"), "tensor 'w': 'shape' must be a list of non-negative integers, not 4");
  EXPECT_EQ(shapeError("[9223372036854775808]"),
            "tensor 'w': 'shape' must be a list of non-negative integers, not [9223372036854775808]");
  EXPECT_EQ(shapeError("[4611686018427387904,4]"), "tensor 'w': shape [4611686018427387904, 4] × F32 overflows 64 bits");
}

TEST(SafetensorsValidation, DataOffsets) {
  const auto offsetsError = [](const std::string& offsets) {
    return headerError(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":)" + offsets + "}}", "abcd");
  };
  const std::string expected = "tensor 'w': 'data_offsets' must be two ascending non-negative integers [begin, end], not ";
  EXPECT_EQ(offsetsError("[4]"), expected + "[4]");
  EXPECT_EQ(offsetsError("[0,4,8]"), expected + "[0,4,8]");
  EXPECT_EQ(offsetsError("[4,0]"), expected + "[4,0]");
  EXPECT_EQ(offsetsError("[-4,0]"), expected + "[-4,0]");
  EXPECT_EQ(offsetsError("[0,4.0]"), expected + "[0,4.0]");
  EXPECT_EQ(offsetsError("{\"begin\":0}"), expected + "{\"begin\":0}");
}

TEST(SafetensorsValidation, ByteCountMustMatchTheShape) {
  EXPECT_EQ(headerError(R"({"h.0.attn.c_attn.weight":{"dtype":"F32","shape":[64,192],"data_offsets":[0,49148]}})",
                        std::string(49148, '\0')),
            "tensor 'h.0.attn.c_attn.weight': shape [64, 192] × F32 needs 49152 bytes but data_offsets span 49148");
  EXPECT_EQ(headerError(R"({"w":{"dtype":"BF16","shape":[3],"data_offsets":[0,4]}})", "abcd"),
            "tensor 'w': shape [3] × BF16 needs 6 bytes but data_offsets span 4");
}

TEST(SafetensorsValidation, OffsetsInsideTheDataSection) {
  EXPECT_EQ(headerError(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", "abcd"),
            "tensor 'w': data_offsets [0, 8] run past the end of the 4-byte data section");
  EXPECT_EQ(headerError(R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[9,9]}})", "abcd"),
            "tensor 'w': data_offsets [9, 9] run past the end of the 4-byte data section");
}

TEST(SafetensorsValidation, RangesMustNotOverlap) {
  EXPECT_EQ(headerError(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                        R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                        std::string(12, 'x')),
            "tensors 'a' [0, 8] and 'b' [4, 12] overlap");
  EXPECT_EQ(headerError(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                        R"("b":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}})",
                        "abcd"),
            "tensors 'a' [0, 4] and 'b' [0, 4] overlap");
}

TEST(SafetensorsValidation, RangesMustLeaveNoGap) {
  EXPECT_EQ(headerError(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                        R"("b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                        std::string(12, 'x')),
            "data bytes [4, 8] belong to no tensor (the format allows no gaps); the next tensor is 'b'");
  EXPECT_EQ(headerError(R"({"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", std::string(8, 'x')),
            "data bytes [0, 4] belong to no tensor (the format allows no gaps); the next tensor is 'b'");
  EXPECT_EQ(headerError(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", std::string(6, 'x')),
            "data bytes [4, 6] after the last tensor belong to no tensor (the format allows no gaps)");
}

// ---- the reference fixtures ----

TEST(SafetensorsFixtures, ModelFilesHoldExactlyTheTensorsOfCasesJson) {
  for (const std::string model : kModels) {
    SCOPED_TRACE(model);
    const auto cases = nlohmann::json::parse(std::ifstream(kFixtures / model / "cases.json"));
    const auto& expected = cases.at("checkpoint_tensors");
    SafetensorsFile file(kFixtures / model / "model.safetensors");
    EXPECT_EQ(file.metadata(), (Metadata{{"format", "pt"}}));
    ASSERT_EQ(file.names().size(), expected.size());
    for (const auto& name : file.names()) {
      ASSERT_TRUE(expected.contains(name)) << name;
      const auto tensor = file.tensor(name);
      EXPECT_EQ(tensor.dtype, Dtype::F32) << name;
      EXPECT_EQ(tensor.shape, expected.at(name).get<std::vector<std::int64_t>>()) << name;
    }
  }
}

TEST(SafetensorsFixtures, ExpectedFilesHoldTheLogitsOfEveryCase) {
  for (const std::string model : kModels) {
    SCOPED_TRACE(model);
    const auto cases = nlohmann::json::parse(std::ifstream(kFixtures / model / "cases.json"));
    SafetensorsFile file(kFixtures / model / "expected.safetensors");
    auto runs = cases.at("cases");
    runs.push_back(cases.at("batch"));
    for (const auto& run : runs) {
      const auto name = run.at("logits").get<std::string>();
      ASSERT_TRUE(file.contains(name)) << name;
      EXPECT_EQ(file.tensor(name).shape, run.at("logits_shape").get<std::vector<std::int64_t>>()) << name;
    }
  }
}

TEST(SafetensorsFixtures, KnownValues) {
  // First elements read independently with Python's struct module.
  SafetensorsFile gpt2(kFixtures / "gpt2-tiny" / "model.safetensors");
  const auto wte = gpt2.tensor("transformer.wte.weight");
  EXPECT_EQ(wte.shape, (std::vector<std::int64_t>{1000, 64}));
  float values[3];
  std::memcpy(values, wte.data, sizeof values);
  EXPECT_EQ(values[0], -0.35731425881385803f);
  EXPECT_EQ(values[1], -0.08222205936908722f);
  EXPECT_EQ(values[2], 0.31214556097984314f);
  std::memcpy(values, gpt2.tensor("transformer.h.0.attn.c_attn.weight").data, sizeof values);
  EXPECT_EQ(values[0], -0.24802210927009583f);
}

// ---- writing ----

TEST(SafetensorsWriter, WritesTheStandardLayout) {
  testing::TempDir dir;
  const std::uint8_t small[] = {7, 8, 9};
  const std::int32_t ints[] = {1, -2};
  std::map<std::string, TensorBytes> tensors;
  tensors["b"] = {Dtype::I32, {2}, reinterpret_cast<const std::byte*>(ints), sizeof ints};
  tensors["a"] = {Dtype::U8, {3}, reinterpret_cast<const std::byte*>(small), sizeof small};
  writeSafetensors(dir / "out.safetensors", tensors, {{"format", "pt"}});

  const std::string header =
      R"({"__metadata__":{"format":"pt"},"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},)"
      R"("b":{"dtype":"I32","shape":[2],"data_offsets":[3,11]}})";
  ASSERT_EQ(header.size(), 138u);  // padded with 6 spaces to 144
  const std::string data("\x07\x08\x09\x01\x00\x00\x00\xfe\xff\xff\xff", 11);
  EXPECT_EQ(readBytes(dir / "out.safetensors"), le64(144) + header + std::string(6, ' ') + data);
  // Nothing but the file itself is left in the folder.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

TEST(SafetensorsWriter, ReproducesEveryFixtureFileByteForByte) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kFixtures)) {
    if (entry.path().extension() == ".safetensors") files.push_back(entry.path());
  }
  ASSERT_GE(files.size(), 8u);
  testing::TempDir dir;
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    SafetensorsFile original(path);
    std::map<std::string, TensorBytes> tensors;
    for (const auto& name : original.names()) tensors[name] = original.tensor(name);
    writeSafetensors(dir / "copy.safetensors", tensors, original.metadata());
    EXPECT_TRUE(readBytes(dir / "copy.safetensors") == readBytes(path));
  }
}

TEST(SafetensorsWriter, ReplacesAnExistingFile) {
  testing::TempDir dir;
  writeBytes(dir / "out.safetensors", "old content");
  const std::uint8_t byte = 42;
  writeSafetensors(dir / "out.safetensors", {{"x", {Dtype::U8, {}, reinterpret_cast<const std::byte*>(&byte), 1}}});
  SafetensorsFile file(dir / "out.safetensors");
  EXPECT_EQ(bytesOf(file.tensor("x")), "*");
  EXPECT_TRUE(file.metadata().empty());
}

std::string writeError(const std::filesystem::path& path, const std::map<std::string, TensorBytes>& tensors,
                       const Metadata& metadata = {}) {
  try {
    writeSafetensors(path, tensors, metadata);
  } catch (const CheckpointError& error) {
    return error.what();
  }
  return "(written without error)";
}

TEST(SafetensorsWriter, RefusesInconsistentTensors) {
  testing::TempDir dir;
  const auto path = dir / "out.safetensors";
  const float four[4] = {};
  const auto* data = reinterpret_cast<const std::byte*>(four);
  EXPECT_EQ(writeError(path, {{"w", {Dtype::F32, {3}, data, 16}}}),
            path.string() + ": cannot save tensor 'w': shape [3] × F32 does not match 16 bytes of data");
  EXPECT_EQ(writeError(path, {{"w", {Dtype::F32, {-1, -4}, data, 16}}}),
            path.string() + ": cannot save tensor 'w': negative dimension in shape [-1, -4]");
  EXPECT_EQ(writeError(path, {{"__metadata__", {Dtype::F32, {4}, data, 16}}}),
            path.string() + ": cannot save tensor '__metadata__': the name is reserved for the metadata");
  EXPECT_EQ(writeError(path, {{"w\xff", {Dtype::F32, {4}, data, 16}}}),
            path.string() + ": cannot save: a tensor name or metadata text is not valid UTF-8");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SafetensorsWriter, ReportsAMissingFolder) {
  testing::TempDir dir;
  const auto path = dir / "no-such-folder" / "out.safetensors";
  EXPECT_EQ(writeError(path, {}), path.string() + ": cannot create a temporary file in '" +
                                      (dir / "no-such-folder").string() + "': No such file or directory");
}

// A write that fails half-way (here: the file-size limit, which fails write() as a full disk would)
// is reported, removes the temporary file and leaves the old file untouched.
TEST(SafetensorsWriter, ReportsAFailedWriteAndKeepsTheOldFile) {
  testing::TempDir dir;
  const auto path = dir / "out.safetensors";
  writeBytes(path, "old content");
  const std::vector<float> big(4096, 1.0f);
  const std::map<std::string, TensorBytes> tensors{
      {"w", {Dtype::F32, {4096}, reinterpret_cast<const std::byte*>(big.data()), big.size() * sizeof(float)}}};

  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = 1000;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  const auto message = writeError(path, tensors);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous_handler);

  EXPECT_EQ(message, path.string() + ": cannot write: File too large");
  EXPECT_EQ(readBytes(path), "old content");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

}  // namespace
}  // namespace pwb::model
