// Markdown body -> model blocks, through cmark-gfm (tables, strikethrough, autolinks, footnotes).
// `::: name` fenced divs are not CommonMark: the body is first cut into segments at top-level fences
// (outside code fences), each segment parsed on its own with its line offset, so that every block
// keeps its position in the article file.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <sstream>

#include "base/utf8.h"
#include "parse/markdown.h"

namespace inkstone::parse {
namespace {

using model::Block;
using model::BlockKind;
using model::TextRun;

struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

std::string typeString(cmark_node* n) {
    const char* s = cmark_node_get_type_string(n);
    return s ? s : "";
}

char32_t lastChar(const std::vector<TextRun>& runs) {
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        const std::string& t = it->text;
        if (t.empty()) continue;
        size_t i = t.size() - 1;
        while (i > 0 && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) --i;
        size_t j = i;
        return decodeUtf8(t, j);
    }
    return 0;
}

// A `::: name` block found by markDivs.
struct Div {
    std::string kind;
    SourcePos fence;
    std::optional<model::TextRun> attribution;  // pull quotes: the "— Name" line
};

class Converter {
public:
    Converter(const std::string& path, int lineOffset, const Lang& lang, DiagnosticSink& sink,
              const std::vector<Div>& divs)
        : path_(path), lineOffset_(lineOffset), chinese_(lang.chinese()), sink_(sink), divs_(divs) {}

    SourcePos posOf(cmark_node* n) const {
        return {cmark_node_get_start_line(n) + lineOffset_, std::max(1, cmark_node_get_start_column(n))};
    }

    // `notes` is set for the document level only: footnote definitions and div markers live there.
    void convertBlocks(cmark_node* parent, std::vector<Block>& out, std::vector<model::Footnote>* notes) {
        // Quotes and lists nested deeper than a page can show are set flat: their paragraphs in
        // order at this level (fuzzing found 50,000 nested '>' overflowing the stack here).
        if (depth_ >= kMaxNesting) {
            flatten(parent, out);
            return;
        }
        struct Deeper {
            int& d;
            explicit Deeper(int& x) : d(++x) {}
            ~Deeper() { --d; }
        } deeper(depth_);
        std::optional<Block> pullQuote;  // open `::: pullquote`
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) {
                if (!notes) continue;
                model::Footnote fn;
                fn.number = static_cast<int>(notes->size()) + 1;  // cmark-gfm emits them in reference order
                fn.pos = posOf(n);
                convertBlocks(n, fn.blocks, nullptr);
                notes->push_back(std::move(fn));
                continue;
            }
            int divIndex = -1;
            bool end = false;
            if (notes && cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK && divMarker(n, divIndex, end)) {
                const Div& d = divs_[divIndex];
                if (!end && d.kind == "pullquote") {
                    pullQuote.emplace();
                    pullQuote->kind = BlockKind::PullQuote;
                    pullQuote->pos = d.fence;
                } else if (!end) {
                    sink_.warn(path_, d.fence, "unknown block '::: " + d.kind + "'; its content is set as ordinary text");
                } else if (pullQuote) {
                    if (d.attribution) {
                        Block a;
                        a.kind = BlockKind::Attribution;
                        a.pos = d.attribution->pos;
                        a.runs.push_back(*d.attribution);
                        pullQuote->children.push_back(std::move(a));
                    }
                    if (pullQuote->children.empty()) sink_.warn(path_, d.fence, "empty pull quote skipped");
                    else out.push_back(std::move(*pullQuote));
                    pullQuote.reset();
                }
                continue;
            }
            convertBlock(n, pullQuote ? pullQuote->children : out);
        }
        attachTableCaptions(out);
    }

    // A paragraph "Table: …" right after a table (or else right before it) is its caption
    // (Pandoc's syntax): its runs become the table's, without the "Table:" label.
    static void attachTableCaptions(std::vector<Block>& blocks) {
        auto isCaption = [](const Block& b) {
            return b.kind == BlockKind::Paragraph && !b.runs.empty() && b.runs.front().text.rfind("Table:", 0) == 0;
        };
        for (size_t i = 0; i < blocks.size(); ++i) {
            if (blocks[i].kind != BlockKind::Table || !blocks[i].runs.empty()) continue;
            size_t at = SIZE_MAX;
            if (i + 1 < blocks.size() && isCaption(blocks[i + 1])) at = i + 1;
            else if (i > 0 && isCaption(blocks[i - 1]) && (i < 2 || blocks[i - 2].kind != BlockKind::Table || !blocks[i - 2].runs.empty()))
                at = i - 1;
            if (at == SIZE_MAX) continue;
            std::vector<TextRun> runs = std::move(blocks[at].runs);
            std::string& first = runs.front().text;
            size_t cut = 6;  // "Table:"
            while (cut < first.size() && first[cut] == ' ') ++cut;
            first.erase(0, cut);
            runs.front().pos.col += static_cast<int>(cut);
            if (first.empty()) runs.erase(runs.begin());
            blocks[i].runs = std::move(runs);
            blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(at));
            if (at < i) --i;
        }
    }

