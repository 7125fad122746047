// Tests of the Knuth-Plass breaker (breakOptimal, and breakLines with BreakerKind::Optimal) on fake
// measured paragraphs (no font). Every character is 1pt wide; a space is 1pt of collapsible white
// space that may stretch by `stretch` and shrink by `shrink`; a line may start after a space.
// Expectation tables in the style of minikin's LineBreakerTestHelper: measure -> expected lines,
// where a hyphenated line is written with the hyphen it gets ("hy-").
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
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

struct FakeOptions {
    double stretch = 0.5;      // per word space (TeX-like: half a space)
    double shrink = 1.0 / 3;   // per word space (a third of a space)
    double hyphen = 1;         // width of the hyphen a break at '~' adds
    // CJK-like: every character is kCjk and a break opportunity, except before ',' and '.'
    // (prohibited line starts); every gap between characters stretches by `cjkStretch`. Capital
    // letters are a Latin word inside such text: not kCjk, no break between two of them, and no
    // stretch between two of them.
    bool cjk = false;
    double cjkStretch = 0.12;
};

// ASCII spec, one byte per character:
//   ' '  white space (1pt, stretch/shrink), a break opportunity after it
//   '\n' a hard line break (no width): a line must start after it
//   '~'  not a character: a hyphenation point before the next character (kHyphenBefore)
//   '|'  not a character: an extra break opportunity before the next character
MeasuredParagraph fake(const std::string& spec, const FakeOptions& o = {}) {
    MeasuredParagraph p;
    std::string text;
    std::vector<bool> hyphenMark, breakMark;
    bool hy = false, br = false;
    for (char c : spec) {
        if (c == '~') {
            hy = true;
            continue;
        }
        if (c == '|') {
            br = true;
            continue;
        }
        text += c;
        hyphenMark.push_back(hy);
        breakMark.push_back(br);
        hy = br = false;
    }
    const int n = static_cast<int>(text.size());
    p.stretch.assign(n, 0);
    p.shrink.assign(n, 0);
    p.hyphenWidth.assign(n, 0);
    for (int i = 0; i < n; ++i) {
        const char c = text[i];
        uint8_t f = 0;
        if (c == ' ') f |= kWhite;
        if (c == '\n') f |= kWhite | kNewline;
        if (i > 0 && text[i - 1] == ' ' && c != ' ' && c != '\n') f |= kBreakBefore;
        if (i > 0 && text[i - 1] == '\n') f |= kBreakBefore | kMandatoryBefore;
        if (breakMark[i] && i > 0) f |= kBreakBefore;
        if (hyphenMark[i] && i > 0) {
            f |= kHyphenBefore;
            p.hyphenWidth[i] = o.hyphen;
        }
        const auto latin = [&](int k) { return k >= 0 && k < n && text[k] >= 'A' && text[k] <= 'Z'; };
        if (o.cjk && c != ' ' && c != '\n') {
            if (!latin(i)) f |= kCjk;
            if (i > 0 && c != ',' && c != '.' && !(latin(i) && latin(i - 1))) f |= kBreakBefore;
        }
        p.flags.push_back(f);
        p.advance.push_back(c == '\n' ? 0.0 : 1.0);
        p.glueAfter.push_back(0.0);
        p.byteOffset.push_back(i);
        p.spanOf.push_back(0);
        if (c == ' ') {
            p.stretch[i] = o.stretch;
            p.shrink[i] = o.shrink;
        } else if (o.cjk && c != '\n' && i + 1 < n && !(latin(i) && latin(i + 1))) {
            p.stretch[i] = o.cjkStretch;
        }
    }
    p.byteOffset.push_back(n);
    Span span;
    span.text = text;
    p.spans.push_back(span);
    p.text = std::make_shared<const std::string>(text);
    p.lang = *Lang::parse(o.cjk ? "zh-Hans" : "en");
    return p;
}


BreakOptions optimal() { return BreakOptions{BreakerKind::Optimal, true}; }

Lines breakAt(const MeasuredParagraph& p, double width) {
    return lineTexts(p, breakLines(p, LineWidths{{width}}, optimal()));
}

