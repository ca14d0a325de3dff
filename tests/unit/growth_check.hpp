// Complexity checks without wall-clock limits: a reader must do about ten times the work for ten times
// the input. Quadratic code does a hundred times, so the check separates the two even on a loaded machine.
#pragma once

#include <ctime>
#include <functional>

namespace gpolint::test {

// The least CPU time this thread spent in `work` over `runs` runs. Thread CPU time leaves out other
// processes; the minimum leaves out the first run's page faults and a preempted cache.
inline double best_thread_cpu_seconds(const std::function<void()>& work, int runs = 3) {
    double best = 1e300;
    for (int run = 0; run < runs; ++run) {
        timespec start{}, end{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
        work();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
        double seconds = double(end.tv_sec - start.tv_sec) + double(end.tv_nsec - start.tv_nsec) / 1e9;
        if (seconds < best) best = seconds;
    }
    return best;
}

// True when the large run (ten times the input of the small run) cost less than `max_ratio` times the small
// run. `floor_seconds` absorbs timer granularity when the small run takes microseconds.
inline bool grows_linearly(double small_seconds, double large_seconds, double max_ratio = 40.0,
                           double floor_seconds = 0.05) {
    return large_seconds < max_ratio * small_seconds + floor_seconds;
}

}  // namespace gpolint::test
