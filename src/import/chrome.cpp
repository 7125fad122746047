// Web chrome: lines a page carries around its text (navigation, share and print bars, related
// lists, ads, credits, captions, footers). Each pattern names why it is chrome, for --explain.
#include <algorithm>
#include <regex>
#include <unordered_map>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/page.h"

namespace inkstone::import {

namespace {

struct Pattern {
    std::wregex re;  // wide: character classes hold whole characters, not UTF-8 bytes
    const char* why;
};

const std::vector<Pattern>& patterns() {
    static const std::vector<Pattern> list = [] {
        const auto icase = std::regex::ECMAScript | std::regex::icase;
        std::vector<Pattern> p;
        auto add = [&](const wchar_t* re, const char* why, bool ci = false) {
            p.push_back({std::wregex(re, ci ? icase : std::regex::ECMAScript), why});
        };
        add(LR"(^(language|languages|語言|语言)\s*[:：])", "language switcher", true);
        add(LR"(^(english|中文)?\s*(简体|繁體|简体中文|繁體中文)(\s*[|/]?\s*(简体|繁體|english|中文))+\s*$)", "language switcher", true);
        add(LR"(^(首页|首頁|home)\s*(>|›|»|/|＞)\s*.*)", "breadcrumbs", true);
        add(LR"(^[^\s|｜]{1,10}(\s*[|｜]\s*[^\s|｜]{1,10}){2,}\s*$)", "navigation");
        add(LR"(^.*(>|›|»|＞)\s*(正文|內文|内文)\s*$)", "breadcrumbs");
        add(LR"(^(【?打印(本页|本頁)?】?|【?列印】?)?\s*(字号|字號)\s*[:：]?\s*(大|\[大\])\s*(中|\[中\])\s*(小|\[小\]))", "print and font-size bar");
        add(LR"(^(【?(打印|列印)(本页|本頁|此页|此頁)?】?\s*)+(【?(关闭|關閉)(窗口|視窗)】?)?\s*$)", "print bar");
        add(LR"(^【?(关闭|關閉)(窗口|視窗)】?\s*$)", "print bar");
        add(LR"(^(分享到|分享至)\s*[:：]?.*)", "share bar");
        add(LR"(^(分享|share( this( article| story| page| post)?)?)\s*([:：].*|$))", "share bar", true);
        add(LR"(^share (on|via|to) .{0,60}$)", "share bar", true);
        add(LR"(^(share|tweet|email|print|facebook|twitter|linkedin|whatsapp|copy link)(\s*[|·•/]?\s*(share|tweet|email|print|facebook|twitter|x|linkedin|whatsapp|copy link))+\s*$)", "share bar", true);
        add(LR"(^listen\s+\d+\s*min\b.*)", "toolbar", true);
        add(LR"(^(\d+\s*(min|mins|minute|minutes)\s*(read|reading)|reading time\s*[:：]?.{0,20}|阅读时间.{0,10}|閱讀時間.{0,10}|\d+\s*分钟阅读|\d+\s*分鐘閱讀)\s*$)", "reading time", true);
        add(LR"(^(gift\s*outline\s*)?gift article\s*$)", "toolbar", true);
        add(LR"(^comment on this story\b.*)", "toolbar", true);
        add(LR"(^(back to top|top of page|返回顶部|返回頂部|回到顶部|回到頂部|回到頁首|回到页首|回頁首|TOP)\s*[↑^]?\s*$)", "back to top", true);
        add(LR"(^[\[［【]?(广告|廣告|advertisement|sponsored|ad)[\]］】]?\s*$)", "advertisement", true);
        add(LR"(^[\[［【]?(广告|廣告)[\]］】]?\s*(请|請)继续往下阅读|^[\[［【]?(广告|廣告)[\]］】]?\s*請繼續往下閱讀)", "advertisement");
        add(LR"(^(请继续往下阅读|請繼續往下閱讀|继续阅读|繼續閱讀|story continues below( advertisement)?|continue reading)\s*[.。…]*\s*$)", "advertisement", true);
        add(LR"(^(责任编辑|責任編輯|核稿编辑|核稿編輯|编辑|編輯|责编|責編|实习编辑|實習編輯|审核|審核|校对|校對)\s*[:：].{0,30}$)", "editor credit");
        add(LR"(^(edited by|editor:|editing by)\s.{0,60}$)", "editor credit", true);
        add(LR"(^.*(copyright|©|版权所有|版權所有|all rights reserved|未经授权|未經授權|不得转载|不得轉載).*$)", "copyright footer", true);
        add(LR"(^.*(下载|下載).{0,20}(app|APP|客户端|客戶端).*$)", "app promotion", true);
        add(LR"(^(点我|點我|按我).{0,20}$)", "app promotion");
        add(LR"(^[▲△▼■◆●]\s*.+)", "photo caption");
        add(LR"(^(图|圖|图片|圖片|摄影|攝影|照片)\s*[:：／/].{0,60}$)", "photo credit");
        add(LR"(^(擷取自|撷取自|截取自|翻攝自|翻摄自|圖片取自|图片取自).{0,80}$)", "photo credit");
        add(LR"(^.{0,50}[（(](資料照|资料照|資料圖片|资料图片|資料相片|圖／|图／|圖/|图/|图片来源|圖片來源|photo|攝影|摄影|来源：|來源：)[^）)]*[）)]\s*$)", "photo caption", true);
        add(LR"(^(photo|image|photograph|credit)\s*[:：].{0,120}$)", "photo caption", true);
        add(LR"(^[（(【\[][^）)】\]]{0,24}(記者|记者|報道|报道|報導|专讯|專訊|综合报道|綜合報導)[^）)】\]]{0,12}[）)】\]]$)", "credit line");
        add(LR"(^(发表于|發表於|楼主|樓主|沙发|沙發|板凳|地板|只看该作者|只看該作者|当前离线|當前離線|返回列表|发新帖|發新帖|回复|回覆|举报|舉報|复制链接|複製鏈接|本帖最后由|本帖最後由|发消息|發消息|加好友|私信|发私信|發私信)(\s|$|[:：|]).{0,80}$)", "forum chrome");
        add(LR"(^(图为|圖為|上图|上圖|下图|下圖|图说|圖說)[：:，,]?.{0,120}$)", "photo caption");
        add(LR"(^.{0,30}(当前离线|當前離線|当前在线|當前在線)\s*$)", "forum chrome");
        add(LR"(^[＊*]?\s*本文(獲|获|经|經|由).{0,60}(授權|授权)(轉載|转载|刊登|發布|发布))", "reprint note (copyright)");
        add(LR"(^(来源|來源)\s*[:：].{0,40}$)", "source line", true);
        add(LR"(^(source|sources|data)\s*[:：].{0,120}$)", "source line", true);
        add(LR"(^(figure|fig\.|chart|graph|map|exhibit|图|圖|图表|圖表)\s*\d+(\.\d+)?\s*[.:：．]?\s.{0,150}$)", "figure caption", true);
        add(LR"(^\[\d+/\d+\]\s.{0,300}$)", "photo caption", true);
        add(LR"(^[-—–\s]*(end|完|全文完)[-—–\s]*$)", "end mark", true);
        add(LR"(^(点击查看大图|點擊查看大圖|查看大图|查看大圖|查看原图|查看原圖|点击图片查看|展开全文|展開全文|阅读全文|閱讀全文|打开APP.{0,20}|打開APP.{0,20}|打开.{0,8}APP.{0,12}|下载APP.{0,20}|IP属地.{0,12}|IP屬地.{0,12}|举报/反馈|舉報/反饋|举报|舉報)\s*$)", "toolbar");
        add(LR"(^(enlarge this image|toggle caption|hide caption|show caption|expand image|view image)\b.{0,160}$)", "photo caption", true);
        add(LR"(^(purchase licensing rights|opens new tab|our standards:.{0,120}|read next|sponsored content|more from .{0,40})$)", "wire service chrome", true);
        add(LR"(^(编辑|編輯|审核|審核|校对|校對|排版|美编|美編|责编|責編|图片|圖片|设计|設計|监制|監製)\s*[｜|/／]\s*\S{1,20}$)", "credit line");
        add(LR"(^(tags?|标签|標籤|关键词|關鍵詞|关键字|關鍵字)\s*[:：].{0,120}$)", "tag list", true);
        add(LR"(^(上一篇|下一篇|previous( article)?|next( article)?)\s*[:：].{0,120}$)", "article navigation", true);
        add(LR"(^(related|see also|read more|more on this|also read|read also|recommended)\s*[:：].{0,200}$)", "related link", true);
        add(LR"(^(延伸阅读|延伸閱讀|相关阅读|相關閱讀|推荐阅读|推薦閱讀|相关新闻|相關新聞|看更多|更多报道|更多報導)\s*[:：／/].{0,80}$)", "related link");
        add(LR"(^(字级|字級|字号|字號|字体|字體)(\s*[:：].{0,12})?$)", "toolbar");
        add(LR"(^(今天是|今日是|今天：|today is)\s*.{0,60}$)", "date banner", true);
        add(LR"(^(请输入|請輸入|输入你的|輸入你的|enter your )\s*(e-?mail|email|电子邮箱|電子郵件|信箱).{0,20}$)", "newsletter sign-up", true);
        return p;
    }();
    return list;
}

}  // namespace

std::string chromeReason(const std::string& line) {
    // Chrome is a short line; a paragraph is not (and std::regex recurses per character spanned).
    if (line.empty() || line.size() > 400) return {};
    // The segmenter and the classifier both ask about each line: the answer is kept (per thread,
    // bounded) so that the forty wide regexes run once a line.
    thread_local std::unordered_map<std::string, std::string> memo;
    if (auto it = memo.find(line); it != memo.end()) return it->second;
    if (memo.size() > 100000) memo.clear();
    const std::wstring w = wide(line);
    std::string why;
    for (const auto& p : patterns())
        if (std::regex_search(w, p.re)) {
            why = p.why;
            break;
        }
    memo.emplace(line, why);
    return why;
}

}  // namespace inkstone::import

