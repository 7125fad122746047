#include "text/engine.h"

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "base/diagnostics.h"
#include "style/style.h"

namespace inkstone::text {

TextEngine::TextEngine(const std::string& fontsConf) {
    std::string conf = fontsConf.empty() ? style::dataDir() + "/fonts/fonts.conf" : fontsConf;
    config_.reset(FcConfigCreate());
    if (!FcConfigParseAndLoad(config_.get(), reinterpret_cast<const FcChar8*>(conf.c_str()), FcTrue))
        failAt(conf, {}, "cannot load the font configuration");
    if (!FcConfigBuildFonts(config_.get())) failAt(conf, {}, "fontconfig could not build its font list");

    fontMap_.reset(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontMap_.get()), config_.get());
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontMap_.get()), 72.0);
    cairo_font_options_t* opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    for (GPtr<PangoContext>* c : {&context_, &verticalContext_}) {
        c->reset(pango_font_map_create_context(fontMap_.get()));
        // 72 dpi so that sizes are points; unrounded positions so that justification and kerning stay exact.
        pango_cairo_context_set_resolution(c->get(), 72.0);
        pango_context_set_round_glyph_positions(c->get(), FALSE);
        pango_cairo_context_set_font_options(c->get(), opts);
    }
    cairo_font_options_destroy(opts);
    pango_context_set_base_gravity(verticalContext_.get(), PANGO_GRAVITY_EAST);
    pango_context_set_gravity_hint(verticalContext_.get(), PANGO_GRAVITY_HINT_NATURAL);
}

FontMetrics TextEngine::metrics(const std::string& family, double size, bool bold, bool italic) {
    std::string key = family + "|" + std::to_string(size) + (bold ? "b" : "") + (italic ? "i" : "");
    auto it = metricsCache_.find(key);
    if (it != metricsCache_.end()) return it->second;
    FontDescPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), family.c_str());
    pango_font_description_set_absolute_size(desc.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(desc.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(desc.get(), italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    FontMetricsPtr m(pango_context_get_metrics(context_.get(), desc.get(), pango_language_from_string("en")));
    FontMetrics out{pango_font_metrics_get_ascent(m.get()) / double(PANGO_SCALE),
                    pango_font_metrics_get_descent(m.get()) / double(PANGO_SCALE)};
    metricsCache_.emplace(key, out);
    return out;
}

const std::vector<int>& TextEngine::hyphenationPoints(const std::string& word, const HyphenationRules& rules) {
    std::string key = word;
    key += '\0';
    key += static_cast<char>(rules.minWord);
    key += static_cast<char>(rules.minLeft);
    key += static_cast<char>(rules.minRight);
    auto it = hyphenCache_.find(key);
    if (it != hyphenCache_.end()) return it->second;
    if (hyphenCache_.size() > 200000) hyphenCache_.clear();  // bounded in long batch runs
    return hyphenCache_.emplace(std::move(key), hyphenator().points(word, rules)).first->second;
}

const Hyphenator& TextEngine::hyphenator() {
    // One per process: loading the patterns costs tens of milliseconds, and the loaded dictionary
    // is only read afterwards, so threads may share it (unlike a PangoFontMap).
    static const Hyphenator shared;
    return shared;
}

std::string TextEngine::resolveFace(const std::string& family, const std::string& lang) {
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    if (!lang.empty()) FcPatternAddString(pat, FC_LANG, reinterpret_cast<const FcChar8*>(lang.c_str()));
    FcConfigSubstitute(config_.get(), pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern* match = FcFontMatch(config_.get(), pat, &res);
    std::string out;
    if (match) {
        FcChar8 *file = nullptr, *fam = nullptr;
        int index = 0;
        FcPatternGetString(match, FC_FILE, 0, &file);
        FcPatternGetString(match, FC_FAMILY, 0, &fam);
        FcPatternGetInteger(match, FC_INDEX, 0, &index);
        out = std::string(fam ? reinterpret_cast<char*>(fam) : "?") + " (" + (file ? reinterpret_cast<char*>(file) : "?") +
              (index ? ":" + std::to_string(index) : "") + ")";
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pat);
    return out;
}

const std::shared_ptr<const FontFace>& TextEngine::face(PangoFont* font) {
    auto& f = faces_[font];
    if (!f.second) {
        if (font) f.first.reset(PANGO_FONT(g_object_ref(font)));
        f.second = makeFontFace(font);
    }
    return f.second;
}

}  // namespace inkstone::text
