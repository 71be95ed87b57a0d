#pragma once
// Names for a message: "a", "b", "c" — each in double quotes, joined by ", ". Torch-free.

#include <string>
#include <vector>

namespace pwb::data {

inline std::string quotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "\"" : ", \"") + name + '"';
  return list;
}

}  // namespace pwb::data
