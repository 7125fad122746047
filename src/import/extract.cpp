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

std::string utf8Prefix(const std::string& s, size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

size_t displayWidth(const std::string& s) {
    size_t w = 0, i = 0;
    while (i < s.size()) w += isCjk(decodeUtf8(s, i)) ? 2 : 1;
    return w;
}

bool isRelatedHeading(const std::string& line) {
    if (line.size() > 200) return false;  // a heading is short (and std::regex recurses per character)
    // Wide: "[:：]" in a byte regex would hold the bytes of "：", not the character.
    static const std::wregex re(
        LR"(^(you (might|may) also like|related( articles| stories| reading| content| posts| coverage)?|read more|more from .{0,40}|recommended( for you| reading)?|more stories|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关文章|相關文章|相关推荐|相關推薦|猜你喜欢|猜你喜歡|推荐阅读|推薦閱讀|热门文章|熱門文章|热门推荐|熱門推薦|看更多|更多新闻|更多新聞|往期推荐|往期推薦|热点推荐|熱點推薦|你可能也想看|你可能也喜欢|你可能也喜歡|你可能感兴趣|你可能感興趣|in case you missed it|don'?t miss|editor'?s picks|most (read|popular|viewed)|trending( now)?|what to read next|further reading|upcoming events|more (news|from us)|熱門文章|热门新闻|熱門新聞|猜你喜歡|为你推荐|為你推薦)\s*[:：]?\s*$)",
        std::regex::ECMAScript | std::regex::icase);
    return std::regex_search(wide(line), re);
}

bool looksLikeSubheading(const std::string& line, bool chinese) {
    if (line.empty() || line.size() > 400) return false;
    static const std::wregex numbered(LR"(^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]\s*\S))");
    const char32_t last = lastChar(line);
    const size_t chars = toU32(line).size();
    if (chars <= 40 && std::regex_search(wide(line), numbered) && last != U'。') return true;
    // "一楼补偿怎么算？": a short question set as a heading.
    if ((chinese || isCjkText(line)) && last == U'？' && chars <= 16 && line.find("，") == std::string::npos && line.find("。") == std::string::npos)
        return true;
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
        R"(\b(Institute|Institution|University|College|Center|Centre|Council|Foundation|Academy|School|Department|Ministry|Bank|Association|Society|Agency|Office|Commission|Program|Programme|Forum|Group|Corporation|Company|Fund|Trust|Organisation|Organization|Network|Initiative|Committee|Bureau|Observatory|Laboratory|Lab|Authority|Service|Parliament|Assembly|Tribunal|Court|Museum|Library|Hospital|Partnership|Alliance|Coalition|Federation|Union|Board|Secretariat)\b|^[A-Z]{2,8}$|(研究院|研究所|大学|大學|学院|學院|中心|协会|協會|基金会|基金會|委员会|委員會|部|局|社|报|報)$)");
    if (comma != std::string::npos && comma > 0) {
        const std::string org = t.substr(comma + 2);
        // An institution by its name's word ("… Institute", "… Observatory").
        if (std::regex_search(org, institution)) {
            a.position = t.substr(0, comma);
            a.organization = org;
            return;
        }
    }
    // "东川区域发展研究中心研究员": an institution, then the position, with no comma between.
    if (t.size() < 200 && toU32(t).size() >= 4) {
        static const std::vector<std::string> positions = {
            "副研究员", "副研究員", "助理研究员", "助理研究員", "研究员", "研究員", "副教授", "助理教授", "教授", "副主任", "主任",
            "副院长", "副院長", "院长", "院長", "副所长", "副所長", "所长", "所長", "讲师", "講師", "博士后", "博士後", "高级分析师",
            "分析师", "分析師", "首席经济学家", "首席經濟學家", "经济学家", "經濟學家", "顾问", "顧問", "秘书长", "秘書長", "主编", "主編",
            "记者", "記者", "学者", "學者", "会长", "會長", "理事长", "理事長", "执行长", "執行長", "董事长", "董事長"};
        static const std::wregex orgEnd(LR"((研究院|研究所|研究中心|中心|大学|大學|学院|學院|协会|協會|基金会|基金會|委员会|委員會|研究会|研究會|智库|智庫|部|局|署|社|报社|報社|公司|银行|銀行|学会|學會|办公室|辦公室|實驗室|实验室|系)$)");
        for (const auto& p : positions) {
            if (t.size() <= p.size() || t.compare(t.size() - p.size(), p.size(), p) != 0) continue;
            std::string org = t.substr(0, t.size() - p.size());
            for (const char* tail : {"的", "之"})
                if (org.size() > 3 && org.compare(org.size() - 3, 3, tail) == 0) org.erase(org.size() - 3);
            if (toU32(org).size() >= 3 && std::regex_search(wide(org), orgEnd)) {
                a.position = p;
                a.organization = org;
                return;
            }
        }
    }
    a.position = t;
}

