// Flow boxes and the paginator. A FlowBox is an unbreakable piece of a column (a text line, a
// heading line, a whole pull quote, a table row) with its items relative to the box's top left.
// In: head boxes (span all columns on the first page) and body boxes. Out: pages.
#pragma once

#include <functional>
#include <vector>

#include "layout/paged.h"
#include "style/style.h"

namespace inkstone::layout {

struct FlowBox {
    double height = 0;
    double spaceBefore = 0;   // gaps between boxes collapse to the larger of the two; none at a column top
    double spaceAfter = 0;
    bool keepWithNext = false;  // no column break between this box and the next non-float box
    bool isFloat = false;       // may move to the top of the next column (pull quotes)
    bool hyphenated = false;    // a text line ending in a hyphen: better not the last of a column
    std::vector<FrameItem> items;
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
    double contentLeft(int pageIndex) const;  // page index 0-based; page 1 is a right-hand page
    double contentWidth() const { return width - margin.inner - margin.outer; }
    double contentHeight() const { return height - margin.top - margin.bottom; }
    double columnWidth() const { return (contentWidth() - (columns - 1) * columnGap) / columns; }
};

// Fills pages. Never splits a box; breaks only between boxes where keepWithNext allows (unless a
// kept group is taller than a column); floats go where they are anchored if they fit, else to the
// top of the next column, and never between boxes that are kept together.
std::vector<Page> paginate(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body, const PageGeometry& g);

}  // namespace inkstone::layout
