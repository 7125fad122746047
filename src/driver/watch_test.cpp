// The parts of `inkstone watch`: recording what a run reads, the file watcher, the volume cache.
#include <doctest/doctest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "base/reads.h"
#include "driver/file_watcher.h"
#include "driver/volume_schedule.h"
#include "parse/article.h"

namespace fs = std::filesystem;
using namespace inkstone;
using namespace std::chrono_literals;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "inkstone-watch.XXXXXX").string();
        REQUIRE(mkdtemp(t.data()));
        path = fs::path(t).lexically_normal();
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void write(const std::string& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

// An eventfd written after `after` (ends a wait that should see nothing).
struct Alarm {
    int fd = ::eventfd(0, EFD_CLOEXEC);
    std::thread thread;
    explicit Alarm(std::chrono::milliseconds after) {
        thread = std::thread([this, after] {
            std::this_thread::sleep_for(after);
            [[maybe_unused]] int r = ::eventfd_write(fd, 1);
        });
    }
    ~Alarm() {
        thread.join();
        ::close(fd);
    }
};

// Short, with room for a loaded machine (the suite runs in parallel): the waits end on the
// quiet time after the last save, so a generous `settle` costs nothing where no file is removed.
driver::FileWatcher::Timing fast(std::chrono::milliseconds quiet = 20ms) {
    driver::FileWatcher::Timing t;
    t.quiet = quiet;
    t.settle = 500ms;
    t.longest = 3000ms;
    return t;
}

}  // namespace

TEST_CASE("reads: recorders nest, and a thread attached records into its starter's") {
    TempDir dir;
    reads::note(dir / "before.md");  // no recorder: nothing happens
    reads::Recorder outer;
    reads::note(dir / "a.md");
    {
        reads::Recorder inner;
        reads::note(dir / "sub/../b.png");
        reads::note("-");
        CHECK(inner.files() == std::set<std::string>{dir / "b.png"});
    }
    std::thread([&, rec = reads::current()] {
        reads::Attach attach(rec);
        reads::note(dir / "c.yaml");
        reads::notePattern(dir / "articles/*.md");
    }).join();
    CHECK(outer.files() ==
          std::set<std::string>{dir / "a.md", dir / "b.png", dir / "c.yaml", dir / "articles/*.md"});
    CHECK(reads::isPattern(dir / "articles/*.md"));
    CHECK_FALSE(reads::isPattern(dir / "a.md"));
}

TEST_CASE("reads: a symbolic link is recorded with its target") {
    TempDir dir;
    fs::create_directory(dir.path / "real");
    write(dir / "real/a.md", "x");
    fs::create_symlink(dir.path / "real/a.md", dir.path / "link.md");
    reads::Recorder r;
    reads::note(dir / "link.md");
    CHECK(r.files() == std::set<std::string>{dir / "link.md", dir / "real/a.md"});
}

TEST_CASE("file watcher: saves in place, by rename and by removing and writing again") {
    TempDir dir;
    const std::string a = dir / "a.md", b = dir / "b.md";
    write(a, "1");
    write(b, "1");
    driver::FileWatcher w;
    CHECK(w.watch({a, b}).empty());
    CHECK(w.folders() == 1);

    write(a, "2");
    auto got = w.wait(fast());
    REQUIRE(got);
    CHECK(*got == std::set<std::string>{a});

    // Written beside and renamed over it, as most editors save.
    write(dir / ".b.md.tmp", "3");
    fs::rename(dir / ".b.md.tmp", b);
    got = w.wait(fast());
    REQUIRE(got);
    CHECK(*got == std::set<std::string>{b});

    // Removed, then written again after a pause longer than `quiet` (but within `settle`): one change.
    const auto t0 = std::chrono::steady_clock::now();
    std::thread saver([&] {
        fs::remove(a);
        std::this_thread::sleep_for(60ms);
        write(a, "4");
    });
    got = w.wait(fast());
    saver.join();
    REQUIRE(got);
    CHECK(*got == std::set<std::string>{a});
    CHECK(fs::exists(a));
    CHECK(std::chrono::steady_clock::now() - t0 >= 60ms);
}

TEST_CASE("file watcher: a burst of saves is one change, and other files do not count") {
    TempDir dir;
    const std::string a = dir / "a.md", img = dir / "fig.png";
    write(a, "1");
    write(img, "1");
    driver::FileWatcher w;
    w.watch({a, img});
    std::thread saver([&] {
        for (int i = 0; i < 5; ++i) {
            write(i % 2 ? img : a, std::to_string(i));
            write(dir / "unrelated.txt", "x");
            std::this_thread::sleep_for(5ms);
        }
    });
    auto got = w.wait(fast(150ms));
    saver.join();
    REQUIRE(got);
    CHECK(*got == std::set<std::string>{a, img});
    {
        // Nothing more is pending: only the alarm ends the next wait. A file not watched and our
        // own temporary output beside the article do not count.
        Alarm alarm(200ms);
        write(dir / "unrelated.txt", "y");
        write(dir / ".a.pdf.XYZ123", "pdf");
        fs::rename(dir / ".a.pdf.XYZ123", dir / "a.pdf");
        CHECK_FALSE(w.wait(fast(), alarm.fd));
    }
}

