#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFCryptoProvider.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QUtil.hh>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "base/timing.h"
#include "render/pdf_fonts.h"
#include "render/pdf_merge.h"
#include "render/pdf_native.h"
#include "render/render.h"
#include "text/gobject_ptr.h"

namespace inkstone::render {
namespace fs = std::filesystem;
using namespace layout;

namespace {

// Escapes a value for a Cairo tag attribute string ('...' with \' and \\).
std::string tagString(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

// A link area in PDF user space (origin bottom left), added by qpdf after Cairo is done: Cairo
// 1.16's CAIRO_TAG_LINK writes a cross-reference table with phantom structure objects (qpdf --check
// reports "file is damaged"), so links are not drawn through Cairo at all.
struct LinkAnnot {
    size_t page = 0;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string target;  // URI, or "#name" for a named destination
};

void drawPage(cairo_t* cr, const Page& page, bool pdf, size_t pageIndex = 0, std::vector<LinkAnnot>* links = nullptr,
              PdfFonts* fonts = nullptr) {
    for (const FrameItem& item : page.items) {
        if (auto* t = std::get_if<TextItem>(&item)) {
            for (const auto& run : t->line->runs) {
                const double x = t->x + run.x, y = t->baseline - run.rise;
                if (pdf && links && !run.link.empty()) {
                    links->push_back(LinkAnnot{pageIndex, x, page.height - (y + run.size * 0.28), x + run.width,
                                               page.height - (y - run.size * 0.92), run.link});
                }
                cairo_set_source_rgb(cr, run.color.r, run.color.g, run.color.b);
                if (!fonts || !fonts->draw(cr, run, *t->line->text, x, y)) {
                    cairo_move_to(cr, x, y);
                    PangoGlyphItem gi{};
                    gi.item = run.item.get();
                    gi.glyphs = run.glyphs.get();
                    pango_cairo_show_glyph_item(cr, t->line->text->c_str(), &gi);
                }
                if (run.strike) {
                    double thick = run.size * 0.05;
                    cairo_rectangle(cr, x, y - run.size * 0.3 - thick / 2, run.width, thick);
                    cairo_fill(cr);
                }
                if (run.underline) {
                    double thick = run.size * 0.05;
                    cairo_rectangle(cr, x, y + run.size * 0.12, run.width, thick);
                    cairo_fill(cr);
                }
            }
        } else if (auto* r = std::get_if<RuleItem>(&item)) {
            cairo_set_source_rgb(cr, r->color.r, r->color.g, r->color.b);
            cairo_rectangle(cr, r->x, r->y - r->thickness / 2, r->width, r->thickness);
            cairo_fill(cr);
        } else if (auto* im = std::get_if<ImageItem>(&item)) {
            SurfacePtr img(cairo_image_surface_create_from_png(im->path.c_str()));
            if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) continue;
            cairo_save(cr);
            cairo_translate(cr, im->x, im->y);
            cairo_scale(cr, im->width / cairo_image_surface_get_width(img.get()),
                        im->height / cairo_image_surface_get_height(img.get()));
            cairo_set_source_surface(cr, img.get(), 0, 0);
            cairo_paint(cr);
            cairo_restore(cr);
        } else if (auto* d = std::get_if<DestItem>(&item)) {
            if (!pdf) continue;
            std::string attr = "name=" + tagString(d->name) + " x=" + std::to_string(d->x) + " y=" + std::to_string(d->y);
            cairo_tag_begin(cr, CAIRO_TAG_DEST, attr.c_str());
            cairo_tag_end(cr, CAIRO_TAG_DEST);
        }
    }
}

// RAII: removes the temporary file unless committed. Not copyable: a copy's destructor would
// remove the file under its owner.
struct TempFile {
    std::string path;
    bool keep = false;
    TempFile() = default;
    explicit TempFile(std::string p) : path(std::move(p)) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (!keep && !path.empty()) interrupt::discard(path);
    }
};

struct UpdateInput {
    const DocInfo* info = nullptr;
    std::vector<std::string> partFiles;  // parts 1.. (drawn in parallel), appended after this file's pages
    size_t pageCount = 0;             // in all parts
    std::vector<size_t> order;        // final position -> drawn index; empty: as drawn
    std::vector<std::string> labels;  // in drawn order; all empty: no page labels
};

// Inserts `text` before the closing ">>" of a dictionary's text.
void insertIntoDict(std::string& dict, const std::string& text, const std::string& path) {
    const size_t end = dict.rfind(">>");
    if (end == std::string::npos) failAt(path, {}, "cannot finish PDF: unexpected object");
    dict.insert(end, text + " ");
}

// Appends an incremental update (PDF 32000-1, 7.5.6) to the file Cairo wrote: the catalog with
// /Lang, the document information with "D:" dates (or none), the link annotations and the pages
// that carry them, a cross-reference section and a trailer with a deterministic /ID. qpdf reads only
// the cross-reference table and the objects changed; the rest of the file is never parsed or
// rewritten (rewriting it with qpdf took 0.45 ms a page: 0.9 s for a 2,400-page volume).
void appendUpdate(const std::string& rawPath, const UpdateInput& u, const std::vector<LinkAnnot>& links,
                  const std::string& path) {
    const DocInfo& docInfo = *u.info;
    std::string tail;
    size_t base = 0;
    {
        std::ifstream in(rawPath, std::ios::binary | std::ios::ate);
        base = static_cast<size_t>(in.tellg());
        size_t n = std::min<size_t>(base, 1024);
        in.seekg(static_cast<std::streamoff>(base - n));
        tail.resize(n);
        in.read(tail.data(), static_cast<std::streamsize>(n));
    }
    size_t sx = tail.rfind("startxref");
    if (sx == std::string::npos) failAt(path, {}, "cannot finish PDF: no startxref in Cairo's output");
    const long prevXref = std::strtol(tail.c_str() + sx + 9, nullptr, 10);

    QPDF pdf;
    pdf.processFile(rawPath.c_str());
    QPDFObjectHandle trailer = pdf.getTrailer();
    int next = trailer.getKey("/Size").getIntValueAsInt();
    QPDFObjectHandle root = trailer.getKey("/Root");
    QPDFObjectHandle info = trailer.getKey("/Info");
    QPDFObjectHandle pagesNode = root.getKey("/Pages");

    std::string out;
    std::vector<std::pair<int, size_t>> offsets;  // object number -> offset
    auto emit = [&](int num, const std::string& body) {
        offsets.emplace_back(num, base + out.size());
        out += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
    };

    // Pages in drawn order: this file's (Cairo writes a flat page tree: the root's /Kids), then
    // each part's, renumbered past this file's objects.
    QPDFObjectHandle kids = pagesNode.getKey("/Kids");
    std::vector<QPDFObjectHandle> ownPages;
    const bool flat = kids.isArray() && (ownPages = kids.getArrayAsVector(), true);
    if (!flat) ownPages = pdf.getAllPages();
    std::vector<int> pageIds;
    for (auto& pg : ownPages) pageIds.push_back(pg.getObjectID());
    std::vector<std::pair<int, std::string>> partObjects;
    std::map<int, size_t> partObjectIndex;  // object number -> index in partObjects
    std::vector<std::pair<std::string, std::string>> partDests;
    for (const std::string& file : u.partFiles) {
        MergedPart mp;
        try {
            mp = readPart(file, next, pagesNode.getObjectID());
        } catch (const std::exception& e) {
            failAt(path, {}, std::string("cannot join the parts of the PDF: ") + e.what());
        }
        for (auto& o : mp.objects) {
            partObjectIndex[o.first] = partObjects.size();
            partObjects.push_back(std::move(o));
        }
        pageIds.insert(pageIds.end(), mp.pages.begin(), mp.pages.end());
        for (auto& d : mp.dests) partDests.push_back(std::move(d));
        next = mp.nextNumber;
    }
    if (pageIds.size() != u.pageCount) failAt(path, {}, "cannot finish PDF: unexpected page tree");
    const size_t ownCount = ownPages.size();

    bool catalog = false;
    if (!docInfo.lang.empty()) {
        root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(docInfo.lang));
        catalog = true;
    }
    if (std::any_of(u.labels.begin(), u.labels.end(), [](const std::string& l) { return !l.empty(); })) {
        std::vector<std::string> finalLabels;
        for (size_t i = 0; i < u.labels.size(); ++i) finalLabels.push_back(u.labels[u.order.empty() ? i : u.order[i]]);
        root.replaceKey("/PageLabels", QPDFObjectHandle::parse(pageLabelTree(finalLabels)));
        catalog = true;
    }
    std::string catalogExtra;
    if (!u.partFiles.empty()) {
        // One name tree for every part's destinations, sorted by name (PDF 32000-1, 7.9.6).
        std::vector<std::pair<std::string, std::string>> dests;
        QPDFObjectHandle names = root.getKey("/Names");
        if (names.isDictionary() && names.getKey("/Dests").isDictionary()) {
            QPDFNameTreeObjectHelper tree(names.getKey("/Dests"), pdf);
            for (auto it = tree.begin(); it != tree.end(); ++it) dests.emplace_back(it->first, it->second.unparse());
        }
        for (auto& [raw, dest] : partDests) dests.emplace_back(QPDFObjectHandle::parse(raw).getStringValue(), dest);
        std::sort(dests.begin(), dests.end());
        std::string tree = "<< /Names [";
        for (const auto& [name, dest] : dests) tree += "\n" + QPDFObjectHandle::newString(name).unparse() + " " + dest;
        tree += " ] >>";
        const int treeNum = next++;
        emit(treeNum, tree);
        root.removeKey("/Names");
        catalogExtra = "/Names << /Dests " + std::to_string(treeNum) + " 0 R >>";
        catalog = true;
    }
    if (catalog) {
        std::string body = root.unparseResolved();
        if (!catalogExtra.empty()) insertIntoDict(body, catalogExtra, path);
        emit(root.getObjectID(), body);
    }
    // The page tree: every part's pages, in their final order (a streamed volume draws its front
    // matter last).
    if (!u.order.empty() || !u.partFiles.empty()) {
        if (!flat || (!u.order.empty() && u.order.size() != pageIds.size()))
            failAt(path, {}, "cannot finish PDF: unexpected page tree");
        std::string list;
        for (size_t i = 0; i < pageIds.size(); ++i)
            list += " " + std::to_string(pageIds[u.order.empty() ? i : u.order[i]]) + " 0 R";
        pagesNode.removeKey("/Kids");
        pagesNode.replaceKey("/Count", QPDFObjectHandle::newInteger(static_cast<long long>(pageIds.size())));
        std::string body = pagesNode.unparseResolved();
        insertIntoDict(body, "/Kids [" + list + " ]", path);
        emit(pagesNode.getObjectID(), body);
    }
    if (info.isDictionary() && info.isIndirect()) {
        if (docInfo.createDate.size() >= 19) {
            const std::string& d = docInfo.createDate;  // YYYY-MM-DDTHH:MM:SS
            std::string pdfDate = "D:" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + d.substr(11, 2) +
                                  d.substr(14, 2) + d.substr(17, 2) + "Z";
            info.replaceKey("/CreationDate", QPDFObjectHandle::newString(pdfDate));
            info.replaceKey("/ModDate", QPDFObjectHandle::newString(pdfDate));
        } else {
            // No article date and no SOURCE_DATE_EPOCH: no date at all rather than the clock's
            // (the same input must give the same bytes; Cairo was given no date either).
            info.removeKey("/CreationDate");
            info.removeKey("/ModDate");
        }
        emit(info.getObjectID(), info.unparseResolved());
    }
    if (!links.empty()) {
        // Only the pages that get links are parsed (qpdf's getAllPages would parse every page).
        std::map<size_t, std::string> annots;  // page -> " 12 0 R 13 0 R"
        char rect[160];
        for (const LinkAnnot& l : links) {
            if (l.page >= pageIds.size()) continue;
            std::snprintf(rect, sizeof rect, "[%.2f %.2f %.2f %.2f]", l.x0, l.y0, l.x1, l.y1);
            std::string a = "<< /Type /Annot /Subtype /Link /Rect " + std::string(rect) + " /Border [0 0 0] ";
            if (l.target[0] == '#')
                a += "/Dest " + QPDFObjectHandle::newString(l.target.substr(1)).unparse();
            else
                a += "/A << /S /URI /URI " + QPDFObjectHandle::newString(l.target).unparse() + " >>";
            a += " >>";
            int num = next++;
            emit(num, a);
            annots[l.page] += " " + std::to_string(num) + " 0 R";
        }
        for (auto& [pi, refs] : annots) {
            if (pi >= ownCount) {  // a part's page: its renumbered text
                auto it = partObjectIndex.find(pageIds[pi]);
                if (it == partObjectIndex.end()) failAt(path, {}, "cannot finish PDF: unexpected page tree");
                insertIntoDict(partObjects[it->second].second, "/Annots [" + refs + " ]", path);
                continue;
            }
            QPDFObjectHandle page = ownPages[pi];
            if (!page.isPageObject()) failAt(path, {}, "cannot finish PDF: unexpected page tree");
            std::string existing;
            if (page.hasKey("/Annots")) {  // Cairo writes none, but keep any it did write
                for (auto& old : page.getKey("/Annots").aitems()) existing += " " + old.unparse();
                page.removeKey("/Annots");
            }
            std::string body = page.unparseResolved();
            insertIntoDict(body, "/Annots [" + existing + refs + " ]", path);
            emit(page.getObjectID(), body);
        }
    }
    for (const auto& [num, body] : partObjects) emit(num, body);
    // Cross-reference section: one subsection per run of consecutive object numbers.
    std::sort(offsets.begin(), offsets.end());
    const size_t xref = base + out.size();
    out += "xref\n";
    char entry[32];
    for (size_t i = 0; i < offsets.size();) {
        size_t j = i + 1;
        while (j < offsets.size() && offsets[j].first == offsets[j - 1].first + 1) ++j;
        out += std::to_string(offsets[i].first) + " " + std::to_string(j - i) + "\n";
        for (size_t k = i; k < j; ++k) {
            std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets[k].second);
            out += entry;
        }
        i = j;
    }
    // A deterministic /ID: MD5 of the update (the document information, links), Cairo's file size
    // and its last 64 KB (its cross-reference table: every object's offset, so every length).
    auto md5 = QPDFCryptoProvider::getImpl();
    md5->MD5_init();
    {
        std::ifstream in(rawPath, std::ios::binary);
        size_t n = std::min<size_t>(base, 1 << 16);
        in.seekg(static_cast<std::streamoff>(base - n));
        std::string last(n, '\0');
        in.read(last.data(), static_cast<std::streamsize>(n));
        last += std::to_string(base);
        md5->MD5_update(reinterpret_cast<unsigned char*>(last.data()), last.size());
    }
    md5->MD5_update(reinterpret_cast<unsigned char*>(out.data()), out.size());
    md5->MD5_finalize();
    unsigned char digest[16];
    md5->MD5_digest(digest);
    std::string id = QUtil::hex_encode(std::string(reinterpret_cast<char*>(digest), 16));
    out += "trailer\n<< /Size " + std::to_string(next) + " /Root " + root.unparse();
    if (info.isIndirect()) out += " /Info " + info.unparse();
    out += " /Prev " + std::to_string(prevXref) + " /ID [<" + id + "> <" + id + ">] >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    std::ofstream app(rawPath, std::ios::binary | std::ios::app);
    app.write(out.data(), static_cast<std::streamsize>(out.size()));
    app.close();
    if (!app) failAt(path, {}, "cannot write output");
}

}  // namespace