// ---- chrome inside a paragraph --------------------------------------------------------------------

namespace inkstone::import {

namespace {

bool closer(char32_t c) { return c == U'”' || c == U'’' || c == '"' || c == '\'' || c == U'」' || c == U'』' || c == ')' || c == U'）'; }

// A paragraph cut into sentences: [begin, end) code point spans, covering the whole text.
std::vector<std::pair<size_t, size_t>> sentenceSpans(const std::u32string& u) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t start = 0;
    for (size_t i = 0; i < u.size(); ++i) {
        const char32_t c = u[i];
        const bool cjkStop = c == U'。' || c == U'！' || c == U'？';
        const bool latinStop = (c == '.' || c == '!' || c == '?') && (i + 1 == u.size() || u[i + 1] == ' ' || closer(u[i + 1]));
        if (!cjkStop && !latinStop) continue;
        size_t e = i + 1;
        while (e < u.size() && closer(u[e])) ++e;
        while (e < u.size() && u[e] == ' ') ++e;
        out.push_back({start, e});
        start = e;
        i = e - 1;
    }
    if (start < u.size()) out.push_back({start, u.size()});
    return out;
}

std::string toUtf8(const std::u32string& u, size_t a, size_t b) {
    std::string s;
    for (size_t k = a; k < b && k < u.size(); ++k) appendUtf8(s, u[k]);
    return s;
}

// "ArrowRight", "ChevronDown", "icon-share": an icon's name that a scraper took for text.
bool iconName(const std::string& token) {
    if (token.size() < 6 || token.size() > 30) return false;
    if (token.rfind("icon-", 0) == 0 || token.rfind("icon_", 0) == 0) return true;
    if (!(token[0] >= 'A' && token[0] <= 'Z')) return false;
    int humps = 0;
    for (size_t k = 1; k < token.size(); ++k) {
        const char c = token[k];
        if (!std::isalpha(static_cast<unsigned char>(c))) return false;
        if (c >= 'A' && c <= 'Z') {
            if (token[k - 1] >= 'A' && token[k - 1] <= 'Z') return false;  // "NASA", "USAid"
            ++humps;
        }
    }
    if (humps < 1) return false;
    // Icon sets name things by shape and direction.
    static const std::regex words(R"((Arrow|Chevron|Caret|Icon|Close|Menu|Share|Play|Pause|Right|Left|Up|Down|Circle|Outline|Filled|External|Link|Mail|Search|Plus|Minus|Check|Bookmark|Comment|Print))");
    return std::regex_search(token, words);
}

const char* sentenceChrome(const std::string& s) {
    if (s.size() > 400) return nullptr;
    static const std::regex promo(
        R"(^\s*(sign up|subscribe)\b|^\s*thanks for reading\b|^\s*(download|get (the|our)|follow us|support (our|us)|become a (member|subscriber)|donate|join (our|us)|click here|tap here)\b.{0,140}\b(newsletter|app|podcast|journalism|today|now|here|member|subscri|updates|alerts|inbox)|\bour (free )?[a-z ]{0,30}newsletter\b|if you('re| are) enjoying (this|our)|you'll love (my|our)|\b(donate|make a (gift|donation)) (today|now)\b|(下载|下載|订阅|訂閱|关注|關注|追蹤|扫码|掃碼|点击|點擊).{0,20}(app|APP|客户端|客戶端|公众号|公眾號|频道|頻道|粉絲團|粉丝团))",
        std::regex::icase);
    static const std::regex reprint(
        R"((reprinted (from|with)|republished (from|with|under)|originally (appeared|published)|original version (appeared|was published)|first (appeared|published) (on|in|at)|本文(经|經|获|獲|由).{0,30}(授权|授權)|(转载|轉載)自|原(文|刊)(刊|載|载|登)于?|本文来源|本文來源|(转载|轉載)请?注明|(轉載)請?註明|最初(發表|发表)(於|于)|首(發|发)(於|于)|原(載|载)(於|于)))",
        std::regex::icase);
    if (std::regex_search(s, promo)) return "promotion";
    if (std::regex_search(s, reprint)) return "reprint note";
    return nullptr;
}

// A trailing credit: "（责任编辑：X）", "(来源：X)", "（圖／X提供）", "(Photo: X/Agency)", or an
// unbracketed "圖：X" / "Photo: X" after the last sentence. Returns where it starts, or npos.
size_t trailingCredit(const std::u32string& u, std::string& why) {
    if (u.empty()) return std::u32string::npos;
    static const std::vector<std::u32string> labels = {
        U"责任编辑", U"責任編輯", U"编辑", U"編輯", U"记者", U"記者", U"责编", U"責編", U"来源", U"來源", U"图片来源", U"圖片來源", U"图", U"圖",
        U"摄影", U"攝影", U"资料照", U"資料照", U"资料图片", U"資料圖片", U"photo", U"image", U"credit", U"source", U"photograph", U"file photo"};
    auto lowerAscii = [](std::u32string s) {
        for (auto& c : s)
            if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        return s;
    };
    auto labelled = [&](const std::u32string& inside) -> bool {
        const std::u32string low = lowerAscii(inside);
        for (const auto& l : labels) {
            if (low.compare(0, l.size(), l) != 0) continue;
            if (low.size() == l.size()) return l == U"资料照" || l == U"資料照" || l == U"资料图片" || l == U"資料圖片";
            const char32_t next = low[l.size()];
            if (next == U'：' || next == ':' || next == U'／' || next == '/' || next == U'∕' || next == ' ') return true;
        }
        return false;
    };
    const char32_t last = u.back();
    if (last == U'）' || last == ')') {
        const char32_t open = last == U'）' ? U'（' : U'(';
        const size_t at = u.rfind(open);
        if (at != std::u32string::npos && u.size() - at <= 60) {  // (a whole line in brackets: a caption)
            const std::u32string inside = u.substr(at + 1, u.size() - at - 2);
            // "（X提供）", "（X資料照）", "（X攝）": a credit named at its end.
            bool provided = false;
            for (const std::u32string end : {U"提供", U"供圖", U"供图", U"資料照", U"资料照", U"資料圖片", U"资料图片", U"資料圖", U"资料图", U"攝", U"摄"})
                if (inside.size() >= end.size() && inside.compare(inside.size() - end.size(), end.size(), end) == 0) provided = true;
            if (labelled(inside) || provided) {
                const std::u32string low = lowerAscii(inside);
                why = low.find(U"编辑") != std::u32string::npos || low.find(U"編輯") != std::u32string::npos ? "editor credit"
                      : low.find(U"来源") == 0 || low.find(U"來源") == 0 || low.find(U"source") == 0           ? "source credit"
                      : low.find(U"记者") == 0 || low.find(U"記者") == 0                                       ? "reporter credit"
                                                                                                             : "photo credit";
                return at;
            }
        }
    }
    // Unbracketed, after the last sentence: "… 圖：擷取自微博「X」", "… Photo: Jane Roe/Agency".
    // "…。受访者供图", "…。记者 孙一鸣 摄": a photo credit after the last sentence, named by its end.
    {
        size_t stop = u.find_last_of(U"。！？");
        if (stop != std::u32string::npos && stop + 1 < u.size() && u.size() - stop - 1 <= 16) {
            const std::u32string rest = u.substr(stop + 1);
            for (const std::u32string end : {U"供图", U"供圖", U"提供", U"摄", U"攝", U"资料图", U"資料圖"})
                if (rest.size() > end.size() && rest.compare(rest.size() - end.size(), end.size(), end) == 0) {
                    why = "photo credit";
                    return stop + 1;
                }
        }
    }
    // "…。记者 贾海峰": the reporter named after the last sentence.
    for (const char32_t* l : {U"记者 ", U"記者 ", U"记者　", U"記者　", U"记者：", U"記者："}) {
        const std::u32string label = l;
        const size_t at = u.rfind(label);
        if (at == std::u32string::npos || at == 0 || u.size() - at - label.size() > 12) continue;
        const char32_t before = u[at - 1];
        if (before == U'。' || before == U'！' || before == U'？' || before == U'”' || before == ' ') {
            why = "reporter credit";
            return at;
        }
    }
    for (const char32_t* l : {U"圖：", U"图：", U"圖 : ", U"图 : ", U"圖 :", U"圖／", U"图／", U"圖/", U"图/", U"Photo: ", U"Photo：",
                              U"Image: ", U"Credit: ", U"Source: ", U"Photograph: ", U"擷取自", U"撷取自", U"翻攝自", U"翻摄自"}) {
        const std::u32string label = l;
        const size_t at = u.rfind(label);
        if (at == std::u32string::npos || at == 0 || u.size() - at > 70) continue;
        const char32_t before = u[at - 1];
        if (before == U'。' || before == U'！' || before == U'？' || before == ' ' || before == U'　' || before == U'」' || before == U'”' ||
            before == '.') {
            why = "photo credit";
            return at;
        }
    }
    return std::u32string::npos;
}

// Anti-scraping junk that forums and reposting sites hide in a Chinese paragraph ("补x9Lq贴",
// "…。7 [& t2 K. s/ b这个…"): an ASCII run between Chinese characters that reads as no word,
// number or term: several one- or two-character tokens with symbols, or one short token that
// changes between lower case, upper case and digits three times. Returns the runs' [begin, end).
std::vector<std::pair<size_t, size_t>> junkRuns(const std::u32string& u) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t han = 0;
    for (char32_t c : u)
        if (isCjk(c)) ++han;
    if (han * 2 < u.size()) return out;
    size_t i = 0;
    while (i < u.size()) {
        if (u[i] >= 128) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < u.size() && u[j] < 128) ++j;
        const bool hanBefore = i > 0 && isCjk(u[i - 1]);
        const bool hanAfter = j < u.size() && isCjk(u[j]);
        std::string run;
        for (size_t k = i; k < j; ++k) run += static_cast<char>(u[k]);
        std::vector<std::string> tokens;
        {
            std::string t;
            for (char c : run + " ") {
                if (c == ' ') {
                    if (!t.empty()) tokens.push_back(t);
                    t.clear();
                } else {
                    t += c;
                }
            }
        }
        bool junk = false;
        if ((hanBefore || hanAfter || i == 0 || j == u.size()) && tokens.size() >= 3) {
            size_t symbols = 0, letters = 0;
            for (char c : run) {
                if (std::string("[]&$%;!:/()#*^~`|{}<>=+").find(c) != std::string::npos) ++symbols;
                if (std::isalnum(static_cast<unsigned char>(c))) ++letters;
            }
            junk = symbols >= 2 && letters * 2 <= tokens.size() * 5;  // tokens of 2.5 characters or fewer
        } else if (hanBefore && hanAfter && tokens.size() == 1 && run.size() >= 4 && run.size() <= 6) {
            int changes = 0, digits = 0;
            auto kind = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? 0 : std::islower(static_cast<unsigned char>(c)) ? 1 : std::isupper(static_cast<unsigned char>(c)) ? 2 : 3; };
            for (size_t k = 0; k < run.size(); ++k) {
                if (kind(run[k]) == 3) changes = -10;
                if (kind(run[k]) == 0) ++digits;
                if (k > 0 && kind(run[k]) != kind(run[k - 1])) ++changes;
            }
            const bool lower = std::any_of(run.begin(), run.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
            const bool upper = std::any_of(run.begin(), run.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
            junk = changes >= 3 && digits >= 1 && lower && upper;  // "x9Lq", not "MP3MP4" or "iOS17"
        }
        if (junk) out.push_back({i, j});
        i = j;
    }
    return out;
}

