// Cairo fonts for the page model's faces (text::FontFace): each font file face is opened with
// FreeType by the painter itself, sized and slanted by the face's data, emboldened by Cairo when
// the face is synthetic bold. Cairo embeds and subsets them itself in a PDF.
//
// Not Pango's own Cairo fonts: those share one FreeType face per font file across every thread
// (Cairo's font map), and Cairo 1.16 frees them with races when two threads' surfaces finish at
// once (a batch with -j 2 crashed in FT_Done_Face). Ours belong to one painter.
#pragma once

#include <cairo.h>

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "text/face.h"

namespace inkstone::render {

class CairoFonts {
public:
    CairoFonts() = default;
    ~CairoFonts();
    CairoFonts(const CairoFonts&) = delete;
    CairoFonts& operator=(const CairoFonts&) = delete;

    // The scaled font to draw `face`'s glyphs with (no hinting, unrounded metrics); null when
    // the face cannot be opened.
    cairo_scaled_font_t* get(const text::FontFace& face);

private:
    std::map<std::tuple<std::string, int, bool>, cairo_font_face_t*> faces_;
    std::map<std::tuple<std::string, int, bool, double, double, double, double, double>, cairo_scaled_font_t*> scaled_;
};

}  // namespace inkstone::render
