// Our PDF writer (DESIGN.md, "The PDF writer"): each page becomes a compressed content stream
// when added (pdf_content), glyphs addressed by their source glyph IDs; fonts (pdf_fonts), figures
// (pdf_figures),
// destinations, outline and labels (pdf_navigation) are written when the document is finished,
// as numbered objects (pdf_syntax). Nothing reaches the target unless finish() succeeds.
#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "render/pdf_backend.h"
#include "render/pdf_content.h"
#include "render/pdf_figures.h"
#include "render/pdf_fonts.h"
#include "render/pdf_metadata.h"
#include "render/pdf_navigation.h"
#include "render/pdf_structure.h"
#include "render/pdf_syntax.h"

namespace inkstone::render {
using namespace layout;

namespace {

using Link = pdf::LinkArea;

struct PageData {
    double width = 0, height = 0;
    std::string content;  // deflated
    std::vector<Link> links;
    std::vector<int> mcids;  // tagged: the structure node of each MCID
    std::vector<std::pair<std::string, std::pair<double, double>>> dests;
    std::string label;
};

// What one drawing thread gathers: the fonts it drew with and the figures it placed.
struct Context {
    pdf::FontCollector fonts;
    std::map<std::string, std::string> images;  // resource name -> file
    std::map<std::string, int> orientations;    // file -> EXIF orientation (a JPEG's header, read once)
};

class NativeWriter final : public DocumentWriter::Backend {
public:
    NativeWriter(const std::string& path, const DocInfo& info) : path_(path), info_(info) {}

    size_t reserve() override { return slots_.reserve(); }
    size_t pageCount() const override { return slots_.count(); }

