#include "cli/rule_ids.hpp"

#include <algorithm>
#include <cctype>
#include <ostream>

#include "core/printable.hpp"
#include "findings/config.hpp"

namespace gpolint::cli {

namespace {

std::string normalized(std::string_view id) {
    std::string text;
    for (char c : id) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        text += c == 'O' && text.size() >= 3 ? '0' : c;
    }
    return text;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Any prefix that selects a rule is meaningful ("GPL" selects them all); one that selects none is a typo.
bool matches_any(std::string_view pattern, const std::vector<rules::Rule>& rules) {
    return std::any_of(rules.begin(), rules.end(),
                       [&](const rules::Rule& rule) { return findings::rule_matches(pattern, rule.id); });
}

}  // namespace

std::vector<std::string> close_rule_ids(std::string_view typed, const std::vector<rules::Rule>& rules) {
    constexpr size_t kFarthest = 2;
    const std::string wanted = normalized(typed);
    std::vector<std::pair<size_t, std::string>> scored;
    for (const auto& rule : rules)
        if (size_t distance = edit_distance(wanted, rule.id); distance <= kFarthest) scored.emplace_back(distance, rule.id);
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> ids;
    for (const auto& [distance, id] : scored)
        if (distance == scored.front().first && ids.size() < 5) ids.push_back(id);
    return ids;
}

void suggest_rule_ids(std::string_view typed, const std::vector<rules::Rule>& rules, std::ostream& err) {
    const auto close = close_rule_ids(typed, rules);
    for (size_t i = 0; i < close.size(); ++i) err << (i == 0 ? "; did you mean " : " or ") << close[i];
    err << (close.empty() ? " (list them with 'gpolint rules')\n" : "?\n");
}

bool check_rule_ids(const std::vector<std::string>& patterns, std::string_view where,
                    const std::vector<rules::Rule>& rules, std::ostream& err) {
    bool all_known = true;
    for (const auto& pattern : patterns) {
        if (matches_any(pattern, rules)) continue;
        all_known = false;
        err << "gpolint: error: unknown rule ID '" << escape_controls(pattern) << "' in " << escape_controls(where);
        suggest_rule_ids(pattern, rules, err);
    }
    return all_known;
}

}  // namespace gpolint::cli
