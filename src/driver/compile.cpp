// Compilations: a driver over the article pipeline. Recipe: (1) read the manifest; (2) lay every
// article out independently and in parallel (one TextEngine per worker), with destination names
// prefixed per article and no running heads; (3) lay out the cover, the editor's note and the table
// of contents; (4) assemble: front matter numbered i, ii, ..., articles from 1, each article on a
// new page (a right-hand page in facing-page styles, with a blank page where needed); (5) running
// heads with the volume's folios; (6) outline sections > articles > headings; (7) one PDF.
// The table of contents is iterated to a fixed point (its entries need the page numbers).
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>

#include "base/dates.h"
#include "base/timing.h"
#include "driver/parallel.h"
#include "inkstone/inkstone.h"
#include "layout/article.h"
#include "layout/flow.h"
#include "parse/article.h"
#include "parse/volume.h"
#include "render/render.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone {
namespace fs = std::filesystem;
using layout::Page;
using layout::PagedDocument;

namespace {

struct LaidArticle {
    model::Document doc;
    PagedDocument paged;
    size_t section = 0;
    std::string prefix;
};

std::string roman(int n) {
    static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                       {90, "xc"},   {50, "l"},    {40, "xl"}, {10, "x"},   {9, "ix"},
                                                       {5, "v"},     {4, "iv"},    {1, "i"}};
    std::string out;
    for (const auto& [v, s] : table)
        while (n >= v) out += s, n -= v;
    return out;
}

// The table of contents as pages: a heading, then per section its title and per article a title
// line with dot leaders and the page number (a link to the article), and its authors.
std::vector<Page> layoutContents(const parse::Volume& vol, const std::vector<LaidArticle>& arts,
                                 const std::vector<int>& startNumbers, const style::Style& st, text::TextEngine& engine) {
    using namespace layout;
    PageGeometry g{st.page.width, st.page.height, st.page.margin, 1, 0, st.page.facing};
    const double width = g.contentWidth();
    const auto& lang = vol.lang;
    std::vector<FlowBox> boxes;
    auto lineBox = [&](std::shared_ptr<const text::ShapedLine> line, const style::TextStyle& ts, double x) {
        FlowBox b;
        b.height = ts.lineHeight;
        b.items.push_back(TextItem{line, x, ts.lineHeight * 0.75});
        b.spaceBefore = ts.spaceBefore;
        b.spaceAfter = ts.spaceAfter;
        return b;
    };
    const style::TextStyle& head = st.element("title");
    boxes.push_back(lineBox(simpleLine(st.label("contents", lang), head, lang, st, engine), head, 0));
    const style::TextStyle& sec = st.element("toc-section");
    const style::TextStyle& entry = st.element("toc-entry");
    const style::TextStyle& auth = st.element("toc-author");
    size_t lastSection = SIZE_MAX;
    for (size_t k = 0; k < arts.size(); ++k) {
        const auto& a = arts[k];
        if (a.section != lastSection) {
            lastSection = a.section;
            if (!vol.sections[a.section].title.empty()) {
                FlowBox b = lineBox(simpleLine(vol.sections[a.section].title, sec, lang, st, engine), sec, 0);
                b.keepWithNext = true;
                boxes.push_back(std::move(b));
            }
        }
        const std::string link = "#" + a.prefix + "title";
        const std::string number = std::to_string(startNumbers[k]);
        const auto& m = a.doc.meta;
        auto num = simpleLine(number, entry, lang, st, engine, link);
        const double numX = width - num->width;
        const double maxTitle = numX - entry.fontSize * 2;
        // A title longer than the space before the number wraps; the number and the leaders go on
        // its last line.
        std::vector<std::shared_ptr<text::ShapedLine>> titleLines;
        {
            DiagnosticSink quiet(false);  // the title was measured (and checked) with its article
            auto mp = text::measureParagraph(engine, st, layout::plainParagraph(m.title, entry, m.lang, st, link), "", quiet);
            text::BreakOptions bo;
            bo.kind = text::BreakerKind::Greedy;
            auto breaks = text::breakLines(mp, text::LineWidths{{maxTitle}}, bo);
            for (size_t i = 0; i < breaks.size(); ++i)
                titleLines.push_back(text::buildLine(mp, breaks[i], text::LineAlign::Left, i + 1 == breaks.size()));
        }
        const double base = entry.lineHeight * 0.75;
        for (size_t i = 0; i < titleLines.size(); ++i) {
            FlowBox b;
            b.height = entry.lineHeight;
            b.spaceBefore = i == 0 ? entry.spaceBefore : 0;
            b.keepWithNext = i + 1 < titleLines.size() || !m.authors.empty();
            b.items.push_back(TextItem{titleLines[i], 0, base});
            if (i + 1 == titleLines.size()) {
                b.items.push_back(TextItem{num, numX, base});
                // Dot leaders between the title's end and the number.
                const double from = titleLines[i]->width + entry.fontSize * 0.5;
                auto dot = simpleLine(".", entry, "en", st, engine);
                const double pitch = entry.fontSize * 0.5;
                if (dot->width > 0)
                    for (double x = std::ceil(from / pitch) * pitch; x + dot->width < numX - entry.fontSize * 0.3; x += pitch)
                        b.items.push_back(TextItem{dot, x, base});
            }
            boxes.push_back(std::move(b));
        }
        if (!m.authors.empty()) {
            boxes.push_back(lineBox(simpleLine(joinAuthors(m.authors, m.lang), auth, m.lang, st, engine), auth, 0));
        }
    }
    return paginate({}, boxes, g);
}

}  // namespace

