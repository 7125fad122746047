// HTML pages through gumbo (an HTML5 parser) -> blocks (page.h). The markup's cues go into each
// block (its element: <h1>, <h2>-<h6>, <li>, <blockquote>, <figcaption>, <time>, byline and bio
// elements; its ancestors' classes and semantic containers; its link text; whether it lies in the
// article's container) and the page's meta tags into the page; classify decides what is chrome.
#include <gumbo.h>

#include <regex>
#include <set>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/html_nodes.h"

namespace inkstone::import {

namespace dom {

namespace {

// Walks the whole body into blocks, each with the hints its markup gives (page.h). No block is
// dropped here: navigation, asides and footers are blocks too, with their ancestors in `hint`,
// and classify decides.
struct Segmenter {
    SegmentedPage& page;
    const GumboNode* mainRoot = nullptr;
    DiagnosticSink* sink = nullptr;
    std::string path;
    bool deepWarned = false;
    std::vector<std::string> hints;  // one entry per open element with something to say
    std::vector<std::string> owns;   // the class and id of each open element
    int mainDepth = 0;               // > 0 while inside mainRoot
    std::set<const GumboNode*> mainAncestors;  // elements that hold the article: no chrome hint from them
    std::string inlineClasses;       // classes (and rel) of the inline elements of the run being collected

    // Whether an element's children include two <br> in a row (white space between).
    static bool doubleBreak(const GumboNode* n) {
        const GumboVector& kids = n->v.element.children;
        bool br = false;
        for (unsigned i = 0; i < kids.length; ++i) {
            auto* k = static_cast<const GumboNode*>(kids.data[i]);
            if (k->type == GUMBO_NODE_WHITESPACE) continue;
            if (isElement(k, GUMBO_TAG_BR)) {
                if (br) return true;
                br = true;
            } else {
                br = false;
            }
        }
        return false;
    }

    // An inline element that holds a <time>, a byline or a bio is walked as a block.
    static bool holdsFields(const GumboNode* n) {
        std::vector<std::pair<const GumboNode*, int>> stack{{n, 0}};
        while (!stack.empty()) {
            auto [k, d] = stack.back();
            stack.pop_back();
            if (k->type != GUMBO_NODE_ELEMENT || d > 12) continue;
            if (k->v.element.tag == GUMBO_TAG_TIME || (k != n && (isByline(k) || isBioClass(classAndId(k))))) return true;
            const GumboVector& kids = k->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), d + 1});
        }
        return false;
    }

    std::string hint() const {
        std::string s;
        for (const auto& h : hints)
            if (!h.empty() && s.size() < 600) s += h + " ; ";
        return s;
    }

    PageBlock& add(PageBlock::Tag tag, const std::string& md, const std::string& plain, int line, size_t linkChars) {
        PageBlock b;
        b.tag = tag;
        b.line = line;
        b.markdown = escapeEntities(resolveEmphasis(trimWeb(collapse(md))));
        b.text = trimWeb(collapse(plain));
        b.linkChars = linkChars;
        b.hint = hint();
        b.ownClass = (owns.empty() ? std::string() : owns.back()) + " " + inlineClasses;
        b.inMain = mainRoot == nullptr || mainDepth > 0;
        const std::string& m = b.markdown;
        b.bold = m.size() > 4 && m.rfind("**", 0) == 0 && m.compare(m.size() - 2, 2, "**") == 0 && m.find("**", 2) == m.size() - 2;
        page.blocks.push_back(std::move(b));
        return page.blocks.back();
    }
    void addText(const std::string& md, const std::string& plain, int line, size_t links, PageBlock::Tag tag = PageBlock::Tag::Text) {
        if (trimWeb(collapse(plain)).empty()) return;
        add(tag, md, plain, line, links);
    }

    static size_t linkText(const GumboNode* n) {
        size_t count = 0;
        std::vector<const GumboNode*> stack{n};
        while (!stack.empty()) {
            const GumboNode* k = stack.back();
            stack.pop_back();
            if (k->type != GUMBO_NODE_ELEMENT) continue;
            if (k->v.element.tag == GUMBO_TAG_A) {
                count += toU32(textOf(k)).size();
                continue;
            }
            const GumboVector& kids = k->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
        }
        return count;
    }

