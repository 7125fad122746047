// libFuzzer target: the figure readers inkstone implements itself (issue 13, point 2) on any bytes:
// the JPEG header reader (libjpeg with our error handler: an error must come back as a reason,
// never exit, abort or leak), the EXIF parser, JPEG decoding for Cairo (images up to a million
// pixels, to keep inputs fast), the PNG chunk reader, the check of a PNG's compressed data and
// PNG decoding (unfiltering, Adam7, palettes, tRNS; up to a million pixels), and the probe of a
// file that starts as a JPEG or a PNG does. SVG and PDF files go to librsvg and qpdf, which are
// fuzzed upstream; fuzz_render reaches them too.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "image/image.h"
#include "image/jpeg.h"
#include "image/png.h"

namespace {

const std::string& file() {
    static const std::string f = [] {
        std::string t = "/tmp/inkstone-fuzz-image.XXXXXX";
        if (!mkdtemp(t.data())) std::abort();
        return t + "/figure";
    }();
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 65536) return 0;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    std::string why;
    (void)inkstone::image::parseExif(data, size);
    if (auto h = inkstone::image::readJpegHeader(bytes, why))
        if (static_cast<long long>(h->width) * h->height <= 1000000) (void)inkstone::image::decodeJpeg(bytes, why);
    const bool jpeg = size >= 3 && std::memcmp(data, "\xFF\xD8\xFF", 3) == 0;
    const bool png = size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1A\n", 8) == 0;
    if (png)
        if (auto f = inkstone::image::readPngFile(bytes, why, true))
            if (static_cast<long long>(f->width) * f->height <= 1000000) {
                (void)inkstone::image::checkPngData(*f, why);
                (void)inkstone::image::decodePng(*f, why);
            }
    if (jpeg || png) {
        {
            std::ofstream f(file(), std::ios::binary | std::ios::trunc);
            f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        }
        (void)inkstone::image::probe(file(), why);
    }
    return 0;
}
