#pragma once
// `check --changed FILE…` (the pre-commit hook): the whole project is checked, and only the findings
// that touch a changed file — at their location or in any note — are reported. A cross-GPO finding
// caused by a staged template is kept even when it points at another GPO; old findings elsewhere go.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/diagnostic.hpp"

namespace gpolint::check {

class ChangedFiles {
public:
    explicit ChangedFiles(const std::vector<std::string>& files);

    // At its location or in any note.
    bool touches(const Diagnostic& finding);
    bool contains(PathRef file);

private:

    std::unordered_set<std::string> canonical_;               // the changed files, canonical
    std::unordered_map<const std::string*, bool> by_interned_;  // each report path decided once
};

// Keeps the findings that touch a changed file.
void keep_changed(std::vector<Diagnostic>& findings, ChangedFiles& changed);

}  // namespace gpolint::check
