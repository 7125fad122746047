// PNG chunks, checked without inflating, and PNG samples decoded (see png.h). The chunk rules
// follow PNG 1.2 (ISO/IEC 15948) as libpng 1.6 applies them on reading: what libpng rejects is
// damage here, what it ignores with a warning (an ancillary chunk with a wrong CRC, a misplaced
// or invalid tRNS, a palette in a grey image) is ignored here too. One difference: compressed data
// that go on past the last row, which libpng reads with a warning, are damage here (a PDF reader
// given them as they are would have to guess as libpng does).
#include "image/png.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace inkstone::image {

namespace {

uint32_t be32(const unsigned char* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

bool isLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::optional<PngFile> damaged(std::string& why, const std::string& detail) {
    why = "is a damaged PNG file: " + detail;
    return std::nullopt;
}

// Bit depths allowed for each colour type (PNG 1.2, 4.1.1).
bool validDepth(int type, int depth) {
    switch (type) {
        case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
        case 2:
        case 4:
        case 6: return depth == 8 || depth == 16;
        default: return false;
    }
}

// The Adam7 passes (PNG 1.2, 2.6): first column and row, and the steps across and down.
struct Pass {
    int x0, y0, dx, dy;
};
constexpr Pass kAdam7[7] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                            {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
constexpr Pass kWhole[1] = {{0, 0, 1, 1}};
const Pass* passesOf(const PngFile& png, int& n) {
    n = png.interlaced ? 7 : 1;
    return png.interlaced ? kAdam7 : kWhole;
}

int passSize(int size, int first, int step) { return size > first ? (size - first + step - 1) / step : 0; }

// The image data inflated: every (pass's) row with its filter byte. Null with the reason when the
// zlib stream is damaged, ends before the last row or runs past it.
std::unique_ptr<unsigned char[]> inflate(const PngFile& png, size_t& size, std::string& why) {
    struct Decompressor {
        libdeflate_decompressor* d = libdeflate_alloc_decompressor();
        ~Decompressor() { libdeflate_free_decompressor(d); }
    };
    thread_local Decompressor dc;
    size = png.inflatedSize();
    std::unique_ptr<unsigned char[]> out(new unsigned char[size]);
    size_t got = 0;
    const libdeflate_result r = dc.d ? libdeflate_zlib_decompress(dc.d, png.data.data(), png.data.size(), out.get(), size, &got)
                                     : LIBDEFLATE_BAD_DATA;
    if (r == LIBDEFLATE_SUCCESS && got == size) return out;
    why = "is a damaged PNG file: ";
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE) why += "its image data run past the last row";
    else if (r == LIBDEFLATE_SUCCESS)
        why += "its image data end early (" + std::to_string(got) + " of " + std::to_string(size) + " bytes)";
    else why += "its compressed image data are damaged";
    return nullptr;
}

// A Paeth predictor (PNG 1.2, 6.6).
inline unsigned paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = p > a ? p - a : a - p, pb = p > b ? p - b : b - p, pc = p > c ? p - c : c - p;
    return static_cast<unsigned>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

// Undoes the filters of `rows` rows of `stride` bytes (each after its filter byte) in place;
// false when a row's filter type is not one of the five.
bool unfilter(unsigned char* data, size_t rows, size_t stride, size_t bpp) {
    const std::unique_ptr<unsigned char[]> zero(new unsigned char[stride]());
    const unsigned char* prev = zero.get();
    for (size_t y = 0; y < rows; ++y) {
        unsigned char* r = data + y * (stride + 1) + 1;
        switch (r[-1]) {
            case 0: break;
            case 1:
                for (size_t i = bpp; i < stride; ++i) r[i] = static_cast<unsigned char>(r[i] + r[i - bpp]);
                break;
            case 2:
                for (size_t i = 0; i < stride; ++i) r[i] = static_cast<unsigned char>(r[i] + prev[i]);
                break;
            case 3:
                for (size_t i = 0; i < bpp && i < stride; ++i) r[i] = static_cast<unsigned char>(r[i] + (prev[i] >> 1));
                for (size_t i = bpp; i < stride; ++i) r[i] = static_cast<unsigned char>(r[i] + ((r[i - bpp] + prev[i]) >> 1));
                break;
            case 4:
                for (size_t i = 0; i < bpp && i < stride; ++i) r[i] = static_cast<unsigned char>(r[i] + prev[i]);
                for (size_t i = bpp; i < stride; ++i)
                    r[i] = static_cast<unsigned char>(r[i] + paeth(r[i - bpp], prev[i], prev[i - bpp]));
                break;
            default: return false;
        }
        prev = r;
    }
    return true;
}

// Sample `i` of a row at `depth` bits (1-16), as stored.
inline unsigned sample(const unsigned char* row, size_t i, int depth) {
    switch (depth) {
        case 8: return row[i];
        case 16: return unsigned(row[2 * i]) << 8 | row[2 * i + 1];
        default: {
            const size_t bit = i * static_cast<size_t>(depth);
            return (row[bit / 8] >> (8 - depth - bit % 8)) & ((1u << depth) - 1);
        }
    }
}

// A stored sample on 0-255: 16-bit samples cut to their high byte (as Cairo's reader did), lower
// depths scaled up (PNG 1.2, 13.12).
inline unsigned char to8(unsigned v, int depth) {
    if (depth == 8) return static_cast<unsigned char>(v);
    if (depth == 16) return static_cast<unsigned char>(v >> 8);
    return static_cast<unsigned char>(v * 255 / ((1u << depth) - 1));
}

// The pixels of one (pass's) row into the raster: `n` pixels, the first at column x0 of row y,
// every dx columns.
void putRow(const PngFile& png, const unsigned char* row, int n, int x0, int dx, int y, Raster& out, bool& translucent) {
    const int depth = png.bitDepth;
    unsigned char* rgb = reinterpret_cast<unsigned char*>(out.rgb.data());
    unsigned char* alpha = reinterpret_cast<unsigned char*>(out.alpha.data());
    const size_t base = static_cast<size_t>(y) * static_cast<size_t>(png.width);
    const auto* trns = reinterpret_cast<const unsigned char*>(png.transparency.data());
    const size_t trnsSize = png.transparency.size();
    const auto* plte = reinterpret_cast<const unsigned char*>(png.palette.data());
    const size_t entries = png.palette.size() / 3;
    if (depth == 8 && dx == 1 && png.colourType == 6) {  // the common case, without the general sample reader
        unsigned char* p = rgb + (base + static_cast<size_t>(x0)) * 3;
        unsigned char* a = alpha + base + static_cast<size_t>(x0);
        unsigned all = 255;
        for (int x = 0; x < n; ++x, row += 4, p += 3) {
            p[0] = row[0], p[1] = row[1], p[2] = row[2];
            a[x] = row[3];
            all &= row[3];
        }
        if (all != 255) translucent = true;
        return;
    }
    // tRNS key colours are stored as 16-bit samples (PNG 1.2, 4.2.1.1).
    auto key = [&](size_t k) { return unsigned(trns[2 * k]) << 8 | trns[2 * k + 1]; };
    for (int x = 0; x < n; ++x) {
        const size_t at = base + static_cast<size_t>(x0) + static_cast<size_t>(x) * static_cast<size_t>(dx);
        unsigned char* p = rgb + at * 3;
        unsigned a = 255;
        const size_t i = static_cast<size_t>(x);
        switch (png.colourType) {
            case 0: {
                const unsigned v = sample(row, i, depth);
                p[0] = p[1] = p[2] = to8(v, depth);
                if (trnsSize == 2 && v == key(0)) a = 0;
                break;
            }
            case 2: {
                const unsigned r = sample(row, 3 * i, depth), g = sample(row, 3 * i + 1, depth), b = sample(row, 3 * i + 2, depth);
                p[0] = to8(r, depth), p[1] = to8(g, depth), p[2] = to8(b, depth);
                if (trnsSize == 6 && r == key(0) && g == key(1) && b == key(2)) a = 0;
                break;
            }
            case 3: {
                const unsigned v = sample(row, i, depth);
                if (v < entries) p[0] = plte[3 * v], p[1] = plte[3 * v + 1], p[2] = plte[3 * v + 2];
                else p[0] = p[1] = p[2] = 0;  // past the palette: black, as libpng's zero-filled palette gives
                if (v < trnsSize) a = trns[v];
                break;
            }
            case 4:
                p[0] = p[1] = p[2] = to8(sample(row, 2 * i, depth), depth);
                a = to8(sample(row, 2 * i + 1, depth), depth);
                break;
            default:
                p[0] = to8(sample(row, 4 * i, depth), depth);
                p[1] = to8(sample(row, 4 * i + 1, depth), depth);
                p[2] = to8(sample(row, 4 * i + 2, depth), depth);
                a = to8(sample(row, 4 * i + 3, depth), depth);
                break;
        }
        alpha[at] = static_cast<unsigned char>(a);
        if (a != 255) translucent = true;
    }
}

}  // namespace

int PngFile::channels() const {
    switch (colourType) {
        case 2: return 3;
        case 4: return 2;
        case 6: return 4;
        default: return 1;
    }
}

size_t PngFile::rowBytes(int pixels) const {
    return (static_cast<size_t>(pixels) * static_cast<size_t>(channels()) * static_cast<size_t>(bitDepth) + 7) / 8;
}

size_t PngFile::inflatedSize() const {
    size_t total = 0;
    int n = 0;
    const Pass* passes = passesOf(*this, n);
    for (int k = 0; k < n; ++k) {
        const Pass& p = passes[k];
        const int w = passSize(width, p.x0, p.dx), h = passSize(height, p.y0, p.dy);
        if (w > 0 && h > 0) total += static_cast<size_t>(h) * (1 + rowBytes(w));
    }
    return total;
}

std::optional<PngFile> readPngFile(const std::string& bytes, std::string& why, bool keepData) {
    if (bytes.size() < 8 || std::memcmp(bytes.data(), "\x89PNG\r\n\x1A\n", 8) != 0) return damaged(why, "no PNG signature");
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    PngFile png;
    bool header = false, palette = false, idat = false, idatEnded = false, phys = false;
    size_t idatBytes = 0;
    for (size_t at = 8;;) {
        if (bytes.size() - at < 12)
            return damaged(why, at == bytes.size() ? "it ends without an IEND chunk (the file is cut short)" : "it is cut short");
        const uint32_t length = be32(b + at);
        const std::string type = bytes.substr(at + 4, 4);
        if (!std::all_of(type.begin(), type.end(), isLetter)) return damaged(why, "a chunk at byte " + std::to_string(at) + " has no valid type");
        if (length > 0x7FFFFFFFu || length > bytes.size() - at - 12)
            return damaged(why, "it is cut short in its " + type + " chunk");
        const unsigned char* body = b + at + 8;
        const bool critical = type[0] >= 'A' && type[0] <= 'Z';
        if (be32(body + length) != libdeflate_crc32(0, b + at + 4, length + 4)) {
            if (critical) return damaged(why, "its " + type + " chunk fails its CRC check");
            at += 12 + length;  // an ancillary chunk with a wrong CRC: ignored, as libpng does
            continue;
        }
        if (!header && type != "IHDR") return damaged(why, "it does not begin with an IHDR chunk");
        if (idat && type != "IDAT") idatEnded = true;
        if (type == "IHDR") {
            if (header) return damaged(why, "it has two IHDR chunks");
            if (length != 13) return damaged(why, "its IHDR chunk has " + std::to_string(length) + " bytes, not 13");
            const uint32_t w = be32(body), h = be32(body + 4);
            png.bitDepth = body[8], png.colourType = body[9];
            if (w == 0 || h == 0 || w > 0x7FFFFFFFu || h > 0x7FFFFFFFu) return damaged(why, "its IHDR gives no usable size");
            if (!validDepth(png.colourType, png.bitDepth))
                return damaged(why, "its IHDR gives colour type " + std::to_string(png.colourType) + " at " +
                                        std::to_string(png.bitDepth) + " bits, which PNG does not define");
            if (body[10] != 0 || body[11] != 0 || body[12] > 1) return damaged(why, "its IHDR names an unknown compression, filter or interlace method");
            if (w > kPngMaxSide || h > kPngMaxSide) {
                why = "is a PNG of " + std::to_string(w) + " x " + std::to_string(h) + " pixels: inkstone reads up to " +
                      std::to_string(kPngMaxSide) + " a side";
                return std::nullopt;
            }
            png.width = static_cast<int>(w), png.height = static_cast<int>(h);
            png.interlaced = body[12] == 1;
            header = true;
        } else if (type == "PLTE") {
            if (palette) return damaged(why, "it has two PLTE chunks");
            palette = true;
            if (!idat && png.colourType == 3) {
                if (length == 0 || length % 3 != 0 || length > 768) return damaged(why, "its PLTE chunk has " + std::to_string(length) + " bytes");
                // Entries past what the bit depth can index are never used (libpng drops them too).
                png.palette.assign(reinterpret_cast<const char*>(body), std::min<size_t>(length, 3u << png.bitDepth));
            }  // else a suggested palette (RGB), or one where none belongs: ignored
        } else if (type == "IDAT") {
            if (idatEnded) return damaged(why, "its IDAT chunks are not together");
            if (png.colourType == 3 && png.palette.empty()) return damaged(why, "it is an indexed image without a palette (PLTE)");
            idat = true;
            idatBytes += length;
            if (keepData) png.data.append(reinterpret_cast<const char*>(body), length);
        } else if (type == "IEND") {
            if (!idat) return damaged(why, "it has no image data (IDAT)");
            if (idatBytes == 0) return damaged(why, "its IDAT chunks are empty");
            return png;  // whatever follows IEND is not the image's (libpng stops there too)
        } else if (type == "tRNS") {
            // Before the image data, once, of the size its colour type gives; else ignored.
            const bool fits = png.colourType == 0   ? length == 2
                              : png.colourType == 2 ? length == 6
                              : png.colourType == 3 ? length >= 1 && length <= png.palette.size() / 3
                                                    : false;
            if (!idat && png.transparency.empty() && fits) png.transparency.assign(reinterpret_cast<const char*>(body), length);
        } else if (type == "pHYs") {
            if (!idat && !phys && length == 9 && body[8] == 1) {  // unit 1: the metre (0 is an aspect ratio only)
                png.dpiX = be32(body) * 0.0254;
                png.dpiY = be32(body + 4) * 0.0254;
            }
            phys = true;
        } else if (critical) {
            why = "is a PNG file with a chunk inkstone cannot read ('" + type + "', which a reader must understand)";
            return std::nullopt;
        }
        at += 12 + length;
    }
}

bool checkPngData(const PngFile& png, std::string& why) {
    size_t size = 0;
    const std::unique_ptr<unsigned char[]> raw = inflate(png, size, why);
    if (!raw) return false;
    const size_t stride = png.rowBytes(png.width);
    for (size_t y = 0; y < static_cast<size_t>(png.height); ++y) {
        const unsigned filter = raw[y * (stride + 1)];
        if (filter > 4) {
            why = "is a damaged PNG file: row " + std::to_string(y + 1) + " has an unknown filter type (" + std::to_string(filter) + ")";
            return false;
        }
    }
    return true;
}

std::optional<Raster> decodePng(const PngFile& png, std::string& why) {
    size_t size = 0;
    const std::unique_ptr<unsigned char[]> raw = inflate(png, size, why);
    if (!raw) return std::nullopt;
    Raster r;
    r.width = png.width, r.height = png.height;
    const size_t pixels = static_cast<size_t>(png.width) * static_cast<size_t>(png.height);
    r.rgb.resize(pixels * 3);
    r.alpha.resize(pixels);
    const size_t bpp = std::max<size_t>(1, static_cast<size_t>(png.channels() * png.bitDepth / 8));
    bool translucent = false;
    unsigned char* at = raw.get();
    int n = 0;
    const Pass* passes = passesOf(png, n);
    for (int k = 0; k < n; ++k) {
        const Pass& p = passes[k];
        const int w = passSize(png.width, p.x0, p.dx), h = passSize(png.height, p.y0, p.dy);
        if (w == 0 || h == 0) continue;
        const size_t stride = png.rowBytes(w);
        if (!unfilter(at, static_cast<size_t>(h), stride, bpp)) {
            why = "is a damaged PNG file: a row has an unknown filter type";
            return std::nullopt;
        }
        for (int y = 0; y < h; ++y) putRow(png, at + static_cast<size_t>(y) * (stride + 1) + 1, w, p.x0, p.dx, p.y0 + y * p.dy, r, translucent);
        at += static_cast<size_t>(h) * (stride + 1);
    }
    if (!translucent) std::string().swap(r.alpha);
    return r;
}

std::optional<Raster> readPng(const std::string& path, std::string& why) {
    std::string bytes;
    if (!readFile(path, bytes)) {
        why = "cannot be read";
        return std::nullopt;
    }
    const std::optional<PngFile> png = readPngFile(bytes, why, true);
    if (!png) return std::nullopt;
    return decodePng(*png, why);
}

}  // namespace inkstone::image
