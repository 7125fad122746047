// The writers behind render::DocumentWriter: our PDF writer (pdf_writer.cpp), Cairo's fallback
// (cairo_pdf.cpp) and the layout dump (output.cpp). Each takes pages into slots (render.h) and
// writes the file when finished.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "render/render.h"

namespace inkstone::render {

struct DocumentWriter::Backend {
    virtual ~Backend() = default;
    virtual size_t reserve() = 0;
    virtual void addPage(const layout::Page& page, size_t slot) = 0;
    virtual size_t pageCount() const = 0;
    virtual void finish(const std::vector<layout::OutlineEntry>& outline, const std::vector<layout::StructNode>& structure) = 0;
};

std::unique_ptr<DocumentWriter::Backend> nativePdfWriter(const std::string& path, const layout::DocInfo& info);
std::unique_ptr<DocumentWriter::Backend> cairoPdfWriter(const std::string& path, const layout::DocInfo& info);

}  // namespace inkstone::render
