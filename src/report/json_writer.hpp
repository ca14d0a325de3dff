#pragma once
// A tiny streaming JSON writer shared by the machine-readable reporters (json, sarif, baseline).
// It owns the two things that are easy to get wrong by hand: string escaping (RFC 8259, always valid
// UTF-8 out whatever bytes come in) and the commas between members. Output is indented with two spaces
// so that files written from it (baselines, SARIF) diff cleanly.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_string.hpp"

namespace gpolint::report {

using gpolint::append_json_string;

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);  // inside an object, before each value

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(int64_t number);
    JsonWriter& value(uint64_t number);
    JsonWriter& value(int number) { return value(static_cast<int64_t>(number)); }
    JsonWriter& value(unsigned number) { return value(static_cast<uint64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    // key(name).value(v) in one call, the common case.
    template <typename T>
    JsonWriter& member(std::string_view name, const T& v) { return key(name).value(v); }

private:
    void before_value();
    void newline();
    JsonWriter& close(char bracket);

    std::string& out_;
    std::vector<bool> has_members_;  // one per open object/array
    bool after_key_ = false;
};

}  // namespace gpolint::report