void writeFileAtomic(const std::string& path, const std::string& data, bool afterInterrupt) {
    if (!afterInterrupt) interrupt::checkpoint();
    if (path == "-") {
        std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
        std::cout.flush();
        return;
    }
    TempFile tmp(interrupt::createTemp(path, afterInterrupt));
    interrupt::stallForTests();
    {
        std::ofstream out(tmp.path, std::ios::binary);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.close();
        if (!out) failAt(path, {}, "cannot write output");
    }
    interrupt::commit({{tmp.path, path}}, afterInterrupt);
    tmp.keep = true;
}

// One Cairo PDF surface of the writer: parts are drawn in parallel and joined when finished.
struct PdfPart {
    TempFile raw;
    SurfacePtr surface;
    CairoPtr cr;
    // Interrupted, the surface is abandoned, not finished: finishing embeds the fonts, which can
    // take longer than an interrupted run may (base/interrupt.h); the process ends right after.
    ~PdfPart() {
        if (interrupt::signal()) {
            (void)cr.release();
            (void)surface.release();
        }
    }
    PdfFonts fonts;
    std::vector<LinkAnnot> links;  // page: index within the part
    std::vector<std::string> labels;
    bool fontsBuilt = false;
    double drawMs = 0;
};

struct PdfWriter::Impl {
    std::string path;
    DocInfo info;
    std::vector<std::unique_ptr<PdfPart>> parts;
    std::unique_ptr<NativePdfWriter> native;  // our own writer (the default); parts then unused
};

