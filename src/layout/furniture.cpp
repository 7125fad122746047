// Page furniture and small texts shared by articles and volumes: dates and author lists in the
// article's language, one-line texts, and running heads and folios (layout/article.h).
#include <cstdio>
#include <map>

#include "base/utf8.h"
#include "layout/article.h"
#include "layout/flow.h"
#include "text/line.h"
#include "text/linebreak.h"

namespace inkstone::layout {
using style::TextStyle;

namespace {

const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};

}  // namespace

std::string formatDate(const model::Date& d, const Lang& lang, const style::Style& st) {
    // The style's format for the language, else for its script (Hong Kong -> Traditional), else
    // Simplified for any Chinese, else English.
    auto it = st.dateFormat.find(lang.tag());
    if (it == st.dateFormat.end() && lang.region() != Lang::Region::None) it = st.dateFormat.find(Lang(lang.script()).tag());
    if (it == st.dateFormat.end()) it = st.dateFormat.find((lang.chinese() ? Lang(Lang::Script::Hans) : Lang()).tag());
    std::string f = it != st.dateFormat.end() ? it->second : "{year}-{month2}-{day2}";
    char two[8];
    std::snprintf(two, sizeof two, "%02d", d.month);
    f = replaceAll(f, "{month2}", two);
    std::snprintf(two, sizeof two, "%02d", d.day);
    f = replaceAll(f, "{day2}", two);
    f = replaceAll(f, "{month-name}", kMonths[d.month - 1]);
    f = replaceAll(f, "{month-abbr}", std::string(kMonths[d.month - 1]).substr(0, 3));
    f = replaceAll(f, "{year}", std::to_string(d.year));
    f = replaceAll(f, "{month}", std::to_string(d.month));
    f = replaceAll(f, "{day}", std::to_string(d.day));
    return f;
}

std::string joinAuthors(const std::vector<model::Author>& authors, const Lang& lang) {
    std::string out;
    const bool zh = lang.chinese();
    for (size_t i = 0; i < authors.size(); ++i) {
        if (i > 0) out += zh ? "、" : (i + 1 == authors.size() ? " and " : ", ");
        out += authors[i].name;
    }
    return out;
}

text::ParagraphInput plainParagraph(const std::string& text, const style::TextStyle& ts, const Lang& lang,
                                    const style::Style& st, const std::string& link) {
    text::ParagraphInput in;
    in.lang = lang;
    in.hanLatinSpace = st.cjk.hanLatinSpace;
    in.compressPunctuation = st.cjk.compressPunctuation;
    text::Span sp;
    sp.text = ts.uppercase ? upperCase(text) : text;
    sp.fontSet = ts.font;
    sp.size = ts.fontSize;
    sp.bold = ts.bold;
    sp.italic = ts.italic && !lang.chinese();
    sp.lang = lang;
    sp.color = ts.color;
    sp.link = link;
    in.spans.push_back(sp);
    return in;
}

std::shared_ptr<text::ShapedLine> simpleLine(const std::string& text, const style::TextStyle& ts, const Lang& lang,
                                             const style::Style& st, text::TextEngine& engine, const std::string& link) {
    DiagnosticSink quiet(false);  // running text and contents come from front matter already checked
    text::MeasuredParagraph mp = text::measureParagraph(engine, st, plainParagraph(text, ts, lang, st, link), "", quiet);
    text::LineBreak whole{0, mp.charCount(), text::lineWidth(mp, 0, mp.charCount()), 1e9, true, false};
    return text::buildLine(mp, whole, text::LineAlign::Left, true);
}

void addRunningHeads(std::vector<Page>& pages, size_t first, size_t count, const RunningFields& f,
                     const std::function<std::string(size_t)>& label, const std::string& total,
                     const style::Style& st, text::TextEngine& engine, const Lang& lang) {
    PageGeometry g;
    g.width = st.page.width;
    g.height = st.page.height;
    g.margin = st.page.margin;
    g.facing = st.page.facing;
    g.rightToLeft = st.page.vertical();
    // An article's title or the publication repeats on every other page: each distinct text is set
    // once per call and its (immutable) line shared by the pages.
    std::map<std::pair<std::string, const TextStyle*>, std::shared_ptr<text::ShapedLine>> lines;
    auto runningLine = [&](const std::string& text, const TextStyle& ts) {
        auto& line = lines[{text, &ts}];
        if (!line) line = simpleLine(text, ts, lang, st, engine);
        return line;
    };
    for (size_t i = first; i < first + count; ++i) {
        Page& page = pages[i];
        auto fill = [&](std::string t) {
            t = replaceAll(t, "{title}", f.title);
            t = replaceAll(t, "{section}", f.section);
            t = replaceAll(t, "{author}", f.author);
            t = replaceAll(t, "{date}", f.date);
            t = replaceAll(t, "{publication}", f.publication);
            t = replaceAll(t, "{page}", label(i));
            t = replaceAll(t, "{pages}", total);
            return t;
        };
        const bool verso = g.leftHand(static_cast<int>(i));
        const bool opening = i == first;
        const double left = g.contentLeft(static_cast<int>(i)), width = g.contentWidth();
        for (int which = 0; which < 2; ++which) {
            const style::RunningStyle& rs = which == 0 ? (opening ? st.firstHeader : verso ? st.versoHeader : st.header)
                                                       : (opening ? st.firstFooter : verso ? st.versoFooter : st.footer);
            const double baseline = which == 0 ? g.margin.top - rs.distance : g.height - g.margin.bottom + rs.distance;
            bool any = false;
            const std::string slots[3] = {rs.left, rs.center, rs.right};
            for (int s = 0; s < 3; ++s) {
                std::string t = fill(slots[s]);
                if (t.empty()) continue;
                any = true;
                auto line = runningLine(t, rs.text);
                double x = s == 0 ? left : s == 1 ? left + (width - line->width) / 2 : left + width - line->width;
                // A slot with the page number is a folio; any other is a running head.
                const bool folio = slots[s].find("{page}") != std::string::npos || slots[s].find("{pages}") != std::string::npos;
                page.items.push_back(TextItem{line, x, baseline, {-1, folio ? Artifact::Folio : Artifact::RunningHead}, {}});
            }
            if (any && rs.rule > 0) {
                double y = which == 0 ? baseline + rs.text.fontSize * 0.45 : baseline - rs.text.fontSize * 1.1;
                page.items.push_back(RuleItem{left, y, width, rs.rule, rs.text.color, {-1, Artifact::RunningHead}});
            }
        }
    }
}

}  // namespace inkstone::layout
