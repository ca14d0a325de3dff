#include "parse/pol_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "core/source.hpp"
#include "model/registry_key.hpp"

namespace gpolint::parse {

namespace {

using model::Operation;
using model::Setting;
using model::ValueKind;

constexpr std::string_view kSignature = "PReg";
constexpr size_t kHeaderSize = 8;

enum RegType : uint32_t {
    kNone = 0, kSz = 1, kExpandSz = 2, kBinary = 3, kDword = 4, kDwordBigEndian = 5, kMultiSz = 7, kQword = 11
};

uint32_t read_u32(std::string_view bytes, size_t at, bool little_endian = true) {
    uint32_t value = 0;
    for (size_t k = 0; k < 4; ++k) {
        auto byte = static_cast<unsigned char>(bytes[at + (little_endian ? 3 - k : k)]);
        value = (value << 8) | byte;
    }
    return value;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0xF]);
    }
    return out;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && model::iequals(text.substr(0, prefix.size()), prefix);
}

// Reads one record at a time; every read is bounds-checked and failures name the byte offset.
class PolReader {
public:
    PolReader(PathRef path, std::string_view bytes, bool user_side, Diagnostics& diagnostics)
        : path_(path), bytes_(bytes), user_side_(user_side), diagnostics_(diagnostics) {}

    std::vector<Setting> read() {
        if (!check_header()) return {};
        pos_ = kHeaderSize;
        while (pos_ < bytes_.size()) {
            if (!read_record()) break;
        }
        return std::move(settings_);
    }

private:
    Location at(size_t offset) const { return Location{path_, 0, 0, offset}; }
    void fail(size_t offset, const std::string& message) { diagnostics_.error("GPL001", at(offset), message); }

    bool check_header() {
        if (bytes_.size() < kHeaderSize || bytes_.substr(0, 4) != kSignature) {
            fail(0, "not a registry.pol file: the header does not start with \"PReg\"; file skipped");
            return false;
        }
        if (uint32_t version = read_u32(bytes_, 4); version != 1)
            diagnostics_.warning("GPL001", at(4), "registry.pol version " + std::to_string(version) +
                                                      " (expected 1); reading it as version 1");
        return true;
    }

    bool expect_char(char16_t c, const char* what) {
        if (pos_ + 2 > bytes_.size()) {
            fail(pos_, std::string("truncated record: expected ") + what + " at end of file");
            return false;
        }
        if (static_cast<unsigned char>(bytes_[pos_]) != (c & 0xFF) || bytes_[pos_ + 1] != 0) {
            fail(pos_, std::string("malformed record: expected ") + what);
            return false;
        }
        pos_ += 2;
        return true;
    }

    // A NUL-terminated UTF-16LE string; the NUL is consumed.
    std::optional<std::string> read_string(const char* what) {
        for (size_t end = pos_; end + 2 <= bytes_.size(); end += 2) {
            if (bytes_[end] == 0 && bytes_[end + 1] == 0) {
                std::string text = utf16le_to_utf8(bytes_.substr(pos_, end - pos_));
                pos_ = end + 2;
                return text;
            }
        }
        fail(pos_, std::string("truncated record: ") + what + " has no terminating NUL");
        return std::nullopt;
    }

    std::optional<uint32_t> read_dword(const char* what) {
        if (pos_ + 4 > bytes_.size()) {
            fail(pos_, std::string("truncated record: ") + what + " is cut off");
            return std::nullopt;
        }
        uint32_t value = read_u32(bytes_, pos_);
        pos_ += 4;
        return value;
    }

    bool read_record() {
        size_t start = pos_;
        if (!expect_char(u'[', "'[' opening a record")) return false;
        auto key = read_string("the key");
        if (!key || !expect_char(u';', "';' after the key")) return false;
        auto name = read_string("the value name");
        if (!name || !expect_char(u';', "';' after the value name")) return false;
        auto type = read_dword("the type");
        if (!type || !expect_char(u';', "';' after the type")) return false;
        auto size = read_dword("the data size");
        if (!size || !expect_char(u';', "';' after the data size")) return false;
        if (*size > bytes_.size() - pos_) {
            fail(pos_, "data size " + std::to_string(*size) + " runs past the end of the file (" +
                           std::to_string(bytes_.size() - pos_) + " bytes left)");
            return false;
        }
        std::string_view data = bytes_.substr(pos_, *size);
        pos_ += *size;
        if (!expect_char(u']', "']' closing the record")) return false;
        add_setting(start, *key, *name, *type, data);
        return true;
    }

    // Windows reads a string up to its first NUL; what follows is not part of the value.
    static std::string string_up_to_nul(std::string_view data) {
        std::string text = utf16le_to_utf8(data);
        if (auto nul = text.find('\0'); nul != std::string::npos) text.resize(nul);
        return text;
    }

    // REG_MULTI_SZ: NUL-separated strings; empty ones (the closing double NUL) are not items.
    static void decode_multi_sz(std::string_view data, model::Value& value) {
        value.kind = ValueKind::MultiString;
        std::string all = utf16le_to_utf8(data);
        size_t begin = 0;
        for (size_t i = 0; i <= all.size(); ++i) {
            if (i == all.size() || all[i] == '\0') {
                if (i > begin) value.items.push_back(all.substr(begin, i - begin));
                begin = i + 1;
            }
        }
        for (size_t i = 0; i < value.items.size(); ++i) value.text += (i ? "," : "") + value.items[i];
    }

