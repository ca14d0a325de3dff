#include "core/diagnostic.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace gpolint {

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::Note: return "note";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "note") return Severity::Note;
    if (text == "warning") return Severity::Warning;
    if (text == "error") return Severity::Error;
    return std::nullopt;
}

void Diagnostics::add(Diagnostic diagnostic) {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string rule_id, Location location, std::string message) {
    add({std::move(rule_id), Severity::Error, std::move(message), location, {}, {}, {}, {}});
}
void Diagnostics::warning(std::string rule_id, Location location, std::string message) {
    add({std::move(rule_id), Severity::Warning, std::move(message), location, {}, {}, {}, {}});
}
void Diagnostics::note(std::string rule_id, Location location, std::string message) {
    add({std::move(rule_id), Severity::Note, std::move(message), location, {}, {}, {}, {}});
}

std::vector<Diagnostic> Diagnostics::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(items_, {});
}

size_t Diagnostics::count(Severity at_least) const {
    std::lock_guard lock(mutex_);
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) {
        return d.severity >= at_least;
    }));
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        auto key = [](const Diagnostic& d) {
            return std::tie(d.location.file.str(), d.location.line, d.location.offset, d.rule_id, d.message);
        };
        return key(a) < key(b);
    });
}

}  // namespace gpolint
