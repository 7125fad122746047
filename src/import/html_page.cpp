// HTML pages through gumbo (an HTML5 parser): semantic cues first (<article>, <h1>, <time>,
// og:/article: meta tags, rel=author and byline elements, pull-quote blockquotes), then the text
// heuristics of extract.cpp for what the markup does not say.
#include <glib.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "base/utf8.h"
#include "import/extract.h"

namespace inkstone::import {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

const char* attr(const GumboNode* n, const char* name) {
    if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : nullptr;
}

std::string classAndId(const GumboNode* n) {
    std::string s;
    if (const char* c = attr(n, "class")) s += c;
    s += ' ';
    if (const char* i = attr(n, "id")) s += i;
    return lower(s);
}

bool isElement(const GumboNode* n, GumboTag tag) { return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag; }

// Collapse runs of white space (not NBSP) to one space.
std::string collapse(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

bool skipped(GumboTag t) {
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
}

// Plain text of a subtree (scripts and styles skipped). Iterative: pages nest markup deeply.
void plainText(const GumboNode* root, std::string& out) {
    std::vector<std::pair<const GumboNode*, bool>> stack{{root, false}};  // node, closing
    while (!stack.empty()) {
        auto [n, closing] = stack.back();
        stack.pop_back();
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
            out += n->v.text.text;
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        const GumboTag t = n->v.element.tag;
        if (closing) {
            if (t == GUMBO_TAG_P || t == GUMBO_TAG_DIV || t == GUMBO_TAG_LI || t == GUMBO_TAG_TD || t == GUMBO_TAG_BR) out += ' ';
            continue;
        }
        if (skipped(t)) continue;
        stack.push_back({n, true});
        const GumboVector& kids = n->v.element.children;
        for (unsigned k = kids.length; k > 0; --k) stack.push_back({static_cast<const GumboNode*>(kids.data[k - 1]), false});
    }
}

std::string textOf(const GumboNode* n) {
    std::string s;
    plainText(n, s);
    return trimWeb(collapse(s));
}

// Emphasis is written with private-use markers first (U+E000/E001 emphasis, U+E002/E003 strong)
// and made "*" / "**" only where CommonMark's flanking rules will read them as such (see
// resolveEmphasis); elsewhere the markup is dropped and the text kept.
const char* const kEmOpen = "\uE000";
const char* const kEmClose = "\uE001";
const char* const kStrongOpen = "\uE002";
const char* const kStrongClose = "\uE003";

bool isInline(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_B: case GUMBO_TAG_STRONG: case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_SPAN:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_SUP: case GUMBO_TAG_SUB: case GUMBO_TAG_CODE: case GUMBO_TAG_ABBR:
    case GUMBO_TAG_U: case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_CITE: case GUMBO_TAG_FONT: case GUMBO_TAG_S:
    case GUMBO_TAG_DEL: case GUMBO_TAG_INS: case GUMBO_TAG_LABEL: case GUMBO_TAG_BR: case GUMBO_TAG_WBR: case GUMBO_TAG_DFN:
    case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_VAR: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO: case GUMBO_TAG_TT:
    case GUMBO_TAG_BIG: case GUMBO_TAG_NOBR: case GUMBO_TAG_IMG:
        return true;
    default:
        return false;
    }
}

std::string encodeUrl(const std::string& url) {
    std::string out;
    for (char c : url) {
        if (c == ' ') out += "%20";
        else if (c == '(') out += "%28";
        else if (c == ')') out += "%29";
        else if (c == '<') out += "%3C";
        else if (c == '>') out += "%3E";
        else if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out;
}

// Inline Markdown of a subtree: text escaped, emphasis, strong, links. Below `depth` 100 the rest
// is taken as plain text (pages nest markup deeply, and this recurses).
void inlineMarkdown(const GumboNode* n, std::string& out, int depth = 0) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
        out += escapeMarkdown(n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboTag t = n->v.element.tag;
    if (skipped(t) || t == GUMBO_TAG_IMG) return;
    if (t == GUMBO_TAG_BR) {
        out += ' ';
        return;
    }
    if (depth > 100) {
        std::string plain;
        plainText(n, plain);
        out += escapeMarkdown(plain);
        return;
    }
    std::string inner;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) inlineMarkdown(static_cast<const GumboNode*>(kids.data[i]), inner, depth + 1);
    const std::string content = trimWeb(collapse(inner));
    // Spaces just inside the markup move outside it ("a <em>b </em>c" -> "a *b* c").
    const bool lead = !inner.empty() && std::isspace(static_cast<unsigned char>(inner.front()));
    const bool trail = !inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()));
    auto wrap = [&](const std::string& l, const std::string& r) {
        if (content.empty()) {
            out += inner;
            return;
        }
        out += (lead ? " " : "") + l + content + r + (trail ? " " : "");
    };
    const char* href = attr(n, "href");
    if (t == GUMBO_TAG_EM || t == GUMBO_TAG_I) {
        wrap(kEmOpen, kEmClose);
    } else if (t == GUMBO_TAG_STRONG || t == GUMBO_TAG_B) {
        wrap(kStrongOpen, kStrongClose);
    } else if (t == GUMBO_TAG_A && href && (std::string(href).rfind("http://", 0) == 0 || std::string(href).rfind("https://", 0) == 0)) {
        if (!out.empty() && out.back() == '!') out.insert(out.size() - 1, "\\");  // "!" + "[" would be an image
        wrap("[", "](" + encodeUrl(href) + ")");
    } else {
        out += inner;
    }
}

