// Tests of paragraph measurement and line building with real fonts (fonts/fonts.conf, the Noto
// faces) and the shipped briefing style: characters, advances, break opportunities (UAX 14 with
// kinsoku), Han-Latin glue, missing-glyph warnings, justification and the line's text.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"
#include "text/test_support.h"

using namespace inkstone;
using namespace inkstone::text;
using namespace inkstone::text::testing;

namespace {


ParagraphInput input(const std::string& text, const std::string& lang = "en", double size = 10,
                     double hanLatinSpace = 0) {
    ParagraphInput in;
    Span s;
    s.text = text;
    s.size = size;
    s.pos = {7, 3};
    in.spans.push_back(s);
    in.lang = *Lang::parse(lang);
    in.hanLatinSpace = hanLatinSpace;
    return in;
}

MeasuredParagraph measure(const ParagraphInput& in, DiagnosticSink& sink) {
    return measureParagraph(engine(), briefing(), in, "t.md", sink);
}

MeasuredParagraph measure(const ParagraphInput& in) {
    DiagnosticSink sink(false);
    auto p = measure(in, sink);
    CHECK(sink.empty());
    return p;
}

bool has(uint8_t flags, uint8_t f) { return (flags & f) != 0; }

std::string rtrimSpaces(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
    return s;
}

// The source text of a line's characters, as bytes of the paragraph text.
std::string sourceOf(const MeasuredParagraph& p, const LineBreak& lb) {
    return p.text->substr(p.byteOffset[lb.start], p.byteOffset[lb.end] - p.byteOffset[lb.start]);
}

const char* kEnglish =
    "For most of recorded history the Mekong was governed by seasons rather than by states. The river rose "
    "with the monsoon, spread across the floodplains of Cambodia and the delta of Vietnam, and fell back.";
const char* kChinese =
    "过去十年间，数字贸易从一个边缘议题迅速成为国际经贸谈判的核心。据多家机构估算，全球可数字化交付的服务贸易"
    "规模已超过四万亿美元，年均增速明显高于货物贸易。";

}  // namespace

TEST_CASE("measure: 'Hello world'") {
    auto p = measure(input("Hello world"));
    REQUIRE(p.charCount() == 11);
    CHECK(p.flags.size() == 11);
    CHECK(p.glueAfter.size() == 11);
    CHECK(p.spanOf.size() == 11);
    REQUIRE(p.byteOffset.size() == 12);
    CHECK(p.byteOffset.front() == 0);
    CHECK(p.byteOffset.back() == 11);
    CHECK(*p.text == "Hello world");
    CHECK(p.lang.tag() == "en");
    for (int i = 0; i < 11; ++i) {
        CAPTURE(i);
        CHECK(p.advance[i] > 0);
        CHECK(p.advance[i] < 10);  // a Latin letter is narrower than the 10pt em
        CHECK(p.spanOf[i] == 0);
        CHECK(p.glueAfter[i] == 0);
        CHECK_FALSE(has(p.flags[i], kCjk));
        // The only break opportunity is before 'w'.
        CHECK(static_cast<bool>(p.flags[i] & kBreakBefore) == (i == 6));
        CHECK(static_cast<bool>(p.flags[i] & kWhite) == (i == 5));
        CHECK_FALSE(has(p.flags[i], kMandatoryBefore));
    }
    CHECK(p.advance[0] > p.advance[1] * 0.9);  // 'H' is wider than most of 'e'
    CHECK_FALSE(p.items.empty());
    // The natural width is the sum of the advances.
    double sum = 0;
    for (double a : p.advance) sum += a;
    CHECK(lineWidth(p, 0, 11) == doctest::Approx(sum));
}

TEST_CASE("measure: advances scale with the font size") {
    auto small = measure(input("Hello world", "en", 10));
    auto big = measure(input("Hello world", "en", 20));
    REQUIRE(small.charCount() == big.charCount());
    CHECK(lineWidth(big, 0, 11) == doctest::Approx(2 * lineWidth(small, 0, 11)).epsilon(0.01));
}