    // The children of a container: runs of text and inline elements become blocks (no text
    // outside a <p> is lost), block elements are walked.
    void children(const GumboNode* n, int depth) {
        std::string md, plain;
        int line = 0;
        size_t links = 0;
        auto flush = [&] {
            addText(md, plain, line, links);
            md.clear();
            plain.clear();
            links = 0;
            inlineClasses.clear();
        };
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            auto* k = static_cast<const GumboNode*>(kids.data[i]);
            const bool text = k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_CDATA;
            // Two line breaks in a row end a paragraph (pages without <p> set text so).
            if (isElement(k, GUMBO_TAG_BR)) {
                unsigned j = i + 1;
                while (j < kids.length && static_cast<const GumboNode*>(kids.data[j])->type == GUMBO_NODE_WHITESPACE) ++j;
                if (j < kids.length && isElement(static_cast<const GumboNode*>(kids.data[j]), GUMBO_TAG_BR)) {
                    flush();
                    i = j;
                    continue;
                }
            }
            // An inline element whose content holds such breaks (a <font> around a whole text) is a container.
            if (!text && k->type == GUMBO_NODE_ELEMENT && isInline(k->v.element.tag) && doubleBreak(k)) {
                flush();
                walk(k, depth + 1);
                continue;
            }
            if (text || (k->type == GUMBO_NODE_ELEMENT && isInline(k->v.element.tag) && !isByline(k) && !isTimeOrBio(k) && !holdsFields(k))) {
                if (md.empty()) line = text ? static_cast<int>(k->v.text.start_pos.line) : static_cast<int>(k->v.element.start_pos.line);
                inlineMarkdown(k, md);
                plainText(k, plain);
                if (!text) {
                    links += linkText(k);
                    const std::string c = classAndId(k);
                    if (c.size() > 1 && c.size() < 100 && inlineClasses.size() < 200) inlineClasses += c;
                    if (const char* rel = attr(k, "rel"); rel && inlineClasses.size() < 200) inlineClasses += std::string(" rel-") + rel;
                }
                continue;
            }
            flush();
            walk(k, depth + 1);
        }
        flush();
    }

    static bool isByline(const GumboNode* n) {
        static const std::regex bylineClass(R"((^|[\s_-])(byline|author|authors|article-author|author-card|writer|contributor)([\s_-]|$))");
        const std::string cls = classAndId(n);
        const char* rel = attr(n, "rel");
        const char* prop = attr(n, "itemprop");
        if (isBioClass(cls)) return false;
        return (cls.size() < 300 && std::regex_search(cls, bylineClass)) || (rel && lower(rel) == "author") ||
               (prop && lower(prop) == "author");
    }
    static bool isBioClass(const std::string& cls) {
        static const std::regex bioClass(R"((^|[\s_-])(author-bio|author-info|about-author|about-authors|about-the-author|bio|author-note|author-description|author-about)([\s_-]|$))");
        return cls.size() < 300 && std::regex_search(cls, bioClass);
    }
    static bool isTimeOrBio(const GumboNode* n) { return isElement(n, GUMBO_TAG_TIME) || isBioClass(classAndId(n)); }

    void walk(const GumboNode* n, int depth = 0) {
        if (n->type != GUMBO_NODE_ELEMENT) return;
        const GumboTag t = n->v.element.tag;
        const int line = static_cast<int>(n->v.element.start_pos.line);
        if (depth > 200) {
            // Markup nested this deep is read as plain text (and said so).
            std::string plain;
            plainText(n, plain);
            addText(escapeMarkdown(plain), plain, line, 0);
            if (!deepWarned && sink) sink->warn(path, {line, 1}, "markup nested more than 200 levels deep is read as plain text");
            deepWarned = true;
            return;
        }
        switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD:
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_IMG:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
            return;
        default: break;
        }
        // The hint this element adds: semantic chrome containers by name, and its class and id.
        std::string h;
        switch (t) {
        case GUMBO_TAG_NAV: h = "<nav>"; break;
        case GUMBO_TAG_ASIDE: h = "<aside>"; break;
        case GUMBO_TAG_FOOTER: h = "<footer>"; break;
        case GUMBO_TAG_HEADER: h = "<header>"; break;
        case GUMBO_TAG_FORM: h = "<form>"; break;
        case GUMBO_TAG_FIGURE: h = "<figure>"; break;
        case GUMBO_TAG_MENU: h = "<menu>"; break;
        default: break;
        }
        const std::string cls = classAndId(n);
        if (cls.size() > 1 && cls.size() < 200) h += (h.empty() ? "" : " ") + trimWeb(cls);
        if (mainAncestors.count(n)) h.clear();  // <body class="right-sidebar"> holds the article too
        hints.push_back(h);
        owns.push_back(cls.size() < 200 ? cls : std::string());
        const bool isMain = n == mainRoot;
        if (isMain) ++mainDepth;
        element(n, t, cls, line, depth);
        if (isMain) --mainDepth;
        hints.pop_back();
        owns.pop_back();
    }

    void element(const GumboNode* n, GumboTag t, const std::string& cls, int line, int depth) {
        using Tag = PageBlock::Tag;
        if (isBioClass(cls)) {
            std::string bio;
            const GumboVector& kids = n->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) {
                auto* k = static_cast<const GumboNode*>(kids.data[i]);
                if (k->type == GUMBO_NODE_ELEMENT && (k->v.element.tag == GUMBO_TAG_H2 || k->v.element.tag == GUMBO_TAG_H3 ||
                                                      k->v.element.tag == GUMBO_TAG_H4)) {
                    if (!textOf(k).empty()) add(Tag::Heading, markdownOf(k), textOf(k), static_cast<int>(k->v.element.start_pos.line), 0).hint += " bio-heading";
                    continue;
                }
                std::string s = textOf(k);
                if (!s.empty()) bio += (bio.empty() ? "" : "\n") + s;
            }
            if (!bio.empty()) {
                PageBlock& b = add(Tag::Bio, escapeMarkdown(bio), bio, line, 0);
                b.text = bio;  // lines kept
            }
            return;
        }
        if (isByline(n) && t != GUMBO_TAG_ARTICLE && toU32(textOf(n)).size() < 400) {
            byline(n, line);
            return;
        }
        switch (t) {
        case GUMBO_TAG_TIME: {
            const char* dt = attr(n, "datetime");
            PageBlock& b = add(Tag::Time, escapeMarkdown(textOf(n)), textOf(n), line, 0);
            b.date = findDate(dt ? dt : textOf(n));
            if (!b.date) b.date = findDate(textOf(n));
            return;
        }
        case GUMBO_TAG_H1: addText(markdownOf(n), textOf(n), line, linkText(n), Tag::Title); return;
        case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
            addText(markdownOf(n), textOf(n), line, linkText(n), Tag::Heading);
            return;
        case GUMBO_TAG_FIGCAPTION: addText(markdownOf(n), textOf(n), line, linkText(n), Tag::Caption); return;
        case GUMBO_TAG_BLOCKQUOTE: quote(n, cls, line); return;
        case GUMBO_TAG_P: addText(markdownOf(n), textOf(n), line, linkText(n)); return;
        case GUMBO_TAG_LI: {
            // A list item's own text (its inline content); block elements in it (a nested list,
            // a teaser's summary paragraph) are walked after it.
            std::string md, plain;
            size_t links = 0;
            const GumboVector& kids = n->v.element.children;
            std::vector<const GumboNode*> nested;
            for (unsigned i = 0; i < kids.length; ++i) {
                auto* k = static_cast<const GumboNode*>(kids.data[i]);
                if (k->type == GUMBO_NODE_ELEMENT && !isInline(k->v.element.tag)) {
                    nested.push_back(k);
                    continue;
                }
                inlineMarkdown(k, md);
                plainText(k, plain);
                links += linkText(k);
            }
            addText(md, plain, line, links, Tag::ListItem);
            for (auto* k : nested) walk(k, depth + 1);
            return;
        }
        case GUMBO_TAG_PRE: {
            std::string plain;
            plainText(n, plain);
            addText(escapeMarkdown(plain), plain, line, 0, Tag::Pre);
            return;
        }
        default: children(n, depth); return;
        }
    }

    void quote(const GumboNode* n, const std::string& cls, int line) {
        std::string who, body, plain;
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            auto* k = static_cast<const GumboNode*>(kids.data[i]);
            if (k->type == GUMBO_NODE_ELEMENT && (k->v.element.tag == GUMBO_TAG_FOOTER || k->v.element.tag == GUMBO_TAG_CITE)) {
                who = textOf(k);
                continue;
            }
            const std::string part = markdownOf(k);
            if (!part.empty()) body += (body.empty() ? "" : " ") + part;
            plainText(k, plain);
        }
        static const std::regex dash(R"(^(—|–|-|――)\s*)");
        if (who.size() < 300) who = std::regex_replace(who, dash, "");
        if (body.empty()) return;
        if (cls.find("pull") != std::string::npos) {
            PageBlock& b = add(PageBlock::Tag::PullQuote, body, plain, line, linkText(n));
            b.attribution = who;
        } else {
            PageBlock& b = add(PageBlock::Tag::Quote, body + (who.empty() ? "" : " — " + escapeMarkdown(who)), plain, line, linkText(n));
            b.attribution = who;
        }
    }

    // A byline element: each name element starts an author (a container of author cards holds
    // several); position, organization and note elements after it are that author's.
    void byline(const GumboNode* n, int line) {
        std::vector<model::Author> authors(1);
        std::vector<const GumboNode*> stack{n};
        static const std::regex positionClass(R"((^|[\s_-])(position|role|job|jobtitle|job-title|title|author-title|designation)([\s_-]|$))");
        static const std::regex orgClass(R"((^|[\s_-])(organization|organisation|org|affiliation|institution|company|unit|employer)([\s_-]|$))");
        static const std::regex introClass(R"((^|[\s_-])(intro|bio|description|about|summary)([\s_-]|$))");
        static const std::regex labelClass(R"((^|[\s_-])(label|more)([\s_-]|$))");
        std::string note;
        static const std::regex nameClass(R"((^|[\s_-])(author-name|name|fn)([\s_-]|$))");
        while (!stack.empty()) {
            const GumboNode* k = stack.back();
            stack.pop_back();
            if (k->type != GUMBO_NODE_ELEMENT) continue;
            const std::string c = classAndId(k);
            const char* rel = attr(k, "rel");
            const char* prop = attr(k, "itemprop");
            const bool shortCls = c.size() < 300;
            if (k != n && ((rel && lower(rel) == "author") || (prop && (lower(prop) == "author" || lower(prop) == "name")) ||
                           (shortCls && std::regex_search(c, nameClass)) || (k->v.element.tag == GUMBO_TAG_A && authors.back().name.empty()))) {
                if (!authors.back().name.empty()) authors.emplace_back();
                authors.back().name = textOf(k);
                continue;
            }
            model::Author& au = authors.back();
            if (k != n && shortCls && std::regex_search(c, positionClass)) {
                au.position = textOf(k);
                continue;
            }
            if (k != n && shortCls && std::regex_search(c, orgClass)) {
                au.organization = textOf(k);
                continue;
            }
            if (k != n && shortCls && std::regex_search(c, introClass)) {
                note = textOf(k);  // an author card's note
                continue;
            }
            if (k != n && shortCls && std::regex_search(c, labelClass)) continue;
            const GumboVector& kids = k->v.element.children;
            for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
        }
        // "By Jane Roe" in a link: the name without the "By".
        static const std::regex by(R"(^(by|written by)\s+)", std::regex::icase);
        for (auto& au : authors)
            if (au.name.size() < 200) au.name = std::regex_replace(au.name, by, "");
        PageBlock& b = add(PageBlock::Tag::Byline, escapeMarkdown(textOf(n)), textOf(n), line, 0);
        if (!(authors.size() == 1 && authors[0].name.empty())) b.authors = authors;
        b.attribution = note;
    }
};

}  // namespace

}  // namespace dom

