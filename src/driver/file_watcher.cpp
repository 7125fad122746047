#include "driver/file_watcher.h"

#include <fnmatch.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/diagnostics.h"
#include "base/reads.h"

namespace inkstone::driver {
namespace fs = std::filesystem;

namespace {

constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB |
                           IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::string folderOf(const std::string& file) {
    std::string dir = fs::path(file).parent_path().string();
    return dir.ends_with('/') ? dir : dir + '/';
}

}  // namespace

FileWatcher::FileWatcher() : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
    if (fd_ < 0) failAt("watch", {}, std::string("cannot watch files (inotify): ") + std::strerror(errno));
}

FileWatcher::~FileWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

std::map<std::string, std::string> FileWatcher::watch(const std::set<std::string>& files) {
    files_.clear();
    patterns_.clear();
    for (const std::string& f : files) (reads::isPattern(f) ? patterns_ : files_).insert(f);
    std::set<std::string> wanted;
    for (const std::string& f : files) wanted.insert(folderOf(f));
    for (auto it = byDir_.begin(); it != byDir_.end();) {
        if (wanted.count(it->first)) {
            ++it;
            continue;
        }
        ::inotify_rm_watch(fd_, it->second);
        dirs_.erase(it->second);
        it = byDir_.erase(it);
    }
    std::map<std::string, std::string> failed;
    for (const std::string& dir : wanted) {
        if (byDir_.count(dir)) continue;
        const int wd = ::inotify_add_watch(fd_, dir.c_str(), kMask);
        if (wd < 0) {
            failed[dir] = errno == ENOSPC ? "the system's limit of inotify watches is reached "
                                            "(sysctl fs.inotify.max_user_watches)"
                                          : std::strerror(errno);
            continue;
        }
        // Two paths of one folder (a symbolic link) share a descriptor; the last name is kept.
        if (auto old = dirs_.find(wd); old != dirs_.end()) byDir_.erase(old->second);
        dirs_[wd] = dir;
        byDir_[dir] = wd;
    }
    return failed;
}

bool FileWatcher::drain(std::set<std::string>& changed, bool& removed) {
    alignas(struct inotify_event) char buf[16384];
    bool any = false;
    while (true) {
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EAGAIN: nothing more queued
        for (ssize_t off = 0; off < n;) {
            const auto* ev = reinterpret_cast<const struct inotify_event*>(buf + off);
            off += static_cast<ssize_t>(sizeof(struct inotify_event) + ev->len);
            const auto dir = dirs_.find(ev->wd);
            if (dir == dirs_.end()) continue;
            if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                // The folder itself went: every file in it changed (the next render says what is
                // missing); it is watched again when it is back and named again.
                for (const std::string& f : files_)
                    if (folderOf(f) == dir->second) changed.insert(f);
                if (ev->mask & IN_IGNORED) {
                    byDir_.erase(dir->second);
                    dirs_.erase(dir);
                }
                any = removed = true;
                continue;
            }
            const std::string name = ev->len ? std::string(ev->name) : std::string();
            const std::string path = dir->second + name;
            bool relevant = false;
            if (files_.count(path)) {
                // A file being created is about to be written: its IN_CLOSE_WRITE counts.
                relevant = !(ev->mask & IN_CREATE);
            } else if (ev->mask & (IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM)) {
                for (const std::string& p : patterns_)
                    if (folderOf(p) == dir->second && ::fnmatch(p.c_str(), path.c_str(), FNM_PATHNAME | FNM_PERIOD) == 0)
                        relevant = true;
            }
            if (!relevant) continue;
            changed.insert(path);
            removed = ev->mask & (IN_DELETE | IN_MOVED_FROM);
            any = true;
        }
    }
    return any;
}

std::optional<std::set<std::string>> FileWatcher::wait(const Timing& timing, int wakeFd) {
    using Clock = std::chrono::steady_clock;
    std::set<std::string> changed;
    bool removed = false;
    std::optional<Clock::time_point> first, last;
    while (true) {
        int timeout = -1;
        if (first) {
            const auto now = Clock::now();
            const auto until = std::min(*last + (removed ? timing.settle : timing.quiet), *first + timing.longest);
            if (now >= until) return changed;
            timeout = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(until - now).count());
        }
        struct pollfd pfd[2] = {{fd_, POLLIN, 0}, {wakeFd, POLLIN, 0}};
        const int r = ::poll(pfd, wakeFd >= 0 ? 2 : 1, timeout);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) failAt("watch", {}, std::string("cannot wait for changes: ") + std::strerror(errno));
        if (wakeFd >= 0 && (pfd[1].revents & POLLIN)) return std::nullopt;
        if (r == 0) continue;  // the burst's time is checked above
        if (drain(changed, removed)) {
            last = Clock::now();
            if (!first) first = last;
        }
    }
}

}  // namespace inkstone::driver
