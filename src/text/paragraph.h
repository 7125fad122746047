// A paragraph's text, measured once: the input of the line breakers and of line building.
// In: styled spans (text + font choice + decoration) and the article language.
// Out: MeasuredParagraph: Pango items shaped once, per-character advances, break opportunities
// (pango_get_log_attrs: UAX 14 with CJK kinsoku) and glue (Han-Latin space, clreq 3.2.6).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/lang.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/gobject_ptr.h"

namespace inkstone::text {

// One styled stretch of paragraph text.
struct Span {
    std::string text;
    std::string fontSet = "serif";  // serif, sans or mono (Style::fonts)
    double size = 10.5;
    bool bold = false;
    bool italic = false;
    double rise = 0;  // baseline shift up, points (superscripts)
    style::Color color;
    bool underline = false;
    bool strike = false;
    // Digits of equal advance (OpenType `tnum`) where the face has them: numbers in table columns
    // line up digit under digit. Faces without the feature (or whose figures are tabular already,
    // as full-width CJK digits are) are unchanged.
    bool tabularFigures = false;
    // No line break before the span or inside it (a note reference keeps to the word it follows).
    bool glued = false;
    std::string link;  // URI, or "#name" for an internal destination
    SourcePos pos;     // source position of the span's first character
    Lang lang;         // the run's language: its Chinese characters take this language's faces
                       // (the paragraph's when the run is English); Latin letters are English
};

struct ParagraphInput {
    std::vector<Span> spans;
    Lang lang;                    // the paragraph's: line breaking, punctuation rules, ambiguous marks
    double hanLatinSpace = 0;     // em of the span's size between Han and Latin/digits; 0 = none
    style::LineBreakStrictness lineBreak = style::LineBreakStrictness::Strict;
    bool compressPunctuation = false;  // clreq 3.1.4: adjacent full-width marks share their blank halves
    bool lineEndHalfWidth = false;     // zh-Hans: a closing mark at a line end drops its blank half
    bool hyphenate = false;            // English words get hyphenation points (kHyphenBefore)
    bool vertical = false;             // a vertical line's text (TextEngine::verticalContext)
    int tateChuYokoDigits = 3;         // ...its numbers of up to this many digits stand across it
    std::string tateChuYokoWith;       // ...with these characters after them (style cjk.tate-chu-yoko)
    style::Hyphenation hyphenation;
};

// What the space after a character is, for justification in clreq 3.8 priority order.
enum GapKind : uint8_t {
    kGapNone,
    kGapWordSpace,  // a Western word space (stretch to 1/2 em first; shrink to 1/4 em first)
    kGapHanLatin,   // Han-Latin glue (stretch to 1/3 em next; shrink to 1/8 em)
    kGapInterChar,  // between Chinese characters (stretched last, evenly)
    kGapPause,      // a pause mark or closing bracket's blank half (，、；： and brackets)
    kGapStop,       // a stop mark's blank half (。？！): shrunk last
};

// Character flags (index = character, not byte).
enum CharFlags : uint8_t {
    kBreakBefore = 1 << 0,      // a line may start at this character
    kMandatoryBefore = 1 << 1,  // a line must start here (after a hard line break)
    kWhite = 1 << 2,            // collapsible white space: dropped at line ends
    kCjk = 1 << 3,              // Han, kana, CJK punctuation: an inter-character stretch point
    kNewline = 1 << 4,          // a hard line break character (not drawn)
    kHyphenBefore = 1 << 5,     // a line may end before this character with a hyphen (inside a word)
    kCompressed = 1 << 6,       // set half-width (halt) because of a neighbouring full-width mark
    kTateChuYoko = 1 << 7,      // vertical lines: a number of one to three digits set upright
                                // across the line as one em-wide unit (縱中橫)
};

struct ShapedItem {
    ItemPtr item;
    GlyphStringPtr glyphs;
    int span = 0;        // index into MeasuredParagraph::spans
    int firstChar = 0;   // character index of item->offset
    std::shared_ptr<const FontFace> face;  // the item's font, for painters
    bool tateChuYoko = false;  // its characters are a kTateChuYoko unit
    double compress = 1;       // ...whose glyphs are narrowed by this to fit one em (no `twid` forms)
};

struct MeasuredParagraph {
    std::shared_ptr<const std::string> text;
    std::vector<Span> spans;
    std::vector<ShapedItem> items;
    std::vector<int> byteOffset;  // per character, plus one entry for the end
    std::vector<double> advance;  // per character, points
    std::vector<double> glueAfter;  // per character: extra space before the next character (Han-Latin)
    // Per character: how much the space after it may stretch or shrink when a line is justified
    // (word spaces, Han-Latin glue, inter-character space in Chinese; clreq 3.8 priorities are
    // expressed by the relative amounts). The last character of a line contributes nothing.
    std::vector<double> stretch;
    std::vector<double> shrink;
    std::vector<uint8_t> stretchKind;  // GapKind of stretch[i]
    std::vector<uint8_t> shrinkKind;   // GapKind of shrink[i]
    std::vector<double> hyphenWidth;  // per character with kHyphenBefore: the hyphen a break adds
    std::vector<double> endTrim;      // per character: how much narrower it is when it ends a line
    std::vector<uint8_t> flags;   // CharFlags per character
    std::vector<int> spanOf;      // span index per character
    Lang lang;
    bool vertical = false;        // shaped for a vertical line (ParagraphInput::vertical)
    int charCount() const { return static_cast<int>(advance.size()); }
};

// Shapes the paragraph. Characters no configured font covers are reported to `sink` (one warning
// per character and paragraph, naming U+XXXX and the span's line).
MeasuredParagraph measureParagraph(TextEngine& engine, const style::Style& style, const ParagraphInput& in,
                                   const std::string& file, DiagnosticSink& sink);

// Natural width of characters [start, end) as a line: glue between them counts, trailing white
// space and the glue after the last character do not; a line ending at a hyphenation point
// (kHyphenBefore at `end`) adds the hyphen.
double lineWidth(const MeasuredParagraph& p, int start, int end);

// Total stretch and shrink of the line [start, end) (trailing white space excluded).
double lineStretch(const MeasuredParagraph& p, int start, int end);
double lineShrink(const MeasuredParagraph& p, int start, int end);

// Last character of [start, end) that is drawn (trailing white space excluded), or start - 1.
int lastVisible(const MeasuredParagraph& p, int start, int end);

}  // namespace inkstone::text
