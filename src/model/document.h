// The document model: what the parser produces and every later stage reads. Plain data only.
// Inline content is flattened into styled runs (text + flags + link), which is what layout needs;
// blocks keep their nesting (quotes, lists, pull quotes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/lang.h"

namespace inkstone::model {

struct Author {
    std::string name;
    std::string position;
    std::string organization;
};

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
};

// Front matter. Positions are kept for fields later stages may complain about.
struct Metadata {
    std::string title;
    std::string subtitle;
    std::string section;
    std::optional<Date> date;
    Lang lang;  // the article's: English unless the front matter says otherwise
    std::vector<Author> authors;
    std::string summary;
    std::vector<std::string> keywords;
    std::string bio;
    std::string style;  // a style name or path; empty = default
    std::vector<std::string> keep;  // fields an edition never converts ("authors", "title", ...)
    // `writing-mode:` the article's own (issue 16): true vertical-rl, false horizontal-tb; unset:
    // the style's. A volume's vertical article starts on a left-hand page.
    std::optional<bool> vertical;
    SourcePos stylePos;
    SourcePos summaryPos;
    SourcePos bioPos;
    SourcePos titlePos;
};

enum RunFlags : uint32_t {
    kEmphasis = 1u << 0,
    kStrong = 1u << 1,
    kCode = 1u << 2,
    kStrike = 1u << 3,
    kSuperscript = 1u << 4,  // footnote references
    kOwnLanguage = 1u << 5,  // the author gave the run's language ([text]{lang=zh-Hant}): kept by setLanguage
    kKeep = 1u << 6,         // never converted by an edition ([谷爱凌]{.keep})
};

struct TextRun {
    std::string text;
    uint32_t flags = 0;
    std::string link;  // URI, or "#fn-N" for a footnote reference
    SourcePos pos;     // where the run starts (line exact, column best effort)
    Lang lang;         // set by the parser (the article's); a later pass may change it per run
};

enum class BlockKind {
    Paragraph,
    Heading,         // level 2 or 3 (## and ###); level 1 is reserved for the title
    BlockQuote,      // children
    List,            // children are ListItem; ordered/start below
    ListItem,        // children
    PullQuote,       // children: paragraphs, then an optional Attribution
    Attribution,     // runs: "— Name"
    CodeBlock,       // runs: one run with the code text
    ThematicBreak,
    Table,           // children: TableRow
    TableRow,        // children: TableCell; header flag
    TableCell,       // runs
    Image,           // text = path, runs = caption, figure = the rest
};

// A figure's attributes: `![caption](file "credit"){width=60% alt="..."}` or `{.wide}`.
struct FigureAttributes {
    std::string credit;     // the image title: a source or photo credit set under the caption
    std::string alt;        // alternative text (default: the caption's text)
    double widthShare = 0;  // a share of the column (0.1-1); 0 = the column
    bool wide = false;      // across all columns in multi-column styles
};

// A table column's alignment, from the Markdown delimiter row (`:--`, `:-:`, `--:`).
enum class ColumnAlign : uint8_t { Default, Left, Center, Right };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;         // heading level
    bool ordered = false;  // lists
    int start = 1;         // ordered lists
    bool header = false;   // table rows
    std::vector<ColumnAlign> columns;  // tables: each column's alignment
    std::string text;      // image path
    FigureAttributes figure;  // images
    std::vector<TextRun> runs;
    std::vector<Block> children;
    SourcePos pos;
};

struct Footnote {
    int number = 0;  // as printed; references link to "#fn-<number>"
    std::vector<Block> blocks;
    SourcePos pos;
};

struct Document {
    std::string path;  // as given on the command line ("-" for stdin)
    std::string dir;   // folder of the article, for images
    Metadata meta;
    std::vector<Block> blocks;
    std::vector<Footnote> footnotes;
};

// Plain text of a run list (for outlines, metadata, tests).
std::string plainText(const std::vector<TextRun>& runs);


}  // namespace inkstone::model
