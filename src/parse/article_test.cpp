// Tests of article parsing: YAML front matter (fields, validation, positions) and the Markdown body
// (blocks, inline flags, soft breaks in Chinese, footnotes, tables, `::: pullquote` fenced divs).
// Every position is a file line: the front matter's first YAML line is file line 2.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "model/document.h"
#include "parse/article.h"

using namespace inkstone;
using model::BlockKind;

namespace {

model::Document parseOk(const std::string& src, DiagnosticSink& sink) {
    return parse::parseArticle(src, "t.md", sink);
}

// The UserError an article raises, or nullopt when it parses.
std::optional<Diagnostic> parseError(const std::string& src) {
    DiagnosticSink sink(false);
    try {
        parse::parseArticle(src, "t.md", sink);
    } catch (const UserError& e) {
        return e.diagnostic();
    }
    return std::nullopt;
}

std::optional<Diagnostic> frontMatterError(const std::string& yaml, int firstLine = 2) {
    DiagnosticSink sink(false);
    try {
        parse::parseFrontMatter(yaml, "t.md", firstLine, sink);
    } catch (const UserError& e) {
        return e.diagnostic();
    }
    return std::nullopt;
}

// An article with a minimal front matter (3 lines: ---, title, ---): the body starts on file line 4.
std::string article(const std::string& body, const std::string& extraFront = "") {
    return "---\ntitle: T\n" + extraFront + "---\n" + body;
}

const model::Block* firstOfKind(const std::vector<model::Block>& blocks, BlockKind kind) {
    for (const auto& b : blocks)
        if (b.kind == kind) return &b;
    return nullptr;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Front matter

TEST_CASE("front matter: every field is parsed") {
    const std::string src =
        "---\n"
        "title: Rethinking Water Diplomacy\n"
        "subtitle: Dams and Data\n"
        "section: Foreign Policy\n"
        "date: 2026-03-25\n"
        "lang: zh-CN\n"
        "authors:\n"
        "  - name: Lin Qiao\n"
        "    position: Senior Fellow, Department of Asia-Pacific Studies\n"
        "    organization: Institute of International Studies\n"
        "  - name: Mei Chen\n"
        "    organisation: Harbourview Centre\n"
        "summary: One paragraph.\n"
        "keywords: [Mekong, water security]\n"
        "bio: |\n"
        "  Line one of the bio.\n"
        "  Line two of the bio.\n"
        "style: quarterly\n"
        "---\n"
        "Body.\n";
    DiagnosticSink sink(false);
    auto doc = parseOk(src, sink);
    const auto& m = doc.meta;
    CHECK(sink.empty());
    CHECK(m.title == "Rethinking Water Diplomacy");
    CHECK(m.titlePos.line == 2);
    CHECK(m.subtitle == "Dams and Data");
    CHECK(m.section == "Foreign Policy");
    REQUIRE(m.date);
    CHECK(m.date->year == 2026);
    CHECK(m.date->month == 3);
    CHECK(m.date->day == 25);
    CHECK(m.lang.tag() == "zh-Hans");
    REQUIRE(m.authors.size() == 2);
    CHECK(m.authors[0].name == "Lin Qiao");
    CHECK(m.authors[0].position == "Senior Fellow, Department of Asia-Pacific Studies");
    CHECK(m.authors[0].organization == "Institute of International Studies");
    CHECK(m.authors[1].name == "Mei Chen");
    CHECK(m.authors[1].position.empty());
    CHECK(m.authors[1].organization == "Harbourview Centre");  // British spelling accepted
    CHECK(m.summary == "One paragraph.");
    CHECK(m.summaryPos.line == 13);
    REQUIRE(m.keywords.size() == 2);
    CHECK(m.keywords[0] == "Mekong");
    CHECK(m.keywords[1] == "water security");
    CHECK(m.bio == "Line one of the bio.\nLine two of the bio.");  // trailing newline trimmed
    CHECK(m.bioPos.line == 16);  // a block scalar's text starts on the line after '|'
    CHECK(m.bioPos.col == 3);
    CHECK(m.style == "quarterly");
    CHECK(m.stylePos.line == 18);
    CHECK(m.stylePos.col == 8);
    CHECK(doc.path == "t.md");
    CHECK(doc.dir == ".");
}

TEST_CASE("front matter: defaults, scalar author, keywords as a comma string") {
    DiagnosticSink sink(false);
    auto m = parse::parseFrontMatter("title: T\nauthor: Lin Qiao\nkeywords: ' Mekong ,water security,, dams '\n",
                                     "t.md", 2, sink);
    CHECK(m.lang.tag() == "en");
    CHECK_FALSE(m.date);
    REQUIRE(m.authors.size() == 1);
    CHECK(m.authors[0].name == "Lin Qiao");
    REQUIRE(m.keywords.size() == 3);
    CHECK(m.keywords[0] == "Mekong");
    CHECK(m.keywords[1] == "water security");
    CHECK(m.keywords[2] == "dams");
    CHECK(m.style.empty());
}

TEST_CASE("front matter: article path sets the image folder") {
    DiagnosticSink sink(false);
    auto doc = parse::parseArticle(article("x\n"), "some/dir/a.md", sink);
    CHECK(doc.dir == "some/dir");
    auto stdinDoc = parse::parseArticle(article("x\n"), "-", sink);
    CHECK(stdinDoc.dir == ".");
}

TEST_CASE("front matter: date validation") {
    DiagnosticSink sink(false);
    SUBCASE("leap day of a leap year is fine") {
        auto doc = parseOk(article("x\n", "date: 2024-02-29\n"), sink);
        REQUIRE(doc.meta.date);
        CHECK(doc.meta.date->month == 2);
        CHECK(doc.meta.date->day == 29);
    }
    SUBCASE("2000 is a leap year, 1900 is not") {
        CHECK_FALSE(parseError(article("x\n", "date: 2000-02-29\n")));
        CHECK(parseError(article("x\n", "date: 1900-02-29\n")));
    }
    SUBCASE("leap day of a common year is an error on the value's line") {
        auto d = parseError(article("x\n", "date: 2025-02-29\n"));
        REQUIRE(d);
        CHECK(d->severity == Severity::Error);
        CHECK(d->file == "t.md");
        CHECK(d->pos.line == 3);
        CHECK(d->pos.col == 7);
        CHECK(contains(d->message, "2025-02-29"));
    }
    SUBCASE("a date without zero padding is an error") {
        auto d = parseError("---\ntitle: T\nsubtitle: S\ndate: 2026-3-5\n---\nx\n");
        REQUIRE(d);
        CHECK(d->pos.line == 4);
        CHECK(contains(d->message, "2026-3-5"));
    }
    SUBCASE("other bad dates") {
        for (const char* bad : {"2026-13-01", "2026-04-31", "2026-00-10", "2026-01-00", "26-01-01", "2026/01/01",
                                "March 2026"}) {
            CAPTURE(bad);
            CHECK(parseError(article("x\n", std::string("date: ") + bad + "\n")));
        }
        CHECK(parseError(article("x\n", "date: [2026, 3, 5]\n")));
    }
}

TEST_CASE("front matter: malformed YAML is an error with the file line") {
    // Line 4 of the file opens a flow sequence that is never closed before line 5's mapping.
    auto d = parseError("---\ntitle: T\nsummary: ok\nkeywords: [a, b\nbio: x\n---\nbody\n");
    REQUIRE(d);
    CHECK(contains(d->message, "malformed YAML"));
    CHECK(d->pos.line >= 4);
    CHECK(d->pos.line <= 6);

    // An illegal map value on the second YAML line (file line 3).
    auto d2 = parseError("---\ntitle: T\nsummary: a: b\n---\nbody\n");
    REQUIRE(d2);
    CHECK(contains(d2->message, "malformed YAML"));
    CHECK(d2->pos.line == 3);
    CHECK(d2->pos.col == 11);
}

TEST_CASE("front matter: title is required and must be a string") {
    SUBCASE("missing") {
        auto d = parseError("---\nsubtitle: S\n---\nbody\n");
        REQUIRE(d);
        CHECK(contains(d->message, "title"));
        CHECK(d->pos.line >= 1);
    }
    SUBCASE("a list") {
        auto d = parseError("---\nsection: S\ntitle: [a, b]\n---\nbody\n");
        REQUIRE(d);
        CHECK(contains(d->message, "title"));
        CHECK(d->pos.line == 3);
    }
    SUBCASE("empty") {
        auto d = parseError("---\ntitle: ''\n---\nbody\n");
        REQUIRE(d);
        CHECK(d->pos.line == 2);
    }
    SUBCASE("null") {
        auto d = parseError("---\nsection: S\ntitle:\n---\nbody\n");
        REQUIRE(d);
        CHECK(d->pos.line == 3);
    }
    SUBCASE("no front matter at all") {
        auto d = parseError("# Just markdown\n");
        REQUIRE(d);
        CHECK(d->pos.line == 1);
    }
    SUBCASE("front matter never closed") {
        auto d = parseError("---\ntitle: T\nbody\n");
        REQUIRE(d);
        CHECK(contains(d->message, "never closed"));
    }
    SUBCASE("front matter not a map") {
        auto d = parseError("---\n- a\n- b\n---\nbody\n");
        REQUIRE(d);
        CHECK(d->pos.line == 2);
    }
}

TEST_CASE("front matter: wrong value types are errors") {
    CHECK(parseError(article("x\n", "subtitle: [a]\n")));
    CHECK(parseError(article("x\n", "authors:\n  - position: Fellow\n")));  // author without name
    CHECK(parseError(article("x\n", "authors:\n  - [a, b]\n")));
    CHECK(parseError(article("x\n", "keywords: {a: b}\n")));
    CHECK(parseError(article("x\n", "style: [a]\n")));
}

TEST_CASE("front matter: unknown keys are warnings with their line") {
    DiagnosticSink sink(false);
    auto doc = parseOk("---\ntitle: T\ncolour: red\nauthors:\n  - name: A\n    email: a@b.c\n---\nbody\n", sink);
    CHECK(doc.meta.title == "T");
    REQUIRE(sink.all().size() == 2);
    const Diagnostic& w = sink.all()[0];
    CHECK(w.severity == Severity::Warning);
    CHECK(w.file == "t.md");
    CHECK(w.pos.line == 3);
    CHECK(w.pos.col == 1);
    CHECK(contains(w.message, "colour"));
    CHECK(sink.all()[1].pos.line == 6);
    CHECK(contains(sink.all()[1].message, "email"));
}

TEST_CASE("front matter: firstLine maps YAML lines to file lines") {
    auto d = frontMatterError("title: T\ndate: nope\n", 10);
    REQUIRE(d);
    CHECK(d->pos.line == 11);
}

TEST_CASE("lang normalisation") {
    CHECK(parse::normalizeLang("en") == "en");
    CHECK(parse::normalizeLang("en-GB") == "en");
    CHECK(parse::normalizeLang("EN-us") == "en");
    CHECK(parse::normalizeLang("zh") == "zh-Hans");
    CHECK(parse::normalizeLang("zh-CN") == "zh-Hans");
    CHECK(parse::normalizeLang("zh_CN") == "zh-Hans");
    CHECK(parse::normalizeLang("zh-Hans") == "zh-Hans");
    CHECK(parse::normalizeLang("zh-SG") == "zh-Hans");
    CHECK(parse::normalizeLang("zh-TW") == "zh-Hant");
    CHECK(parse::normalizeLang("zh-Hant") == "zh-Hant");
    CHECK(parse::normalizeLang("zh-Hant-TW") == "zh-Hant");
    CHECK(parse::normalizeLang("zh-HK") == "zh-Hant-HK");
    CHECK(parse::normalizeLang("zh-MO") == "zh-Hant-HK");
    CHECK(parse::normalizeLang("zh-Hant-HK") == "zh-Hant-HK");
    CHECK(parse::normalizeLang("xx") == "");
    CHECK(parse::normalizeLang("") == "");
    CHECK(parse::normalizeLang("fr") == "");
    CHECK(parse::normalizeLang("eng") == "");  // not a prefix match on "en"
}

TEST_CASE("front matter: an unsupported lang is an error at the value") {
    auto d = parseError(article("x\n", "lang: xx\n"));
    REQUIRE(d);
    CHECK(d->pos.line == 3);
    CHECK(d->pos.col == 7);
    CHECK(contains(d->message, "xx"));
    DiagnosticSink sink(false);
    CHECK(parseOk(article("x\n", "lang: zh-TW\n"), sink).meta.lang.tag() == "zh-Hant");
    CHECK(parseOk(article("x\n", "lang: zh-HK\n"), sink).meta.lang.tag() == "zh-Hant-HK");
}

TEST_CASE("invalid UTF-8 is an error at its position") {
    auto d = parseError("---\ntitle: ab\xff\n---\nbody\n");
    REQUIRE(d);
    CHECK(contains(d->message, "UTF-8"));
    CHECK(d->pos.line == 2);
    CHECK(d->pos.col == 10);

    auto body = parseError("---\ntitle: T\n---\n\n中文\xe4\xb8\n");
    REQUIRE(body);
    CHECK(body->pos.line == 5);
    CHECK(body->pos.col == 3);
}

TEST_CASE("a UTF-8 byte order mark is accepted") {
    DiagnosticSink sink(false);
    auto doc = parseOk("\xEF\xBB\xBF---\ntitle: T\n---\n\nHello.\n", sink);
    CHECK(doc.meta.title == "T");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(model::plainText(doc.blocks[0].runs) == "Hello.");
    CHECK(doc.blocks[0].pos.line == 5);
}

TEST_CASE("CRLF line endings parse like LF") {
    DiagnosticSink sink(false);
    auto doc = parseOk("---\r\ntitle: T\r\ndate: 2026-03-25\r\n---\r\n\r\nOne\r\ntwo.\r\n", sink);
    CHECK(doc.meta.title == "T");
    REQUIRE(doc.meta.date);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(model::plainText(doc.blocks[0].runs) == "One two.");
}

// ---------------------------------------------------------------------------------------------
// Body

TEST_CASE("headings: ## is level 2, ### level 3, # becomes level 2 with a warning") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("## Two\n\n### Three\n\n# One\n\n#### Four\n"), sink);
    REQUIRE(doc.blocks.size() == 4);
    for (const auto& b : doc.blocks) CHECK(b.kind == BlockKind::Heading);
    CHECK(doc.blocks[0].level == 2);
    CHECK(model::plainText(doc.blocks[0].runs) == "Two");
    CHECK(doc.blocks[0].pos.line == 4);
    CHECK(doc.blocks[1].level == 3);
    CHECK(doc.blocks[1].pos.line == 6);
    CHECK(doc.blocks[2].level == 2);
    CHECK(model::plainText(doc.blocks[2].runs) == "One");
    CHECK(doc.blocks[3].level == 3);  // deeper headings are set as ###
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].severity == Severity::Warning);
    CHECK(sink.all()[0].pos.line == 8);
}