void checkTiling(const MeasuredParagraph& p, const std::vector<LineBreak>& lines) {
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front().start == 0);
    for (size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].start == lines[i - 1].end);
    CHECK(lines.back().end == p.charCount());
    for (const auto& lb : lines) CHECK(lb.end > lb.start);
}

// The adjustment ratio a justified line needs: + share of its stretch, - share of its shrink.
double neededRatio(const MeasuredParagraph& p, const LineBreak& lb) {
    const double w = lineWidth(p, lb.start, lb.end);
    if (std::abs(w - lb.available) < 1e-9) return 0;
    if (w > lb.available) {
        const double z = lineShrink(p, lb.start, lb.end);
        return z > 0 ? (lb.available - w) / z : -INFINITY;
    }
    const double y = lineStretch(p, lb.start, lb.end);
    return y > 0 ? (lb.available - w) / y : INFINITY;
}

// Largest |ratio| over the lines a justified paragraph stretches or shrinks (not the last line).
double worstRatio(const MeasuredParagraph& p, const std::vector<LineBreak>& lines) {
    double worst = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i)
        if (!lines[i].hard) worst = std::max(worst, std::abs(neededRatio(p, lines[i])));
    return worst;
}

bool isPunct(char c) { return c == ',' || c == '.'; }

}  // namespace

TEST_CASE("optimal: expectation table for 'aaa bbb ccc'") {
    const auto p = fake("aaa bbb ccc");
    struct Row {
        double width;
        Lines lines;
    };
    const Row table[] = {
        {100, {"aaa bbb ccc"}},
        {11, {"aaa bbb ccc"}},
        {10.4, {"aaa bbb ccc"}},        // 11pt shrinks by 0.6 of its 2/3pt: fits on one line (greedy: two)
        {10.3, {"aaa bbb ", "ccc"}},    // would need ratio -1.05: too tight
        {7, {"aaa bbb ", "ccc"}},
        {6, {"aaa ", "bbb ", "ccc"}},   // one word a line (none of them can stretch)
        {3, {"aaa ", "bbb ", "ccc"}},
        {2, {"aaa ", "bbb ", "ccc"}},   // every word overfull
    };
    for (const auto& row : table) {
        CAPTURE(row.width);
        CHECK(breakAt(p, row.width) == row.lines);
        checkTiling(p, breakLines(p, LineWidths{{row.width}}, optimal()));
    }
    // The shrunk single line reports its (negative) ratio and is not overfull.
    auto one = breakOptimal(p, LineWidths{{10.4}}, optimal());
    REQUIRE(one.size() == 1);
    CHECK(one[0].ratio == doctest::Approx(-0.9));
    CHECK_FALSE(one[0].overfull);
    CHECK(one[0].width == doctest::Approx(11));
}

