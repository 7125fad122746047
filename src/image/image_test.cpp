// The figure probe (kind from the signature, natural size, EXIF orientation), the JPEG and EXIF
// readers on garbage, JPEG decoding for Cairo, PNG chunks (checked without inflating) and PNG
// decoding in every colour type, bit depth and interlacing. Figures are made here (image/test_support.h)
// and written to a temporary folder.
#include <doctest/doctest.h>
#include <libdeflate.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "image/image.h"
#include "image/jpeg.h"
#include "image/png.h"
#include "image/test_support.h"
#include "image/vector.h"

using namespace inkstone;
using namespace inkstone::image;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path dir;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "inkstone-image-test.XXXXXX").string();
        REQUIRE(mkdtemp(t.data()));
        dir = t;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& bytes) const {
        const std::string path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
};

std::optional<Info> probeBytes(const TempDir& t, const std::string& name, const std::string& bytes, std::string& why) {
    return probe(t.write(name, bytes), why);
}

std::string jpeg(int w, int h, int components = 3) {
    testing::JpegSpec s;
    s.width = w, s.height = h, s.components = components;
    return testing::encodeJpeg(s);
}

// A PNG written by Cairo, with a pHYs chunk (`ppm` pixels a metre) spliced in after IHDR.
std::string png(int w, int h, unsigned ppm = 0) {
    SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    std::string out;
    cairo_surface_write_to_png_stream(
        s.get(),
        [](void* c, const unsigned char* d, unsigned n) {
            static_cast<std::string*>(c)->append(reinterpret_cast<const char*>(d), n);
            return CAIRO_STATUS_SUCCESS;
        },
        &out);
    if (ppm == 0) return out;
    std::string chunk("\0\0\0\x09pHYs", 8);
    for (int k = 0; k < 2; ++k)
        for (int shift = 24; shift >= 0; shift -= 8) chunk += static_cast<char>((ppm >> shift) & 0xFF);
    chunk += '\x01';
    const uint32_t crc = libdeflate_crc32(0, chunk.data() + 4, chunk.size() - 4);
    for (int shift = 24; shift >= 0; shift -= 8) chunk += static_cast<char>((crc >> shift) & 0xFF);
    return out.insert(8 + 25, chunk);  // signature, IHDR (length, type, 13 bytes, CRC)
}

// A one-page PDF of the given boxes and rotation, with a correct cross-reference table.
std::string pdf(const std::string& pageExtra, int pages = 1) {
    std::vector<std::string> objs = {"<< /Type /Catalog /Pages 2 0 R >>"};
    std::string kids;
    for (int i = 0; i < pages; ++i) kids += std::to_string(3 + i) + " 0 R ";
    objs.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
    for (int i = 0; i < pages; ++i) objs.push_back("<< /Type /Page /Parent 2 0 R " + pageExtra + " >>");
    return testing::pdfFile(objs);
}

}  // namespace

TEST_CASE("probe: a JPEG's kind, pixels and size at 96 dpi, its components and Adobe marker") {
    TempDir t;
    std::string why;
    auto rgb = probeBytes(t, "a.jpg", jpeg(64, 48), why);
    REQUIRE(rgb);
    CHECK(rgb->kind == Kind::Jpeg);
    CHECK(rgb->pixelsWide == 64);
    CHECK(rgb->pixelsHigh == 48);
    CHECK(rgb->width == doctest::Approx(48));  // 0.75 pt a pixel
    CHECK(rgb->height == doctest::Approx(36));
    CHECK(rgb->components == 3);
    CHECK_FALSE(rgb->adobe);
    auto grey = probeBytes(t, "g.jpg", jpeg(10, 20, 1), why);
    REQUIRE(grey);
    CHECK(grey->components == 1);
    auto cmyk = probeBytes(t, "c.jpg", jpeg(10, 20, 4), why);
    REQUIRE(cmyk);
    CHECK(cmyk->components == 4);
    CHECK(cmyk->adobe);
    testing::JpegSpec p;
    p.progressive = true;
    auto progressive = probeBytes(t, "p.jpg", testing::encodeJpeg(p), why);
    REQUIRE(progressive);
    CHECK(progressive->pixelsWide == 64);
    // The kind comes from the bytes, not the name.
    auto named = probeBytes(t, "photo.png", jpeg(8, 8), why);
    REQUIRE(named);
    CHECK(named->kind == Kind::Jpeg);
}

