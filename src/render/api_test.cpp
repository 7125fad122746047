// The public API's plumbing (api.cpp): the PDF's conformance from the style's `pdf:` section into
// DocInfo, and the request's overrides (--no-tags, --pdfa) over the style's.
#include <doctest/doctest.h>

#include "layout/article.h"
#include "parse/article.h"
#include "render/api_internal.h"

using namespace inkstone;

TEST_CASE("PDF conformance: layout copies the style's, a request's overrides win where set") {
    text::TextEngine engine;
    DiagnosticSink sink(false);
    const auto doc = parse::parseArticle("---\ntitle: T\n---\nText.\n", "t.md", sink);
    style::Style st = style::loadStyle("briefing");
    auto info = [&] { return layout::layoutArticle(doc, st, engine, sink).info; };

    layout::DocInfo d = info();  // the defaults: tagged, no PDF/A
    CHECK(d.tagged);
    CHECK(d.pdfa == layout::PdfA::None);

    st.pdf = {false, style::PdfA::A2u};
    d = info();
    CHECK_FALSE(d.tagged);
    CHECK(d.pdfa == layout::PdfA::A2u);

    applyPdfOverrides(st, {});  // nothing set: the style's stays
    CHECK_FALSE(st.pdf.tagged);
    CHECK(st.pdf.pdfa == style::PdfA::A2u);

    PdfOverrides o;
    o.tagged = true;
    applyPdfOverrides(st, o);
    CHECK(st.pdf.tagged);
    CHECK(st.pdf.pdfa == style::PdfA::A2u);
    o.standard = PdfStandard::A2b;
    applyPdfOverrides(st, o);
    CHECK(st.pdf.pdfa == style::PdfA::A2b);
    o.standard = PdfStandard::None;
    o.tagged = false;
    applyPdfOverrides(st, o);
    d = info();
    CHECK_FALSE(d.tagged);
    CHECK(d.pdfa == layout::PdfA::None);
    CHECK(sink.empty());
}
