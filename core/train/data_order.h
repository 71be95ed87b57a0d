#pragma once
// The order in which training examples are visited: a fresh seeded shuffle every epoch
// (std::mt19937_64 with data::shuffle, the same on every standard library), consumed in
// micro-batches. Its position is plain data, so a checkpoint can store it and a resumed run
// visit exactly the examples the uninterrupted run would. Torch-free header.

#include <cstdint>
#include <string>
#include <vector>

#include "data/random.h"

namespace pwb::train {

struct DataPosition {
  std::int64_t epoch = 0;        // 0-based
  std::size_t offset = 0;        // examples of this epoch already handed out
  std::string rng_at_epoch_start;  // the generator's state before this epoch's shuffle (text)
};

class DataOrder {
 public:
  // Throws std::invalid_argument when there are no examples.
  DataOrder(std::size_t examples, std::uint64_t seed);

  // The next min(size, rest of the epoch) indices; a new epoch starts when one is used up.
  std::vector<std::size_t> next(std::size_t size);
  // Epochs done, with the current one's fraction (for progress).
  double epochs() const;

  DataPosition position() const;
  // Throws std::invalid_argument when the state text is not a generator state or the offset
  // lies beyond the epoch.
  void restore(const DataPosition& position);

 private:
  void startEpoch();

  std::size_t size_;
  data::Rng rng_;
  DataPosition position_;
  std::vector<std::size_t> order_;
};

}  // namespace pwb::train