// The classic case for total fit: first fit fills the early lines and leaves a very loose line
// later; total fit takes a word down early (shrinking a line a little) and every line is good.
TEST_CASE("optimal: total fit beats first fit") {
    struct Case {
        const char* text;
        double width;
        Lines greedy;
        Lines optimal;
    };
    const Case cases[] = {
        {"aaaaa bbbb c d eee f g hhhhh iiii jjj", 10,
         {"aaaaa bbbb ", "c d eee f ", "g hhhhh ", "iiii jjj"},
         {"aaaaa bbbb ", "c d eee f g ", "hhhhh iiii ", "jjj"}},
        {"a bbb cc ddd e ff ggggg hhhh iiii jjjjj", 13,
         {"a bbb cc ddd ", "e ff ggggg ", "hhhh iiii ", "jjjjj"},
         {"a bbb cc ddd e ", "ff ggggg hhhh ", "iiii jjjjj"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CAPTURE(c.width);
        const auto p = fake(c.text);
        auto g = breakGreedy(p, LineWidths{{c.width}});
        auto o = breakOptimal(p, LineWidths{{c.width}}, optimal());
        CHECK(lineTexts(p, g) == c.greedy);
        REQUIRE_FALSE(o.empty());
        CHECK(lineTexts(p, o) == c.optimal);
        checkTiling(p, o);
        // Greedy leaves a line stretched to several times its stretch; total fit stays within
        // the normal range (|ratio| <= 1) on every line.
        const double gw = worstRatio(p, g), ow = worstRatio(p, o);
        CAPTURE(gw);
        CAPTURE(ow);
        CHECK(gw > 2);
        CHECK(ow <= 1 + 1e-9);
        CHECK(ow < gw);
        // The ratio each line reports is the one it needs.
        for (size_t i = 0; i + 1 < o.size(); ++i) {
            CAPTURE(i);
            CHECK(o[i].ratio == doctest::Approx(neededRatio(p, o[i])));
            CHECK(o[i].width == doctest::Approx(lineWidth(p, o[i].start, o[i].end)));
            CHECK(o[i].available == doctest::Approx(c.width));
        }
        // breakLines with the optimal kind gives the same breaks.
        CHECK(lineTexts(p, breakLines(p, LineWidths{{c.width}}, optimal())) == c.optimal);
    }
}

TEST_CASE("optimal: no line is tighter than its shrink allows (never overfull when feasible)") {
    const auto p = fake(
        "the river rose with the monsoon and spread across the floodplains of the delta then fell back "
        "leaving silt and fish in the paddies for another year of rice and the markets of the towns along "
        "its banks grew with the trade in grain and timber");
    int longest = 0, run = 0;
    for (char c : *p.text) longest = std::max(longest, run = c == ' ' ? 0 : run + 1);
    int feasible = 0, widths = 0;
    for (double w = longest; w <= 60; w += 0.25) {
        CAPTURE(w);
        ++widths;
        auto o = breakOptimal(p, LineWidths{{w}}, optimal());
        if (!o.empty()) {
            ++feasible;
            checkTiling(p, o);
            for (const auto& lb : o) {
                CAPTURE(lb.start);
                CHECK(lb.ratio >= -1 - 1e-9);
                CHECK_FALSE(lb.overfull);
                CHECK(lb.width <= lb.available + lineShrink(p, lb.start, lb.end) + 1e-9);
            }
        }
        // Every word fits the measure, so whatever breakLines chooses has no overfull line.
        auto any = breakLines(p, LineWidths{{w}}, optimal());
        checkTiling(p, any);
        for (const auto& lb : any) CHECK_FALSE(lb.overfull);
    }
    MESSAGE("optimal feasible at " << feasible << " of " << widths << " widths");
    CHECK(feasible > widths * 3 / 4);
}

TEST_CASE("optimal: an unbreakable word wider than the measure falls back to greedy, overfull") {
    const auto p = fake("aaaaaaaaaa bb cc");
    CHECK(breakOptimal(p, LineWidths{{5}}, optimal()).empty());
    auto lines = breakLines(p, LineWidths{{5}}, optimal());
    CHECK(lineTexts(p, lines) == Lines{"aaaaaaaaaa ", "bb cc"});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].overfull);
    CHECK(lines[0].width == doctest::Approx(10));
    CHECK_FALSE(lines[1].overfull);
    checkTiling(p, lines);

    const auto single = fake("abcdefgh");
    auto s = breakLines(single, LineWidths{{3}}, optimal());
    REQUIRE(s.size() == 1);
    CHECK(s[0].overfull);
    CHECK(s[0].end == 8);
}

// TeX keeps optimising a paragraph in which one line has to be underfull (a long word alone on a
// line, with no stretch to fill it): that line is bad, the others are still chosen by total fit.
TEST_CASE("optimal: one line that must be underfull does not send the whole paragraph to greedy") {
    // The classic paragraph of "total fit beats first fit", then "xxxxxxxx" (8pt), which cannot
    // share a 10pt line with anything (11pt at least, with 1/3pt of shrink): it stands alone, 2pt
    // short, with no stretch. Greedy: "c d eee f " (ratio 0.67), "g hhhhh " (6), "iiii " (alone).
    const auto p = fake("aaaaa bbbb c d eee f g hhhhh iiii xxxxxxxx mm nn");
    auto o = breakOptimal(p, LineWidths{{10}}, optimal());
    REQUIRE_FALSE(o.empty());
    checkTiling(p, o);
    CHECK(lineTexts(p, o) == Lines{"aaaaa bbbb ", "c d eee f g ", "hhhhh iiii ", "xxxxxxxx ", "mm nn"});
    for (size_t i = 0; i + 1 < o.size(); ++i) {
        const std::string t = p.text->substr(o[i].start, o[i].end - o[i].start);
        CAPTURE(t);
        if (t != "xxxxxxxx ") CHECK(std::abs(neededRatio(p, o[i])) <= 1 + 1e-9);
    }
    CHECK(lineTexts(p, breakLines(p, LineWidths{{10}}, optimal())) == lineTexts(p, o));
}

