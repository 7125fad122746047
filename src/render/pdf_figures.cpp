// Figure XObjects of our writer (see pdf_figures.h); the PDF page import is in pdf_import.cpp.
#include "render/pdf_figures.h"

#include "base/diagnostics.h"
#include "image/image.h"
#include "image/jpeg.h"
#include "image/png.h"
#include "image/vector.h"

namespace inkstone::render::pdf {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& why) {
    failAt(file, {}, "image '" + file + "' " + why);
}

// PDF 32000-1, 7.4.4.4 and 8.9.5.2. A PNG without transparency, not interlaced, keeps its
// compressed data as they are (the IDAT chunks joined): PDF's FlateDecode with PNG predictor 15
// reads the same filtered rows, so the samples are never inflated into the PDF nor compressed again;
// they are inflated once, and thrown away, to check them (libdeflate: a PDF reader must be able to
// decode what is written, and a damaged stream is the user's error here, not the reader's later).
// Grey, RGB (both 1-16 bits as stored) and indexed colour (its palette as an /Indexed colour space)
// go so. With an alpha channel or tRNS, or interlaced, the samples are decoded (png.h) and written
// as RGB with an /SMask when any pixel is not opaque (11.6.5.3: the soft mask's samples are the
// opacity), compressed at level 6: on the sample coast-risk.png (1000 x 560 RGBA), level 1 takes
// 7.1 ms for 64.9 KB and level 6 8.1 ms for 46.1 KB, 12% less time for 41% more bytes.
int writePng(ObjectFile& w, const std::string& file) {
    std::string bytes, why;
    if (!image::readFile(file, bytes)) fail(file, "cannot be read");
    std::optional<image::PngFile> png = image::readPngFile(bytes, why, true);
    if (!png) fail(file, why);
    std::string().swap(bytes);
    const int img = w.reserve();
    const std::string size = "/Width " + std::to_string(png->width) + " /Height " + std::to_string(png->height);
    if (png->placeable()) {
        if (!image::checkPngData(*png, why)) fail(file, why);
        std::string space = png->colourType == 2 ? "/DeviceRGB" : "/DeviceGray";
        if (png->colourType == 3) {
            static const char* hex = "0123456789ABCDEF";
            space = "[/Indexed /DeviceRGB " + std::to_string(png->palette.size() / 3 - 1) + " <";
            for (unsigned char c : png->palette) space += hex[c >> 4], space += hex[c & 15];
            space += ">]";
        }
        const std::string depth = std::to_string(png->bitDepth);
        w.stream(img,
                 "/Type /XObject /Subtype /Image " + size + " /ColorSpace " + space + " /BitsPerComponent " + depth +
                     " /DecodeParms << /Predictor 15 /Colors " + std::to_string(png->colourType == 2 ? 3 : 1) +
                     " /BitsPerComponent " + depth + " /Columns " + std::to_string(png->width) + " >>",
                 png->data, true);
        return img;
    }
    std::optional<image::Raster> r = image::decodePng(*png, why);
    if (!r) fail(file, why);
    std::string().swap(png->data);
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
    const std::string pdf = image::svgToPdf(file, why);
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
