// The drivers' worker pool: items taken from a shared counter by min(count, jobs) threads (jobs 0 =
// one per core), each thread with its own TextEngine (a PangoFontMap must not be shared).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "text/engine.h"

namespace inkstone::driver {

// Engines kept from one run to the next (`inkstone watch`): their fonts and shape caches stay warm.
class EnginePool {
public:
    // One of the pool's engines, or a new one when none is free.
    std::unique_ptr<text::TextEngine> take();
    void give(std::unique_ptr<text::TextEngine> engine);

private:
    std::mutex mutex_;
    std::vector<std::unique_ptr<text::TextEngine>> free_;
};

// Calls fn(engine, i) once for every i in [0, count). `fn` handles its own per-item errors; an
// exception escaping it (or the engine's construction) is rethrown here after all threads stop.
// With a `pool`, the workers' engines come from it and go back to it.
void forEachParallel(size_t count, int jobs, const std::function<void(text::TextEngine&, size_t)>& fn,
                     EnginePool* pool = nullptr);

}  // namespace inkstone::driver
