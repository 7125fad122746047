#include "text/shape_cache.h"

#include <cstring>

#include "base/utf8.h"

namespace inkstone::text {

namespace {

enum class Split { None, Words, Characters };

// How the item may be shaped piece by piece (see shape_cache.h): Latin text after each run of
// spaces, Han text character by character.
Split splitOf(const PangoItem* item, const char* s) {
    const PangoAnalysis& a = item->analysis;
    if (a.level & 1) return Split::None;
    if (a.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN) return Split::None;
    for (GSList* l = a.extra_attrs; l; l = l->next) {
        auto type = static_cast<PangoAttribute*>(l->data)->klass->type;
        if (type == PANGO_ATTR_FONT_FEATURES || type == PANGO_ATTR_SHOW || type == PANGO_ATTR_TEXT_TRANSFORM ||
            type == PANGO_ATTR_SHAPE || type == PANGO_ATTR_LETTER_SPACING)
            return Split::None;
    }
    if (a.script == PANGO_SCRIPT_HAN) return item->num_chars > 1 ? Split::Characters : Split::None;
    if (a.script != PANGO_SCRIPT_LATIN && a.script != PANGO_SCRIPT_COMMON && a.script != PANGO_SCRIPT_INHERITED)
        return Split::None;
    return std::memchr(s, ' ', static_cast<size_t>(item->length)) != nullptr ? Split::Words : Split::None;
}

}  // namespace

void ShapeCache::clear() {
    contexts_.clear();
    entries_ = 0;
    fonts_.clear();
}

void ShapeCache::shape(PangoItem* item, const std::string& text, PangoLogAttr* logAttrs, PangoGlyphString* glyphs) {
    const char* s = text.c_str() + item->offset;
    const Split split = splitOf(item, s);
    if (split == Split::None) {
        pango_shape_item(item, text.c_str(), static_cast<int>(text.size()), logAttrs, glyphs, PANGO_SHAPE_NONE);
        return;
    }
    PangoFont* font = item->analysis.font;
    if (!fonts_.count(font)) fonts_.emplace(font, GPtr<PangoFont>(PANGO_FONT(g_object_ref(font))));
    // Bounded: a long batch run starts over rather than growing without end.
    if (entries_ > 200000) {
        contexts_.clear();
        entries_ = 0;
    }
    // The shaping context (font, language for locl forms, gravity, script), looked up once per item.
    key_.assign(reinterpret_cast<const char*>(&font), sizeof font);
    key_.append(reinterpret_cast<const char*>(&item->analysis.language), sizeof item->analysis.language);
    key_.push_back(static_cast<char>(item->analysis.gravity));
    key_.push_back(static_cast<char>(item->analysis.script));
    Context& ctx = contexts_[key_];

    const int len = item->length;
    // Room for one glyph per byte up front (Latin text has no more), so appending words does not
    // reallocate; then empty.
    pango_glyph_string_set_size(glyphs, len);
    pango_glyph_string_set_size(glyphs, 0);
    PangoGlyphString* tmp = nullptr;
    auto shapePiece = [&](int start, int pieceLen) {
        ++misses_;
        ++entries_;
        if (!tmp) tmp = pango_glyph_string_new();
        pango_shape_full(s + start, pieceLen, s + start, pieceLen, &item->analysis, tmp);
        Entry e;
        e.glyphs.assign(tmp->glyphs, tmp->glyphs + tmp->num_glyphs);
        e.clusters.assign(tmp->log_clusters, tmp->log_clusters + tmp->num_glyphs);
        return e;
    };
    int start = 0;
    while (start < len) {
        int end = start;
        const Entry* e = nullptr;
        if (split == Split::Words) {
            while (end < len && s[end] != ' ') ++end;
            while (end < len && s[end] == ' ') ++end;
        } else {
            // One ideograph (looked up by code point), or a run of anything else (marks such as
            // "——" or "……" are joined by the font's ligatures, and a pair of marks may be kerned).
            const char* p = s + start;
            const gunichar c = g_utf8_get_char(p);
            end = static_cast<int>(g_utf8_next_char(p) - s);
            if (isHan(c)) {
                auto it = ctx.chars.find(c);
                if (it == ctx.chars.end()) it = ctx.chars.emplace(c, shapePiece(start, end - start)).first;
                else ++hits_;
                e = &it->second;
            } else {
                while (end < len && !isHan(g_utf8_get_char(s + end))) end = static_cast<int>(g_utf8_next_char(s + end) - s);
            }
        }
        if (!e) {
            piece_.assign(s + start, static_cast<size_t>(end - start));
            auto it = ctx.pieces.find(piece_);
            if (it == ctx.pieces.end()) it = ctx.pieces.emplace(piece_, shapePiece(start, end - start)).first;
            else ++hits_;
            e = &it->second;
        }
        const int at = glyphs->num_glyphs, n = static_cast<int>(e->glyphs.size());
        pango_glyph_string_set_size(glyphs, at + n);
        std::memcpy(glyphs->glyphs + at, e->glyphs.data(), sizeof(PangoGlyphInfo) * static_cast<size_t>(n));
        for (int g = 0; g < n; ++g) glyphs->log_clusters[at + g] = e->clusters[static_cast<size_t>(g)] + start;
        start = end;
    }
    if (tmp) pango_glyph_string_free(tmp);
}

}  // namespace inkstone::text
