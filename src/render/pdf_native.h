// A PDF writer of our own, without Cairo: the default for single documents (`render`, `batch`);
// INKSTONE_PDF_WRITER=cairo selects Cairo instead. Volumes (`compile`) are still written by Cairo.
//
// Cairo 1.16 spends about 2.2 ms of CPU a page on a text page (recording, analysis, replay, per-glyph
// number formatting, deflate), more than layout. Everything else it does for us is done here
// already: font subsets (cff_subset, HarfBuzz), glyph positions (Pango), the text mapping
// (clusters). This writer emits the content streams directly: one text object per run with a TJ
// array whose adjustments place every glyph exactly where Pango put it, Type0 fonts (CIDFontType0C
// for CFF, CIDFontType2 for TrueType) with /W widths and ToUnicode CMaps from the clusters, named
// destinations, links, outline, page labels, /Lang and metadata.
//
// Not yet: images (a document with one is written by Cairo), streaming volumes. Returns false,
// writing nothing, for what it cannot write; the caller then uses Cairo.
#pragma once

#include <string>

#include "layout/paged.h"

namespace inkstone::render {

bool writePdfNative(const layout::PagedDocument& doc, const std::string& path);

}  // namespace inkstone::render
