// Parsing an article file: YAML front matter (yaml-cpp) + Markdown body (cmark-gfm with the table,
// strikethrough, autolink and footnote extensions, plus `::: pullquote` fenced divs).
// In: the file's bytes. Out: model::Document with source positions. Bad input throws UserError
// (file:line:col); doubtful input (unknown keys) goes to the warning sink.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "model/document.h"

namespace inkstone::parse {

model::Document parseArticle(std::string_view source, const std::string& path, DiagnosticSink& sink);

// An article's source (UTF-8, without its byte order mark) cut at its front matter: the YAML
// between the '---' lines (from line 2), and the body after them, from line `bodyLine`. UserError
// at `path` when there is no front matter or it is never closed.
struct FrontMatterSplit {
    std::string_view yaml, body;
    int bodyLine = 0;
};
FrontMatterSplit splitFrontMatter(std::string_view source, const std::string& path);

// Reads `path` ("-" = stdin) and parses it. A missing file is a UserError.
model::Document loadArticle(const std::string& path, DiagnosticSink& sink);

// Reads a whole file or stdin; throws UserError when it cannot.
std::string readInput(const std::string& path);

// Front matter alone (exposed for tests). `firstLine` is the file line of the YAML text's first line.
model::Metadata parseFrontMatter(const std::string& yaml, const std::string& path, int firstLine,
                                 DiagnosticSink& sink);

// Sets the document's language and every run's: the parser's last step (each run in the
// article's language), and what --lang does to a whole article.
void setLanguage(model::Document& doc, const Lang& lang);

// Normalises a BCP 47 tag to one inkstone supports (en, zh-Hans, zh-Hant, zh-Hant-HK), or "".
std::string normalizeLang(const std::string& tag);

}  // namespace inkstone::parse
