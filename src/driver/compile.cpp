// Compilations: a driver over the article pipeline. Recipe: (1) read the manifest; (2) lay every
// article out independently and in parallel (one TextEngine per worker), with destination names
// prefixed per article and no running heads; (3) lay out the cover, the editor's note and the table
// of contents; (4) assemble: front matter numbered i, ii, ..., articles from 1, each article on a
// new page (a right-hand page in facing-page styles, with a blank page where needed); (5) running
// heads with the volume's folios; (6) outline sections > articles > headings; (7) one PDF.
// The table of contents is iterated to a fixed point (its entries need the page numbers).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <set>

#include "base/dates.h"
#include "base/interrupt.h"
#include "base/reads.h"
#include "base/timing.h"
#include "driver/volume_schedule.h"
#include "image/image.h"
#include "inkstone/inkstone.h"
#include "layout/article.h"
#include "layout/flow.h"
#include "layout/volume.h"
#include "parse/article.h"
#include "parse/volume.h"
#include "render/api_internal.h"
#include "render/render.h"
#include "style/style.h"
#include "text/engine.h"

namespace inkstone {
namespace fs = std::filesystem;
using driver::ArticleLayouts;
using driver::LaidArticle;
using driver::PageDrawers;
using layout::Page;
using layout::PagedDocument;

namespace {

std::string roman(int n) {
    static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                       {90, "xc"},   {50, "l"},    {40, "xl"}, {10, "x"},   {9, "ix"},
                                                       {5, "v"},     {4, "iv"},    {1, "i"}};
    std::string out;
    for (const auto& [v, s] : table)
        while (n >= v) out += s, n -= v;
    return out;
}

}  // namespace

