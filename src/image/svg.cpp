// SVG figures through librsvg (2.54 on Debian 12): size, drawing onto a Cairo context, and a
// one-page PDF of the drawing for our writer.
//
// librsvg lays text out with Pango's default font map of the calling thread (a per-thread object,
// pango_cairo_font_map_get_default). Each thread that draws an SVG gets one, on one fontconfig
// configuration made from fonts/fonts.conf for the whole process, so that an SVG's text is set in
// the same closed font world as the article (and the same output comes out on any machine).
// What an SVG costs, first and further ones, is measured in docs/DESIGN.md (Figures).
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <cairo-pdf.h>

#include <cmath>

#include "image/vector.h"
#include "style/style.h"
#include "text/gobject_ptr.h"

namespace inkstone::image {

namespace {

struct ErrorFree {
    void operator()(GError* e) const { g_error_free(e); }
};
using ErrorPtr = std::unique_ptr<GError, ErrorFree>;

// Reads the file (librsvg resolves references to other files relative to it, and only below its
// folder; it never loads from the network).
GPtr<RsvgHandle> load(const std::string& path, std::string& why) {
    GPtr<GFile> file(g_file_new_for_path(path.c_str()));
    GError* err = nullptr;
    GPtr<RsvgHandle> h(rsvg_handle_new_from_gfile_sync(file.get(), RSVG_HANDLE_FLAGS_NONE, nullptr, &err));
    ErrorPtr e(err);
    if (!h) {
        why = std::string("cannot be read as SVG: ") + (e && e->message ? e->message : "unknown error");
        return nullptr;
    }
    rsvg_handle_set_dpi(h.get(), 96);
    return h;
}

// inkstone's fonts.conf, loaded once for every thread's SVG font map (fontconfig's configuration
// is read-only once built; Pango itself sorts fonts on it from threads of its own). Null when it
// cannot be loaded: the article's own text engine reports that.
FcConfig* ourFontConfig() {
    static const FcConfigPtr config = [] {
        const std::string conf = style::dataDir() + "/fonts/fonts.conf";
        FcConfigPtr c(FcConfigCreate());
        if (!FcConfigParseAndLoad(c.get(), reinterpret_cast<const FcChar8*>(conf.c_str()), FcTrue) || !FcConfigBuildFonts(c.get()))
            c.reset();
        return c;
    }();
    return config.get();
}

// The calling thread's default Pango font map, made on inkstone's fonts.conf once.
void useOurFonts() {
    struct Fonts {
        GPtr<PangoFontMap> map;
        Fonts() {
            FcConfig* config = ourFontConfig();
            if (!config) return;
            map.reset(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
            pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map.get()), config);  // the map holds a reference
            pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(map.get()));
        }
        ~Fonts() {
            if (map) pango_cairo_font_map_set_default(nullptr);
        }
    };
    thread_local Fonts fonts;
}

bool render(RsvgHandle* h, cairo_t* cr, double width, double height, std::string& why) {
    useOurFonts();
    const RsvgRectangle viewport{0, 0, width, height};
    GError* err = nullptr;
    const bool ok = rsvg_handle_render_document(h, cr, &viewport, &err);
    ErrorPtr e(err);
    if (!ok) why = std::string("cannot be drawn as SVG: ") + (e && e->message ? e->message : "unknown error");
    return ok;
}

// The natural size of a loaded SVG (see vector.h).
std::optional<Info> sizeOf(RsvgHandle* h, std::string& why) {
    double w = 0, ht = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &ht)) {
        // No width and height in absolute units (absent, or percentages): the viewBox in px.
        gboolean hasW, hasH, hasViewBox;
        RsvgLength lw, lh;
        RsvgRectangle vb;
        rsvg_handle_get_intrinsic_dimensions(h, &hasW, &lw, &hasH, &lh, &hasViewBox, &vb);
        if (!hasViewBox) {
            why = "is an SVG without a size (no width and height, no viewBox)";
            return std::nullopt;
        }
        w = vb.width, ht = vb.height;
    }
    if (!(std::isfinite(w) && std::isfinite(ht) && w > 0 && ht > 0 && w < 1e6 && ht < 1e6)) {
        why = "is an SVG of no usable size";
        return std::nullopt;
    }
    Info info;
    info.kind = Kind::Svg;
    info.width = w * 0.75;  // CSS px -> points
    info.height = ht * 0.75;
    return info;
}

}  // namespace

std::optional<Info> probeSvg(const std::string& path, std::string& why) {
    GPtr<RsvgHandle> h = load(path, why);
    if (!h) return std::nullopt;
    return sizeOf(h.get(), why);
}

bool drawSvg(cairo_t* cr, const std::string& path, double width, double height, std::string& why) {
    GPtr<RsvgHandle> h = load(path, why);
    return h && render(h.get(), cr, width, height, why);
}

std::string svgToPdf(const std::string& path, std::string& why) {
    GPtr<RsvgHandle> h = load(path, why);
    if (!h) return {};
    const std::optional<Info> size = sizeOf(h.get(), why);
    if (!size) return {};
    const Info& info = *size;
    std::string out;
    auto write = [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    };
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(write, &out, info.width, info.height));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
    bool ok;
    {
        CairoPtr cr(cairo_create(surface.get()));
        ok = render(h.get(), cr.get(), info.width, info.height, why);
    }
    cairo_surface_finish(surface.get());
    if (ok && cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        why = std::string("cannot be drawn as SVG: ") + cairo_status_to_string(cairo_surface_status(surface.get()));
        ok = false;
    }
    return ok ? out : std::string();
}

}  // namespace inkstone::image
