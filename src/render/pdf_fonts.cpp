#include "render/pdf_fonts.h"

#include "render/cff_subset.h"
#include "text/gobject_ptr.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <hb-ot.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <thread>
#include <mutex>
#include <string_view>

namespace inkstone::render {

namespace {

// One FreeType library for the faces made here. Cairo keeps recently used fonts alive after a
// document is finished and may release them from any thread, so the library lives as long as the
// process, and creating or releasing a face takes this lock (FreeType requires it).
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

// What a Cairo face made from a subset owns: the FreeType face and the bytes under it.
struct FaceHolder {
    FT_Face face = nullptr;
    hb_blob_t* blob = nullptr;  // HarfBuzz's subset, or
    std::string bytes;          // ours (cff_subset.h)
};

void releaseHolder(void* p) {
    auto* h = static_cast<FaceHolder*>(p);
    {
        std::lock_guard<std::mutex> lock(ftMutex());
        if (h->face) FT_Done_Face(h->face);
    }
    hb_blob_destroy(h->blob);
    delete h;
}

const cairo_user_data_key_t kHolderKey{};

// Tables the PDF needs from a font: outlines and metrics. Everything else (layout tables, vertical
// metrics, cmap: the text layer comes from the clusters) is dropped before subsetting, which is
// also where most of HarfBuzz's subsetting time would go.
bool keepTable(hb_tag_t t) {
    static const hb_tag_t keep[] = {
        HB_TAG('C', 'F', 'F', ' '), HB_TAG('C', 'F', 'F', '2'), HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'),
        HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
        HB_TAG('O', 'S', '/', '2'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'), HB_TAG('c', 'v', 't', ' '),
        HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p'), HB_TAG('g', 'a', 's', 'p')};
    return std::find(std::begin(keep), std::end(keep), t) != std::end(keep);
}

}  // namespace

cairo_scaled_font_t* PdfFonts::scaledFont(cairo_font_face_t* face, PangoFont* font) {
    // The size Pango shaped with: the pattern's pixel size (the engine's font map works at 72 dpi,
    // so pixels are points). Asking Pango for its own scaled font would open the original file
    // through FreeType just to read this number (4 ms for a CJK collection).
    FcPattern* pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    double size = 0;
    if (FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &size) != FcResultMatch &&
        FcPatternGetDouble(pat, FC_SIZE, 0, &size) != FcResultMatch)
        return nullptr;
    cairo_matrix_t fm, ctm;
    cairo_matrix_init_scale(&fm, size, size);
    cairo_matrix_init_identity(&ctm);
    cairo_font_options_t* opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_scaled_font_t* sf = cairo_scaled_font_create(face, &fm, &ctm, opts);
    cairo_font_options_destroy(opts);
    if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_scaled_font_destroy(sf);
        return nullptr;
    }
    return sf;
}

// Glyphs of `face` for `chars` (cmap), closed under the GSUB features HarfBuzz applies to
// horizontal text by default.
void predictGlyphs(hb_face_t* face, const std::vector<char32_t>& chars, hb_set_t* out) {
    if (chars.empty()) return;
    hb_font_t* font = hb_font_create(face);
    hb_set_t* found = hb_set_create();
    for (char32_t c : chars) {
        hb_codepoint_t g = 0;
        if (hb_font_get_nominal_glyph(font, c, &g)) hb_set_add(found, g);
    }
    hb_font_destroy(font);
    static const hb_tag_t features[] = {HB_TAG('r', 'v', 'r', 'n'), HB_TAG('c', 'c', 'm', 'p'), HB_TAG('l', 'o', 'c', 'l'),
                                        HB_TAG('r', 'l', 'i', 'g'), HB_TAG('c', 'a', 'l', 't'), HB_TAG('c', 'l', 'i', 'g'),
                                        HB_TAG('l', 'i', 'g', 'a'), HB_TAG('r', 'c', 'l', 't'), HB_TAG('l', 't', 'r', 'a'),
                                        HB_TAG('l', 't', 'r', 'm'), HB_TAG_NONE};
    hb_set_t* lookups = hb_set_create();
    hb_ot_layout_collect_lookups(face, HB_OT_TAG_GSUB, nullptr, nullptr, features, lookups);
    if (!hb_set_is_empty(lookups)) hb_ot_layout_lookups_substitute_closure(face, lookups, found);
    hb_set_destroy(lookups);
    hb_set_union(out, found);
    hb_set_destroy(found);
}

// One subset font of a face: the glyph map and the Cairo face made from it.
struct Subset {
    static constexpr uint32_t kNone = 0xFFFFFFFFu;
    std::vector<uint32_t> newGid;  // old glyph ID -> subset glyph ID (kNone: not in the subset)
    cairo_font_face_t* cairoFace = nullptr;

