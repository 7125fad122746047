// JPEG files: the header as the probe and our writer need it (libjpeg reads the markers up to the
// first scan, nothing is decoded), the EXIF fields that size and turn an image, and decoding into
// a Cairo surface for Cairo's painter.
//
// libjpeg's default error handler prints and calls exit(); here every error longjmps back to the
// function that called libjpeg, whose frame holds no C++ object with a destructor between the
// setjmp and the libjpeg calls, and the decompressor is destroyed by its owner (jpeg.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "text/gobject_ptr.h"

namespace inkstone::image {

struct JpegHeader {
    int width = 0, height = 0;  // as stored
    int components = 0;         // 1, 3 or 4
    bool adobe = false;         // an Adobe APP14 marker (with 4 components: inverted CMYK)
    int orientation = 1;        // EXIF, 1-8
    double dpiX = 0, dpiY = 0;  // the stored resolution (JFIF, else EXIF); 0 when none
};

// The header of a JPEG held in `bytes`; empty with the reason in `why` ("damaged JPEG: ...").
std::optional<JpegHeader> readJpegHeader(const std::string& bytes, std::string& why);

// The fields of an APP1 Exif payload (what follows "Exif\0\0": a TIFF header and IFD0) that matter
// here; anything malformed is ignored (orientation 1, no resolution).
struct Exif {
    int orientation = 1;
    double dpiX = 0, dpiY = 0;
};
Exif parseExif(const unsigned char* tiff, size_t size);

// Decodes `bytes` (a JPEG file's) into an image surface as stored (orientation not applied). For
// grey and RGB the bytes are attached as CAIRO_MIME_TYPE_JPEG, so that Cairo's PDF surface
// embeds the file as it is; CMYK is converted to RGB (Cairo would embed it without the Adobe
// inversion). Null with the reason in `why` when it cannot be decoded.
SurfacePtr decodeJpeg(const std::string& bytes, std::string& why);

}  // namespace inkstone::image
