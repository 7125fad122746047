// The article builder (layout/article.cpp, article_parts.cpp, table.cpp): turns a document's blocks into
// flow boxes and its structure nodes, as the layout stage's private part.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "layout/article.h"
#include "layout/flow.h"
#include "text/line.h"
#include "text/paragraph.h"

namespace inkstone::layout::detail {

using model::Block;
using model::BlockKind;
using style::TextStyle;

text::LineAlign toLineAlign(style::Align a);

struct ParaOptions {
    double indentLeft = 0;
    double indentRight = 0;
    double firstIndent = 0;
    std::string marker;       // list marker hung left of the first line
    int markerNode = -1;      // the marker's structure node (Lbl); -1: the paragraph's
    bool keepAll = false;     // headings: keep every line with the next box
    std::string dest;         // a named destination at the first line
};

// Builds one article: its head and body as flow boxes, its outline and its structure (nodes in
// reading order; items made while a node is open belong to it).
class Builder {
public:
    Builder(const model::Document& doc, const style::Style& st, text::TextEngine& eng, DiagnosticSink& sink,
            std::string destPrefix)
        : doc_(doc), st_(st), eng_(eng), sink_(sink), chinese_(doc.meta.lang.chinese()),
          prefix_(std::move(destPrefix)) {}

    text::Span spanFor(const model::TextRun& r, const TextStyle& ts) const {
        text::Span s;
        s.text = ts.uppercase ? upperCase(r.text) : r.text;
        s.fontSet = (r.flags & model::kCode) ? "mono" : ts.font;
        s.size = ts.fontSize;
        s.bold = ts.bold || (r.flags & model::kStrong);
        // Chinese has no italic (clreq): in a Chinese article an element's italic style is not applied
        // to the Latin words either, which would lean alone in upright text; *emphasis* still is.
        const bool styleItalic = ts.italic && !chinese_;
        s.italic = (r.flags & model::kEmphasis) ? !styleItalic : styleItalic;
        s.color = ts.color;
        s.strike = r.flags & model::kStrike;
        s.tabularFigures = ts.tabularFigures;
        s.link = !r.link.empty() && r.link[0] == '#' ? "#" + prefix_ + r.link.substr(1) : r.link;
        s.pos = r.pos;
        s.lang = r.lang;
        if (r.flags & model::kSuperscript) {
            s.size = ts.fontSize * 0.65;
            s.rise = ts.fontSize * 0.35;
            s.glued = !r.link.empty() && r.link[0] == '#';  // a note reference
        }
        return s;
    }

    text::MeasuredParagraph measure(const std::vector<model::TextRun>& runs, const TextStyle& ts) {
        return measure(runs, ts, sink_);
    }
    text::MeasuredParagraph measure(const std::vector<model::TextRun>& runs, const TextStyle& ts, DiagnosticSink& sink) {
        text::ParagraphInput in;
        in.lang = doc_.meta.lang;
        in.hanLatinSpace = st_.cjk.hanLatinSpace;
        in.lineBreak = st_.cjk.lineBreak;
        in.compressPunctuation = st_.cjk.compressPunctuation;
        in.lineEndHalfWidth = st_.cjk.lineEndHalfWidth;
        // Only justified text is hyphenated: ragged lines do not need it.
        in.hyphenate = ts.align == style::Align::Justify;
        in.hyphenation = st_.hyphenation;
        in.vertical = vertical();
        in.tateChuYokoDigits = st_.cjk.tateChuYokoDigits;
        in.tateChuYokoWith = st_.cjk.tateChuYokoWith;
        for (const auto& r : runs) in.spans.push_back(spanFor(r, ts));
        return text::measureParagraph(eng_, st_, in, doc_.path, sink);
    }

    double baselineOffset(const TextStyle& ts) {
        if (vertical()) return ts.lineHeight / 2;  // a vertical line's baseline is its middle
        const style::FontSet& set = st_.fonts.at(ts.font);
        auto m = eng_.metrics(set.latin, ts.fontSize, ts.bold, ts.italic);
        return (ts.lineHeight - (m.ascent + m.descent)) / 2 + m.ascent;
    }

    // A paragraph as line boxes of `width`. Widows and orphans: a page may break after line k only
    // when at least two lines stay on each side (clreq 3.7 / the house rule of the issue).
    std::vector<FlowBox> paragraph(const std::vector<model::TextRun>& runs, const TextStyle& ts, double width,
                                   const ParaOptions& o);

    // Stacks boxes into one unbreakable box (pull quotes, table rows, the bio label + first lines).
    static FlowBox stack(const std::vector<FlowBox>& parts) {
        FlowBox out;
        double y = 0;
        for (size_t i = 0; i < parts.size(); ++i) {
            double gap = i == 0 ? 0 : std::max(parts[i - 1].spaceAfter, parts[i].spaceBefore);
            std::vector<FrameItem> items = parts[i].items;
            translate(items, 0, y + gap);
            out.items.insert(out.items.end(), items.begin(), items.end());
            out.notes.insert(out.notes.end(), parts[i].notes.begin(), parts[i].notes.end());
            y += gap + parts[i].height;
        }
        out.height = y;
        if (!parts.empty()) {
            out.spaceBefore = parts.front().spaceBefore;
            out.spaceAfter = parts.back().spaceAfter;
        }
        return out;
    }

    static void append(std::vector<FlowBox>& dst, std::vector<FlowBox> src) {
        dst.insert(dst.end(), std::make_move_iterator(src.begin()), std::make_move_iterator(src.end()));
    }