    Subset() = default;
    Subset(const Subset&) = delete;
    Subset& operator=(const Subset&) = delete;
    ~Subset() {
        if (cairoFace) cairo_font_face_destroy(cairoFace);
    }
    bool has(uint32_t g) const { return g < newGid.size() && newGid[g] != kNone; }

    // Makes the Cairo face from a subset font held by `holder`; false (holder released) on failure.
    bool makeCairoFace(FaceHolder* holder, const char* data, size_t len) {
        FT_Error err = 1;
        if (FT_Library lib = ftLibrary()) {
            std::lock_guard<std::mutex> lock(ftMutex());
            err = FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(len), 0,
                                     &holder->face);
        }
        if (err != 0) {
            holder->face = nullptr;
            releaseHolder(holder);
            return false;
        }
        cairoFace = cairo_ft_font_face_create_for_ft_face(holder->face, 0);
        if (cairo_font_face_set_user_data(cairoFace, &kHolderKey, holder, releaseHolder) != CAIRO_STATUS_SUCCESS) {
            cairo_font_face_destroy(cairoFace);
            cairoFace = nullptr;
            releaseHolder(holder);
            return false;
        }
        return true;
    }

    // CID-keyed CFF (the CJK faces): our own subsetter, which reads only the glyphs it keeps.
    bool buildCid(hb_face_t* face, const hb_set_t* glyphs) {
        const FaceTables source(face);
        std::string font;
        if (!source.tables.cff.empty()) {
            std::vector<uint32_t> list{0};
            for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &g);)
                if (g != 0) list.push_back(g);
            font = subsetCidCff(source.tables, list);
            if (!font.empty()) {
                newGid.assign(list.back() + 1, kNone);
                for (size_t i = 0; i < list.size(); ++i) newGid[list[i]] = static_cast<uint32_t>(i);
            }
        }
        if (font.empty()) return false;
        auto* holder = new FaceHolder;
        holder->bytes = std::move(font);
        if (!makeCairoFace(holder, holder->bytes.data(), holder->bytes.size())) {
            newGid.clear();
            return false;
        }
        return true;
    }

    // Everything else (TrueType outlines, name-keyed CFF): HarfBuzz's subsetter.
    bool buildHb(hb_face_t* face, const hb_set_t* glyphs) {
        hb_subset_input_t* input = hb_subset_input_create_or_fail();
        hb_set_union(hb_subset_input_glyph_set(input), glyphs);
        hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
        hb_set_clear(drop);
        hb_tag_t tags[64];
        unsigned offset = 0, count = 64;
        do {
            count = 64;
            hb_face_get_table_tags(face, offset, &count, tags);
            for (unsigned i = 0; i < count; ++i)
                if (!keepTable(tags[i])) hb_set_add(drop, tags[i]);
            offset += count;
        } while (count == 64);
        bool ok = false;
        hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face, input);
        hb_face_t* sub = plan ? hb_subset_plan_execute_or_fail(plan) : nullptr;
        if (sub) {
            const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
            hb_codepoint_t maxOld = hb_set_get_max(glyphs);
            newGid.assign(maxOld == HB_SET_VALUE_INVALID ? 1 : maxOld + 1, kNone);
            for (hb_codepoint_t g = 0; g < newGid.size(); ++g)
                if (hb_map_has(map, g)) newGid[g] = hb_map_get(map, g);
            auto* holder = new FaceHolder;
            holder->blob = hb_face_reference_blob(sub);
            unsigned len = 0;
            const char* data = hb_blob_get_data(holder->blob, &len);
            ok = makeCairoFace(holder, data, len);
            if (!ok) newGid.clear();
            hb_face_destroy(sub);
        }
        if (plan) hb_subset_plan_destroy(plan);
        hb_subset_input_destroy(input);
        return ok;
    }
};

