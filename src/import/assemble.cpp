// assemble (page.h): classified blocks -> ImportedArticle.
// - head (before the body region): date lines, bylines, positions, then the title and section by
//   scoring every remaining candidate (position, markup, agreement with <title>/og:title, shape);
// - body (the region): paragraphs with chrome glued into them cut off, subheadings, quotes, lists;
//   a byline, dateline or title fused to the first paragraph; hard page breaks rejoined;
// - tail (after it): the author's note as the bio; everything else is removed with its reason.
#include <algorithm>
#include <cstring>
#include <regex>
#include <sstream>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/page.h"

namespace inkstone::import {

namespace {

using Tag = PageBlock::Tag;

char32_t lastCharOf(const std::string& s) {
    const std::u32string u = toU32(s);
    return u.empty() ? 0 : u.back();
}
char32_t firstCharOf(const std::string& s) {
    size_t i = 0;
    return s.empty() ? 0 : decodeUtf8(s, i);
}

bool isCjkText(const Features& f) { return f.han * 2 > f.chars; }

// "Title | Site" / "Title - Site": the title alone.
std::string withoutSiteName(const std::string& t) {
    for (const char* sep : {" | ", " – ", " — ", " - ", "｜", "_", " :: "}) {
        const size_t at = t.rfind(sep);
        if (at != std::string::npos && at > 10) return trimWeb(t.substr(0, at));
    }
    return t;
}

// Text without spaces and punctuation, for comparing a candidate with <title>.
std::u32string squeeze(const std::string& s) {
    std::u32string out;
    for (char32_t c : toU32(s))
        if (isCjk(c) || (c < 128 && std::isalnum(static_cast<int>(c))) || (c >= 0xC0 && c < 0x2000 && c != 0xA0))
            out += (c < 128 ? static_cast<char32_t>(std::tolower(static_cast<int>(c))) : c);
    return out;
}

// How well `candidate` agrees with the page's <title>/og:title: 1 when one holds the other and they
// are of similar length, 0 when neither holds the other.
double titleAgreement(const std::string& candidate, const std::string& pageTitle) {
    const std::u32string a = squeeze(candidate), b = squeeze(pageTitle);
    if (a.size() < 4 || b.size() < 4) return 0;
    if (b.find(a) == std::u32string::npos && a.find(b) == std::u32string::npos) return 0;
    return static_cast<double>(std::min(a.size(), b.size())) / static_cast<double>(std::max(a.size(), b.size()));
}

// "OPINION:", "ANALYSIS", "社论": a kicker label over the text.
std::string kickerLabel(const std::string& t) {
    static const std::wregex kicker(LR"(^([A-Z][A-Z &'-]{2,30}\s*[:：]|(社论|社論|评论|評論|观点|觀點|专栏|專欄)\s*[:：]?)$)");
    if (t.size() > 100 || !std::regex_search(wide(t), kicker)) return {};
    std::string label = t;
    while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
    if (label.size() >= 3 && label.substr(label.size() - 3) == "：") label.erase(label.size() - 3);
    bool caps = true;
    for (char c : label)
        if (c >= 'a' && c <= 'z') caps = false;
    if (caps)
        for (size_t k = 1; k < label.size(); ++k)
            if (label[k - 1] != ' ' && label[k] >= 'A' && label[k] <= 'Z') label[k] = static_cast<char>(label[k] - 'A' + 'a');
    return label;
}

// "國際｜2025/06/02 14:35", "Politics | 3 March 2024": a single label before a date.
std::string labelBeforeDate(const std::string& t) {
    if (t.size() > 200) return {};
    static const std::wregex re(LR"(^([^\s｜|/·•>]{1,12})\s*[｜|·•]\s*\S.*$)");
    std::wsmatch m;
    const std::wstring w = wide(t);
    if (!std::regex_match(w, m, re)) return {};
    const std::string label = narrow(m[1]);
    const std::string rest = narrow(m.suffix().str().empty() ? std::wstring(m[0].second, w.end()) : m.suffix().str());
    if (findDate(label)) return {};
    if (!findDate(t.substr(narrow(m[1]).size()))) return {};
    return label;
}

bool isSectionLabel(const PageBlock& b, const Features& f) {
    if (f.endsWithStop || f.navShape >= 0.5 || f.hasDate || f.byline || f.namePosition) return false;
    static const std::vector<std::string> ui = {"More", "Menu", "Share", "Home", "Search", "Notes", "Subscribe", "Sign in", "Log in",
                                                "Email", "Print", "Comments", "Follow", "All news", "News", "Latest", "Top"};
    if (std::find(ui.begin(), ui.end(), b.text) != ui.end()) return false;  // a site's buttons and generic menus
    const size_t digits = static_cast<size_t>(std::count_if(b.text.begin(), b.text.end(), [](char c) { return c >= '0' && c <= '9'; }));
    if (digits * 4 > f.chars) return false;  // "2023年第12期": an issue, not a section
    if (isCjkText(f)) return f.chars <= 10;
    return f.chars <= 30 && f.words <= 4 && b.text.find_first_of(",;") == std::string::npos;
}

// A labelled standfirst ("摘要：", "Summary:", "编者按："): the label's length, or 0.
size_t standfirstLabel(const std::string& text) {
    static const std::wregex label(LR"(^[【\[]?(摘要|内容提要|內容提要|提要|导读|導讀|导语|導語|编者按|編者按|summary|abstract|in brief|key points)[】\]]?\s*[:：]\s*)",
                                   std::regex::ECMAScript | std::regex::icase);
    const std::wstring w = [&] {
        std::wstring out;
        size_t i = 0;
        while (i < text.size() && out.size() < 30) out += static_cast<wchar_t>(decodeUtf8(text, i));
        return out;
    }();
    std::wsmatch m;
    if (std::regex_search(w, m, label) && static_cast<size_t>(m.length(0)) < w.size())
        return narrow(w.substr(0, static_cast<size_t>(m.length(0)))).size();
    return 0;
}


struct Para {
    Block::Kind kind = Block::Paragraph;
    std::string text;  // plain (text pages) or Markdown (HTML)
    std::string plain;
    std::string attribution;
    int line = 0;
    int sourceLines = 1;
    size_t block = 0;
    bool markdown = false;  // text already Markdown (HTML)
};

}  // namespace

ImportedArticle assemble(const std::string& path, const SegmentedPage& page, Classification& cls, DiagnosticSink& sink) {
    ImportedArticle a;
    const auto& blocks = page.blocks;
    auto& cb = cls.blocks;
    if (cls.listing > 0)
        failAt(path, {}, "this page lists " + std::to_string(cls.listing) + " articles, not one (import an article's own page)");

    auto remove = [&](size_t i, const std::string& role, const std::string& why = {}) {
        cb[i].role = role;
        cb[i].removed = true;
        const std::string text = blocks[i].text;
        if (!text.empty()) a.removed.push_back(Removed{blocks[i].line, text, why.empty() ? role : why});
    };
    auto meta = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys)
            if (auto it = page.meta.find(k); it != page.meta.end() && !it->second.empty()) return it->second;
        return {};
    };
    const size_t begin = cls.bodyBegin, end = cls.bodyEnd;

    // ---- 1. Chrome anywhere, markup fields anywhere (HTML: <time>, byline and bio elements).
    std::string crumbSection;
    std::vector<std::string> crumbParts;
    std::vector<size_t> titleTags;
    for (size_t i = 0; i < blocks.size(); ++i) {
        const PageBlock& b = blocks[i];
        if (b.tag == Tag::Time && cb[i].cls != Cls::Chrome) {
            if (!a.date && b.date) a.date = b.date;
            remove(i, "date", "date (read as the date)");
        } else if (b.tag == Tag::Byline && cb[i].cls != Cls::Chrome) {
            if (b.authors.empty()) {
                auto names = parseByline(b.text);
                if (names.empty() && toU32(b.text).size() <= 40 && findDate(b.text) == std::nullopt) names.push_back(model::Author{b.text, {}, {}});
                for (auto& n : names) a.authors.push_back(n);
            }
            for (model::Author au : b.authors) {
                // "Senior Fellow, Brackwater Institute": a role that names its institution too.
                if (!au.position.empty() && au.organization.empty()) splitPosition(au.position, au);
                if (au.position.empty() && au.organization.empty()) {
                    // "Jane Roe, Senior Fellow, Institute": the rest of the byline's text.
                    const size_t at = b.text.find(au.name);
                    if (at != std::string::npos) {
                        std::string rest = trimWeb(b.text.substr(at + au.name.size()));
                        while (!rest.empty() && (rest[0] == ',' || rest[0] == ' ')) rest.erase(0, 1);
                        if (!rest.empty() && toU32(rest).size() < 120 && !findDate(rest)) splitPosition(rest, au);
                    }
                }
                // The same author again (a card at the end, after the byline at the top): merged.
                bool merged = false;
                for (auto& x : a.authors)
                    if (x.name == au.name) {
                        if (x.position.empty()) x.position = au.position;
                        if (x.organization.empty()) x.organization = au.organization;
                        merged = true;
                    }
                if (!merged) a.authors.push_back(au);
            }
            if (a.bio.empty() && !b.attribution.empty()) a.bio = b.attribution;
            if (!a.date && cb[i].f.hasDate) a.date = findDate(b.text);
            remove(i, "byline", "byline (read as the authors)");
        } else if (b.tag == Tag::Bio && cb[i].cls != Cls::Chrome) {
            a.bio = b.text;
            remove(i, "bio", "author's note (read as the bio)");
        } else if (b.tag == Tag::Heading && b.hint.find("bio-heading") != std::string::npos) {
            remove(i, "bio heading");
        } else if (b.tag == Tag::Title && cb[i].cls != Cls::Chrome) {
            titleTags.push_back(i);
        } else if (cb[i].cls == Cls::Chrome) {
            if (cb[i].f.lexicon == "breadcrumbs" || cb[i].reason == "breadcrumbs" || cb[i].f.hintChrome.find("crumb") != std::string::npos)
                if (crumbSection.empty()) {
                    crumbSection = sectionFromBreadcrumb(b.text);
                    crumbParts = breadcrumbParts(b.text);
                }
            remove(i, "chrome", cb[i].reason);
        }
    }

    // ---- 2. The head: date lines, bylines and positions, then title and section candidates.
    // Info lines may also open the body region (HTML portals: an unmarked info line in the text).
    struct Candidate {
        size_t i;
        double score = 0;
        std::string why;
    };
    std::vector<Candidate> candidates;
    std::string labelSection, kickerSection;
    size_t firstInfo = SIZE_MAX;  // the first date line or byline
    std::vector<std::pair<size_t, model::Date>> headDates;  // dates in the head, by block
    size_t headEnd = begin;
    for (size_t i = begin; i < end && i < begin + 6; ++i) {  // info lines at the region's start
        if (cb[i].removed) continue;
        if (cb[i].cls == Cls::Body && !cb[i].f.hasDate && !cb[i].f.byline) break;
        if (cb[i].f.hasDate || cb[i].f.byline || cb[i].f.namePosition) headEnd = i + 1;
        else if (cb[i].cls == Cls::Body) break;
    }
    for (size_t i = 0; i < headEnd; ++i) {
        if (cb[i].removed) continue;
        const PageBlock& b = blocks[i];
        const Features& f = cb[i].f;
        if (i >= begin && !(f.hasDate || f.byline || f.namePosition)) continue;
        if (f.hasDate && displayWidth(b.text) < 120) {
            if (auto d = findDate(b.text)) headDates.push_back({i, *d});
            for (auto& au : parseByline(b.text)) a.authors.push_back(au);
            // "Posted: 21/08/2024   By Jane Roe, Communications Officer": the byline after the date.
            if (const size_t by = b.text.find(" By "); by != std::string::npos && a.authors.empty())
                for (auto& au : parseByline(b.text.substr(by + 1))) a.authors.push_back(au);
            if (const std::string l = labelBeforeDate(b.text); !l.empty() && labelSection.empty()) labelSection = l;
            remove(i, "date line", "date line (read as the date)");
            firstInfo = std::min(firstInfo, i);
            continue;
        }
        auto byline = parseByline(b.text);
        if (!byline.empty()) {
            if (displayWidth(b.text) < 200)  // "作者：X 发布时间：2024-11-20"
                if (auto d = findDate(b.text)) headDates.push_back({i, *d});
            remove(i, "byline", "byline (read as the authors)");
            firstInfo = std::min(firstInfo, i);
            // The position on the next line when the byline was a bullet ("• Name" / "Position, Org").
            size_t j = i + 1;
            static const std::regex bullet(R"(^(•|·|●|▪|■))");
            if (byline.size() == 1 && j < headEnd && !cb[j].removed && std::regex_search(b.text, bullet) && !cb[j].f.byline && !cb[j].f.hasDate) {
                splitPosition(blocks[j].text, byline[0]);
                remove(j, "position", "byline (read as the position)");
            }
            for (auto& au : byline) a.authors.push_back(au);
            continue;
        }
        if (f.namePosition) {
            // "顾明远，城市发展研究中心研究员": an author with a position, never the title.
            const std::u32string u = toU32(b.text);
            size_t comma = u.find(U'，');
            if (comma == std::u32string::npos) comma = u.find(U',');
            if (comma == std::u32string::npos) comma = u.find(U'　');
            std::string name, rest;
            for (size_t k = 0; k < u.size(); ++k) appendUtf8(k < comma ? name : rest, u[k]);
            model::Author au{trimWeb(name), {}, {}};
            rest = trimWeb(rest.substr(rest.find_first_not_of(", ") == std::string::npos ? 0 : 0));
            if (rest.rfind("，", 0) == 0) rest = rest.substr(3);
            while (!rest.empty() && (rest[0] == ',' || rest[0] == ' ')) rest.erase(0, 1);
            splitPosition(rest, au);
            bool known = false;
            for (auto& x : a.authors)
                if (x.name == au.name) {
                    if (x.position.empty()) x.position = au.position, x.organization = au.organization;
                    known = true;
                }
            if (!known) a.authors.push_back(au);
            remove(i, "byline", "name and position (read as the author)");
            firstInfo = std::min(firstInfo, i);
            continue;
        }
        if (i >= begin) continue;
        if (auto names = nameList(b.text); !names.empty()) {
            for (auto& n : names) a.authors.push_back(n);
            remove(i, "byline", "a line of names (read as the authors)");
            firstInfo = std::min(firstInfo, i);
            continue;
        }
        // A name alone on its line right over or under the date line ("Wen-Li Hargreaves" /
        // "Mar 27, 2024"): the author.
        {
            const bool dateNext = i + 1 < headEnd && cb[i + 1].f.hasDate && !cb[i + 1].f.byline;
            const bool datePrev = i > 0 && cb[i - 1].role == "date line";
            if (personName(b.text) && (dateNext || datePrev) && a.authors.empty()) {
                a.authors.push_back(model::Author{b.text, {}, {}});
                remove(i, "byline", "a name by the date line (read as the author)");
                firstInfo = std::min(firstInfo, i);
                continue;
            }
        }
        // A name alone on its line, then the position (and the organisation) on the next lines,
        // as reports and author cards set them.
        if (i + 1 < headEnd && personName(b.text) && !cb[i + 1].removed && isPosition(blocks[i + 1].text)) {
            model::Author au{b.text, {}, {}};
            remove(i, "byline", "a name over a position (read as the author)");
            remove(i + 1, "position", "the author's position");
            if (i + 2 < headEnd && !cb[i + 2].removed && institutionLine(blocks[i + 2].text) && !isPosition(blocks[i + 2].text)) {
                au.position = blocks[i + 1].text;  // the organization has its own line
                au.organization = blocks[i + 2].text;
                remove(i + 2, "organization", "the author's organization");
            } else {
                splitPosition(blocks[i + 1].text, au);
            }
            a.authors.push_back(au);
            firstInfo = std::min(firstInfo, i);
            ++i;
            continue;
        }
        if (const std::string k = kickerLabel(b.text); !k.empty() && kickerSection.empty()) {
            kickerSection = k;
            remove(i, "section", "section label (read as the section)");
            continue;
        }
        candidates.push_back(Candidate{i, 0, {}});
    }
    for (size_t t : titleTags)
        if (std::none_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.i == t; })) candidates.push_back(Candidate{t, 0, {}});
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) { return x.i < y.i; });

    // Title: the best-scoring candidate.
    const std::string pageTitle = withoutSiteName(!meta({"og:title"}).empty() ? meta({"og:title"}) : page.titleTag);
    // Info lines: date lines and bylines (read above, or from their elements).
    auto infoRole = [&](size_t k) {
        const std::string& r = cb[k].role;
        return r == "date line" || r == "byline" || r == "position" || r == "organization" || r == "date";
    };
    // What follows a candidate, past the chrome between (a share bar under a headline).
    auto nextKept = [&](size_t k) {
        size_t j = k + 1;
        while (j < blocks.size() && cb[j].removed && !infoRole(j)) ++j;
        return j;
    };
    size_t lastInfo = SIZE_MAX;
    for (size_t k = 0; k < begin; ++k)
        if (infoRole(k)) lastInfo = k;
    // The text's language: a headline is written in it (a bilingual page sets the other
    // language's title under it).
    std::string textSample;
    for (size_t i = begin; i < end && textSample.size() < 4000; ++i)
        if (cb[i].cls == Cls::Body) textSample += blocks[i].text;
    const std::string textLang = textSample.empty() ? std::string() : detectLanguage(textSample);
    std::vector<size_t> keptBefore(begin + 1, 0);  // kept (not removed) blocks before each index
    for (size_t k = 0; k < begin; ++k) keptBefore[k + 1] = keptBefore[k] + (cb[k].removed ? 0 : 1);
    for (auto& c : candidates) {
        const PageBlock& b = blocks[c.i];
        const Features& f = cb[c.i].f;
        std::ostringstream why;
        auto add = [&](double s, const char* reason) {
            c.score += s;
            why << (s >= 0 ? "+" : "") << s << " " << reason << "; ";
        };
        if (b.tag == Tag::Title) add(4, "<h1>");
        if (!pageTitle.empty() || !page.linkedData.headline.empty()) {
            const double agree = std::max({titleAgreement(b.text, pageTitle), titleAgreement(b.text, page.titleTag),
                                           titleAgreement(b.text, page.linkedData.headline)});
            if (agree > 0) add(3 * agree + 1, "agrees with <title>/og:title/JSON-LD headline");
        }
        if (!crumbParts.empty() && titleAgreement(b.text, crumbParts.back()) >= 0.6) add(3, "agrees with the breadcrumb's last item");
        if (!textLang.empty() && (detectLanguage(b.text) == "en") != (textLang == "en")) add(-1.5, "not in the text's language");
        const bool cjk0 = isCjkText(f);
        auto longLine = [&](size_t k) {
            const Features& g = cb[k].f;
            return isCjkText(g) ? g.chars >= 8 : g.words >= 4;
        };
        if (const size_t n = nextKept(c.i); n < blocks.size() && infoRole(n)) add(2, "right over a date line or byline");
        else if (n < blocks.size() && !cb[n].removed && longLine(c.i) && longLine(n) && !f.endsWithStop && !cb[n].f.endsWithStop &&
                 nextKept(n) < blocks.size() && infoRole(nextKept(n)))
            add(2.5, "over its subtitle, over the date line or byline");
        if (cb[c.i].f.repeats >= 2 && (cjk0 ? f.chars >= 6 : f.words >= 3)) add(0.5, "the page repeats it");
        else if (lastInfo != SIZE_MAX && c.i < lastInfo) add(0.5, "before the date line or byline");
        if (f.navShape >= 0.5) add(-6, "menu shape");
        if (f.namePosition) add(-6, "name and position");
        if (f.endsWithStop && lastCharOf(b.text) != U'？' && lastCharOf(b.text) != '?' && lastCharOf(b.text) != U'！' && lastCharOf(b.text) != '!')
            add(-2, "ends with a full stop");
        const bool cjk = isCjkText(f);
        if ((cjk && f.chars >= 5 && f.chars <= 50) || (!cjk && f.words >= 3 && f.chars <= 160)) add(1, "title length");
        if ((cjk && f.chars <= 4) || (!cjk && f.words <= 2)) add(-2, "too short for a title (a label)");
        if (cb[c.i].cls == Cls::Body) add(-3, "running text");
        if (b.piece) add(-2, "a piece of a longer line");
        if (page.html && !b.inMain && page.mainIsSemantic && b.tag != Tag::Title) add(-1, "outside the article element");
        if (b.ownClass.find("title") != std::string::npos || b.ownClass.find("headline") != std::string::npos) add(1.5, "title class");
        // Nearer the text is likelier (a site name or a label comes first).
        // Blocks between it and the text that are not chrome or info (counted once, below).
        const double distance = static_cast<double>(keptBefore[begin] - keptBefore[std::min(c.i + 1, begin)]);
        add(-0.1 * std::min(distance, 20.0), "distance from the text");
        c.why = why.str();
    }
    size_t titleAt = SIZE_MAX;
    double best = -1e9;
    for (const auto& c : candidates)
        if (c.score >= best) {  // ties go to the later (nearer the text)
            best = c.score;
            titleAt = c.i;
        }
    if (!page.recordTitle.empty()) {
        a.title = page.recordTitle;
    } else if (titleAt != SIZE_MAX && best > -3) {
        a.title = blocks[titleAt].text;
        // "Title [复制链接]", "Title [Print]": a button's label in brackets after the title.
        if (a.title.size() > 2 && a.title.back() == ']') {
            const size_t open = a.title.rfind(" [");
            if (open != std::string::npos && open > 0 && toU32(a.title.substr(open + 2)).size() <= 9) a.title = trimWeb(a.title.substr(0, open));
        }
        cb[titleAt].role = "title";
        cb[titleAt].removed = true;
        cb[titleAt].reason += " [title score " + std::to_string(best).substr(0, 5) + ": " +
                              std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.i == titleAt; })->why + "]";
    } else if (page.html && (!pageTitle.empty() || !page.linkedData.headline.empty())) {
        a.title = !page.linkedData.headline.empty() ? page.linkedData.headline : pageTitle;
        sink.warn(path, {}, "no headline in the page's text; the title is taken from the page's title tags");
    }
    // The date: the first date line after the title (a site's banner with today's date, or an
    // issue's date, may stand before it), else the last one before it.
    if (!a.date && !headDates.empty()) {
        const size_t t = titleAt == SIZE_MAX ? 0 : titleAt;
        for (const auto& [at, d] : headDates)
            if (at > t) {
                a.date = d;
                break;
            }
        if (!a.date) a.date = headDates.back().second;
    }
    // Section: a single short label, never a line of many labels. In order: a kicker label
    // ("OPINION:"), a label the markup calls a kicker or category near the title (what the reader
    // sees), the page's meta or JSON-LD section, the breadcrumb, a label before the date
    // ("國際｜2025/06/02 14:35"), the short line right over the title, a linked label over it.
    static const std::regex kickerRe(R"((^|[\s_-])(kicker|section|category|cat|cat-links|eyebrow|overline|channel|rubric|rel-category|view_section|section-label|tag-label)([\s_-]|$))");
    auto publisherName = [&](size_t at) {
        // A label the page repeats inside other lines ("江城晚报" in "江城晚报记者…", "…官方账号") is
        // the publisher's name, not a section.
        int inOthers = 0;
        for (size_t k = 0; k < blocks.size() && inOthers < 2; ++k)
            if (k != at && cb[k].cls != Cls::Chrome && blocks[k].text.size() > blocks[at].text.size() &&
                blocks[k].text.find(blocks[at].text) != std::string::npos)
                ++inOthers;
        return inOthers >= 2;
    };
    auto label = [&](size_t k) { return isSectionLabel(blocks[k], cb[k].f) && cb[k].f.lexicon.empty() && cb[k].f.navShape == 0 && !publisherName(k); };
    std::string section = kickerSection;
    size_t sectionAt = SIZE_MAX;
    if (section.empty() && titleAt != SIZE_MAX)
        for (size_t back = 1; back <= 4 && back <= titleAt; ++back) {
            const size_t k = titleAt - back;
            if (blocks[k].ownClass.size() < 400 && std::regex_search(blocks[k].ownClass, kickerRe) && label(k) && cb[k].role.empty()) {
                section = blocks[k].text;
                sectionAt = k;
                break;
            }
        }
    if (section.empty()) section = meta({"article:section"});
    if (section.empty() && page.linkedData.section.size() < 60) section = page.linkedData.section;
    // A breadcrumb's last item names the section more surely than a label over the title (which
    // may name the kind of piece: "Research report", "Analysis").
    if (section.empty() && !crumbSection.empty() && titleAgreement(crumbSection, a.title) < 0.5) section = crumbSection;
    if (section.empty() && crumbParts.size() >= 3 && titleAgreement(crumbParts.back(), a.title) >= 0.5 &&
        displayWidth(crumbParts[crumbParts.size() - 2]) <= 30)
        section = crumbParts[crumbParts.size() - 2];  // 首页 > 论坛 > 城市交通 > (the title)
    if (section.empty()) section = labelSection;
    if (section.empty() && titleAt != SIZE_MAX) {
        for (const auto& c : candidates) {
            if (c.i >= titleAt) continue;
            if ((c.i + 1 == titleAt || (c.i + 2 == titleAt && cb[c.i + 1].removed)) && label(c.i)) {
                section = blocks[c.i].text;
                sectionAt = c.i;
            }
        }
    }
    // A single label right over the title that the classifier took for a link or for chrome
    // outside the article's element ("<div class=overline><a href=/housing/>Housing</a>"): the
    // section, as sites link their kicker to the section's page.
    if (section.empty() && titleAt != SIZE_MAX && titleAt > 0) {
        const size_t k = titleAt - 1;
        const bool linkOrOutside = cb[k].f.linkShare >= 0.5 || (page.html && !blocks[k].inMain);
        // ... in the title's own container (a sidebar's last link is no kicker).
        std::string parent = blocks[k].hint;
        if (parent.size() >= 4) {  // "a ; b ; " -> "a ; "
            const size_t cut = parent.rfind(" ; ", parent.size() - 4);
            parent.erase(cut == std::string::npos ? 0 : cut + 3);
        }
        const bool sibling = blocks[titleAt].hint.rfind(parent, 0) == 0;
        if (cb[k].cls == Cls::Chrome && linkOrOutside && sibling && label(k)) {
            section = blocks[k].text;
            sectionAt = k;
        }
    }
    if (sectionAt != SIZE_MAX && cb[sectionAt].removed) {
        cb[sectionAt].role = "section";
        for (auto& r : a.removed)
            if (r.line == blocks[sectionAt].line && r.text == blocks[sectionAt].text) r.why = "section label (read as the section)";
    }
    // "【专题研究】": the label without its brackets.
    for (const auto& [open, close] : {std::pair<const char*, const char*>{"【", "】"}, {"[", "]"}, {"〔", "〕"}, {"［", "］"}})
        if (section.size() > std::strlen(open) + std::strlen(close) && section.rfind(open, 0) == 0 &&
            section.compare(section.size() - std::strlen(close), std::strlen(close), close) == 0)
            section = trimWeb(section.substr(std::strlen(open), section.size() - std::strlen(open) - std::strlen(close)));
    a.section = section;
    // A subtitle: the line right under the title, before the byline, that is a dek by its class,
    // or the title in the page's other language.
    if (titleAt != SIZE_MAX && titleAt + 1 < blocks.size()) {
        const size_t k = titleAt + 1;
        const bool candidate = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.i == k; });
        static const std::regex dekClass(R"((^|[\s_-])(sub|subtitle|subheadline|sub-headline|subhead|dek|deck|standfirst|strapline|subheading)([\s_-]|$))");
        const bool dek = blocks[k].ownClass.size() < 300 && std::regex_search(blocks[k].ownClass, dekClass);
        const bool otherLanguage = (detectLanguage(blocks[k].text) == "en") != (detectLanguage(a.title) == "en");
        if (candidate && !cb[k].removed && k < begin && k != sectionAt && (dek || otherLanguage) && !cb[k].f.endsWithStop) {
            a.subtitle = blocks[k].text;
            cb[k].role = "subtitle";
            cb[k].removed = true;
            a.removed.push_back(Removed{blocks[k].line, blocks[k].text, "subtitle (read as the subtitle)"});
        }
    }
    // A subheading just before the text ("1. Introduction") opens the body.
    size_t firstBody = headEnd > begin ? headEnd : begin;
    if (!candidates.empty()) {
        const size_t last = candidates.back().i;
        bool adjacent = last < begin && last != titleAt && last != sectionAt && cb[last].cls == Cls::Heading && !page.html;
        for (size_t k = last + 1; adjacent && k < begin; ++k)
            if (!cb[k].removed) adjacent = false;
        if (adjacent) {
            firstBody = last;
            cb[last].reason += " (a subheading just before the text)";
        }
    }
    for (const auto& c : candidates) {
        if (cb[c.i].removed || c.i == firstBody) continue;
        if (c.i == sectionAt) remove(c.i, "section", "section label (read as the section)");
        else if (c.i < begin || blocks[c.i].tag == Tag::Title) remove(c.i, "header line", "header line (not the title)");
    }

    // ---- 3. The body region: paragraphs, subheadings, quotes, lists.
    std::vector<Para> paras;
    size_t open = SIZE_MAX;   // the paragraph that broke off mid-sentence at a page break
    bool pageBreak = false;   // chrome (a page number, a running head) came after it
    for (size_t i = firstBody; i < end; ++i) {
        if (cb[i].removed) {
            if (open != SIZE_MAX) pageBreak = true;
            continue;
        }
        const PageBlock& b = blocks[i];
        const Features& f = cb[i].f;
        Para p;
        p.line = b.line;
        p.block = i;
        p.sourceLines = b.sourceLines;
        p.markdown = page.html;
        p.text = page.html ? b.markdown : b.text;
        p.plain = b.text;
        switch (b.tag) {
        case Tag::Heading: p.kind = Block::Heading; break;
        case Tag::PullQuote: p.kind = Block::PullQuote; p.attribution = b.attribution; break;
        case Tag::ListItem: p.kind = Block::ListItem; break;
        case Tag::Quote: p.text = "> " + p.text; break;
        default: break;
        }
        if (p.kind == Block::Paragraph && b.tag != Tag::Quote) {
            // A page break (chrome between two pieces of one sentence): the pieces are one paragraph.
            // A footnote set at the page's foot may stand between the two pieces; it stays after.
            const char32_t first = firstCharOf(b.text);
            if (open != SIZE_MAX && pageBreak && !page.html &&
                ((first < 128 && std::islower(static_cast<int>(first))) || (isCjkText(f) && !b.indented && !b.blankBefore))) {
                Para& into = paras[open];
                into.kind = Block::Paragraph;  // a line that looked like a heading broke off mid-sentence
                // "…double the" + "figure for 2015": a hyphen the wrap added goes, as in the segmenter.
                if (into.text.size() > 2 && into.text.back() == '-' && std::isalpha(static_cast<unsigned char>(into.text[into.text.size() - 2]))) {
                    into.text.pop_back();
                    into.plain.pop_back();
                    into.text += b.text;
                    into.plain += b.text;
                } else {
                    joinWrapped(into.text, b.text);
                    joinWrapped(into.plain, b.text);
                }
                into.sourceLines += b.sourceLines;
                cb[i].role = "body (continued after a page break)";
                if (f.endsWithStop) open = SIZE_MAX;
                pageBreak = false;
                continue;
            }
            if (page.html && b.bold && looksLikeSubheading(b.text, false)) {
                p.kind = Block::Heading;
                p.text = p.text.substr(2, p.text.size() - 4);
            } else if (cb[i].cls == Cls::Heading && (page.html ? b.tag == Tag::Heading : b.sourceLines == 1)) {
                p.kind = Block::Heading;
            } else if (!page.html && cb[i].cls == Cls::Short && b.sourceLines == 1 && f.headingShape && !f.hasDate) {
                p.kind = Block::Heading;
            }
        }
        cb[i].role = p.kind == Block::Heading ? "subheading" : "body";
        const bool footnote = p.kind == Block::Paragraph && open != SIZE_MAX && !b.text.empty() && std::isdigit(static_cast<unsigned char>(b.text[0]));
        if (!footnote) {
            open = (p.kind == Block::Paragraph || (p.kind == Block::Heading && b.tag != Tag::Heading)) && !f.endsWithStop && f.chars >= 30 ? paras.size() : SIZE_MAX;
            pageBreak = false;
        }
        paras.push_back(std::move(p));
    }
    // A subheading needs text after it, and a heading shape alone between text is a heading only
    // when it is no sentence.
    for (size_t k = 0; k < paras.size(); ++k)
        if (paras[k].kind == Block::Heading && !page.html &&
            (k + 1 == paras.size() || paras[k + 1].kind == Block::Heading ||
             (cb[paras[k + 1].block].cls != Cls::Body && toU32(paras[k + 1].plain).size() < 60)))
            paras[k].kind = Block::Paragraph;
    if (!paras.empty() && paras.back().kind == Block::Heading) paras.back().kind = Block::Paragraph;

    // Chrome glued into a paragraph: credits, promotions, icon names, reprint notes.
    for (auto& p : paras) {
        if (p.kind != Block::Paragraph) continue;
        std::string why;
        std::string plain = p.plain;
        const std::string cut = cutInlineChrome(plain, why);
        if (cut.empty()) continue;
        a.removed.push_back(Removed{p.line, cut, why + " (inside a paragraph)"});
        // "（记者 湛卢）" at the end names the reporter.
        if (why == "reporter credit" && a.authors.empty() && cut.size() < 80) {
            std::string names = cut;
            for (const char* junk : {"（", "）", "(", ")", "记者", "記者", "报道", "報道", "：", ":"})
                for (size_t at; (at = names.find(junk)) != std::string::npos;) names.replace(at, std::string(junk).size(), " ");
            std::stringstream ss(names);
            for (std::string n; ss >> n;)
                if (toU32(n).size() >= 2 && toU32(n).size() <= 4) a.authors.push_back(model::Author{n, "记者", {}});
        }
        if (p.markdown) {
            const std::string mdCut = escapeMarkdown(cut);
            const size_t at = p.text.rfind(mdCut);
            if (at != std::string::npos) p.text = trimWeb(p.text.substr(0, at) + p.text.substr(at + mdCut.size()));
            else p.text = escapeMarkdown(plain);
        } else {
            p.text = plain;
        }
        p.plain = plain;
    }
    paras.erase(std::remove_if(paras.begin(), paras.end(), [](const Para& p) { return trimWeb(p.plain).empty() && trimWeb(p.text).empty(); }),
                paras.end());
    // A subheading left last (its text was all chrome) is a paragraph, or the byline it is.
    if (!paras.empty() && paras.back().kind == Block::Heading) {
        if (auto names = parseByline(paras.back().plain); !names.empty() && a.authors.empty()) {
            a.authors = names;
            a.removed.push_back(Removed{paras.back().line, paras.back().plain, "byline at the end (read as the authors)"});
            paras.pop_back();
        } else {
            paras.back().kind = Block::Paragraph;
        }
    }

    // A byline fused to the first paragraph (Taiwanese news: "〔記者X／台北報導〕...").
    if (!paras.empty() && paras.front().kind == Block::Paragraph) {
        for (std::string* s : {&paras.front().text}) {
            if (auto au = takeFusedByline(*s)) {
                a.authors.push_back(*au);
                a.removed.push_back(Removed{paras.front().line, au->position + au->name, "byline (read as the authors)"});
                takeFusedByline(paras.front().plain);
            }
        }
        if (trimWeb(paras.front().text).empty()) paras.erase(paras.begin());
    }
    // A title fused to the text, as news feeds store it ("…今日举行本报华盛顿7月26日电（记者X）…"):
    // the words before a news agency's dateline, when short and without a full stop.
    if (a.title.empty() && !paras.empty() && !paras.front().markdown) {
        static const std::wregex dateline(
            LR"((本报|本報|中新网|中新網|中新社|新华网|新華網|新华社|新華社|人民网|人民網|央视网|央視網|中央社|法新社|路透社|美联社|美聯社|中广网|中廣網)\S{0,10}?\d{1,2}月\d{1,2}日(电|電|讯|訊|消息)|本报讯|本報訊|本报记者|本報記者)");
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
    }
    // The reporter named in a dateline: "（记者温宪）", "本报记者 曹元".
    if (a.authors.empty() && !paras.empty() && !paras.front().markdown) {
        static const std::wregex reporter(
            LR"(^[^。]{0,40}?(（|\()(记者|記者)\s*([^）)\s　]{2,4}(?:[\s　]+[^）)\s　]{2,4})*)(）|\))|^[^。]{0,30}?(本报记者|本報記者)\s+([^\s\d　]{2,3}(?:[ 　][^\s\d　]{2,3}){0,3}))");
        const std::wstring body = widePrefix(paras.front().text, 80);
        std::wsmatch m;
        if (std::regex_search(body, m, reporter)) {
            std::wstring names = m[3].matched ? m[3].str() : m[6].str();
            if (!m[3].matched && names.size() == 3) {
                const std::wstring rest = body.substr(static_cast<size_t>(m.position(6)) + 2, 2);
                for (const wchar_t* w : {L"近日", L"日前", L"昨日", L"今日", L"昨天", L"今天", L"前日", L"表示", L"报道", L"日电"})
                    if (rest == w) names.resize(2);
            }
            for (wchar_t& c : names)
                if (c == L'　') c = L' ';
            std::wstringstream ss(names);
            for (std::wstring n; ss >> n;) a.authors.push_back(model::Author{narrow(n), "记者", {}});
        }
    }
    if (a.title.empty() && !paras.empty()) {
        // No title on the page: its first sentence when short, else its first 40 characters.
        const std::u32string u = toU32(paras.front().plain.empty() ? paras.front().text : paras.front().plain);
        static const std::u32string stops = U"。！？.!?";
        size_t stop = u.size();
        for (size_t k = 0; k < u.size(); ++k)
            if (stops.find(u[k]) != std::u32string::npos && (u[k] > 127 || k + 1 == u.size() || u[k + 1] == ' ')) {
                stop = k;
                break;
            }
        std::string t;
        if (stop <= 50) {
            for (size_t k = 0; k < stop; ++k) appendUtf8(t, u[k]);
        } else {
            for (size_t k = 0; k < 40 && k < u.size(); ++k) appendUtf8(t, u[k]);
            t += "…";
        }
        a.title = trimWeb(t);
        if (!page.html) {
            sink.warn(path, {}, "no title found; the first paragraph's start is used");
        }
    }
    // A labelled standfirst among the first paragraphs is the summary.
    for (size_t k = 0; k < paras.size() && k < 3 && a.summary.empty(); ++k) {
        if (paras[k].kind != Block::Paragraph) continue;
        if (const size_t n = standfirstLabel(paras[k].text)) {
            a.summary = trimWeb(paras[k].text.substr(n));
            a.removed.push_back(Removed{paras[k].line, paras[k].plain, "standfirst (read as the summary)"});
            cb[paras[k].block].role = "summary";
            paras.erase(paras.begin() + static_cast<std::ptrdiff_t>(k));
            break;
        }
    }

    // ---- 4. The tail: the author's note; the rest is removed.
    for (size_t i = end; i < blocks.size(); ++i) {
        if (cb[i].removed) continue;
        const PageBlock& b = blocks[i];
        // The author named at the end ("Reporting by X; Editing by Y", "文字｜X"), when the head had none.
        if (a.authors.empty() && cb[i].f.byline && displayWidth(b.text) < 160) {
            a.authors = parseByline(b.text);
            remove(i, "byline", "byline at the end (read as the authors)");
            continue;
        }
        if (a.bio.empty() && a.authors.empty()) {
            if (auto au = authorFromNote(b.text)) {
                a.authors.push_back(*au);
                a.bio = bioText(b.text.substr(b.text.find(au->name)));
                cb[i].role = "bio";
                cb[i].removed = true;
                a.removed.push_back(Removed{b.line, b.text, "author's note (read as the bio and the author)"});
                continue;
            }
        }
        if (isBioLine(b.text, a.authors) && a.bio.empty()) {
            a.bio = bioText(b.text);
            cb[i].role = "bio";
            cb[i].removed = true;
            a.removed.push_back(Removed{b.line, b.text, "author's note (read as the bio)"});
            continue;
        }
        remove(i, "tail", cb[i].cls == Cls::Body ? "text after the article's main run" : "after the text: " + cb[i].reason);
    }
    for (size_t i = 0; i < begin; ++i)
        if (!cb[i].removed) remove(i, "head", "before the text: " + cb[i].reason);

    // Language, then the bio among the last paragraphs.
    std::string all;
    for (const auto& p : paras) all += p.plain.empty() ? p.text : p.plain;
    a.lang = detectLanguage(all.empty() ? a.title : all);
    if (page.html) {
        std::string tag = page.htmlLang;
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (a.lang == "zh-Hant" && (tag.find("hk") != std::string::npos || tag.find("mo") != std::string::npos)) a.lang = "zh-Hant-HK";
    }
    // The author's note ends the article: what follows it (events, "in case you missed it", a
    // newsletter's footer) is the page's.
    for (size_t k = 3; k + 1 < paras.size(); ++k) {
        if (paras[k].kind != Block::Paragraph || !isBioLine(paras[k].plain, a.authors)) continue;
        for (size_t j = k + 1; j < paras.size(); ++j) {
            a.removed.push_back(Removed{paras[j].line, paras[j].plain, "after the author's note"});
            cb[paras[j].block].role = "after the author's note";
            cb[paras[j].block].removed = true;
        }
        paras.resize(k + 1);
        break;
    }
    // "• Jane Roe, a columnist for The Daily, …" as the last paragraph names the author too.
    if (a.authors.empty() && a.bio.empty() && !paras.empty() && paras.back().kind == Block::Paragraph)
        if (auto au = authorFromNote(paras.back().plain)) {
            a.authors.push_back(*au);
            const std::string& t = paras.back().plain;
            a.bio = bioText(t.substr(t.find(au->name)));
            a.removed.push_back(Removed{paras.back().line, t, "author's note (read as the bio and the author)"});
            cb[paras.back().block].role = "bio";
            paras.pop_back();
        }
    while (!paras.empty() && paras.back().kind == Block::Paragraph && isBioLine(paras.back().plain, a.authors) && (a.bio.empty() || !page.html)) {
        const std::string note = bioText(paras.back().plain);
        a.bio = a.bio.empty() ? note : note + "\n" + a.bio;
        cb[paras.back().block].role = "bio";
        paras.pop_back();
    }
    // An author box's labels around the note: "Published by Jane Roe Jane Roe spent …", "View all
    // posts by Jane Roe".
    if (!a.bio.empty() && a.bio.size() < 4000) {
        static const std::regex lead(R"(^(published|written|posted|posts|articles) by\s+)", std::regex::icase);
        static const std::regex tail(R"(\s*(view|see|read|more) (all )?(posts|articles|stories) (by|from) .{0,60}$)", std::regex::icase);
        std::smatch m;
        if (std::regex_search(a.bio, m, lead))
            for (const auto& au : a.authors)
                if (a.bio.compare(static_cast<size_t>(m.length(0)), au.name.size(), au.name) == 0) {
                    a.bio = trimWeb(a.bio.substr(static_cast<size_t>(m.length(0)) + au.name.size()));
                    break;
                }
        a.bio = std::regex_replace(a.bio, tail, "");
    }
    // Positions the byline did not give, from the author's note.
    if (!a.bio.empty())
        for (auto& au : a.authors)
            if (au.organization.empty() && (a.authors.size() == 1 || a.bio.find(au.name) != std::string::npos)) {
                model::Author fromNote = au;
                if (!positionFromNote(a.bio, fromNote)) continue;
                if (au.position.empty()) au = fromNote;  // "作者系X研究员", "X is a senior fellow at Y"
                else {
                    // The byline's "Senior Fellow" and the note's "senior fellow at the Caldwell
                    // Institute": the note adds the organization.
                    std::string p1 = au.position, p2 = fromNote.position;
                    for (auto* p : {&p1, &p2})
                        for (char& ch : *p) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                    if (p1 == p2) au.organization = fromNote.organization;
                }
            }
    const bool chinese = a.lang != "en";
    for (size_t k = 0; k < paras.size(); ++k) {
        Block blk;
        blk.kind = paras[k].kind;
        blk.text = paras[k].text;
        blk.plain = paras[k].plain;
        blk.attribution = paras[k].attribution;
        blk.line = paras[k].line;
        (void)chinese;
        a.body.push_back(std::move(blk));
    }

    // HTML fields the text did not give.
    if (page.html) {
        if (!a.date)
            for (const char* k : {"article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date", "citation_publication_date"})
                if (!a.date && !meta({k}).empty()) a.date = findDate(meta({k}));
        if (!a.date && !page.linkedData.date.empty()) a.date = findDate(page.linkedData.date);
        // The authors the JSON-LD names, or their positions where the page's byline had none.
        if (a.authors.empty()) a.authors = page.linkedData.authors;
        for (auto& au : a.authors)
            for (const auto& ld : page.linkedData.authors)
                if (ld.name == au.name) {
                    if (au.position.empty()) au.position = ld.position;
                    if (au.organization.empty()) au.organization = ld.organization;
                }
        if (a.summary.empty()) a.summary = meta({"og:description", "description"});
        // The standfirst set both as the summary and as the text's first paragraph: once, as the summary.
        if (!a.summary.empty())
            for (size_t k = 0; k < a.body.size() && k < 3; ++k)
                if (a.body[k].kind == Block::Paragraph && squeeze(a.body[k].plain) == squeeze(a.summary)) {
                    a.removed.push_back(Removed{a.body[k].line, a.body[k].plain, "standfirst (the summary)"});
                    a.body.erase(a.body.begin() + static_cast<std::ptrdiff_t>(k));
                    break;
                }
        if (a.authors.empty()) {
            const std::string au = meta({"author", "article:author"});
            if (!au.empty() && au.rfind("http", 0) != 0)
                for (auto& x : parseByline("By " + au)) a.authors.push_back(x);
        }
    }
    // Every author has a name, and each once (an empty byline element, the same name twice).
    {
        std::vector<model::Author> kept;
        for (auto& au : a.authors) {
            au.name = trimWeb(au.name);
            if (au.name.empty()) continue;
            auto same = std::find_if(kept.begin(), kept.end(), [&](const model::Author& k) { return k.name == au.name; });
            if (same == kept.end()) {
                kept.push_back(au);
            } else {
                if (same->position.empty()) same->position = au.position;
                if (same->organization.empty()) same->organization = au.organization;
            }
        }
        a.authors = std::move(kept);
    }
    if (!a.date) sink.warn(path, {}, "no date found; the article has none (add `date:` to the front matter)");
    if (a.authors.empty()) sink.warn(path, {}, "no author found; the article has none (add `authors:`)");
    std::stable_sort(a.removed.begin(), a.removed.end(), [](const Removed& x, const Removed& y) { return x.line < y.line; });
    return a;
}

}  // namespace inkstone::import
