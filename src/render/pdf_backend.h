// The two PDF writers behind render::PdfWriter: ours (pdf_writer.cpp) and Cairo's fallback
// (cairo_pdf.cpp). Each takes pages into slots (render.h) and writes the file when finished.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "render/render.h"

namespace inkstone::render {

struct PdfWriter::Backend {
    virtual ~Backend() = default;
    virtual size_t reserve() = 0;
    virtual void addPage(const layout::Page& page, size_t slot) = 0;
    virtual size_t pageCount() const = 0;
    virtual void finish(const std::vector<layout::OutlineEntry>& outline) = 0;
};

std::unique_ptr<PdfWriter::Backend> nativePdfWriter(const std::string& path, const layout::DocInfo& info);
std::unique_ptr<PdfWriter::Backend> cairoPdfWriter(const std::string& path, const layout::DocInfo& info);

}  // namespace inkstone::render
