#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "base/diagnostics.h"
#include "base/timing.h"
#include "render/pdf_fonts.h"
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

std::string tempPathFor(const std::string& path) {
    fs::path p(path);
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::string tmpl = (dir / ("." + p.filename().string() + ".XXXXXX")).string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0) failAt(path, {}, "cannot write output: " + std::string(std::strerror(errno)));
    close(fd);
    return tmpl;
}

void commit(const std::string& tmp, const std::string& path) {
    std::error_code ec;
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                    ec);
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        failAt(path, {}, "cannot write output: " + ec.message());
    }
}

// RAII: removes the temporary file unless committed.
struct TempFile {
    std::string path;
    bool keep = false;
    ~TempFile() {
        if (!keep && !path.empty()) std::remove(path.c_str());
    }
};

}  // namespace

void writeFileAtomic(const std::string& path, const std::string& data) {
    if (path == "-") {
        std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
        std::cout.flush();
        return;
    }
    TempFile tmp{tempPathFor(path)};
    {
        std::ofstream out(tmp.path, std::ios::binary);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!out) failAt(path, {}, "cannot write output");
    }
    commit(tmp.path, path);
    tmp.keep = true;
}

void writePdf(const PagedDocument& doc, const std::string& path) {
    std::string target = path;
    TempFile raw{tempPathFor(path == "-" ? (fs::temp_directory_path() / "inkstone-stdout.pdf").string() : path)};
    std::vector<LinkAnnot> links;
    {
        double w0 = doc.pages.empty() ? 595 : doc.pages[0].width, h0 = doc.pages.empty() ? 842 : doc.pages[0].height;
        SurfacePtr surface(cairo_pdf_surface_create(raw.path.c_str(), w0, h0));
        cairo_surface_t* s = surface.get();
        cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
        const auto& i = doc.info;
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, i.title.c_str());
        if (!i.author.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, i.author.c_str());
        if (!i.subject.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, i.subject.c_str());
        if (!i.keywords.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, i.keywords.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, i.creator.c_str());
        if (!i.createDate.empty()) {
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, i.createDate.c_str());
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, i.createDate.c_str());
        }
        CairoPtr cr(cairo_create(s));
        PdfFonts fonts;
        {
            StageTimer t("pdf: subset fonts");
            for (const Page& page : doc.pages) fonts.collect(page);
            fonts.build();
        }
        StageTimer stage("pdf: draw pages");
        for (size_t pi = 0; pi < doc.pages.size(); ++pi) {
            const Page& page = doc.pages[pi];
            cairo_pdf_surface_set_size(s, page.width, page.height);
            if (!page.label.empty()) cairo_pdf_surface_set_page_label(s, page.label.c_str());
            drawPage(cr.get(), page, true, pi, &links, &fonts);
            cairo_show_page(cr.get());
        }
        // Outline: entries nest under the nearest previous entry of a lower level.
        std::vector<std::pair<int, int>> parents{{0, CAIRO_PDF_OUTLINE_ROOT}};
        for (const auto& e : doc.outline) {
            while (parents.size() > 1 && parents.back().first >= e.level) parents.pop_back();
            std::string link = "dest=" + tagString(e.dest);
            int id = cairo_pdf_surface_add_outline(s, parents.back().second, e.title.c_str(), link.c_str(),
                                                   CAIRO_PDF_OUTLINE_FLAG_OPEN);
            parents.emplace_back(e.level, id);
        }
        stage.next("pdf: cairo finish (fonts, objects)");
        cairo_surface_finish(s);
        stage.stop();
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
            failAt(path, {}, std::string("cannot write PDF: ") + cairo_status_to_string(cairo_surface_status(s)));
    }
    // Cairo 1.16 cannot set the document language nor write sound link annotations: qpdf adds /Lang
    // and the links, writes deterministic IDs, and packs objects into object streams.
    TempFile final_{tempPathFor(path == "-" ? (fs::temp_directory_path() / "inkstone-stdout.pdf").string() : path)};
    try {
        StageTimer t("pdf: qpdf pass");
        QPDF pdf;
        pdf.processFile(raw.path.c_str());
        if (!doc.info.lang.empty())
            pdf.getRoot().replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(doc.info.lang));
        // Cairo 1.16 writes dates without the "D:" prefix PDF 32000 7.9.4 requires.
        auto info = pdf.getTrailer().getKey("/Info");
        if (info.isDictionary() && doc.info.createDate.empty()) {
            // No date in the article and no SOURCE_DATE_EPOCH: no date at all, rather than the
            // clock's (the same input must give the same bytes).
            info.removeKey("/CreationDate");
            info.removeKey("/ModDate");
        } else if (info.isDictionary() && doc.info.createDate.size() >= 19) {
            const std::string& d = doc.info.createDate;  // YYYY-MM-DDTHH:MM:SS
            std::string pdfDate = "D:" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + d.substr(11, 2) +
                                  d.substr(14, 2) + d.substr(17, 2) + "Z";
            info.replaceKey("/CreationDate", QPDFObjectHandle::newString(pdfDate));
            info.replaceKey("/ModDate", QPDFObjectHandle::newString(pdfDate));
        }
        std::vector<QPDFObjectHandle> pages = pdf.getAllPages();
        std::map<size_t, QPDFObjectHandle> annots;
        for (const LinkAnnot& l : links) {
            if (l.page >= pages.size()) continue;
            auto a = QPDFObjectHandle::newDictionary();
            a.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
            a.replaceKey("/Subtype", QPDFObjectHandle::newName("/Link"));
            a.replaceKey("/Rect", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                      QPDFObjectHandle::newReal(l.x0, 2), QPDFObjectHandle::newReal(l.y0, 2),
                                      QPDFObjectHandle::newReal(l.x1, 2), QPDFObjectHandle::newReal(l.y1, 2)}));
            a.replaceKey("/Border", QPDFObjectHandle::parse("[0 0 0]"));
            if (l.target[0] == '#') {
                a.replaceKey("/Dest", QPDFObjectHandle::newString(l.target.substr(1)));
            } else {
                auto action = QPDFObjectHandle::newDictionary();
                action.replaceKey("/S", QPDFObjectHandle::newName("/URI"));
                action.replaceKey("/URI", QPDFObjectHandle::newString(l.target));
                a.replaceKey("/A", action);
            }
            auto it = annots.find(l.page);
            if (it == annots.end()) it = annots.emplace(l.page, QPDFObjectHandle::newArray()).first;
            it->second.appendItem(pdf.makeIndirectObject(a));
        }
        for (auto& [pi, arr] : annots) pages[pi].replaceKey("/Annots", arr);
        QPDFWriter w(pdf, final_.path.c_str());
        w.setDeterministicID(true);
        w.setObjectStreamMode(qpdf_o_generate);
        w.setCompressStreams(true);
        // Cairo's streams are already compressed: copy them as they are (qpdf's default would
        // inflate and deflate every one again).
        w.setDecodeLevel(qpdf_dl_none);
        w.write();
    } catch (const std::exception& e) {
        failAt(path, {}, std::string("cannot finish PDF: ") + e.what());
    }
    if (path == "-") {
        std::ifstream in(final_.path, std::ios::binary);
        std::cout << in.rdbuf();
        std::cout.flush();
        return;
    }
    commit(final_.path, target);
    final_.keep = true;
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
        drawPage(cr.get(), page, false);
        std::string target = base + "-" + std::to_string(i) + ".png";
        auto tmp = std::make_unique<TempFile>(TempFile{tempPathFor(target)});
        if (cairo_surface_write_to_png(surface.get(), tmp->path.c_str()) != CAIRO_STATUS_SUCCESS)
            failAt(target, {}, "cannot write PNG");
        temps.push_back(std::move(tmp));
        targets.push_back(target);
    }
    for (size_t k = 0; k < temps.size(); ++k) {
        commit(temps[k]->path, targets[k]);
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
    for (size_t p = 0; p < doc.pages.size(); ++p) {
        const Page& page = doc.pages[p];
        out << "page " << p + 1 << " label=" << page.label << " size=" << num(page.width) << "x" << num(page.height) << "\n";
        for (const FrameItem& item : page.items) {
            if (auto* t = std::get_if<TextItem>(&item)) {
                const auto& l = *t->line;
                char ratio[32];
                std::snprintf(ratio, sizeof ratio, "%.3f", std::abs(l.ratio) < 0.0005 ? 0.0 : l.ratio);
                out << "  line x=" << num(t->x) << " y=" << num(t->baseline) << " w=" << num(l.width) << " chars="
                    << l.start << "-" << l.end << " r=" << ratio << (l.hyphenated ? " hyphen" : "") << " |" << l.plain
                    << (l.hyphenated ? "-" : "") << "|\n";
            } else if (auto* r = std::get_if<RuleItem>(&item)) {
                out << "  rule x=" << num(r->x) << " y=" << num(r->y) << " w=" << num(r->width) << " t=" << num(r->thickness) << "\n";
            } else if (auto* im = std::get_if<ImageItem>(&item)) {
                out << "  image x=" << num(im->x) << " y=" << num(im->y) << " w=" << num(im->width) << " h=" << num(im->height)
                    << " " << fs::path(im->path).filename().string() << "\n";
            } else if (auto* d = std::get_if<DestItem>(&item)) {
                out << "  dest " << d->name << " x=" << num(d->x) << " y=" << num(d->y) << "\n";
            }
        }
    }
    return out.str();
}

}  // namespace inkstone::render
