#include <doctest/doctest.h>

#include "import/extract.h"

using namespace inkstone;
using namespace inkstone::import;

TEST_CASE("import: bylines") {
    auto a = parseByline("• Adrian Kestrel");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "Adrian Kestrel");
    a = parseByline("作者：周岚清");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "周岚清");
    a = parseByline("文/邵一帆");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "邵一帆");
    a = parseByline("2014年12月03日 09:15  来源：南岭经济日报  作者：周岚清");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "周岚清");
}
