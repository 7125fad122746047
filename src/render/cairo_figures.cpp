// Figures drawn by Cairo's painter (PNG pages and Cairo's PDF): PNG and JPEG decoded into image
// surfaces (a JPEG's bytes attached, so that Cairo's PDF embeds grey and RGB JPEGs as they are;
// its EXIF orientation applied by the matrix), SVG drawn by librsvg and PDF pages by poppler, as
// vectors. Every raster surface carries the file's path as its unique ID: Cairo's PDF embeds a
// figure drawn on many pages once.
#include <cstring>

#include "base/diagnostics.h"
#include "image/image.h"
#include "image/jpeg.h"
#include "image/vector.h"
#include "render/cairo_painter.h"
#include "text/gobject_ptr.h"

namespace inkstone::render {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& why) {
    failAt(file, {}, "image '" + file + "' " + why);
}

// A Cairo image surface from decoded samples (premultiplied, as Cairo wants them).
SurfacePtr surfaceOf(const image::Raster& r) {
    const bool alpha = !r.alpha.empty();
    SurfacePtr s(cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, r.width, r.height));
    cairo_surface_flush(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    for (int y = 0; y < r.height; ++y)
        for (int x = 0; x < r.width; ++x) {
            const size_t i = static_cast<size_t>(y) * static_cast<size_t>(r.width) + static_cast<size_t>(x);
            const unsigned a = alpha ? static_cast<uint8_t>(r.alpha[i]) : 255;
            auto pre = [&](size_t k) { return static_cast<uint8_t>(r.rgb[i * 3 + k]) * a / 255; };
            const uint32_t px = (a << 24) | (pre(0) << 16) | (pre(1) << 8) | pre(2);
            std::memcpy(data + static_cast<size_t>(y) * static_cast<size_t>(stride) + static_cast<size_t>(x) * 4, &px, 4);
        }
    cairo_surface_mark_dirty(s.get());
    return s;
}

void setUniqueId(cairo_surface_t* s, const std::string& file) {
    auto* id = new std::string(file);
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, reinterpret_cast<const unsigned char*>(id->data()),
                                id->size(), [](void* p) { delete static_cast<std::string*>(p); }, id);
}

// Paints `img` (stored pixels) into the unit square through EXIF orientation `o`.
void paintRaster(cairo_t* cr, cairo_surface_t* img, int o) {
    const image::Matrix m = image::orientation(o);
    cairo_matrix_t turn;
    cairo_matrix_init(&turn, m.a, m.b, m.c, m.d, m.e, m.f);
    cairo_transform(cr, &turn);
    cairo_scale(cr, 1.0 / cairo_image_surface_get_width(img), 1.0 / cairo_image_surface_get_height(img));
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
}

}  // namespace

void paintFigure(cairo_t* cr, const layout::ImageItem& im) {
    if (!(im.width > 0 && im.height > 0)) return;
    const std::string& file = im.path;
    const std::optional<image::Kind> kind = image::kindOf(file);
    if (!kind) fail(file, "is not a JPEG, PNG, SVG or PDF file");
    std::string why;
    cairo_save(cr);
    cairo_translate(cr, im.x, im.y);
    switch (*kind) {
        case image::Kind::Png: {
            std::optional<image::Raster> raster = image::readPng(file, why);
            if (!raster) fail(file, why);
            SurfacePtr img = surfaceOf(*raster);
            setUniqueId(img.get(), file);
            cairo_scale(cr, im.width, im.height);
            paintRaster(cr, img.get(), 1);
            break;
        }
        case image::Kind::Jpeg: {
            std::string bytes;
            if (!image::readFile(file, bytes)) fail(file, "cannot be read");
            std::optional<image::JpegHeader> h = image::readJpegHeader(bytes, why);
            if (!h) fail(file, "is a " + why);
            SurfacePtr img = image::decodeJpeg(bytes, why);
            if (!img) fail(file, why);
            setUniqueId(img.get(), file);
            cairo_scale(cr, im.width, im.height);
            paintRaster(cr, img.get(), h->orientation);
            break;
        }
        case image::Kind::Svg:
            if (!image::drawSvg(cr, file, im.width, im.height, why)) fail(file, why);
            break;
        case image::Kind::Pdf:
            if (!image::drawPdfPage(cr, file, im.width, im.height, why)) fail(file, why);
            break;
    }
    cairo_restore(cr);
}

}  // namespace inkstone::render
