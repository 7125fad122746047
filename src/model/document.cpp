#include "model/document.h"

namespace inkstone::model {

std::string plainText(const std::vector<TextRun>& runs) {
    std::string out;
    for (const auto& r : runs) out += r.text;
    return out;
}


}  // namespace inkstone::model
