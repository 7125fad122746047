// classify (page.h): every block gets features, then a class (body / short / heading / chrome)
// with the reason, then context smoothing, then the body region: the densest contiguous run of
// text (a maximum-sum run where body text counts for and chrome against). A page of several
// teasers and no running text is a listing, not an article.
//
// The approach follows jusText (Pomikálek 2011: length, stop-word and link density classes, then
// context), boilerpipe (Kohlschütter 2010: text and link density as shallow features) and Mozilla
// Readability (class-name weights, link density, the densest container). Chrome words are one
// feature among the shape features, never the whole rule.
#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <unordered_map>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/features.h"
#include "import/page.h"

namespace inkstone::import {

const char* clsName(Cls c) {
    switch (c) {
    case Cls::Body: return "body";
    case Cls::Short: return "short";
    case Cls::Heading: return "heading";
    case Cls::Chrome: return "chrome";
    }
    return "?";
}

using namespace shape;

Classification classify(const SegmentedPage& page) {
    using Tag = PageBlock::Tag;
    Classification out;
    const auto& blocks = page.blocks;
    out.blocks.resize(blocks.size());
    std::unordered_map<std::string, int> seen;
    for (const auto& b : blocks) ++seen[b.text];

    // 1. Each block on its own.
    for (size_t i = 0; i < blocks.size(); ++i) {
        const PageBlock& b = blocks[i];
        Classified& c = out.blocks[i];
        c.f = blockFeatures(b);
        const Features& f = c.f;
        c.f.repeats = seen[b.text];
        auto set = [&](Cls k, std::string why) {
            c.cls = k;
            c.reason = std::move(why);
        };
        // Numbers alone: a page number, or a chart's axis labels that the text was extracted with.
        const bool digitsOnly = !b.text.empty() && b.text.find_first_not_of("0123456789 -–—|/,.%") == std::string::npos && f.chars <= 60;
        // Bylines and times in comments, sidebars and related lists are theirs, not the article's.
        static const std::vector<std::string> foreign = {"comments", "comment", "comment-form", "respond", "sidebar", "widget", "related",
                                                         "recommend", "recommended", "popular", "most-read", "mostread", "trending",
                                                         "promo", "newsletter", "<nav>", "nav", "navbar", "navigation", "menu", "pagination", "pager"};
        const bool inForeign = std::find(foreign.begin(), foreign.end(), f.hintChrome) != foreign.end();
        if (b.tag == Tag::Title && !inForeign) set(Cls::Heading, "<h1>");
        else if ((b.tag == Tag::Time || b.tag == Tag::Byline) && inForeign) set(Cls::Chrome, "in a " + f.hintChrome + " element (not the article's)");
        else if (b.tag == Tag::Time) set(Cls::Short, "<time>");
        else if (b.tag == Tag::Byline) set(Cls::Short, "byline element");
        else if (b.tag == Tag::Bio) set(Cls::Short, "author's note element");
        else if (b.tag == Tag::Caption) set(Cls::Chrome, "photo caption (<figcaption>)");
        else if (!f.hintChrome.empty() && b.tag != Tag::PullQuote) set(Cls::Chrome, "in a " + f.hintChrome + " element");
        else if (page.html && page.mainIsSemantic && !b.inMain && (bodyLike(b, f) || f.linkShare > 0.3 || f.navShape > 0 || !f.lexicon.empty()))
            set(Cls::Chrome, "outside the article's element");
        else if (ruleLine(b.text)) set(Cls::Chrome, "rule line");
        else if (junkLine(b.text)) set(Cls::Chrome, "anti-scraping junk");
        else if (commentsHeading(b.text)) set(Cls::Chrome, "comments heading");
        else if (boilerplateShare(b.text) >= 0.5) set(Cls::Chrome, "footer (boilerplate sentences)");
        else if (const char* k = embedKind(b.text); k && !(f.hasDate && std::string(k) == "video teaser")) set(Cls::Chrome, k);
        else if (agencyCredit(b.text) && f.sentences <= 3) set(Cls::Chrome, "photo caption (ends with a photo agency's credit)");
        else if ((i < 3 || i + 4 >= blocks.size()) && appealShare(b.text) >= 0.4) set(Cls::Chrome, "appeal for support (at the page's edge)");
        else if (f.relatedHeading) set(Cls::Chrome, "related list");
        else if (trailingCreditKind(b.text) == "photo credit" && f.sentences <= 1 && (f.han * 2 > f.chars ? f.chars <= 60 : f.chars <= 160))
            set(Cls::Chrome, "photo caption (a short text that ends with a photo credit)");
        else if (f.hasDate && f.lexicon != "copyright footer" && f.lexicon != "date banner" && displayWidth(b.text) < 90) set(Cls::Short, "date line");
        // A chrome word in a short block is chrome; in a full sentence ("The ministry will share its
        // data with the commission.") it is text, unless a chrome pattern names the whole line.
        else if (!f.lexicon.empty() &&
                 ((shortBlock(f) && !(f.endsWithStop && (f.han * 2 > f.chars ? f.chars > 8 : f.words > 4))) || f.pattern))
            set(Cls::Chrome, f.lexicon);
        else if (breadcrumbShape(b.text)) set(Cls::Chrome, "breadcrumbs");
        else if (f.navShape >= 0.6) set(Cls::Chrome, "navigation (short labels in a row)");
        else if (digitsOnly) set(Cls::Chrome, f.chars <= 4 ? "page number" : "numbers alone (a chart's labels)");
        else if (c.f.repeats >= 3 && f.chars <= 80) set(Cls::Chrome, "repeated " + std::to_string(c.f.repeats) + " times (running head)");
        else if (page.html && f.linkShare >= 0.6 && b.tag != Tag::Heading) set(Cls::Chrome, "mostly link text");
        else if (b.tag == Tag::Heading) set(Cls::Heading, "<h" + std::string("2-6>"));
        else if (bodyLike(b, f)) set(Cls::Body, f.sentences >= 2 ? "running text (" + std::to_string(f.sentences) + " sentences)" : "running text");
        else if (f.headingShape && !f.hasDate && !f.byline) set(Cls::Heading, "heading shape (short, no final stop)");
        else set(Cls::Short, f.endsWithStop ? "short sentence" : "short line");
    }

    // 2. Context. A related list is its heading and the short items after it; a short block
    // between two body blocks is text (or a subheading) of the article.
    for (size_t i = 0; i < blocks.size(); ++i) {
        // (A menu's "Events" link is no related list's heading.)
        if (!out.blocks[i].f.relatedHeading || out.blocks[i].f.linkShare >= 0.5) continue;
        for (size_t j = i + 1; j < blocks.size(); ++j) {
            Classified& c = out.blocks[j];
            const bool item = c.cls != Cls::Body || c.f.linkShare >= 0.5 || (!c.f.endsWithStop && displayWidth(blocks[j].text) <= 120);
            const bool field = blocks[j].tag == Tag::Bio || blocks[j].tag == Tag::Title || blocks[j].tag == Tag::Byline;
            if (!item || field) break;
            if (c.cls == Cls::Heading && blocks[j].tag == Tag::Heading && !c.f.relatedHeading) break;
            if (c.cls != Cls::Chrome) c.reason = "related list (an item after its heading)";
            c.cls = Cls::Chrome;
        }
    }

    // A short text right after a photo marker ("点击查看大图", "Enlarge this image") is its caption.
    for (size_t i = 0; i + 1 < blocks.size(); ++i) {
        const std::string& why = out.blocks[i].reason;
        const bool marker = out.blocks[i].cls == Cls::Chrome && (why == "toolbar" || why == "photo caption") &&
                            (out.blocks[i].f.han * 2 > out.blocks[i].f.chars ? out.blocks[i].f.chars <= 12 : out.blocks[i].f.chars <= 25) &&
                            (blocks[i].text.find("图") != std::string::npos || blocks[i].text.find("圖") != std::string::npos ||
                             blocks[i].text.find("image") != std::string::npos || blocks[i].text.find("Image") != std::string::npos);
        Classified& n = out.blocks[i + 1];
        if (marker && n.cls != Cls::Chrome && n.f.sentences <= 2 && (n.f.han * 2 > n.f.chars ? n.f.chars <= 80 : n.f.chars <= 200)) {
            n.cls = Cls::Chrome;
            n.reason = "photo caption (after a photo marker)";
        }
    }

    // 3. The body region: the run of blocks with the largest sum, where body text counts its
    // length, a short sentence half of it, a heading or short line a little against, and chrome
    // its length against (Kadane's maximum subarray).
    auto weight = [&](size_t i) -> double {
        const Classified& c = out.blocks[i];
        const double len = static_cast<double>(c.f.chars) * (c.f.han * 2 > c.f.chars ? 2.5 : 1.0);
        switch (c.cls) {
        case Cls::Body: return len;
        case Cls::Short: return c.f.endsWithStop && !c.f.hasDate ? len / 2 : -2;
        case Cls::Heading: return blocks[i].tag == Tag::Title ? -20 : -1;
        case Cls::Chrome: return -std::max(10.0, std::min(len, 80.0));  // a caption or an ad between paragraphs does not end the text
        }
        return 0;
    };
    double best = 0, sum = 0;
    size_t start = 0;
    out.bodyBegin = out.bodyEnd = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
        if (sum <= 0) {
            sum = 0;
            start = i;
        }
        sum += weight(i);
        if (sum > best) {
            best = sum;
            out.bodyBegin = start;
            out.bodyEnd = i + 1;
        }
    }
    // No running text at all (a note of a few lines): every block that is not chrome, after the
    // last date line, byline or <h1>.
    if (best <= 0) {
        size_t from = 0;
        for (size_t i = 0; i < blocks.size(); ++i)
            if (blocks[i].tag == Tag::Title || out.blocks[i].f.hasDate || out.blocks[i].f.byline) from = i + 1;
        out.bodyBegin = out.bodyEnd = from;
        for (size_t i = from; i < blocks.size(); ++i)
            if (out.blocks[i].cls != Cls::Chrome) out.bodyEnd = i + 1;
        if (out.bodyEnd == from) out.bodyBegin = out.bodyEnd = blocks.size();
    }
    // A date line or byline after running text starts another unit (a reply under a forum post, a
    // comment, a teaser): the region ends before it, and before the poster's name just above it.
    {
        size_t bodySeen = 0;
        for (size_t i = out.bodyBegin; i < out.bodyEnd; ++i) {
            const Classified& c = out.blocks[i];
            if (c.cls == Cls::Body) ++bodySeen;
            const bool info = (blocks[i].tag == Tag::Time || blocks[i].tag == Tag::Byline || c.f.hasDate || c.f.byline) &&
                              c.cls != Cls::Body && displayWidth(blocks[i].text) < 90;
            if ((info || out.blocks[i].reason == "comments heading") && bodySeen >= 2) {
                size_t cutAt = i;
                while (cutAt > out.bodyBegin && out.blocks[cutAt - 1].cls != Cls::Body) --cutAt;
                out.bodyEnd = cutAt;
                break;
            }
        }
    }
    // A citation line right after the text ("Report: Inventory of …", "Source: …"), with only chrome
    // after it, is the article's last line.
    if (out.bodyEnd > out.bodyBegin && out.bodyEnd < blocks.size()) {
        const size_t k = out.bodyEnd;
        const Classified& c = out.blocks[k];
        static const std::regex citation(R"(^(report|source|sources|study|data|paper|reference|citation|see)\s*:\s)", std::regex::icase);
        const bool labelled = blocks[k].text.size() < 400 && std::regex_search(blocks[k].text, citation);
        const bool chromeAfter = k + 1 == blocks.size() || out.blocks[k + 1].cls == Cls::Chrome;
        if ((c.cls == Cls::Short || c.cls == Cls::Heading) && labelled && chromeAfter && !c.f.hasDate && !c.f.byline && c.f.words >= 4)
            out.bodyEnd = k + 1;
    }
    // The region starts and ends on text, not on a heading or a stray short line.
    while (out.bodyBegin < out.bodyEnd && out.blocks[out.bodyBegin].cls != Cls::Body && out.blocks[out.bodyBegin].cls != Cls::Short)
        ++out.bodyBegin;

