// Article layout. Recipe: (1) the head (section label, title, subtitle, bylines, date, summary)
// as boxes spanning the columns; (2) body blocks as column boxes, one per line, with the page-break
// rules as keep flags; (3) notes and the author bio; (4) pagination; (5) headers and footers, which
// need the page count.
#include "layout/article.h"



#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include "base/dates.h"
#include "base/interrupt.h"
#include "base/utf8.h"
#include "image/image.h"
#include "layout/flow.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone::layout {
namespace fs = std::filesystem;
using model::Block;
using model::BlockKind;
using style::TextStyle;

namespace {

text::LineAlign toLineAlign(style::Align a) {
    switch (a) {
        case style::Align::Left: return text::LineAlign::Left;
        case style::Align::Right: return text::LineAlign::Right;
        case style::Align::Center: return text::LineAlign::Center;
        case style::Align::Justify: return text::LineAlign::Justify;
    }
    return text::LineAlign::Left;
}

struct ParaOptions {
    double indentLeft = 0;
    double indentRight = 0;
    double firstIndent = 0;
    std::string marker;       // list marker hung left of the first line
    int markerNode = -1;      // the marker's structure node (Lbl); -1: the paragraph's
    bool keepAll = false;     // headings: keep every line with the next box
    std::string dest;         // a named destination at the first line
};

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
        s.link = !r.link.empty() && r.link[0] == '#' ? "#" + prefix_ + r.link.substr(1) : r.link;
        s.pos = r.pos;
        s.lang = r.lang;
        if (r.flags & model::kSuperscript) {
            s.size = ts.fontSize * 0.65;
            s.rise = ts.fontSize * 0.35;
        }
        return s;
    }

    text::MeasuredParagraph measure(const std::vector<model::TextRun>& runs, const TextStyle& ts) {
        text::ParagraphInput in;
        in.lang = doc_.meta.lang;
        in.hanLatinSpace = st_.cjk.hanLatinSpace;
        in.lineBreak = st_.cjk.lineBreak;
        in.compressPunctuation = st_.cjk.compressPunctuation;
        in.lineEndHalfWidth = st_.cjk.lineEndHalfWidth;
        // Only justified text is hyphenated: ragged lines do not need it.
        in.hyphenate = ts.align == style::Align::Justify;
        in.hyphenation = st_.hyphenation;
        for (const auto& r : runs) in.spans.push_back(spanFor(r, ts));
        return text::measureParagraph(eng_, st_, in, doc_.path, sink_);
    }

    double baselineOffset(const TextStyle& ts) {
        const style::FontSet& set = st_.fonts.at(ts.font);
        auto m = eng_.metrics(set.latin, ts.fontSize, ts.bold, ts.italic);
        return (ts.lineHeight - (m.ascent + m.descent)) / 2 + m.ascent;
    }

    // A paragraph as line boxes of `width`. Widows and orphans: a page may break after line k only
    // when at least two lines stay on each side (clreq 3.7 / the house rule of the issue).
    std::vector<FlowBox> paragraph(const std::vector<model::TextRun>& runs, const TextStyle& ts, double width,
                                   const ParaOptions& o) {
        std::vector<FlowBox> boxes;
        if (runs.empty()) return boxes;
        text::MeasuredParagraph mp = measure(runs, ts);
        if (mp.charCount() == 0) return boxes;
        const double measureWidth = width - o.indentLeft - o.indentRight;
        text::LineWidths widths{{measureWidth - o.firstIndent, measureWidth}};
        text::BreakOptions bo;
        bo.kind = ts.align == style::Align::Justify ? text::BreakerKind::Optimal : text::BreakerKind::Greedy;
        auto breaks = text::breakLines(mp, widths, bo);
        // Links and note references inside the paragraph: a node each, a child of the paragraph's
        // (spans of one link in a row are one link).
        std::vector<int> spanNode(mp.spans.size(), -1);
        for (size_t i = 0; i < mp.spans.size() && i < runs.size(); ++i) {
            if (mp.spans[i].link.empty()) continue;
            if (i > 0 && spanNode[i - 1] >= 0 && mp.spans[i - 1].link == mp.spans[i].link) {
                spanNode[i] = spanNode[i - 1];
                continue;
            }
            const bool noteRef = (runs[i].flags & model::kSuperscript) && mp.spans[i].link[0] == '#';
            spanNode[i] = leaf(noteRef ? Role::Reference : Role::Link, runs[i].pos);
        }
        const double base = baselineOffset(ts);
        const text::LineAlign align = toLineAlign(ts.align);
        const size_t n = breaks.size();
        for (size_t k = 0; k < n; ++k) {
            const auto& lb = breaks[k];
            if (lb.overfull)
                sink_.warn(doc_.path, mp.spans[mp.spanOf[lb.start]].pos,
                           "a word is wider than the measure (" + std::to_string(static_cast<int>(lb.width)) + "pt > " +
                               std::to_string(static_cast<int>(lb.available)) + "pt)");
            auto line = text::buildLine(mp, lb, align, k + 1 == n);
            FlowBox b;
            b.height = ts.lineHeight;
            double x = o.indentLeft + (k == 0 ? o.firstIndent : 0);
            double avail = lb.available;
            if (align == text::LineAlign::Center) x += (avail - line->width) / 2;
            else if (align == text::LineAlign::Right) x += avail - line->width;
            if (k == 0 && !o.dest.empty()) b.items.push_back(DestItem{o.dest, 0, 0});
            if (k == 0 && !o.marker.empty()) {
                model::TextRun mr{o.marker, 0, {}, runs.front().pos, runs.front().lang};
                text::MeasuredParagraph mm = measure({mr}, ts);
                text::LineBreak whole{0, mm.charCount(), text::lineWidth(mm, 0, mm.charCount()), 1e9, true, false};
                auto ml = text::buildLine(mm, whole, text::LineAlign::Left, true);
                double gap = ts.fontSize * 0.5;
                b.items.push_back(TextItem{ml, o.indentLeft - gap - ml->width, base, {o.markerNode >= 0 ? o.markerNode : current_}, {}});
            }
            std::vector<int> runNodes;
            for (size_t r = 0; r < line->runs.size(); ++r) {
                const int span = line->runs[r].span;
                const int node = span >= 0 && static_cast<size_t>(span) < spanNode.size() ? spanNode[static_cast<size_t>(span)] : -1;
                if (node >= 0 && runNodes.empty()) runNodes.assign(line->runs.size(), -1);
                if (node >= 0) runNodes[r] = node;
            }
            b.items.push_back(TextItem{line, x, base, {current_}, std::move(runNodes)});
            b.spaceBefore = k == 0 ? ts.spaceBefore : 0;
            b.spaceAfter = k + 1 == n ? ts.spaceAfter : 0;
            b.hyphenated = lb.hyphenated;
            b.keepWithNext = o.keepAll || !(k + 1 >= 2 && n - k - 1 >= 2);
            if (k + 1 == n && !o.keepAll) b.keepWithNext = false;
            boxes.push_back(std::move(b));
        }
        return boxes;
    }

    // Stacks boxes into one unbreakable box (pull quotes, table rows, the bio label + first lines).
    static FlowBox stack(const std::vector<FlowBox>& parts) {
        FlowBox out;
        double y = 0;
        for (size_t i = 0; i < parts.size(); ++i) {
            double gap = i == 0 ? 0 : std::max(parts[i - 1].spaceAfter, parts[i].spaceBefore);
            std::vector<FrameItem> items = parts[i].items;
            translate(items, 0, y + gap);
            out.items.insert(out.items.end(), items.begin(), items.end());
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
    FlowBox ruled(FlowBox inner, const TextStyle& ts, double width) const {
        FlowBox out;
        double y = 0;
        if (ts.ruleAbove > 0) {
            out.items.push_back(RuleItem{0, ts.ruleAbove / 2, width, ts.ruleAbove, ts.ruleColor, {-1, Artifact::Rule}});
            y += ts.ruleAbove + ts.rulePadding;
        }
        translate(inner.items, 0, y);
        out.items.insert(out.items.end(), inner.items.begin(), inner.items.end());
        y += inner.height;
        if (ts.ruleBelow > 0) {
            y += ts.rulePadding;
            out.items.push_back(RuleItem{0, y + ts.ruleBelow / 2, width, ts.ruleBelow, ts.ruleColor, {-1, Artifact::Rule}});
            y += ts.ruleBelow;
        }
        out.height = y;
        out.spaceBefore = ts.spaceBefore;
        out.spaceAfter = ts.spaceAfter;
        return out;
    }

    std::vector<FlowBox> head(double width) {
        const auto& m = doc_.meta;
        std::vector<FlowBox> out;
        auto add = [&](const std::string& text, const std::string& element, SourcePos pos, ParaOptions o = {},
                       Role role = Role::P) {
            if (text.empty()) return;
            const Scope node(*this, role, pos);
            const TextStyle& ts = st_.element(element);
            auto boxes = paragraph(plainRuns(text, pos), ts, width, o);
            if (boxes.empty()) return;
            FlowBox b = stack(boxes);
            if (ts.ruleAbove > 0 || ts.ruleBelow > 0) b = ruled(std::move(b), ts, width);
            out.push_back(std::move(b));
        };
        add(m.section, "section-label", {});
        ParaOptions titleOpts;
        titleOpts.dest = prefix_ + "title";
        add(m.title, "title", m.titlePos, titleOpts, Role::H1);
        add(m.subtitle, "subtitle", {});
        for (const auto& a : m.authors) {
            add(a.name, "byline", {});
            std::string detail = a.position;
            if (!a.organization.empty()) detail += (detail.empty() ? "" : (chinese_ ? "，" : ", ")) + a.organization;
            add(detail, "byline-detail", {});
        }
        if (m.date) add(formatDate(*m.date, m.lang, st_), "date", {});
        add(m.summary, "summary", m.summaryPos);
        // Without a summary the head still ends the way the summary would end it (its rule and
        // space below), so the text does not run on from the date or byline.
        if (m.summary.empty() && !out.empty()) {
            TextStyle close = st_.element("summary");
            close.ruleAbove = 0;
            const double before = out.back().spaceBefore;
            FlowBox b = ruled(std::move(out.back()), close, width);
            b.spaceBefore = before;
            out.back() = std::move(b);
        }
        for (auto& b : out) b.keepWithNext = true;
        return out;
    }

    void layoutBlocks(const std::vector<Block>& blocks, std::vector<FlowBox>& out, double width, const TextStyle* inherited,
                double indentLeft, bool bodyIndent) {
        bool afterHeading = true;  // Latin: no indent on a section's first paragraph
        for (const Block& b : blocks) {
            interrupt::checkpoint();
            switch (b.kind) {
                case BlockKind::Paragraph: {
                    const Scope node(*this, Role::P, b.pos);
                    const TextStyle& ts = inherited ? *inherited : st_.element("body");
                    ParaOptions o;
                    o.indentLeft = indentLeft + ts.indentLeft;
                    o.indentRight = ts.indentRight;
                    if (bodyIndent) {
                        // clreq 3.7: Chinese paragraphs indent their first line by 2 em, every one.
                        o.firstIndent = chinese_ ? st_.cjk.firstLineIndent * ts.fontSize
                                                 : (afterHeading ? 0 : ts.firstLineIndent);
                    }
                    append(out, paragraph(b.runs, ts, width, o));
                    afterHeading = false;
                    break;
                }
                case BlockKind::Heading: {
                    const Scope node(*this, b.level <= 2 ? Role::H2 : Role::H3, b.pos);
                    const TextStyle& ts = st_.element(b.level <= 2 ? "heading-2" : "heading-3");
                    ParaOptions o;
                    o.indentLeft = indentLeft + ts.indentLeft;
                    o.keepAll = true;
                    o.dest = prefix_ + "sec-" + std::to_string(++headingCount_);
                    outline.push_back(OutlineEntry{b.level <= 2 ? 2 : 3, model::plainText(b.runs), o.dest});
                    append(out, paragraph(b.runs, ts, width, o));
                    afterHeading = true;
                    break;
                }
                case BlockKind::BlockQuote: {
                    const Scope node(*this, Role::BlockQuote, b.pos);
                    const TextStyle& ts = st_.element("block-quote");
                    std::vector<FlowBox> inner;
                    layoutBlocks(b.children, inner, width, &ts, indentLeft, false);
                    if (!inner.empty()) {
                        inner.front().spaceBefore = std::max(inner.front().spaceBefore, ts.spaceBefore);
                        inner.back().spaceAfter = std::max(inner.back().spaceAfter, ts.spaceAfter);
                    }
                    append(out, std::move(inner));
                    afterHeading = false;
                    break;
                }
                case BlockKind::List: {
                    const Scope list(*this, Role::L, b.pos);
                    int number = b.start;
                    const TextStyle& ts = inherited ? *inherited : st_.element("body");
                    for (const Block& item : b.children) {
                        const Scope li(*this, Role::LI, item.pos);
                        const int label = leaf(Role::Lbl, item.pos);
                        const Scope body(*this, Role::LBody, item.pos);
                        std::string marker = b.ordered ? std::to_string(number++) + "." : st_.bullet;
                        std::vector<FlowBox> inner;
                        bool first = true;
                        for (const Block& child : item.children) {
                            if (first && child.kind == BlockKind::Paragraph) {
                                const Scope node(*this, Role::P, child.pos);
                                ParaOptions o;
                                o.markerNode = label;
                                o.indentLeft = indentLeft + st_.listIndent + ts.indentLeft;
                                o.indentRight = ts.indentRight;
                                o.marker = marker;
                                TextStyle tight = ts;
                                tight.spaceBefore = tight.spaceAfter = ts.spaceAfter / 3;
                                append(inner, paragraph(child.runs, tight, width, o));
                            } else {
                                layoutBlocks({child}, inner, width, &ts, indentLeft + st_.listIndent, false);
                            }
                            first = false;
                        }
                        append(out, std::move(inner));
                    }
                    if (!out.empty()) out.back().spaceAfter = std::max(out.back().spaceAfter, ts.spaceAfter);
                    afterHeading = false;
                    break;
                }
                case BlockKind::PullQuote:
                    out.push_back(pullQuote(b, width));
                    break;
                case BlockKind::CodeBlock: {
                    const Scope node(*this, Role::Code, b.pos);
                    const TextStyle& ts = st_.element("code");
                    ParaOptions o;
                    o.indentLeft = indentLeft + ts.indentLeft;
                    append(out, paragraph(b.runs, ts, width, o));
                    break;
                }
                case BlockKind::ThematicBreak: {
                    const TextStyle& ts = st_.element("body");
                    FlowBox fb;
                    fb.height = ts.lineHeight;
                    fb.items.push_back(RuleItem{width / 3, ts.lineHeight / 2, width / 3, 0.5, ts.color, {-1, Artifact::Ornament}});
                    fb.spaceBefore = fb.spaceAfter = ts.spaceAfter;
                    out.push_back(std::move(fb));
                    break;
                }
                case BlockKind::Table:
                    append(out, table(b, width, indentLeft));
                    break;
                case BlockKind::Image:
                    append(out, image(b, width, indentLeft));
                    break;
                default:
                    break;
            }
        }
    }

    FlowBox pullQuote(const Block& b, double columnWidth) {
        const Scope node(*this, Role::BlockQuote, b.pos);
        const TextStyle& ts = st_.element("pull-quote");
        const TextStyle& attr = st_.element("pull-quote-attribution");
        double width = columnWidth * st_.pullQuoteWidth;
        std::vector<FlowBox> lines;
        for (const Block& c : b.children) {
            const TextStyle& s = c.kind == BlockKind::Attribution ? attr : ts;
            const Scope para(*this, Role::P, c.pos);
            ParaOptions o;
            o.indentLeft = s.indentLeft;
            o.indentRight = s.indentRight;
            append(lines, paragraph(c.runs, s, width, o));
        }
        FlowBox inner = stack(lines);
        FlowBox box = ruled(std::move(inner), ts, width);
        translate(box.items, (columnWidth - width) / 2, 0);
        box.placement = Placement::Float;
        box.spaceBefore = ts.spaceBefore;
        box.spaceAfter = ts.spaceAfter;
        return box;
    }

    std::vector<FlowBox> table(const Block& b, double width, double indentLeft) {
        const TextStyle& ts = st_.element("table");
        size_t cols = 0;
        for (const Block& row : b.children) cols = std::max(cols, row.children.size());
        std::vector<FlowBox> out;
        if (cols == 0) return out;
        const Scope tableNode(*this, Role::Table, b.pos);
        std::optional<Scope> part;  // THead while the rows are header rows, then TBody
        const double avail = width - indentLeft;
        const double colW = avail / cols;
        const double pad = ts.fontSize * 0.4;
        for (size_t r = 0; r < b.children.size(); ++r) {
            const Block& row = b.children[r];
            if (!part || (nodeRole(part->node) == Role::THead && !row.header)) {
                part.reset();
                part.emplace(*this, row.header ? Role::THead : Role::TBody, row.pos);
            }
            const Scope rowNode(*this, Role::TR, row.pos);
            FlowBox rowBox;
            double h = 0;
            for (size_t c = 0; c < row.children.size(); ++c) {
                const Scope cellNode(*this, row.header ? Role::TH : Role::TD, row.children[c].pos);
                TextStyle cs = ts;
                cs.bold = ts.bold || row.header;
                cs.spaceBefore = cs.spaceAfter = 0;
                ParaOptions o;
                o.indentLeft = pad;
                o.indentRight = pad;
                FlowBox cell = stack(paragraph(row.children[c].runs, cs, colW, o));
                translate(cell.items, indentLeft + c * colW, pad);
                rowBox.items.insert(rowBox.items.end(), cell.items.begin(), cell.items.end());
                h = std::max(h, cell.height);
            }
            rowBox.height = h + 2 * pad;
            double rule = row.header ? 0.8 : 0.3;
            rowBox.items.push_back(RuleItem{indentLeft, rowBox.height, avail, rule, ts.color, {-1, Artifact::Rule}});
            if (r == 0) rowBox.items.push_back(RuleItem{indentLeft, 0, avail, 0.8, ts.color, {-1, Artifact::Rule}});
            rowBox.keepWithNext = row.header || r + 2 >= b.children.size();
            if (r + 1 == b.children.size()) rowBox.keepWithNext = false;
            if (r == 0) rowBox.spaceBefore = ts.spaceBefore;
            if (r + 1 == b.children.size()) rowBox.spaceAfter = ts.spaceAfter;
            out.push_back(std::move(rowBox));
        }
        return out;
    }

    std::vector<FlowBox> image(const Block& b, double width, double indentLeft) {
        // Images resolve relative to the article and never outside its folder tree (PRODUCT.md 1).
        std::error_code ec;
        fs::path base = fs::weakly_canonical(doc_.dir, ec);
        fs::path file = fs::weakly_canonical(fs::path(doc_.dir) / b.text, ec);
        auto rel = file.lexically_relative(base);
        if (rel.empty() || *rel.begin() == "..")
            failAt(doc_.path, b.pos, "image '" + b.text + "' is outside the article's folder");
        if (!fs::exists(file)) failAt(doc_.path, b.pos, "image '" + b.text + "' not found");
        const std::optional<image::Size> px = image::pngSize(file.string());
        if (!px) failAt(doc_.path, b.pos, "image '" + b.text + "' is not a readable PNG file (only PNG is supported)");
        double w = px->width * 0.75;  // 96 dpi pixels -> points
        double h = px->height * 0.75;
        double avail = width - indentLeft;
        if (w > avail) {
            h *= avail / w;
            w = avail;
        }
        const Scope figure(*this, Role::Figure, b.pos);
        structure[static_cast<size_t>(figure.node)].alt = model::plainText(b.runs);
        FlowBox box;
        box.items.push_back(ImageItem{file.string(), indentLeft + (avail - w) / 2, 0, w, h, {current_}});
        box.height = h;
        const TextStyle& cap = st_.element("caption");
        std::vector<FlowBox> parts{box};
        ParaOptions o;
        o.indentLeft = indentLeft;
        if (!b.runs.empty()) {
            const Scope caption(*this, Role::Caption, b.pos);
            append(parts, paragraph(b.runs, cap, width, o));
        }
        FlowBox all = stack(parts);
        all.spaceBefore = cap.spaceBefore;
        all.spaceAfter = cap.spaceAfter;
        return {all};
    }

    std::vector<FlowBox> notesAndBio(double width) {
        std::vector<FlowBox> out;
        const Lang& lang = doc_.meta.lang;
        if (!doc_.footnotes.empty()) {
            const TextStyle& label = st_.element("notes-label");
            std::vector<FlowBox> lb;
            {
                const Scope heading(*this, Role::H2);
                lb = paragraph(plainRuns(st_.label("notes", lang), {}), label, width, {});
            }
            for (auto& b : lb) b.keepWithNext = true;
            append(out, std::move(lb));
            const TextStyle& ts = st_.element("footnote");
            for (const auto& fn : doc_.footnotes) {
                const Scope note(*this, Role::Note, fn.pos);
                const int number = leaf(Role::Lbl, fn.pos);
                bool first = true;
                for (const Block& blk : fn.blocks) {
                    const Scope para(*this, Role::P, blk.pos);
                    ParaOptions o;
                    o.indentLeft = st_.listIndent;
                    if (first) {
                        o.markerNode = number;
                        o.marker = std::to_string(fn.number) + ".";
                        o.dest = prefix_ + "fn-" + std::to_string(fn.number);
                    }
                    append(out, paragraph(blk.runs, ts, width, o));
                    first = false;
                }
            }
        }
        if (!doc_.meta.bio.empty()) {
            const TextStyle& label = st_.element("bio-label");
            const TextStyle& ts = st_.element("bio");
            std::vector<FlowBox> lb;
            {
                const Scope heading(*this, Role::H2);
                lb = paragraph(plainRuns(st_.label(doc_.meta.authors.size() > 1 ? "about-authors" : "about-author", lang), {}),
                               label, width, {});
            }
            for (auto& b : lb) b.keepWithNext = true;
            if (label.ruleAbove > 0 && !lb.empty()) {
                lb.front().items.push_back(RuleItem{0, -label.rulePadding, width, label.ruleAbove, label.ruleColor, {-1, Artifact::Rule}});
            }
            append(out, std::move(lb));
            // Blank lines separate the bio's paragraphs; single newlines join (without a space in Chinese).
            std::string bio = doc_.meta.bio;
            size_t start = 0;
            int line = doc_.meta.bioPos.line;
            while (start < bio.size()) {
                size_t end = bio.find("\n\n", start);
                std::string para = bio.substr(start, end == std::string::npos ? std::string::npos : end - start);
                para = replaceAll(para, "\n", chinese_ ? "" : " ");
                if (!para.empty()) {
                    const Scope node(*this, Role::P, {line, 1});
                    append(out, paragraph(plainRuns(para, {line, 1}), ts, width, {}));
                }
                if (end == std::string::npos) break;
                start = end + 2;
            }
        }
        return out;
    }

    std::vector<OutlineEntry> outline;
    std::vector<StructNode> structure;

    Role nodeRole(int node) const { return structure[static_cast<size_t>(node)].role; }

private:
    int current_ = -1;
    const model::Document& doc_;
    const style::Style& st_;
    text::TextEngine& eng_;
    DiagnosticSink& sink_;
    bool chinese_;
    std::string prefix_;
    int headingCount_ = 0;
};


}  // namespace

