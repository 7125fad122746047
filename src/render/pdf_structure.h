// Tagged PDF (PDF 32000-1, 14.6-14.8; PDF/UA-1, ISO 14289-1): marked content on each page while it
// is drawn, then the structure tree, its parent tree and the elements' attributes when the document
// is finished. The tree is the page model's (layout::StructNode, reading order): nothing here
// guesses what a piece of text is.
//
// A page's content goes into marked-content sequences: one per run of content of one structure
// node in one language (consecutive lines of a paragraph share one), with a marked-content
// identifier (MCID) numbered per page; running heads, folios, rules and repeated header rows are
// artifacts. The tree's elements refer to the MCIDs (marked-content references) and the link
// annotations (object references); the parent tree maps each page's MCIDs and each annotation
// back to its element.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/lang.h"
#include "layout/paged.h"
#include "render/pdf_content.h"
#include "render/pdf_syntax.h"

namespace inkstone::render::pdf {

// The marked-content sequences of one page, opened as its items are drawn. Disabled, it writes
// nothing (an untagged PDF is byte-identical to one written without it).
class PageTags {
public:
    PageTags(ContentStream& cs, bool enabled) : cs_(cs), enabled_(enabled) {}
    bool enabled() const { return enabled_; }
    // What follows is content of `node` (of role `role`), in `lang` where that differs from the
    // node's language. A node below 0 is an artifact of the layout's kind (untagged content too).
    // `text`: what follows is a text run (its sequence may live inside the text object).
    void content(int node, layout::Role role, const std::optional<Lang>& lang, bool text = false);
    // What follows is a hyphen the line break added to content of `node`: a sequence of its own
    // whose text is a soft hyphen (/ActualText U+00AD, PDF 32000-1 14.8.2.2.3: not part of the
    // word). Its own MCID, not one nested in the line's: poppler's tree text stops at a nested
    // sequence's end.
    void softHyphen(int node);
    // What follows is an artifact of kind `a`.
    void artifact(layout::Artifact a, bool text = false);
    // Ends the open sequence (before a change of graphics state that must nest with it, and at
    // the end of the page).
    void close();
    // The node of each MCID of the page, in MCID order.
    std::vector<int> mcids;

private:
    bool continues(bool text);
    ContentStream& cs_;
    bool enabled_;
    bool open_ = false;
    int node_ = -1;
    layout::Artifact artifact_ = layout::Artifact::None;
    bool text_ = false;  // the open sequence began inside a text object
    std::optional<Lang> lang_;
};

// What a drawn page gives the structure tree.
struct TaggedPage {
    int object = 0;           // the page object's number
    std::vector<int> mcids;   // node of each MCID
    struct Annotation {
        int object = 0;  // the annotation's object number
        int node = -1;   // the Link (or Reference) element it belongs to
        int key = -1;    // its /StructParent
    };
    std::vector<Annotation> annotations;
};

// Writes the structure tree of `structure` (nodes in reading order, parents first) over the pages'
// marked content; `lang` is the catalog's language (elements say /Lang where theirs differs).
// Page i's parent-tree key is i (its /StructParents, written by the caller when it has MCIDs);
// annotations carry their keys. Returns the catalog entries to add
// ("/StructTreeRoot n 0 R /MarkInfo << /Marked true >>").
std::string writeStructure(ObjectFile& file, const std::vector<layout::StructNode>& structure, const std::string& lang,
                           const std::vector<TaggedPage>& pages);

}  // namespace inkstone::render::pdf