TEST_CASE("probe: a stored resolution sizes a raster (JFIF density first, then EXIF; PNG pHYs)") {
    TempDir t;
    std::string why;
    testing::JpegSpec jfif;
    jfif.width = 300, jfif.height = 150, jfif.jfifDpi = 300;
    auto a = probeBytes(t, "a.jpg", testing::encodeJpeg(jfif), why);
    REQUIRE(a);
    CHECK(a->width == doctest::Approx(72));
    CHECK(a->height == doctest::Approx(36));
    testing::JpegSpec exif;
    exif.width = 144, exif.height = 72, exif.orientation = 1, exif.exifDpi = 72;
    auto b = probeBytes(t, "b.jpg", testing::encodeJpeg(exif), why);
    REQUIRE(b);
    CHECK(b->width == doctest::Approx(144));
    CHECK(b->height == doctest::Approx(72));
    auto plain = probeBytes(t, "p.png", png(96, 48), why);
    REQUIRE(plain);
    CHECK(plain->kind == Kind::Png);
    CHECK(plain->width == doctest::Approx(72));
    CHECK(plain->height == doctest::Approx(36));
    auto dense = probeBytes(t, "d.png", png(300, 150, 11811), why);  // 11811 a metre: 300 dpi
    REQUIRE(dense);
    CHECK(dense->width == doctest::Approx(72).epsilon(0.001));
    CHECK(dense->pixelsWide == 300);
}

TEST_CASE("probe: EXIF orientations 1-8 (sizes as seen; 5-8 turn a quarter)") {
    TempDir t;
    for (int o = 1; o <= 8; ++o) {
        CAPTURE(o);
        testing::JpegSpec s;
        s.width = 60, s.height = 40, s.orientation = o;
        std::string why;
        auto info = probeBytes(t, "o.jpg", testing::encodeJpeg(s), why);
        REQUIRE(info);
        CHECK(info->orientation == o);
        CHECK(info->storedWide == 60);
        const bool quarter = o >= 5;
        CHECK(info->pixelsWide == (quarter ? 40 : 60));
        CHECK(info->pixelsHigh == (quarter ? 60 : 40));
        CHECK(info->width == doctest::Approx(quarter ? 30 : 45));
        CHECK(info->height == doctest::Approx(quarter ? 45 : 30));
    }
}

TEST_CASE("orientation matrices map the stored corners where EXIF says they are seen") {
    auto at = [](int o, double x, double y) {
        const Matrix m = orientation(o);
        return std::make_pair(m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f);
    };
    using P = std::pair<double, double>;
    // The stored top-left pixel (0, 0) and top-right (1, 0), as seen (TIFF 6.0, Orientation).
    CHECK(at(1, 0, 0) == P{0, 0});
    CHECK(at(2, 0, 0) == P{1, 0});  // mirrored: the first column is on the right
    CHECK(at(3, 0, 0) == P{1, 1});
    CHECK(at(4, 0, 0) == P{0, 1});
    CHECK(at(5, 1, 0) == P{0, 1});  // the first row is the left side, top to bottom
    CHECK(at(6, 0, 0) == P{1, 0});  // the first row is the right side, top to bottom
    CHECK(at(6, 1, 0) == P{1, 1});
    CHECK(at(7, 0, 0) == P{1, 1});  // the first row is the right side, bottom to top
    CHECK(at(8, 0, 0) == P{0, 1});  // the first row is the left side, bottom to top
    CHECK(at(8, 1, 0) == P{0, 0});
    CHECK(at(0, 1, 1) == P{1, 1});  // unknown values are 1
}

