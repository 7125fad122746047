// Lengths. Everything inside inkstone is in PostScript points (1/72 in); style files may use
// pt, mm, cm, in and em (relative to the element's font size).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace inkstone {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kPtPerIn = 72.0;

struct Length {
    double value = 0;
    bool em = false;  // value is in em of the font size it is applied to
    double resolve(double emSize) const { return em ? value * emSize : value; }
};

// "20mm", "10.5pt", "2em", "0". Returns nullopt on a bad value or unknown unit.
std::optional<Length> parseLength(std::string_view text);

}  // namespace inkstone
