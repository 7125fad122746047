// The article builder's larger parts: the head (title block), pull quotes, figures, notes and the
// author bio (article_builder.h); tables are in table.cpp.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include "base/interrupt.h"
#include "base/utf8.h"
#include "image/image.h"
#include "layout/article_builder.h"

namespace inkstone::layout::detail {
namespace fs = std::filesystem;

// Boxes of a box with rules above and below (titles, pull quotes).
FlowBox Builder::ruled(FlowBox inner, const TextStyle& ts, double width) const {
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

std::vector<FlowBox> Builder::head(double width) {
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

FlowBox Builder::pullQuote(const Block& b, double columnWidth) {
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

std::vector<FlowBox> Builder::image(const Block& b, double width, double indentLeft) {
    // Images resolve relative to the article and never outside its folder tree (PRODUCT.md 1),
    // and never come from the network.
    const std::string& src = b.text;
    const size_t scheme = src.find("://");
    if (scheme != std::string::npos && scheme > 0 &&
        std::all_of(src.begin(), src.begin() + static_cast<std::ptrdiff_t>(scheme),
                    [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; }))
        failAt(doc_.path, b.pos,
               "image '" + src + "' is an address: images are read from files beside the article, never downloaded");
    std::error_code ec;
    fs::path base = fs::weakly_canonical(doc_.dir, ec);
    fs::path file = fs::weakly_canonical(fs::path(doc_.dir) / b.text, ec);
    auto rel = file.lexically_relative(base);
    if (rel.empty() || *rel.begin() == "..")
        failAt(doc_.path, b.pos, "image '" + b.text + "' is outside the article's folder");
    if (!fs::exists(file)) failAt(doc_.path, b.pos, "image '" + b.text + "' not found");
    std::string why;
    const std::optional<image::Info> info = image::probe(file.string(), why);
    if (!info) failAt(doc_.path, b.pos, "image '" + b.text + "' " + why);
    double w = info->width;
    double h = info->height;
    const int pixelsWide = info->pixelsWide;  // 0: a vector figure
    if (!info->unembeddedFonts.empty()) {
        std::string names;
        for (const std::string& n : info->unembeddedFonts) names += (names.empty() ? "" : ", ") + n;
        sink_.warn(doc_.path, b.pos,
                   "PDF figure '" + b.text + "' uses fonts it does not embed (" + names +
                       "): it is redrawn with substitutes of the same widths, embedded; for its own fonts, export "
                       "it with fonts embedded (R: cairo_pdf(); matplotlib: pdf.fonttype 42)");
    }
    if (st_.page.vertical()) {
        // A vertical article's figure stays a horizontal block, as wide as the page's text, at
        // most as tall as its lines are long (figure() keeps the image within the page's text
        // height), turned into the frame.
        const style::PageStyle& page = st_.page;
        const double textWidth = page.width - page.margin.inner - page.margin.outer;
        std::vector<FlowBox> boxes = horizontally([&] { return figure(b, file.string(), w, h, pixelsWide, textWidth, 0); });
        for (FlowBox& box : boxes) {
            box = uprightBlock(std::move(box), textWidth);
            box.span = false;
        }
        return boxes;
    }
    return figure(b, file.string(), w, h, pixelsWide, width, indentLeft);
}

// A figure: the image at the width its attributes ask for (the column by default), its caption
// and credit under it, as one box that floats as the style says (issue 13, point 1).
std::vector<FlowBox> Builder::figure(const Block& b, const std::string& file, double w, double h, int pixelsWide,
                                     double width, double indentLeft) {
    const model::FigureAttributes& fa = b.figure;
    const style::PageStyle& page = st_.page;
    const bool span = fa.wide && page.columns > 1;
    const double textWidth = page.width - page.margin.inner - page.margin.outer;
    const double left = span ? 0 : indentLeft;
    const double avail = span ? textWidth : width - indentLeft;
    const double target = avail * (fa.widthShare > 0 ? fa.widthShare : 1.0);
    h *= target / w;
    w = target;

    const Scope figure(*this, Role::Figure, b.pos);
    const std::string captionText = model::plainText(b.runs);
    // The alternative text describes the image for a reader who cannot see it (PDF/UA's /Alt);
    // the caption, which says what it shows, stands in when there is none.
    if (fa.alt.empty())
        sink_.warn(doc_.path, b.pos,
                   "figure '" + b.text +
                       "' has no alternative text: its caption stands in for readers who cannot see it; describe the "
                       "image with {alt=\"...\"}");
    structure[static_cast<size_t>(figure.node)].alt = fa.alt.empty() ? captionText : fa.alt;
    // Caption and credit first: the image is made smaller when the whole would not fit a column.
    const TextStyle& cap = st_.element("caption");
    const TextStyle& credit = st_.element("credit");
    std::vector<FlowBox> under;
    const double captionWidth = std::max(w, avail / 2);
    ParaOptions o;
    o.indentLeft = left + (avail - captionWidth) / 2;
    o.indentRight = (span ? textWidth : width) - o.indentLeft - captionWidth;
    if (!b.runs.empty() || !fa.credit.empty()) {
        const Scope caption(*this, Role::Caption, b.pos);
        if (!b.runs.empty()) {
            const Scope para(*this, Role::P, b.pos);
            append(under, paragraph(b.runs, cap, span ? textWidth : width, o));
        }
        if (!fa.credit.empty()) {
            const Scope para(*this, Role::P, b.pos);
            std::vector<FlowBox> c = paragraph(plainRuns(fa.credit, b.pos), credit, span ? textWidth : width, o);
            if (!c.empty() && !under.empty()) c.front().spaceBefore = std::max(c.front().spaceBefore, credit.spaceBefore);
            append(under, std::move(c));
        }
    }
    double underHeight = 0;
    if (!under.empty()) underHeight = stack(under).height + cap.spaceBefore;
    const double columnHeight = page.height - page.margin.top - page.margin.bottom;
    const double maxH = std::max(columnHeight * 0.25, columnHeight - underHeight - cap.spaceAfter);
    if (h > maxH) {
        w *= maxH / h;
        h = maxH;
    }
    // A raster image printed below 150 dpi looks soft (PRODUCT.md: print quality).
    if (pixelsWide > 0) {
        const double dpi = pixelsWide / (w / 72.0);
        if (dpi < 149.5) {
            const int needed = static_cast<int>(std::ceil(w / 72.0 * 150));
            sink_.warn(doc_.path, b.pos,
                       "image '" + b.text + "' is " + std::to_string(pixelsWide) + " pixels wide, printed " +
                           std::to_string(static_cast<int>(std::lround(w))) + "pt wide: " +
                           std::to_string(static_cast<int>(dpi)) + " dpi, below 150; supply at least " +
                           std::to_string(needed) + " pixels or set a smaller width (width=N%)");
        }
    }
    FlowBox box;
    box.items.push_back(ImageItem{file, left + (avail - w) / 2, 0, w, h, {current_}});
    box.height = h;
    std::vector<FlowBox> parts{box};
    if (!under.empty()) {
        under.front().spaceBefore = cap.spaceBefore;
        append(parts, std::move(under));
    }
    FlowBox all = stack(parts);
    all.spaceBefore = cap.spaceBefore;
    all.spaceAfter = cap.spaceAfter;
    switch (st_.figures.placement) {
        case style::FigurePlacement::Here: all.placement = Placement::Float; break;
        case style::FigurePlacement::Top: all.placement = Placement::Top; break;
        case style::FigurePlacement::Bottom: all.placement = Placement::Bottom; break;
    }
    if (span) {
        all.span = true;
        all.placement = Placement::Top;
    }
    return {all};
}

}  // namespace inkstone::layout::detail