TEST_CASE("optimal: at most two hyphenated lines in a row") {
    // Nine-letter words with a hyphenation point at every inner position (2 before, 3 after): at
    // most widths a hyphen makes a better line than a word space alone.
    std::string spec;
    const char* words[] = {"abcdefghi", "jklmnopqr", "stuvwxyza", "bcdefghij", "klmnopqrs", "tuvwxyzab"};
    for (int k = 0; k < 24; ++k) {
        const std::string w = words[k % 6];
        spec += (k ? " " : "") + w.substr(0, 2);
        for (size_t i = 2; i + 3 <= w.size(); ++i) spec += std::string("~") + w[i];
        spec += w.substr(w.size() - 2);
    }
    const auto p = fake(spec);
    REQUIRE(p.charCount() == 24 * 10 - 1);
    int hyphenatedLines = 0, widthsWithTwoInARow = 0, widths = 0;
    for (double w = 8; w <= 40; w += 0.25) {
        CAPTURE(w);
        ++widths;
        auto lines = breakLines(p, LineWidths{{w}}, optimal());
        checkTiling(p, lines);
        int inARow = 0, most = 0;
        for (size_t i = 0; i < lines.size(); ++i) {
            const auto& lb = lines[i];
            CAPTURE(i);
            if (lb.hyphenated) {
                ++hyphenatedLines;
                // A hyphenated line ends at a hyphenation point and its width includes the hyphen.
                REQUIRE(lb.end < p.charCount());
                CHECK((p.flags[lb.end] & kHyphenBefore) != 0);
                CHECK(lb.width == doctest::Approx(lineWidth(p, lb.start, lb.end)));
                CHECK(p.text->at(lb.end - 1) != ' ');
            }
            inARow = lb.hyphenated ? inARow + 1 : 0;
            most = std::max(most, inARow);
        }
        CHECK(most <= 2);
        if (most == 2) ++widthsWithTwoInARow;
        CHECK_FALSE(lines.back().hyphenated);
    }
    MESSAGE(hyphenatedLines << " hyphenated lines over " << widths << " widths; two in a row at "
                            << widthsWithTwoInARow);
    CHECK(hyphenatedLines > widths);      // hyphenation is tempting in this text
    CHECK(widthsWithTwoInARow > 0);       // and the rule is what stops a third
}

TEST_CASE("optimal: a hyphenation point, expectation table") {
    // "ex~am~ple" (7 letters) with hyphen points after "ex" and "exam".
    const auto p = fake("aaaa bbbb ex~am~ple cc dd");
    struct Row {
        double width;
        Lines lines;
    };
    const Row table[] = {
        {100, {"aaaa bbbb example cc dd"}},
        {15, {"aaaa bbbb exam-", "ple cc dd"}},  // 15 = "aaaa bbbb exam-" exactly
        {14, {"aaaa bbbb ex-", "ample cc dd"}},  // "exam-" would need ratio -1.5; "ex-" ratio 1
        {13, {"aaaa bbbb ex-", "ample cc dd"}},  // 13 = "aaaa bbbb ex-" exactly
        {12, {"aaaa bbbb ", "example cc ", "dd"}},  // "ex-" would need ratio -1.5
    };
    for (const auto& row : table) {
        CAPTURE(row.width);
        CHECK(breakAt(p, row.width) == row.lines);
    }
    auto lines = breakOptimal(p, LineWidths{{13}}, optimal());
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].hyphenated);
    CHECK(lines[0].width == doctest::Approx(13));  // 12 letters and spaces + the 1pt hyphen
    CHECK(lines[0].ratio == doctest::Approx(0));
}

