#pragma once
// The one JSON writer: every JSON gpolint prints (check's json and sarif formats, baselines, compare,
// dump, explain, rules) goes through it. It appends to a std::string, so a caller formats a large document
// into buffers (on several threads if it likes) and writes each buffer in one go. It owns what is easy to
// get wrong by hand: escaping (RFC 8259; always valid UTF-8 out whatever bytes come in), the commas
// between members, and the layout, which is chosen per object or array so the documents gpolint has
// always printed keep their exact bytes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gpolint {

// Appends `text` as a quoted JSON string. Control characters are escaped; bytes that are not valid
// UTF-8 become U+FFFD so the document stays parseable.
void append_json_string(std::string& out, std::string_view text);

// The same, as a new string.
std::string json_quote(std::string_view text);

enum class JsonLayout {
    Compact,  // {"a":1,"b":[2,3]}
    Inline,   // {"a": 1, "b": [2, 3]}
    Pretty,   // one member per line, indented
};

class JsonWriter {
public:
    // `indent` is the number of spaces per level of a Pretty object or array.
    explicit JsonWriter(std::string& out, JsonLayout layout = JsonLayout::Pretty, unsigned indent = 2)
        : out_(out), layout_(layout), indent_(indent) {}

    // An object or array takes the layout of the one around it unless given its own.
    JsonWriter& begin_object() { return open('{', inherited_layout()); }
    JsonWriter& begin_object(JsonLayout layout) { return open('{', layout); }
    JsonWriter& begin_array() { return open('[', inherited_layout()); }
    JsonWriter& begin_array(JsonLayout layout) { return open('[', layout); }
    // Closing the outermost object or array ends the document with a newline.
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view name);  // inside an object, before each value

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(int64_t number);
    JsonWriter& value(uint64_t number);
    JsonWriter& value(int number) { return value(static_cast<int64_t>(number)); }
    JsonWriter& value(unsigned number) { return value(static_cast<uint64_t>(number)); }
    JsonWriter& value(long long number) { return value(static_cast<int64_t>(number)); }
    JsonWriter& value(unsigned long long number) { return value(static_cast<uint64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    // key(name).value(v) in one call, the common case.
    template <typename T>
    JsonWriter& member(std::string_view name, const T& v) { return key(name).value(v); }
    JsonWriter& member_or_null(std::string_view name, const std::string* text) {
        key(name);
        return text != nullptr ? value(*text) : null();
    }

    // A writer that appends elements of the array open here to another buffer, as if this writer wrote
    // them (same indentation, a comma first when `after_elements`): a long array is formatted in pieces
    // on several threads. Tell this writer afterwards with elements_written_elsewhere().
    JsonWriter continuation(std::string& buffer, bool after_elements) const;
    void elements_written_elsewhere();

private:
    struct Level {
        JsonLayout layout;
        bool has_members;
    };

    JsonLayout inherited_layout() const { return levels_.empty() ? layout_ : levels_.back().layout; }
    JsonWriter& open(char bracket, JsonLayout layout);
    JsonWriter& close(char bracket);
    void before_value();
    void newline(size_t depth);

    std::string& out_;
    JsonLayout layout_;
    unsigned indent_;
    std::vector<Level> levels_;  // one per open object or array
    size_t pretty_depth_ = 0;    // how many of them are Pretty: the indentation of a new line
    bool after_key_ = false;
};

}  // namespace gpolint
