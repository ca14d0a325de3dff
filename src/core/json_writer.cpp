#include "core/json_writer.hpp"

#include <charconv>

namespace gpolint {

namespace {

// Length of the valid UTF-8 sequence starting at i, or 0 when the bytes there are not one.
size_t utf8_length(std::string_view s, size_t i) {
    auto lead = static_cast<unsigned char>(s[i]);
    size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return 0;
    uint32_t cp = len == 1 ? lead : len == 2 ? (lead & 0x1Fu) : len == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
    for (size_t k = 1; k < len; ++k) {
        auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    return overlong || surrogate || cp > 0x10FFFF ? 0 : len;
}

bool needs_care(unsigned char b) { return b < 0x20 || b >= 0x7F || b == '"' || b == '\\'; }

void append_escaped_ascii(std::string& out, char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            auto byte = static_cast<unsigned char>(c);
            if (byte < 0x20 || byte == 0x7F) {
                out += "\\u00";
                out.push_back(kHex[byte >> 4]);
                out.push_back(kHex[byte & 0xF]);
            } else {
                out.push_back(c);
            }
        }
    }
}

template <typename Number>
void append_number(std::string& out, Number number) {
    char digits[24];
    auto result = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, result.ptr);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    for (size_t i = 0; i < text.size();) {
        // Most text is printable ASCII with nothing to escape: copy such runs whole.
        size_t run = i;
        while (run < text.size() && !needs_care(static_cast<unsigned char>(text[run]))) ++run;
        if (run > i) {
            out.append(text.data() + i, run - i);
            i = run;
            if (i == text.size()) break;
        }
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            append_escaped_ascii(out, text[i]);
            ++i;
            continue;
        }
        size_t len = utf8_length(text, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    out.push_back('"');
}

std::string json_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    append_json_string(out, text);
    return out;
}

void JsonWriter::newline(size_t depth) {
    out_.push_back('\n');
    out_.append(indent_ * depth, ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;
    Level& level = levels_.back();
    if (level.has_members) out_.push_back(',');
    if (level.layout == JsonLayout::Pretty) newline(pretty_depth_);
    else if (level.layout == JsonLayout::Inline && level.has_members) out_.push_back(' ');
    level.has_members = true;
}

JsonWriter& JsonWriter::open(char bracket, JsonLayout layout) {
    before_value();
    out_.push_back(bracket);
    levels_.push_back({layout, false});
    if (layout == JsonLayout::Pretty) ++pretty_depth_;
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    if (!levels_.empty()) {
        Level level = levels_.back();
        levels_.pop_back();
        if (level.layout == JsonLayout::Pretty) {
            --pretty_depth_;
            if (level.has_members) newline(pretty_depth_);
        }
    }
    out_.push_back(bracket);
    if (levels_.empty()) out_.push_back('\n');
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(out_, name);
    if (levels_.empty() || levels_.back().layout == JsonLayout::Compact) out_.push_back(':');
    else out_ += ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    append_json_string(out_, text);
    return *this;
}

JsonWriter& JsonWriter::value(int64_t number) {
    before_value();
    append_number(out_, number);
    return *this;
}

JsonWriter& JsonWriter::value(uint64_t number) {
    before_value();
    append_number(out_, number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

JsonWriter JsonWriter::continuation(std::string& buffer, bool after_elements) const {
    JsonWriter piece(buffer, layout_, indent_);
    piece.levels_ = levels_;
    piece.pretty_depth_ = pretty_depth_;
    if (!piece.levels_.empty()) piece.levels_.back().has_members = after_elements;
    return piece;
}

void JsonWriter::elements_written_elsewhere() {
    if (!levels_.empty()) levels_.back().has_members = true;
}

}  // namespace gpolint