TEST_CASE("probe: SVG sizes (absolute units, px, viewBox), PDF boxes and rotation") {
    TempDir t;
    std::string why;
    auto inches = probeBytes(t, "a.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="4in" height="3in"/>)", why);
    REQUIRE(inches);
    CHECK(inches->kind == Kind::Svg);
    CHECK(inches->width == doctest::Approx(288));
    CHECK(inches->height == doctest::Approx(216));
    CHECK(inches->pixelsWide == 0);
    auto px = probeBytes(t, "b.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"200\"/>", why);
    REQUIRE(px);
    CHECK(px->width == doctest::Approx(300));  // CSS px: 0.75 pt
    auto viewBox = probeBytes(t, "c.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"/>)", why);
    REQUIRE(viewBox);
    CHECK(viewBox->width == doctest::Approx(90));
    CHECK(viewBox->height == doctest::Approx(60));

    auto page = probeBytes(t, "a.pdf", pdf("/MediaBox [0 0 300 200] /CropBox [10 20 210 170]"), why);
    REQUIRE(page);
    CHECK(page->kind == Kind::Pdf);
    CHECK(page->width == doctest::Approx(200));
    CHECK(page->height == doctest::Approx(150));
    auto turned = probeBytes(t, "b.pdf", pdf("/MediaBox [0 0 300 200] /Rotate 270"), why);
    REQUIRE(turned);
    CHECK(turned->width == doctest::Approx(200));
    CHECK(turned->height == doctest::Approx(300));
    CHECK(page->unembeddedFonts.empty());
}

TEST_CASE("probe: a PDF figure's fonts that are not embedded are named; embedded and Type 3 fonts are not") {
    TempDir t;
    std::string why;
    const std::string fonts =
        "/MediaBox [0 0 100 100] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
        "/F2 << /Type /Font /Subtype /Type1 /BaseFont /Kept /FontDescriptor << /FontFile2 (a stream in a real file) >> >> "
        "/F3 << /Type /Font /Subtype /Type3 >> >> >>";
    auto page = probeBytes(t, "a.pdf", pdf(fonts), why);
    REQUIRE(page);
    CHECK(page->unembeddedFonts == std::vector<std::string>{"Helvetica"});
    auto none = probeBytes(t, "b.pdf", pdf("/MediaBox [0 0 100 100] /Resources << >>"), why);
    REQUIRE(none);
    CHECK(none->unembeddedFonts.empty());
}

TEST_CASE("probe: reasons a user can act on") {
    TempDir t;
    std::string why;
    CHECK_FALSE(probeBytes(t, "a.txt", "Just some words.\n", why));
    CHECK(why == "is not a JPEG, PNG, SVG or PDF file");
    CHECK_FALSE(probeBytes(t, "empty.jpg", "", why));
    CHECK(why == "is not a JPEG, PNG, SVG or PDF file");
    CHECK_FALSE(probeBytes(t, "cut.jpg", jpeg(64, 48).substr(0, 20), why));
    CHECK(why.rfind("is a damaged JPEG: ", 0) == 0);
    CHECK_FALSE(probeBytes(t, "cut.png", png(20, 20).substr(0, 40), why));
    CHECK(why == "is a damaged PNG file: it is cut short");
    CHECK_FALSE(probeBytes(t, "three.pdf", pdf("/MediaBox [0 0 100 100]", 3), why));
    CHECK(why == "has 3 pages (a PDF figure must have one page)");
    CHECK_FALSE(probeBytes(t, "empty.pdf", pdf("/MediaBox [0 0 0 100]"), why));
    CHECK(why.find("empty") != std::string::npos);
    CHECK_FALSE(probeBytes(t, "junk.pdf", "%PDF-1.7\nnothing else here\n", why));
    CHECK(why.rfind("is a damaged PDF: ", 0) == 0);
    CHECK_FALSE(probeBytes(t, "bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><g>", why));
    CHECK(why.rfind("cannot be read as SVG: ", 0) == 0);
    CHECK_FALSE(probeBytes(t, "nosize.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>)", why));
    CHECK(why == "is an SVG without a size (no width and height, no viewBox)");
    CHECK_FALSE(probe((t.dir / "missing.png").string(), why));
    CHECK(why == "cannot be read");
}

