#include "core/phase_timer.hpp"

#include <cstdio>
#include <cstdlib>

namespace gpolint {

namespace {
bool timings_enabled() {
    static const bool enabled = std::getenv("GPOLINT_TIMINGS") != nullptr;
    return enabled;
}
}  // namespace

PhaseTimer::PhaseTimer(std::string_view phase) : phase_(phase), enabled_(timings_enabled()) {
    if (enabled_) start_ = std::chrono::steady_clock::now();
}

PhaseTimer::~PhaseTimer() {
    if (!enabled_) return;
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "gpolint: timing: %-22.*s %10.1f ms\n", static_cast<int>(phase_.size()), phase_.data(), ms);
}

}  // namespace gpolint
