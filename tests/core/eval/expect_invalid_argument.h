#pragma once
// Checks that a call throws std::invalid_argument whose message contains a given fragment,
// so that each test pins which mistake the message names.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#define EXPECT_INVALID_ARGUMENT(statement, fragment)                                           \
  do {                                                                                         \
    try {                                                                                      \
      static_cast<void>(statement);                                                            \
      ADD_FAILURE() << #statement " did not throw";                                            \
    } catch (const std::invalid_argument& error) {                                             \
      EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what(); \
    }                                                                                          \
  } while (false)
