// Tests of tables (layout/table.cpp, table_numbers.cpp) as set by the article layout with the
// shipped styles and fonts: numbers read from cells, decimal points aligned, tabular figures, a
// table too wide for its column set smaller, across the columns, or refused; rows taller than a
// page cut between their lines; Chinese cells wrapped by the clreq rules.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "base/utf8.h"
#include "layout/article.h"
#include "layout/table_numbers.h"
#include "parse/article.h"
#include "style/style.h"
#include "text/engine.h"

using namespace inkstone;
using layout::CellKind;

namespace {

const style::Style& styleNamed(const std::string& name) {
    static std::map<std::string, style::Style> styles;
    auto it = styles.find(name);
    if (it == styles.end()) it = styles.emplace(name, style::loadStyle(name)).first;
    return it->second;
}

text::TextEngine& engine() {
    static text::TextEngine e;
    return e;
}

layout::PagedDocument layOut(const std::string& src, const std::string& style, DiagnosticSink& sink) {
    const model::Document doc = parse::parseArticle(src, "t.md", sink);
    return layout::layoutArticle(doc, styleNamed(style), engine(), sink, {});
}

layout::CellNumber read(const std::string& s) {
    std::u32string t;
    for (size_t i = 0; i < s.size();) t += decodeUtf8(s, i);
    return layout::readNumber(t);
}

// Cells by column: the column of each TH/TD node (a row's cells come in order).
std::map<int, int> columnsOf(const layout::PagedDocument& out) {
    std::map<int, int> columnOf;
    for (size_t i = 0, col = 0; i < out.structure.size(); ++i) {
        const auto r = out.structure[i].role;
        if (r == layout::Role::TR) col = 0;
        if (r == layout::Role::TH || r == layout::Role::TD) columnOf[static_cast<int>(i)] = static_cast<int>(col++);
    }
    return columnOf;
}

bool isBody(const layout::PagedDocument& out, int node) { return out.structure.at(static_cast<size_t>(node)).role == layout::Role::TD; }

// The x where the glyph for byte `byte` of the line's paragraph text starts (the line's right
// edge past its end).
double xAtByte(const layout::TextItem& t, int byte) {
    for (const text::GlyphRun& run : t.line->runs) {
        const std::vector<int> offsets = text::glyphOffsets(run);
        double pen = t.x + run.x;
        for (size_t g = 0; g < run.glyphs.size(); ++g) {
            if (offsets[g] == byte) return pen;
            pen += run.glyphs[g].advance;
        }
    }
    return t.x + t.line->width;
}

// Where a number's decimal point is (or would be) on the page: its anchor.
double anchorX(const layout::TextItem& t) {
    std::u32string text;
    std::vector<int> bytes;
    const std::string& s = t.line->plain;
    for (size_t i = 0; i < s.size();) {
        bytes.push_back(static_cast<int>(i));
        text += decodeUtf8(s, i);
    }
    bytes.push_back(static_cast<int>(s.size()));
    const layout::CellNumber n = layout::readNumber(text);
    REQUIRE(n.kind == CellKind::Number);
    return xAtByte(t, t.line->start == 0 ? bytes[static_cast<size_t>(n.anchor)] : -1);
}

}  // namespace

