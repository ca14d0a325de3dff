#pragma once
// GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub shows as
// annotations on the pull request without any upload step.
#include <memory>
#include <string>
#include <string_view>

#include "report/reporter.hpp"

namespace gpolint::report {

std::unique_ptr<Reporter> make_github_reporter(const ReportOptions& options);

namespace github {
// Escaping of the message part of a workflow command: % CR LF.
std::string escape_data(std::string_view text);
// Escaping of a property value (file, title): as data, plus ':' and ','.
std::string escape_property(std::string_view text);
}  // namespace github

}  // namespace gpolint::report
