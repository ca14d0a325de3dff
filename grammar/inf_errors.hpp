#pragma once
// Messages of the GPL001 parse errors, attached to the grammar's must<> points through the control
// class (tao::pegtl::must_if), so the grammar stays free of prose.
#include "grammar/inf.hpp"

namespace gpolint::grammar::inf {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

template <> inline constexpr const char* error_message<section_name> = "empty section name";
template <> inline constexpr const char* error_message<close_bracket> = "expected ']' to close the section name";
template <> inline constexpr const char* error_message<after_header> = "unexpected text after the section header";
template <> inline constexpr const char* error_message<close_quote> = "unterminated quoted string (missing '\"')";
template <> inline constexpr const char* error_message<key> = "expected a key";
template <> inline constexpr const char* error_message<equals> = "expected '=' after the key";
template <> inline constexpr const char* error_message<after_value> =
    "unexpected text after the value (a '\"' inside an unquoted value, or text after a closing quote?)";
template <> inline constexpr const char* error_message<registry_name> = "expected a registry value name";
template <> inline constexpr const char* error_message<type_separator> =
    "expected '=<type>,<data>' after the registry value name (e.g. '=4,1')";
template <> inline constexpr const char* error_message<object_name> = "expected a quoted name (\"name\",mode,\"sddl\")";
template <> inline constexpr const char* error_message<object_comma> = "expected ',' (\"name\",mode,\"sddl\")";
template <> inline constexpr const char* error_message<mode> = "expected a numeric mode (\"name\",mode,\"sddl\")";

struct errors {
    template <typename Rule>
    static constexpr const char* message = error_message<Rule>;
};

// The control class (use error_control::control): rules named above raise their message; all others
// fail as usual.
using error_control = tao::pegtl::must_if<errors, tao::pegtl::normal, false>;

}  // namespace gpolint::grammar::inf