TEST_CASE("file watcher: a pattern counts files that come to match it, not swap files") {
    TempDir dir;
    fs::create_directory(dir.path / "articles");
    const std::string pattern = dir / "articles/*.md";
    driver::FileWatcher w;
    w.watch({pattern});
    write(dir / "articles/new.md", "x");
    auto got = w.wait(fast());
    REQUIRE(got);
    CHECK(*got == std::set<std::string>{dir / "articles/new.md"});
    Alarm alarm(200ms);
    write(dir / "articles/.new.md.swp", "x");
    write(dir / "articles/notes.txt", "x");
    write(dir / "articles/new.md", "y");  // not a file read: the pattern's matches only come and go
    CHECK_FALSE(w.wait(fast(), alarm.fd));
}

TEST_CASE("file watcher: folders no longer needed stop being watched; a missing one is said") {
    TempDir dir;
    fs::create_directory(dir.path / "x");
    fs::create_directory(dir.path / "y");
    driver::FileWatcher w;
    w.watch({dir / "x/a.md", dir / "y/b.md"});
    CHECK(w.folders() == 2);
    const std::map<std::string, std::string> failed = w.watch({dir / "x/a.md", dir / "none/c.md"});
    REQUIRE(failed.size() == 1);
    CHECK(failed.begin()->first == dir / "none/");
    CHECK(failed.begin()->second == "No such file or directory");
    CHECK(w.folders() == 1);
    Alarm alarm(150ms);
    write(dir / "y/b.md", "x");
    CHECK_FALSE(w.wait(fast(), alarm.fd));
}

TEST_CASE("volume cache: a change forgets the articles that read it, a shared file all of them") {
    driver::VolumeCache c;
    c.sharedReads = {"/s/quarterly.yaml"};
    c.entries.resize(3);
    for (int i = 0; i < 3; ++i) {
        c.entries[i].path = "/v/a" + std::to_string(i) + ".md";
        c.entries[i].reads = {c.entries[i].path};
    }
    c.entries[2].reads.insert("/v/fig.png");
    c.edition("zh-Hant-TW").entries = c.entries;
    c.forget({"/v/fig.png", "/v/unrelated.md"});
    CHECK(c.entries[0].path == "/v/a0.md");
    CHECK(c.entries[1].path == "/v/a1.md");
    CHECK(c.entries[2].path.empty());
    CHECK(c.edition("zh-Hant-TW").entries[2].path.empty());
    CHECK(c.edition("zh-Hant-TW").entries[0].path == "/v/a0.md");
    c.forget({"/s/quarterly.yaml"});
    CHECK(c.entries[0].path.empty());
    CHECK(c.entries[1].path.empty());
}

TEST_CASE("reads::setGate: every noted read is checked, on every thread, before the file is opened") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("inkstone-gate-" + std::to_string(::getpid()));
    fs::create_directories(dir / "in");
    std::ofstream(dir / "in" / "a.md") << "---\ntitle: A\n---\n\nText.\n";
    std::ofstream(dir / "out.md") << "---\ntitle: B\n---\n\nText.\n";
    fs::create_symlink(dir / "out.md", dir / "in" / "link.md");
    const std::string allowed = fs::canonical(dir / "in").string() + "/";
    inkstone::reads::setGate([&](const std::string& f) {
        return f.compare(0, allowed.size(), allowed) == 0 ? std::string() : std::string("outside");
    });
    inkstone::DiagnosticSink sink(false);
    CHECK_NOTHROW(inkstone::parse::readInput((dir / "in" / "a.md").string()));
    for (const fs::path& p : {dir / "out.md", dir / "in" / "link.md", dir / "in" / ".." / "out.md"}) {
        CAPTURE(p.string());
        std::string message;
        std::thread t([&] {
            try {
                inkstone::parse::readInput(p.string());
            } catch (const inkstone::UserError& e) {
                message = e.diagnostic().message;
            }
        });
        t.join();
        CHECK(message == "refused: outside");
    }
    inkstone::reads::setGate({});
    CHECK_NOTHROW(inkstone::parse::readInput((dir / "out.md").string()));
    fs::remove_all(dir);
}
