#pragma once
// One small work-sharing loop for every parallel stage (discovery, parsing, SOM evaluation). Items are
// handed out one at a time from an atomic counter, so uneven items balance themselves; callers write
// results into slots indexed by item, which keeps the output order independent of the thread count.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace gpolint {

inline unsigned thread_count(unsigned requested, size_t items) {
    unsigned count = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(count, items)));
}

// Calls work(item, worker) for every item in [0, items); worker is in [0, thread_count(...)).
// `work` must not throw: a thread cannot hand an exception back.
template <typename Work>
void parallel_for(size_t items, unsigned threads, Work&& work) {
    const unsigned count = thread_count(threads, items);
    std::atomic<size_t> next{0};
    auto worker = [&](unsigned index) {
        for (size_t i = next++; i < items; i = next++) work(i, index);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < count; ++t) pool.emplace_back(worker, t);
    worker(0);
    for (auto& thread : pool) thread.join();
}

}  // namespace gpolint