TEST_CASE("optimal: the last line is never stretched and never ends in a hyphen") {
    const auto p = fake(
        "a~b~c~d~e~f~g~h ij~kl~mn~op qrs~tuv~wxyz ab~cd~ef~gh ijk~lmn~opq rs~tu~vw~xy zab~cde~fgh "
        "ijkl~mnop qr~st~uv~wx~yz");
    for (double w = 6; w <= 60; w += 0.5) {
        CAPTURE(w);
        auto lines = breakLines(p, LineWidths{{w}}, optimal());
        checkTiling(p, lines);
        const auto& last = lines.back();
        CHECK_FALSE(last.hyphenated);
        CHECK(last.hard);
        CHECK(last.ratio <= 1e-9);  // shrinking is allowed, stretching is not
        if (last.width <= last.available) CHECK(last.ratio == 0);
        // And every other line of a total fit is not hard.
        for (size_t i = 0; i + 1 < lines.size(); ++i) CHECK_FALSE(lines[i].hard);
    }
}

TEST_CASE("optimal: mandatory breaks are honoured") {
    const auto p = fake("aaa bbb\nccc ddd eee fff");
    CHECK(breakAt(p, 100) == Lines{"aaa bbb\n", "ccc ddd eee fff"});
    CHECK(breakAt(p, 8) == Lines{"aaa bbb\n", "ccc ddd ", "eee fff"});
    auto lines = breakOptimal(p, LineWidths{{100}}, optimal());
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].hard);
    CHECK(lines[0].ratio == 0);  // a line before a hard break is set at its natural width
    CHECK(lines[0].width == doctest::Approx(7));
    CHECK(lines[1].hard);

    SUBCASE("kMandatoryBefore alone") {
        auto q = fake("aaa\nbbb");
        q.flags[4] = kMandatoryBefore;
        CHECK(breakAt(q, 100) == Lines{"aaa\n", "bbb"});
    }
    SUBCASE("an empty line between two hard breaks") {
        const auto q = fake("a\n\nb");
        auto l = breakLines(q, LineWidths{{100}}, optimal());
        CHECK(lineTexts(q, l) == Lines{"a\n", "\n", "b"});
        checkTiling(q, l);
    }
    SUBCASE("every mandatory break at every width") {
        const auto q = fake("aa bb cc\ndd ee ff gg hh\nii jj\nkk ll mm nn oo pp");
        for (double w = 5; w <= 30; w += 0.5) {
            CAPTURE(w);
            auto l = breakLines(q, LineWidths{{w}}, optimal());
            checkTiling(q, l);
            std::vector<int> ends;
            for (const auto& lb : l) ends.push_back(lb.end);
            for (int i = 1; i < q.charCount(); ++i)
                if (q.flags[i] & kMandatoryBefore) {
                    CAPTURE(i);
                    CHECK(std::find(ends.begin(), ends.end(), i) != ends.end());
                }
            for (const auto& lb : l) {
                const bool endsHard = lb.end == q.charCount() || (q.flags[lb.end] & kMandatoryBefore);
                CHECK(lb.hard == endsHard);
            }
        }
    }
}

TEST_CASE("optimal: varying line widths") {
    const auto p = fake("aaa bbb ccc ddd eee fff ggg hhh");
    auto lines = breakLines(p, LineWidths{{10, 20}}, optimal());
    checkTiling(p, lines);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].available == 10);
    for (size_t i = 1; i < lines.size(); ++i) CHECK(lines[i].available == 20);
    for (const auto& lb : lines) CHECK(lb.width <= lb.available + lineShrink(p, lb.start, lb.end) + 1e-9);
    // "ccc ddd eee fff ggg" is 19pt in 20 (ratio 0.5); a last line of one word is fine.
    CHECK(lineTexts(p, lines) == Lines{"aaa bbb ", "ccc ddd eee fff ggg ", "hhh"});

    // Three distinct widths, then the last repeats.
    auto three = breakLines(p, LineWidths{{7, 11, 15}}, optimal());
    checkTiling(p, three);
    REQUIRE(three.size() >= 3);
    const double expected[] = {7, 11, 15};
    for (size_t i = 0; i < three.size(); ++i) {
        CAPTURE(i);
        CHECK(three[i].available == expected[std::min<size_t>(i, 2)]);
        CHECK_FALSE(three[i].overfull);
    }
    CHECK(lineTexts(p, three) == Lines{"aaa bbb ", "ccc ddd eee ", "fff ggg hhh"});  // 7/7, 11/11: exact

    // A wider first line (a hanging start) gets more text than the others.
    auto wide = breakLines(p, LineWidths{{19, 11}}, optimal());
    checkTiling(p, wide);
    CHECK(lineTexts(p, wide) == Lines{"aaa bbb ccc ddd eee ", "fff ggg hhh"});
}

