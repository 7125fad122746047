// Test figures made at test time (nothing generated is committed): JPEG files written with libjpeg
// in every shape the readers must handle (grey, RGB, Adobe CMYK, progressive, EXIF orientation and
// resolution, JFIF density), and PNG files written here (every colour type and bit depth, palettes,
// tRNS, Adam7, all five row filters), for image_test.cpp, pdf_figures_test.cpp and the fixture tool
// tests/figures/make_figures.cpp.
#pragma once

// clang-format off
#include <cstdio>  // jpeglib.h needs FILE and size_t first
#include <jpeglib.h>
// clang-format on
#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
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

// ---- PNG ----

// A whole chunk: length, type, data, CRC.
inline std::string pngChunk(const std::string& type, const std::string& data) {
    std::string c;
    auto u32 = [&](uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) c += static_cast<char>((v >> shift) & 0xFF);
    };
    u32(static_cast<uint32_t>(data.size()));
    c += type + data;
    u32(static_cast<uint32_t>(libdeflate_crc32(0, c.data() + 4, c.size() - 4)));
    return c;
}

struct PngSpec {
    int width = 16, height = 8;
    int depth = 8;         // bits a sample
    int colourType = 2;    // 0 grey, 2 RGB, 3 indexed, 4 grey and alpha, 6 RGB and alpha
    bool interlaced = false;
    std::string palette;       // PLTE's body (none when empty)
    std::string transparency;  // tRNS's body (none when empty)
    std::string extra;         // whole chunks put before the image data (pHYs, text, ...)
    // Sample `c` of pixel (x, y) at `depth` bits; default: quadrants (RGB), a ramp (grey), palette
    // entries by quadrant (indexed), and alpha half on the left, whole on the right.
    std::function<unsigned(int x, int y, int c)> sample;
};

inline int pngChannels(int colourType) { return colourType == 2 ? 3 : colourType == 4 ? 2 : colourType == 6 ? 4 : 1; }

inline unsigned defaultPngSample(const PngSpec& s, int x, int y, int c) {
    const unsigned max = (1u << s.depth) - 1;
    if ((s.colourType == 4 && c == 1) || (s.colourType == 6 && c == 3)) return x < s.width / 2 ? max / 2 : max;
    if (s.colourType == 3) return static_cast<unsigned>((y >= s.height / 2) * 2 + (x >= s.width / 2)) & max;
    if (s.colourType == 0 || s.colourType == 4) return static_cast<unsigned>(x) * max / static_cast<unsigned>(std::max(1, s.width - 1));
    unsigned char rgb[3];
    quadrants(s.width, s.height, x, y, rgb);
    return s.depth == 16 ? rgb[c] * 257u : rgb[c];
}

