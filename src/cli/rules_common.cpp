#include "cli/rules_common.hpp"

#include <ostream>

#include "rules/evaluator.hpp"
#include "core/printable.hpp"
#include "rules/loader.hpp"

namespace gpolint::cli {

void print_error(std::ostream& err, const Diagnostic& d) {
    const auto& l = d.location;
    // A whole-file problem has no line: "file: error: …", never "file:0:0:".
    if (!l.file.empty()) err << escape_controls(l.file.str());
    if (!l.file.empty() && l.line > 0) err << ':' << l.line << ':' << l.column;
    err << (l.file.empty() ? "gpolint: " : ": ") << to_string(d.severity) << ": " << escape_controls(d.message) << "\n";
}

std::optional<std::vector<rules::Rule>> load_rules_or_report(const std::string& dir, std::ostream& err) {
    Diagnostics diagnostics;
    auto loaded = rules::load_rules(dir, diagnostics);
    if (diagnostics.all().empty()) return loaded;
    for (const auto& d : diagnostics.all()) print_error(err, d);
    return std::nullopt;
}

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
    std::vector<std::string> ids;
    for (const auto& value : values) {
        size_t start = 0;
        while (start <= value.size()) {
            size_t comma = value.find(',', start);
            std::string id = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!id.empty()) ids.push_back(id);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return ids;
}

}  // namespace gpolint::cli
