#include "store/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "../../support/file_bytes.h"
#include "../../support/temp_dir.h"

namespace pwb::store {
namespace {

using testing::fileBytes;

std::size_t entries(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(
      std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()));
}

std::string errorOf(const std::filesystem::path& file, const std::string& content) {
  try {
    writeFileAtomically(file, content);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "no error";
}

TEST(AtomicFile, ReplacesAFileAndLeavesNoTemporaryBehind) {
  testing::TempDir dir;
  writeFileAtomically(dir / "out.csv", "first");
  writeFileAtomically(dir / "out.csv", "second\r\n");
  EXPECT_EQ(fileBytes(dir / "out.csv"), "second\r\n");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, WritesThroughASymbolicLinkAndKeepsIt) {
  testing::TempDir dir;
  writeFileAtomically(dir / "target.csv", "a much longer old content");
  std::filesystem::create_symlink(dir / "target.csv", dir / "link.csv");
  writeFileAtomically(dir / "link.csv", "new");
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.csv"));
  EXPECT_EQ(fileBytes(dir / "target.csv"), "new");
  EXPECT_EQ(entries(dir.path()), 2u);
}

TEST(AtomicFile, NamesTheFileWhenItsFolderDoesNotExist) {
  testing::TempDir dir;
  const auto file = dir / "missing" / "out.csv";
  const auto error = errorOf(file, "x");
  EXPECT_NE(error.find(file.string()), std::string::npos) << error;
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
}

TEST(AtomicFile, NamesTheFileWhenItIsAFolder) {
  testing::TempDir dir;
  const auto error = errorOf(dir.path(), "x");
  EXPECT_NE(error.find(dir.path().string()), std::string::npos) << error;
  EXPECT_NE(error.find("Is a directory"), std::string::npos) << error;
}

TEST(AtomicFile, ReportsAFullDevice) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  const auto error = errorOf("/dev/full", "x");
  EXPECT_NE(error.find("/dev/full"), std::string::npos) << error;
  EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
}

// A file-size limit makes write() fail part way, as a full disk does, on the temporary file.
TEST(AtomicFile, KeepsTheOldFileWhenAWriteFailsPartWay) {
  testing::TempDir dir;
  const auto file = dir / "out.csv";
  writeFileAtomically(file, "old");
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit small = saved;
  small.rlim_cur = 4096;
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const auto error = errorOf(file, std::string(65536, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous_handler);
  EXPECT_NE(error.find(file.string()), std::string::npos) << error;
  EXPECT_NE(error.find("File too large"), std::string::npos) << error;
  EXPECT_EQ(fileBytes(file), "old");
  EXPECT_EQ(entries(dir.path()), 1u);
}

}  // namespace
}  // namespace pwb::store
