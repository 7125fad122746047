// Composer benchmark and quality report (not a test: figures, no assertions).
// For the body paragraphs of the given articles (default: samples/*.md) it measures paragraphs per
// second for: measure + Knuth-Plass, measure + greedy, measure + Knuth-Plass + line building, and
// plain PangoLayout (justified, word wrap) on the same text and width. Then it reports the spacing
// the composer produced: word gaps in English (median, 95th percentile, in em), the Han-Latin gap,
// the advance of compressed punctuation pairs, and hyphenated lines.
#include <pango/pangocairo.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "parse/article.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

using namespace inkstone;
using Clock = std::chrono::steady_clock;

namespace {

struct Para {
    text::ParagraphInput input;
    std::string plain;
    bool chinese = false;
};

std::vector<Para> collect(const std::vector<std::string>& files, const style::Style& st) {
    std::vector<Para> out;
    const style::TextStyle& body = st.element("body");
    for (const auto& f : files) {
        DiagnosticSink sink(false);
        model::Document doc = parse::loadArticle(f, sink);
        for (const auto& b : doc.blocks) {
            if (b.kind != model::BlockKind::Paragraph) continue;
            Para p;
            p.chinese = doc.meta.lang.chinese();
            p.input.lang = doc.meta.lang;
            p.input.hanLatinSpace = st.cjk.hanLatinSpace;
            p.input.lineBreak = st.cjk.lineBreak;
            p.input.compressPunctuation = st.cjk.compressPunctuation;
            p.input.hyphenate = true;
            p.input.hyphenation = st.hyphenation;
            for (const auto& r : b.runs) {
                text::Span s;
                s.text = r.text;
                s.size = body.fontSize;
                s.bold = r.flags & model::kStrong;
                s.italic = r.flags & model::kEmphasis;
                p.input.spans.push_back(s);
                p.plain += r.text;
            }
            out.push_back(std::move(p));
        }
    }
    return out;
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) files.push_back(argv[i]);
    if (files.empty())
        for (const auto& e : std::filesystem::directory_iterator("samples"))
            if (e.path().extension() == ".md") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    style::Style st = style::loadStyle("briefing");
    const double width = st.page.width - st.page.margin.inner - st.page.margin.outer;
    text::TextEngine engine;
    std::vector<Para> paras = collect(files, st);
    DiagnosticSink quiet(false);

