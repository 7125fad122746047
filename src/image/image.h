// Figures as layout and the painters read them: one probe for every stage (layout asks for the
// kind and natural size, the painters how to draw the file), and PNG samples for the painters. The
// other readers: png.h (chunks, decoding), jpeg.h (headers, EXIF, decoding for Cairo), vector.h
// (SVG and PDF figures).
//
// Kinds come from the file's signature, never from its extension. Natural sizes are points:
// rasters at the resolution stored in the file (PNG pHYs, JFIF density, EXIF resolution), else at
// 96 dpi (0.75 pt a pixel, as CSS and browsers size an image); SVG at its intrinsic size (CSS
// units: 96 px an inch); PDF its page's crop box, turned by /Rotate.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace inkstone::image {

enum class Kind { Png, Jpeg, Svg, Pdf };

struct Info {
    Kind kind = Kind::Png;
    double width = 0, height = 0;        // natural size in points, after EXIF orientation
    int pixelsWide = 0, pixelsHigh = 0;  // rasters, after orientation; 0 for vector figures
    // PDF figures: the fonts it uses without embedding them (R's pdf() device writes Helvetica so);
    // a printer or viewer substitutes them.
    std::vector<std::string> unembeddedFonts;
    // JPEG only: as stored (before orientation), the EXIF orientation (TIFF 6.0 tag 0x0112: 1 as
    // stored, 2-8 mirrored and/or turned), the number of components (1 grey, 3 YCbCr or RGB, 4
    // CMYK or YCCK) and whether an Adobe APP14 marker says the CMYK samples are inverted (as
    // Photoshop writes them).
    int storedWide = 0, storedHigh = 0;
    int orientation = 1;
    int components = 0;
    bool adobe = false;
};

// What the file is and its natural size; empty with a reason a user can act on in `why` ("not a
// JPEG, PNG, SVG or PDF file", "damaged JPEG: ...", "a PDF figure must have one page; 'x.pdf' has
// 3"). Cheap: a JPEG's header only, a PNG's chunks (each one's CRC checked, nothing inflated:
// damage inside the compressed image data is found by the painter that reads them, png.h), a
// PDF's page tree; an SVG is parsed whole. Never crashes or prints on garbage.
std::optional<Info> probe(const std::string& path, std::string& why);

// The kind of a file from its first bytes (the probe's first step; painters use it to pick their
// reader without a second probe). Empty when it is none of them or cannot be read.
std::optional<Kind> kindOf(const std::string& path);

// The whole file; false when it cannot be read.
bool readFile(const std::string& path, std::string& out);

// A matrix (x' = a x + c y + e, y' = b x + d y + f) in a y-down space (layout's and Cairo's).
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};
// Maps the stored image's unit square (x across the columns, y down the rows) onto the unit square
// of the image as it is to be seen, for EXIF orientation `o` (1-8; others are 1).
Matrix orientation(int o);

// 8-bit samples, rows top to bottom, no padding.
struct Raster {
    int width = 0, height = 0;
    std::string rgb;    // 3 bytes a pixel
    std::string alpha;  // 1 byte a pixel; empty when every pixel is opaque
};

// Decodes a PNG file (any colour type, bit depth and interlacing; png.h). Empty with the reason
// (continuing "image 'NAME' ...") when it cannot be read or is damaged.
std::optional<Raster> readPng(const std::string& path, std::string& why);

}  // namespace inkstone::image
