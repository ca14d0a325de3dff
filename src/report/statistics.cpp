#include "report/statistics.hpp"

#include <algorithm>
#include <iomanip>
#include <map>
#include <ostream>

namespace gpolint::report {

void write_statistics(std::ostream& out, const ReportData& data) {
    struct Count {
        size_t findings = 0;
        Severity severity = Severity::Note;
    };
    std::map<std::string, Count> by_rule;
    for (const auto& finding : data.findings) {
        auto& count = by_rule[finding.rule_id];
        ++count.findings;
        count.severity = std::max(count.severity, finding.severity);
    }
    std::map<std::string, std::string> slugs;
    for (const auto& rule : data.rules) slugs[rule.id] = rule.slug;
    std::vector<std::pair<std::string, Count>> rows(by_rule.begin(), by_rule.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second.findings > b.second.findings; });
    size_t width = std::to_string(data.findings.size()).size();
    for (const auto& [id, count] : rows)
        out << std::setw(static_cast<int>(width)) << count.findings << "  " << id << "  " << std::left << std::setw(8)
            << to_string(count.severity) << std::right << slugs[id] << "\n";
    out << std::setw(static_cast<int>(width)) << data.findings.size() << "  total\n";
}

}  // namespace gpolint::report
