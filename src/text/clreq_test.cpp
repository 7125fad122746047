// Chinese composition rules (W3C clreq; ENGINEERING.md "Chinese composition rules") checked on the
// real composer: TextEngine with fonts/fonts.conf, the briefing style, measureParagraph in zh-Hans
// and zh-Hant (Han-Latin space 0.25 em, strict line breaking, punctuation compression), Knuth-Plass
// breaking (breakLines, Optimal) and buildLine. Every rule is checked on every line of paragraphs
// broken at many widths.
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
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"
#include "text/test_support.h"

using namespace inkstone;
using namespace inkstone::text;
using namespace inkstone::text::testing;

namespace {


constexpr double kSize = 10;  // points: one em

MeasuredParagraph measureZh(const std::string& text, const std::string& lang = "zh-Hans",
                            style::LineBreakStrictness strictness = style::LineBreakStrictness::Strict) {
    ParagraphInput in;
    Span s;
    s.text = text;
    s.size = kSize;
    in.spans.push_back(s);
    in.lang = *Lang::parse(lang);
    in.hanLatinSpace = 0.25;
    in.lineBreak = strictness;
    in.compressPunctuation = true;
    DiagnosticSink sink(false);
    auto p = measureParagraph(engine(), briefing(), in, "t.md", sink);
    CHECK(sink.empty());
    return p;
}

std::string utf8(char32_t c) {
    std::string s;
    appendUtf8(s, c);
    return s;
}

std::string lineText(const MeasuredParagraph& p, int start, int end) {
    return p.text->substr(p.byteOffset[start], p.byteOffset[end] - p.byteOffset[start]);
}

// clreq 3.1.7 (the lists of ENGINEERING.md rule 1).
const std::u32string kNotAtStart = U"、，。．；：？！”’）》」』】〕〗〉·";
const std::u32string kNotAtEnd = U"“‘（《「『【〔〖〈";
bool notAtStart(char32_t c) { return kNotAtStart.find(c) != std::u32string::npos; }
bool notAtEnd(char32_t c) { return kNotAtEnd.find(c) != std::u32string::npos; }
bool pairedMark(char32_t c) { return c == U'—' || c == U'…' || c == 0x2E3A; }

BreakOptions optimal() { return BreakOptions{BreakerKind::Optimal, true}; }

// Sum of advances of [start, last] and the glue strictly inside: the natural width of a line.
double naturalWidth(const MeasuredParagraph& p, int start, int end) {
    const int last = lastVisible(p, start, end);
    double w = 0;
    for (int i = start; i <= last; ++i) w += p.advance[i] + (i < last ? p.glueAfter[i] : 0);
    return w;
}

struct Tally {
    int lines = 0;
    int widths = 0;
};

// The line-edge rules on one broken paragraph: prohibited starts and ends, paired marks, tiling.
// Returns one description per violation (empty: all good).
std::vector<std::string> edgeViolations(const MeasuredParagraph& p, const std::vector<char32_t>& cps,
                                        const std::vector<LineBreak>& lines) {
    std::vector<std::string> v;
    if (lines.empty()) return {"no lines"};
    if (lines.front().start != 0) v.push_back("first line does not start at 0");
    if (lines.back().end != p.charCount()) v.push_back("last line does not end at the paragraph end");
    for (size_t k = 0; k < lines.size(); ++k) {
        const LineBreak& lb = lines[k];
        const std::string where = "line " + std::to_string(k) + " \"" + lineText(p, lb.start, lb.end) + "\": ";
        if (lb.end <= lb.start) {
            v.push_back(where + "empty");
            continue;
        }
        if (k > 0 && lb.start != lines[k - 1].end) v.push_back(where + "does not start where the last ended");
        if (lb.start > 0) {
            const char32_t c = cps[lb.start];
            if (notAtStart(c)) v.push_back(where + "starts with " + utf8(c));
            // Never split —— or ……, and (strict) never start a line with them.
            if (pairedMark(c) && cps[lb.start - 1] == c) v.push_back(where + "splits " + utf8(c) + utf8(c));
            else if (pairedMark(c)) v.push_back(where + "starts with " + utf8(c) + utf8(c));
        }
        const int last = lastVisible(p, lb.start, lb.end);
        if (last < lb.start) v.push_back(where + "has nothing drawn");
        else if (k + 1 < lines.size() && notAtEnd(cps[last])) v.push_back(where + "ends with " + utf8(cps[last]));
    }
    return v;
}

void checkEdges(const MeasuredParagraph& p, const std::vector<char32_t>& cps, const std::vector<LineBreak>& lines) {
    const auto v = edgeViolations(p, cps, lines);
    for (const auto& s : v) FAIL_CHECK(s);
}

}  // namespace

