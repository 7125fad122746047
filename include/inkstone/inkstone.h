// inkstone's public API: what the CLI (and any other front end) uses.
#pragma once

#include <cstddef>
#include <functional>
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

// Batch rendering: one PDF per article, articles laid out in parallel (one text engine per worker).
struct BatchRequest {
    std::vector<std::string> inputs;  // article files and folders (every .md inside, recursively)
    std::string outDir;               // created when missing
    std::string style;                // overrides the articles' own style when set
    int jobs = 0;                     // workers; 0 = one per core
};

struct BatchItem {
    std::string input, output;
    bool ok = false;
    int pages = 0;
    double seconds = 0;
    std::vector<Diagnostic> diagnostics;  // the error of a failed article, and any warnings
};

struct BatchProgress {
    size_t done = 0, total = 0;
    int pages = 0;
    double seconds = 0;
};

// Renders every input; a broken article is reported in its item and the others still come out.
// Throws UserError only for bad usage (no inputs, an unwritable folder, two inputs with one output).
std::vector<BatchItem> renderBatch(const BatchRequest& request,
                                   const std::function<void(const BatchProgress&)>& onProgress = {});

// The JSON report of a batch: every input with status, pages, time and diagnostics.
std::string batchReportJson(const std::vector<BatchItem>& items, double seconds);

// Compilations: a volume manifest (PRODUCT.md 4) to one PDF.
struct CompileRequest {
    std::string manifest;  // the volume .yaml
    std::string output;    // "" = beside the manifest with .pdf; "-" = stdout
    std::string style;     // overrides the manifest's style when set
    int jobs = 0;          // workers laying articles out; 0 = one per core
    std::function<void(const BatchProgress&)> onProgress;  // called as articles are laid out
};

struct CompileResult {
    int pages = 0;
    int articles = 0;
    std::string output;
};

// Throws UserError (nothing written) for a bad manifest or any broken article.
CompileResult compileVolume(const CompileRequest& request, DiagnosticSink& sink);

// ---- web import and lint ----------------------------------------------------------------------

struct ImportRequest {
    std::string input;   // a .txt or .html page, "-" for stdin
    std::string output;  // "" = beside the input as .md; "-" = stdout
    std::string lang;    // overrides the detected language when set
    bool explain = false;  // list every line removed as chrome (and why) on stderr
};

// Writes the article (Markdown with YAML front matter). Guesses it could not make are warnings;
// unreadable input is a UserError (nothing written). Returns the output path ("-" for stdout).
std::string importArticle(const ImportRequest& request, DiagnosticSink& sink);

// Lints articles: web chrome left in the body, empty sections, pull quotes that repeat no text of
// the article, a missing date. Warnings go to `sink` (file:line); returns how many were found.
// Errors that stop an article from being read are UserErrors.
size_t checkArticles(const std::vector<std::string>& files, DiagnosticSink& sink);

// "serif latin: Noto Serif (/usr/share/...)" lines: the faces each script resolves to.
std::string fontReport(const std::string& styleName, const std::string& lang);

}  // namespace inkstone