// The PNG of `s`: row y of each pass filtered with type (y + pass) % 5, the zlib stream (libdeflate)
// cut over two IDAT chunks.
inline std::string encodePng(const PngSpec& s) {
    const int ch = pngChannels(s.colourType), depth = s.depth;
    const size_t bpp = static_cast<size_t>(std::max(1, ch * depth / 8));
    static const int adam7[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
    static const int whole[1][4] = {{0, 0, 1, 1}};
    std::string raw;
    const int passes = s.interlaced ? 7 : 1;
    for (int p = 0; p < passes; ++p) {
        const int* q = s.interlaced ? adam7[p] : whole[p];
        std::vector<unsigned char> prev;
        for (int y = q[1]; y < s.height; y += q[3]) {
            std::vector<unsigned char> row;
            unsigned acc = 0;
            int bits = 0;
            for (int x = q[0]; x < s.width; x += q[2])
                for (int c = 0; c < ch; ++c) {
                    const unsigned v = s.sample ? s.sample(x, y, c) : defaultPngSample(s, x, y, c);
                    if (depth == 16) row.push_back(static_cast<unsigned char>(v >> 8)), row.push_back(static_cast<unsigned char>(v));
                    else {
                        acc = (acc << depth) | v, bits += depth;
                        if (bits == 8) row.push_back(static_cast<unsigned char>(acc)), acc = 0, bits = 0;
                    }
                }
            if (bits) row.push_back(static_cast<unsigned char>(acc << (8 - bits)));
            if (row.empty()) break;  // an empty pass has no rows
            if (prev.empty()) prev.assign(row.size(), 0);
            const int filter = (y + p) % 5;
            raw += static_cast<char>(filter);
            for (size_t i = 0; i < row.size(); ++i) {
                const int a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                int pred = 0;
                if (filter == 1) pred = a;
                else if (filter == 2) pred = b;
                else if (filter == 3) pred = (a + b) / 2;
                else if (filter == 4) {
                    const int pp = a + b - c, pa = std::abs(pp - a), pb = std::abs(pp - b), pc = std::abs(pp - c);
                    pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                }
                raw += static_cast<char>((row[i] - pred) & 0xFF);
            }
            prev = row;
        }
    }
    libdeflate_compressor* z = libdeflate_alloc_compressor(9);
    std::string data(libdeflate_zlib_compress_bound(z, raw.size()), '\0');
    data.resize(libdeflate_zlib_compress(z, raw.data(), raw.size(), data.data(), data.size()));
    libdeflate_free_compressor(z);
    std::string ihdr;
    for (uint32_t v : {static_cast<uint32_t>(s.width), static_cast<uint32_t>(s.height)})
        for (int shift = 24; shift >= 0; shift -= 8) ihdr += static_cast<char>((v >> shift) & 0xFF);
    ihdr += static_cast<char>(depth), ihdr += static_cast<char>(s.colourType);
    ihdr += std::string("\0\0", 2), ihdr += static_cast<char>(s.interlaced ? 1 : 0);
    std::string out("\x89PNG\r\n\x1A\n", 8);
    out += pngChunk("IHDR", ihdr) + s.extra;
    if (!s.palette.empty()) out += pngChunk("PLTE", s.palette);
    if (!s.transparency.empty()) out += pngChunk("tRNS", s.transparency);
    const size_t half = data.size() / 2;
    return out + pngChunk("IDAT", data.substr(0, half)) + pngChunk("IDAT", data.substr(half)) + pngChunk("IEND", "");
}

// The IDAT chunks' data of a PNG file, joined.
inline std::string pngData(const std::string& png) {
    std::string data;
    for (size_t at = 8; at + 12 <= png.size();) {
        const auto* p = reinterpret_cast<const unsigned char*>(png.data() + at);
        const size_t n = size_t(p[0]) << 24 | size_t(p[1]) << 16 | size_t(p[2]) << 8 | p[3];
        if (png.compare(at + 4, 4, "IDAT") == 0) data += png.substr(at + 8, n);
        at += 12 + n;
    }
    return data;
}

// `png` with its image data replaced by `data` (one IDAT chunk, its CRC right).
inline std::string withPngData(const std::string& png, const std::string& data) {
    std::string out = png.substr(0, 8);
    bool placed = false;
    for (size_t at = 8; at + 12 <= png.size();) {
        const auto* p = reinterpret_cast<const unsigned char*>(png.data() + at);
        const size_t n = size_t(p[0]) << 24 | size_t(p[1]) << 16 | size_t(p[2]) << 8 | p[3];
        if (png.compare(at + 4, 4, "IDAT") != 0) out += png.substr(at, 12 + n);
        else if (!placed) out += pngChunk("IDAT", data), placed = true;
        at += 12 + n;
    }
    return out;
}

// A PDF file of the given objects (numbered from 1; object 1 the catalog) with a correct
// cross-reference table: hand-made PDF figures for the tests.
inline std::string pdfFile(const std::vector<std::string>& objects) {
    std::string out = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t o : offsets) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", o);
        out += entry;
    }
    return out + "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
}

}  // namespace inkstone::image::testing