bool positionFromNote(const std::string& note, model::Author& a) {
    if (note.size() > 2000 || a.name.empty()) return false;
    // English: "Jane Roe is a senior fellow at the Brackwater Institute, where …".
    static const std::regex en(
        R"((?:^|\. )(?:the author|[A-Z][\w.'’ -]{1,60}?) (?:is|was|serves as) (?:a |an |the )?((?:[\w'’-]+ ){0,6}?(?:fellow|professor|director|researcher|analyst|economist|editor|correspondent|lecturer|scholar|adviser|advisor|president|chair|reporter|columnist|writer|officer|associate|scientist|partner|founder|dean|manager)(?: of [a-z][\w ]{2,40}?)?) (?:at|with|for|in) (?:the )?([A-Z][^,.;]{2,100}?)(?:,|\.|;| where | who |$))",
        std::regex::icase);
    std::smatch m;
    const std::string head = utf8Prefix(note, 400);
    if (std::regex_search(head, m, en)) {
        a.position = m[1];
        a.organization = m[2];
        if (head.find("the " + a.organization) != std::string::npos && a.organization.rfind("The ", 0) != 0) {
        }
        return true;
    }
    // Chinese: "作者系X研究中心副研究员", "林郁芳，能源政策博士，現任X基金會研究員，…": the first clause that
    // reads as an institution and a position.
    // A note on several authors ("甲，X研究员；乙，Y讲师"): from this author's name on.
    const size_t named = note.find(a.name);
    const std::wstring w = wide(utf8Prefix(named == std::string::npos ? note : note.substr(named), 600));
    static const std::wregex sep(LR"([，。；、,;（）()])");
    std::wsregex_token_iterator it(w.begin(), w.end(), sep, -1), end;
    for (; it != end; ++it) {
        std::wstring clause = *it;
        for (const std::wstring& lead : {std::wstring(L"作者系"), std::wstring(L"作者为"), std::wstring(L"作者為"), std::wstring(L"作者是"),
                                        std::wstring(L"本文作者"), std::wstring(L"作者"), wide(a.name), std::wstring(L"现任"),
                                        std::wstring(L"現任"), std::wstring(L"系"), std::wstring(L"为"), std::wstring(L"為"), std::wstring(L"是")})
            if (!lead.empty() && clause.rfind(lead, 0) == 0) clause = clause.substr(lead.size());
        model::Author probe;
        splitPosition(narrow(clause), probe);
        if (!probe.organization.empty() && toU32(probe.organization).size() <= 30) {
            a.position = probe.position;
            a.organization = probe.organization;
            return true;
        }
    }
    return false;
}

bool isPosition(const std::string& t) {
    if (t.size() > 200) return false;
    static const std::regex en(
        R"(\b(fellow|professor|director|researcher|analyst|economist|editor|correspondent|lecturer|scholar|adviser|advisor|president|chair|reporter|columnist|writer|manager|head of|dean|minister|ambassador|officer|associate|scientist|partner|founder|staff writer|contributor)\b)",
        std::regex::icase);
    if (std::regex_search(t, en)) return true;
    for (const char* w : {"研究员", "研究員", "教授", "主任", "院长", "院長", "所长", "所長", "学者", "學者", "讲师", "講師", "记者", "記者", "分析师", "分析師", "顾问", "顧問", "编辑", "編輯", "主编", "主編"})
        if (t.find(w) != std::string::npos) return true;
    return false;
}

bool isInstitution(const std::string& t) {
    if (t.size() > 200) return false;
    static const std::regex inst(
        R"(\b(Institute|Institution|University|College|Center|Centre|Council|Foundation|Academy|School|Department|Ministry|Bank|Association|Society|Agency|Office|Commission|Program|Programme|Forum|Group|Corporation|Company|Fund|Trust|Organisation|Organization|Network|Initiative|Committee|Bureau|Times|Post|News|Herald|Journal|Review|Press)\b|(研究院|研究所|大学|大學|学院|學院|中心|协会|協會|基金会|基金會|委员会|委員會|报|報|社)$)");
    return std::regex_search(t, inst);
}

