// The inkstone command line. Uses only the library's public API (include/inkstone/).
// Exit codes: 0 success, 1 some outputs failed (batch), 2 bad usage or bad input.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "inkstone/inkstone.h"

namespace {

int runRender(const inkstone::RenderRequest& req) {
    inkstone::DiagnosticSink sink;
    inkstone::renderArticle(req, sink);
    return 0;
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

    std::string fontsStyle, fontsLang;
    auto* fonts = app.add_subcommand("fonts", "Show which faces each script and language resolves to");
    fonts->add_option("--style", fontsStyle, "Style name or path (default briefing)");
    fonts->add_option("--lang", fontsLang, "Only this language");

    try {
        app.parse(argc, argv);
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

    try {
        if (*render) {
            req.format = format == "png" ? inkstone::OutputFormat::Png
                         : format == "layout" ? inkstone::OutputFormat::Layout
                                              : inkstone::OutputFormat::Pdf;
            return runRender(req);
        }
        if (*fonts) {
            std::cout << inkstone::fontReport(fontsStyle, fontsLang);
            return 0;
        }
    } catch (const inkstone::UserError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 2;
}
