// The article builder's larger parts: the head (title block), pull quotes, tables, figures, notes
// and the author bio (article_builder.h).
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

// A cell's text style: the table's, bold in header rows, aligned as its column.
namespace {
TextStyle cellStyle(const TextStyle& ts, bool header, model::ColumnAlign align) {
    TextStyle cs = ts;
    cs.bold = ts.bold || header;
    cs.spaceBefore = cs.spaceAfter = 0;
    if (align == model::ColumnAlign::Right) cs.align = style::Align::Right;
    else if (align == model::ColumnAlign::Center) cs.align = style::Align::Center;
    else if (align == model::ColumnAlign::Left || ts.align == style::Align::Justify) cs.align = style::Align::Left;
    return cs;
}
}  // namespace

std::vector<double> Builder::columnWidths(const Block& b, size_t cols, double avail, double pad) {
    const TextStyle& ts = st_.element("table");
    std::vector<double> minW(cols, 2 * pad), prefW(cols, 2 * pad);
    DiagnosticSink quiet(false);  // the cells are measured (and their problems reported) when set
    for (const Block& row : b.children)
        for (size_t c = 0; c < row.children.size() && c < cols; ++c) {
            const TextStyle cs = cellStyle(ts, row.header, model::ColumnAlign::Default);
            const text::MeasuredParagraph mp = measure(row.children[c].runs, cs, quiet);
            const int n = mp.charCount();
            if (n == 0) continue;
            prefW[c] = std::max(prefW[c], text::lineWidth(mp, 0, n) + 2 * pad);
            // The widest piece between two break opportunities.
            int start = 0;
            for (int i = 1; i <= n; ++i)
                if (i == n || (mp.flags[i] & text::kBreakBefore)) {
                    minW[c] = std::max(minW[c], text::lineWidth(mp, start, i) + 2 * pad);
                    start = i;
                }
        }
    double sumMin = 0, sumPref = 0;
    for (size_t c = 0; c < cols; ++c) {
        prefW[c] = std::max(prefW[c], minW[c]);
        sumMin += minW[c];
        sumPref += prefW[c];
    }
    std::vector<double> w(cols);
    if (sumPref <= avail) {
        // Everything fits on one line: the room left goes to the columns in proportion to their content.
        for (size_t c = 0; c < cols; ++c) w[c] = prefW[c] + (avail - sumPref) * prefW[c] / sumPref;
    } else if (sumMin >= avail) {
        for (size_t c = 0; c < cols; ++c) w[c] = minW[c] * avail / sumMin;  // too wide even at its minimum
    } else {
        // Between: each column gets its minimum and a share of the rest in proportion to how much
        // more it would like (CSS 2.1, 17.5.2.2).
        for (size_t c = 0; c < cols; ++c) w[c] = minW[c] + (prefW[c] - minW[c]) * (avail - sumMin) / (sumPref - sumMin);
    }
    return w;
}

std::vector<FlowBox> Builder::table(const Block& b, double width, double indentLeft) {
    const TextStyle& ts = st_.element("table");
    size_t cols = 0;
    for (const Block& row : b.children) cols = std::max(cols, row.children.size());
    std::vector<FlowBox> out;
    if (cols == 0) return out;
    const Scope tableNode(*this, Role::Table, b.pos);
    std::optional<Scope> part;  // THead while the rows are header rows, then TBody
    std::shared_ptr<const FlowBox> header;
    const double avail = width - indentLeft;
    const double pad = ts.fontSize * 0.4;
    const std::vector<double> colW = columnWidths(b, cols, avail, pad);
    // The caption (a "Table:" paragraph) over the table, kept with its first rows.
    if (!b.runs.empty()) {
        const Scope caption(*this, Role::Caption, b.runs.front().pos);
        const TextStyle& cap = st_.element("caption");
        ParaOptions o;
        o.indentLeft = indentLeft;
        o.keepAll = true;
        append(out, paragraph(b.runs, cap, width, o));
    }
    std::vector<double> colX(cols, indentLeft);
    for (size_t c = 1; c < cols; ++c) colX[c] = colX[c - 1] + colW[c - 1];
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
            if (c >= cols) break;
            const Scope cellNode(*this, row.header ? Role::TH : Role::TD, row.children[c].pos);
            const model::ColumnAlign align = c < b.columns.size() ? b.columns[c] : model::ColumnAlign::Default;
            const TextStyle cs = cellStyle(ts, row.header, align);
            ParaOptions o;
            o.indentLeft = pad;
            o.indentRight = pad;
            FlowBox cell = stack(paragraph(row.children[c].runs, cs, colW[c], o));
            translate(cell.items, colX[c], pad);
            rowBox.items.insert(rowBox.items.end(), cell.items.begin(), cell.items.end());
            h = std::max(h, cell.height);
        }
        rowBox.height = h + 2 * pad;
        double rule = row.header ? 0.8 : 0.3;
        rowBox.items.push_back(RuleItem{indentLeft, rowBox.height, avail, rule, ts.color, {-1, Artifact::Rule}});
        if (r == 0) rowBox.items.push_back(RuleItem{indentLeft, 0, avail, 0.8, ts.color, {-1, Artifact::Rule}});
        rowBox.keepWithNext = row.header || r + 2 >= b.children.size();
        if (r + 1 == b.children.size()) rowBox.keepWithNext = false;
        if (r == 0) rowBox.spaceBefore = out.empty() ? ts.spaceBefore : 0;
        if (r + 1 == b.children.size()) rowBox.spaceAfter = ts.spaceAfter;
        // The header row again at the top of every page or column the table continues to.
        if (row.header && r == 0) header = std::make_shared<FlowBox>(rowBox);
        else if (!row.header) rowBox.repeatAtTop = header;
        out.push_back(std::move(rowBox));
    }
    return out;
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

std::vector<FlowBox> Builder::notesAndBio(double width) {
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

}  // namespace inkstone::layout::detail
