// Shared helpers of the text stage's unit tests (header-only; test code only).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone::text::testing {

// One engine and style per test binary (building the font world takes a moment).
inline TextEngine& engine() {
    static TextEngine e;
    return e;
}

// The paragraph's characters as code points (index = character).
inline std::vector<char32_t> codePoints(const MeasuredParagraph& p) {
    std::vector<char32_t> out;
    for (int i = 0; i < p.charCount(); ++i) {
        size_t at = static_cast<size_t>(p.byteOffset[i]);
        out.push_back(decodeUtf8(*p.text, at));
    }
    return out;
}

inline const style::Style& briefing() {
    static const style::Style s = style::loadStyle("briefing");
    return s;
}

// Line texts, printable in failure messages: ["aaa ", "bbb\n", "ex-"].
struct Lines {
    std::vector<std::string> v;
    Lines(std::initializer_list<std::string> l) : v(l) {}
    explicit Lines(std::vector<std::string> l) : v(std::move(l)) {}
    bool operator==(const Lines& o) const { return v == o.v; }
};

inline std::ostream& operator<<(std::ostream& os, const Lines& l) {
    os << '[';
    for (size_t i = 0; i < l.v.size(); ++i) {
        os << (i ? ", \"" : "\"");
        for (char c : l.v[i]) os << (c == '\n' ? std::string("\\n") : std::string(1, c));
        os << '"';
    }
    return os << ']';
}

// The text of each line, trailing white space included (it belongs to the line it ends); a
// hyphenated line gets its "-".
inline Lines lineTexts(const MeasuredParagraph& p, const std::vector<LineBreak>& lines) {
    std::vector<std::string> out;
    for (const auto& lb : lines)
        out.push_back(p.text->substr(p.byteOffset[lb.start], p.byteOffset[lb.end] - p.byteOffset[lb.start]) +
                      (lb.hyphenated ? "-" : ""));
    return Lines(out);
}

}  // namespace inkstone::text::testing
