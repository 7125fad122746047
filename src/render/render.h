// Renderers: PagedDocument -> PDF (Cairo, fonts embedded and subset, metadata, outline, links,
// page labels; /Lang added with qpdf), PNG pages, or a text dump of the layout for golden tests.
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

// A PDF written page by page: each page is drawn when added and may then be released, so a volume
// need not keep its pages. Nothing reaches `path` unless finish() succeeds.
class PdfWriter {
public:
    // `parts` > 1: pages may be added to parts 0..parts-1 from different threads (one thread per
    // part); the parts are joined in order when finished (pages of part 0 first).
    PdfWriter(const std::string& path, const layout::DocInfo& info, int parts = 1);
    ~PdfWriter();
    PdfWriter(const PdfWriter&) = delete;
    PdfWriter& operator=(const PdfWriter&) = delete;

    // Font subsets are made when the first page is added. Pages announced before then give exact
    // subsets; text announced gives subsets for pages laid out later (pdf_fonts.h).
    void expectPage(const layout::Page& page, int part = 0);
    void expectText(std::string_view utf8);
    // Whether expectText is used (Cairo's writer subsets before drawing; ours at the end).
    bool predictsFonts() const;
    void addPage(const layout::Page& page, int part = 0);
    size_t pageCount() const;
    // `order[i]`: which added page (0-based, part 0's first) is the document's page i; empty: as added. Page
    // labels come from the pages' labels.
    void finish(const std::vector<layout::OutlineEntry>& outline, const std::vector<size_t>& order = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
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