private:
    static constexpr int kMaxNesting = 8;  // (nine levels of list indent leave a column no measure)
    int depth_ = 0;
    bool flatWarned_ = false;

    // Every paragraph, heading and code block under `parent`, in order, without the quotes and
    // lists around them (iteratively: the nesting may be deep).
    void flatten(cmark_node* parent, std::vector<Block>& out) {
        if (!flatWarned_) {
            sink_.warn(path_, posOf(parent), "quotes or lists nested more than " + std::to_string(kMaxNesting) + " deep are set flat");
            flatWarned_ = true;
        }
        cmark_iter* it = cmark_iter_new(parent);
        for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
            cmark_node* n = cmark_iter_get_node(it);
            if (ev != CMARK_EVENT_ENTER || n == parent) continue;
            const auto type = cmark_node_get_type(n);
            if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK) {
                convertBlock(n, out);
                cmark_iter_reset(it, n, CMARK_EVENT_EXIT);  // its inlines are the block's
            }
        }
        cmark_iter_free(it);
    }

    bool divMarker(cmark_node* n, int& index, bool& end) const {
        const char* lit = cmark_node_get_literal(n);
        if (!lit) return false;
        std::string t = lit;
        for (const char* prefix : {"<!--inkstone-div ", "<!--inkstone-end "}) {
            if (t.rfind(prefix, 0) != 0) continue;
            end = std::string(prefix) == "<!--inkstone-end ";
            index = std::atoi(t.c_str() + std::strlen(prefix));
            return index >= 0 && index < static_cast<int>(divs_.size());
        }
        return false;
    }

    // The text after an image that is alone in its paragraph: nothing, or one `{...}` attribute
    // list (Pandoc's syntax); nullopt when anything else follows (an inline image).
    static std::optional<std::string> trailingAttributes(cmark_node* image) {
        std::string rest;
        for (cmark_node* c = cmark_node_next(image); c; c = cmark_node_next(c)) {
            const cmark_node_type t = cmark_node_get_type(c);
            if (t == CMARK_NODE_SOFTBREAK) rest += ' ';
            else if (t == CMARK_NODE_TEXT) rest += cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "";
            else return std::nullopt;
        }
        const size_t a = rest.find_first_not_of(" \t"), z = rest.find_last_not_of(" \t");
        if (a == std::string::npos) return std::string();
        if (rest[a] != '{' || rest[z] != '}') return std::nullopt;
        // (cmark's smart punctuation has made the straight quotes curly)
        std::string list = rest.substr(a + 1, z - a - 1);
        for (const char* curly : {"\u201c", "\u201d"}) {
            for (size_t at; (at = list.find(curly)) != std::string::npos;) list.replace(at, std::strlen(curly), "\"");
        }
        return list;
    }

    // `width=60%`, `alt="text"`, `.wide`, separated by spaces. An unknown or bad attribute is an
    // error: a figure set other than the author asked is worse than none.
    void parseFigureAttributes(const std::string& list, Block& b) const {
        size_t i = 0;
        while (i < list.size()) {
            if (list[i] == ' ' || list[i] == '\t') {
                ++i;
                continue;
            }
            size_t end = i;
            std::string key, value;
            while (end < list.size() && list[end] != ' ' && list[end] != '=') ++end;
            key = list.substr(i, end - i);
            if (end < list.size() && list[end] == '=') {
                ++end;
                if (end < list.size() && list[end] == '"') {
                    const size_t close = list.find('"', end + 1);
                    if (close == std::string::npos) failAt(path_, b.pos, "image attribute '" + key + "' has no closing '\"'");
                    value = list.substr(end + 1, close - end - 1);
                    end = close + 1;
                } else {
                    const size_t stop = list.find_first_of(" \t", end);
                    value = list.substr(end, stop == std::string::npos ? std::string::npos : stop - end);
                    end = stop == std::string::npos ? list.size() : stop;
                }
            }
            if (key == ".wide") {
                b.figure.wide = true;
            } else if (key == "alt") {
                b.figure.alt = value;
            } else if (key == "width") {
                char* stop = nullptr;
                const double pct = std::strtod(value.c_str(), &stop);
                if (value.empty() || !stop || std::string(stop) != "%" || !(pct >= 10 && pct <= 100))
                    failAt(path_, b.pos, "image width '" + value + "' must be a share of the column from 10% to 100%, e.g. width=60%");
                b.figure.widthShare = pct / 100;
            } else {
                failAt(path_, b.pos, "unknown image attribute '" + key + "' (known: width=N%, alt=\"text\", .wide)");
            }
            i = end;
        }
    }

    void convertBlock(cmark_node* n, std::vector<Block>& out) {
        Block b;
        b.pos = posOf(n);
        const std::string type = typeString(n);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH: {
                cmark_node* only = cmark_node_first_child(n);
                std::optional<std::string> attributes;
                if (only && cmark_node_get_type(only) == CMARK_NODE_IMAGE) attributes = trailingAttributes(only);
                if (attributes) {
                    b.kind = BlockKind::Image;
                    const char* url = cmark_node_get_url(only);
                    b.text = url ? url : "";
                    const char* title = cmark_node_get_title(only);
                    b.figure.credit = title ? title : "";
                    convertInlinesFrom(only, b.runs, b.pos.line);
                    parseFigureAttributes(*attributes, b);
                } else {
                    b.kind = BlockKind::Paragraph;
                    convertInlinesFrom(n, b.runs, b.pos.line);
                }
                break;
            }
            case CMARK_NODE_HEADING: {
                b.kind = BlockKind::Heading;
                b.level = cmark_node_get_heading_level(n);
                if (b.level == 1) {
                    sink_.warn(path_, b.pos, "'#' headings are reserved for the title; set as a '##' subheading");
                    b.level = 2;
                }
                if (b.level > 3) b.level = 3;
                convertInlinesFrom(n, b.runs, b.pos.line);
                break;
            }
            case CMARK_NODE_BLOCK_QUOTE:
                b.kind = BlockKind::BlockQuote;
                convertBlocks(n, b.children, nullptr);
                break;
            case CMARK_NODE_LIST:
                b.kind = BlockKind::List;
                b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                b.start = cmark_node_get_list_start(n);
                for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
                    Block li;
                    li.kind = BlockKind::ListItem;
                    li.pos = posOf(item);
                    convertBlocks(item, li.children, nullptr);
                    b.children.push_back(std::move(li));
                }
                break;
            case CMARK_NODE_CODE_BLOCK: {
                b.kind = BlockKind::CodeBlock;
                std::string code = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
                while (!code.empty() && code.back() == '\n') code.pop_back();
                b.runs.push_back(TextRun{code, model::kCode, {}, b.pos, {}});
                break;
            }
            case CMARK_NODE_HTML_BLOCK: {
                sink_.warn(path_, b.pos, "raw HTML is not interpreted; it is printed as text");
                b.kind = BlockKind::Paragraph;
                std::string html = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
                while (!html.empty() && html.back() == '\n') html.pop_back();
                b.runs.push_back(TextRun{html, model::kCode, {}, b.pos, {}});
                break;
            }
            case CMARK_NODE_THEMATIC_BREAK:
                b.kind = BlockKind::ThematicBreak;
                break;
            default:
                if (type == "table") {
                    b.kind = BlockKind::Table;
                    const uint16_t ncols = cmark_gfm_extensions_get_table_columns(n);
                    const uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(n);
                    for (uint16_t c = 0; c < ncols; ++c) {
                        const uint8_t a = aligns ? aligns[c] : 0;
                        b.columns.push_back(a == 'l' ? model::ColumnAlign::Left
                                            : a == 'c' ? model::ColumnAlign::Center
                                            : a == 'r' ? model::ColumnAlign::Right
                                                       : model::ColumnAlign::Default);
                    }
                    for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
                        Block r;
                        r.kind = BlockKind::TableRow;
                        r.pos = posOf(row);
                        r.header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
                        for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
                            Block c;
                            c.kind = BlockKind::TableCell;
                            c.pos = posOf(cell);
                            convertInlinesFrom(cell, c.runs, c.pos.line);
                            r.children.push_back(std::move(c));
                        }
                        b.children.push_back(std::move(r));
                    }
                } else {
                    sink_.warn(path_, b.pos, "unsupported Markdown block '" + type + "' skipped");
                    return;
                }
        }
        out.push_back(std::move(b));
    }

    void append(std::vector<TextRun>& runs, std::string text, uint32_t flags, const std::string& link, int line,
                int col) {
        if (text.empty()) return;
        // A run never continues across a soft break, so that every run starts at a known source
        // position; the joining space (if any) ends the previous run.
        bool newLine = false;
        if (pendingSoftBreak_) {
            pendingSoftBreak_ = false;
            newLine = true;
            size_t i = 0;
            char32_t next = decodeUtf8(text, i);
            char32_t prev = lastChar(runs);
            auto cjkSide = [&](char32_t c) { return isCjk(c) || (chinese_ && isAmbiguousPunctuation(c)); };
            // A line break between Chinese characters is not a word space (clreq: Chinese has no spaces).
            if (!(cjkSide(prev) || cjkSide(next)) && !runs.empty()) runs.back().text += ' ';
        }
        if (!newLine && !runs.empty() && runs.back().flags == flags && runs.back().link == link) {
            runs.back().text += text;
            return;
        }
        runs.push_back(TextRun{std::move(text), flags, link, {line, std::max(col, 1)}, {}});
    }

    // Inline children of `n` starting on file line `line`.
    void convertInlinesFrom(cmark_node* n, std::vector<TextRun>& runs, int line) {
        const size_t first = runs.size();
        convertInlines(n, runs, line, 0, {});
        languageSpans(runs, first);
    }

    // Spans in Pandoc's bracketed-span syntax: `[人工智能]{lang=zh-Hans}` (text in another language
    // than the article's), `[谷爱凌]{.keep}` (a span an edition never converts), or both. The
    // brackets and the attribute list go; the runs between them keep the language (faces, line
    // breaking and the PDF's /Lang follow it). A language inkstone does not set is a warning, and
    // the text keeps the paragraph's.
    void languageSpans(std::vector<TextRun>& runs, size_t first) {
        for (size_t r = first; r < runs.size(); ++r) {
            for (size_t from = 0;;) {
                const size_t close = runs[r].text.find("]{", from);
                if (close == std::string::npos) break;
                const size_t end = runs[r].text.find('}', close + 2);
                if (end == std::string::npos) break;
                // The attribute list: `lang=TAG` and the class `.keep` (an edition leaves the span as
                // written: a name, a quotation), in any order; anything else leaves the brackets be.
                const std::string attrs = runs[r].text.substr(close + 2, end - close - 2);
                std::string tag;
                bool keep = false, other = false;
                std::istringstream words(attrs);
                for (std::string w; words >> w;) {
                    if (w.rfind("lang=", 0) == 0) tag = w.substr(5);
                    else if (w == ".keep") keep = true;
                    else other = true;
                }
                if (tag.size() >= 2 && (tag.front() == '"' || tag.front() == '\'')) tag = tag.substr(1, tag.size() - 2);
                if (other || (tag.empty() && !keep)) {
                    from = close + 2;
                    continue;
                }
                // The nearest unmatched '[' before the ']'.
                size_t r0 = r, p0 = close;
                int depth = 0;
                bool found = false;
                for (;;) {
                    const std::string& t = runs[r0].text;
                    while (p0 > 0 && !found) {
                        const char c = t[--p0];
                        if (c == ']') ++depth;
                        else if (c == '[' && depth-- == 0) found = true;
                    }
                    if (found || r0 == first) break;
                    --r0;
                    p0 = runs[r0].text.size();
                }
                if (!found) {
                    from = close + 2;
                    continue;
                }
                const std::optional<Lang> lang = tag.empty() ? std::nullopt : Lang::parse(tag);
                if (!lang && !tag.empty())
                    sink_.warn(path_, runs[r].pos,
                               "unknown language '" + tag +
                                   "' in {lang=...}: inkstone sets en, zh-Hans, zh-Hant and zh-Hant-HK; the text keeps "
                                   "the paragraph's language");
                // Cut the ']{...}' out of run r (the rest after it a run of its own), then the '['
                // out of run r0 (the part after it a run of its own): the runs between are the span.
                TextRun after = runs[r];
                after.text = runs[r].text.substr(end + 1);
                runs[r].text.resize(close);
                runs.insert(runs.begin() + static_cast<std::ptrdiff_t>(r + 1), std::move(after));
                TextRun inside = runs[r0];
                inside.text = runs[r0].text.substr(p0 + 1);
                runs[r0].text.resize(p0);
                runs.insert(runs.begin() + static_cast<std::ptrdiff_t>(r0 + 1), std::move(inside));
                for (size_t k = r0 + 1; k <= r + 1; ++k) {
                    if (lang) {
                        runs[k].lang = *lang;
                        runs[k].flags |= model::kOwnLanguage;
                    }
                    if (keep) runs[k].flags |= model::kKeep;
                }
                r += 2;  // the run after the span
                from = 0;
                if (r >= runs.size()) break;
            }
        }
        runs.erase(std::remove_if(runs.begin() + static_cast<std::ptrdiff_t>(first), runs.end(),
                                  [](const TextRun& t) { return t.text.empty(); }),
                   runs.end());
    }

    // Walks inline children of `n`; `line` tracks the source line through soft and hard breaks.
    void convertInlines(cmark_node* n, std::vector<TextRun>& runs, int& line, uint32_t flags, const std::string& link) {
        for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
            int nodeLine = cmark_node_get_start_line(c);
            if (nodeLine > 0) line = nodeLine + lineOffset_;
            int col = cmark_node_get_start_column(c);
            const char* lit = cmark_node_get_literal(c);
            switch (cmark_node_get_type(c)) {
                case CMARK_NODE_TEXT:
                    append(runs, lit ? lit : "", flags, link, line, col);
                    break;
                case CMARK_NODE_CODE:
                    append(runs, lit ? lit : "", flags | model::kCode, link, line, col);
                    break;
                case CMARK_NODE_HTML_INLINE:
                    append(runs, lit ? lit : "", flags, link, line, col);
                    break;
                case CMARK_NODE_SOFTBREAK:
                    pendingSoftBreak_ = true;
                    ++line;
                    break;
                case CMARK_NODE_LINEBREAK:
                    pendingSoftBreak_ = false;
                    append(runs, "\n", flags, link, line, col);
                    ++line;
                    break;
                case CMARK_NODE_EMPH:
                    convertInlines(c, runs, line, flags | model::kEmphasis, link);
                    break;
                case CMARK_NODE_STRONG:
                    convertInlines(c, runs, line, flags | model::kStrong, link);
                    break;
                case CMARK_NODE_LINK: {
                    const char* url = cmark_node_get_url(c);
                    convertInlines(c, runs, line, flags, url ? url : "");
                    break;
                }
                case CMARK_NODE_IMAGE:
                    convertInlines(c, runs, line, flags, link);
                    break;
                case CMARK_NODE_FOOTNOTE_REFERENCE: {
                    // cmark-gfm numbers references in order of first use and gives the number as
                    // the literal; definitions come out in the same order (unused ones dropped).
                    int number = lit ? std::atoi(lit) : 0;
                    append(runs, std::to_string(number), flags | model::kSuperscript, "#fn-" + std::to_string(number),
                           line, col);
                    break;
                }
                default:
                    if (typeString(c) == "strikethrough") {
                        convertInlines(c, runs, line, flags | model::kStrike, link);
                    } else {
                        convertInlines(c, runs, line, flags, link);
                    }
            }
        }
    }

    const std::string& path_;
    int lineOffset_;
    bool chinese_;
    DiagnosticSink& sink_;
    const std::vector<Div>& divs_;
    bool pendingSoftBreak_ = false;
};

