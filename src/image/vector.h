// Vector figures: SVG through librsvg, one-page PDF files through qpdf (probing, and the page's
// box for our writer) and poppler (drawing, for Cairo's painter). Text in them stays text on both
// paths: librsvg draws it with Pango onto the Cairo surface it is given, poppler with Cairo fonts.
#pragma once

#include <cairo.h>

#include <optional>
#include <string>

#include "image/image.h"

namespace inkstone::image {

// ---- SVG (svg.cpp) ----

// Kind, natural size (CSS units: the intrinsic width and height at 96 px an inch, else the
// viewBox's size in px) of an SVG file; empty with the reason (continuing "image 'NAME' ...").
std::optional<Info> probeSvg(const std::string& path, std::string& why);

// The SVG drawn into the rectangle (0, 0, width, height) of `cr`'s user space. Text is laid out
// with inkstone's fonts (fonts/fonts.conf), never with whatever else is installed. False with the
// reason when the file cannot be read.
bool drawSvg(cairo_t* cr, const std::string& path, double width, double height, std::string& why);

// The SVG as a one-page PDF of its natural size (as probeSvg gives it; the file is read once),
// written by Cairo: what our writer places as a form XObject. Empty with the reason when the file
// cannot be read.
std::string svgToPdf(const std::string& path, std::string& why);

// ---- PDF (pdf_figure.cpp, poppler_figure.cpp) ----

// A PDF figure's page box (PDF 32000-1, 14.11.2: the crop box, else the media box, within the
// media box) and its /Rotate (0, 90, 180 or 270: clockwise as displayed).
struct PageBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int rotate = 0;
    double shownWidth() const { return rotate % 180 ? y1 - y0 : x1 - x0; }
    double shownHeight() const { return rotate % 180 ? x1 - x0 : y1 - y0; }
};

// Kind and natural size of a PDF file with one page; empty with the reason (damaged, encrypted,
// more than one page, an empty page box).
std::optional<Info> probePdf(const std::string& path, std::string& why);

// The page of a one-page PDF drawn into the rectangle (0, 0, width, height) of `cr`'s user space
// (poppler; vectors and text stay so on a PDF surface). False with the reason when it cannot be.
bool drawPdfPage(cairo_t* cr, const std::string& path, double width, double height, std::string& why);

// The page of a one-page PDF redrawn by poppler into a new one-page PDF (Cairo) of `width` x
// `height` points: for a figure whose fonts are not embedded, which Cairo's PDF then holds as the
// substitutes poppler drew it with, embedded and subset (PDF/UA-1 and PDF/A allow no other). Empty
// with the reason when it cannot be drawn.
std::string pdfPageToPdf(const std::string& path, double width, double height, std::string& why);

}  // namespace inkstone::image