// The checker itself: hand-made bad breaks are caught.
TEST_CASE("clreq: the line-edge checker finds violations") {
    const auto p = measureZh("汉字，汉字“汉字”——汉字");
    const auto cps = codePoints(p);
    REQUIRE(p.charCount() == 13);
    auto lines = [](std::vector<int> ends) {
        std::vector<LineBreak> out;
        int start = 0;
        for (int e : ends) {
            LineBreak lb;
            lb.start = start;
            lb.end = e;
            out.push_back(lb);
            start = e;
        }
        return out;
    };
    CHECK(edgeViolations(p, cps, lines({13})).empty());
    CHECK(edgeViolations(p, cps, lines({3, 13})).empty());
    CHECK(edgeViolations(p, cps, lines({2, 13})).size() == 1);      // ， starts a line
    CHECK(edgeViolations(p, cps, lines({6, 13})).size() == 1);      // “ ends a line
    CHECK(edgeViolations(p, cps, lines({9, 13})).size() == 1);      // —— starts a line
    CHECK(edgeViolations(p, cps, lines({10, 13})).size() == 1);     // —— split
    CHECK(edgeViolations(p, cps, lines({3, 12})).size() == 1);      // does not reach the end
    CHECK(edgeViolations(p, cps, lines({2, 6, 13})).size() == 2);
}

TEST_CASE("clreq 3.1.7: closing marks and pause/stop marks never start a line") {
    const std::string han = "汉字文本排版测试";  // 8 Han characters (3 bytes each)
    Tally t;
    for (char32_t mark : kNotAtStart) {
        CAPTURE(utf8(mark));
        std::string text;
        for (int k = 0; k < 40; ++k) text += han.substr(0, 3 * (k % 4 + 1)) + utf8(mark);
        text += "结束";
        for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
            CAPTURE(lang);
            const auto p = measureZh(text, lang);
            const auto cps = codePoints(p);
            REQUIRE(static_cast<int>(cps.size()) == p.charCount());
            int endsWithMark = 0;
            for (int w = 0; w < 60; ++w) {
                const double width = 40 + w * (360.0 / 59);
                CAPTURE(width);
                auto lines = breakLines(p, LineWidths{{width}}, optimal());
                checkEdges(p, cps, lines);
                for (size_t k = 0; k + 1 < lines.size(); ++k) endsWithMark += cps[lastVisible(p, lines[k].start, lines[k].end)] == mark;
                t.lines += static_cast<int>(lines.size());
                ++t.widths;
            }
            // The mark is everywhere: many lines end with it (it was kept with the character before).
            // Not so for the curly quotes, which get no break on either side (see the test below).
            if (mark != U'”' && mark != U'’') CHECK(endsWithMark > 10);
        }
    }
    MESSAGE(t.lines << " lines checked at " << t.widths << " (mark, language, width) combinations");
}

TEST_CASE("clreq 3.1.7: opening marks never end a line") {
    const std::string han = "汉字文本排版测试";
    Tally t;
    for (char32_t mark : kNotAtEnd) {
        CAPTURE(utf8(mark));
        std::string text = "开始";
        for (int k = 0; k < 40; ++k) text += utf8(mark) + han.substr(0, 3 * (k % 4 + 1));
        for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
            CAPTURE(lang);
            const auto p = measureZh(text, lang);
            const auto cps = codePoints(p);
            int startsWithMark = 0;
            for (int w = 0; w < 60; ++w) {
                const double width = 40 + w * (360.0 / 59);
                CAPTURE(width);
                auto lines = breakLines(p, LineWidths{{width}}, optimal());
                checkEdges(p, cps, lines);
                for (size_t k = 1; k < lines.size(); ++k) startsWithMark += cps[lines[k].start] == mark;
                t.lines += static_cast<int>(lines.size());
                ++t.widths;
            }
            // The mark went down with the character after it (not the quotes: see the test below).
            if (mark != U'“' && mark != U'‘') CHECK(startsWithMark > 10);
        }
    }
    MESSAGE(t.lines << " lines checked at " << t.widths << " (mark, language, width) combinations");
}

