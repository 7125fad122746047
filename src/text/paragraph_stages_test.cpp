// The stages of measureParagraph, each alone (no fonts needed but for shaping, which the
// paragraph and composer tests cover).
#include <doctest/doctest.h>

#include "style/style.h"
#include "text/paragraph_stages.h"

using namespace inkstone;
using namespace inkstone::text;
using namespace inkstone::text::stages;

namespace {

ParagraphInput input(std::vector<std::string> texts, const std::string& lang) {
    ParagraphInput in;
    in.lang = *Lang::parse(lang);
    for (auto& t : texts) {
        Span s;
        s.text = t;
        s.size = 10;
        in.spans.push_back(s);
    }
    return in;
}

// Character index of the first occurrence of `cp`.
int at(const Chars& c, char32_t cp) {
    for (int i = 0; i < c.size(); ++i)
        if (c.cps[i] == cp) return i;
    FAIL("character not found");
    return -1;
}

}  // namespace

TEST_CASE("collectText: characters, byte offsets, spans and scripts (neutral ones take a neighbour's)") {
    MeasuredParagraph p;
    const ParagraphInput in = input({"Hi, ", "世界"}, "en");
    const Chars c = collectText(in, p);
    REQUIRE(c.size() == 6);
    CHECK(*p.text == "Hi, 世界");
    CHECK(p.byteOffset == std::vector<int>{0, 1, 2, 3, 4, 7, 10});
    CHECK(p.spanOf == std::vector<int>{0, 0, 0, 0, 1, 1});
    CHECK(c.script[0] == Script::Latin);
    CHECK(c.script[2] == Script::Latin);  // the comma and space follow "Hi"
    CHECK(c.script[3] == Script::Latin);
    CHECK(c.script[4] == Script::Cjk);
    CHECK_FALSE(c.chinese);
    CHECK(c.cjkLang.tag() == "zh-Hans");
    // Curly quotes follow the language: full-width marks in Chinese.
    MeasuredParagraph q;
    const Chars z = collectText(input({"“中”"}, "zh-Hant"), q);
    CHECK(z.script[0] == Script::Cjk);
    CHECK(z.traditional);
    MeasuredParagraph r;
    const Chars e = collectText(input({"“a”"}, "en"), r);
    CHECK(e.script[0] == Script::Latin);
}

TEST_CASE("compressPunctuation: adjacent full-width marks; Taiwan keeps ？ and ！ full width") {
    MeasuredParagraph p;
    ParagraphInput in = input({"好。「对」（《书》）"}, "zh-Hans");
    in.compressPunctuation = true;
    Chars c = collectText(in, p);
    AttrListPtr attrs(pango_attr_list_new());
    std::vector<bool> k = compressPunctuation(in, p, c, attrs.get());
    CHECK(k[at(c, U'。')]);        // closing before opening: the closing one gives up its half
    CHECK_FALSE(k[at(c, U'「')]);
    CHECK(k[at(c, U'《')]);        // opening after opening: the second one
    CHECK_FALSE(k[at(c, U'（')]);
    CHECK(k[at(c, U'》')]);        // closing before closing: the first one
    CHECK_FALSE(k[at(c, U'好')]);

    MeasuredParagraph t;
    ParagraphInput tw = input({"好？「對」"}, "zh-Hant-TW");
    tw.compressPunctuation = true;
    Chars ct = collectText(tw, t);
    std::vector<bool> kt = compressPunctuation(tw, t, ct, attrs.get());
    CHECK_FALSE(kt[at(ct, U'？')]);

    in.compressPunctuation = false;  // the style's switch
    CHECK(compressPunctuation(in, p, c, attrs.get()) == std::vector<bool>(c.size(), false));
}

TEST_CASE("breakOpportunities: clreq line-start and line-end rules, paired marks, white space") {
    MeasuredParagraph p;
    const ParagraphInput in = input({"中文，“中”——文 ab"}, "zh-Hans");
    const Chars c = collectText(in, p);
    const std::vector<bool> none(c.size(), false);
    const auto log = breakOpportunities(in, p, c, none);
    CHECK(log.size() == static_cast<size_t>(c.size() + 1));
    CHECK((p.flags[1] & kBreakBefore) != 0);                  // between two Han characters
    CHECK((p.flags[2] & kBreakBefore) == 0);                  // never before ，
    CHECK((p.flags[at(c, U'中') + 4] & kBreakBefore) == 0);  // never after “ (the 中 after it)
    const int dash = at(c, U'—');
    CHECK((p.flags[dash + 1] & kBreakBefore) == 0);           // —— is one unit
    CHECK((p.flags[at(c, U' ')] & kWhite) != 0);
    CHECK((p.flags[0] & kCjk) != 0);
    CHECK((p.flags[at(c, U'a')] & kCjk) == 0);
}

