// The front matter of a volume, laid out: the cover and the table of contents. The driver
// (driver/compile.cpp) decides the page numbers; these only set the pages.
#pragma once

#include <string>
#include <vector>

#include "layout/article.h"
#include "layout/paged.h"
#include "model/document.h"
#include "parse/volume.h"
#include "style/style.h"
#include "text/engine.h"

namespace inkstone::layout {

// One article in the contents.
struct ContentsEntry {
    size_t section = 0;  // index into the volume's sections
    std::string title;
    Lang lang;
    std::vector<model::Author> authors;
    std::string dest;    // the destination of the article's title (its link target)
    int startPage = 0;   // the folio it starts on
};

// The table of contents as pages: a heading, then per section its title and per article a title
// line with dot leaders and the page number (a link to the article), and its authors. A title
// longer than the space before the number wraps; the number and the leaders go on its last line.
// Its structure is appended to `structure` under `parent`: the heading (H1), then a TOC with a TOCI
// per section title and per article (the article's title and number a Link to it, its authors a
// P); leaders are artifacts.
std::vector<Page> layoutContents(const parse::Volume& vol, const std::vector<ContentsEntry>& entries,
                                 const style::Style& st, text::TextEngine& engine, std::vector<StructNode>& structure,
                                 int parent);

// The cover: issue label, title and subtitle (with its rule) from the top; publisher and date at
// the foot; the cover image, when the manifest names one, scaled into the space between, centred.
// A cover image that is not a readable PNG is a UserError located at the manifest.
// Its structure is appended to `structure` under `parent`: issue (P), title (H1), subtitle (P),
// the image (Figure), publisher and date (P); the rule is an artifact.
Page layoutCover(const parse::Volume& vol, const style::Style& st, text::TextEngine& engine,
                 std::vector<StructNode>& structure, int parent);

}  // namespace inkstone::layout
