#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "import/extract.h"
#include "inkstone/inkstone.h"

using namespace inkstone;
using namespace inkstone::import;

namespace {

std::string iso(const std::optional<model::Date>& d) {
    if (!d) return "none";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return buf;
}

}  // namespace

TEST_CASE("import: dates in the forms web pages print them") {
    CHECK(iso(findDate("Mar 25 , 2013")) == "2013-03-25");
    CHECK(iso(findDate("March 25, 2013")) == "2013-03-25");
    CHECK(iso(findDate("25 March 2013")) == "2013-03-25");
    CHECK(iso(findDate("2013-03-25")) == "2013-03-25");
    CHECK(iso(findDate("2024-09-18T08:00:00Z")) == "2024-09-18");
    CHECK(iso(findDate("2013年3月25日 08:30　来源：江城晚报")) == "2013-03-25");
    CHECK(iso(findDate("2025/06/02 14:35")) == "2025-06-02");
    CHECK(iso(findDate("时间:2014-12-03")) == "2014-12-03");
    CHECK(iso(findDate("２０１２年６月８日")) == "2012-06-08");
    CHECK(iso(findDate("民國113年3月25日")) == "2024-03-25");
    CHECK(iso(findDate("113年3月25日")) == "2024-03-25");
    CHECK(iso(findDate("113/03/25")) == "2024-03-25");
    CHECK(iso(findDate("2013.03.25")) == "2013-03-25");
    // Not dates: impossible days, bare years, ROC years without a month.
    CHECK(iso(findDate("2013-02-30")) == "none");
    CHECK(iso(findDate("In 2013 the ports grew.")) == "none");
    CHECK(iso(findDate("113年度預算")) == "none");
}

TEST_CASE("import: language from the text") {
    CHECK(detectLanguage("The inland ports of the region grew quickly.") == "en");
    CHECK(detectLanguage("这个国家的电网建设进展很快，说明区域合作有成效。") == "zh-Hans");
    CHECK(detectLanguage("這個國家的電網建設進展很快，說明區域合作有成效。") == "zh-Hant");
    CHECK(detectLanguage("WTO 和 G20 的会议在北京举行，这是第一次。") == "zh-Hans");
}

TEST_CASE("import: decoding UTF-8, BOM, GB18030 and Big5") {
    CHECK(decode("plain\r\ntext\r", "x").text == "plain\ntext\n");
    Decoded bom = decode("\xEF\xBB\xBF中文", "x");
    CHECK(bom.text == "中文");
    CHECK(bom.encoding == Encoding::Utf8Bom);
    // "中文资料，这是测试。" in GB18030, "中文資料，這是測試。" in Big5.
    Decoded gb = decode("\xD6\xD0\xCE\xC4\xD7\xCA\xC1\xCF\xA3\xAC\xD5\xE2\xCA\xC7\xB2\xE2\xCA\xD4\xA1\xA3", "x");
    CHECK(gb.encoding == Encoding::Gb18030);
    CHECK(gb.text == "中文资料，这是测试。");
    Decoded big5 = decode("\xA4\xA4\xA4\xE5\xB8\xEA\xAE\xC6\xA1\x41\xB3\x6F\xAC\x4F\xB4\xFA\xB8\xD5\xA1\x43", "x");
    CHECK(big5.encoding == Encoding::Big5);
    CHECK(big5.text == "中文資料，這是測試。");
    CHECK_THROWS_AS(decode("ok\n\x80\xFF\x80", "bad.txt"), UserError);
}

TEST_CASE("import: chrome lines, and text that only looks like it") {
    CHECK(chromeReason("Language : English 简体 繁體") == "language switcher");
    CHECK(chromeReason("首页 > 国际 > 正文") == "breadcrumbs");
    CHECK(chromeReason("打印 字号：大 中 小") == "print and font-size bar");
    CHECK(chromeReason("分享到：新浪微博 腾讯微博") == "share bar");
    CHECK(chromeReason("Back to Top") == "back to top");
    CHECK(chromeReason("回到頁首") == "back to top");
    CHECK(chromeReason("[廣告]請繼續往下閱讀...") == "advertisement");
    CHECK(chromeReason("广告") == "advertisement");
    CHECK(chromeReason("责任编辑：刘晓彤") == "editor credit");
    CHECK(chromeReason("核稿編輯：陳大文") == "editor credit");
    CHECK(chromeReason("▲青溪水庫目前蓄水率不到三成。（圖／中心提供）") == "photo caption");
    CHECK(chromeReason("Copyright © 2014 Example. All rights reserved.") == "copyright footer");
    CHECK(chromeReason("Listen 8 min Comment on this story Comment Gift Article Share") == "toolbar");
    CHECK(chromeReason("＊本文獲「某某」授權轉載") == "reprint note (copyright)");
    // Sentences of an article are not chrome, even with a chrome word in them.
    CHECK(chromeReason("The ministry will share its data with the basin commission.") == "");
    CHECK(chromeReason("记者从研讨会上获悉，电网建设进展明显。") == "");
    CHECK(chromeReason("广告业在疫情后恢复较快。") == "");
    CHECK(isRelatedHeading("You might also like"));
    CHECK(isRelatedHeading("相關閱讀"));
    CHECK_FALSE(isRelatedHeading("Related parties disagreed."));
}

