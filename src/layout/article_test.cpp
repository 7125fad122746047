// Tests of the article layout's text helpers: dates per style and language, author lists.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "layout/article.h"
#include "model/document.h"
#include "parse/article.h"
#include "text/engine.h"
#include "style/style.h"

using namespace inkstone;

namespace {

const style::Style& briefing() {
    static const style::Style s = style::loadStyle("briefing");
    return s;
}

std::vector<model::Author> authors(const std::vector<std::string>& names) {
    std::vector<model::Author> out;
    for (const auto& n : names) out.push_back(model::Author{n, "Fellow", "Institute"});
    return out;
}

}  // namespace

TEST_CASE("formatDate with the briefing style") {
    const model::Date d{2026, 3, 25};
    CHECK(layout::formatDate(d, *Lang::parse("en"), briefing()) == "25 March 2026");
    CHECK(layout::formatDate(d, *Lang::parse("zh-Hans"), briefing()) == "2026年3月25日");
    CHECK(layout::formatDate(d, *Lang::parse("zh-Hant"), briefing()) == "2026年3月25日");
    CHECK(layout::formatDate(d, *Lang::parse("zh-Hant-HK"), briefing()) == "2026年3月25日");
    CHECK(layout::formatDate({2025, 1, 5}, *Lang::parse("en"), briefing()) == "5 January 2025");  // no zero padding
    CHECK(layout::formatDate({2025, 12, 31}, *Lang::parse("en"), briefing()) == "31 December 2025");
    CHECK(layout::formatDate({2025, 11, 2}, *Lang::parse("zh-Hans"), briefing()) == "2025年11月2日");
}

TEST_CASE("formatDate: fields and fallbacks") {
    style::Style st;  // no date formats at all: ISO
    CHECK(layout::formatDate({2026, 3, 5}, *Lang::parse("en"), st) == "2026-03-05");
    CHECK(layout::formatDate({2026, 3, 5}, *Lang::parse("zh-Hans"), st) == "2026-03-05");

    st.dateFormat["en"] = "{month-abbr} {day2}, {year} ({month2}/{month}/{day})";
    CHECK(layout::formatDate({2026, 9, 7}, *Lang::parse("en"), st) == "Sep 07, 2026 (09/9/7)");

    // zh-Hant-HK -> zh-Hant -> zh-Hans for Chinese; en for anything else.
    st.dateFormat["zh-Hans"] = "{year}年{month}月{day}日";
    CHECK(layout::formatDate({2026, 3, 5}, *Lang::parse("zh-Hant"), st) == "2026年3月5日");
    CHECK(layout::formatDate({2026, 3, 5}, *Lang::parse("zh-Hant-HK"), st) == "2026年3月5日");
    st.dateFormat["zh-Hant"] = "民國{year}";
    CHECK(layout::formatDate({2026, 3, 5}, *Lang::parse("zh-Hant-HK"), st) == "民國2026");
    st.dateFormat["zh-Hant-HK"] = "{day}/{month}/{year}";
    CHECK(layout::formatDate({2026, 3, 5}, *Lang::parse("zh-Hant-HK"), st) == "5/3/2026");
}

TEST_CASE("joinAuthors in English") {
    CHECK(layout::joinAuthors({}, *Lang::parse("en")) == "");
    CHECK(layout::joinAuthors(authors({"Lin Qiao"}), *Lang::parse("en")) == "Lin Qiao");
    CHECK(layout::joinAuthors(authors({"A", "B"}), *Lang::parse("en")) == "A and B");
    CHECK(layout::joinAuthors(authors({"A", "B", "C"}), *Lang::parse("en")) == "A, B and C");
    CHECK(layout::joinAuthors(authors({"A", "B", "C", "D"}), *Lang::parse("en")) == "A, B, C and D");
}

TEST_CASE("joinAuthors in Chinese uses the enumeration comma") {
    CHECK(layout::joinAuthors(authors({"甲"}), *Lang::parse("zh-Hans")) == "甲");
    CHECK(layout::joinAuthors(authors({"甲", "乙"}), *Lang::parse("zh-Hans")) == "甲、乙");
    CHECK(layout::joinAuthors(authors({"甲", "乙", "丙"}), *Lang::parse("zh-Hans")) == "甲、乙、丙");
    CHECK(layout::joinAuthors(authors({"林乔", "陈梅"}), *Lang::parse("zh-Hant")) == "林乔、陈梅");
    CHECK(layout::joinAuthors(authors({"林乔", "陈梅"}), *Lang::parse("zh-Hant-HK")) == "林乔、陈梅");
}

