#include "parse/article.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "base/reads.h"
#include "base/utf8.h"
#include "parse/markdown.h"

namespace inkstone::parse {

std::string readInput(const std::string& path) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    reads::note(path);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) failAt(path, {}, "cannot read file: it is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in) failAt(path, {}, std::string("cannot read file: ") + std::strerror(errno));
    std::string data(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
    if (in.bad()) failAt(path, {}, std::string("cannot read file: ") + std::strerror(errno));
    return data;
}

namespace {

void setBlockLanguage(model::Block& b, const Lang& lang) {
    for (auto& r : b.runs)
        if (!(r.flags & model::kOwnLanguage)) r.lang = lang;
    for (auto& c : b.children) setBlockLanguage(c, lang);
}

}  // namespace

void setLanguage(model::Document& doc, const Lang& lang) {
    doc.meta.lang = lang;
    for (auto& b : doc.blocks) setBlockLanguage(b, lang);
    for (auto& f : doc.footnotes)
        for (auto& b : f.blocks) setBlockLanguage(b, lang);
}

FrontMatterSplit splitFrontMatter(std::string_view source, const std::string& path) {
    auto lineAt = [&](size_t pos) {
        size_t nl = source.find('\n', pos);
        std::string_view l = source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
        return std::pair{l, nl == std::string_view::npos ? source.size() : nl + 1};
    };
    auto [first, afterFirst] = lineAt(0);
    if (first != "---") failAt(path, {1, 1}, "an article starts with YAML front matter: a '---' line, then at least 'title:'");
    size_t pos = afterFirst;
    int line = 2;
    while (pos < source.size()) {
        auto [l, next] = lineAt(pos);
        if (l == "---" || l == "...") return {source.substr(afterFirst, pos - afterFirst), source.substr(next), line + 1};
        pos = next;
        ++line;
    }
    failAt(path, {1, 1}, "the front matter is never closed (add a '---' line after it)");
}

model::Document parseArticle(std::string_view source, const std::string& path, DiagnosticSink& sink) {
    if (auto bad = findInvalidUtf8(source)) failAt(path, positionOfOffset(source, *bad), "invalid UTF-8 (the file must be UTF-8)");
    if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);

    model::Document doc;
    doc.path = path;
    size_t slash = path.rfind('/');
    doc.dir = path == "-" ? "." : slash == std::string::npos ? "." : path.substr(0, slash);

    const FrontMatterSplit fm = splitFrontMatter(source, path);
    doc.meta = parseFrontMatter(std::string(fm.yaml), path, 2, sink);
    parseMarkdownBody(fm.body, fm.bodyLine, path, doc.meta.lang, sink, doc.blocks, doc.footnotes);
    setLanguage(doc, doc.meta.lang);
    return doc;
}

model::Document loadArticle(const std::string& path, DiagnosticSink& sink) {
    return parseArticle(readInput(path), path, sink);
}

}  // namespace inkstone::parse
