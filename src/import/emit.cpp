// ImportedArticle -> Markdown with YAML front matter (the article input of PRODUCT.md section 1).
#include <cstdio>
#include <cctype>

#include "import/extract.h"

namespace inkstone::import {

namespace {

// A YAML scalar: plain when it reads back as the same string, else double-quoted. (Checked by
// hand: a regex over a long value would recurse once per character.)
bool plainSafe(const std::string& s) {
    if (s.empty()) return false;
    static const std::string indicators = "-?:,[]{}#&*!|>'\"%@`";
    if (indicators.find(s[0]) != std::string::npos || s[0] == ' ' || s[0] == '\t') return false;
    if (s.back() == ' ' || s.back() == '\t' || s.back() == ':') return false;
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return false;
    // Words YAML reads as booleans or null, numbers, dates.
    std::string low;
    for (char c : s) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"})
        if (low == w) return false;
    if (s.find_first_not_of("0123456789+-.eE_xXoObB:") == std::string::npos) return false;
    if (s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' && s[7] == '-') return false;
    return true;
}

std::string scalar(const std::string& s) {
    if (plainSafe(s)) return s;
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n' || c == '\t' || c < 0x20 || c == 0x7F) {
            out += ' ';  // (decode has removed control characters; a line break is a space here)
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

}  // namespace

std::string toMarkdown(const ImportedArticle& a) {
    std::string out = "---\n";
    out += "title: " + scalar(a.title.empty() ? std::string("Untitled") : a.title) + "\n";
    if (!a.subtitle.empty()) out += "subtitle: " + scalar(a.subtitle) + "\n";
    if (!a.section.empty()) out += "section: " + scalar(a.section) + "\n";
    if (a.date) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", a.date->year, a.date->month, a.date->day);
        out += std::string("date: ") + buf + "\n";
    }
    out += "lang: " + a.lang + "\n";
    if (!a.authors.empty()) {
        out += "authors:\n";
        for (const auto& au : a.authors) {
            out += "  - name: " + scalar(au.name) + "\n";
            if (!au.position.empty()) out += "    position: " + scalar(au.position) + "\n";
            if (!au.organization.empty()) out += "    organization: " + scalar(au.organization) + "\n";
        }
    }
    if (!a.summary.empty()) out += "summary: " + scalar(a.summary) + "\n";
    if (!a.bio.empty()) {
        out += "bio: |\n";
        size_t start = 0;
        while (start <= a.bio.size()) {
            size_t end = a.bio.find('\n', start);
            if (end == std::string::npos) end = a.bio.size();
            out += "  " + a.bio.substr(start, end - start) + "\n";
            if (end == a.bio.size()) break;
            start = end + 1;
        }
    }
    if (!a.extraFrontMatter.empty()) {
        out += a.extraFrontMatter;
        if (out.back() != '\n') out += "\n";
    }
    out += "---\n";
    for (const Block& b : a.body) {
        out += "\n";
        switch (b.kind) {
        case Block::Heading: {
            // A closing "#" run would be taken as the heading's closing sequence.
            std::string t = b.text;
            if (!t.empty() && t.back() == '#') t.insert(t.find_last_not_of('#') + 1, "\\");
            out += "## " + t + "\n";
            break;
        }
        case Block::PullQuote:
            out += "::: pullquote\n" + b.text + "\n";
            if (!b.attribution.empty()) out += "— " + b.attribution + "\n";
            out += ":::\n";
            break;
        case Block::ListItem: out += "- " + b.text + "\n"; break;
        case Block::Paragraph: out += b.text + "\n"; break;
        }
    }
    return out;
}

}  // namespace inkstone::import
