// A PDF writer of our own, without Cairo: the default behind render::PdfWriter for every output
// (`render`, `batch`, `compile`); INKSTONE_PDF_WRITER=cairo selects Cairo instead.
//
// Cairo 1.16 spends about 2.2 ms of CPU a page on a text page (recording, analysis, replay, per-glyph
// number formatting, deflate), more than layout. Everything else it does for us is done here
// already: font subsets (cff_subset, HarfBuzz), glyph positions (Pango), the text mapping
// (clusters). This writer emits the content streams directly: one text object per run with a TJ
// array whose adjustments place every glyph exactly where Pango put it, Type0 fonts (CIDFontType0C
// for CFF, CIDFontType2 for TrueType) with /W widths and ToUnicode CMaps from the clusters, named
// destinations, links, outline, page labels, /Lang and metadata.
//
// Images are written as RGB XObjects with an SMask when translucent; synthetic bold and slant as
// text render mode 2 and a skewed text matrix.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "layout/paged.h"

namespace inkstone::render {

// A PDF text string: literal when plain ASCII, else UTF-16BE with a BOM as a hex string.
std::string textString(const std::string& utf8);

// A /PageLabels number tree: runs of decimal labels as one range each, other labels literally.
std::string pageLabelTree(const std::vector<std::string>& labels);

// Page by page, in parts that threads may fill concurrently (one thread per part): each page's
// content stream is made and compressed when it is added (glyphs addressed by their source glyph
// IDs), the fonts are subset and everything is written when finished, parts in order. Nothing
// reaches `path` unless finish() succeeds.
class NativePdfWriter {
public:
    NativePdfWriter(const std::string& path, const layout::DocInfo& info, int parts = 1);
    ~NativePdfWriter();
    NativePdfWriter(const NativePdfWriter&) = delete;
    NativePdfWriter& operator=(const NativePdfWriter&) = delete;

    void addPage(const layout::Page& page, int part = 0);
    size_t pageCount() const;
    // `order[i]`: which added page (0-based, part 0's first) is the document's page i.
    void finish(const std::vector<layout::OutlineEntry>& outline, const std::vector<size_t>& order = {});

private:
    struct Part;
    std::string path_;
    layout::DocInfo info_;
    std::vector<std::unique_ptr<Part>> parts_;
};

}  // namespace inkstone::render
