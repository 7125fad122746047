#include "render/pdf_navigation.h"

#include <algorithm>
#include <cmath>

namespace inkstone::render::pdf {

// PDF 32000-1, 12.4.2: runs of decimal labels as one range each, any other label (roman front
// matter) literally.
std::string pageLabelTree(const std::vector<std::string>& labels) {
    if (std::all_of(labels.begin(), labels.end(), [](const std::string& l) { return l.empty(); })) return {};
    auto decimal = [](const std::string& l) {
        return !l.empty() && l.size() < 9 && std::all_of(l.begin(), l.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    std::string out;
    for (size_t i = 0; i < labels.size(); ++i) {
        const std::string& l = labels[i];
        if (decimal(l)) {
            if (i > 0 && decimal(labels[i - 1]) && std::stol(labels[i - 1]) + 1 == std::stol(l)) continue;
            out += " " + std::to_string(i) + " << /S /D /St " + l + " >>";
        } else {
            out += " " + std::to_string(i) + " << /P " + textString(l) + " >>";
        }
    }
    return "<< /Nums [" + out + " ] >>";
}

std::string linkAnnotation(const double rect[4], const std::string& target, const std::string& extra) {
    std::string a = "<< /Type /Annot /Subtype /Link /Rect [";
    nums(a, {rect[0], rect[1], rect[2], rect[3]}, 2);
    a += "] /Border [0 0 0] ";
    if (!target.empty() && target[0] == '#') a += "/Dest " + textString(target.substr(1));
    else a += "/A << /S /URI /URI " + textString(target) + " >>";
    return a + extra + " >>";
}

int writeDestinations(ObjectFile& w, const std::map<std::string, Destination>& dests) {
    std::string names = "<< /Names [";
    for (const auto& [name, at] : dests) {
        names += "\n" + textString(name) + " [" + ObjectFile::ref(at.page) + " /XYZ ";
        num(names, at.x);
        names += ' ';
        num(names, at.y);
        names += " 0]";
    }
    names += " ] >>";
    const int tree = w.reserve();
    w.object(tree, names);
    return tree;
}

int writeOutline(ObjectFile& w, const std::vector<layout::OutlineEntry>& outline) {
    if (outline.empty()) return 0;
    const int root = w.reserve();
    std::vector<int> ids;
    for (size_t i = 0; i < outline.size(); ++i) ids.push_back(w.reserve());
    // Parent of each entry: the nearest previous entry of a lower level.
    std::vector<int> parent(outline.size(), -1);
    std::vector<std::vector<size_t>> children(outline.size());
    std::vector<size_t> top, stack;
    for (size_t i = 0; i < outline.size(); ++i) {
        while (!stack.empty() && outline[stack.back()].level >= outline[i].level) stack.pop_back();
        if (stack.empty()) top.push_back(i);
        else {
            parent[i] = static_cast<int>(stack.back());
            children[stack.back()].push_back(i);
        }
        stack.push_back(i);
    }
    // Open entries count every descendant (PDF 32000-1, 12.3.3).
    std::vector<int> descendants(outline.size(), 0);
    for (size_t i = outline.size(); i-- > 0;)
        for (size_t c : children[i]) descendants[i] += 1 + descendants[c];
    int total = 0;
    for (size_t t : top) total += 1 + descendants[t];
    for (size_t i = 0; i < outline.size(); ++i) {
        const auto& sib = parent[i] < 0 ? top : children[static_cast<size_t>(parent[i])];
        const size_t at = static_cast<size_t>(std::find(sib.begin(), sib.end(), i) - sib.begin());
        std::string o = "<< /Title " + textString(outline[i].title) + " /Parent " +
                        ObjectFile::ref(parent[i] < 0 ? root : ids[static_cast<size_t>(parent[i])]);
        if (at > 0) o += " /Prev " + ObjectFile::ref(ids[sib[at - 1]]);
        if (at + 1 < sib.size()) o += " /Next " + ObjectFile::ref(ids[sib[at + 1]]);
        if (!children[i].empty())
            o += " /First " + ObjectFile::ref(ids[children[i].front()]) + " /Last " + ObjectFile::ref(ids[children[i].back()]) +
                 " /Count " + std::to_string(descendants[i]);
        o += " /Dest " + textString(outline[i].dest) + " >>";
        w.object(ids[i], o);
    }
    w.object(root, "<< /Type /Outlines /First " + ObjectFile::ref(ids[top.front()]) + " /Last " +
                       ObjectFile::ref(ids[top.back()]) + " /Count " + std::to_string(total) + " >>");
    return root;
}

void addLinkArea(std::vector<LinkArea>& links, LinkArea area) {
    if (!links.empty()) {
        LinkArea& last = links.back();
        const bool besides = std::abs(area.rect[0] - last.rect[2]) < 1.0 || std::abs(last.rect[0] - area.rect[2]) < 1.0;
        const bool overlap = area.rect[1] < last.rect[3] && last.rect[1] < area.rect[3];
        if (last.target == area.target && last.node == area.node && besides && overlap) {
            for (int k = 0; k < 2; ++k) last.rect[k] = std::min(last.rect[k], area.rect[k]);
            for (int k = 2; k < 4; ++k) last.rect[k] = std::max(last.rect[k], area.rect[k]);
            last.text += area.text;
            return;
        }
    }
    links.push_back(std::move(area));
}

}  // namespace inkstone::render::pdf