// The emphasis markers of inlineMarkdown as "*" / "**", or dropped (text kept) where CommonMark
// would not read them: an opening one must be left-flanking, a closing one right-flanking.
std::string resolveEmphasis(const std::string& md) {
    const std::u32string u = toU32(md);
    auto marker = [](char32_t c) { return c >= 0xE000 && c <= 0xE003; };
    auto ws = [](char32_t c) { return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == 0xA0 || c == 0x3000; };
    auto punct = [](char32_t c) { return c != 0 && (g_unichar_ispunct(static_cast<gunichar>(c)) || (c < 128 && std::ispunct(static_cast<int>(c)))); };
    std::vector<int> keep(u.size(), 1);
    std::vector<size_t> partner(u.size(), SIZE_MAX);
    std::vector<size_t> open;
    auto around = [&](size_t k, char32_t& prev, char32_t& next) {
        prev = next = 0;
        for (size_t j = k; j > 0; --j)
            if (!marker(u[j - 1])) {
                prev = u[j - 1];
                break;
            }
        for (size_t j = k + 1; j < u.size(); ++j)
            if (!marker(u[j])) {
                next = u[j];
                break;
            }
    };
    for (size_t k = 0; k < u.size(); ++k) {
        if (!marker(u[k])) continue;
        char32_t prev, next;
        around(k, prev, next);
        if (u[k] == 0xE000 || u[k] == 0xE002) {
            keep[k] = !ws(next) && (!punct(next) || ws(prev) || punct(prev));
            open.push_back(k);
        } else if (!open.empty()) {
            const size_t o = open.back();
            open.pop_back();
            const bool right = !ws(prev) && (!punct(prev) || ws(next) || punct(next));
            const bool both = keep[o] && right;
            keep[o] = keep[k] = both;
            partner[o] = k;
            partner[k] = o;
        } else {
            keep[k] = 0;
        }
    }
    for (size_t o : open) keep[o] = 0;
    // Markers side by side would merge into one delimiter run ("**a****b**"): such pairs go.
    for (size_t k = 0; k + 1 < u.size(); ++k)
        if (marker(u[k]) && marker(u[k + 1]) && keep[k] && keep[k + 1])
            for (size_t m : {k, k + 1}) {
                keep[m] = 0;
                if (partner[m] != SIZE_MAX) keep[partner[m]] = 0;
            }
    std::string out;
    for (size_t k = 0; k < u.size(); ++k) {
        if (!marker(u[k])) {
            appendUtf8(out, u[k]);
            continue;
        }
        if (!keep[k]) continue;
        out += (u[k] == 0xE000 || u[k] == 0xE001) ? "*" : "**";
    }
    return out;
}

std::string markdownOf(const GumboNode* n) {
    std::string s;
    inlineMarkdown(n, s);
    return resolveEmphasis(trimWeb(collapse(s)));
}

struct Page {
    std::map<std::string, std::string> meta;  // property or name (lower case) -> content
    std::string titleTag, htmlLang;
    const GumboNode* root = nullptr;  // the article's container
};