std::vector<model::Author> parseByline(const std::string& raw) {
    std::vector<model::Author> out;
    if (raw.size() > 300) return out;  // a byline is short
    const std::wstring line = wide(trimWeb(raw));
    std::wsmatch m;
    auto names = [&](const std::wstring& list) {
        static const std::wregex sep(LR"(\s*(、|，|,|;|；| and | & |和|與|与)\s*)");
        std::wsregex_token_iterator it(list.begin(), list.end(), sep, -1), end;
        // "By Jane Roe, Maritime Correspondent, The Daily": a piece that names a position or an
        // institution belongs to the name before it.
        for (; it != end; ++it) {
            std::string n = trimWeb(narrow(*it));
            if (n.empty() || n.size() > 60) continue;
            if (!out.empty() && isPosition(n)) {
                if (out.back().position.empty()) out.back().position = n;
                else if (out.back().organization.empty()) out.back().organization = n;
                continue;
            }
            if (!out.empty() && !out.back().position.empty() && out.back().organization.empty() && isInstitution(n)) {
                out.back().organization = n;
                continue;
            }
            out.push_back(model::Author{n, {}, {}});
        }
    };
    static const std::wregex pictureText(LR"(^(?:圖、文|图、文|圖文|图文|文、圖|文、图)\s*[:：]\s*([^\s　]{2,20})$)");
    static const std::wregex bullet(LR"(^[•·●▪■]\s*(.{1,80})$)");
    static const std::wregex by(LR"(^(by|written by|authors?:)\s+(.{1,120})$)", std::regex::ECMAScript | std::regex::icase);
    static const std::wregex zhAuthor(
        LR"((作者|撰文|記者|记者)(?:\s*(?:Author|By|Writer))?\s*[:：]\s*([^\s　\u00A0。，、；！？,;]{1,40}(?:[、，,][^\s　\u00A0。，、；！？,;]{1,40})*))",
        std::regex::ECMAScript | std::regex::icase);
    static const std::wregex zhSlash(
        LR"(^[\[［【(（]?\s*(文|文字|作者|撰文|圖、文|图、文|圖文|图文|文、圖|文、图)\s*[/／∕｜|]\s*([^\]］】)）\s　]{1,40})[\]］】)）]?(?:[\s　]+(?:攝影|摄影|圖|图|編輯|编辑|责编|責編|整理|采访|採訪)\s*[/／∕｜|].{0,40})?$)");
    static const std::wregex reporting(LR"(^(?:additional )?(?:reporting|writing|reported|written) by\s+([^;]{2,80}?)\s*(?:;.*)?$)", std::regex::ECMAScript | std::regex::icase);
    static const std::wregex reporter(LR"(^[〔［\[【(（]?\s*(記者|记者)\s*([^／/∕\s]{2,20}?)\s*[/／∕]\s*(\S{1,12}?)(報導|报道|電|电)[〕］\]】)）]?\s*$)");
    // "江城晚报记者　孙一鸣": the paper, the position and the name.
    static const std::wregex paperReporter(LR"(^([^\s　：:]{2,12}?)(记者|記者|特约记者|特約記者|通讯员|通訊員)[\s　]+([^\s　\d]{2,4})$)");
    if (std::regex_search(line, m, paperReporter)) {
        out.push_back(model::Author{narrow(m[3]), narrow(m[2]), narrow(m[1])});
    } else if (std::regex_search(line, m, reporting)) {
        names(m[1]);
    } else if (std::regex_search(line, m, pictureText)) {
        names(m[1]);
    } else if (std::regex_search(line, m, bullet)) {
        names(m[1]);
    } else if (std::regex_search(line, m, by)) {
        names(m[2]);
    } else if (std::regex_search(line, m, reporter)) {
        out.push_back(model::Author{narrow(m[2]), narrow(m[1]), {}});
    } else if (std::regex_search(line, m, zhSlash)) {
        names(m[2]);
    } else if (std::regex_search(line, m, zhAuthor)) {
        names(m[2]);
        // "作者：陈立群　周晓敏　　发布时间：…": more names after single spaces (two spaces, or a
        // label with a colon, end the list).
        std::wstring rest = m.suffix();
        while (rest.size() >= 3 && (rest[0] == L' ' || rest[0] == L'　') && rest[1] != L' ' && rest[1] != L'　') {
            size_t n = 1;
            while (n < rest.size() && n <= 5 && isHan(static_cast<char32_t>(rest[n]))) ++n;
            const size_t len = n - 1;
            const bool ends = n == rest.size() || rest[n] == L' ' || rest[n] == L'　' || rest[n] == L'、';
            if (len < 2 || len > 4 || !ends) break;
            out.push_back(model::Author{narrow(rest.substr(1, len)), {}, {}});
            rest = rest.substr(n);
        }
        if (m[1] == L"记者" || m[1] == L"記者")
            for (auto& a : out) a.position = narrow(m[1]);
    }
    // "作者：陈立群　周晓敏": names of two to four characters separated by spaces.
    {
        std::vector<model::Author> split;
        for (const auto& a : out) {
            std::vector<std::string> parts;
            std::string cur;
            size_t i = 0;
            while (i < a.name.size()) {
                const size_t at = i;
                const char32_t c = decodeUtf8(a.name, i);
                if (c == ' ' || c == 0x3000 || c == 0xA0) {
                    if (!cur.empty()) parts.push_back(cur);
                    cur.clear();
                } else {
                    cur.append(a.name, at, i - at);
                }
            }
            if (!cur.empty()) parts.push_back(cur);
            const bool names = parts.size() >= 2 && std::all_of(parts.begin(), parts.end(), [](const std::string& p) {
                const std::u32string u = toU32(p);
                return u.size() >= 2 && u.size() <= 4 && std::all_of(u.begin(), u.end(), [](char32_t c) { return isHan(c); });
            });
            if (!names) {
                split.push_back(a);
                continue;
            }
            for (const auto& p : parts) split.push_back(model::Author{p, a.position, a.organization});
        }
        out = split;
    }
    // "周思远（清澜大学全球治理研究院副教授）": the name, with its position in brackets.
    for (auto& a : out) {
        const std::u32string u = toU32(a.name);
        size_t open = u.find(U'（');
        if (open == std::u32string::npos) open = u.find(U'(');
        if (open == std::u32string::npos || open == 0 || (u.back() != U'）' && u.back() != U')')) continue;
        std::string name, inside;
        for (size_t k = 0; k < open; ++k) appendUtf8(name, u[k]);
        for (size_t k = open + 1; k + 1 < u.size(); ++k) appendUtf8(inside, u[k]);
        a.name = trimWeb(name);
        splitPosition(inside, a);
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
                                para.rfind(a.name + "，", 0) == 0 || para.rfind(a.name + " has ", 0) == 0 ||
                                para.rfind(a.name + " was ", 0) == 0 || para.rfind(a.name + " covered ", 0) == 0 ||
                                para.rfind(a.name + " writes ", 0) == 0 || para.rfind(a.name + " teaches ", 0) == 0 ||
                                para.rfind(a.name + " leads ", 0) == 0 || para.rfind(a.name + " works ", 0) == 0) &&
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

std::vector<std::string> breadcrumbParts(const std::string& t) {
    if (t.size() > 300) return {};
    static const std::wregex sep(LR"(\s*(>|›|»|＞|/|\|)\s*)");
    const std::wstring w = wide(t);
    std::vector<std::string> parts;
    std::wsregex_token_iterator it(w.begin(), w.end(), sep, -1), end;
    for (; it != end; ++it)
        if (!trimWeb(narrow(*it)).empty()) parts.push_back(trimWeb(narrow(*it)));
    // "当前位置：首页": the label before the first item.
    if (!parts.empty()) {
        const size_t colon = parts.front().find("：");
        if (colon != std::string::npos) parts.front() = trimWeb(parts.front().substr(colon + 3));
    }
    while (!parts.empty() && (parts.back() == "正文" || parts.back() == "內文" || parts.back() == "内文")) parts.pop_back();
    return parts;
}

std::string sectionFromBreadcrumb(const std::string& t) {
    const auto parts = breadcrumbParts(t);
    return parts.size() >= 2 && displayWidth(parts.back()) <= 40 ? parts.back() : std::string();
}


// "Priya Raman", "Jane Q. Public", "林郁芳": a person's name alone.
bool personName(const std::string& t) {
    if (t.size() > 60) return false;
    static const std::regex latin(R"(^[A-Z][A-Za-z'’-]+(?: [A-Z]\.)?(?: (?:van |von |de |da |al-)?[A-Z][A-Za-z'’-]+){1,2}$)");
    if (std::regex_match(t, latin)) return true;
    const std::u32string u = toU32(t);
    if (u.size() < 2 || u.size() > 4 || !std::all_of(u.begin(), u.end(), [](char32_t c) { return isHan(c); })) return false;
    // A Chinese name starts with a surname: the commonest ones (Simplified and Traditional), which
    // cover most people named in the news; "本期目录" or "港聞" do not.
    static const std::u32string surnames =
        U"王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹井祖漆巴丰支卿国國狄平计計索宣晋晉相初门門云雲容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母裘亓修邰赫杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由";
    static const std::vector<std::u32string> compound = {U"欧阳", U"歐陽", U"司马", U"司馬", U"诸葛", U"諸葛", U"上官", U"东方", U"東方", U"皇甫", U"令狐", U"慕容", U"司徒", U"尉迟", U"尉遲", U"公孙", U"公孫", U"夏侯", U"长孙", U"長孫", U"宇文", U"端木", U"独孤", U"獨孤"};
    for (const auto& c : compound)
        if (u.size() >= 3 && u.compare(0, 2, c) == 0) return true;
    return surnames.find(u[0]) != std::u32string::npos;
}

// "王建华　刘颖①", "Jane Roe and Li Wei": a line that is only names (a footnote mark after one is
// dropped). Empty when it is not.
std::vector<model::Author> nameList(const std::string& t) {
    std::vector<model::Author> out;
    if (t.size() > 120) return out;
    std::u32string u = toU32(t);
    std::vector<std::u32string> parts(1);
    for (char32_t c : u) {
        if (c == ' ' || c == 0x3000 || c == U'、' || c == U'，' || c == ',' || c == 0xA0) {
            if (!parts.back().empty()) parts.emplace_back();
        } else if (!((c >= U'①' && c <= U'⑳') || c == '*' || c == U'＊' || (c >= U'¹' && c <= U'³'))) {
            parts.back() += c;
        }
    }
    if (parts.back().empty()) parts.pop_back();
    if (parts.size() < 2) return out;
    for (const auto& p : parts) {
        std::string name;
        for (char32_t c : p) appendUtf8(name, c);
        if (!personName(name)) return {};
        out.push_back(model::Author{name, {}, {}});
    }
    return out;
}

// A line that names an institution ("Harlow Institute for Regional Policy").
bool institutionLine(const std::string& t) {
    if (t.size() > 200) return false;
    model::Author probe;
    splitPosition("x, " + t, probe);
    return !probe.organization.empty() || isInstitution(t);
}

// "• Jane Roe, a columnist for The Daily, co-hosts…", "Jane Roe is a senior fellow at the X
// Institute.": the author's note names the author, the position and the organization.
std::optional<model::Author> authorFromNote(std::string text) {
    if (text.size() > 1200) return std::nullopt;
    static const std::regex bullet(R"(^(•|·|●|▪|■|\*|—|–)\s*)");
    text = std::regex_replace(text, bullet, "");
    static const std::regex note(
        R"(^([A-Z][A-Za-z'’-]+(?: [A-Z]\.)?(?: [A-Z][A-Za-z'’-]+){1,2})(?:, | is | was )(?:a |an |the )?((?:[a-z-]+ ){0,4}(?:fellow|professor|director|researcher|analyst|economist|editor|correspondent|lecturer|scholar|adviser|advisor|president|chair|reporter|columnist|writer|contributor|partner|founder|member))(?: (?:at|for|of|with) (?:the )?([A-Z][^,.;]{2,80}?)(?=,|\.|;| where | who |$))?)");
    std::smatch m;
    const std::string head = utf8Prefix(text, 300);
    if (!std::regex_search(head, m, note)) return std::nullopt;
    model::Author a{m[1], m[2], m[3].matched ? std::string(m[3]) : std::string()};
    if (!a.organization.empty() && head.find("The " + a.organization) != std::string::npos) a.organization = "The " + a.organization;
    return a;
}

}  // namespace inkstone::import
