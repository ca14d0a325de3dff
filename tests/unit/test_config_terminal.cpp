#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "report/terminal.hpp"

using namespace gpolint::report;

namespace {
std::string contents(std::FILE* file) {
    std::fflush(file);
    std::rewind(file);
    std::string text;
    for (int c = std::fgetc(file); c != EOF; c = std::fgetc(file)) text.push_back(static_cast<char>(c));
    return text;
}
}  // namespace

TEST_CASE("terminal: --color and --progress decisions") {
    CHECK(parse_when("auto") == When::Auto);
    CHECK(parse_when("always") == When::Always);
    CHECK(parse_when("never") == When::Never);
    CHECK_FALSE(parse_when("yes").has_value());
    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    CHECK_FALSE(is_terminal(file));
    CHECK(use_color(When::Always, file));
    CHECK_FALSE(use_color(When::Auto, file));  // not a terminal
    CHECK_FALSE(use_color(When::Never, file));
    CHECK(use_progress(When::Always, file));
    CHECK_FALSE(use_progress(When::Auto, file));
    ::setenv("NO_COLOR", "1", 1);
    CHECK_FALSE(use_color(When::Auto, stdout));  // NO_COLOR wins over a terminal
    CHECK(use_color(When::Always, file));        // but an explicit --color=always wins over NO_COLOR
    ::unsetenv("NO_COLOR");
    std::fclose(file);
}

TEST_CASE("progress: one line redrawn in place, cleared at the end - disabled writes nothing") {
    CHECK(Progress::line("Reading GPOs", 120, 540) == "Reading GPOs 120/540 (22%)");
    CHECK(Progress::line("Files", 7, 0) == "Files 7");

    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    {
        Progress progress(file, true);
        progress.start("Reading", 4);
        progress.advance(2);  // usually within 100 ms of start, so not redrawn; either way is correct
        progress.finish();
    }
    std::string drawn = contents(file);
    CHECK(drawn.rfind("\r\x1b[KReading 0/4 (0%)", 0) == 0);
    CHECK(drawn.size() >= 4);
    CHECK(drawn.substr(drawn.size() - 4) == "\r\x1b[K");  // the line is cleared at the end
    std::fclose(file);

    file = std::tmpfile();
    REQUIRE(file != nullptr);
    {
        Progress quiet(file, false);
        quiet.start("Reading", 4);
        quiet.advance();
    }
    CHECK(contents(file).empty());
    std::fclose(file);
}
