// libFuzzer target: an article file (YAML front matter, Markdown, fenced divs) -> the document
// model. A user's error (bad YAML, bad UTF-8, an unknown key) is a UserError and fine; anything
// else (a crash, a sanitizer report, another exception) is a finding.
// An article that parses is also opened as `inkstone serve` opens it (inspectArticleText) and written
// back unchanged (articleFromFields): what comes back must parse too, with the same title.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "inkstone/inkstone.h"
#include "parse/article.h"

namespace {

// A title as read: front matter writes a line break or control character as a space.
std::string words(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        const bool space = c <= 0x20 || c == 0x7F;
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : static_cast<char>(c);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    inkstone::DiagnosticSink sink(false);
    const std::string source(reinterpret_cast<const char*>(data), size);
    inkstone::model::Document doc;
    try {
        doc = inkstone::parse::parseArticle(source, "fuzz.md", sink);
    } catch (const inkstone::UserError&) {
        return 0;
    }
    const inkstone::InspectedPage p = inkstone::inspectArticleText("fuzz.md", source);
    std::string again;
    try {
        again = inkstone::articleFromFields(p.fields, p.blocks);
    } catch (const inkstone::UserError&) {
        // The fields as the article has them are refused only for what the form checks more
        // strictly than the parser: a language the form does not offer.
        return 0;
    }
    inkstone::DiagnosticSink sink2(false);
    const inkstone::model::Document back = inkstone::parse::parseArticle(again, "fuzz.md", sink2);
    if (words(back.meta.title) != words(doc.meta.title)) std::abort();
    return 0;
}