TEST_CASE("inline flags on runs") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("plain *em* **strong** `code` ~~gone~~ [link](https://example.org/x) ***both***\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& runs = doc.blocks[0].runs;
    auto find = [&](const std::string& text) -> const model::TextRun* {
        for (const auto& r : runs)
            if (r.text == text) return &r;
        return nullptr;
    };
    CHECK(model::plainText(runs) == "plain em strong code gone link both");
    REQUIRE(find("em"));
    CHECK(find("em")->flags == model::kEmphasis);
    REQUIRE(find("strong"));
    CHECK(find("strong")->flags == model::kStrong);
    REQUIRE(find("code"));
    CHECK(find("code")->flags == model::kCode);
    REQUIRE(find("gone"));
    CHECK(find("gone")->flags == model::kStrike);
    REQUIRE(find("link"));
    CHECK(find("link")->flags == 0);
    CHECK(find("link")->link == "https://example.org/x");
    REQUIRE(find("both"));
    CHECK(find("both")->flags == (model::kEmphasis | model::kStrong));
    REQUIRE(find("plain "));
    CHECK(find("plain ")->flags == 0);
    CHECK(find("plain ")->link.empty());
    // Adjacent text of the same style is one run: "plain " and " " between the flagged runs.
    CHECK(runs.size() == 12);
}

