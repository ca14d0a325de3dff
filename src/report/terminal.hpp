#pragma once
// Terminal decisions shared by the CLI options --color and --progress, and a small progress line for
// stderr that the loader can drive from its worker threads.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace gpolint::report {

enum class When { Auto, Always, Never };
std::optional<When> parse_when(std::string_view text);  // "auto" | "always" | "never"

bool is_terminal(std::FILE* stream);
// --color: `never` and `always` are obeyed; `auto` means a terminal and no NO_COLOR (https://no-color.org).
bool use_color(When when, std::FILE* stream);
// --progress: `auto` means stderr is a terminal.
bool use_progress(When when, std::FILE* stream);

// "Reading GPOs 120/540 (22%)" redrawn in place on one line, at most ten times a second; cleared by
// finish(). A disabled Progress does nothing, so callers never need to check. advance() is thread-safe.
class Progress {
public:
    Progress(std::FILE* stream, bool enabled) : stream_(stream), enabled_(enabled) {}
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    ~Progress() { finish(); }

    void start(std::string label, size_t total);  // total 0: unknown, show the count only
    void advance(size_t steps = 1);
    void finish();

    // The text of one redraw, without the terminal control codes (for tests).
    static std::string line(std::string_view label, size_t done, size_t total);

private:
    void draw(bool force);

    std::FILE* stream_;
    bool enabled_;
    std::mutex mutex_;
    std::string label_;
    size_t total_ = 0;
    std::atomic<size_t> done_{0};
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace gpolint::report