TEST_CASE("measure: a hard line break") {
    auto p = measure(input("one\ntwo"));
    REQUIRE(p.charCount() == 7);
    CHECK(has(p.flags[3], kNewline));
    CHECK(has(p.flags[3], kWhite));
    CHECK(p.advance[3] == 0);
    CHECK(has(p.flags[4], kMandatoryBefore));
    CHECK(has(p.flags[4], kBreakBefore));
    auto lines = breakGreedy(p, LineWidths{{500}});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].hard);
    CHECK(sourceOf(p, lines[1]) == "two");
}

TEST_CASE("measure: Chinese characters are CJK and obey kinsoku") {
    const std::string s = "中文，测试。";
    auto p = measure(input(s, "zh-Hans"));
    REQUIRE(p.charCount() == 6);
    REQUIRE(p.byteOffset.size() == 7);
    CHECK(p.byteOffset[1] == 3);
    CHECK(p.byteOffset[6] == static_cast<int>(s.size()));
    for (int i = 0; i < 6; ++i) {
        CAPTURE(i);
        CHECK(has(p.flags[i], kCjk));
        CHECK_FALSE(has(p.flags[i], kWhite));
        // Ideographs and full-width punctuation are one em.
        CHECK(p.advance[i] == doctest::Approx(10).epsilon(0.001));
    }
    CHECK_FALSE(has(p.flags[0], kBreakBefore));  // the paragraph start is not a break
    CHECK(has(p.flags[1], kBreakBefore));
    CHECK_FALSE(has(p.flags[2], kBreakBefore));  // never before '，'
    CHECK(has(p.flags[3], kBreakBefore));
    CHECK(has(p.flags[4], kBreakBefore));
    CHECK_FALSE(has(p.flags[5], kBreakBefore));  // never before '。'
}

TEST_CASE("measure: no break after an opening bracket or inside a double dash") {
    auto p = measure(input("中（文）字——好", "zh-Hans"));
    REQUIRE(p.charCount() == 8);
    CHECK(has(p.flags[1], kBreakBefore));         // before '（'
    CHECK_FALSE(has(p.flags[2], kBreakBefore));   // after '（'
    CHECK_FALSE(has(p.flags[3], kBreakBefore));   // before '）'
    CHECK_FALSE(has(p.flags[6], kBreakBefore));   // '——' is one unit
    for (int i = 0; i < 8; ++i) CHECK(has(p.flags[i], kCjk));  // the dash is Chinese in zh text
}

TEST_CASE("measure: curly quotes and dashes are CJK only in Chinese text") {
    auto zh = measure(input("他说“好”", "zh-Hans"));
    REQUIRE(zh.charCount() == 5);
    CHECK(has(zh.flags[2], kCjk));
    auto en = measure(input("He said “yes”", "en"));
    REQUIRE(en.charCount() == 13);
    CHECK_FALSE(has(en.flags[8], kCjk));
}