TEST_CASE("JPEG and EXIF readers on garbage: every cut and many damaged copies fail cleanly") {
    std::mt19937 rng(13);
    testing::JpegSpec s;
    s.width = 24, s.height = 16, s.orientation = 6, s.exifDpi = 300;
    const std::string good = testing::encodeJpeg(s);
    std::string why;
    REQUIRE(readJpegHeader(good, why));
    for (size_t n = 0; n < good.size(); n += 3) (void)readJpegHeader(good.substr(0, n), why);
    for (int k = 0; k < 300; ++k) {
        std::string bad = good;
        for (int flips = 0; flips < 4; ++flips) bad[rng() % bad.size()] = static_cast<char>(rng() & 0xFF);
        if (readJpegHeader(bad, why)) (void)decodeJpeg(bad, why);
    }
    std::string noise(4096, '\0');
    for (char& c : noise) c = static_cast<char>(rng() & 0xFF);
    noise[0] = '\xFF', noise[1] = '\xD8', noise[2] = '\xFF';
    CHECK_FALSE(readJpegHeader(noise, why));
    // EXIF: the payload after "Exif\0\0", cut and scrambled; out-of-range offsets.
    const std::string exif = testing::exifPayload(6, 300).substr(6);
    const Exif e = parseExif(reinterpret_cast<const unsigned char*>(exif.data()), exif.size());
    CHECK(e.orientation == 6);
    CHECK(e.dpiX == doctest::Approx(300));
    for (size_t n = 0; n < exif.size(); ++n) (void)parseExif(reinterpret_cast<const unsigned char*>(exif.data()), n);
    for (int k = 0; k < 500; ++k) {
        std::string bad = exif;
        bad[rng() % bad.size()] = static_cast<char>(rng() & 0xFF);
        const Exif r = parseExif(reinterpret_cast<const unsigned char*>(bad.data()), bad.size());
        CHECK((r.orientation >= 1 && r.orientation <= 8));
    }
}

TEST_CASE("JPEG decoding for Cairo: stored pixels, Adobe CMYK inverted back, the bytes kept for embedding") {
    std::string why;
    auto pixel = [](cairo_surface_t* s, int x, int y) {
        uint32_t px;
        std::memcpy(&px, cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s) + x * 4, 4);
        return std::array<int, 3>{int(px >> 16 & 0xFF), int(px >> 8 & 0xFF), int(px & 0xFF)};
    };
    auto near = [](std::array<int, 3> got, std::array<int, 3> want) {
        for (int k = 0; k < 3; ++k)
            if (std::abs(got[k] - want[k]) > 24) return false;
        return true;
    };
    const std::string rgb = jpeg(64, 48);
    SurfacePtr s = decodeJpeg(rgb, why);
    REQUIRE(s);
    CHECK(cairo_image_surface_get_width(s.get()) == 64);
    CHECK(near(pixel(s.get(), 8, 8), {220, 30, 30}));    // top left red
    CHECK(near(pixel(s.get(), 56, 40), {230, 220, 20}));  // bottom right yellow
    const unsigned char* data = nullptr;
    unsigned long length = 0;
    cairo_surface_get_mime_data(s.get(), CAIRO_MIME_TYPE_JPEG, &data, &length);
    CHECK(length == rgb.size());
    SurfacePtr c = decodeJpeg(jpeg(64, 48, 4), why);
    REQUIRE(c);
    CHECK(near(pixel(c.get(), 8, 24), {0, 255, 255}));  // cyan ink
    CHECK(near(pixel(c.get(), 56, 24), {255, 0, 255}));  // magenta ink
    cairo_surface_get_mime_data(c.get(), CAIRO_MIME_TYPE_JPEG, &data, &length);
    CHECK(data == nullptr);  // Cairo would embed it without the inversion
    CHECK_FALSE(decodeJpeg(rgb.substr(0, 30), why));
    CHECK(why.rfind("damaged JPEG: ", 0) == 0);
}

