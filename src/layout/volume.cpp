// The front matter of a volume: the cover and the table of contents (layout/volume.h).
#include "layout/volume.h"



#include <algorithm>
#include <cmath>

#include "image/image.h"
#include "layout/flow.h"
#include "text/gobject_ptr.h"
#include "text/line.h"
#include "text/linebreak.h"

namespace inkstone::layout {

namespace {

// Lines of `text` in `ts`, broken to `width` (Knuth-Plass, left or centred as the style says).
std::vector<std::shared_ptr<text::ShapedLine>> wrapped(const std::string& text, const style::TextStyle& ts,
                                                       const Lang& lang, double width, const style::Style& st,
                                                       text::TextEngine& engine) {
    std::vector<std::shared_ptr<text::ShapedLine>> lines;
    if (text.empty()) return lines;
    DiagnosticSink quiet(false);  // manifest text, checked when read
    auto mp = text::measureParagraph(engine, st, layout::plainParagraph(text, ts, lang, st), "", quiet);
    auto breaks = text::breakLines(mp, text::LineWidths{{width}}, text::BreakOptions{});
    for (size_t i = 0; i < breaks.size(); ++i)
        lines.push_back(text::buildLine(mp, breaks[i], text::LineAlign::Left, i + 1 == breaks.size()));
    return lines;
}

// The table of contents as pages: a heading, then per section its title and per article a title
// line with dot leaders and the page number (a link to the article), and its authors.
// A structure node appended under `parent`; its index.
int addNode(std::vector<StructNode>& structure, Role role, int parent, const Lang& lang) {
    structure.push_back(StructNode{role, parent, lang, {}, {}});
    return static_cast<int>(structure.size()) - 1;
}

}  // namespace

std::vector<Page> layoutContents(const parse::Volume& vol, const std::vector<ContentsEntry>& arts, const style::Style& st,
                                 text::TextEngine& engine, std::vector<StructNode>& structure, int parent) {
    PageGeometry g{st.page.width, st.page.height, st.page.margin, 1, 0, st.page.facing, false, {}, {}};
    const double width = g.contentWidth();
    const auto& lang = vol.lang;
    std::vector<FlowBox> boxes;
    auto lineBox = [&](std::shared_ptr<const text::ShapedLine> line, const style::TextStyle& ts, double x, int node) {
        FlowBox b;
        b.height = ts.lineHeight;
        b.items.push_back(TextItem{line, x, ts.lineHeight * 0.75, {node}, {}});
        b.spaceBefore = ts.spaceBefore;
        b.spaceAfter = ts.spaceAfter;
        return b;
    };
    const style::TextStyle& head = st.element("title");
    boxes.push_back(lineBox(simpleLine(st.label("contents", lang), head, lang, st, engine), head, 0,
                            addNode(structure, Role::H1, parent, lang)));
    const int toc = addNode(structure, Role::TOC, parent, lang);
    const style::TextStyle& sec = st.element("toc-section");
    const style::TextStyle& entry = st.element("toc-entry");
    const style::TextStyle& auth = st.element("toc-author");
    size_t lastSection = SIZE_MAX;
    for (size_t k = 0; k < arts.size(); ++k) {
        const auto& a = arts[k];
        if (a.section != lastSection) {
            lastSection = a.section;
            if (!vol.sections[a.section].title.empty()) {
                FlowBox b = lineBox(simpleLine(vol.sections[a.section].title, sec, lang, st, engine), sec, 0,
                                    addNode(structure, Role::TOCI, toc, lang));
                b.keepWithNext = true;
                boxes.push_back(std::move(b));
            }
        }
        const std::string link = "#" + a.dest;
        const int item = addNode(structure, Role::TOCI, toc, a.lang);
        const int linkNode = addNode(structure, Role::Link, item, a.lang);
        const std::string number = std::to_string(a.startPage);
        const auto& m = a;
        auto num = simpleLine(number, entry, lang, st, engine, link);
        const double numX = width - num->width;
        const double maxTitle = numX - entry.fontSize * 2;
        // A title longer than the space before the number wraps; the number and the leaders go on
        // its last line.
        std::vector<std::shared_ptr<text::ShapedLine>> titleLines;
        {
            DiagnosticSink quiet(false);  // the title was measured (and checked) with its article
            auto mp = text::measureParagraph(engine, st, layout::plainParagraph(m.title, entry, m.lang, st, link), "", quiet);
            text::BreakOptions bo;
            bo.kind = text::BreakerKind::Greedy;
            auto breaks = text::breakLines(mp, text::LineWidths{{maxTitle}}, bo);
            for (size_t i = 0; i < breaks.size(); ++i)
                titleLines.push_back(text::buildLine(mp, breaks[i], text::LineAlign::Left, i + 1 == breaks.size()));
        }
        const double base = entry.lineHeight * 0.75;
        for (size_t i = 0; i < titleLines.size(); ++i) {
            FlowBox b;
            b.height = entry.lineHeight;
            b.spaceBefore = i == 0 ? entry.spaceBefore : 0;
            b.keepWithNext = i + 1 < titleLines.size() || !m.authors.empty();
            b.items.push_back(TextItem{titleLines[i], 0, base, {item}, std::vector<RunTag>(titleLines[i]->runs.size(), RunTag{linkNode, Role::Link, {}})});
            if (i + 1 == titleLines.size()) {
                b.items.push_back(TextItem{num, numX, base, {item}, std::vector<RunTag>(num->runs.size(), RunTag{linkNode, Role::Link, {}})});
                // Dot leaders between the title's end and the number.
                const double from = titleLines[i]->width + entry.fontSize * 0.5;
                auto dot = simpleLine(".", entry, Lang(), st, engine);
                const double pitch = entry.fontSize * 0.5;
                if (dot->width > 0)
                    for (double x = std::ceil(from / pitch) * pitch; x + dot->width < numX - entry.fontSize * 0.3; x += pitch)
                        b.items.push_back(TextItem{dot, x, base, {-1, Artifact::Leader}, {}});
            }
            boxes.push_back(std::move(b));
        }
        if (!m.authors.empty()) {
            boxes.push_back(lineBox(simpleLine(joinAuthors(m.authors, m.lang), auth, m.lang, st, engine), auth, 0,
                                    addNode(structure, Role::P, item, m.lang)));
        }
    }
    return paginate({}, boxes, g);
}

// The cover: issue label, title and subtitle (with its rule) from the top; publisher and date at
// the foot; the cover image, when the manifest names one, scaled into the space between, centred.
Page layoutCover(const parse::Volume& vol, const style::Style& st, text::TextEngine& engine,
                 std::vector<StructNode>& structure, int parent) {
    PageGeometry g{st.page.width, st.page.height, st.page.margin, 1, 0, st.page.facing, false, {}, {}};
    Page page{st.page.width, st.page.height, {}, {}};
    const double left = g.contentLeft(0), width = g.contentWidth();
    const double top = st.page.margin.top, bottom = st.page.margin.top + g.contentHeight();
    auto place = [&](const std::vector<std::shared_ptr<text::ShapedLine>>& lines, const style::TextStyle& ts, double y,
                     Role role = Role::P) {
        const int node = lines.empty() ? -1 : addNode(structure, role, parent, vol.lang);
        for (const auto& l : lines) {
            double x = left;
            if (ts.align == style::Align::Center) x += (width - l->width) / 2;
            else if (ts.align == style::Align::Right) x += width - l->width;
            page.items.push_back(TextItem{l, x, y + ts.lineHeight * 0.75, {node}, {}});
            y += ts.lineHeight;
        }
        return y;
    };
    double y = top + g.contentHeight() * 0.08;
    page.items.push_back(DestItem{"cover-title", left, y});
    const auto& issue = st.element("cover-issue");
    if (!vol.issue.empty()) {
        y = place(wrapped(vol.issue, issue, vol.lang, width, st, engine), issue, y) + issue.spaceAfter;
    }
    const auto& title = st.element("cover-title");
    y = place(wrapped(vol.title, title, vol.lang, width, st, engine), title, y, Role::H1) + title.spaceAfter;
    const auto& sub = st.element("cover-subtitle");
    y = place(wrapped(vol.subtitle, sub, vol.lang, width, st, engine), sub, y);
    if (sub.ruleBelow > 0) {
        y += sub.rulePadding;
        page.items.push_back(RuleItem{left, y + sub.ruleBelow / 2, width, sub.ruleBelow, sub.ruleColor, {-1, Artifact::Rule}});
        y += sub.ruleBelow;
    }
    y += sub.spaceAfter;
    // The foot, from the bottom up: date, then publisher.
    const auto& pub = st.element("cover-publisher");
    const auto& date = st.element("cover-date");
    auto pubLines = wrapped(vol.publisher, pub, vol.lang, width, st, engine);
    auto dateLines = wrapped(vol.date ? formatDate(*vol.date, vol.lang, st) : std::string(), date, vol.lang, width, st, engine);
    const double footTop = bottom - pubLines.size() * pub.lineHeight - dateLines.size() * date.lineHeight -
                           (dateLines.empty() ? 0 : date.spaceBefore);
    if (!vol.cover.empty()) {
        std::string why;
        const std::optional<image::Info> info = image::probe(vol.cover, why);
        if (!info) failAt(vol.path, {}, "cover image '" + vol.cover + "' " + why);
        const double iw = info->width, ih = info->height;
        const double gap = st.element("body").lineHeight * 2;
        const double availH = footTop - gap - (y + gap);
        if (availH > 36 && iw > 0 && ih > 0) {
            const double scale = std::min(width / iw, availH / ih);
            const double w = iw * scale, h = ih * scale;
            page.items.push_back(ImageItem{vol.cover, left + (width - w) / 2, y + gap + (availH - h) / 2, w, h,
                                           {addNode(structure, Role::Figure, parent, vol.lang)}});
        }
    }
    // Publisher and date after the image in reading order.
    place(dateLines, date, place(pubLines, pub, footTop) + (dateLines.empty() ? 0 : date.spaceBefore));
    return page;
}

}  // namespace inkstone::layout
