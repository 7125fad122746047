// Navigation objects of a PDF, shared by our writer and Cairo's update: page labels, named
// destinations, the outline and link annotations (PDF 32000-1, 12.3 and 12.5).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "layout/paged.h"
#include "render/pdf_syntax.h"

namespace inkstone::render::pdf {

// A /PageLabels number tree: runs of decimal labels as one range each, other labels literally.
// "" when every label is empty.
std::string pageLabelTree(const std::vector<std::string>& labels);

// A link annotation's dictionary: `rect` in user space (x0, y0, x1, y1), `target` a URI or
// "#name" for a named destination; `extra`: further entries (" /F 4 /StructParent 7").
std::string linkAnnotation(const double rect[4], const std::string& target, const std::string& extra = {});

// A link area in PDF user space (origin bottom left).
struct LinkArea {
    double rect[4] = {0, 0, 0, 0};  // x0, y0, x1, y1
    std::string target;             // URI, or "#name" for a named destination
    int node = -1;                  // tagged: the structure node of the link (Link, Reference)
    std::string text;               // the link's text (its description, /Contents)
};

// Adds a link's area to a page's list; runs of one link side by side on a line (a note number
// "[1]" shaped as three runs, a link's words in two fonts) are one area, one annotation.
void addLinkArea(std::vector<LinkArea>& links, LinkArea area);

// A destination: page object, and the point at the top left of the view.
struct Destination {
    int page = 0;
    double x = 0, y = 0;
};
// The /Dests name tree (one node, names sorted); returns its object number.
int writeDestinations(ObjectFile& file, const std::map<std::string, Destination>& dests);

// The outline: entries nest under the nearest previous entry of a lower level, every entry open.
// Returns the root's object number, 0 when `outline` is empty.
int writeOutline(ObjectFile& file, const std::vector<layout::OutlineEntry>& outline);

}  // namespace inkstone::render::pdf
