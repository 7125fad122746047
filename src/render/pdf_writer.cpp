// Our PDF writer (DESIGN.md, "The PDF writer"): each page becomes a compressed content stream
// when added (pdf_content), glyphs addressed by their source glyph IDs; fonts (pdf_fonts), images,
// destinations, outline and labels (pdf_navigation) are written when the document is finished,
// as numbered objects (pdf_syntax). Nothing reaches the target unless finish() succeeds.
#include <map>
#include <mutex>
#include <thread>

#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "image/image.h"
#include "render/pdf_backend.h"
#include "render/pdf_content.h"
#include "render/pdf_fonts.h"
#include "render/pdf_navigation.h"
#include "render/pdf_syntax.h"

namespace inkstone::render {
using namespace layout;

namespace {

struct Link {
    double rect[4];
    std::string target;
};

struct PageData {
    double width = 0, height = 0;
    std::string content;  // deflated
    std::vector<Link> links;
    std::vector<std::pair<std::string, std::pair<double, double>>> dests;
    std::string label;
};

// What one drawing thread gathers: the fonts it drew with and the images it placed.
struct Context {
    pdf::FontCollector fonts;
    std::map<std::string, std::string> images;  // resource name -> file
};

class NativeWriter final : public PdfWriter::Backend {
public:
    NativeWriter(const std::string& path, const DocInfo& info) : path_(path), info_(info) {}

    size_t reserve() override {
        std::lock_guard<std::mutex> lock(mutex_);
        slots_.push_back(std::make_unique<std::vector<PageData>>());
        return slots_.size() - 1;
    }

    size_t pageCount() const override {
        std::lock_guard<std::mutex> lock(mutex_);
        size_t n = 0;
        for (const auto& s : slots_) n += s->size();
        return n;
    }

    void addPage(const Page& page, size_t slot) override;
    void finish(const std::vector<OutlineEntry>& outline) override;

private:
    std::string writeImages(pdf::ObjectFile& w, const std::map<std::string, std::string>& images) const;
    std::string info() const;