SegmentedPage segmentHtml(const std::string& html, const std::string& path, DiagnosticSink& sink) {
    SegmentedPage page;
    page.html = true;
    // Parse errors are not recorded: gumbo copies the open-element stack into each one, which made
    // a page of unclosed tags cost gigabytes.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
    dom::Page p;
    dom::collectMeta(out->root, p);
    page.meta = p.meta;
    page.titleTag = p.titleTag;
    page.htmlLang = p.htmlLang;
    page.linkedData = dom::readLinkedData(p.jsonLd);
    const GumboNode *article = nullptr, *main = nullptr, *body = nullptr, *known = nullptr;
    size_t best = 0;
    dom::findRoot(out->root, article, best, main, body, known);
    dom::Segmenter s{page, nullptr, nullptr, {}, false, {}, {}, 0, {}, {}};
    s.mainRoot = article ? article : known ? known : main;
    page.mainIsSemantic = s.mainRoot != nullptr;
    for (const GumboNode* k = s.mainRoot ? s.mainRoot->parent : nullptr; k; k = k->parent) s.mainAncestors.insert(k);
    s.sink = &sink;
    s.path = path;
    s.walk(body ? body : out->root);
    gumbo_destroy_output(&options, out);
    return page;
}

}  // namespace inkstone::import
