// The parts of our PDF writer, each alone: syntax, fonts (the ToUnicode rule), content streams,
// navigation.
#include <doctest/doctest.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>

#include <algorithm>
#include <random>

#include "layout/article.h"
#include "parse/article.h"
#include "render/pdf_content.h"
#include "render/pdf_fonts.h"
#include "render/pdf_navigation.h"
#include "render/pdf_syntax.h"
#include "text/engine.h"

using namespace inkstone;
using namespace inkstone::render::pdf;

TEST_CASE("PDF syntax: numbers, strings, dates") {
    std::string s;
    nums(s, {0, 1, -2.5, 0.0004, 0.0005, 12.3456, 1e-9});
    CHECK(s == "0 1 -2.5 0 0.001 12.346 0");
    s.clear();
    num(s, 8.5, 4);
    CHECK(s == "8.5");
    CHECK(textString("a (b) \\c") == "(a \\(b\\) \\\\c)");
    CHECK(textString("中文") == "<FEFF4E2D6587>");
    CHECK(date("2026-03-31T08:05:09") == "D:20260331080509Z");
    CHECK(date("2026-03-31").empty());
    CHECK(resourceName("/F", "a") == resourceName("/F", "a"));
    CHECK(resourceName("/F", "a") != resourceName("/F", "b"));
}

TEST_CASE("PDF syntax: an object file reads back with qpdf (offsets, trailer, deterministic /ID)") {
    auto make = [] {
        ObjectFile w;
        const int pages = w.reserve(), catalog = w.reserve(), info = w.reserve(), content = w.reserve(), page = w.reserve();
        w.stream(content, "", deflate("0 0 1 rg 10 10 50 50 re f\n"), true);
        w.object(page, "<< /Type /Page /Parent " + ObjectFile::ref(pages) + " /MediaBox [0 0 100 100] /Contents " +
                           ObjectFile::ref(content) + " >>");
        w.object(pages, "<< /Type /Pages /Kids [" + ObjectFile::ref(page) + "] /Count 1 >>");
        w.object(catalog, "<< /Type /Catalog /Pages " + ObjectFile::ref(pages) + " >>");
        w.object(info, "<< /Title " + textString("T") + " >>");
        return w.finish(catalog, info);
    };
    const std::string bytes = make();
    CHECK(bytes == make());
    QPDF pdf;
    pdf.processMemoryFile("t.pdf", bytes.data(), bytes.size());
    CHECK(pdf.getAllPages().size() == 1);
    CHECK(pdf.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value() == "T");
    CHECK_FALSE(pdf.anyWarnings());
}

TEST_CASE("PDF fonts: a glyph standing for several texts maps to the shortest, then the smallest, in any order") {
    std::vector<std::pair<uint32_t, std::string>> uses = {
        {3, "\xC2\xA0"}, {3, " "}, {7, "ffi"}, {7, "f"}, {9, "fl"}, {9, "ff"}, {12, "\xE2\x80\x90"}, {12, "-"}};
    std::mt19937 rng(7);
    std::optional<std::map<uint32_t, std::string>> first;
    for (int round = 0; round < 6; ++round) {
        std::shuffle(uses.begin(), uses.end(), rng);
        FaceUse a, b;  // two threads' uses, merged
        for (size_t i = 0; i < uses.size(); ++i) (i % 2 ? a : b).addText(uses[i].first, uses[i].second);
        a.merge(b);
        if (!first) first = a.text;
        CHECK(a.text == *first);
    }
    CHECK(first->at(3) == " ");
    CHECK(first->at(7) == "f");
    CHECK(first->at(9) == "ff");
    CHECK(first->at(12) == "-");
}

namespace {

layout::PagedDocument laidOut(const std::string& md, text::TextEngine& engine) {
    DiagnosticSink sink(false);
    auto doc = parse::parseArticle(md, "t.md", sink);
    return layout::layoutArticle(doc, style::loadStyle("briefing"), engine, sink);
}

}  // namespace

TEST_CASE("PDF content: a run's glyphs in one TJ, text recorded once per cluster, marked content") {
    text::TextEngine engine;
    auto paged = laidOut("---\ntitle: T\n---\nOffice affairs, 中文。\n", engine);
    const layout::TextItem* body = nullptr;
    for (const auto& item : paged.pages[0].items)
        if (auto* t = std::get_if<layout::TextItem>(&item); t && t->line->plain.find("Office") != std::string::npos) body = t;
    REQUIRE(body);
    FontCollector fonts;
    ContentStream cs(fonts);
    cs.beginMarked("/P", "<</MCID 0>>");
    for (const auto& run : body->line->runs) CHECK(cs.glyphs(run, *body->line->text, 72 + run.x, 700));
    cs.endMarked();
    cs.beginMarked("/Artifact", "<</Type /Layout>>");
    cs.rect(style::Color{1, 0, 0}, 10, 10, 100, 0.5);
    cs.endMarked();
    const std::string c = cs.finish();
    CHECK(c.rfind("/P <</MCID 0>> BDC\nBT\n", 0) == 0);
    CHECK(c.find("] TJ\nET\nEMC\n/Artifact <</Type /Layout>> BDC\n1 0 0 rg\n10 10 100 0.5 re f\nEMC\n") != std::string::npos);
    CHECK(std::count(c.begin(), c.end(), '<') >= 2);  // hex glyph strings
    // Every glyph's text: the line's characters ("ffi" is one ligature glyph in Noto Serif).
    std::string all;
    for (const auto& [key, use] : fonts.uses())
        for (const auto& [g, t] : use.text) all += t;
    for (const char* piece : {"O", "ffi", "c", "中", "文", "。"}) CHECK_MESSAGE(all.find(piece) != std::string::npos, piece);
}

TEST_CASE("PDF navigation: labels, links, outline") {
    CHECK(pageLabelTree({"", ""}).empty());
    CHECK(pageLabelTree({"i", "ii", "1", "2", "3", "7"}) ==
          "<< /Nums [ 0 << /P (i) >> 1 << /P (ii) >> 2 << /S /D /St 1 >> 5 << /S /D /St 7 >> ] >>");
    const double r[4] = {1, 2, 3.456, 4};
    CHECK(linkAnnotation(r, "#sec-2") == "<< /Type /Annot /Subtype /Link /Rect [1 2 3.46 4] /Border [0 0 0] /Dest (sec-2) >>");
    CHECK(linkAnnotation(r, "https://e.org").find("/A << /S /URI /URI (https://e.org) >>") != std::string::npos);
    ObjectFile w;
    CHECK(writeOutline(w, {}) == 0);
    const int root = writeOutline(w, {{1, "A", "a"}, {2, "A.1", "a1"}, {2, "A.2", "a2"}, {1, "B", "b"}});
    CHECK(root > 0);
}
