// The public entry points of the import stage: `inkstone import` and `inkstone check`.
#include <climits>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <yaml-cpp/yaml.h>

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

namespace {

const char* kindName(import::Block::Kind k) {
    switch (k) {
        case import::Block::Heading: return "heading";
        case import::Block::PullQuote: return "pull-quote";
        case import::Block::ListItem: return "list-item";
        case import::Block::Paragraph: break;
    }
    return "paragraph";
}

}  // namespace

InspectedPage inspectPage(const std::string& name, const std::string& bytes, const std::string& lang) {
    DiagnosticSink sink(false);
    import::ImportOptions opt;
    opt.lang = lang;
    const import::ImportedArticle a = import::importPage(name, bytes, opt, sink);
    InspectedPage p;
    p.fields = {a.title, a.subtitle, a.section, {}, a.lang, a.summary, a.bio, {}, {}};
    if (a.date) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", a.date->year, a.date->month, a.date->day);
        p.fields.date = buf;
    }
    for (const auto& au : a.authors) p.fields.authors.push_back({au.name, au.position, au.organization});
    // The kept blocks and the removed lines, merged in page order.
    size_t r = 0;
    auto removedUpTo = [&](int line) {
        for (; r < a.removed.size() && a.removed[r].line <= line; ++r)
            p.blocks.push_back({"paragraph", a.removed[r].text, {}, a.removed[r].line, false, a.removed[r].why});
    };
    for (const auto& b : a.body) {
        removedUpTo(b.line - 1);
        p.blocks.push_back({kindName(b.kind), b.text, b.attribution, b.line, true, {}});
    }
    removedUpTo(INT32_MAX);
    for (const auto& w : a.fieldWarnings) p.fieldWarnings.emplace_back(w.field, w.message);
    p.warnings = sink.all();
    return p;
}