    // 4. A listing: three or more teasers (a headline, then within three blocks its date or byline)
    // and no running text of its own beyond them. Teasers are counted by their headlines.
    int teasers = 0;
    size_t prose = 0, proseBlocks = 0;
    std::vector<char> inTeaser(blocks.size(), 0), usedHeadline(blocks.size(), 0);
    auto info = [&](size_t i) {
        const Classified& c = out.blocks[i];
        return blocks[i].tag == Tag::Time || blocks[i].tag == Tag::Byline || ((c.f.hasDate || c.f.byline) && displayWidth(blocks[i].text) < 90);
    };
    auto headline = [&](size_t i) {
        const Classified& c = out.blocks[i];
        const char32_t last = toU32(blocks[i].text).empty() ? 0 : toU32(blocks[i].text).back();
        const bool question = last == '?' || last == U'？' || last == '!' || last == U'！';  // headlines ask
        if (info(i) || (c.f.endsWithStop && !(question && c.f.sentences <= 1)) || c.f.navShape >= 0.6 || c.f.relatedHeading || c.f.chars < 6 || c.f.chars > 120) return false;
        if (blocks[i].tag == Tag::Heading || blocks[i].tag == Tag::Title || blocks[i].tag == Tag::ListItem) return true;
        return c.cls == Cls::Heading || c.cls == Cls::Short || (page.html && c.f.linkShare >= 0.5) || (c.cls == Cls::Body && question);
    };
    // Between a headline and its byline or date may stand its one-sentence blurb or a separator.
    auto blurb = [&](size_t i) {
        const Classified& c = out.blocks[i];
        return (c.f.sentences <= 2 && c.f.chars <= 300 && !info(i)) || c.f.chars <= 2;
    };
    for (size_t i = 0; i < blocks.size(); ++i) {
        if (!info(i)) continue;
        // A linked headline with its date in the same block (a list of links with dates).
        if (page.html && out.blocks[i].f.linkShare >= 0.4 && out.blocks[i].f.chars <= 120 && !usedHeadline[i]) {
            usedHeadline[i] = 1;
            ++teasers;
            inTeaser[i] = 1;
            if (i + 1 < blocks.size() && blurb(i + 1)) inTeaser[i + 1] = 1;
            continue;
        }
        for (size_t back = 1; back <= 3 && back <= i; ++back) {
            const size_t h = i - back;
            if (info(h)) continue;
            if (!headline(h)) {
                if (blurb(h)) continue;
                break;
            }
            if (!usedHeadline[h]) {
                usedHeadline[h] = 1;
                ++teasers;
            }
            // The teaser: its headline, its info, and the blurb after it (a sentence or two, not
            // an article's text).
            for (size_t j = h; j <= i; ++j) inTeaser[j] = 1;
            if (i + 1 < blocks.size() && blurb(i + 1)) inTeaser[i + 1] = 1;
            break;
        }
    }
    for (size_t i = 0; i < blocks.size(); ++i) {
        const Classified& c = out.blocks[i];
        if (c.cls == Cls::Body && c.f.sentences >= 2 && !inTeaser[i]) {
            prose += c.f.chars * (c.f.han * 2 > c.f.chars ? 3 : 1);
            ++proseBlocks;
        }
    }
    out.teaser = usedHeadline;
    if (teasers >= 3 && proseBlocks <= 1 && prose < 400) out.listing = teasers;
    return out;
}

