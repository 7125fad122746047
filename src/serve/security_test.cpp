#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "serve/security.h"

namespace fs = std::filesystem;
using namespace inkstone::serve;

TEST_CASE("serve: tokens are 64 hex digits, each new, compared whole") {
    const std::string a = newToken(), b = newToken();
    CHECK(a.size() == 64);
    CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(a != b);
    CHECK(sameToken(a, a));
    CHECK_FALSE(sameToken(b, a));
    CHECK_FALSE(sameToken(a.substr(0, 63), a));
    CHECK_FALSE(sameToken("", a));
}

TEST_CASE("serve: paths stay under the root, symbolic links included") {
    std::string t = (fs::temp_directory_path() / "inkstone-serve-test.XXXXXX").string();
    REQUIRE(mkdtemp(t.data()));
    const fs::path top = fs::canonical(t);
    fs::create_directories(top / "root/articles");
    fs::create_directories(top / "outside");
    std::ofstream(top / "outside/secret.md") << "x";
    fs::create_symlink(top / "outside", top / "root/link");
    const std::string root = (top / "root").string();
    std::string why;
    CHECK(underRoot(root, "articles/a.md", why) == (top / "root/articles/a.md").string());
    CHECK(underRoot(root, "new/folder/b.md", why) == (top / "root/new/folder/b.md").string());
    CHECK(underRoot(root, "articles/../c.md", why) == (top / "root/c.md").string());
    CHECK_FALSE(underRoot(root, "../outside/secret.md", why));
    CHECK(why == "a path that leaves the root");
    CHECK_FALSE(underRoot(root, "articles/../../x.md", why));
    CHECK_FALSE(underRoot(root, "/etc/passwd", why));
    CHECK(why == "an absolute path");
    CHECK_FALSE(underRoot(root, "link/secret.md", why));
    CHECK(why == "a path that leads out of the root");
    CHECK_FALSE(underRoot(root, "", why));
    CHECK_FALSE(underRoot(root + "/articles", "../../root2/x.md", why));
    fs::remove_all(top);
}