    // ---- structure: nodes in reading order; items made while a node is open belong to it ----
    int open(Role role, SourcePos pos = {}) {
        structure.push_back(StructNode{role, current_, doc_.meta.lang, {}, pos});
        current_ = static_cast<int>(structure.size()) - 1;
        return current_;
    }
    void close(int node) { current_ = structure[static_cast<size_t>(node)].parent; }
    // A node open for the scope of this object.
    struct Scope {
        Builder& b;
        int node;
        Scope(Builder& builder, Role role, SourcePos pos = {}) : b(builder), node(builder.open(role, pos)) {}
        ~Scope() { b.close(node); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
    };
    // A childless node (a list item's label), not made current.
    int leaf(Role role, SourcePos pos = {}) {
        const int n = open(role, pos);
        close(n);
        return n;
    }

    std::vector<model::TextRun> plainRuns(const std::string& text, SourcePos pos) const {
        return {model::TextRun{text, 0, {}, pos, doc_.meta.lang}};
    }

    // Boxes of a box with rules above and below (titles, pull quotes).
    FlowBox ruled(FlowBox inner, const TextStyle& ts, double width) const;

    std::vector<FlowBox> head(double width);

    void layoutBlocks(const std::vector<Block>& blocks, std::vector<FlowBox>& out, double width,
                      const TextStyle* inherited, double indentLeft, bool bodyIndent);

    void list(const Block& b, std::vector<FlowBox>& out, double width, const TextStyle* inherited, double indentLeft);

    FlowBox pullQuote(const Block& b, double columnWidth);

    // A table (table.cpp): its caption and rows, sized to fit the column (smaller type, then
    // across the columns), numbers aligned on their decimal points.
    std::vector<FlowBox> table(const Block& b, double width, double indentLeft);
    // A vertical article's table: laid out horizontally at the page's text width, its rows cut
    // into blocks no taller than the lines are long (the header row above each), each an
    // upright block in the frame.
    std::vector<FlowBox> uprightTable(const Block& b);

    std::vector<FlowBox> image(const Block& b, double width, double indentLeft);
    // The figure of an image checked by image(): `w` x `h` its natural size in points,
    // `pixelsWide` its pixels across (0 for vector figures).
    std::vector<FlowBox> figure(const Block& b, const std::string& file, double w, double h, int pixelsWide, double width,
                                double indentLeft);

    std::vector<FlowBox> notesAndBio(double width);

    // ---- notes (issue 13, points 4 and 5) ----
    // Footnotes and, with `links.addresses: footnote`, link addresses, numbered in the order they
    // are first referred to. At the foot: the lines of a note ride on the line box of its first
    // reference (FlowBox::notes); at the end: notesAndBio() sets them all.
    struct NoteEntry {
        int number = 0;                        // as printed
        const model::Footnote* note = nullptr; // a footnote, or else
        std::string url;                       // a link's address
        SourcePos pos;
        bool set = false;                      // foot notes: already riding on a line box
    };
    // The runs as printed: note references renumbered in print order, link addresses' references
    // added after their links. `refs[i]`: the note a printed run refers to, or -1.
    std::vector<model::TextRun> noteRuns(const std::vector<model::TextRun>& runs, std::vector<int>& refs);
    // A note's lines at the column width (each with its nested notes' lines after it).
    std::vector<FlowBox> noteLines(size_t note, double width);
    std::string noteMarker(const char* key, int number) const;
    void setNoteWidth(double w) { noteWidth_ = w; }
    bool footNotes() const { return st_.notes.placement == style::NotePlacement::Foot; }

    std::vector<OutlineEntry> outline;
    std::vector<StructNode> structure;

    Role nodeRole(int node) const { return structure[static_cast<size_t>(node)].role; }
    const style::Style& style() const { return st_; }
    const model::Document& document() const { return doc_; }

private:
    int current_ = -1;
    const model::Document& doc_;
    const style::Style& st_;
    text::TextEngine& eng_;
    DiagnosticSink& sink_;
    bool chinese_;
    std::string prefix_;
    int headingCount_ = 0;
    std::vector<NoteEntry> notes_;
    std::map<int, size_t> noteOfFootnote_;       // parser number -> notes_
    std::map<std::string, size_t> noteOfUrl_;
    double noteWidth_ = 0;
    int inNote_ = 0;  // laying out a note: its links get no address notes
    int horizontal_ = 0;  // vertical articles: laying out a block that stays horizontal (a figure)
public:
    // Vertical articles (issue 16): whether text is set vertically here (not in a horizontal block).
    bool vertical() const { return st_.page.vertical() && horizontal_ == 0; }
    // Lays out what `make` makes as a horizontal block of a vertical article, `width` wide on the
    // page: text in it is set horizontally.
    template <class F>
    auto horizontally(F make) {
        ++horizontal_;
        struct Done {
            int& n;
            ~Done() { --n; }
        } done{horizontal_};
        return make();
    }
    // A horizontal block (its items on the page as laid out, `width` by box.height) as a box of a
    // vertical article's frame: turned back a quarter anticlockwise so that it stands upright on
    // the page; in the frame it is box.height along the lines and `width` across them.
    static FlowBox uprightBlock(FlowBox box, double width) {
        GroupItem g;
        // Block point (x, y) -> frame (u, v) = (y, width - x).
        const double t[6] = {0, -1, 1, 0, 0, width};
        std::copy(t, t + 6, g.transform);
        g.items = std::move(box.items);
        FlowBox out = std::move(box);
        out.items.clear();
        out.items.push_back(std::move(g));
        out.height = width;
        return out;
    }
};


}  // namespace inkstone::layout::detail
