// inkstone's public API: what the CLI (and any other front end) uses.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "inkstone/diagnostics.h"

namespace inkstone {

const char* version();

// ---- interrupted runs ---------------------------------------------------------------------------
// Call first thing in main, before any thread starts. SIGINT, SIGTERM and SIGHUP then interrupt a
// run cleanly: its temporary files are removed at once and no output appears or changes after the
// signal (outputs finished before it stay as they are); the run stops at its next checkpoint by
// throwing Interrupted (renderBatch instead returns, its unfinished items marked `interrupted`).
// A run that has not stopped 2 s after the signal is ended by it; a second signal ends it at once.
void handleInterrupts();
// The signal that interrupted this run, or 0.
int interruptedBy();
// Ends the process by the signal that interrupted it (exit status 128 + signal, as a shell expects).
[[noreturn]] void endInterrupted();
// A descriptor that becomes readable once the run is interrupted (for a front end waiting in
// poll(): a server's loop); -1 when none could be made.
int interruptFd();

// Writes `content` to `path` atomically (a temporary file beside it, renamed over it); UserError
// when it cannot.
void writeTextFile(const std::string& path, const std::string& content);

// The names of the shipped styles (briefing, letter, quarterly, vertical, ...), sorted.
std::vector<std::string> styleNames();

enum class OutputFormat { Pdf, Png, Layout };

// What a PDF claims to conform to besides PDF/UA-1: PDF/A-2 level b or u (ISO 19005-2).
enum class PdfStandard { None, A2b, A2u };

// Overrides of the style's `pdf:` section (the command line's --no-tags and --pdfa); what is unset
// is the style's. PNG output and the layout dump ignore them.
struct PdfOverrides {
    std::optional<bool> tagged;             // a structure tree and the PDF/UA-1 claim (default on)
    std::optional<PdfStandard> standard;    // PDF/A-2b or 2u (default none)
};

// An edition of Chinese articles (issue 15): the text converted to "zh-Hans", "zh-Hant",
// "zh-Hant-TW" or "zh-Hant-HK" (with OpenCC) before layout; empty: as written. English articles
// are the same in every edition.
struct EditionRequest {
    std::string target;
    bool phrases = true;     // regional vocabulary (软件 -> 軟體); false: characters only
    std::string dictionary;  // a YAML file of phrase overrides that win over OpenCC's; "" = none
    std::string report;      // the review of the choices made: FILE.json, or FILE.html; "" = none
};

struct RenderRequest {
    std::string input;          // article file, "-" for stdin
    // The article's text, when it is not to be read from `input` (an editor's unsaved text):
    // `input` then only names it, and relative figure and style paths are relative to it.
    std::optional<std::string> source;
    std::string output;         // "" = beside the input with the new extension; "-" = stdout
    std::string style;          // name or path; "" = the article's own, else "briefing"
    std::string lang;           // overrides the article's lang when set
    OutputFormat format = OutputFormat::Pdf;
    double dpi = 150;           // PNG resolution
    int firstPage = 1, lastPage = 0;  // PNG page range (0 = last page)
    PdfOverrides pdf;
    EditionRequest edition;
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
    PdfOverrides pdf;
    EditionRequest edition;
    // `--shard K/N` (issue 17): only the articles of share K of N (1-based; N = 0: all). An
    // article's share is its output file's name hashed (FNV-1a 64, modulo N): independent of the
    // order the inputs are given in and of where they are on the machine, and disjoint shares
    // whose union is every article when N runs are given the same inputs.
    int shardIndex = 0, shardCount = 0;
};
// The share (0-based) of the article whose output file is named `outputName` ("x.pdf") among `n`.
size_t batchShard(const std::string& outputName, size_t n);

struct BatchItem {
    std::string input, output;
    bool ok = false;
    bool interrupted = false;  // not finished: the run was interrupted first (nothing written)
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
// Interrupted (handleInterrupts()), it returns once the articles in progress have stopped: the
// finished ones as usual, the others marked `interrupted`.
// Throws UserError only for bad usage (no inputs, an unwritable folder, two inputs with one output).
std::vector<BatchItem> renderBatch(const BatchRequest& request,
                                   const std::function<void(const BatchProgress&)>& onProgress = {});

// The JSON report of a batch: every input with status (ok, failed, interrupted), pages, time and
// diagnostics.
// With a shard (K of N) the report says so ("shard": {"index": K, "count": N}).
std::string batchReportJson(const std::vector<BatchItem>& items, double seconds, int shardIndex = 0, int shardCount = 0);
// Writes it to `path` ("-" = stdout) atomically, also when the batch was interrupted. UserError
// when it cannot.
void writeBatchReport(const std::vector<BatchItem>& items, double seconds, const std::string& path, int shardIndex = 0,
                      int shardCount = 0);

// Compilations: a volume manifest (PRODUCT.md 4) to one PDF.
struct CompileRequest {
    std::string manifest;  // the volume .yaml
    std::string output;    // "" = beside the manifest with .pdf; "-" = stdout
    std::string style;     // overrides the manifest's style when set
    int jobs = 0;          // workers laying articles out; 0 = one per core
    OutputFormat format = OutputFormat::Pdf;  // Pdf or Layout (the whole volume's layout dump)
    std::function<void(const BatchProgress&)> onProgress;  // called as articles are laid out
    PdfOverrides pdf;
    EditionRequest edition;
};

struct CompileResult {
    int pages = 0;
    int articles = 0;
    std::string output;                // the file written; a volume's editions: their files, spaced
    std::vector<std::string> outputs;  // the files written, one per edition
};

// Throws UserError (nothing written) for a bad manifest or any broken article.
CompileResult compileVolume(const CompileRequest& request, DiagnosticSink& sink);

// ---- live preview: `inkstone watch` (issue 17) --------------------------------------------------

struct WatchRequest {
    std::string input;   // an article (.md), or a volume manifest (.yaml, .yml): compiled
    std::string output;  // "" = beside the input (.pdf, or NAME-1.png ...)
    std::string style;   // as for render and compile
    OutputFormat format = OutputFormat::Pdf;  // Pdf, or Png for an article
    double dpi = 150;    // PNG resolution
    int jobs = 0;        // a volume's workers (0 = one per core)
    PdfOverrides pdf;
    EditionRequest edition;
    // Saves closer together than `quietMs` are one change (a burst: one render). A change that
    // removed a file waits `settleMs` for the file to be written again (editors that save by
    // removing and re-creating).
    int quietMs = 30, settleMs = 250;
};

// One render of a watch.
struct WatchUpdate {
    std::vector<std::string> changed;  // the files whose change caused it (empty: the first)
    bool ok = false;                   // the output was replaced
    std::vector<std::string> files;    // the files written (when ok)
    int pages = 0;
    double ms = 0;                     // from the render's start to the output replaced
    size_t articles = 0, laidOut = 0;  // a volume: its articles, and how many were laid out again
    std::vector<Diagnostic> diagnostics;  // warnings, then the error that stopped the render
    size_t watching = 0;               // files watched for the next change
    std::vector<std::string> unwatched;  // "FOLDER: why" for folders that could not be watched
};

// Renders `request.input`, then again each time a file the render read changes (the article, a
// volume's manifest and articles, their images, the style and what it extends, edition
// dictionaries), watched with inotify. Each output replaces the last atomically; a render that
// fails leaves the last good output as it is and reports why. A volume keeps its articles'
// layouts in memory: a changed article is the only one laid out again. PNG pages a shorter
// document no longer has are removed (those the watch wrote). Returns when the run is
// interrupted (handleInterrupts(): Ctrl-C), the output then as last written. UserError when the
// input does not exist or the request is unusable; errors of later renders go to `onUpdate`.
void watch(const WatchRequest& request, const std::function<void(const WatchUpdate&)>& onUpdate);

// ---- the import, field by field (`inkstone serve`'s import screen) ----------------------------

struct ImportedAuthor {
    std::string name, position, organization;
};

// What the importer guessed of the front matter; `date` is YYYY-MM-DD or "".
struct ImportedFields {
    std::string title, subtitle, section, date, lang, summary, bio;
    std::vector<ImportedAuthor> authors;
    // An opened article's other front matter keys (keywords, style, writing-mode, keep), as YAML:
    // written back as they were. A page's import has none.
    std::string extra;
};

// A block of the page's body, kept or removed by the classifier (with its reason), in page order.
struct ImportedBlock {
    std::string kind;         // paragraph, heading, pull-quote, list-item; an opened article's: markdown
    std::string text;         // Markdown (a removed block: its plain text)
    std::string attribution;  // a pull quote's
    int line = 0;             // the page's line it starts on
    bool kept = true;
    std::string reason;       // why it was removed
};

struct InspectedPage {
    ImportedFields fields;
    std::vector<ImportedBlock> blocks;
    // Guesses the importer could not make, by front matter field ("title", "date", "authors").
    std::vector<std::pair<std::string, std::string>> fieldWarnings;
    std::vector<Diagnostic> warnings;  // every warning, as `import` gives them
};

// Imports a page's bytes (HTML or scraped text, any encoding `import` reads) as `import` does;
// `name` names it in messages (its extension says HTML or text). UserError for what cannot be read.
InspectedPage inspectPage(const std::string& name, const std::string& bytes, const std::string& lang = {});

// An article (.md) opened for correction: its front matter as fields (the form's keys as written,
// the others in `fields.extra`) and its body as blocks of kind "markdown", each a block of the
// source as written (a paragraph, a heading, a list, a fenced or ::: block), with its line. What
// articleFromFields makes of them unchanged is the same article (the same layout). UserError for
// an article that does not parse (file:line:col).
InspectedPage inspectArticle(const std::string& path);
// The same of an article's text (a file dropped on `inkstone serve`'s page); `name` names it in
// messages.
InspectedPage inspectArticleText(const std::string& name, const std::string& text);

// The article (Markdown with YAML front matter) of edited fields and blocks: the kept blocks as
// the importer writes them, removed ones left out; a block marked kept that the importer had
// removed becomes a paragraph of its text; a "markdown" block is written as it is. UserError
// (located at "field:NAME") for a date that is not one, a kind that is not known, or `extra` that
// is not a YAML map of other keys.
std::string articleFromFields(const ImportedFields& fields, const std::vector<ImportedBlock>& blocks);

// ---- volume manifests, field by field (`inkstone serve`'s volume screen) ----------------------

struct VolumeSectionFields {
    std::string title;
    std::vector<std::string> articles;  // as written: paths or patterns, relative to the manifest
};

// A manifest's keys (PRODUCT.md 4) as written; paths relative to the manifest's folder.
struct VolumeFields {
    std::string title, subtitle, issue, publisher, date, lang, style, cover, editorsNote, dictionary;
    std::vector<std::string> editions;
    std::vector<VolumeSectionFields> sections;
};

// Reads a manifest's fields without expanding patterns or checking the files named (compile
// does): UserError (file:line:col) for a file that is not a manifest's shape.
VolumeFields readVolumeFields(const std::string& manifest);
// The manifest (YAML) of `fields`: the keys in the documented order, empty ones left out.
std::string volumeManifest(const VolumeFields& fields);

// ---- web import and lint ----------------------------------------------------------------------

struct ImportRequest {
    std::string input;   // a .txt or .html page, "-" for stdin
    std::string output;  // "" = beside the input as .md; "-" = stdout
    std::string lang;    // overrides the detected language when set
    bool explain = false;  // list every line removed as chrome (and why) on stderr
    std::string edition;   // write the article converted to this edition (zh-Hant-TW, ...); "" = as found
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
