// Scraped text: lines -> header (section, title, date, bylines), body paragraphs (hard wraps
// rejoined), subheadings, bio; chrome and related lists dropped (and listed).
#include <algorithm>
#include <regex>

#include "base/utf8.h"
#include "import/extract.h"

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

}  // namespace

std::string trimWeb(const std::string& s) { return trim(s); }

ImportedArticle importText(const std::string& path, const std::string& input, DiagnosticSink& sink) {
    // A corpus record (<doc><url/><contenttitle/><content/></doc>, as Sogou's news sets store
    // pages): its title and text as the page. Entities left by the record are decoded.
    // (Found with find, not std::regex: libstdc++'s regex recurses once per character it spans.)
    std::string text = input;
    const size_t docAt = input.find_first_not_of(" \t\n");
    if (docAt != std::string::npos && input.compare(docAt, 5, "<doc>") == 0) {
        auto field = [&](const std::string& tag) -> std::optional<std::string> {
            const size_t a = input.find("<" + tag + ">");
            if (a == std::string::npos) return std::nullopt;
            const size_t from = a + tag.size() + 2;
            const size_t b = input.find("</" + tag + ">", from);
            if (b == std::string::npos) return std::nullopt;
            return input.substr(from, b - from);
        };
        auto title = field("contenttitle");
        auto content = field("content");
        if (title && content) text = *title + "\n\n" + *content + "\n";
    }
    std::vector<SourceLine> lines;
    size_t start = 0;
    int no = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        ++no;
        SourceLine l;
        l.no = no;
        l.text = trim(text.substr(start, end - start), &l.indented);
        lines.push_back(std::move(l));
        if (end == text.size()) break;
        start = end + 1;
    }
    return extractFromLines(path, lines, sink);
}

}  // namespace inkstone::import
