#include "design/scoring_batch.h"

#include <algorithm>

#include <ATen/ATen.h>

namespace pwb::design {

PaddedBatch padRight(const std::vector<std::vector<std::int64_t>>& rows) {
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  const auto B = static_cast<std::int64_t>(rows.size()), T = static_cast<std::int64_t>(width);
  auto ids = at::zeros({B, T}, at::kLong);
  auto mask = at::zeros({B, T}, at::kLong);
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& row = rows[static_cast<std::size_t>(b)];
    const auto n = static_cast<std::int64_t>(row.size());
    if (n == 0) continue;
    ids[b].slice(0, 0, n).copy_(at::tensor(row, at::kLong));
    mask[b].slice(0, 0, n).fill_(1);
  }
  return {ids, mask};
}

model::KvCache selectRows(const model::KvCache& cache, const at::Tensor& rows) {
  model::KvCache out;
  for (std::size_t layer = 0; layer < cache.keys.size(); ++layer) {
    out.keys.push_back(cache.keys[layer].index_select(0, rows));
    out.values.push_back(cache.values[layer].index_select(0, rows));
  }
  return out;
}

}  // namespace pwb::design
