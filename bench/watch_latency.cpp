// Save-to-PDF latency of a running `inkstone watch` (bench/watch.sh): saves FILE the way an editor
// does (written beside it, renamed over it), then waits for OUTPUT to be renamed into place,
// seen with inotify like a PDF viewer's reload. Each round changes one word of FILE's last line;
// rounds are 300 ms apart, so that no two saves make one burst. Prints each round's milliseconds,
// then "median p90 max" (ms).
//   inkstone_watch_latency FILE OUTPUT ROUNDS
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string slurp(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void save(const std::string& file, const std::string& text) {
    const std::string tmp = (fs::path(file).parent_path() / ("." + fs::path(file).filename().string() + ".save")).string();
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
    }
    fs::rename(tmp, file);
}

// Waits (at most 10 s) for `name` to be renamed into the watched folder; false on timeout.
bool waitReplaced(int fd, const std::string& name) {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    alignas(struct inotify_event) char buf[8192];
    while (Clock::now() < deadline) {
        struct pollfd p {fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        const ssize_t n = ::read(fd, buf, sizeof buf);
        for (ssize_t off = 0; off < n;) {
            const auto* ev = reinterpret_cast<const struct inotify_event*>(buf + off);
            off += static_cast<ssize_t>(sizeof(struct inotify_event) + ev->len);
            if (ev->len && name == ev->name) return true;
        }
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s FILE OUTPUT ROUNDS\n", argv[0]);
        return 2;
    }
    const std::string file = argv[1], output = argv[2];
    const int rounds = std::atoi(argv[3]);
    const std::string original = slurp(file);
    const int fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    const std::string dir = fs::absolute(output).parent_path().string();
    if (fd < 0 || ::inotify_add_watch(fd, dir.c_str(), IN_MOVED_TO) < 0) {
        std::perror("inotify");
        return 2;
    }
    const std::string name = fs::path(output).filename().string();
    std::vector<double> ms;
    const char* words[] = {"Revised", "Amended", "Edited", "Changed"};
    for (int r = 0; r < rounds; ++r) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        char buf[8192];
        while (::read(fd, buf, sizeof buf) > 0) {
        }
        save(file, original + "\n" + words[r % 4] + " in round " + std::to_string(r + 1) + ".\n");
        const auto t0 = Clock::now();
        if (!waitReplaced(fd, name)) {
            std::fprintf(stderr, "round %d: %s was not replaced within 10 s\n", r + 1, output.c_str());
            save(file, original);
            return 1;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        std::printf("%.1f\n", ms.back());
    }
    save(file, original);
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))]; };
    std::printf("%.1f %.1f %.1f\n", at(0.5), at(0.9), ms.back());
    return 0;
}