namespace {

// Whether any running head of the style prints {pages}: the volume's length must then be known
// before the first article is drawn.
bool needsPageTotal(const style::Style& st) {
    for (const auto* r : {&st.header, &st.footer, &st.versoHeader, &st.versoFooter, &st.firstHeader, &st.firstFooter})
        for (const std::string* f : {&r->left, &r->center, &r->right})
            if (f->find("{pages}") != std::string::npos) return true;
    return false;
}

// The volume's metadata; the PDF's conformance from the style (the request may override it).
layout::DocInfo volumeInfo(const parse::Volume& vol, const style::Style& st) {
    layout::DocInfo info;
    info.title = vol.title;
    info.author = vol.publisher;
    info.subject = vol.subtitle.empty() ? vol.issue : vol.subtitle + (vol.issue.empty() ? "" : " (" + vol.issue + ")");
    info.keywords = vol.issue;
    info.lang = vol.lang.tag();
    info.creator = std::string("inkstone ") + version();
    info.tagged = st.pdf.tagged;
    info.pdfa = st.pdf.pdfa;
    info.rightToLeft = st.page.vertical();  // a vertical volume is read right to left
    info.createDate = creationDate(vol.date ? std::optional(std::tuple(vol.date->year, vol.date->month, vol.date->day))
                                            : std::nullopt);
    return info;
}

// Cover, editor's note and contents, numbered i, ii, ... with running heads on the note and the
// contents. The contents are checked against a recount of the article start numbers, in a
// bounded loop, in case laying them out changes those.
// Their structure goes under `frontNode` (a Part made before the articles').
std::vector<Page> frontMatter(const parse::Volume& vol, const style::Style& st, text::TextEngine& engine,
                              ArticleLayouts& arts, std::vector<int>& startNumbers, const std::string& total,
                              std::optional<LaidArticle>& note, std::vector<layout::StructNode>& structure, int frontNode,
                              DiagnosticSink& sink, const PreparedEdition& edition) {
    std::vector<Page> front;
    front.push_back(layout::layoutCover(vol, st, engine, structure, frontNode));
    if (st.page.facing) front.push_back(Page{st.page.width, st.page.height, {}, {}});
    if (!vol.editorsNote.empty()) {
        note.emplace();
        note->doc = parse::loadArticle(vol.editorsNote, sink);
        applyEdition(note->doc, edition, edition.review ? &note->review : nullptr);
        layout::LayoutOptions lo;
        lo.runningHeads = false;
        lo.destPrefix = "note-";
        note->prefix = lo.destPrefix;
        note->paged = layout::layoutArticle(note->doc, st, engine, sink, lo);
        const int offset = layout::appendNodes(structure, note->paged.structure, frontNode);
        for (Page& p : note->paged.pages) layout::offsetNodes(p.items, offset);
    }
    std::vector<Page> contents;
    bool settled = false;
    const size_t before = structure.size();
    for (int round = 0; round < 4 && !settled; ++round) {
        structure.resize(before);  // the last round's nodes are kept
        std::vector<layout::ContentsEntry> entries;
        for (size_t k = 0; k < arts.size(); ++k) {
            const auto& m = arts[k].doc.meta;
            entries.push_back({arts[k].section, m.title, m.lang, m.authors, arts[k].prefix + "title", startNumbers[k]});
        }
        contents = layout::layoutContents(vol, entries, st, engine, structure, frontNode);
        std::vector<int> numbers;
        int page = 1;
        for (size_t k = 0; k < arts.size(); ++k) {
            if (st.page.facing && page % 2 == 0) ++page;
            numbers.push_back(page);
            page += static_cast<int>(arts[k].pageCount);
        }
        settled = numbers == startNumbers;
        startNumbers = numbers;
    }
    if (!settled) failAt(vol.path, {}, "the table of contents did not settle after 4 rounds");

    const std::string volumeDate = vol.date ? layout::formatDate(*vol.date, vol.lang, st) : std::string();
    std::vector<Page> fm = std::move(front);
    auto padToEven = [&] {
        if (st.page.facing && fm.size() % 2 == 1) fm.push_back(Page{st.page.width, st.page.height, {}, {}});
    };
    size_t noteFirst = fm.size(), noteCount = 0;
    if (note) {
        padToEven();
        noteFirst = fm.size();
        noteCount = note->paged.pages.size();
        for (auto& p : note->paged.pages) fm.push_back(std::move(p));
    }
    padToEven();
    const size_t contentsFirst = fm.size();
    for (auto& p : contents) fm.push_back(std::move(p));
    padToEven();
    auto romanLabel = [&](size_t i) { return roman(static_cast<int>(i + 1)); };
    if (note) {
        const auto& m = note->doc.meta;
        layout::RunningFields f{m.title, m.section, layout::joinAuthors(m.authors, m.lang), volumeDate, vol.title};
        layout::addRunningHeads(fm, noteFirst, noteCount, f, romanLabel, total, st, engine, m.lang);
    }
    layout::RunningFields cf{st.label("contents", vol.lang), vol.issue, vol.publisher, volumeDate, vol.title};
    layout::addRunningHeads(fm, contentsFirst, contents.size(), cf, romanLabel, total, st, engine, vol.lang);
    for (size_t i = 0; i < fm.size(); ++i) {
        fm[i].label = romanLabel(i);
        layout::resolveRoles(fm[i].items, structure);
    }
    return fm;
}

// An article's pages for the volume: a blank page first where a facing style needs a right-hand
// start, arabic folios continuing from `folio`, running heads with the article's fields.
std::vector<Page> articlePages(LaidArticle& a, const parse::Volume& vol, const style::Style& st, text::TextEngine& engine,
                               int& folio, const std::string& total) {
    std::vector<Page> out;
    // A horizontal article starts on a right-hand page, a vertical one (read right to left) on a
    // left-hand page: its first page has its inner margin on the right (issue 16).
    const bool vertical = a.paged.info.rightToLeft;
    if (st.page.facing && folio % 2 == (vertical ? 0 : 1)) out.push_back(Page{st.page.width, st.page.height, {}, std::to_string(++folio)});
    // Running heads on a page list whose indices have the pages' parity.
    std::vector<Page> pages;
    const size_t pad = static_cast<size_t>(folio % 2);
    if (pad) pages.push_back(Page{st.page.width, st.page.height, {}, {}});
    for (auto& p : a.paged.pages) pages.push_back(std::move(p));
    const int first = folio + 1;
    auto label = [&](size_t i) { return std::to_string(first + static_cast<int>(i - pad)); };
    const auto& m = a.doc.meta;
    const std::string volumeDate = vol.date ? layout::formatDate(*vol.date, vol.lang, st) : std::string();
    layout::RunningFields f{m.title, m.section, layout::joinAuthors(m.authors, m.lang),
                            m.date ? layout::formatDate(*m.date, m.lang, st) : volumeDate, vol.title};
    layout::addRunningHeads(pages, pad, pages.size() - pad, f, label, total, st, engine, m.lang);
    for (size_t i = pad; i < pages.size(); ++i) {
        pages[i].label = label(i);
        out.push_back(std::move(pages[i]));
        ++folio;
    }
    a.pageCount = pages.size() - pad;
    a.paged.pages.clear();
    a.paged.pages.shrink_to_fit();  // handed on: released when drawn
    return out;
}

// Article i of the volume (section, file), laid out without running heads, its destination names
// prefixed ("a3-"); its own error and warnings are kept with it, reported when it is sequenced.
LaidArticle layoutVolumeArticle(const std::pair<size_t, std::string>& input, size_t i, const style::Style& st,
                                text::TextEngine& engine, const PreparedEdition& edition) {
    LaidArticle a;
    DiagnosticSink local(false);
    try {
        a.doc = parse::loadArticle(input.second, local);
        applyEdition(a.doc, edition, edition.review ? &a.review : nullptr);
        a.section = input.first;
        a.prefix = "a" + std::to_string(i + 1) + "-";
        layout::LayoutOptions lo;
        lo.runningHeads = false;
        lo.destPrefix = a.prefix;
        a.paged = layout::layoutArticle(a.doc, st, engine, local, lo);
    } catch (const UserError& e) {
        a.error = e.diagnostic();
    }
    a.warnings = local.all();
    return a;
}

std::vector<layout::OutlineEntry> volumeOutline(const parse::Volume& vol, ArticleLayouts& arts,
                                                const std::optional<LaidArticle>& note) {
    std::vector<layout::OutlineEntry> outline;
    outline.push_back(layout::OutlineEntry{1, vol.title, "cover-title"});
    if (note) outline.push_back(layout::OutlineEntry{1, note->doc.meta.title, "note-title"});
    size_t lastSection = SIZE_MAX;
    for (size_t k = 0; k < arts.size(); ++k) {
        if (arts[k].section != lastSection) {
            lastSection = arts[k].section;
            const std::string& t = vol.sections[lastSection].title;
            outline.push_back(layout::OutlineEntry{1, t.empty() ? arts[k].doc.meta.title : t, arts[k].prefix + "title"});
        }
        for (const auto& e : arts[k].paged.outline) outline.push_back(layout::OutlineEntry{e.level + 1, e.title, e.dest});
    }
    return outline;
}

}  // namespace