TEST_CASE("autolinks carry their URL") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("See https://example.org/a for more.\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    bool found = false;
    for (const auto& r : doc.blocks[0].runs)
        if (r.link == "https://example.org/a") found = r.text == "https://example.org/a";
    CHECK(found);
}

TEST_CASE("soft line breaks: Chinese joins without a space, English with one") {
    DiagnosticSink sink(false);
    SUBCASE("zh article") {
        auto doc = parseOk(article("中文\n继续\n\nEnglish\nwords\n\n中文\nEnglish\n", "lang: zh-Hans\n"), sink);
        REQUIRE(doc.blocks.size() == 3);
        CHECK(model::plainText(doc.blocks[0].runs) == "中文继续");
        CHECK(model::plainText(doc.blocks[1].runs) == "English words");
        CHECK(model::plainText(doc.blocks[2].runs) == "中文English");
    }
    SUBCASE("Chinese inside an English article") {
        auto doc = parseOk(article("他说中文\n继续说\n"), sink);
        REQUIRE(doc.blocks.size() == 1);
        CHECK(model::plainText(doc.blocks[0].runs) == "他说中文继续说");
    }
    SUBCASE("after Chinese punctuation and before emphasis") {
        auto doc = parseOk(article("第一句。\n*第二句*\n", "lang: zh-Hans\n"), sink);
        REQUIRE(doc.blocks.size() == 1);
        CHECK(model::plainText(doc.blocks[0].runs) == "第一句。第二句");
    }
}