// clreq allows a line to start with an opening quote and to end after a closing one, as with any
// bracket; UAX 14 before 15.1 (Pango 1.50) has QU glue to both neighbours (LB19), and Unicode 15.1
// (LB19a) lifts that for East Asian text. Without it "说：“好" and "好。”然" are unbreakable units.
TEST_CASE("clreq 3.1.7: a line may start with “ and end after ” in Chinese") {
    for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
        CAPTURE(lang);
        const auto p = measureZh("他说：“我们来了。”然后他们走了。", lang);
        const auto cps = codePoints(p);
        REQUIRE(cps[3] == U'“');
        REQUIRE(cps[9] == U'”');
        CHECK((p.flags[3] & kBreakBefore) != 0);   // before “ (after ：, a closing mark)
        CHECK((p.flags[10] & kBreakBefore) != 0);  // after ” (before 然)
        const auto q = measureZh("我们说“好”", lang);
        CHECK((q.flags[3] & kBreakBefore) != 0);  // between 说 and “
    }
}

TEST_CASE("clreq 3.1.7: —— and …… are never split and (strict) never start a line") {
    std::string text;
    const std::string han = "汉字文本排版测试";
    for (int k = 0; k < 40; ++k) text += han.substr(0, 3 * (k % 5 + 1)) + (k % 2 ? "——" : "……");
    text += "完";
    Tally t;
    for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
        CAPTURE(lang);
        const auto p = measureZh(text, lang);
        const auto cps = codePoints(p);
        // The paired marks are two em in all (one em each).
        for (int i = 0; i < p.charCount(); ++i)
            if (pairedMark(cps[i])) CHECK(p.advance[i] == doctest::Approx(kSize).epsilon(0.02));
        for (int w = 0; w < 60; ++w) {
            const double width = 40 + w * (360.0 / 59);
            CAPTURE(width);
            auto lines = breakLines(p, LineWidths{{width}}, optimal());
            checkEdges(p, cps, lines);
            t.lines += static_cast<int>(lines.size());
            ++t.widths;
        }
    }
    MESSAGE(t.lines << " lines checked at " << t.widths << " widths");
}

TEST_CASE("clreq 3.2.6: Han-Latin glue of a quarter em, never at a line edge") {
    const std::string s = "在2025年发布WTO报告";
    SUBCASE("where the glue goes") {
        for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
            CAPTURE(lang);
            const auto p = measureZh(s, lang);
            REQUIRE(p.charCount() == 13);
            //                      在   2  0  2  5   年 发 布    W  T  O    报 告
            const double glue[] = {2.5, 0, 0, 0, 2.5, 0, 0, 2.5, 0, 0, 2.5, 0, 0};
            for (int i = 0; i < 13; ++i) {
                CAPTURE(i);
                CHECK(p.glueAfter[i] == doctest::Approx(glue[i]));
            }
            // One line: the glue inside counts, in the measure and in the built line.
            double advances = 0;
            for (double a : p.advance) advances += a;
            CHECK(lineWidth(p, 0, 13) == doctest::Approx(advances + 10));
            LineBreak whole{0, 13, lineWidth(p, 0, 13), 500, true, false};
            auto line = buildLine(p, whole, LineAlign::Left, true);
            CHECK(line->width == doctest::Approx(advances + 10).epsilon(0.001));
            CHECK(line->plain == s);
        }
    }
    SUBCASE("lines starting or ending at a glue boundary carry none of it") {
        std::string text;
        for (int k = 0; k < 6; ++k) text += s;
        int edgeLines = 0, lines = 0;
        for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
            CAPTURE(lang);
            const auto p = measureZh(text, lang);
            for (double width = 20; width <= 140; width += 0.5) {
                CAPTURE(width);
                auto breaks = breakLines(p, LineWidths{{width}}, optimal());
                for (size_t k = 0; k < breaks.size(); ++k) {
                    const LineBreak& lb = breaks[k];
                    CAPTURE(lineText(p, lb.start, lb.end));
                    const int last = lastVisible(p, lb.start, lb.end);
                    const bool atEdge = (lb.start > 0 && p.glueAfter[lb.start - 1] > 0) ||
                                        (lb.end < p.charCount() && p.glueAfter[last] > 0);
                    edgeLines += atEdge;
                    ++lines;
                    const double natural = naturalWidth(p, lb.start, lb.end);
                    CHECK(lb.width == doctest::Approx(natural));
                    auto left = buildLine(p, lb, LineAlign::Left, k + 1 == breaks.size());
                    CHECK(std::abs(left->width - natural) < 0.05);
                }
            }
        }
        MESSAGE(lines << " lines checked, " << edgeLines << " of them at a Han-Latin boundary");
        CHECK(edgeLines > 20);
    }
}