TEST_CASE("import: bylines, positions, fused bylines") {
    auto a = parseByline("• Adrian Kestrel");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "Adrian Kestrel");
    a = parseByline("By Lin Qiao and Daniel Okafor-Reyes");
    REQUIRE(a.size() == 2);
    CHECK(a[1].name == "Daniel Okafor-Reyes");
    a = parseByline("2014年12月03日 09:15  来源：南岭经济日报  作者：周岚清");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "周岚清");
    a = parseByline("文/邵一帆");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "邵一帆");
    a = parseByline("記者歐建智／綜合報導");
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "歐建智");
    CHECK(a[0].position == "記者");
    CHECK(parseByline("The ports grew by a third.").empty());

    model::Author au;
    splitPosition("Senior Fellow, Department of Trade, Institute of Regional Studies", au);
    CHECK(au.position == "Senior Fellow, Department of Trade");
    CHECK(au.organization == "Institute of Regional Studies");
    model::Author plain;
    splitPosition("Deputy Director, Strategic Studies", plain);
    CHECK(plain.position == "Deputy Director, Strategic Studies");
    CHECK(plain.organization.empty());

    std::string text = "〔記者王小明／台北報導〕梅雨季降雨明顯偏少。";
    auto fused = takeFusedByline(text);
    REQUIRE(fused);
    CHECK(fused->name == "王小明");
    CHECK(text == "梅雨季降雨明顯偏少。");
}

TEST_CASE("import: hard wraps, subheadings, bios, Markdown escaping") {
    std::string p = "东南亚多";
    joinWrapped(p, "国正在加快");
    CHECK(p == "东南亚多国正在加快");
    std::string e = "the inland";
    joinWrapped(e, "ports grew");
    CHECK(e == "the inland ports grew");
    std::string m = "电价在每千瓦时（kWh";
    joinWrapped(m, "）0.05美元");
    CHECK(m == "电价在每千瓦时（kWh）0.05美元");

    CHECK(looksLikeSubheading("Why Distance Is Not the Whole Story", false));
    CHECK(looksLikeSubheading("一、互联项目从“点”走向“线”", true));
    CHECK(looksLikeSubheading("產業用水先行調度", true));
    CHECK_FALSE(looksLikeSubheading("The ports grew by a third.", false));
    CHECK_FALSE(looksLikeSubheading("“All to prevent him from speaking.”", false));
    CHECK_FALSE(looksLikeSubheading("调度协调同样是难点。", true));

    CHECK(isBioLine("The author is a senior fellow at the institute.", {}));
    CHECK(isBioLine("（作者系研究院研究员）", {}));
    CHECK(isBioLine("Lin Qiao is a senior fellow.", {model::Author{"Lin Qiao", {}, {}}}));
    CHECK_FALSE(isBioLine("The ports grew.", {}));
    CHECK(bioText("（作者系研究院研究员）") == "作者系研究院研究员");
    CHECK(bioText("(The author is a fellow.)") == "The author is a fellow.");
    CHECK(bioText("（甲）与（乙）") == "（甲）与（乙）");

    CHECK(escapeMarkdown("a *b* [c] <d> e_f") == "a \\*b\\* \\[c\\] \\<d> e\\_f");
    CHECK(escapeEntities("\\&amp; & &copy; x&#35;") == "\\&amp; & \\&copy; x\\&#35;");
    CHECK(escapeMarkdown("1~2年 &amp; &copy; A&B !x ![y]") == "1\\~2年 \\&amp; \\&copy; A&B !x \\!\\[y\\]");
    CHECK(escapeMarkdown("see https://example.com/my_report_2013.pdf now_here") ==
          "see https://example.com/my_report_2013.pdf now\\_here");
    CHECK(escapeLineStart("# not a heading") == "\\# not a heading");
    CHECK(escapeLineStart("1. not a list") == "1\\. not a list");
    CHECK(escapeLineStart("12) not a list") == "12\\) not a list");
    CHECK(escapeLineStart("1.5 million is a number") == "1.5 million is a number");
    CHECK(escapeLineStart("::: not a div") == "\\::: not a div");
    CHECK(escapeLineStart("-") == "\\-");
    CHECK(escapeLineStart("-\tx") == "\\-\tx");
    CHECK(escapeLineStart("+ one") == "\\+ one");
    CHECK(escapeLineStart("-- a dash") == "-- a dash");
    CHECK(escapeLineStart("**bold** start") == "**bold** start");
    CHECK(escapeLineStart("* * *") == "\\* * *");
    CHECK(escapeLineStart("___") == "\\___");
    CHECK(escapeLineStart("|a|b|") == "\\|a|b|");
    CHECK(escapeLineStart("> quoted") == "\\> quoted");
    CHECK(escapeLineStart("-1 degrees") == "-1 degrees");
}

