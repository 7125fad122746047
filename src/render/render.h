// Renderers: PagedDocument -> PDF (our writer, or Cairo's as the fallback), PNG pages (Cairo), or
// a text dump of the layout for golden tests. Painters draw what the page model holds and decide
// nothing: glyph positions, link areas and decorations come from layout.
// Every writer goes to a temporary file beside the target and renames it at the end, so a failed
// or interrupted run never leaves a partial file or clobbers an earlier one (the temporary files
// are registered with base/interrupt.h, which removes them on SIGINT, SIGTERM or SIGHUP).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "layout/paged.h"

namespace inkstone::render {

// Writes the PDF to `path` ("-" = stdout). Throws UserError when it cannot write.
void writePdf(const layout::PagedDocument& doc, const std::string& path);

// A document written page by page: each page is drawn when added and may then be released, so a
// volume need not keep its pages. Nothing reaches `path` unless finish() succeeds. A PDF by our
// own writer (pdf_writer.cpp) unless INKSTONE_PDF_WRITER=cairo selects Cairo's (cairo_pdf.cpp), or
// the layout dump (which keeps the pages until finished).
//
// The document's pages are those of its slots, slots in the order reserved, each slot's pages in
// the order added. A slot may be filled after later ones: a volume reserves its front matter
// first and fills it last (its contents need every article's page number). Different slots may
// be filled from different threads at once, one slot from one thread at a time.
class DocumentWriter {
public:
    enum class Format { Pdf, Layout };
    DocumentWriter(const std::string& path, const layout::DocInfo& info, Format format = Format::Pdf);
    ~DocumentWriter();
    DocumentWriter(const DocumentWriter&) = delete;
    DocumentWriter& operator=(const DocumentWriter&) = delete;

    using Slot = size_t;
    Slot reserve();
    void addPage(const layout::Page& page, Slot slot);
    size_t pageCount() const;
    // Page labels come from the pages' labels. `structure`: the document's, which the pages'
    // items point into.
    void finish(const std::vector<layout::OutlineEntry>& outline, const std::vector<layout::StructNode>& structure);

    struct Backend;

private:
    std::unique_ptr<Backend> impl_;
};

// Writes one PNG per page: base-1.png, base-2.png, ... at `dpi`. Returns the files written.
std::vector<std::string> writePngs(const layout::PagedDocument& doc, const std::string& base, double dpi,
                                   int firstPage = 1, int lastPage = 0);

// Positions rounded to 0.01 pt, one item a line; stable across runs and machines with the same fonts.
std::string dumpLayout(const layout::PagedDocument& doc);

// Writes `data` to `path` atomically ("-" = stdout). Throws Interrupted once the run is interrupted
// unless `afterInterrupt` (base/interrupt.h).
void writeFileAtomic(const std::string& path, const std::string& data, bool afterInterrupt = false);

}  // namespace inkstone::render
