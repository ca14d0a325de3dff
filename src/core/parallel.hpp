#pragma once
// One small work-sharing loop for every parallel stage (discovery, parsing, SOM evaluation). Items are
// handed out one at a time from an atomic counter, so uneven items balance themselves; callers write
// results into slots indexed by item, which keeps the output order independent of the thread count.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace gpolint {

// More threads than this never help on the machines gpolint runs on, and `--jobs 200` must not
// exhaust the process's thread limit.
inline constexpr unsigned kMaxThreads = 64;

inline unsigned thread_count(unsigned requested, size_t items) {
    unsigned count = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    count = std::min(count, kMaxThreads);
    return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(count, items)));
}

// Every thread gpolint starts goes through try_start_thread and is counted here, so that a test can
// see that `--jobs 1` really runs on the calling thread alone.
inline std::atomic<size_t> threads_started_count{0};

inline size_t threads_started() { return threads_started_count.load(); }

// Starts `body` on a new thread, or returns nullopt when the system refuses one (EAGAIN under a
// thread or memory limit): callers then do the work on fewer threads.
template <typename Body>
std::optional<std::thread> try_start_thread(Body&& body) {
    try {
        std::thread thread(std::forward<Body>(body));
        ++threads_started_count;
        return thread;
    } catch (const std::system_error&) {
        return std::nullopt;
    }
}

// Calls work(item, worker) for every item in [0, items); worker is in [0, thread_count(...)).
// `work` must not throw: a thread cannot hand an exception back. Runs on as many threads as the
// system grants, down to the calling thread alone.
template <typename Work>
void parallel_for(size_t items, unsigned threads, Work&& work) {
    const unsigned count = thread_count(threads, items);
    std::atomic<size_t> next{0};
    auto worker = [&](unsigned index) {
        for (size_t i = next++; i < items; i = next++) work(i, index);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < count; ++t) {
        auto thread = try_start_thread([&worker, t] { worker(t); });
        if (!thread) break;
        pool.push_back(std::move(*thread));
    }
    worker(0);
    for (auto& thread : pool) thread.join();
}

// Runs `beside` on another thread while `here` runs on this one; one after the other when no thread
// can be started.
template <typename Beside, typename Here>
void run_beside(Beside&& beside, Here&& here) {
    auto thread = try_start_thread(beside);
    if (!thread) beside();
    here();
    if (thread) thread->join();
}

// `items` cut into contiguous ranges, several per thread so that uneven ranges balance themselves;
// range r is [begin(r), end(r)). Results gathered per range and joined in range order come out in
// item order whatever the thread count.
struct RangeSplit {
    RangeSplit(size_t item_count, unsigned workers)
        : items(item_count), count(workers > 1 ? std::min<size_t>(std::max<size_t>(1, item_count), 16 * size_t{workers}) : 1) {}
    size_t begin(size_t range) const { return items * range / count; }
    size_t end(size_t range) const { return begin(range + 1); }
    size_t items;
    size_t count;
};

// std::stable_sort, with the second half sorted on another thread when there are enough elements and
// `threads` allows it (0 = one per core); a stable merge of the halves keeps it stable.
template <typename Iterator, typename Less>
void stable_sort_in_halves(Iterator first, Iterator last, Less less, unsigned threads = 0) {
    constexpr std::ptrdiff_t kWorthAThread = 1 << 13;
    if (last - first < kWorthAThread || thread_count(threads, 2) < 2) {
        std::stable_sort(first, last, less);
        return;
    }
    Iterator middle = first + (last - first) / 2;
    run_beside([&] { std::stable_sort(middle, last, less); }, [&] { std::stable_sort(first, middle, less); });
    std::inplace_merge(first, middle, last, less);
}

// Hands results that arrive out of order to `consume` in index order, as soon as every earlier one is
// in: memory holds only the results waiting for a slower predecessor, and the consumer sees the order a
// single thread would have produced. Thread-safe; `consume` runs under the lock, one call at a time.
template <typename Result>
class OrderedMerge {
public:
    OrderedMerge(size_t count, std::function<void(Result)> consume) : waiting_(count), consume_(std::move(consume)) {}

    void submit(size_t index, Result result) {
        std::lock_guard lock(mutex_);
        waiting_.at(index).emplace(std::move(result));
        while (next_ < waiting_.size() && waiting_[next_]) {
            if (!error_) {
                try {
                    consume_(std::move(*waiting_[next_]));
                } catch (...) {
                    error_ = std::current_exception();
                }
            }
            waiting_[next_++].reset();
        }
    }

    // A worker failed: the first failure is rethrown by rethrow() once the threads are joined.
    void fail(std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::move(error);
    }

    void rethrow() {
        std::lock_guard lock(mutex_);
        if (error_) std::rethrow_exception(error_);
    }

private:
    std::mutex mutex_;
    std::vector<std::optional<Result>> waiting_;
    size_t next_ = 0;
    std::function<void(Result)> consume_;
    std::exception_ptr error_;
};

}  // namespace gpolint
