// Tables (article_builder.h): a Table block (header and body rows of cells) in, flow boxes out: an
// optional caption over the table, then one unbreakable box per row, the header row repeated at
// the top of each page or column the table continues to. Column widths come from the cells'
// content as in CSS's automatic table layout.
#include <algorithm>
#include <memory>
#include <optional>

#include "layout/article_builder.h"

namespace inkstone::layout::detail {

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

}  // namespace inkstone::layout::detail
