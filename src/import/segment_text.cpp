// Scraped text -> blocks (page.h). Pure: it cuts, it does not judge.
// - A dataset record (<doc><contenttitle/><content/></doc>) gives its title and text.
// - Each line is trimmed (spaces, tabs, NBSP, ideographic spaces) and remembers its indent.
// - A line holding runs separated by 3+ spaces (or 2+ ideographic spaces) becomes one block per run:
//   scrapers join a page's pieces (a related list, an info line's fields) with runs of spaces.
// - Hard wraps: a page is hard-wrapped when several lines reach a common width and most of them end
//   mid-sentence; there a line that reaches the width continues on the next (unless that one is
//   indented or blank), joined without a space between CJK characters and with a line-end hyphen
//   before a lower-case letter dropped.
#include <algorithm>
#include <regex>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/page.h"

namespace inkstone::import {

namespace {

bool isSpaceChar(char32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || c == 0xFEFF; }

// Trim spaces, tabs, NBSP and ideographic spaces; `indented` when the line began with any.
std::string trim(const std::string& s, bool* indented = nullptr) {
    size_t a = 0;
    while (a < s.size()) {
        size_t next = a;
        if (!isSpaceChar(decodeUtf8(s, next))) break;
        a = next;
    }
    if (indented) *indented = a > 0;
    size_t b = s.size();
    while (b > a) {
        size_t start = b - 1;
        while (start > a && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        size_t k = start;
        if (!isSpaceChar(decodeUtf8(s, k))) break;
        b = start;
    }
    return s.substr(a, b - a);
}

// Runs of a trimmed line separated by white space at least three spaces wide (a tab or an
// ideographic space counts as two: "a　b" stays one run, "a　　b" is two).
std::vector<std::string> runs(const std::string& line) {
    std::vector<std::string> out;
    size_t i = 0, start = 0;
    while (i < line.size()) {
        size_t j = i, width = 0;
        while (j < line.size()) {
            size_t k = j;
            const char32_t c = decodeUtf8(line, k);
            if (!isSpaceChar(c)) break;
            width += (c == 0x3000 || c == '\t') ? 2 : 1;
            j = k;
        }
        if (j > i) {
            if (width >= 3) {
                out.push_back(line.substr(start, i - start));
                start = j;
            }
            i = j;
        } else {
            decodeUtf8(line, i);
        }
    }
    out.push_back(line.substr(start));
    return out;
}

bool endsSentence(const std::string& s) {
    std::u32string u = toU32(s);
    static const std::u32string closers = U"\"”’」』）)]】》";
    while (!u.empty() && closers.find(u.back()) != std::u32string::npos) u.pop_back();
    static const std::u32string stops = U".!?;。！？；…";
    return !u.empty() && stops.find(u.back()) != std::u32string::npos;
}

bool cjkLine(const std::string& s) {
    size_t han = 0, all = 0, i = 0;
    while (i < s.size()) {
        const char32_t c = decodeUtf8(s, i);
        ++all;
        if (isCjk(c)) ++han;
    }
    return han * 2 > all;
}

}  // namespace

std::string trimWeb(const std::string& s) { return trim(s); }

SegmentedPage segmentText(const std::string& input) {
    SegmentedPage page;
    // A corpus record (<doc><url/><contenttitle/><content/></doc>, as Sogou's news sets store
    // pages): its title and text. (Found with find, not std::regex: libstdc++'s regex recurses
    // once per character it spans.)
    std::string text = input;
    int lineOffset = 0;  // the content's first line in the record
    const size_t docAt = input.find_first_not_of(" \t\n");
    if (docAt != std::string::npos && input.compare(docAt, 5, "<doc>") == 0) {
        auto field = [&](const std::string& tag) -> std::optional<std::pair<size_t, std::string>> {
            const size_t a = input.find("<" + tag + ">");
            if (a == std::string::npos) return std::nullopt;
            const size_t from = a + tag.size() + 2;
            const size_t b = input.find("</" + tag + ">", from);
            if (b == std::string::npos) return std::nullopt;
            return std::make_pair(from, input.substr(from, b - from));
        };
        auto title = field("contenttitle");
        auto content = field("content");
        if (title && content) {
            page.recordTitle = trim(title->second);
            text = content->second;
            lineOffset = static_cast<int>(std::count(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(content->first), '\n'));
        }
    }

    struct Line {
        int no;
        std::string text;
        bool indented;
        std::vector<std::string> runs;
        bool chrome = false;  // a chrome pattern names it (never joined to a paragraph)
    };
    std::vector<Line> lines;
    size_t start = 0;
    int no = lineOffset;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        Line l{++no, {}, false, {}, false};
        l.text = trim(text.substr(start, end - start), &l.indented);
        l.chrome = !l.text.empty() && !chromeReason(l.text).empty();
        if (!l.text.empty())
            for (auto& r : runs(l.text))
                if (!trim(r).empty()) l.runs.push_back(trim(r));
        lines.push_back(std::move(l));
        if (end == text.size()) break;
        start = end + 1;
    }

