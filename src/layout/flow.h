// The flow: from boxes to pages, in three steps (Typst's collect -> compose -> distribute).
//  - Boxes: a FlowBox is an unbreakable piece of a column (a text line, a heading line, a whole
//    pull quote, a table row) with its items relative to the box's top left, a placement (in the
//    flow, floating near its anchor, or an insertion at the top or bottom of a column) and the
//    foot notes its lines refer to.
//  - compose(): decides, for every column of every page (a region), what it holds: its top
//    insertions, its body boxes (with the gap before each), its bottom insertions and its foot
//    notes. Breaks are decided here, before any page exists; nothing is placed and taken back.
//  - build(): positions the boxes' items on pages from that plan.
// paginate() is the two in a row (and balances the last page's columns when asked).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "layout/paged.h"
#include "style/style.h"

namespace inkstone::layout {

enum class Placement : uint8_t {
    Flow,    // where it comes in the text
    Float,   // where it comes if it fits, else at the top of the next column (pull quotes)
    Top,     // a top insertion: at the top of this column if it still fits, else of the next
    Bottom,  // a bottom insertion, likewise at the bottom (above the foot notes)
};

struct FlowBox {
    double height = 0;
    double spaceBefore = 0;   // gaps between boxes collapse to the larger of the two; none at a column top
    double spaceAfter = 0;
    bool keepWithNext = false;  // no column break between this box and the next box in the flow
    Placement placement = Placement::Flow;
    bool hyphenated = false;    // a text line ending in a hyphen: better not the last of a column
    std::vector<FrameItem> items;
    // Foot notes referred to from this box, a box per line: they go to the foot of the column the
    // box lands in (with the box; a box whose notes do not fit with it goes to the next column,
    // unless the notes may break: after a note line that does not keep with the next, the rest of
    // the notes goes on to the next column's foot, under a continuation separator).
    std::vector<FlowBox> notes;
    // Set above this box when it starts a column (a table's header row over its continued rows),
    // its items as artifacts (Artifact::Repeated).
    std::shared_ptr<const FlowBox> repeatAtTop;
    // Set across all columns of a multi-column page (a wide figure or table): at the top of the
    // page where no column has begun yet, else of the next page (as LaTeX's figure*); in one
    // column, an insertion like any other.
    bool span = false;
    // Every figure and insertion anchored before this box is placed before it (LaTeX's
    // \FloatBarrier): the end matter does not come before the article's last figure.
    bool barrier = false;
};

// Moves every item of `items` by (dx, dy).
void translate(std::vector<FrameItem>& items, double dx, double dy);

struct PageGeometry {
    double width = 0, height = 0;
    style::Margins margin;
    int columns = 1;
    double columnGap = 0;
    bool facing = false;
    bool balanceLastPage = false;  // with columns > 1: even columns on the last page
    // Drawn above a column's foot notes when it has any (a short rule and its space), and above
    // notes continued from the column before (a long rule; the same height, or footSeparator
    // when empty).
    FlowBox footSeparator;
    FlowBox continuedSeparator;
    // Pages bound on the right (vertical-rl): page 1 is a left-hand page, its inner margin on its right.
    bool rightToLeft = false;
    bool leftHand(int pageIndex) const { return facing && (pageIndex % 2 == (rightToLeft ? 0 : 1)); }
    double contentLeft(int pageIndex) const;  // page index 0-based; page 1 is a right-hand page
    double contentWidth() const { return width - margin.inner - margin.outer; }
    double contentHeight() const { return height - margin.top - margin.bottom; }
    double columnWidth() const { return (contentWidth() - (columns - 1) * columnGap) / columns; }
};

// What one column of one page holds. Boxes are named by their index in the body.
struct Region {
    size_t page = 0;  // 0-based
    int column = 0;
    double top = 0, height = 0;  // the region's top edge (page coordinates) and height
    std::vector<size_t> tops;    // top insertions, stacked from the top (each with its spaceAfter)
    struct Entry {
        size_t box = 0;
        double gap = 0;  // space before it (collapsed; none at the top of the body)
        bool repeat = false;  // the box's repeatAtTop, set above it
    };
    std::vector<Entry> body;
    std::vector<size_t> bottoms;  // bottom insertions, stacked up from the foot area
    struct Note {
        size_t box = 0, note = 0;  // body[box].notes[note]
        bool continued = false;    // carried over from the column before
    };
    std::vector<Note> notes;  // the foot area, in reference order (continued lines first)
};

struct FlowPlan {
    size_t pages = 0;
    std::vector<Region> regions;  // page by page, column by column
    struct Span {
        size_t page = 0, box = 0;
        double y = 0;  // its top edge (page coordinates)
    };
    std::vector<Span> spans;  // boxes across all columns, above the page's regions
};

// Decides where every box goes. The head spans all columns at the top of the first page. Never
// splits a box; breaks only between boxes where keepWithNext allows (unless a kept group is taller
// than a column); a column does not end in a hyphenated line when that line can go over; floats
// never come between kept boxes; insertions keep their order. `capPage` >= 0: no column of that
// page is filled beyond `cap` points (balancing).
FlowPlan compose(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body, const PageGeometry& g,
                 long capPage = -1, double cap = 0);

// The pages of a plan: the head, then per region its top insertions, body, bottom insertions,
// and foot (separator and notes), items in that order.
std::vector<Page> build(const FlowPlan& plan, const std::vector<FlowBox>& head, const std::vector<FlowBox>& body,
                        const PageGeometry& g);

// compose() then build(); with balanceLastPage, the last page's columns are evened out.
std::vector<Page> paginate(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body, const PageGeometry& g);

}  // namespace inkstone::layout
