// Tests of the greedy line breaker on fake measured paragraphs (no font): every character is 1pt
// wide, a space is collapsible white space, a line may start after a space, '\n' forces a break.
// Expectation tables in the style of minikin's LineBreakerTestHelper: measure -> expected lines.
#include <doctest/doctest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "text/linebreak.h"
#include "text/paragraph.h"
#include "text/test_support.h"

using namespace inkstone;
using namespace inkstone::text;
using namespace inkstone::text::testing;

namespace {

// ASCII only (one byte per character). ' ' = white space with a break opportunity after it;
// '\n' = a hard break (no width); '|' is not a character: it marks an extra break opportunity
// before the next character (like a hyphenation point or a CJK boundary).
MeasuredParagraph fake(const std::string& spec) {
    MeasuredParagraph p;
    std::string text;
    std::vector<bool> extraBreak;
    bool mark = false;
    for (char c : spec) {
        if (c == '|') {
            mark = true;
            continue;
        }
        text += c;
        extraBreak.push_back(mark);
        mark = false;
    }
    const int n = static_cast<int>(text.size());
    for (int i = 0; i < n; ++i) {
        const char c = text[i];
        uint8_t f = 0;
        if (c == ' ') f |= kWhite;
        if (c == '\n') f |= kWhite | kNewline;
        if (i > 0 && text[i - 1] == ' ' && c != ' ') f |= kBreakBefore;
        if (i > 0 && text[i - 1] == '\n') f |= kBreakBefore | kMandatoryBefore;
        if (extraBreak[i] && i > 0) f |= kBreakBefore;
        p.flags.push_back(f);
        p.advance.push_back(c == '\n' ? 0.0 : 1.0);
        p.glueAfter.push_back(0.0);
        p.byteOffset.push_back(i);
        p.spanOf.push_back(0);
    }
    p.byteOffset.push_back(n);
    Span span;
    span.text = text;
    p.spans.push_back(span);
    p.text = std::make_shared<const std::string>(text);
    p.lang = *Lang::parse("en");
    return p;
}


Lines breakAt(const MeasuredParagraph& p, double width) {
    return lineTexts(p, breakGreedy(p, LineWidths{{width}}));
}

// Lines must tile the paragraph: first starts at 0, each starts where the last ended, last ends at n.
void checkTiling(const MeasuredParagraph& p, const std::vector<LineBreak>& lines) {
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front().start == 0);
    for (size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].start == lines[i - 1].end);
    CHECK(lines.back().end == p.charCount());
    for (const auto& lb : lines) CHECK(lb.end > lb.start);
}


}  // namespace

TEST_CASE("greedy: expectation table for 'aaa bbb ccc'") {
    const auto p = fake("aaa bbb ccc");
    REQUIRE(p.charCount() == 11);
    struct Row {
        double width;
        Lines lines;
    };
    const Row table[] = {
        {100, {"aaa bbb ccc"}},
        {11, {"aaa bbb ccc"}},
        {10.99, {"aaa bbb ", "ccc"}},
        {10, {"aaa bbb ", "ccc"}},
        {7, {"aaa bbb ", "ccc"}},  // exact fit: the trailing space does not count
        {6.99, {"aaa ", "bbb ", "ccc"}},
        {6, {"aaa ", "bbb ", "ccc"}},
        {3, {"aaa ", "bbb ", "ccc"}},
        {2, {"aaa ", "bbb ", "ccc"}},  // every word overfull
        {1, {"aaa ", "bbb ", "ccc"}},
    };
    for (const auto& row : table) {
        CAPTURE(row.width);
        CHECK(breakAt(p, row.width) == row.lines);
        checkTiling(p, breakGreedy(p, LineWidths{{row.width}}));
    }
}

TEST_CASE("greedy: expectation table with unequal words") {
    const auto p = fake("a bb ccc dddd e");
    struct Row {
        double width;
        Lines lines;
    };
    const Row table[] = {
        {15, {"a bb ccc dddd e"}},
        {14, {"a bb ccc dddd ", "e"}},
        {13, {"a bb ccc dddd ", "e"}},
        {12, {"a bb ccc ", "dddd e"}},
        {8, {"a bb ccc ", "dddd e"}},
        {6, {"a bb ", "ccc ", "dddd e"}},
        {5, {"a bb ", "ccc ", "dddd ", "e"}},
        {4, {"a bb ", "ccc ", "dddd ", "e"}},
        {3, {"a ", "bb ", "ccc ", "dddd ", "e"}},
    };
    for (const auto& row : table) {
        CAPTURE(row.width);
        CHECK(breakAt(p, row.width) == row.lines);
    }
}

