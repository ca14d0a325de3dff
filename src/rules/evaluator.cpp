#include "rules/evaluator.hpp"

#include "model/principal.hpp"
#include "rules/text.hpp"

namespace gpolint::rules {

namespace {

std::optional<int64_t> number_of(const model::Value& value) {
    if (value.number) return value.number;
    return parse_integer(value.text);
}

std::string string_of(const model::Value& value) {
    std::string_view text = value.text;
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    return model::fold_case(text);
}

// Principal lists and multi-strings carry items; a plain string may still hold a comma list.
std::vector<std::string> items_of(const model::Value& value) {
    if (!value.items.empty() || value.kind == model::ValueKind::PrincipalList) return value.items;
    std::vector<std::string> items;
    std::string_view text = value.text;
    while (!text.empty()) {
        auto comma = text.find(',');
        items.emplace_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return items;
}

bool contains_principal(const model::Value& value, std::string_view pattern) {
    for (const auto& item : items_of(value))
        if (model::principal_matches(pattern, item)) return true;
    return false;
}

// The value as one string and, for lists and multi-strings, each item: "http://wsus:8530" or one task argument.
bool matches_pattern(const model::Value& value, std::string_view pattern) {
    auto folded = model::fold_case(pattern);
    if (model::glob_match(folded, string_of(value))) return true;
    for (const auto& item : value.items)
        if (model::glob_match(folded, model::fold_case(item))) return true;
    return false;
}

template <typename T>
bool compare(const T& a, const T& b, Cmp cmp) {
    switch (cmp) {
        case Cmp::Eq: return a == b;
        case Cmp::Ne: return a != b;
        case Cmp::Lt: return a < b;
        case Cmp::Le: return a <= b;
        case Cmp::Gt: return a > b;
        case Cmp::Ge: return a >= b;
    }
    return false;
}

// A numeric literal compares numerically (a REG_SZ holding digits too); a string literal compares
// case-insensitively with the value's text.
bool compare_value(const model::Value& value, const Literal& literal, Cmp cmp) {
    if (literal.number) {
        auto number = number_of(value);
        return number && compare(*number, *literal.number, cmp);
    }
    return compare(string_of(value), model::fold_case(literal.text), cmp);
}

// Placeholders may hold keys with braces ({value:audit:{guid}}), so braces nest.
size_t matching_brace(std::string_view text, size_t open) {
    int depth = 0;
    for (size_t i = open; i < text.size(); ++i) {
        if (text[i] == '{') ++depth;
        else if (text[i] == '}' && --depth == 0) return i;
    }
    return std::string_view::npos;
}

bool is_prefix_pattern(std::string_view key) { return !key.empty() && key.back() == '*'; }

bool is_defined(const std::string& key, const Facts& facts) {
    if (is_prefix_pattern(key)) return facts.any_defined_with_prefix(std::string_view(key).substr(0, key.size() - 1));
    return facts.winner(key) != nullptr;
}

}  // namespace

bool evaluate(const Expr& expr, const Facts& facts) {
    switch (expr.op) {
        case Op::And:
            for (const auto& child : expr.children)
                if (!evaluate(child, facts)) return false;
            return true;
        case Op::Or:
            for (const auto& child : expr.children)
                if (evaluate(child, facts)) return true;
            return false;
        case Op::Not: return !evaluate(expr.children.front(), facts);
        case Op::Defined: return is_defined(expr.key, facts);
        case Op::Undefined: return !is_defined(expr.key, facts);
        case Op::Role: return facts.has_role(expr.text);
        case Op::SameGpo: {
            const auto* a = facts.source_of(expr.key);
            return a != nullptr && a == facts.source_of(expr.key2);
        }
        default: break;
    }
    const model::Setting* setting = facts.winner(expr.key);
    if (!setting) return false;  // every value test on an undefined key is false
    const model::Value& value = setting->value;
    switch (expr.op) {
        case Op::Compare: return compare_value(value, expr.literals.front(), expr.cmp);
        case Op::In:
            for (const auto& literal : expr.literals)
                if (compare_value(value, literal, Cmp::Eq)) return true;
            return false;
        case Op::Contains: return contains_principal(value, expr.principals.front());
        case Op::ContainsAny:
            for (const auto& principal : expr.principals)
                if (contains_principal(value, principal)) return true;
            return false;
        case Op::Matches:
            for (const auto& literal : expr.literals)
                if (matches_pattern(value, literal.text)) return true;
            return false;
        case Op::HasBits:
        case Op::LacksBits: {
            auto number = number_of(value);
            auto bits = expr.literals.front().number;
            if (!number || !bits) return false;
            auto masked = static_cast<uint64_t>(*number) & static_cast<uint64_t>(*bits);
            return expr.op == Op::HasBits ? masked == static_cast<uint64_t>(*bits) : masked == 0;
        }
        default: return false;
    }
}

namespace {

// Copies `text`, replacing each {…} placeholder (braces may nest) by fill(name); an unclosed brace is
// copied as it is.
template <typename Fill>
std::string expand(std::string_view text, Fill fill) {
    std::string out;
    out.reserve(text.size() + 64);
    size_t i = 0;
    while (i < text.size()) {
        size_t open = text.find('{', i);
        size_t close = open == std::string_view::npos ? open : matching_brace(text, open);
        if (close == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, open - i));
        out += fill(text.substr(open + 1, close - open - 1), text.substr(open, close - open + 1));
        i = close + 1;
    }
    return out;
}

}  // namespace

std::string render(std::string_view text, const RenderContext& context) {
    return expand(text, [&](std::string_view name, std::string_view whole) -> std::string {
        auto colon = name.find(':');
        std::string_view head = name.substr(0, colon);
        if (colon == std::string_view::npos) {
            if (name == "som") return context.som;
            if (name == "gpo") return context.gpo;
            if (name == "key") return context.key;
            return std::string(whole);
        }
        std::string key = model::fold_case(name.substr(colon + 1));
        if (head == "value") {
            const auto* setting = context.facts.winner(key);
            return setting ? display_value(setting->value) : "(not defined)";
        }
        if (head == "gpo") {
            const auto* gpo = context.facts.source_of(key);
            return gpo ? "'" + gpo->name + "'" : "(no GPO)";
        }
        return std::string(whole);
    });
}

namespace {

// "registry:HKLM\\…\\Lsa\\LmCompatibilityLevel" → "LmCompatibilityLevel", as an admin names it.
std::string_view short_key_name(std::string_view key) {
    size_t cut = key.find_last_of(":\\");
    return cut == std::string_view::npos ? key : key.substr(cut + 1);
}

std::string general_placeholder(std::string_view name) {
    auto colon = name.find(':');
    std::string_view head = name.substr(0, colon);
    std::string_view tail = colon == std::string_view::npos ? std::string_view() : name.substr(colon + 1);
    if (name == "gpo") return "the GPO that sets it";
    if (name == "som") return "the OU";
    if (name == "key") return "the setting";
    if (!name.empty() && name.front() == '$') return "the " + std::string(name.substr(1)) + " named in the finding";
    if (head == "gpo" && !tail.empty() && tail.front() == '$') return "the GPO that sets it";
    if (head == "gpo") return "the GPO that sets " + std::string(short_key_name(tail));
    if (head == "value") return "the current value";
    return "{" + std::string(name) + "}";
}

// '{$right}' reads as a quoted value; its general phrase is not one, so the quotes go.
std::string unquote_variables(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\'' && text.compare(i + 1, 2, "{$") == 0) {
            size_t close = matching_brace(text, i + 1);
            if (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == '\'') {
                out.append(text.substr(i + 1, close - i));
                i = close + 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace

std::string render_general(std::string_view text) {
    return expand(unquote_variables(text), [](std::string_view name, std::string_view) { return general_placeholder(name); });
}

}  // namespace gpolint::rules
