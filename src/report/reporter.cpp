#include "report/reporter.hpp"

#include <array>

#include "report/formats.hpp"
#include "report/github_reporter.hpp"
#include "report/sarif_reporter.hpp"

namespace gpolint::report {

namespace {

struct Format {
    std::string_view name;
    std::unique_ptr<Reporter> (*make)(const ReportOptions&);
};

// One line per output format.
constexpr std::array<Format, 5> kFormats{{
    {"text", make_text_reporter},
    {"json", make_json_reporter},
    {"html", make_html_reporter},
    {"sarif", make_sarif_reporter},
    {"github", make_github_reporter},
}};

}  // namespace

std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReportOptions& options) {
    for (const auto& f : kFormats)
        if (f.name == format) return f.make(options);
    return nullptr;
}

std::vector<std::string> reporter_formats() {
    std::vector<std::string> names;
    for (const auto& f : kFormats) names.emplace_back(f.name);
    return names;
}

std::string_view display_path_view(std::string_view path, std::string_view base_dir) {
    if (base_dir.empty() || path.size() <= base_dir.size() || path.compare(0, base_dir.size(), base_dir) != 0)
        return path;
    size_t skip = base_dir.size();
    if (base_dir.back() != '/') {
        if (path[skip] != '/') return path;
        ++skip;
    }
    return path.substr(skip);
}

std::string display_path(const std::string& path, const std::string& base_dir) {
    return std::string(display_path_view(path, base_dir));
}

}  // namespace gpolint::report