    std::string path_;
    DocInfo info_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<std::vector<PageData>>> slots_;
    std::map<std::thread::id, std::unique_ptr<Context>> contexts_;
};

void NativeWriter::addPage(const Page& page, size_t slot) {
    Context* ctx;
    std::vector<PageData>* pages;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& c = contexts_[std::this_thread::get_id()];
        if (!c) c = std::make_unique<Context>();
        ctx = c.get();
        pages = slots_.at(slot).get();
    }
    PageData pd;
    pd.width = page.width;
    pd.height = page.height;
    pd.label = page.label;
    pdf::ContentStream cs(ctx->fonts);
    for (const FrameItem& item : page.items) {
        if (const auto* t = std::get_if<TextItem>(&item)) {
            for (const auto& run : t->line->runs) {
                const double x = t->x + run.x, y = page.height - (t->baseline - run.rise);
                cs.color(run.color);
                if (!run.link.empty()) {
                    const text::Box& a = run.linkArea;
                    pd.links.push_back({{x + a.x0, y - a.y1, x + a.x1, y - a.y0}, run.link});
                }
                if (!cs.glyphs(run, *t->line->text, x, y)) continue;
                for (const text::Box& b : run.bars) cs.rect(x + b.x0, y - b.y1, b.x1 - b.x0, b.y1 - b.y0);
            }
        } else if (const auto* r = std::get_if<RuleItem>(&item)) {
            cs.rect(r->color, r->x, page.height - r->y - r->thickness / 2, r->width, r->thickness);
        } else if (const auto* im = std::get_if<ImageItem>(&item)) {
            const std::string name = pdf::resourceName("/Im", im->path);
            ctx->images[name] = im->path;
            cs.image(name, im->x, page.height - im->y - im->height, im->width, im->height);
        } else if (const auto* d = std::get_if<DestItem>(&item)) {
            pd.dests.emplace_back(d->name, std::make_pair(d->x, page.height - d->y));
        }
    }
    pd.content = pdf::deflate(cs.finish(), pdf::kContentLevel);
    pages->push_back(std::move(pd));
}

// An image XObject per file: RGB samples, and an SMask when any pixel is not opaque.
std::string NativeWriter::writeImages(pdf::ObjectFile& w, const std::map<std::string, std::string>& images) const {
    std::string xobjects;
    for (auto& [name, file] : images) {
        std::optional<image::Raster> r = image::readPng(file);
        if (!r) failAt(file, {}, "cannot read the PNG image");
        const int img = w.reserve();
        const std::string size = "/Width " + std::to_string(r->width) + " /Height " + std::to_string(r->height);
        std::string dict = "/Type /XObject /Subtype /Image " + size + " /ColorSpace /DeviceRGB /BitsPerComponent 8";
        if (!r->alpha.empty()) {
            const int mask = w.reserve();
            w.stream(mask, "/Type /XObject /Subtype /Image " + size + " /ColorSpace /DeviceGray /BitsPerComponent 8",
                     pdf::deflate(r->alpha), true);
            dict += " /SMask " + pdf::ObjectFile::ref(mask);
        }
        w.stream(img, dict, pdf::deflate(r->rgb), true);
        xobjects += " " + name + " " + pdf::ObjectFile::ref(img);
    }
    return xobjects;
}

std::string NativeWriter::info() const {
    std::string info = "<< /Producer (inkstone native writer) /Creator " + pdf::textString(info_.creator) + " /Title " +
                       pdf::textString(info_.title);
    if (!info_.author.empty()) info += " /Author " + pdf::textString(info_.author);
    if (!info_.subject.empty()) info += " /Subject " + pdf::textString(info_.subject);
    if (!info_.keywords.empty()) info += " /Keywords " + pdf::textString(info_.keywords);
    const std::string date = pdf::date(info_.createDate);
    if (!date.empty()) info += " /CreationDate (" + date + ") /ModDate (" + date + ")";
    return info + " >>";
}

void NativeWriter::finish(const std::vector<OutlineEntry>& outline) {
    interrupt::checkpoint();
    pdf::ObjectFile w;
    const int pagesNum = w.reserve(), resources = w.reserve();
    std::vector<int> pageNums;
    std::vector<std::string> labels;
    std::map<std::string, pdf::Destination> dests;
    for (auto& slot : slots_) {
        for (auto& pd : *slot) {
            const int pageNum = w.reserve(), content = w.reserve();
            std::string annots;
            for (const auto& l : pd.links) {
                const int n = w.reserve();
                w.object(n, pdf::linkAnnotation(l.rect, l.target));
                annots += " " + pdf::ObjectFile::ref(n);
            }
            w.stream(content, "", pd.content, true);
            std::string p = "<< /Type /Page /Parent " + pdf::ObjectFile::ref(pagesNum) + " /MediaBox [0 0 ";
            pdf::num(p, pd.width);
            p += ' ';
            pdf::num(p, pd.height);
            p += "] /Resources " + pdf::ObjectFile::ref(resources) + " /Contents " + pdf::ObjectFile::ref(content);
            if (!annots.empty()) p += " /Annots [" + annots + " ]";
            w.object(pageNum, p + " >>");
            for (auto& [name, at] : pd.dests) dests.emplace(name, pdf::Destination{pageNum, at.first, at.second});
            pageNums.push_back(pageNum);
            labels.push_back(pd.label);
            std::string().swap(pd.content);
        }
    }
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
    const std::string fontDict = pdf::writeFonts(w, faces, path_);
    const std::string xobjects = writeImages(w, images);
    w.object(resources, "<< /Font <<" + fontDict + " >> /XObject <<" + xobjects + " >> >>");
    const int destTree = pdf::writeDestinations(w, dests);
    const int outlineRoot = pdf::writeOutline(w, outline);
    std::string catalog = "<< /Type /Catalog /Pages " + pdf::ObjectFile::ref(pagesNum) + " /Names << /Dests " +
                          pdf::ObjectFile::ref(destTree) + " >>";
    if (outlineRoot) catalog += " /Outlines " + pdf::ObjectFile::ref(outlineRoot) + " /PageMode /UseOutlines";
    if (!info_.lang.empty()) catalog += " /Lang " + pdf::textString(info_.lang);
    const std::string labelTree = pdf::pageLabelTree(labels);
    if (!labelTree.empty()) catalog += " /PageLabels " + labelTree;
    const int catalogNum = w.reserve();
    w.object(catalogNum, catalog + " >>");
    const int infoNum = w.reserve();
    w.object(infoNum, info());
    writeFileAtomic(path_, w.finish(catalogNum, infoNum));
}

}  // namespace

std::unique_ptr<PdfWriter::Backend> nativePdfWriter(const std::string& path, const DocInfo& info) {
    return std::make_unique<NativeWriter>(path, info);
}

}  // namespace inkstone::render
