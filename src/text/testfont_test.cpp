// The composer on InkTest (tests/fonts/): a font with round advances, so widths, breaks and
// justification can be checked exactly. At 10 pt: Latin letters 5 pt, space 2.5 pt, hyphen 2.5 pt,
// Han and CJK marks 10 pt (5 pt with `halt`).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "style/style.h"
#include "text/engine.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

using namespace inkstone;
using namespace inkstone::text;

namespace {

struct Fixture {
    TextEngine engine{std::string(INKSTONE_DATA_DIR) + "/tests/fonts/fonts.conf"};
    style::Style style = style::loadStyle(std::string(INKSTONE_DATA_DIR) + "/tests/fonts/test.yaml");
    DiagnosticSink sink{false};

    MeasuredParagraph measure(const std::string& text, const std::string& lang = "en", bool hyphenate = false) {
        ParagraphInput in;
        in.lang = *Lang::parse(lang);
        in.hanLatinSpace = 0.25;
        in.compressPunctuation = true;
        in.hyphenate = hyphenate;
        Span s;
        s.text = text;
        s.size = 10;
        in.spans.push_back(s);
        return measureParagraph(engine, style, in, "t", sink);
    }
};

std::vector<std::string> texts(const MeasuredParagraph& p, const std::vector<LineBreak>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) out.push_back(p.text->substr(p.byteOffset[l.start], p.byteOffset[l.end] - p.byteOffset[l.start]));
    return out;
}

}  // namespace

TEST_CASE("InkTest resolves and has the advances it was built with") {
    Fixture f;
    CHECK(f.engine.resolveFace("InkTest", "en").find("InkTest.ttf") != std::string::npos);
    auto p = f.measure("ab -");
    REQUIRE(p.charCount() == 4);
    CHECK(p.advance[0] == doctest::Approx(5));
    CHECK(p.advance[1] == doctest::Approx(5));
    CHECK(p.advance[2] == doctest::Approx(2.5));
    CHECK(p.advance[3] == doctest::Approx(2.5));
    CHECK(f.sink.empty());
}

TEST_CASE("a span with tabular figures asks the font for tnum (InkTest's are 6 pt, its default 5 pt)") {
    Fixture f;
    ParagraphInput in;
    in.lang = *Lang::parse("en");
    Span s;
    s.text = "1,234.50 ab";
    s.size = 10;
    in.spans.push_back(s);
    const MeasuredParagraph plain = measureParagraph(f.engine, f.style, in, "t", f.sink);
    in.spans[0].tabularFigures = true;
    const MeasuredParagraph tab = measureParagraph(f.engine, f.style, in, "t", f.sink);
    REQUIRE(tab.charCount() == 11);
    for (int i : {0, 2, 3, 4, 6, 7}) {
        CHECK(plain.advance[i] == doctest::Approx(5));
        CHECK(tab.advance[i] == doctest::Approx(6));
    }
    CHECK(tab.advance[1] == doctest::Approx(2.5));  // the comma, the point and letters keep theirs
    CHECK(tab.advance[5] == doctest::Approx(2.5));
    CHECK(tab.advance[9] == doctest::Approx(5));
    // A line drawn from it keeps the feature (its items are reshaped with their attributes).
    const auto line = buildLine(tab, LineBreak{0, 11, lineWidth(tab, 0, 11), 100, true, false}, LineAlign::Left, true);
    CHECK(line->width == doctest::Approx(6 * 6 + 2 * 2.5 + 2.5 + 2 * 5));
    CHECK(f.sink.empty());
}

TEST_CASE("expectation table: Knuth-Plass on words of known width") {
    Fixture f;
    // Words of 4 letters (20 pt), spaces 2.5 pt.
    auto p = f.measure("aaaa bbbb cccc dddd eeee ffff");
    struct Row {
        double width;
        std::vector<std::string> lines;
    };
    const Row table[] = {
        {200, {"aaaa bbbb cccc dddd eeee ffff"}},
        {70, {"aaaa bbbb cccc ", "dddd eeee ffff"}},
        {45, {"aaaa bbbb ", "cccc dddd ", "eeee ffff"}},
        {25, {"aaaa ", "bbbb ", "cccc ", "dddd ", "eeee ", "ffff"}},
    };
    for (const auto& row : table) {
        CAPTURE(row.width);
        auto lines = breakLines(p, LineWidths{{row.width}});
        CHECK(texts(p, lines) == row.lines);
        for (const auto& l : lines) CHECK(l.width <= row.width + 1e-6);
    }
}

TEST_CASE("justified lines end exactly at the measure; the last line is natural") {
    Fixture f;
    auto p = f.measure("aaaa bbbb cccc dddd eeee ffff");
    auto lines = breakLines(p, LineWidths{{46}});
    REQUIRE(lines.size() == 3);
    for (size_t k = 0; k < lines.size(); ++k) {
        auto line = buildLine(p, lines[k], LineAlign::Justify, k + 1 == lines.size());
        if (k + 1 < lines.size()) {
            CHECK(line->width == doctest::Approx(46).epsilon(1e-4));
            // One space of 2.5 pt takes all 3.5 pt of stretch: ratio 3.5 / (0.6 * 2.5).
            CHECK(line->ratio == doctest::Approx(3.5 / 1.5).epsilon(1e-3));
        } else {
            CHECK(line->width == doctest::Approx(42.5));
            CHECK(line->ratio == 0);
        }
    }
}

