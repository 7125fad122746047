// Fonts of our PDF writer: what the pages use of each face, and its embedding.
//
// Content streams address glyphs by their glyph ID in the source font (a CID equal to it), so a
// page can be written before the document's glyph set is known; the subsets made when the
// document is finished keep those numbers (CFF: the charset's CIDs are the source glyph IDs,
// cff_subset; TrueType: HarfBuzz's RETAIN_GIDS). One policy for every face: Type0 fonts,
// CIDFontType0C or CIDFontType2, /W from the source advances, ToUnicode from the clusters.
#pragma once

#include <hb.h>

#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/pdf_syntax.h"
#include "text/face.h"

namespace inkstone::render::pdf {

using FaceKey = std::pair<std::string, int>;  // font file, face index

// What pages used of a face: the glyphs, and the text each stands for. A glyph used for several
// texts (a space glyph for U+0020 and U+00A0) maps to the shortest, then the smallest: the same
// whatever order pages are drawn in.
struct FaceUse {
    std::set<uint32_t> glyphs;
    std::map<uint32_t, std::string> text;
    // Glyphs drawn upright on vertical lines (issue 16), with their vertical metrics for /W2:
    // the vertical advance (negative: down) and the vertical origin (x, y), 1/1000 em.
    std::map<uint32_t, std::array<int, 3>> vertical;
    void addText(uint32_t glyph, std::string_view t);
    void merge(const FaceUse& other);
};

struct FaceData;

// The glyphs and advances of the faces one thread draws with. Not thread-safe: one per thread.
class FontCollector {
public:
    struct Font {
        std::string resource;  // "/F..." (from the face: the same for every collector)
        std::string vertical;  // "/V...": the same CIDFont through Identity-V, for upright vertical text
        const text::FontFace* face = nullptr;
        FaceData* data = nullptr;
    };
    FontCollector();
    ~FontCollector();
    FontCollector(const FontCollector&) = delete;
    FontCollector& operator=(const FontCollector&) = delete;

    // The font for `face` (kept alive by the collector); null when it cannot be embedded.
    const Font* font(const std::shared_ptr<const text::FontFace>& face);
    // The glyph's advance as /W gives it, 1/1000 em.
    int advance(const Font& font, uint32_t glyph);
    // Whether `glyph` is the face's glyph for U+002D HYPHEN-MINUS (whose ToUnicode is then "-",
    // so a line-end hyphen drawn with it needs /ActualText to read as a soft hyphen).
    bool isHyphenMinus(const Font& font, uint32_t glyph);
    // The face's glyph for U+0020, kNoGlyph-like 0xFFFFFFFF when it has none.
    uint32_t spaceGlyph(const Font& font);
    // Records that `glyph` is drawn and, when `text` is not empty, stands for it.
    void use(const Font& font, uint32_t glyph, std::string_view text);
    // Records that `glyph` is drawn upright on a vertical line and returns its vertical metrics
    // (the font's vmtx and VORG through HarfBuzz): {advance (negative), origin x, origin y},
    // 1/1000 em, as /W2 gives them.
    std::array<int, 3> vertical(const Font& font, uint32_t glyph);
    // Everything recorded, by face.
    std::map<FaceKey, FaceUse> uses() const;

private:
    std::unordered_map<const text::FontFace*, std::unique_ptr<Font>> fonts_;
    std::vector<std::shared_ptr<const text::FontFace>> held_;  // keys stay valid
    std::map<FaceKey, std::unique_ptr<FaceData>> faces_;
};

// Subsets and writes every face (in parallel), returning the font resource entries
// (" /F... 12 0 R ..."). Throws UserError (naming `path`) when a face cannot be embedded.
std::string writeFonts(ObjectFile& file, const std::map<FaceKey, FaceUse>& faces, const std::string& path);

}  // namespace inkstone::render::pdf
