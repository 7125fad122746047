// YAML front matter -> model::Metadata. Positions from yaml-cpp marks are 0-based and relative to the
// YAML text; `firstLine` maps them back to the file.
#include <cstdio>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>
#include <set>

#include "base/utf8.h"
#include "parse/article.h"

namespace inkstone::parse {
namespace {

struct Ctx {
    const std::string& path;
    int firstLine;
    DiagnosticSink& sink;
    const std::string& yaml;
    // Where a scalar's text starts: for block scalars (`|`, `>`) that is the line after the indicator.
    SourcePos textAt(const YAML::Node& n) const {
        SourcePos p = at(n);
        const auto m = n.Mark();
        if (m.pos >= 0 && static_cast<size_t>(m.pos) < yaml.size() && (yaml[m.pos] == '|' || yaml[m.pos] == '>')) {
            size_t nl = yaml.find('\n', m.pos);
            size_t first = nl == std::string::npos ? nl : yaml.find_first_not_of(' ', nl + 1);
            return {p.line + 1, first == std::string::npos ? 1 : static_cast<int>(first - nl)};
        }
        return p;
    }
    SourcePos at(const YAML::Node& n) const {
        const auto m = n.Mark();
        if (m.line < 0) return {firstLine, 1};
        return {m.line + firstLine, m.column + 1};
    }
    [[noreturn]] void fail(const YAML::Node& n, const std::string& msg) const { failAt(path, at(n), msg); }
};

std::string scalarString(const Ctx& c, const YAML::Node& n, const std::string& key) {
    if (!n.IsScalar()) c.fail(n, "'" + key + "' must be a string");
    // A control character (a YAML escape such as "\x00") is no text to print.
    for (unsigned char ch : n.Scalar())
        if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "%04X", ch);
            c.fail(n, "'" + key + "' holds the control character U+" + std::string(buf));
        }
    if (auto bad = findInvalidUtf8(n.Scalar())) c.fail(n, "'" + key + "' is not valid UTF-8");
    return n.Scalar();
}

bool validDate(int y, int m, int d) {
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int maxDay = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) maxDay = 29;
    return d <= maxDay;
}

model::Date parseDate(const Ctx& c, const YAML::Node& n) {
    if (!n.IsScalar()) c.fail(n, "'date' must be an ISO date (YYYY-MM-DD)");
    const std::string& s = n.Scalar();
    int y = 0, m = 0, d = 0;
    bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
    for (size_t i = 0; shape && i < s.size(); ++i)
        if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) shape = false;
    if (shape) {
        y = std::stoi(s.substr(0, 4));
        m = std::stoi(s.substr(5, 2));
        d = std::stoi(s.substr(8, 2));
    }
    if (!shape || !validDate(y, m, d)) c.fail(n, "bad date '" + s + "': expected an ISO date YYYY-MM-DD");
    return {y, m, d};
}

model::Author parseAuthor(const Ctx& c, const YAML::Node& n) {
    model::Author a;
    if (n.IsScalar()) {
        a.name = scalarString(c, n, "author");
    } else if (n.IsMap()) {
        for (auto it = n.begin(); it != n.end(); ++it) {
            // A key may be any YAML node ("- [x]: y" makes a sequence the key): only words are keys.
            if (!it->first.IsScalar()) c.fail(it->first, "an author's keys are 'name', 'position' and 'organization'");
            const std::string key = it->first.Scalar();
            if (key == "name") a.name = scalarString(c, it->second, "name");
            else if (key == "position") a.position = scalarString(c, it->second, "position");
            else if (key == "organization" || key == "organisation")
                a.organization = scalarString(c, it->second, key);
            else c.sink.warn(c.path, c.at(it->first), "unknown author key '" + key + "' ignored");
        }
    } else {
        c.fail(n, "each author must be a name or a map with 'name', 'position', 'organization'");
    }
    if (a.name.empty()) c.fail(n, "an author needs a 'name'");
    return a;
}

// Position (1-based, in `yaml`) of the last '[' or '{' before `end` that is not closed, skipping
// quoted strings and comments.
std::optional<SourcePos> unclosedBracket(const std::string& yaml, int end) {
    std::vector<SourcePos> open;
    SourcePos here{1, 1};
    char quote = 0;
    bool comment = false;
    const size_t stop = end < 0 ? yaml.size() : std::min(yaml.size(), static_cast<size_t>(end));
    for (size_t i = 0; i < stop; ++i) {
        const char c = yaml[i];
        if (c == '\n') {
            comment = false;
            ++here.line;
            here.col = 1;
            continue;
        }
        if (!comment) {
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || yaml[i - 1] == ' ')) {
                comment = true;
            } else if (c == '[' || c == '{') {
                open.push_back(here);
            } else if ((c == ']' || c == '}') && !open.empty()) {
                open.pop_back();
            }
        }
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++here.col;
    }
    if (open.empty()) return std::nullopt;
    return open.back();
}

}  // namespace