TEST_CASE("readNumber: what a number in a cell is, and where its point is") {
    CHECK(read("12.5").kind == CellKind::Number);
    CHECK(read("12.5").anchor == 2);
    CHECK(read("1,234,567.89").anchor == 9);
    CHECK(read("17").anchor == 2);           // no point: after the integer part
    CHECK(read("3%").anchor == 1);
    CHECK(read("(4.5%)").anchor == 2);       // accounts' negative
    CHECK(read("−0.25").anchor == 2);
    CHECK(read("+12").anchor == 3);
    CHECK(read("US$1,200").anchor == 8);
    CHECK(read("€ 3.2 bn").anchor == 3);
    CHECK(read("~40").kind == CellKind::Number);
    CHECK(read(".5").anchor == 0);
    CHECK(read("12.5*").kind == CellKind::Number);
    CHECK(read("１２．５亿").anchor == 2);   // full-width digits and point, a Chinese magnitude
    CHECK(read("约7480亿元").anchor == 5);
    CHECK(read("3 200").kind == CellKind::Text);  // a plain space does not group thousands
    CHECK(read("1 200").kind == CellKind::Text);
    CHECK(read("1\u2009200").kind == CellKind::Number);  // a thin space does
    for (const char* t : {"12,34", "1,2345", "1.5–2.0", "2024 Q1", "Laos", "12 people here", "v2", "A-1", "4.5.6"}) {
        CAPTURE(t);
        CHECK(read(t).kind == CellKind::Text);
    }
    for (const char* t : {"—", "-", "n/a", "…"}) CHECK(read(t).kind == CellKind::Placeholder);
    CHECK(read("  ").kind == CellKind::Empty);
    // A raised note reference after a number is skipped; the anchor stays before it.
    std::u32string t = U"12³";
    CHECK(layout::readNumber(t, {false, false, true}).anchor == 2);
    CHECK(layout::readNumber(U"7.5†", {false, false, false, true}).kind == CellKind::Number);

    using K = std::vector<CellKind>;
    CHECK(layout::numericColumn(K{CellKind::Number, CellKind::Number, CellKind::Text}));
    CHECK(layout::numericColumn(K{CellKind::Number, CellKind::Placeholder, CellKind::Empty}));
    CHECK(!layout::numericColumn(K{CellKind::Number, CellKind::Text}));
    CHECK(!layout::numericColumn(K{CellKind::Placeholder, CellKind::Empty}));
}

TEST_CASE("tables: numbers aligned on their decimal points, set with tabular figures") {
    const std::string src =
        "---\ntitle: Numbers\n---\n\n"
        "| Country | Capacity (GW) | Share | Change | Code |\n|:--|--:|---|:-:|:--|\n"
        "| Laos | 9.1 | 12.5% | +0.4 | A-1 |\n"
        "| Viet Nam | 1,234.75 | 3% | −12.25 | B-22 |\n"
        "| Cambodia | 17 | — | n/a | C |\n"
        "| Thailand | 0.125 | (4.5%) | 7 | D |\n"
        "| **Total** | **1,261.975** | 120% | 1.1 | E |\n";
    DiagnosticSink sink(false);
    const layout::PagedDocument out = layOut(src, "briefing", sink);
    REQUIRE(sink.empty());
    const std::map<int, int> columnOf = columnsOf(out);
    std::map<int, std::vector<const layout::TextItem*>> body, head;
    for (const auto& item : out.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node))
            (isBody(out, t->tag.node) ? body : head)[columnOf.at(t->tag.node)].push_back(t);
    REQUIRE(body[1].size() == 5);
    REQUIRE(body[2].size() == 5);
    // Decimal points (and the integer parts' ends) at one x, in the right-aligned column and in
    // the default-aligned one (a column of numbers); bold totals too; a dash ends there.
    for (int c : {1, 2}) {
        CAPTURE(c);
        double lo = 1e9, hi = -1e9;
        for (const layout::TextItem* t : body[c]) {
            const double x = t->line->plain == "—" ? t->x + t->line->width : anchorX(*t);
            lo = std::min(lo, x), hi = std::max(hi, x);
        }
        MESSAGE("column " << c << ": decimal points within " << hi - lo << " pt");
        CHECK(hi - lo < 0.1);
        // The numbers do not all end at one edge (they are aligned on the point, not flush right)
        // and the header ends at the column's right edge, past every number.
        double rlo = 1e9, rhi = -1e9;
        for (const layout::TextItem* t : body[c]) rlo = std::min(rlo, t->x + t->line->width), rhi = std::max(rhi, t->x + t->line->width);
        CHECK(rhi - rlo > 1);
        REQUIRE(head[c].size() == 1);
        CHECK(head[c][0]->x + head[c][0]->line->width >= rhi - 0.01);
    }
    // The centred column of numbers stays centred (the author said so).
    double mid = body[3][0]->x + body[3][0]->line->width / 2;
    for (const layout::TextItem* t : body[3]) CHECK(std::abs(t->x + t->line->width / 2 - mid) < 0.1);
    // Tabular figures: every digit of the numbers' columns has one advance (per weight).
    std::map<bool, std::vector<double>> advances;  // bold -> digit advances
    for (int c : {1, 2, 3})
        for (const layout::TextItem* t : body[c])
            for (const text::GlyphRun& run : t->line->runs) {
                const std::vector<int> offsets = text::glyphOffsets(run);
                for (size_t g = 0; g < run.glyphs.size(); ++g) {
                    const char ch = (*t->line->text)[static_cast<size_t>(offsets[g])];
                    if (ch >= '0' && ch <= '9') advances[run.face->file.find("Bold") != std::string::npos].push_back(run.glyphs[g].advance);
                }
            }
    REQUIRE(advances[false].size() > 20);
    REQUIRE(advances[true].size() > 5);
    for (auto& [bold, a] : advances) {
        CAPTURE(bold);
        CHECK(*std::max_element(a.begin(), a.end()) - *std::min_element(a.begin(), a.end()) < 1e-3);
    }
}

