// JPEG headers, EXIF and decoding with libjpeg (libjpeg-turbo's libjpeg API: the markers, the
// Adobe transform and the JFIF density come with the header, and its errors can be routed to a
// handler of ours; see jpeg.h for how errors are handled).
#include "image/jpeg.h"

// clang-format off
#include <cstdio>   // jpeglib.h needs FILE and size_t first
#include <csetjmp>
#include <jpeglib.h>
// clang-format on

#include <cstring>
#include <vector>

namespace inkstone::image {

namespace {

// An error manager whose error_exit longjmps to `jump` with the message kept, and whose warnings
// (corrupt data libjpeg can go on with) are not printed.
struct ErrorManager {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

extern "C" void errorExit(j_common_ptr c) {
    auto* e = reinterpret_cast<ErrorManager*>(c->err);
    (*c->err->format_message)(c, e->message);
    std::longjmp(e->jump, 1);
}

extern "C" void outputMessage(j_common_ptr) {}

// Owns a decompressor and its error manager; destroying it frees everything libjpeg allocated,
// after an error too.
class Decompressor {
public:
    Decompressor() {
        jpeg_std_error(&err_.pub);
        err_.pub.error_exit = errorExit;
        err_.pub.output_message = outputMessage;
        err_.message[0] = '\0';
        cinfo_.err = &err_.pub;
        created_ = create(&cinfo_, &err_);
    }
    ~Decompressor() {
        if (created_) jpeg_destroy_decompress(&cinfo_);
    }
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;

