#include "base/interrupt.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <map>
#include <thread>

namespace inkstone {

Interrupted::Interrupted(int sig)
    : std::runtime_error(std::string("interrupted by ") + (sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "SIGINT")),
      sig_(sig) {}

namespace interrupt {
namespace fs = std::filesystem;

namespace {

std::atomic<int> interruptedBy{0};  // set by the watcher (or request())
int wakePipe[2] = {-1, -1};

// The registry: temporary file -> made for the report of an interrupted run (spared by the first
// clean-up). A name stays registered until its writer commits or discards it, so a file that a
// writer re-creates by name after the clean-up (Cairo opens its surface file by name) is removed
// by the last clean-up before the process is ended. Held only for a mkstemp, a rename or an
// unlink. Never destroyed: a signal during exit must not find it gone.
std::timed_mutex& registryMutex() {
    static auto* m = new std::timed_mutex;
    return *m;
}
std::map<std::string, bool>& registry() {
    static auto* r = new std::map<std::string, bool>;
    return *r;
}

void removeLocked(bool all) {
    for (const auto& [path, report] : registry())
        if (all || !report) ::unlink(path.c_str());
}

// Async-signal-safe: only wakes the watcher.
extern "C" void onSignal(int sig) {
    const unsigned char b = static_cast<unsigned char>(sig);
    const int saved = errno;
    [[maybe_unused]] ssize_t n = ::write(wakePipe[1], &b, 1);
    errno = saved;
}

// Ends the process by `sig` (so that a calling shell sees a death by signal, and a script loop
// stops), after removing every temporary file, the report's too.
[[noreturn]] void dieBy(int sig, const char* why) {
    std::unique_lock<std::timed_mutex> lock(registryMutex(), std::defer_lock);
    if (lock.try_lock_for(std::chrono::milliseconds(200))) removeLocked(true);
    if (why) [[maybe_unused]] ssize_t w = ::write(STDERR_FILENO, why, std::strlen(why));
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    _exit(128 + sig);
}

// Reads one signal number from the pipe; 0 when `ms` passed first (ms < 0: no limit), -1 when the
// pipe is gone.
int nextSignal(int ms) {
    struct pollfd pfd {wakePipe[0], POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (true) {
        int wait = -1;
        if (ms >= 0)
            wait = static_cast<int>(std::max<long long>(
                0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count()));
        const int r = ::poll(&pfd, 1, wait);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) return 0;
        unsigned char b = 0;
        const ssize_t n = ::read(wakePipe[0], &b, 1);
        if (n == 1) return b;
        if (n < 0 && errno == EINTR) continue;
        return -1;
    }
}

void watch() {
    const int sig = nextSignal(-1);
    if (sig <= 0) return;  // the pipe is gone: nothing to watch
    request(sig);
    // The run now stops at its next checkpoint and ends the process by the signal itself
    // (endInterrupted()). A second signal, or a run still busy after the grace time (one long
    // step), ends it here: nothing is half-written, the temporary files being removed again.
    const int again = nextSignal(kGraceSeconds * 1000);
    dieBy(again > 0 ? again : sig,
          again > 0 ? nullptr : "inkstone: interrupted; stopped without finishing the step in progress\n");
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
    std::lock_guard<std::timed_mutex> lock(registryMutex());
    if (const int sig = signal(); sig && !afterInterrupt) throw Interrupted(sig);
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) failAt(target, {}, "cannot write output: " + std::string(std::strerror(errno)));
    ::close(fd);
    registry()[tmpl] = afterInterrupt;
    return tmpl;
}

void commit(const std::vector<std::pair<std::string, std::string>>& tempToTarget, bool afterInterrupt) {
    std::lock_guard<std::timed_mutex> lock(registryMutex());
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
    std::lock_guard<std::timed_mutex> lock(registryMutex());
    ::unlink(temp.c_str());
    registry().erase(temp);
}

void stallForTests() {
    static const long ms = [] {
        const char* e = std::getenv("INKSTONE_TEST_STALL_MS");
        return e ? std::strtol(e, nullptr, 10) : 0L;
    }();
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

int wakeFd() {
    static const int fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    return fd;
}

void request(int sig) {
    {
        std::lock_guard<std::timed_mutex> lock(registryMutex());
        interruptedBy = sig;
        removeLocked(false);
    }
    if (const int fd = wakeFd(); fd >= 0) [[maybe_unused]] ssize_t n = ::eventfd_write(fd, 1);
}

void resetForTests() {
    std::lock_guard<std::timed_mutex> lock(registryMutex());
    interruptedBy = 0;
}

size_t pendingForTests() {
    std::lock_guard<std::timed_mutex> lock(registryMutex());
    size_t present = 0;
    for (const auto& [path, report] : registry()) present += ::access(path.c_str(), F_OK) == 0;
    return present;
}

}  // namespace interrupt
}  // namespace inkstone

namespace inkstone {

void handleInterrupts() { interrupt::install(); }

int interruptedBy() { return interrupt::signal(); }

int interruptFd() { return interrupt::wakeFd(); }

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
