#pragma once
// What several pwb commands share: finding the experiment database and printing aligned tables.

#include <filesystem>
#include <string>
#include <vector>

namespace pwb::cli {

// The database a reading command opens: `given` (main's --db), or the default file when empty.
// Throws when it does not exist, since reading must not create one: a mistyped --db would
// otherwise show an empty database.
std::filesystem::path existingDatabase(const std::string& given);

// Tabs and line breaks become spaces, so a table cell stays on one line.
std::string oneLine(std::string text);

// Rows printed with columns aligned by code point (so "café" takes four places).
void printTable(const std::vector<std::vector<std::string>>& rows);

// "[#########                     ]": 30 places, filled in proportion to `fraction` (0 to 1).
std::string progressBar(double fraction);

// printf's "%.*f".
std::string fixed(double value, int decimals);

}  // namespace pwb::cli
