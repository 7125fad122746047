#include "model/document.h"

namespace inkstone::model {

std::string plainText(const std::vector<TextRun>& runs) {
    std::string out;
    for (const auto& r : runs) out += r.text;
    return out;
}

bool isChineseLang(const std::string& lang) { return lang.rfind("zh", 0) == 0; }

}  // namespace inkstone::model
