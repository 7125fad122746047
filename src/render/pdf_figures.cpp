// Figure XObjects of our writer (see pdf_figures.h); the PDF page import is in pdf_import.cpp.
#include "render/pdf_figures.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "image/image.h"
#include "image/jpeg.h"
#include "image/png.h"
#include "image/vector.h"

namespace inkstone::render::pdf {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& why) {
    failAt(file, {}, "image '" + file + "' " + why);
}

// One figure file made ready to be written: everything that needs no object number, done on
// any thread. What cannot be written is kept as the error to throw in the document's order.
struct Figure {
    std::string file;
    image::Kind kind = image::Kind::Pdf;
    std::string dict, data;     // an image XObject's dictionary (without /Filter) and stream
    bool compressed = false;    // the stream is in /FlateDecode
    std::string maskDict, mask;  // a soft mask's (compressed), when a PNG has transparency
    std::string pdf;             // an SVG drawn into a one-page PDF, or a PDF figure redrawn
    std::exception_ptr error;
};

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
void preparePng(Figure& f) {
    std::string bytes, why;
    if (!image::readFile(f.file, bytes)) fail(f.file, "cannot be read");
    std::optional<image::PngFile> png = image::readPngFile(bytes, why, true);
    if (!png) fail(f.file, why);
    std::string().swap(bytes);
    const std::string size = "/Width " + std::to_string(png->width) + " /Height " + std::to_string(png->height);
    f.compressed = true;
    if (png->placeable()) {
        if (!image::checkPngData(*png, why)) fail(f.file, why);
        std::string space = png->colourType == 2 ? "/DeviceRGB" : "/DeviceGray";
        if (png->colourType == 3) {
            static const char* hex = "0123456789ABCDEF";
            space = "[/Indexed /DeviceRGB " + std::to_string(png->palette.size() / 3 - 1) + " <";
            for (unsigned char c : png->palette) space += hex[c >> 4], space += hex[c & 15];
            space += ">]";
        }
        const std::string depth = std::to_string(png->bitDepth);
        f.dict = "/Type /XObject /Subtype /Image " + size + " /ColorSpace " + space + " /BitsPerComponent " + depth +
                 " /DecodeParms << /Predictor 15 /Colors " + std::to_string(png->colourType == 2 ? 3 : 1) +
                 " /BitsPerComponent " + depth + " /Columns " + std::to_string(png->width) + " >>";
        f.data = std::move(png->data);
        return;
    }
    std::optional<image::Raster> r = image::decodePng(*png, why);
    if (!r) fail(f.file, why);
    std::string().swap(png->data);
    f.dict = "/Type /XObject /Subtype /Image " + size + " /ColorSpace /DeviceRGB /BitsPerComponent 8";
    if (!r->alpha.empty()) {
        f.maskDict = "/Type /XObject /Subtype /Image " + size + " /ColorSpace /DeviceGray /BitsPerComponent 8";
        f.mask = deflate(r->alpha);
    }
    f.data = deflate(r->rgb);
}

// The file's bytes as they are (PDF 32000-1, 7.4.8: DCTDecode). Photoshop writes CMYK JPEGs with
// an Adobe APP14 marker and every sample inverted; readers of PDF (as of JPEG) take the marker as
// the sign, so /Decode turns the samples back.
// For PDF/A with its sRGB output intent (ISO 19005-2 6.2.4.3: no DeviceCMYK without a CMYK one), a
// CMYK JPEG is decoded and stored as RGB samples, as Cairo's fallback stores it (no colour
// management: ink turned to light by 1 - c - k).
void prepareJpeg(Figure& f, const FigureOptions& options) {
    std::string why;
    if (!image::readFile(f.file, f.data)) fail(f.file, "cannot be read");
    std::optional<image::JpegHeader> h = image::readJpegHeader(f.data, why);
    if (!h) fail(f.file, "is a " + why);
    if (h->components == 4 && options.rgbOnly) {
        SurfacePtr s = image::decodeJpeg(f.data, why);
        if (!s) fail(f.file, "is a " + why);
        cairo_surface_flush(s.get());
        const int w = cairo_image_surface_get_width(s.get()), hgt = cairo_image_surface_get_height(s.get());
        const int stride = cairo_image_surface_get_stride(s.get());
        const unsigned char* px = cairo_image_surface_get_data(s.get());
        std::string rgb;
        rgb.reserve(static_cast<size_t>(w) * static_cast<size_t>(hgt) * 3);
        for (int y = 0; y < hgt; ++y) {
            const auto* row = reinterpret_cast<const uint32_t*>(px + static_cast<ptrdiff_t>(y) * stride);
            for (int x = 0; x < w; ++x) {
                rgb += static_cast<char>((row[x] >> 16) & 0xFF);
                rgb += static_cast<char>((row[x] >> 8) & 0xFF);
                rgb += static_cast<char>(row[x] & 0xFF);
            }
        }
        f.dict = "/Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " + std::to_string(hgt) +
                 " /ColorSpace /DeviceRGB /BitsPerComponent 8";
        f.data = deflate(rgb);
        f.compressed = true;
        return;
    }
    const char* space = h->components == 1 ? "/DeviceGray" : h->components == 3 ? "/DeviceRGB" : "/DeviceCMYK";
    f.dict = "/Type /XObject /Subtype /Image /Width " + std::to_string(h->width) + " /Height " + std::to_string(h->height) +
             " /ColorSpace " + space + " /BitsPerComponent 8";
    if (h->components == 4 && h->adobe) f.dict += " /Decode [1 0 1 0 1 0 1 0]";
    f.dict += " /Filter /DCTDecode";
}

