// HTML pages through gumbo (an HTML5 parser) -> blocks (page.h). The markup's cues go into each
// block (its element: <h1>, <h2>-<h6>, <li>, <blockquote>, <figcaption>, <time>, byline and bio
// elements; its ancestors' classes and semantic containers; its link text; whether it lies in the
// article's container) and the page's meta tags into the page; classify decides what is chrome.
#include <glib.h>
#include <gumbo.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/page.h"

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

// The words an element's markup names it by: class, id, and the attributes frameworks use for
// the same purpose (data-component, data-testid, itemprop, role).
std::string classAndId(const GumboNode* n) {
    std::string s;
    if (const char* c = attr(n, "class")) s += c;
    s += ' ';
    if (const char* i = attr(n, "id")) s += i;
    for (const char* a : {"data-component", "data-testid", "itemprop", "role"})
        if (const char* v = attr(n, a); v && std::string(v).size() < 60) s += std::string(" ") + v;
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
    std::vector<std::string> jsonLd;  // <script type="application/ld+json"> contents
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
        } else if (isElement(n, GUMBO_TAG_SCRIPT) && attr(n, "type") && lower(attr(n, "type")) == "application/ld+json") {
            std::string json;
            const GumboVector& kids = n->v.element.children;
            for (unsigned k = 0; k < kids.length; ++k) {
                auto* t = static_cast<const GumboNode*>(kids.data[k]);
                if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA || t->type == GUMBO_NODE_WHITESPACE) json += t->v.text.text;
            }
            if (json.size() < 200000) p.jsonLd.push_back(json);
        } else if (isElement(n, GUMBO_TAG_TITLE) && p.titleTag.empty()) {
            p.titleTag = textOf(n);
        } else if (isElement(n, GUMBO_TAG_HTML) && attr(n, "lang")) {
            p.htmlLang = attr(n, "lang");
        }
        if (isElement(n, GUMBO_TAG_BODY)) {
            // JSON-LD may sit in the body too; meta and title live in the head.
            std::vector<const GumboNode*> inBody{n};
            while (!inBody.empty()) {
                const GumboNode* b = inBody.back();
                inBody.pop_back();
                if (b->type != GUMBO_NODE_ELEMENT) continue;
                if (b != n && isElement(b, GUMBO_TAG_SCRIPT)) {
                    if (attr(b, "type") && lower(attr(b, "type")) == "application/ld+json") stack.push_back(b);
                    continue;
                }
                const GumboVector& kids = b->v.element.children;
                for (unsigned k = kids.length; k > 0; --k) inBody.push_back(static_cast<const GumboNode*>(kids.data[k - 1]));
            }
            continue;
        }
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

// The article's facts from schema.org JSON-LD (NewsArticle, Article, BlogPosting, Report, ...;
// found at the top level, in arrays and in @graph). Malformed JSON is skipped: it is the page's.
LinkedData readLinkedData(const std::vector<std::string>& scripts) {
    LinkedData out;
    auto str = [](const nlohmann::json& j) -> std::string {
        if (j.is_string()) return trimWeb(collapse(j.get<std::string>()));
        if (j.is_array() && !j.empty() && j[0].is_string()) return trimWeb(collapse(j[0].get<std::string>()));
        if (j.is_object() && j.contains("name") && j["name"].is_string()) return trimWeb(collapse(j["name"].get<std::string>()));
        return {};
    };
    std::vector<const nlohmann::json*> stack;
    std::vector<nlohmann::json> docs;
    for (const auto& s : scripts) {
        auto j = nlohmann::json::parse(s, nullptr, false);
        if (!j.is_discarded()) docs.push_back(std::move(j));
    }
    for (const auto& d : docs) stack.push_back(&d);
    int seen = 0;
    while (!stack.empty() && ++seen < 2000) {
        const nlohmann::json& j = *stack.back();
        stack.pop_back();
        if (j.is_array()) {
            for (const auto& e : j) stack.push_back(&e);
            continue;
        }
        if (!j.is_object()) continue;
        if (j.contains("@graph")) stack.push_back(&j["@graph"]);
        std::string type = j.contains("@type") ? str(j["@type"]) : "";
        static const std::regex article(R"(^(Article|NewsArticle|BlogPosting|Report|OpinionNewsArticle|AnalysisNewsArticle|ReportageNewsArticle|ScholarlyArticle|TechArticle|BackgroundNewsArticle|WebPage)$)");
        if (type.size() > 60 || !std::regex_match(type, article) || (type == "WebPage" && !out.headline.empty())) continue;
        if (out.headline.empty() && j.contains("headline")) out.headline = str(j["headline"]);
        if (out.section.empty() && j.contains("articleSection")) out.section = str(j["articleSection"]);
        if (out.date.empty() && j.contains("datePublished")) out.date = str(j["datePublished"]);
        if (out.description.empty() && j.contains("description")) out.description = str(j["description"]);
        if (out.authors.empty() && j.contains("author")) {
            const auto& a = j["author"];
            std::vector<const nlohmann::json*> list;
            if (a.is_array())
                for (const auto& e : a) list.push_back(&e);
            else
                list.push_back(&a);
            for (const auto* e : list) {
                model::Author au;
                au.name = str(*e);
                if (e->is_object()) {
                    if (e->contains("@type") && str((*e)["@type"]) == "Organization") continue;
                    if (e->contains("jobTitle")) au.position = str((*e)["jobTitle"]);
                    if (e->contains("affiliation")) au.organization = str((*e)["affiliation"]);
                    if (e->contains("worksFor") && au.organization.empty()) au.organization = str((*e)["worksFor"]);
                }
                if (!au.name.empty() && au.name.size() < 100 && au.name.rfind("http", 0) != 0) out.authors.push_back(au);
            }
        }
    }
    return out;
}

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

std::string declaredCharset(const std::string& bytes) {
    static const std::regex charset(R"(charset\s*=\s*["']?([A-Za-z0-9_-]+))", std::regex::icase);
    std::smatch m;
    const std::string head = bytes.substr(0, 4096);
    if (std::regex_search(head, m, charset)) return lower(m[1]);
    return {};
}

SegmentedPage segmentHtml(const std::string& html, const std::string& path, DiagnosticSink& sink) {
    SegmentedPage page;
    page.html = true;
    // Parse errors are not recorded: gumbo copies the open-element stack into each one, which made
    // a page of unclosed tags cost gigabytes.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
    Page p;
    collectMeta(out->root, p);
    page.meta = p.meta;
    page.titleTag = p.titleTag;
    page.htmlLang = p.htmlLang;
    page.linkedData = readLinkedData(p.jsonLd);
    const GumboNode *article = nullptr, *main = nullptr, *body = nullptr, *known = nullptr;
    size_t best = 0;
    findRoot(out->root, article, best, main, body, known);
    Segmenter s{page, nullptr, nullptr, {}, false, {}, {}, 0, {}, {}};
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
