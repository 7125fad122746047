// Numbers in table cells (table_numbers.h): a small hand-written reader of the number shape.
#include "layout/table_numbers.h"

#include <algorithm>
#include <string_view>

namespace inkstone::layout {
namespace {

bool isSpace(char32_t c) { return c == U' ' || c == U'\u00A0' || c == U'\u2009' || c == U'\u202F' || c == U'\t'; }
bool isDigit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool isPoint(char32_t c) { return c == U'.' || c == U'．'; }
// Thousands separators between groups of three digits.
bool isGroup(char32_t c) { return c == U',' || c == U'\u2009' || c == U'\u202F'; }
bool isCurrency(char32_t c) {
    return std::u32string_view(U"$€£¥￥₩₹₽₫฿₺₪").find(c) != std::u32string_view::npos;
}
bool isUpper(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool isLetter(char32_t c) { return isUpper(c) || (c >= U'a' && c <= U'z'); }
bool isSuffixMark(char32_t c) {
    return std::u32string_view(U"%‰％)）*†‡§°").find(c) != std::u32string_view::npos;
}
bool isHanUnit(char32_t c) { return std::u32string_view(U"十百千万亿兆元倍").find(c) != std::u32string_view::npos; }

}  // namespace

CellNumber readNumber(const std::u32string& text, const std::vector<bool>& raised) {
    // The characters that count, with their indices in `text`.
    std::u32string s;
    std::vector<int> at;
    for (size_t i = 0; i < text.size(); ++i) {
        if (i < raised.size() && raised[i]) continue;
        s += text[i];
        at.push_back(static_cast<int>(i));
    }
    size_t b = 0, e = s.size();
    while (b < e && isSpace(s[b])) ++b;
    while (e > b && isSpace(s[e - 1])) --e;
    if (b == e) return {CellKind::Empty, 0};
    const std::u32string_view whole(s.data() + b, e - b);
    for (std::u32string_view p : {U"-", U"–", U"—", U"−", U"——", U"…", U"...", U"..", U"n/a", U"N/A", U"n.a.", U"NA"})
        if (whole == p) return {CellKind::Placeholder, 0};

    size_t i = b;
    const CellNumber text_{CellKind::Text, 0};
    if (i < e && std::u32string_view(U"~≈<>≤≥约約").find(s[i]) != std::u32string_view::npos) {
        ++i;
        while (i < e && isSpace(s[i])) ++i;
    }
    if (i < e && (s[i] == U'(' || s[i] == U'（')) ++i;
    auto sign = [&] {
        if (i < e && std::u32string_view(U"+-−±").find(s[i]) != std::u32string_view::npos) {
            ++i;
            return true;
        }
        return false;
    };
    bool signed_ = sign();
    // A currency: up to three capitals and a symbol (US$, HK$), or a symbol alone.
    size_t caps = i;
    while (caps < e && caps - i < 3 && isUpper(s[caps])) ++caps;
    if (caps < e && isCurrency(s[caps])) {
        i = caps + 1;
        while (i < e && isSpace(s[i])) ++i;
        if (!signed_) sign();
    }
    // The integer part: digits, grouped in threes after the first group when grouped at all.
    const size_t intStart = i;
    size_t group = 0;  // digits in the current group
    bool grouped = false;
    while (i < e) {
        if (isDigit(s[i])) {
            ++group;
            ++i;
        } else if (isGroup(s[i]) && group > 0 && i + 1 < e && isDigit(s[i + 1])) {
            if ((grouped && group != 3) || (!grouped && group > 3)) return text_;
            grouped = true;
            group = 0;
            ++i;
        } else {
            break;
        }
    }
    if (grouped && group != 3) return text_;
    const size_t intEnd = i;
    size_t point = std::u32string::npos;
    if (i + 1 < e && isPoint(s[i]) && isDigit(s[i + 1])) {
        point = i++;
        while (i < e && isDigit(s[i])) ++i;
    }
    if (intEnd == intStart && point == std::u32string::npos) return text_;
    // The suffix.
    while (i < e && isSpace(s[i])) ++i;
    int letters = 0, han = 0;
    while (i < e) {
        if (isLetter(s[i]) && ++letters <= 3) ++i;
        else if (isHanUnit(s[i]) && ++han <= 2) ++i;
        else if (isSuffixMark(s[i])) ++i;
        else return text_;
    }
    // Back to an index of `text`: the point, or right after the last digit (before any raised
    // note reference that follows it).
    const int where = point != std::u32string::npos ? at[point] : at[intEnd - 1] + 1;
    return {CellKind::Number, where};
}

bool numericColumn(const std::vector<CellKind>& bodyCells) {
    const auto numbers = std::count(bodyCells.begin(), bodyCells.end(), CellKind::Number);
    const auto words = std::count(bodyCells.begin(), bodyCells.end(), CellKind::Text);
    return numbers > 0 && numbers > words;
}

}  // namespace inkstone::layout
