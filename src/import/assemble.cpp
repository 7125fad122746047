// assemble (page.h): classified blocks -> ImportedArticle.
// - head (before the body region): date lines, bylines, positions, then the title and section by
//   scoring every remaining candidate (position, markup, agreement with <title>/og:title, shape);
// - body (the region): paragraphs with chrome glued into them cut off, subheadings, quotes, lists;
//   a byline, dateline or title fused to the first paragraph; hard page breaks rejoined;
// - tail (after it): the author's note as the bio; everything else is removed with its reason.
// Its stages are the steps of an Assembly (assemble_state.h): this file reads the markup's fields
// and the head (title, date, section, subtitle); assemble_body.cpp the body, the tail and the rest.
#include <algorithm>
#include <cstring>
#include <regex>
#include <sstream>

#include "base/utf8.h"
#include "import/assemble_state.h"
#include "import/extract.h"

namespace inkstone::import {

namespace assembly {

// Text without spaces and punctuation, for comparing a candidate with <title>.
std::u32string squeeze(const std::string& s) {
    std::u32string out;
    for (char32_t c : toU32(s))
        if (isCjk(c) || (c < 128 && std::isalnum(static_cast<int>(c))) || (c >= 0xC0 && c < 0x2000 && c != 0xA0))
            out += (c < 128 ? static_cast<char32_t>(std::tolower(static_cast<int>(c))) : c);
    return out;
}

namespace {

char32_t lastCharOf(const std::string& s) {
    const std::u32string u = toU32(s);
    return u.empty() ? 0 : u.back();
}

// "Title | Site" / "Title - Site": the title alone.
std::string withoutSiteName(const std::string& t) {
    for (const char* sep : {" | ", " – ", " — ", " - ", "｜", "_", " :: "}) {
        const size_t at = t.rfind(sep);
        if (at != std::string::npos && at > 10) return trimWeb(t.substr(0, at));
    }
    return t;
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

}  // namespace

void Assembly::remove(size_t i, const std::string& role, const std::string& why) {
    cb[i].role = role;
    cb[i].removed = true;
    const std::string text = blocks[i].text;
    if (!text.empty()) a.removed.push_back(Removed{blocks[i].line, text, why.empty() ? role : why});
}

std::string Assembly::meta(std::initializer_list<const char*> keys) const {
    for (const char* k : keys)
        if (auto it = page.meta.find(k); it != page.meta.end() && !it->second.empty()) return it->second;
    return {};
}

// ---- 1. Chrome anywhere, markup fields anywhere (HTML: <time>, byline and bio elements).
void Assembly::markupFields() {
    for (size_t i = 0; i < blocks.size(); ++i) {
        const PageBlock& b = blocks[i];
        if (b.tag == Tag::Time && cb[i].cls != Cls::Chrome) {
            if (!a.date && b.date) a.date = b.date;
            remove(i, "date", "date (read as the date)");
        } else if (b.tag == Tag::Byline && cb[i].cls != Cls::Chrome) {
            bylineElement(i);
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
}

// A byline element: the authors its markup names (or its text), their positions, a card's note.
void Assembly::bylineElement(size_t i) {
    const PageBlock& b = blocks[i];
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
}

// ---- 2. The head: date lines, bylines and positions, then title and section candidates.
// Info lines may also open the body region (HTML portals: an unmarked info line in the text).
void Assembly::readHead() {
    headEnd = begin;
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
            headDateLine(i);
            continue;
        }
        if (headByline(i)) continue;
        if (f.namePosition) {
            namePosition(i);
            continue;
        }
        if (i >= begin) continue;
        if (headNames(i)) continue;
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
}

// A date line in the head: the date, a byline in it, a section label before the date.
void Assembly::headDateLine(size_t i) {
    const PageBlock& b = blocks[i];
    if (auto d = findDate(b.text)) headDates.push_back({i, *d});
    for (auto& au : parseByline(b.text)) a.authors.push_back(au);
    // "Posted: 21/08/2024   By Jane Roe, Communications Officer": the byline after the date.
    if (const size_t by = b.text.find(" By "); by != std::string::npos && a.authors.empty())
        for (auto& au : parseByline(b.text.substr(by + 1))) a.authors.push_back(au);
    if (const std::string l = labelBeforeDate(b.text); !l.empty() && labelSection.empty()) labelSection = l;
    remove(i, "date line", "date line (read as the date)");
}

// A byline in the head (and the position under a bulleted one); false when the line is none.
bool Assembly::headByline(size_t i) {
    const PageBlock& b = blocks[i];
    auto byline = parseByline(b.text);
    if (byline.empty()) return false;
    if (displayWidth(b.text) < 200)  // "作者：X 发布时间：2024-11-20"
        if (auto d = findDate(b.text)) headDates.push_back({i, *d});
    remove(i, "byline", "byline (read as the authors)");
    // The position on the next line when the byline was a bullet ("• Name" / "Position, Org").
    size_t j = i + 1;
    static const std::regex bullet(R"(^(•|·|●|▪|■))");
    if (byline.size() == 1 && j < headEnd && !cb[j].removed && std::regex_search(b.text, bullet) && !cb[j].f.byline && !cb[j].f.hasDate) {
        splitPosition(blocks[j].text, byline[0]);
        remove(j, "position", "byline (read as the position)");
    }
    for (auto& au : byline) a.authors.push_back(au);
    return true;
}

// "顾明远，城市发展研究中心研究员": an author with a position, never the title.
void Assembly::namePosition(size_t i) {
    const PageBlock& b = blocks[i];
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
}

// Names before the body region: a line of names, a name by the date line, a name over a position
// (`i` then moves past the position). False when the line is none of them.
bool Assembly::headNames(size_t& i) {
    const PageBlock& b = blocks[i];
    if (auto names = nameList(b.text); !names.empty()) {
        for (auto& n : names) a.authors.push_back(n);
        remove(i, "byline", "a line of names (read as the authors)");
        return true;
    }
    // A name alone on its line right over or under the date line ("Wen-Li Hargreaves" /
    // "Mar 27, 2024"): the author.
    {
        const bool dateNext = i + 1 < headEnd && cb[i + 1].f.hasDate && !cb[i + 1].f.byline;
        const bool datePrev = i > 0 && cb[i - 1].role == "date line";
        if (personName(b.text) && (dateNext || datePrev) && a.authors.empty()) {
            a.authors.push_back(model::Author{b.text, {}, {}});
            remove(i, "byline", "a name by the date line (read as the author)");
            return true;
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
        ++i;
        return true;
    }
    return false;
}

// Info lines: date lines and bylines (read above, or from their elements).
bool Assembly::infoRole(size_t k) const {
    const std::string& r = cb[k].role;
    return r == "date line" || r == "byline" || r == "position" || r == "organization" || r == "date";
}

// What follows a candidate, past the chrome between (a share bar under a headline).
size_t Assembly::nextKept(size_t k) const {
    size_t j = k + 1;
    while (j < blocks.size() && cb[j].removed && !infoRole(j)) ++j;
    return j;
}

TitleContext Assembly::titleContext() const {
    TitleContext ctx;
    for (size_t k = 0; k < begin; ++k)
        if (infoRole(k)) ctx.lastInfo = k;
    // The text's language: a headline is written in it (a bilingual page sets the other
    // language's title under it).
    std::string textSample;
    for (size_t i = begin; i < end && textSample.size() < 4000; ++i)
        if (cb[i].cls == Cls::Body) textSample += blocks[i].text;
    ctx.textLang = textSample.empty() ? std::string() : detectLanguage(textSample);
    ctx.keptBefore.assign(begin + 1, 0);  // kept (not removed) blocks before each index
    for (size_t k = 0; k < begin; ++k) ctx.keptBefore[k + 1] = ctx.keptBefore[k] + (cb[k].removed ? 0 : 1);
    return ctx;
}

void Assembly::scoreTitle(Candidate& c, const TitleContext& ctx) const {
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
    if (!ctx.textLang.empty() && (detectLanguage(b.text) == "en") != (ctx.textLang == "en"))
        add(-1.5, "not in the text's language");
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
    else if (ctx.lastInfo != SIZE_MAX && c.i < ctx.lastInfo) add(0.5, "before the date line or byline");
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
    const double distance = static_cast<double>(ctx.keptBefore[begin] - ctx.keptBefore[std::min(c.i + 1, begin)]);
    add(-0.1 * std::min(distance, 20.0), "distance from the text");
    c.why = why.str();
}

// Title: the best-scoring candidate.
void Assembly::chooseTitle() {
    pageTitle = withoutSiteName(!meta({"og:title"}).empty() ? meta({"og:title"}) : page.titleTag);
    const TitleContext ctx = titleContext();
    for (auto& c : candidates) scoreTitle(c, ctx);
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
        a.fieldWarnings.push_back({"title", "no headline in the page's text; taken from the page's title tags"});
    }
}

// The date: the first date line after the title (a site's banner with today's date, or an
// issue's date, may stand before it), else the last one before it.
void Assembly::chooseDate() {
    if (!a.date && !headDates.empty()) {
        const size_t t = titleAt == SIZE_MAX ? 0 : titleAt;
        for (const auto& [at, d] : headDates)
            if (at > t) {
                a.date = d;
                break;
            }
        if (!a.date) a.date = headDates.back().second;
    }
}

bool Assembly::publisherName(size_t at) const {
    // A label the page repeats inside other lines ("江城晚报" in "江城晚报记者…", "…官方账号") is
    // the publisher's name, not a section.
    int inOthers = 0;
    for (size_t k = 0; k < blocks.size() && inOthers < 2; ++k)
        if (k != at && cb[k].cls != Cls::Chrome && blocks[k].text.size() > blocks[at].text.size() &&
            blocks[k].text.find(blocks[at].text) != std::string::npos)
            ++inOthers;
    return inOthers >= 2;
}

bool Assembly::sectionLabel(size_t k) const {
    return isSectionLabel(blocks[k], cb[k].f) && cb[k].f.lexicon.empty() && cb[k].f.navShape == 0 && !publisherName(k);
}

// Section: a single short label, never a line of many labels. In order: a kicker label
// ("OPINION:"), a label the markup calls a kicker or category near the title (what the reader
// sees), the page's meta or JSON-LD section, the breadcrumb, a label before the date
// ("國際｜2025/06/02 14:35"), the short line right over the title, a linked label over it.
void Assembly::chooseSection() {
    std::string section = kickerSection;
    if (section.empty() && titleAt != SIZE_MAX) section = markedSection();
    if (section.empty()) section = meta({"article:section"});
    if (section.empty() && page.linkedData.section.size() < 60) section = page.linkedData.section;
    // A breadcrumb's last item names the section more surely than a label over the title (which
    // may name the kind of piece: "Research report", "Analysis").
    if (section.empty() && !crumbSection.empty() && titleAgreement(crumbSection, a.title) < 0.5) section = crumbSection;
    if (section.empty() && crumbParts.size() >= 3 && titleAgreement(crumbParts.back(), a.title) >= 0.5 &&
        displayWidth(crumbParts[crumbParts.size() - 2]) <= 30)
        section = crumbParts[crumbParts.size() - 2];  // 首页 > 论坛 > 城市交通 > (the title)
    if (section.empty()) section = labelSection;
    if (section.empty() && titleAt != SIZE_MAX) section = labelOverTitle();
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
}

// A label the markup calls a kicker or category, in the four blocks over the title; "" when none.
std::string Assembly::markedSection() {
    static const std::regex kickerRe(R"((^|[\s_-])(kicker|section|category|cat|cat-links|eyebrow|overline|channel|rubric|rel-category|view_section|section-label|tag-label)([\s_-]|$))");
    for (size_t back = 1; back <= 4 && back <= titleAt; ++back) {
        const size_t k = titleAt - back;
        if (blocks[k].ownClass.size() < 400 && std::regex_search(blocks[k].ownClass, kickerRe) && sectionLabel(k) &&
            cb[k].role.empty()) {
            sectionAt = k;
            return blocks[k].text;
        }
    }
    return {};
}

// The short line right over the title, else a linked label over it; "" when none.
std::string Assembly::labelOverTitle() {
    std::string section;
    for (const auto& c : candidates) {
        if (c.i >= titleAt) continue;
        if ((c.i + 1 == titleAt || (c.i + 2 == titleAt && cb[c.i + 1].removed)) && sectionLabel(c.i)) {
            section = blocks[c.i].text;
            sectionAt = c.i;
        }
    }
    // A single label right over the title that the classifier took for a link or for chrome
    // outside the article's element ("<div class=overline><a href=/housing/>Housing</a>"): the
    // section, as sites link their kicker to the section's page.
    if (section.empty() && titleAt > 0) {
        const size_t k = titleAt - 1;
        const bool linkOrOutside = cb[k].f.linkShare >= 0.5 || (page.html && !blocks[k].inMain);
        // ... in the title's own container (a sidebar's last link is no kicker).
        std::string parent = blocks[k].hint;
        if (parent.size() >= 4) {  // "a ; b ; " -> "a ; "
            const size_t cut = parent.rfind(" ; ", parent.size() - 4);
            parent.erase(cut == std::string::npos ? 0 : cut + 3);
        }
        const bool sibling = blocks[titleAt].hint.rfind(parent, 0) == 0;
        if (cb[k].cls == Cls::Chrome && linkOrOutside && sibling && sectionLabel(k)) {
            section = blocks[k].text;
            sectionAt = k;
        }
    }
    return section;
}

// A subtitle: the line right under the title, before the byline, that is a dek by its class,
// or the title in the page's other language.
void Assembly::chooseSubtitle() {
    if (titleAt == SIZE_MAX || titleAt + 1 >= blocks.size()) return;
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

// Where the body starts; the candidates not taken (header lines, the section label) are removed.
void Assembly::openBody() {
    // A subheading just before the text ("1. Introduction") opens the body.
    firstBody = headEnd > begin ? headEnd : begin;
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
}

}  // namespace assembly

ImportedArticle assemble(const std::string& path, const SegmentedPage& page, Classification& cls, DiagnosticSink& sink) {
    if (cls.listing > 0)
        failAt(path, {}, "this page lists " + std::to_string(cls.listing) + " articles, not one (import an article's own page)");
    assembly::Assembly s(path, page, cls, sink);
    s.markupFields();  // 1. chrome anywhere, markup fields anywhere
    s.readHead();      // 2. the head: info lines, then title, date, section and subtitle
    s.chooseTitle();
    s.chooseDate();
    s.chooseSection();
    s.chooseSubtitle();
    s.openBody();
    s.readBody();  // 3. the body region, and what its first paragraphs hold
    s.fixSubheadings();
    s.cutGluedChrome();
    s.fusedByline();
    s.datelineFields();
    s.titleFromText();
    s.standfirst();
    s.readTail();  // 4. the tail; then the language, the bio and the fields the text did not give
    s.detectLang();
    s.bioFromText();
    s.positionsFromNote();
    s.bodyBlocks();
    s.htmlFields();
    s.finish();
    return std::move(s.a);
}

}  // namespace inkstone::import
