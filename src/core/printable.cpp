#include "core/printable.hpp"

#include "core/source.hpp"

namespace gpolint {

namespace {

// Length of the byte sequence at `at` that is kept as it is, or 0 when it must be escaped.
size_t printable_length(std::string_view text, size_t at) {
    auto b = static_cast<unsigned char>(text[at]);
    if (b < 0x80) return (b < 0x20 && b != '\t') || b == 0x7F ? 0 : 1;
    // C1 controls are U+0080–U+009F: C2 80 … C2 9F in UTF-8.
    if (b == 0xC2 && at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) < 0xA0) return 0;
    size_t length = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || at + length > text.size() || !is_valid_utf8(text.substr(at, length))) return 0;
    return length;
}

void append_hex(std::string& out, unsigned char byte) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
}

void append_escape(std::string& out, unsigned char byte) {
    if (byte == '\n') { out += "\\n"; return; }
    if (byte == '\r') { out += "\\r"; return; }
    out += "\\x";
    append_hex(out, byte);
}

}  // namespace

bool needs_escaping(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        size_t length = printable_length(text, i);
        if (length == 0) return true;
        i += length;
    }
    return false;
}

std::string escape_controls(std::string_view text) {
    if (!needs_escaping(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 16);
    for (size_t i = 0; i < text.size();) {
        size_t length = printable_length(text, i);
        if (length == 0) {
            // A C1 control is two bytes in UTF-8 but one character: show its code point.
            auto b = static_cast<unsigned char>(text[i]);
            if (b == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                static_cast<unsigned char>(text[i + 1]) < 0xA0) {
                out += "\\u00";
                append_hex(out, static_cast<unsigned char>(text[i + 1]));
                i += 2;
            } else {
                append_escape(out, b);
                ++i;
            }
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

}  // namespace gpolint
