// The import heuristics (see import.h): header, bylines, body, subheadings, bio, chrome.
#include "import/extract.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include "base/utf8.h"

namespace inkstone::import {

namespace {

char32_t firstChar(const std::string& s) {
    if (s.empty()) return 0;
    size_t i = 0;
    return decodeUtf8(s, i);
}

char32_t lastChar(const std::string& s) {
    if (s.empty()) return 0;
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    size_t j = i;
    return decodeUtf8(s, j);
}

// Whether a line ends a sentence: its last mark, after any closing quotes and brackets, is a stop.
bool endsWithStop(const std::string& s) {
    std::u32string u = toU32(s);
    static const std::u32string closers = U"\"”’」』）)]】》";
    while (!u.empty() && closers.find(u.back()) != std::u32string::npos) u.pop_back();
    static const std::u32string stops = U".!?:;。！？：；…";
    return !u.empty() && stops.find(u.back()) != std::u32string::npos;
}


size_t hanCount(const std::string& s) {
    size_t n = 0, i = 0;
    while (i < s.size())
        if (isCjk(decodeUtf8(s, i))) ++n;
    return n;
}

bool isCjkText(const std::string& s) { return hanCount(s) * 2 > toU32(s).size(); }

}  // namespace

// The first `n` characters of `s`, as a wide string (the regexes that look at a paragraph's start).
std::wstring widePrefix(const std::string& s, size_t n) {
    std::wstring out;
    size_t i = 0;
    while (i < s.size() && out.size() < n) out += static_cast<wchar_t>(decodeUtf8(s, i));
    return out;
}

std::u32string toU32(const std::string& s) {
    std::u32string out;
    size_t i = 0;
    while (i < s.size()) out += decodeUtf8(s, i);
    return out;
}

std::wstring wide(const std::string& s) {
    std::wstring out;
    size_t i = 0;
    while (i < s.size()) out += static_cast<wchar_t>(decodeUtf8(s, i));
    return out;
}

std::string narrow(const std::wstring& s) {
    std::string out;
    for (wchar_t c : s) appendUtf8(out, static_cast<char32_t>(c));
    return out;
}

size_t displayWidth(const std::string& s) {
    size_t w = 0, i = 0;
    while (i < s.size()) w += isCjk(decodeUtf8(s, i)) ? 2 : 1;
    return w;
}

bool isRelatedHeading(const std::string& line) {
    if (line.size() > 200) return false;  // a heading is short (and std::regex recurses per character)
    static const std::regex re(
        R"(^(you (might|may) also like|related( articles| stories| reading| content| posts)?|read more|more from .{0,40}|recommended( for you| reading)?|more stories|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关文章|相關文章|相关推荐|相關推薦|猜你喜欢|猜你喜歡|推荐阅读|推薦閱讀|热门文章|熱門文章|热门推荐|熱門推薦|看更多|更多新闻|更多新聞)\s*[:：]?\s*$)",
        std::regex::ECMAScript | std::regex::icase);
    return std::regex_search(line, re);
}

bool looksLikeSubheading(const std::string& line, bool chinese) {
    if (line.empty() || line.size() > 400) return false;
    static const std::wregex numbered(LR"(^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]\s*\S))");
    const char32_t last = lastChar(line);
    const size_t chars = toU32(line).size();
    if (chars <= 40 && std::regex_search(wide(line), numbered) && last != U'。') return true;
    if (endsWithStop(line) || last == ',' || last == U'，' || last == U'、') return false;
    if (chinese || isCjkText(line)) return chars <= 28;
    // Latin: short, a few words, starting with a capital or a digit.
    const char32_t first = firstChar(line);
    if (!(std::isupper(static_cast<int>(first < 128 ? first : 0)) || (first >= '0' && first <= '9') || first > 127)) return false;
    size_t words = static_cast<size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
    return chars <= 100 && words <= 16;
}

void splitPosition(const std::string& line, model::Author& a) {
    const std::string t = trimWeb(line);
    const size_t comma = t.rfind(", ");
    static const std::regex institution(
        R"(\b(Institute|Institution|University|College|Center|Centre|Council|Foundation|Academy|School|Department|Ministry|Bank|Association|Society|Agency|Office|Commission|Program|Programme|Forum|Group|Corporation|Company|Fund|Trust|Organisation|Organization|Network|Initiative|Committee|Bureau)\b|^[A-Z]{2,8}$|(研究院|研究所|大学|大學|学院|學院|中心|协会|協會|基金会|基金會|委员会|委員會|部|局|社|报|報)$)");
    if (comma != std::string::npos && comma > 0) {
        const std::string org = t.substr(comma + 2);
        if (std::regex_search(org, institution)) {
            a.position = t.substr(0, comma);
            a.organization = org;
            return;
        }
    }
    a.position = t;
}

std::vector<model::Author> parseByline(const std::string& raw) {
    std::vector<model::Author> out;
    if (raw.size() > 300) return out;  // a byline is short
    const std::wstring line = wide(trimWeb(raw));
    std::wsmatch m;
    auto names = [&](const std::wstring& list) {
        static const std::wregex sep(LR"(\s*(、|，|,|;|；| and | & |和|與|与)\s*)");
        std::wsregex_token_iterator it(list.begin(), list.end(), sep, -1), end;
        for (; it != end; ++it) {
            std::string n = trimWeb(narrow(*it));
            if (!n.empty() && n.size() <= 60) out.push_back(model::Author{n, {}, {}});
        }
    };
    static const std::wregex bullet(LR"(^[•·●▪■]\s*(.{1,80})$)");
    static const std::wregex by(LR"(^(by|written by|authors?:)\s+(.{1,120})$)", std::regex::ECMAScript | std::regex::icase);
    static const std::wregex zhAuthor(LR"((作者|撰文|記者|记者)\s*[:：]\s*([^\s　]{1,30}(?:[、，,][^\s　]{1,30})*))");
    static const std::wregex zhSlash(LR"(^[\[［【(（]?\s*(文|作者)\s*[/／∕]\s*([^\]］】)）\s　]{1,40})[\]］】)）]?$)");
    static const std::wregex reporter(LR"(^[〔［\[【(（]?\s*(記者|记者)\s*([^／/∕\s]{2,20}?)\s*[/／∕]\s*(\S{1,12}?)(報導|报道|電|电)[〕］\]】)）]?\s*$)");
    if (std::regex_search(line, m, bullet)) {
        names(m[1]);
    } else if (std::regex_search(line, m, by)) {
        names(m[2]);
    } else if (std::regex_search(line, m, reporter)) {
        out.push_back(model::Author{narrow(m[2]), narrow(m[1]), {}});
    } else if (std::regex_search(line, m, zhSlash)) {
        names(m[2]);
    } else if (std::regex_search(line, m, zhAuthor)) {
        names(m[2]);
        if (m[1] == L"记者" || m[1] == L"記者")
            for (auto& a : out) a.position = narrow(m[1]);
    }
    return out;
}

std::optional<model::Author> takeFusedByline(std::string& text) {
    static const std::wregex fused(
        LR"(^[〔［\[【(（]\s*(記者|记者)\s*([^／/∕〕］\]】)）]{2,20}?)\s*[/／∕]\s*[^〕］\]】)）]{0,20}?(報導|报道|電|电)?\s*[〕］\]】)）]\s*)");
    static const std::wregex bare(LR"(^(記者|记者)\s*([^／/∕\s]{2,10})\s*[/／∕]\s*\S{1,12}?(報導|报道)\s*)");
    const std::wstring w = widePrefix(text, 80);
    std::wsmatch m;
    if (std::regex_search(w, m, fused) || std::regex_search(w, m, bare)) {
        model::Author a{trimWeb(narrow(m[2])), narrow(m[1]), {}};
        text = trimWeb(text.substr(narrow(w.substr(0, static_cast<size_t>(m.length(0)))).size()));
        return a;
    }
    return std::nullopt;
}

void joinWrapped(std::string& para, const std::string& next) {
    if (para.empty()) {
        para = next;
        return;
    }
    if (next.empty()) return;
    const char32_t a = lastChar(para), b = firstChar(next);
    const bool noSpace = isCjk(a) || isCjk(b);
    if (!noSpace) para += ' ';
    para += next;
}

std::string bioText(const std::string& para) {
    // "（作者系…）": the note without the brackets it stands in.
    for (auto [open, close] : {std::pair<const char*, const char*>{"（", "）"}, {"(", ")"}}) {
        const std::string o = open, c = close;
        if (para.size() > o.size() + c.size() && para.rfind(o, 0) == 0 && para.compare(para.size() - c.size(), c.size(), c) == 0 &&
            para.find(c) == para.size() - c.size())
            return trimWeb(para.substr(o.size(), para.size() - o.size() - c.size()));
    }
    return para;
}

bool isBioLine(const std::string& para, const std::vector<model::Author>& authors) {
    static const std::wregex en(LR"(^(the author|the writer|the authors)\s{1,3}(is|was|are|were|has|serves)\b)",
                                std::regex::ECMAScript | std::regex::icase);
    static const std::wregex zh(LR"(^[（(]?\s*(作者系|作者为|作者為|作者是|作者简介|作者簡介|本文作者))");
    const std::wstring head = widePrefix(para, 40);
    if (std::regex_search(head, en) || std::regex_search(head, zh)) return true;
    // "Name is a senior fellow ..." or the archive's "Name, Deputy Director, ..." note.
    for (const auto& a : authors)
        if (!a.name.empty() && (para.rfind(a.name + " is ", 0) == 0 || para.rfind(a.name + ", ", 0) == 0 ||
                                para.rfind(a.name + "，", 0) == 0) &&
            para.size() < 600)
            return true;
    return false;
}

std::string escapeMarkdown(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 8);
    size_t urlEnd = 0;  // inside a URL (an autolink): '_' and '*' stay, or they would join the URL
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i >= urlEnd && (text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0 ||
                            text.compare(i, 4, "www.") == 0)) {
            urlEnd = text.find_first_of(" \t\n<", i);
            if (urlEnd == std::string::npos) urlEnd = text.size();
            if (urlEnd < text.size() && text[urlEnd] == '<') urlEnd = i;  // not a clean autolink: escaped as text
        }
        const bool inUrl = i < urlEnd;
        bool escape = c == '\\' || c == '`' || c == '<' || c == '~' || (!inUrl && (c == '*' || c == '_' || c == '[' || c == ']'));
        if (c == '!' && i + 1 < text.size() && text[i + 1] == '[') escape = true;
        if (escape) out += '\\';
        out += c;
    }
    return escapeEntities(out);  // '&' only where it would read as an entity (&amp; &#169;)
}

