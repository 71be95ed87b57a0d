#include "system/xz_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "../../support/file_bytes.h"
#include "../../support/temp_dir.h"

namespace pwb::system {
namespace {

using testing::fileBytes;

const std::filesystem::path kHeldOut =
    std::filesystem::path(PWB_RESOURCE_DIR) / "corpus" / "imdb_test_sample.txt.xz";

TEST(XzFile, DecompressesTheShippedHeldOutReviews) {
  testing::TempDir dir;
  decompressXz(kHeldOut, dir / "reviews.txt");
  const auto text = fileBytes(dir / "reviews.txt");
  // SOURCES.md: 500 reviews, one per line, HTML line breaks removed.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 500);
  EXPECT_EQ(text.find("<br"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "reviews.txt.partial"));
}

TEST(XzFile, PlainTextFilesAreReadWhereTheyAre) {
  testing::TempDir dir;
  std::ofstream(dir / "plain.txt") << "hello\n";
  EXPECT_EQ(plainTextFile(dir / "plain.txt", dir / "cache"), dir / "plain.txt");
  EXPECT_FALSE(std::filesystem::exists(dir / "cache"));
}

TEST(XzFile, ACompressedFileIsDecompressedOnceIntoTheCache) {
  testing::TempDir dir;
  const auto first = plainTextFile(kHeldOut, dir.path());
  EXPECT_EQ(first.parent_path(), dir / "corpora");
  EXPECT_EQ(first.extension(), ".txt");
  const auto written = std::filesystem::last_write_time(first);
  EXPECT_EQ(plainTextFile(kHeldOut, dir.path()), first);
  EXPECT_EQ(std::filesystem::last_write_time(first), written);
}

TEST(XzFile, ATruncatedFileIsAnErrorNamingItAndLeavesNothingBehind) {
  testing::TempDir dir;
  const auto whole = fileBytes(kHeldOut);
  std::ofstream(dir / "cut.txt.xz", std::ios::binary) << whole.substr(0, whole.size() / 2);
  try {
    decompressXz(dir / "cut.txt.xz", dir / "cut.txt");
    FAIL() << "no error for a truncated file";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("cut.txt.xz"), std::string::npos) << message;
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "cut.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir / "cut.txt.partial"));
}

TEST(XzFile, AFileThatIsNotXzIsAnError) {
  testing::TempDir dir;
  std::ofstream(dir / "fake.txt.xz") << "just text, not compressed\n";
  try {
    decompressXz(dir / "fake.txt.xz", dir / "fake.txt");
    FAIL() << "no error for a file that is not xz";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("not an xz file"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace pwb::system
