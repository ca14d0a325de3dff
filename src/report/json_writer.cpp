#include "report/json_writer.hpp"

namespace gpolint::report {

void JsonWriter::newline() {
    out_.push_back('\n');
    out_.append(2 * has_members_.size(), ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (has_members_.empty()) return;
    if (has_members_.back()) out_.push_back(',');
    has_members_.back() = true;
    newline();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_.push_back('{');
    has_members_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_.push_back('[');
    has_members_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    bool had_members = !has_members_.empty() && has_members_.back();
    if (!has_members_.empty()) has_members_.pop_back();
    if (had_members) newline();
    out_.push_back(bracket);
    if (has_members_.empty()) out_.push_back('\n');
    return *this;
}

JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(out_, name);
    out_ += ": ";
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
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(uint64_t number) {
    before_value();
    out_ += std::to_string(number);
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

}  // namespace gpolint::report