TEST_CASE("optimal: a paragraph's last line never holds a single character (CJK-like)") {
    FakeOptions cjk;
    cjk.cjk = true;
    // 37 characters, some of them punctuation that may not start a line.
    const std::string texts[] = {
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "xxxxx,xxxxxxxxxx.xxxxxxx,xxxxxxxxxxxx.",
        "xxxxxxx,xxxxxx,xxxxxxxxxxxxxxxxxxx.",
    };
    int checked = 0, loneWithoutRule = 0;
    for (const auto& t : texts) {
        const auto p = fake(t, cjk);
        CAPTURE(t);
        for (int w = 3; w <= 40; ++w) {
            CAPTURE(w);
            auto lines = breakLines(p, LineWidths{{double(w)}}, optimal());
            checkTiling(p, lines);
            const auto& last = lines.back();
            int countable = 0;
            for (int i = last.start; i < last.end; ++i) countable += isPunct(t[i]) ? 0 : 1;
            CHECK(countable != 1);
            ++checked;
            for (const auto& lb : lines) {
                CHECK_FALSE(lb.overfull);
                if (lb.start > 0) CHECK_FALSE(isPunct(t[lb.start]));  // breaks only where allowed
            }
            BreakOptions off = optimal();
            off.avoidLoneLastCharacter = false;
            auto plain = breakLines(p, LineWidths{{double(w)}}, off);
            int c2 = 0;
            for (int i = plain.back().start; i < plain.back().end; ++i) c2 += isPunct(t[i]) ? 0 : 1;
            if (c2 == 1) ++loneWithoutRule;
        }
    }
    MESSAGE(checked << " paragraph breaks checked; " << loneWithoutRule << " had a lone last character without the rule");
    CHECK(loneWithoutRule > 0);  // the rule is what prevents it
}

// When total fit is impossible (a Latin word wider than the measure: a long URL in a narrow
// Chinese column), breakLines falls back to greedy, and greedy knows nothing of the lone-last-
// character rule: 5 + 12 + 11 characters at 10pt leave "x" alone on the last line.
TEST_CASE("breakLines: the greedy fallback also keeps two characters on the last line") {
    FakeOptions cjk;
    cjk.cjk = true;
    const std::string t = "xxxxxABCDEFGHIJKLxxxxxxxxxxx";
    const auto p = fake(t, cjk);
    REQUIRE(breakOptimal(p, LineWidths{{10}}, optimal()).empty());  // the premise: no total fit
    auto lines = breakLines(p, LineWidths{{10}}, optimal());
    checkTiling(p, lines);
    CAPTURE(lineTexts(p, lines));
    CHECK(lines.back().end - lines.back().start >= 2);
}

TEST_CASE("optimal: lines tile the paragraph at 50 widths") {
    const auto p = fake(
        "the quick brown fox jumps over the lazy dog and then some more words\n"
        "hy~phen~a~tion is|a|fine|thing for jus~ti~fied text in nar~row col~umns of a news~pa~per\n"
        "and a last line");
    int lines = 0;
    for (int k = 0; k < 50; ++k) {
        const double w = 2 + k * 1.37;
        CAPTURE(w);
        auto ls = breakLines(p, LineWidths{{w}}, optimal());
        checkTiling(p, ls);
        lines += static_cast<int>(ls.size());
        for (const auto& lb : ls) {
            CHECK(lb.width == doctest::Approx(lineWidth(p, lb.start, lb.end)));
            CHECK(lb.available == doctest::Approx(w));
            CHECK(lb.overfull == (lb.width > w + lineShrink(p, lb.start, lb.end) + 1e-6));
            if (lb.hyphenated) CHECK((p.flags[lb.end] & kHyphenBefore) != 0);
        }
    }
    MESSAGE(lines << " lines checked over 50 widths");
}
