#pragma once
// The instruction of a template edited on its own: the design panel's instruction field reads
// and rewrites the template's {{#instruction}} block in place, so the template text stays the
// one thing that is stored and run. Plain text edits, no parsing. Torch-free.

#include <string>
#include <string_view>

namespace pwb::design {

// The text between {{#instruction}} and {{/instruction}} as written, without the line break
// after the opening tag and before the closing one; empty when the template has no such block.
std::string instructionSource(std::string_view source);

// The template with its instruction block's text replaced by `instruction` (written on its own
// lines between the tags). A template without the block gets one at the top; a template without
// any block first becomes its example block. An empty instruction removes the block and the
// blank lines after it.
std::string withInstruction(std::string_view source, std::string_view instruction);

}  // namespace pwb::design
