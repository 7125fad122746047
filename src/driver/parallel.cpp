#include "driver/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace inkstone::driver {

std::unique_ptr<text::TextEngine> EnginePool::take() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!free_.empty()) {
            std::unique_ptr<text::TextEngine> e = std::move(free_.back());
            free_.pop_back();
            return e;
        }
    }
    return std::make_unique<text::TextEngine>();
}

void EnginePool::give(std::unique_ptr<text::TextEngine> engine) {
    if (!engine) return;
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(engine));
}

void forEachParallel(size_t count, int jobs, const std::function<void(text::TextEngine&, size_t)>& fn,
                     EnginePool* pool) {
    if (count == 0) return;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t workers = std::min<size_t>(count, jobs > 0 ? static_cast<size_t>(jobs) : cores);
    std::atomic<size_t> next{0};
    std::mutex errorMutex;
    std::exception_ptr error;
    auto work = [&] {
        std::unique_ptr<text::TextEngine> engine;
        try {
            for (size_t i = next++; i < count; i = next++) {
                if (!engine) engine = pool ? pool->take() : std::make_unique<text::TextEngine>();
                fn(*engine, i);
            }
            if (pool) pool->give(std::move(engine));
        } catch (...) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (!error) error = std::current_exception();
            next = count;  // the others stop at their next item
        }
    };
    std::vector<std::thread> threads;
    for (size_t w = 1; w < workers; ++w) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace inkstone::driver