namespace {

// What decodePng must give for pixel (x, y) of `s`: 8-bit RGB and alpha (PNG 1.2, 13.12: lower
// depths scaled up; 16-bit samples cut to their high byte; the palette and tRNS applied).
std::array<int, 4> expectedPixel(const testing::PngSpec& s, int x, int y) {
    auto at = [&](int c) { return testing::defaultPngSample(s, x, y, c); };
    auto to8 = [&](unsigned v) { return int(s.depth == 16 ? v >> 8 : s.depth == 8 ? v : v * 255 / ((1u << s.depth) - 1)); };
    auto key = [&](size_t k) { return unsigned(uint8_t(s.transparency[2 * k])) << 8 | uint8_t(s.transparency[2 * k + 1]); };
    switch (s.colourType) {
        case 0: return {to8(at(0)), to8(at(0)), to8(at(0)), s.transparency.size() == 2 && at(0) == key(0) ? 0 : 255};
        case 2: {
            const bool clear = s.transparency.size() == 6 && at(0) == key(0) && at(1) == key(1) && at(2) == key(2);
            return {to8(at(0)), to8(at(1)), to8(at(2)), clear ? 0 : 255};
        }
        case 3: {
            const unsigned i = at(0);
            const int a = i < s.transparency.size() ? uint8_t(s.transparency[i]) : 255;
            return {uint8_t(s.palette[3 * i]), uint8_t(s.palette[3 * i + 1]), uint8_t(s.palette[3 * i + 2]), a};
        }
        case 4: return {to8(at(0)), to8(at(0)), to8(at(0)), to8(at(1))};
        default: return {to8(at(0)), to8(at(1)), to8(at(2)), to8(at(3))};
    }
}

// Decodes `s` and compares every pixel; the number of wrong ones.
int wrongPixels(const testing::PngSpec& s, bool& translucent) {
    std::string why;
    const std::string bytes = testing::encodePng(s);
    const std::optional<PngFile> png = readPngFile(bytes, why, true);
    REQUIRE_MESSAGE(png, why);
    const std::optional<Raster> r = decodePng(*png, why);
    REQUIRE_MESSAGE(r, why);
    REQUIRE(r->width == s.width);
    REQUIRE(r->height == s.height);
    translucent = !r->alpha.empty();
    int wrong = 0;
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            const size_t i = size_t(y) * size_t(s.width) + size_t(x);
            const std::array<int, 4> want = expectedPixel(s, x, y);
            const std::array<int, 4> got = {uint8_t(r->rgb[i * 3]), uint8_t(r->rgb[i * 3 + 1]), uint8_t(r->rgb[i * 3 + 2]),
                                            translucent ? uint8_t(r->alpha[i]) : 255};
            if (got != want) ++wrong;
        }
    return wrong;
}

}  // namespace

