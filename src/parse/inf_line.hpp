#pragma once
// Splits one line of a security template into its parts with the grammar of grammar/inf.hpp. The
// reader decides what the parts mean; this layer only knows the line shapes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/security_template.hpp"

namespace gpolint::parse::inf {

// The entry shape a section uses.
enum class LineShape { KeyValue, RegistryValue, Object, Raw };
LineShape line_shape_of(model::SectionKind kind);

struct Field {
    model::TextSpan span;  // as written, quotes included
    bool quoted = false;
};

struct LineParts {
    enum class Kind { Blank, Header, Entry } kind = Kind::Blank;
    model::TextSpan section_name;  // Header
    Field key;                     // key, registry value name, object name or raw key
    std::optional<model::TextSpan> value;  // after '=' / the SDDL field; absent for a raw line without '='
    std::vector<Field> items;      // comma-separated items of the value
    std::optional<model::TextSpan> type_code;  // [Registry Values]
    std::optional<model::TextSpan> mode;       // object sections
    std::optional<model::TextSpan> comment;    // ';' to end of line
};

struct LineError {
    size_t offset = 0;  // into the decoded text
    std::string message;
};

// Parses `line` (no line ending), which starts at `line_offset` of the decoded text `text`.
// Returns false and fills `error` when the line does not match its shape.
bool parse_line(std::string_view text, size_t line_offset, size_t line_length, LineShape shape, LineParts& parts,
                LineError& error);

// The text of a span without its surrounding quotes.
std::string_view unquoted(std::string_view text, const Field& field);
// What a field stands for: unquoted, and each '","' inside an unquoted field read as ','.
std::string field_text(std::string_view text, const Field& field);
std::string_view text_of(std::string_view text, model::TextSpan span);

}  // namespace gpolint::parse::inf
