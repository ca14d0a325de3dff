#include "parse/path_filter.hpp"

#include <fnmatch.h>

namespace gpolint::parse {

bool PathFilter::excluded(const std::filesystem::path& path, std::string_view name,
                          const std::filesystem::path& root) const {
    std::string relative;  // computed once, only when a pattern needs it
    for (const auto& glob : globs_) {
        if (glob.find('/') == std::string::npos) {
            if (::fnmatch(glob.c_str(), std::string(name).c_str(), 0) == 0) return true;
            continue;
        }
        if (relative.empty()) relative = path.lexically_relative(root).generic_string();
        std::string_view pattern = glob;
        if (pattern.starts_with("./")) pattern.remove_prefix(2);
        if (::fnmatch(std::string(pattern).c_str(), relative.c_str(), FNM_PATHNAME) == 0) return true;
    }
    return false;
}

}  // namespace gpolint::parse
