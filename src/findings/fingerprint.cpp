#include "findings/fingerprint.hpp"

#include <cstdint>
#include <filesystem>
#include <system_error>

#include "model/setting.hpp"
#include "model/topology.hpp"

namespace gpolint::findings {

namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(std::string_view text) {
    fs::path path{std::string(text)};
    if (path.empty()) path = ".";
    std::error_code ignored;
    if (path.is_relative()) path = fs::absolute(path, ignored);
    return path.lexically_normal();
}

uint64_t fnv1a(uint64_t hash, std::string_view bytes) {
    for (unsigned char byte : bytes) {
        hash ^= byte;
        hash *= 0x100000001B3ull;
    }
    return hash;
}

}  // namespace

std::optional<std::string> path_below(std::string_view path, std::string_view base_dir) {
    if (path.empty()) return std::nullopt;
    fs::path relative = absolute_normal(path).lexically_relative(absolute_normal(base_dir));
    if (relative.empty() || *relative.begin() == "..") return std::nullopt;
    if (relative == ".") return std::nullopt;  // the base itself is not a file below it
    return relative.generic_string();
}

std::string display_path(std::string_view path, std::string_view base_dir) {
    if (auto below = path_below(path, base_dir)) return *below;
    return fs::path(std::string(path)).generic_string();
}

FindingIdentity identity_of(const Diagnostic& d, std::string_view base_dir) {
    FindingIdentity id;
    id.rule = d.rule_id;
    std::string file = display_path(d.location.file.str(), base_dir);
    if (d.gpo && !d.gpo->guid.empty()) id.gpo = model::fold_case(d.gpo->guid);
    else if (d.gpo) id.gpo = file;  // a loose template: its name is its path, which may be absolute
    if (d.setting) id.setting = model::fold_case(*d.setting);
    if (d.som) id.som = model::normalize_dn(*d.som);
    if (id.setting.empty() && id.som.empty()) id.detail = file + "\n" + d.message;
    return id;
}

std::string fingerprint(const FindingIdentity& id) {
    uint64_t hash = 0xCBF29CE484222325ull;
    for (std::string_view part : {std::string_view(kFingerprintKey), std::string_view(id.rule),
                                  std::string_view(id.gpo), std::string_view(id.setting),
                                  std::string_view(id.som), std::string_view(id.detail)}) {
        hash = fnv1a(hash, part);
        hash = fnv1a(hash, std::string_view("\0", 1));  // keeps ("ab","c") apart from ("a","bc")
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<size_t>(i)] = kHex[hash & 0xF];
    return out;
}

std::string fingerprint(const Diagnostic& diagnostic, std::string_view base_dir) {
    return fingerprint(identity_of(diagnostic, base_dir));
}

}  // namespace gpolint::findings
