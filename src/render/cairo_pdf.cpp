// Cairo's PDF writer, the fallback (INKSTONE_PDF_WRITER=cairo): one PDF surface, pages kept until
// finished and then painted in order by cairo_painter, with Cairo's own font embedding; then an
// incremental update appended with qpdf for what Cairo 1.16 cannot write.
#include <cairo-pdf.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFCryptoProvider.hh>
#include <qpdf/QUtil.hh>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "render/cairo_painter.h"
#include "render/files.h"
#include "render/pdf_backend.h"
#include "render/pdf_navigation.h"
#include "render/pdf_syntax.h"
#include "text/gobject_ptr.h"

namespace inkstone::render {
namespace fs = std::filesystem;
using namespace layout;

namespace {

// Inserts `text` before the closing ">>" of a dictionary's text.
void insertIntoDict(std::string& dict, const std::string& text, const std::string& path) {
    const size_t end = dict.rfind(">>");
    if (end == std::string::npos) failAt(path, {}, "cannot finish PDF: unexpected object");
    dict.insert(end, text + " ");
}

struct Update {
    const DocInfo* info = nullptr;
    std::vector<std::string> labels;  // page labels
    std::vector<LinkArea> links;
    std::vector<size_t> linkPages;    // the page of each link
};

// Appends an incremental update (PDF 32000-1, 7.5.6) to the file Cairo wrote: the catalog with
// /Lang and page labels, the document information with "D:" dates (or none), the link annotations and the pages that carry them, a cross-reference section and
// a trailer with a deterministic /ID. Cairo 1.16 cannot set the language, writes dates without
// "D:", and its CAIRO_TAG_LINK writes a cross-reference table with phantom structure objects (qpdf
// --check: "file is damaged"). Only the objects changed are parsed or written.
// The last `n` bytes of a file (fewer when it is shorter), and its size.
std::string lastBytes(const std::string& file, size_t n, size_t& size) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    size = static_cast<size_t>(in.tellg());
    n = std::min(size, n);
    in.seekg(static_cast<std::streamoff>(size - n));
    std::string out(n, '\0');
    in.read(out.data(), static_cast<std::streamsize>(n));
    return out;
}

// A cross-reference section: one subsection per run of consecutive object numbers.
std::string xrefSection(std::vector<std::pair<int, size_t>> offsets) {
    std::sort(offsets.begin(), offsets.end());
    std::string out = "xref\n";
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
    return out;
}

// A deterministic /ID: MD5 of the update, Cairo's file size and its last 64 KB (its
// cross-reference table: every object's offset, so every length).
std::string updateId(const std::string& rawPath, const std::string& update) {
    size_t size = 0;
    std::string last = lastBytes(rawPath, 1 << 16, size);
    last += std::to_string(size);
    auto md5 = QPDFCryptoProvider::getImpl();
    md5->MD5_init();
    md5->MD5_update(reinterpret_cast<unsigned char*>(last.data()), last.size());
    md5->MD5_update(reinterpret_cast<const unsigned char*>(update.data()), update.size());
    md5->MD5_finalize();
    unsigned char digest[16];
    md5->MD5_digest(digest);
    return QUtil::hex_encode(std::string(reinterpret_cast<char*>(digest), 16));
}

void appendUpdate(const std::string& rawPath, const Update& u, const std::string& path) {
    size_t base = 0;
    const std::string tail = lastBytes(rawPath, 1024, base);
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
    // Cairo writes a flat page tree: the root's /Kids.
    QPDFObjectHandle kids = pagesNode.getKey("/Kids");
    if (!kids.isArray() || static_cast<size_t>(kids.getArrayNItems()) != u.labels.size())
        failAt(path, {}, "cannot finish PDF: unexpected page tree");
    std::vector<QPDFObjectHandle> pages = kids.getArrayAsVector();

    if (!u.info->lang.empty()) root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(u.info->lang));
    const std::string labelTree = pdf::pageLabelTree(u.labels);
    if (!labelTree.empty()) root.replaceKey("/PageLabels", QPDFObjectHandle::parse(labelTree));
    emit(root.getObjectID(), root.unparseResolved());
    if (info.isDictionary() && info.isIndirect()) {
        const std::string date = pdf::date(u.info->createDate);
        if (!date.empty()) {
            info.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
            info.replaceKey("/ModDate", QPDFObjectHandle::newString(date));
        } else {
            // No article date and no SOURCE_DATE_EPOCH: no date at all rather than the clock's
            // (the same input must give the same bytes; Cairo was given no date either).
            info.removeKey("/CreationDate");
            info.removeKey("/ModDate");
        }
        emit(info.getObjectID(), info.unparseResolved());
    }
    // Link annotations; only the pages that get links are parsed.
    std::map<size_t, std::string> annots;  // painted page -> " 12 0 R 13 0 R"
    for (size_t k = 0; k < u.links.size(); ++k) {
        const int num = next++;
        emit(num, pdf::linkAnnotation(u.links[k].rect, u.links[k].target));
        annots[u.linkPages[k]] += " " + std::to_string(num) + " 0 R";
    }
    for (auto& [pi, refs] : annots) {
        QPDFObjectHandle page = pages[pi];
        if (!page.isPageObject()) failAt(path, {}, "cannot finish PDF: unexpected page tree");
        std::string existing;
        if (page.hasKey("/Annots")) {  // Cairo writes none, but keep any it did write
            for (auto& old : page.getKey("/Annots").aitems()) existing += " " + old.unparse();
            page.removeKey("/Annots");
        }
        std::string pageBody = page.unparseResolved();
        insertIntoDict(pageBody, "/Annots [" + existing + refs + " ]", path);
        emit(page.getObjectID(), pageBody);
    }
    const size_t xref = base + out.size();
    out += xrefSection(offsets);
    const std::string id = updateId(rawPath, out);
    out += "trailer\n<< /Size " + std::to_string(next) + " /Root " + root.unparse();
    if (info.isIndirect()) out += " /Info " + info.unparse();
    out += " /Prev " + std::to_string(prevXref) + " /ID [<" + id + "> <" + id + ">] >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    std::ofstream app(rawPath, std::ios::binary | std::ios::app);
    app.write(out.data(), static_cast<std::streamsize>(out.size()));
    app.close();
    if (!app) failAt(path, {}, "cannot write output");
}

