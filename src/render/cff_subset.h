// A fast subsetter for CID-keyed CFF fonts (the Noto CJK faces).
//
// HarfBuzz's subsetter spends 7-9 ms of fixed cost on a 23 MB CJK 'CFF ' table before it looks at a
// single glyph, and 25-45 ms for a page's worth of glyphs, because it builds accelerators for the
// whole font and re-subroutinizes. A PDF needs much less: the used glyphs' outlines with their
// subroutines inlined, their metrics, and the Font DICTs they use. That is what this does, reading
// only the INDEX entries it needs: about 1 ms per face for a typical article.
//
// The result is a small OpenType font ('OTTO': CFF, head, hhea, hmtx, maxp, OS/2, name, post) whose
// glyph i is the i-th of the requested glyphs in ascending order (glyph 0 is always .notdef).
#pragma once

#include <hb.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inkstone::render {

// The source face's tables (empty when absent; views into the font file, which is never copied).
// Returns the subset font, or "" when the source is not a CID-keyed CFF font this understands (the
// caller then uses a general subsetter). `glyphs` must be sorted, unique and start with 0.
struct CffTables {
    std::string_view cff, head, hhea, hmtx, maxp, os2, name, post;
};
// The tables above of a HarfBuzz face; the views stay valid while this lives.
class FaceTables {
public:
    explicit FaceTables(hb_face_t* face);
    ~FaceTables();
    FaceTables(const FaceTables&) = delete;
    FaceTables& operator=(const FaceTables&) = delete;
    CffTables tables;

private:
    std::vector<hb_blob_t*> blobs_;
};

// `sourceCids`: glyph i's CID is its glyph ID in the source (glyphs[i]) rather than i, so that a
// PDF can address glyphs by their source IDs before the subset is made (pdf_native).
std::string subsetCidCff(const CffTables& source, const std::vector<uint32_t>& glyphs, bool sourceCids = false);

}  // namespace inkstone::render