TEST_CASE("a hard line break is kept as a newline") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("first line  \nsecond line\\\nthird\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(model::plainText(doc.blocks[0].runs) == "first line\nsecond line\nthird");
}

TEST_CASE("lists: ordered with a start number, bullets") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("3. three\n4. four\n\n- a\n- b\n- c\n"), sink);
    REQUIRE(doc.blocks.size() == 2);
    const auto& ol = doc.blocks[0];
    CHECK(ol.kind == BlockKind::List);
    CHECK(ol.ordered);
    CHECK(ol.start == 3);
    REQUIRE(ol.children.size() == 2);
    CHECK(ol.children[0].kind == BlockKind::ListItem);
    REQUIRE(ol.children[1].children.size() == 1);
    CHECK(ol.children[1].children[0].kind == BlockKind::Paragraph);
    CHECK(model::plainText(ol.children[1].children[0].runs) == "four");
    CHECK(ol.children[1].pos.line == 5);
    const auto& ul = doc.blocks[1];
    CHECK(ul.kind == BlockKind::List);
    CHECK_FALSE(ul.ordered);
    REQUIRE(ul.children.size() == 3);
    CHECK(model::plainText(ul.children[2].children.at(0).runs) == "c");
    CHECK(ul.pos.line == 7);
}

TEST_CASE("block quotes keep their children") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("> first\n>\n> second\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& q = doc.blocks[0];
    CHECK(q.kind == BlockKind::BlockQuote);
    REQUIRE(q.children.size() == 2);
    CHECK(q.children[0].kind == BlockKind::Paragraph);
    CHECK(model::plainText(q.children[0].runs) == "first");
    CHECK(model::plainText(q.children[1].runs) == "second");
    CHECK(q.children[1].pos.line == 6);
}

TEST_CASE("code blocks and thematic breaks") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("```\nint x;\nint y;\n```\n\n---\n"), sink);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::CodeBlock);
    REQUIRE(doc.blocks[0].runs.size() == 1);
    CHECK(doc.blocks[0].runs[0].text == "int x;\nint y;");
    CHECK(doc.blocks[0].runs[0].flags == model::kCode);
    CHECK(doc.blocks[1].kind == BlockKind::ThematicBreak);
}

TEST_CASE("footnotes: superscript reference linking to #fn-N, numbered in order of use") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Claim one.[^a] Claim two.[^b]\n\n[^b]: Second note.\n[^a]: First note.\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& runs = doc.blocks[0].runs;
    std::vector<const model::TextRun*> refs;
    for (const auto& r : runs)
        if (r.flags & model::kSuperscript) refs.push_back(&r);
    REQUIRE(refs.size() == 2);
    CHECK(refs[0]->text == "1");
    CHECK(refs[0]->link == "#fn-1");
    CHECK(refs[1]->text == "2");
    CHECK(refs[1]->link == "#fn-2");
    REQUIRE(doc.footnotes.size() == 2);
    CHECK(doc.footnotes[0].number == 1);
    REQUIRE(doc.footnotes[0].blocks.size() == 1);
    CHECK(model::plainText(doc.footnotes[0].blocks[0].runs) == "First note.");
    CHECK(doc.footnotes[1].number == 2);
    CHECK(model::plainText(doc.footnotes[1].blocks.at(0).runs) == "Second note.");
}

