// Line breaking: MeasuredParagraph + line widths in, line breaks out. The breakers only choose
// where lines end; they never shape or draw. Two algorithms behind one switch: optimal (Knuth-Plass
// total fit, for justified text) and greedy (first fit: ragged text, and the fallback when no
// feasible total fit exists).
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
    bool hyphenated = false;  // ends at a hyphenation point: the line gets a hyphen
    double ratio = 0;         // adjustment ratio: + stretch / - shrink share used to justify
};

// Width available to line `index` (0-based); the last entry repeats for all later lines.
struct LineWidths {
    std::vector<double> widths;
    double at(size_t index) const { return index < widths.size() ? widths[index] : widths.back(); }
};

enum class BreakerKind { Greedy, Optimal };

struct BreakOptions {
    BreakerKind kind = BreakerKind::Optimal;
    // Chinese: a paragraph's last line never holds a single character (clreq 3.7, 孤字).
    bool avoidLoneLastCharacter = true;
};

std::vector<LineBreak> breakLines(const MeasuredParagraph& p, const LineWidths& widths, const BreakOptions& options = {});

// Knuth-Plass total fit: demerits for loose and tight lines, fitness classes, at most two
// hyphenated lines in a row, a hyphen before a paragraph's last line discouraged. Returns an
// empty vector when no feasible set of breaks exists (then breakLines falls back to greedy).
std::vector<LineBreak> breakOptimal(const MeasuredParagraph& p, const LineWidths& widths, const BreakOptions& options);

// First fit: each line takes as much as fits; an unbreakable run wider than the measure makes an
// overfull line.
std::vector<LineBreak> breakGreedy(const MeasuredParagraph& p, const LineWidths& widths);

}  // namespace inkstone::text