void collectMeta(const GumboNode* root, Page& p) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        if (isElement(n, GUMBO_TAG_META)) {
            const char* key = attr(n, "property");
            if (!key) key = attr(n, "name");
            if (!key) key = attr(n, "itemprop");
            const char* content = attr(n, "content");
            if (key && content && !p.meta.count(lower(key))) p.meta[lower(key)] = trimWeb(collapse(content));
        } else if (isElement(n, GUMBO_TAG_TITLE) && p.titleTag.empty()) {
            p.titleTag = textOf(n);
        } else if (isElement(n, GUMBO_TAG_HTML) && attr(n, "lang")) {
            p.htmlLang = attr(n, "lang");
        }
        if (isElement(n, GUMBO_TAG_BODY)) continue;  // meta and title live in the head
        const GumboVector& kids = n->v.element.children;
        for (unsigned k = kids.length; k > 0; --k) stack.push_back(static_cast<const GumboNode*>(kids.data[k - 1]));
    }
}

// The element holding the article: the <article> with the most text, else a known body class,
// else <main>, else <body>.
void findRoot(const GumboNode* root, const GumboNode*& article, size_t& best, const GumboNode*& main, const GumboNode*& body,
              const GumboNode*& known) {
    static const std::regex bodyClass(R"((^|\s)(article-body|article-content|post-content|entry-content|story-body|articlebody)(\s|$))");
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        const GumboTag t = n->v.element.tag;
        if (t == GUMBO_TAG_ARTICLE) {
            const size_t len = textOf(n).size();
            if (len > best) {
                best = len;
                article = n;
            }
        } else if (t == GUMBO_TAG_MAIN && !main) {
            main = n;
        } else if (t == GUMBO_TAG_BODY) {
            body = n;
        }
        const std::string cls = classAndId(n);
        if (!known && cls.size() < 300 &&
            (std::regex_search(cls, bodyClass) || (attr(n, "itemprop") && lower(attr(n, "itemprop")) == "articlebody")))
            known = n;
        const GumboVector& kids = n->v.element.children;
        for (unsigned k = kids.length; k > 0; --k) stack.push_back(static_cast<const GumboNode*>(kids.data[k - 1]));
    }
}

// Walks the article's container into blocks and header fields.
struct Walker {
    explicit Walker(ImportedArticle& article) : a(article) {}
    ImportedArticle& a;
    std::vector<Block> blocks;
    bool relatedSkip = false;
    std::string h1;
    std::optional<model::Date> timeDate;
    std::string kicker;        // a section label before the <h1>
    std::string crumbSection;  // the breadcrumb's last item

    bool deepWarned = false;
    DiagnosticSink* sink = nullptr;
    std::string path;

    void removed(const GumboNode* n, const std::string& why) {
        const std::string t = textOf(n);
        if (!t.empty()) a.removed.push_back(Removed{static_cast<int>(n->v.element.start_pos.line), t, why});
    }

    void paragraph(const std::string& md, const std::string& plain, int line, Block::Kind kind = Block::Paragraph) {
        const std::string text = escapeEntities(resolveEmphasis(trimWeb(collapse(md))));
        if (text.empty()) return;
        Block b{kind, text, {}, line, {}};
        b.plain = trimWeb(collapse(plain));
        blocks.push_back(std::move(b));
    }

