// read_security_template(): walks the template line by line, parses each line with the shape of its
// section (parse/inf_line.hpp) and files the parts into the typed model, reporting what is wrong.
#include <charconv>
#include <string>
#include <unordered_map>

#include "parse/inf_keys.hpp"
#include "parse/inf_line.hpp"
#include "parse/inf_reader.hpp"

namespace gpolint::parse {

namespace {

using model::SectionKind;
using model::TextSpan;
using inf::Field;
using inf::LineParts;

// Forwards the diagnostics of one file through a DiagnosticCap: a 100 MB file of garbage should not
// produce a million of them. The rest are counted and summarised by finish().
class CappedReporter {
public:
    explicit CappedReporter(Diagnostics& out) : out_(out) {}

    void report(const char* rule_id, Severity severity, Location where, std::string message,
                std::vector<Note> notes = {}) {
        Diagnostic d{rule_id, severity, std::move(message), where, std::move(notes), {}, {}, {}, {}};
        if (cap_.admit(d)) out_.add(std::move(d));
    }

    void finish() {
        for (auto& summary : cap_.take_summaries()) out_.add(std::move(summary));
    }

private:
    Diagnostics& out_;
    DiagnosticCap cap_;
};

std::optional<int64_t> parse_integer(std::string_view s) {
    int64_t value = 0;
    if (s.empty()) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return value;
}

bool is_hex(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

TextSpan trim_right(std::string_view text, TextSpan span) {
    while (span.length > 0 && (text[span.end() - 1] == ' ' || text[span.end() - 1] == '\t')) --span.length;
    return span;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool ends_with_i(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && model::iequals(s.substr(s.size() - suffix.size()), suffix);
}

class TemplateBuilder {
public:
    TemplateBuilder(const SourceText& source, Diagnostics& diagnostics)
        : source_(source), text_(source.text()), report_(diagnostics) {
        result_.file = source.path();
        result_.encoding = source.encoding();
    }

    model::SecurityTemplate build() {
        report_encoding();
        for (uint32_t number = 1; number <= source_.line_count(); ++number) read_line(number);
        report_.finish();
        return std::move(result_);
    }

private:
    const SourceText& source_;
    std::string_view text_;
    CappedReporter report_;
    model::SecurityTemplate result_;

    std::optional<SectionKind> section_;  // none before the first header
    size_t raw_section_ = 0;              // index into unknown_sections when section_ is Unknown
    std::unordered_map<std::string, size_t> unknown_index_;  // folded name -> index in unknown_sections
    // Per section (known kinds by their enum value, unknown sections after them): folded key -> index
    // of its entry in the section's list.
    std::vector<std::unordered_map<std::string, size_t, model::FoldedHash, model::FoldedEqual>> seen_;

    std::string_view text_of(TextSpan span) const { return inf::text_of(text_, span); }
    std::string unquoted(const Field& field) const { return inf::field_text(text_, field); }
    Location location_at(size_t offset) const { return source_.location_of(offset); }

    void parse_error(Location where, std::string message) {
        report_.report("GPL001", Severity::Error, where, std::move(message));
    }
    void unknown(Location where, std::string message) {
        report_.report("GPL002", Severity::Note, where, std::move(message));
    }

    void report_encoding() {
        for (const DecodeIssue& issue : source_.decode_issues())
            parse_error(location_at(issue.text_offset),
                        issue.message + " at byte offset " + std::to_string(issue.byte_offset));
        if (source_.encoding() != Encoding::Utf16LeBom && !text_.empty())
            report_.report("GPL005", Severity::Note, location_at(0),
                              std::string("file is ") + to_string(source_.encoding()) +
                                  ": works, but Windows writes UTF-16LE with BOM");
        auto ending = source_.line_ending();
        if (ending != LineEnding::CRLF && ending != LineEnding::None)
            report_.report("GPL005", Severity::Note, location_at(0),
                              std::string("line endings are ") + to_string(ending) + ": Windows writes CRLF");
    }

    void read_line(uint32_t number) {
        std::string_view line = source_.line(number);
        size_t offset = static_cast<size_t>(line.data() - text_.data());
        LineParts parts;
        inf::LineError error;
        auto shape = inf::line_shape_of(section_.value_or(SectionKind::Unknown));
        if (!inf::parse_line(text_, offset, line.size(), shape, parts, error)) {
            parse_error(location_at(error.offset), std::move(error.message));
            return;
        }
        if (parts.comment) {
            auto comment = trim(text_of(*parts.comment).substr(1));  // after the ';'
            result_.comments.push_back({number, *parts.comment, std::string(comment)});
        }
        model::EntryPlace place{Location{source_.path(), number, 1, offset}, {offset, line.size()}, {}, {}};
        switch (parts.kind) {
            case LineParts::Kind::Blank: return;
            case LineParts::Kind::Header: return open_section(place, parts);
            case LineParts::Kind::Entry: break;
        }
        if (!section_) {
            parse_error(place.location, "entry outside of any section (expected a '[Section]' header first)");
            return;
        }
        place.key = trim_right(text_, parts.key.span);
        place.value = trim_right(text_, parts.value.value_or(TextSpan{place.line.end(), 0}));
        add_entry(place, parts);
    }

    void open_section(const model::EntryPlace& place, const LineParts& parts) {
        std::string_view name = trim(text_of(parts.section_name));
        SectionKind kind = model::section_kind_of(name);
        section_ = kind;
        result_.headers.push_back({kind, std::string(name), place.location});
        if (kind != SectionKind::Unknown) return;
        // Same-named sections merge (general INF rule).
        auto [known, inserted] = unknown_index_.try_emplace(model::fold_case(name), result_.unknown_sections.size());
        raw_section_ = known->second;
        if (!inserted) return;
        unknown(place.location, "unknown section [" + std::string(name) + "]: the Security extension ignores it");
        result_.unknown_sections.push_back({std::string(name), place.location, {}});
    }

    // Items of the value, unquoted; a value that is empty altogether has no items.
    std::vector<std::string> items_of(const LineParts& parts, const model::EntryPlace& place) const {
        std::vector<std::string> items;
        if (place.value.length == 0) return items;
        items.reserve(parts.items.size());
        for (const Field& f : parts.items) items.push_back(unquoted(f));
        return items;
    }

    std::string section_name() const {
        return *section_ == SectionKind::Unknown ? result_.unknown_sections[raw_section_].name
                                                  : model::to_string(*section_);
    }

    // Files `entry` under `key` in `list`; a later duplicate replaces the earlier one (GPL003).
    template <typename Entry>
    void keep(std::vector<Entry>& list, std::string key, Entry entry) {
        size_t slot = static_cast<size_t>(*section_);
        if (*section_ == SectionKind::Unknown) slot += 1 + raw_section_;
        if (seen_.size() <= slot) seen_.resize(slot + 1);
        auto [it, inserted] = seen_[slot].try_emplace(std::move(key), list.size());
        if (inserted) {
            list.push_back(std::move(entry));
            return;
        }
        Entry& earlier = list[it->second];
        report_.report("GPL003", Severity::Warning, earlier.place.location,
                       "duplicate key '" + std::string(key) + "' in [" + section_name() +
                           "]: this line is ignored, line " + std::to_string(entry.place.location.line) +
                           " sets it again",
                       {Note{"the value kept is here", entry.place.location}});
        earlier = std::move(entry);
    }

    void wrong_shape(const model::EntryPlace& place, std::string message) {
        report_.report("GPL004", Severity::Warning,
                       location_at(place.value.length ? place.value.offset : place.key.offset), std::move(message));
    }

    void add_entry(const model::EntryPlace& place, const LineParts& parts) {
        switch (*section_) {
            case SectionKind::RegistryValues: return add_registry_value(place, parts);
            case SectionKind::PrivilegeRights: return add_privilege(place, parts);
            case SectionKind::GroupMembership: return add_group(place, parts);
            case SectionKind::ServiceGeneralSetting:
            case SectionKind::RegistryKeys:
            case SectionKind::FileSecurity: return add_object(place, parts);
            case SectionKind::Unknown: return add_raw(place, parts);
            default: return add_key_value(place, parts);
        }
    }

    model::KeyValueEntry key_value_entry(const model::EntryPlace& place, const LineParts& parts) const {
        model::KeyValueEntry e;
        e.place = place;
        e.key = unquoted(parts.key);
        e.key.erase(e.key.find_last_not_of(" \t") + 1);
        e.value = std::string(text_of(place.value));
        e.items = items_of(parts, place);
        e.quoted = parts.items.size() == 1 && parts.items[0].quoted;
        if (e.items.size() == 1 && !e.quoted) e.number = parse_integer(e.items[0]);
        return e;
    }

    void add_key_value(const model::EntryPlace& place, const LineParts& parts) {
        auto e = key_value_entry(place, parts);
        SectionKind kind = *section_;
        if (!inf::is_known_key(kind, e.key)) {
            unknown(place.location, "unknown key '" + e.key + "' in [" + model::to_string(kind) + "]");
        } else if (inf::key_type(kind, e.key) == inf::KeyType::Number && !e.number) {
            wrong_shape(place, "'" + e.key + "' takes a decimal number, not '" + e.value + "'");
        }
        std::string key = e.key;
        keep(*result_.key_values(kind), std::move(key), std::move(e));
    }

    void add_raw(const model::EntryPlace& place, const LineParts& parts) {
        auto e = key_value_entry(place, parts);
        // A raw line without '=' is all key; its items mean nothing.
        if (!parts.value) e.items.clear();
        std::string key = e.key;
        keep(result_.unknown_sections[raw_section_].entries, std::move(key), std::move(e));
    }

    void add_privilege(const model::EntryPlace& place, const LineParts& parts) {
        model::PrivilegeEntry e;
        e.place = place;
        e.right = unquoted(parts.key);
        e.value = std::string(text_of(place.value));
        for (auto& item : items_of(parts, place))
            if (!item.empty()) e.principals.push_back(std::move(item));
        if (!inf::is_known_key(SectionKind::PrivilegeRights, e.right))
            unknown(place.location, "unknown user right '" + e.right + "' in [Privilege Rights]");
        std::string key = e.right;
        keep(result_.privilege_rights, std::move(key), std::move(e));
    }

    void add_group(const model::EntryPlace& place, const LineParts& parts) {
        model::GroupMembershipEntry e;
        e.place = place;
        std::string key = unquoted(parts.key);
        if (ends_with_i(key, "__Members")) {
            e.relation = model::GroupRelation::Members;
            e.group = key.substr(0, key.size() - 9);
        } else if (ends_with_i(key, "__Memberof")) {
            e.relation = model::GroupRelation::Memberof;
            e.group = key.substr(0, key.size() - 10);
        } else {
            unknown(place.location, "unknown key '" + key + "' in [Group Membership]: expected <group>__Members or "
                              "<group>__Memberof");
            return;
        }
        e.value = std::string(text_of(place.value));
        for (auto& item : items_of(parts, place))
            if (!item.empty()) e.principals.push_back(std::move(item));
        keep(result_.group_membership, std::move(key), std::move(e));
    }

    void add_object(const model::EntryPlace& place, const LineParts& parts) {
        model::ObjectEntry e;
        e.place = place;
        e.name = unquoted(parts.key);
        if (parts.mode) e.mode = parse_integer(text_of(*parts.mode));
        if (!parts.items.empty()) e.sddl = unquoted(parts.items.front());
        SectionKind kind = *section_;
        bool service = kind == SectionKind::ServiceGeneralSetting;
        bool valid_mode = e.mode && (service ? (*e.mode >= 2 && *e.mode <= 4) : (*e.mode >= 0 && *e.mode <= 2));
        if (!valid_mode)
            report_.report("GPL004", Severity::Warning, location_at(parts.mode ? parts.mode->offset : place.key.offset),
                           service ? "service startup mode must be 2 (automatic), 3 (manual) or 4 (disabled)"
                                         : "permission propagation mode must be 0, 1 or 2");
        std::string key = e.name;
        keep(*result_.objects(kind), std::move(key), std::move(e));
    }

    void add_registry_value(const model::EntryPlace& place, const LineParts& parts) {
        model::RegistryValueEntry e;
        e.place = place;
        e.name = std::string(inf::unquoted(text_, Field{place.key, parts.key.quoted}));
        auto slash = e.name.rfind('\\');
        if (slash == std::string::npos) {
            e.value_name = e.name;
        } else {
            e.key_path = e.name.substr(0, slash);
            e.value_name = e.name.substr(slash + 1);
        }
        // Type codes are small (REG_QWORD is 11); anything that does not fit stays -1 and is reported.
        if (auto code = parse_integer(text_of(*parts.type_code)); code && *code <= 0xFFFF)
            e.type = static_cast<int>(*code);
        e.data = std::string(text_of(place.value));
        e.items = items_of(parts, place);
        check_registry_value(e, parts.type_code);
        std::string key = e.name;
        keep(result_.registry_values, std::move(key), std::move(e));
    }

    void check_registry_value(const model::RegistryValueEntry& e, std::optional<TextSpan> type_code) {
        if (slash_missing(e)) {
            wrong_shape(e.place, "registry value name '" + e.name + "' has no key path (expected MACHINE\\…\\Name)");
            return;
        }
        switch (e.type) {
            case 1:
            case 2:
            case 7: break;
            case 3:
                if (e.items.size() > 1 || (e.items.size() == 1 && !is_hex(e.items[0])))
                    wrong_shape(e.place, "REG_BINARY data must be hex digits, not '" + e.data + "'");
                break;
            case 4: {
                std::optional<int64_t> n = e.items.size() == 1 ? parse_integer(e.items[0]) : std::nullopt;
                if (!n || *n < 0 || *n > 0xFFFFFFFFLL)
                    wrong_shape(e.place, "REG_DWORD data must be one unsigned 32-bit decimal number, not '" + e.data + "'");
                break;
            }
            case -1:
                wrong_shape(e.place, "registry type '" + std::string(text_of(*type_code)) + "' is out of range");
                return;
            default:
                wrong_shape(e.place, "registry type " + std::to_string(e.type) +
                                         " is not one MS-GPSB supports (1 SZ, 2 EXPAND_SZ, 3 BINARY, 4 DWORD, 7 MULTI_SZ)");
                return;
        }
        if (e.type != 4 && inf::expects_dword(e.key_path, e.value_name))
            wrong_shape(e.place, "'" + e.value_name + "' is a REG_DWORD but is written as type " +
                                     std::to_string(e.type) + "; Windows expects '=4,<number>'");
    }

    static bool slash_missing(const model::RegistryValueEntry& e) { return e.key_path.empty(); }
};

}  // namespace

model::SecurityTemplate read_security_template(const SourceText& source, Diagnostics& diagnostics) {
    return TemplateBuilder(source, diagnostics).build();
}

}  // namespace gpolint::parse
