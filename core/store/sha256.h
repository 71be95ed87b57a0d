#pragma once
// SHA-256 (FIPS 180-4), for the checksums of artifact files the store records.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pwb::store {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  // The digest as 64 lower-case hex digits. The object is spent afterwards.
  std::string hexDigest();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> block_{};
  std::size_t block_size_ = 0;
  std::uint64_t total_bytes_ = 0;
};

std::string sha256Hex(std::string_view bytes);

}  // namespace pwb::store