// A site's watermark glued into a sentence: "县城生活网-bbs.example.cn".
std::vector<std::pair<size_t, size_t>> watermarks(const std::u32string& u) {
    std::vector<std::pair<size_t, size_t>> out;
    for (size_t at = 0; (at = u.find_first_of(U"网網", at)) != std::u32string::npos; ++at) {
        size_t k = at + 1;
        while (k < u.size() && (u[k] == ' ' || u[k] == '-' || u[k] == U'—' || u[k] == U'－')) ++k;
        if (k == at + 1 || k >= u.size()) continue;
        size_t d = k, dots = 0;
        while (d < u.size() && u[d] < 128 && (std::isalnum(static_cast<int>(u[d])) || u[d] == '.' || u[d] == '-')) {
            if (u[d] == '.') ++dots;
            ++d;
        }
        if (dots == 0 || d - k < 5) continue;
        size_t b = at;  // the site's name: ideographs only (a stop or comma before it is the text's)
        while (b > 0 && at - b < 8 && isHan(u[b - 1])) --b;
        if (at - b >= 2) out.push_back({b, d});
    }
    return out;
}

}  // namespace

bool junkLine(const std::string& text) {
    // A line of its own of the same anti-scraping junk ("$ e; K0 O3 ]( s"): three or more tokens of
    // one or two characters, with symbols among them, and no word.
    // Junk's tokens mix kinds within two characters ("e;", "K0", "D!"); a formula's do not ("G20 + 8").
    if (text.size() > 80 || text.empty()) return false;
    size_t tokens = 0, longest = 0, mixed = 0;
    std::string cur;
    for (char c : text + " ") {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
        if (c != ' ') {
            cur += c;
            continue;
        }
        if (cur.empty()) continue;
        ++tokens;
        longest = std::max(longest, cur.size());
        auto kind = [](char k) { return std::isalpha(static_cast<unsigned char>(k)) ? 0 : std::isdigit(static_cast<unsigned char>(k)) ? 1 : 2; };
        if (cur.size() == 2 && kind(cur[0]) != kind(cur[1])) ++mixed;
        cur.clear();
    }
    return tokens >= 3 && longest <= 3 && mixed >= 2;
}

