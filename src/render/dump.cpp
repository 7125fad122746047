// The layout dump (--format layout): the structure, then every page's items with their role or
// artifact kind, positions rounded to 0.01 pt. Golden tests compare it.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <sstream>

#include "render/render.h"

namespace inkstone::render {
namespace fs = std::filesystem;
using namespace layout;

std::string dumpLayout(const PagedDocument& doc) {
    std::ostringstream out;
    char buf[128];
    auto num = [&](double v) {
        std::snprintf(buf, sizeof buf, "%.2f", std::abs(v) < 0.005 ? 0.0 : v);
        return std::string(buf);
    };
    out << "document pages=" << doc.pages.size() << " title=" << doc.info.title << "\n";
    for (const auto& e : doc.outline) out << "outline level=" << e.level << " dest=" << e.dest << " " << e.title << "\n";
    // The structure in reading order, then each item's node ("P#12") or artifact kind.
    for (size_t n = 0; n < doc.structure.size(); ++n) {
        const layout::StructNode& node = doc.structure[n];
        out << "node " << n << " " << layout::roleName(node.role) << " parent=" << node.parent << " lang=" << node.lang.tag();
        if (node.pos.line > 0) out << " line=" << node.pos.line;
        if (!node.alt.empty()) out << " alt=|" << node.alt << "|";
        out << "\n";
    }
    auto tag = [&](const layout::ItemTag& t) {
        if (t.artifact != layout::Artifact::None) return std::string("artifact=") + layout::artifactName(t.artifact);
        if (t.node < 0 || static_cast<size_t>(t.node) >= doc.structure.size()) return std::string("untagged");
        return std::string(layout::roleName(doc.structure[static_cast<size_t>(t.node)].role)) + "#" + std::to_string(t.node);
    };
    // Items; a group's items are indented under it. A line with links or note references lists
    // their nodes ("+Link#14").
    std::function<void(const std::vector<FrameItem>&, const std::string&)> items = [&](const std::vector<FrameItem>& list,
                                                                                         const std::string& indent) {
        for (const FrameItem& item : list) {
            if (auto* t = std::get_if<TextItem>(&item)) {
                const auto& l = *t->line;
                char ratio[32];
                std::snprintf(ratio, sizeof ratio, "%.3f", std::abs(l.ratio) < 0.0005 ? 0.0 : l.ratio);
                // Runs in another language than the node's: "+en(7nm)".
                std::string inner;
                int last = -1;
                std::string lastLang;
                for (size_t k = 0; k < t->runTags.size(); ++k) {
                    const layout::RunTag& r = t->runTags[k];
                    if (r.node >= 0 && r.node != last) inner += " +" + tag(layout::ItemTag{r.node, layout::Artifact::None});
                    last = r.node;
                    const std::string lang = r.lang ? r.lang->tag() : "";
                    const auto& run = l.runs[k];
                    const std::string words = l.text->substr(static_cast<size_t>(run.textStart), static_cast<size_t>(run.textLength));
                    if (!lang.empty() && lang == lastLang) inner.insert(inner.size() - 1, words);
                    else if (!lang.empty()) inner += " +" + lang + "(" + words + ")";
                    lastLang = lang;
                }
                // A vertical line (upright runs): the runs set otherwise, "~tcy(5)" standing across
                // it, "~side(2025)" lying on their side.
                bool vertical = false;
                for (const auto& run : l.runs) vertical = vertical || run.upright || run.tateChuYoko;
                if (vertical)
                    for (const auto& run : l.runs) {
                        if (run.upright) continue;
                        const std::string words = l.text->substr(static_cast<size_t>(run.textStart), static_cast<size_t>(run.textLength));
                        inner += std::string(run.tateChuYoko ? " ~tcy(" : " ~side(") + words + ")";
                    }
                out << indent << "line x=" << num(t->x) << " y=" << num(t->baseline) << " w=" << num(l.width) << " chars="
                    << l.start << "-" << l.end << " r=" << ratio << (l.hyphenated ? " hyphen" : "") << " " << tag(t->tag)
                    << inner << " |" << l.plain << (l.hyphenated ? "-" : "") << "|\n";
            } else if (auto* r = std::get_if<RuleItem>(&item)) {
                out << indent << "rule x=" << num(r->x) << " y=" << num(r->y) << " w=" << num(r->width) << " t=" << num(r->thickness)
                    << " " << tag(r->tag) << "\n";
            } else if (auto* im = std::get_if<ImageItem>(&item)) {
                out << indent << "image x=" << num(im->x) << " y=" << num(im->y) << " w=" << num(im->width)
                    << " h=" << num(im->height) << " " << fs::path(im->path).filename().string() << " " << tag(im->tag) << "\n";
            } else if (auto* d = std::get_if<DestItem>(&item)) {
                out << indent << "dest " << d->name << " x=" << num(d->x) << " y=" << num(d->y) << "\n";
            } else if (auto* g = std::get_if<GroupItem>(&item)) {
                out << indent << "group m=" << num(g->transform[0]) << "," << num(g->transform[1]) << "," << num(g->transform[2])
                    << "," << num(g->transform[3]) << "," << num(g->transform[4]) << "," << num(g->transform[5]) << " "
                    << tag(g->tag) << "\n";
                items(g->items, indent + "  ");
            }
        }
    };
    for (size_t p = 0; p < doc.pages.size(); ++p) {
        const Page& page = doc.pages[p];
        out << "page " << p + 1 << " label=" << page.label << " size=" << num(page.width) << "x" << num(page.height) << "\n";
        items(page.items, "  ");
    }
    return out.str();
}

}  // namespace inkstone::render