TEST_CASE("footnotes: a single reference") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Text.[^1]\n\n[^1]: The note.\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& runs = doc.blocks[0].runs;
    REQUIRE(runs.size() == 2);
    CHECK(runs[1].flags == model::kSuperscript);
    CHECK(runs[1].link == "#fn-1");
    REQUIRE(doc.footnotes.size() == 1);
    CHECK(doc.footnotes[0].number == 1);
    CHECK(doc.footnotes[0].pos.line == 6);
}

// A footnote referenced before a pull quote and defined at the end of the article (the usual
// place) must still resolve: the pull quote must not cut the reference off from its definition.
TEST_CASE("footnotes: a reference before a pull quote resolves to a definition after it") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Claim.[^1]\n\n::: pullquote\nQuoted.\n:::\n\nMore text.\n\n[^1]: The note.\n"), sink);
    REQUIRE(doc.blocks.size() == 3);
    CHECK(model::plainText(doc.blocks[0].runs) == "Claim.1");
    bool superscript = false;
    for (const auto& r : doc.blocks[0].runs) superscript |= (r.flags & model::kSuperscript) && r.link == "#fn-1";
    CHECK(superscript);
    REQUIRE(doc.footnotes.size() == 1);
    CHECK(doc.footnotes[0].number == 1);
}

TEST_CASE("tables: rows, header flag and cells") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("| Country | Dams |\n|---|---:|\n| Laos | *12* |\n| China | 11 |\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& t = doc.blocks[0];
    CHECK(t.kind == BlockKind::Table);
    REQUIRE(t.children.size() == 3);
    CHECK(t.children[0].kind == BlockKind::TableRow);
    CHECK(t.children[0].header);
    CHECK_FALSE(t.children[1].header);
    CHECK_FALSE(t.children[2].header);
    REQUIRE(t.children[0].children.size() == 2);
    CHECK(t.children[0].children[0].kind == BlockKind::TableCell);
    CHECK(model::plainText(t.children[0].children[0].runs) == "Country");
    CHECK(model::plainText(t.children[0].children[1].runs) == "Dams");
    REQUIRE(t.children[1].children.size() == 2);
    CHECK(model::plainText(t.children[1].children[0].runs) == "Laos");
    REQUIRE(t.children[1].children[1].runs.size() == 1);
    CHECK(t.children[1].children[1].runs[0].flags == model::kEmphasis);
    CHECK(model::plainText(t.children[2].children.at(1).runs) == "11");
    CHECK(t.children[2].pos.line == 7);
    // The delimiter row's alignments, one per column.
    CHECK(t.columns == std::vector<model::ColumnAlign>{model::ColumnAlign::Default, model::ColumnAlign::Right});
    auto all = parseOk(article("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"), sink);
    CHECK(all.blocks.at(0).columns == std::vector<model::ColumnAlign>{model::ColumnAlign::Left, model::ColumnAlign::Center,
                                                                       model::ColumnAlign::Right, model::ColumnAlign::Default});
}

TEST_CASE("pull quotes: attribution with an em dash") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Before.\n\n::: pullquote\nMisreading a partnership\nleads policy astray.\n— Lin Qiao\n:::\n\nAfter.\n"),
                       sink);
    CHECK(sink.empty());
    REQUIRE(doc.blocks.size() == 3);
    const auto& pq = doc.blocks[1];
    CHECK(pq.kind == BlockKind::PullQuote);
    CHECK(pq.pos.line == 6);
    REQUIRE(pq.children.size() == 2);
    CHECK(pq.children[0].kind == BlockKind::Paragraph);
    CHECK(model::plainText(pq.children[0].runs) == "Misreading a partnership leads policy astray.");
    CHECK(pq.children[0].pos.line == 7);
    const auto& attr = pq.children.back();
    CHECK(attr.kind == BlockKind::Attribution);
    CHECK(model::plainText(attr.runs) == "— Lin Qiao");
    CHECK(attr.pos.line == 9);
    CHECK(model::plainText(doc.blocks[2].runs) == "After.");
    CHECK(doc.blocks[2].pos.line == 12);
}

TEST_CASE("pull quotes: Chinese attribution with a double dash") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("::: pullquote\n把伙伴关系误读为同盟，会使政策走偏。\n——林乔\n:::\n", "lang: zh-Hans\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& pq = doc.blocks[0];
    CHECK(pq.kind == BlockKind::PullQuote);
    REQUIRE(pq.children.size() == 2);
    CHECK(model::plainText(pq.children[0].runs) == "把伙伴关系误读为同盟，会使政策走偏。");
    CHECK(pq.children.back().kind == BlockKind::Attribution);
    CHECK(model::plainText(pq.children.back().runs) == "——林乔");
}

TEST_CASE("pull quotes: without attribution") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("::: pullquote\nJust the quote.\n:::\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& pq = doc.blocks[0];
    CHECK(pq.kind == BlockKind::PullQuote);
    REQUIRE(pq.children.size() == 1);
    CHECK(pq.children[0].kind == BlockKind::Paragraph);
    CHECK(model::plainText(pq.children[0].runs) == "Just the quote.");
    CHECK(firstOfKind(pq.children, BlockKind::Attribution) == nullptr);
}

