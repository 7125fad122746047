// Block features for the classifier (page.h: blockFeatures): lengths, sentences, links, dates,
// the chrome lexicon and shape tests (navigation, breadcrumbs, bylines, boilerplate), each a
// number or a yes/no that explains itself. The classifier (classify.cpp) weighs them.
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

namespace shape {

bool isStopChar(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U'.' || c == U'…'; }

// Words pages use for their chrome, in English, Simplified and Traditional Chinese. A block that
// is short and holds one is likely chrome; a sentence that merely uses the word is not (the
// length and stop features decide). Lower case; matched as substrings (Latin: at word starts).
struct LexEntry {
    const char* word;
    const char* kind;
};
const LexEntry kLexicon[] = {
    {"share", "share"}, {"tweet", "share"}, {"whatsapp", "share"}, {"facebook", "share"}, {"linkedin", "share"},
    {"pinterest", "share"}, {"copy link", "share"}, {"email this", "share"}, {"print this", "print"},
    {"subscribe", "promotion"}, {"newsletter", "promotion"}, {"sign up", "promotion"}, {"sign in", "account"},
    {"log in", "account"}, {"login", "account"}, {"register", "account"}, {"download the app", "promotion"},
    {"get the app", "promotion"}, {"follow us", "promotion"}, {"cookie", "cookie notice"}, {"privacy policy", "footer"},
    {"terms of use", "footer"}, {"terms of service", "footer"}, {"contact us", "footer"}, {"about us", "footer"},
    {"all rights reserved", "footer"}, {"advertisement", "advertisement"}, {"sponsored", "advertisement"},
    {"related", "related list"}, {"read more", "related list"}, {"more stories", "related list"}, {"most read", "related list"},
    {"most popular", "related list"}, {"trending", "related list"}, {"recommended", "related list"},
    {"you might also like", "related list"}, {"comments", "comments"}, {"leave a reply", "comments"}, {"reply", "comments"},
    {"back to top", "back to top"}, {"skip to", "navigation"}, {"menu", "navigation"}, {"search", "navigation"},
    {"next article", "navigation"}, {"previous article", "navigation"}, {"photo:", "credit"}, {"image:", "credit"},
    {"credit:", "credit"}, {"getty images", "credit"}, {"reuters", "credit"}, {"listen", "toolbar"}, {"gift article", "toolbar"},
    {"min read", "toolbar"}, {"cite this", "toolbar"}, {"download the full", "toolbar"}, {"reprinted", "reprint note"}, {"republished", "reprint note"}, {"with permission", "reprint note"},
    // Simplified
    {"分享", "share"}, {"收藏", "share"}, {"打印", "print"}, {"关闭", "print"}, {"订阅", "promotion"}, {"关注", "promotion"},
    {"扫码", "promotion"}, {"二维码", "promotion"}, {"点赞", "toolbar"}, {"在看", "toolbar"}, {"阅读原文", "toolbar"},
    {"评论", "comments"}, {"回复", "comments"}, {"举报", "comments"}, {"广告", "advertisement"}, {"推荐", "related list"},
    {"相关", "related list"}, {"热门", "related list"}, {"往期", "related list"}, {"上一篇", "navigation"}, {"下一篇", "navigation"},
    {"返回", "navigation"}, {"首页", "navigation"}, {"登录", "account"}, {"注册", "account"}, {"版权", "footer"},
    {"免责声明", "footer"}, {"责任编辑", "editor credit"}, {"编辑：", "editor credit"}, {"来源：", "source line"},
    {"下载", "promotion"}, {"客户端", "promotion"}, {"转载", "reprint note"},
    // Traditional
    {"列印", "print"}, {"關閉", "print"}, {"訂閱", "promotion"}, {"追蹤", "promotion"}, {"掃碼", "promotion"},
    {"點讚", "toolbar"}, {"閱讀原文", "toolbar"}, {"評論", "comments"}, {"回覆", "comments"}, {"檢舉", "comments"},
    {"廣告", "advertisement"}, {"推薦", "related list"}, {"相關", "related list"}, {"熱門", "related list"},
    {"首頁", "navigation"}, {"登入", "account"}, {"註冊", "account"}, {"版權", "footer"}, {"責任編輯", "editor credit"},
    {"編輯：", "editor credit"}, {"來源：", "source line"}, {"下載", "promotion"}, {"轉載", "reprint note"},
    {"電子報", "promotion"}, {"电子报", "promotion"}, {"信箱", "promotion"}, {"好友", "promotion"}, {"粉絲團", "promotion"}, {"粉丝团", "promotion"},
};

std::string lowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The first lexicon word in `text` ("" when none). Latin words must start at a word boundary.
std::string lexiconHit(const std::string& text, std::string* kind = nullptr) {
    const std::string low = lowerAscii(text);
    for (const auto& e : kLexicon) {
        const std::string w = e.word;
        size_t at = low.find(w);
        while (at != std::string::npos) {
            const bool latin = static_cast<unsigned char>(w[0]) < 0x80;
            const bool startOk = !latin || at == 0 || !std::isalpha(static_cast<unsigned char>(low[at - 1]));
            if (startOk) {
                if (kind) *kind = e.kind;
                return w;
            }
            at = low.find(w, at + 1);
        }
    }
    return {};
}

// 0..1: how much a block looks like a menu: three or more short tokens separated by spaces or
// separators (| · • > / ｜ ›), none of them a sentence.
double navShapeOf(const std::string& text) {
    const std::u32string u = toU32(text);
    if (u.size() > 200) return 0;
    auto sep = [](char32_t c) {
        return c == '|' || c == U'｜' || c == U'·' || c == U'•' || c == '>' || c == U'›' || c == U'»' || c == '/' || c == U'＞' || c == U'丨';
    };
    auto space = [](char32_t c) { return c == ' ' || c == 0x3000 || c == 0xA0 || c == '\t'; };
    for (char32_t c : u)
        if (c == U'，' || c == U'。' || c == ',' || c == U'、') return 0;  // a sentence, or a list of names
    auto hasLetter = [](const std::u32string& t) {
        return std::any_of(t.begin(), t.end(), [](char32_t c) { return isCjk(c) || (c < 128 && std::isalpha(static_cast<int>(c))) || c >= 0xC0; });
    };
    // Segments between separators ("Home | News | World", "首页 > 国际 > 正文"): three or more, each a
    // label of at most three words or six Chinese characters.
    std::vector<std::u32string> segments;
    {
        std::u32string cur;
        bool any = false;
        for (char32_t c : u) {
            if (sep(c)) {
                any = true;
                segments.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        segments.push_back(cur);
        if (any) {
            std::vector<std::u32string> labels;
            for (auto& sgm : segments) {
                size_t a = 0, b = sgm.size();
                while (a < b && space(sgm[a])) ++a;
                while (b > a && space(sgm[b - 1])) --b;
                if (b > a && hasLetter(sgm.substr(a, b - a))) labels.push_back(sgm.substr(a, b - a));
            }
            if (labels.size() < 3) return 0;
            for (const auto& l : labels) {
                size_t words = 1, han = 0;
                for (char32_t c : l) {
                    if (space(c)) ++words;
                    if (isCjk(c)) ++han;
                }
                if (han > 6 || (han == 0 && (words > 3 || l.size() > 24))) return 0;
            }
            return std::min(1.0, 0.5 + 0.1 * static_cast<double>(labels.size()));
        }
    }
    // No separators: tokens between spaces.
    std::vector<std::u32string> tokens;
    {
        std::u32string cur;
        for (char32_t c : u) {
            if (space(c)) {
                if (!cur.empty() && hasLetter(cur)) tokens.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        if (!cur.empty() && hasLetter(cur)) tokens.push_back(cur);
    }
    if (tokens.size() < 3) return 0;
    size_t han = 0;
    for (const auto& t : tokens)
        for (char32_t c : t)
            if (isCjk(c)) ++han;
    if (han > 0) {
        // Chinese: short labels of two to four characters each ("即時 熱門 政治 國際").
        for (const auto& t : tokens)
            if (t.size() > 5) return 0;
        return std::min(1.0, 0.5 + 0.1 * static_cast<double>(tokens.size()));
    }
    // Latin: capitalised words in a row are a headline too ("The Heat Pump Subsidy That Nobody
    // Claimed"): a menu names a site's sections, so at least two of its words must be such names.
    static const std::vector<std::u32string> sections = {
        U"home", U"news", U"world", U"politics", U"business", U"opinion", U"sport", U"sports", U"culture", U"tech",
        U"technology", U"science", U"health", U"about", U"contact", U"search", U"menu", U"video", U"videos", U"podcasts",
        U"newsletters", U"events", U"subscribe", U"login", U"more", U"analysis", U"reports", U"research", U"archive",
        U"blog", U"local", U"national", U"international", U"economy", U"markets", U"travel", U"style", U"lifestyle",
        U"entertainment", U"weather", U"people", U"topics", U"experts", U"publications", U"commentary", U"climate", U"energy"};
    size_t named = 0;
    for (const auto& t : tokens) {
        if (!(t[0] >= 'A' && t[0] <= 'Z') || t.size() > 13 || t.find_first_of(U"-'’") != std::u32string::npos) return 0;
        std::u32string low = t;
        for (auto& ch : low)
            if (ch >= 'A' && ch <= 'Z') ch = ch - 'A' + 'a';
        if (std::find(sections.begin(), sections.end(), low) != sections.end()) ++named;
    }
    if (tokens.size() < 4 || named < 2) return 0;
    return std::min(1.0, 0.5 + 0.1 * static_cast<double>(tokens.size()));
}

// "Comments", "Discussion about this post", "3 responses", "网友评论": where readers' comments begin.
bool commentsHeading(const std::string& t) {
    if (t.size() > 120) return false;
    static const std::wregex re(
        LR"(^(comments?|discussion( about this (post|article|story))?|responses?|\d+\s+(comments?|responses?|replies)|leave a (reply|comment)|join the (discussion|conversation)|reader comments|网友评论|網友評論|热门评论|熱門評論|评论区|評論區|最新评论|最新評論|全部评论|全部評論|留言区|留言區|精选留言|精選留言)\s*[:：]?\s*([(（]\d+[)）])?$)",
        std::regex::ECMAScript | std::regex::icase);
    return std::regex_search(wide(t), re);
}

// The share of a text's sentences (ended by . ! ? before a space, and with `cjk` by 。) that `re`
// finds something in.
double sentenceShare(const std::string& text, const std::regex& re, bool cjk) {
    size_t sentences = 0, hits = 0, start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        const bool end = i == text.size() || ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) ||
                         (cjk && text.compare(i, 3, "。") == 0);
        if (!end) continue;
        const std::string sentence = text.substr(start, i - start);
        start = i + 1;
        if (sentence.find_first_not_of(" ") == std::string::npos) continue;
        ++sentences;
        if (sentence.size() < 600 && std::regex_search(sentence, re)) ++hits;
    }
    return sentences == 0 ? 0 : static_cast<double>(hits) / static_cast<double>(sentences);
}

// The share of a block's sentences that appeal to the reader for support ("we need your help",
// "your support is even more important", a paywall's apology). Read only at the page's edges,
// where such appeals stand; a quoted appeal inside the text is text.
double appealShare(const std::string& text) {
    if (text.size() > 4000) return 0;
    static const std::regex re(
        R"(\b(your (support|help|partnership|contribution|donation|gift)|we need your|support (us|our|local|independent) ?(journalism|reporting|news|work)?|donat(e|ion)|paywalls?|become a (member|supporter|patron)|reader[- ]supported|a dollar value|chip in|hear from you|make a (gift|contribution))\b)",
        std::regex::icase);
    return sentenceShare(text, re, false);
}

// An embedded social post ("… pic.twitter.com/x — Name (@handle) March 3, 2024") or a video's teaser
// ("… new education reform 02:52": a running time at the end).
const char* embedKind(const std::string& t) {
    if (t.size() > 2000) return nullptr;
    if (t.find("pic.twitter.com/") != std::string::npos || t.find("t.co/") != std::string::npos) return "embedded post";
    static const std::regex handle(R"(\(@\w{1,30}\)\s+[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})");
    if (std::regex_search(t, handle)) return "embedded post";
    static const std::regex duration(R"(\s\d{1,2}:\d{2}$)");
    const std::string tail = t.size() > 12 ? t.substr(t.size() - 12) : t;
    if (std::regex_search(tail, duration) && t.find_first_of(".!?") == std::string::npos) return "video teaser";
    return nullptr;
}

// "… in the Capitol on Friday. Tom Williams/CQ-Roll Call, Inc via Getty Images", "(Sunday Alamba/AP)":
// a photo agency's credit ends the block, so the block is a caption.
bool agencyCredit(const std::string& t) {
    if (t.size() > 3000) return false;
    const std::string tail = utf8Prefix(t.size() > 90 ? t.substr(t.size() - 90) : t, 90);
    static const std::regex re(
        R"((via Getty Images|Getty Images|AP Photo/[^)]*\)?|/(AP|AFP|Reuters|EPA|Xinhua|Bloomberg|Shutterstock)\)?|\((AP|AFP|Reuters|EPA)\))\s*$)");
    return std::regex_search(tail, re);
}

// "======", "------", "--", "* * *": a separator drawn with characters.
bool ruleLine(const std::string& t) {
    if (t.size() < 2 || t.size() > 300) return false;
    return t.find_first_not_of("=-_*~#+. ") == std::string::npos && t.find_first_not_of(". ") != std::string::npos;
}

// The share of a block's sentences that are a site's or a mailing's boilerplate ("You are
// receiving this email because…", "Unsubscribe: …", "X is a registered charity", "版权所有").
double boilerplateShare(const std::string& text) {
    if (text.size() > 3000) return 0;
    static const std::regex re(
        R"(receiving this (e-?mail|newsletter|message)|unsubscribe|mailing address|update your preferences|manage (your )?(subscription|preferences)|forward (this |it )?to a friend|view (this|it) (e-?mail )?in your browser|registered charity|company limited by guarantee|registered (office|in england)|all rights reserved|privacy (policy|notice)|terms (of|and) (use|service|conditions)|版权所有|版權所有|未经授权|未經授權|不得转载|不得轉載|免责声明|免責聲明|备案号|備案號|ICP备|ICP證)",
        std::regex::icase);
    return sentenceShare(text, re, true);
}

// "县城生活网 › 论坛 › 城市交通 › (the title)", "Home > Research > Trade": two or more arrows between
// short labels; the last item may be long (the article's own title).
bool breadcrumbShape(const std::string& text) {
    const std::u32string u = toU32(text);
    if (u.size() > 200) return false;
    std::vector<std::u32string> parts(1);
    size_t arrows = 0;
    for (char32_t c : u) {
        if (c == '>' || c == U'›' || c == U'»' || c == U'＞' || c == U'→') {
            ++arrows;
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    if (arrows < 2) return false;
    for (size_t k = 0; k + 1 < parts.size(); ++k) {
        size_t han = 0, words = 1;
        std::u32string p = parts[k];
        while (!p.empty() && (p.back() == ' ' || p.back() == 0x3000)) p.pop_back();
        while (!p.empty() && (p.front() == ' ' || p.front() == 0x3000)) p.erase(p.begin());
        if (p.empty()) return false;
        for (char32_t c : p) {
            if (isCjk(c)) ++han;
            if (c == ' ') ++words;
        }
        if (han > 12 || (han == 0 && (words > 4 || p.size() > 30))) return false;
    }
    return true;
}

// "Name，XX研究中心研究员" / "Jane Roe, Senior Fellow at X": a person's name and a position.
bool namePositionShape(const std::string& text) {
    const std::u32string u = toU32(text);
    if (u.size() > 60 || u.size() < 4) return false;
    static const std::vector<std::u32string> positions = {
        U"研究员", U"研究員", U"教授", U"主任", U"院长", U"院長", U"所长", U"所長", U"学者", U"學者", U"博士", U"讲师", U"講師",
        U"总监", U"總監", U"主编", U"主編", U"记者", U"記者", U"分析师", U"分析師", U"副研究员", U"顾问", U"顧問", U"会长", U"會長"};
    size_t comma = u.find(U'，');
    if (comma == std::u32string::npos) comma = u.find(U',');
    if (comma == std::u32string::npos) comma = u.find(U'　');
    if (comma != std::u32string::npos && comma >= 2 && comma <= 4) {
        const std::u32string rest = u.substr(comma + 1);
        for (const auto& p : positions)
            if (rest.size() >= p.size() && rest.compare(rest.size() - p.size(), p.size(), p) == 0) return true;
    }
    static const std::regex en(
        R"(^[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){1,2}, (?:a |an |the )?(?:senior |junior |visiting |associate |assistant |research |non-resident |nonresident )*(?:fellow|professor|director|researcher|analyst|economist|editor|correspondent|lecturer|scholar|adviser|advisor|president|chair)\b)",
        std::regex::icase);
    return text.size() < 200 && std::regex_search(text, en);
}

bool shortBlock(const Features& f) { return f.han > 0 ? f.chars <= 24 : f.chars <= 60; }

// A block of running text: long enough, or a full sentence of some length.
bool bodyLike(const PageBlock& b, const Features& f) {
    if (f.han * 2 > f.chars) return f.han >= 40 || (f.han >= 16 && f.endsWithStop) || (b.indented && f.han >= 10 && !f.headingShape);
    return f.chars >= 90 || (f.chars >= 50 && f.endsWithStop) || (f.words >= 8 && f.sentences >= 1 && f.endsWithStop);
}

const std::regex& chromeClassRe() {
    static const std::regex re(
        R"((^|[\s_-])(share|sharing|social|bdshare|related|newsletter|breadcrumbs?|crumbs?|advert|advertisement|ads?|ad-slot|adsbygoogle|promo|comments?|comment-form|respond|tags|tag-list|topics|subscribe|signup|sidebar|widget|toolbar|print|lang-switcher|language|skip-link|nav|navbar|navigation|menu|footer|site-footer|copyright|cookie|cookies|consent|gdpr|banner|popup|modal|most-read|mostread|popular|trending|recommend|recommended|pagination|pager|masthead|site-header|disclaimer|cite|citation|cite-box)([\s_-]|$))");
    return re;
}

}  // namespace shape

using namespace shape;

Features blockFeatures(const PageBlock& b) {
    Features f;
    const std::u32string u = toU32(b.text);
    bool inWord = false;
    for (size_t i = 0; i < u.size(); ++i) {
        const char32_t c = u[i];
        const bool space = c == ' ' || c == 0xA0 || c == 0x3000 || c == '\t' || c == '\n';
        if (!space) ++f.chars;
        if (isCjk(c)) ++f.han;
        const bool letter = (c < 128 && std::isalnum(static_cast<int>(c))) || (c >= 0xC0 && c < 0x250);
        if (letter && !inWord) ++f.words;
        inWord = letter || (inWord && (c == '\'' || c == U'’' || c == '-'));
        if (isStopChar(c)) {
            // Latin stops count before a space or the end ("3.5", "U.S." inside a word do not).
            const bool latin = c == '.' || c == '!' || c == '?';
            if (!latin || i + 1 == u.size() || u[i + 1] == ' ' || u[i + 1] == '"' || u[i + 1] == U'”' || u[i + 1] == U'’' ||
                u[i + 1] == ')')
                ++f.sentences;
        }
    }
    {
        std::u32string t = u;
        static const std::u32string closers = U"\"”’」』）)]】》 ";
        while (!t.empty() && closers.find(t.back()) != std::u32string::npos) t.pop_back();
        f.endsWithStop = !t.empty() && (isStopChar(t.back()) || t.back() == U'；' || t.back() == ';');
    }
    if (!u.empty()) f.linkShare = std::min(1.0, static_cast<double>(b.linkChars) / static_cast<double>(u.size()));
    f.navShape = navShapeOf(b.text);
    f.hasDate = displayWidth(b.text) < 90 && findDate(b.text).has_value();
    f.byline = !parseByline(b.text).empty();
    f.namePosition = namePositionShape(b.text);
    f.lexicon = chromeReason(b.text);
    f.pattern = !f.lexicon.empty();
    if (f.lexicon.empty() && (f.han > 0 ? f.chars <= 30 : f.chars <= 80)) {
        std::string kind;
        if (!lexiconHit(b.text, &kind).empty()) f.lexicon = kind;
    }
    if (!b.hint.empty() && b.hint.size() < 800) {
        // Per element: a chrome word in its class counts unless a content word stands beside it
        // ("post-content editor-content", "article-body sidebar-aware"), as Readability weighs
        // class names both ways.
        static const std::regex positive(R"((^|[\s_-])(article|articlebody|body|content|entry|main|post|story|text|blog)([\s_-]|$))");
        std::stringstream ss(b.hint);
        std::string entry, part;
        while (std::getline(ss, part, ';')) {
            entry = part;
            std::smatch m;
            for (const char* sem : {"<nav>", "<aside>", "<footer>", "<form>", "<menu>"})
                if (entry.find(sem) != std::string::npos && f.hintChrome.empty()) f.hintChrome = sem;
            if (f.hintChrome.empty() && std::regex_search(entry, m, chromeClassRe()) && !std::regex_search(entry, positive)) f.hintChrome = m[2];
        }
    }
    f.headingShape = looksLikeSubheading(b.text, f.han * 2 > f.chars);
    f.relatedHeading = isRelatedHeading(b.text);
    return f;
}

}  // namespace inkstone::import