TEST_CASE("the page model says what its items are: roles in reading order, artifacts apart") {
    const std::string src =
        "---\ntitle: Structure\nlang: zh-Hant\nauthor: 甲\n---\n\n"
        "A paragraph with a note.[^1] And [a link](https://example.org/x) in it.\n\n"
        "| Year | Value |\n|---|--:|\n| 2024 | 1 |\n| 2025 | 2 |\n\n"
        "1. first\n2. second\n\n"
        "[^1]: The note.\n";
    DiagnosticSink sink(false);
    const model::Document doc = parse::parseArticle(src, "s.md", sink);
    text::TextEngine engine;
    const layout::PagedDocument out = layout::layoutArticle(doc, briefing(), engine, sink, {});
    std::vector<std::string> roles;
    for (const auto& n : out.structure) roles.push_back(layout::roleName(n.role));
    auto count = [&](const char* r) { return std::count(roles.begin(), roles.end(), std::string(r)); };
    REQUIRE(!roles.empty());
    CHECK(roles[0] == "Art");
    CHECK(out.structure[0].parent == -1);
    CHECK(out.structure[0].lang.tag() == "zh-Hant");
    CHECK(count("H1") == 1);
    CHECK(count("Table") == 1);
    CHECK(count("THead") == 1);
    CHECK(count("TBody") == 1);
    CHECK(count("TR") == 3);
    CHECK(count("TH") == 2);
    CHECK(count("TD") == 4);
    CHECK(count("L") == 1);
    CHECK(count("LI") == 2);
    CHECK(count("Note") == 1);
    CHECK(count("Lbl") == 3);  // two list labels, one note number
    // Inside the paragraph: the link, and the note reference holding a link of its own (every
    // link annotation in a Link, PDF/UA-1), children of its P; the line's runs say which link.
    CHECK(count("Reference") == 1);
    CHECK(count("Link") == 2);
    std::set<int> inline_;
    for (size_t i = 0; i < out.structure.size(); ++i) {
        const auto& parent = out.structure[static_cast<size_t>(std::max(0, out.structure[i].parent))];
        if (out.structure[i].role == layout::Role::Reference) CHECK(parent.role == layout::Role::P);
        if (out.structure[i].role == layout::Role::Link) {
            CHECK((parent.role == layout::Role::P || parent.role == layout::Role::Reference));
            inline_.insert(static_cast<int>(i));
        }
    }
    std::set<int> seen;
    for (const auto& page : out.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item))
                for (size_t r = 0; r < t->runTags.size(); ++r)
                    if (t->runTags[r].node >= 0) {
                        seen.insert(t->runTags[r].node);
                        CHECK(!t->line->runs[r].link.empty());
                    }
    CHECK(seen == inline_);
    // Parents come before their children; a TD's parent is a TR inside the TBody.
    for (size_t i = 0; i < out.structure.size(); ++i) CHECK(out.structure[i].parent < static_cast<int>(i));
    for (const auto& n : out.structure)
        if (n.role == layout::Role::TD) {
            const auto& tr = out.structure[static_cast<size_t>(n.parent)];
            CHECK(tr.role == layout::Role::TR);
            CHECK(out.structure[static_cast<size_t>(tr.parent)].role == layout::Role::TBody);
        }
    // Every drawn item has a node or is an artifact; the table's rules and the running heads are artifacts.
    int artifacts = 0, folios = 0;
    for (const auto& page : out.pages)
        for (const auto& item : page.items) {
            const layout::ItemTag* tag = nullptr;
            if (auto* t = std::get_if<layout::TextItem>(&item)) tag = &t->tag;
            if (auto* r = std::get_if<layout::RuleItem>(&item)) tag = &r->tag;
            if (!tag) continue;
            const bool ok = tag->artifact != layout::Artifact::None ||
                            (tag->node >= 0 && static_cast<size_t>(tag->node) < out.structure.size());
            CHECK(ok);
            artifacts += tag->artifact != layout::Artifact::None;
            folios += tag->artifact == layout::Artifact::Folio;
        }
    CHECK(artifacts >= 5);
    CHECK(folios >= 1);
}

