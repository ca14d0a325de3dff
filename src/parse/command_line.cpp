#include "parse/command_line.hpp"

#include <string>

#include "model/setting.hpp"

namespace gpolint::parse {

namespace {

std::string_view trim_leading_quotes(std::string_view path) {
    while (!path.empty() && (path.front() == ' ' || path.front() == '\t' || path.front() == '"')) path.remove_prefix(1);
    return path;
}

bool is_url(std::string_view folded) {
    for (std::string_view scheme : {"http://", "https://", "ftp://"})
        if (folded.starts_with(scheme)) return true;
    return false;
}

}  // namespace

std::string_view password_marker(std::string_view arguments) {
    auto folded = model::fold_case(arguments);
    for (std::string_view marker : {" -password", "/password", "password=", "password:", "passwd", "pwd=", "pwd:",
                                    "/p:", "/pass:", " -p ", " -pw "})
        if (folded.find(marker) != std::string::npos) return marker;
    return {};
}

bool runs_code_from_outside_sysvol(std::string_view path) {
    auto folded = model::fold_case(trim_leading_quotes(path));
    std::string_view text = folded;
    if (is_url(text)) return true;
    // \\server\share\… and the //server/share/… some tools write.
    if (!(text.starts_with("\\\\") || text.starts_with("//"))) return false;
    text.remove_prefix(2);
    auto server_end = text.find_first_of("\\/");
    if (server_end == std::string_view::npos || server_end == 0) return false;  // "\\server" alone names no file
    text.remove_prefix(server_end + 1);
    auto share = text.substr(0, text.find_first_of("\\/\" "));
    // \\?\C:\… and \\.\… are local device paths, not shares.
    if (server_end == 1 && (folded[2] == '?' || folded[2] == '.')) return false;
    return share != "sysvol" && share != "netlogon";
}

bool package_path_unusable(std::string_view path) {
    auto folded = model::fold_case(trim_leading_quotes(path));
    if (is_url(folded)) return true;
    return folded.size() >= 3 && folded[0] >= 'a' && folded[0] <= 'z' && folded[1] == ':' &&
           (folded[2] == '\\' || folded[2] == '/');
}

}  // namespace gpolint::parse
