// Line breaking: MeasuredParagraph + line widths in, line breaks out. The breaker only chooses
// where lines end; it never shapes or draws. Greedy (first fit) now; the optimal (Knuth-Plass)
// breaker will sit behind the same interface.
#pragma once

#include <vector>

#include "text/paragraph.h"

namespace inkstone::text {

struct LineBreak {
    int start = 0;        // first character of the line
    int end = 0;          // one past the last character (trailing white space included)
    double width = 0;     // natural width without trailing white space
    double available = 0; // the measure the line was broken for
    bool hard = false;    // ends at a mandatory break (or the paragraph end)
    bool overfull = false;
};

// Width available to line `index` (0-based); the last entry repeats for all later lines.
struct LineWidths {
    std::vector<double> widths;
    double at(size_t index) const { return index < widths.size() ? widths[index] : widths.back(); }
};

enum class BreakerKind { Greedy };

std::vector<LineBreak> breakLines(const MeasuredParagraph& p, const LineWidths& widths,
                                  BreakerKind kind = BreakerKind::Greedy);

// First fit: each line takes as much as fits; an unbreakable run wider than the measure makes an
// overfull line.
std::vector<LineBreak> breakGreedy(const MeasuredParagraph& p, const LineWidths& widths);

}  // namespace inkstone::text
