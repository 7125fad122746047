// Building a line for drawing: the characters a LineBreak chose, cut out of the shaped items
// (reshaping the items cut at the line's edges), with glue and justification applied as glyph
// advance changes, then handed to painters as plain glyph data (no Pango objects).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "style/style.h"
#include "text/face.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone::text {

// A glyph as drawn, in points: its advance, and its offset from the pen (y down). Pango's units
// (1/1024 pt) are exact in a float.
struct Glyph {
    uint32_t id = 0;  // glyph ID in the face (0 for a character no font has); kNoGlyph: draws nothing
    float advance = 0, dx = 0, dy = 0;
};
constexpr uint32_t kNoGlyph = 0xFFFFFFFFu;

// Consecutive glyphs that stand for consecutive bytes of the run's text, in glyph order (and
// backwards through the text in a right-to-left run).
struct Cluster {
    int bytes = 0;
    int glyphs = 0;
};

// A rectangle relative to a run's pen origin on its baseline (points, y down).
struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Glyphs of one face and style, with everything a painter needs and nothing to decide: the face,
// each glyph's ID, advance and offsets, the text each cluster stands for, the link area and the
// decoration bars.
struct GlyphRun {
    std::shared_ptr<const FontFace> face;
    std::vector<Glyph> glyphs;
    std::vector<Cluster> clusters;
    int textStart = 0, textLength = 0;  // the bytes of ShapedLine::text the run stands for
    int span = -1;                       // the paragraph span it comes from (ParagraphInput::spans)
    bool rtl = false;
    // On a vertical line (issue 16): the glyphs stand upright with their vertical advances and
    // forms (Pango's gravity east); `dx`, `dy` are then Pango's offsets from the pen to the glyph's
    // horizontal origin in the line's frame (x along the line, y across it, the glyph turned a
    // quarter anticlockwise in that frame so that it stands upright on the page). Runs that are
    // not upright on a vertical line lie on their side: drawn as on a horizontal line, turned with it.
    bool upright = false;
    // A tate-chu-yoko unit on a vertical line (縱中橫: a number of one to three digits): shaped
    // as on a horizontal line, one em wide, and drawn upright across the line, centred on it.
    bool tateChuYoko = false;
    double compress = 1;  // a tate-chu-yoko unit's glyphs narrowed by this (advances and offsets are already)
    // ...and where its turned baseline starts, from the pen in the line's frame (y down): its
    // ideographic em box (0.88 em above the baseline) centred in its advance along the line, its
    // glyphs centred across it.
    double unitX = 0, unitY = 0;
    double x = 0;      // pen origin: offset from the line start, points
    double width = 0;  // advance, points
    double rise = 0;   // baseline shift up, points
    style::Color color;
    std::string link;         // URI or "#name"; empty: none
    Box linkArea;             // the area a link annotation covers
    std::vector<Box> bars;    // underline and strike-through, filled in the run's colour
};

struct ShapedLine {
    std::shared_ptr<const std::string> text;  // the paragraph text the items point into
    std::vector<GlyphRun> runs;
    double width = 0;     // drawn width, points
    std::string plain;    // the line's text (for dumps and tests)
    // The break decision, for the layout dump: characters [start, end) of the paragraph, the
    // adjustment ratio applied (+ stretch, - shrink, as a share of what the gaps allow), hyphen.
    int start = 0, end = 0;
    double ratio = 0;
    bool hyphenated = false;
};

// For each glyph of `run`, the byte of the line's text its cluster starts at.
std::vector<int> glyphOffsets(const GlyphRun& run);

enum class LineAlign { Left, Right, Center, Justify };

// Cuts line `lb` out of `p`. Justify stretches to `lb.available` (except the last line of the
// paragraph and lines ending at a hard break); other alignments return the natural width and leave
// placement to the caller.
std::shared_ptr<ShapedLine> buildLine(const MeasuredParagraph& p, const LineBreak& lb, LineAlign align, bool lastLine);

}  // namespace inkstone::text
