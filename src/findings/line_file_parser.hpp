#pragma once
// Runs a grammar built on grammar/line_file.hpp over a decoded file. Every `must<>` failure is handed
// to the consumer as a syntax error (byte offset + message) before PEGTL unwinds to the line's
// try_catch, which skips the rest of that line; so one bad line costs one error, never the file.
#include <string>
#include <string_view>

#include <tao/pegtl.hpp>

#include "core/source.hpp"

namespace gpolint::findings {

// Messages: a type with `template <typename Rule> static constexpr const char* message`.
// Consumer: has `void syntax_error(size_t byte_offset, std::string_view message)`.
template <typename Messages>
struct recording_control {
    template <typename Rule>
    struct control : tao::pegtl::normal<Rule> {
        template <typename Input, typename Consumer>
        [[noreturn]] static void raise(const Input& in, Consumer& consumer) {
            const char* message = Messages::template message<Rule>;
            if (message == nullptr) message = "syntax error";
            consumer.syntax_error(in.byte(), message);
            throw tao::pegtl::parse_error(message, in);
        }
    };
};

template <typename Grammar, template <typename> class Action, typename Messages, typename Consumer>
void parse_line_file(std::string_view text, const std::string& name, Consumer& consumer) {
    tao::pegtl::memory_input in(text.data(), text.size(), name);
    try {
        tao::pegtl::parse<Grammar, Action, recording_control<Messages>::template control>(in, consumer);
    } catch (const tao::pegtl::parse_error&) {
        // Already recorded by recording_control::raise; lines recover, so this only ends a broken tail.
    }
}

// The text of a `word` (grammar/line_file.hpp): quotes removed and \" \\ unescaped.
std::string unquote(std::string_view word);

}  // namespace gpolint::findings
