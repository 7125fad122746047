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
#include "layout/article_builder.h"
#include "layout/flow.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone::layout {
namespace detail {

text::LineAlign toLineAlign(style::Align a) {
    switch (a) {
        case style::Align::Left: return text::LineAlign::Left;
        case style::Align::Right: return text::LineAlign::Right;
        case style::Align::Center: return text::LineAlign::Center;
        case style::Align::Justify: return text::LineAlign::Justify;
    }
    return text::LineAlign::Left;
}

// A paragraph as line boxes of `width`. Widows and orphans: a page may break after line k only
// when at least two lines stay on each side (clreq 3.7 / the house rule of the issue).
std::vector<FlowBox> Builder::paragraph(const std::vector<model::TextRun>& given, const TextStyle& ts, double width,
                                        const ParaOptions& o) {
    std::vector<FlowBox> boxes;
    if (given.empty()) return boxes;
    std::vector<int> refs;  // per run: the note it refers to, or -1
    const std::vector<model::TextRun> runs = noteRuns(given, refs);
    text::MeasuredParagraph mp = measure(runs, ts);
    if (mp.charCount() == 0) return boxes;
    const double measureWidth = width - o.indentLeft - o.indentRight;
    text::LineWidths widths{{measureWidth - o.firstIndent, measureWidth}};
    text::BreakOptions bo;
    bo.kind = ts.align == style::Align::Justify ? text::BreakerKind::Optimal : text::BreakerKind::Greedy;
    auto breaks = text::breakLines(mp, widths, bo);
    // Links and note references inside the paragraph: a node each, a child of the paragraph's
    // (spans of one link in a row are one link). A note reference is a Reference holding the Link
    // (PDF/UA-1 7.18.5: every link annotation is in a Link element).
    std::vector<int> spanNode(mp.spans.size(), -1);
    for (size_t i = 0; i < mp.spans.size() && i < runs.size(); ++i) {
        if (mp.spans[i].link.empty()) continue;
        if (i > 0 && spanNode[i - 1] >= 0 && mp.spans[i - 1].link == mp.spans[i].link) {
            spanNode[i] = spanNode[i - 1];
            continue;
        }
        if (refs[i] >= 0) {
            const Scope reference(*this, Role::Reference, runs[i].pos);
            spanNode[i] = leaf(Role::Link, runs[i].pos);
        } else {
            spanNode[i] = leaf(Role::Link, runs[i].pos);
        }
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
        std::vector<RunTag> runTags;
        const Lang& nodeLang = structure[static_cast<size_t>(current_)].lang;
        for (size_t r = 0; r < line->runs.size(); ++r) {
            const text::GlyphRun& run = line->runs[r];
            const int span = run.span;
            const bool known = span >= 0 && static_cast<size_t>(span) < spanNode.size();
            RunTag t;
            t.node = known ? spanNode[static_cast<size_t>(span)] : -1;
            t.lang = runLanguage(std::string_view(*line->text).substr(static_cast<size_t>(run.textStart),
                                                                      static_cast<size_t>(run.textLength)),
                                 known ? mp.spans[static_cast<size_t>(span)].lang : nodeLang, nodeLang);
            if (t.node < 0 && !t.lang) continue;
            if (runTags.empty()) runTags.resize(line->runs.size());
            runTags[r] = std::move(t);
        }
        b.items.push_back(TextItem{line, x, base, {current_}, std::move(runTags)});
        // Foot notes ride on the line of their first reference.
        if (footNotes())
            for (const text::GlyphRun& run : line->runs) {
                const int note = run.span >= 0 && static_cast<size_t>(run.span) < refs.size() ? refs[static_cast<size_t>(run.span)] : -1;
                if (note < 0 || notes_[static_cast<size_t>(note)].set) continue;
                notes_[static_cast<size_t>(note)].set = true;
                append(b.notes, noteLines(static_cast<size_t>(note), noteWidth_ > 0 ? noteWidth_ : width));
            }
        b.spaceBefore = k == 0 ? ts.spaceBefore : 0;
        b.spaceAfter = k + 1 == n ? ts.spaceAfter : 0;
        b.hyphenated = lb.hyphenated;
        b.keepWithNext = o.keepAll || !(k + 1 >= 2 && n - k - 1 >= 2);
        if (k + 1 == n && !o.keepAll) b.keepWithNext = false;
        boxes.push_back(std::move(b));
    }
    return boxes;
}

void Builder::layoutBlocks(const std::vector<Block>& blocks, std::vector<FlowBox>& out, double width,
                           const TextStyle* inherited, double indentLeft, bool bodyIndent) {
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
            case BlockKind::List:
                list(b, out, width, inherited, indentLeft);
                afterHeading = false;
                break;
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
                if (st_.page.vertical()) append(out, uprightTable(b));
                else append(out, table(b, width, indentLeft));
                break;
            case BlockKind::Image:
                append(out, image(b, width, indentLeft));
                break;
            default:
                break;
        }
    }
}