std::string trailingCreditKind(const std::string& text) {
    if (text.size() > 2000) return {};
    std::u32string u = toU32(text);
    while (!u.empty() && (u.back() == ' ' || u.back() == U'　')) u.pop_back();
    std::string kind;
    if (trailingCredit(u, kind) == std::u32string::npos) return {};
    return kind;
}

std::string cutInlineChrome(std::string& text, std::string& why) {
    if (text.size() > 20000) return {};
    std::u32string u = toU32(text);
    std::string cut;
    auto note = [&](const std::string& piece, const char* kind) {
        if (trimWeb(piece).empty()) return;
        cut += (cut.empty() ? "" : " ") + trimWeb(piece);
        if (why.empty()) why = kind;
    };
    {
        auto spans = junkRuns(u);
        const size_t junk = spans.size();
        for (auto& w : watermarks(u)) spans.push_back(w);
        std::sort(spans.begin(), spans.end());
        if (!spans.empty()) {
            std::u32string kept;
            size_t from = 0;
            for (size_t k = 0; k < spans.size(); ++k) {
                if (spans[k].first < from) continue;
                kept += u.substr(from, spans[k].first - from);
                note(toUtf8(u, spans[k].first, spans[k].second), junk > 0 ? "anti-scraping junk" : "watermark");
                from = spans[k].second;
            }
            kept += u.substr(from);
            u = kept;
        }
    }
    // Sentences that are promotions or reprint notes, and icon names after them.
    const auto spans = sentenceSpans(u);
    if (spans.size() >= 2 || (spans.size() == 1 && u.size() < 300)) {
        std::u32string kept;
        bool afterCut = false;
        for (size_t k = 0; k < spans.size(); ++k) {
            std::u32string s = u.substr(spans[k].first, spans[k].second - spans[k].first);
            // Icon names at the start of a sentence (or alone).
            while (true) {
                size_t sp = s.find(U' ');
                const std::string token = toUtf8(s, 0, sp == std::u32string::npos ? s.size() : sp);
                std::string bare = token;
                while (!bare.empty() && (bare.back() == '.' || bare.back() == ',')) bare.pop_back();
                if (!iconName(bare)) break;
                note(token, "icon name");
                s = sp == std::u32string::npos ? std::u32string() : s.substr(sp + 1);
            }
            const std::string sentence = toUtf8(s, 0, s.size());
            const char* kind = spans.size() >= 2 || k == 0 ? sentenceChrome(sentence) : nullptr;
            // A promotion is short; a sentence that reports on a newsletter is not cut.
            if (kind && (toU32(sentence).size() <= 160 || std::string(kind) == "reprint note")) {
                note(sentence, kind);
                afterCut = true;
                continue;
            }
            (void)afterCut;
            kept += s;
        }
        if (!cut.empty()) {
            if (trimWeb(toUtf8(kept, 0, kept.size())).empty() && spans.size() == 1) {
                // The whole block was chrome: leave that to the block classifier's reasons too.
            }
            u = kept;
        }
    }
    // A related list glued to the end ("…。相关阅读：X Y Z"): from its label to the end, when what
    // follows is headlines (no full stop) or short.
    {
        static const std::vector<std::u32string> labels = {U"相关阅读：", U"相關閱讀：", U"相关新闻：", U"相關新聞：", U"延伸阅读：",
                                                           U"延伸閱讀：", U"相关文章：", U"相關文章：", U"推荐阅读：", U"推薦閱讀："};
        for (const auto& l : labels) {
            const size_t at = u.rfind(l);
            if (at == std::u32string::npos || at == 0) continue;
            const std::u32string rest = u.substr(at + l.size());
            if (rest.find(U'。') == std::u32string::npos || rest.size() <= 80) {
                note(toUtf8(u, at, u.size()), "related list");
                u.resize(at);
                break;
            }
        }
    }
    // Trailing credits, possibly several ("…。（圖／X提供）（责任编辑：Y）").
    for (int round = 0; round < 3; ++round) {
        while (!u.empty() && (u.back() == ' ' || u.back() == U'　')) u.pop_back();
        std::string kind;
        const size_t at = trailingCredit(u, kind);
        if (at == std::u32string::npos) break;
        note(toUtf8(u, at, u.size()), kind.c_str());
        if (why == "icon name" || why.empty()) why = kind;
        u.resize(at);
    }
    // An icon name left at the very end.
    while (!u.empty()) {
        while (!u.empty() && u.back() == ' ') u.pop_back();
        const size_t sp = u.rfind(U' ');
        const std::string token = toUtf8(u, sp == std::u32string::npos ? 0 : sp + 1, u.size());
        if (sp == std::u32string::npos || !iconName(token)) break;
        note(token, "icon name");
        u.resize(sp);
    }
    if (cut.empty()) return {};
    text = trimWeb(toUtf8(u, 0, u.size()));
    return cut;
}

}  // namespace inkstone::import