    // The children of a container: runs of text and inline elements become paragraphs (no text
    // outside a <p> is lost), block elements are walked.
    void children(const GumboNode* n, int depth) {
        std::string md, plain;
        int line = 0;
        auto flush = [&] {
            if (!trimWeb(collapse(plain)).empty()) paragraph(md, plain, line);
            md.clear();
            plain.clear();
        };
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            auto* k = static_cast<const GumboNode*>(kids.data[i]);
            const bool text = k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_CDATA;
            if (text || (k->type == GUMBO_NODE_ELEMENT && isInline(k->v.element.tag) && !isByline(k))) {
                if (md.empty()) line = text ? static_cast<int>(k->v.text.start_pos.line) : static_cast<int>(k->v.element.start_pos.line);
                inlineMarkdown(k, md);
                plainText(k, plain);
                continue;
            }
            flush();
            walk(k, depth + 1);
        }
        flush();
    }

    bool isByline(const GumboNode* n) const {
        static const std::regex bylineClass(R"((^|[\s_-])(byline|author|authors|article-author)([\s_-]|$))");
        const std::string cls = classAndId(n);
        const char* rel = attr(n, "rel");
        return (cls.size() < 300 && std::regex_search(cls, bylineClass)) || (rel && lower(rel) == "author");
    }

    void walk(const GumboNode* n, int depth = 0) {
        if (n->type != GUMBO_NODE_ELEMENT) return;
        const GumboTag t = n->v.element.tag;
        const std::string cls = classAndId(n);
        const int line = static_cast<int>(n->v.element.start_pos.line);
        if (depth > 200) {
            // Markup nested this deep is read as plain text (and said so).
            std::string plain;
            plainText(n, plain);
            paragraph(escapeMarkdown(plain), plain, line);
            if (!deepWarned && sink) sink->warn(path, {line, 1}, "markup nested more than 200 levels deep is read as plain text");
            deepWarned = true;
            return;
        }
        switch (t) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_IMG:
        case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
            return;
        case GUMBO_TAG_NAV: removed(n, "navigation"); return;
        case GUMBO_TAG_FORM: removed(n, "form"); return;
        case GUMBO_TAG_ASIDE: removed(n, cls.find("share") != std::string::npos ? "share bar" : "aside"); return;
        case GUMBO_TAG_FIGCAPTION: removed(n, "photo caption"); return;
        default: break;
        }
        static const std::regex chromeClass(
            R"((^|[\s_-])(share|sharing|social|bdshare|related|newsletter|breadcrumbs?|crumbs?|advert|ads?|ad-slot|promo|comments?|tags|topics|subscribe|signup|sidebar|toolbar|print|lang-switcher|language|skip-link|nav|navbar|menu|footer|copyright|editor)([\s_-]|$))");
        static const std::regex bioClass(R"((^|[\s_-])(author-bio|author-info|about-author|bio|author-note)([\s_-]|$))");
        const bool shortClass = cls.size() < 300;
        if (shortClass && std::regex_search(cls, bioClass)) {
            std::string bio;
            const GumboVector& kids = n->v.element.children;
            for (unsigned i = 0; i < kids.length; ++i) {
                auto* k = static_cast<const GumboNode*>(kids.data[i]);
                if (k->type == GUMBO_NODE_ELEMENT && (k->v.element.tag == GUMBO_TAG_H2 || k->v.element.tag == GUMBO_TAG_H3 ||
                                                      k->v.element.tag == GUMBO_TAG_H4)) {
                    removed(k, "bio heading");
                    continue;
                }
                std::string s = textOf(k);
                if (!s.empty()) bio += (bio.empty() ? "" : "\n") + s;
            }
            if (!bio.empty()) a.bio = bio;
            return;
        }
        if (shortClass && std::regex_search(cls, chromeClass)) {
            std::string why = "web chrome (" + cls.substr(0, cls.find_first_of(' ', 1)) + ")";
            if (cls.find("related") != std::string::npos) why = "related list";
            else if (cls.find("share") != std::string::npos) why = "share bar";
            else if (cls.find("crumb") != std::string::npos) {
                why = "breadcrumbs";
                if (crumbSection.empty()) crumbSection = sectionFromBreadcrumb(textOf(n));
            } else if (cls.find("editor") != std::string::npos) why = "editor credit";
            else if (cls.find("nav") != std::string::npos || cls.find("menu") != std::string::npos) why = "navigation";
            else if (cls.find("footer") != std::string::npos || cls.find("copyright") != std::string::npos) why = "copyright footer";
            else if (cls.find("ad") != std::string::npos) why = "advertisement";
            else if (cls.find("tags") != std::string::npos || cls.find("topics") != std::string::npos) why = "tag list";
            removed(n, why);
            return;
        }
        if (isByline(n) && t != GUMBO_TAG_ARTICLE) {
            byline(n);
            return;
        }
        if (t == GUMBO_TAG_TIME) {
            if (!timeDate) {
                const char* dt = attr(n, "datetime");
                timeDate = findDate(dt ? dt : textOf(n));
            }
            removed(n, "date (read as the date)");
            return;
        }
        if (t == GUMBO_TAG_H1) {
            if (h1.empty()) h1 = textOf(n);
            return;
        }
        if (t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6) {
            const std::string text = textOf(n);
            if (isRelatedHeading(text)) {
                relatedSkip = true;
                removed(n, "related list");
                return;
            }
            relatedSkip = false;
            paragraph(markdownOf(n), text, line, Block::Heading);
            return;
        }
        if (relatedSkip) {
            removed(n, "related list");
            return;
        }
        if (t == GUMBO_TAG_BLOCKQUOTE) {
            const bool pull = cls.find("pull") != std::string::npos;
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
            if (pull) {
                Block b{Block::PullQuote, body, who, line, {}};
                b.plain = trimWeb(collapse(plain));
                blocks.push_back(std::move(b));
            } else {
                paragraph("> " + body + (who.empty() ? "" : " — " + escapeMarkdown(who)), plain, line);
            }
            return;
        }
        if (t == GUMBO_TAG_P) {
            const std::string text = textOf(n);
            if (text.empty()) return;
            if (h1.empty() && blocks.empty() && (cls.find("section") != std::string::npos || cls.find("kicker") != std::string::npos ||
                                                 cls.find("category") != std::string::npos)) {
                kicker = text;
                a.removed.push_back(Removed{line, text, "section label (read as the section)"});
                return;
            }
            paragraph(markdownOf(n), text, line);
            return;
        }
        if (t == GUMBO_TAG_LI) {
            // A list item's own text; nested lists are walked after it.
            std::string md, plain;
            const GumboVector& kids = n->v.element.children;
            std::vector<const GumboNode*> nested;
            for (unsigned i = 0; i < kids.length; ++i) {
                auto* k = static_cast<const GumboNode*>(kids.data[i]);
                if (k->type == GUMBO_NODE_ELEMENT && (k->v.element.tag == GUMBO_TAG_UL || k->v.element.tag == GUMBO_TAG_OL)) {
                    nested.push_back(k);
                    continue;
                }
                inlineMarkdown(k, md);
                plainText(k, plain);
            }
            paragraph(md, plain, line, Block::ListItem);
            for (auto* k : nested) walk(k, depth + 1);
            return;
        }
        if (t == GUMBO_TAG_PRE) {
            std::string plain;
            plainText(n, plain);
            paragraph(escapeMarkdown(plain), plain, line);
            return;
        }
        children(n, depth);
    }

    void byline(const GumboNode* n) {
        model::Author au;
        std::vector<const GumboNode*> stack{n};
        while (!stack.empty()) {
            const GumboNode* k = stack.back();
            stack.pop_back();
            if (k->type != GUMBO_NODE_ELEMENT) continue;
            const std::string c = classAndId(k);
            const char* rel = attr(k, "rel");
            const char* prop = attr(k, "itemprop");
            if ((rel && lower(rel) == "author") || (prop && lower(prop) == "author") || c.find("author-name") != std::string::npos) {
                if (au.name.empty()) au.name = textOf(k);
                continue;
            }
            if (c.find("position") != std::string::npos || c.find("role") != std::string::npos || c.find("job") != std::string::npos) {
                au.position = textOf(k);
                continue;
            }
            if (c.find("organization") != std::string::npos || c.find("organisation") != std::string::npos ||
                c.find("affiliation") != std::string::npos) {
                au.organization = textOf(k);
                continue;
            }
            const GumboVector& kids = k->v.element.children;
            for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
        }
        const int line = static_cast<int>(n->v.element.start_pos.line);
        a.removed.push_back(Removed{line, textOf(n), "byline (read as the authors)"});
        if (au.name.empty()) {
            for (auto& b : parseByline(textOf(n))) a.authors.push_back(b);
            return;
        }
        a.authors.push_back(au);
    }
};

