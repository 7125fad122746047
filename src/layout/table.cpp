// Tables (article_builder.h): a Table block (header and body rows of cells, the columns'
// Markdown alignment, a caption) in, flow boxes out. Recipe:
//  1. Read the columns: a column of numbers (table_numbers.h) is set with tabular figures and,
//     unless its author aligned it left or centred, aligned on its decimal points (integers line
//     up with the integer part of decimals).
//  2. Measure the cells at a type size: each column's minimum width (its widest unbreakable
//     piece) and preferred width (its widest cell on one line), as CSS's automatic table layout
//     (CSS 2.1, 17.5.2.2).
//  3. Fit: when the minimum widths exceed the column, the type steps down by half points to the
//     style's `tables.min-font-size`; then, in multi-column styles, the table is set across the
//     whole text width (again from its full size down); else it is a user error naming its line.
//  4. Set the rows at that size and width: one unbreakable box a row (a row taller than a page is
//     cut into a box per line), the header row repeated at the top of every page or column the
//     table continues to, the caption (a "Table:" paragraph) over the table and kept with its
//     first rows. A table across the columns is one box that spans them (FlowBox::span): at the
//     top of the page where no column has begun, else of the next page.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "base/utf8.h"
#include "layout/article_builder.h"
#include "layout/table_numbers.h"