class CairoWriter final : public DocumentWriter::Backend {
public:
    CairoWriter(const std::string& path, const DocInfo& info) : path_(path), info_(info) {
        raw_.path = interrupt::createTemp(path == "-" ? (fs::temp_directory_path() / "inkstone-stdout.pdf").string() : path);
        surface_.reset(cairo_pdf_surface_create(raw_.path.c_str(), 595, 842));
        cairo_surface_t* s = surface_.get();
        cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
        if (!info.author.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
        if (!info.subject.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
        if (!info.keywords.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, info.keywords.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, info.creator.c_str());
        // No date: an empty one, so that Cairo writes none (it would write the clock's).
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, info.createDate.c_str());
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, info.createDate.c_str());
        cr_.reset(cairo_create(s));
    }
    // Interrupted, the surface is abandoned, not finished: finishing embeds the fonts, which can
    // take longer than an interrupted run may (base/interrupt.h); the process ends right after.
    ~CairoWriter() override {
        if (interrupt::signal()) {
            (void)cr_.release();
            (void)surface_.release();
        }
    }

    size_t reserve() override { return slots_.reserve(); }
    size_t pageCount() const override { return slots_.count(); }

    // Pages are kept and painted in document order when finished: one surface paints one page
    // at a time in the order given, and the bytes must not depend on which thread came first.
    void addPage(const Page& page, size_t slot) override { slots_.add(slot, page); }

    void finish(const std::vector<OutlineEntry>& outline, const std::vector<StructNode>& structure) override;

private:
    std::string path_;
    DocInfo info_;
    TempFile raw_;
    CairoFonts fonts_;  // outlives the surface, which holds its fonts until finished
    SurfacePtr surface_;
    CairoPtr cr_;
    Slots<Page> slots_;
};

void CairoWriter::finish(const std::vector<OutlineEntry>& outline, const std::vector<StructNode>&) {
    Update u;
    u.info = &info_;
    slots_.forEach([&](Page& page) {
        interrupt::checkpoint();
        cairo_pdf_surface_set_size(surface_.get(), page.width, page.height);
        paintPage(cr_.get(), fonts_, page, &u.links);
        u.linkPages.resize(u.links.size(), u.labels.size());
        cairo_show_page(cr_.get());
        u.labels.push_back(page.label);
        page = Page{};  // painted: released
    });
    // Outline entries nest under the nearest previous entry of a lower level; Cairo finds their
    // destinations by name.
    std::vector<std::pair<int, int>> parents{{0, CAIRO_PDF_OUTLINE_ROOT}};
    for (const auto& e : outline) {
        while (parents.size() > 1 && parents.back().first >= e.level) parents.pop_back();
        const std::string link = "dest=" + tagString(e.dest);
        int id = cairo_pdf_surface_add_outline(surface_.get(), parents.back().second, e.title.c_str(), link.c_str(),
                                               CAIRO_PDF_OUTLINE_FLAG_OPEN);
        parents.emplace_back(e.level, id);
    }
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS)
        failAt(path_, {}, std::string("cannot write PDF: ") + cairo_status_to_string(cairo_surface_status(surface_.get())));
    surface_.reset();
    appendUpdate(raw_.path, u, path_);
    if (path_ == "-") {
        interrupt::checkpoint();  // the file may be gone: never copy a part of it
        std::ifstream in(raw_.path, std::ios::binary);
        if (!in) failAt(path_, {}, "cannot write output: the PDF's temporary file is gone");
        std::cout << in.rdbuf();
        std::cout.flush();
        if (!std::cout) failAt(path_, {}, "cannot write output");
        return;
    }
    interrupt::commit({{raw_.path, path_}});
    raw_.keep = true;
}

}  // namespace

std::unique_ptr<DocumentWriter::Backend> cairoPdfWriter(const std::string& path, const DocInfo& info) {
    return std::make_unique<CairoWriter>(path, info);
}

}  // namespace inkstone::render
