#include "render/cairo_painter.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "base/diagnostics.h"
#include "render/files.h"
#include "render/render.h"
#include "text/gobject_ptr.h"

namespace inkstone::render {
using namespace layout;

namespace {

// The glyphs of a run, pen at (x, y); with their text and clusters on a PDF surface.
void paintGlyphs(cairo_t* cr, CairoFonts& fonts, const text::GlyphRun& run, const std::string& text, double x, double y,
                 bool pdf) {
    cairo_scaled_font_t* font = run.face ? fonts.get(*run.face) : nullptr;
    if (!font) return;
    cairo_set_scaled_font(cr, font);
    // Upright runs and tate-chu-yoko units of a vertical line are drawn in a system turned a
    // quarter anticlockwise (as the PDF writer draws them), where a point (u, v) of the line's
    // frame is (-v, u): each upright glyph stands on its horizontal origin (the pen plus Pango's
    // offsets), a unit stands across the line from its origin (GlyphRun::unitX, unitY).
    const bool turned = run.upright || run.tateChuYoko;
    const double ox = x + run.unitX, oy = y + run.unitY;  // a unit's glyphs start here, in the line's frame
    if (turned) {
        cairo_save(cr);
        cairo_rotate(cr, -M_PI / 2);
        if (run.compress != 1) {  // a unit narrowed to one em: its glyphs too, about the unit's origin
            cairo_translate(cr, -oy, ox);
            cairo_scale(cr, run.compress, 1);
            cairo_translate(cr, oy, -ox);
        }
    }
    std::vector<cairo_glyph_t> glyphs;
    glyphs.reserve(run.glyphs.size());
    double pen = 0;
    for (const text::Glyph& g : run.glyphs) {
        if (g.id != text::kNoGlyph) {
            if (run.upright) glyphs.push_back(cairo_glyph_t{g.id, -(y + g.dy), x + pen + g.dx});
            else if (run.tateChuYoko) glyphs.push_back(cairo_glyph_t{g.id, -oy + (pen + g.dx) / run.compress, ox + g.dy});
            else glyphs.push_back(cairo_glyph_t{g.id, x + pen + g.dx, y + g.dy});
        }
        pen += g.advance;
    }
    if (!pdf) {
        cairo_show_glyphs(cr, glyphs.data(), static_cast<int>(glyphs.size()));
        if (turned) cairo_restore(cr);
        return;
    }
    // Clusters count the glyphs drawn, as pango_cairo_show_glyph_item passes them.
    std::vector<cairo_text_cluster_t> clusters;
    size_t g = 0;
    for (const text::Cluster& c : run.clusters) {
        int drawn = 0;
        for (int k = 0; k < c.glyphs; ++k, ++g) drawn += run.glyphs[g].id != text::kNoGlyph;
        if (c.bytes > 0 || drawn > 0) clusters.push_back(cairo_text_cluster_t{c.bytes, drawn});
    }
    cairo_show_text_glyphs(cr, text.c_str() + run.textStart, run.textLength, glyphs.data(), static_cast<int>(glyphs.size()),
                           clusters.data(), static_cast<int>(clusters.size()),
                           run.rtl ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0));
    if (turned) cairo_restore(cr);
}

}  // namespace

