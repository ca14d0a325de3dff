#pragma once
// Small text helpers shared by the rule parser, the evaluator and the reporters.
#include <string>
#include <string_view>
#include <vector>

#include "rules/expression.hpp"

namespace gpolint::rules {

// Removes the quotes of a rule-language string and decodes \n \t \\ \"; an unknown escape keeps its
// backslash (registry paths in messages read naturally). Text without quotes is returned as is.
std::string unquote(std::string_view text);

// A number (decimal or 0x hex, may be negative) or a quoted string.
Literal parse_literal(std::string_view text);

// Reads a whole value as an integer: decimal, 0x hex, optionally quoted ("1"); nullopt otherwise.
std::optional<int64_t> parse_integer(std::string_view text);

// Replaces every occurrence of `from` by `to`.
std::string replace_all(std::string text, std::string_view from, std::string_view to);

// "a, b and c"
std::string join_list(const std::vector<std::string>& items);

}  // namespace gpolint::rules
