#include "check/changed_files.hpp"

#include <algorithm>
#include <filesystem>

namespace gpolint::check {

namespace {

std::string canonical(const std::string& path) {
    std::error_code error;
    auto result = std::filesystem::weakly_canonical(path, error);
    return error ? path : result.string();
}

}  // namespace

ChangedFiles::ChangedFiles(const std::vector<std::string>& files) {
    for (const auto& file : files) canonical_.insert(canonical(file));
}

bool ChangedFiles::contains(PathRef file) {
    if (file.empty()) return false;
    auto [it, inserted] = by_interned_.emplace(&file.str(), false);
    if (inserted) it->second = canonical_.count(canonical(file.str())) > 0;
    return it->second;
}

bool ChangedFiles::touches(const Diagnostic& finding) {
    if (contains(finding.location.file)) return true;
    return std::any_of(finding.notes.begin(), finding.notes.end(),
                       [&](const Note& note) { return note.location && contains(note.location->file); });
}

void keep_changed(std::vector<Diagnostic>& findings, ChangedFiles& changed) {
    std::erase_if(findings, [&](const Diagnostic& finding) { return !changed.touches(finding); });
}

}  // namespace gpolint::check