cmark_syntax_extension* extension(const char* name) {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
    return cmark_find_syntax_extension(name);
}

std::unique_ptr<cmark_node, NodeDeleter> parseCmark(std::string_view text) {
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART));
    for (const char* name : {"table", "strikethrough", "autolink"}) {
        if (auto* ext = extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), text.data(), text.size());
    return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(parser.get()));
}

bool isDash(const std::string& s) {
    return s.rfind("—", 0) == 0 || s.rfind("―", 0) == 0 || s.rfind("--", 0) == 0 || s.rfind("–", 0) == 0;
}

bool isFenceOpen(const std::string& line, std::string& name) {
    size_t i = 0;
    while (i < line.size() && line[i] == ':') ++i;
    if (i < 3) return false;
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '-' || line[i] == '_')) ++i;
    name = line.substr(start, i - start);
    while (i < line.size() && (line[i] == ' ' || line[i] == '\r')) ++i;
    return i == line.size();
}

// Rewrites top-level `::: name` and `:::` fence lines (outside code fences) into HTML comment lines
// that cmark-gfm keeps as HTML blocks ("<!--inkstone-div N-->", "<!--inkstone-end N-->"), and a pull
// quote's last line, when it starts with a dash, into an empty line recorded as the attribution.
// The line count never changes, so cmark's positions stay file positions, and the body is parsed
// as one document (footnote references and definitions may sit on either side of a div).
std::string markDivs(std::string_view body, int firstLine, const std::string& path, std::vector<Div>& divs) {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < body.size()) {
        size_t nl = body.find('\n', pos);
        lines.emplace_back(body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        pos = nl == std::string_view::npos ? body.size() : nl + 1;
    }
    // An open code fence (CommonMark 4.5): its character and length; it closes only with a line of
    // at least as many of the same character and nothing else.
    char fenceChar = 0;
    size_t fenceLen = 0;
    int open = -1;       // index into divs of the open div
    size_t openLine = 0;  // index into lines of its fence
    for (size_t li = 0; li < lines.size(); ++li) {
        const int lineNo = firstLine + static_cast<int>(li);
        std::string trimmed = lines[li];
        while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' ')) trimmed.pop_back();
        size_t indent = trimmed.find_first_not_of(' ');
        std::string stripped = indent == std::string::npos ? "" : trimmed.substr(indent);
        const char c0 = stripped.empty() ? 0 : stripped[0];
        const size_t run = (c0 == '`' || c0 == '~') ? stripped.find_first_not_of(c0) : 0;
        const size_t runLen = run == std::string::npos ? stripped.size() : run;
        if (fenceChar == 0) {
            if (indent < 4 && runLen >= 3) {
                fenceChar = c0;
                fenceLen = runLen;
                continue;
            }
        } else {
            if (indent < 4 && c0 == fenceChar && runLen >= fenceLen && runLen == stripped.size()) fenceChar = 0;
            continue;
        }
        std::string name;
        if (indent != 0 || !isFenceOpen(trimmed, name)) continue;
        if (name.empty()) {
            if (open < 0) failAt(path, {lineNo, 1}, "':::' closes no open block");
            Div& d = divs[open];
            if (d.kind == "pullquote") {
                size_t last = li;
                while (last > openLine + 1) {
                    --last;
                    std::string l = lines[last];
                    while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.pop_back();
                    if (l.empty()) continue;
                    if (isDash(l)) {
                        d.attribution = model::TextRun{l, 0, {}, {firstLine + static_cast<int>(last), 1}, {}};
                        lines[last].clear();
                    }
                    break;
                }
            }
            lines[li] = "<!--inkstone-end " + std::to_string(open) + "-->";
            open = -1;
        } else {
            if (open >= 0)
                failAt(path, {lineNo, 1}, "'::: " + name + "' inside '::: " + divs[open].kind + "': blocks do not nest");
            open = static_cast<int>(divs.size());
            openLine = li;
            divs.push_back(Div{name, {lineNo, 1}, {}});
            lines[li] = "<!--inkstone-div " + std::to_string(open) + "-->";
        }
    }
    if (open >= 0) failAt(path, divs[open].fence, "'::: " + divs[open].kind + "' is never closed (add a ':::' line)");
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}


}  // namespace

void parseMarkdownBody(std::string_view body, int firstLine, const std::string& path, const Lang& lang,
                       DiagnosticSink& sink, std::vector<model::Block>& blocks, std::vector<model::Footnote>& footnotes) {
    std::vector<Div> divs;
    std::string text = markDivs(body, firstLine, path, divs);
    Converter conv(path, firstLine - 1, lang, sink, divs);
    auto doc = parseCmark(text);
    conv.convertBlocks(doc.get(), blocks, &footnotes);
}

}  // namespace inkstone::parse
