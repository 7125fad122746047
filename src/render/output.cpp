// Writing files atomically, and the document writer front: our PDF writer unless
// INKSTONE_PDF_WRITER=cairo, or the layout dump.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "base/diagnostics.h"
#include "base/timing.h"
#include "render/files.h"
#include "render/pdf_backend.h"
#include "render/render.h"

namespace inkstone::render {
using namespace layout;

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

namespace {

bool cairoWriter() {
    const char* e = std::getenv("INKSTONE_PDF_WRITER");
    return e && std::string(e) == "cairo";
}

// The layout dump of a document written page by page: the pages are kept until finished.
class LayoutDump final : public DocumentWriter::Backend {
public:
    LayoutDump(const std::string& path, const DocInfo& info) : path_(path) { doc_.info = info; }
    size_t reserve() override { return slots_.reserve(); }
    void addPage(const Page& page, size_t slot) override { slots_.add(slot, page); }
    size_t pageCount() const override { return slots_.count(); }
    void finish(const std::vector<OutlineEntry>& outline, const std::vector<StructNode>& structure) override {
        slots_.forEach([&](Page& p) { doc_.pages.push_back(std::move(p)); });
        doc_.outline = outline;
        doc_.structure = structure;
        writeFileAtomic(path_, dumpLayout(doc_));
    }

private:
    std::string path_;
    PagedDocument doc_;
    Slots<Page> slots_;
};

std::unique_ptr<DocumentWriter::Backend> backend(const std::string& path, const DocInfo& info, DocumentWriter::Format f) {
    if (f == DocumentWriter::Format::Layout) return std::make_unique<LayoutDump>(path, info);
    return cairoWriter() ? cairoPdfWriter(path, info) : nativePdfWriter(path, info);
}

}  // namespace

DocumentWriter::DocumentWriter(const std::string& path, const DocInfo& info, Format format)
    : impl_(backend(path, info, format)) {}

DocumentWriter::~DocumentWriter() = default;

DocumentWriter::Slot DocumentWriter::reserve() { return impl_->reserve(); }

void DocumentWriter::addPage(const Page& page, Slot slot) {
    interrupt::checkpoint();
    impl_->addPage(page, slot);
}

size_t DocumentWriter::pageCount() const { return impl_->pageCount(); }

void DocumentWriter::finish(const std::vector<OutlineEntry>& outline, const std::vector<StructNode>& structure) {
    StageTimer t("writer: finish (fonts, objects)");
    impl_->finish(outline, structure);
}

void writePdf(const PagedDocument& doc, const std::string& path) {
    DocumentWriter w(path, doc.info);
    const DocumentWriter::Slot slot = w.reserve();
    for (const Page& page : doc.pages) w.addPage(page, slot);
    w.finish(doc.outline, doc.structure);
}

}  // namespace inkstone::render