TEST_CASE("Han-Latin glue is a quarter em inside a line and never at its edges") {
    Fixture f;
    auto p = f.measure("中文a数据", "zh-Hans");
    REQUIRE(p.charCount() == 5);
    CHECK(p.glueAfter[1] == doctest::Approx(2.5));  // 文|a
    CHECK(p.glueAfter[2] == doctest::Approx(2.5));  // a|数
    CHECK(p.glueAfter[0] == 0);
    CHECK(lineWidth(p, 0, 5) == doctest::Approx(10 + 10 + 2.5 + 5 + 2.5 + 10 + 10));
    // A line ending at 文 carries no glue after it.
    CHECK(lineWidth(p, 0, 2) == doctest::Approx(20));
    CHECK(lineWidth(p, 2, 5) == doctest::Approx(5 + 2.5 + 20));
}

TEST_CASE("adjacent marks: the closing one is set half-width with halt") {
    Fixture f;
    auto p = f.measure("中文。」数据", "zh-Hans");
    REQUIRE(p.charCount() == 6);
    CHECK((p.flags[2] & kCompressed) != 0);
    CHECK(p.advance[2] == doctest::Approx(5));   // 。 halved
    CHECK(p.advance[3] == doctest::Approx(10));  // 」 full
    CHECK((p.flags[3] & kCompressed) == 0);
    auto q = f.measure("中文，「数据」", "zh-Hans");
    CHECK(q.advance[1 + 1] == doctest::Approx(5));  // ，followed by 「: the closing mark gives way
    CHECK(q.advance[3] == doctest::Approx(10));
}

TEST_CASE("hyphen width comes from the font") {
    Fixture f;
    auto p = f.measure("international cooperation", "en", true);
    bool any = false;
    for (int i = 0; i < p.charCount(); ++i) {
        if (!(p.flags[i] & kHyphenBefore)) continue;
        any = true;
        CHECK(p.hyphenWidth[i] == doctest::Approx(2.5));
        double letters = 0;  // letters 5 pt, the space 2.5 pt
        for (int c = 0; c < i; ++c) letters += p.advance[c];
        CHECK(letters == doctest::Approx(i <= 13 ? 5.0 * i : 5.0 * (i - 1) + 2.5));
        CHECK(lineWidth(p, 0, i) == doctest::Approx(letters + 2.5));
    }
    CHECK(any);
}

namespace {

// Drawn advance of the glyph(s) of character `c` in a built line.
double drawnAdvance(const MeasuredParagraph& p, const ShapedLine& line, int c) {
    double w = 0;
    for (const auto& run : line.runs) {
        const std::vector<int> at = glyphOffsets(run);
        for (size_t g = 0; g < run.glyphs.size(); ++g)
            if (at[g] == p.byteOffset[c]) w += run.glyphs[g].advance;
    }
    return w;
}

}  // namespace

TEST_CASE("clreq 3.8: Chinese lines stretch word spaces first, then characters evenly") {
    Fixture f;
    // 中 文 ␠ a b ␠ 数 据: natural 55 pt; gaps: 中|文 and 数|据 between characters, two word spaces.
    auto p = f.measure("中文 ab 数据", "zh-Hans");
    REQUIRE(p.charCount() == 8);
    REQUIRE(lineWidth(p, 0, 8) == doctest::Approx(55));
    LineBreak lb{0, 8, 55, 58, false, false, false, 0};
    auto small = buildLine(p, lb, LineAlign::Justify, false);
    CHECK(small->width == doctest::Approx(58).epsilon(1e-4));
    CHECK(drawnAdvance(p, *small, 2) == doctest::Approx(4.0));   // each space takes 1.5 pt
    CHECK(drawnAdvance(p, *small, 0) == doctest::Approx(10.0));  // characters untouched
    lb.available = 70;
    auto big = buildLine(p, lb, LineAlign::Justify, false);
    CHECK(big->width == doctest::Approx(70).epsilon(1e-4));
    CHECK(drawnAdvance(p, *big, 2) == doctest::Approx(5.0));   // spaces stop at 1/2 em
    CHECK(drawnAdvance(p, *big, 5) == doctest::Approx(5.0));
    CHECK(drawnAdvance(p, *big, 0) == doctest::Approx(15.0));  // the remaining 10 pt: 5 pt per gap
    CHECK(drawnAdvance(p, *big, 6) == doctest::Approx(15.0));
}

TEST_CASE("clreq 3.8: Chinese lines shrink pause marks before stop marks") {
    Fixture f;
    // 中，文。数据: two closing marks with blank halves; 。 is a stop mark and shrinks last.
    auto p = f.measure("中，文。数据", "zh-Hans");
    REQUIRE(p.charCount() == 6);
    LineBreak lb{0, 6, 60, 57, false, false, false, 0};
    auto line = buildLine(p, lb, LineAlign::Justify, false);
    CHECK(line->width == doctest::Approx(57).epsilon(1e-4));
    CHECK(drawnAdvance(p, *line, 1) == doctest::Approx(7.5));  // ，gives its 2.5 pt first
    CHECK(drawnAdvance(p, *line, 3) == doctest::Approx(9.5));  // 。 the remaining 0.5 pt
}
