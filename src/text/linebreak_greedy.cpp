#include "text/linebreak.h"

#include <glib.h>

#include "base/utf8.h"

namespace inkstone::text {

namespace {

LineBreak makeLine(const MeasuredParagraph& p, int start, int end, double avail) {
    LineBreak lb;
    lb.start = start;
    lb.end = end;
    lb.width = lineWidth(p, start, end);
    lb.available = avail;
    const int n = p.charCount();
    lb.hard = end == n || (p.flags[end] & kMandatoryBefore);
    lb.overfull = lb.width > avail + 1e-6;
    const double stretch = lineStretch(p, start, end), shrink = lineShrink(p, start, end);
    lb.ratio = lb.width < avail ? (stretch > 0 ? (avail - lb.width) / stretch : 0)
                                : (shrink > 0 ? (avail - lb.width) / shrink : 0);
    return lb;
}

// Drawn characters that are not punctuation in [start, end).
int countable(const MeasuredParagraph& p, int start, int end) {
    int count = 0;
    for (int i = start; i < end; ++i) {
        if (p.flags[i] & kWhite) continue;
        size_t at = static_cast<size_t>(p.byteOffset[i]);
        if (!g_unichar_ispunct(decodeUtf8(*p.text, at))) ++count;
    }
    return count;
}

// clreq 3.7 for the greedy result: a Chinese paragraph whose last line holds one character pulls
// one more down from the line above (its last break opportunity before the line end).
void pullDownLoneCharacter(const MeasuredParagraph& p, const LineWidths& widths, std::vector<LineBreak>& lines) {
    if (lines.size() < 2) return;
    LineBreak& last = lines.back();
    LineBreak& prev = lines[lines.size() - 2];
    if (prev.hard || !(p.flags[lastVisible(p, last.start, last.end)] & kCjk)) return;
    if (countable(p, last.start, last.end) != 1) return;
    for (int b = prev.end - 1; b > prev.start; --b) {
        if (!(p.flags[b] & kBreakBefore)) continue;
        if (lineWidth(p, b, last.end) > widths.at(lines.size() - 1) + 1e-6) return;
        prev = makeLine(p, prev.start, b, prev.available);
        last = makeLine(p, b, last.end, last.available);
        return;
    }
}

}  // namespace

std::vector<LineBreak> breakLines(const MeasuredParagraph& p, const LineWidths& widths, const BreakOptions& options) {
    if (options.kind == BreakerKind::Optimal) {
        auto lines = breakOptimal(p, widths, options);
        if (!lines.empty() || p.charCount() == 0) return lines;
    }
    auto lines = breakGreedy(p, widths);
    if (options.avoidLoneLastCharacter) pullDownLoneCharacter(p, widths, lines);
    return lines;
}

std::vector<LineBreak> breakGreedy(const MeasuredParagraph& p, const LineWidths& widths) {
    std::vector<LineBreak> lines;
    const int n = p.charCount();
    int start = 0;
    const double eps = 1e-6;
    while (start < n) {
        const double avail = widths.at(lines.size());
        int fit = -1;  // the last break position whose line fits
        int end = n;
        bool hard = true;
        for (int i = start + 1; i <= n; ++i) {
            const bool atEnd = i == n;
            const bool mandatory = !atEnd && (p.flags[i] & kMandatoryBefore);
            if (!atEnd && !(p.flags[i] & (kBreakBefore | kMandatoryBefore))) continue;
            double w = lineWidth(p, start, i);
            if (w <= avail + eps) {
                fit = i;
                if (atEnd || mandatory) {
                    end = i;
                    hard = true;
                    break;
                }
                continue;
            }
            // Too wide: end at the last fit, or make an overfull line of this unbreakable piece.
            end = fit >= 0 ? fit : i;
            hard = false;
            break;
        }
        LineBreak lb = makeLine(p, start, end, avail);
        lb.hard = lb.hard || hard;
        lines.push_back(lb);
        start = end;
    }
    return lines;
}

}  // namespace inkstone::text