namespace {

// The body's blocks as written: runs of lines between blank lines, a fenced code block (``` or
// ~~~) and a ::: block (nested ones too) kept whole whatever blank lines they hold.
std::vector<ImportedBlock> bodyBlocks(std::string_view body, int firstLine) {
    std::vector<ImportedBlock> out;
    std::string chunk;
    int chunkLine = 0, line = firstLine, fenceLen = 0, depth = 0;
    char fence = 0;
    auto flush = [&] {
        while (!chunk.empty() && chunk.back() == '\n') chunk.pop_back();
        if (!chunk.empty()) out.push_back({"markdown", chunk, {}, chunkLine, true, {}});
        chunk.clear();
    };
    size_t pos = 0;
    while (pos < body.size()) {
        const size_t nl = body.find('\n', pos);
        std::string l(body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        pos = nl == std::string_view::npos ? body.size() : nl + 1;
        if (!l.empty() && l.back() == '\r') l.pop_back();
        const size_t indent = l.find_first_not_of(' ');
        const std::string t = indent == std::string::npos ? std::string() : l.substr(indent);
        const bool blank = t.empty() || t.find_first_not_of(" \t") == std::string::npos;
        if (blank && !fence && depth == 0) {
            flush();
            ++line;
            continue;
        }
        if (chunk.empty()) chunkLine = line;
        chunk += l + "\n";
        ++line;
        if (indent != std::string::npos && indent < 4) {
            const size_t run = t.find_first_not_of(t[0]);
            const size_t n = run == std::string::npos ? t.size() : run;
            if (fence) {
                if (t[0] == fence && n >= static_cast<size_t>(fenceLen) && t.find_first_not_of(" \t", n) == std::string::npos) fence = 0;
            } else if ((t[0] == '`' || t[0] == '~') && n >= 3) {
                fence = t[0];
                fenceLen = static_cast<int>(n);
            } else if (t[0] == ':' && n >= 3) {
                // "::: name" opens a block, a bare ":::" closes the innermost.
                if (t.find_first_not_of(" \t", n) == std::string::npos) depth = std::max(0, depth - 1);
                else ++depth;
            }
        }
    }
    flush();
    return out;
}

// (A key a map lacks gives an invalid node, whose type cannot be asked.)
std::string scalarText(const YAML::Node& n) { return n.IsDefined() && n.IsScalar() ? n.Scalar() : std::string(); }

}  // namespace

InspectedPage inspectArticle(const std::string& path) { return inspectArticleText(path, parse::readInput(path)); }

InspectedPage inspectArticleText(const std::string& path, const std::string& source) {
    DiagnosticSink sink(false);
    parse::parseArticle(source, path, sink);  // what does not parse is said here, located
    std::string_view src(source);
    if (src.substr(0, 3) == "\xEF\xBB\xBF") src.remove_prefix(3);
    const parse::FrontMatterSplit split = parse::splitFrontMatter(src, path);
    const YAML::Node fm = YAML::Load(std::string(split.yaml));
    InspectedPage p;
    ImportedFields& f = p.fields;
    if (fm.IsMap()) {
        for (auto it = fm.begin(); it != fm.end(); ++it) {
            const std::string key = scalarText(it->first);
            const YAML::Node v = it->second;
            if (key == "title") f.title = scalarText(v);
            else if (key == "subtitle") f.subtitle = scalarText(v);
            else if (key == "section") f.section = scalarText(v);
            else if (key == "date") f.date = scalarText(v);
            else if (key == "lang") f.lang = scalarText(v);
            else if (key == "summary") f.summary = scalarText(v);
            else if (key == "bio") {
                f.bio = scalarText(v);
                while (!f.bio.empty() && f.bio.back() == '\n') f.bio.pop_back();
            } else if (key == "authors" || key == "author") {
                std::vector<YAML::Node> list;
                if (v.IsSequence()) for (const auto& a : v) list.push_back(a);
                else list.push_back(v);
                for (const YAML::Node& a : list) {
                    if (a.IsScalar()) f.authors.push_back({a.Scalar(), {}, {}});
                    else if (a.IsMap())
                        f.authors.push_back({scalarText(a["name"]), scalarText(a["position"]),
                                             a["organization"] ? scalarText(a["organization"]) : scalarText(a["organisation"])});
                }
            } else {
                YAML::Emitter e;
                e << YAML::BeginMap << YAML::Key << it->first << YAML::Value << v << YAML::EndMap;
                f.extra += std::string(e.c_str()) + "\n";
            }
        }
    }
    p.blocks = bodyBlocks(split.body, split.bodyLine);
    p.warnings = sink.all();
    return p;
}

std::string articleFromFields(const ImportedFields& f, const std::vector<ImportedBlock>& blocks) {
    import::ImportedArticle a;
    a.title = f.title;
    a.subtitle = f.subtitle;
    a.section = f.section;
    a.summary = f.summary;
    a.bio = f.bio;
    a.lang = f.lang.empty() ? "en" : f.lang;
    if (!Lang::parse(a.lang)) failAt("field:lang", {}, "'" + a.lang + "' is not a language: use en, zh-Hans, zh-Hant or zh-Hant-HK");
    if (!f.date.empty()) {
        a.date = import::findDate(f.date);
        if (!a.date) failAt("field:date", {}, "'" + f.date + "' is not a date (2026-12-01, 1 December 2026, 2026年12月1日)");
    }
    for (const auto& au : f.authors)
        if (!au.name.empty()) a.authors.push_back({au.name, au.position, au.organization});
    if (f.extra.find_first_not_of(" \t\n") != std::string::npos) {
        // Other keys, written as given: a YAML map none of whose keys the form has.
        static const char* const kForm[] = {"title", "subtitle", "section", "date", "lang", "authors", "author", "summary", "bio"};
        YAML::Node extra;
        try {
            extra = YAML::Load(f.extra);
        } catch (const YAML::Exception& e) {
            failAt("field:extra", {e.mark.line + 1, e.mark.column + 1}, "not YAML: " + e.msg);
        }
        if (!extra.IsMap()) failAt("field:extra", {}, "other front matter is a YAML map (key: value lines)");
        for (auto it = extra.begin(); it != extra.end(); ++it)
            for (const char* k : kForm)
                if (scalarText(it->first) == k) failAt("field:extra", {}, "'" + std::string(k) + "' has a field of its own");
        if (f.extra.find("\n---") != std::string::npos || f.extra.find("\n...") != std::string::npos || f.extra.starts_with("---"))
            failAt("field:extra", {}, "other front matter cannot hold a '---' line");
        a.extraFrontMatter = f.extra;
    }
    for (const ImportedBlock& b : blocks) {
        if (!b.kept) continue;
        import::Block out;
        out.line = b.line;
        out.attribution = b.attribution;
        if (b.kind == "paragraph") out.kind = import::Block::Paragraph;
        else if (b.kind == "heading") out.kind = import::Block::Heading;
        else if (b.kind == "pull-quote") out.kind = import::Block::PullQuote;
        else if (b.kind == "list-item") out.kind = import::Block::ListItem;
        else if (b.kind == "markdown") out.kind = import::Block::Paragraph;  // written as it is
        else failAt("field:blocks", {}, "unknown block kind '" + b.kind + "'");
        // A restored block's text is plain: escaped so that it reads as written.
        out.text = b.reason.empty() ? b.text : import::escapeLineStart(import::escapeMarkdown(b.text));
        if (out.text.find_first_not_of(" \t\n") == std::string::npos) continue;
        a.body.push_back(std::move(out));
    }
    return import::toMarkdown(a);
}

}  // namespace inkstone
