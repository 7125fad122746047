// assemble (page.h), its later stages (assemble_state.h; the head is read in assemble.cpp):
// - body (the region): paragraphs with chrome glued into them cut off, subheadings, quotes, lists;
//   a byline, dateline or title fused to the first paragraph; hard page breaks rejoined;
// - tail (after it): the author's note as the bio; everything else is removed with its reason;
// - then the language, the bio among the last paragraphs, and the fields the text did not give.
#include <algorithm>
#include <regex>
#include <sstream>

#include "base/utf8.h"
#include "import/assemble_state.h"
#include "import/extract.h"

namespace inkstone::import::assembly {

namespace {

char32_t firstCharOf(const std::string& s) {
    size_t i = 0;
    return s.empty() ? 0 : decodeUtf8(s, i);
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


}  // namespace

// ---- 3. The body region: paragraphs, subheadings, quotes, lists.
void Assembly::readBody() {
    size_t open = SIZE_MAX;   // the paragraph that broke off mid-sentence at a page break
    bool pageBreak = false;   // chrome (a page number, a running head) came after it
    for (size_t i = firstBody; i < end; ++i) {
        if (cb[i].removed) {
            if (open != SIZE_MAX) pageBreak = true;
            continue;
        }
        const PageBlock& b = blocks[i];
        const Features& f = cb[i].f;
        Para p = paraOf(i);
        if (p.kind == Block::Paragraph && b.tag != Tag::Quote) {
            // A page break (chrome between two pieces of one sentence): the pieces are one paragraph.
            // A footnote set at the page's foot may stand between the two pieces; it stays after.
            const char32_t first = firstCharOf(b.text);
            if (open != SIZE_MAX && pageBreak && !page.html &&
                ((first < 128 && std::islower(static_cast<int>(first))) || (isCjkText(f) && !b.indented && !b.blankBefore))) {
                joinAcrossBreak(paras[open], i);
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
}

// A body block as a paragraph, of the kind its markup gives.
Para Assembly::paraOf(size_t i) const {
    const PageBlock& b = blocks[i];
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
    return p;
}

// Block `i` continues the paragraph `into` that broke off at a page break.
void Assembly::joinAcrossBreak(Para& into, size_t i) {
    const PageBlock& b = blocks[i];
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
}

// A subheading needs text after it, and a heading shape alone between text is a heading only
// when it is no sentence.
void Assembly::fixSubheadings() {
    for (size_t k = 0; k < paras.size(); ++k)
        if (paras[k].kind == Block::Heading && !page.html &&
            (k + 1 == paras.size() || paras[k + 1].kind == Block::Heading ||
             (cb[paras[k + 1].block].cls != Cls::Body && toU32(paras[k + 1].plain).size() < 60)))
            paras[k].kind = Block::Paragraph;
    if (!paras.empty() && paras.back().kind == Block::Heading) paras.back().kind = Block::Paragraph;
}

// Chrome glued into a paragraph: credits, promotions, icon names, reprint notes.
void Assembly::cutGluedChrome() {
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
}

// A byline fused to the first paragraph (Taiwanese news: "〔記者X／台北報導〕...").
void Assembly::fusedByline() {
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
}

// What a news agency's dateline at the start of a text page's first paragraph gives.
void Assembly::datelineFields() {
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
}

void Assembly::titleFromText() {
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
            a.fieldWarnings.push_back({"title", "no title found; the first paragraph's start is used"});
        }
    }
}

// A labelled standfirst among the first paragraphs is the summary.
void Assembly::standfirst() {
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
}

// ---- 4. The tail: the author's note; the rest is removed.
void Assembly::readTail() {
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
}

// Language, then the bio among the last paragraphs.
void Assembly::detectLang() {
    std::string all;
    for (const auto& p : paras) all += p.plain.empty() ? p.text : p.plain;
    a.lang = detectLanguage(all.empty() ? a.title : all);
    if (page.html) {
        std::string tag = page.htmlLang;
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (a.lang == "zh-Hant" && (tag.find("hk") != std::string::npos || tag.find("mo") != std::string::npos)) a.lang = "zh-Hant-HK";
    }
}

// The bio among the last paragraphs (and the author a note there names); an author box's labels off it.
void Assembly::bioFromText() {
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
}

// Positions the byline did not give, from the author's note.
void Assembly::positionsFromNote() {
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
}

// The paragraphs as the article's blocks.
void Assembly::bodyBlocks() {
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
}

// HTML fields the text did not give.
void Assembly::htmlFields() {
    if (!page.html) return;
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

// The authors, each once; warnings for the fields not found; what was removed, in page order.
void Assembly::finish() {
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
    if (!a.date) {
        sink.warn(path, {}, "no date found; the article has none (add `date:` to the front matter)");
        a.fieldWarnings.push_back({"date", "no date found"});
    }
    if (a.authors.empty()) {
        sink.warn(path, {}, "no author found; the article has none (add `authors:`)");
        a.fieldWarnings.push_back({"authors", "no author found"});
    }
    std::stable_sort(a.removed.begin(), a.removed.end(), [](const Removed& x, const Removed& y) { return x.line < y.line; });
}

}  // namespace inkstone::import::assembly
