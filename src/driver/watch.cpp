// `inkstone watch` (issue 17): render, then wait for a change of anything the render read, render
// again; until interrupted. The text engines (fonts, shape caches) stay warm between renders, and
// a volume's article layouts are kept (driver::VolumeCache), so a save costs the changed
// article's layout, the volume's assembly and the PDF.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <set>

#include "base/interrupt.h"
#include "base/reads.h"
#include "driver/file_watcher.h"
#include "driver/volume_schedule.h"
#include "inkstone/inkstone.h"
#include "render/api_internal.h"
#include "text/engine.h"

namespace inkstone {
namespace fs = std::filesystem;

namespace {

bool isVolume(const std::string& input) {
    const std::string ext = fs::path(input).extension().string();
    return ext == ".yaml" || ext == ".yml";
}

void addReads(const driver::VolumeCache& cache, std::set<std::string>& files) {
    files.insert(cache.sharedReads.begin(), cache.sharedReads.end());
    for (const auto& e : cache.entries) files.insert(e.reads.begin(), e.reads.end());
    for (const auto& [name, c] : cache.editions) addReads(*c, files);
}

}  // namespace

void watch(const WatchRequest& req, const std::function<void(const WatchUpdate&)>& onUpdate) {
    if (req.input.empty() || req.input == "-") failAt("watch", {}, "give a file to watch, not standard input");
    std::error_code ec;
    if (!fs::is_regular_file(req.input, ec)) failAt(req.input, {}, "cannot watch: no such file");
    const bool volume = isVolume(req.input);
    if (volume && req.format != OutputFormat::Pdf) failAt(req.input, {}, "a volume is watched as PDF, not PNG");
    if (req.output == "-") failAt("-o", {}, "a watch replaces a file; give a file name, not '-'");

    driver::FileWatcher watcher;
    driver::FileWatcher::Timing timing;
    timing.quiet = std::chrono::milliseconds(req.quietMs);
    timing.settle = std::chrono::milliseconds(std::max(req.quietMs, req.settleMs));
    std::optional<text::TextEngine> engine;  // an article's
    driver::VolumeCache cache;               // a volume's
    // The input is watched before the first render reads it; every file read, before the next.
    std::set<std::string> watched{fs::absolute(req.input).lexically_normal().string()};
    watcher.watch(watched);
    std::set<std::string> changed;
    std::vector<std::string> written;  // the PNG pages of the last render
    while (true) {
        WatchUpdate u;
        u.changed.assign(changed.begin(), changed.end());
        const auto start = std::chrono::steady_clock::now();
        const auto startedAt = fs::file_time_type::clock::now();
        std::set<std::string> files;
        {
            reads::Recorder recorder;
            reads::note(req.input);
            DiagnosticSink sink(false);
            std::optional<Diagnostic> error;
            try {
                if (volume) {
                    cache.forget(changed);
                    CompileRequest c;
                    c.manifest = req.input;
                    c.output = req.output;
                    c.style = req.style;
                    c.jobs = req.jobs;
                    c.pdf = req.pdf;
                    c.edition = req.edition;
                    const CompileResult r = compileVolumeWith(c, sink, &cache);
                    u.files = r.outputs;
                    u.pages = r.pages;
                    u.laidOut = cache.laidOut;
                    u.articles = cache.laidOut + cache.kept;
                    // Several editions: each lays the same changed articles out again.
                    for (const auto& [name, e] : cache.editions) {
                        u.laidOut = std::max(u.laidOut, e->laidOut);
                        u.articles = std::max(u.articles, e->laidOut + e->kept);
                    }
                } else {
                    if (!engine) engine.emplace();
                    RenderRequest r;
                    r.input = req.input;
                    r.output = req.output;
                    r.style = req.style;
                    r.format = req.format;
                    r.dpi = req.dpi;
                    r.pdf = req.pdf;
                    r.edition = req.edition;
                    const RenderResult res = renderArticleWith(*engine, r, sink);
                    u.files = res.files;
                    u.pages = res.pages;
                }
                u.ok = true;
            } catch (const Interrupted&) {
                return;  // the last output stays as it was
            } catch (const UserError& e) {
                error = e.diagnostic();
            }
            u.diagnostics = sink.all();  // the warnings, then the error
            if (error) u.diagnostics.push_back(*error);
            files = recorder.files();
        }
        if (u.ok && req.format == OutputFormat::Png) {
            // Pages the document no longer has (it got shorter) are removed: only the watch's own.
            for (const std::string& f : written)
                if (std::find(u.files.begin(), u.files.end(), f) == u.files.end()) fs::remove(f, ec);
            written.assign(u.files.begin(), u.files.end());
        }
        if (interrupt::signal()) return;
        if (volume) addReads(cache, files);
        // A render that failed may have stopped before reading some of what the last one read
        // (a broken manifest hides its articles): those stay watched.
        if (!u.ok) files.insert(watched.begin(), watched.end());
        // A file first read by this render (in a folder not watched until now) may have changed
        // while it ran, unseen: its time says so.
        std::set<std::string> missed;
        for (const std::string& f : files)
            if (!watched.count(f) && !reads::isPattern(f) && fs::last_write_time(f, ec) >= startedAt && !ec)
                missed.insert(f);
        watched = files;
        // A folder that exists but cannot be watched (the system's limit) is said: its files'
        // saves would go unseen. A missing one is the render's error already.
        for (const auto& [dir, why] : watcher.watch(watched))
            if (fs::is_directory(dir, ec)) u.unwatched.push_back(dir + ": " + why);
        u.watching = watched.size();
        u.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (onUpdate) onUpdate(u);

        if (!missed.empty()) {
            changed = std::move(missed);
            continue;
        }
        std::optional<std::set<std::string>> next = watcher.wait(timing, interrupt::wakeFd());
        if (!next || interrupt::signal()) return;
        changed = std::move(*next);
    }
}

}  // namespace inkstone