PagedDocument layoutArticle(const model::Document& doc, const style::Style& st, text::TextEngine& engine,
                            DiagnosticSink& sink, const LayoutOptions& options) {
    PageGeometry g;
    g.width = st.page.width;
    g.height = st.page.height;
    g.margin = st.page.margin;
    g.columns = st.page.columns;
    g.columnGap = st.page.columnGap;
    g.facing = st.page.facing;
    g.balanceLastPage = st.page.balanceColumns;

    Builder b(doc, st, engine, sink, options.destPrefix);
    const int art = b.open(Role::Art, doc.meta.titlePos);
    std::vector<FlowBox> head = b.head(g.contentWidth());
    std::vector<FlowBox> body;
    b.layoutBlocks(doc.blocks, body, g.columnWidth(), nullptr, 0, true);
    Builder::append(body, b.notesAndBio(g.columnWidth()));
    b.close(art);

    PagedDocument out;
    out.pages = paginate(head, body, g);
    out.structure = std::move(b.structure);

    // Headers and footers (they need the page count).
    const auto& m = doc.meta;
    const std::string authors = joinAuthors(m.authors, m.lang);
    const size_t pages = out.pages.size();
    for (size_t i = 0; i < pages; ++i) out.pages[i].label = std::to_string(i + 1);
    if (options.runningHeads) {
        RunningFields fields{m.title, m.section, authors, m.date ? formatDate(*m.date, m.lang, st) : std::string(),
                             st.publication};
        addRunningHeads(out.pages, 0, pages, fields, [](size_t i) { return std::to_string(i + 1); },
                        std::to_string(pages), st, engine, m.lang);
    }

    out.outline.push_back(OutlineEntry{1, m.title, options.destPrefix + "title"});
    for (auto& e : b.outline) out.outline.push_back(e);

    out.info.title = m.title;
    out.info.author = authors;
    out.info.subject = m.summary;
    for (size_t i = 0; i < m.keywords.size(); ++i) out.info.keywords += (i ? ", " : "") + m.keywords[i];
    out.info.lang = m.lang.tag();
    out.info.creator = std::string("inkstone ") + INKSTONE_VERSION;
    if (options.createDate) out.info.createDate = isoDateTime(*options.createDate);
    else if (m.date) out.info.createDate = isoDateTime(m.date->year, m.date->month, m.date->day);
    return out;
}

}  // namespace inkstone::layout
