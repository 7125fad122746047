// Content streams of our PDF writer (PDF 32000-1, 8 and 9): glyph runs, filled rectangles,
// images, colour, and marked content for tagged PDF. Coordinates are PDF user space (points,
// origin bottom left); the page part converts from the page model's.
//
// Per run a text matrix and a TJ array whose adjustments put every glyph where layout put it: an
// adjustment only when the viewer's pen would be more than 0.01 pt off, in whole thousandths of an
// em, so the pen stays within half a unit (0.005 pt at 10 pt) and most glyphs need none; character
// spacing (Tc) set to the gap most glyphs of a run share (a justified Chinese line: one Tc instead
// of an adjustment after every character); glyphs between adjustments in one hex string; runs
// sharing a text object, the font set only when it changes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "render/pdf_fonts.h"
#include "style/style.h"
#include "text/line.h"

namespace inkstone::render::pdf {

// One past the last glyph of `run` that draws (a line-end hyphen is the glyph before it).
size_t drawnEnd(const text::GlyphRun& run);

class ContentStream {
public:
    explicit ContentStream(FontCollector& fonts);

    // Fill colour for what follows (written only when it changes).
    void color(const style::Color& c);
    // The glyphs of `run` (whose text is `lineText`) with the pen at (x, y), in the current
    // colour; records the glyphs and their text with the collector. Returns false, drawing
    // nothing, when the run's face cannot be embedded. `addedHyphen`: the run's last glyph is a
    // hyphen the line break added, whose text is a soft hyphen (U+00AD, PDF 32000-1 14.8.2.2.3:
    // not part of the word). Only glyphs [begin, end) are drawn, where the whole run would put
    // them (such a hyphen, marked apart); the text is recorded with the first part.
    // `turned`: the run's baseline turned a quarter anticlockwise, (x, y) its origin (a
    // tate-chu-yoko unit standing across a vertical line), its glyphs narrowed by run.compress.
    bool glyphs(const text::GlyphRun& run, const std::string& lineText, double x, double y, bool addedHyphen = false,
                size_t begin = 0, size_t end = SIZE_MAX, bool turned = false);
    // An upright run of a vertical line (GlyphRun::upright), pen at (x, y) in the line's frame
    // (PDF orientation, y up; the enclosing group turns the frame a quarter clockwise): the
    // face's Identity-V font, a text matrix turning the glyphs a quarter anticlockwise so that
    // they stand upright on the page, at the first glyph's vertical origin; the glyphs advance
    // by their /W2 vertical advances, moved along the line by TJ numbers where the layout's
    // differ (justification) and given a matrix of their own where they are moved across it.
    bool uprightGlyphs(const text::GlyphRun& run, const std::string& lineText, double x, double y);
    // After the last glyph drawn, the face's space glyph: the word space a line break took, made
    // explicit for text extraction (PDF 32000-1 14.8.2.5; it draws nothing). False when the
    // run's face has no space glyph.
    bool trailingSpace(const text::GlyphRun& run);
    // A filled rectangle in the current colour, or in `c`; (x, y) is its lower left corner.
    void rect(double x, double y, double width, double height);
    void rect(const style::Color& c, double x, double y, double width, double height);
    // Image XObject `name` (a resource name) drawn into the rectangle.
    void image(const std::string& name, double x, double y, double width, double height);
    // XObject `name` drawn through `matrix` (a b c d e f), which maps its unit square onto the page.
    void xobject(const std::string& name, const double matrix[6]);
    // Saves the graphics state and concatenates `matrix` (a b c d e f) to the current one; and
    // restores it.
    void save(std::initializer_list<double> matrix);
    void restore();
    // A marked-content sequence: `tag` ("/P") with its property list ("<</MCID 3>>"; none: BMC), ended by
    // endMarked(); sequences nest, and nest with text objects: one begun inside a text object
    // ends when the text object does (endMarked() is then a no-op), one begun outside ends the
    // text object first.
    // `text`: what follows is text (the sequence may begin inside an open text object); else
    // the text object ends first.
    void beginMarked(const std::string& tag, const std::string& properties, bool text = false);
    void endMarked();
    // Begins a text object unless one is open (so that a text run's marked content begins, and
    // ends, inside it).
    void beginText();
    // Open marked-content sequences.
    size_t markedDepth() const { return marked_.size(); }
    // Whether the innermost open sequence began inside a text object.
    bool markedText() const { return !marked_.empty() && marked_.back(); }

    // Whether the last glyph of `run`, a hyphen the line break added, is the face's hyphen-minus:
    // its ToUnicode is then "-", and only /ActualText makes it read as a soft hyphen (other
    // hyphen glyphs get U+00AD in the ToUnicode map).
    bool hyphenIsHyphenMinus(const text::GlyphRun& run);

    // The stream (uncompressed); the stream is empty afterwards.
    std::string finish();

private:
    void endText();
    void record(const text::GlyphRun& run, const std::string& lineText, const FontCollector::Font& font, bool addedHyphen);
    void select(const FontCollector::Font& font, bool vertical = false);
    double spacing(const text::GlyphRun& run, const FontCollector::Font& font, double unit);
    double typicalGap();
    FontCollector& fonts_;
    std::string cs_;
    std::string color_;  // the current fill colour as written ("0 0 0")
    bool inText_ = false, stroked_ = false;
    std::string font_;    // the current font resource
    double size_ = 0, tc_ = 0;
    std::vector<double> gaps_;  // scratch
    struct State {
        std::string color, font;
        double size, tc;
        bool stroked;
    };
    std::vector<State> saved_;  // at each save()
    std::vector<bool> marked_;  // open marked-content sequences: begun inside a text object
};

}  // namespace inkstone::render::pdf
