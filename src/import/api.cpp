// The public entry points of the import stage: `inkstone import` and `inkstone check`.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "import/extract.h"
#include "inkstone/inkstone.h"
#include "parse/article.h"
#include "render/api_internal.h"
#include "render/render.h"

namespace fs = std::filesystem;

namespace inkstone {

namespace {

// The written article in an edition (`import --edition`): every line with Chinese in it through
// OpenCC with the default style's dictionaries (the front matter's values and the body alike;
// keys, links and numbers have none), the `lang:` line the edition's, an edition's quotation
// marks (the default style's).
std::string convertImported(const std::string& md, const std::string& lang, const std::string& target) {
    const PreparedEdition e = withStyle(prepareEdition(EditionRequest{target, true, {}, {}}), style::loadStyle("briefing"));
    const std::optional<Lang> from = Lang::parse(lang);
    if (!from || !from->chinese()) return md;  // an English article is the same in every edition
    std::string out;
    std::istringstream in(md);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("lang: ", 0) == 0) line = "lang: " + edition::targetLang(e.options.target).tag();
        else line = edition::convertText(line, *from, e.options);
        out += line + "\n";
    }
    return out;
}

}  // namespace

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
    std::string md = import::toMarkdown(a);
    if (!req.edition.empty()) md = convertImported(md, a.lang, req.edition);
    std::string out = req.output;
    if (out.empty()) out = req.input == "-" ? "-" : fs::path(req.input).replace_extension(".md").string();
    std::error_code ec;
    if (out != "-" && req.input != "-" && fs::equivalent(out, req.input, ec)) failAt(out, {}, "the output would overwrite the input");
    render::writeFileAtomic(out, md);
    return out;
}

}  // namespace inkstone