namespace inkstone::layout::detail {
namespace {

// The table at one type size.
struct Look {
    TextStyle ts;    // the `table` element at this size (line height scaled with it)
    double pad = 0;  // cell padding on each side
};

Look lookAt(const TextStyle& base, double size) {
    Look l;
    l.ts = base;
    l.ts.fontSize = size;
    l.ts.lineHeight = base.lineHeight * size / base.fontSize;
    l.pad = size * 0.4;
    return l;
}

// What a column holds, read once from its text.
struct Column {
    model::ColumnAlign align = model::ColumnAlign::Default;
    bool numbers = false;  // a column of numbers: tabular figures
    bool decimal = false;  // and aligned on the decimal points (not set left or centred by the author)
};

// A cell's text style: the table's, bold in header rows, aligned as its column.
TextStyle cellStyle(const TextStyle& ts, bool header, const Column& col) {
    TextStyle cs = ts;
    cs.bold = ts.bold || header;
    cs.spaceBefore = cs.spaceAfter = 0;
    cs.tabularFigures = col.numbers;
    if (col.align == model::ColumnAlign::Right || col.decimal) cs.align = style::Align::Right;
    else if (col.align == model::ColumnAlign::Center) cs.align = style::Align::Center;
    else if (col.align == model::ColumnAlign::Left || ts.align == style::Align::Justify) cs.align = style::Align::Left;
    return cs;
}

// Reads a cell's runs as a number or not (note references, set raised, are skipped).
CellKind kindOf(const Block& cell) {
    std::u32string text;
    std::vector<bool> raised;
    for (const model::TextRun& r : cell.runs)
        for (size_t i = 0; i < r.text.size();) {
            text += decodeUtf8(r.text, i);
            raised.push_back(r.flags & model::kSuperscript);
        }
    return readNumber(text, raised).kind;
}

// The cells measured at one look. Widths include the padding.
struct Measure {
    std::vector<double> minW, prefW;
    // Decimal columns: how far the numbers reach left and right of their anchor (decimal point)
    // at most; the column is at least as wide as the two together.
    std::vector<double> leftMax, rightMax;
    double sumMin = 0, sumPref = 0;
};

// A number's anchor (table_numbers.h) split: the width before it and after it. A placeholder (a
// dash, "n/a") ends where the integers end. `x[i]`: where character i starts, x[n] the end.
std::optional<std::pair<double, double>> anchorSplit(const std::u32string& text, const std::vector<bool>& raised,
                                                     const std::vector<double>& x) {
    const CellNumber num = readNumber(text, raised);
    const double width = x.back();
    if (num.kind == CellKind::Placeholder) return std::make_pair(width, 0.0);
    if (num.kind != CellKind::Number) return std::nullopt;
    const double left = x[static_cast<size_t>(num.anchor)];
    return std::make_pair(left, width - left);
}

// ...of a measured cell (on one line).
std::optional<std::pair<double, double>> anchorSplit(const text::MeasuredParagraph& mp) {
    const int n = mp.charCount();
    std::u32string text;
    std::vector<bool> raised;
    std::vector<double> x{0};
    for (int i = 0; i < n; ++i) {
        size_t at = static_cast<size_t>(mp.byteOffset[i]);
        text += decodeUtf8(*mp.text, at);
        raised.push_back(mp.spans[static_cast<size_t>(mp.spanOf[i])].rise != 0);
        x.push_back(x.back() + mp.advance[i] + (i + 1 < n ? mp.glueAfter[i] : 0));
    }
    x.back() = text::lineWidth(mp, 0, n);
    return anchorSplit(text, raised, x);
}

// ...of a cell as set (one line): its characters from the line's glyph runs, so that what the
// layout prints (a note reference's label, "[1]" in Chinese) counts. nullopt for other cells.
std::optional<std::pair<double, double>> anchorSplit(const std::vector<FlowBox>& lines) {
    if (lines.size() != 1) return std::nullopt;
    const TextItem* item = nullptr;
    for (const FrameItem& it : lines[0].items)
        if (const auto* t = std::get_if<TextItem>(&it)) item = t;
    if (!item || !item->line) return std::nullopt;
    const text::ShapedLine& line = *item->line;
    std::u32string text;
    std::vector<bool> raised;
    std::vector<double> x;
    for (const text::GlyphRun& run : line.runs) {
        if (run.rtl) return std::nullopt;
        const std::vector<int> offsets = text::glyphOffsets(run);
        size_t g = 0;
        double pen = run.x;
        for (size_t at = static_cast<size_t>(run.textStart); at < static_cast<size_t>(run.textStart + run.textLength);) {
            // The character starts where the first glyph of its cluster does.
            while (g < offsets.size() && offsets[g] < static_cast<int>(at)) pen += run.glyphs[g++].advance;
            x.push_back(pen);
            raised.push_back(run.rise != 0);
            text += decodeUtf8(*line.text, at);
        }
    }
    x.push_back(line.width);
    return anchorSplit(text, raised, x);
}

// Column widths that fill `avail`, from each column's minimum and preferred widths:
//  - all fit on one line: the room left goes to the columns in proportion to their content;
//  - else the narrow columns (preferred width within an equal share of `avail`, as LaTeX's
//    tabulary does) keep their preferred width, so that a short cell ("项目", "Year") never
//    wraps, and the others get their minimum and a share of the rest in proportion to how much
//    more they would like (CSS 2.1, 17.5.2.2);
//  - when that leaves the wide columns less than their minimums, every column is set that way.
// The caller makes sure the minimums fit.
std::vector<double> distribute(const Measure& m, double avail) {
    const size_t cols = m.minW.size();
    std::vector<double> w(cols);
    if (m.sumPref <= avail) {
        for (size_t c = 0; c < cols; ++c) w[c] = m.prefW[c] + (avail - m.sumPref) * m.prefW[c] / m.sumPref;
        return w;
    }
    auto share = [&](const std::vector<bool>& fixed) {
        double room = avail, min = 0, want = 0;
        for (size_t c = 0; c < cols; ++c) {
            if (fixed[c]) room -= m.prefW[c];
            else min += m.minW[c], want += m.prefW[c] - m.minW[c];
        }
        if (room < min - 0.01) return false;
        for (size_t c = 0; c < cols; ++c)
            w[c] = fixed[c] ? m.prefW[c] : m.minW[c] + (want > 0 ? (m.prefW[c] - m.minW[c]) * (room - min) / want : 0);
        return true;
    };
    std::vector<bool> narrow(cols);
    for (size_t c = 0; c < cols; ++c) narrow[c] = m.prefW[c] <= avail / static_cast<double>(cols);
    if (!share(narrow)) share(std::vector<bool>(cols, false));
    return w;
}

// Lengths in messages: whole points, rounded up (what a table needs); type sizes to a tenth.
std::string points(double v) { return std::to_string(static_cast<int>(std::ceil(v - 1e-6))) + "pt"; }
std::string typeSize(double v) {
    const long tenths = std::lround(v * 10);
    return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + "pt";
}

// One table's layout: the steps of the recipe above over shared read-only facts.
class TableLayout {
public:
    TableLayout(Builder& b, const Block& table, double indentLeft)
        : b_(b), table_(table), indent_(indentLeft), base_(b.style().element("table")) {
        for (const Block& row : table.children) cols_ = std::max(cols_, row.children.size());
        columns_.resize(cols_);
        for (size_t c = 0; c < cols_; ++c) {
            Column& col = columns_[c];
            col.align = c < table.columns.size() ? table.columns[c] : model::ColumnAlign::Default;
            std::vector<CellKind> kinds;
            for (const Block& row : table.children)
                if (!row.header && c < row.children.size()) kinds.push_back(kindOf(row.children[c]));
            col.numbers = numericColumn(kinds);
            col.decimal = col.numbers && (col.align == model::ColumnAlign::Default || col.align == model::ColumnAlign::Right);
        }
    }