// "Title | Site" / "Title - Site": the title alone.
std::string withoutSiteName(const std::string& t) {
    for (const char* sep : {" | ", " – ", " — ", " - ", "｜", "_"}) {
        const size_t at = t.rfind(sep);
        if (at != std::string::npos && at > 10) return trimWeb(t.substr(0, at));
    }
    return t;
}

}  // namespace

ImportedArticle importHtml(const std::string& path, const std::string& bytes, DiagnosticSink& sink) {
    // The declared charset (a meta tag near the top), for bytes that are not UTF-8.
    std::string declared;
    static const std::regex charset(R"(charset\s*=\s*["']?([A-Za-z0-9_-]+))", std::regex::icase);
    std::smatch m;
    const std::string head = bytes.substr(0, 4096);
    if (std::regex_search(head, m, charset)) declared = lower(m[1]);
    const Decoded d = decode(bytes, path, declared);
    // Parse errors are not recorded: gumbo copies the open-element stack into each one, which made
    // a page of unclosed tags cost gigabytes.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput* out = gumbo_parse_with_options(&options, d.text.data(), d.text.size());
    ImportedArticle a;
    Page p;
    collectMeta(out->root, p);
    const GumboNode *article = nullptr, *main = nullptr, *body = nullptr, *known = nullptr;
    size_t best = 0;
    findRoot(out->root, article, best, main, body, known);
    p.root = article ? article : known ? known : main ? main : body ? body : out->root;

    Walker w(a);
    w.sink = &sink;
    w.path = path;
    w.walk(p.root);

    // Header fields: meta tags and semantic elements first.
    auto meta = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys)
            if (auto it = p.meta.find(k); it != p.meta.end() && !it->second.empty()) return it->second;
        return {};
    };
    a.title = !w.h1.empty() ? w.h1 : withoutSiteName(!meta({"og:title"}).empty() ? meta({"og:title"}) : p.titleTag);
    if (w.h1.empty() && !a.title.empty()) sink.warn(path, {}, "no <h1>; the title is taken from the page's title tags");
    a.section = meta({"article:section"});
    if (a.section.empty()) a.section = w.kicker;
    if (a.section.empty()) a.section = w.crumbSection;
    // Header lines the markup did not mark (portal pages: "2014-12-03 09:15 来源：X 作者：Y" in a
    // plain <div>): read as the date and authors, like a text page's, until the first paragraph.
    for (size_t k = 0; k < w.blocks.size() && k < 8; ++k) {
        Block& b = w.blocks[k];
        if (b.kind != Block::Paragraph || b.text.empty()) continue;
        const std::string plain = b.plain.empty() ? b.text : b.plain;
        if (paragraphLike(plain, false)) break;
        const auto date = displayWidth(plain) < 90 ? findDate(plain) : std::nullopt;
        const auto names = parseByline(plain);
        if (!date && names.empty()) continue;
        if (date && !a.date) a.date = date;
        if (a.authors.empty())
            for (const auto& au : names) a.authors.push_back(au);
        a.removed.push_back(Removed{b.line, plain, date ? "date line (read as the date)" : "byline (read as the authors)"});
        b.text.clear();
    }
    for (const char* k : {"article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date"}) {
        if (a.date) break;
        const std::string v = meta({k});
        if (!v.empty()) a.date = findDate(v);
    }
    if (!a.date) a.date = w.timeDate;
    a.summary = meta({"og:description", "description"});
    if (a.authors.empty()) {
        const std::string au = meta({"author", "article:author"});
        if (!au.empty() && au.rfind("http", 0) != 0)
            for (auto& b : parseByline("By " + au)) a.authors.push_back(b);
    }
    // Body: chrome lines the markup did not mark are dropped like those of a text page.
    std::string all;
    for (auto& b : w.blocks) {
        if (b.text.empty()) continue;
        const std::string plain = b.plain.empty() ? b.text : b.plain;
        // A paragraph that is all bold and reads as a subheading is one (Chinese portals set "一、…"
        // headings so).
        if (b.kind == Block::Paragraph && b.text.size() > 4 && b.text.rfind("**", 0) == 0 &&
            b.text.compare(b.text.size() - 2, 2, "**") == 0 && b.text.find("**", 2) == b.text.size() - 2 &&
            looksLikeSubheading(plain, false)) {
            b.kind = Block::Heading;
            b.text = b.text.substr(2, b.text.size() - 4);
        }
        if (b.kind == Block::Paragraph || b.kind == Block::ListItem) {
            const std::string why = chromeReason(plain);
            if (!why.empty()) {
                a.removed.push_back(Removed{b.line, plain, why});
                continue;
            }
        }
        all += plain;
        a.body.push_back(std::move(b));
    }
    // From the text itself (a page's lang attribute is often a site-wide default); the attribute
    // adds only the region of Traditional Chinese (zh-HK -> zh-Hant-HK).
    a.lang = detectLanguage(all.empty() ? a.title : all);
    const std::string tag = lower(p.htmlLang);
    if (a.lang == "zh-Hant" && (tag.find("hk") != std::string::npos || tag.find("mo") != std::string::npos)) a.lang = "zh-Hant-HK";
    // Last paragraphs that are the author's note, when the page has no bio element.
    while (a.bio.empty() && !a.body.empty() && a.body.back().kind == Block::Paragraph && isBioLine(a.body.back().plain, a.authors)) {
        a.bio = bioText(a.body.back().plain);
        a.body.pop_back();
    }
    gumbo_destroy_output(&options, out);
    if (a.title.empty()) sink.warn(path, {}, "no title found (no <h1>, og:title or <title>)");
    if (!a.date) sink.warn(path, {}, "no date found; the article has none (add `date:` to the front matter)");
    if (a.authors.empty()) sink.warn(path, {}, "no author found; the article has none (add `authors:`)");
    std::sort(a.removed.begin(), a.removed.end(), [](const Removed& x, const Removed& y) { return x.line < y.line; });
    return a;
}

}  // namespace inkstone::import
