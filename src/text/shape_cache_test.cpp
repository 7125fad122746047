#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "text/shape_cache.h"
#include "text/test_support.h"

using namespace inkstone;
using namespace inkstone::text;

namespace {

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every paragraph of the sample articles (front matter and Markdown markers left in: they are text
// too), plus text with ligatures, kerning pairs, digits and punctuation around spaces.
std::vector<std::string> paragraphs() {
    std::vector<std::string> out = {
        "Office affiliates shuffle efficiently: fi fl ffi ffl, AVAST Wave Type Toyota LT AT \"quoted\" (brackets) 1,234.5 km2",
        "  leading spaces,   runs of   spaces   and trailing  ",
        "Mixed 混排 text with 中文 and English words: 2026 年 3 月",
        "A.  B.  V.  W.  Y.  To  Ta  Te  Yo  We  Av  -- en – dash — em",
        // Marks the CJK faces join or kern: doubled dashes and ellipses, bracket and stop pairs.
        "他说——这是“第一步”……然而，「『引號』」。（括号）【标题】《书名》〈篇名〉！？；：、",
        "數據——「資料」……——……。」』）】》，、；：！？〜・",
    };
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(style::dataDir() + "/samples"))
        if (e.path().extension() == ".md") files.push_back(e.path());
    // The development corpus, where it is checked out beside the repository (UTF-8 files only).
    const std::filesystem::path corpus = std::filesystem::path(INKSTONE_SHARED_DIR) / "corpus";
    if (std::filesystem::is_directory(corpus))
        for (const auto& e : std::filesystem::directory_iterator(corpus))
            if (e.path().extension() == ".txt" && g_utf8_validate(readFile(e.path()).c_str(), -1, nullptr))
                files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::string text = readFile(file);
        size_t start = 0;
        while (start < text.size()) {
            size_t end = text.find("\n\n", start);
            if (end == std::string::npos) end = text.size();
            std::string para = text.substr(start, end - start);
            for (char& c : para)
                if (c == '\n') c = ' ';
            if (!para.empty()) out.push_back(para);
            start = end + 2;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("shape cache (Latin by words, Han by characters): every glyph, position and cluster as whole-item shaping gives them") {
    TextEngine& eng = testing::engine();
    ShapeCache cache;
    const auto paras = paragraphs();
    REQUIRE(paras.size() > 40);
    struct Face {
        const char* family;
        PangoWeight weight;
        PangoStyle style;
        const char* lang;  // a language attribute (the CJK faces' locl forms depend on it)
    };
    const Face faces[] = {{"Noto Serif", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, nullptr},
                          {"Noto Serif", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, nullptr},
                          {"Noto Serif", PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, nullptr},
                          {"Noto Sans", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, nullptr},
                          {"Noto Sans", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, nullptr},
                          {"Noto Sans Mono", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, nullptr},
                          {"Noto Serif CJK SC", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, "zh-Hans"},
                          {"Noto Serif CJK TC", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, "zh-Hant"},
                          {"Noto Sans CJK SC", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, "zh-Hans"},
                          {"Noto Sans CJK TC", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, "zh-Hant"}};
    size_t cachedItems = 0, glyphsCompared = 0, hanItems = 0;
    for (int pass = 0; pass < 2; ++pass) {  // the second pass is served from the cache
        for (const Face& f : faces) {
            for (double size : {9.0, 10.5}) {
                for (const std::string& para : paras) {
                    AttrListPtr attrs(pango_attr_list_new());
                    FontDescPtr desc(pango_font_description_new());
                    pango_font_description_set_family(desc.get(), f.family);
                    pango_font_description_set_weight(desc.get(), f.weight);
                    pango_font_description_set_style(desc.get(), f.style);
                    pango_font_description_set_absolute_size(desc.get(), size * PANGO_SCALE);
                    pango_attr_list_insert(attrs.get(), pango_attr_font_desc_new(desc.get()));
                    if (f.lang) pango_attr_list_insert(attrs.get(), pango_attr_language_new(pango_language_from_string(f.lang)));
                    const int chars = static_cast<int>(g_utf8_strlen(para.c_str(), -1));
                    std::vector<PangoLogAttr> logAttrs(static_cast<size_t>(chars) + 1);
                    pango_get_log_attrs(para.c_str(), static_cast<int>(para.size()), -1, pango_language_from_string("en"),
                                        logAttrs.data(), chars + 1);
                    GList* items = pango_itemize(eng.context(), para.c_str(), 0, static_cast<int>(para.size()), attrs.get(), nullptr);
                    int charIndex = 0;
                    for (GList* l = items; l; l = l->next) {
                        auto* item = static_cast<PangoItem*>(l->data);
                        GlyphStringPtr a(pango_glyph_string_new()), b(pango_glyph_string_new());
                        pango_shape_item(item, para.c_str(), static_cast<int>(para.size()), &logAttrs[static_cast<size_t>(charIndex)],
                                         a.get(), PANGO_SHAPE_NONE);
                        size_t before = cache.hits() + cache.misses();
                        cache.shape(item, para, &logAttrs[static_cast<size_t>(charIndex)], b.get());
                        if (cache.hits() + cache.misses() > before) {
                            ++cachedItems;
                            if (item->analysis.script == PANGO_SCRIPT_HAN) ++hanItems;
                        }
                        REQUIRE(a->num_glyphs == b->num_glyphs);
                        for (int g = 0; g < a->num_glyphs; ++g) {
                            const auto &x = a->glyphs[g], &y = b->glyphs[g];
                            const bool same = x.glyph == y.glyph && x.geometry.width == y.geometry.width &&
                                              x.geometry.x_offset == y.geometry.x_offset &&
                                              x.geometry.y_offset == y.geometry.y_offset &&
                                              x.attr.is_cluster_start == y.attr.is_cluster_start &&
                                              a->log_clusters[g] == b->log_clusters[g];
                            if (!same)
                                FAIL_CHECK(f.family << " " << size << "pt, glyph " << g << " of item '"
                                                    << std::string(para, static_cast<size_t>(item->offset),
                                                                   static_cast<size_t>(item->length))
                                                    << "': " << x.glyph << "/" << x.geometry.width << " vs " << y.glyph
                                                    << "/" << y.geometry.width);
                            ++glyphsCompared;
                        }
                        charIndex += item->num_chars;
                        pango_item_free(item);
                    }
                    g_list_free(items);
                }
            }
        }
    }
    MESSAGE("items through the cache: " << cachedItems << " (Han: " << hanItems << "), glyphs compared: " << glyphsCompared
                                        << ", hits: " << cache.hits() << ", misses: " << cache.misses());
    CHECK(cachedItems > 100);
    CHECK(hanItems > 100);
    CHECK(cache.hits() > cache.misses());  // the second pass at least
}

TEST_CASE("word shape cache: items it must not split are shaped whole") {
    TextEngine& eng = testing::engine();
    ShapeCache cache;
    // Chinese with punctuation compression ('halt') and right-to-left text never use the cache.
    const std::string zh = "中文，“引号”。 再来";
    AttrListPtr attrs(pango_attr_list_new());
    pango_attr_list_insert(attrs.get(), pango_attr_font_features_new("halt"));
    GList* items = pango_itemize(eng.context(), zh.c_str(), 0, static_cast<int>(zh.size()), attrs.get(), nullptr);
    std::vector<PangoLogAttr> logAttrs(32);
    for (GList* l = items; l; l = l->next) {
        GlyphStringPtr g(pango_glyph_string_new());
        cache.shape(static_cast<PangoItem*>(l->data), zh, logAttrs.data(), g.get());
        pango_item_free(static_cast<PangoItem*>(l->data));
    }
    g_list_free(items);
    CHECK(cache.hits() + cache.misses() == 0);
}
