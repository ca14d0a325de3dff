#pragma once
// A unified diff (diff -u style, 3 lines of context) between two versions of a decoded text that have
// the same lines: fixes edit values inside lines and never add or remove one.
#include <string>
#include <string_view>

namespace gpolint::fix {

// Empty when the texts are equal. Lines are shown without their line endings.
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after);

}  // namespace gpolint::fix
