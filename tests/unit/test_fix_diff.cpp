// Unified diffs of decoded texts: headers, hunk ranges, context, CRLF not shown.
#include <doctest/doctest.h>

#include <string>

#include "fix/unified_diff.hpp"

using gpolint::fix::unified_diff;

TEST_CASE("unified_diff: one changed line with three lines of context and CRLF stripped") {
    std::string before = "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\n";
    std::string after = "a\r\nb\r\nc\r\nd\r\nE\r\nf\r\ng\r\nh\r\n";
    CHECK(unified_diff("x/GptTmpl.inf", before, after) ==
          "--- a/x/GptTmpl.inf\n+++ b/x/GptTmpl.inf\n"
          "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
}

TEST_CASE("unified_diff: equal texts give nothing") { CHECK(unified_diff("f", "a\nb\n", "a\nb\n").empty()); }

TEST_CASE("unified_diff: near changes share a hunk and far ones do not and runs list removals first") {
    std::string before, after;
    for (int i = 1; i <= 20; ++i) {
        before += std::to_string(i) + "\n";
        after += (i == 1 || i == 2 || i == 5 || i == 20 ? "x" + std::to_string(i) : std::to_string(i)) + "\n";
    }
    CHECK(unified_diff("f", before, after) ==
          "--- a/f\n+++ b/f\n"
          "@@ -1,8 +1,8 @@\n-1\n-2\n+x1\n+x2\n 3\n 4\n-5\n+x5\n 6\n 7\n 8\n"
          "@@ -17,4 +17,4 @@\n 17\n 18\n 19\n-20\n+x20\n");
}

TEST_CASE("unified_diff: a single-line file without final newline") {
    CHECK(unified_diff("f", "old", "new") == "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-old\n+new\n");
}
