// inkstone's public API: what the CLI (and any other front end) uses.
#pragma once

#include <string>
#include <vector>

#include "inkstone/diagnostics.h"

namespace inkstone {

const char* version();

enum class OutputFormat { Pdf, Png, Layout };

struct RenderRequest {
    std::string input;          // article file, "-" for stdin
    std::string output;         // "" = beside the input with the new extension; "-" = stdout
    std::string style;          // name or path; "" = the article's own, else "briefing"
    std::string lang;           // overrides the article's lang when set
    OutputFormat format = OutputFormat::Pdf;
    double dpi = 150;           // PNG resolution
    int firstPage = 1, lastPage = 0;  // PNG page range (0 = last page)
};

struct RenderResult {
    int pages = 0;
    std::vector<std::string> files;  // files written
};

// Renders one article. Throws UserError for bad input (nothing is written then); warnings go to `sink`.
RenderResult renderArticle(const RenderRequest& request, DiagnosticSink& sink);

// "serif latin: Noto Serif (/usr/share/...)" lines: the faces each script resolves to.
std::string fontReport(const std::string& styleName, const std::string& lang);

}  // namespace inkstone
