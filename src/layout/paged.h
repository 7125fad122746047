// The output of layout and the input of every renderer: pages of positioned items.
// Plain data: a renderer draws exactly what is here and decides nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/diagnostics.h"
#include "base/lang.h"
#include "style/style.h"
#include "text/line.h"

namespace inkstone::layout {

// ---- structure: what the items are, in reading order --------------------------------------------
// Roles are the PDF standard structure types (ISO 32000-1, 14.8.4), so that a tagged PDF's
// structure tree is this one; tests read them in the layout dump.
enum class Role : uint8_t {
    Document, Part, Art, Sect, TOC, TOCI, H1, H2, H3, H4, H5, H6, P, BlockQuote, Code,
    L, LI, Lbl, LBody, Table, THead, TBody, TR, TH, TD, Figure, Caption, Note, Reference, Link,
};
const char* roleName(Role r);

// A node of the structure. Reading order is a depth-first walk of the tree with each node's
// children in index order; a node comes after its parent (a pull quote is where its text is
// anchored, not where it floats to). An article's nodes are in reading order as a list too; a
// volume's front matter is a Part made first whose contents are added last.
struct StructNode {
    Role role = Role::P;
    int parent = -1;  // index of the parent node; -1: a root
    Lang lang;
    std::string alt;  // figures: the alternative text
    SourcePos pos;    // in the article the node comes from
};

// What an item that is not content is (PDF pagination and layout artifacts).
// Repeated: a copy the layout made for the reader's convenience (a table's header row repeated at
// the top of a page it continues to); the structure has the original.
enum class Artifact : uint8_t { None, RunningHead, Folio, Rule, Leader, Ornament, Repeated };
const char* artifactName(Artifact a);

// Every drawn item belongs to a structure node, or is an artifact.
struct ItemTag {
    int node = -1;  // index into PagedDocument::structure
    Artifact artifact = Artifact::None;
    Role role = Role::P;  // the node's (resolveRoles), so that a page can be tagged without the tree
};

// A run of a line whose tag is not its item's: a child node (a link or note reference inside the
// paragraph), or text in another language than the node's (an English term in a Chinese
// paragraph, a Traditional Chinese quotation in an English one).
struct RunTag {
    int node = -1;  // -1: the item's node
    Role role = Role::P;
    std::optional<Lang> lang;  // set only where it differs from the node's
};

// A line of text; `baseline` and `x` are page coordinates in points (origin top left).
struct TextItem {
    std::shared_ptr<const text::ShapedLine> line;
    double x = 0;
    double baseline = 0;
    ItemTag tag;
    // Per run of the line, its tag where that is not the item's; empty when every run is the item's.
    std::vector<RunTag> runTags;
};

// A horizontal rule; `y` is the middle of the stroke.
struct RuleItem {
    double x = 0, y = 0, width = 0, thickness = 0.5;
    style::Color color;
    ItemTag tag{-1, Artifact::Rule};
};

struct ImageItem {
    std::string path;  // a figure file (JPEG, PNG, SVG or PDF), checked by layout (image::probe)
    double x = 0, y = 0, width = 0, height = 0;
    ItemTag tag;
};

// A named destination (outline entries and internal links point at these).
struct DestItem {
    std::string name;
    double x = 0, y = 0;
};

struct FrameItem;

// Items drawn in a coordinate system of their own: `transform` maps it to the enclosing one
// (a, b, c, d, e, f as in PDF and Cairo, y down: x' = a x + c y + e, y' = b x + d y + f). For
// rotated or vertical content (a Latin word turned on a vertical line, a table turned on its page).
struct GroupItem {
    double transform[6] = {1, 0, 0, 1, 0, 0};
    std::vector<FrameItem> items;
    ItemTag tag;
};

struct FrameItem : std::variant<TextItem, RuleItem, ImageItem, DestItem, GroupItem> {
    using variant::variant;
};

// Makes every item of `items` an artifact of kind `a` (its node dropped).
void markArtifacts(std::vector<FrameItem>& items, Artifact a);

// Adds `offset` to every node an item of `items` points to (a document's nodes appended to a
// larger structure: an article's in a volume).
void offsetNodes(std::vector<FrameItem>& items, int offset);

// The language of a run's text where it is not `nodeLang`: Chinese characters are in the span's
// language (`spanLang`; Simplified when the span is English, as unmarked Chinese in an English
// article is set), Latin letters are English; text of neither (digits, punctuation) is the span's
// (the node's unless the author marked the span's language).
std::optional<Lang> runLanguage(std::string_view text, const Lang& spanLang, const Lang& nodeLang);

// Sets the role of every item's (and run's) tag from `structure`.
void resolveRoles(std::vector<FrameItem>& items, const std::vector<StructNode>& structure);

// Appends `nodes` to `structure` under `parent` (their roots' new parent); returns the offset to
// give offsetNodes for their items.
int appendNodes(std::vector<StructNode>& structure, const std::vector<StructNode>& nodes, int parent);

struct Page {
    double width = 0, height = 0;
    std::vector<FrameItem> items;
    std::string label;  // page label ("1", "iv")
};

struct OutlineEntry {
    int level = 1;  // 1 = top
    std::string title;
    std::string dest;
};

// What a PDF claims to conform to besides the tagged PDF/UA-1 (DocInfo::tagged): PDF/A-2 level
// B (the appearance preserved), or U (also every glyph's Unicode text). Defined with the style's
// `pdf:` section, which sets it (style must not depend on layout).
using PdfA = style::PdfA;

struct DocInfo {
    std::string title, author, subject, keywords, lang, creator;
    std::string createDate;  // ISO 8601, "YYYY-MM-DDTHH:MM:SS"
    // The output's conformance, from the style (`pdf:`) and the command line: a structure tree,
    // marked content and PDF/UA-1 metadata unless `tagged` is off; PDF/A-2 on request.
    bool tagged = true;
    PdfA pdfa = PdfA::None;
    bool rightToLeft = false;  // vertical-rl: read right to left (/ViewerPreferences /Direction /R2L)
};

struct PagedDocument {
    std::vector<Page> pages;
    std::vector<StructNode> structure;  // reading order; items point into it
    std::vector<OutlineEntry> outline;
    DocInfo info;
};

}  // namespace inkstone::layout
