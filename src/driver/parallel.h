// The drivers' worker pool: items taken from a shared counter by min(count, jobs) threads (jobs 0 =
// one per core), each thread with its own TextEngine (a PangoFontMap must not be shared).
#pragma once

#include <cstddef>
#include <functional>

#include "text/engine.h"

namespace inkstone::driver {

// Calls fn(engine, i) once for every i in [0, count). `fn` handles its own per-item errors; an
// exception escaping it (or the engine's construction) is rethrown here after all threads stop.
void forEachParallel(size_t count, int jobs, const std::function<void(text::TextEngine&, size_t)>& fn);

}  // namespace inkstone::driver