TEST_CASE("clreq 3.2.6: no Han-Latin glue beside full-width punctuation or inside brackets") {
    const char* cases[] = {"加入（WTO）后", "在“WTO”中", "《G20》报告", "据IMF，G20。", "在(WTO)中",
                           "「2025」年", "【G20】峰会"};
    for (const std::string lang : {"zh-Hans", "zh-Hant"}) {
        for (const char* c : cases) {
            CAPTURE(lang);
            CAPTURE(c);
            const auto p = measureZh(c, lang);
            const auto cps = codePoints(p);
            for (int i = 0; i + 1 < p.charCount(); ++i) {
                CAPTURE(i);
                const bool han = isHan(cps[i]) || isHan(cps[i + 1]);
                const bool alnum = g_unichar_isalnum(cps[i]) && g_unichar_isalnum(cps[i + 1]);
                // The only glue allowed is between a Han character and a Latin letter or digit.
                if (!(han && alnum)) CHECK(p.glueAfter[i] == 0);
            }
        }
    }
    // 据IMF has glue (据|I), the rest of that case none.
    const auto p = measureZh("据IMF，G20。");
    CHECK(p.glueAfter[0] == doctest::Approx(2.5));
}

TEST_CASE("clreq 3.1.4: punctuation compression") {
    SUBCASE("zh-Hans: 他说：“好。”然后") {
        const auto p = measureZh("他说：“好。”然后");
        REQUIRE(p.charCount() == 9);
        //                          他 说 ：    “  好  。    ”  然  后
        const bool compressed[] = {0, 0, 1, 0, 0, 1, 0, 0, 0};
        for (int i = 0; i < 9; ++i) {
            CAPTURE(i);
            CHECK(((p.flags[i] & kCompressed) != 0) == compressed[i]);
            CHECK(p.advance[i] == doctest::Approx(compressed[i] ? kSize / 2 : kSize).epsilon(0.05));
        }
    }
    SUBCASE("zh-Hant: 「好。」 compresses 。") {
        const auto p = measureZh("他說「好。」", "zh-Hant");
        REQUIRE(p.charCount() == 6);
        const bool compressed[] = {0, 0, 0, 0, 1, 0};
        for (int i = 0; i < 6; ++i) {
            CAPTURE(i);
            CHECK(((p.flags[i] & kCompressed) != 0) == compressed[i]);
            CHECK(p.advance[i] == doctest::Approx(compressed[i] ? kSize / 2 : kSize).epsilon(0.05));
        }
    }
    SUBCASE("zh-Hant: ？ and ！ before 」 stay one em") {
        for (const char* s : {"他問「好？」", "他說「好！」"}) {
            CAPTURE(s);
            const auto p = measureZh(s, "zh-Hant");
            REQUIRE(p.charCount() == 6);
            for (int i = 0; i < 6; ++i) {
                CAPTURE(i);
                CHECK((p.flags[i] & kCompressed) == 0);
                CHECK(p.advance[i] == doctest::Approx(kSize).epsilon(0.05));
            }
        }
    }
    SUBCASE("zh-Hans: ？！ before ” are compressed") {
        const auto p = measureZh("他问“好？”");
        REQUIRE(p.charCount() == 6);
        CHECK((p.flags[4] & kCompressed) != 0);
        CHECK(p.advance[4] == doctest::Approx(kSize / 2).epsilon(0.05));
    }
    SUBCASE("opening after opening: the second gives up its left half") {
        const auto p = measureZh("他说：“《书》”");
        REQUIRE(p.charCount() == 8);
        CHECK((p.flags[2] & kCompressed) != 0);  // ：“
        CHECK((p.flags[3] & kCompressed) == 0);  // “ keeps its blank left half...
        CHECK((p.flags[4] & kCompressed) != 0);  // ...《 gives up its own
        CHECK((p.flags[6] & kCompressed) != 0);  // 》”
        CHECK((p.flags[7] & kCompressed) == 0);  // the last mark has no neighbour
    }
    SUBCASE("off when the option is off") {
        ParagraphInput in;
        Span s;
        s.text = "他说：“好。”然后";
        s.size = kSize;
        in.spans.push_back(s);
        in.lang = *Lang::parse("zh-Hans");
        in.compressPunctuation = false;
        DiagnosticSink sink(false);
        auto p = measureParagraph(engine(), briefing(), in, "t.md", sink);
        for (int i = 0; i < p.charCount(); ++i) {
            CHECK((p.flags[i] & kCompressed) == 0);
            CHECK(p.advance[i] == doctest::Approx(kSize).epsilon(0.05));
        }
    }
}

