#pragma once
// Writing a whole file so that nobody ever sees half of it.

#include <filesystem>
#include <string_view>

namespace pwb::store {

// Writes `content` into a new file beside `file`, flushes it to disk and renames it over `file`:
// a reader finds the old file or the new one, never a part, and a failed write leaves the old
// one as it was. What is not a plain file (a symbolic link such as /dev/stdout, a device, a pipe)
// is written in place instead, through the link, truncated when it ends at a file.
// Throws std::runtime_error naming `file` and the system's reason.
void writeFileAtomically(const std::filesystem::path& file, std::string_view content);

}  // namespace pwb::store
