// The public entry points of the import stage: `inkstone import` and `inkstone check`.
#include <filesystem>
#include <iostream>

#include "import/extract.h"
#include "inkstone/inkstone.h"
#include "parse/article.h"
#include "render/render.h"

namespace fs = std::filesystem;

namespace inkstone {

std::string importArticle(const ImportRequest& req, DiagnosticSink& sink) {
    const std::string name = req.input == "-" ? "<stdin>" : req.input;
    const std::string bytes = parse::readInput(req.input);
    import::ImportOptions opt;
    opt.lang = req.lang;
    if (req.explain) opt.explain = &std::cerr;
    import::ImportedArticle a = import::importPage(name, bytes, opt, sink);
    if (req.explain) {
        for (const auto& r : a.removed)
            std::cerr << name << ":" << r.line << ": removed (" << r.why << "): " << r.text << "\n";
    }
    const std::string md = import::toMarkdown(a);
    std::string out = req.output;
    if (out.empty()) out = req.input == "-" ? "-" : fs::path(req.input).replace_extension(".md").string();
    std::error_code ec;
    if (out != "-" && req.input != "-" && fs::equivalent(out, req.input, ec)) failAt(out, {}, "the output would overwrite the input");
    render::writeFileAtomic(out, md);
    return out;
}

}  // namespace inkstone
