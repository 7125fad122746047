#include <doctest/doctest.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>

#include <unistd.h>

#include <filesystem>

#include "layout/article.h"
#include "parse/article.h"
#include "render/pdf_merge.h"
#include "render/render.h"

using namespace inkstone;
namespace fs = std::filesystem;

TEST_CASE("renumbering references: only N G R, never strings, names or stream data") {
    using render::renumberReferences;
    CHECK(renumberReferences("<< /A 1 0 R /B [2 0 R (3 0 R) /4 5] /C <abcd> /D 12 0 R >>", 10) ==
          "<< /A 11 0 R /B [12 0 R (3 0 R) /4 5] /C <abcd> /D 22 0 R >>");
    CHECK(renumberReferences("(a \\) 1 0 R (nested 2 0 R)) 3 0 R", 1) == "(a \\) 1 0 R (nested 2 0 R)) 4 0 R");
    CHECK(renumberReferences("/Parent 7 0 R /Next 8 0 R", 100, {{7, 3}}) == "/Parent 3 0 R /Next 108 0 R");
    CHECK(renumberReferences("[1 2 3 0 R]", 5) == "[1 2 8 0 R]");  // only the two integers before R
    CHECK(renumberReferences("<< /Length 6 0 R >>\nstream\n1 0 R garbage\x01\x02\nendstream\n", 4) ==
          "<< /Length 10 0 R >>\nstream\n1 0 R garbage\x01\x02\nendstream\n");
    CHECK(renumberReferences("%comment 1 0 R\n2 0 R", 1) == "%comment 1 0 R\n3 0 R");
}

TEST_CASE("a PDF drawn in two parts: one page tree, every destination and link, one outline") {
    text::TextEngine engine;
    DiagnosticSink sink(false);
    auto doc = parse::parseArticle(
        "---\ntitle: Parts\nlang: en\n---\n\n## First\n\nSee [the second](#sec-2) and [a site](https://example.org).\n\n"
        "## Second\n\nText.\n\n## Third\n\nMore text.\n",
        "t.md", sink);
    auto st = style::loadStyle("briefing");
    auto a = layout::layoutArticle(doc, st, engine, sink);
    layout::LayoutOptions lo;
    lo.destPrefix = "b-";
    auto b = layout::layoutArticle(doc, st, engine, sink, lo);
    REQUIRE(a.pages.size() == 1);
    fs::path out = fs::temp_directory_path() / ("inkstone-merge-test-" + std::to_string(::getpid()) + ".pdf");
    {
        render::PdfWriter w(out.string(), a.info, 2);
        a.pages[0].label = "1";
        b.pages[0].label = "2";
        w.addPage(a.pages[0], 0);
        w.addPage(b.pages[0], 1);
        std::vector<layout::OutlineEntry> outline = a.outline;
        for (auto e : b.outline) outline.push_back(e);
        w.finish(outline, {1, 0});  // the second part's page first
    }
    QPDF pdf;
    pdf.processFile(out.string().c_str());
    auto pages = pdf.getAllPages();
    REQUIRE(pages.size() == 2);
    auto root = pdf.getRoot().getKey("/Pages");
    for (auto& p : pages) CHECK(p.getKey("/Parent").getObjGen() == root.getObjGen());
    CHECK(root.getKey("/Count").getIntValue() == 2);
    // Destinations from both parts, each on its own page.
    QPDFNameTreeObjectHelper dests(pdf.getRoot().getKey("/Names").getKey("/Dests"), pdf);
    QPDFObjectHandle d;
    REQUIRE(dests.findObject("title", d));
    CHECK(d.getArrayItem(0).getObjGen() == pages[1].getObjGen());  // part 0's page is now second
    REQUIRE(dests.findObject("b-title", d));
    CHECK(d.getArrayItem(0).getObjGen() == pages[0].getObjGen());
    // Links on both pages.
    for (auto& p : pages) CHECK(p.getKey("/Annots").getArrayNItems() >= 2);
    // The outline lists both copies' headings.
    QPDFOutlineDocumentHelper ol(pdf);
    size_t n = 0;
    for (auto& top : ol.getTopLevelOutlines()) n += 1 + top.getKids().size();
    CHECK(n == a.outline.size() + b.outline.size());
    // Labels follow the final order.
    auto nums = pdf.getRoot().getKey("/PageLabels").getKey("/Nums");
    CHECK(nums.getArrayItem(1).getKey("/St").getIntValue() == 2);
    fs::remove(out);
}
