// What the HTML segmenter (segment_html.cpp) reads from gumbo's nodes (html_nodes.cpp): their
// markup words, plain text and inline Markdown, and the page's fields outside its text.
#pragma once

#include <gumbo.h>

#include <map>
#include <string>
#include <vector>

#include "import/page.h"

namespace inkstone::import::dom {

std::string lower(std::string s);
// An attribute's value, or nullptr (also for a node that is no element).
const char* attr(const GumboNode* n, const char* name);
// The words an element's markup names it by (class, id, data-component, ...), lower case.
std::string classAndId(const GumboNode* n);
bool isElement(const GumboNode* n, GumboTag tag);
// Collapse runs of white space (not NBSP) to one space.
std::string collapse(const std::string& s);
bool isInline(GumboTag t);

// Plain text of a subtree (scripts and styles skipped), appended to `out`; textOf collapses and trims it.
void plainText(const GumboNode* root, std::string& out);
std::string textOf(const GumboNode* n);
// Inline Markdown of a subtree, emphasis as private-use markers (appended to `out`); resolveEmphasis
// makes them "*" / "**" or drops them; markdownOf does both.
void inlineMarkdown(const GumboNode* n, std::string& out, int depth = 0);
std::string resolveEmphasis(const std::string& md);
std::string markdownOf(const GumboNode* n);

struct Page {
    std::map<std::string, std::string> meta;  // property or name (lower case) -> content
    std::string titleTag, htmlLang;
    std::vector<std::string> jsonLd;  // <script type="application/ld+json"> contents
};

// Meta tags, <title>, the html element's lang and the JSON-LD scripts (head and body).
void collectMeta(const GumboNode* root, Page& p);
// The element holding the article: the <article> with the most text (`best` its length), a known
// body class, <main>; and <body>.
void findRoot(const GumboNode* root, const GumboNode*& article, size_t& best, const GumboNode*& main, const GumboNode*& body,
              const GumboNode*& known);
LinkedData readLinkedData(const std::vector<std::string>& scripts);

}  // namespace inkstone::import::dom
