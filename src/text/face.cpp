#include "text/face.h"

#include <pango/pangofc-font.h>

namespace inkstone::text {

std::shared_ptr<const FontFace> makeFontFace(PangoFont* pf) {
    auto r = std::make_shared<FontFace>();
    if (!pf || !PANGO_IS_FC_FONT(pf)) return r;
    FcPattern* pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
    FcChar8* file = nullptr;
    int index = 0;
    FcBool b = FcFalse;
    FcMatrix* m = nullptr;
    if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetInteger(pat, FC_INDEX, 0, &index) != FcResultMatch || index >= 0x10000)
        return r;
    if (FcPatternGetBool(pat, FC_VARIABLE, 0, &b) == FcResultMatch && b) return r;
    if (FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &r->size) != FcResultMatch &&
        FcPatternGetDouble(pat, FC_SIZE, 0, &r->size) != FcResultMatch)
        return r;
    r->embolden = FcPatternGetBool(pat, FC_EMBOLDEN, 0, &b) == FcResultMatch && b;
    if (FcPatternGetMatrix(pat, FC_MATRIX, 0, &m) == FcResultMatch && m) {
        r->matrix[0] = m->xx;
        r->matrix[1] = -m->yx;
        r->matrix[2] = -m->xy;
        r->matrix[3] = m->yy;
    }
    r->file = reinterpret_cast<const char*>(file);
    r->index = index;
    r->embeddable = true;
    return r;
}

}  // namespace inkstone::text
