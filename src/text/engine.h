// The text engine of one thread: inkstone's own fontconfig world (fonts/fonts.conf), a Pango font
// map and context set up for print (72 dpi, unrounded glyph positions). A PangoFontMap must never
// be shared between threads (ENGINEERING.md): make one TextEngine per worker.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/face.h"
#include "text/gobject_ptr.h"
#include "text/hyphenate.h"
#include "text/shape_cache.h"

namespace inkstone::text {

struct FontMetrics {
    double ascent = 0;   // points
    double descent = 0;  // points, positive
};

class TextEngine {
public:
    // Loads `fontsConf` (default: <data>/fonts/fonts.conf). Throws UserError when it cannot.
    explicit TextEngine(const std::string& fontsConf = {});
    TextEngine(const TextEngine&) = delete;
    TextEngine& operator=(const TextEngine&) = delete;

    PangoContext* context() const { return context_.get(); }
    // The context of vertical lines (issue 16): base gravity east with the natural hint, so Han
    // characters and the punctuation that stands upright are shaped upright with their vertical
    // advances and forms (HarfBuzz top-to-bottom, `vert`), and Latin words, long numbers and the
    // marks that turn (brackets, dashes) lie on their side, turned clockwise.
    PangoContext* verticalContext() const { return verticalContext_.get(); }
    FcConfig* fontConfig() const { return config_.get(); }

    // Metrics of `family` at `size` points (cached).
    FontMetrics metrics(const std::string& family, double size, bool bold, bool italic);

    // The file and face a family resolves to for a language ("" when nothing matches).
    std::string resolveFace(const std::string& family, const std::string& lang);

    // What a painter needs of `font` (made once per font and shared by every run drawn with it).
    const std::shared_ptr<const FontFace>& face(PangoFont* font);

    // Word shapes of this engine's fonts (shape_cache.h).
    ShapeCache& shapeCache() { return shapeCache_; }

    // Hyphenation points of `word` (the shared Hyphenator's), remembered per engine: words recur.
    const std::vector<int>& hyphenationPoints(const std::string& word, const HyphenationRules& rules);

    // English hyphenation patterns, loaded on first use, shared by all engines of the process.
    static const Hyphenator& hyphenator();

private:
    FcConfigPtr config_;
    GPtr<PangoFontMap> fontMap_;
    GPtr<PangoContext> context_;
    GPtr<PangoContext> verticalContext_;
    std::map<std::string, FontMetrics> metricsCache_;
    ShapeCache shapeCache_;  // after the font map: its fonts are released first
    std::unordered_map<std::string, std::vector<int>> hyphenCache_;
    // By font; each font is held, so a key is never a released font's address.
    std::unordered_map<PangoFont*, std::pair<GPtr<PangoFont>, std::shared_ptr<const FontFace>>> faces_;
};

}  // namespace inkstone::text