    jpeg_decompress_struct* get() { return &cinfo_; }
    ErrorManager* errors() { return &err_; }
    bool created() const { return created_; }
    std::string message() const { return err_.message; }

private:
    static bool create(jpeg_decompress_struct* cinfo, ErrorManager* err) {
        if (setjmp(err->jump)) return false;
        jpeg_create_decompress(cinfo);
        return true;
    }
    ErrorManager err_{};
    jpeg_decompress_struct cinfo_{};
    bool created_ = false;
};

// The libjpeg steps, each a function whose frame holds only C data between its setjmp and the
// calls that may longjmp.
bool readHeader(jpeg_decompress_struct* cinfo, ErrorManager* err, const unsigned char* data, size_t size) {
    if (setjmp(err->jump)) return false;
    jpeg_mem_src(cinfo, data, static_cast<unsigned long>(size));
    jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xFFFF);
    if (jpeg_read_header(cinfo, TRUE) != JPEG_HEADER_OK) return false;
    return true;
}

// Decodes every row into `pixels` (Cairo RGB24, `stride` bytes a row); CMYK rows go through
// `row` (4 bytes a pixel) and are converted.
bool decodeRows(jpeg_decompress_struct* cinfo, ErrorManager* err, unsigned char* pixels, int stride, unsigned char* row,
                bool inverted) {
    if (setjmp(err->jump)) return false;
    const bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    if (cmyk) {
        cinfo->out_color_space = JCS_CMYK;
    } else {
        // Cairo's RGB24 is a native-endian 32-bit xRGB word.
        const uint32_t probe = 1;
        unsigned char first;
        std::memcpy(&first, &probe, 1);
        cinfo->out_color_space = first ? JCS_EXT_BGRX : JCS_EXT_XRGB;
    }
    jpeg_start_decompress(cinfo);
    while (cinfo->output_scanline < cinfo->output_height) {
        unsigned char* out = pixels + static_cast<size_t>(cinfo->output_scanline) * static_cast<size_t>(stride);
        JSAMPROW rows[1] = {cmyk ? row : out};
        if (jpeg_read_scanlines(cinfo, rows, 1) != 1) break;
        if (!cmyk) continue;
        for (JDIMENSION x = 0; x < cinfo->output_width; ++x) {
            unsigned c = row[x * 4], m = row[x * 4 + 1], y = row[x * 4 + 2], k = row[x * 4 + 3];
            if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
            // Now 255 means no ink: the simplest device conversion, R = (1 - C)(1 - K).
            const uint32_t px = 0xFF000000u | ((c * k / 255) << 16) | ((m * k / 255) << 8) | (y * k / 255);
            std::memcpy(out + x * 4, &px, 4);
        }
    }
    jpeg_finish_decompress(cinfo);
    return true;
}

uint32_t read16(const unsigned char* p, bool motorola) {
    return motorola ? (uint32_t(p[0]) << 8 | p[1]) : (uint32_t(p[1]) << 8 | p[0]);
}
uint32_t read32(const unsigned char* p, bool motorola) {
    return motorola ? (read16(p, true) << 16 | read16(p + 2, true)) : (read16(p + 2, false) << 16 | read16(p, false));
}

}  // namespace

// TIFF 6.0 section 2: a byte-order mark ("II" or "MM"), 42, the offset of IFD0; each IFD entry is
// 12 bytes (tag, type, count, value or offset). Orientation is a SHORT (tag 0x0112);
// XResolution/YResolution are RATIONALs (0x011A/0x011B) in ResolutionUnit (0x0128: 2 inch, 3 cm).
Exif parseExif(const unsigned char* t, size_t size) {
    Exif out;
    if (size < 8) return out;
    bool mm;
    if (t[0] == 'M' && t[1] == 'M') mm = true;
    else if (t[0] == 'I' && t[1] == 'I') mm = false;
    else return out;
    if (read16(t + 2, mm) != 42) return out;
    const size_t ifd = read32(t + 4, mm);
    if (ifd > size - 2) return out;
    const size_t n = read16(t + ifd, mm);
    double rx = 0, ry = 0;
    int unit = 2;  // inches unless said otherwise
    auto rational = [&](const unsigned char* e) -> double {
        if (read16(e + 2, mm) != 5) return 0;  // RATIONAL
        const size_t at = read32(e + 8, mm);
        if (at > size || size - at < 8) return 0;
        const uint32_t num = read32(t + at, mm), den = read32(t + at + 4, mm);
        return den ? double(num) / double(den) : 0;
    };
    for (size_t i = 0; i < n; ++i) {
        const size_t at = ifd + 2 + i * 12;
        if (at > size || size - at < 12) break;
        const unsigned char* e = t + at;
        const uint32_t tag = read16(e, mm), type = read16(e + 2, mm);
        if (tag == 0x0112 && type == 3) {
            const uint32_t v = read16(e + 8, mm);
            if (v >= 1 && v <= 8) out.orientation = static_cast<int>(v);
        } else if (tag == 0x011A) {
            rx = rational(e);
        } else if (tag == 0x011B) {
            ry = rational(e);
        } else if (tag == 0x0128 && type == 3) {
            unit = static_cast<int>(read16(e + 8, mm));
        }
    }
    const double perInch = unit == 2 ? 1 : unit == 3 ? 2.54 : 0;  // 1: no unit, an aspect ratio only
    if (perInch > 0 && rx > 0 && ry > 0) out.dpiX = rx * perInch, out.dpiY = ry * perInch;
    return out;
}

std::optional<JpegHeader> readJpegHeader(const std::string& bytes, std::string& why) {
    Decompressor d;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (!d.created() || !readHeader(d.get(), d.errors(), data, bytes.size())) {
        why = "damaged JPEG: " + (d.message().empty() ? std::string("no image header") : d.message());
        return std::nullopt;
    }
    const jpeg_decompress_struct* c = d.get();
    JpegHeader h;
    h.width = static_cast<int>(c->image_width);
    h.height = static_cast<int>(c->image_height);
    h.components = c->num_components;
    h.adobe = c->saw_Adobe_marker;
    if (h.components != 1 && h.components != 3 && h.components != 4) {
        why = "damaged JPEG: " + std::to_string(h.components) + " colour components (1, 3 or 4 can be drawn)";
        return std::nullopt;
    }
    if (h.width <= 0 || h.height <= 0) {
        why = "damaged JPEG: no pixels";
        return std::nullopt;
    }
    for (jpeg_saved_marker_ptr m = c->marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1 && m->data_length > 6 && std::memcmp(m->data, "Exif\0\0", 6) == 0) {
            const Exif e = parseExif(m->data + 6, m->data_length - 6);
            h.orientation = e.orientation;
            h.dpiX = e.dpiX, h.dpiY = e.dpiY;
            break;
        }
    // JFIF density (unit 1: dots an inch, 2: a centimetre; 0: an aspect ratio only) before EXIF.
    if (c->saw_JFIF_marker && (c->density_unit == 1 || c->density_unit == 2) && c->X_density > 0 && c->Y_density > 0) {
        const double k = c->density_unit == 2 ? 2.54 : 1;
        h.dpiX = c->X_density * k, h.dpiY = c->Y_density * k;
    }
    return h;
}

SurfacePtr decodeJpeg(const std::string& bytes, std::string& why) {
    Decompressor d;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (!d.created() || !readHeader(d.get(), d.errors(), data, bytes.size())) {
        why = "damaged JPEG: " + d.message();
        return nullptr;
    }
    jpeg_decompress_struct* c = d.get();
    const int w = static_cast<int>(c->image_width), h = static_cast<int>(c->image_height);
    const int components = c->num_components;
    SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) {
        why = "the JPEG is too large to decode (" + std::to_string(w) + " x " + std::to_string(h) + " pixels)";
        return nullptr;
    }
    cairo_surface_flush(s.get());
    std::vector<unsigned char> row(static_cast<size_t>(w) * 4);
    if (!decodeRows(c, d.errors(), cairo_image_surface_get_data(s.get()), cairo_image_surface_get_stride(s.get()),
                    row.data(), c->saw_Adobe_marker)) {
        why = "damaged JPEG: " + d.message();
        return nullptr;
    }
    cairo_surface_mark_dirty(s.get());
    if (components != 4) {
        auto* copy = new std::string(bytes);
        cairo_surface_set_mime_data(s.get(), CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()),
                                    copy->size(), [](void* p) { delete static_cast<std::string*>(p); }, copy);
    }
    return s;
}

}  // namespace inkstone::image
