// Shared by the text and HTML readers: the heuristics that turn a page's lines or blocks into an
// article (see import.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "import/import.h"

namespace inkstone::import {


std::string trimWeb(const std::string& s);

// UTF-8 <-> wide strings, for std::wregex: a character class in a byte regex would hold bytes of
// UTF-8 sequences, not characters (valid UTF-8 in, valid UTF-8 out).
std::wstring wide(const std::string& s);
std::u32string toU32(const std::string& s);
std::string narrow(const std::wstring& s);

// The charset an HTML page declares in a meta tag (lower case), or "".
std::string declaredCharset(const std::string& bytes);

// Heuristic pieces, exposed for the HTML reader and the tests.
bool isRelatedHeading(const std::string& line);
bool looksLikeSubheading(const std::string& line, bool chinese);
// A byline ("• Name", "作者：X", "文/X", "By X", "記者X／台北報導"): the names, else empty.
std::vector<model::Author> parseByline(const std::string& line);
// Whether a piece of a byline names a position ("Maritime Correspondent", "研究员") or an institution.
bool isPosition(const std::string& text);
bool isInstitution(const std::string& text);
// "Position, Organization" split at the last comma when it names an institution.
void splitPosition(const std::string& line, model::Author& a);
// "Priya Raman", "林郁芳" (a common surname first): a person's name alone on its line.
bool personName(const std::string& text);
// "王建华　刘颖①": a line that is only names; empty when it is not.
std::vector<model::Author> nameList(const std::string& text);
// A line that names an institution ("Harlow Institute for Regional Policy").
bool institutionLine(const std::string& text);
// "• Jane Roe, a columnist for The Daily, …": the author an author's note names, with position.
std::optional<model::Author> authorFromNote(std::string text);
// The position and organization an author's note gives ("X is a senior fellow at Y", "作者系Y研究员").
bool positionFromNote(const std::string& note, model::Author& a);
// "〔記者X／台北報導〕" and the like at the start of a paragraph: removed from `text`, author returned.
std::optional<model::Author> takeFusedByline(std::string& text);
// Joins two hard-wrapped pieces of one paragraph (no space between CJK characters).
void joinWrapped(std::string& para, const std::string& next);
bool isBioLine(const std::string& para, const std::vector<model::Author>& authors);
std::string bioText(const std::string& para);  // the note without wrapping brackets
// "首页 > 国际 > 正文" -> "国际" (the last item before the article), or "".
std::string sectionFromBreadcrumb(const std::string& line);
// A breadcrumb's items, home first ("当前位置：" and a last "正文" dropped).
std::vector<std::string> breadcrumbParts(const std::string& line);
// The first `n` characters of `s`, as a wide string (for the regexes that look at a paragraph's start).
std::wstring widePrefix(const std::string& s, size_t n);
// Markdown escaping for plain text within a line (so the text reads back literally): emphasis,
// code, links, images, HTML, strikethrough, entities; URLs are left whole for autolinking.
std::string escapeMarkdown(const std::string& text);
// '&' that would start an entity in Markdown assembled from pieces (HTML text nodes) escaped.
std::string escapeEntities(const std::string& md);
// The same for the start of a block: a paragraph that would read as a heading, quote, list item,
// fence, table or thematic break gets its marker escaped.
std::string escapeLineStart(const std::string& md);
size_t displayWidth(const std::string& s);  // CJK characters count 2
// The first bytes of `s`, at most `n`, ending on a character boundary (never half a character).
std::string utf8Prefix(const std::string& s, size_t n);

}  // namespace inkstone::import
