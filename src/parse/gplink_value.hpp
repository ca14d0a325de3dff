#pragma once
// One gPLink value (grammar/gplink.hpp) as links. Offsets are into the value, so the caller can map them
// back to a file position (an LDIF value may be folded over lines or base64-encoded).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gpolint::parse {

struct GplinkEntry {
    std::string gpo_guid;   // "{…}" upper-case
    uint32_t options = 0;   // 0x1 disabled, 0x2 enforced; other bits are kept but mean nothing
    uint32_t position = 0;  // index of the element in the value, malformed elements included
    size_t offset = 0;      // of its '['
};

struct GplinkProblem {
    size_t offset = 0;
    std::string message;
};

struct GplinkValue {
    std::vector<GplinkEntry> links;  // in string order: the LAST one is link order 1
    std::vector<GplinkProblem> problems;
};

// Never fails: malformed elements become problems and the others are kept. Empty or blank = no links.
GplinkValue parse_gplink(std::string_view value);

// "{aaaaaaaa-…}" -> "{AAAAAAAA-…}": GUIDs are compared case-insensitively, stored upper-case.
std::string canonical_guid(std::string_view guid);

}  // namespace gpolint::parse
