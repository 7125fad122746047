#include "render/cairo_fonts.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>

namespace inkstone::render {

namespace {

// One FreeType library for the process, never freed: Cairo may release a face (and call
// closeFace) after its painter is gone. Creating and freeing faces is serialised.
std::mutex& ftMutex() {
    static std::mutex m;
    return m;
}

FT_Library ftLibrary() {
    static FT_Library lib = [] {
        FT_Library l = nullptr;
        if (FT_Init_FreeType(&l) != 0) l = nullptr;
        return l;
    }();
    return lib;
}

void closeFace(void* p) {
    std::lock_guard<std::mutex> lock(ftMutex());
    FT_Done_Face(static_cast<FT_Face>(p));
}

const cairo_user_data_key_t kFaceKey{};

cairo_font_face_t* openFace(const text::FontFace& f) {
    FT_Face face = nullptr;
    {
        std::lock_guard<std::mutex> lock(ftMutex());
        FT_Library lib = ftLibrary();
        if (!lib || FT_New_Face(lib, f.file.c_str(), f.index, &face) != 0) return nullptr;
    }
    cairo_font_face_t* cf = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_set_user_data(cf, &kFaceKey, face, closeFace) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(cf);
        closeFace(face);
        return nullptr;
    }
    if (f.embolden) cairo_ft_font_face_set_synthesize(cf, CAIRO_FT_SYNTHESIZE_BOLD);
    return cf;
}

}  // namespace

CairoFonts::~CairoFonts() {
    for (auto& [k, s] : scaled_) cairo_scaled_font_destroy(s);
    for (auto& [k, f] : faces_) cairo_font_face_destroy(f);
}

cairo_scaled_font_t* CairoFonts::get(const text::FontFace& f) {
    if (!f.embeddable) return nullptr;
    const double* m = f.matrix;
    auto key = std::make_tuple(f.file, f.index, f.embolden, f.size, m[0], m[1], m[2], m[3]);
    if (auto it = scaled_.find(key); it != scaled_.end()) return it->second;
    cairo_font_face_t*& face = faces_[std::make_tuple(f.file, f.index, f.embolden)];
    if (!face) face = openFace(f);
    cairo_scaled_font_t* font = nullptr;
    if (face) {
        // The face's matrix is PDF's (y up) with its yx and xy negated, as Cairo's (y down) is.
        cairo_matrix_t fm, ctm;
        cairo_matrix_init(&fm, m[0] * f.size, m[1] * f.size, m[2] * f.size, m[3] * f.size, 0, 0);
        cairo_matrix_init_identity(&ctm);
        cairo_font_options_t* opts = cairo_font_options_create();
        cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
        font = cairo_scaled_font_create(face, &fm, &ctm, opts);
        cairo_font_options_destroy(opts);
        if (cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS) {
            cairo_scaled_font_destroy(font);
            font = nullptr;
        }
    }
    scaled_[key] = font;
    return font;
}

}  // namespace inkstone::render