TEST_CASE("import: a page round trip keeps Markdown-special text literal") {
    DiagnosticSink quiet(false);
    const std::string page =
        "Tariffs *and* Quotas [Revisited]\n\nMar 25 , 2013\n  • Ann Lee\n\n"
        "The first paragraph mentions 5 * 3 = 15 and a [bracket] and <angle> text, which must stay literal "
        "in the article that the importer writes out for the renderer.\n\n"
        "# This line starts with a hash but is a long sentence of the text, not a heading at all, as it ends.\n";
    ImportedArticle a = importPage("p.txt", page, {}, quiet);
    CHECK(a.title == "Tariffs *and* Quotas [Revisited]");
    const std::string md = toMarkdown(a);
    CHECK(md.find("5 \\* 3 = 15 and a \\[bracket\\] and \\<angle>") != std::string::npos);
    CHECK(md.find("\n\\# This line") != std::string::npos);
    CHECK(md.find("title: Tariffs *and* Quotas [Revisited]") != std::string::npos);
}

TEST_CASE("inspectPage and articleFromFields: the import field by field, edited, written back") {
    const std::string html =
        "<html><head><title>Rivers and Rules | Example Institute</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        "<article><h1>Rivers and Rules</h1><p class='byline'>By Ada Lin</p><time datetime='2026-11-02'>2 November 2026</time>"
        "<p>The first paragraph of an article about rivers, long enough to read as body text and not as a label.</p>"
        "<p>A second paragraph follows with more words about the rules that share the water between states.</p>"
        "</article><footer>Back to Top</footer></body></html>";
    const inkstone::InspectedPage p = inkstone::inspectPage("page.html", html);
    CHECK(p.fields.title == "Rivers and Rules");
    CHECK(p.fields.date == "2026-11-02");
    size_t kept = 0, removed = 0;
    int lastLine = 0;
    bool ordered = true;
    for (const auto& b : p.blocks) {
        (b.kept ? kept : removed)++;
        if (!b.kept) CHECK_FALSE(b.reason.empty());
        ordered = ordered && b.line >= lastLine;
        lastLine = b.line;
    }
    CHECK(kept == 2);
    CHECK(removed >= 2);  // the navigation and the footer
    CHECK(ordered);

    // Edited: a new title, a kept block dropped, a removed one restored (its text escaped).
    inkstone::ImportedFields f = p.fields;
    f.title = "Rivers, Rules and *Rights*";
    std::vector<inkstone::ImportedBlock> blocks = p.blocks;
    for (auto& b : blocks)
        if (b.kept && b.text.rfind("A second", 0) == 0) b.kept = false;
    blocks.push_back({"paragraph", "# Not a heading * star", {}, 99, true, "restored by the editor"});
    const std::string md = inkstone::articleFromFields(f, blocks);
    CHECK(md.find("title: Rivers, Rules and *Rights*") != std::string::npos);
    CHECK(md.find("The first paragraph") != std::string::npos);
    CHECK(md.find("A second paragraph") == std::string::npos);
    CHECK(md.find("\\# Not a heading \\* star") != std::string::npos);

    f.date = "not a date";
    try {
        inkstone::articleFromFields(f, blocks);
        FAIL("a bad date was accepted");
    } catch (const inkstone::UserError& e) {
        CHECK(e.diagnostic().file == "field:date");
    }
}

