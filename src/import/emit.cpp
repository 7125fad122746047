// ImportedArticle -> Markdown with YAML front matter (the article input of PRODUCT.md section 1).
#include <cstdio>
#include <regex>

#include "import/extract.h"

namespace inkstone::import {

namespace {

// A YAML scalar: plain when it reads back as the same string, else double-quoted.
std::string scalar(const std::string& s) {
    static const std::regex special(R"(^[-?:,\[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$|^(true|false|yes|no|on|off|null|~|y|n)$|^[-+]?[\d.]+$|^\d{4}-\d\d-\d\d)",
                                    std::regex::ECMAScript | std::regex::icase);
    bool control = false;
    for (unsigned char c : s)
        if (c < 0x20) control = true;
    if (!s.empty() && !control && !std::regex_search(s, special)) return s;
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
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
    out += "---\n";
    for (const Block& b : a.body) {
        out += "\n";
        switch (b.kind) {
        case Block::Heading: out += "## " + b.text + "\n"; break;
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