TEST_CASE("tables: numbers with note references align as printed ([1] in Chinese)") {
    // The parser's reference text is the note's number; the layout prints the style's
    // note-reference label ("[1]" in Chinese): the alignment must follow what is printed.
    for (const char* lang : {"en", "zh-Hans"}) {
        CAPTURE(lang);
        const std::string src = std::string("---\ntitle: Notes\nlang: ") + lang + "\n---\n\n| Year | Flow |\n|---|--:|\n"
                                "| 2018 | 498.3 |\n| 2019 | 380.1[^1] |\n| 2020 | 410.25[^2] |\n| 2021 | 12 |\n\n"
                                "[^1]: The driest year.\n\n[^2]: Revised.\n";
        DiagnosticSink sink(false);
        const layout::PagedDocument out = layOut(src, "briefing", sink);
        CHECK(sink.empty());
        const std::map<int, int> columnOf = columnsOf(out);
        double lo = 1e9, hi = -1e9;
        int n = 0;
        for (const auto& item : out.pages.at(0).items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node) && isBody(out, t->tag.node) &&
                                                               columnOf.at(t->tag.node) == 1) {
                // The note reference is a raised run: read the number without it.
                std::u32string text;
                std::vector<bool> raised;
                std::vector<int> bytes;
                for (const text::GlyphRun& run : t->line->runs)
                    for (size_t i = static_cast<size_t>(run.textStart); i < static_cast<size_t>(run.textStart + run.textLength);) {
                        bytes.push_back(static_cast<int>(i));
                        text += decodeUtf8(*t->line->text, i);
                        raised.push_back(run.rise != 0);
                    }
                const layout::CellNumber num = layout::readNumber(text, raised);
                REQUIRE(num.kind == CellKind::Number);
                const double x = static_cast<size_t>(num.anchor) < bytes.size() ? xAtByte(*t, bytes[static_cast<size_t>(num.anchor)])
                                                                               : t->x + t->line->width;
                lo = std::min(lo, x), hi = std::max(hi, x);
                ++n;
            }
        CHECK(n == 4);
        CHECK(hi - lo < 0.1);
    }
}

TEST_CASE("tables: a table too wide for its column is set smaller, down to tables.min-font-size") {
    // Five columns of long words: about 520pt at the table's 9pt, in a 471pt column.
    std::string src = "---\ntitle: Wide\n---\n\n|";
    for (int c = 0; c < 5; ++c) src += " Head" + std::to_string(c) + " |";
    src += "\n|";
    for (int c = 0; c < 5; ++c) src += "---|";
    src += "\n";
    for (int r = 0; r < 3; ++r) {
        src += "|";
        for (int c = 0; c < 5; ++c) src += " Internationalisation" + std::to_string(c) + " |";
        src += "\n";
    }
    DiagnosticSink sink(false);
    const layout::PagedDocument out = layOut(src, "briefing", sink);
    CHECK(sink.empty());  // no word wider than its cell
    const style::Style& st = styleNamed("briefing");
    const double left = st.page.margin.inner, right = st.page.width - st.page.margin.outer;
    const std::map<int, int> columnOf = columnsOf(out);
    double size = 0, lo = 1e9, hi = -1e9;
    for (const auto& item : out.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node)) {
            size = t->line->runs.at(0).face->size;
            lo = std::min(lo, t->x);
            hi = std::max(hi, t->x + t->line->width);
        }
    MESSAGE("cells set at " << size << " pt (the style's " << st.element("table").fontSize << " pt)");
    CHECK(size < st.element("table").fontSize);
    CHECK(size > st.tables.minFontSize);             // not all the way down: as large as fits
    CHECK(std::fmod(size * 2, 1.0) == doctest::Approx(0));  // in half-point steps
    CHECK(lo >= left - 0.01);
    CHECK(hi <= right + 0.01);
}

