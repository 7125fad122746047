// English hyphenation: Hyphenator::points (libhyphen with Debian's hyph_en_US patterns) and what
// the composer makes of it: kHyphenBefore and hyphenWidth in measureParagraph (real fonts, the
// briefing style), hyphenated lines from the optimal breaker, and buildLine adding the hyphen glyph
// without putting a hyphen into the line's text.
#include <doctest/doctest.h>

#include <glib.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/utf8.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/hyphenate.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"
#include "text/test_support.h"

using namespace inkstone;
using namespace inkstone::text;
using namespace inkstone::text::testing;

namespace {


const Hyphenator& hyphenator() { return engine().hyphenator(); }

std::string withHyphens(const std::string& word, const std::vector<int>& points) {
    std::string out;
    size_t k = 0;
    for (size_t i = 0; i < word.size(); ++i) {
        if (k < points.size() && points[k] == static_cast<int>(i)) {
            out += '-';
            ++k;
        }
        out += word[i];
    }
    return out;
}

void checkRules(const std::string& word, const std::vector<int>& points, const HyphenationRules& r) {
    CAPTURE(word);
    CAPTURE(withHyphens(word, points));
    const int n = static_cast<int>(word.size());
    for (size_t i = 0; i < points.size(); ++i) {
        CHECK(points[i] >= r.minLeft);
        CHECK(n - points[i] >= r.minRight);
        CHECK(points[i] > 0);
        CHECK(points[i] < n);
        if (i > 0) CHECK(points[i] > points[i - 1]);  // ascending, no duplicates
    }
}

const char* kEnglish =
    "International organisations responsible for hydropower development along the transboundary "
    "watercourses of continental Southeast Asia have repeatedly underestimated the environmental "
    "consequences of their infrastructure investments, notwithstanding extraordinarily comprehensive "
    "assessments commissioned by governments, universities and independent conservation organisations. "
    "Mekong fisheries, UNESCO-listed wetlands, COVID19 recovery programmes and the 2025 negotiations "
    "illustrate the characteristically interdisciplinary difficulties.";

ParagraphInput english(const std::string& text, bool hyphenate = true, const std::string& lang = "en") {
    ParagraphInput in;
    Span s;
    s.text = text;
    s.size = 10;
    in.spans.push_back(s);
    in.lang = *Lang::parse(lang);
    in.hyphenate = hyphenate;
    return in;
}

MeasuredParagraph measure(const ParagraphInput& in) {
    DiagnosticSink sink(false);
    auto p = measureParagraph(engine(), briefing(), in, "t.md", sink);
    CHECK(sink.empty());
    return p;
}

bool lowerAscii(char32_t c) { return c >= 'a' && c <= 'z'; }

// Whether character `c` starts no glyph cluster of its shaped item: it sits inside a ligature
// (Noto Serif has ff, fi, fl, ffi, ffl).
bool insideCluster(const MeasuredParagraph& p, int c) {
    for (const ShapedItem& si : p.items) {
        if (c < si.firstChar || c >= si.firstChar + si.item->num_chars) continue;
        const int byte = p.byteOffset[c] - si.item->offset;
        for (int g = 0; g < si.glyphs->num_glyphs; ++g)
            if (si.glyphs->log_clusters[g] == byte) return false;
        return true;
    }
    return false;
}

// The bytes of the paragraph text a built line's glyph runs cover: [first, last).
std::pair<int, int> runBytes(const ShapedLine& l) {
    if (l.runs.empty()) return {0, 0};
    return {l.runs.front().textStart, l.runs.back().textStart + l.runs.back().textLength};
}

}  // namespace

