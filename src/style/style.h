// Styles: YAML files in styles/ (by name) or anywhere (by path), with `extends:` inheritance, units,
// and validation (an unknown key or a bad value is an error naming the key path and its line).
// In: a style name or path. Out: a fully resolved Style (all lengths in points). Every key is
// documented in styles/README.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/lang.h"
#include "base/units.h"

namespace inkstone::style {

struct Color {
    double r = 0, g = 0, b = 0;
    bool operator==(const Color&) const = default;
};

enum class Align { Left, Right, Center, Justify };

// The look of one element. Lengths are resolved to points by the loader (em = this font size).
struct TextStyle {
    std::string font = "serif";  // a font set from Style::fonts: serif, sans or mono
    double fontSize = 10.5;
    double lineHeight = 16.8;
    bool bold = false;
    bool italic = false;
    bool uppercase = false;
    Color color;
    Align align = Align::Left;
    double spaceBefore = 0;
    double spaceAfter = 0;
    double firstLineIndent = 0;  // Latin text; Chinese paragraphs use Style::cjk.firstLineIndent
    double indentLeft = 0;
    double indentRight = 0;
    double ruleAbove = 0;  // rule thickness, 0 = none
    double ruleBelow = 0;
    double rulePadding = 0;  // between a rule and the text
    Color ruleColor;
    // Digits set with the font's tabular figures (OpenType tnum). Not a style key: the layout
    // sets it for table columns of numbers.
    bool tabularFigures = false;
};

struct Margins {
    double top = 56.69, bottom = 56.69, inner = 56.69, outer = 56.69;
};

// How lines run (CSS writing-mode): horizontal-tb, or vertical-rl as a Taiwanese or Hong Kong
// print edition sets Chinese (lines top to bottom, advancing right to left; issue 16).
enum class WritingMode : uint8_t { HorizontalTb, VerticalRl };

struct PageStyle {
    double width = 595.28, height = 841.89;
    WritingMode writingMode = WritingMode::HorizontalTb;
    bool vertical() const { return writingMode == WritingMode::VerticalRl; }
    Margins margin;
    int columns = 1;
    double columnGap = 17;
    bool facing = false;  // facing pages: inner/outer margins and running heads mirror on even pages
    bool balanceColumns = true;  // an article's last page: columns of even height
};

// Header or footer: three template slots with fields {title} {section} {author} {date} {page}
// {pages} {publication}, and the text style they are set in.
struct RunningStyle {
    std::string left, center, right;
    TextStyle text;
    double rule = 0;      // rule between the running text and the body, 0 = none
    double distance = 0;  // baseline distance from the body area (above for headers, below for footers)
};

// Per font set (serif, sans, mono): the family for each script/language.
struct FontSet {
    std::string latin;
    std::map<std::string, std::string> cjk;  // key: zh-Hans, zh-Hant, zh-Hant-HK, ja
    const std::string& forLang(const Lang& lang) const;
};

// Line-break strictness for Chinese (clreq 3.1.7): basic = the line-start/line-end prohibitions;
// gb = also no solidus at a line end; strict = also no dash or ellipsis pair at a line start.
enum class LineBreakStrictness { Basic, Gb, Strict };

struct CjkOptions {
    double firstLineIndent = 2;  // in em of the paragraph's font size
    double hanLatinSpace = 0.25; // in em; 0 = none
    LineBreakStrictness lineBreak = LineBreakStrictness::Strict;
    bool compressPunctuation = true;  // adjacent full-width punctuation set at 1.5 em (clreq 3.1.4)
    bool lineEndHalfWidth = false;    // zh-Hans: a closing mark ending a line drops its blank half
    // Vertical lines (issue 16): numbers of up to `tateChuYokoDigits` digits stand across the
    // line as one em (0: none), with any of `tateChuYokoWith` after them ("%": 3%, 50%) within
    // that many characters.
    int tateChuYokoDigits = 3;
    std::string tateChuYokoWith;
};

struct Hyphenation {
    bool enabled = true;
    int minWord = 6;
    int minLeft = 2;
    int minRight = 3;
};

// Where figures go (issue 13): `Here` where they are anchored when they fit, else at the top of
// the next column (the text continues in the space left); `Top`/`Bottom` always at the top or
// bottom of the column they are anchored in, or the next one.
enum class FigurePlacement { Here, Top, Bottom };

struct Figures {
    FigurePlacement placement = FigurePlacement::Here;
};

// Footnotes: at the foot of the page (the column in multi-column styles) of their reference, or
// gathered at the article's end under the `notes` label.
enum class NotePlacement { Foot, End };

struct Notes {
    NotePlacement placement = NotePlacement::Foot;
    double ruleWidth = 72;        // the short rule above a page's notes (points)
    double ruleThickness = 0.5;
    double space = 8;             // between the body and the rule, and the rule and the notes
    // Links in print: with `addresses`, a link whose address is not its text gets a footnote
    // with the address (the PDF keeps the clickable annotation).
    bool linkAddresses = false;
};

struct Tables {
    double minFontSize = 7;  // a table too wide for its column is set smaller down to this size
};

// What a PDF claims to conform to besides the tagged PDF/UA-1 (PdfOutput::tagged): PDF/A-2
// (ISO 19005-2) level B (the appearance preserved), or U (also every glyph's Unicode text).
enum class PdfA : uint8_t { None, A2b, A2u };

// The `pdf:` section (issue 14): a tagged PDF/UA-1 file (structure tree, marked content, its
// metadata) unless `tagged` is off; PDF/A-2b or 2u on request. The command line overrides both
// (--no-tags, --pdfa); PNG output ignores them.
struct PdfOutput {
    bool tagged = true;
    PdfA pdfa = PdfA::None;
};

// The `edition:` section (issue 15): the quotation marks of an edition. `auto`: Taiwan and Hong
// Kong editions set “” ‘’ as 「」 『』, a Simplified edition keeps them as written; `curly`: every
// edition sets “” ‘’ (a Simplified one turns 「」 『』 back); `corner`: every edition sets 「」 『』;
// `as-written`: none changes them.
enum class EditionQuotes : uint8_t { Auto, Curly, Corner, AsWritten };
struct EditionStyle {
    EditionQuotes quotes = EditionQuotes::Auto;
    // `dictionary:` the edition dictionaries of phrase overrides (resolved paths; a later one wins
    // over an earlier one, the command line's and the volume's over all). `none`: no dictionary.
    // The shipped styles name the shipped default (styles/dictionaries/zh-editions.yaml).
    std::vector<std::string> dictionaries;
};

struct Style {
    std::string name;  // as requested
    std::string path;  // the file it came from
    PageStyle page;
    std::map<std::string, FontSet> fonts;
    std::map<std::string, TextStyle> elements;
    RunningStyle header, footer;
    RunningStyle firstHeader, firstFooter;  // first page variants
    RunningStyle versoHeader, versoFooter;  // left-hand pages of facing-page styles (default: mirrored)
    std::map<std::string, std::string> dateFormat;                    // lang -> template
    std::map<std::string, std::map<std::string, std::string>> labels;  // label -> lang -> text
    CjkOptions cjk;
    Hyphenation hyphenation;
    std::string publication;
    double listIndent = 18;
    double pullQuoteWidth = 1.0;  // fraction of the column
    std::string bullet = "•";
    Figures figures;
    Notes notes;
    Tables tables;
    PdfOutput pdf;
    EditionStyle edition;

    const TextStyle& element(const std::string& name) const;
    std::string label(const std::string& key, const Lang& lang) const;
};

// Element names a style may set.
const std::vector<std::string>& elementNames();

// Loads a style by name ("briefing" -> <data>/styles/briefing.yaml) or path. Throws UserError with
// file:line:col for unknown keys, bad values, missing files and `extends` cycles.
Style loadStyle(const std::string& nameOrPath, const std::string& relativeTo = {});

// Where styles/ and fonts/ live: $INKSTONE_DATA_DIR; else PREFIX/share/inkstone beside an installed
// executable (PREFIX/bin); else the source tree the binary was built from; else the install prefix.
std::string dataDir();

// Whether a style is named by path (it has a '/' or ends in .yaml), not by a built-in name.
bool isStylePath(const std::string& nameOrPath);

}  // namespace inkstone::style