namespace {
bool nativeWriter() {
    const char* e = std::getenv("INKSTONE_PDF_WRITER");
    return !e || std::string(e) != "cairo";
}
}  // namespace

PdfWriter::PdfWriter(const std::string& path, const DocInfo& info, int parts) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.path = path;
    m.info = info;
    if (nativeWriter()) {
        m.native = std::make_unique<NativePdfWriter>(path, info, parts);
        return;
    }
    for (int k = 0; k < std::max(1, parts); ++k) {
        auto part = std::make_unique<PdfPart>();
        part->raw.path = interrupt::createTemp(path == "-" ? (fs::temp_directory_path() / "inkstone-stdout.pdf").string() : path);
        part->surface.reset(cairo_pdf_surface_create(part->raw.path.c_str(), 595, 842));
        cairo_surface_t* s = part->surface.get();
        cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
        if (!info.author.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
        if (!info.subject.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
        if (!info.keywords.empty())
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, info.keywords.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, info.creator.c_str());
        // No date: an empty one, so that Cairo writes none (it would write the clock's).
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, info.createDate.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, info.createDate.c_str());
        part->cr.reset(cairo_create(s));
        m.parts.push_back(std::move(part));
    }
}

PdfWriter::~PdfWriter() = default;

bool PdfWriter::predictsFonts() const { return !impl_->native; }

