#include "base/interrupt.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace inkstone {

Interrupted::Interrupted(int sig)
    : std::runtime_error(std::string("interrupted by ") + (sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "SIGINT")),
      sig_(sig) {}

namespace interrupt {
namespace fs = std::filesystem;

namespace {

std::atomic<int> interruptedBy{0};  // set by the watcher (or request())
std::atomic<bool> cleaned{false};   // the watcher removed the temporary files
int wakePipe[2] = {-1, -1};

// The registry. Held only for a mkstemp, a rename or an unlink: the watcher never waits long.
std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}
std::set<std::string>& registry() {
    static std::set<std::string> r;
    return r;
}

void removeAllLocked() {
    for (const std::string& p : registry()) ::unlink(p.c_str());
    registry().clear();
}

// Async-signal-safe: wakes the watcher with the signal number. A signal after the clean-up ends the
// process at once (the user pressed Ctrl-C again); before it, the clean-up is still to come.
extern "C" void onSignal(int sig) {
    if (cleaned.load()) _exit(128 + sig);
    const unsigned char b = static_cast<unsigned char>(sig);
    const int saved = errno;
    [[maybe_unused]] ssize_t n = ::write(wakePipe[1], &b, 1);
    errno = saved;
}

void watch() {
    unsigned char b = 0;
    while (true) {
        const ssize_t n = ::read(wakePipe[0], &b, 1);
        if (n == 1) break;
        if (n < 0 && errno == EINTR) continue;
        return;  // the pipe is gone: nothing to watch
    }
    const int sig = b;
    request(sig);
    cleaned = true;
    // The run now stops at its next checkpoint and ends the process by the signal itself
    // (endInterrupted()). If it is stuck in one long step, end it here: nothing is half-written,
    // since the temporary files are gone and no new one can be made.
    std::this_thread::sleep_for(std::chrono::seconds(kGraceSeconds));
    {
        std::lock_guard<std::mutex> lock(registryMutex());
        removeAllLocked();
    }
    static const char msg[] = "inkstone: interrupted; stopped without finishing the step in progress\n";
    [[maybe_unused]] ssize_t w = ::write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(128 + sig);
}

}  // namespace

void install() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (::pipe2(wakePipe, O_CLOEXEC) != 0) return;  // without a pipe, signals keep their default
        std::thread(watch).detach();
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
            struct sigaction old {};
            if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;  // e.g. nohup
            struct sigaction sa {};
            sa.sa_handler = onSignal;
            sigemptyset(&sa.sa_mask);
            sa.sa_flags = SA_RESTART;
            ::sigaction(sig, &sa, nullptr);
        }
    });
}

int signal() { return interruptedBy.load(std::memory_order_relaxed); }

void checkpoint() {
    if (const int sig = interruptedBy.load(std::memory_order_relaxed)) throw Interrupted(sig);
}

std::string createTemp(const std::string& target, bool afterInterrupt) {
    const fs::path p(target);
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::string tmpl = (dir / ("." + p.filename().string() + ".XXXXXX")).string();
    std::lock_guard<std::mutex> lock(registryMutex());
    if (const int sig = signal(); sig && !afterInterrupt) throw Interrupted(sig);
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) failAt(target, {}, "cannot write output: " + std::string(std::strerror(errno)));
    ::close(fd);
    registry().insert(tmpl);
    return tmpl;
}

void commit(const std::vector<std::pair<std::string, std::string>>& tempToTarget, bool afterInterrupt) {
    std::lock_guard<std::mutex> lock(registryMutex());
    if (const int sig = signal(); sig && !afterInterrupt) {
        for (const auto& [tmp, target] : tempToTarget) {
            ::unlink(tmp.c_str());
            registry().erase(tmp);
        }
        throw Interrupted(sig);
    }
    for (size_t k = 0; k < tempToTarget.size(); ++k) {
        const auto& [tmp, target] = tempToTarget[k];
        std::error_code ec;
        fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                        ec);
        fs::rename(tmp, target, ec);
        if (ec) {
            for (size_t j = k; j < tempToTarget.size(); ++j) {
                ::unlink(tempToTarget[j].first.c_str());
                registry().erase(tempToTarget[j].first);
            }
            failAt(target, {}, "cannot write output: " + ec.message());
        }
        registry().erase(tmp);
    }
}

void discard(const std::string& temp) {
    std::lock_guard<std::mutex> lock(registryMutex());
    ::unlink(temp.c_str());
    registry().erase(temp);
}

void request(int sig) {
    std::lock_guard<std::mutex> lock(registryMutex());
    interruptedBy = sig;
    removeAllLocked();
}

void resetForTests() {
    std::lock_guard<std::mutex> lock(registryMutex());
    interruptedBy = 0;
}

size_t pendingForTests() {
    std::lock_guard<std::mutex> lock(registryMutex());
    return registry().size();
}

}  // namespace interrupt
}  // namespace inkstone

namespace inkstone {

void handleInterrupts() { interrupt::install(); }

int interruptedBy() { return interrupt::signal(); }

void endInterrupted() {
    const int sig = interrupt::signal();
    const int code = 128 + (sig ? sig : SIGINT);
    if (sig) {
        std::fflush(nullptr);
        std::signal(sig, SIG_DFL);
        std::raise(sig);
    }
    _exit(code);
}

}  // namespace inkstone
