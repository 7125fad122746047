#include "text/shape_cache.h"

#include <cstring>

namespace inkstone::text {

namespace {

// Whether the item may be shaped piece by piece: see shape_cache.h.
bool cacheable(const PangoItem* item, const char* s) {
    const PangoAnalysis& a = item->analysis;
    if (a.level & 1) return false;
    if (a.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN) return false;
    if (a.script != PANGO_SCRIPT_LATIN && a.script != PANGO_SCRIPT_COMMON && a.script != PANGO_SCRIPT_INHERITED)
        return false;
    for (GSList* l = a.extra_attrs; l; l = l->next) {
        auto type = static_cast<PangoAttribute*>(l->data)->klass->type;
        if (type == PANGO_ATTR_FONT_FEATURES || type == PANGO_ATTR_SHOW || type == PANGO_ATTR_TEXT_TRANSFORM ||
            type == PANGO_ATTR_SHAPE || type == PANGO_ATTR_LETTER_SPACING)
            return false;
    }
    return std::memchr(s, ' ', static_cast<size_t>(item->length)) != nullptr;
}

}  // namespace

void ShapeCache::clear() {
    map_.clear();
    fonts_.clear();
}

void ShapeCache::shape(PangoItem* item, const std::string& text, PangoLogAttr* logAttrs, PangoGlyphString* glyphs) {
    const char* s = text.c_str() + item->offset;
    if (!cacheable(item, s)) {
        pango_shape_item(item, text.c_str(), static_cast<int>(text.size()), logAttrs, glyphs, PANGO_SHAPE_NONE);
        return;
    }
    PangoFont* font = item->analysis.font;
    if (!fonts_.count(font)) fonts_.emplace(font, GPtr<PangoFont>(PANGO_FONT(g_object_ref(font))));
    // Bounded: a long batch run starts over rather than growing without end.
    if (map_.size() > 200000) map_.clear();

    const int len = item->length;
    // Room for one glyph per byte up front (Latin text has no more), so appending words does not
    // reallocate; then empty.
    pango_glyph_string_set_size(glyphs, len);
    pango_glyph_string_set_size(glyphs, 0);
    PangoGlyphString* tmp = nullptr;
    int start = 0;
    while (start < len) {
        int end = start;
        while (end < len && s[end] != ' ') ++end;
        while (end < len && s[end] == ' ') ++end;
        const int pieceLen = end - start;
        key_.assign(reinterpret_cast<const char*>(&font), sizeof font);
        key_.push_back(static_cast<char>(item->analysis.gravity));
        key_.append(s + start, static_cast<size_t>(pieceLen));
        auto it = map_.find(key_);
        if (it == map_.end()) {
            ++misses_;
            if (!tmp) tmp = pango_glyph_string_new();
            pango_shape_full(s + start, pieceLen, s + start, pieceLen, &item->analysis, tmp);
            Entry e;
            e.glyphs.assign(tmp->glyphs, tmp->glyphs + tmp->num_glyphs);
            e.clusters.assign(tmp->log_clusters, tmp->log_clusters + tmp->num_glyphs);
            it = map_.emplace(key_, std::move(e)).first;
        } else {
            ++hits_;
        }
        const Entry& e = it->second;
        const int at = glyphs->num_glyphs, n = static_cast<int>(e.glyphs.size());
        pango_glyph_string_set_size(glyphs, at + n);
        std::memcpy(glyphs->glyphs + at, e.glyphs.data(), sizeof(PangoGlyphInfo) * static_cast<size_t>(n));
        for (int g = 0; g < n; ++g) glyphs->log_clusters[at + g] = e.clusters[static_cast<size_t>(g)] + start;
        start = end;
    }
    if (tmp) pango_glyph_string_free(tmp);
}

}  // namespace inkstone::text
