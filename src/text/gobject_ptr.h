// RAII owners for the C handles the text and render stages use (GObject, Pango, Cairo, fontconfig).
#pragma once

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib-object.h>
#include <pango/pango.h>

#include <memory>

namespace inkstone {

struct GObjectUnref {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct PangoItemFree {
    void operator()(PangoItem* p) const { pango_item_free(p); }
};
using ItemPtr = std::unique_ptr<PangoItem, PangoItemFree>;

struct GlyphStringFree {
    void operator()(PangoGlyphString* p) const { pango_glyph_string_free(p); }
};
using GlyphStringPtr = std::unique_ptr<PangoGlyphString, GlyphStringFree>;

struct AttrListUnref {
    void operator()(PangoAttrList* p) const { pango_attr_list_unref(p); }
};
using AttrListPtr = std::unique_ptr<PangoAttrList, AttrListUnref>;

struct FontDescFree {
    void operator()(PangoFontDescription* p) const { pango_font_description_free(p); }
};
using FontDescPtr = std::unique_ptr<PangoFontDescription, FontDescFree>;

struct FontMetricsUnref {
    void operator()(PangoFontMetrics* p) const { pango_font_metrics_unref(p); }
};
using FontMetricsPtr = std::unique_ptr<PangoFontMetrics, FontMetricsUnref>;

struct FcConfigDeleter {
    void operator()(FcConfig* p) const { ::FcConfigDestroy(p); }
};
using FcConfigPtr = std::unique_ptr<FcConfig, FcConfigDeleter>;

struct CairoSurfaceDestroy {
    void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;

struct CairoDestroy {
    void operator()(cairo_t* p) const { cairo_destroy(p); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;

}  // namespace inkstone