TEST_CASE("tables: too wide for a column of a two-column style, the table spans the columns") {
    // quarterly: two columns of about 203pt; five long words need about 300pt even at 7pt.
    std::string src = "---\ntitle: Span\n---\n\nA paragraph before.\n\n| A | B | C | D | E |\n|---|---|---|---|---|\n";
    for (int r = 0; r < 4; ++r) src += "| Responsibilities | Accountability | Transparency | Implementation | Coordination |\n";
    src += "\nA paragraph after.\n";
    DiagnosticSink sink(false);
    const layout::PagedDocument out = layOut(src, "quarterly", sink);
    CHECK(sink.empty());
    const style::Style& st = styleNamed("quarterly");
    const std::map<int, int> columnOf = columnsOf(out);
    const double column = (st.page.width - st.page.margin.inner - st.page.margin.outer - st.page.columnGap) / 2;
    size_t page = 99;
    double lo = 1e9, hi = -1e9, top = 1e9;
    for (size_t p = 0; p < out.pages.size(); ++p)
        for (const auto& item : out.pages[p].items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node)) {
                page = std::min(page, p);
                lo = std::min(lo, t->x);
                hi = std::max(hi, t->x + t->line->width);
                top = std::min(top, t->baseline);
            }
    REQUIRE(page < out.pages.size());
    MESSAGE("the table is " << hi - lo << " pt wide, a column " << column << " pt");
    CHECK(hi - lo > column + st.page.columnGap);  // across both columns
    // The first page's columns had begun (the head, a paragraph): the table tops the next page.
    CHECK(page == 1);
    const double pageLeft = page % 2 == 1 ? st.page.margin.outer : st.page.margin.inner;
    CHECK(lo >= pageLeft - 0.01);
    CHECK(top < st.page.margin.top + 30);
}

TEST_CASE("tables: too wide even across the columns, a table is an error naming its line") {
    std::string src = "---\ntitle: Too wide\n---\n\nText.\n\n|";
    for (int c = 0; c < 9; ++c) src += " H |";
    src += "\n|";
    for (int c = 0; c < 9; ++c) src += "---|";
    src += "\n|";
    for (int c = 0; c < 9; ++c) src += " Internationalisation |";
    src += "\n";
    for (const char* style : {"quarterly", "briefing"}) {
        CAPTURE(style);
        DiagnosticSink sink(false);
        try {
            layOut(src, style, sink);
            FAIL("no error");
        } catch (const UserError& e) {
            const std::string msg = formatDiagnostic(e.diagnostic());
            MESSAGE(msg);
            CHECK(msg.rfind("t.md:7:1: error: the table is too wide: its columns need ", 0) == 0);
            CHECK(msg.find(std::string(style) == "quarterly" ? "the text is" : "the column is") != std::string::npos);
            CHECK(msg.find("tables.min-font-size") != std::string::npos);
        }
    }
}

TEST_CASE("tables: set across the columns, a table taller than a page is an error naming its line") {
    std::string src = "---\ntitle: Too long\n---\n\n| A | B | C | D | E |\n|---|---|---|---|---|\n";
    for (int r = 0; r < 120; ++r) src += "| Responsibilities | Accountability | Transparency | Implementation | Coordination |\n";
    DiagnosticSink sink(false);
    try {
        layOut(src, "quarterly", sink);
        FAIL("no error");
    } catch (const UserError& e) {
        const std::string msg = formatDiagnostic(e.diagnostic());
        MESSAGE(msg);
        CHECK(msg.rfind("t.md:5:1: error: the table is too wide for a column and, set across the columns, taller than a page", 0) == 0);
    }
    // In one column the same table runs over pages, its header on each.
    const layout::PagedDocument out = layOut(src, "briefing", sink);
    CHECK(out.pages.size() >= 2);
    CHECK(sink.empty());
}

