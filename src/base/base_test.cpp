#include <doctest/doctest.h>

#include "base/diagnostics.h"
#include "base/lang.h"
#include "base/units.h"
#include "base/utf8.h"

using namespace inkstone;

TEST_CASE("lengths parse with units") {
    CHECK(parseLength("10pt")->value == doctest::Approx(10));
    CHECK(parseLength("25.4mm")->value == doctest::Approx(72));
    CHECK(parseLength("1in")->value == doctest::Approx(72));
    CHECK(parseLength("2cm")->value == doctest::Approx(56.6929).epsilon(0.001));
    auto em = parseLength("2em");
    REQUIRE(em);
    CHECK(em->em);
    CHECK(em->resolve(10.5) == doctest::Approx(21));
    CHECK(parseLength("0")->value == 0);
    CHECK_FALSE(parseLength("12"));
    CHECK_FALSE(parseLength("12px"));
    CHECK_FALSE(parseLength("abc"));
}

TEST_CASE("invalid UTF-8 is found with its position") {
    CHECK_FALSE(findInvalidUtf8("中文 text"));
    std::string bad = "ab\ncd\xff";
    auto at = findInvalidUtf8(bad);
    REQUIRE(at);
    CHECK(*at == 5);
    auto pos = positionOfOffset(bad, *at);
    CHECK(pos.line == 2);
    CHECK(pos.col == 3);
    CHECK(findInvalidUtf8(std::string("a\0b", 3)));
}

TEST_CASE("decoding and classes") {
    std::string s = "a中。“";
    size_t i = 0;
    CHECK(decodeUtf8(s, i) == U'a');
    CHECK(decodeUtf8(s, i) == U'中');
    CHECK(decodeUtf8(s, i) == U'。');
    CHECK(decodeUtf8(s, i) == U'“');
    CHECK(i == s.size());
    CHECK(isHan(U'中'));
    CHECK(isCjk(U'。'));
    CHECK_FALSE(isCjk(U'a'));
    CHECK(isAmbiguousPunctuation(U'“'));
    CHECK(codePointName(0x4E2D) == "U+4E2D");
}

TEST_CASE("diagnostics format as file:line:col") {
    Diagnostic d{Severity::Error, "a.md", {3, 7}, "bad date", {}};
    CHECK(formatDiagnostic(d) == "a.md:3:7: error: bad date");
    d.severity = Severity::Warning;
    d.pos = {};
    CHECK(formatDiagnostic(d) == "a.md: warning: bad date");
    CHECK_THROWS_AS(failAt("x", {1, 1}, "m"), UserError);
}

TEST_CASE("languages are parsed once from their tags and asked by property") {
    using inkstone::Lang;
    CHECK(Lang::parse("en-GB")->tag() == "en");
    CHECK_FALSE(Lang::parse("en")->chinese());
    CHECK(Lang::parse("zh_CN")->tag() == "zh-Hans");
    CHECK(Lang::parse("ZH")->script() == Lang::Script::Hans);
    CHECK(Lang::parse("zh-TW")->tag() == "zh-Hant");
    CHECK(Lang::parse("zh-Hant")->traditional());
    CHECK(Lang::parse("zh-MO")->tag() == "zh-Hant-HK");
    CHECK(Lang::parse("zh-hant-hk")->region() == Lang::Region::HK);
    CHECK(*Lang::parse("zh-HK") == Lang(Lang::Script::Hant, Lang::Region::HK));
    CHECK(*Lang::parse("zh-HK") != Lang(Lang::Script::Hant));
    CHECK_FALSE(Lang::parse("eng"));
    CHECK_FALSE(Lang::parse("fr"));
    CHECK_FALSE(Lang::parse(""));
    CHECK(Lang().tag() == "en");
}
