#include "store/sha256.h"

#include <gtest/gtest.h>

namespace pwb::store {
namespace {

// FIPS 180-2, appendix B: one-block, empty and two-block (448-bit) messages.
TEST(Sha256, MatchesTheFipsTestVectors) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, HashesAMillionAsFedInUnevenPieces) {
  Sha256 hash;
  const std::string piece(997, 'a');  // prime: pieces straddle every block boundary
  std::size_t fed = 0;
  for (; fed + piece.size() <= 1000000; fed += piece.size()) hash.update(piece);
  hash.update(std::string(1000000 - fed, 'a'));
  EXPECT_EQ(hash.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PadsMessagesAroundTheLengthBoundary) {
  // 55 bytes fit the length in the same block; 56 and 64 need a second padding block.
  EXPECT_EQ(sha256Hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256Hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(sha256Hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

}  // namespace
}  // namespace pwb::store
