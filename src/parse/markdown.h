// Markdown body -> blocks (see markdown.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "model/document.h"

namespace inkstone::parse {

// `firstLine` is the file line of body[0]. Footnote definitions go to `footnotes`, numbered in order
// of first reference.
void parseMarkdownBody(std::string_view body, int firstLine, const std::string& path, const Lang& lang,
                       DiagnosticSink& sink, std::vector<model::Block>& blocks, std::vector<model::Footnote>& footnotes);

}  // namespace inkstone::parse
