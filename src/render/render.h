// Renderers: PagedDocument -> PDF (Cairo, fonts embedded and subset, metadata, outline, links,
// page labels; /Lang added with qpdf), PNG pages, or a text dump of the layout for golden tests.
// Every writer goes to a temporary file beside the target and renames it at the end, so a failed
// run never leaves a partial file or clobbers an earlier one.
#pragma once

#include <string>
#include <vector>

#include "layout/paged.h"

namespace inkstone::render {

// Writes the PDF to `path` ("-" = stdout). Throws UserError when it cannot write.
void writePdf(const layout::PagedDocument& doc, const std::string& path);

// Writes one PNG per page: base-1.png, base-2.png, ... at `dpi`. Returns the files written.
std::vector<std::string> writePngs(const layout::PagedDocument& doc, const std::string& base, double dpi,
                                   int firstPage = 1, int lastPage = 0);

// Positions rounded to 0.01 pt, one item a line; stable across runs and machines with the same fonts.
std::string dumpLayout(const layout::PagedDocument& doc);

// Writes `data` to `path` atomically ("-" = stdout).
void writeFileAtomic(const std::string& path, const std::string& data);

}  // namespace inkstone::render