namespace {

// About 600 characters of mixed Chinese: numbers and percentages, Latin acronyms with and without
// brackets, book-title marks, quotes, dashes and ellipses.
const char* kHans =
    "2025年，全球经济在多重压力下缓慢复苏。据国际货币基金组织（IMF）估算，全年增速约为3.2%，低于过去二十年"
    "的平均水平。世界贸易组织（WTO）在《全球贸易展望》中指出，货物贸易量增长2.6%，而可数字化交付的服务贸易"
    "增速高达8.5%——这一差距仍在扩大。G20各国领导人在峰会上表示：“我们将继续推动多边合作，反对任何形式的保"
    "护主义。”然而，分析人士认为……实际行动远比声明困难。报告还提到，亚洲新兴市场的出口在第三季度回升了4.1%"
    "，其中电子产品、机械设备和新能源汽车的贡献最大；与此同时，欧洲制造业采购经理人指数（PMI）连续6个月低"
    "于50，显示需求依然疲软。“我们看到的不是衰退，”一位驻日内瓦的官员说，“而是一次缓慢的、结构性的调整。”"
    "在《数字经济伙伴关系协定》（DEPA）的框架下，新加坡、智利和新西兰率先就电子发票、数字身份与跨境数据流动"
    "达成了规则；中国于2021年正式申请加入，谈判至今已进行了十余轮。专家指出，规则的细节——尤其是数据本地化"
    "与源代码保护——将决定这一协定能否成为新的全球标准。与此同时，美国、欧盟和日本在WTO电子商务联合声明倡议"
    "中的分歧依然明显……有人担心，碎片化的规则体系会抬高中小企业的合规成本，使它们难以分享数字贸易的红利。"
    "对此，报告建议各方在透明度、互认机制和能力建设三个方面加强合作，并在2026年前完成第一阶段的谈判。";

const char* kHant =
    "2025年，全球經濟在多重壓力下緩慢復甦。據國際貨幣基金組織（IMF）估算，全年增速約為3.2%，低於過去二十年"
    "的平均水準。世界貿易組織（WTO）在《全球貿易展望》中指出，貨物貿易量增長2.6%，而可數位化交付的服務貿易"
    "增速高達8.5%——這一差距仍在擴大。G20各國領導人在峰會上表示：「我們將繼續推動多邊合作，反對任何形式的保"
    "護主義。」然而，分析人士認為……實際行動遠比聲明困難。報告還提到，亞洲新興市場的出口在第三季度回升了4.1%"
    "，其中電子產品、機械設備和新能源汽車的貢獻最大；與此同時，歐洲製造業採購經理人指數（PMI）連續6個月低"
    "於50，顯示需求依然疲軟。「我們看到的不是衰退，」一位駐日內瓦的官員說，「而是一次緩慢的、結構性的調整。"
    "『軟著陸』仍有可能嗎？」在《數位經濟夥伴關係協定》（DEPA）的框架下，新加坡、智利和紐西蘭率先就電子發票"
    "、數位身分與跨境資料流動達成了規則；中國於2021年正式申請加入，談判至今已進行了十餘輪。專家指出，規則的"
    "細節——尤其是資料在地化與原始碼保護——將決定這一協定能否成為新的全球標準。與此同時，美國、歐盟和日本在"
    "WTO電子商務聯合聲明倡議中的分歧依然明顯……有人擔心，碎片化的規則體系會抬高中小企業的合規成本！對此，報告"
    "建議各方在透明度、互認機制和能力建設三個方面加強合作，並在2026年前完成第一階段的談判。";

int countable(const std::vector<char32_t>& cps, const MeasuredParagraph& p, int start, int end) {
    int n = 0;
    for (int i = start; i < end; ++i)
        if (!(p.flags[i] & kWhite) && !g_unichar_ispunct(cps[i])) ++n;
    return n;
}

}  // namespace

