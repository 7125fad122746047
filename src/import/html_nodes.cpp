// Reading an HTML page's nodes (gumbo) for the segmenter (segment_html.cpp): a node's plain text
// and inline Markdown, and the page's fields outside its text: meta tags, <title>, the html lang,
// schema.org JSON-LD, the element that holds the article, a declared charset.
#include <glib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/html_nodes.h"

namespace inkstone::import {

namespace dom {

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

namespace {

bool skipped(GumboTag t) {
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
}

}  // namespace

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

namespace {

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

}  // namespace

// Inline Markdown of a subtree: text escaped, emphasis, strong, links. Below `depth` 100 the rest
// is taken as plain text (pages nest markup deeply, and this recurses).
void inlineMarkdown(const GumboNode* n, std::string& out, int depth) {
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

}  // namespace dom

std::string declaredCharset(const std::string& bytes) {
    static const std::regex charset(R"(charset\s*=\s*["']?([A-Za-z0-9_-]+))", std::regex::icase);
    std::smatch m;
    const std::string head = bytes.substr(0, 4096);
    if (std::regex_search(head, m, charset)) return dom::lower(m[1]);
    return {};
}

}  // namespace inkstone::import
