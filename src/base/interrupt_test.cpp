#include <doctest/doctest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/interrupt.h"

namespace fs = std::filesystem;
using namespace inkstone;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "inkstone-interrupt.XXXXXX").string();
        REQUIRE(mkdtemp(t.data()));
        path = t;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void put(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

}  // namespace

TEST_CASE("temporary outputs: made beside the target, renamed over it, or discarded") {
    TempDir dir;
    const size_t before = interrupt::pendingForTests();
    const std::string target = (dir.path / "out.pdf").string();
    const std::string tmp = interrupt::createTemp(target);
    CHECK(fs::path(tmp).parent_path() == dir.path);
    CHECK(fs::path(tmp).filename().string().rfind(".out.pdf.", 0) == 0);
    CHECK(interrupt::pendingForTests() == before + 1);
    put(tmp, "new");
    interrupt::commit({{tmp, target}});
    CHECK(slurp(target) == "new");
    CHECK_FALSE(fs::exists(tmp));
    CHECK(interrupt::pendingForTests() == before);

    const std::string other = interrupt::createTemp(target);
    interrupt::discard(other);
    CHECK_FALSE(fs::exists(other));
    CHECK(interrupt::pendingForTests() == before);
    CHECK(slurp(target) == "new");
}

TEST_CASE("an interrupt removes the temporary files and lets no output appear or change after it") {
    TempDir dir;
    const fs::path a = dir.path / "a.png", b = dir.path / "b.png";
    put(a, "earlier a");
    const std::string ta = interrupt::createTemp(a.string()), tb = interrupt::createTemp(b.string());
    put(ta, "half-written a");
    put(tb, "half-written b");
    CHECK_NOTHROW(interrupt::checkpoint());

    interrupt::request(SIGTERM);
    CHECK(interrupt::signal() == SIGTERM);
    CHECK_FALSE(fs::exists(ta));
    CHECK_FALSE(fs::exists(tb));
    CHECK(interrupt::pendingForTests() == 0);
    CHECK_THROWS_AS(interrupt::checkpoint(), Interrupted);
    CHECK_THROWS_AS(interrupt::createTemp((dir.path / "c.pdf").string()), Interrupted);
    // A rename asked for after the signal does not happen: the earlier output stays, both or neither.
    CHECK_THROWS_AS(interrupt::commit({{ta, a.string()}, {tb, b.string()}}), Interrupted);
    CHECK(slurp(a) == "earlier a");
    CHECK_FALSE(fs::exists(b));
    CHECK_THROWS_WITH_AS(interrupt::checkpoint(), "interrupted by SIGTERM", Interrupted);

    // A report's temporary file made before the signal is spared by the clean-up.
    interrupt::resetForTests();
    const std::string early = interrupt::createTemp((dir.path / "early.json").string(), true);
    interrupt::request(SIGINT);
    CHECK(fs::exists(early));
    interrupt::discard(early);
    CHECK_FALSE(fs::exists(early));

    // The report of an interrupted run may still be written.
    const std::string tr = interrupt::createTemp((dir.path / "report.json").string(), true);
    put(tr, "{}");
    interrupt::commit({{tr, (dir.path / "report.json").string()}}, true);
    CHECK(slurp(dir.path / "report.json") == "{}");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);  // a.png, report.json

    interrupt::resetForTests();
    CHECK(interrupt::signal() == 0);
    CHECK_NOTHROW(interrupt::checkpoint());
}