CompileResult compileVolume(const CompileRequest& req, DiagnosticSink& sink) {
    parse::Volume vol = parse::loadVolume(req.manifest, sink);
    style::Style st = style::loadStyle(req.style.empty() ? (vol.style.empty() ? "quarterly" : vol.style) : req.style);

    // (2) Articles in parallel; the first error stops the volume.
    std::vector<std::pair<size_t, std::string>> inputs;
    for (size_t s = 0; s < vol.sections.size(); ++s)
        for (const auto& a : vol.sections[s].articles) inputs.emplace_back(s, a);
    std::vector<LaidArticle> arts(inputs.size());
    std::vector<std::optional<Diagnostic>> errors(inputs.size());
    std::vector<std::vector<Diagnostic>> warnings(inputs.size());
    std::mutex progressMutex;
    BatchProgress progress;
    progress.total = inputs.size();
    const auto started = std::chrono::steady_clock::now();
    StageTimer stage("compile: articles (parallel)");
    driver::forEachParallel(inputs.size(), req.jobs, [&](text::TextEngine& engine, size_t i) {
        DiagnosticSink local(false);
        try {
            arts[i].doc = parse::loadArticle(inputs[i].second, local);
            arts[i].section = inputs[i].first;
            arts[i].prefix = "a" + std::to_string(i + 1) + "-";
            layout::LayoutOptions lo;
            lo.runningHeads = false;
            lo.destPrefix = arts[i].prefix;
            arts[i].paged = layout::layoutArticle(arts[i].doc, st, engine, local, lo);
        } catch (const UserError& e) {
            errors[i] = e.diagnostic();
        }
        warnings[i] = local.all();
        if (req.onProgress) {
            std::lock_guard<std::mutex> lock(progressMutex);
            ++progress.done;
            progress.pages += static_cast<int>(arts[i].paged.pages.size());
            progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            req.onProgress(progress);
        }
    });
    for (size_t i = 0; i < inputs.size(); ++i)
        for (const auto& d : warnings[i]) sink.report(d);
    for (const auto& e : errors)
        if (e) throw UserError(*e);

    stage.next("compile: front matter, contents, assembly");
    text::TextEngine engine;
    // (3) Front matter: cover and editor's note.
    std::vector<Page> front;
    {
        model::Document cover;
        cover.path = vol.path;
        cover.meta.title = vol.title;
        cover.meta.subtitle = vol.subtitle;
        cover.meta.section = vol.issue;
        cover.meta.summary = vol.publisher;
        cover.meta.lang = vol.lang;
        cover.meta.date = vol.date;
        layout::LayoutOptions lo;
        lo.runningHeads = false;
        lo.destPrefix = "cover-";
        auto paged = layout::layoutArticle(cover, st, engine, sink, lo);
        for (auto& p : paged.pages) {
            layout::translate(p.items, 0, st.page.height / 4);
            front.push_back(std::move(p));
        }
        if (st.page.facing) front.push_back(Page{st.page.width, st.page.height, {}, {}});
    }
    std::optional<LaidArticle> note;
    if (!vol.editorsNote.empty()) {
        note.emplace();
        note->doc = parse::loadArticle(vol.editorsNote, sink);
        layout::LayoutOptions lo;
        lo.runningHeads = false;
        lo.destPrefix = "note-";
        note->prefix = lo.destPrefix;
        note->paged = layout::layoutArticle(note->doc, st, engine, sink, lo);
    }

    // (4) Article start numbers do not depend on the front matter (arabic folios restart at 1),
    // but the contents are still iterated to a fixed point in case that ever changes.
    std::vector<int> startNumbers(arts.size(), 0);
    std::vector<Page> contents;
    bool settled = false;
    for (int round = 0; round < 4 && !settled; ++round) {
        contents = layoutContents(vol, arts, startNumbers, st, engine);
        std::vector<int> numbers;
        int page = 1;  // arabic folio of the next page
        for (const auto& a : arts) {
            if (st.page.facing && page % 2 == 0) ++page;  // articles open on right-hand (odd) pages
            numbers.push_back(page);
            page += static_cast<int>(a.paged.pages.size());
        }
        settled = numbers == startNumbers;
        startNumbers = numbers;
    }
    if (!settled) failAt(vol.path, {}, "the table of contents did not settle after 4 rounds");

    // Assemble.
    PagedDocument out;
    std::vector<std::string> labels;
    auto pushFront = [&](Page p) {
        out.pages.push_back(std::move(p));
        labels.push_back(roman(static_cast<int>(out.pages.size())));
    };
    for (auto& p : front) pushFront(std::move(p));
    size_t noteFirst = out.pages.size();
    if (note) {
        if (st.page.facing && out.pages.size() % 2 == 1) pushFront(Page{st.page.width, st.page.height, {}, {}});
        noteFirst = out.pages.size();
        for (auto& p : note->paged.pages) pushFront(std::move(p));
    }
    if (st.page.facing && out.pages.size() % 2 == 1) pushFront(Page{st.page.width, st.page.height, {}, {}});
    const size_t contentsFirst = out.pages.size();
    for (auto& p : contents) pushFront(std::move(p));
    if (st.page.facing && out.pages.size() % 2 == 1) pushFront(Page{st.page.width, st.page.height, {}, {}});
    const size_t frontCount = out.pages.size();
    std::vector<size_t> firstPage(arts.size());
    for (size_t k = 0; k < arts.size(); ++k) {
        while (static_cast<int>(out.pages.size() - frontCount) + 1 < startNumbers[k]) {
            out.pages.push_back(Page{st.page.width, st.page.height, {}, {}});
            labels.push_back(std::to_string(out.pages.size() - frontCount));
        }
        firstPage[k] = out.pages.size();
        for (auto& p : arts[k].paged.pages) {
            out.pages.push_back(std::move(p));
            labels.push_back(std::to_string(out.pages.size() - frontCount));
        }
    }
    for (size_t i = 0; i < out.pages.size(); ++i) out.pages[i].label = labels[i];

    // (5) Running heads: {publication} is the volume, {page} the folio.
    auto label = [&](size_t i) { return labels[i]; };
    const std::string total = std::to_string(out.pages.size() - frontCount);
    const std::string volumeDate = vol.date ? layout::formatDate(*vol.date, vol.lang, st) : std::string();
    if (note) {
        const auto& m = note->doc.meta;
        layout::RunningFields f{m.title, m.section, layout::joinAuthors(m.authors, m.lang), volumeDate, vol.title};
        layout::addRunningHeads(out.pages, noteFirst, note->paged.pages.size(), f, label, total, st, engine, m.lang);
    }
    layout::RunningFields cf{st.label("contents", vol.lang), vol.issue, vol.publisher, volumeDate, vol.title};
    layout::addRunningHeads(out.pages, contentsFirst, contents.size(), cf, label, total, st, engine, vol.lang);
    for (size_t k = 0; k < arts.size(); ++k) {
        const auto& m = arts[k].doc.meta;
        layout::RunningFields f{m.title, m.section, layout::joinAuthors(m.authors, m.lang),
                                m.date ? layout::formatDate(*m.date, m.lang, st) : volumeDate, vol.title};
        layout::addRunningHeads(out.pages, firstPage[k], arts[k].paged.pages.size(), f, label, total, st, engine, m.lang);
    }

    // (6) Outline: contents, sections > articles > headings.
    out.outline.push_back(layout::OutlineEntry{1, vol.title, "cover-title"});
    if (note) out.outline.push_back(layout::OutlineEntry{1, note->doc.meta.title, "note-title"});
    size_t lastSection = SIZE_MAX;
    for (size_t k = 0; k < arts.size(); ++k) {
        if (arts[k].section != lastSection) {
            lastSection = arts[k].section;
            const std::string& t = vol.sections[lastSection].title;
            out.outline.push_back(layout::OutlineEntry{1, t.empty() ? arts[k].doc.meta.title : t, arts[k].prefix + "title"});
        }
        for (const auto& e : arts[k].paged.outline) out.outline.push_back(layout::OutlineEntry{e.level + 1, e.title, e.dest});
    }

    // (7) Volume metadata.
    out.info.title = vol.title;
    out.info.author = vol.publisher;
    out.info.subject = vol.subtitle.empty() ? vol.issue : vol.subtitle + (vol.issue.empty() ? "" : " (" + vol.issue + ")");
    out.info.keywords = vol.issue;
    out.info.lang = vol.lang;
    out.info.creator = std::string("inkstone ") + version();
    out.info.createDate = creationDate(vol.date ? std::optional(std::tuple(vol.date->year, vol.date->month, vol.date->day))
                                                : std::nullopt);

    std::string output = req.output.empty() ? fs::path(req.manifest).replace_extension(".pdf").string() : req.output;
    stage.stop();
    render::writePdf(out, output);
    CompileResult result;
    result.pages = static_cast<int>(out.pages.size());
    result.articles = static_cast<int>(arts.size());
    result.output = output;
    return result;
}

}  // namespace inkstone