    for (int lang = 0; lang < 2; ++lang) {
        std::vector<const Para*> set;
        for (const auto& p : paras)
            if (p.chinese == (lang == 1)) set.push_back(&p);
        if (set.empty()) continue;
        const char* env = std::getenv("INKSTONE_BENCH_ROUNDS");
        const int rounds = env ? std::max(1, std::atoi(env)) : 20;
        auto timeIt = [&](auto&& fn) {
            fn();  // warm-up: font loading, shaping caches
            auto t0 = Clock::now();
            for (int r = 0; r < rounds; ++r) fn();
            double s = std::chrono::duration<double>(Clock::now() - t0).count();
            return rounds * set.size() / s;
        };
        text::LineWidths widths{{width}};
        auto composer = [&](text::BreakerKind kind, bool build) {
            return [&, kind, build] {
                for (const Para* p : set) {
                    auto mp = text::measureParagraph(engine, st, p->input, "bench", quiet);
                    text::BreakOptions bo;
                    bo.kind = kind;
                    auto lines = text::breakLines(mp, widths, bo);
                    if (build)
                        for (size_t k = 0; k < lines.size(); ++k)
                            text::buildLine(mp, lines[k], text::LineAlign::Justify, k + 1 == lines.size());
                }
            };
        };
        auto pangoLayout = [&] {
            for (const Para* p : set) {
                GPtr<PangoLayout> layout(pango_layout_new(engine.context()));
                FontDescPtr desc(pango_font_description_from_string(
                    lang == 1 ? "Noto Serif CJK SC, Noto Serif" : "Noto Serif, Noto Serif CJK SC"));
                pango_font_description_set_absolute_size(desc.get(), 10.5 * PANGO_SCALE);
                pango_layout_set_font_description(layout.get(), desc.get());
                pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
                pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
                pango_layout_set_justify(layout.get(), TRUE);
                pango_layout_set_text(layout.get(), p->plain.c_str(), -1);
                PangoLayoutIter* it = pango_layout_get_iter(layout.get());
                do {
                    PangoRectangle r;
                    pango_layout_iter_get_line_extents(it, nullptr, &r);
                } while (pango_layout_iter_next_line(it));
                pango_layout_iter_free(it);
            }
        };
        std::printf("%s: %zu paragraphs, measure %.0f pt\n", lang ? "Chinese" : "English", set.size(), width);
        std::printf("  measure + Knuth-Plass            %8.0f paragraphs/s\n", timeIt(composer(text::BreakerKind::Optimal, false)));
        std::printf("  measure + greedy                 %8.0f paragraphs/s\n", timeIt(composer(text::BreakerKind::Greedy, false)));
        std::printf("  measure + Knuth-Plass + lines    %8.0f paragraphs/s\n", timeIt(composer(text::BreakerKind::Optimal, true)));
        std::printf("  PangoLayout (justified)          %8.0f paragraphs/s\n", timeIt(pangoLayout));

        // Quality: what the composer actually set.
        std::vector<double> wordGaps, hanLatin, pairs;
        int hyphenated = 0, lineCount = 0;
        for (const Para* p : set) {
            auto mp = text::measureParagraph(engine, st, p->input, "bench", quiet);
            auto lines = text::breakLines(mp, widths, {});
            for (size_t k = 0; k < lines.size(); ++k) {
                auto line = text::buildLine(mp, lines[k], text::LineAlign::Justify, k + 1 == lines.size());
                ++lineCount;
                hyphenated += lines[k].hyphenated;
                // Per character advance as drawn: walk the glyph clusters.
                const std::string& t = *mp.text;
                for (const auto& run : line->runs) {
                    const std::vector<int> offsets = text::glyphOffsets(run);
                    const int glyphCount = static_cast<int>(run.glyphs.size());
                    for (int g = 0; g < glyphCount; ++g) {
                        const int byte = offsets[static_cast<size_t>(g)];
                        int c = 0;
                        while (c + 1 < mp.charCount() && mp.byteOffset[c + 1] <= byte) ++c;
                        const bool lastOfCluster = g + 1 == glyphCount || offsets[static_cast<size_t>(g) + 1] != byte;
                        if (!lastOfCluster || c + 1 >= lines[k].end) continue;
                        const double adv = run.glyphs[static_cast<size_t>(g)].advance;
                        const double em = mp.spans[mp.spanOf[c]].size;
                        size_t at = static_cast<size_t>(mp.byteOffset[c]);
                        char32_t cp = decodeUtf8(t, at);
                        size_t at2 = static_cast<size_t>(mp.byteOffset[c + 1]);
                        char32_t next = decodeUtf8(t, at2);
                        if (cp == ' ' && lang == 0) wordGaps.push_back(adv / em);
                        if (mp.glueAfter[c] > 0) hanLatin.push_back(adv - mp.advance[c]);
                        if ((mp.flags[c] & text::kCompressed) && isCjk(next)) pairs.push_back((adv) / em + mp.advance[c + 1] / em);
                    }
                }
            }
        }
        if (lang == 0) {
            std::printf("  word gap: median %.3f em, 95th percentile %.3f em (%zu gaps)\n", percentile(wordGaps, 0.5),
                        percentile(wordGaps, 0.95), wordGaps.size());
        } else {
            std::printf("  Han-Latin gap: median %.2f pt (%zu gaps); compressed pair advance: median %.2f em (%zu pairs)\n",
                        percentile(hanLatin, 0.5), hanLatin.size(), percentile(pairs, 0.5), pairs.size());
        }
        std::printf("  lines %d, hyphenated %d\n", lineCount, hyphenated);
    }
    return 0;
}