TEST_CASE("clreq brute force: ~600-character paragraphs at 120 widths, zh-Hans and zh-Hant") {
    Tally t;
    for (const auto& [lang, text] : {std::pair<std::string, const char*>{"zh-Hans", kHans}, {"zh-Hant", kHant}}) {
        CAPTURE(lang);
        const auto p = measureZh(text, lang);
        const auto cps = codePoints(p);
        CHECK(p.charCount() > 550);
        for (int w = 0; w < 120; ++w) {
            const double width = 80 + w * (400.0 / 119);
            CAPTURE(width);
            auto lines = breakLines(p, LineWidths{{width}}, optimal());
            checkEdges(p, cps, lines);
            ++t.widths;
            for (size_t k = 0; k < lines.size(); ++k) {
                const LineBreak& lb = lines[k];
                const bool last = k + 1 == lines.size();
                CAPTURE(k);
                CAPTURE(lineText(p, lb.start, lb.end));
                ++t.lines;
                CHECK_FALSE(lb.overfull);
                CHECK(lb.available == width);
                CHECK(lb.width == doctest::Approx(lineWidth(p, lb.start, lb.end)));
                auto line = buildLine(p, lb, LineAlign::Justify, last);
                CHECK(line->plain == lineText(p, lb.start, lastVisible(p, lb.start, lb.end) + 1));
                if (!last) {
                    // Justified flush at both ends (clreq 3.8).
                    CHECK(std::abs(line->width - width) < 0.05);
                    CHECK(lb.ratio >= -1 - 1e-9);
                } else {
                    // clreq 3.7: the paragraph's last line holds at least two characters.
                    CHECK(countable(cps, p, lb.start, lb.end) >= 2);
                }
            }
        }
    }
    MESSAGE(t.lines << " lines checked at " << t.widths << " (language, width) combinations");
}

// A last line (or a line before a hard break) is never justified, but the optimal breaker lets it
// shrink: it accepts a last line whose natural width exceeds the measure when its shrink covers the
// excess (ratio in [-1, 0)). buildLine then sets it at its natural width, wider than the measure.
TEST_CASE("clreq brute force: the last line fits the measure as drawn") {
    int checked = 0, wider = 0;
    for (const auto& [lang, text] : {std::pair<std::string, const char*>{"zh-Hans", kHans}, {"zh-Hant", kHant}}) {
        const auto p = measureZh(text, lang);
        for (int w = 0; w < 120; ++w) {
            const double width = 80 + w * (400.0 / 119);
            auto lines = breakLines(p, LineWidths{{width}}, optimal());
            const LineBreak& lb = lines.back();
            auto line = buildLine(p, lb, LineAlign::Justify, true);
            ++checked;
            if (line->width > width + 0.01) {
                ++wider;
                MESSAGE(lang << " width " << width << ": last line \"" << lineText(p, lb.start, lb.end) << "\" drawn "
                             << line->width << "pt, ratio " << lb.ratio);
            }
        }
    }
    MESSAGE(wider << " of " << checked << " last lines drawn wider than the measure");
    CHECK(wider == 0);
}

// The smallest case of the above: 13 characters, 130pt natural, one zh-Hans comma that may give up
// a quarter em mid-line; at 128pt total fit keeps one line (ratio -0.8), drawn 130pt wide.
TEST_CASE("a one-line paragraph that needs shrinking is drawn within the measure") {
    const auto p = measureZh("汉字汉字汉字汉字汉字，汉字");
    REQUIRE(p.charCount() == 13);
    const double natural = lineWidth(p, 0, 13);
    REQUIRE(natural == doctest::Approx(130).epsilon(0.01));
    const double width = natural - 2;
    auto lines = breakLines(p, LineWidths{{width}}, optimal());
    REQUIRE_FALSE(lines.empty());
    for (size_t k = 0; k < lines.size(); ++k) {
        CAPTURE(k);
        auto line = buildLine(p, lines[k], LineAlign::Justify, k + 1 == lines.size());
        CHECK(line->width <= width + 0.01);
    }
}