TEST_CASE("fenced divs: unknown names warn and keep their content") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Intro.\n\n::: note\nKept text.\n:::\n"), sink);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].severity == Severity::Warning);
    CHECK(sink.all()[0].pos.line == 6);
    CHECK(contains(sink.all()[0].message, "note"));
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
    CHECK(model::plainText(doc.blocks[1].runs) == "Kept text.");
    CHECK(doc.blocks[1].pos.line == 7);
}

TEST_CASE("fenced divs: an unclosed fence is an error at the fence line") {
    auto d = parseError(article("Intro.\n\n::: pullquote\nNever closed.\n"));
    REQUIRE(d);
    CHECK(d->severity == Severity::Error);
    CHECK(d->pos.line == 6);
    CHECK(contains(d->message, "pullquote"));

    auto stray = parseError(article("Intro.\n\n:::\n"));
    REQUIRE(stray);
    CHECK(stray->pos.line == 6);

    auto nested = parseError(article("::: pullquote\n::: note\n:::\n:::\n"));
    REQUIRE(nested);
    CHECK(nested->pos.line == 5);
}

TEST_CASE("fenced divs: ::: inside a code fence is code") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("```\n::: pullquote\n:::\n```\n\nAfter.\n"), sink);
    CHECK(sink.empty());
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::CodeBlock);
    CHECK(doc.blocks[0].runs.at(0).text == "::: pullquote\n:::");
    CHECK(doc.blocks[1].pos.line == 9);

    // A lone opening fence inside a tilde code block is not an unclosed div either.
    CHECK_FALSE(parseError(article("~~~\n::: pullquote\n~~~\n")));
}

TEST_CASE("source positions are file lines") {
    DiagnosticSink sink(false);
    // Lines: 1 ---, 2 title, 3 date, 4 ---, 5 blank, 6 para, 7 blank, 8 heading, 9 blank, 10 para.
    auto doc = parseOk("---\ntitle: T\ndate: 2026-03-25\n---\n\nFirst paragraph.\n\n## Heading\n\nSecond *para*.\n", sink);
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].pos.line == 6);
    CHECK(doc.blocks[0].pos.col == 1);
    CHECK(doc.blocks[1].pos.line == 8);
    CHECK(doc.blocks[2].pos.line == 10);
    REQUIRE(doc.blocks[2].runs.size() >= 2);
    CHECK(doc.blocks[2].runs[0].pos.line == 10);
    CHECK(doc.blocks[2].runs[1].pos.line == 10);
    CHECK(doc.blocks[2].runs[1].pos.col >= 8);
    CHECK(doc.blocks[2].runs[1].pos.col <= 9);
}

TEST_CASE("source positions after a pull quote count the fence lines") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("::: pullquote\nQ.\n:::\n\n\nAfter.\n"), sink);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[1].pos.line == 9);
}

// A paragraph's position is where it starts, also when it spans several lines; runs on later
// lines carry their own line. (Regression: the paragraph's line was overwritten while walking
// its inlines.)
TEST_CASE("source positions: a multi-line paragraph starts on its first line") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("\nline one\nline *two*\nline three\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& p = doc.blocks[0];
    CHECK(p.pos.line == 5);
    // A run never continues across a soft break; the joining space ends the previous run, so
    // every run starts where its text starts.
    REQUIRE(p.runs.size() == 4);
    CHECK(p.runs[0].text == "line one ");
    CHECK(p.runs[0].pos.line == 5);
    CHECK(p.runs[1].text == "line ");
    CHECK(p.runs[1].pos.line == 6);
    CHECK(p.runs[2].text == "two ");
    CHECK(p.runs[2].pos.line == 6);
    CHECK(p.runs[2].pos.col == 7);
    CHECK(p.runs[3].text == "line three");
    CHECK(p.runs[3].pos.line == 7);
    CHECK(p.runs[3].pos.col == 1);
}

TEST_CASE("images are blocks with path and caption") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("![A dam on the river](img/dam.png)\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].kind == BlockKind::Image);
    CHECK(doc.blocks[0].text == "img/dam.png");
    CHECK(model::plainText(doc.blocks[0].runs) == "A dam on the river");
}

TEST_CASE("pull quotes: several paragraphs, a blank line before the attribution") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("::: pullquote\nFirst.\n\nSecond.\n\n— A. Writer\n\n:::\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& pq = doc.blocks[0];
    REQUIRE(pq.children.size() == 3);
    CHECK(model::plainText(pq.children[0].runs) == "First.");
    CHECK(model::plainText(pq.children[1].runs) == "Second.");
    CHECK(pq.children[2].kind == BlockKind::Attribution);
    CHECK(model::plainText(pq.children[2].runs) == "— A. Writer");
    CHECK(pq.children[2].pos.line == 9);
}

TEST_CASE("pull quotes: a dash line that is not the last line is quote text") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("::: pullquote\n— not an attribution\nbut the quote.\n:::\n"), sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& pq = doc.blocks[0];
    REQUIRE(pq.children.size() == 1);
    CHECK(pq.children[0].kind == BlockKind::Paragraph);
    CHECK(firstOfKind(pq.children, BlockKind::Attribution) == nullptr);
}

