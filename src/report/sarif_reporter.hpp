#pragma once
// SARIF 2.1.0 output for code-scanning services (GitHub, Azure DevOps) and SARIF viewers.
#include <memory>
#include <string>
#include <string_view>

#include "report/reporter.hpp"

namespace gpolint::report {

std::unique_ptr<Reporter> make_sarif_reporter(const ReportOptions& options);

// Where rule pages are published; a RuleInfo::help_uri that is not already absolute is resolved
// against this.
inline constexpr std::string_view kInformationUri = "https://github.com/gpolint/gpolint";
inline constexpr std::string_view kDocsBaseUri = "https://github.com/gpolint/gpolint/blob/main/";

namespace sarif {
// RFC 3986 percent-encoding of a path: every byte but the unreserved characters and '/' is encoded,
// so `{GUID}` folders, spaces and non-ASCII names survive as URI references.
std::string encode_path(std::string_view path);
// file:// URI of a directory, ending in '/' as SARIF's uriBaseId roots must. Relative input is made
// absolute against the current directory.
std::string directory_uri(std::string_view directory);
// An absolute help URI for a rule: kept when it has a scheme, else resolved against kDocsBaseUri.
std::string absolute_help_uri(std::string_view help_uri, std::string_view rule_id);
}  // namespace sarif

}  // namespace gpolint::report
