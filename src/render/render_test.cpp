#include <doctest/doctest.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "layout/article.h"
#include "parse/article.h"
#include "render/render.h"

using namespace inkstone;
namespace fs = std::filesystem;

namespace {

layout::PagedDocument layoutText(const std::string& md, text::TextEngine& engine) {
    DiagnosticSink sink(false);
    auto doc = parse::parseArticle(md, "t.md", sink);
    auto st = style::loadStyle("briefing");
    auto paged = layout::layoutArticle(doc, st, engine, sink);
    REQUIRE(sink.empty());
    return paged;
}

fs::path tempDir() {
    fs::path d = fs::temp_directory_path() / ("inkstone-render-test-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}

}  // namespace

// Runs a test body with our writer and with Cairo's (INKSTONE_PDF_WRITER=cairo).
struct WriterChoice {
    explicit WriterChoice(bool cairo) {
        if (cairo) setenv("INKSTONE_PDF_WRITER", "cairo", 1);
        else unsetenv("INKSTONE_PDF_WRITER");
    }
    ~WriterChoice() { unsetenv("INKSTONE_PDF_WRITER"); }
};

TEST_CASE("PDF output: language, links, outline and dates, from either writer") {
    for (const bool cairo : {false, true}) {
        CAPTURE(cairo);
        const WriterChoice choice(cairo);
        text::TextEngine engine;
        auto paged = layoutText(
            "---\ntitle: Links\nlang: zh-Hans\ndate: 2026-01-02\n---\n## 第一节\n\n见[报告](https://example.org/r)与脚注[^1]。\n\n"
            "[^1]: 注释。\n",
            engine);
        fs::path dir = tempDir();
        fs::path out = dir / "links.pdf";
        render::writePdf(paged, out.string());
        QPDF pdf;
        pdf.processFile(out.c_str());
        CHECK(pdf.getRoot().getKey("/Lang").getUTF8Value() == "zh-Hans");
        auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
        REQUIRE(pages.size() == 1);
        auto annots = pages[0].getObjectHandle().getKey("/Annots");
        REQUIRE(annots.isArray());
        int uri = 0, dest = 0;
        for (int i = 0; i < annots.getArrayNItems(); ++i) {
            auto a = annots.getArrayItem(i);
            if (a.hasKey("/A") && a.getKey("/A").getKey("/URI").getStringValue() == "https://example.org/r") ++uri;
            if (a.hasKey("/Dest") && a.getKey("/Dest").getStringValue() == "fn-1") ++dest;
        }
        CHECK(uri >= 1);
        CHECK(dest == 1);
        // Outline: the title with the subheading nested under it.
        auto outlines = pdf.getRoot().getKey("/Outlines");
        REQUIRE(outlines.isDictionary());
        auto first = outlines.getKey("/First");
        CHECK(first.getKey("/Title").getUTF8Value() == "Links");
        CHECK(first.getKey("/First").getKey("/Title").getUTF8Value() == "第一节");
        CHECK(pdf.getTrailer().getKey("/Info").getKey("/CreationDate").getUTF8Value().rfind("D:20260102", 0) == 0);
        fs::remove_all(dir);
    }
}

TEST_CASE("PDF writer slots: pages come in slot order, whichever slot is filled first, from either writer") {
    for (const bool cairo : {false, true}) {
        CAPTURE(cairo);
        const WriterChoice choice(cairo);
        text::TextEngine engine;
        auto paged = layoutText("---\ntitle: Slots\n---\nOne paragraph.\n", engine);
        REQUIRE(paged.pages.size() == 1);
        fs::path dir = tempDir();
        fs::path out = dir / "slots.pdf";
        {
            render::DocumentWriter w(out.string(), paged.info);
            const auto front = w.reserve(), body = w.reserve(), back = w.reserve();
            auto page = [&](const std::string& label) {
                layout::Page p = paged.pages[0];
                p.label = label;
                return p;
            };
            // Filled out of order, the body from two threads' worth of calls interleaved.
            w.addPage(page("5"), back);
            w.addPage(page("1"), body);
            w.addPage(page("2"), body);
            w.addPage(page("i"), front);
            w.addPage(page("ii"), front);
            CHECK(w.pageCount() == 5);
            w.finish({}, {});
        }
        QPDF pdf;
        pdf.processFile(out.c_str());
        auto labels = pdf.getRoot().getKey("/PageLabels").getKey("/Nums");
        REQUIRE(labels.isArray());
        // i, ii literally; then 1 (a decimal range starting at 1, which covers 2); then 5.
        CHECK(labels.unparse() == "[ 0 << /P (i) >> 1 << /P (ii) >> 2 << /S /D /St 1 >> 4 << /S /D /St 5 >> ]");
        CHECK(QPDFPageDocumentHelper(pdf).getAllPages().size() == 5);
        fs::remove_all(dir);
    }
}

TEST_CASE("a group item turns what it holds: drawn, linked and named through its matrix, by either writer") {
    for (const bool cairo : {false, true}) {
        CAPTURE(cairo);
        const WriterChoice choice(cairo);
        text::TextEngine engine;
        auto paged = layoutText("---\ntitle: Turned\n---\nSee [the report](https://example.org/r) here.\n", engine);
        const layout::TextItem* link = nullptr;
        for (const auto& item : paged.pages[0].items)
            if (auto* t = std::get_if<layout::TextItem>(&item); t && t->line->plain.find("See") == 0) link = t;
        REQUIRE(link);
        // The line turned 90 degrees clockwise about (300, 300): x' = -y + 600, y' = x.
        layout::TextItem local = *link;
        local.x = 0;
        local.baseline = 0;
        layout::GroupItem g;
        const double m[6] = {0, 1, -1, 0, 300, 100};
        std::copy(m, m + 6, g.transform);
        g.items.push_back(local);
        g.items.push_back(layout::DestItem{"turned", 0, 0});
        layout::PagedDocument doc;
        doc.info = paged.info;
        layout::Page page{paged.pages[0].width, paged.pages[0].height, {}, "1"};
        page.items.push_back(g);
        doc.pages.push_back(page);
        fs::path dir = tempDir();
        fs::path out = dir / "turned.pdf";
        render::writePdf(doc, out.string());
        QPDF pdf;
        pdf.processFile(out.c_str());
        auto annots = QPDFPageDocumentHelper(pdf).getAllPages().at(0).getObjectHandle().getKey("/Annots");
        REQUIRE(annots.isArray());
        auto rect = annots.getArrayItem(0).getKey("/Rect").getArrayAsVector();
        const double w = rect[2].getNumericValue() - rect[0].getNumericValue();
        const double h = rect[3].getNumericValue() - rect[1].getNumericValue();
        CHECK(h > 3 * w);  // the link area stands upright
        CHECK(w == doctest::Approx(10.5 * 1.2).epsilon(0.1));
        // Its top (PDF y up) is at page y = 100 + the link run's x: below the group's origin.
        CHECK(rect[3].getNumericValue() < page.height - 100);
        // The text is still text, in order (poppler reads turned text too).
        const std::string cmd = "pdftotext " + out.string() + " - 2>/dev/null";
        std::string text;
        if (FILE* f = popen(cmd.c_str(), "r")) {
            char buf[256];
            while (size_t n = fread(buf, 1, sizeof buf, f)) text.append(buf, n);
            pclose(f);
        }
        CHECK(text.find("the report") != std::string::npos);
        fs::remove_all(dir);
    }
}

TEST_CASE("atomic writes: a failed write leaves the earlier file alone") {
    fs::path dir = tempDir();
    fs::path out = dir / "keep.txt";
    render::writeFileAtomic(out.string(), "first");
    CHECK_THROWS_AS(render::writeFileAtomic((dir / "missing-dir" / "x.txt").string(), "second"), UserError);
    std::ifstream in(out);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(content == "first");
    // No temporary files are left behind.
    int files = 0;
    for (auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
    CHECK(files == 1);
    fs::remove_all(dir);
}

TEST_CASE("PNG pages and the layout dump") {
    text::TextEngine engine;
    auto paged = layoutText("---\ntitle: Pictures\n---\nOne paragraph.\n", engine);
    fs::path dir = tempDir();
    auto files = render::writePngs(paged, (dir / "p").string(), 30);
    REQUIRE(files.size() == paged.pages.size());
    CHECK(files[0] == (dir / "p-1.png").string());
    std::ifstream in(files[0], std::ios::binary);
    char sig[8] = {};
    in.read(sig, 8);
    CHECK(std::string(sig + 1, 3) == "PNG");
    std::string dump = render::dumpLayout(paged);
    CHECK(dump.rfind("document pages=1 title=Pictures\n", 0) == 0);
    CHECK(dump.find("|One paragraph.|") != std::string::npos);
    CHECK(dump.find("|1 / 1|") != std::string::npos);
    fs::remove_all(dir);
}
