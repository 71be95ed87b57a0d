#include "cli_compare_command.h"

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "store/stored_run_comparison.h"

namespace pwb::cli {
namespace {

struct CompareArgs {
  std::int64_t run_a = 0;
  std::int64_t run_b = 0;
  std::size_t list = 20;
  bool json = false;
};

double accuracy(std::size_t right, std::size_t total) {
  return total == 0 ? 0.0 : static_cast<double>(right) / static_cast<double>(total);
}

nlohmann::json examplesJson(const store::StoredRunComparison& result, const std::vector<std::size_t>& indices) {
  auto list = nlohmann::json::array();
  for (const auto i : indices) {
    const auto& e = result.examples[i];
    list.push_back({{"split", e.split}, {"example_id", e.example_id}, {"gold", e.gold},
                    {"predicted_a", e.predicted_a}, {"predicted_b", e.predicted_b}});
  }
  return list;
}

void printExamples(const std::string& title, const store::StoredRunComparison& result,
                   const std::vector<std::size_t>& indices, std::size_t limit) {
  std::cout << title << " (" << indices.size() << ")" << (indices.size() > limit ? ", first " + std::to_string(limit) : "")
            << ":\n";
  std::vector<std::vector<std::string>> rows = {{"  example", "gold", "A", "B"}};
  for (std::size_t k = 0; k < indices.size() && k < limit; ++k) {
    const auto& e = result.examples[indices[k]];
    rows.push_back({"  " + e.split + "/" + oneLine(e.example_id), oneLine(e.gold), oneLine(e.predicted_a),
                    oneLine(e.predicted_b)});
  }
  if (rows.size() > 1) printTable(rows);
}

void compare(const std::string& database, const CompareArgs& args) {
  store::ExperimentStore store(existingDatabase(database));
  const auto result = store::compareStoredRuns(store, args.run_a, args.run_b);
  const auto& t = result.comparison.table;
  const auto n = result.examples.size();
  const double accuracy_a = accuracy(t.both_right + t.only_a_right, n);
  const double accuracy_b = accuracy(t.both_right + t.only_b_right, n);
  if (args.json) {
    const nlohmann::json out = {
        {"run_a", args.run_a},
        {"run_b", args.run_b},
        {"shared_examples", n},
        {"only_in_a", result.only_in_a},
        {"only_in_b", result.only_in_b},
        {"accuracy_a", accuracy_a},
        {"accuracy_b", accuracy_b},
        {"both_right", t.both_right},
        {"only_a_right", t.only_a_right},
        {"only_b_right", t.only_b_right},
        {"both_wrong", t.both_wrong},
        {"mcnemar_exact_p", result.comparison.mcnemar_p},
        {"examples_only_a_right", examplesJson(result, result.comparison.only_a_right)},
        {"examples_only_b_right", examplesJson(result, result.comparison.only_b_right)}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  const auto name = [&store](std::int64_t id) { return oneLine(store.run(id)->name); };
  std::cout << "A = run " << args.run_a << " (" << name(args.run_a) << "), B = run " << args.run_b << " ("
            << name(args.run_b) << "): " << n << " shared examples";
  if (result.only_in_a + result.only_in_b > 0) {
    std::cout << " (" << result.only_in_a << " only in A, " << result.only_in_b << " only in B, left out)";
  }
  std::cout << "\n\n";
  printTable({{"", "B right", "B wrong"},
              {"A right", std::to_string(t.both_right), std::to_string(t.only_a_right)},
              {"A wrong", std::to_string(t.only_b_right), std::to_string(t.both_wrong)}});
  std::cout << "\naccuracy: A " << fixed(accuracy_a, 4) << ", B " << fixed(accuracy_b, 4) << "\n";
  std::cout << "McNemar's exact test: p = " << fixed(result.comparison.mcnemar_p, 4) << " (" << t.only_a_right
            << " vs " << t.only_b_right << " discordant examples)\n\n";
  printExamples("only A right", result, result.comparison.only_a_right, args.list);
  printExamples("only B right", result, result.comparison.only_b_right, args.list);
}

}  // namespace

void addCompareCommand(CLI::App& app, const std::string& database) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand("compare", "Two runs on their shared examples: agreement table, McNemar's exact test");
  cmd->add_option("run_a", args->run_a, "First run id")->required();
  cmd->add_option("run_b", args->run_b, "Second run id")->required();
  cmd->add_option("--list", args->list, "How many differing examples to list per side")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the comparison as JSON");
  cmd->callback([&database, args] { compare(database, *args); });
}

}  // namespace pwb::cli