    void addPage(const Page& page, size_t slot) override;
    void finish(const std::vector<OutlineEntry>& outline, const std::vector<StructNode>& structure) override;

private:
    std::string path_;
    DocInfo info_;
    Slots<PageData> slots_;
    std::mutex mutex_;  // contexts_
    std::map<std::thread::id, std::unique_ptr<Context>> contexts_;
};

// Maps a group's coordinates to the page's (layout's y-down convention).
struct Affine {
    double m[6] = {1, 0, 0, 1, 0, 0};
    bool identity = true;
    void apply(double x, double y, double& px, double& py) const {
        px = m[0] * x + m[2] * y + m[4];
        py = m[1] * x + m[3] * y + m[5];
    }
    Affine then(const double t[6]) const {  // t inside this
        Affine r;
        r.m[0] = m[0] * t[0] + m[2] * t[1];
        r.m[1] = m[1] * t[0] + m[3] * t[1];
        r.m[2] = m[0] * t[2] + m[2] * t[3];
        r.m[3] = m[1] * t[2] + m[3] * t[3];
        r.m[4] = m[0] * t[4] + m[2] * t[5] + m[4];
        r.m[5] = m[1] * t[4] + m[3] * t[5] + m[5];
        r.identity = false;
        return r;
    }
};

// Draws `items` into `cs`; their coordinates are mapped to the page by `m` (through the content
// stream's matrix for groups; link areas and destinations are mapped here).
void drawItems(const std::vector<FrameItem>& items, double height, const Affine& m, pdf::ContentStream& cs,
               pdf::PageTags& tags, PageData& pd, Context& ctx) {
    // Marks what follows as the content of the tag's node, or as an artifact.
    auto mark = [&](const ItemTag& t) {
        if (t.artifact != Artifact::None) tags.artifact(t.artifact);
        else tags.content(t.node, t.role, std::nullopt);
    };
    // A point of the items' own space in PDF user space (y up).
    auto toPdf = [&](double x, double y, double& px, double& py) {
        m.apply(x, y, px, py);
        py = height - py;
    };
    for (const FrameItem& item : items) {
        if (const auto* t = std::get_if<TextItem>(&item)) {
            const auto& runs = t->line->runs;
            // The last run with glyphs: whose last glyph is the hyphen the line break added, if any.
            size_t lastRun = runs.size();
            for (size_t r = runs.size(); r-- > 0;)
                if (!runs[r].glyphs.empty()) {
                    lastRun = r;
                    break;
                }
            const size_t hyphenRun = t->line->hyphenated ? lastRun : runs.size();
            for (size_t r = 0; r < runs.size(); ++r) {
                const text::GlyphRun& run = runs[r];
                const double x = t->x + run.x, y = height - (t->baseline - run.rise);
                int node = t->tag.node;
                const bool artifact = t->tag.artifact != Artifact::None;
                const int runNode = !artifact && r < t->runTags.size() && t->runTags[r].node >= 0 ? t->runTags[r].node : -1;
                const Role runRole = runNode >= 0 ? t->runTags[r].role : t->tag.role;
                const std::optional<Lang> runLang = !artifact && r < t->runTags.size() ? t->runTags[r].lang : std::nullopt;
                if (runNode >= 0) node = runNode;
                // Marks what follows of the run: its glyphs (text), or its bars.
                auto markRun = [&](bool text) {
                    if (artifact) tags.artifact(t->tag.artifact, text);
                    else tags.content(node, runRole, runLang, text);
                };
                markRun(true);
                cs.color(run.color);
                if (!run.link.empty()) {
                    // The link's text describes its annotation (/Contents).
                    const std::string words = t->line->text->substr(static_cast<size_t>(run.textStart),
                                                                    static_cast<size_t>(run.textLength));
                    const int linkNode = t->tag.artifact == Artifact::None ? node : -1;
                    const text::Box& a = run.linkArea;
                    if (m.identity) {  // computed from the pen directly: the same bytes as before groups
                        pdf::addLinkArea(pd.links, {{x + a.x0, y - a.y1, x + a.x1, y - a.y0}, run.link, linkNode, words});
                    } else {  // the bounding box of the turned area
                        Link l{{1e9, 1e9, -1e9, -1e9}, run.link, linkNode, words};
                        for (double cx : {a.x0, a.x1})
                            for (double cy : {a.y0, a.y1}) {
                                double px, py;
                                toPdf(x + cx, t->baseline - run.rise + cy, px, py);
                                l.rect[0] = std::min(l.rect[0], px), l.rect[1] = std::min(l.rect[1], py);
                                l.rect[2] = std::max(l.rect[2], px), l.rect[3] = std::max(l.rect[3], py);
                            }
                        pdf::addLinkArea(pd.links, std::move(l));
                    }
                }
                // A line-end hyphen reads as a soft hyphen: its glyph's ToUnicode says U+00AD,
                // unless the glyph is the face's hyphen-minus, whose text is "-": then it is a
                // sequence of its own with /ActualText.
                if (tags.enabled() && r == hyphenRun && t->tag.artifact == Artifact::None && node >= 0 &&
                    cs.hyphenIsHyphenMinus(run)) {
                    const size_t last = pdf::drawnEnd(run);
                    if (last > 0 && !cs.glyphs(run, *t->line->text, x, y, true, 0, last - 1)) continue;
                    tags.softHyphen(node);
                    cs.glyphs(run, *t->line->text, x, y, true, last - 1, run.glyphs.size());
                } else if (run.upright) {
                    if (!cs.uprightGlyphs(run, *t->line->text, x, y)) continue;
                } else if (run.tateChuYoko) {  // across the line, from the unit's origin (PDF: y up)
                    if (!cs.glyphs(run, *t->line->text, x + run.unitX, y - run.unitY, false, 0, SIZE_MAX, true)) continue;
                } else if (!cs.glyphs(run, *t->line->text, x, y, r == hyphenRun)) {
                    continue;
                }
                if (!run.bars.empty()) markRun(false);
                for (const text::Box& b : run.bars) cs.rect(x + b.x0, y - b.y1, b.x1 - b.x0, b.y1 - b.y0);
                // A line that ends where a word space was: the space, so that the text of a
                // paragraph's lines reads as words (tagged PDF, 14.8.2.5).
                if (tags.enabled() && !artifact && r == lastRun) {
                    const size_t after = static_cast<size_t>(run.textStart + run.textLength);
                    if (after < t->line->text->size() && (*t->line->text)[after] == ' ') {
                        markRun(true);
                        cs.trailingSpace(run);
                    }
                }
            }
        } else if (const auto* r = std::get_if<RuleItem>(&item)) {
            mark(r->tag);
            cs.rect(r->color, r->x, height - r->y - r->thickness / 2, r->width, r->thickness);
        } else if (const auto* im = std::get_if<ImageItem>(&item)) {
            mark(im->tag);
            const std::string name = pdf::resourceName("/Im", im->path);
            ctx.images[name] = im->path;
            auto [o, fresh] = ctx.orientations.emplace(im->path, 1);
            if (fresh) o->second = pdf::orientationOf(im->path);
            const double y = height - im->y - im->height;
            if (o->second == 1) {  // a plain scale (the bytes written before orientations)
                cs.image(name, im->x, y, im->width, im->height);
            } else {
                double m[6];
                pdf::figureMatrix(o->second, im->x, y, im->width, im->height, m);
                cs.xobject(name, m);
            }
        } else if (const auto* d = std::get_if<DestItem>(&item)) {
            double px, py;
            toPdf(d->x, d->y, px, py);
            pd.dests.emplace_back(d->name, std::make_pair(px, py));
        } else if (const auto* g = std::get_if<GroupItem>(&item)) {
            // The group's matrix in PDF space: flip * t * flip (y up, origin at the bottom).
            const double* t = g->transform;
            tags.close();  // marked content and q/Q nest
            cs.save({t[0], -t[1], -t[2], t[3], t[2] * height + t[4], height - t[3] * height - t[5]});
            drawItems(g->items, height, m.then(t), cs, tags, pd, ctx);
            tags.close();
            cs.restore();
        }
    }
}

void NativeWriter::addPage(const Page& page, size_t slot) {
    Context* ctx;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& c = contexts_[std::this_thread::get_id()];
        if (!c) c = std::make_unique<Context>();
        ctx = c.get();
    }
    PageData pd;
    pd.width = page.width;
    pd.height = page.height;
    pd.label = page.label;
    pdf::ContentStream cs(ctx->fonts);
    pdf::PageTags tags(cs, info_.tagged);
    drawItems(page.items, page.height, Affine{}, cs, tags, pd, *ctx);
    tags.close();
    pd.mcids = std::move(tags.mcids);
    pd.content = pdf::deflate(cs.finish(), pdf::kContentLevel);
    slots_.add(slot, std::move(pd));
}

void NativeWriter::finish(const std::vector<OutlineEntry>& outline, const std::vector<StructNode>& structure) {
    interrupt::checkpoint();
    pdf::ObjectFile w;
    const int pagesNum = w.reserve(), resources = w.reserve();
    std::vector<int> pageNums;
    std::vector<std::string> labels;
    std::map<std::string, pdf::Destination> dests;
    const bool tagged = info_.tagged;
    std::vector<pdf::TaggedPage> taggedPages;
    int annotKey = static_cast<int>(slots_.count());  // parent-tree keys: pages first, then annotations
    slots_.forEach([&](PageData& pd) {
        const int pageNum = w.reserve(), content = w.reserve();
        pdf::TaggedPage tp;
        tp.object = pageNum;
        std::string annots;
        for (const auto& l : pd.links) {
            const int n = w.reserve();
            // Printed (PDF/A), described by their text, and in the tree when tagged.
            std::string extra = " /F 4";
            if (tagged) {
                extra += " /Contents " + pdf::textString(l.text);
                if (l.node >= 0) {
                    extra += " /StructParent " + std::to_string(annotKey);
                    tp.annotations.push_back({n, l.node, annotKey++});
                }
            }
            w.object(n, pdf::linkAnnotation(l.rect, l.target, extra));
            annots += " " + pdf::ObjectFile::ref(n);
        }
        w.stream(content, "", pd.content, true);
        std::string p = "<< /Type /Page /Parent " + pdf::ObjectFile::ref(pagesNum) + " /MediaBox [0 0 ";
        pdf::num(p, pd.width);
        p += ' ';
        pdf::num(p, pd.height);
        p += "] /Resources " + pdf::ObjectFile::ref(resources) + " /Contents " + pdf::ObjectFile::ref(content);
        if (!annots.empty()) p += " /Annots [" + annots + " ]";
        if (tagged) {
            if (!pd.mcids.empty()) p += " /StructParents " + std::to_string(taggedPages.size());
            p += " /Tabs /S";
        }
        w.object(pageNum, p + " >>");
        if (tagged) {
            tp.mcids = std::move(pd.mcids);
            taggedPages.push_back(std::move(tp));
        }
        for (auto& [name, at] : pd.dests) dests.emplace(name, pdf::Destination{pageNum, at.first, at.second});
        pageNums.push_back(pageNum);
        labels.push_back(pd.label);
        std::string().swap(pd.content);
    });
    std::string kids;
    for (int n : pageNums) kids += " " + pdf::ObjectFile::ref(n);
    w.object(pagesNum, "<< /Type /Pages /Kids [" + kids + " ] /Count " + std::to_string(pageNums.size()) + " >>");
    // Every thread's fonts and images: one subset per face.
    std::map<pdf::FaceKey, pdf::FaceUse> faces;
    std::map<std::string, std::string> images;
    for (auto& [id, ctx] : contexts_) {
        for (auto& [key, use] : ctx->fonts.uses()) faces[key].merge(use);
        images.insert(ctx->images.begin(), ctx->images.end());
    }
    // The structure tree first: its object streams are compressed while the fonts are subset.
    const std::string structureEntries = tagged ? pdf::writeStructure(w, structure, info_.lang, taggedPages) : "";
    pdf::FigureJobs figures(images, pdf::FigureOptions{info_.pdfa != PdfA::None});  // made ready on other threads while the fonts are subset
    const std::string fontDict = pdf::writeFonts(w, faces, path_);
    const std::string xobjects = figures.write(w);
    w.object(resources, "<< /Font <<" + fontDict + " >> /XObject <<" + xobjects + " >> >>");
    const int destTree = pdf::writeDestinations(w, dests);
    const int outlineRoot = pdf::writeOutline(w, outline);
    std::string catalog = "<< /Type /Catalog /Pages " + pdf::ObjectFile::ref(pagesNum) + " /Names << /Dests " +
                          pdf::ObjectFile::ref(destTree) + " >>";
    if (outlineRoot) catalog += " /Outlines " + pdf::ObjectFile::ref(outlineRoot) + " /PageMode /UseOutlines";
    if (!info_.lang.empty()) catalog += " /Lang " + pdf::textString(info_.lang);
    if (tagged) catalog += structureEntries;
    // A vertical-rl document is read right to left: a viewer showing spreads puts each page's
    // successor on its left (/Direction /R2L).
    if (tagged || info_.rightToLeft)
        catalog += std::string(" /ViewerPreferences <<") + (tagged ? " /DisplayDocTitle true" : "") +
                   (info_.rightToLeft ? " /Direction /R2L" : "") + " >>";
    // The metadata (unfiltered, as PDF/A asks), and PDF/A's output intent.
    const int metadata = w.reserve();
    w.stream(metadata, "/Type /Metadata /Subtype /XML", pdf::xmpMetadata(info_), false);
    catalog += " /Metadata " + pdf::ObjectFile::ref(metadata);
    if (info_.pdfa != PdfA::None) {
        const int profile = w.reserve();
        w.stream(profile, "/N 3", pdf::deflate(pdf::srgbProfile()), true);
        catalog += " /OutputIntents [" + pdf::outputIntent(profile) + "]";
    }
    const std::string labelTree = pdf::pageLabelTree(labels);
    if (!labelTree.empty()) catalog += " /PageLabels " + labelTree;
    const int catalogNum = w.reserve();
    w.object(catalogNum, catalog + " >>");
    const int infoNum = w.reserve();
    w.object(infoNum, pdf::infoDictionary(info_));
    writeFileAtomic(path_, w.finish(catalogNum, infoNum));
}

}  // namespace

std::unique_ptr<DocumentWriter::Backend> nativePdfWriter(const std::string& path, const DocInfo& info) {
    return std::make_unique<NativeWriter>(path, info);
}

}  // namespace inkstone::render