TEST_CASE("PNG decoding: every colour type and bit depth, palettes, tRNS, Adam7 and the five row filters") {
    const std::string palette("\xDC\x1E\x1E\x1E\xC8\x1E\x1E\x1E\xDC\xE6\xDC\x14", 12);
    struct Case {
        int type, depth;
    };
    for (const Case c : {Case{0, 1}, Case{0, 2}, Case{0, 4}, Case{0, 8}, Case{0, 16}, Case{2, 8}, Case{2, 16}, Case{3, 1},
                         Case{3, 2}, Case{3, 4}, Case{3, 8}, Case{4, 8}, Case{4, 16}, Case{6, 8}, Case{6, 16}})
        for (const bool interlaced : {false, true}) {
            CAPTURE(c.type);
            CAPTURE(c.depth);
            CAPTURE(interlaced);
            testing::PngSpec s;
            s.width = 13, s.height = 11;  // odd sizes: partial bytes at the row ends, passes of one column
            s.colourType = c.type, s.depth = c.depth, s.interlaced = interlaced;
            if (c.type == 3) s.palette = palette.substr(0, std::min<size_t>(12, 3u << c.depth));
            bool translucent = false;
            CHECK(wrongPixels(s, translucent) == 0);
            CHECK(translucent == (c.type == 4 || c.type == 6));
        }
    // tRNS: a key colour (grey, RGB) or an alpha an entry (indexed).
    testing::PngSpec grey;
    grey.colourType = 0, grey.depth = 8, grey.width = 16;
    grey.transparency = std::string("\0\0", 2);  // the ramp's first column
    bool translucent = false;
    CHECK(wrongPixels(grey, translucent) == 0);
    CHECK(translucent);
    testing::PngSpec rgb;
    rgb.colourType = 2, rgb.depth = 16;
    rgb.transparency = std::string("\xDC\xDC\x1E\x1E\x1E\x1E", 6);  // red (220, 30, 30) at 16 bits
    CHECK(wrongPixels(rgb, translucent) == 0);
    CHECK(translucent);
    testing::PngSpec indexed;
    indexed.colourType = 3, indexed.depth = 4, indexed.palette = palette;
    indexed.transparency = std::string("\x80\xFF", 2);  // entry 0 at half opacity, 1 opaque, the rest not given
    CHECK(wrongPixels(indexed, translucent) == 0);
    CHECK(translucent);
    // Which PNGs PDF takes as they are: no transparency, not interlaced.
    std::string why;
    auto placeable = [&](const testing::PngSpec& p) { return readPngFile(testing::encodePng(p), why, false)->placeable(); };
    testing::PngSpec plain;
    CHECK(placeable(plain));
    plain.interlaced = true;
    CHECK_FALSE(placeable(plain));
    CHECK_FALSE(placeable(grey));
    CHECK_FALSE(placeable(indexed));
    indexed.transparency.clear();
    CHECK(placeable(indexed));
    testing::PngSpec rgba;
    rgba.colourType = 6;
    CHECK_FALSE(placeable(rgba));
}

