#pragma once
// PEGTL control for the line-based topology grammars: a must<> failure becomes a GPL001 diagnostic at
// the exact byte, then unwinds to the try_catch<> around the line so parsing resumes on the next line.
#include <tao/pegtl.hpp>

namespace gpolint::parse {

// Errors: a struct with `template <typename Rule> static constexpr const char* message`.
// The parse state must have `void syntax_error(const char* at, const char* message)`.
template <typename Errors>
struct report_and_skip_line {
    template <typename Rule>
    struct control : tao::pegtl::normal<Rule> {
        template <typename ParseInput, typename State>
        [[noreturn]] static void raise(const ParseInput& in, State& state) {
            state.syntax_error(in.current(), Errors::template message<Rule>);
            // in.position() would rescan the input with lazy tracking; the byte is all that is needed here.
            throw tao::pegtl::parse_error(Errors::template message<Rule>,
                                          tao::pegtl::position(0, 0, 0, std::string()));
        }
    };
};

}  // namespace gpolint::parse