TEST_CASE("hanLatinGlue: a quarter em between Han and Latin letters or digits, none beside punctuation") {
    MeasuredParagraph p;
    ParagraphInput in = input({"用AI写，5G。"}, "zh-Hans");
    in.hanLatinSpace = 0.25;
    const Chars c = collectText(in, p);
    hanLatinGlue(in, p, c);
    CHECK(p.glueAfter[0] == doctest::Approx(2.5));  // 用|A at 10 pt
    CHECK(p.glueAfter[1] == 0);                     // A|I
    CHECK(p.glueAfter[2] == doctest::Approx(2.5));  // I|写
    CHECK(p.glueAfter[3] == 0);                     // 写|，
    CHECK(p.glueAfter[4] == 0);                     // ，|5
}

TEST_CASE("stretchAndShrink: word spaces first, Han-Latin glue next, inter-character last; zh-Hans stops shrink last") {
    MeasuredParagraph p;
    ParagraphInput in = input({"文字。好 ok"}, "zh-Hans");
    const Chars c = collectText(in, p);
    breakOpportunities(in, p, c, std::vector<bool>(c.size(), false));
    p.advance.assign(c.size(), 10);
    stretchAndShrink(p, c);
    CHECK(p.stretchKind[0] == kGapInterChar);
    CHECK(p.stretch[0] == doctest::Approx(1.2));
    CHECK(p.shrinkKind[2] == kGapStop);  // 。 gives up some of its blank half
    CHECK(p.shrink[2] == doctest::Approx(2.5));
    const int space = at(c, U' ');
    CHECK(p.stretchKind[space] == kGapWordSpace);
    CHECK(p.stretch[space] == doctest::Approx(6));
    CHECK(p.shrink[space] == doctest::Approx(3));
}

TEST_CASE("fontAttributes: Chinese characters take their run's language (its faces), Latin letters English") {
    const style::Style st = style::loadStyle("briefing");
    MeasuredParagraph p;
    ParagraphInput in = input({"中文", "中文", "ab"}, "zh-Hans");
    in.spans[1].lang = Lang(Lang::Script::Hant, Lang::Region::HK);  // a quote in Cantonese, say
    const Chars c = collectText(in, p);
    AttrListPtr attrs = fontAttributes(st, in, p, c);
    // The family and language set at each span's first byte.
    auto at = [&](int span) {
        PangoAttrIterator* it = pango_attr_list_get_iterator(attrs.get());
        std::pair<std::string, std::string> out;
        do {
            gint start = 0, end = 0;
            pango_attr_iterator_range(it, &start, &end);
            const int b = p.byteOffset[static_cast<size_t>(span) * 2];
            if (b < start || b >= end) continue;
            if (auto* f = reinterpret_cast<PangoAttrFontDesc*>(pango_attr_iterator_get(it, PANGO_ATTR_FONT_DESC)))
                out.first = pango_font_description_get_family(f->desc);
            if (auto* l = reinterpret_cast<PangoAttrLanguage*>(pango_attr_iterator_get(it, PANGO_ATTR_LANGUAGE)))
                out.second = pango_language_to_string(l->value);
        } while (pango_attr_iterator_next(it));
        pango_attr_iterator_destroy(it);
        return out;
    };
    const auto& serif = st.fonts.at("serif");
    CHECK(at(0).first == serif.forLang(Lang(Lang::Script::Hans)));
    CHECK(at(0).second == "zh-hans");
    CHECK(at(1).first == serif.forLang(Lang(Lang::Script::Hant, Lang::Region::HK)));
    CHECK(at(1).second == "zh-hant-hk");
    CHECK(at(1).first != at(0).first);
    CHECK(at(2).first == serif.latin);
    CHECK(at(2).second == "en");
}