TEST_CASE("greedy: line fields (width without trailing space, available, hard)") {
    const auto p = fake("aaa bbb ccc");
    auto lines = breakGreedy(p, LineWidths{{7}});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].start == 0);
    CHECK(lines[0].end == 8);  // the space after "bbb" is part of the first line
    CHECK(lines[0].width == doctest::Approx(7));
    CHECK(lines[0].available == doctest::Approx(7));
    CHECK_FALSE(lines[0].hard);
    CHECK_FALSE(lines[0].overfull);
    CHECK(lines[1].start == 8);
    CHECK(lines[1].end == 11);
    CHECK(lines[1].width == doctest::Approx(3));
    CHECK(lines[1].hard);  // the paragraph end
    CHECK_FALSE(lines[1].overfull);
}

TEST_CASE("greedy: trailing spaces never count toward the width") {
    const auto p = fake("aaa    bbb   ");
    auto lines = breakGreedy(p, LineWidths{{3}});
    REQUIRE(lines.size() == 2);
    CHECK(lineTexts(p, lines) == Lines{"aaa    ", "bbb   "});
    CHECK(lines[0].width == doctest::Approx(3));
    CHECK_FALSE(lines[0].overfull);
    CHECK(lines[1].width == doctest::Approx(3));
    CHECK_FALSE(lines[1].overfull);
    // One line when everything fits: still no trailing space in the width.
    auto one = breakGreedy(p, LineWidths{{10}});
    REQUIRE(one.size() == 1);
    CHECK(one[0].width == doctest::Approx(10));
}

TEST_CASE("greedy: mandatory breaks") {
    const auto p = fake("aaa\nbbb ccc");
    SUBCASE("wide measure") {
        auto lines = breakGreedy(p, LineWidths{{100}});
        CHECK(lineTexts(p, lines) == Lines{"aaa\n", "bbb ccc"});
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].hard);
        CHECK(lines[0].width == doctest::Approx(3));  // the newline takes no room
        CHECK(lines[1].hard);
    }
    SUBCASE("narrow measure: soft breaks after the hard one") {
        auto lines = breakGreedy(p, LineWidths{{4}});
        CHECK(lineTexts(p, lines) == Lines{"aaa\n", "bbb ", "ccc"});
        REQUIRE(lines.size() == 3);
        CHECK(lines[0].hard);
        CHECK_FALSE(lines[1].hard);
    }
    SUBCASE("a hard break after text that does not fit") {
        const auto q = fake("aaaa bbbb\ncc");
        auto lines = breakGreedy(q, LineWidths{{6}});
        CHECK(lineTexts(q, lines) == Lines{"aaaa ", "bbbb\n", "cc"});
        REQUIRE(lines.size() == 3);
        CHECK_FALSE(lines[0].hard);
        CHECK(lines[1].hard);
    }
    SUBCASE("an empty line between two hard breaks") {
        const auto q = fake("a\n\nb");
        auto lines = breakGreedy(q, LineWidths{{100}});
        CHECK(lineTexts(q, lines) == Lines{"a\n", "\n", "b"});
        REQUIRE(lines.size() == 3);
        CHECK(lines[1].width == doctest::Approx(0));
        CHECK(lines[1].hard);
        checkTiling(q, lines);
    }
}

// kMandatoryBefore says "a line must start here"; a breaker should honour it even when the
// measurer did not also set kBreakBefore on the same character.
TEST_CASE("greedy: kMandatoryBefore alone forces a break") {
    auto p = fake("aaa\nbbb");
    p.flags[4] = kMandatoryBefore;  // drop kBreakBefore
    auto lines = breakGreedy(p, LineWidths{{100}});
    CHECK(lineTexts(p, lines) == Lines{"aaa\n", "bbb"});
}

TEST_CASE("greedy: an overfull word makes an overfull line and the rest continues") {
    const auto p = fake("aaaaaaa bb");
    auto lines = breakGreedy(p, LineWidths{{5}});
    REQUIRE(lines.size() == 2);
    CHECK(lineTexts(p, lines) == Lines{"aaaaaaa ", "bb"});
    CHECK(lines[0].overfull);
    CHECK(lines[0].width == doctest::Approx(7));
    CHECK_FALSE(lines[1].overfull);

    const auto mid = fake("aa bbbbbbb cc");
    auto m = breakGreedy(mid, LineWidths{{5}});
    CHECK(lineTexts(mid, m) == Lines{"aa ", "bbbbbbb ", "cc"});
    REQUIRE(m.size() == 3);
    CHECK_FALSE(m[0].overfull);
    CHECK(m[1].overfull);
    CHECK_FALSE(m[2].overfull);

    const auto single = fake("abcdefgh");
    auto s = breakGreedy(single, LineWidths{{3}});
    REQUIRE(s.size() == 1);
    CHECK(s[0].overfull);
    CHECK(s[0].end == 8);
}

