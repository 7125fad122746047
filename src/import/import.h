// Web import (`inkstone import`, `inkstone check`): web pages and scraped text into article input
// (Markdown with YAML front matter, PRODUCT.md section 1), without the web chrome.
//
// Stages: decode (bytes in UTF-8, GB18030 or Big5 -> UTF-8 text), segment (a text page's lines or
// an HTML page's elements -> blocks with their source lines and markup hints), classify (features,
// a class and reason per block, the body region, listing pages), assemble (head fields by
// scoring, body, tail -> ImportedArticle), emit (-> Markdown). Plain data between them (page.h).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "model/document.h"

namespace inkstone::import {

// ---- decode -------------------------------------------------------------------------------------

enum class Encoding { Utf8, Utf8Bom, Gb18030, Big5 };
const char* encodingName(Encoding e);

struct Decoded {
    std::string text;  // UTF-8, line ends normalised to \n, no BOM
    Encoding encoding = Encoding::Utf8;
};

// UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise GB18030 or Big5 (iconv),
// whichever decodes the bytes without error and reads more like Chinese text. `declared` (an
// HTML meta charset, lower case) is tried first when given. Throws UserError when none fits.
Decoded decode(const std::string& bytes, const std::string& path, const std::string& declared = {});

// ---- dates and language ------------------------------------------------------------------------

// A date in any of the forms web pages use: "Mar 25 , 2013", "25 March 2013", "2013-03-25",
// "2013/3/25", "2013.03.25", "2013年3月25日", "2025/06/02 14:35", "时间:2014-12-03", ISO date-times,
// Taiwan's "民國113年3月25日" / "113年3月25日" / "113/03/25". Nullopt when none is found.
std::optional<model::Date> findDate(const std::string& text);

// en, zh-Hans or zh-Hant, from the text itself: Han against Latin letters, then characters that
// only one of the two Chinese scripts uses.
std::string detectLanguage(const std::string& text);

// ---- the imported article ----------------------------------------------------------------------

struct Block {
    enum Kind { Paragraph, Heading, PullQuote, ListItem } kind = Paragraph;
    std::string text;         // Markdown (inline markup escaped or converted)
    std::string attribution;  // pull quotes: "Name"
    int line = 0;             // source line (1-based) where it starts
    std::string plain;        // (HTML) the text without markup, for chrome tests and the bio
};

struct Removed {  // what --explain lists
    int line = 0;
    std::string text;
    std::string why;
};

// A guess the importer could not make, with the front matter field it concerns (title, date,
// authors): what `inkstone serve` shows beside the field.
struct FieldWarning {
    std::string field, message;
};

struct ImportedArticle {
    std::string title, subtitle, section, lang, summary, bio;
    std::optional<model::Date> date;
    std::vector<model::Author> authors;
    std::vector<Block> body;
    std::vector<Removed> removed;
    std::vector<FieldWarning> fieldWarnings;  // also reported on the sink
    std::string extraFrontMatter;             // YAML lines written after the known keys (an opened article's)
};

struct ImportOptions {
    std::string lang;                 // overrides detection when set
    std::ostream* explain = nullptr;  // --explain: every block with its features, class and reason
};

// Reads a page (.html/.htm by extension or content, else scraped text). Guesses it could not make
// are warnings on `sink`; the result is always valid article input.
ImportedArticle importPage(const std::string& path, const std::string& bytes, const ImportOptions& options,
                           DiagnosticSink& sink);

// The article as Markdown with YAML front matter.
std::string toMarkdown(const ImportedArticle& a);

// ---- lint (`inkstone check`) -------------------------------------------------------------------

// Why a line of text is web chrome, or "" when it is not (the patterns import drops).
std::string chromeReason(const std::string& line);

}  // namespace inkstone::import
