// The three steps of import shared by HTML and text pages (see import.h):
//   segment   a page -> PageBlocks (text, source lines, markup hints), pure: no decisions
//   classify  blocks -> features, a class and a reason per block, the body region, listing pages
//   assemble  classified blocks -> ImportedArticle (head fields by scoring, body, tail)
// Every block keeps its features, class and reason, so --explain and the tests can see why.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "import/import.h"

namespace inkstone::import {

// ---- segment ------------------------------------------------------------------------------------

struct PageBlock {
    // What the markup (HTML) or the layout (text) says the block is. Text pages have only Text.
    enum class Tag { Text, Title, Heading, ListItem, Quote, PullQuote, Caption, Time, Byline, Bio, Pre, Cell };
    Tag tag = Tag::Text;
    int line = 0;             // source line (1-based) where it starts
    std::string text;         // plain text, white space collapsed
    std::string markdown;     // HTML: inline Markdown (escaped); text pages: empty (escaped at assembly)
    std::string attribution;  // pull quotes: who said it; bylines: an author card's note

    // Text pages.
    int sourceLines = 1;     // hard-wrapped lines joined into this block
    bool indented = false;   // began with spaces or ideographic spaces
    bool piece = false;      // a run cut from a longer line at 3+ spaces
    bool blankBefore = false;

    // HTML pages.
    size_t linkChars = 0;     // characters inside links
    std::string hint;         // class and id words of the element and its ancestors, and semantic
                              // ancestors (nav, aside, footer, header, form, figure), lower case
    std::string ownClass;     // class and id of the block's own element and its inline elements (rel-* for rel)
    bool inMain = true;       // inside the element that holds the article (<article>, a body class, <main>)
    bool bold = false;        // the whole block is strong/bold
    std::vector<model::Author> authors;  // Tag::Byline: names, positions, organizations from the markup's classes
    std::optional<model::Date> date;  // Tag::Time
};

// What a page's schema.org JSON-LD says of its article.
struct LinkedData {
    std::string headline, section, date, description;
    std::vector<model::Author> authors;
};

struct SegmentedPage {
    bool html = false;
    std::vector<PageBlock> blocks;
    std::map<std::string, std::string> meta;  // HTML meta tags: property or name (lower case) -> content
    std::string titleTag, htmlLang;
    LinkedData linkedData;
    std::string recordTitle;  // a dataset record's <contenttitle>
    bool mainIsSemantic = false;  // the article container is <article>, a known body class or <main>
    bool hardWrapped = false;     // text: the page was wrapped at a fixed width
};

// Scraped text (UTF-8, \n line ends): lines, hard wraps joined, runs split at 3+ spaces.
SegmentedPage segmentText(const std::string& text);
// An HTML page (already decoded to UTF-8): every text block of the body with its markup hints.
SegmentedPage segmentHtml(const std::string& html, const std::string& path, DiagnosticSink& sink);

// ---- classify -----------------------------------------------------------------------------------

struct Features {
    size_t chars = 0;        // code points, spaces excluded
    size_t han = 0;          // CJK characters (ideographs, and CJK punctuation and full-width forms)
    size_t words = 0;        // Latin words
    size_t sentences = 0;    // sentence-final marks (。！？ and . ! ? before a space or the end)
    bool endsWithStop = false;
    double linkShare = 0;    // HTML: share of the text inside links
    double navShape = 0;     // 0..1: many short tokens separated by spaces, | · > / (a menu)
    bool hasDate = false;    // a date or time in a short block
    bool byline = false;     // reads as a byline ("By X", "作者：X", "記者X／台北報導", "• X")
    bool namePosition = false;  // "Name，XX研究中心研究员" / "Jane Roe, Senior Fellow"
    std::string lexicon;     // the chrome word or pattern it contains ("" when none)
    bool pattern = false;    // ... and it is a chrome pattern that names the whole line (chromeReason)
    std::string hintChrome;  // HTML: a chrome class or semantic ancestor ("" when none)
    int repeats = 1;         // how often the same text occurs on the page
    bool headingShape = false;  // short, no final stop, capitalised or numbered (一、, 1.)
    bool relatedHeading = false;  // "You might also like", "相关新闻："
};

enum class Cls { Body, Short, Heading, Chrome };
const char* clsName(Cls c);

struct Classified {
    Features f;
    Cls cls = Cls::Short;
    std::string reason;   // why it has its class (for chrome: what kind of chrome)
    std::string role;     // set by assembly: "title", "section", "date line", "byline", "bio", "body", ...
    bool removed = false; // set by assembly
};

struct Classification {
    std::vector<Classified> blocks;  // parallel to SegmentedPage::blocks
    size_t bodyBegin = 0, bodyEnd = 0;  // the densest contiguous run of body blocks [begin, end)
    int listing = 0;                    // > 0: the page lists this many articles (not an article)
    std::vector<char> teaser;           // the block is a teaser's headline (counted for `listing`)
};

Features blockFeatures(const PageBlock& b);
Classification classify(const SegmentedPage& page);

// ---- assemble -----------------------------------------------------------------------------------

// The article, or a UserError "this page lists N articles, not one" for a listing page. `cls`
// gets each block's role and removal.
ImportedArticle assemble(const std::string& path, const SegmentedPage& page, Classification& cls, DiagnosticSink& sink);

// Chrome glued into a paragraph: trailing photo and source credits, bracketed editor credits,
// promotions and icon names, reprint notes. Returns the chrome cut off (and its kind in `why`),
// leaving the paragraph's sentences in `text`; "" when there is none.
std::string cutInlineChrome(std::string& text, std::string& why);

// The kind of credit a text ends with ("photo credit", "editor credit", "source credit",
// "reporter credit"), or "".
std::string trailingCreditKind(const std::string& text);

// A line of anti-scraping junk on its own ("$ e; K0 O3 ]( s").
bool junkLine(const std::string& text);

// One line per block for --explain: class, role, reason, features, text.
std::string explain(const std::string& path, const SegmentedPage& page, const Classification& cls);

}  // namespace inkstone::import