TEST_CASE("PNG probe: the chunks are checked, the image data are not inflated (damage there is the painter's to find)") {
    TempDir t;
    std::string why;
    testing::PngSpec spec;
    spec.width = 40, spec.height = 20;
    spec.extra = testing::pngChunk("pHYs", std::string("\0\0\x2E\x23\0\0\x2E\x23\x01", 9)) +  // 11811 a metre: 300 dpi
                 testing::pngChunk("tEXt", std::string("Comment\0made for a test", 23));
    const std::string good = testing::encodePng(spec);
    auto info = probeBytes(t, "good.png", good, why);
    REQUIRE(info);
    CHECK(info->pixelsWide == 40);
    CHECK(info->width == doctest::Approx(9.6));  // 40 pixels at 300 dpi
    REQUIRE(checkPngData(*readPngFile(good, why, true), why));

    // Compressed data that do not inflate, their CRCs right: the probe passes them, and every
    // reader of the samples (our writer's check, decoding for either painter) fails with a reason.
    std::string data = testing::pngData(good);
    for (size_t i = 2; i < data.size() && i < 30; ++i) data[i] = static_cast<char>(data[i] ^ 0x55);
    const std::string bad = testing::withPngData(good, data);
    REQUIRE(probeBytes(t, "bad.png", bad, why));
    const std::optional<PngFile> badFile = readPngFile(bad, why, true);
    REQUIRE(badFile);
    CHECK_FALSE(checkPngData(*badFile, why));
    CHECK(why == "is a damaged PNG file: its compressed image data are damaged");
    CHECK_FALSE(decodePng(*badFile, why));
    CHECK(why == "is a damaged PNG file: its compressed image data are damaged");
    CHECK_FALSE(readPng(t.write("bad2.png", bad), why));
    CHECK(why == "is a damaged PNG file: its compressed image data are damaged");

    // Whole zlib streams of the wrong length, or with a row filter PNG does not have.
    auto zlib = [](const std::string& raw) {
        libdeflate_compressor* z = libdeflate_alloc_compressor(6);
        std::string out(libdeflate_zlib_compress_bound(z, raw.size()), '\0');
        out.resize(libdeflate_zlib_compress(z, raw.data(), raw.size(), out.data(), out.size()));
        libdeflate_free_compressor(z);
        return out;
    };
    const size_t rowSize = 1 + 40 * 3;
    auto check = [&](const std::string& raw) {
        const std::optional<PngFile> f = readPngFile(testing::withPngData(good, zlib(raw)), why, true);
        REQUIRE(f);
        return checkPngData(*f, why);
    };
    CHECK(check(std::string(rowSize * 20, '\0')));
    CHECK_FALSE(check(std::string(rowSize * 19, '\0')));
    CHECK(why == "is a damaged PNG file: its image data end early (2299 of 2420 bytes)");
    CHECK_FALSE(check(std::string(rowSize * 21, '\0')));
    CHECK(why == "is a damaged PNG file: its image data run past the last row");
    std::string filters(rowSize * 20, '\0');
    filters[rowSize * 3] = 7;
    CHECK_FALSE(check(filters));
    CHECK(why == "is a damaged PNG file: row 4 has an unknown filter type (7)");

    // What the probe does find.
    auto reason = [&](const std::string& bytes) {
        why.clear();
        return probeBytes(t, "x.png", bytes, why) ? std::string("read") : why;
    };
    const size_t idat = good.find("IDAT") - 4;
    std::string crc = good;
    crc[idat + 10] = static_cast<char>(crc[idat + 10] ^ 1);
    CHECK(reason(crc) == "is a damaged PNG file: its IDAT chunk fails its CRC check");
    std::string text = good;  // an ancillary chunk with a wrong CRC is ignored, as libpng does
    text[good.find("made for") + 1] = 'X';
    CHECK(reason(text) == "read");
    CHECK(reason(good.substr(0, good.size() - 12)) == "is a damaged PNG file: it ends without an IEND chunk (the file is cut short)");
    CHECK(reason(good.substr(0, good.size() - 30)).rfind("is a damaged PNG file: it is cut short", 0) == 0);
    const std::string head = good.substr(0, idat), iend = testing::pngChunk("IEND", "");
    CHECK(reason(head + iend) == "is a damaged PNG file: it has no image data (IDAT)");
    CHECK(reason(head + testing::pngChunk("IDAT", "") + iend) == "is a damaged PNG file: its IDAT chunks are empty");
    const std::string idats = good.substr(idat, good.size() - idat - 12);
    const size_t second = idats.find("IDAT", 8) - 4;
    CHECK(reason(head + idats.substr(0, second) + testing::pngChunk("tIME", std::string(7, '\1')) + idats.substr(second) + iend) ==
          "is a damaged PNG file: its IDAT chunks are not together");
    CHECK(reason(head + testing::pngChunk("ZZZZ", "x") + idats + iend) ==
          "is a PNG file with a chunk inkstone cannot read ('ZZZZ', which a reader must understand)");
    CHECK(reason(good.substr(0, 8) + good.substr(33)) == "is a damaged PNG file: it does not begin with an IHDR chunk");
    testing::PngSpec indexed;
    indexed.colourType = 3;
    CHECK(reason(testing::encodePng(indexed)) == "is a damaged PNG file: it is an indexed image without a palette (PLTE)");
    testing::PngSpec wrongDepth;
    wrongDepth.depth = 4;
    CHECK(reason(testing::encodePng(wrongDepth)) ==
          "is a damaged PNG file: its IHDR gives colour type 2 at 4 bits, which PNG does not define");
    std::string huge = good;  // IHDR says 40000 pixels wide (its CRC made right)
    huge.replace(8, 25, testing::pngChunk("IHDR", std::string("\0\0\x9C\x40\0\0\0\x14\x08\x02\0\0\0", 13)));
    CHECK(reason(huge) == "is a PNG of 40000 x 20 pixels: inkstone reads up to 32767 a side");
}