namespace {

std::string layoutOf(const std::string& input, const std::string& source, const std::string& out) {
    inkstone::RenderRequest r;
    r.input = input;
    r.source = source;
    r.output = out;
    r.format = inkstone::OutputFormat::Layout;
    inkstone::DiagnosticSink sink(false);
    inkstone::renderArticle(r, sink);
    std::ifstream in(out, std::ios::binary);
    // The source lines of the structure's nodes are left out: the front matter may be written
    // in another number of lines.
    std::string dump;
    for (std::string l; std::getline(in, l);) dump += std::regex_replace(l, std::regex(" line=[0-9]+"), "") + "\n";
    return dump;
}

}  // namespace

TEST_CASE("inspectArticle: every sample article opened and written back unchanged lays out the same") {
    namespace fs = std::filesystem;
    const fs::path tmp = fs::temp_directory_path() / ("inkstone-inspect-" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    int articles = 0;
    for (const auto& e : fs::directory_iterator(std::string(INKSTONE_DATA_DIR) + "/samples")) {
        if (e.path().extension() != ".md") continue;
        CAPTURE(e.path().string());
        std::ifstream in(e.path(), std::ios::binary);
        const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>{});
        const inkstone::InspectedPage p = inkstone::inspectArticle(e.path().string());
        CHECK_FALSE(p.fields.title.empty());
        CHECK(p.blocks.size() >= 3);
        for (const auto& b : p.blocks) CHECK(b.kind == "markdown");
        const std::string again = inkstone::articleFromFields(p.fields, p.blocks);
        const std::string a = layoutOf(e.path().string(), original, (tmp / "a.txt").string());
        const std::string b = layoutOf(e.path().string(), again, (tmp / "b.txt").string());
        CHECK(a.size() == b.size());
        CHECK(a == b);
        ++articles;
    }
    CHECK(articles >= 7);
    fs::remove_all(tmp);
}

TEST_CASE("inspectArticle: blocks as written, other front matter kept, a fence with blank lines whole") {
    namespace fs = std::filesystem;
    const fs::path file = fs::temp_directory_path() / ("inkstone-inspect-" + std::to_string(::getpid()) + ".md");
    std::ofstream(file) << "---\ntitle: Salt Roads\ndate: 2026-02-03\nlang: en\nauthors:\n  - Bo Han\n  - name: Li Wen\n    organisation: Harbour Institute\n"
                           "keywords: [salt, trade]\nbio: >\n  Bo Han writes\n  on trade.\n---\n\n"
                           "## First part\n\nOne paragraph\nover two lines.\n\n"
                           "::: pullquote\nA quote.\n\nStill the quote.\n:::\n\n\n```\ncode\n\nmore code\n```\n- a\n- b\n";
    const inkstone::InspectedPage p = inkstone::inspectArticle(file.string());
    CHECK(p.fields.title == "Salt Roads");
    CHECK(p.fields.date == "2026-02-03");
    REQUIRE(p.fields.authors.size() == 2);
    CHECK(p.fields.authors[0].name == "Bo Han");
    CHECK(p.fields.authors[1].name == "Li Wen");
    CHECK(p.fields.authors[1].position.empty());
    CHECK(p.fields.authors[1].organization == "Harbour Institute");
    CHECK(p.fields.bio == "Bo Han writes on trade.");
    CHECK(p.fields.extra.find("keywords") != std::string::npos);
    REQUIRE(p.blocks.size() == 4);
    CHECK(p.blocks[0].text == "## First part");
    CHECK(p.blocks[0].line == 15);
    CHECK(p.blocks[1].text == "One paragraph\nover two lines.");
    CHECK(p.blocks[1].line == 17);
    CHECK(p.blocks[2].text == "::: pullquote\nA quote.\n\nStill the quote.\n:::");
    CHECK(p.blocks[3].text == "```\ncode\n\nmore code\n```\n- a\n- b");
    const std::string md = inkstone::articleFromFields(p.fields, p.blocks);
    CHECK(md.find("keywords:") != std::string::npos);
    CHECK(md.find("\n---\n\n## First part\n") != std::string::npos);

    // Other front matter must be other keys, as a map.
    inkstone::ImportedFields f = p.fields;
    for (const char* bad : {"title: Again", "- a list", "x: [unclosed"}) {
        f.extra = bad;
        CAPTURE(bad);
        try {
            inkstone::articleFromFields(f, p.blocks);
            FAIL("accepted");
        } catch (const inkstone::UserError& e) {
            CHECK(e.diagnostic().file == "field:extra");
        }
    }
    fs::remove(file);
}
