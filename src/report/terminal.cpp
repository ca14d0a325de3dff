#include "report/terminal.hpp"

#include <cstdlib>
#include <unistd.h>

namespace gpolint::report {

std::optional<When> parse_when(std::string_view text) {
    if (text == "auto") return When::Auto;
    if (text == "always") return When::Always;
    if (text == "never") return When::Never;
    return std::nullopt;
}

bool is_terminal(std::FILE* stream) { return stream != nullptr && ::isatty(::fileno(stream)) == 1; }

bool use_color(When when, std::FILE* stream) {
    if (when != When::Auto) return when == When::Always;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') return false;
    return is_terminal(stream);
}

bool use_progress(When when, std::FILE* stream) {
    if (when != When::Auto) return when == When::Always;
    return is_terminal(stream);
}

std::string Progress::line(std::string_view label, size_t done, size_t total) {
    std::string text(label);
    text += ' ' + std::to_string(done);
    if (total > 0) text += '/' + std::to_string(total) + " (" + std::to_string(done * 100 / total) + "%)";
    return text;
}

void Progress::start(std::string label, size_t total) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    label_ = std::move(label);
    total_ = total;
    done_ = 0;
    draw(true);
}

void Progress::advance(size_t steps) {
    if (!enabled_) return;
    done_ += steps;
    // A worker that finds the line busy skips the redraw: the next step will show the count.
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (lock.owns_lock()) draw(false);
}

void Progress::finish() {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    if (shown_) std::fputs("\r\x1b[K", stream_);
    std::fflush(stream_);
    shown_ = false;
}

void Progress::draw(bool force) {
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    std::string text = "\r\x1b[K" + line(label_, done_.load(), total_);
    std::fputs(text.c_str(), stream_);
    std::fflush(stream_);
    shown_ = true;
}

}  // namespace gpolint::report
