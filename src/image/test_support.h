// Test figures made at test time (nothing generated is committed): JPEG files written with libjpeg
// in every shape the readers must handle (grey, RGB, Adobe CMYK, progressive, EXIF orientation and
// resolution, JFIF density), for image_test.cpp and the fixture tool tests/figures/make_figures.cpp.
#pragma once

// clang-format off
#include <cstdio>  // jpeglib.h needs FILE and size_t first
#include <jpeglib.h>
// clang-format on

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace inkstone::image::testing {

// The ink or light of a pixel: RGB (0-255), grey (first), or CMYK ink (0 none, 255 full).
using PixelFn = std::function<void(int x, int y, unsigned char* out)>;

// Four quadrants, told apart by colour (top left red, top right green, bottom left blue, bottom
// right yellow): an image whose orientation can be read off a rendering.
inline void quadrants(int w, int h, int x, int y, unsigned char* out) {
    const bool right = x >= w / 2, bottom = y >= h / 2;
    const unsigned char colours[4][3] = {{220, 30, 30}, {30, 200, 30}, {30, 30, 220}, {230, 220, 20}};
    const unsigned char* c = colours[(bottom ? 2 : 0) + (right ? 1 : 0)];
    out[0] = c[0], out[1] = c[1], out[2] = c[2];
}

struct JpegSpec {
    int width = 64, height = 48;
    int components = 3;        // 1 grey, 3 RGB (YCbCr in the file), 4 CMYK
    bool progressive = false;
    int orientation = 0;       // 1-8: an EXIF APP1 segment with this orientation; 0: none
    double exifDpi = 0;        // with an EXIF segment: X/YResolution in inches
    int jfifDpi = 0;           // a JFIF density in dots an inch (0: unit 0, an aspect ratio)
    PixelFn pixel;             // default: quadrants (RGB), a ramp (grey), cyan|magenta halves (CMYK)
};

// An APP1 payload: "Exif\0\0", a big-endian TIFF header and IFD0 with Orientation and, when
// `dpi` > 0, X/YResolution and ResolutionUnit (inch).
inline std::string exifPayload(int orientation, double dpi) {
    std::string t("Exif\0\0MM\0\x2A\0\0\0\x08", 14);
    auto u16 = [&](unsigned v) { t += char(v >> 8), t += char(v & 0xFF); };
    auto u32 = [&](unsigned v) { u16(v >> 16), u16(v & 0xFFFF); };
    const unsigned count = dpi > 0 ? 4 : 1;
    u16(count);
    const unsigned data = 8 + 2 + count * 12 + 4;  // where the rationals go (TIFF offsets)
    u16(0x0112), u16(3), u32(1), u16(static_cast<unsigned>(orientation)), u16(0);
    if (dpi > 0) {
        u16(0x011A), u16(5), u32(1), u32(data);
        u16(0x011B), u16(5), u32(1), u32(data + 8);
        u16(0x0128), u16(3), u32(1), u16(2), u16(0);
    }
    u32(0);  // no IFD1
    if (dpi > 0)
        for (int i = 0; i < 2; ++i) u32(static_cast<unsigned>(dpi * 100)), u32(100);
    return t;
}

inline std::string encodeJpeg(const JpegSpec& s) {
    jpeg_compress_struct c;
    jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char* buf = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &buf, &size);
    c.image_width = static_cast<JDIMENSION>(s.width);
    c.image_height = static_cast<JDIMENSION>(s.height);
    c.input_components = s.components;
    c.in_color_space = s.components == 1 ? JCS_GRAYSCALE : s.components == 4 ? JCS_CMYK : JCS_RGB;
    jpeg_set_defaults(&c);  // CMYK: an Adobe APP14 marker
    jpeg_set_quality(&c, 90, TRUE);
    if (s.progressive) jpeg_simple_progression(&c);
    if (s.jfifDpi > 0) c.density_unit = 1, c.X_density = c.Y_density = static_cast<UINT16>(s.jfifDpi);
    if (s.orientation > 0 && s.jfifDpi == 0) c.write_JFIF_header = FALSE;  // as cameras write: APP1 first
    jpeg_start_compress(&c, TRUE);
    if (s.orientation > 0) {
        const std::string app1 = exifPayload(s.orientation, s.exifDpi);
        jpeg_write_marker(&c, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(app1.data()),
                          static_cast<unsigned>(app1.size()));
    }
    std::vector<unsigned char> row(static_cast<size_t>(s.width * s.components));
    for (int y = 0; y < s.height; ++y) {
        for (int x = 0; x < s.width; ++x) {
            unsigned char* px = &row[static_cast<size_t>(x * s.components)];
            if (s.pixel) s.pixel(x, y, px);
            else if (s.components == 3) quadrants(s.width, s.height, x, y, px);
            else if (s.components == 1) px[0] = static_cast<unsigned char>(255 * x / (s.width - 1));
            else {  // cyan left, magenta right
                const bool right = x >= s.width / 2;
                px[0] = right ? 0 : 255, px[1] = right ? 255 : 0, px[2] = 0, px[3] = 0;
            }
            // Photoshop's CMYK: every sample inverted (the Adobe marker tells readers).
            if (s.components == 4)
                for (int k = 0; k < 4; ++k) px[k] = static_cast<unsigned char>(255 - px[k]);
        }
        JSAMPROW rows[1] = {row.data()};
        jpeg_write_scanlines(&c, rows, 1);
    }
    jpeg_finish_compress(&c);
    std::string out(reinterpret_cast<const char*>(buf), size);
    jpeg_destroy_compress(&c);
    std::free(buf);
    return out;
}

}  // namespace inkstone::image::testing