TEST_CASE("measure: Han-Latin glue") {
    SUBCASE("between Han and digits, a quarter em") {
        auto p = measure(input("在2025年", "zh-Hans", 10, 0.25));
        REQUIRE(p.charCount() == 6);
        const double expected[] = {2.5, 0, 0, 0, 2.5, 0};
        for (int i = 0; i < 6; ++i) {
            CAPTURE(i);
            CHECK(p.glueAfter[i] == doctest::Approx(expected[i]));
        }
        // Glue inside the line counts toward its width.
        double sum = 0;
        for (double a : p.advance) sum += a;
        CHECK(lineWidth(p, 0, 6) == doctest::Approx(sum + 5));
    }
    SUBCASE("between Han and Latin letters") {
        auto p = measure(input("加入WTO的", "zh-Hans", 12, 0.25));
        REQUIRE(p.charCount() == 6);
        const double expected[] = {0, 3, 0, 0, 3, 0};
        for (int i = 0; i < 6; ++i) {
            CAPTURE(i);
            CHECK(p.glueAfter[i] == doctest::Approx(expected[i]));
        }
    }
    SUBCASE("none when the style option is zero") {
        auto p = measure(input("在2025年", "zh-Hans", 10, 0));
        for (double g : p.glueAfter) CHECK(g == 0);
    }
    SUBCASE("none beside full-width punctuation") {
        auto p = measure(input("加入（WTO）后，G20。", "zh-Hans", 10, 0.25));
        REQUIRE(p.charCount() == 13);
        for (int i = 0; i < p.charCount(); ++i) {
            CAPTURE(i);
            CHECK(p.glueAfter[i] == 0);
        }
    }
    SUBCASE("none between Latin and Latin or Han and Han, or across a space") {
        auto p = measure(input("中文 ABC 中文", "zh-Hans", 10, 0.25));
        for (double g : p.glueAfter) CHECK(g == 0);
    }
}

TEST_CASE("measure: glue uses the smaller of the two sizes across spans") {
    ParagraphInput in = input("中", "zh-Hans", 10, 0.25);
    Span latin;
    latin.text = "A";
    latin.size = 8;
    in.spans.push_back(latin);
    auto p = measure(in);
    REQUIRE(p.charCount() == 2);
    CHECK(p.spanOf[0] == 0);
    CHECK(p.spanOf[1] == 1);
    CHECK(p.glueAfter[0] == doctest::Approx(2));
}

// A footnote reference is a raised, smaller digit: it is not a Latin word in the Chinese text, and
// a quarter-em Han-Latin space before it opens a visible gap between the word and its note mark.
TEST_CASE("measure: no Han-Latin glue before a superscript footnote mark") {
    ParagraphInput in = input("数字贸易", "zh-Hans", 10, 0.25);
    Span mark;
    mark.text = "1";
    mark.size = 6.5;
    mark.rise = 3.5;
    in.spans.push_back(mark);
    Span more;
    more.text = "规则";
    more.size = 10;
    in.spans.push_back(more);
    auto p = measure(in);
    REQUIRE(p.charCount() == 7);
    CHECK(p.glueAfter[3] == 0);
    CHECK(p.glueAfter[4] == 0);
}

TEST_CASE("measure: a missing glyph is one warning naming the code point") {
    DiagnosticSink sink(false);
    auto p = measure(input("smile \xF0\x9F\x98\x80 and again \xF0\x9F\x98\x80."), sink);
    CHECK(p.charCount() == 20);
    REQUIRE(sink.all().size() == 1);
    const Diagnostic& w = sink.all()[0];
    CHECK(w.severity == Severity::Warning);
    CHECK(w.file == "t.md");
    CHECK(w.message.find("U+1F600") != std::string::npos);
    CHECK(w.pos.line == 7);

    DiagnosticSink clean(false);
    measure(input("中文 text, 2025年"), clean);
    CHECK(clean.empty());
}

TEST_CASE("buildLine: Justify stretches a non-last line, Left keeps the natural width") {
    auto p = measure(input(kEnglish));
    auto lines = breakGreedy(p, LineWidths{{200}});
    REQUIRE(lines.size() >= 3);
    const LineBreak& first = lines[0];
    REQUIRE_FALSE(first.hard);
    REQUIRE(first.width < 200 - 1);  // there is something to stretch

    auto justified = buildLine(p, first, LineAlign::Justify, false);
    CHECK(std::abs(justified->width - 200) < 0.05);
    auto left = buildLine(p, first, LineAlign::Left, false);
    CHECK(std::abs(left->width - first.width) < 0.05);
    CHECK(left->width < 199);
    // Runs sit side by side from x = 0.
    REQUIRE_FALSE(left->runs.empty());
    CHECK(left->runs.front().x == 0);
    double x = 0;
    for (const auto& r : justified->runs) {
        CHECK(r.x == doctest::Approx(x));
        x += r.width;
    }
    CHECK(x == doctest::Approx(justified->width));

    // Every line but the last justifies; the last keeps its natural width.
    for (size_t i = 0; i < lines.size(); ++i) {
        CAPTURE(i);
        const bool last = i + 1 == lines.size();
        auto l = buildLine(p, lines[i], LineAlign::Justify, last);
        if (last) CHECK(std::abs(l->width - lines[i].width) < 0.05);
        else CHECK(std::abs(l->width - 200) < 0.05);
    }
}

