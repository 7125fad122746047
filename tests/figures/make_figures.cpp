// Writes the figures tests/figures.sh renders, into the folder given (nothing generated is
// committed): JPEGs with libjpeg (RGB with a JFIF density, progressive grey, Adobe CMYK, EXIF
// orientation 6), a half-transparent PNG with Cairo, PNGs our writer places as they are (8-bit
// RGB, a 4-bit palette, 16-bit grey; image/test_support.h) and one whose compressed data are
// damaged under right CRCs, and small PDF charts written by hand as R's
// pdf() device writes them (Helvetica, one of the standard 14 fonts, not embedded): one page, one
// turned by /Rotate with a crop box and resources inherited from the page tree, and one of three
// pages. The SVG figure is a committed source (tests/figures/chart.svg).
#include <cairo.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "image/test_support.h"

namespace {

using inkstone::image::testing::encodeJpeg;
using inkstone::image::testing::encodePng;
using inkstone::image::testing::pdfFile;
using inkstone::image::testing::JpegSpec;
using inkstone::image::testing::PngSpec;

void save(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out) {
        std::fprintf(stderr, "make_figures: cannot write %s\n", path.c_str());
        std::exit(1);
    }
}


std::string stream(const std::string& data) {
    return "<< /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

// A bar chart 288 x 216 pt: a title, three bars, month labels.
std::string chartContent(const std::string& title) {
    return "1 1 1 rg 0 0 288 216 re f\n"
           "0.15 0.35 0.65 rg 50 40 50 90 re f 120 40 50 130 re f 190 40 50 60 re f\n"
           "0 0 0 RG 1 w 40 40 m 260 40 l S\n"
           "0 0 0 rg BT /F1 14 Tf 50 185 Td (" + title + ") Tj ET\n"
           "BT /F1 10 Tf 62 26 Td (June) Tj 70 0 Td (July) Tj 68 0 Td (August) Tj ET\n";
}

const char* kHelvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

std::string onePageChart() {
    return pdfFile({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 216] /Contents 4 0 R "
                    "/Resources << /Font << /F1 5 0 R >> /ProcSet [/PDF /Text] >> >>",
                    stream(chartContent("Rainfall by month")), kHelvetica});
}

// Turned a quarter clockwise when shown, a crop box inside a larger media box, the resources and
// the rotation inherited from the page tree, the content in two streams.
std::string turnedChart() {
    return pdfFile({"<< /Type /Catalog /Pages 2 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 /Rotate 90 /Resources << /Font << /F1 6 0 R >> >> >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [-20 -20 320 240] /CropBox [0 0 288 216] "
                    "/Contents [4 0 R 5 0 R] >>",
                    stream("q\n"), stream(chartContent("Turned chart") + "Q\n"), kHelvetica});
}

std::string threePages() {
    return pdfFile({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"});
}

// 160 x 100 px: red at half opacity on the left, opaque blue on the right, fully transparent in
// a band across the middle.
void translucentPng(const std::string& path) {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 160, 100);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgba(cr, 1, 0, 0, 0.5);
    cairo_rectangle(cr, 0, 0, 80, 100);
    cairo_fill(cr);
    cairo_set_source_rgba(cr, 0, 0, 1, 1);
    cairo_rectangle(cr, 80, 0, 80, 100);
    cairo_fill(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    cairo_rectangle(cr, 0, 45, 160, 10);
    cairo_fill(cr);
    cairo_destroy(cr);
    if (cairo_surface_write_to_png(s, path.c_str()) != CAIRO_STATUS_SUCCESS) {
        std::fprintf(stderr, "make_figures: cannot write %s\n", path.c_str());
        std::exit(1);
    }
    cairo_surface_destroy(s);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_figures DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    JpegSpec photo;
    photo.width = 320, photo.height = 200, photo.jfifDpi = 150;
    save(dir + "/photo.jpg", encodeJpeg(photo));
    JpegSpec grey;
    grey.width = 200, grey.height = 120, grey.components = 1, grey.progressive = true;
    save(dir + "/grey.jpg", encodeJpeg(grey));
    JpegSpec cmyk;
    cmyk.width = 200, cmyk.height = 100, cmyk.components = 4;
    save(dir + "/cmyk.jpg", encodeJpeg(cmyk));
    JpegSpec turned;  // stored 240 x 160, seen 160 x 240 (turned a quarter clockwise)
    turned.width = 240, turned.height = 160, turned.orientation = 6, turned.exifDpi = 96;
    save(dir + "/turned.jpg", encodeJpeg(turned));
    translucentPng(dir + "/translucent.png");
    PngSpec rgb;  // quadrants, as photo.jpg
    rgb.width = 240, rgb.height = 150;
    save(dir + "/quadrants.png", encodePng(rgb));
    PngSpec palette;  // quadrants again, as palette entries
    palette.width = 200, palette.height = 80, palette.colourType = 3, palette.depth = 4;
    palette.palette = std::string("\xDC\x1E\x1E\x1E\xC8\x1E\x1E\x1E\xDC\xE6\xDC\x14", 12);
    save(dir + "/palette.png", encodePng(palette));
    PngSpec ramp;  // a ramp, dark to light, at 16 bits
    ramp.width = 180, ramp.height = 90, ramp.colourType = 0, ramp.depth = 16;
    save(dir + "/grey16.png", encodePng(ramp));
    std::string broken = inkstone::image::testing::pngData(encodePng(rgb));
    for (size_t i = 2; i < 40; ++i) broken[i] = static_cast<char>(broken[i] ^ 0x55);
    save(dir + "/broken.png", inkstone::image::testing::withPngData(encodePng(rgb), broken));
    save(dir + "/chart.pdf", onePageChart());
    save(dir + "/turned-chart.pdf", turnedChart());
    save(dir + "/three-pages.pdf", threePages());
    return 0;
}
