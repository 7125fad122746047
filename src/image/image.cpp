// The probe: the kind from the file's first bytes, then the reader of that kind.
#include "image/image.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/reads.h"
#include "image/jpeg.h"
#include "image/png.h"
#include "image/vector.h"

namespace inkstone::image {

namespace {

// Points for `pixels` at `dpi`, 96 when no plausible resolution is stored.
double points(int pixels, double dpi) {
    if (!(dpi >= 1 && dpi <= 100000)) dpi = 96;
    return pixels * 72.0 / dpi;
}

// The chunks only (png.h): the size from IHDR, the resolution from pHYs.
std::optional<Info> probePng(const std::string& bytes, std::string& why) {
    const std::optional<PngFile> png = readPngFile(bytes, why, false);
    if (!png) return std::nullopt;
    Info info;
    info.kind = Kind::Png;
    info.pixelsWide = info.storedWide = png->width;
    info.pixelsHigh = info.storedHigh = png->height;
    info.width = points(png->width, png->dpiX);
    info.height = points(png->height, png->dpiY);
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
    reads::note(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = std::move(s).str();
    return !in.bad();
}

std::optional<Kind> kindOf(const std::string& path) {
    reads::note(path);
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
        case Kind::Png: return probePng(bytes, why);
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

}  // namespace inkstone::image