TEST_CASE("Hyphenator::points: hydropower and friends") {
    const HyphenationRules rules{6, 2, 3};
    const auto hydro = hyphenator().points("hydropower", rules);
    CHECK_FALSE(hydro.empty());
    checkRules("hydropower", hydro, rules);
    CHECK(withHyphens("hydropower", hydro) == "hy-dropower");  // hyph_en_US (TeX patterns)

    const struct {
        const char* word;
        const char* expected;
    } table[] = {
        {"hyphenation", "hy-phen-ation"},
        {"international", "in-ter-na-tional"},
        {"typesetter", "type-set-ter"},
        {"paragraph", "para-graph"},
        {"floodplains", "flood-plains"},
    };
    for (const auto& row : table) {
        const auto pts = hyphenator().points(row.word, rules);
        checkRules(row.word, pts, rules);
        CHECK(withHyphens(row.word, pts) == row.expected);
    }
}

TEST_CASE("Hyphenator::points: minLeft and minRight are respected") {
    // "international" has patterns for in-ter-na-tion-al; the rules trim the edges.
    for (int left = 1; left <= 6; ++left)
        for (int right = 1; right <= 6; ++right) {
            const HyphenationRules r{6, left, right};
            CAPTURE(left);
            CAPTURE(right);
            for (const char* w : {"international", "hydropower", "extraordinarily", "characteristically",
                                  "notwithstanding", "infrastructure"})
                checkRules(w, hyphenator().points(w, r), r);
        }
    // Tightening the rules only removes points.
    const auto loose = hyphenator().points("extraordinarily", {6, 1, 1});
    const auto tight = hyphenator().points("extraordinarily", {6, 4, 4});
    CHECK(loose.size() > tight.size());
    for (int k : tight) CHECK(std::find(loose.begin(), loose.end(), k) != loose.end());
    CHECK(hyphenator().points("hydropower", {6, 3, 3}).empty());  // its only point is after "hy"
}

TEST_CASE("Hyphenator::points: capitals, digits and other characters get none") {
    const HyphenationRules rules{6, 2, 3};
    for (const char* w : {"Hydropower", "HYDROPOWER", "hydroPower", "hydro2power", "covid19recovery",
                          "hydro-power", "hydro power", "hydropowér", "hydropower."}) {
        CAPTURE(w);
        CHECK(hyphenator().points(w, rules).empty());
    }
}

TEST_CASE("Hyphenator::points: words shorter than minWord get none") {
    CHECK(hyphenator().points("water", {6, 2, 3}).empty());
    CHECK(hyphenator().points("", {6, 2, 3}).empty());
    CHECK(hyphenator().points("a", {1, 1, 1}).empty());
    // The same word qualifies once minWord allows it (wa-ter): the length rule is what stopped it.
    CHECK(hyphenator().points("water", {5, 2, 3}) == std::vector<int>{2});
    CHECK(hyphenator().points("hydropower", {11, 2, 3}).empty());
    CHECK_FALSE(hyphenator().points("hydropower", {10, 2, 3}).empty());
}

TEST_CASE("measureParagraph: hyphenation points only inside lowercase English words") {
    const auto p = measure(english(kEnglish));
    const auto cps = codePoints(p);
    const int n = p.charCount();
    REQUIRE(static_cast<int>(p.hyphenWidth.size()) == n);
    const style::Hyphenation& h = briefing().hyphenation;
    int points = 0;
    for (int i = 0; i < n; ++i) {
        CAPTURE(i);
        if (!(p.flags[i] & kHyphenBefore)) {
            CHECK(p.hyphenWidth[i] == 0);
            continue;
        }
        ++points;
        // The word around the point: a maximal run of letters, all lowercase ASCII, bounded by
        // characters that are not letters or digits.
        int a = i, b = i;
        while (a > 0 && g_unichar_isalpha(cps[a - 1])) --a;
        while (b < n && g_unichar_isalpha(cps[b])) ++b;
        std::string word;
        for (int k = a; k < b; ++k) word += static_cast<char>(cps[k] < 128 ? cps[k] : '?');
        CAPTURE(word);
        for (int k = a; k < b; ++k) CHECK(lowerAscii(cps[k]));
        CHECK((a == 0 || !g_unichar_isalnum(cps[a - 1])));
        CHECK((b == n || !g_unichar_isalnum(cps[b])));
        CHECK(b - a >= h.minWord);
        CHECK(i - a >= h.minLeft);
        CHECK(b - i >= h.minRight);
        CHECK((p.flags[i] & kBreakBefore) == 0);  // a hyphenation point, not a plain break
        // The hyphen of Noto Serif is about a third of an em.
        CHECK(p.hyphenWidth[i] > 0.25 * 10);
        CHECK(p.hyphenWidth[i] < 0.40 * 10);
        // And the point is one the hyphenator gives for that word.
        const auto pts = engine().hyphenator().points(word, {h.minWord, h.minLeft, h.minRight});
        CHECK(std::find(pts.begin(), pts.end(), i - a) != pts.end());
    }
    MESSAGE(points << " hyphenation points in " << n << " characters");
    CHECK(points > 20);
    // Words with capitals or digits have none: "International", "Mekong", "UNESCO", "COVID19".
    const std::string text = kEnglish;
    for (const char* w : {"International", "Southeast", "Mekong", "UNESCO", "COVID19"}) {
        CAPTURE(w);
        const size_t at = text.find(w);
        REQUIRE(at != std::string::npos);  // ASCII: byte index = character index
        for (size_t k = at; k < at + std::string(w).size(); ++k) CHECK((p.flags[k] & kHyphenBefore) == 0);
    }
}

