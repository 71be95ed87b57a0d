// Test tool: writes a PEFT reference case's adapter as a PEFT adapter folder, for the CLI tests.
// Usage: write_fixture_adapter FIXTURE_MODEL_FOLDER CASE OUT_FOLDER

#include <exception>
#include <iostream>

#include "../support/fixture_adapter.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: write_fixture_adapter FIXTURE_MODEL_FOLDER CASE OUT_FOLDER\n";
    return 2;
  }
  try {
    pwb::testing::writeFixtureAdapter(argv[1], argv[2], argv[3]);
  } catch (const std::exception& e) {
    std::cerr << "write_fixture_adapter: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
