// Images as layout and the painters read them: one reader for every stage (layout asks for the
// size, our PDF writer for the samples, Cairo's painter for a surface).
#pragma once

#include <optional>
#include <string>

namespace inkstone::image {

// 8-bit samples, rows top to bottom, no padding.
struct Raster {
    int width = 0, height = 0;
    std::string rgb;    // 3 bytes a pixel
    std::string alpha;  // 1 byte a pixel; empty when every pixel is opaque
};

// Decodes a PNG file (any colour type; alpha un-premultiplied). Empty when it is not one.
std::optional<Raster> readPng(const std::string& path);

// The pixel size of a readable PNG file (the whole file is decoded: a damaged file is not one).
struct Size {
    int width = 0, height = 0;
};
std::optional<Size> pngSize(const std::string& path);

}  // namespace inkstone::image
