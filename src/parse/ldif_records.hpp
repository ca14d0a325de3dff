#pragma once
// LDIF (grammar/ldif.hpp) as records of raw attributes. Values are decoded on demand: an export carries
// many binary attributes (nTSecurityDescriptor, objectGUID) that gpolint never looks at.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace gpolint::parse {

enum class LdifEncoding { Plain, Base64, Url };

struct LdifAttribute {
    std::string_view name;  // as written
    LdifEncoding encoding = LdifEncoding::Plain;
    std::string_view raw;   // the value as in the file, line continuations included
    size_t line_offset = 0; // of the attribute name in the source text
};

// A decoded value that remembers where each byte came from, so an error inside a folded value (a bad
// gPLink element) still gets its file:line:col. Inside a base64 value every byte maps to the value start.
class LdifValue {
public:
    struct Segment {
        size_t value_offset;
        size_t source_offset;
    };
    std::string text;
    std::vector<Segment> segments;
    bool exact_positions = true;  // false for base64
    size_t source_offset(size_t value_offset) const;
};

struct LdifRecord {
    std::string dn;
    size_t offset = 0;  // of the dn: line
    std::vector<LdifAttribute> attributes;
    const LdifAttribute* first(std::string_view name) const;            // case-insensitive
    std::vector<const LdifAttribute*> all(std::string_view name) const;  // multi-valued, in file order
};

// Records in file order. Syntax errors are GPL001 at line:col; the reader goes on at the next line.
std::vector<LdifRecord> read_ldif_records(const SourceText& source, Diagnostics& diagnostics);

// Unfolds and, for `attr::`, base64-decodes; the result must be UTF-8 text. nullopt (reported) otherwise.
std::optional<LdifValue> decode_ldif_value(const LdifAttribute& attribute, const SourceText& source,
                                           Diagnostics& diagnostics);

}  // namespace gpolint::parse
