// Numbers in table cells (issue 13, point 3). In: a cell's characters. Out: whether they read as a
// number, and where its decimal point is, so that a column of numbers can be set with tabular
// figures and aligned on the point.
//
// A number, in order: an optional comparison or approximation sign (~ ≈ < > ≤ ≥ 约), an opening
// parenthesis (accounts' negatives), a sign (+ - − ±), a currency (a symbol such as $ € £ ¥, after
// up to three capitals: US$, HK$), the digits (ASCII or full-width; thousands grouped by commas or
// thin spaces, three digits a group), a decimal point (. or ．) and its digits, then a suffix:
// up to three letters of a unit or magnitude (bn, pp, GW), % ‰ ％, closing parentheses, footnote
// marks (* † ‡ §), a degree sign, and Chinese magnitudes and units (十 百 千 万 亿 兆 元 倍).
// Raised characters (note references, set as superscripts) are skipped. A dash, an ellipsis or
// "n/a" alone is a placeholder: neither a number nor text.
#pragma once

#include <string>
#include <vector>

namespace inkstone::layout {

enum class CellKind { Empty, Placeholder, Number, Text };

struct CellNumber {
    CellKind kind = CellKind::Empty;
    // Numbers: the character the decimal point is at, or (no point) the character after the
    // integer part's last digit; the column aligns these places.
    int anchor = 0;
};

// Reads `text` (one code point a character); `raised[i]`: character i is a superscript (may be
// empty: none is).
CellNumber readNumber(const std::u32string& text, const std::vector<bool>& raised = {});

// A column is a column of numbers when its body cells that are numbers outnumber those that are
// text (empty cells and placeholders do not count).
bool numericColumn(const std::vector<CellKind>& bodyCells);

}  // namespace inkstone::layout
