// The output of layout and the input of every renderer: pages of positioned items.
// Plain data: a renderer draws exactly what is here and decides nothing.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "style/style.h"
#include "text/line.h"

namespace inkstone::layout {

// A line of text; `baseline` and `x` are page coordinates in points (origin top left).
struct TextItem {
    std::shared_ptr<const text::ShapedLine> line;
    double x = 0;
    double baseline = 0;
};

// A horizontal rule; `y` is the middle of the stroke.
struct RuleItem {
    double x = 0, y = 0, width = 0, thickness = 0.5;
    style::Color color;
};

struct ImageItem {
    std::string path;  // a PNG file, checked by layout
    double x = 0, y = 0, width = 0, height = 0;
};

// A named destination (outline entries and internal links point at these).
struct DestItem {
    std::string name;
    double x = 0, y = 0;
};

using FrameItem = std::variant<TextItem, RuleItem, ImageItem, DestItem>;

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

struct DocInfo {
    std::string title, author, subject, keywords, lang, creator;
    std::string createDate;  // ISO 8601, "YYYY-MM-DDTHH:MM:SS"
};

struct PagedDocument {
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    DocInfo info;
};

}  // namespace inkstone::layout
