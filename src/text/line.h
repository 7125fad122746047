// Building a line for drawing: the characters a LineBreak chose, cut out of the shaped items
// (reshaping the items cut at the line's edges), with glue and justification applied as glyph
// advance changes. Drawn with pango_cairo_show_glyph_item, which keeps the text for copy/paste.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "style/style.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone::text {

struct GlyphRun {
    ItemPtr item;
    GlyphStringPtr glyphs;
    double x = 0;      // offset from the line start, points
    double width = 0;  // advance, points
    double rise = 0;
    style::Color color;
    bool underline = false;
    bool strike = false;
    double size = 0;
    std::string link;
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

enum class LineAlign { Left, Right, Center, Justify };

// Cuts line `lb` out of `p`. Justify stretches to `lb.available` (except the last line of the
// paragraph and lines ending at a hard break); other alignments return the natural width and leave
// placement to the caller.
std::shared_ptr<ShapedLine> buildLine(const MeasuredParagraph& p, const LineBreak& lb, LineAlign align, bool lastLine);

}  // namespace inkstone::text
