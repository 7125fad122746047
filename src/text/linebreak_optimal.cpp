// Knuth-Plass total-fit line breaking (Knuth & Plass 1981, "Breaking paragraphs into lines"), on
// the character model of MeasuredParagraph: a feasible break is a break opportunity, a
// hyphenation point or a mandatory break; a line's width, stretch and shrink come from prefix sums.
#include <algorithm>
#include <cmath>
#include <limits>

#include "base/utf8.h"
#include "text/linebreak.h"

namespace inkstone::text {
namespace {

constexpr double kLinePenalty = 10;
constexpr double kHyphenPenalty = 50;
constexpr double kDoubleHyphenDemerits = 3000;
constexpr double kFinalHyphenDemerits = 5000;
constexpr double kFitnessDemerits = 3000;
constexpr int kMaxHyphensInARow = 2;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLastTolerance = 40;

struct Node {
    int pos = 0;        // the line after this break starts here
    int line = 0;       // lines before pos
    int fitness = 1;    // 0 tight, 1 decent, 2 loose, 3 very loose
    int hyphens = 0;    // hyphenated lines in a row ending here
    bool hyphen = false;
    double ratio = 0;
    double demerits = 0;
    int prev = -1;      // index into nodes
};

int fitnessClass(double r) {
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1) return 2;
    return 3;
}

class Sums {
public:
    explicit Sums(const MeasuredParagraph& p) : p_(p) {
        const int n = p.charCount();
        adv_.assign(n + 1, 0);
        glue_.assign(n + 1, 0);
        stretch_.assign(n + 1, 0);
        shrink_.assign(n + 1, 0);
        visible_.assign(n + 1, -1);
        for (int i = 0; i < n; ++i) {
            adv_[i + 1] = adv_[i] + p.advance[i];
            glue_[i + 1] = glue_[i] + p.glueAfter[i];
            stretch_[i + 1] = stretch_[i] + (i < static_cast<int>(p.stretch.size()) ? p.stretch[i] : 0);
            shrink_[i + 1] = shrink_[i] + (i < static_cast<int>(p.shrink.size()) ? p.shrink[i] : 0);
            visible_[i + 1] = (p.flags[i] & kWhite) ? visible_[i] : i;
        }
    }
    // Last drawn character of a line ending before `end`.
    int last(int start, int end) const { return std::max(visible_[end], start - 1); }
    double width(int start, int end) const {
        const int l = last(start, end);
        if (l < start) return 0;
        double w = adv_[l + 1] - adv_[start] + glue_[l] - glue_[start];
        if (hyphenAt(end)) w += p_.hyphenWidth[end];
        if (l < static_cast<int>(p_.endTrim.size())) w -= p_.endTrim[l];
        return w;
    }
    double stretch(int start, int end) const {
        const int l = last(start, end);
        return l <= start ? 0 : stretch_[l] - stretch_[start];
    }
    double shrink(int start, int end) const {
        const int l = last(start, end);
        return l <= start ? 0 : shrink_[l] - shrink_[start];
    }
    bool hyphenAt(int end) const {
        return end < p_.charCount() && (p_.flags[end] & kHyphenBefore) && !(p_.flags[end] & kBreakBefore) &&
               end < static_cast<int>(p_.hyphenWidth.size());
    }

private:
    const MeasuredParagraph& p_;
    std::vector<double> adv_, glue_, stretch_, shrink_;
    std::vector<int> visible_;
};

// Characters that count for the lone-character rule: drawn, and not punctuation.
std::vector<int> countableAfter(const MeasuredParagraph& p) {
    const int n = p.charCount();
    std::vector<int> after(n + 1, 0);
    for (int i = n - 1; i >= 0; --i) {
        size_t at = static_cast<size_t>(p.byteOffset[i]);
        char32_t c = decodeUtf8(*p.text, at);
        const bool counts = !(p.flags[i] & kWhite) && !g_unichar_ispunct(c);
        after[i] = after[i + 1] + (counts ? 1 : 0);
    }
    return after;
}

std::vector<LineBreak> run(const MeasuredParagraph& p, const LineWidths& widths, const BreakOptions& opt, double tolerance,
                           const Sums& sums, const std::vector<int>& countable) {
    const int n = p.charCount();
    const int lastWidthIndex = static_cast<int>(widths.widths.size()) - 1;
    // A paragraph ending in Chinese keeps at least two characters on its last line.
    const bool loneRule = opt.avoidLoneLastCharacter && n > 0 && (p.flags[sums.last(0, n)] & kCjk);

    std::vector<Node> nodes;
    nodes.push_back(Node{});
    std::vector<int> active{0}, keep;
    active.reserve(64);
    keep.reserve(64);
    for (int b = 1; b <= n; ++b) {
        const bool end = b == n;
        const bool mandatory = !end && (p.flags[b] & kMandatoryBefore);
        const bool hyphen = sums.hyphenAt(b);
        if (!end && !mandatory && !hyphen && !(p.flags[b] & kBreakBefore)) continue;
        if (loneRule && !end && !mandatory && countable[b] > 0 && countable[b] < 2) continue;

        // Best new node per (fitness, line class): lines past the last distinct width are alike.
        Node best[4][2];
        bool have[4][2] = {};
        keep.clear();
        const bool last = end || mandatory;
        for (size_t k = 0; k < active.size(); ++k) {
            const int ai = active[k];
            const Node& a = nodes[ai];
            const double L = widths.at(static_cast<size_t>(a.line));
            const double W = sums.width(a.pos, b);
            double r;
            if (W > L) {
                const double Z = sums.shrink(a.pos, b);
                r = Z > 0 ? (L - W) / Z : -kInf;
            } else if (last) {
                r = 0;  // the last line of a paragraph (or before a hard break) is not stretched
            } else {
                const double Y = sums.stretch(a.pos, b);
                r = W == L ? 0 : (Y > 0 ? (L - W) / Y : kInf);
            }
            // The last pass accepts a line that has nothing to stretch (a lone long word, a line of
            // unbreakable text) as maximally loose, rather than giving the paragraph up to greedy.
            if (r == kInf && tolerance >= kLastTolerance) r = tolerance;
            if (r >= -1) keep.push_back(ai);  // longer lines from `a` only get worse once r < -1
            if (r > tolerance && !last && a.line >= lastWidthIndex && lastWidthIndex <= 1) {
                // Active nodes are in order of position, and past the distinct widths they share
                // one line width: a line from a later node is shorter, with less to stretch, so
                // looser still. They all stay active and none gives a break here (in Chinese, where
                // every character is a break, most nodes are such short lines).
                keep.insert(keep.end(), active.begin() + static_cast<std::ptrdiff_t>(k) + 1, active.end());
                break;
            }
            if (r < -1 || r > tolerance) continue;
            const int hy = hyphen ? a.hyphens + 1 : 0;
            if (hy > kMaxHyphensInARow) continue;
            const double ar = std::abs(r);
            const double badness = 100 * ar * ar * ar;
            double d = (kLinePenalty + badness) * (kLinePenalty + badness);
            if (hyphen) d += kHyphenPenalty * kHyphenPenalty;
            if (hyphen && a.hyphen) d += kDoubleHyphenDemerits;
            if (end && a.hyphen) d += kFinalHyphenDemerits;
            const int fit = fitnessClass(r);
            if (std::abs(fit - a.fitness) > 1) d += kFitnessDemerits;
            const double total = a.demerits + d;
            const int lineClass = a.line + 1 >= lastWidthIndex ? 1 : 0;
            if (lastWidthIndex > 1 && a.line + 1 < lastWidthIndex) {
                // Distinct widths ahead: keep every line number apart (rare: wraps around floats).
                Node nn{b, a.line + 1, fit, hy, hyphen, r, total, ai};
                nodes.push_back(nn);
                keep.push_back(static_cast<int>(nodes.size()) - 1);
                continue;
            }
            if (!have[fit][lineClass] || total < best[fit][lineClass].demerits) {
                best[fit][lineClass] = Node{b, a.line + 1, fit, hy, hyphen, r, total, ai};
                have[fit][lineClass] = true;
            }
        }
        if (mandatory || end) keep.clear();  // nothing continues past a forced break
        for (int f = 0; f < 4; ++f)
            for (int c = 0; c < 2; ++c)
                if (have[f][c]) {
                    nodes.push_back(best[f][c]);
                    keep.push_back(static_cast<int>(nodes.size()) - 1);
                }
        // Kept nodes are in creation order and each appears once: no sorting needed.
        active.swap(keep);
        if (active.empty()) return {};
    }
    // The best node at the paragraph end.
    int bestEnd = -1;
    for (int ai : active)
        if (nodes[ai].pos == n && (bestEnd < 0 || nodes[ai].demerits < nodes[bestEnd].demerits)) bestEnd = ai;
    if (bestEnd < 0) return {};
    std::vector<LineBreak> lines;
    for (int k = bestEnd; nodes[k].prev >= 0; k = nodes[k].prev) {
        const Node& node = nodes[k];
        const Node& from = nodes[node.prev];
        LineBreak lb;
        lb.start = from.pos;
        lb.end = node.pos;
        lb.width = sums.width(from.pos, node.pos);
        lb.available = widths.at(static_cast<size_t>(from.line));
        lb.hard = node.pos == n || (p.flags[node.pos] & kMandatoryBefore);
        lb.hyphenated = node.hyphen;
        lb.ratio = node.ratio;
        lb.overfull = lb.width > lb.available + 1e-6 && node.ratio < -1;
        lines.push_back(lb);
    }
    std::reverse(lines.begin(), lines.end());
    return lines;
}

}  // namespace

std::vector<LineBreak> breakOptimal(const MeasuredParagraph& p, const LineWidths& widths, const BreakOptions& options) {
    if (p.charCount() == 0) return {};
    Sums sums(p);
    std::vector<int> countable = countableAfter(p);
    // TeX-like passes: a strict tolerance first, then looser ones; none left means greedy.
    for (double tolerance : {1.5, 4.0, kLastTolerance}) {
        auto lines = run(p, widths, options, tolerance, sums, countable);
        if (!lines.empty()) return lines;
    }
    return {};
}

}  // namespace inkstone::text