void prepare(Figure& f, const FigureOptions& options) {
    try {
        const std::optional<image::Kind> kind = image::kindOf(f.file);
        if (!kind) fail(f.file, "is not a JPEG, PNG, SVG or PDF file");
        f.kind = *kind;
        std::string why;
        switch (f.kind) {
            case image::Kind::Png: preparePng(f); break;
            case image::Kind::Jpeg: prepareJpeg(f, options); break;
            case image::Kind::Svg:
                f.pdf = image::svgToPdf(f.file, why);
                if (f.pdf.empty()) fail(f.file, why);
                break;
            case image::Kind::Pdf: {
                // As it is: qpdf reads it as it copies its objects (write). A figure whose fonts
                // are not embedded is redrawn by poppler with substitutes, which Cairo embeds: a
                // PDF/UA or PDF/A file has every font embedded (layout warned).
                const std::optional<image::Info> info = image::probePdf(f.file, why);
                if (!info) fail(f.file, why);
                if (!info->unembeddedFonts.empty()) {
                    f.pdf = image::pdfPageToPdf(f.file, info->width, info->height, why);
                    if (f.pdf.empty()) fail(f.file, why);
                }
                break;
            }
        }
    } catch (...) {
        f.error = std::current_exception();
    }
}

// The figure's XObject, written; its number.
int writeFigure(ObjectFile& w, const Figure& f) {
    if (f.error) std::rethrow_exception(f.error);
    std::string why;
    int n = 0;
    switch (f.kind) {
        case image::Kind::Png:
        case image::Kind::Jpeg: {
            n = w.reserve();
            std::string dict = f.dict;
            if (!f.mask.empty()) {
                const int mask = w.reserve();
                w.stream(mask, f.maskDict, f.mask, true);
                dict += " /SMask " + ObjectFile::ref(mask);
            }
            w.stream(n, dict, f.data, f.compressed);
            break;
        }
        case image::Kind::Svg:
            n = importPdfPage(w, f.file, &f.pdf, why);
            if (!n) fail(f.file, "was drawn into a PDF that cannot be placed: " + why);
            break;
        case image::Kind::Pdf:
            n = importPdfPage(w, f.file, f.pdf.empty() ? nullptr : &f.pdf, why);
            if (!n) fail(f.file, why);
            break;
    }
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

struct FigureJobs::State {
    FigureOptions options;
    std::vector<std::pair<std::string, Figure>> figures;  // by resource name
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;

    void work() {
        for (size_t i = next++; i < figures.size() && !interrupt::signal(); i = next++) prepare(figures[i].second, options);
    }
    void join() {
        for (std::thread& t : threads) t.join();
        threads.clear();
    }
};

FigureJobs::FigureJobs(const std::map<std::string, std::string>& figures, const FigureOptions& options)
    : state_(std::make_unique<State>()) {
    state_->options = options;
    for (auto& [name, file] : figures) {
        state_->figures.emplace_back(name, Figure{});
        state_->figures.back().second.file = file;
    }
    const size_t n = std::min<size_t>(figures.size(), std::max(1u, std::thread::hardware_concurrency()));
    for (size_t t = 0; t < n; ++t) state_->threads.emplace_back([s = state_.get()] { s->work(); });
}

FigureJobs::~FigureJobs() { state_->join(); }

std::string FigureJobs::write(ObjectFile& w) {
    state_->join();
    interrupt::checkpoint();
    std::string xobjects;
    for (auto& [name, figure] : state_->figures) {
        xobjects += " " + name + " " + ObjectFile::ref(writeFigure(w, figure));
        figure = Figure{};  // written: its bytes are in the file now
    }
    return xobjects;
}

std::string writeFigures(ObjectFile& w, const std::map<std::string, std::string>& figures, const FigureOptions& options) {
    FigureJobs jobs(figures, options);
    return jobs.write(w);
}

}  // namespace inkstone::render::pdf
