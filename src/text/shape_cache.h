// Shaping by words, with a cache: the technique of Chromium's and Android's (minikin) text stacks.
//
// Shaping is the largest cost of layout (44% of an English article's layout instructions, HarfBuzz
// 6.0 applying Noto Serif's lookups). Text separated by spaces shapes the same word by word as whole,
// for fonts with no lookups that reach across a space (checked for every face the styles name by
// a unit test). So an item of such text is cut after each run of spaces, every piece ("word " with
// its trailing spaces) is shaped once per font and kept, and the item's glyph string is put
// together from the pieces. Words recur: within an article about half of them, across a volume far
// more.
//
// Han items are cut the same way at ideographs: each ideograph is a piece, and so is each run of
// other characters between them (the CJK faces join "——" and "……" by ligature and may kern a
// pair of marks; no lookup of theirs reaches from an ideograph to its neighbour in horizontal
// text). The key holds the item's language, for the faces' locl forms (zh-Hans / zh-Hant). A
// Chinese volume's instructions fell 6% (bench zh100, identical PDF bytes).
//
// Only left-to-right items with no font features (Chinese punctuation compression sets 'halt'),
// Latin/Common text with a space or Han text use the cache; everything else is shaped whole. The
// unit test compares every glyph with whole-item shaping on the samples and the corpus, in ten
// faces (Latin and CJK, with languages).
#pragma once

#include <pango/pango.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/gobject_ptr.h"

namespace inkstone::text {

class ShapeCache {
public:
    // Shapes `item` of `text` (paragraph text, item offsets are into it) into `glyphs`, exactly as
    // pango_shape_item(item, text, length, logAttrs, glyphs, PANGO_SHAPE_NONE) would.
    void shape(PangoItem* item, const std::string& text, PangoLogAttr* logAttrs, PangoGlyphString* glyphs);

    size_t hits() const { return hits_; }
    size_t misses() const { return misses_; }
    size_t entries() const { return entries_; }
    void clear();

private:
    struct Entry {
        std::vector<PangoGlyphInfo> glyphs;
        std::vector<int> clusters;  // bytes from the piece's start
    };
    // Pieces shaped in one context (font, language, gravity, script): words and runs of marks by
    // their text, single ideographs by code point.
    struct Context {
        std::unordered_map<std::string, Entry> pieces;
        std::unordered_map<uint32_t, Entry> chars;
    };
    std::unordered_map<std::string, Context> contexts_;
    std::unordered_map<PangoFont*, GPtr<PangoFont>> fonts_;  // keeps keyed fonts alive (no reused addresses)
    size_t hits_ = 0, misses_ = 0, entries_ = 0;
    std::string key_, piece_;  // scratch
};

}  // namespace inkstone::text