    // The wrap width: the widest line; a page is hard-wrapped when at least three lines come
    // within reach of it and most of those end mid-sentence (a page with a paragraph per line has
    // its long lines end with a stop).
    // The wrap width: the widest width that enough lines come within reach of (a footnote or an
    // unwrapped line may be wider than the wrapped ones).
    std::vector<size_t> widths;
    size_t cjkLines = 0;
    for (const auto& l : lines)
        if (l.runs.size() == 1) {
            widths.push_back(displayWidth(l.text));
            if (cjkLine(l.text)) ++cjkLines;
        }
    std::sort(widths.begin(), widths.end());
    const bool cjkPage = cjkLines * 2 > widths.size();
    auto tolerance = [&](size_t w) { return cjkPage ? w * 12 / 100 : std::max<size_t>(16, w / 8); };
    size_t widest = widths.empty() ? 0 : widths.back();
    const size_t need = std::max<size_t>(3, widths.size() * 15 / 100);
    for (size_t k = widths.size(); k > 0; --k) {  // from the widest down; lines in [w - tolerance, w]
        const size_t w = widths[k - 1];
        const size_t low = w > tolerance(w) ? w - tolerance(w) : 0;
        const size_t n = static_cast<size_t>(std::upper_bound(widths.begin(), widths.end(), w) - std::lower_bound(widths.begin(), widths.end(), low));
        if (n >= need) {
            widest = w;
            break;
        }
    }
    auto reaches = [&](const std::string& t) {
        const size_t w = displayWidth(t);
        if (cjkLine(t)) return w * 100 >= widest * 88;
        return w + std::max<size_t>(16, widest / 8) >= widest;
    };
    // A Latin line was broken by the wrap when the next line's first word would not have fitted
    // on it (the test a wrapping editor makes).
    auto wrappedBefore = [&](const std::string& t, const std::string& next) {
        if (cjkLine(t) || next.empty()) return reaches(t);
        const size_t sp = next.find(' ');
        const size_t word = displayWidth(sp == std::string::npos ? next : next.substr(0, sp));
        return displayWidth(t) + 1 + word + 2 > widest && displayWidth(t) * 2 > widest;  // (not a short last line)
    };
    size_t full = 0, open = 0, continued = 0, latinNext = 0, lowerNext = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& l = lines[i];
        if (l.runs.size() != 1 || !reaches(l.text)) continue;
        ++full;
        if (!endsSentence(l.text)) ++open;
        if (i + 1 < lines.size() && !lines[i + 1].text.empty() && !lines[i + 1].indented) {
            ++continued;
            // Latin text wrapped mid-sentence mostly goes on in lower case; a list of headlines,
            // each over its blurb or byline, goes on in capitals.
            const unsigned char c = static_cast<unsigned char>(lines[i + 1].text[0]);
            if (!endsSentence(l.text) && std::isalpha(c)) {
                ++latinNext;
                if (std::islower(c)) ++lowerNext;
            }
        }
    }
    page.hardWrapped = widest >= 40 && full >= 3 && open * 2 > full && continued >= 2 && (latinNext < 3 || lowerNext * 3 >= latinNext);
    // Pages that mark paragraphs by an indent (Chinese pages: two ideographic spaces) wrap raggedly:
    // there a line that is not indented, right after a wide one, continues it.
    size_t indentedLines = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i)
        if (lines[i].indented && !lines[i].text.empty() && !lines[i + 1].text.empty() && !lines[i + 1].indented) ++indentedLines;
    const bool indentWrapped = indentedLines >= 2;
    auto wide = [&](const std::string& t) { return displayWidth(t) * 2 >= widest; };

    bool blank = true;
    const Line* prev = nullptr;  // the last non-blank line, when it was one run
    for (size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        if (l.text.empty()) {
            blank = true;
            prev = nullptr;
            continue;
        }
        bool join = false;
        // A numbered heading ("一、问题的提出", "（二）…") starts its own block, wrapped page or not.
        static const std::wregex numbered(LR"(^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]{1,2}[.、]\s?\S))");
        const bool heading = l.text.size() < 120 && std::regex_search(import::wide(l.text), numbered) && l.text.find("。") == std::string::npos;
        if (prev && l.runs.size() == 1 && !l.indented && !heading && !l.chrome) {
            const std::string& p = prev->text;
            // A hard wrap: the line reached the wrap width, or (Latin) the next line's first word
            // would not have fitted on it.
            if (page.hardWrapped) join = reaches(p) || wrappedBefore(p, l.text);
            // Paragraphs marked by an indent: a line that is not indented continues a wide one.
            if (!join && indentWrapped) join = wide(p);
            // A short line that breaks off mid-phrase (after a colon, a comma or a small word, or
            // before a lower-case word): a title or name set over two lines.
            if (!join && !cjkLine(p) && !cjkLine(l.text) && p.find(' ') != std::string::npos && !endsSentence(p) &&
                displayWidth(p) + displayWidth(l.text) <= 160 && !prev->chrome) {
                const size_t sp = p.rfind(' ');
                const std::string lastWord = p.substr(sp + 1);
                static const std::vector<std::string> small = {"in", "of", "the", "and", "for", "to", "a", "an", "on", "at", "with", "from", "by", "or"};
                const bool open = p.back() == ':' || p.back() == ',' || std::find(small.begin(), small.end(), lastWord) != small.end();
                join = open || std::islower(static_cast<unsigned char>(l.text[0]));
            }
        }
        // A Chinese title over two lines: the first ends on a word that cannot end a phrase
        // ("…改造中的" / "租户安置问题研究").
        if (!join && prev && l.runs.size() == 1 && !l.indented && cjkLine(prev->text) && cjkLine(l.text) && !prev->indented &&
            displayWidth(prev->text) <= 40 && displayWidth(l.text) <= 40 && !endsSentence(prev->text)) {
            static const std::u32string open = U"的之与與和及或在对對于於把被将將从從向为為";
            const std::u32string p = toU32(prev->text);
            join = !p.empty() && open.find(p.back()) != std::u32string::npos;
        }
        if (join) {
            PageBlock& b = page.blocks.back();
            // "infra-" + "structure": a hyphen the wrap added.
            const bool hyphen = b.text.size() > 2 && b.text.back() == '-' && std::isalpha(static_cast<unsigned char>(b.text[b.text.size() - 2])) &&
                                std::islower(static_cast<unsigned char>(l.text[0]));
            if (hyphen) {
                b.text.pop_back();
                b.text += l.text;
            } else {
                joinWrapped(b.text, l.text);
            }
            ++b.sourceLines;
        } else {
            for (size_t r = 0; r < l.runs.size(); ++r) {
                PageBlock b;
                b.line = l.no;
                b.text = l.runs[r];
                b.indented = r == 0 && l.indented;
                b.piece = l.runs.size() > 1;
                b.blankBefore = r == 0 && blank;
                page.blocks.push_back(std::move(b));
            }
        }
        prev = l.runs.size() == 1 ? &l : nullptr;
        blank = false;
    }
    page.hardWrapped = page.hardWrapped || indentWrapped;
    return page;
}

}  // namespace inkstone::import