std::string explain(const std::string& path, const SegmentedPage& page, const Classification& cls) {
    std::ostringstream os;
    os << path << ": " << page.blocks.size() << " blocks; body region " << cls.bodyBegin + 1 << "-" << cls.bodyEnd
       << (page.hardWrapped ? "; hard-wrapped" : "") << (page.html ? (page.mainIsSemantic ? "; HTML with an article element" : "; HTML") : "")
       << "\n";
    for (size_t i = 0; i < page.blocks.size(); ++i) {
        const PageBlock& b = page.blocks[i];
        const Classified& c = cls.blocks[i];
        const char* where = i < cls.bodyBegin ? "head" : i < cls.bodyEnd ? "body" : "tail";
        os << path << ":" << b.line << ": [" << i + 1 << " " << where << "] " << clsName(c.cls);
        if (!c.role.empty()) os << " -> " << c.role;
        if (c.removed) os << " (removed)";
        os << ": " << c.reason << "\n    ";
        std::string t = b.text;
        const std::u32string u = toU32(t);
        if (u.size() > 70) {
            t.clear();
            for (size_t k = 0; k < 70; ++k) appendUtf8(t, u[k]);
            t += "…";
        }
        for (char& ch : t)
            if (ch == '\n') ch = ' ';
        os << "chars " << c.f.chars << ", sentences " << c.f.sentences << (c.f.endsWithStop ? " (ends with a stop)" : "");
        if (c.f.linkShare > 0) os << ", links " << static_cast<int>(std::lround(c.f.linkShare * 100)) << "%";
        if (c.f.navShape > 0) os << ", menu shape " << c.f.navShape;
        if (c.f.hasDate) os << ", date";
        if (c.f.byline) os << ", byline";
        if (c.f.namePosition) os << ", name+position";
        if (!c.f.lexicon.empty()) os << ", chrome word (" << c.f.lexicon << ")";
        if (!c.f.hintChrome.empty()) os << ", chrome class (" << c.f.hintChrome << ")";
        if (c.f.repeats > 1) os << ", repeated " << c.f.repeats << "x";
        if (page.html && !b.inMain) os << ", outside the article element";
        if (i < cls.teaser.size() && cls.teaser[i]) os << ", a teaser's headline";
        os << " | " << t << "\n";
    }
    return os.str();
}

}  // namespace inkstone::import
