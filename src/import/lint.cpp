// `inkstone check`: each article read as `render` reads it (errors and warnings included), then
// linted on its source lines: web chrome left in the body, empty sections, pull quotes that repeat
// no text of the article, a missing date, figures without alternative text.
#include <fstream>
#include <regex>
#include <sstream>

#include "base/utf8.h"
#include "import/extract.h"
#include "inkstone/inkstone.h"
#include "parse/article.h"

namespace inkstone {

namespace {

// Text for comparison: no Markdown markup, no white space.
std::string normalised(const std::string& s) {
    std::string out;
    for (char c : s)
        if (!(c == ' ' || c == '\t' || c == '*' || c == '_' || c == '\\' || c == '`')) out += c;
    return out;
}

// Whether the quote repeats text of the body: the whole quote, or a run of at least 12 characters
// of it (a pull quote may shorten its sentence).
bool repeats(const std::string& quote, const std::string& body) {
    const std::string q = normalised(quote), b = normalised(body);
    if (q.empty()) return true;
    if (b.find(q) != std::string::npos) return true;
    std::vector<size_t> starts;  // character starts in q
    for (size_t i = 0; i < q.size(); ++i)
        if ((static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) starts.push_back(i);
    const size_t window = 12;
    for (size_t k = 0; k + window <= starts.size(); ++k) {
        const size_t end = k + window < starts.size() ? starts[k + window] : q.size();
        if (b.find(q.substr(starts[k], end - starts[k])) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

size_t checkArticles(const std::vector<std::string>& files, DiagnosticSink& sink) {
    size_t found = 0;
    for (const std::string& file : files) {
        DiagnosticSink local(false);
        model::Document doc = parse::loadArticle(file, local);  // errors: UserError, as for render
        for (const auto& d : local.all()) {
            sink.report(d);
            ++found;
        }
        auto warn = [&](int line, const std::string& msg) {
            sink.warn(file, {line, line > 0 ? 1 : 0}, msg);
            ++found;
        };
        if (!doc.meta.date) warn(1, "no date in the front matter");
        // Figures without alternative text (a tagged PDF's /Alt: render warns too).
        std::vector<const model::Block*> todo;
        for (const auto& b : doc.blocks) todo.push_back(&b);
        while (!todo.empty()) {
            const model::Block* b = todo.back();
            todo.pop_back();
            for (const auto& c : b->children) todo.push_back(&c);
            if (b->kind == model::BlockKind::Image && b->figure.alt.empty())
                warn(b->pos.line, "figure '" + b->text + "' has no alternative text (alt=\"...\"): its caption stands in for readers who cannot see it");
        }

        std::ifstream in(file, std::ios::binary);
        std::vector<std::string> lines;
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        // The body starts after the front matter's closing "---".
        size_t first = 0;
        if (!lines.empty() && lines[0] == "---")
            for (size_t i = 1; i < lines.size(); ++i)
                if (lines[i] == "---" || lines[i] == "...") {
                    first = i + 1;
                    break;
                }
        static const std::regex heading(R"(^(#{1,6})\s+(.*)$)");
        static const std::regex fenceOpen(R"(^:::[ \t]{0,8}pullquote\b)");
        std::string bodyText;
        struct Quote {
            int line;
            std::string text;
        };
        std::vector<Quote> quotes;
        bool inQuote = false, inCode = false;
        int lastHeading = 0, lastHeadingLevel = 0;
        bool sectionHasText = true;
        for (size_t i = first; i < lines.size(); ++i) {
            const std::string& raw = lines[i];
            const int no = static_cast<int>(i + 1);
            if (raw.rfind("```", 0) == 0 || raw.rfind("~~~", 0) == 0) inCode = !inCode;
            if (inCode) {
                sectionHasText = true;
                continue;
            }
            std::smatch m;
            if (raw.rfind(":::", 0) == 0 && raw.size() < 200 && std::regex_search(raw, fenceOpen)) {
                inQuote = true;
                quotes.push_back(Quote{no, {}});
                continue;
            }
            if (inQuote) {
                if (raw.rfind(":::", 0) == 0) inQuote = false;
                else if (raw.rfind("— ", 0) != 0 && raw.rfind("-- ", 0) != 0) quotes.back().text += raw + " ";
                continue;
            }
            const std::string text = import::trimWeb(raw);
            if (text.empty()) continue;
            if (raw[0] == '#' && raw.size() < 2000 && std::regex_search(raw, m, heading)) {
                const int level = static_cast<int>(m[1].length());
                if (lastHeading && !sectionHasText && level <= lastHeadingLevel)
                    warn(lastHeading, "empty section: no text under this heading");
                lastHeading = no;
                lastHeadingLevel = level;
                sectionHasText = false;
                const std::string h = import::trimWeb(m[2]);
                if (import::isRelatedHeading(h)) warn(no, "web chrome left in the body (related list): " + h);
                else if (auto why = import::chromeReason(h); !why.empty()) warn(no, "web chrome left in the body (" + why + "): " + h);
                continue;
            }
            sectionHasText = true;
            bodyText += raw + " ";
            std::string plain = text;
            while (!plain.empty() && (plain[0] == '>' || plain[0] == '-' || plain[0] == '*' || plain[0] == ' ')) plain.erase(0, 1);
            if (auto why = import::chromeReason(plain); !why.empty()) warn(no, "web chrome left in the body (" + why + "): " + plain);
            else if (import::isRelatedHeading(plain)) warn(no, "web chrome left in the body (related list): " + plain);
        }
        if (lastHeading && !sectionHasText) warn(lastHeading, "empty section: no text under this heading");
        for (const auto& q : quotes)
            if (!repeats(q.text, bodyText)) warn(q.line, "the pull quote repeats no text of the article");
    }
    return found;
}

}  // namespace inkstone