struct PdfFonts::Face {
    std::string file;
    int index = 0;
    bool built = false;
    bool failed = false;
    hb_set_t* glyphs = hb_set_create();  // collected before the first subset was made
    // subsets[0] is the face's subset; later ones hold glyphs it lacked (a supplement per miss).
    std::vector<std::unique_ptr<Subset>> subsets;

    ~Face() { hb_set_destroy(glyphs); }

    // Makes a subset of `set`; null when neither subsetter could.
    std::unique_ptr<Subset> subset(const std::vector<char32_t>* chars, hb_set_t* set) {
        hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
        if (!blob) return nullptr;
        hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(index));
        hb_blob_destroy(blob);
        if (chars) predictGlyphs(face, *chars, set);
        auto out = std::make_unique<Subset>();
        if (!out->buildCid(face, set) && !out->buildHb(face, set)) out.reset();
        hb_face_destroy(face);
        return out;
    }

    void build(const std::vector<char32_t>& chars) {
        built = true;
        auto s = subset(&chars, glyphs);
        if (s) subsets.push_back(std::move(s));
        else failed = true;
    }
};

struct PdfFonts::Font {
    Face* face = nullptr;  // null: drawn by Pango
    PangoFont* pango = nullptr;
    // Held: the map is keyed by the pointer, which a released font's successor could reuse (a
    // streamed volume releases each article's pages, and with them its fonts, once drawn).
    GPtr<PangoFont> ref;
    std::vector<cairo_scaled_font_t*> scaled;  // per subset of the face
    ~Font() {
        for (auto* s : scaled)
            if (s) cairo_scaled_font_destroy(s);
    }
};

PdfFonts::PdfFonts() = default;
PdfFonts::~PdfFonts() {
    fonts_.clear();  // scaled fonts before the faces they reference
    faces_.clear();
}

PdfFonts::Font* PdfFonts::fontFor(PangoFont* pf) {
    auto it = fonts_.find(pf);
    if (it != fonts_.end()) return it->second.get();
    auto font = std::make_unique<Font>();
    font->pango = pf;
    if (pf) font->ref.reset(PANGO_FONT(g_object_ref(pf)));
    if (pf && PANGO_IS_FC_FONT(pf)) {
        FcPattern* pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
        FcChar8* file = nullptr;
        int index = 0;
        FcBool embolden = FcFalse, variable = FcFalse;
        FcMatrix* matrix = nullptr;
        bool plain = pat && FcPatternGetString(pat, FC_FILE, 0, &file) == FcResultMatch &&
                     FcPatternGetInteger(pat, FC_INDEX, 0, &index) == FcResultMatch;
        if (plain && FcPatternGetBool(pat, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden) plain = false;
        if (plain && FcPatternGetBool(pat, FC_VARIABLE, 0, &variable) == FcResultMatch && variable) plain = false;
        if (plain && FcPatternGetMatrix(pat, FC_MATRIX, 0, &matrix) == FcResultMatch && matrix &&
            (matrix->xx != 1 || matrix->xy != 0 || matrix->yx != 0 || matrix->yy != 1))
            plain = false;
        if (plain && index >= 0x10000) plain = false;  // a named instance of a variable font
        if (plain) {
            auto key = std::make_pair(std::string(reinterpret_cast<const char*>(file)), index);
            auto& face = faces_[key];
            if (!face) {
                face = std::make_unique<Face>();
                face->file = key.first;
                face->index = index;
            }
            font->face = face.get();
        }
    }
    return fonts_.emplace(pf, std::move(font)).first->second.get();
}

void PdfFonts::expectText(std::string_view utf8) {
    if (seen_.empty()) {
        seen_.assign(0x110000, false);
        // With any expected text, all of ASCII too (folios, leaders, Latin in running heads), and
        // the hyphen Pango adds at a hyphenated line end.
        for (char32_t c = 0x20; c < 0x7F; ++c) seen_[c] = true, chars_.push_back(c);
        seen_[0x2010] = true;
        chars_.push_back(0x2010);
    }
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) {
            ++p;
            continue;
        }
        if (c < seen_.size() && !seen_[c]) {
            seen_[c] = true;
            chars_.push_back(c);
        }
        p = g_utf8_next_char(p);
    }
}

