#include "base/reads.h"

#include <filesystem>
#include <mutex>
#include <system_error>

#include "inkstone/diagnostics.h"

namespace inkstone::reads {
namespace fs = std::filesystem;

namespace {
thread_local Recorder* innermost = nullptr;
Gate gate;  // set before threads start (setGate), read only after
std::mutex recording;  // recorders shared between threads (Attach)
}  // namespace

Recorder::Recorder() : outer_(innermost) { innermost = this; }

Recorder::~Recorder() { innermost = outer_; }

void Recorder::add(const std::string& file) {
    std::lock_guard<std::mutex> lock(recording);
    for (Recorder* r = innermost; r; r = r->outer_) r->files_.insert(file);
}

Recorder* current() { return innermost; }

Attach::Attach(Recorder* recorder) : saved_(innermost) { innermost = recorder; }

Attach::~Attach() { innermost = saved_; }

void setGate(Gate g) { gate = std::move(g); }

void note(const std::string& path) {
    if (gate && !path.empty() && path != "-") {
        std::error_code ec;
        const fs::path real = fs::weakly_canonical(fs::absolute(path, ec), ec);
        const std::string why = ec ? std::string("a path that cannot be resolved") : gate(real.string());
        if (!why.empty()) failAt(path, {}, "refused: " + why);
    }
    if (!innermost || path.empty() || path == "-") return;
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec).lexically_normal();
    if (ec) return;
    std::string target;
    if (fs::is_symlink(abs, ec)) {
        const fs::path t = fs::weakly_canonical(abs, ec);
        if (!ec) target = t.string();
    }
    Recorder::add(abs.string());
    if (!target.empty()) Recorder::add(target);
}

void notePattern(const std::string& pattern) {
    if (gate && !pattern.empty()) {
        // The folder it lists.
        std::error_code ec;
        const fs::path real = fs::weakly_canonical(fs::absolute(pattern, ec).parent_path(), ec);
        const std::string why = ec ? std::string("a path that cannot be resolved") : gate(real.string() + "/");
        if (!why.empty()) failAt(pattern, {}, "refused: " + why);
    }
    if (!innermost || pattern.empty()) return;
    std::error_code ec;
    const std::string abs = fs::absolute(pattern, ec).lexically_normal().string();
    if (!ec) Recorder::add(abs);
}

bool isPattern(const std::string& path) {
    return fs::path(path).filename().string().find_first_of("*?[") != std::string::npos;
}

}  // namespace inkstone::reads
