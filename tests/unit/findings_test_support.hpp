#pragma once
// Small helpers shared by the reporter and findings tests.
#include <string>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/json.hpp>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace gpolint::testing {

// True when `text` is one complete JSON document (RFC 8259, checked with PEGTL's JSON grammar).
inline bool is_json(std::string_view text) {
    namespace pegtl = tao::pegtl;
    pegtl::memory_input in(text.data(), text.size(), "json");
    try {
        return pegtl::parse<pegtl::seq<pegtl::json::text, pegtl::eof>>(in);
    } catch (const pegtl::parse_error&) {
        return false;
    }
}

inline SourceText source_of(std::string_view name, std::string_view text) { return decode_text(intern_path(name), text); }

inline Diagnostic finding(std::string rule, Severity severity, std::string message, std::string_view file, uint32_t line,
                          uint32_t column = 1) {
    Diagnostic d;
    d.rule_id = std::move(rule);
    d.severity = severity;
    d.message = std::move(message);
    d.location.file = intern_path(file);
    d.location.line = line;
    d.location.column = column;
    return d;
}

}  // namespace gpolint::testing
