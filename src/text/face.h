// The face a run of glyphs is drawn with, as painters need it: the font file and face index, the
// size and the synthetic slant and bold fontconfig chose (from the Pango font's pattern). Made
// once per Pango font by the engine that shaped with it (TextEngine::face) and shared by every run.
#pragma once

#include <memory>
#include <string>

#include <pango/pango.h>

namespace inkstone::text {

struct FontFace {
    std::string file;  // the font file
    int index = 0;     // face index in the file
    double size = 0;   // points (the pattern's pixel size at 72 dpi)
    // Synthetic slant as a matrix (xx, yx, xy, yy; PDF's orientation, y up); identity otherwise.
    double matrix[4] = {1, 0, 0, 1};
    bool embolden = false;  // synthetic bold
    // Whether it can be embedded: a file face (not a variable instance, index below 65536, a
    // size). A run whose face is not is not drawn.
    bool embeddable = false;
};

// Reads `font`'s pattern. Never null; `embeddable` false when the pattern says too little.
std::shared_ptr<const FontFace> makeFontFace(PangoFont* font);

}  // namespace inkstone::text
