// libFuzzer target: an article file (YAML front matter, Markdown, fenced divs) -> the document
// model. A user's error (bad YAML, bad UTF-8, an unknown key) is a UserError and fine; anything
// else (a crash, a sanitizer report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostics.h"
#include "parse/article.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    inkstone::DiagnosticSink sink(false);
    try {
        (void)inkstone::parse::parseArticle(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.md", sink);
    } catch (const inkstone::UserError&) {
    }
    return 0;
}
