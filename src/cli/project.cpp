#include "cli/project.hpp"

#include <filesystem>
#include <ostream>

#include "cli/rules_common.hpp"

namespace gpolint::cli {

namespace fs = std::filesystem;

namespace {

std::string shorter(const std::string& path, const std::string& current_dir) {
    fs::path relative = fs::path(path).lexically_relative(current_dir);
    if (relative.empty()) return path;
    std::string text = relative.string();
    return text.starts_with("..") ? path : text;
}

}  // namespace

std::optional<findings::Settings> project_settings(const findings::CommandLine& command_line, std::ostream& err) {
    std::error_code cwd_error;
    std::vector<Diagnostic> config_errors;
    auto settings = findings::resolve_settings(command_line, fs::current_path(cwd_error).string(), config_errors);
    for (const auto& e : config_errors) print_error(err, e);
    if (!config_errors.empty()) return std::nullopt;
    return settings;
}

std::optional<std::vector<std::string>> input_paths(const std::vector<std::string>& given,
                                                    const findings::Settings& settings, std::ostream& err) {
    if (!given.empty()) return given;
    std::vector<std::string> paths = settings.paths;
    if (paths.empty()) {
        auto root = settings.config_path.empty() ? findings::find_project_root(settings.base_dir)
                                                 : std::optional(fs::path(settings.config_path).parent_path().string());
        if (!root) {
            err << "gpolint: error: give a PATH to check: no project root here (no .gpolint file or git repository "
                   "in this folder or above)\n";
            return std::nullopt;
        }
        paths.push_back(*root);
    }
    for (auto& path : paths) path = shorter(path, settings.base_dir);
    return paths;
}

}  // namespace gpolint::cli
