#include "fix/unified_diff.hpp"

#include <algorithm>
#include <vector>

#include "core/printable.hpp"

namespace gpolint::fix {

namespace {

constexpr size_t kContext = 3;

// Lines without their endings (CRLF, LF or CR); a final line ending does not start an empty line.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::string range(size_t first, size_t count) {
    // diff -u numbers lines from 1; an empty range names the line before it.
    return std::to_string(count == 0 ? first : first + 1) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
    auto old_lines = lines_of(before);
    auto new_lines = lines_of(after);
    size_t common = std::min(old_lines.size(), new_lines.size());
    std::vector<size_t> changed;
    for (size_t i = 0; i < std::max(old_lines.size(), new_lines.size()); ++i)
        if (i >= common || old_lines[i] != new_lines[i]) changed.push_back(i);
    if (changed.empty()) return {};

    // A display for a terminal or a CI log: control characters from the file are shown escaped.
    const std::string shown_path = escape_controls(path);
    std::string out = "--- a/" + shown_path + "\n+++ b/" + shown_path + "\n";
    size_t next = 0;
    while (next < changed.size()) {
        // A hunk runs while the gap to the next change fits in the context on both sides.
        size_t last = next;
        while (last + 1 < changed.size() && changed[last + 1] - changed[last] <= 2 * kContext) ++last;
        size_t begin = changed[next] > kContext ? changed[next] - kContext : 0;
        size_t old_end = std::min(old_lines.size(), changed[last] + kContext + 1);
        size_t new_end = std::min(new_lines.size(), changed[last] + kContext + 1);
        out += "@@ -" + range(begin, old_end - begin) + " +" + range(begin, new_end - begin) + " @@\n";
        auto differs = [&](size_t i) {
            return std::binary_search(changed.begin() + static_cast<std::ptrdiff_t>(next),
                                      changed.begin() + static_cast<std::ptrdiff_t>(last) + 1, i);
        };
        size_t end = std::max(old_end, new_end);
        for (size_t i = begin; i < end;) {
            if (!differs(i)) {
                out.append(" ").append(escape_controls(old_lines[i])).append("\n");
                ++i;
                continue;
            }
            // A run of changed lines: removals first, then additions, as diff -u writes them.
            size_t run_end = i;
            while (run_end < end && differs(run_end)) ++run_end;
            for (size_t j = i; j < std::min(run_end, old_end); ++j) out.append("-").append(escape_controls(old_lines[j])).append("\n");
            for (size_t j = i; j < std::min(run_end, new_end); ++j) out.append("+").append(escape_controls(new_lines[j])).append("\n");
            i = run_end;
        }
        next = last + 1;
    }
    return out;
}

}  // namespace gpolint::fix