TEST_CASE("buildLine: Center and Right keep the natural width") {
    auto p = measure(input(kEnglish));
    auto lines = breakGreedy(p, LineWidths{{180}});
    REQUIRE(lines.size() >= 2);
    for (LineAlign a : {LineAlign::Center, LineAlign::Right}) {
        auto l = buildLine(p, lines[0], a, false);
        CHECK(std::abs(l->width - lines[0].width) < 0.05);
    }
}

TEST_CASE("buildLine: a line ending at a hard break is not stretched") {
    auto p = measure(input("Short line\nand a second line that is long enough to wrap at this measure"));
    auto lines = breakGreedy(p, LineWidths{{150}});
    REQUIRE(lines.size() >= 2);
    REQUIRE(lines[0].hard);
    auto l = buildLine(p, lines[0], LineAlign::Justify, false);
    CHECK(std::abs(l->width - lines[0].width) < 0.05);
    CHECK(l->plain == "Short line");
}

TEST_CASE("buildLine: Chinese lines justify evenly to the measure") {
    auto p = measure(input(kChinese, "zh-Hans", 10, 0.25));
    auto lines = breakGreedy(p, LineWidths{{95}});
    REQUIRE(lines.size() >= 3);
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        CAPTURE(i);
        auto l = buildLine(p, lines[i], LineAlign::Justify, false);
        CHECK(std::abs(l->width - 95) < 0.05);
        CHECK(l->plain == sourceOf(p, lines[i]));
        CHECK_FALSE(lines[i].overfull);
    }
}

TEST_CASE("buildLine: plain is the source text of the line without trailing spaces") {
    const std::string s = kEnglish;
    auto p = measure(input(s));
    auto lines = breakGreedy(p, LineWidths{{160}});
    REQUIRE(lines.size() >= 3);
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
        CAPTURE(i);
        auto l = buildLine(p, lines[i], LineAlign::Justify, i + 1 == lines.size());
        // ASCII: character indices are byte indices.
        const std::string expected = rtrimSpaces(s.substr(lines[i].start, lines[i].end - lines[i].start));
        CHECK(l->plain == expected);
        CHECK(l->plain.back() != ' ');
        CHECK(l->text == p.text);
        joined += (joined.empty() ? "" : " ") + l->plain;
    }
    CHECK(joined == s);
}

TEST_CASE("buildLine: glue inside a line adds to its natural width") {
    auto noGlue = measure(input("在2025年加入WTO", "zh-Hans", 10, 0));
    auto glue = measure(input("在2025年加入WTO", "zh-Hans", 10, 0.25));
    const LineBreak all0{0, noGlue.charCount(), lineWidth(noGlue, 0, noGlue.charCount()), 500, true, false};
    const LineBreak all1{0, glue.charCount(), lineWidth(glue, 0, glue.charCount()), 500, true, false};
    auto a = buildLine(noGlue, all0, LineAlign::Left, true);
    auto b = buildLine(glue, all1, LineAlign::Left, true);
    // Three Han-Latin boundaries: 在|2025, 2025|年, 入|WTO.
    CHECK(b->width - a->width == doctest::Approx(7.5).epsilon(0.01));
    CHECK(b->plain == "在2025年加入WTO");
}