std::string tagString(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

namespace {

void paintItems(cairo_t* cr, CairoFonts& fonts, const std::vector<FrameItem>& items, double height,
                std::vector<LinkArea>* links) {
    const bool pdf = links != nullptr;
    for (const FrameItem& item : items) {
        if (auto* t = std::get_if<TextItem>(&item)) {
            for (const auto& run : t->line->runs) {
                const double x = t->x + run.x, y = t->baseline - run.rise;
                if (pdf && !run.link.empty()) {
                    // The area on the page (through any group's matrix; a PDF surface's own
                    // matrix is the identity), its bounding box in PDF space.
                    const text::Box& a = run.linkArea;
                    LinkArea l{{1e9, 1e9, -1e9, -1e9}, run.link, -1, {}};
                    for (double cx : {a.x0, a.x1})
                        for (double cy : {a.y0, a.y1}) {
                            double px = x + cx, py = y + cy;
                            cairo_user_to_device(cr, &px, &py);
                            py = height - py;
                            l.rect[0] = std::min(l.rect[0], px), l.rect[1] = std::min(l.rect[1], py);
                            l.rect[2] = std::max(l.rect[2], px), l.rect[3] = std::max(l.rect[3], py);
                        }
                    pdf::addLinkArea(*links, std::move(l));
                }
                cairo_set_source_rgb(cr, run.color.r, run.color.g, run.color.b);
                paintGlyphs(cr, fonts, run, *t->line->text, x, y, pdf);
                for (const text::Box& b : run.bars) cairo_rectangle(cr, x + b.x0, y + b.y0, b.x1 - b.x0, b.y1 - b.y0);
                if (!run.bars.empty()) cairo_fill(cr);
            }
        } else if (auto* r = std::get_if<RuleItem>(&item)) {
            cairo_set_source_rgb(cr, r->color.r, r->color.g, r->color.b);
            cairo_rectangle(cr, r->x, r->y - r->thickness / 2, r->width, r->thickness);
            cairo_fill(cr);
        } else if (auto* im = std::get_if<ImageItem>(&item)) {
            paintFigure(cr, *im);
        } else if (auto* d = std::get_if<DestItem>(&item)) {
            if (!pdf) continue;
            double px = d->x, py = d->y;
            cairo_user_to_device(cr, &px, &py);
            std::string attr = "name=" + tagString(d->name) + " x=" + std::to_string(px) + " y=" + std::to_string(py);
            cairo_tag_begin(cr, CAIRO_TAG_DEST, attr.c_str());
            cairo_tag_end(cr, CAIRO_TAG_DEST);
        } else if (auto* g = std::get_if<GroupItem>(&item)) {
            const double* t = g->transform;
            cairo_matrix_t m;
            cairo_matrix_init(&m, t[0], t[1], t[2], t[3], t[4], t[5]);
            cairo_save(cr);
            cairo_transform(cr, &m);
            paintItems(cr, fonts, g->items, height, links);
            cairo_restore(cr);
        }
    }
}

}  // namespace

void paintPage(cairo_t* cr, CairoFonts& fonts, const Page& page, std::vector<LinkArea>* links) {
    paintItems(cr, fonts, page.items, page.height, links);
}

std::vector<std::string> writePngs(const PagedDocument& doc, const std::string& base, double dpi, int firstPage,
                                   int lastPage) {
    std::vector<std::string> written;
    std::vector<std::unique_ptr<TempFile>> temps;
    std::vector<std::string> targets;
    CairoFonts fonts;
    const int n = static_cast<int>(doc.pages.size());
    if (lastPage <= 0 || lastPage > n) lastPage = n;
    for (int i = firstPage; i <= lastPage; ++i) {
        const Page& page = doc.pages[static_cast<size_t>(i - 1)];
        const double scale = dpi / 72.0;
        int w = static_cast<int>(std::ceil(page.width * scale)), h = static_cast<int>(std::ceil(page.height * scale));
        SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
        CairoPtr cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), scale, scale);
        interrupt::checkpoint();
        paintPage(cr.get(), fonts, page);
        std::string target = base + "-" + std::to_string(i) + ".png";
        auto tmp = std::make_unique<TempFile>(interrupt::createTemp(target));
        if (cairo_surface_write_to_png(surface.get(), tmp->path.c_str()) != CAIRO_STATUS_SUCCESS)
            failAt(target, {}, "cannot write PNG");
        temps.push_back(std::move(tmp));
        targets.push_back(target);
    }
    // All pages or (interrupted) none: never a mix of new and earlier pages.
    std::vector<std::pair<std::string, std::string>> renames;
    for (size_t k = 0; k < temps.size(); ++k) renames.emplace_back(temps[k]->path, targets[k]);
    interrupt::commit(renames);
    for (size_t k = 0; k < temps.size(); ++k) {
        temps[k]->keep = true;
        written.push_back(targets[k]);
    }
    return written;
}

}  // namespace inkstone::render