TEST_CASE("measureParagraph: no hyphenation points when off, in Chinese, or in mono spans") {
    auto countPoints = [](const MeasuredParagraph& p) {
        int c = 0;
        for (uint8_t f : p.flags) c += (f & kHyphenBefore) != 0;
        return c;
    };
    CHECK(countPoints(measure(english(kEnglish, false))) == 0);
    CHECK(countPoints(measure(english("在水电开发 hydropower development 方面", true, "zh-Hans"))) == 0);
    ParagraphInput in = english("characteristically");
    in.spans[0].fontSet = "mono";
    CHECK(countPoints(measure(in)) == 0);
    ParagraphInput off = english(kEnglish);
    off.hyphenation.enabled = false;
    CHECK(countPoints(measure(off)) == 0);
    CHECK(countPoints(measure(english("characteristically"))) > 0);  // the same word, serif, on
}

TEST_CASE("buildLine: a hyphenated line gets the hyphen glyph, its text keeps the source word") {
    const auto p = measure(english(kEnglish));
    int hyphenated = 0, widths = 0, inLigature = 0;
    for (double width = 90; width <= 300; width += 1.5) {
        CAPTURE(width);
        ++widths;
        auto lines = breakLines(p, LineWidths{{width}}, BreakOptions{BreakerKind::Optimal, true});
        for (size_t k = 0; k < lines.size(); ++k) {
            const LineBreak& lb = lines[k];
            if (!lb.hyphenated) continue;
            if (insideCluster(p, lb.end)) {
                ++inLigature;  // see the test of hyphenation points inside ligatures
                continue;
            }
            ++hyphenated;
            REQUIRE(lb.end < p.charCount());
            REQUIRE((p.flags[lb.end] & kHyphenBefore) != 0);
            const std::string source = p.text->substr(p.byteOffset[lb.start], p.byteOffset[lb.end] - p.byteOffset[lb.start]);
            CAPTURE(source);
            // The natural text of the line, without the hyphen.
            double text = 0;
            for (int i = lb.start; i < lb.end; ++i) text += p.advance[i];
            CHECK(lb.width == doctest::Approx(text + p.hyphenWidth[lb.end]));
            auto left = buildLine(p, lb, LineAlign::Left, false);
            CHECK(left->hyphenated);
            // Wider than the text by the hyphen, within the kerning at the cut: the measured
            // advances kern the last letter against the next one ("char|a": -0.2pt in Noto Serif),
            // the reshaped hyphenated run does not.
            CHECK(left->width > text + 0.5 * p.hyphenWidth[lb.end]);
            CHECK(std::abs(left->width - (text + p.hyphenWidth[lb.end])) < 0.35);
            // Copy/paste keeps the source word: no hyphen (nor soft hyphen) added to the line's text.
            CHECK(left->plain == source);
            CHECK(left->plain.back() != '-');
            CHECK(left->plain.find("\xC2\xAD") == std::string::npos);    // U+00AD
            CHECK(left->plain.find("\xE2\x80\x90") == std::string::npos);  // U+2010
            // Justified, it still ends exactly at the measure (when it has gaps to adjust: a line
            // holding one word fragment has none).
            auto justified = buildLine(p, lb, LineAlign::Justify, false);
            if (lineStretch(p, lb.start, lb.end) > 0 || left->width > width) CHECK(std::abs(justified->width - width) < 0.05);
            // The same line without the hyphen: one glyph fewer, narrower by the hyphen. (The
            // hyphenated line's last word is a run of its own: only it is reshaped.)
            LineBreak bare = lb;
            bare.hyphenated = false;
            auto without = buildLine(p, bare, LineAlign::Left, false);
            REQUIRE_FALSE(left->runs.empty());
            REQUIRE(left->runs.size() >= without->runs.size());
            auto glyphCount = [](const ShapedLine& l) {
                int n = 0;
                for (const auto& r : l.runs) n += static_cast<int>(r.glyphs.size());
                return n;
            };
            CHECK(glyphCount(*left) == glyphCount(*without) + 1);
            // The hyphen is drawn as part of the word's last cluster: it adds a glyph, not text.
            CHECK(left->runs.back().clusters.back().glyphs == without->runs.back().clusters.back().glyphs + 1);
            CHECK(std::abs(left->width - without->width - p.hyphenWidth[lb.end]) < 0.35);
            CHECK(without->plain == left->plain);
        }
    }
    MESSAGE(hyphenated << " hyphenated lines checked at " << widths << " widths (" << inLigature
                       << " more end inside a ligature)");
    CHECK(hyphenated > 10);
}

