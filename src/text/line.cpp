#include "text/line.h"

#include <algorithm>
#include <cmath>

namespace inkstone::text {

namespace {

// A run while the line is built: a Pango item and its glyphs, cut, reshaped and justified, then
// turned into a GlyphRun.
struct Piece {
    ItemPtr item;
    GlyphStringPtr glyphs;
    const ShapedItem* source = nullptr;
};

// Whether byte offset `byte` (paragraph text) starts a cluster of the shaped item, or is its end.
bool isClusterStart(const ShapedItem& si, int byte) {
    const int rel = byte - si.item->offset;
    if (rel <= 0 || rel >= si.item->length) return true;
    const PangoGlyphString* gs = si.glyphs.get();
    if (!(si.item->analysis.level & 1)) {  // left to right: clusters ascend
        const int* c = gs->log_clusters;
        const int* it = std::lower_bound(c, c + gs->num_glyphs, rel);
        return it != c + gs->num_glyphs && *it == rel;
    }
    for (int g = 0; g < gs->num_glyphs; ++g)
        if (gs->log_clusters[g] == rel) return true;
    return false;
}

// The glyphs of bytes [byteA, byteB) of a left-to-right item whose cluster boundaries both are:
// a copy of that slice of the glyph string (pango_glyph_item_split would copy the whole item's
// glyphs for every line first, which is quadratic in the paragraph's length).
void sliceLtr(const PangoItem* item, const PangoGlyphString* gs, int byteA, int byteB, int chars, Piece& run) {
    const int relA = byteA - item->offset, relB = byteB - item->offset;
    const int* c = gs->log_clusters;
    const int ga = static_cast<int>(std::lower_bound(c, c + gs->num_glyphs, relA) - c);
    const int gb = static_cast<int>(std::lower_bound(c, c + gs->num_glyphs, relB) - c);
    PangoItem* piece = pango_item_copy(const_cast<PangoItem*>(item));
    piece->offset = byteA;
    piece->length = byteB - byteA;
    piece->num_chars = chars;
    PangoGlyphString* g = pango_glyph_string_new();
    pango_glyph_string_set_size(g, gb - ga);
    std::copy(gs->glyphs + ga, gs->glyphs + gb, g->glyphs);
    for (int k = 0; k < gb - ga; ++k) g->log_clusters[k] = c[ga + k] - relA;
    run.item.reset(piece);
    run.glyphs.reset(g);
}

// clreq 3.8: justify a Chinese line in priority order. Stretch: word spaces up to 1/2 em, then the
// Han-Latin gap up to 1/3 em, then every gap between characters evenly. Shrink: word spaces, then
// pause marks and brackets, then the Han-Latin gap, then stop marks, each up to what it allows.
// Adds to `extra` and returns what is left for the proportional pass (0 when all is placed).
double distributeByPriority(const MeasuredParagraph& p, int start, int end, double delta, std::vector<double>& extra) {
    auto em = [&](int i) { return p.spans[p.spanOf[i]].size; };
    auto fill = [&](uint8_t kind, auto capacity, double want) {
        double cap = 0;
        for (int i = start; i + 1 < end; ++i)
            if ((want > 0 ? p.stretchKind[i] : p.shrinkKind[i]) == kind) cap += capacity(i);
        if (cap <= 0) return want;
        const double take = want > 0 ? std::min(want, cap) : std::max(want, -cap);
        for (int i = start; i + 1 < end; ++i)
            if ((want > 0 ? p.stretchKind[i] : p.shrinkKind[i]) == kind) extra[i - start] += take * capacity(i) / cap;
        return want - take;
    };
    double rest = delta;
    if (delta > 0) {
        rest = fill(kGapWordSpace, [&](int i) { return std::max(0.0, 0.5 * em(i) - p.advance[i]); }, rest);
        rest = fill(kGapHanLatin, [&](int i) { return std::max(0.0, em(i) / 3 - p.glueAfter[i]); }, rest);
        int gaps = 0;
        for (int i = start; i + 1 < end; ++i) gaps += p.stretchKind[i] == kGapInterChar;
        if (gaps > 0 && rest > 0) {
            for (int i = start; i + 1 < end; ++i)
                if (p.stretchKind[i] == kGapInterChar) extra[i - start] += rest / gaps;
            rest = 0;
        }
    } else {
        for (uint8_t kind : {kGapWordSpace, kGapPause, kGapHanLatin, kGapStop})
            rest = fill(kind, [&](int i) { return p.shrink[i]; }, rest);
    }
    return rest;
}

// The plain glyph data of a finished piece (styled from its span), its pen origin at `x`.
GlyphRun toRun(const Piece& pc, const Span& sp, double x, double width, bool vertical) {
    GlyphRun r;
    r.face = pc.source->face;
    const PangoItem* item = pc.item.get();
    const PangoGlyphString* gs = pc.glyphs.get();
    r.textStart = item->offset;
    r.textLength = item->length;
    r.span = pc.source->span;
    r.rtl = item->analysis.level & 1;
    r.upright = PANGO_GRAVITY_IS_VERTICAL(item->analysis.gravity);
    r.tateChuYoko = vertical && pc.source->tateChuYoko;
    r.compress = r.tateChuYoko ? pc.source->compress : 1;
    r.glyphs.resize(static_cast<size_t>(gs->num_glyphs));
    for (int g = 0; g < gs->num_glyphs; ++g) {
        const PangoGlyphInfo& gi = gs->glyphs[g];
        Glyph& out = r.glyphs[static_cast<size_t>(g)];
        out.id = gi.glyph == PANGO_GLYPH_EMPTY ? kNoGlyph : (gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : gi.glyph;
        out.advance = static_cast<float>(gi.geometry.width) / PANGO_SCALE;
        out.dx = static_cast<float>(gi.geometry.x_offset) / PANGO_SCALE;
        out.dy = static_cast<float>(gi.geometry.y_offset) / PANGO_SCALE;
        // A cluster starts where the glyph's text offset changes; it ends where the next cluster
        // in the text starts (the next in glyph order, or the previous one right to left).
        if (g > 0 && gs->log_clusters[g] == gs->log_clusters[g - 1]) {
            ++r.clusters.back().glyphs;
            continue;
        }
        r.clusters.push_back(Cluster{0, 1});
    }
    for (size_t k = 0, g = 0; k < r.clusters.size(); g += static_cast<size_t>(r.clusters[k].glyphs), ++k) {
        const int start = gs->log_clusters[g];
        int end = item->length;
        if (!r.rtl && k + 1 < r.clusters.size()) end = gs->log_clusters[g + static_cast<size_t>(r.clusters[k].glyphs)];
        if (r.rtl && k > 0) end = gs->log_clusters[g - 1];
        r.clusters[k].bytes = end - start;
    }
    r.x = x;
    r.width = width;
    r.rise = sp.rise;
    if (r.tateChuYoko) {
        double across = 0;
        for (const Glyph& gl : r.glyphs) across += gl.advance;
        const double em = pc.source->face->size;
        r.unitX = (width - em) / 2 + 0.88 * em;
        r.unitY = across / 2;
    }
    if (vertical && !r.upright && !r.tateChuYoko) {
        // A Latin word or long number lying on a vertical line: its ascent and descent centred on
        // the line's middle (a vertical line's baseline).
        FontMetricsPtr m(pango_font_get_metrics(item->analysis.font, item->analysis.language));
        r.rise -= (pango_font_metrics_get_ascent(m.get()) - pango_font_metrics_get_descent(m.get())) / 2.0 / PANGO_SCALE;
    }
    r.color = sp.color;
    r.link = sp.link;
    const double s = sp.size;
    if (!r.link.empty())  // on a vertical line, the em box across it, centred on its middle
        r.linkArea = !vertical   ? Box{0, -(s * 0.92), width, s * 0.28}
                     : r.upright ? Box{0, -s / 2, width, s / 2}
                                 : Box{0, -s / 2 - r.rise, width, s / 2 - r.rise};
    // Decorations: a bar of 1/20 em, struck through 0.3 em above the baseline, underlined 0.12 em
    // below it.
    if (sp.strike) r.bars.push_back(Box{0, -(s * 0.3 + s * 0.025), width, -(s * 0.3 - s * 0.025)});
    if (sp.underline) r.bars.push_back(Box{0, s * 0.12, width, s * 0.12 + s * 0.05});
    return r;
}

// Stage 1: the shaped items cut at the line's edges (characters [start, end)).
std::vector<Piece> cutItems(const MeasuredParagraph& p, int start, int end) {
    const std::string& text = *p.text;
    std::vector<Piece> pieces;
    for (const ShapedItem& si : p.items) {
        const int iFirst = si.firstChar, iEnd = si.firstChar + si.item->num_chars;
        const int a = std::max(iFirst, start), b = std::min(iEnd, end);
        if (a >= b) continue;
        Piece run;
        run.source = &si;
        if (a == iFirst && b == iEnd) {
            run.item.reset(pango_item_copy(si.item.get()));
            run.glyphs.reset(pango_glyph_string_copy(si.glyphs.get()));
        } else if (!isClusterStart(si, p.byteOffset[a]) || !isClusterStart(si, p.byteOffset[b])) {
            // A break inside a cluster (a hyphen inside a ligature such as "ffi"): reshape the piece.
            PangoItem* item = pango_item_copy(si.item.get());
            item->offset = p.byteOffset[a];
            item->length = p.byteOffset[b] - p.byteOffset[a];
            item->num_chars = b - a;
            run.item.reset(item);
            run.glyphs.reset(pango_glyph_string_new());
            pango_shape_item(item, text.c_str(), static_cast<int>(text.size()), nullptr, run.glyphs.get(), PANGO_SHAPE_NONE);
        } else if (!(si.item->analysis.level & 1)) {
            // Cut the shaped item at the line's edges without reshaping: the breaks fall between
            // clusters, and the glyphs (with their text mapping) stay as measured.
            sliceLtr(si.item.get(), si.glyphs.get(), p.byteOffset[a], p.byteOffset[b], b - a, run);
        } else {
            PangoGlyphItem whole{};
            whole.item = pango_item_copy(si.item.get());
            whole.glyphs = pango_glyph_string_copy(si.glyphs.get());
            if (a > iFirst) {
                PangoGlyphItem* before = pango_glyph_item_split(&whole, text.c_str(), p.byteOffset[a] - whole.item->offset);
                pango_glyph_item_free(before);
            }
            if (b < iEnd) {
                PangoGlyphItem* part = pango_glyph_item_split(&whole, text.c_str(), p.byteOffset[b] - whole.item->offset);
                pango_item_free(whole.item);
                pango_glyph_string_free(whole.glyphs);
                whole = *part;
                g_slice_free(PangoGlyphItem, part);
            }
            run.item.reset(whole.item);
            run.glyphs.reset(whole.glyphs);
        }
        pieces.push_back(std::move(run));
    }
    return pieces;
}

// Stage 2: a line ending at a hyphenation point. Pango appends the hyphen when the item is shaped
// with PANGO_ANALYSIS_FLAG_NEED_HYPHEN (the text keeps no hyphen, so copy/paste is clean).
void appendHyphen(const MeasuredParagraph& p, std::vector<Piece>& pieces) {
    if (pieces.empty()) return;
    const std::string& text = *p.text;
    // Only the last word is reshaped: the run is cut after its last space (a cluster boundary).
    Piece& tail = pieces.back();
    if (!(tail.item->analysis.level & 1)) {
        const char* s = text.c_str() + tail.item->offset;
        int cut = tail.item->length;
        while (cut > 0 && s[cut - 1] != ' ') --cut;
        if (cut > 0 && cut < tail.item->length) {
            const int cutChars = static_cast<int>(g_utf8_strlen(s, cut));
            Piece word, head;
            word.source = head.source = tail.source;
            const PangoItem* whole = tail.item.get();
            sliceLtr(whole, tail.glyphs.get(), whole->offset + cut, whole->offset + whole->length,
                     whole->num_chars - cutChars, word);
            sliceLtr(whole, tail.glyphs.get(), whole->offset, whole->offset + cut, cutChars, head);
            pieces.back() = std::move(head);
            pieces.push_back(std::move(word));
        }
    }
    Piece& last = pieces.back();
    last.item->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
    pango_shape_item(last.item.get(), text.c_str(), static_cast<int>(text.size()), nullptr, last.glyphs.get(),
                     PANGO_SHAPE_NONE);
}

double pieceWidth(const Piece& r) { return pango_glyph_string_get_width(r.glyphs.get()) / double(PANGO_SCALE); }

// Stage 3: justification. The natural width after reshaping (kerning at the cut edges may differ
// a little), then the stretch and shrink of each gap added to `extra`: the ratio is recomputed
// from the real width, so the line ends exactly at the measure. Returns the ratio applied.
double justify(const MeasuredParagraph& p, const LineBreak& lb, LineAlign align, bool lastLine, int start, int end,
               const std::vector<Piece>& pieces, std::vector<double>& extra) {
    double ratio = 0;
    double natural = 0;
    for (const auto& r : pieces) natural += pieceWidth(r);
    for (double e : extra) natural += e;
    // A paragraph's last line (and a line before a hard break) is not stretched, but it is shrunk
    // when the breaker counted on its shrink to fit it.
    const double delta = lb.available - natural;
    const bool justify = align == LineAlign::Justify && (delta < 0 || (!lastLine && !lb.hard));
    if (justify && std::abs(delta) > 1e-9 && !p.stretch.empty()) {
        const std::vector<double>& amount = delta > 0 ? p.stretch : p.shrink;
        double total = 0;
        for (int i = start; i + 1 < end; ++i) total += amount[i];
        if (total > 0) ratio = delta > 0 ? delta / total : std::max(delta / total, -1.0);
        const bool chinese = p.lang.chinese() && !p.stretchKind.empty();
        double rest = delta;
        if (chinese) rest = distributeByPriority(p, start, end, delta, extra);
        if (std::abs(rest) > 1e-9 && total > 0) {
            // Proportional to each gap's stretch or shrink (Knuth-Plass; English, and what the
            // Chinese priorities leave over). Shrinking never goes past what the gaps allow.
            const double r = rest > 0 ? rest / total : std::max(rest / total, -1.0);
            for (int i = start; i + 1 < end; ++i) extra[i - start] += r * amount[i];
        }
    }
    return ratio;
}

// Stage 4: the extra advance after each character put on the last glyph of its cluster. Pango
// units are integers: the running total is rounded, not each share, so the line ends exactly
// where it should.
void applyExtra(const MeasuredParagraph& p, int start, int end, const std::vector<double>& extra, std::vector<Piece>& pieces) {
    double wanted = 0;
    long applied = 0;
    for (Piece& r : pieces) {
        PangoGlyphString* gs = r.glyphs.get();
        int c = start;
        while (p.byteOffset[c] < r.item->offset) ++c;
        for (int g = 0; g < gs->num_glyphs; ++g) {
            const bool lastOfCluster = g + 1 == gs->num_glyphs || gs->log_clusters[g + 1] != gs->log_clusters[g];
            if (!lastOfCluster) continue;
            const int clusterEnd = g + 1 == gs->num_glyphs ? r.item->offset + r.item->length
                                                           : r.item->offset + gs->log_clusters[g + 1];
            for (; c < end && p.byteOffset[c] < clusterEnd; ++c) wanted += extra[c - start];
            const long target = std::lround(wanted * PANGO_SCALE);
            gs->glyphs[g].geometry.width += static_cast<int>(target - applied);
            applied = target;
        }
    }
}

}  // namespace

std::vector<int> glyphOffsets(const GlyphRun& run) {
    std::vector<int> out;
    out.reserve(run.glyphs.size());
    int at = run.rtl ? run.textStart + run.textLength : run.textStart;
    for (const Cluster& c : run.clusters) {
        if (run.rtl) at -= c.bytes;
        out.insert(out.end(), static_cast<size_t>(c.glyphs), at);
        if (!run.rtl) at += c.bytes;
    }
    return out;
}

std::shared_ptr<ShapedLine> buildLine(const MeasuredParagraph& p, const LineBreak& lb, LineAlign align, bool lastLine) {
    auto line = std::make_shared<ShapedLine>();
    line->text = p.text;
    int end = lb.end;
    while (end > lb.start && (p.flags[end - 1] & kWhite)) --end;
    const int start = lb.start;
    if (end <= start) return line;
    const std::string& text = *p.text;
    line->plain = text.substr(p.byteOffset[start], p.byteOffset[end] - p.byteOffset[start]);
    line->start = lb.start;
    line->end = lb.end;
    line->hyphenated = lb.hyphenated;

    // Extra advance after each character: glue inside the line, then justification.
    std::vector<double> extra(end - start, 0.0);
    for (int i = start; i + 1 < end; ++i) extra[i - start] = p.glueAfter[i];
    // A line-end mark set half-width: its blank half goes (zh-Hans closing marks carry no ink there).
    if (end - 1 < static_cast<int>(p.endTrim.size())) extra[end - 1 - start] -= p.endTrim[end - 1];

    std::vector<Piece> pieces = cutItems(p, start, end);
    if (lb.hyphenated) appendHyphen(p, pieces);
    line->ratio = justify(p, lb, align, lastLine, start, end, pieces, extra);
    applyExtra(p, start, end, extra, pieces);
    double x = 0;
    line->runs.reserve(pieces.size());
    for (const Piece& r : pieces) {
        const double w = pieceWidth(r);
        line->runs.push_back(toRun(r, p.spans[r.source->span], x, w, p.vertical));
        x += w;
    }
    line->width = x;
    return line;
}

}  // namespace inkstone::text