TEST_CASE("tables: column widths from the cells' content, the Markdown alignment honoured") {
    const std::string src =
        "---\ntitle: Table\n---\n\n"
        "| Country | GW | Note |\n|:--|--:|:-:|\n"
        "| Laos | 9.1 | most dams stand on tributaries of the mainstream |\n"
        "| Viet Nam | 12.4 | delta |\n"
        "| Cambodia | 1.7 | 一座干流水坝仍在规划之中，尚未开工，下游的担忧持续存在，相关研究也在继续；"
        "各方仍在讨论数据共享与泄洪通报的安排，下游社区希望尽早获得可靠的信息 |\n";
    DiagnosticSink sink(false);
    const model::Document doc = parse::parseArticle(src, "t.md", sink);
    text::TextEngine engine;
    const layout::PagedDocument out = layout::layoutArticle(doc, briefing(), engine, sink, {});
    REQUIRE(sink.empty());
    // Cells by their node's column: a row's cells come in order.
    std::map<int, int> columnOf;  // cell node -> column
    for (size_t i = 0, col = 0; i < out.structure.size(); ++i) {
        const auto r = out.structure[i].role;
        if (r == layout::Role::TR) col = 0;
        if (r == layout::Role::TH || r == layout::Role::TD) columnOf[static_cast<int>(i)] = static_cast<int>(col++);
    }
    std::map<int, std::vector<std::pair<double, double>>> edges;  // column -> (left, right) of each line
    std::string cjk;
    for (const auto& item : out.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && columnOf.count(t->tag.node)) {
            edges[columnOf[t->tag.node]].emplace_back(t->x, t->x + t->line->width);
            if (static_cast<unsigned char>(t->line->plain[0]) >= 0xE0) cjk += "|";  // a line of Chinese
        }
    REQUIRE(edges.size() == 3);
    // Right-aligned numbers (and their header) end at one edge, within 0.1 pt: numbers with as
    // many decimals (numbers with more or fewer align on the point: table_test.cpp).
    double rmin = 1e9, rmax = -1e9;
    for (const auto& [l, r] : edges[1]) rmin = std::min(rmin, r), rmax = std::max(rmax, r);
    CHECK(rmax - rmin < 0.1);
    // Left-aligned names start at one edge; the centred column's lines share a middle.
    for (const auto& [l, r] : edges[0]) CHECK(std::abs(l - edges[0][0].first) < 0.01);
    double mid0 = (edges[2][0].first + edges[2][0].second) / 2;
    for (const auto& [l, r] : edges[2]) CHECK(std::abs((l + r) / 2 - mid0) < 0.1);
    // Widths follow the content: the numbers' column is narrower than the names', the notes'
    // column (long text) takes most of the width, and its long Chinese cell wraps.
    auto span = [&](int c) {
        double lo = 1e9, hi = -1e9;
        for (const auto& [l, r] : edges[c]) lo = std::min(lo, l), hi = std::max(hi, r);
        return hi - lo;
    };
    CHECK(span(1) < span(0));
    CHECK(span(2) > 2 * span(0));
    CHECK(cjk.size() >= 2);  // two or more lines of the Chinese cell
}

TEST_CASE("tables: the header row is set again on every page a long table continues to, as an artifact") {
    std::string src = "---\ntitle: Long\n---\n\n| Year | Value |\n|:--|--:|\n";
    for (int i = 0; i < 90; ++i) src += "| " + std::to_string(1930 + i) + " | " + std::to_string(i * 37 % 1000) + " |\n";
    DiagnosticSink sink(false);
    const model::Document doc = parse::parseArticle(src, "t.md", sink);
    text::TextEngine engine;
    const layout::PagedDocument out = layout::layoutArticle(doc, briefing(), engine, sink, {});
    REQUIRE(out.pages.size() >= 2);
    int theads = 0;
    for (const auto& n : out.structure) theads += n.role == layout::Role::THead;
    CHECK(theads == 1);  // one header in the structure
    for (size_t p = 0; p < out.pages.size(); ++p) {
        CAPTURE(p);
        int headers = 0;
        for (const auto& item : out.pages[p].items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && t->line->plain == "Year") {
                ++headers;
                CHECK((t->tag.artifact == layout::Artifact::Repeated) == (p > 0));
            }
        CHECK(headers == 1);
    }
}