    size_t columns() const { return cols_; }

    // The largest type size, in half-point steps down from the style's to the minimum, at which
    // the columns' minimum widths fit `avail`; or, when none does, what they need at the minimum.
    struct Fit {
        std::optional<double> size;
        double need = 0;
    };
    Fit fit(double avail) {
        const double full = base_.fontSize;
        const double smallest = std::min(full, b_.style().tables.minFontSize);
        double size = full;
        for (;;) {
            const Measure& m = measured(size);
            if (m.sumMin <= avail + 0.01) return {size, m.sumMin};
            if (size <= smallest + 1e-9) return {std::nullopt, m.sumMin};
            // Widths grow in proportion to the type size (unhinted metrics): go straight to the
            // first half-point step under the size that would just fit, and on from there.
            const double guess = size * avail / m.sumMin;
            double next = full - 0.5 * std::ceil((full - guess) / 0.5 - 1e-9);
            if (next > size - 0.5) next = size - 0.5;
            size = std::max(smallest, next);
        }
    }

    // The caption and the rows at `size`, `width` wide (from the table's left indent). Rows
    // taller than `maxRow` (a page) are cut between their lines.
    std::vector<FlowBox> set(double size, double width, double maxRow);

private:
    using CellLines = std::vector<std::vector<std::vector<FlowBox>>>;  // by row, column, line
    // Where the rows go: the table's look, its columns' left edges and width, a page's height.
    struct Frame {
        Look look;
        std::vector<double> colX;
        double width = 0, maxRow = 0;
    };
    // Every cell's lines at its column's left edge, in reading order (their structure nodes made
    // with them); a decimal column's numbers placed so that their points line up.
    CellLines setCells(const Look& look, const std::vector<double>& colW);
    // Row `r` as boxes at the end of `out` (the header row kept in `header` for the rows after).
    void appendRow(std::vector<FlowBox>& out, size_t r, const std::vector<std::vector<FlowBox>>& lines, const Frame& f,
                   std::shared_ptr<const FlowBox>& header) const;
    const Measure& measured(double size) {
        auto it = measures_.find(size);
        if (it == measures_.end()) it = measures_.emplace(size, measure(lookAt(base_, size))).first;
        return it->second;
    }
    Measure measure(const Look& look);

