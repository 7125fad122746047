#include "base/lang.h"

#include <cctype>

namespace inkstone {

std::optional<Lang> Lang::parse(std::string_view tag) {
    std::string t;
    for (char ch : tag) t += ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (t == "en" || t.rfind("en-", 0) == 0) return Lang();
    if (t == "zh" || t == "zh-hans" || t == "zh-cn" || t == "zh-sg" || t == "zh-hans-cn" || t == "zh-hans-sg")
        return Lang(Script::Hans);
    if (t == "zh-hant" || t == "zh-tw" || t == "zh-hant-tw") return Lang(Script::Hant);
    if (t == "zh-hk" || t == "zh-mo" || t == "zh-hant-hk" || t == "zh-hant-mo") return Lang(Script::Hant, Region::HK);
    return std::nullopt;
}

std::string Lang::tag() const {
    switch (script_) {
        case Script::Latin: return "en";
        case Script::Hans: return "zh-Hans";
        case Script::Hant: return region_ == Region::HK ? "zh-Hant-HK" : "zh-Hant";
    }
    return "en";
}

}  // namespace inkstone