namespace {

// A volume's output for one of several editions: OUT.zh-Hant-TW.pdf beside OUT.pdf.
std::string editionOutput(const std::string& output, const std::string& edition) {
    fs::path p(output);
    const std::string ext = p.extension().string();
    return p.replace_extension("").string() + "." + edition + (ext.empty() ? ".pdf" : ext);
}

}  // namespace

CompileResult compileVolume(const CompileRequest& request, DiagnosticSink& sink) {
    return compileVolumeWith(request, sink, nullptr);
}

CompileResult compileVolumeWith(const CompileRequest& given, DiagnosticSink& sink, driver::VolumeCache* cache) {
    // (1) The manifest and style; the cover is checked before any work is done.
    parse::Volume vol = parse::loadVolume(given.manifest, sink);
    CompileRequest req = given;
    if (req.edition.target.empty() && !vol.editions.empty()) {
        // One PDF per edition of the manifest, laid out side by side (the cores shared between
        // them); a report per edition beside the one asked for.
        if (req.output == "-") failAt(req.manifest, {}, "a volume with several editions writes several files; give -o a file name");
        const std::string base = req.output.empty() ? fs::path(req.manifest).replace_extension(".pdf").string() : req.output;
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        const int jobs = std::max(1, (req.jobs > 0 ? req.jobs : static_cast<int>(cores)) / static_cast<int>(vol.editions.size()));
        std::vector<CompileResult> results(vol.editions.size());
        std::vector<DiagnosticSink> sinks(vol.editions.size(), DiagnosticSink(false));
        std::vector<std::exception_ptr> errors(vol.editions.size());
        std::vector<std::thread> threads;
        reads::Recorder* recorder = reads::current();
        for (size_t e = 0; e < vol.editions.size(); ++e)
            threads.emplace_back([&, e] {
                reads::Attach attach(recorder);
                try {
                    CompileRequest one = req;
                    one.edition.target = vol.editions[e];
                    one.output = editionOutput(base, vol.editions[e]);
                    if (!req.edition.report.empty()) one.edition.report = editionOutput(req.edition.report, vol.editions[e]);
                    one.jobs = jobs;
                    one.onProgress = nullptr;
                    results[e] = compileVolumeWith(one, sinks[e], cache ? &cache->edition(vol.editions[e]) : nullptr);
                } catch (...) {
                    errors[e] = std::current_exception();
                }
            });
        for (std::thread& t : threads) t.join();
        // Each edition read the manifest and the articles: a warning they share is said once.
        std::set<std::string> said;
        for (const Diagnostic& d : sink.all()) said.insert(formatDiagnostic(d));
        for (size_t e = 0; e < sinks.size(); ++e)
            for (const Diagnostic& d : sinks[e].all())
                if (said.insert(formatDiagnostic(d)).second) sink.report(d);
        for (const std::exception_ptr& x : errors)
            if (x) std::rethrow_exception(x);
        CompileResult all;
        for (const CompileResult& r : results) {
            all.pages += r.pages;
            all.articles = r.articles;
            all.output += (all.output.empty() ? "" : " ") + r.output;
            all.outputs.push_back(r.output);
        }
        return all;
    }
    // What every article's layout depends on: its files are recorded for a watch's cache.
    std::optional<reads::Recorder> shared(std::in_place);
    PreparedEdition run = prepareEdition(req.edition);
    if (run.active && !vol.dictionary.empty()) addDictionary(run, vol.dictionary);
    const std::string styleName = req.style.empty() ? (vol.style.empty() ? "quarterly" : vol.style) : req.style;
    style::Style st = style::loadStyle(styleName);
    const PreparedEdition edition = withStyle(run, st);
    if (cache) {
        // Kept layouts are valid for the same style and edition only (a manifest may name another).
        const std::string context = styleName + '\n' + req.edition.target + (req.edition.phrases ? "" : " chars") + '\n' +
                                    vol.dictionary + '\n' + req.edition.dictionary + '\n' + (edition.review ? "review" : "");
        if (context != cache->context) cache->entries.clear();
        cache->context = context;
        cache->sharedReads = shared->files();
    }
    shared.reset();
    applyEdition(vol, edition);
    applyPdfOverrides(st, req.pdf);
    if (!vol.cover.empty()) {
        std::string why;
        if (!image::probe(vol.cover, why)) failAt(vol.path, {}, "cover image '" + vol.cover + "' " + why);
    }
    std::vector<std::pair<size_t, std::string>> inputs;
    for (size_t s = 0; s < vol.sections.size(); ++s)
        for (const auto& a : vol.sections[s].articles) inputs.emplace_back(s, a);
    const std::string output = req.output.empty() ? fs::path(req.manifest).replace_extension(".pdf").string() : req.output;

    // The PDF is written while articles are still being laid out: article pages are drawn as soon
    // as each article is ready and then released; the front matter (whose contents need every
    // article's page count) is drawn last, into the slot reserved for it at the front.
    if (req.format == OutputFormat::Png)
        failAt(req.manifest, {}, "a compilation is written as PDF or as a layout dump, not PNG");
    render::DocumentWriter writer(output, volumeInfo(vol, st),
                                  req.format == OutputFormat::Layout ? render::DocumentWriter::Format::Layout
                                                                     : render::DocumentWriter::Format::Pdf);
    const render::DocumentWriter::Slot frontSlot = writer.reserve();
    // The structure: the volume as a Document; the front matter a Part first (filled last), then
    // a Sect per section with its articles (each an Art, its nodes appended as it is sequenced).
    std::vector<layout::StructNode> structure{{layout::Role::Document, -1, vol.lang, {}, {}},
                                              {layout::Role::Part, 0, vol.lang, {}, {}}};
    const int frontNode = 1;

    // (2) Articles in parallel, at most `window` ahead of the one being sequenced (bounded
    // memory); all at once when {pages} needs the total first.
    const bool needsTotal = needsPageTotal(st);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t window = needsTotal ? SIZE_MAX : 4 * static_cast<size_t>(req.jobs > 0 ? req.jobs : static_cast<int>(cores));
    BatchProgress progress;
    progress.total = inputs.size();
    const auto started = std::chrono::steady_clock::now();
    if (cache) {
        cache->entries.resize(inputs.size());
        cache->laidOut = cache->kept = 0;
    }
    std::atomic<size_t> laidOut{0};
    auto layoutOne = [&](text::TextEngine& engine, size_t i) {
        if (!cache) return layoutVolumeArticle(inputs[i], i, st, engine, edition);
        // Each worker touches only its own article's entry.
        driver::VolumeCache::Entry& e = cache->entries[i];
        if (e.path == inputs[i].second) {
            LaidArticle a = e.laid;
            a.section = inputs[i].first;
            return a;
        }
        reads::Recorder files;
        LaidArticle a = layoutVolumeArticle(inputs[i], i, st, engine, edition);
        ++laidOut;
        e.path = inputs[i].second;
        e.laid = a;
        e.reads = files.files();
        return a;
    };
    auto onReady = [&](const LaidArticle& a) {
        if (!req.onProgress) return;
        ++progress.done;
        progress.pages += static_cast<int>(a.paged.pages.size());
        progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        req.onProgress(progress);
    };
    ArticleLayouts arts(inputs.size(), req.jobs, window, layoutOne, onReady, cache ? &cache->engines : nullptr);

    std::optional<text::TextEngine> ownEngine;
    if (cache && !cache->engine) cache->engine = std::make_unique<text::TextEngine>();
    text::TextEngine& engine = cache ? *cache->engine : ownEngine.emplace();
    StageTimer stage(needsTotal ? "compile: articles (parallel, then drawn)" : "compile: articles (laid out and drawn)");
    std::string total;
    if (needsTotal) {
        int folios = 0;
        for (size_t k = 0; k < arts.size(); ++k) {
            LaidArticle& a = arts.take(k, sink, vol.path);
            if (st.page.facing && folios % 2 == (a.paged.info.rightToLeft ? 0 : 1)) ++folios;
            folios += static_cast<int>(a.paged.pages.size());
        }
        total = std::to_string(folios);
    }

    // (4) Article pages in order, each article into a slot of its own, drawn by drawer k % 2.
    PageDrawers drawers(writer);
    std::vector<int> startNumbers(arts.size(), 0);
    int folio = 0;  // folios so far
    int sect = -1;  // the current section's node
    for (size_t k = 0; k < arts.size(); ++k) {
        interrupt::checkpoint();
        LaidArticle& a = arts.take(k, sink, vol.path);
        if (k == 0 || a.section != arts[k - 1].section) {
            structure.push_back(layout::StructNode{layout::Role::Sect, 0, vol.lang, {}, {}});
            sect = static_cast<int>(structure.size()) - 1;
        }
        const int offset = layout::appendNodes(structure, a.paged.structure, sect);
        for (Page& p : a.paged.pages) layout::offsetNodes(p.items, offset);
        a.paged.structure = {};
        const int before = folio;
        std::vector<Page> pages = articlePages(a, vol, st, engine, folio, total);
        startNumbers[k] = before + static_cast<int>(pages.size() - a.pageCount) + 1;
        drawers.submit(k % 2, writer.reserve(), std::move(pages));
    }

    // (3) The front matter, laid out while the drawers draw the last articles.
    stage.next("compile: front matter and contents");
    std::optional<LaidArticle> note;
    drawers.submit(0, frontSlot, frontMatter(vol, st, engine, arts, startNumbers, total, note, structure, frontNode, sink, edition));
    drawers.finish();

    // (6) Outline: cover, note, sections > articles > headings; (7) the file.
    stage.stop();
    writer.finish(volumeOutline(vol, arts, note), structure);
    warnUnusedEntries(edition, sink);
    if (edition.review) {
        std::vector<edition::Review> reviews;
        if (note) reviews.push_back(std::move(note->review));
        for (size_t k = 0; k < arts.size(); ++k) reviews.push_back(std::move(arts[k].review));
        writeReview(req.edition, edition, reviews);
    }
    if (cache) {
        cache->laidOut = laidOut;
        cache->kept = arts.size() - laidOut;
    }
    CompileResult result;
    result.pages = static_cast<int>(writer.pageCount());
    result.articles = static_cast<int>(arts.size());
    result.output = output;
    result.outputs = {output};
    return result;
}

}  // namespace inkstone