void PdfWriter::expectText(std::string_view utf8) {
    for (auto& part : impl_->parts) part->fonts.expectText(utf8);
}

void PdfWriter::expectPage(const Page& page, int part) {
    if (impl_->native) return;  // it subsets at the end, from what was drawn
    impl_->parts.at(static_cast<size_t>(part))->fonts.collect(page);
}

size_t PdfWriter::pageCount() const {
    if (impl_->native) return impl_->native->pageCount();
    size_t n = 0;
    for (const auto& part : impl_->parts) n += part->labels.size();
    return n;
}

void PdfWriter::addPage(const Page& page, int partIndex) {
    interrupt::checkpoint();
    if (impl_->native) {
        impl_->native->addPage(page, partIndex);
        return;
    }
    PdfPart& m = *impl_->parts.at(static_cast<size_t>(partIndex));
    if (!m.fontsBuilt) {
        StageTimer t("pdf: subset fonts");
        m.fonts.collect(page);
        m.fonts.build();
        m.fontsBuilt = true;
    }
    auto started = std::chrono::steady_clock::now();
    m.fonts.collect(page);  // faces first met here
    cairo_pdf_surface_set_size(m.surface.get(), page.width, page.height);
    drawPage(m.cr.get(), page, true, m.labels.size(), &m.links, &m.fonts);
    cairo_show_page(m.cr.get());
    m.labels.push_back(page.label);
    m.drawMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void PdfWriter::finish(const std::vector<OutlineEntry>& outline, const std::vector<size_t>& order) {
    Impl& m = *impl_;
    if (m.native) {
        StageTimer t("pdf: native writer finish (fonts, objects)");
        m.native->finish(outline, order);
        return;
    }
    PdfPart& first = *m.parts[0];
    if (timingsEnabled())
        for (const auto& part : m.parts)
            std::fprintf(stderr, "timing: pdf: draw pages %.2f ms (%zu pages; %zu faces, %zu glyphs in subsets, %zu misses)\n",
                         part->drawMs, part->labels.size(), part->fonts.faceCount(), part->fonts.glyphCount(),
                         part->fonts.misses());
    // Outline (in the first part; its destinations are found by name in every part): entries nest
    // under the nearest previous entry of a lower level.
    std::vector<std::pair<int, int>> parents{{0, CAIRO_PDF_OUTLINE_ROOT}};
    for (const auto& e : outline) {
        while (parents.size() > 1 && parents.back().first >= e.level) parents.pop_back();
        std::string link = "dest=" + tagString(e.dest);
        int id = cairo_pdf_surface_add_outline(first.surface.get(), parents.back().second, e.title.c_str(), link.c_str(),
                                               CAIRO_PDF_OUTLINE_FLAG_OPEN);
        parents.emplace_back(e.level, id);
    }
    StageTimer stage("pdf: cairo finish (fonts, objects)");
    // Parts finish in parallel (Cairo embeds their fonts here); surfaces are independent.
    std::vector<std::thread> finishing;
    for (size_t k = 1; k < m.parts.size(); ++k)
        finishing.emplace_back([&part = *m.parts[k]] {
            part.cr.reset();
            cairo_surface_finish(part.surface.get());
        });
    first.cr.reset();
    cairo_surface_finish(first.surface.get());
    for (auto& t : finishing) t.join();
    for (auto& part : m.parts) {
        if (cairo_surface_status(part->surface.get()) != CAIRO_STATUS_SUCCESS)
            failAt(m.path, {},
                   std::string("cannot write PDF: ") + cairo_status_to_string(cairo_surface_status(part->surface.get())));
        part->surface.reset();
    }
    stage.stop();
    // Cairo 1.16 cannot set the document language, writes dates without "D:" and cannot write
    // sound link annotations: an incremental update appended to Cairo's file adds them, with the
    // page labels, the final page order and the other parts' objects.
    StageTimer t("pdf: update (language, dates, labels, links, parts)");
    UpdateInput u{&m.info, {}, 0, order, {}};
    std::vector<LinkAnnot> links;
    for (auto& part : m.parts) {
        for (LinkAnnot l : part->links) {
            l.page += u.labels.size();
            links.push_back(std::move(l));
        }
        u.labels.insert(u.labels.end(), part->labels.begin(), part->labels.end());
        if (part.get() != &first) u.partFiles.push_back(part->raw.path);
    }
    u.pageCount = u.labels.size();
    appendUpdate(first.raw.path, u, links, m.path);
    t.stop();
    if (m.path == "-") {
        interrupt::checkpoint();  // the file may be gone: never copy a part of it
        std::ifstream in(first.raw.path, std::ios::binary);
        if (!in) failAt(m.path, {}, "cannot write output: the PDF's temporary file is gone");
        std::cout << in.rdbuf();
        std::cout.flush();
        if (!std::cout) failAt(m.path, {}, "cannot write output");
        return;
    }
    interrupt::commit({{first.raw.path, m.path}});
    first.raw.keep = true;
}

void writePdf(const PagedDocument& doc, const std::string& path) {
    PdfWriter w(path, doc.info);  // our own writer unless INKSTONE_PDF_WRITER=cairo
    for (const Page& page : doc.pages) w.expectPage(page);  // exact font subsets
    for (const Page& page : doc.pages) w.addPage(page);
    w.finish(doc.outline);
}

std::vector<std::string> writePngs(const PagedDocument& doc, const std::string& base, double dpi, int firstPage,
                                   int lastPage) {
    std::vector<std::string> written;
    std::vector<std::unique_ptr<TempFile>> temps;
    std::vector<std::string> targets;
    const int n = static_cast<int>(doc.pages.size());
    if (lastPage <= 0 || lastPage > n) lastPage = n;
    for (int i = firstPage; i <= lastPage; ++i) {
        const Page& page = doc.pages[i - 1];
        const double scale = dpi / 72.0;
        int w = static_cast<int>(std::ceil(page.width * scale)), h = static_cast<int>(std::ceil(page.height * scale));
        SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
        CairoPtr cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        cairo_scale(cr.get(), scale, scale);
        interrupt::checkpoint();
        drawPage(cr.get(), page, false);
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
    for (size_t p = 0; p < doc.pages.size(); ++p) {
        const Page& page = doc.pages[p];
        out << "page " << p + 1 << " label=" << page.label << " size=" << num(page.width) << "x" << num(page.height) << "\n";
        for (const FrameItem& item : page.items) {
            if (auto* t = std::get_if<TextItem>(&item)) {
                const auto& l = *t->line;
                char ratio[32];
                std::snprintf(ratio, sizeof ratio, "%.3f", std::abs(l.ratio) < 0.0005 ? 0.0 : l.ratio);
                out << "  line x=" << num(t->x) << " y=" << num(t->baseline) << " w=" << num(l.width) << " chars="
                    << l.start << "-" << l.end << " r=" << ratio << (l.hyphenated ? " hyphen" : "") << " " << tag(t->tag) << " |" << l.plain
                    << (l.hyphenated ? "-" : "") << "|\n";
            } else if (auto* r = std::get_if<RuleItem>(&item)) {
                out << "  rule x=" << num(r->x) << " y=" << num(r->y) << " w=" << num(r->width) << " t=" << num(r->thickness) << " "
                    << tag(r->tag) << "\n";
            } else if (auto* im = std::get_if<ImageItem>(&item)) {
                out << "  image x=" << num(im->x) << " y=" << num(im->y) << " w=" << num(im->width) << " h=" << num(im->height)
                    << " " << fs::path(im->path).filename().string() << " " << tag(im->tag) << "\n";
            } else if (auto* d = std::get_if<DestItem>(&item)) {
                out << "  dest " << d->name << " x=" << num(d->x) << " y=" << num(d->y) << "\n";
            }
        }
    }
    return out.str();
}

}  // namespace inkstone::render
