#include "base/units.h"

#include <cstdlib>
#include <string>

namespace inkstone {

std::optional<Length> parseLength(std::string_view text) {
    std::string s(text);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) return std::nullopt;
    std::string unit(end);
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    if (unit.empty()) {
        if (v == 0) return Length{0, false};
        return std::nullopt;  // a bare non-zero number is ambiguous: require a unit
    }
    if (unit == "pt") return Length{v, false};
    if (unit == "mm") return Length{v * kPtPerMm, false};
    if (unit == "cm") return Length{v * 10 * kPtPerMm, false};
    if (unit == "in") return Length{v * kPtPerIn, false};
    if (unit == "em") return Length{v, true};
    return std::nullopt;
}

}  // namespace inkstone
