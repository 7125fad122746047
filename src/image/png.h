// PNG files read by inkstone itself (PNG 1.2, ISO/IEC 15948): the chunks walked and checked
// without inflating anything (the probe, and our writer, which places the compressed image data
// as it is when PDF can take it: PDF 32000-1, 7.4.4.4, the PNG predictors), and the samples
// decoded (libdeflate inflates, rows unfiltered and de-interlaced here) for an image with
// transparency and for Cairo's painter.
//
// Colour: the samples are taken as they are stored, as PNG decoders that do not manage colour
// take them; gAMA, cHRM, sRGB and iCCP are not applied (Cairo's reader, which inkstone used
// before, applied none of them either), so an image looks the same whether it is placed as it is
// or decoded.
#pragma once

#include <optional>
#include <string>

#include "image/image.h"

namespace inkstone::image {

// The largest width or height read (Cairo's limit for an image surface: the same in both painters).
constexpr int kPngMaxSide = 32767;

struct PngFile {
    int width = 0, height = 0;
    int bitDepth = 8;        // 1, 2, 4, 8 or 16 bits a sample
    int colourType = 0;      // 0 grey, 2 RGB, 3 indexed, 4 grey and alpha, 6 RGB and alpha
    bool interlaced = false;  // Adam7
    std::string palette;      // PLTE: 3 bytes (RGB) an entry; indexed images only
    std::string transparency;  // tRNS as stored (a key colour, or an alpha an entry); empty when none
    double dpiX = 0, dpiY = 0;  // pHYs in dots an inch; 0 when absent or not in metres
    std::string data;           // the IDAT chunks' data joined (one zlib stream), when asked for

    int channels() const;         // samples a pixel: 1, 2, 3 or 4
    size_t rowBytes(int pixels) const;  // bytes of a row of `pixels`, without its filter byte
    // Bytes the zlib stream inflates to: every (pass's) row with its filter byte.
    size_t inflatedSize() const;
    // Whether PDF can take the compressed data as it is (FlateDecode with the PNG predictors): not
    // interlaced, and no transparency (an alpha channel or tRNS needs the samples split into a
    // soft mask).
    bool placeable() const { return !interlaced && colourType != 4 && colourType != 6 && transparency.empty(); }
};

// The chunks of the PNG held in `bytes`: the signature, IHDR first and valid, every chunk whole
// with its CRC right (a critical chunk's wrong CRC is damage; an ancillary chunk with a wrong CRC
// is ignored, as libpng does), PLTE where an indexed image needs it, the IDAT chunks together,
// and IEND last. The compressed data are not inflated: damage inside them is found when they are
// (decodePng, checkPngData). Keeps the image data in `data` when `keepData`. Empty with the reason
// (continuing "image 'NAME' ...": "is a damaged PNG file: ...").
std::optional<PngFile> readPngFile(const std::string& bytes, std::string& why, bool keepData);

// Inflates `png.data` (from readPngFile with keepData) and checks what a PDF reader would meet:
// a whole zlib stream whose checksum is right, enough bytes for every row, and a known filter
// type on every row; the samples are not kept. False with the reason.
bool checkPngData(const PngFile& png, std::string& why);

// The samples of `png` (from readPngFile with keepData) as 8-bit RGB and alpha (empty when every
// pixel is opaque): palette and tRNS applied, 16-bit samples cut to their high byte, rows
// unfiltered and de-interlaced. Empty with the reason when the data are damaged.
std::optional<Raster> decodePng(const PngFile& png, std::string& why);

}  // namespace inkstone::image