    model::Value decode_value(size_t record, uint32_t type, std::string_view data) {
        model::Value value;
        value.reg_type = static_cast<int>(type);
        auto fixed_size = [&](size_t expected) {
            if (data.size() == expected) return true;
            diagnostics_.warning("GPL004", at(record), "registry type " + std::to_string(type) + " with " +
                                                           std::to_string(data.size()) + " data bytes (expected " +
                                                           std::to_string(expected) + ")");
            value.kind = ValueKind::Raw;
            value.text = to_hex(data);
            return false;
        };
        switch (type) {
            case kNone:
                value.kind = ValueKind::None;
                value.text = to_hex(data);
                break;
            case kSz:
            case kExpandSz:
                value.kind = type == kSz ? ValueKind::String : ValueKind::ExpandString;
                value.text = string_up_to_nul(data);
                break;
            case kBinary:
                value.kind = ValueKind::Binary;
                value.text = to_hex(data);
                break;
            case kDword:
            case kDwordBigEndian:
                if (!fixed_size(4)) break;
                value.kind = type == kDword ? ValueKind::Dword : ValueKind::DwordBigEndian;
                value.number = read_u32(data, 0, type == kDword);
                value.text = std::to_string(*value.number);
                break;
            case kQword: {
                if (!fixed_size(8)) break;
                uint64_t q = (uint64_t{read_u32(data, 4)} << 32) | read_u32(data, 0);
                value.kind = ValueKind::Qword;
                value.number = static_cast<int64_t>(q);
                value.text = std::to_string(q);
                break;
            }
            case kMultiSz:
                decode_multi_sz(data, value);
                break;
            default:
                diagnostics_.warning("GPL004", at(record), "unknown registry type " + std::to_string(type));
                value.kind = ValueKind::Raw;
                value.text = to_hex(data);
        }
        return value;
    }

    static std::vector<std::string> split_list(const std::string& text) {
        std::vector<std::string> items;
        size_t begin = 0;
        for (size_t i = 0; i <= text.size(); ++i) {
            if (i == text.size() || text[i] == ';') {
                std::string item = text.substr(begin, i - begin);
                while (!item.empty() && (item.back() == ' ' || item.back() == '\0')) item.pop_back();
                while (!item.empty() && item.front() == ' ') item.erase(item.begin());
                if (!item.empty()) items.push_back(std::move(item));
                begin = i + 1;
            }
        }
        return items;
    }

    void add_setting(size_t start, const std::string& key, const std::string& name, uint32_t type,
                     std::string_view data) {
        const char* hive = user_side_ ? "HKCU" : "HKLM";
        Setting setting;
        setting.source = model::SourceKind::RegistryPol;
        setting.location = at(start);
        setting.length = static_cast<uint32_t>(pos_ - start);
        setting.user_side = user_side_;
        setting.value = decode_value(start, type, data);
        std::string value_name = name;
        // The control names Windows understands (SDK "Registry Policy File Format"); prefixes compare
        // case-insensitively because GPMC, the SDK and Samba all spell them differently.
        if (name.empty()) {
            setting.op = Operation::CreateKey;
        } else if (starts_with_icase(name, "**delvals.")) {
            setting.op = Operation::DeleteAllValues;
            value_name.clear();
        } else if (starts_with_icase(name, "**del.")) {
            setting.op = Operation::DeleteValue;
            value_name = name.substr(6);
        } else if (starts_with_icase(name, "**soft.")) {
            setting.op = Operation::SetIfAbsent;
            value_name = name.substr(7);
        } else if (starts_with_icase(name, "**DeleteValues")) {
            setting.op = Operation::DeleteValues;
            setting.value.items = split_list(setting.value.text);
            value_name.clear();
        } else if (starts_with_icase(name, "**DeleteKeys")) {
            setting.op = Operation::DeleteKeys;
            setting.value.items = split_list(setting.value.text);
            value_name.clear();
        } else if (starts_with_icase(name, "**SecureKey")) {
            setting.op = Operation::SecureKey;
            value_name.clear();
        } else if (name.rfind("**", 0) == 0) {
            // Windows skips unknown control codes, so the value is not applied: keep it out of the model.
            diagnostics_.warning("GPL001", at(start), "unknown registry.pol control name '" + name +
                                                          "' under '" + key + "': Windows skips it");
            return;
        }
        // A .pol key is relative to its half's hive: "MACHINE\X" in the User half is HKCU\MACHINE\X.
        setting.key = model::SettingKey(model::registry_key_under(hive, key, value_name));
        settings_.push_back(std::move(setting));
    }

    PathRef path_;
    std::string_view bytes_;
    bool user_side_;
    Diagnostics& diagnostics_;
    size_t pos_ = 0;
    std::vector<Setting> settings_;
};

}  // namespace

std::vector<model::Setting> read_registry_pol(PathRef path, std::string_view bytes, bool user_side,
                                              Diagnostics& diagnostics) {
    return PolReader(path, bytes, user_side, diagnostics).read();
}

}  // namespace gpolint::parse