void PdfFonts::collect(const layout::Page& page) {
    for (const auto& item : page.items) {
        const auto* t = std::get_if<layout::TextItem>(&item);
        if (!t) continue;
        for (const auto& run : t->line->runs) {
            Font* f = fontFor(run.item->analysis.font);
            if (!f->face || f->face->built) continue;
            const PangoGlyphString* gs = run.glyphs.get();
            for (int i = 0; i < gs->num_glyphs; ++i) {
                PangoGlyph g = gs->glyphs[i].glyph;
                if (g == PANGO_GLYPH_EMPTY || (g & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
                hb_set_add(f->face->glyphs, g);
            }
        }
    }
}

void PdfFonts::build() {
    // Faces are independent: subset them on every core (a Chinese article uses four CJK faces).
    std::vector<Face*> todo;
    for (auto& [key, face] : faces_)
        if (!face->built) todo.push_back(face.get());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < todo.size(); i = next++) todo[i]->build(chars_);
    };
    size_t threads = std::min<size_t>(todo.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

size_t PdfFonts::faceCount() const {
    return static_cast<size_t>(std::count_if(faces_.begin(), faces_.end(), [](const auto& kv) {
        return !kv.second->subsets.empty();
    }));
}

size_t PdfFonts::glyphCount() const {
    size_t n = 0;
    for (const auto& [key, face] : faces_)
        for (const auto& sub : face->subsets)
            n += static_cast<size_t>(std::count_if(sub->newGid.begin(), sub->newGid.end(),
                                                   [](uint32_t g) { return g != Subset::kNone; }));
    return n;
}

bool PdfFonts::draw(cairo_t* cr, const text::GlyphRun& run, const std::string& text, double x, double y) {
    PangoItem* item = run.item.get();
    Font* f = fontFor(item->analysis.font);
    if (!f->face) return false;
    Face& face = *f->face;
    if (!face.built) {
        // A face first met on this page: its glyphs so far (this page's, when the caller collected
        // it) and the expected text's.
        for (const PangoGlyphInfo* g = run.glyphs->glyphs; g < run.glyphs->glyphs + run.glyphs->num_glyphs; ++g)
            if (g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) hb_set_add(face.glyphs, g->glyph);
        face.build(chars_);
    }
    if (face.failed || face.subsets.empty()) return false;
    PangoGlyphString* gs = run.glyphs.get();
    for (int i = 0; i < gs->num_glyphs; ++i)  // a box for a missing character: Pango draws it
        if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY && (gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)) return false;
    // The first subset with every glyph of the run; else a supplement made for this run's glyphs
    // (a glyph the prediction missed: a small extra font, never the whole face).
    auto covers = [&](const Subset& sub) {
        for (int i = 0; i < gs->num_glyphs; ++i)
            if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY && !sub.has(gs->glyphs[i].glyph)) return false;
        return true;
    };
    size_t which = 0;
    while (which < face.subsets.size() && !covers(*face.subsets[which])) ++which;
    if (which == face.subsets.size()) {
        ++misses_;
        if (std::getenv("INKSTONE_DEBUG_FONTS"))
        {
            std::fprintf(stderr, "font miss: %s:%d in '%.*s' (%zu chars expected, %zu subsets):", face.file.c_str(),
                         face.index, item->length, text.c_str() + item->offset, chars_.size(), face.subsets.size());
            for (int i = 0; i < gs->num_glyphs; ++i)
                if (!face.subsets[0]->has(gs->glyphs[i].glyph)) std::fprintf(stderr, " %u", gs->glyphs[i].glyph);
            std::fprintf(stderr, "\n");
        }
        hb_set_t* set = hb_set_create();
        for (int i = 0; i < gs->num_glyphs; ++i)
            if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY) hb_set_add(set, gs->glyphs[i].glyph);
        auto sub = face.subset(nullptr, set);
        hb_set_destroy(set);
        if (!sub) return false;
        face.subsets.push_back(std::move(sub));
    }
    const Subset& sub = *face.subsets[which];
    glyphs_.clear();
    double pen = 0;
    for (int i = 0; i < gs->num_glyphs; ++i) {
        const PangoGlyphInfo& gi = gs->glyphs[i];
        if (gi.glyph != PANGO_GLYPH_EMPTY) {
            cairo_glyph_t cg;
            cg.index = sub.newGid[gi.glyph];
            cg.x = x + (pen + gi.geometry.x_offset) / PANGO_SCALE;
            cg.y = y + static_cast<double>(gi.geometry.y_offset) / PANGO_SCALE;
            glyphs_.push_back(cg);
        }
        pen += gi.geometry.width;
    }
    if (f->scaled.size() <= which) f->scaled.resize(which + 1, nullptr);
    if (!f->scaled[which]) {
        f->scaled[which] = scaledFont(sub.cairoFace, f->pango);
        if (!f->scaled[which]) return false;
    }
    // Clusters in logical order, as Pango gives them to Cairo: each cluster's bytes and its drawn
    // glyphs (empty glyphs do not count).
    const bool backward = (item->analysis.level & 1) != 0;
    clusters_.clear();
    PangoGlyphItem glyphItem{item, gs, 0, 0, 0};
    PangoGlyphItemIter iter;
    if (!backward) {
        // Left to right: log_clusters ascend; a cluster is a run of equal values, its bytes reach
        // the next cluster's start (or the item's end).
        for (int g = 0; g < gs->num_glyphs;) {
            int h = g, count = 0;
            for (; h < gs->num_glyphs && gs->log_clusters[h] == gs->log_clusters[g]; ++h)
                if (gs->glyphs[h].glyph != PANGO_GLYPH_EMPTY) ++count;
            const int next = h < gs->num_glyphs ? gs->log_clusters[h] : item->length;
            clusters_.push_back(cairo_text_cluster_t{next - gs->log_clusters[g], count});
            g = h;
        }
    } else if (pango_glyph_item_iter_init_start(&iter, &glyphItem, text.c_str())) {
        do {
            int bytes = iter.end_index - iter.start_index;
            int lo = std::min(iter.start_glyph, iter.end_glyph + 1), hi = std::max(iter.start_glyph + 1, iter.end_glyph);
            int count = 0;
            for (int i = lo; i < hi; ++i)
                if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY) ++count;
            clusters_.push_back(cairo_text_cluster_t{bytes, count});
        } while (pango_glyph_item_iter_next_cluster(&iter));
    }
    cairo_set_scaled_font(cr, f->scaled[which]);
    cairo_show_text_glyphs(cr, text.c_str() + item->offset, item->length, glyphs_.data(),
                           static_cast<int>(glyphs_.size()), clusters_.data(), static_cast<int>(clusters_.size()),
                           backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0));
    return true;
}

}  // namespace inkstone::render
