// Writing files atomically, and the PDF writer front (ours unless INKSTONE_PDF_WRITER=cairo).
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
}  // namespace

PdfWriter::PdfWriter(const std::string& path, const DocInfo& info)
    : impl_(cairoWriter() ? cairoPdfWriter(path, info) : nativePdfWriter(path, info)) {}

PdfWriter::~PdfWriter() = default;

PdfWriter::Slot PdfWriter::reserve() { return impl_->reserve(); }

void PdfWriter::addPage(const Page& page, Slot slot) {
    interrupt::checkpoint();
    impl_->addPage(page, slot);
}

size_t PdfWriter::pageCount() const { return impl_->pageCount(); }

void PdfWriter::finish(const std::vector<OutlineEntry>& outline) {
    StageTimer t("pdf: finish (fonts, objects)");
    impl_->finish(outline);
}

void writePdf(const PagedDocument& doc, const std::string& path) {
    PdfWriter w(path, doc.info);
    const PdfWriter::Slot slot = w.reserve();
    for (const Page& page : doc.pages) w.addPage(page, slot);
    w.finish(doc.outline);
}

}  // namespace inkstone::render
