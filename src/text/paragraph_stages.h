// The stages of measureParagraph (paragraph.h), each testable alone. In order:
//   1. collectText        the spans' text joined; per character: byte offset, span, script
//   2. fontAttributes     Pango attributes: font and language per (span, script) run; `tnum`
//                         on spans set with tabular figures
//      compressPunctuation  clreq 3.1.4: adjacent full-width marks set half-width (`halt`)
//   3. breakOpportunities UAX 14 (Pango) with the clreq 3.1.7 rules on top: CharFlags
//      hyphenationPoints  libhyphen points inside English words
//      hanLatinGlue       clreq 3.2.6: a quarter em between Han and Latin letters or digits
//   4. shape              items split at span boundaries and shaped once; advances; missing glyphs
//   5. hyphenWidths, lineEndTrim, stretchAndShrink   what the line breakers and justification need
// Every stage fills its own fields of MeasuredParagraph from the ones before.
#pragma once

#include <pango/pango.h>

#include <string>
#include <vector>

#include "text/paragraph.h"

namespace inkstone::text::stages {

// Which face a character is set in: Latin letters and digits in the Latin family, Chinese in the
// CJK family for the language; neutral characters (spaces, ASCII punctuation) follow their
// neighbour, and curly quotes, dashes and ellipses follow the article language (clreq 3.1: in
// Chinese text they are full-width marks of the CJK font).
enum class Script { Neutral, Latin, Cjk };

// The paragraph's characters, as the stages after the first read them.
struct Chars {
    std::vector<char32_t> cps;
    std::vector<Script> script;  // never Neutral: neutral characters take a neighbour's script
    bool chinese = false;        // the paragraph's language is Chinese
    bool traditional = false;    // ... in Traditional characters
    Lang cjkLang;                // the language of Chinese characters in English runs (the
                                 // paragraph's if Chinese, else Simplified)
    // Vertical paragraphs: per character, the length of the tate-chu-yoko unit it belongs to (a
    // number of one to three ASCII digits with no Latin letter, digit or point beside it), 0: none.
    std::vector<int> tcy;
    int size() const { return static_cast<int>(cps.size()); }
};

// 1. Joins the spans into p.text and fills p.byteOffset, p.spanOf and p.lang; sizes the
// per-character vectors of p.
Chars collectText(const ParagraphInput& in, MeasuredParagraph& p);

// 2. One font description and language attribute per run of one span and one script.
AttrListPtr fontAttributes(const style::Style& style, const ParagraphInput& in, const MeasuredParagraph& p,
                           const Chars& c);
// Marks set half-width (clreq 3.1.4: of two adjacent full-width marks, a closing one gives up its
// blank right half, else an opening one its blank left half; Taiwan and Hong Kong keep ？ and ！ at
// full width), with `halt` added to `attrs` for each. Returns them by character.
std::vector<bool> compressPunctuation(const ParagraphInput& in, const MeasuredParagraph& p, const Chars& c,
                                      PangoAttrList* attrs);

// 3. Sets p.flags (break opportunities, white space, CJK, newline, compressed) and returns
// Pango's log attributes (shaping reads them).
std::vector<PangoLogAttr> breakOpportunities(const ParagraphInput& in, MeasuredParagraph& p, const Chars& c,
                                             const std::vector<bool>& compressed);
// Adds kHyphenBefore inside English words (not in code, not in Chinese paragraphs).
void hyphenationPoints(TextEngine& engine, const ParagraphInput& in, MeasuredParagraph& p, const Chars& c);
// Sets p.glueAfter between Han and Latin letters or digits (never beside punctuation or a raised span).
void hanLatinGlue(const ParagraphInput& in, MeasuredParagraph& p, const Chars& c);

// 4. Fills p.items and p.advance; a character no configured font has is warned about once.
// (`logAttrs` is not changed: Pango's shaping API takes it non-const.)
void shape(TextEngine& engine, const ParagraphInput& in, PangoAttrList* attrs, std::vector<PangoLogAttr>& logAttrs,
           const std::string& file, DiagnosticSink& sink, MeasuredParagraph& p);

// 5. p.hyphenWidth: the hyphen a break at a hyphenation point adds, from that word's font.
void hyphenWidths(MeasuredParagraph& p);
// p.endTrim: zh-Hans closing marks ending a line may drop their blank half (clreq 3.1.4).
void lineEndTrim(const ParagraphInput& in, MeasuredParagraph& p, const Chars& c);
// p.stretch, p.shrink and their kinds (clreq 3.8 priorities).
void stretchAndShrink(MeasuredParagraph& p, const Chars& c);

}  // namespace inkstone::text::stages
