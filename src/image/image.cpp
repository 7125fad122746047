// The probe (the kind from the file's first bytes, then the reader of that kind) and PNG files
// (decoded whole with Cairo; pHYs read from the chunks, PNG 1.2 section 4.2.4.2).
#include "image/image.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "image/jpeg.h"
#include "image/vector.h"
#include "text/gobject_ptr.h"

namespace inkstone::image {

namespace {

SurfacePtr decodePng(const std::string& path) {
    SurfacePtr img(cairo_image_surface_create_from_png(path.c_str()));
    if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
    cairo_surface_flush(img.get());
    return img;
}

// Points for `pixels` at `dpi`, 96 when no plausible resolution is stored.
double points(int pixels, double dpi) {
    if (!(dpi >= 1 && dpi <= 100000)) dpi = 96;
    return pixels * 72.0 / dpi;
}

uint32_t be32(const std::string& s, size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

// The pHYs resolution in dots an inch (0 when absent or not in metres: unit 0 is an aspect ratio).
void pngResolution(const std::string& bytes, double& dpiX, double& dpiY) {
    dpiX = dpiY = 0;
    for (size_t at = 8; at + 12 <= bytes.size();) {
        const uint32_t length = be32(bytes, at);
        const std::string type = bytes.substr(at + 4, 4);
        if (type == "IDAT" || type == "IEND" || length > bytes.size() - at - 12) return;
        if (type == "pHYs" && length == 9 && static_cast<unsigned char>(bytes[at + 16]) == 1) {
            dpiX = be32(bytes, at + 8) * 0.0254;
            dpiY = be32(bytes, at + 12) * 0.0254;
            return;
        }
        at += 12 + length;
    }
}

std::optional<Info> probePng(const std::string& path, const std::string& bytes, std::string& why) {
    SurfacePtr img = decodePng(path);
    if (!img) {
        why = "is a damaged PNG file";
        return std::nullopt;
    }
    Info info;
    info.kind = Kind::Png;
    info.pixelsWide = info.storedWide = cairo_image_surface_get_width(img.get());
    info.pixelsHigh = info.storedHigh = cairo_image_surface_get_height(img.get());
    double dx, dy;
    pngResolution(bytes, dx, dy);
    info.width = points(info.pixelsWide, dx);
    info.height = points(info.pixelsHigh, dy);
    return info;
}

std::optional<Info> probeJpeg(const std::string& bytes, std::string& why) {
    std::optional<JpegHeader> h = readJpegHeader(bytes, why);
    if (!h) {
        why = "is a " + why;
        return std::nullopt;
    }
    Info info;
    info.kind = Kind::Jpeg;
    info.storedWide = h->width;
    info.storedHigh = h->height;
    info.orientation = h->orientation;
    info.components = h->components;
    info.adobe = h->adobe;
    double w = points(h->width, h->dpiX), ht = points(h->height, h->dpiY);
    info.pixelsWide = h->width, info.pixelsHigh = h->height;
    if (h->orientation >= 5) {  // turned a quarter: the stored rows are the columns seen
        std::swap(w, ht);
        std::swap(info.pixelsWide, info.pixelsHigh);
    }
    info.width = w, info.height = ht;
    return info;
}

// How much of a file the kind is decided from.
constexpr size_t kSniff = 64 * 1024;

bool startsWith(const std::string& s, const char* prefix, size_t n) { return s.size() >= n && std::memcmp(s.data(), prefix, n) == 0; }

// SVG is XML: after an optional byte-order mark and white space, markup, and an <svg element near
// the start; or gzip (an .svgz file, which librsvg reads).
bool looksLikeSvg(const std::string& s) {
    if (startsWith(s, "\x1F\x8B", 2)) return true;
    size_t i = startsWith(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) ++i;
    if (i >= s.size() || s[i] != '<') return false;
    const std::string head = s.substr(i, kSniff);
    return head.find("<svg") != std::string::npos;
}

std::optional<Kind> kindOfBytes(const std::string& bytes) {
    if (startsWith(bytes, "\x89PNG\r\n\x1A\n", 8)) return Kind::Png;
    if (startsWith(bytes, "\xFF\xD8\xFF", 3)) return Kind::Jpeg;
    // PDF 32000-1, 7.5.2: readers accept the header within the first 1024 bytes.
    if (bytes.substr(0, 1024).find("%PDF-") != std::string::npos) return Kind::Pdf;
    if (looksLikeSvg(bytes)) return Kind::Svg;
    return std::nullopt;
}

}  // namespace

bool readFile(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = std::move(s).str();
    return !in.bad();
}

std::optional<Kind> kindOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(kSniff, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
    return kindOfBytes(head);
}

std::optional<Info> probe(const std::string& path, std::string& why) {
    std::string bytes;
    if (!readFile(path, bytes)) {
        why = "cannot be read";
        return std::nullopt;
    }
    const std::optional<Kind> kind = kindOfBytes(bytes);
    if (!kind) {
        why = "is not a JPEG, PNG, SVG or PDF file";
        return std::nullopt;
    }
    switch (*kind) {
        case Kind::Png: return probePng(path, bytes, why);
        case Kind::Jpeg: return probeJpeg(bytes, why);
        case Kind::Pdf: return probePdf(path, why);
        case Kind::Svg: return probeSvg(path, why);
    }
    return std::nullopt;
}

Matrix orientation(int o) {
    switch (o) {
        case 2: return {-1, 0, 0, 1, 1, 0};   // mirrored left to right
        case 3: return {-1, 0, 0, -1, 1, 1};  // turned half round
        case 4: return {1, 0, 0, -1, 0, 1};   // mirrored top to bottom
        case 5: return {0, 1, 1, 0, 0, 0};    // mirrored along the main diagonal
        case 6: return {0, 1, -1, 0, 1, 0};   // turned a quarter clockwise
        case 7: return {0, -1, -1, 0, 1, 1};  // mirrored along the other diagonal
        case 8: return {0, -1, 1, 0, 0, 1};   // turned a quarter counter-clockwise
        default: return {};
    }
}

std::optional<Raster> readPng(const std::string& path) {
    SurfacePtr img = decodePng(path);
    if (!img) return std::nullopt;
    Raster r;
    r.width = cairo_image_surface_get_width(img.get());
    r.height = cairo_image_surface_get_height(img.get());
    const int stride = cairo_image_surface_get_stride(img.get());
    const unsigned char* data = cairo_image_surface_get_data(img.get());
    const bool hasAlpha = cairo_image_surface_get_format(img.get()) == CAIRO_FORMAT_ARGB32;
    const size_t pixels = static_cast<size_t>(r.width) * static_cast<size_t>(r.height);
    r.rgb.resize(pixels * 3);
    std::string a(pixels, '\xFF');
    bool translucent = false;
    for (int y = 0; y < r.height; ++y)
        for (int x = 0; x < r.width; ++x) {
            uint32_t px;  // Cairo's native-endian premultiplied ARGB
            std::memcpy(&px, data + static_cast<size_t>(y) * static_cast<size_t>(stride) + static_cast<size_t>(x) * 4, 4);
            const unsigned al = hasAlpha ? (px >> 24) & 0xFF : 255;
            unsigned red = (px >> 16) & 0xFF, green = (px >> 8) & 0xFF, blue = px & 0xFF;
            if (al > 0 && al < 255) {  // un-premultiply
                red = std::min(255u, red * 255 / al);
                green = std::min(255u, green * 255 / al);
                blue = std::min(255u, blue * 255 / al);
            }
            const size_t i = static_cast<size_t>(y) * static_cast<size_t>(r.width) + static_cast<size_t>(x);
            r.rgb[i * 3] = static_cast<char>(red);
            r.rgb[i * 3 + 1] = static_cast<char>(green);
            r.rgb[i * 3 + 2] = static_cast<char>(blue);
            a[i] = static_cast<char>(al);
            if (al != 255) translucent = true;
        }
    if (translucent) r.alpha = std::move(a);
    return r;
}

}  // namespace inkstone::image