TEST_CASE("tables: a row taller than a page is cut between its lines; other rows are never split") {
    std::string src = "---\ntitle: Tall row\n---\n\n| Year | Account |\n|---|---|\n| 2024 | Short. |\n| 2025 | ";
    for (int i = 0; i < 900; ++i) src += "The river rose again. ";
    src += "|\n| 2026 | Short again. |\n";
    DiagnosticSink sink(false);
    const layout::PagedDocument out = layOut(src, "briefing", sink);
    CHECK(sink.empty());
    const style::Style& st = styleNamed("briefing");
    const double bottom = st.page.height - st.page.margin.bottom;
    REQUIRE(out.pages.size() >= 3);
    int headers = 0, lines = 0;
    for (const auto& page : out.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item)) {
                if (t->tag.artifact != layout::Artifact::None && t->tag.artifact != layout::Artifact::Repeated) continue;
                CHECK(t->baseline <= bottom);  // nothing below the text area
                headers += t->line->plain == "Year";
                lines += t->line->plain.find("river") != std::string::npos;
            }
    CHECK(lines > 100);
    CHECK(headers == static_cast<int>(out.pages.size()));  // the header over every piece
    // A row that fits a page is never split: "2026" and its cell share a baseline on one page.
    for (const auto& page : out.pages) {
        double year = -1, text = -1;
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item)) {
                if (t->line->plain == "2026") year = t->baseline;
                if (t->line->plain == "Short again.") text = t->baseline;
            }
        CHECK((year < 0) == (text < 0));
        if (year >= 0) CHECK(year == doctest::Approx(text));
    }
}

TEST_CASE("tables: long Chinese cells wrap by the clreq line-start and line-end rules") {
    std::string src = "---\ntitle: 表格\nlang: zh-Hans\n---\n\n| 项目 | 说明 | 金额（亿元） |\n|---|---|--:|\n";
    src += "| 水电 | “干流大坝”仍在规划之中，尚未开工；下游的担忧持续存在，相关研究也在继续。各方仍在讨论数据共享、泄洪通报的安排，"
           "下游社区希望尽早获得可靠的信息（包括水位、流量与泥沙）。 | 1,234.5 |\n";
    src += "| 航运 | 《湄公河航运协定》规定，沿岸国家应当“相互通报”。 | 87.25 |\n";
    src += "| 渔业 | 鱼类洄游受阻，渔获减少——约三成。 | 9 |\n";
    src += "| 合计 | — | １２．５亿 |\n";  // full-width digits and point, a Chinese magnitude
    DiagnosticSink sink(false);
    const layout::PagedDocument out = layOut(src, "quarterly", sink);
    CHECK(sink.empty());
    const std::map<int, int> columnOf = columnsOf(out);
    int described = 0;
    std::vector<const layout::TextItem*> amounts;
    for (const auto& page : out.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node) && isBody(out, t->tag.node)) {
                const std::string& s = t->line->plain;
                if (columnOf.at(t->tag.node) == 2) amounts.push_back(t);
                if (columnOf.at(t->tag.node) != 1) continue;
                ++described;
                size_t i = 0;
                const char32_t first = decodeUtf8(s, i);
                char32_t last = 0;
                for (size_t j = 0; j < s.size();) last = decodeUtf8(s, j);
                CAPTURE(s);
                CHECK(std::u32string_view(U"、，。；：？！”’）》」』】").find(first) == std::u32string_view::npos);
                CHECK(std::u32string_view(U"“‘（《「『【").find(last) == std::u32string_view::npos);
                CHECK(s.rfind("——", 0) != 0);  // never a line starting with the two-em dash
            }
    CHECK(described >= 6);  // the long cell wraps in a narrow column
    // The amounts (a column of numbers in a Chinese table) align on their points too, in
    // whichever column of the page they are.
    REQUIRE(amounts.size() == 4);
    const style::Style& st = styleNamed("quarterly");
    const double column = (st.page.width - st.page.margin.inner - st.page.margin.outer - st.page.columnGap) / 2;
    double lo = 1e9, hi = -1e9;
    for (const layout::TextItem* t : amounts) {
        const double x = anchorX(*t) - (t->x > st.page.margin.inner + column ? column + st.page.columnGap : 0);
        lo = std::min(lo, x), hi = std::max(hi, x);
    }
    CHECK(hi - lo < 0.1);
    // Short cells ("项目", "水电") are not wrapped to make room for the long one.
    for (const auto& item : out.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node) && columnOf.at(t->tag.node) == 0)
            CHECK(t->line->plain.size() == 6);  // two characters a line, never one
}
