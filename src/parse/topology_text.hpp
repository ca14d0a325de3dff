#pragma once
// Small text helpers shared by the topology readers (LDIF, topology file, gpreport links, roles).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/setting.hpp"

namespace gpolint::parse {

// Quotes at most `limit` bytes of user text in a message, so garbage input cannot flood the report.
inline std::string excerpt(std::string_view text, size_t limit = 60) {
    if (text.size() <= limit) return std::string(text);
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    return std::string(text.substr(0, cut)) + "…";
}

inline std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Decimal LDAP INTEGER. Negative values are read as their 32-bit two's complement, since AD stores
// flag words such as userAccountControl as signed 32-bit integers.
inline std::optional<uint32_t> parse_uint32(std::string_view text) {
    text = trim(text);
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    if (value < INT32_MIN || value > UINT32_MAX) return std::nullopt;
    return static_cast<uint32_t>(value);
}

// Attribute type of the first RDN, folded: "OU=HyperV,DC=x" -> "ou".
inline std::string rdn_type(std::string_view dn) {
    auto equals = dn.find('=');
    return equals == std::string_view::npos ? std::string() : model::fold_case(trim(dn.substr(0, equals)));
}

// Value of the first RDN as written, escapes kept: "OU=Domain Controllers,DC=x" -> "Domain Controllers".
inline std::string_view rdn_value(std::string_view dn) {
    auto equals = dn.find('=');
    if (equals == std::string_view::npos) return {};
    size_t end = equals + 1;
    while (end < dn.size() && dn[end] != ',') end += dn[end] == '\\' ? 2 : 1;
    return trim(dn.substr(equals + 1, std::min(end, dn.size()) - equals - 1));
}

// The first line that `skip` does not pass over (blank lines, comments…), looking only at the start of
// the text: detection by content must stay cheap on large files of another kind.
template <typename Skip>
std::optional<std::string_view> first_line_not(std::string_view text, Skip skip) {
    constexpr size_t kLookAhead = 16 * 1024;
    text = text.substr(0, kLookAhead);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        auto line = text.substr(start, end - start);
        start = end + 1;
        if (!skip(line)) return line;
    }
    return std::nullopt;
}

}  // namespace gpolint::parse
