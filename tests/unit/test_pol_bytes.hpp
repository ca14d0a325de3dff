#pragma once
// Builds registry.pol bytes for tests (FORMATS.md §2.3 record layout).
#include <cstdint>
#include <string>
#include <string_view>

namespace gpolint::test {

inline std::string utf16z(std::string_view ascii) {
    std::string out;
    for (char c : ascii) {
        out.push_back(c);
        out.push_back('\0');
    }
    return out + std::string(2, '\0');
}

inline std::string le32(uint32_t v) {
    std::string out;
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    return out;
}

inline std::string wchar(char c) { return std::string{c, '\0'}; }

inline std::string pol_record(std::string_view key, std::string_view name, uint32_t type, const std::string& data) {
    return wchar('[') + utf16z(key) + wchar(';') + utf16z(name) + wchar(';') + le32(type) + wchar(';') +
           le32(static_cast<uint32_t>(data.size())) + wchar(';') + data + wchar(']');
}

inline std::string pol_file(const std::string& records, uint32_t version = 1) { return "PReg" + le32(version) + records; }

}  // namespace gpolint::test