TEST_CASE("greedy: LineWidths with a narrower first line") {
    const auto p = fake("aaa bbb ccc ddd eee");
    auto lines = breakGreedy(p, LineWidths{{5, 11}});
    CHECK(lineTexts(p, lines) == Lines{"aaa ", "bbb ccc ddd ", "eee"});
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].available == doctest::Approx(5));
    CHECK(lines[1].available == doctest::Approx(11));
    CHECK(lines[2].available == doctest::Approx(11));  // the last entry repeats

    // Per-line widths: 3, 7, then 3 for all later lines.
    auto three = breakGreedy(p, LineWidths{{3, 7, 3}});
    CHECK(lineTexts(p, three) == Lines{"aaa ", "bbb ccc ", "ddd ", "eee"});
    REQUIRE(three.size() == 4);
    CHECK(three[3].available == doctest::Approx(3));
}

TEST_CASE("LineWidths::at repeats the last entry") {
    LineWidths w{{5, 7}};
    CHECK(w.at(0) == 5);
    CHECK(w.at(1) == 7);
    CHECK(w.at(2) == 7);
    CHECK(w.at(100) == 7);
}

TEST_CASE("greedy: extra break opportunities inside words (CJK-like)") {
    const auto p = fake("a|b|c|d|e|f");
    CHECK(p.charCount() == 6);
    CHECK(breakAt(p, 2) == Lines{"ab", "cd", "ef"});
    CHECK(breakAt(p, 4) == Lines{"abcd", "ef"});
    CHECK(breakAt(p, 6) == Lines{"abcdef"});
}

TEST_CASE("lineWidth: glue between characters counts, glue after the last and trailing white do not") {
    auto p = fake("ab cd");
    p.glueAfter[0] = 0.5;   // between a and b
    p.glueAfter[1] = 0.25;  // between b and the space
    p.glueAfter[4] = 0.75;  // after the last character
    CHECK(lineWidth(p, 0, 1) == doctest::Approx(1));
    CHECK(lineWidth(p, 0, 2) == doctest::Approx(2.5));
    CHECK(lineWidth(p, 0, 3) == doctest::Approx(2.5));  // trailing space dropped, and the glue before it
    CHECK(lineWidth(p, 0, 5) == doctest::Approx(5.75));
    CHECK(lineWidth(p, 3, 5) == doctest::Approx(2));
    CHECK(lineWidth(p, 1, 4) == doctest::Approx(3.25));
    CHECK(lineWidth(p, 2, 3) == doctest::Approx(0));  // white space only
    CHECK(lineWidth(p, 2, 2) == doctest::Approx(0));

    auto q = fake("a  \n");
    CHECK(lineWidth(q, 0, 4) == doctest::Approx(1));  // spaces and the newline all trail
}

TEST_CASE("greedy: glue after a line's last character does not count (no Han-Latin space at line ends)") {
    auto p = fake("a|b|c|d|e|f");
    p.glueAfter[2] = 0.5;  // between c and d
    auto lines = breakGreedy(p, LineWidths{{3.2}});
    CHECK(lineTexts(p, lines) == Lines{"abc", "def"});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].width == doctest::Approx(3));
    CHECK_FALSE(lines[0].overfull);
    // Inside a line the glue counts: 6.5 does not fit in 6.4.
    CHECK(breakAt(p, 6.4) == Lines{"abcde", "f"});
    CHECK(breakAt(p, 6.5) == Lines{"abcdef"});
}

TEST_CASE("breakLines dispatches to the greedy breaker") {
    const auto p = fake("aaa bbb ccc ddd");
    for (double w : {3.0, 5.0, 7.0, 9.0, 15.0}) {
        CAPTURE(w);
        auto a = breakLines(p, LineWidths{{w}});
        auto b = breakGreedy(p, LineWidths{{w}});
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].start == b[i].start);
            CHECK(a[i].end == b[i].end);
        }
    }
}

TEST_CASE("greedy: lines tile the paragraph at every width") {
    const auto p = fake("the quick brown fox jumps over the lazy dog\nand then some more words");
    for (double w = 1; w <= 50; w += 0.5) {
        CAPTURE(w);
        auto lines = breakGreedy(p, LineWidths{{w}});
        checkTiling(p, lines);
        for (const auto& lb : lines) {
            CHECK(lb.width == doctest::Approx(lineWidth(p, lb.start, lb.end)));
            // A line is overfull exactly when it is wider than the measure, and then it holds one word.
            CHECK(lb.overfull == (lb.width > w + 1e-6));
            if (lb.overfull) CHECK(p.text->substr(lb.start, lb.end - lb.start).find(' ') >= static_cast<size_t>(lb.end - lb.start - 1));
        }
    }
}
