// classify (page.h) and the pieces around it: block features, the body region, listings, the text
// segmenter, chrome inside a paragraph, positions, dates, and importPage end to end on small pages.
// All text is invented for these tests.
#include <doctest/doctest.h>

#include <cstdio>

#include "base/utf8.h"
#include "import/extract.h"
#include "import/page.h"

using namespace inkstone;
using namespace inkstone::import;

namespace {

std::string iso(const std::optional<model::Date>& d) {
    if (!d) return "none";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

PageBlock block(const std::string& text, const std::string& hint = {}) {
    PageBlock b;
    b.text = text;
    b.hint = hint;
    return b;
}

Features feat(const std::string& text, const std::string& hint = {}) { return blockFeatures(block(text, hint)); }

// The index of the first block whose text starts with `prefix` (blocks.size() when none).
size_t at(const SegmentedPage& page, const std::string& prefix) {
    for (size_t i = 0; i < page.blocks.size(); ++i)
        if (page.blocks[i].text.rfind(prefix, 0) == 0) return i;
    return page.blocks.size();
}

// The chrome cutInlineChrome finds in `text` (and `text` after it).
struct Cut {
    std::string cut, why, text;
};
Cut cutOf(const std::string& text) {
    Cut c;
    c.text = text;
    c.cut = cutInlineChrome(c.text, c.why);
    return c;
}

const char* kEn1 =
    "The eastern terminal handled more containers last year than in any year since it opened, and the port "
    "authority expects the growth to continue through the next decade.";
const char* kEn2 =
    "Most of the new traffic comes from inland depots that were linked to the harbour by rail five years ago. "
    "Shippers say the trains cut a day from the journey to the coast.";
const char* kEn3 =
    "Not everyone is pleased. Residents near the rail yard complain of noise at night, and the council has asked "
    "the operator to limit shunting after ten o'clock.";
const char* kZh1 = "澄州港今年前五个月的集装箱吞吐量同比增长百分之十二，增速在沿海港口中位居前列。港口管理局表示，增长主要来自内陆铁路班列带来的新货源。";
const char* kZh2 = "不过，港区周边居民对夜间噪音的投诉也在增加。市政府已要求运营方在晚上十点以后减少调车作业，并在铁路沿线加装隔音屏障。";
const char* kZh3 = "业内人士认为，港口与内陆腹地的联系越紧密，城市在区域物流网络中的地位就越稳固，但配套设施的建设必须跟上。";

}  // namespace

// ---- 1. blockFeatures ---------------------------------------------------------------------------

TEST_CASE("classify: counts of a block (chars, han, words, sentences, final stop)") {
    Features en = feat("Prices rose. Wages fell.");
    CHECK(en.chars == 21);
    CHECK(en.words == 4);
    CHECK(en.sentences == 2);
    CHECK(en.endsWithStop);

    Features han = feat("电网建设 进展很快");
    CHECK(han.han == 8);
    CHECK(han.chars == 8);

    Features zh = feat("电网建设进展很快。居民满意吗？");
    CHECK(zh.sentences == 2);

    // A decimal point is no stop; a stop inside a closing quote is (and ends the block).
    Features q = feat("Output grew 3.5 percent, he said. \"We expected less.\"");
    CHECK(q.sentences == 2);
}

TEST_CASE("classify: menus have a menu shape, headlines and dates do not") {
    CHECK(feat("首页 | 新闻 | 城市 | 经济").navShape >= 0.6);
    CHECK(feat("即時 熱門 政治 國際 財經").navShape >= 0.6);
    CHECK(feat("Home News World Politics Business").navShape >= 0.6);
    CHECK(feat("The Heat Pump Subsidy That Nobody Claimed").navShape == 0);
    CHECK(feat("澄州电网改造 为何迟迟不能完工").navShape == 0);
    CHECK(feat("Metal Gear Solid (Including VR Missions/Special Missions)").navShape == 0);
    CHECK(feat("2025/06/02 14:35").navShape == 0);
}

TEST_CASE("classify: dates, bylines, names with positions") {
    CHECK(feat("2025/06/02 14:35").hasDate);
    // A date inside a long paragraph is not a date line.
    CHECK_FALSE(feat(std::string("On May 3, 2024 the terminal reopened. ") + kEn1).hasDate);

    CHECK(feat("By Jane Roe").byline);
    CHECK(feat("作者：王小明").byline);
    CHECK(feat("記者林美華／台北報導").byline);
    CHECK(feat("文字｜周启航").byline);
    CHECK_FALSE(feat("The ports grew by a third.").byline);

    CHECK(feat("顾明远，城市发展研究中心研究员").namePosition);
    CHECK(feat("Jane Roe, a senior fellow at the Harlow Institute").namePosition);
    CHECK_FALSE(feat("Prices rose, analysts said.").namePosition);
}

TEST_CASE("classify: chrome words and chrome classes") {
    CHECK(feat("Advertisement").lexicon == "advertisement");
    CHECK(feat("Follow us on Weibo").lexicon == "promotion");
    CHECK(feat(kEn1).lexicon.empty());

    CHECK(feat("Share on Weibo", "article-footer ; share-bar ; ").hintChrome == "share");
    CHECK(feat(kEn1, "post-content editor-content ; ").hintChrome.empty());
    CHECK(feat(kEn1, "article-body sidebar-aware ; ").hintChrome.empty());
    CHECK(feat("Home", "<nav> site-menu ; ").hintChrome == "<nav>");
}

// ---- 2. classify on text pages ------------------------------------------------------------------

TEST_CASE("classify: the body region covers the paragraphs, not the menu or the footer") {
    const std::string text = std::string("Home News World Politics Business\n\nInland Ports Find a Second Life\n\nMay 3, 2024\n\n") + kEn1 +
                             "\n\n" + kEn2 + "\n\n" + kEn3 + "\n\nCopyright © 2024 Example Daily. All rights reserved.\n";
    const SegmentedPage page = segmentText(text);
    REQUIRE(page.blocks.size() == 7);
    const Classification c = classify(page);
    CHECK(c.blocks[0].cls == Cls::Chrome);
    CHECK(c.blocks[6].cls == Cls::Chrome);
    CHECK(c.bodyBegin == at(page, "The eastern"));
    CHECK(c.bodyEnd == at(page, "Not everyone") + 1);
}

TEST_CASE("classify: a related list after the text is chrome") {
    // The heading with its full-width colon (a byte regex once read "：" as three bytes).
    CHECK(isRelatedHeading("相关新闻："));
    CHECK(isRelatedHeading("相關閱讀："));
    const std::string zh = std::string("澄州港吞吐量再创新高\n\n") + kZh1 + "\n\n" + kZh2 +
                           "\n\n相关新闻：\n澄州港口吞吐量创新高\n东南亚电网互联提速\n区域电价改革进入深水区\n";
    const SegmentedPage page = segmentText(zh);
    const Classification c = classify(page);
    const size_t heading = at(page, "相关新闻：");
    REQUIRE(heading + 3 < page.blocks.size());
    CHECK(c.blocks[heading].cls == Cls::Chrome);
    CHECK(c.blocks[heading + 1].cls == Cls::Chrome);
    CHECK(c.blocks[heading + 3].cls == Cls::Chrome);
    CHECK(c.bodyEnd == at(page, "不过") + 1);

    const std::string en = std::string(kEn1) + "\n\n" + kEn2 +
                           "\n\nYou might also like\nRail Freight Link Opens to Inland Depot\nHarbour Dredging Plan Wins Approval\n";
    const SegmentedPage p2 = segmentText(en);
    const Classification c2 = classify(p2);
    const size_t h2 = at(p2, "You might");
    REQUIRE(h2 + 2 < p2.blocks.size());
    CHECK(c2.blocks[h2 + 2].cls == Cls::Chrome);
    CHECK(c2.bodyEnd == h2);
}

TEST_CASE("classify: a caption or an ad between paragraphs does not end the region") {
    const std::string text = std::string(kEn1) + "\n\nCranes at the eastern terminal. (Photo: Jane Roe/Agency)\n\n" + kEn2 +
                             "\n\nAdvertisement\n\n" + kEn3 + "\n";
    const SegmentedPage page = segmentText(text);
    REQUIRE(page.blocks.size() == 5);
    const Classification c = classify(page);
    CHECK(c.blocks[1].cls == Cls::Chrome);
    CHECK(c.blocks[3].cls == Cls::Chrome);
    CHECK(c.bodyBegin == 0);
    CHECK(c.bodyEnd == 5);
}

TEST_CASE("classify: a page of teasers is a listing, an article with a related list is not") {
    const std::string listing =
        "Harbour Dredging Plan Wins Approval\nBy Jane Roe | May 3, 2024\nThe council voted on Monday to deepen the eastern channel by two metres.\n\n"
        "Rail Freight Link Opens to Inland Depot\nBy Tom Lee | May 2, 2024\nThe first trains carried containers from the coast to the depot on Tuesday.\n\n"
        "Port Authority Names New Chair\nBy Ann Wu | May 1, 2024\nThe former shipping executive will lead the authority for the next four years.\n\n"
        "Night Shunting Limits Take Effect\nBy Jane Roe | April 30, 2024\nOperators must now stop moving wagons in the rail yard after ten at night.\n";
    const SegmentedPage lp = segmentText(listing);
    CHECK(classify(lp).listing == 4);

    const std::string article =
        std::string("Inland Ports Find a Second Life\n\nMay 3, 2024\n\n") + kEn1 + "\n\n" + kEn2 + "\n\n" + kEn3 +
        "\n\nRelated stories\nHarbour Dredging Plan Wins Approval\nMay 2, 2024\nRail Freight Link Opens to Inland Depot\nMay 1, 2024\n"
        "Port Authority Names New Chair\nApril 30, 2024\n";
    const SegmentedPage ap = segmentText(article);
    const Classification c = classify(ap);
    CHECK(c.listing == 0);
    CHECK(c.bodyBegin == at(ap, "The eastern"));
    CHECK(c.bodyEnd == at(ap, "Not everyone") + 1);
}

TEST_CASE("classify: a reply under a forum post is outside the region") {
    const std::string text = std::string("澄州老城区停车难问题讨论\n\nalice2023\n\n发表于 2023-7-5 09:12\n\n　　") + kZh1 + "\n\n　　" + kZh2 +
                             "\n\nbob_lee\n\n发表于 2023-7-8 11:05\n\n　　" + kZh3 + "\n";
    const SegmentedPage page = segmentText(text);
    const Classification c = classify(page);
    const size_t reply = at(page, "业内人士");
    REQUIRE(reply < page.blocks.size());
    CHECK(c.bodyBegin == at(page, "澄州港今年"));
    CHECK(c.bodyEnd == at(page, "bob_lee"));
}

// ---- 3. segmentText -----------------------------------------------------------------------------

TEST_CASE("classify: segmentText joins hard wraps and splits pieces") {
    const std::string wrapped =
        "The regional transmission plan calls for three new interconnectors by\n"
        "2030, linking the northern wind farms with the southern cities where\n"
        "demand is growing fastest. Planners say the cost of the new infra-\n"
        "structure will be shared by the two provinces and the national grid\n"
        "company.\n"
        "\n"
        "Critics argue that the timetable is too ambitious. Building a single\n"
        "interconnector has taken more than eight years in the past, mostly\n"
        "because of disputes over land and permits along the route, and the\n"
        "plan does not say how those disputes would be settled any faster this\n"
        "time.\n";
    const SegmentedPage p = segmentText(wrapped);
    CHECK(p.hardWrapped);
    REQUIRE(p.blocks.size() == 2);
    CHECK(p.blocks[0].sourceLines == 5);
    CHECK(p.blocks[0].text ==
          "The regional transmission plan calls for three new interconnectors by 2030, linking the northern wind farms with "
          "the southern cities where demand is growing fastest. Planners say the cost of the new infrastructure will be "
          "shared by the two provinces and the national grid company.");
    CHECK(p.blocks[1].text.find("mostly because of disputes") != std::string::npos);

    const SegmentedPage pieces = segmentText("Home    About us    Contact\n");
    REQUIRE(pieces.blocks.size() == 3);
    CHECK(pieces.blocks[1].text == "About us");
    CHECK(pieces.blocks[2].piece);

    const SegmentedPage zh = segmentText(
        "　　澄州市今年启动老旧电网改造工程，计划在三年内完成中心城区\n"
        "的线路更新，届时供电可靠性将明显提升。\n"
        "　　市能源局负责人表示，改造资金主要来自地方专项债券和企业自\n"
        "筹，其中企业投入比例超过四成。\n");
    REQUIRE(zh.blocks.size() == 2);
    CHECK(zh.blocks[0].text == "澄州市今年启动老旧电网改造工程，计划在三年内完成中心城区的线路更新，届时供电可靠性将明显提升。");
    CHECK(zh.blocks[1].text == "市能源局负责人表示，改造资金主要来自地方专项债券和企业自筹，其中企业投入比例超过四成。");

    const SegmentedPage title = segmentText("Connecting the Grid:\nCross-Border Power Trade\n\nBy Jane Roe\n\n" + std::string(kEn1) + "\n");
    REQUIRE(title.blocks.size() == 3);
    CHECK(title.blocks[0].text == "Connecting the Grid: Cross-Border Power Trade");
}

// ---- 4. cutInlineChrome -------------------------------------------------------------------------

TEST_CASE("classify: chrome glued into a paragraph is cut, the sentences stay") {
    Cut c = cutOf("澄州港今年吞吐量增长一成。（责任编辑：王小明）");
    CHECK(c.text == "澄州港今年吞吐量增长一成。");
    CHECK(c.cut == "（责任编辑：王小明）");
    CHECK(c.why == "editor credit");

    c = cutOf("Cranes stood idle for a week. (Photo: Jane Roe/Agency)");
    CHECK(c.text == "Cranes stood idle for a week.");
    CHECK(c.why == "photo credit");

    c = cutOf("青溪水庫蓄水率已不到三成。（圖／青溪水利會提供）");
    CHECK(c.text == "青溪水庫蓄水率已不到三成。");
    CHECK(c.cut == "（圖／青溪水利會提供）");

    c = cutOf("市府昨日宣布延長補助期限。 圖：擷取自臉書「青溪市政府」");
    CHECK(c.text == "市府昨日宣布延長補助期限。");
    CHECK(c.why == "photo credit");

    c = cutOf("Exports rose in March. Sign up for our Morning Brief newsletter. ArrowRight Imports fell in April.");
    CHECK(c.text == "Exports rose in March. Imports fell in April.");
    CHECK(c.why == "promotion");

    c = cutOf("Tolls on the canal doubled. This article was reprinted from example.org with permission.");
    CHECK(c.text == "Tolls on the canal doubled.");
    CHECK(c.why == "reprint note");

    c = cutOf("政府的补x9Lq贴已经发放到位。");
    CHECK(c.text == "政府的补贴已经发放到位。");
    CHECK(c.why == "anti-scraping junk");
    c = cutOf("路面已经修好了。7 [& t2 K. s/ b这个路口还是很堵。");
    CHECK(c.text == "路面已经修好了。这个路口还是很堵。");

    c = cutOf("青溪生活网-bbs.example.cn居民可以在社区提出意见。");
    CHECK(c.text == "居民可以在社区提出意见。");
    CHECK(c.why == "watermark");

    c = cutOf("澄州港吞吐量创新高。相关阅读：港口城市的转型之路东南亚航线再扩容");
    CHECK(c.text == "澄州港吞吐量创新高。");
    CHECK(c.why == "related list");
}

TEST_CASE("classify: sentences that only look like chrome are untouched") {
    for (const std::string s : {"The ministry's newsletter reported that exports rose.", "这款MP3MP4播放器曾经很流行。",
                                "升级到iOS17以后手机变慢了。", "G20峰会在澄州举行。",
                                "Gov. Spencer Cox signed measures that require consent before kids can sign up for sites."}) {
        Cut c = cutOf(s);
        CHECK_MESSAGE(c.cut.empty(), s);
    }
}

// ---- 5. positions and bylines -------------------------------------------------------------------

TEST_CASE("classify: positions from notes, bylines and roles") {
    model::Author a{"吴子衡", {}, {}};
    REQUIRE(positionFromNote("作者系澄州市卫生健康发展研究中心副研究员", a));
    CHECK(a.organization == "澄州市卫生健康发展研究中心");
    CHECK(a.position == "副研究员");

    model::Author b{"林郁芳", {}, {}};
    REQUIRE(positionFromNote("林郁芳，能源政策博士，現任瀚洋政策研究基金會研究員，研究領域為能源轉型與電力市場。", b));
    CHECK(b.organization == "瀚洋政策研究基金會");
    CHECK(b.position == "研究員");

    model::Author h{"Harriet Roe", {}, {}};
    REQUIRE(positionFromNote("Harriet Roe is a professor of public finance at Calder State University.", h));
    CHECK(h.position == "professor of public finance");
    CHECK(h.organization == "Calder State University");

    auto by = parseByline("By Daniel Roe, Maritime Correspondent");
    REQUIRE(by.size() == 1);
    CHECK(by[0].name == "Daniel Roe");
    CHECK(by[0].position == "Maritime Correspondent");

    auto zh = parseByline("作者 Author：周思远（清澜大学全球治理研究院副教授）");
    REQUIRE(zh.size() == 1);
    CHECK(zh[0].name == "周思远");
    CHECK(zh[0].position == "副教授");
    CHECK(zh[0].organization == "清澜大学全球治理研究院");

    model::Author r;
    splitPosition("Research Director, Northgate Skills Observatory", r);
    CHECK(r.position == "Research Director");
    CHECK(r.organization == "Northgate Skills Observatory");
}

// ---- 6. dates and language ----------------------------------------------------------------------

TEST_CASE("classify: numeric day-month dates, Cantonese") {
    CHECK(iso(findDate("21/08/2024")) == "2024-08-21");
    CHECK(iso(findDate("08/21/2024")) == "2024-08-21");
    CHECK(iso(findDate("03/04/2024")) == "none");
    CHECK(detectLanguage("佢哋話呢個計劃唔係咁簡單，政府喺會議上面講咗好多次，但係市民嘅反應一般。") == "zh-Hant-HK");
    CHECK(detectLanguage("他們說這個計劃並不簡單，政府在會議上已經講了很多次，但是市民的反應一般。") == "zh-Hant");
}

// ---- 7. importPage on HTML ----------------------------------------------------------------------

TEST_CASE("classify: importPage reads JSON-LD, author cards, and refuses listings") {
    DiagnosticSink quiet(false);
    const std::string paras = std::string("<p>") + kEn1 + "</p>\n<p>" + kEn2 + "</p>\n<p>" + kEn3 + "</p>\n";
    const std::string ld =
        "<!doctype html><html lang=\"en\"><head><title>Tidal Power Returns to the Estuary</title>\n"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
        "\"headline\":\"Tidal Power Returns to the Estuary\",\"articleSection\":\"Energy\",\"datePublished\":\"2024-05-12T08:00:00Z\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Mara Quill\",\"jobTitle\":\"Energy Correspondent\"}}</script>\n"
        "</head><body><article><h1>Tidal Power Returns to the Estuary</h1>\n" +
        paras + "</article></body></html>\n";
    ImportedArticle a = importPage("ld.html", ld, {}, quiet);
    CHECK(a.title == "Tidal Power Returns to the Estuary");
    CHECK(a.section == "Energy");
    CHECK(iso(a.date) == "2024-05-12");
    REQUIRE(a.authors.size() == 1);
    CHECK(a.authors[0].name == "Mara Quill");
    CHECK(a.authors[0].position == "Energy Correspondent");

    const std::string cards =
        "<!doctype html><html><head><title>Skills for the Grid</title></head><body><article>\n"
        "<h1>Skills for the Grid</h1>\n"
        "<div class=\"authors\">\n"
        "<div class=\"author-card\"><a class=\"name\" href=\"/a\">Mara Quill</a><span class=\"role\">Senior Fellow, Harlow Institute</span></div>\n"
        "<div class=\"author-card\"><a class=\"name\" href=\"/b\">Tobias Fenn</a><span class=\"role\">Research Director, Northgate Skills Observatory</span></div>\n"
        "</div>\n" +
        paras + "</article></body></html>\n";
    ImportedArticle b = importPage("cards.html", cards, {}, quiet);
    REQUIRE(b.authors.size() == 2);
    CHECK(b.authors[0].name == "Mara Quill");
    CHECK(b.authors[0].position == "Senior Fellow");
    CHECK(b.authors[0].organization == "Harlow Institute");
    CHECK(b.authors[1].name == "Tobias Fenn");
    CHECK(b.authors[1].organization == "Northgate Skills Observatory");

    std::string list = "<!doctype html><html><head><title>Port news</title></head><body><ul>\n";
    for (const char* h : {"Harbour Dredging Plan Wins Approval", "Rail Freight Link Opens to Inland Depot", "Port Authority Names New Chair",
                          "Night Shunting Limits Take Effect", "Canal Tolls Double After Review"})
        list += std::string("<li><a href=\"/x\">") + h + "</a> <span>2024-05-12</span></li>\n";
    list += "</ul></body></html>\n";
    std::string message;
    try {
        importPage("list.html", list, {}, quiet);
    } catch (const UserError& e) {
        message = e.what();
    }
    CHECK(message.find("lists 5 articles") != std::string::npos);
}

TEST_CASE("classify: regressions (a watermark after a stop, a short sentence with a chrome word)") {
    // The site's name before a watermark is ideographs only: the stop and the text before it stay.
    Cut w = cutOf("老街改造方案昨天公布了。青溪生活网-bbs.example.cn居民可以在社区提出意见。");
    CHECK(w.text == "老街改造方案昨天公布了。居民可以在社区提出意见。");
    CHECK(w.cut == "青溪生活网-bbs.example.cn");
    // A full sentence that uses a chrome word is text, and stays in the article.
    const std::string text = std::string(kEn1) + "\n\nThe ministry will share its data with the basin commission.\n\n" + kEn2 + "\n";
    const SegmentedPage page = segmentText(text);
    const Classification c = classify(page);
    const size_t s = at(page, "The ministry will share");
    REQUIRE(s < page.blocks.size());
    CHECK(c.blocks[s].cls != Cls::Chrome);
    CHECK(c.bodyBegin <= s);
    CHECK(c.bodyEnd > s);
    // A short line with the same word and no sentence is a share bar.
    CHECK(feat("Share this story").lexicon == "share bar");
}

TEST_CASE("classify: fields cut from long notes end on a character boundary (fuzzing found one that did not)") {
    // An author's note whose organization runs on into Chinese text: the regex's byte limit once
    // ended the organization inside a character, and the article could not be read back.
    std::string note = "• Michael Roe, a columnist for The Daily";
    for (int i = 0; i < 12; ++i) note += "民國113年3月18日 首页 | 新闻 | 城市";
    const std::string page = std::string(kEn1) + "\n\n" + kEn2 + "\n\n" + note + "\n";
    DiagnosticSink sink;
    const ImportedArticle a = importPage("note.txt", page, ImportOptions{}, sink);
    for (const auto& au : a.authors) {
        CHECK_FALSE(findInvalidUtf8(au.name));
        CHECK_FALSE(findInvalidUtf8(au.position));
        CHECK_FALSE(findInvalidUtf8(au.organization));
    }
    CHECK_FALSE(findInvalidUtf8(a.bio));
    CHECK_FALSE(findInvalidUtf8(toMarkdown(a)));
    CHECK(utf8Prefix("中文", 4) == "中");
    CHECK(utf8Prefix("中文", 6) == "中文");
    CHECK(utf8Prefix("ab", 1) == "a");
}

TEST_CASE("classify: rule lines, boilerplate, comments headings, breadcrumbs") {
    const std::string text = std::string("Home › Research › Trade\n\nInland Ports Find a Second Life\n\nMay 3, 2024\n\n") + kEn1 + "\n\n" + kEn2 +
                             "\n\n==========\n\nComments (12)\n\n" + kEn3 +
                             "\n\nYou are receiving this email because you signed up for The Brief. Unsubscribe at any time.\n";
    const SegmentedPage page = segmentText(text);
    const Classification c = classify(page);
    CHECK(c.blocks[at(page, "Home ›")].reason == "breadcrumbs");
    CHECK(c.blocks[at(page, "=====")].reason == "rule line");
    CHECK(c.blocks[at(page, "Comments (12)")].reason == "comments heading");
    CHECK(c.blocks[at(page, "You are receiving")].reason == "footer (boilerplate sentences)");
    // A comment under the text is outside the region, long as it is.
    CHECK(c.bodyEnd <= at(page, "=====") + 1);
    CHECK(c.bodyEnd <= at(page, kEn3));
}

TEST_CASE("classify: authors from a line of names, a name by the date; the date after the title") {
    DiagnosticSink sink;
    const std::string zh = std::string("今天是：2023年11月09日 星期四\n\n超大城市“城中村”改造中的\n租户安置问题研究\n\n王建华　刘颖①\n\n发布时间：2023-11-07\n\n") + kZh1 +
                           "\n\n" + kZh2 + "\n";
    const ImportedArticle a = importPage("names.txt", zh, ImportOptions{}, sink);
    CHECK(a.title == "超大城市“城中村”改造中的租户安置问题研究");  // a title set over two lines
    REQUIRE(a.authors.size() == 2);
    CHECK(a.authors[0].name == "王建华");
    CHECK(a.authors[1].name == "刘颖");
    CHECK(iso(a.date) == "2023-11-07");  // not the banner's date

    const std::string en = std::string("Why the Harbour Board Keeps Missing Its Targets\nWen-Li Hargreaves\nMar 27, 2024\n\n") + kEn1 + "\n\n" + kEn2 + "\n";
    const ImportedArticle b = importPage("byname.txt", en, ImportOptions{}, sink);
    REQUIRE(b.authors.size() == 1);
    CHECK(b.authors[0].name == "Wen-Li Hargreaves");
    CHECK(b.title == "Why the Harbour Board Keeps Missing Its Targets");
    // A label that is no name by a date: no author ("本期目录" starts with no surname).
    const std::string toc = std::string("城乡治理参考\n2023-12-18\n本期目录\n\n") + kZh1 + "\n\n" + kZh2 + "\n";
    const ImportedArticle t = importPage("toc.txt", toc, ImportOptions{}, sink);
    for (const auto& au : t.authors) CHECK(au.name != "本期目录");
}

TEST_CASE("classify: a list of headlines over bylines is not hard-wrapped text") {
    const char* heads[] = {"Developers See Steady Demand for Executive Condos Despite Cooling Rules",
                           "New Flats in Kallang Ridge to Get Shared Rooftop Gardens Under Pilot",
                           "MPs Call for Clearer Rules on How Resale Flat Valuations Are Set",
                           "Void Deck Childcare Centres to Open Longer Hours in Four Towns"};
    const char* names[] = {"Ong Kai Xiang", "Tan Hui Min", "Ng Wei Jie", "Goh Pei Shan"};
    std::string list;
    for (int i = 0; i < 4; ++i) list += std::string(heads[i]) + "\n" + names[i] + "\nJun " + std::to_string(3 + i) + ", 2024, 05:00 AM\n\n";
    const SegmentedPage page = segmentText(list);
    CHECK_FALSE(page.hardWrapped);
    const Classification c = classify(page);
    CHECK(c.listing == 4);
}

TEST_CASE("classify: the section a reader sees over the title, and a publisher's name is none") {
    DiagnosticSink sink;
    const std::string paras = std::string("<p>") + kEn1 + "</p>\n<p>" + kEn2 + "</p>\n";
    const std::string html = "<html><head><meta property=\"article:section\" content=\"National\"></head><body><article>"
                             "<div class=\"view_section\">Social Affairs</div><h1>Inland Ports Find a Second Life</h1>" + paras +
                             "</article></body></html>";
    const ImportedArticle a = importPage("kicker.html", html, ImportOptions{}, sink);
    CHECK(a.section == "Social Affairs");
    const std::string zh = std::string("江城晚报\n老旧小区加装电梯有了参考标准\n2024-01-09 14:32 · 江城晚报官方账号\n江城晚报记者　孙一鸣\n") + kZh1 + "\n" + kZh2 + "\n";
    const ImportedArticle b = importPage("paper.txt", zh, ImportOptions{}, sink);
    CHECK(b.section.empty());
    REQUIRE(b.authors.size() == 1);
    CHECK(b.authors[0].name == "孙一鸣");
    CHECK(b.authors[0].position == "记者");
    CHECK(b.authors[0].organization == "江城晚报");
}

TEST_CASE("classify: embeds, agency captions, appeals at the edges, a source line after the text") {
    const std::string text =
        std::string("Today, put a dollar value on the reporting you rely on. We need your help to keep it going. Your support matters.\n\n") + kEn1 +
        "\n\nThe minister signs the agreement in the capital on Friday, March 24, 2023. Jane Roe/Example Press via Getty Images\n\n" + kEn2 +
        "\n\nDevelopers see steady demand for executive condos 02:52\n\n" +
        "Soldiers entered the village after two months of fighting pic.twitter.com/abc123\n\n" + kEn3 +
        "\n\nReport: Inventory of port policies in the region\n\nShare this story\n";
    const SegmentedPage page = segmentText(text);
    const Classification c = classify(page);
    CHECK(c.blocks[at(page, "Today, put a dollar")].reason == "appeal for support (at the page's edge)");
    CHECK(c.blocks[at(page, "The minister signs")].reason == "photo caption (ends with a photo agency's credit)");
    CHECK(c.blocks[at(page, "Developers see")].reason == "video teaser");
    CHECK(c.blocks[at(page, "Soldiers entered")].reason == "embedded post");
    // The source line stays with the text; the share bar after it does not.
    CHECK(c.bodyEnd == at(page, "Report:") + 1);
    // A date line with a time is no video teaser.
    CHECK(c.blocks.size() > 0);
    const SegmentedPage dated = segmentText(std::string("2025/06/02 14:35\n\n") + kEn1 + "\n");
    CHECK(classify(dated).blocks[0].reason == "date line");
    // The same appeal in the middle of a long text is text (a quotation, a report on donations).
    std::string middle = std::string(kEn1) + "\n\n" + kEn2 + "\n\n" + kEn3 + "\n\n" + kEn1 + "\n\nWe need your help, the mayor told donors.\n\n" + kEn2 +
                         "\n\n" + kEn3 + "\n\n" + kEn1 + "\n\n" + kEn2 + "\n\n" + kEn3 + "\n";
    const SegmentedPage mp = segmentText(middle);
    CHECK(classify(mp).blocks[at(mp, "We need your help")].cls != Cls::Chrome);
}

TEST_CASE("classify: a credit line at the end names the author; a heading left last is no heading") {
    DiagnosticSink sink;
    const std::string zh = std::string("澄州港吞吐量再创新高\n\n2024年5月3日\n\n") + kZh1 + "\n\n" + kZh2 + "\n\n圖、文：何子淵\n\n此篇文章由「某某」最初發表於「某網站」\n";
    const ImportedArticle a = importPage("credit.txt", zh, ImportOptions{}, sink);
    REQUIRE(a.authors.size() == 1);
    CHECK(a.authors[0].name == "何子淵");
    for (const auto& b : a.body) {
        CHECK(b.kind != Block::Heading);
        CHECK(b.text.find("最初發表") == std::string::npos);
    }
}

TEST_CASE("classify: junk lines, '图为' captions and credits at a bracket's end") {
    CHECK(junkLine("$ e; K0 O3 ]( s"));
    CHECK(junkLine("% v4 D! P: a7 ["));
    CHECK_FALSE(junkLine("G20 + 8 = 28"));  // symbols, but tokens a reader reads
    CHECK_FALSE(junkLine("Q&A: what the rules mean"));
    CHECK(chromeReason("图为调研组在某县乡镇敬老院走访（资料图）") == "photo caption");
    CHECK(trailingCreditKind("调研组在敬老院走访。（资料图）") == "photo credit");
    CHECK(chromeReason("发消息") == "forum chrome");
}
