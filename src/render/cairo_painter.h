// Cairo as a painter of the page model: PNG pages, and the pages of Cairo's fallback PDF writer
// (cairo_pdf.cpp). It draws the glyph data layout computed (with its own Cairo fonts,
// cairo_fonts.h), rules, figures (cairo_figures.cpp) and, on a PDF surface, named destinations.
// Links are not drawn through Cairo (see cairo_pdf.cpp): a PDF caller gets their areas.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "layout/paged.h"
#include "render/cairo_fonts.h"
#include "render/pdf_navigation.h"

namespace inkstone::render {

using pdf::LinkArea;

// A value for a Cairo tag attribute ('...' with \' and \\ escaped).
std::string tagString(const std::string& s);

// Draws a figure (PNG, JPEG, SVG or PDF; cairo_figures.cpp) into its rectangle. A file that cannot
// be drawn any more (changed since layout checked it) is a UserError naming it.
void paintFigure(cairo_t* cr, const layout::ImageItem& im);

// Draws `page` with its origin at the top left of `cr`'s user space. `links` (a PDF surface):
// destinations are drawn as Cairo tags, text is drawn with its clusters, and the link areas
// are appended.
void paintPage(cairo_t* cr, CairoFonts& fonts, const layout::Page& page, std::vector<LinkArea>* links = nullptr);

}  // namespace inkstone::render
