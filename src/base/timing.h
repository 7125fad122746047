// Stage timings for profiling: with INKSTONE_TIMINGS=1 in the environment, each StageTimer prints
// "timing: NAME MS" to stderr when it ends (wall clock). Costs one getenv per process otherwise.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace inkstone {

inline bool timingsEnabled() {
    static const bool on = [] {
        const char* v = std::getenv("INKSTONE_TIMINGS");
        return v && *v && *v != '0';
    }();
    return on;
}

class StageTimer {
public:
    explicit StageTimer(const char* name) : name_(name), start_(std::chrono::steady_clock::now()) {}
    ~StageTimer() { stop(); }
    // Ends the current stage and starts `name`.
    void next(const char* name) {
        stop();
        name_ = name;
        start_ = std::chrono::steady_clock::now();
    }
    void stop() {
        if (!name_) return;
        if (timingsEnabled()) {
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
            long pages = 0, resident = 0;
            if (FILE* f = std::fopen("/proc/self/statm", "r")) {
                if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
                std::fclose(f);
            }
            std::fprintf(stderr, "timing: %s %.2f ms (resident %.0f MiB after)\n", name_, ms,
                         static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0));
        }
        name_ = nullptr;
    }
    StageTimer(const StageTimer&) = delete;
    StageTimer& operator=(const StageTimer&) = delete;

private:
    const char* name_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace inkstone
