// Web chrome: lines a page carries around its text (navigation, share and print bars, related
// lists, ads, credits, captions, footers). Each pattern names why it is chrome, for --explain.
#include <regex>

#include "import/extract.h"

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
        add(LR"(^(分享|share( this( article| story| page)?)?)\s*[:：]?(\s|$).*)", "share bar", true);
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
        add(LR"(^.{0,120}[（(](資料照|资料照|圖／|图／|圖/|图/|图片来源|圖片來源|photo|攝影|摄影|来源：|來源：)[^）)]*[）)]\s*$)", "photo caption", true);
        add(LR"(^(photo|image|photograph|credit)\s*[:：].{0,120}$)", "photo caption", true);
        add(LR"(^[＊*]?\s*本文(獲|获|经|經|由).{0,60}(授權|授权)(轉載|转载|刊登|發布|发布))", "reprint note (copyright)");
        add(LR"(^(来源|來源|source)\s*[:：].{0,40}$)", "source line", true);
        add(LR"(^(tags?|标签|標籤|关键词|關鍵詞|关键字|關鍵字)\s*[:：].{0,120}$)", "tag list", true);
        add(LR"(^(上一篇|下一篇|previous( article)?|next( article)?)\s*[:：].{0,120}$)", "article navigation", true);
        return p;
    }();
    return list;
}

}  // namespace

std::string chromeReason(const std::string& line) {
    // Chrome is a short line; a paragraph is not (and std::regex recurses per character spanned).
    if (line.empty() || line.size() > 400) return {};
    const std::wstring w = wide(line);
    for (const auto& p : patterns())
        if (std::regex_search(w, p.re)) return p.why;
    return {};
}

}  // namespace inkstone::import