std::string escapeEntities(const std::string& md) {
    std::string out;
    out.reserve(md.size());
    for (size_t i = 0; i < md.size(); ++i) {
        size_t slashes = 0;  // an odd run of backslashes before it escapes it already
        while (slashes < i && md[i - 1 - slashes] == '\\') ++slashes;
        if (md[i] == '&' && slashes % 2 == 0) {
            size_t k = i + 1;
            while (k < md.size() && k - i <= 32 && (std::isalnum(static_cast<unsigned char>(md[k])) || md[k] == '#')) ++k;
            if (k > i + 1 && k < md.size() && md[k] == ';') out += '\\';
        }
        out += md[i];
    }
    return out;
}

std::string escapeLineStart(const std::string& md) {
    if (md.empty()) return md;
    const char c = md[0];
    auto blank = [&](size_t k) { return k >= md.size() || md[k] == ' ' || md[k] == '\t'; };
    // Headings, quotes, fences, tables, setext underlines, thematic breaks, list bullets.
    // A thematic break: three or more of one of - * _ and nothing else but spaces.
    const bool rule = (c == '-' || c == '*' || c == '_') && md.find_first_not_of(std::string(1, c) + " \t") == std::string::npos &&
                      std::count(md.begin(), md.end(), c) >= 3;
    if (c == '#' || c == '>' || c == '|' || c == '=' || md.rfind(":::", 0) == 0 || md.rfind("~~~", 0) == 0 ||
        md.rfind("```", 0) == 0 || rule || ((c == '-' || c == '+' || c == '*') && blank(1)))
        return "\\" + md;
    // Ordered list markers: 1. and 1) (up to nine digits).
    size_t d = 0;
    while (d < md.size() && d < 10 && md[d] >= '0' && md[d] <= '9') ++d;
    if (d > 0 && d < 10 && d < md.size() && (md[d] == '.' || md[d] == ')') && blank(d + 1))
        return md.substr(0, d) + "\\" + md.substr(d);
    return md;
}