TEST_CASE("buildLine: plain glyph data for painters (clusters cover the text, links and decorations measured)") {
    TextEngine engine;
    auto st = style::loadStyle("briefing");
    ParagraphInput in;
    Span a;
    a.text = "Offices link ";
    a.link = "https://example.org";
    a.underline = true;
    Span b;
    b.text = "中文，and more.";
    b.strike = true;
    in.spans = {a, b};
    DiagnosticSink sink(false);
    MeasuredParagraph p = measureParagraph(engine, st, in, "t", sink);
    auto lines = breakLines(p, LineWidths{{1000}}, {});
    REQUIRE(lines.size() == 1);
    auto line = buildLine(p, lines[0], LineAlign::Left, true);
    REQUIRE(line->runs.size() >= 2);
    int covered = line->runs.front().textStart;
    for (const auto& r : line->runs) {
        REQUIRE(r.face);
        CHECK(r.face->embeddable);
        CHECK(r.textStart == covered);
        int bytes = 0, glyphs = 0;
        for (const auto& c : r.clusters) bytes += c.bytes, glyphs += c.glyphs;
        CHECK(bytes == r.textLength);
        CHECK(glyphs == static_cast<int>(r.glyphs.size()));
        double w = 0;
        for (const auto& g : r.glyphs) w += g.advance;
        CHECK(w == doctest::Approx(r.width));
        covered += r.textLength;
        const double size = 10.5;
        if (!r.link.empty()) {  // the link's run: an area from above the ascent to below the baseline
            CHECK(r.linkArea.x1 == doctest::Approx(r.width));
            CHECK(r.linkArea.y0 == doctest::Approx(-0.92 * size));
            CHECK(r.linkArea.y1 == doctest::Approx(0.28 * size));
        }
        REQUIRE(r.bars.size() == 1);  // underlined or struck through
        CHECK(r.bars[0].y1 - r.bars[0].y0 == doctest::Approx(0.05 * size));
        CHECK((r.bars[0].y0 > 0) == !r.link.empty());  // underline below the baseline, strike above
    }
    CHECK(covered == static_cast<int>(line->text->size()));  // the runs cover the line, in order
    // Each glyph knows the byte its cluster starts at.
    const auto offsets = glyphOffsets(line->runs.front());
    CHECK(offsets.front() == 0);
    CHECK(std::is_sorted(offsets.begin(), offsets.end()));
}

TEST_CASE("tabular figures: a span with tabularFigures sets every digit at one advance") {
    // Table columns of numbers (issue 13, point 3). The shipped Noto faces' default figures are
    // tabular already (5.148 pt in Noto Sans at 9 pt, regular and bold): `tnum` must keep them so;
    // testfont_test.cpp shows the feature reaching a font whose default figures are not.
    for (const char* set : {"sans", "serif"})
        for (bool bold : {false, true}) {
            CAPTURE(set);
            CAPTURE(bold);
            ParagraphInput in = input("0123456789", "en", 9);
            in.spans[0].fontSet = set;
            in.spans[0].bold = bold;
            in.spans[0].tabularFigures = true;
            const MeasuredParagraph tab = measure(in);
            REQUIRE(tab.charCount() == 10);
            for (int i = 1; i < 10; ++i) CHECK(std::abs(tab.advance[i] - tab.advance[0]) < 1e-6);
            // In Chinese text too (the digits are Latin characters in the Latin face).
            ParagraphInput zh = input("增长1.1%至7480亿", "zh-Hans", 9);
            zh.spans[0].fontSet = set;
            zh.spans[0].bold = bold;
            zh.spans[0].tabularFigures = true;
            const MeasuredParagraph z = measure(zh);
            CHECK(std::abs(z.advance[2] - z.advance[8]) < 1e-6);  // '1' and '0'
            CHECK(std::abs(z.advance[2] - tab.advance[0]) < 1e-6);
        }
}