    Builder& b_;
    const Block& table_;
    double indent_;
    const TextStyle& base_;
    size_t cols_ = 0;
    std::vector<Column> columns_;
    std::map<double, Measure> measures_;
};

Measure TableLayout::measure(const Look& look) {
    Measure m;
    m.minW.assign(cols_, 2 * look.pad);
    m.prefW.assign(cols_, 2 * look.pad);
    m.leftMax.assign(cols_, 0);
    m.rightMax.assign(cols_, 0);
    std::vector<bool> anyNumber(cols_, false);
    DiagnosticSink quiet(false);  // the cells are measured (and their problems reported) when set
    for (size_t r = 0; r < table_.children.size(); ++r) {
        const Block& row = table_.children[r];
        for (size_t c = 0; c < row.children.size() && c < cols_; ++c) {
            const TextStyle cs = cellStyle(look.ts, row.header, columns_[c]);
            const text::MeasuredParagraph mp = b_.measure(row.children[c].runs, cs, quiet);
            const int n = mp.charCount();
            if (n == 0) continue;
            m.prefW[c] = std::max(m.prefW[c], text::lineWidth(mp, 0, n) + 2 * look.pad);
            // The widest piece between two break opportunities.
            int start = 0;
            for (int i = 1; i <= n; ++i)
                if (i == n || (mp.flags[i] & text::kBreakBefore)) {
                    m.minW[c] = std::max(m.minW[c], text::lineWidth(mp, start, i) + 2 * look.pad);
                    start = i;
                }
            if (!columns_[c].decimal || row.header) continue;
            if (const auto split = anchorSplit(mp)) {
                m.leftMax[c] = std::max(m.leftMax[c], split->first);
                m.rightMax[c] = std::max(m.rightMax[c], split->second);
                anyNumber[c] = true;
            }
        }
    }
    for (size_t c = 0; c < cols_; ++c) {
        // Numbers aligned on their points need the widest integer part beside the widest fraction.
        if (anyNumber[c]) {
            const double aligned = m.leftMax[c] + m.rightMax[c] + 2 * look.pad;
            m.minW[c] = std::max(m.minW[c], aligned);
            m.prefW[c] = std::max(m.prefW[c], aligned);
        }
        m.prefW[c] = std::max(m.prefW[c], m.minW[c]);
        m.sumMin += m.minW[c];
        m.sumPref += m.prefW[c];
    }
    return m;
}

std::vector<FlowBox> TableLayout::set(double size, double width, double maxRow) {
    const Look look = lookAt(base_, size);
    const std::vector<double> colW = distribute(measured(size), width - indent_);
    std::vector<FlowBox> out;
    const Builder::Scope tableNode(b_, Role::Table, table_.pos);
    // The caption over the table, kept with its first rows.
    if (!table_.runs.empty()) {
        const Builder::Scope caption(b_, Role::Caption, table_.runs.front().pos);
        ParaOptions o;
        o.indentLeft = indent_;
        o.keepAll = true;
        Builder::append(out, b_.paragraph(table_.runs, b_.style().element("caption"), width, o));
    }
    const CellLines cells = setCells(look, colW);
    Frame f{look, std::vector<double>(cols_, indent_), width - indent_, maxRow};
    for (size_t c = 1; c < cols_; ++c) f.colX[c] = f.colX[c - 1] + colW[c - 1];
    std::shared_ptr<const FlowBox> header;
    for (size_t r = 0; r < cells.size(); ++r) appendRow(out, r, cells[r], f, header);
    return out;
}

TableLayout::CellLines TableLayout::setCells(const Look& look, const std::vector<double>& colW) {
    const size_t rows = table_.children.size();
    CellLines cells(rows);
    std::vector<std::vector<double>> reach(rows, std::vector<double>(cols_, -1));
    std::vector<double> reachMax(cols_, 0);
    std::optional<Builder::Scope> part;  // THead while the rows are header rows, then TBody
    for (size_t r = 0; r < rows; ++r) {
        const Block& row = table_.children[r];
        if (!part || (b_.nodeRole(part->node) == Role::THead && !row.header)) {
            part.reset();
            part.emplace(b_, row.header ? Role::THead : Role::TBody, row.pos);
        }
        const Builder::Scope rowNode(b_, Role::TR, row.pos);
        cells[r].resize(std::min(cols_, row.children.size()));
        for (size_t c = 0; c < cells[r].size(); ++c) {
            const Builder::Scope cellNode(b_, row.header ? Role::TH : Role::TD, row.children[c].pos);
            ParaOptions o;
            o.indentLeft = o.indentRight = look.pad;
            cells[r][c] = b_.paragraph(row.children[c].runs, cellStyle(look.ts, row.header, columns_[c]), colW[c], o);
            // A decimal column's numbers are set flush right; how far each reaches right of its
            // point is read from the line as set.
            if (!columns_[c].decimal || row.header) continue;
            if (const auto split = anchorSplit(cells[r][c])) {
                reach[r][c] = split->second;
                reachMax[c] = std::max(reachMax[c], split->second);
            }
        }
    }
    // Then they move left so that their points fall where the column's widest fraction puts its
    // own (integers end there).
    for (size_t r = 0; r < rows; ++r)
        for (size_t c = 0; c < cells[r].size(); ++c)
            if (reach[r][c] >= 0) translate(cells[r][c][0].items, reach[r][c] - reachMax[c], 0);
    return cells;
}

void TableLayout::appendRow(std::vector<FlowBox>& out, size_t r, const std::vector<std::vector<FlowBox>>& lines,
                            const Frame& f, std::shared_ptr<const FlowBox>& header) const {
    const Block& row = table_.children[r];
    const size_t rows = table_.children.size();
    const double pad = f.look.pad, lh = f.look.ts.lineHeight;
    size_t count = 0;  // the row's lines (its tallest cell's)
    for (const auto& l : lines) count = std::max(count, l.size());
    const double height = static_cast<double>(count) * lh + 2 * pad;
    // Lines [first, last) of every cell as one box; the row's rules at its ends.
    auto slice = [&](size_t first, size_t last) {
        FlowBox box;
        const double top = first == 0 ? 0 : pad + static_cast<double>(first) * lh;
        const double bottom = last == count ? height : pad + static_cast<double>(last) * lh;
        for (size_t c = 0; c < lines.size(); ++c)
            for (size_t k = first; k < last && k < lines[c].size(); ++k) {
                std::vector<FrameItem> items = lines[c][k].items;
                translate(items, f.colX[c], pad + static_cast<double>(k) * lh - top);
                box.items.insert(box.items.end(), items.begin(), items.end());
                box.notes.insert(box.notes.end(), lines[c][k].notes.begin(), lines[c][k].notes.end());
            }
        box.height = bottom - top;
        const style::Color& color = f.look.ts.color;
        if (last == count) box.items.push_back(RuleItem{indent_, box.height, f.width, row.header ? 0.8 : 0.3, color, {-1, Artifact::Rule}});
        if (r == 0 && first == 0) box.items.push_back(RuleItem{indent_, 0, f.width, 0.8, color, {-1, Artifact::Rule}});
        return box;
    };
    // A body row taller than a page (with the header over it) is cut between its lines, a box a
    // line, so that pages fill as with a paragraph (and as there, at least two of its lines on
    // each side of a break). Other rows are never split.
    const double room = f.maxRow - (row.header || !header ? 0 : header->height + header->spaceAfter);
    const bool cut = !row.header && height > room + 0.01 && count > 1;
    const size_t firstPiece = out.size();
    if (!cut) out.push_back(slice(0, count));
    for (size_t k = 0; cut && k < count; ++k) {
        out.push_back(slice(k, k + 1));
        out.back().keepWithNext = !(k + 1 >= 2 && count - k - 1 >= 2);
    }
    FlowBox& first = out[firstPiece];
    FlowBox& last = out.back();
    // No page break after a header row, nor before the last row (no row alone on a page).
    last.keepWithNext = r + 1 < rows && (row.header || r + 2 >= rows);
    if (r == 0) first.spaceBefore = firstPiece == 0 ? f.look.ts.spaceBefore : 0;
    if (r + 1 == rows) last.spaceAfter = f.look.ts.spaceAfter;
    // The header row again at the top of every page or column the table continues to.
    if (row.header && r == 0) header = std::make_shared<FlowBox>(first);
    else if (!row.header)
        for (size_t k = firstPiece; k < out.size(); ++k) out[k].repeatAtTop = header;
}

}  // namespace

std::vector<FlowBox> Builder::table(const Block& b, double width, double indentLeft) {
    TableLayout t(*this, b, indentLeft);
    if (t.columns() == 0) return {};
    const style::PageStyle& page = st_.page;
    const double textWidth = page.width - page.margin.inner - page.margin.outer;
    const double pageHeight = page.height - page.margin.top - page.margin.bottom;
    const auto inColumn = t.fit(width - indentLeft);
    if (inColumn.size) return t.set(*inColumn.size, width, pageHeight);
    // Too wide for the column even in the smallest type: across all the columns.
    const bool columns = page.columns > 1 && width < textWidth;
    const auto across = columns ? t.fit(textWidth - indentLeft) : inColumn;
    if (columns && across.size) {
        FlowBox box = stack(t.set(*across.size, textWidth, 1e9));
        if (box.height > pageHeight + 0.01)
            failAt(doc_.path, b.pos,
                   "the table is too wide for a column and, set across the columns, taller than a page (" +
                       points(box.height) + " > " + points(pageHeight) + ")",
                   "split it into tables of fewer rows, or drop columns so that it fits one column");
        box.span = true;
        box.placement = Placement::Top;  // as wide figures: an insertion across the columns
        box.keepWithNext = false;
        return {std::move(box)};
    }
    failAt(doc_.path, b.pos,
           "the table is too wide: its columns need " + points(across.need) + " at the smallest type size (" +
               typeSize(std::min(st_.tables.minFontSize, st_.element("table").fontSize)) + "), the " +
               (columns ? "text" : "column") + " is " + points((columns ? textWidth : width) - indentLeft) + " wide",
           "shorten its longest words or numbers, drop columns, or lower the style's tables.min-font-size");
}

std::vector<FlowBox> Builder::uprightTable(const Block& b) {
    const style::PageStyle& page = st_.page;
    const double textWidth = page.width - page.margin.inner - page.margin.outer;
    const double lineLength = page.height - page.margin.top - page.margin.bottom;
    const std::vector<FlowBox> rows = horizontally([&] { return table(b, textWidth, 0); });
    std::vector<FlowBox> out;
    std::vector<FlowBox> chunk;
    double height = 0;
    auto flush = [&] {
        if (chunk.empty()) return;
        FlowBox block = stack(chunk);
        block.keepWithNext = false;
        block.placement = Placement::Float;  // a page-wide block: the text before it fills its page first
        out.push_back(uprightBlock(std::move(block), textWidth));
        chunk.clear();
        height = 0;
    };
    for (const FlowBox& row : rows) {
        const double gap = chunk.empty() ? 0 : std::max(chunk.back().spaceAfter, row.spaceBefore);
        if (!chunk.empty() && height + gap + row.height > lineLength) {
            flush();
            if (row.repeatAtTop) {  // the header row again, its items marked as the copy they are
                FlowBox header = *row.repeatAtTop;
                markArtifacts(header.items, Artifact::Repeated);
                chunk.push_back(std::move(header));
                height = chunk.back().height;
            }
        }
        const double g = chunk.empty() ? 0 : std::max(chunk.back().spaceAfter, row.spaceBefore);
        FlowBox r = row;
        r.repeatAtTop.reset();
        chunk.push_back(std::move(r));
        height += g + chunk.back().height;
    }
    flush();
    return out;
}

}  // namespace inkstone::layout::detail