TEST_CASE("pull quotes: an empty one is skipped with a warning") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Before.\n\n::: pullquote\n\n:::\n\nAfter.\n"), sink);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].pos.line == 6);
}

TEST_CASE("pull quotes: fences right against the surrounding text") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("Before.\n::: pullquote\nQuote.\n— Name\n:::\nAfter.\n"), sink);
    CHECK(sink.empty());
    REQUIRE(doc.blocks.size() == 3);
    CHECK(model::plainText(doc.blocks[0].runs) == "Before.");
    CHECK(doc.blocks[1].kind == BlockKind::PullQuote);
    REQUIRE(doc.blocks[1].children.size() == 2);
    CHECK(model::plainText(doc.blocks[1].children[0].runs) == "Quote.");
    CHECK(model::plainText(doc.blocks[1].children[1].runs) == "— Name");
    CHECK(model::plainText(doc.blocks[2].runs) == "After.");
    CHECK(doc.blocks[2].pos.line == 9);
}

TEST_CASE("pull quotes: right after a list") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("- one\n- two\n::: pullquote\nQuote.\n— Name\n:::\n"), sink);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::List);
    CHECK(doc.blocks[0].children.size() == 2);
    CHECK(doc.blocks[1].kind == BlockKind::PullQuote);
    CHECK(doc.blocks[1].children.size() == 2);
}

// GFM tables run on until a blank line: a fence line right under a table must still open the
// pull quote (and its attribution must not be lost).
TEST_CASE("pull quotes: right after a table") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("| a | b |\n|---|---|\n| 1 | 2 |\n::: pullquote\nQuote.\n— Name\n:::\n"), sink);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::Table);
    CHECK(doc.blocks[0].children.size() == 2);
    CHECK(doc.blocks[1].kind == BlockKind::PullQuote);
    REQUIRE(doc.blocks[1].children.size() == 2);
    CHECK(model::plainText(doc.blocks[1].children[1].runs) == "— Name");
}

TEST_CASE("footnotes inside and around pull quotes") {
    DiagnosticSink sink(false);
    auto doc = parseOk(article("A.[^x]\n\n::: pullquote\nQuoted.[^y]\n:::\n\nB.[^x]\n\n[^y]: Why.\n\n[^x]: Ex.\n"), sink);
    REQUIRE(doc.blocks.size() == 3);
    REQUIRE(doc.footnotes.size() == 2);
    CHECK(model::plainText(doc.footnotes[0].blocks.at(0).runs) == "Ex.");
    CHECK(model::plainText(doc.footnotes[1].blocks.at(0).runs) == "Why.");
    CHECK(model::plainText(doc.blocks[0].runs) == "A.1");
    REQUIRE(doc.blocks[1].children.size() == 1);
    CHECK(model::plainText(doc.blocks[1].children[0].runs) == "Quoted.2");
    CHECK(model::plainText(doc.blocks[2].runs) == "B.1");  // a second reference to the same note
}

// CommonMark: a code fence opened with four backticks is closed only by four or more; a line
// of three backticks inside it is code, and so is a `:::` line after it.
TEST_CASE("fenced divs: ::: inside a four-backtick code fence that contains ``` lines") {
    const std::string body = "````markdown\n```\n::: pullquote\n```\n````\n\nAfter.\n";
    auto d = parseError(article(body));
    CHECK_FALSE(d);
    if (d) return;
    DiagnosticSink sink(false);
    auto doc = parseOk(article(body), sink);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::CodeBlock);
    CHECK(doc.blocks[0].runs.at(0).text == "```\n::: pullquote\n```");
}

TEST_CASE("an article that ends right after the front matter") {
    DiagnosticSink sink(false);
    auto doc = parseOk("---\ntitle: Only a title\n---", sink);
    CHECK(doc.meta.title == "Only a title");
    CHECK(doc.blocks.empty());
    CHECK(doc.footnotes.empty());
    auto dots = parseOk("---\ntitle: T\n...\nBody.\n", sink);  // YAML's document end marker closes too
    REQUIRE(dots.blocks.size() == 1);
    CHECK(dots.blocks[0].pos.line == 4);
}

TEST_CASE("article: quotes nested deeper than eight levels are set flat (fuzzing: 50,000 '>' overflowed the stack)") {
    DiagnosticSink sink(false);
    const std::string md = "---\ntitle: Deep\n---\n\n" + std::string(5000, '>') + " deep text\n\nAfter.\n";
    const model::Document doc = parse::parseArticle(md, "deep.md", sink);
    int depth = 0;
    const model::Block* b = doc.blocks.empty() ? nullptr : &doc.blocks.front();
    while (b && b->kind == model::BlockKind::BlockQuote && !b->children.empty()) {
        ++depth;
        b = &b->children.front();
    }
    CHECK(depth == 8);
    REQUIRE(b);
    CHECK(b->kind == model::BlockKind::Paragraph);
    REQUIRE(!sink.all().empty());
    CHECK(sink.all().front().message.find("set flat") != std::string::npos);
    // An author map whose key is no word is the user's error, located (yaml-cpp threw before).
    CHECK_THROWS_AS(parse::parseArticle("---\ntitle: T\nauthors:\n  - [^1]: name\n---\n\nText.\n", "key.md", sink), UserError);
}

