#pragma once
// Class labels as the statistics see them. Torch-free.

#include <cstddef>

namespace pwb::eval {

// A class index in [0, K): the position of the label in the dataset's class order.
using Label = std::size_t;

}  // namespace pwb::eval
