#include "findings/baseline.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/json.hpp>

#include "core/source.hpp"
#include "core/json_writer.hpp"

namespace gpolint::findings {

namespace pegtl = tao::pegtl;
namespace json = tao::pegtl::json;

std::string write_baseline(const std::vector<Diagnostic>& findings, std::string_view base_dir) {
    std::map<std::pair<std::string, std::string>, BaselineEntry> sorted;  // (rule, fingerprint) -> entry
    for (const auto& d : findings) {
        BaselineEntry entry;
        entry.identity = identity_of(d, base_dir);
        entry.fingerprint = fingerprint(entry.identity);
        entry.file = display_path(d.location.file.str(), base_dir);
        entry.message = d.message;
        sorted.emplace(std::make_pair(entry.identity.rule, entry.fingerprint), std::move(entry));
    }
    std::string out;
    JsonWriter w(out);
    w.begin_object().member("version", 1).member("tool", "gpolint");
    w.key("findings").begin_array();
    for (const auto& [key, e] : sorted) {
        w.begin_object();
        w.member("fingerprint", e.fingerprint).member("rule", e.identity.rule);
        if (!e.identity.gpo.empty()) w.member("gpo", e.identity.gpo);
        if (!e.identity.setting.empty()) w.member("setting", e.identity.setting);
        if (!e.identity.som.empty()) w.member("som", e.identity.som);
        w.member("file", e.file).member("message", e.message);
        w.end_object();
    }
    w.end_array().end_object();
    return out;
}

namespace {

// Collects the string members of each object; an object holding "fingerprint" is an entry.
struct BaselineReader {
    std::string key;
    std::map<std::string, std::string> members;
    std::vector<BaselineEntry> entries;
};

// JSON string content to UTF-8 (the content already matched the JSON grammar, so escapes are valid).
std::string unescape_json(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\' || i + 1 >= raw.size()) {
            out.push_back(raw[i]);
            continue;
        }
        char c = raw[++i];
        switch (c) {
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'u': {
                if (i + 4 >= raw.size()) break;
                uint32_t cp = static_cast<uint32_t>(std::stoul(std::string(raw.substr(i + 1, 4)), nullptr, 16));
                i += 4;
                // A surrogate pair arrives as two \u escapes.
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
                    uint32_t low = static_cast<uint32_t>(std::stoul(std::string(raw.substr(i + 3, 4)), nullptr, 16));
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                append_utf8(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
                break;
            }
            default: out.push_back(c);  // \" \\ \/
        }
    }
    return out;
}

template <typename Rule>
struct reader_action : pegtl::nothing<Rule> {};

template <>
struct reader_action<json::key_content> {
    template <typename Input>
    static void apply(const Input& in, BaselineReader& r) { r.key = unescape_json(in.string_view()); }
};
template <>
struct reader_action<json::string_content> {
    template <typename Input>
    static void apply(const Input& in, BaselineReader& r) { r.members[r.key] = unescape_json(in.string_view()); }
};
template <>
struct reader_action<json::object> {
    static void apply0(BaselineReader& r) {
        auto value = [&](const char* name) {
            auto it = r.members.find(name);
            return it == r.members.end() ? std::string() : it->second;
        };
        if (!value("fingerprint").empty()) {
            BaselineEntry e;
            e.fingerprint = value("fingerprint");
            e.identity = {value("rule"), value("gpo"), value("setting"), value("som"), {}};
            e.file = value("file");
            e.message = value("message");
            r.entries.push_back(std::move(e));
        }
        r.members.clear();
    }
};

struct document : pegtl::seq<json::text, pegtl::eof> {};

// The JSON grammar recurses once per nesting level; a hostile "[[[[…" must not exhaust the stack.
// Baselines nest three levels, so anything deeper than this is not one.
constexpr size_t kMaxDepth = 64;

std::optional<size_t> too_deep_at(std::string_view text) {
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<BaselineEntry> read_baseline(std::string_view text, std::string& error) {
    if (auto at = too_deep_at(text)) {
        error = "nested more than " + std::to_string(kMaxDepth) + " levels deep at byte " + std::to_string(*at);
        return {};
    }
    BaselineReader reader;
    pegtl::memory_input in(text.data(), text.size(), "baseline");
    bool ok = false;
    try {
        ok = pegtl::parse<document, reader_action>(in, reader);
    } catch (const pegtl::parse_error& e) {
        error = e.what();
        return {};
    }
    if (!ok) {
        error = "not a JSON document (stopped at byte " + std::to_string(in.byte()) + ")";
        return {};
    }
    return std::move(reader.entries);
}

BaselineOutcome apply_baseline(std::vector<Diagnostic> findings, const std::vector<BaselineEntry>& baseline,
                               std::string_view base_dir) {
    BaselineOutcome outcome;
    std::unordered_set<std::string> known;
    for (const auto& entry : baseline) known.insert(entry.fingerprint);
    std::unordered_set<std::string> seen;
    for (auto& d : findings) {
        std::string print = fingerprint(d, base_dir);
        if (known.count(print)) {
            seen.insert(print);
            outcome.known.push_back(std::move(d));
        } else {
            outcome.new_findings.push_back(std::move(d));
        }
    }
    for (const auto& entry : baseline)
        if (!seen.count(entry.fingerprint)) outcome.gone.push_back(entry);
    return outcome;
}

}  // namespace gpolint::findings
