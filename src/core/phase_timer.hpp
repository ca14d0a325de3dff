#pragma once
// Wall-clock time of the pipeline's phases on stderr when GPOLINT_TIMINGS is set: the profile a user
// can ask for without a profiler (bench/README.md). Costs one getenv per phase otherwise.
#include <chrono>
#include <string_view>

namespace gpolint {

class PhaseTimer {
public:
    explicit PhaseTimer(std::string_view phase);
    ~PhaseTimer();
    PhaseTimer(const PhaseTimer&) = delete;
    PhaseTimer& operator=(const PhaseTimer&) = delete;

private:
    std::string_view phase_;
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace gpolint
