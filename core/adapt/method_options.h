#pragma once
// Method options typed on a command line (all strings) → the PEFT-named JSON object the methods
// read: numbers, booleans, and comma-separated module lists.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pwb::adapt {

// Every option name the methods know, PEFT's spelling.
const std::vector<std::string>& methodOptionNames();

// Throws std::invalid_argument naming the option and the value that does not parse.
nlohmann::json methodOptionsFromStrings(const std::map<std::string, std::string>& given);

// Virtual tokens (or prefix positions) the method adds to every sequence: 0 for LoRA, IA3, full.
std::int64_t extraPositions(const std::string& method_name, const nlohmann::json& options);

}  // namespace pwb::adapt
