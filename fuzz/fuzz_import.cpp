// libFuzzer target: a web page's bytes (any encoding; read as HTML when the first byte is '<', else
// as scraped text) -> an article -> Markdown -> read back as an article. Undecodable bytes and a
// listing page are UserErrors and fine; an article the importer writes must always read back
// (else the importer wrote invalid input: a finding).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/diagnostics.h"
#include "import/import.h"
#include "parse/article.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string path = !bytes.empty() && bytes[0] == '<' ? "fuzz.html" : "fuzz.txt";
    inkstone::DiagnosticSink sink(false);
    std::string md;
    try {
        const auto article = inkstone::import::importPage(path, bytes, inkstone::import::ImportOptions{}, sink);
        md = inkstone::import::toMarkdown(article);
    } catch (const inkstone::UserError&) {
        return 0;
    }
    try {
        inkstone::DiagnosticSink readSink(false);
        (void)inkstone::parse::parseArticle(md, "imported.md", readSink);
    } catch (const inkstone::UserError& e) {
        std::fprintf(stderr, "the imported article does not read back: %s\n%s\n", e.what(), md.c_str());
        std::abort();
    }
    return 0;
}
