// The fonts of one PDF, cut down before Cairo sees them.
//
// Cairo 1.16 subsets every font it embeds itself, and for a CFF font it copies and walks the whole
// 'CFF ' table: Noto Serif CJK's is 23 MB, which cost 0.17 s and 130 MiB per document (docs/DESIGN.md,
// "PDF fonts"). So the document's glyphs are collected first (every run of every page), each font
// file face is subset to exactly those glyphs with HarfBuzz's subsetter, and the runs are drawn with
// cairo_show_text_glyphs on a Cairo face made from the small font, glyph IDs mapped to the subset's.
// Clusters are passed exactly as pango_cairo_show_glyph_item passes them, so the PDF's text layer
// (ToUnicode, copy/paste) is unchanged.
//
// Runs this cannot serve (synthetic bold or slant, variable instances, unknown-glyph boxes, a face
// HarfBuzz will not subset) are left to Pango's own drawing: same appearance, Cairo's slower path.
#pragma once

#include <cairo.h>

#include <map>
#include <string_view>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "layout/paged.h"

namespace inkstone::render {

class PdfFonts {
public:
    PdfFonts();
    ~PdfFonts();
    PdfFonts(const PdfFonts&) = delete;
    PdfFonts& operator=(const PdfFonts&) = delete;

    // Records the glyphs of every text run of `page`: the exact subset when every page is
    // collected before the first is drawn. A face already built ignores them (a glyph it lacks
    // is a miss: that run is drawn by Pango).
    void collect(const layout::Page& page);
    // Characters the document will contain, for pages not yet laid out when drawing starts (a
    // streamed volume): every face is also given the glyphs its cmap maps them to, closed under
    // the substitutions shaping applies (ccmp, locl, liga, ...). Cairo subsets again to the glyphs
    // drawn, so a generous prediction costs time here, not bytes in the PDF.
    void expectText(std::string_view utf8);
    // Subsets every face collected so far, in parallel. Faces met later are built on first use.
    void build();

    // Draws `run` (whose item points into `text`) with its pen at (x, y). Returns false, drawing
    // nothing, when the run is not one this set serves; the caller then draws it with Pango.
    bool draw(cairo_t* cr, const text::GlyphRun& run, const std::string& text, double x, double y);

    // For reports and tests: faces subset, and glyphs kept in all of them.
    size_t faceCount() const;
    size_t glyphCount() const;
    // Runs drawn by Pango because a built face lacked one of their glyphs.
    size_t misses() const { return misses_; }

    // The Cairo font for drawing `font`'s glyphs with `face`: Pango's size, no hinting. Null when
    // the pattern carries no size. Public for the test that checks it against Pango's own.
    static cairo_scaled_font_t* scaledFont(cairo_font_face_t* face, PangoFont* font);

private:
    struct Face;
    struct Font;
    Font* fontFor(PangoFont* font);

    std::map<std::pair<std::string, int>, std::unique_ptr<Face>> faces_;  // by (file, face index)
    std::unordered_map<PangoFont*, std::unique_ptr<Font>> fonts_;
    std::vector<char32_t> chars_;  // expectText, unique
    std::vector<bool> seen_;       // by code point: in chars_
    size_t misses_ = 0;
    std::vector<cairo_glyph_t> glyphs_;          // scratch for draw()
    std::vector<cairo_text_cluster_t> clusters_;  // scratch for draw()
};

}  // namespace inkstone::render
