#include "core/diagnostic.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/parallel.hpp"

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

bool DiagnosticCap::admit(const Diagnostic& diagnostic) {
    auto [it, inserted] = counts_.try_emplace({&diagnostic.location.file.str(), diagnostic.rule_id});
    if (inserted) it->second.first = diagnostic.location;
    return ++it->second.seen <= kMaxPerFileAndRule;
}

std::vector<Diagnostic> DiagnosticCap::take_summaries() {
    std::vector<Diagnostic> summaries;
    for (const auto& [key, count] : counts_)
        if (count.seen > kMaxPerFileAndRule)
            summaries.push_back({key.second, Severity::Note,
                                 std::to_string(count.seen - kMaxPerFileAndRule) + " more " + key.second +
                                     " diagnostics in this file not shown (at most " +
                                     std::to_string(kMaxPerFileAndRule) + " per rule and file)",
                                 count.first, {}, {}, {}, {}, {}});
    counts_.clear();
    return summaries;
}

void add_capped(std::vector<Diagnostic>& out, DiagnosticCap& cap, Diagnostic diagnostic) {
    if (cap.admit(diagnostic)) out.push_back(std::move(diagnostic));
}

void Diagnostics::add(Diagnostic diagnostic) {
    std::lock_guard lock(mutex_);
    if (cap_ && !cap_->admit(diagnostic)) return;
    items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string rule_id, Location location, std::string message) {
    add({std::move(rule_id), Severity::Error, std::move(message), location, {}, {}, {}, {}, {}});
}
void Diagnostics::warning(std::string rule_id, Location location, std::string message) {
    add({std::move(rule_id), Severity::Warning, std::move(message), location, {}, {}, {}, {}, {}});
}
void Diagnostics::note(std::string rule_id, Location location, std::string message) {
    add({std::move(rule_id), Severity::Note, std::move(message), location, {}, {}, {}, {}, {}});
}

std::vector<Diagnostic> Diagnostics::take() {
    std::lock_guard lock(mutex_);
    if (cap_)
        for (auto& summary : cap_->take_summaries()) items_.push_back(std::move(summary));
    return std::exchange(items_, {});
}

size_t Diagnostics::count(Severity at_least) const {
    std::lock_guard lock(mutex_);
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [&](const Diagnostic& d) {
        return d.severity >= at_least;
    }));
}

namespace {

// The order within one file: line, byte offset, rule, message.
bool order_in_file(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.line, a.location.offset, a.rule_id, a.message) <
           std::tie(b.location.line, b.location.offset, b.rule_id, b.message);
}

}  // namespace

bool diagnostic_order(const Diagnostic& a, const Diagnostic& b) {
    // Paths are interned: equal files are equal pointers, so most comparisons skip the path text.
    if (!(a.location.file == b.location.file)) {
        int by_file = a.location.file.str().compare(b.location.file.str());
        if (by_file != 0) return by_file < 0;
    }
    return order_in_file(a, b);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics, unsigned threads) {
    if (std::is_sorted(diagnostics.begin(), diagnostics.end(), diagnostic_order)) return;
    // Files are ranked once by path, so comparing two diagnostics rarely touches a path's text.
    std::unordered_map<const std::string*, uint32_t> rank_of;
    for (const auto& d : diagnostics) rank_of.emplace(&d.location.file.str(), 0);
    std::vector<const std::string*> paths;
    paths.reserve(rank_of.size());
    for (const auto& [path, rank] : rank_of) paths.push_back(path);
    std::sort(paths.begin(), paths.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
    uint32_t rank = 0;  // equal texts (an empty path may have two addresses) share a rank
    for (size_t i = 0; i < paths.size(); ++i) rank_of[paths[i]] = rank += (i > 0 && *paths[i] != *paths[i - 1]) ? 1 : 0;
    std::vector<uint32_t> file_rank(diagnostics.size());
    for (size_t i = 0; i < diagnostics.size(); ++i) file_rank[i] = rank_of[&diagnostics[i].location.file.str()];
    // Sorting positions and moving each diagnostic once beats a merge sort that moves them log n times.
    std::vector<uint32_t> order(diagnostics.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto before = [&](uint32_t a, uint32_t b) {
        if (file_rank[a] != file_rank[b]) return file_rank[a] < file_rank[b];
        return order_in_file(diagnostics[a], diagnostics[b]);
    };
    stable_sort_in_halves(order.begin(), order.end(), before, threads);  // hundreds of thousands in a forest audit
    // Permuted in place, cycle by cycle: a second array of hundreds of megabytes would only cost page faults.
    std::vector<bool> placed(order.size(), false);
    for (size_t start = 0; start < order.size(); ++start) {
        if (placed[start] || order[start] == start) continue;
        Diagnostic held = std::move(diagnostics[start]);
        size_t at = start;
        while (order[at] != start) {
            diagnostics[at] = std::move(diagnostics[order[at]]);
            placed[at] = true;
            at = order[at];
        }
        diagnostics[at] = std::move(held);
        placed[at] = true;
    }
}

}  // namespace gpolint
