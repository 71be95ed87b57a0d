#include "design/template_instruction.h"

#include <optional>

namespace pwb::design {
namespace {

struct Tag {
  std::size_t begin = 0;  // at "{{"
  std::size_t end = 0;    // after "}}"
};

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && isBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && isBlank(text.back())) text.remove_suffix(1);
  return text;
}

// The first tag from `from` on whose inside is `marker` ('#', '/' or 0 for any block tag)
// followed by `name` (any name when empty), blanks ignored as the parser ignores them.
std::optional<Tag> findBlockTag(std::string_view source, char marker, std::string_view name, std::size_t from = 0) {
  for (auto open = source.find("{{", from); open != std::string_view::npos; open = source.find("{{", open + 2)) {
    const auto close = source.find("}}", open + 2);
    if (close == std::string_view::npos) return std::nullopt;
    const auto inside = trim(source.substr(open + 2, close - open - 2));
    if (inside.empty() || (inside.front() != '#' && inside.front() != '/')) continue;
    if (marker != 0 && inside.front() != marker) continue;
    if (!name.empty() && trim(inside.substr(1)) != name) continue;
    return Tag{open, close + 2};
  }
  return std::nullopt;
}

struct InstructionBlock {
  Tag open, close;
};

std::optional<InstructionBlock> findInstruction(std::string_view source) {
  const auto open = findBlockTag(source, '#', "instruction");
  if (!open) return std::nullopt;
  const auto close = findBlockTag(source, '/', "instruction", open->end);
  if (!close) return std::nullopt;
  return InstructionBlock{*open, *close};
}

}  // namespace

std::string instructionSource(std::string_view source) {
  const auto block = findInstruction(source);
  if (!block) return {};
  auto text = source.substr(block->open.end, block->close.begin - block->open.end);
  // The line breaks the tags take when alone on their lines.
  std::size_t lead = 0;
  while (lead < text.size() && isBlank(text[lead])) ++lead;
  if (lead < text.size() && text[lead] == '\n') text.remove_prefix(lead + 1);
  std::size_t trail = text.size();
  while (trail > 0 && isBlank(text[trail - 1])) --trail;
  if (trail > 0 && text[trail - 1] == '\n') text = text.substr(0, trail - 1);
  return std::string(text);
}

std::string withInstruction(std::string_view source, std::string_view instruction) {
  const std::string block = "{{#instruction}}\n" + std::string(instruction) + "\n{{/instruction}}";
  const auto existing = findInstruction(source);
  if (existing) {
    std::string result(source.substr(0, existing->open.begin));
    if (instruction.empty()) {
      auto rest = existing->close.end;
      while (rest < source.size() && (isBlank(source[rest]) || source[rest] == '\n')) ++rest;
      return result + std::string(source.substr(rest));
    }
    return result + block + std::string(source.substr(existing->close.end));
  }
  if (instruction.empty()) return std::string(source);
  if (findBlockTag(source, 0, {})) return block + "\n\n" + std::string(source);
  return block + "\n\n{{#example}}\n" + std::string(source) + "\n{{/example}}";
}

}  // namespace pwb::design
