// importPage: decode, segment (HTML or scraped text), classify, assemble.
#include <algorithm>
#include <cctype>

#include "base/interrupt.h"
#include "base/utf8.h"
#include "import/extract.h"
#include "import/page.h"

namespace inkstone::import {

namespace {

std::string halfWidth(const std::string& s) {
    std::string out;
    size_t i = 0;
    char32_t prev = 0;
    while (i < s.size()) {
        const char32_t c = decodeUtf8(s, i);
        char32_t next = 0;
        if (i < s.size()) {
            size_t j = i;
            next = decodeUtf8(s, j);
        }
        auto digit = [](char32_t d) { return (d >= '0' && d <= '9') || (d >= U'０' && d <= U'９'); };
        char32_t o = c;
        if ((c >= U'０' && c <= U'９') || (c >= U'Ａ' && c <= U'Ｚ') || (c >= U'ａ' && c <= U'ｚ')) o = c - 0xFEE0;
        else if (c == U'．' && digit(prev) && digit(next)) o = '.';  // 3．50
        else if (c == U'％' && digit(prev)) o = '%';
        appendUtf8(out, o);
        prev = c;
    }
    return out;
}

bool looksLikeHtml(const std::string& path, const std::string& bytes) {
    std::string ext = path.size() > 5 ? path.substr(path.size() - 5) : path;
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".html" || (ext.size() >= 4 && ext.substr(ext.size() - 4) == ".htm")) return true;
    std::string head = bytes.substr(0, 512);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
}

}  // namespace

ImportedArticle importPage(const std::string& path, const std::string& bytes, const ImportOptions& options,
                           DiagnosticSink& sink) {
    const bool html = looksLikeHtml(path, bytes);
    const Decoded d = decode(bytes, path, html ? declaredCharset(bytes) : std::string());
    interrupt::checkpoint();
    const SegmentedPage page = html ? segmentHtml(d.text, path, sink) : segmentText(d.text);
    interrupt::checkpoint();
    Classification cls = classify(page);
    interrupt::checkpoint();
    ImportedArticle a;
    try {
        a = assemble(path, page, cls, sink);
    } catch (...) {
        if (options.explain) *options.explain << explain(path, page, cls);
        throw;
    }
    if (options.explain) *options.explain << explain(path, page, cls);
    if (!html)
        for (Block& b : a.body) b.text = escapeMarkdown(halfWidth(b.text));
    // Full-width Latin letters and digits (ＣＰＩ, ２０１２年) become ASCII, as Chinese print sets them;
    // then no block may start like Markdown block syntax.
    for (std::string* s : {&a.title, &a.subtitle, &a.section, &a.summary, &a.bio}) *s = halfWidth(*s);
    for (Block& b : a.body) b.text = b.kind == Block::Heading ? halfWidth(b.text) : escapeLineStart(halfWidth(b.text));  // "## 1. Introduction" needs no escape
    if (!options.lang.empty()) {
        if (options.lang != "en" && options.lang != "zh-Hans" && options.lang != "zh-Hant" && options.lang != "zh-Hant-HK")
            failAt(path, {}, "unsupported --lang '" + options.lang + "': use en, zh-Hans, zh-Hant or zh-Hant-HK");
        a.lang = options.lang;
    }
    return a;
}

}  // namespace inkstone::import
