#include "store/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace pwb::store {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, int error) {
  throw std::runtime_error(file.string() + ": cannot write the file: " + std::strerror(error));
}

// Returns 0, or the errno of the first failure.
int writeAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// Through a symbolic link, into a device or a pipe: renaming over the path would replace the
// link itself (/dev/stdout -> /proc/self/fd/1 with it), not what it points to.
void writeInPlace(const std::filesystem::path& file, bool truncate, std::string_view content) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC | (truncate ? O_TRUNC : 0));
  if (fd < 0) fail(file, errno);
  const int error = writeAll(fd, content);
  ::close(fd);
  if (error != 0) fail(file, error);
}

// A name no other writer uses at the same time: hidden, beside the target, per process.
int createTemporary(const std::filesystem::path& file, std::filesystem::path& temporary) {
  for (int attempt = 0;; ++attempt) {
    temporary = file.parent_path() / ("." + file.filename().string() + "." + std::to_string(::getpid()) + "." +
                                      std::to_string(attempt) + ".tmp");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST || attempt == 100) return fd;
  }
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& file, std::string_view content) {
  std::error_code ignored;
  const auto own = std::filesystem::symlink_status(file, ignored);
  if (std::filesystem::exists(own) && !std::filesystem::is_regular_file(own)) {
    writeInPlace(file, std::filesystem::is_regular_file(std::filesystem::status(file, ignored)), content);
    return;
  }
  std::filesystem::path temporary;
  const int fd = createTemporary(file, temporary);
  if (fd < 0) fail(file, errno);
  int error = writeAll(fd, content);
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temporary.c_str(), file.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary.c_str());
    fail(file, error);
  }
}

}  // namespace pwb::store