TEST_CASE("tables: a 'Table:' paragraph after (or else before) a table is its caption") {
    DiagnosticSink sink(false);
    auto after = parseOk(article("| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Dams *built* by 2024.\n\nText.\n"), sink);
    REQUIRE(after.blocks.size() == 2);
    CHECK(after.blocks[0].kind == BlockKind::Table);
    CHECK(model::plainText(after.blocks[0].runs) == "Dams built by 2024.");
    CHECK(after.blocks[0].runs.front().pos.line == 8);  // the caption's own line
    CHECK(model::plainText(after.blocks[1].runs) == "Text.");
    auto before = parseOk(article("Table: Capacity.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"), sink);
    REQUIRE(before.blocks.size() == 1);
    CHECK(model::plainText(before.blocks[0].runs) == "Capacity.");
    // Two tables with one caption between them: it is the first one's (a caption follows).
    auto two = parseOk(article("| a |\n|---|\n| 1 |\n\nTable: First.\n\n| b |\n|---|\n| 2 |\n"), sink);
    REQUIRE(two.blocks.size() == 2);
    CHECK(model::plainText(two.blocks[0].runs) == "First.");
    CHECK(two.blocks[1].runs.empty());
    // A paragraph that only mentions a table is text.
    auto text = parseOk(article("| a |\n|---|\n| 1 |\n\nThe Table: below.\n"), sink);
    CHECK(text.blocks.size() == 2);
    CHECK(text.blocks[0].runs.empty());
}

TEST_CASE("figures: credit from the image title, attributes after the image") {
    DiagnosticSink sink(false);
    auto doc = parseOk("---\ntitle: T\n---\n![River levels, 2020-2025](chart.svg \"Source: survey data\"){width=60% alt=\"A line chart\"}\n\n"
                       "![Dam](dam.jpg){.wide}\n\n![Plain](p.png)\n\nText with ![inline](i.png) image.\n",
                       sink);
    REQUIRE(doc.blocks.size() == 4);
    const auto& a = doc.blocks[0];
    CHECK(a.kind == BlockKind::Image);
    CHECK(a.text == "chart.svg");
    CHECK(model::plainText(a.runs) == "River levels, 2020-2025");
    CHECK(a.figure.credit == "Source: survey data");
    CHECK(a.figure.alt == "A line chart");
    CHECK(a.figure.widthShare == doctest::Approx(0.6));
    CHECK_FALSE(a.figure.wide);
    CHECK(doc.blocks[1].kind == BlockKind::Image);
    CHECK(doc.blocks[1].figure.wide);
    CHECK(doc.blocks[1].figure.widthShare == 0);
    CHECK(doc.blocks[2].kind == BlockKind::Image);
    CHECK(doc.blocks[2].figure.credit.empty());
    CHECK(doc.blocks[3].kind == BlockKind::Paragraph);  // an image among words is no figure
}

TEST_CASE("figures: a bad or unknown attribute is an error at the image's line") {
    auto e = parseError("---\ntitle: T\n---\nIntro.\n\n![C](c.png){width=150%}\n");
    REQUIRE(e);
    CHECK(e->pos.line == 6);
    CHECK(e->message.find("10% to 100%") != std::string::npos);
    e = parseError("---\ntitle: T\n---\n![C](c.png){float=left}\n");
    REQUIRE(e);
    CHECK(e->pos.line == 4);
    CHECK(e->message.find("unknown image attribute 'float=left'") == std::string::npos);
    CHECK(e->message.find("unknown image attribute 'float'") != std::string::npos);
    CHECK(parseError("---\ntitle: T\n---\n![C](c.png){alt=\"unclosed}\n"));
    CHECK_FALSE(parseError("---\ntitle: T\n---\n![C](c.png) {width=50%}\n"));
}

TEST_CASE("language spans: [text]{lang=...} gives its runs the language, which setLanguage keeps") {
    DiagnosticSink sink(false);
    auto doc = parseOk("---\ntitle: T\nlang: en\n---\nThe phrase [「水浸風險」 and *more*]{lang=zh-Hant-HK} ends; "
                       "[a [nested] bracket]{lang=zh-Hans} and [plain brackets] and [x]{.other}.\n",
                       sink);
    REQUIRE(doc.blocks.size() == 1);
    const auto& runs = doc.blocks[0].runs;
    CHECK(model::plainText(runs) ==
          "The phrase 「水浸風險」 and more ends; a [nested] bracket and [plain brackets] and [x]{.other}.");
    std::string marked;
    for (const auto& r : runs) {
        if (!(r.flags & model::kOwnLanguage)) {
            CHECK(r.lang == Lang());
            continue;
        }
        marked += r.lang.tag() + ":" + r.text + "|";
    }
    CHECK(marked == "zh-Hant-HK:「水浸風險」 and |zh-Hant-HK:more|zh-Hans:a [nested] bracket|");
    CHECK(sink.empty());
}

TEST_CASE("language spans: a language inkstone does not set is a warning; the text stays") {
    DiagnosticSink sink(false);
    auto doc = parseOk("---\ntitle: T\n---\nSay [bonjour]{lang=fr} twice.\n", sink);
    CHECK(model::plainText(doc.blocks[0].runs) == "Say bonjour twice.");
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].message.find("unknown language 'fr'") != std::string::npos);
    CHECK(sink.all()[0].pos.line == 4);
}
