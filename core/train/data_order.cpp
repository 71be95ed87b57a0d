#include "train/data_order.h"

#include <numeric>
#include <sstream>
#include <stdexcept>

namespace pwb::train {

DataOrder::DataOrder(std::size_t examples, std::uint64_t seed) : size_(examples), rng_(seed), order_(examples) {
  if (examples == 0) throw std::invalid_argument("there are no training examples");
  startEpoch();
}

void DataOrder::startEpoch() {
  std::ostringstream state;
  state << rng_;
  position_.rng_at_epoch_start = state.str();
  position_.offset = 0;
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  data::shuffle(order_, rng_);
}

std::vector<std::size_t> DataOrder::next(std::size_t size) {
  if (position_.offset == size_) {
    ++position_.epoch;
    startEpoch();
  }
  const auto count = std::min(size, size_ - position_.offset);
  const auto first = order_.begin() + static_cast<std::ptrdiff_t>(position_.offset);
  position_.offset += count;
  return {first, first + static_cast<std::ptrdiff_t>(count)};
}

double DataOrder::epochs() const {
  return static_cast<double>(position_.epoch) + static_cast<double>(position_.offset) / static_cast<double>(size_);
}

DataPosition DataOrder::position() const { return position_; }

void DataOrder::restore(const DataPosition& position) {
  if (position.offset > size_) {
    throw std::invalid_argument("data position: offset " + std::to_string(position.offset) + " lies beyond the " +
                                std::to_string(size_) + " training examples");
  }
  std::istringstream in(position.rng_at_epoch_start);
  data::Rng rng;
  in >> rng;
  if (in.fail()) throw std::invalid_argument("data position: the generator state is not readable");
  rng_ = rng;
  position_.epoch = position.epoch;
  startEpoch();
  position_.offset = position.offset;
}

}  // namespace pwb::train