// A hyphenation point inside a ligature: "dif-fi-cul-ties" in Noto Serif is d,i,ffi,c,... with one
// glyph for "ffi". buildLine cuts shaped items with pango_glyph_item_split, which cannot cut inside a
// cluster, so the whole ligature stays on the first line: "the dif" is drawn as "the diffi-" (6.7pt
// wider than measured), the next line starts at "culties" and the glyph runs no longer cover the
// text the LineBreak says. Either no hyphenation point inside a cluster, or a cut that reshapes.
TEST_CASE("buildLine: a hyphenation point inside a ligature (dif-fi-cul-ties)") {
    const auto p = measure(english("the difficulties officially affluent baffling sufficient shuffling afflicted"));
    const int n = p.charCount();
    int points = 0, inside = 0;
    for (int i = 1; i < n; ++i) {
        if (!(p.flags[i] & kHyphenBefore)) continue;
        ++points;
        inside += insideCluster(p, i);
        // The line [word start, i) hyphenated, and the rest.
        int a = i;
        while (a > 0 && p.text->at(a - 1) != ' ') --a;
        const std::string word = p.text->substr(a, i - a);
        CAPTURE(word);
        LineBreak first{a, i, lineWidth(p, a, i), 500, false, false, true, 0};
        LineBreak rest{i, n, lineWidth(p, i, n), 500, true, false, false, 0};
        auto l1 = buildLine(p, first, LineAlign::Left, false);
        auto l2 = buildLine(p, rest, LineAlign::Left, true);
        // The glyphs of each line map to exactly that line's characters.
        CHECK(runBytes(*l1).first == p.byteOffset[a]);
        CHECK(runBytes(*l1).second == p.byteOffset[i]);
        CHECK(runBytes(*l2).first == p.byteOffset[i]);
        CHECK(runBytes(*l2).second == p.byteOffset[n]);
        // And the drawn width is about the measured one: the measure gave each letter of a ligature
        // an even share of it, the letters set apart are a little wider (0.35pt for "f|fi" at 10pt).
        CHECK(std::abs(l1->width - first.width) < 1.0);
        CHECK(std::abs(l2->width - rest.width) < 1.0);
    }
    MESSAGE(points << " hyphenation points, " << inside << " inside a ligature");
    CHECK(points >= 8);
}
