#pragma once
// Which folders and files discovery skips while it walks a folder given as PATH. A PATH named on the
// command line is always read; only what is found below it is filtered.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gpolint::parse {

class PathFilter {
public:
    // `globs`: fnmatch(3) patterns. One without '/' matches a file or folder name at any depth
    // (`archive`, `*.bak`); one with '/' matches the path relative to the walked PATH (`old/*/Machine`).
    explicit PathFilter(std::vector<std::string> globs = {}) : globs_(std::move(globs)) {}

    // Default excludes: dot-folders (.git, .github, a gpolint checkout in .gpolint-src) and CMake build
    // folders (those holding CMakeCache.txt; discovery checks that one when it lists the folder).
    static bool hidden_folder(std::string_view name) { return name.size() > 1 && name.front() == '.'; }

    bool excluded(const std::filesystem::path& path, std::string_view name, const std::filesystem::path& root) const;
    bool empty() const { return globs_.empty(); }

private:
    std::vector<std::string> globs_;
};

}  // namespace gpolint::parse