TEST_CASE("tables: the caption is the table's Caption, set over it and kept with its first rows") {
    DiagnosticSink sink(false);
    const model::Document doc =
        parse::parseArticle("---\ntitle: T\n---\n\n| Year | Value |\n|---|--:|\n| 2024 | 1 |\n| 2025 | 2 |\n\n"
                            "Table: Values by year.\n", "t.md", sink);
    text::TextEngine engine;
    const layout::PagedDocument out = layout::layoutArticle(doc, briefing(), engine, sink, {});
    int caption = -1, table = -1;
    for (size_t i = 0; i < out.structure.size(); ++i) {
        if (out.structure[i].role == layout::Role::Caption) caption = static_cast<int>(i);
        if (out.structure[i].role == layout::Role::Table) table = static_cast<int>(i);
    }
    REQUIRE(caption >= 0);
    CHECK(out.structure[static_cast<size_t>(caption)].parent == table);
    CHECK(out.structure[static_cast<size_t>(caption)].pos.line == 10);
    double captionY = -1, headerY = -1;
    for (const auto& item : out.pages.at(0).items)
        if (auto* t = std::get_if<layout::TextItem>(&item)) {
            if (t->line->plain == "Values by year.") captionY = t->baseline;
            if (t->line->plain == "Year") headerY = t->baseline;
        }
    REQUIRE(captionY > 0);
    CHECK(captionY < headerY);
}

TEST_CASE("runLanguage: Han in the span's Chinese (Simplified when unmarked), Latin English, the rest the span's") {
    const Lang en, hans(Lang::Script::Hans), hant(Lang::Script::Hant), hk(Lang::Script::Hant, Lang::Region::HK);
    CHECK_FALSE(layout::runLanguage("reinsurance", en, en));
    CHECK(layout::runLanguage("中文", en, en) == hans);      // unmarked Chinese in an English article
    CHECK(layout::runLanguage("中文", hk, en) == hk);        // a marked span
    CHECK_FALSE(layout::runLanguage("中文", hant, hant));
    CHECK(layout::runLanguage("WTO", hans, hans) == en);     // a Latin term in Chinese text
    CHECK(layout::runLanguage("Tomás", hant, hant) == en);
    CHECK_FALSE(layout::runLanguage("2025", hans, hans));     // digits and marks are the node's
    CHECK_FALSE(layout::runLanguage("「」，", hans, hans));
    CHECK(layout::runLanguage("「」", hk, en) == hk);        // ...or a marked span's
}

TEST_CASE("layout: runs in another language than their paragraph carry it, with the roles of their nodes") {
    text::TextEngine engine;
    DiagnosticSink sink(false);
    auto doc = parse::parseArticle("---\ntitle: T\nlang: zh-Hans\n---\n这是WTO的[規則]{lang=zh-Hant}，见[链接](https://e.org)。\n", "t.md", sink);
    auto out = layout::layoutArticle(doc, style::loadStyle("briefing"), engine, sink);
    std::map<std::string, std::string> langs;
    bool link = false;
    for (const auto& page : out.pages)
        for (const auto& item : page.items)
            if (auto* t = std::get_if<layout::TextItem>(&item)) {
                if (t->tag.node >= 0) CHECK(t->tag.role == out.structure[static_cast<size_t>(t->tag.node)].role);
                for (size_t r = 0; r < t->runTags.size(); ++r) {
                    const auto& run = t->line->runs[r];
                    const std::string words = t->line->text->substr(static_cast<size_t>(run.textStart), static_cast<size_t>(run.textLength));
                    if (t->runTags[r].lang) langs[words] = t->runTags[r].lang->tag();
                    if (t->runTags[r].node >= 0) {
                        CHECK(t->runTags[r].role == layout::Role::Link);
                        link = true;
                    }
                }
            }
    CHECK(langs["WTO"] == "en");
    CHECK(langs["規則"] == "zh-Hant");
    CHECK(link);
}
