#include "model/setting.hpp"
#include "model/registry_key.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace gpolint::model {

std::string fold_case(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Iterative with one backtrack point, so linear in practice and never recursive.
bool glob_match(std::string_view pattern, std::string_view text) {
    size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

namespace {

// ASCII upper-case letters of eight bytes at once made lower-case (SWAR): a byte gets 0x20 added
// exactly when it lies in 'A'..'Z'; other bytes, UTF-8 ones included, are left alone.
uint64_t fold_word(uint64_t word) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    const uint64_t low7 = word & ~kHigh;
    const uint64_t at_least_a = low7 + (0x80 - 'A') * kOnes;       // high bit set where byte >= 'A'
    const uint64_t beyond_z = low7 + (0x80 - 'Z' - 1) * kOnes;     // high bit set where byte > 'Z'
    const uint64_t upper = at_least_a & ~beyond_z & ~word & kHigh;  // and the byte itself is ASCII
    return word | (upper >> 2);
}

}  // namespace

size_t FoldedHash::operator()(std::string_view text) const noexcept {
    // Eight bytes per step: long registry paths are hashed once per template line.
    uint64_t hash = 0x9E3779B97F4A7C15ull ^ text.size();
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        hash = (hash ^ fold_word(word)) * 0xFF51AFD7ED558CCDull;
        hash ^= hash >> 32;
    }
    if (i < text.size()) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + i, text.size() - i);
        hash = (hash ^ fold_word(word)) * 0xFF51AFD7ED558CCDull;
        hash ^= hash >> 32;
    }
    return static_cast<size_t>(hash);
}

namespace {

// Every distinct spelling of a key is stored once for the whole run and never freed: a forest repeats
// the same few thousand keys millions of times (baselines copied into many GPOs), so interning saves
// most of the memory and allocations of the settings, and a key is copied as a bare pointer (no
// reference count for two cores to fight over). The text is hashed once: the hash picks the shard and
// is kept beside the text, so the shard's table never hashes again. With 64 shards, parser threads
// rarely wait for each other's lock.
template <typename Spelling>
class SpellingTable {
public:
    const Spelling* intern(std::string&& text) {
        const size_t hash = std::hash<std::string_view>{}(text);
        // Each parser thread remembers the spellings it met last in a direct-mapped cache: the
        // same keys recur in GPO after GPO, and a hit takes no lock and walks no shared table.
        CachedSpelling& cached = thread_cache_[hash % kCacheSlots];
        if (cached.spelling != nullptr && cached.hash == hash && cached.spelling->text == text) return cached.spelling;
        const Spelling* spelling = intern_shared(std::move(text), hash);
        cached = {hash, spelling};
        return spelling;
    }

    uint32_t count() const { return next_id_.load(); }

private:
    const Spelling* intern_shared(std::string&& text, size_t hash) {
        Shard& shard = shards_[hash % kShards];
        std::lock_guard lock(shard.mutex);
        auto found = shard.spellings.find(HashedText{text, hash});
        if (found != shard.spellings.end()) return found->second;
        std::string folded = fold_case(text);
        const auto* spelling = new Spelling{std::move(text), std::move(folded), next_id_++};  // lives until exit
        shard.spellings.emplace(HashedText{spelling->text, hash}, spelling);
        return spelling;
    }

    struct HashedText {
        std::string_view text;
        size_t hash;
        bool operator==(const HashedText& other) const { return hash == other.hash && text == other.text; }
    };
    struct KeptHash {
        size_t operator()(const HashedText& key) const { return key.hash / kShards; }
    };
    static constexpr size_t kShards = 64;
    static constexpr size_t kCacheSlots = 1 << 16;  // 1 MiB per thread: a forest has tens of thousands of keys
    struct CachedSpelling {
        size_t hash = 0;
        const Spelling* spelling = nullptr;
    };
    static thread_local std::array<CachedSpelling, kCacheSlots> thread_cache_;
    struct Shard {
        std::mutex mutex;
        std::unordered_map<HashedText, const Spelling*, KeptHash> spellings;
    };
    std::array<Shard, kShards> shards_;
    std::atomic<uint32_t> next_id_{0};
};

template <typename Spelling>
thread_local std::array<typename SpellingTable<Spelling>::CachedSpelling, SpellingTable<Spelling>::kCacheSlots>
    SpellingTable<Spelling>::thread_cache_{};

}  // namespace

