#include "model/kv_cache.h"

#include <ATen/ATen.h>

namespace pwb::model {

std::pair<at::Tensor, at::Tensor> KvCache::append(std::size_t layer, const at::Tensor& k, const at::Tensor& v) {
  if (keys.size() <= layer) {
    keys.resize(layer + 1);
    values.resize(layer + 1);
  }
  keys[layer] = keys[layer].defined() ? at::cat({keys[layer], k}, 2) : k;
  values[layer] = values[layer].defined() ? at::cat({values[layer], v}, 2) : v;
  return {keys[layer], values[layer]};
}

}  // namespace pwb::model
