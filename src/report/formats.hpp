#pragma once
// The factories behind make_reporter; each output format adds one line here and one in reporter.cpp.
#include <memory>

#include "report/reporter.hpp"

namespace gpolint::report {

std::unique_ptr<Reporter> make_text_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_json_reporter(const ReportOptions& options);
std::unique_ptr<Reporter> make_html_reporter(const ReportOptions& options);

// Shared by the formats: the path as shown (relative to base_dir when below it).
std::string display_path(const std::string& path, const std::string& base_dir);
std::string_view display_path_view(std::string_view path, std::string_view base_dir);  // a view into `path`

}  // namespace gpolint::report
