#include "text/paragraph.h"

#include "text/paragraph_stages.h"

namespace inkstone::text {

MeasuredParagraph measureParagraph(TextEngine& engine, const style::Style& style, const ParagraphInput& in,
                                   const std::string& file, DiagnosticSink& sink) {
    using namespace stages;
    MeasuredParagraph p;
    const Chars c = collectText(in, p);
    if (c.size() == 0) return p;
    AttrListPtr attrs = fontAttributes(style, in, p, c);
    const std::vector<bool> compressed = compressPunctuation(in, p, c, attrs.get());
    std::vector<PangoLogAttr> logAttrs = breakOpportunities(in, p, c, compressed);
    hyphenationPoints(engine, in, p, c);
    hanLatinGlue(in, p, c);
    shape(engine, in, attrs.get(), logAttrs, file, sink, p);
    hyphenWidths(p);
    lineEndTrim(in, p, c);
    stretchAndShrink(p, c);
    return p;
}

int lastVisible(const MeasuredParagraph& p, int start, int end) {
    while (end > start && (p.flags[end - 1] & kWhite)) --end;
    return end - 1;
}

double lineWidth(const MeasuredParagraph& p, int start, int end) {
    const int last = lastVisible(p, start, end);
    double w = 0;
    for (int i = start; i <= last; ++i) {
        w += p.advance[i];
        if (i < last) w += p.glueAfter[i];
    }
    if (end < p.charCount() && (p.flags[end] & kHyphenBefore) && !(p.flags[end] & kBreakBefore) &&
        end < static_cast<int>(p.hyphenWidth.size()))
        w += p.hyphenWidth[end];
    if (last >= start && last < static_cast<int>(p.endTrim.size())) w -= p.endTrim[last];
    return w;
}

double lineStretch(const MeasuredParagraph& p, int start, int end) {
    const int last = lastVisible(p, start, end);
    double s = 0;
    for (int i = start; i < last && i < static_cast<int>(p.stretch.size()); ++i) s += p.stretch[i];
    return s;
}

double lineShrink(const MeasuredParagraph& p, int start, int end) {
    const int last = lastVisible(p, start, end);
    double s = 0;
    for (int i = start; i < last && i < static_cast<int>(p.shrink.size()); ++i) s += p.shrink[i];
    return s;
}

}  // namespace inkstone::text