std::string sectionFromBreadcrumb(const std::string& t) {
    if (t.size() > 300) return {};
    static const std::wregex sep(LR"(\s*(>|›|»|＞|/|\|)\s*)");
    const std::wstring w = wide(t);
    std::vector<std::string> parts;
    std::wsregex_token_iterator it(w.begin(), w.end(), sep, -1), end;
    for (; it != end; ++it)
        if (!trimWeb(narrow(*it)).empty()) parts.push_back(trimWeb(narrow(*it)));
    while (!parts.empty() && (parts.back() == "正文" || parts.back() == "內文" || parts.back() == "内文")) parts.pop_back();
    return parts.size() >= 2 && displayWidth(parts.back()) <= 40 ? parts.back() : std::string();
}

bool paragraphLike(const std::string& t, bool indented) {
    // Chinese pages indent paragraphs (with ideographic spaces); their header lines are not.
    if (isCjkText(t)) return hanCount(t) >= 40 || (hanCount(t) >= 20 && endsWithStop(t)) || (indented && hanCount(t) >= 10);
    return displayWidth(t) >= 100 || (displayWidth(t) >= 60 && endsWithStop(t));
}

ImportedArticle extractFromLines(const std::string& path, const std::vector<SourceLine>& lines, DiagnosticSink& sink) {
    ImportedArticle a;
    std::vector<char> dropped(lines.size(), 0);
    auto drop = [&](size_t i, const std::string& why) {
        if (dropped[i]) return;
        dropped[i] = 1;
        if (!lines[i].text.empty()) a.removed.push_back(Removed{lines[i].no, lines[i].text, why});
    };

    // 1. Chrome, related lists (the heading and the short items after it), breadcrumbs' section.
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& t = lines[i].text;
        if (t.empty() || dropped[i]) continue;
        if (isRelatedHeading(t)) {
            drop(i, "related list");
            for (size_t j = i + 1; j < lines.size(); ++j) {
                const std::string& u = lines[j].text;
                if (u.empty()) continue;
                const bool item = displayWidth(u) <= 90 || !chromeReason(u).empty();
                if (!item) break;
                drop(j, chromeReason(u).empty() ? "related list" : chromeReason(u));
            }
            continue;
        }
        const std::string why = chromeReason(t);
        if (why.empty()) continue;
        // 首页 > 国际 > 正文: the last item before the article itself is its section.
        if (why == "breadcrumbs" && a.section.empty()) a.section = sectionFromBreadcrumb(t);
        drop(i, why);
    }

    // 2. The header: lines before the first paragraph-like line.
    auto isParagraphLike = [&](const SourceLine& l) { return paragraphLike(l.text, l.indented); };
    size_t bodyStart = lines.size();
    for (size_t i = 0; i < lines.size(); ++i) {
        if (dropped[i] || lines[i].text.empty()) continue;
        std::string probe = lines[i].text;
        const bool fused = takeFusedByline(probe).has_value() && !probe.empty();
        if (fused || (isParagraphLike(lines[i]) && parseByline(lines[i].text).empty() &&
                      !(displayWidth(lines[i].text) < 80 && findDate(lines[i].text)))) {
            bodyStart = i;
            break;
        }
    }
    std::vector<size_t> candidates;  // title / section lines
    for (size_t i = 0; i < bodyStart; ++i) {
        if (dropped[i] || lines[i].text.empty()) continue;
        const std::string& t = lines[i].text;
        // A date line, possibly with the source and the author ("2014年12月03日 09:15 来源：X 作者：Y").
        if (auto d = displayWidth(t) < 90 ? findDate(t) : std::nullopt) {
            if (!a.date) a.date = d;
            for (auto& au : parseByline(t)) a.authors.push_back(au);
            static const std::regex authorField(R"((作者|记者|記者)\s*[:：])");
            if (!std::regex_search(t, authorField)) {
                // The date line's other parts ("来源：X") are not text: listed as removed.
            }
            a.removed.push_back(Removed{lines[i].no, t, "date line (read as the date)"});
            dropped[i] = 1;
            continue;
        }
        auto byline = parseByline(t);
        if (!byline.empty()) {
            a.removed.push_back(Removed{lines[i].no, t, "byline (read as the authors)"});
            dropped[i] = 1;
            // The position on the next non-blank line when it is indented or the byline was a bullet.
            size_t j = i + 1;
            while (j < bodyStart && lines[j].text.empty()) ++j;
            static const std::regex bullet(R"(^(•|·|●|▪|■))");
            if (byline.size() == 1 && j < bodyStart && !dropped[j] && std::regex_search(t, bullet) &&
                parseByline(lines[j].text).empty() && !(displayWidth(lines[j].text) < 90 && findDate(lines[j].text))) {
                splitPosition(lines[j].text, byline[0]);
                a.removed.push_back(Removed{lines[j].no, lines[j].text, "byline (read as the position)"});
                dropped[j] = 1;
            }
            for (auto& au : byline) a.authors.push_back(au);
            continue;
        }
        // A label such as "OPINION:" or "ANALYSIS" over the text is the section, not the title.
        static const std::wregex kicker(LR"(^([A-Z][A-Z &'-]{2,30}\s*[:：]|(社论|社論|评论|評論|观点|觀點|专栏|專欄)\s*[:：]?)$)");
        if (a.section.empty() && std::regex_search(wide(t), kicker)) {
            std::string label = t;
            while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
            if (label.size() >= 3 && label.substr(label.size() - 3) == "：") label.erase(label.size() - 3);
            // "OPINION" -> "Opinion"
            bool caps = true;
            for (char c : label)
                if (c >= 'a' && c <= 'z') caps = false;
            if (caps)
                for (size_t k = 1; k < label.size(); ++k)
                    if (label[k - 1] != ' ' && label[k] >= 'A' && label[k] <= 'Z') label[k] = static_cast<char>(label[k] - 'A' + 'a');
            a.section = label;
            a.removed.push_back(Removed{lines[i].no, t, "section label (read as the section)"});
            dropped[i] = 1;
            continue;
        }
        candidates.push_back(i);
    }
    if (candidates.empty()) {
        sink.warn(path, {}, "no title found; the first paragraph's start is used");
    } else {
        // The title is the last header line (a section label or kicker comes before it).
        size_t titleAt = candidates.back();
        if (candidates.size() >= 2 && a.section.empty()) {
            const size_t s = candidates[candidates.size() - 2];
            if (displayWidth(lines[s].text) <= 40) a.section = lines[s].text;
        }
        if (candidates.size() > 2)
            sink.warn(path, {lines[titleAt].no, 1},
                      "more than one title candidate before the text; took \"" + lines[titleAt].text + "\"");
        a.title = lines[titleAt].text;
        for (size_t c : candidates) {
            if (lines[c].text == a.title) continue;
            if (lines[c].text == a.section) a.removed.push_back(Removed{lines[c].no, lines[c].text, "section label (read as the section)"});
            else a.removed.push_back(Removed{lines[c].no, lines[c].text, "header line (not the title)"});
        }
    }

    // 3. Body paragraphs: blank lines and indented lines start paragraphs; other lines are hard
    // wraps and are joined. A page with no blank lines between its paragraphs has one per line,
    // unless a line runs to the wrap width.
    bool blankSeparated = false;
    size_t maxWidth = 0;
    for (size_t i = bodyStart; i + 1 < lines.size(); ++i) {
        if (!dropped[i] && !lines[i].text.empty() && lines[i + 1].text.empty()) blankSeparated = true;
        if (!dropped[i]) maxWidth = std::max(maxWidth, displayWidth(lines[i].text));
    }
    struct Para {
        std::string text;
        int line = 0;
        int sourceLines = 0;
    };
    std::vector<Para> paras;
    bool open = false;
    size_t prevWidth = 0;
    for (size_t i = bodyStart; i < lines.size(); ++i) {
        if (dropped[i]) {
            open = false;  // chrome between two pieces ends the paragraph
            continue;
        }
        const SourceLine& l = lines[i];
        if (l.text.empty() || l.hardBreak) {
            if (!l.text.empty()) {
                paras.push_back(Para{l.text, l.no, 1});
            }
            open = false;
            continue;
        }
        const bool continues = open && !l.indented && (blankSeparated || prevWidth * 10 >= maxWidth * 9);
        if (continues) {
            joinWrapped(paras.back().text, l.text);
            ++paras.back().sourceLines;
        } else {
            paras.push_back(Para{l.text, l.no, 1});
        }
        open = true;
        prevWidth = displayWidth(l.text);
    }
    // A byline fused to the first paragraph (Taiwanese news: "〔記者X／台北報導〕...").
    if (!paras.empty()) {
        if (auto au = takeFusedByline(paras.front().text)) {
            a.authors.push_back(*au);
            a.removed.push_back(Removed{paras.front().line, "〔" + au->position + au->name + "〕", "byline (read as the authors)"});
            if (paras.front().text.empty()) paras.erase(paras.begin());
        }
    }
    // A title fused to the text, as news feeds store it ("…今日举行本报华盛顿7月26日电（记者X）…"):
    // the words before a news agency's dateline, when short and without a full stop.
    if (a.title.empty() && !paras.empty()) {
        static const std::wregex dateline(
            LR"((本报|本報|中新网|中新網|中新社|新华网|新華網|新华社|新華社|人民网|人民網|央视网|央視網|中央社|法新社|路透社|美联社|美聯社)\S{0,10}?\d{1,2}月\d{1,2}日(电|電|讯|訊)|本报讯|本報訊|本报记者|本報記者)");
        const std::wstring w = widePrefix(paras.front().text, 80);
        std::wsmatch m;
        if (std::regex_search(w, m, dateline) && m.position(0) >= 4 && m.position(0) <= 40) {
            const std::wstring head = w.substr(0, static_cast<size_t>(m.position(0)));
            if (head.find(L'。') == std::wstring::npos && head.find(L'，') == std::wstring::npos) {
                a.title = trimWeb(narrow(head));
                paras.front().text = trimWeb(paras.front().text.substr(narrow(head).size()));
                a.removed.push_back(Removed{paras.front().line, a.title, "title fused to the text (read as the title)"});
            }
        }
        // The reporter named in the dateline: "（记者温宪）", "本报记者 曹元".
        static const std::wregex reporter(LR"(^[^。]{0,40}?(（|\()(记者|記者)\s*([^）)\s]{2,4}(?:\s+[^）)\s]{2,4})*)(）|\))|^[^。]{0,30}?(本报记者|本報記者)\s+(\S{2,3}))");
        const std::wstring body = widePrefix(paras.front().text, 80);
        if (a.authors.empty() && std::regex_search(body, m, reporter)) {
            std::wstring names = m[3].matched ? m[3].str() : m[6].str();
            // "本报记者 曹元近日…": a third character that starts a time word or verb is not the name's.
            if (!m[3].matched && names.size() == 3) {
                const std::wstring rest = body.substr(static_cast<size_t>(m.position(6)) + 2, 2);
                for (const wchar_t* w : {L"近日", L"日前", L"昨日", L"今日", L"昨天", L"今天", L"前日", L"表示", L"报道", L"日电"})
                    if (rest == w) names.resize(2);
            }
            std::wstringstream ss(names);
            for (std::wstring n; ss >> n;) a.authors.push_back(model::Author{narrow(n), "记者", {}});
        }
    }
    if (a.title.empty() && !paras.empty()) {
        // No title on the page: its first sentence when short, else its first 40 characters.
        const std::u32string u = toU32(paras.front().text);
        static const std::u32string stops = U"。！？.!?";
        size_t end = u.size();
        for (size_t k = 0; k < u.size(); ++k)
            if (stops.find(u[k]) != std::u32string::npos && (u[k] > 127 || k + 1 == u.size() || u[k + 1] == ' ')) {
                end = u[k] > 127 ? k : k;
                break;
            }
        std::string t;
        if (end <= 50) {
            for (size_t k = 0; k < end; ++k) appendUtf8(t, u[k]);
        } else {
            for (size_t k = 0; k < 40; ++k) appendUtf8(t, u[k]);
            t += "…";
        }
        a.title = trimWeb(t);
    }

    // A labelled standfirst among the first paragraphs ("摘要：", "Summary:") is the summary.
    for (size_t k = 0; k < paras.size() && k < 3 && a.summary.empty(); ++k) {
        static const std::wregex label(LR"(^[【\[]?(摘要|内容提要|內容提要|提要|导读|導讀|导语|導語|summary|abstract|in brief|key points)[】\]]?\s*[:：]\s*)",
                                       std::regex::ECMAScript | std::regex::icase);
        const std::wstring w = widePrefix(paras[k].text, 30);
        std::wsmatch m;
        if (std::regex_search(w, m, label) && static_cast<size_t>(m.length(0)) < w.size()) {
            a.summary = trimWeb(paras[k].text.substr(narrow(w.substr(0, static_cast<size_t>(m.length(0)))).size()));
            a.removed.push_back(Removed{paras[k].line, paras[k].text, "standfirst (read as the summary)"});
            paras.erase(paras.begin() + static_cast<std::ptrdiff_t>(k));
            break;
        }
    }

    // 4. Language, bio, subheadings.
    std::string all;
    for (const auto& p : paras) all += p.text;
    a.lang = detectLanguage(all.empty() ? a.title : all);
    const bool chinese = a.lang != "en";
    while (!paras.empty() && isBioLine(paras.back().text, a.authors)) {
        a.bio = a.bio.empty() ? bioText(paras.back().text) : bioText(paras.back().text) + "\n" + a.bio;
        paras.pop_back();
    }
    for (size_t k = 0; k < paras.size(); ++k) {
        Block b;
        b.text = paras[k].text;
        b.line = paras[k].line;
        const bool between = k + 1 < paras.size();
        if (paras[k].sourceLines == 1 && between && looksLikeSubheading(paras[k].text, chinese)) b.kind = Block::Heading;
        a.body.push_back(std::move(b));
    }
    if (!a.date) sink.warn(path, {}, "no date found; the article has none (add `date:` to the front matter)");
    if (a.authors.empty()) sink.warn(path, {}, "no author found; the article has none (add `authors:`)");
    std::sort(a.removed.begin(), a.removed.end(), [](const Removed& x, const Removed& y) { return x.line < y.line; });
    return a;
}

}  // namespace inkstone::import
