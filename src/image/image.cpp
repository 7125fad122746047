#include "image/image.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "text/gobject_ptr.h"

namespace inkstone::image {

namespace {

SurfacePtr decode(const std::string& path) {
    SurfacePtr img(cairo_image_surface_create_from_png(path.c_str()));
    if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
    cairo_surface_flush(img.get());
    return img;
}

}  // namespace

std::optional<Size> pngSize(const std::string& path) {
    SurfacePtr img = decode(path);
    if (!img) return std::nullopt;
    return Size{cairo_image_surface_get_width(img.get()), cairo_image_surface_get_height(img.get())};
}

std::optional<Raster> readPng(const std::string& path) {
    SurfacePtr img = decode(path);
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