// A list: per item a label (its marker hung in the margin) and a body whose first paragraph
// carries the marker; nested blocks indented.
void Builder::list(const Block& b, std::vector<FlowBox>& out, double width, const TextStyle* inherited, double indentLeft) {
    const Scope listNode(*this, Role::L, b.pos);
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
}

}  // namespace detail

using detail::Builder;

PagedDocument layoutArticle(const model::Document& doc, const style::Style& given, text::TextEngine& engine,
                            DiagnosticSink& sink, const LayoutOptions& options) {
    // The article's own writing mode (front matter `writing-mode`) over the style's.
    std::optional<style::Style> own;
    if (doc.meta.vertical && *doc.meta.vertical != given.page.vertical()) {
        own = given;
        own->page.writingMode = *doc.meta.vertical ? style::WritingMode::VerticalRl : style::WritingMode::HorizontalTb;
    }
    const style::Style& st = own ? *own : given;
    PageGeometry g;
    g.width = st.page.width;
    g.height = st.page.height;
    g.margin = st.page.margin;
    g.columns = st.page.columns;
    g.columnGap = st.page.columnGap;
    g.facing = st.page.facing;
    g.balanceLastPage = st.page.balanceColumns;
    const bool vertical = st.page.vertical();
    if (vertical) {
        // Vertical-rl (issue 16): the article is laid out on the page turned a quarter anticlockwise
        // (its lines left to right are the page's top to bottom, its top edge the page's right
        // edge, its columns the page's tiers) and each page's items are turned back as one group.
        // The frame's top margin is the page's right one: the inner margin of page 1, a
        // left-hand page when bound on the right; the other pages are moved by the difference.
        g.width = st.page.height;
        g.height = st.page.width;
        g.margin = {st.page.margin.inner, st.page.margin.outer, st.page.margin.top, st.page.margin.bottom};
        g.facing = false;
    }

    // Foot notes under a short rule; notes continued from the page before under a full one.
    if (st.notes.placement == style::NotePlacement::Foot) {
        const style::TextStyle& fn = st.element("footnote");
        const double space = st.notes.space;
        for (FlowBox* sep : {&g.footSeparator, &g.continuedSeparator}) {
            sep->height = 2 * space;
            const double w = sep == &g.footSeparator ? std::min(st.notes.ruleWidth, g.columnWidth()) : g.columnWidth();
            sep->items.push_back(RuleItem{0, space, w, st.notes.ruleThickness, fn.color, {-1, Artifact::Rule}});
        }
    }
    Builder b(doc, st, engine, sink, options.destPrefix);
    b.setNoteWidth(g.columnWidth());
    const int art = b.open(Role::Art, doc.meta.titlePos);
    std::vector<FlowBox> head = b.head(g.contentWidth());
    std::vector<FlowBox> body;
    b.layoutBlocks(doc.blocks, body, g.columnWidth(), nullptr, 0, true);
    Builder::append(body, b.notesAndBio(g.columnWidth()));
    b.close(art);

    PagedDocument out;
    out.pages = paginate(head, body, g);
    out.structure = std::move(b.structure);
    for (Page& p : out.pages) resolveRoles(p.items, out.structure);
    if (vertical) {
        PageGeometry real;
        real.width = st.page.width;
        real.margin = st.page.margin;
        real.facing = st.page.facing;
        real.rightToLeft = true;
        for (size_t i = 0; i < out.pages.size(); ++i) {
            Page& p = out.pages[i];
            // Frame point (u, v) -> page (W - v, u): x' = 0 u - 1 v + W, y' = 1 u + 0 v + 0; the
            // frame's right edge W - its top margin moved to where this page's right margin is.
            const double right = real.width - real.contentLeft(static_cast<int>(i)) - real.contentWidth();
            GroupItem group;
            const double t[6] = {0, 1, -1, 0, real.width - right + g.margin.top, 0};
            std::copy(t, t + 6, group.transform);
            group.items = std::move(p.items);
            p.items.clear();
            p.items.push_back(std::move(group));
            p.width = st.page.width;
            p.height = st.page.height;
        }
    }

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
    out.info.tagged = st.pdf.tagged;
    out.info.pdfa = st.pdf.pdfa;
    out.info.rightToLeft = vertical;
    if (options.createDate) out.info.createDate = isoDateTime(*options.createDate);
    else if (m.date) out.info.createDate = isoDateTime(m.date->year, m.date->month, m.date->day);
    return out;
}

}  // namespace inkstone::layout
