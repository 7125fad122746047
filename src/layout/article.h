// Article layout: model::Document + Style -> PagedDocument.
// Blocks become flow boxes (text lines, rules, pull quotes), each saying whether a page may break
// after it (widows, orphans, headings kept with their paragraph); the paginator fills the style's
// pages with them and adds headers and footers.
#pragma once

#include <ctime>
#include <functional>
#include <optional>

#include "base/diagnostics.h"
#include "layout/paged.h"
#include "model/document.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/paragraph.h"

namespace inkstone::layout {

struct LayoutOptions {
    std::optional<std::time_t> createDate;  // for DocInfo (SOURCE_DATE_EPOCH); default: the article's date, else none
    bool runningHeads = true;  // false: a compilation adds them with the volume's folios
    std::string destPrefix;    // prefixed to every destination name ("a3-"): unique in a volume
};

// A paragraph of one plain run in style `ts` (front matter text: titles, running heads, contents).
text::ParagraphInput plainParagraph(const std::string& text, const style::TextStyle& ts, const Lang& lang,
                                    const style::Style& style, const std::string& link = {});

// One line of text, unbroken, in style `ts` (running heads, contents entries); `link` makes it a
// link ("#name" for a destination).
std::shared_ptr<text::ShapedLine> simpleLine(const std::string& text, const style::TextStyle& ts, const Lang& lang,
                                             const style::Style& style, text::TextEngine& engine,
                                             const std::string& link = {});

// The fields of header and footer templates.
struct RunningFields {
    std::string title, section, author, date, publication;
};

// Adds headers and footers to pages[first, first + count): `label(i)` is page i's folio ({page}),
// `total` fills {pages}. Page `first` gets the first-page variant; in facing-page styles odd page
// indices (0-based) are left-hand pages.
void addRunningHeads(std::vector<Page>& pages, size_t first, size_t count, const RunningFields& fields,
                     const std::function<std::string(size_t)>& label, const std::string& total,
                     const style::Style& style, text::TextEngine& engine, const Lang& lang);

PagedDocument layoutArticle(const model::Document& doc, const style::Style& style, text::TextEngine& engine,
                            DiagnosticSink& sink, const LayoutOptions& options = {});

// "25 March 2026" / "2026年3月25日", from the style's date-format for the language.
std::string formatDate(const model::Date& d, const Lang& lang, const style::Style& style);

// "Lin Qiao and Mei Chen" / "林乔、陈梅".
std::string joinAuthors(const std::vector<model::Author>& authors, const Lang& lang);

}  // namespace inkstone::layout
