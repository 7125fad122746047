// A tiny program built against an installed inkstone (tests/install.sh): renders the article
// given to the PDF given through the public API, with the installed styles.
#include <inkstone/inkstone.h>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: app ARTICLE.md OUT.pdf\n");
        return 2;
    }
    inkstone::DiagnosticSink sink;
    inkstone::RenderRequest request;
    request.input = argv[1];
    request.output = argv[2];
    try {
        const inkstone::RenderResult result = inkstone::renderArticle(request, sink);
        std::printf("%d pages\n", result.pages);
    } catch (const inkstone::UserError& e) {
        std::fprintf(stderr, "%s\n", inkstone::formatDiagnostic(e.diagnostic()).c_str());
        return 2;
    }
    return 0;
}
