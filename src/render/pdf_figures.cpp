// Figure XObjects of our writer (see pdf_figures.h); the PDF page import is in pdf_import.cpp.
#include "render/pdf_figures.h"

#include "base/diagnostics.h"
#include "image/image.h"
#include "image/jpeg.h"
#include "image/vector.h"

namespace inkstone::render::pdf {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& why) {
    failAt(file, {}, "image '" + file + "' " + why);
}

// RGB samples, and an SMask of the alpha channel when any pixel is not opaque (PDF 32000-1,
// 11.6.5.3: the soft mask's samples are the opacity).
int writePng(ObjectFile& w, const std::string& file) {
    std::optional<image::Raster> r = image::readPng(file);
    if (!r) fail(file, "is a damaged PNG file");
    const int img = w.reserve();
    const std::string size = "/Width " + std::to_string(r->width) + " /Height " + std::to_string(r->height);
    std::string dict = "/Type /XObject /Subtype /Image " + size + " /ColorSpace /DeviceRGB /BitsPerComponent 8";
    if (!r->alpha.empty()) {
        const int mask = w.reserve();
        w.stream(mask, "/Type /XObject /Subtype /Image " + size + " /ColorSpace /DeviceGray /BitsPerComponent 8",
                 deflate(r->alpha), true);
        dict += " /SMask " + ObjectFile::ref(mask);
    }
    w.stream(img, dict, deflate(r->rgb), true);
    return img;
}

// The file's bytes as they are (PDF 32000-1, 7.4.8: DCTDecode). Photoshop writes CMYK JPEGs with
// an Adobe APP14 marker and every sample inverted; readers of PDF (as of JPEG) take the marker as
// the sign, so /Decode turns the samples back.
int writeJpeg(ObjectFile& w, const std::string& file) {
    std::string bytes, why;
    if (!image::readFile(file, bytes)) fail(file, "cannot be read");
    std::optional<image::JpegHeader> h = image::readJpegHeader(bytes, why);
    if (!h) fail(file, "is a " + why);
    const char* space = h->components == 1 ? "/DeviceGray" : h->components == 3 ? "/DeviceRGB" : "/DeviceCMYK";
    std::string dict = "/Type /XObject /Subtype /Image /Width " + std::to_string(h->width) + " /Height " +
                       std::to_string(h->height) + " /ColorSpace " + space + " /BitsPerComponent 8";
    if (h->components == 4 && h->adobe) dict += " /Decode [1 0 1 0 1 0 1 0]";
    dict += " /Filter /DCTDecode";
    const int img = w.reserve();
    w.stream(img, dict, bytes, false);
    return img;
}

int writeSvg(ObjectFile& w, const std::string& file) {
    std::string why;
    std::optional<image::Info> info = image::probeSvg(file, why);
    if (!info) fail(file, why);
    const std::string pdf = image::svgToPdf(file, *info, why);
    if (pdf.empty()) fail(file, why);
    const int n = importPdfPage(w, file, &pdf, why);
    if (!n) fail(file, "was drawn into a PDF that cannot be placed: " + why);
    return n;
}

// a * b: b applied first.
void multiply(const double a[6], const double b[6], double out[6]) {
    const double r[6] = {a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3],
                         a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5]};
    for (int i = 0; i < 6; ++i) out[i] = r[i];
}

}  // namespace

int orientationOf(const std::string& file) {
    if (image::kindOf(file) != image::Kind::Jpeg) return 1;
    std::string bytes, why;
    if (!image::readFile(file, bytes)) return 1;
    std::optional<image::JpegHeader> h = image::readJpegHeader(bytes, why);
    return h ? h->orientation : 1;
}

void figureMatrix(int orientation, double x, double y, double width, double height, double out[6]) {
    // Image space (y up) -> the stored image's unit square (y down) -> the square as seen (y
    // down, image::orientation) -> the page's rectangle (y up).
    const double flip[6] = {1, 0, 0, -1, 0, 1};
    const image::Matrix o = image::orientation(orientation);
    const double turn[6] = {o.a, o.b, o.c, o.d, o.e, o.f};
    const double place[6] = {width, 0, 0, -height, x, y + height};
    multiply(turn, flip, out);
    multiply(place, out, out);
}

std::string writeFigures(ObjectFile& w, const std::map<std::string, std::string>& figures) {
    std::string xobjects;
    for (auto& [name, file] : figures) {
        const std::optional<image::Kind> kind = image::kindOf(file);
        if (!kind) fail(file, "is not a JPEG, PNG, SVG or PDF file");
        int n = 0;
        std::string why;
        switch (*kind) {
            case image::Kind::Png: n = writePng(w, file); break;
            case image::Kind::Jpeg: n = writeJpeg(w, file); break;
            case image::Kind::Svg: n = writeSvg(w, file); break;
            case image::Kind::Pdf:
                n = importPdfPage(w, file, nullptr, why);
                if (!n) fail(file, why);
                break;
        }
        xobjects += " " + name + " " + ObjectFile::ref(n);
    }
    return xobjects;
}

}  // namespace inkstone::render::pdf
