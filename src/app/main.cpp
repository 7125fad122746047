// The inkstone command line. Uses only the library's public API (include/inkstone/), and the web
// front end of `inkstone serve` (src/serve/server.h), itself a user of that API.
// Exit codes: 0 success, 1 some outputs failed (batch), 2 bad usage or bad input.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "inkstone/inkstone.h"
#include "serve/server.h"

namespace {

int runRender(const inkstone::RenderRequest& req) {
    inkstone::DiagnosticSink sink;
    inkstone::renderArticle(req, sink);
    return 0;
}

// A one-line progress bar on stderr (only on a terminal).
void showProgress(const inkstone::BatchProgress& p) {
    const int width = 30;
    const int filled = p.total ? static_cast<int>(width * p.done / p.total) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu articles, %d pages, %.1f s", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), p.done, p.total, p.pages, p.seconds);
    if (p.done == p.total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
}

int runBatch(const inkstone::BatchRequest& req, const std::string& reportPath, bool quiet) {
    const bool bar = !quiet && isatty(STDERR_FILENO);
    const auto t0 = std::chrono::steady_clock::now();
    auto items = inkstone::renderBatch(req, bar ? showProgress : std::function<void(const inkstone::BatchProgress&)>());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    int failed = 0;
    size_t finished = 0;
    for (const auto& it : items) {
        failed += !it.ok && !it.interrupted;
        finished += !it.interrupted;
        for (const auto& d : it.diagnostics)
            if (d.severity == inkstone::Severity::Error || bar) std::fprintf(stderr, "%s\n", inkstone::formatDiagnostic(d).c_str());
    }
    if (!reportPath.empty()) inkstone::writeBatchReport(items, seconds, reportPath, req.shardIndex, req.shardCount);
    // Asked once, after the report: a signal that came while it was written still gets its
    // message (asking before and after left a window where the run ended by the signal silently).
    if (inkstone::interruptedBy()) {
        // What was finished stays (each PDF complete); the rest was not written.
        if (bar) std::fprintf(stderr, "\n");
        std::fprintf(stderr, "batch: interrupted: %zu of %zu articles finished%s\n", finished, items.size(),
                     reportPath.empty() || reportPath == "-" ? ":" : " (listed in the report)");
        if (reportPath.empty() || reportPath == "-")
            for (const auto& it : items)
                if (!it.interrupted)
                    std::fprintf(stderr, "  %s %s\n", it.ok ? "ok    " : "failed", (it.ok ? it.output : it.input).c_str());
        inkstone::endInterrupted();
    }
    return failed ? 1 : 0;
}

// A path as the user would write it: relative to the current folder when inside it.
std::string shown(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path rel = std::filesystem::proximate(path, ec);
    const std::string r = rel.string();
    return ec || r.starts_with("..") ? path : r;
}

// One line per render of `inkstone watch` on stderr, after its diagnostics: the error, and the
// warnings not given by the render before (a volume's sixty articles would repeat theirs at every
// save); how many warnings there are is on the line.
void showWatchUpdate(const inkstone::WatchUpdate& u) {
    static std::set<std::string> said;
    std::set<std::string> current;
    size_t warnings = 0;
    for (const auto& d : u.diagnostics) {
        const std::string line = inkstone::formatDiagnostic(d);
        const bool warning = d.severity != inkstone::Severity::Error;
        warnings += warning;
        if (warning) current.insert(line);
        if (!warning || !said.count(line)) std::fprintf(stderr, "%s\n", line.c_str());
    }
    // A failed render may not have reached every article: what it did not say is not forgotten.
    if (u.ok) said = std::move(current);
    else said.insert(current.begin(), current.end());
    const std::time_t now = std::time(nullptr);
    char clock[16];
    std::strftime(clock, sizeof clock, "%H:%M:%S", std::localtime(&now));
    std::string why;
    for (size_t i = 0; i < u.changed.size() && i < 3; ++i) why += (i ? ", " : "") + shown(u.changed[i]);
    if (u.changed.size() > 3) why += " and " + std::to_string(u.changed.size() - 3) + " more";
    if (!why.empty()) why += " changed: ";
    if (!u.ok) {
        std::fprintf(stderr, "[%s] %snot written (the error above); the last output stays\n", clock, why.c_str());
    } else {
        std::string what = u.files.empty() ? std::string("nothing") : shown(u.files.front());
        if (u.files.size() > 1) what += " and " + std::to_string(u.files.size() - 1) + " more";
        std::string detail = std::to_string(u.pages) + (u.pages == 1 ? " page" : " pages");
        if (u.articles)
            detail += ", " + std::to_string(u.laidOut) + " of " + std::to_string(u.articles) + " articles laid out";
        if (warnings) detail += ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
        std::fprintf(stderr, "[%s] %swrote %s (%s) in %.0f ms\n", clock, why.c_str(), what.c_str(), detail.c_str(), u.ms);
    }
    for (const std::string& w : u.unwatched) std::fprintf(stderr, "watch: warning: changes in %s go unseen\n", w.c_str());
    if (u.changed.empty()) std::fprintf(stderr, "watching %zu files; Ctrl-C to stop\n", u.watching);
    std::fflush(stderr);
}

// --no-tags and --pdfa[=2b|2u] of the commands that write PDFs; they override the style's `pdf:`.
struct PdfFlags {
    bool noTags = false;
    std::string pdfa;  // "" = not given; "2b" when given without a value
};

void addPdfFlags(CLI::App* cmd, PdfFlags& f) {
    cmd->add_flag("--no-tags", f.noTags, "Untagged PDF: no structure tree, no PDF/UA-1 claim (default: tagged)");
    // An optional value, joined to the option by joinPdfaValues before CLI11 sees it.
    cmd->add_option("--pdfa", f.pdfa, "PDF/A-2: --pdfa or --pdfa=2b (level B), --pdfa=2u (level U)")
        ->expected(0, 1)
        ->default_str("2b")
        ->check(CLI::IsMember({"2b", "2u"}, CLI::ignore_case));
}

// --edition and --characters-only of the commands that lay articles out (issue 15).
void addEditionFlags(CLI::App* cmd, inkstone::EditionRequest& e) {
    cmd->add_option("--edition", e.target,
                    "Chinese articles converted to zh-Hans, zh-Hant, zh-Hant-TW or zh-Hant-HK before layout (OpenCC)");
    cmd->add_flag("--characters-only{false}", e.phrases,
                  "With --edition: characters and their regional forms only, no regional vocabulary (软件 stays 軟件)");
    cmd->add_option("--edition-report", e.report,
                    "With --edition: the review of every phrase and one-to-many character converted (FILE.json or FILE.html)");
    cmd->add_option("--dictionary", e.dictionary,
                    "With --edition: a YAML file of phrase overrides that win over OpenCC's (信息安全: {zh-Hant-TW: 資訊安全})");
}

bool pdfaLevel(const std::string& s) { return s == "2b" || s == "2B" || s == "2u" || s == "2U"; }

// `--pdfa` takes an optional value (`--pdfa`, `--pdfa 2u`, `--pdfa=2u`). CLI11 would take whatever
// follows a bare `--pdfa` as its value (`render --pdfa article.md -o x.pdf`), so the arguments are
// rewritten first: `--pdfa LEVEL` becomes `--pdfa=LEVEL` when LEVEL is one, a bare `--pdfa`
// becomes `--pdfa=2b`; only in the commands that have it, and nothing after `--`.
std::vector<std::string> joinPdfaValues(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    if (args.size() < 2 || (args[1] != "render" && args[1] != "batch" && args[1] != "compile" && args[1] != "watch"))
        return args;
    for (size_t i = 2; i < args.size(); ++i) {
        if (args[i] == "--") break;
        if (args[i] != "--pdfa") continue;
        if (i + 1 < args.size() && pdfaLevel(args[i + 1])) {
            args[i] += "=" + args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        } else {
            args[i] = "--pdfa=2b";
        }
    }
    return args;
}

inkstone::PdfOverrides pdfOverrides(const PdfFlags& f) {
    inkstone::PdfOverrides o;
    if (f.noTags) o.tagged = false;
    if (!f.pdfa.empty())
        o.standard = f.pdfa == "2u" || f.pdfa == "2U" ? inkstone::PdfStandard::A2u : inkstone::PdfStandard::A2b;
    return o;
}

// A run stopped by a signal: says so and ends by that signal.
[[noreturn]] void interrupted(const char* what) {
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");  // after a progress bar
    std::fprintf(stderr, "inkstone: %s; nothing was written\n",
                 what ? what : (inkstone::interruptedBy() == SIGTERM ? "interrupted by SIGTERM" : "interrupted"));
    inkstone::endInterrupted();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"inkstone: print-quality PDFs of policy articles (English, 简体, 繁體)", "inkstone"};
    app.set_version_flag("--version", std::string("inkstone ") + inkstone::version());
    app.require_subcommand(1);

    inkstone::RenderRequest req;
    std::string format = "pdf";
    auto* render = app.add_subcommand("render", "Render one article (Markdown with YAML front matter) to PDF or PNG");
    render->add_option("article", req.input, "Article file (.md), or - for stdin")->required();
    render->add_option("-o,--output", req.output, "Output file (default: beside the input); - for stdout");
    render->add_option("--style", req.style, "Style name (in styles/) or path to a style file");
    render->add_option("--format", format, "pdf, png (one file per page: NAME-1.png ...) or layout (text dump)")
        ->check(CLI::IsMember({"pdf", "png", "layout"}));
    render->add_flag("--dump-layout", [&](std::int64_t) { format = "layout"; }, "Same as --format layout");
    render->add_option("--lang", req.lang, "Override the article's language (en, zh-Hans, zh-Hant, zh-Hant-HK)");
    render->add_option("--dpi", req.dpi, "PNG resolution (default 150)")->check(CLI::Range(10.0, 1200.0));
    render->add_option("--first-page", req.firstPage, "PNG: first page to write")->check(CLI::PositiveNumber);
    render->add_option("--last-page", req.lastPage, "PNG: last page to write")->check(CLI::PositiveNumber);
    PdfFlags renderPdf;
    addPdfFlags(render, renderPdf);
    addEditionFlags(render, req.edition);

    inkstone::BatchRequest batchReq;
    std::string reportPath;
    bool quiet = false;
    auto* batch = app.add_subcommand("batch", "Render many articles, one PDF each, in parallel");
    batch->add_option("inputs", batchReq.inputs, "Article files and folders (every .md inside)")->required();
    batch->add_option("-o,--output", batchReq.outDir, "Output folder")->required();
    batch->add_option("-j,--jobs", batchReq.jobs, "Parallel workers (default: one per core)")->check(CLI::Range(1, 256));
    batch->add_option("--report", reportPath, "Write a JSON report (- for stdout)");
    batch->add_option("--style", batchReq.style, "Style name or path for every article");
    std::string shard;
    batch->add_option("--shard", shard,
                      "Render only share K of N (K/N, 1 <= K <= N): N runs over the same inputs render disjoint "
                      "shares whose union is every article (docs/SHARDING.md)");
    batch->add_flag("-q,--quiet", quiet, "No progress bar, only errors");
    PdfFlags batchPdf;
    addPdfFlags(batch, batchPdf);
    addEditionFlags(batch, batchReq.edition);

    inkstone::CompileRequest compileReq;
    auto* compile = app.add_subcommand("compile", "Build a compilation (cover, contents, articles) from a volume manifest");
    compile->add_option("volume", compileReq.manifest, "Volume manifest (.yaml)")->required();
    compile->add_option("-o,--output", compileReq.output, "Output PDF (default: beside the manifest); - for stdout");
    compile->add_option("--style", compileReq.style, "Style name or path (overrides the manifest's)");
    compile->add_option("-j,--jobs", compileReq.jobs, "Parallel workers (default: one per core)")->check(CLI::Range(1, 256));
    std::string compileFormat = "pdf";
    compile->add_option("--format", compileFormat, "pdf, or layout (a text dump of the whole volume)")
        ->check(CLI::IsMember({"pdf", "layout"}));
    bool compileQuiet = false;
    compile->add_flag("-q,--quiet", compileQuiet, "No progress bar, only errors");
    PdfFlags compilePdf;
    addPdfFlags(compile, compilePdf);
    addEditionFlags(compile, compileReq.edition);

    inkstone::WatchRequest watchReq;
    std::string watchFormat = "pdf";
    auto* watchCmd = app.add_subcommand(
        "watch", "Render an article (or compile a volume), then again on every save of anything it uses, until Ctrl-C");
    watchCmd->add_option("input", watchReq.input, "Article (.md) or volume manifest (.yaml)")->required();
    watchCmd->add_option("-o,--output", watchReq.output, "Output file (default: beside the input)");
    watchCmd->add_option("--style", watchReq.style, "Style name or path");
    watchCmd->add_option("--format", watchFormat, "pdf, or png for an article (one file per page)")
        ->check(CLI::IsMember({"pdf", "png"}));
    watchCmd->add_option("--dpi", watchReq.dpi, "PNG resolution (default 150)")->check(CLI::Range(10.0, 1200.0));
    watchCmd->add_option("-j,--jobs", watchReq.jobs, "A volume's parallel workers (default: one per core)")
        ->check(CLI::Range(1, 256));
    PdfFlags watchPdf;
    addPdfFlags(watchCmd, watchPdf);
    addEditionFlags(watchCmd, watchReq.edition);

    inkstone::serve::Options serveOpts;
    double maxUploadMiB = 32;
    auto* serveCmd = app.add_subcommand(
        "serve", "A local web application: import a page, correct it, preview the pages, download the PDF");
    serveCmd->add_option("--root", serveOpts.root, "The folder it reads and writes (default: the current one)");
    serveCmd->add_option("--port", serveOpts.port, "The port (default 8470; 0: a free one)")->check(CLI::Range(0, 65535));
    serveCmd->add_option("--listen", serveOpts.listen,
                         "The address to bind (default 127.0.0.1: this machine only; 0.0.0.0: every network)");
    serveCmd->add_option("--max-upload", maxUploadMiB, "The largest page or file accepted, in MiB (default 32)")
        ->check(CLI::Range(0.001, 4096.0));

    inkstone::ImportRequest importReq;
    auto* importCmd = app.add_subcommand("import", "Turn a web page or scraped text into article input (Markdown + YAML)");
    importCmd->add_option("page", importReq.input, "Page (.txt scraped text, or .html), or - for stdin")->required();
    importCmd->add_option("-o,--output", importReq.output, "Article file (default: beside the page, .md); - for stdout");
    importCmd->add_option("--lang", importReq.lang, "The article's language (default: detected)");
    importCmd->add_flag("--explain", importReq.explain, "List every line removed as web chrome, and why");
    importCmd->add_option("--edition", importReq.edition,
                          "Write the article converted to zh-Hans, zh-Hant, zh-Hant-TW or zh-Hant-HK (OpenCC)");

    std::vector<std::string> checkFiles;
    auto* checkCmd = app.add_subcommand("check", "Validate and lint articles: web chrome left in, empty sections, pull quotes");
    checkCmd->add_option("articles", checkFiles, "Article files (.md)")->required();

    std::string fontsStyle, fontsLang;
    auto* fonts = app.add_subcommand("fonts", "Show which faces each script and language resolves to");
    fonts->add_option("--style", fontsStyle, "Style name or path (default briefing)");
    fonts->add_option("--lang", fontsLang, "Only this language");

    try {
        std::vector<std::string> args = joinPdfaValues(argc, argv);
        std::vector<char*> ptrs;
        for (std::string& a : args) ptrs.push_back(a.data());
        app.parse(static_cast<int>(ptrs.size()), ptrs.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    // The commands that write files stop cleanly on SIGINT, SIGTERM and SIGHUP (before any thread
    // starts); check and fonts write nothing and keep the signals' default.
    if (*render || *batch || *compile || *importCmd || *watchCmd || *serveCmd) inkstone::handleInterrupts();
    try {
        if (*render) {
            req.format = format == "png" ? inkstone::OutputFormat::Png
                         : format == "layout" ? inkstone::OutputFormat::Layout
                                              : inkstone::OutputFormat::Pdf;
            req.pdf = pdfOverrides(renderPdf);
            return runRender(req);
        }
        if (*batch) {
            batchReq.pdf = pdfOverrides(batchPdf);
            if (!shard.empty()) {
                int k = 0, n = 0;
                char slash = 0, rest = 0;
                if (std::sscanf(shard.c_str(), "%d%c%d%c", &k, &slash, &n, &rest) != 3 || slash != '/' || n < 1 || k < 1 || k > n)
                    inkstone::failAt("--shard", {}, "'" + shard + "': give K/N with 1 <= K <= N (--shard 2/8)");
                batchReq.shardIndex = k;
                batchReq.shardCount = n;
            }
            return runBatch(batchReq, reportPath, quiet);
        }
        if (*compile) {
            if (!compileQuiet && isatty(STDERR_FILENO)) compileReq.onProgress = showProgress;
            if (compileFormat == "layout") compileReq.format = inkstone::OutputFormat::Layout;
            compileReq.pdf = pdfOverrides(compilePdf);
            inkstone::DiagnosticSink sink;
            inkstone::compileVolume(compileReq, sink);
            return 0;
        }
        if (*watchCmd) {
            watchReq.format = watchFormat == "png" ? inkstone::OutputFormat::Png : inkstone::OutputFormat::Pdf;
            watchReq.pdf = pdfOverrides(watchPdf);
            inkstone::watch(watchReq, showWatchUpdate);
            // Only an interrupt ends a watch: the output stays as last written.
            std::fprintf(stderr, "watch: stopped\n");
            inkstone::endInterrupted();
        }
        if (*serveCmd) {
            serveOpts.maxUpload = static_cast<size_t>(maxUploadMiB * 1024 * 1024);
            inkstone::serve::run(serveOpts, [](const std::string& url) {
                // The first line of standard output, for a script (or a person) to open.
                std::printf("%s\n", url.c_str());
                std::fflush(stdout);
                std::fprintf(stderr, "inkstone serve: open the address above in a browser; Ctrl-C to stop\n");
            });
            std::fprintf(stderr, "serve: stopped\n");
            inkstone::endInterrupted();
        }
        if (*importCmd) {
            inkstone::DiagnosticSink sink;
            inkstone::importArticle(importReq, sink);
            return 0;
        }
        if (*checkCmd) {
            inkstone::DiagnosticSink sink;
            const size_t found = inkstone::checkArticles(checkFiles, sink);
            return found ? 1 : 0;
        }
        if (*fonts) {
            std::cout << inkstone::fontReport(fontsStyle, fontsLang);
            return 0;
        }
    } catch (const inkstone::Interrupted& e) {
        interrupted(e.what());
    } catch (const inkstone::UserError& e) {
        if (inkstone::interruptedBy()) interrupted(nullptr);  // the error came of the interrupt
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        if (inkstone::interruptedBy()) interrupted(nullptr);
        std::fprintf(stderr, "inkstone: internal error: %s\n", e.what());
        return 2;
    }
    return 2;
}