namespace {
// Never destroyed: keys may still be in use while static objects are torn down at exit.
SpellingTable<SettingKey::Spelling>& spelling_table() {
    static auto* table = new SpellingTable<SettingKey::Spelling>();
    return *table;
}
}  // namespace

SettingKey::SettingKey(std::string text) { spelling_ = spelling_table().intern(std::move(text)); }

uint32_t SettingKey::spelling_count() { return spelling_table().count(); }

const std::string& SettingKey::empty() {
    static const std::string kEmpty;
    return kEmpty;
}

std::string_view SettingKey::kind() const {
    const std::string& text = this->text();
    auto colon = text.find(':');
    return colon == std::string::npos ? std::string_view{} : std::string_view(text).substr(0, colon);
}

std::string registry_key_text(std::string_view hive, std::string_view key_path, std::string_view value_name) {
    auto strip_prefix = [&](std::string_view prefix) {
        if (key_path.size() >= prefix.size() && iequals(key_path.substr(0, prefix.size()), prefix)) {
            key_path.remove_prefix(prefix.size());
            return true;
        }
        return false;
    };
    std::string root(hive);
    if (strip_prefix("MACHINE\\") || strip_prefix("HKEY_LOCAL_MACHINE\\") || strip_prefix("HKLM\\")) root = "HKLM";
    else if (strip_prefix("USER\\") || strip_prefix("HKEY_CURRENT_USER\\") || strip_prefix("HKCU\\")) root = "HKCU";
    else if (strip_prefix("USERS\\") || strip_prefix("HKEY_USERS\\") || strip_prefix("HKU\\")) root = "HKU";
    else if (strip_prefix("CLASSES_ROOT\\") || strip_prefix("HKEY_CLASSES_ROOT\\") || strip_prefix("HKCR\\")) root = "HKCR";
    else if (iequals(root, "MACHINE") || iequals(root, "HKEY_LOCAL_MACHINE")) root = "HKLM";
    else if (iequals(root, "USER") || iequals(root, "HKEY_CURRENT_USER")) root = "HKCU";
    return registry_key_under(root, key_path, value_name);
}

std::string registry_key_under(std::string_view root, std::string_view key_path, std::string_view value_name) {
    while (!key_path.empty() && key_path.back() == '\\') key_path.remove_suffix(1);
    while (!key_path.empty() && key_path.front() == '\\') key_path.remove_prefix(1);
    std::string out = "registry:";
    out += root;
    out += '\\';
    out += key_path;
    if (!value_name.empty()) {
        out += '\\';
        out += value_name;
    }
    return out;
}

const char* to_string(SourceKind kind) {
    switch (kind) {
        case SourceKind::Template: return "template";
        case SourceKind::RegistryPol: return "registry.pol";
        case SourceKind::Preferences: return "preferences";
        case SourceKind::AuditCsv: return "audit.csv";
        case SourceKind::Report: return "gpreport";
        case SourceKind::Scripts: return "scripts.ini";
        case SourceKind::SoftwareInstallation: return "software-installation";
    }
    return "?";
}

const char* to_string(ValueKind kind) {
    switch (kind) {
        case ValueKind::None: return "none";
        case ValueKind::Number: return "number";
        case ValueKind::String: return "string";
        case ValueKind::ExpandString: return "expand_string";
        case ValueKind::Binary: return "binary";
        case ValueKind::Dword: return "dword";
        case ValueKind::DwordBigEndian: return "dword_big_endian";
        case ValueKind::MultiString: return "multi_string";
        case ValueKind::Qword: return "qword";
        case ValueKind::PrincipalList: return "principals";
        case ValueKind::Service: return "service";
        case ValueKind::Acl: return "acl";
        case ValueKind::Raw: return "raw";
    }
    return "?";
}

const char* to_string(Operation op) {
    switch (op) {
        case Operation::Set: return "set";
        case Operation::DeleteValue: return "delete_value";
        case Operation::DeleteAllValues: return "delete_all_values";
        case Operation::DeleteValues: return "delete_values";
        case Operation::DeleteKeys: return "delete_keys";
        case Operation::SecureKey: return "secure_key";
        case Operation::SetIfAbsent: return "set_if_absent";
        case Operation::CreateKey: return "create_key";
    }
    return "?";
}

}  // namespace gpolint::model
