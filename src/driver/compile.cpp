// Compilations: a driver over the article pipeline. Recipe: (1) read the manifest; (2) lay every
// article out independently and in parallel (one TextEngine per worker), with destination names
// prefixed per article and no running heads; (3) lay out the cover, the editor's note and the table
// of contents; (4) assemble: front matter numbered i, ii, ..., articles from 1, each article on a
// new page (a right-hand page in facing-page styles, with a blank page where needed); (5) running
// heads with the volume's folios; (6) outline sections > articles > headings; (7) one PDF.
// The table of contents is iterated to a fixed point (its entries need the page numbers).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>

#include "base/dates.h"
#include "base/interrupt.h"
#include "base/timing.h"
#include "driver/parallel.h"
#include "image/image.h"
#include "inkstone/inkstone.h"
#include "layout/article.h"
#include "layout/flow.h"
#include "layout/volume.h"
#include "parse/article.h"
#include "parse/volume.h"
#include "render/render.h"
#include "style/style.h"
#include "text/engine.h"
#include "text/gobject_ptr.h"
#include "text/line.h"
#include "text/linebreak.h"
#include "text/paragraph.h"

namespace inkstone {
namespace fs = std::filesystem;
using layout::Page;
using layout::PagedDocument;

namespace {

// Runs `f` when the scope ends, however it ends (threads are stopped and joined before unwinding).
class OnExit {
public:
    explicit OnExit(std::function<void()> f) : f_(std::move(f)) {}
    ~OnExit() { f_(); }
    OnExit(const OnExit&) = delete;
    OnExit& operator=(const OnExit&) = delete;

private:
    std::function<void()> f_;
};

struct LaidArticle {
    model::Document doc;
    PagedDocument paged;  // pages released once drawn
    size_t section = 0;
    std::string prefix;
    size_t pageCount = 0;  // pages drawn (without the blank before it)
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

}  // namespace

CompileResult compileVolume(const CompileRequest& req, DiagnosticSink& sink) {
    parse::Volume vol = parse::loadVolume(req.manifest, sink);
    style::Style st = style::loadStyle(req.style.empty() ? (vol.style.empty() ? "quarterly" : vol.style) : req.style);

    if (!vol.cover.empty()) {  // checked before any work is done (the cover is laid out last)
        if (!image::pngSize(vol.cover))
            failAt(vol.path, {}, "cover image '" + vol.cover + "' is not a readable PNG file (only PNG is supported)");
    }

    // (2) Articles in parallel; the first error stops the volume.
    std::vector<std::pair<size_t, std::string>> inputs;
    for (size_t s = 0; s < vol.sections.size(); ++s)
        for (const auto& a : vol.sections[s].articles) inputs.emplace_back(s, a);
    std::vector<LaidArticle> arts(inputs.size());
    std::vector<std::optional<Diagnostic>> errors(inputs.size());
    std::vector<std::vector<Diagnostic>> warnings(inputs.size());

    // Volume metadata (needs no layout).
    layout::DocInfo info;
    info.title = vol.title;
    info.author = vol.publisher;
    info.subject = vol.subtitle.empty() ? vol.issue : vol.subtitle + (vol.issue.empty() ? "" : " (" + vol.issue + ")");
    info.keywords = vol.issue;
    info.lang = vol.lang.tag();
    info.creator = std::string("inkstone ") + version();
    info.createDate = creationDate(vol.date ? std::optional(std::tuple(vol.date->year, vol.date->month, vol.date->day))
                                            : std::nullopt);
    std::string output = req.output.empty() ? fs::path(req.manifest).replace_extension(".pdf").string() : req.output;

    // The PDF is written while articles are still being laid out: article pages are drawn as soon
    // as each article is ready and then released; the front matter (whose contents need every
    // article's page count) is drawn last, into the place reserved for it at the front.
    // {pages} in a running head needs the volume's length before the first article is drawn.
    bool needsTotal = false;
    for (const auto* r : {&st.header, &st.footer, &st.versoHeader, &st.versoFooter, &st.firstHeader, &st.firstFooter})
        for (const std::string* f : {&r->left, &r->center, &r->right})
            if (f->find("{pages}") != std::string::npos) needsTotal = true;

    // The front matter is drawn last into the place reserved for it first; articles are drawn
    // by two threads into places of their own (always two, whatever -j: the bytes must not
    // depend on it).
    render::PdfWriter writer(output, info);
    const render::PdfWriter::Slot frontSlot = writer.reserve();
    // (2) Articles in parallel, at most `window` ahead of the one being drawn (bounded memory).
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<char> ready(inputs.size(), 0);
    size_t drawing = 0;  // index of the article the writer waits for or draws
    bool stop = false;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t window = needsTotal ? SIZE_MAX : 4 * static_cast<size_t>(req.jobs > 0 ? req.jobs : static_cast<int>(cores));
    BatchProgress progress;
    progress.total = inputs.size();
    const auto started = std::chrono::steady_clock::now();
    std::exception_ptr layoutError;
    std::thread layoutThread([&] {
        try {
            driver::forEachParallel(inputs.size(), req.jobs, [&](text::TextEngine& engine, size_t i) {
                {
                    std::unique_lock<std::mutex> lock(mutex);
                    changed.wait(lock, [&] { return stop || window == SIZE_MAX || i < drawing + window; });
                    if (stop) return;
                }
                // Anything but a UserError (Interrupted) stops every worker and the drawing at
                // once: the workers waiting at the window's edge must not wait for the drawing,
                // which waits for this article.
                const OnExit stopOthers([&] {
                    if (std::uncaught_exceptions() == 0) return;
                    {
                        std::lock_guard<std::mutex> lock(mutex);
                        stop = true;
                    }
                    changed.notify_all();
                });
                DiagnosticSink local(false);
                LaidArticle a;
                std::optional<Diagnostic> error;
                try {
                    a.doc = parse::loadArticle(inputs[i].second, local);
                    a.section = inputs[i].first;
                    a.prefix = "a" + std::to_string(i + 1) + "-";
                    layout::LayoutOptions lo;
                    lo.runningHeads = false;
                    lo.destPrefix = a.prefix;
                    a.paged = layout::layoutArticle(a.doc, st, engine, local, lo);
                } catch (const UserError& e) {
                    error = e.diagnostic();
                }
                std::lock_guard<std::mutex> lock(mutex);
                arts[i] = std::move(a);
                errors[i] = std::move(error);
                warnings[i] = local.all();
                ready[i] = 1;
                if (req.onProgress) {
                    ++progress.done;
                    progress.pages += static_cast<int>(arts[i].paged.pages.size());
                    progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                    req.onProgress(progress);
                }
                changed.notify_all();
            });
        } catch (...) {
            layoutError = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(mutex);
        stop = true;  // also: nothing more will become ready
        changed.notify_all();
    });
    // Whatever happens below, the layout thread is stopped and joined before the stack unwinds.
    const OnExit joinLayout([&] {
        {
            std::lock_guard<std::mutex> lock(mutex);
            stop = true;
        }
        changed.notify_all();
        if (layoutThread.joinable()) layoutThread.join();
    });

    text::TextEngine engine;
    StageTimer stage(needsTotal ? "compile: articles (parallel, then drawn)" : "compile: articles (laid out and drawn)");
    auto waitFor = [&](size_t k) {
        std::unique_lock<std::mutex> lock(mutex);
        drawing = k;
        changed.notify_all();
        changed.wait(lock, [&] { return ready[k] || stop; });
        if (!ready[k]) {
            lock.unlock();
            interrupt::checkpoint();  // stopped by an interrupt (the layout thread may not have ended yet)
            if (layoutError) std::rethrow_exception(layoutError);
            failAt(vol.path, {}, "article layout stopped");
        }
    };
    auto check = [&](size_t k) {
        for (const auto& d : warnings[k]) sink.report(d);
        if (errors[k]) throw UserError(*errors[k]);
    };
    std::string total;
    if (needsTotal) {
        int folios = 0;
        for (size_t k = 0; k < arts.size(); ++k) {
            waitFor(k);
            check(k);
            if (st.page.facing && folios % 2 == 1) ++folios;
            folios += static_cast<int>(arts[k].paged.pages.size());
        }
        total = std::to_string(folios);
    }

    // (4) Article pages, drawn in order: each article on a new page (right-hand in facing styles),
    // arabic folios from 1, running heads with the volume's folios. Front matter comes later; in
    // facing styles it is an even number of pages, so a folio's parity is its page's.
    const std::string volumeDate = vol.date ? layout::formatDate(*vol.date, vol.lang, st) : std::string();
    std::vector<int> startNumbers(arts.size(), 0);
    int folio = 0;  // folios drawn so far
    // Pages go to the writer at once; with {pages} they are held until every page is known.
    std::vector<Page> held;  // {pages}: every page, drawn once all are known
    std::vector<Page> job;   // streamed: the article's pages, handed to a part's drawer
    auto emit = [&](Page& p) {
        if (needsTotal) held.push_back(std::move(p));
        else job.push_back(std::move(p));
    };
    // Streamed: article k (with the blank page before it) is drawn into a slot of its own by
    // drawer k % 2, at most `queueMax` articles behind.
    struct Drawer {
        std::deque<std::pair<render::PdfWriter::Slot, std::vector<Page>>> queue;
        std::exception_ptr error;
        std::thread thread;
    };
    Drawer drawers[2];
    bool sequenced = false;  // no more jobs
    const size_t queueMax = 3;
    auto drawLoop = [&](int part) {
        Drawer& d = drawers[part];
        try {
            while (true) {
                std::pair<render::PdfWriter::Slot, std::vector<Page>> job;
                {
                    std::unique_lock<std::mutex> lock(mutex);
                    changed.wait(lock, [&] { return !d.queue.empty() || sequenced || d.error; });
                    if (d.queue.empty()) return;
                    job = std::move(d.queue.front());
                    d.queue.pop_front();
                }
                changed.notify_all();
                for (const Page& p : job.second) writer.addPage(p, job.first);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            d.error = std::current_exception();
            changed.notify_all();
        }
    };
    const OnExit joinDrawers([&] {
        {
            std::lock_guard<std::mutex> lock(mutex);
            sequenced = true;
        }
        changed.notify_all();
        for (auto& d : drawers)
            if (d.thread.joinable()) d.thread.join();
    });
    if (!needsTotal)
        for (int part = 0; part < 2; ++part) drawers[part].thread = std::thread(drawLoop, part);
    auto blank = [&] {
        Page p{st.page.width, st.page.height, {}, std::to_string(folio + 1)};
        emit(p);
        ++folio;
    };
    std::vector<layout::OutlineEntry> articleOutline;
    for (size_t k = 0; k < arts.size(); ++k) {
        interrupt::checkpoint();
        if (!needsTotal) {
            waitFor(k);
            check(k);
        }
        LaidArticle& a = arts[k];
        if (st.page.facing && folio % 2 == 1) blank();
        startNumbers[k] = folio + 1;
        // Running heads on a copy of the page list whose indices have the pages' parity.
        std::vector<Page> pages;
        const size_t pad = static_cast<size_t>(folio % 2);
        if (pad) pages.push_back(Page{st.page.width, st.page.height, {}, {}});
        for (auto& p : a.paged.pages) pages.push_back(std::move(p));
        const int first = folio + 1;
        auto label = [&](size_t i) { return std::to_string(first + static_cast<int>(i - pad)); };
        const auto& m = a.doc.meta;
        layout::RunningFields f{m.title, m.section, layout::joinAuthors(m.authors, m.lang),
                                m.date ? layout::formatDate(*m.date, m.lang, st) : volumeDate, vol.title};
        layout::addRunningHeads(pages, pad, pages.size() - pad, f, label, total, st, engine, m.lang);
        for (size_t i = pad; i < pages.size(); ++i) {
            pages[i].label = label(i);
            emit(pages[i]);
            ++folio;
        }
        a.pageCount = pages.size() - pad;
        a.paged.pages.clear();
        a.paged.pages.shrink_to_fit();  // handed on: released when drawn
        {
            std::unique_lock<std::mutex> lock(mutex);
            if (!needsTotal) {
                Drawer& d = drawers[k % 2];
                changed.wait(lock, [&] { return d.queue.size() < queueMax || d.error; });
                if (d.error) {
                    std::exception_ptr e = d.error;
                    lock.unlock();
                    std::rethrow_exception(e);
                }
                d.queue.emplace_back(writer.reserve(), std::move(job));
                job.clear();
            }
            drawing = k + 1;
        }
        changed.notify_all();
    }
    // Streamed: every article is handed on; the drawers go on drawing while the front matter is
    // laid out, and part 0's drawer then draws it too.
    // {pages}: the two halves of the article pages are drawn in two threads while the front
    // matter is laid out.
    const size_t split = (held.size() + 2) / 2;
    std::exception_ptr part0Error;
    std::thread part0;
    const render::PdfWriter::Slot halves[2] = {needsTotal ? writer.reserve() : 0, needsTotal ? writer.reserve() : 0};
    auto drawHeld = [&](int part, size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            writer.addPage(held[i], halves[part]);
            held[i] = Page{};  // drawn: released
        }
    };
    const bool parallelParts = req.jobs != 1 && std::thread::hardware_concurrency() > 1;
    if (needsTotal && parallelParts)
        part0 = std::thread([&] {
            try {
                drawHeld(0, 0, split);
            } catch (...) {
                part0Error = std::current_exception();
            }
        });
    std::exception_ptr part1Error;
    std::thread part1;
    if (needsTotal && parallelParts)
        part1 = std::thread([&] {
            try {
                drawHeld(1, split, held.size());
            } catch (...) {
                part1Error = std::current_exception();
            }
        });
    const OnExit joinParts([&] {
        if (part0.joinable()) part0.join();
        if (part1.joinable()) part1.join();
    });
    stage.next("compile: front matter and contents");

    // (3) Front matter: cover, editor's note, contents, numbered i, ii, ...
    std::vector<Page> front;
    {
        front.push_back(layout::layoutCover(vol, st, engine));
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
    // Article start numbers do not depend on the front matter (arabic folios restart at 1), but
    // the contents are still checked against a recount, in a bounded loop, in case that changes.
    std::vector<Page> contents;
    bool settled = false;
    for (int round = 0; round < 4 && !settled; ++round) {
        std::vector<layout::ContentsEntry> entries;
        for (size_t k = 0; k < arts.size(); ++k) {
            const auto& m = arts[k].doc.meta;
            entries.push_back({arts[k].section, m.title, m.lang, m.authors, arts[k].prefix + "title", startNumbers[k]});
        }
        contents = layout::layoutContents(vol, entries, st, engine);
        std::vector<int> numbers;
        int page = 1;
        for (const auto& a : arts) {
            if (st.page.facing && page % 2 == 0) ++page;
            numbers.push_back(page);
            page += static_cast<int>(a.pageCount);
        }
        settled = numbers == startNumbers;
        startNumbers = numbers;
    }
    if (!settled) failAt(vol.path, {}, "the table of contents did not settle after 4 rounds");

    std::vector<Page> fm;
    for (auto& p : front) fm.push_back(std::move(p));
    size_t noteFirst = fm.size();
    if (note) {
        if (st.page.facing && fm.size() % 2 == 1) fm.push_back(Page{st.page.width, st.page.height, {}, {}});
        noteFirst = fm.size();
        for (auto& p : note->paged.pages) fm.push_back(std::move(p));
    }
    if (st.page.facing && fm.size() % 2 == 1) fm.push_back(Page{st.page.width, st.page.height, {}, {}});
    const size_t contentsFirst = fm.size();
    for (auto& p : contents) fm.push_back(std::move(p));
    if (st.page.facing && fm.size() % 2 == 1) fm.push_back(Page{st.page.width, st.page.height, {}, {}});
    auto romanLabel = [&](size_t i) { return roman(static_cast<int>(i + 1)); };
    if (note) {
        const auto& m = note->doc.meta;
        layout::RunningFields f{m.title, m.section, layout::joinAuthors(m.authors, m.lang), volumeDate, vol.title};
        layout::addRunningHeads(fm, noteFirst, note->paged.pages.size(), f, romanLabel, total, st, engine, m.lang);
    }
    layout::RunningFields cf{st.label("contents", vol.lang), vol.issue, vol.publisher, volumeDate, vol.title};
    layout::addRunningHeads(fm, contentsFirst, contents.size(), cf, romanLabel, total, st, engine, vol.lang);
    for (size_t i = 0; i < fm.size(); ++i) fm[i].label = romanLabel(i);
    if (needsTotal) {
        if (!parallelParts) drawHeld(0, 0, split);
        if (part1.joinable()) {
            part1.join();
            if (part1Error) std::rethrow_exception(part1Error);
        } else {
            drawHeld(1, split, held.size());
        }
        for (Page& p : fm) writer.addPage(p, frontSlot);
        if (part0.joinable()) part0.join();
        if (part0Error) std::rethrow_exception(part0Error);
    }
    if (!needsTotal) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            drawers[0].queue.emplace_back(frontSlot, std::move(fm));
            sequenced = true;  // nothing more: the drawers finish their queues
        }
        changed.notify_all();
        for (auto& d : drawers)
            if (d.thread.joinable()) d.thread.join();
        for (auto& d : drawers)
            if (d.error) std::rethrow_exception(d.error);
    }

    // (6) Outline: cover, note, sections > articles > headings.
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

    stage.stop();
    writer.finish(outline);
    CompileResult result;
    result.pages = static_cast<int>(writer.pageCount());
    result.articles = static_cast<int>(arts.size());
    result.output = output;
    return result;
}

}  // namespace inkstone
