#include "text/linebreak.h"

namespace inkstone::text {

std::vector<LineBreak> breakLines(const MeasuredParagraph& p, const LineWidths& widths, const BreakOptions& options) {
    if (options.kind == BreakerKind::Optimal) {
        auto lines = breakOptimal(p, widths, options);
        if (!lines.empty() || p.charCount() == 0) return lines;
    }
    return breakGreedy(p, widths);
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
        LineBreak lb;
        lb.start = start;
        lb.end = end;
        lb.width = lineWidth(p, start, end);
        lb.available = avail;
        lb.hard = hard || end == n || (end < n && (p.flags[end] & kMandatoryBefore));
        lb.overfull = lb.width > avail + eps;
        const double stretch = lineStretch(p, start, end), shrink = lineShrink(p, start, end);
        lb.ratio = lb.width < avail ? (stretch > 0 ? (avail - lb.width) / stretch : 0)
                                    : (shrink > 0 ? (avail - lb.width) / shrink : 0);
        lines.push_back(lb);
        start = end;
    }
    return lines;
}

}  // namespace inkstone::text