std::string normalizeLang(const std::string& tag) {
    const std::optional<Lang> l = Lang::parse(tag);
    return l ? l->tag() : std::string();
}

model::Metadata parseFrontMatter(const std::string& yaml, const std::string& path, int firstLine,
                                 DiagnosticSink& sink) {
    Ctx c{path, firstLine, sink, yaml};
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        SourcePos pos{e.mark.line + firstLine, e.mark.column + 1};
        // yaml-cpp reports an unclosed flow collection where it gave up (often the next key or the
        // end): point at the bracket that was never closed instead.
        if (e.msg.find("flow not found") != std::string::npos) {
            if (auto opener = unclosedBracket(yaml, e.mark.pos)) pos = {opener->line + firstLine - 1, opener->col};
        }
        failAt(path, pos, "malformed YAML front matter: " + e.msg);
    }
    if (!root.IsMap()) failAt(path, {firstLine, 1}, "the front matter must be a YAML map with at least 'title'");

    model::Metadata meta;
    bool haveTitle = false;
    for (auto it = root.begin(); it != root.end(); ++it) {
        // By value: the iterator's pair is a temporary (a reference would dangle).
        const YAML::Node keyNode = it->first;
        const YAML::Node v = it->second;
        const std::string key = keyNode.IsScalar() ? keyNode.Scalar() : std::string();
        if (key == "title") {
            if (!v.IsScalar() || v.Scalar().empty()) c.fail(v.IsNull() ? keyNode : v, "'title' must be a non-empty string");
            meta.title = scalarString(c, v, key);
            meta.titlePos = c.at(v);
            haveTitle = true;
        } else if (key == "subtitle") {
            meta.subtitle = scalarString(c, v, key);
        } else if (key == "section") {
            meta.section = scalarString(c, v, key);
        } else if (key == "date") {
            meta.date = parseDate(c, v);
        } else if (key == "lang") {
            std::string tag = scalarString(c, v, key);
            const std::optional<Lang> l = Lang::parse(tag);
            if (!l) c.fail(v, "unsupported lang '" + tag + "': use en, zh-Hans, zh-Hant or zh-Hant-HK");
            meta.lang = *l;
        } else if (key == "authors" || key == "author") {
            if (v.IsSequence()) {
                for (const auto& a : v) meta.authors.push_back(parseAuthor(c, a));
            } else {
                meta.authors.push_back(parseAuthor(c, v));
            }
        } else if (key == "summary") {
            meta.summary = scalarString(c, v, key);
            meta.summaryPos = c.textAt(v);
        } else if (key == "keywords") {
            if (v.IsSequence()) {
                for (const auto& k : v) meta.keywords.push_back(scalarString(c, k, "keywords"));
            } else {
                std::string s = scalarString(c, v, key);
                size_t start = 0;
                while (start <= s.size()) {
                    size_t comma = s.find(',', start);
                    std::string k = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                    while (!k.empty() && k.front() == ' ') k.erase(0, 1);
                    while (!k.empty() && k.back() == ' ') k.pop_back();
                    if (!k.empty()) meta.keywords.push_back(k);
                    if (comma == std::string::npos) break;
                    start = comma + 1;
                }
            }
        } else if (key == "bio") {
            meta.bio = scalarString(c, v, key);
            meta.bioPos = c.textAt(v);
        } else if (key == "style") {
            meta.style = scalarString(c, v, key);
            meta.stylePos = c.at(v);
        } else if (key == "writing-mode") {
            const std::string mode = scalarString(c, v, key);
            if (mode != "vertical-rl" && mode != "horizontal-tb")
                failAt(path, c.at(v), "unknown writing-mode '" + mode + "': use vertical-rl or horizontal-tb");
            meta.vertical = mode == "vertical-rl";
        } else if (key == "keep") {
            // Front matter fields an edition never converts (issue 15): `keep: [authors, title]`.
            static const char* const kKeepable[] = {"title", "subtitle", "section", "authors", "summary", "keywords", "bio"};
            std::vector<YAML::Node> items;
            if (v.IsSequence()) for (const auto& k : v) items.push_back(k);
            else items.push_back(v);
            for (const auto& k : items) {
                const std::string name = scalarString(c, k, "keep");
                bool known = false;
                for (const char* kk : kKeepable) known = known || name == kk;
                if (!known)
                    failAt(path, c.at(k), "'keep' lists '" + name +
                                              "': an edition can keep title, subtitle, section, authors, summary, keywords or bio");
                meta.keep.push_back(name);
            }
        } else {
            sink.warn(path, c.at(keyNode), "unknown front matter key '" + key + "' ignored");
        }
    }
    if (!haveTitle) failAt(path, {firstLine > 1 ? firstLine - 1 : 1, 1}, "the front matter has no 'title'");
    while (!meta.bio.empty() && (meta.bio.back() == '\n' || meta.bio.back() == ' ')) meta.bio.pop_back();
    return meta;
}

}  // namespace inkstone::parse
