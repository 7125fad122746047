// Batch rendering: a driver over the article pipeline. Inputs are expanded and checked first
// (usage errors stop the run before anything is written), then workers take articles from a shared
// counter; each worker owns its TextEngine (a PangoFontMap must not be shared between threads).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "inkstone/inkstone.h"
#include "base/hash.h"
#include "base/interrupt.h"
#include "driver/parallel.h"
#include "render/api_internal.h"
#include "render/render.h"
#include "text/engine.h"

namespace inkstone {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> expandInputs(const std::vector<std::string>& inputs) {
    std::vector<std::string> files;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (fs::is_directory(in, ec)) {
            std::vector<std::string> found;
            for (const auto& e : fs::recursive_directory_iterator(in, ec))
                if (e.is_regular_file() && e.path().extension() == ".md") found.push_back(e.path().string());
            std::sort(found.begin(), found.end());
            if (found.empty()) failAt(in, {}, "no .md articles in this folder");
            files.insert(files.end(), found.begin(), found.end());
        } else {
            // A missing file is the article's own failure (reported like a broken one), not usage.
            files.push_back(in);
        }
    }
    if (files.empty()) failAt("batch", {}, "no inputs");
    return files;
}

}  // namespace

std::vector<BatchItem> renderBatch(const BatchRequest& req, const std::function<void(const BatchProgress&)>& onProgress) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::vector<std::string> files = expandInputs(req.inputs);
    std::error_code ec;
    fs::create_directories(req.outDir, ec);
    if (!fs::is_directory(req.outDir, ec)) failAt(req.outDir, {}, "cannot create the output folder");

    const PreparedEdition edition = prepareEdition(req.edition);  // once: the dictionary read once
    // Outputs are checked over every input, so that every share of a sharded run fails alike.
    std::vector<BatchItem> items(files.size());
    std::map<std::string, std::string> outputs;
    for (size_t i = 0; i < files.size(); ++i) {
        items[i].input = files[i];
        items[i].output = (fs::path(req.outDir) / fs::path(files[i]).stem()).string() + ".pdf";
        auto [it, fresh] = outputs.emplace(items[i].output, files[i]);
        if (!fresh) failAt(files[i], {}, "writes the same file as " + it->second + " (" + items[i].output + ")");
    }
    if (req.shardCount > 0) {
        if (req.shardIndex < 1 || req.shardIndex > req.shardCount)
            failAt("--shard", {}, "share " + std::to_string(req.shardIndex) + " of " + std::to_string(req.shardCount) +
                                      ": K/N needs 1 <= K <= N");
        std::vector<BatchItem> mine;
        std::vector<std::string> mineFiles;
        for (size_t i = 0; i < items.size(); ++i)
            if (batchShard(fs::path(items[i].output).filename().string(), static_cast<size_t>(req.shardCount)) ==
                static_cast<size_t>(req.shardIndex - 1)) {
                mine.push_back(std::move(items[i]));
                mineFiles.push_back(files[i]);
            }
        items = std::move(mine);
        files = std::move(mineFiles);
    }
    std::vector<edition::Review> reviews(edition.review ? files.size() : 0);

    std::mutex progressMutex;
    BatchProgress progress;
    progress.total = files.size();
    driver::forEachParallel(files.size(), req.jobs, [&](text::TextEngine& engine, size_t i) {
        BatchItem& item = items[i];
        const auto t0 = Clock::now();
        DiagnosticSink sink(false);
        std::optional<Diagnostic> error;
        bool interrupted = false;
        try {
            interrupt::checkpoint();
            RenderRequest r;
            r.input = item.input;
            r.output = item.output;
            r.style = req.style;
            r.pdf = req.pdf;
            r.edition = req.edition;
            RenderResult res = renderArticleWith(engine, r, sink, &edition, edition.review ? &reviews[i] : nullptr);
            item.ok = true;
            item.pages = res.pages;
        } catch (const UserError& e) {
            error = e.diagnostic();
            // An error once interrupted may come of the interrupt (a temporary file removed under
            // the writer): the article is unfinished either way.
            interrupted = interrupt::signal() != 0;
        } catch (const Interrupted&) {
            interrupted = true;  // nothing of it was written
        } catch (const std::exception& e) {
            error = Diagnostic{Severity::Error, item.input, {}, std::string("internal error: ") + e.what(), {}};
            interrupted = interrupt::signal() != 0;
        }
        if (interrupted) {
            item.interrupted = true;
            return;
        }
        item.diagnostics = sink.all();
        if (error) item.diagnostics.push_back(*error);
        item.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        std::lock_guard<std::mutex> lock(progressMutex);
        ++progress.done;
        progress.pages += item.pages;
        progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (onProgress) onProgress(progress);
    });
    if (edition.review) {  // the articles that came out, in the order given
        std::vector<edition::Review> done;
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].ok) done.push_back(std::move(reviews[i]));
        writeReview(req.edition, edition, done);
    }
    return items;
}

size_t batchShard(const std::string& outputName, size_t n) {
    return n == 0 ? 0 : static_cast<size_t>(fnv1a64(outputName) % n);
}

std::string batchReportJson(const std::vector<BatchItem>& items, double seconds, int shardIndex, int shardCount) {
    nlohmann::ordered_json report;
    report["inkstone"] = version();
    if (shardCount > 0) report["shard"] = {{"index", shardIndex}, {"count", shardCount}};
    int ok = 0, pages = 0, interrupted = 0;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& it : items) {
        nlohmann::ordered_json j;
        j["input"] = it.input;
        j["output"] = it.ok ? nlohmann::ordered_json(it.output) : nlohmann::ordered_json(nullptr);
        j["status"] = it.ok ? "ok" : it.interrupted ? "interrupted" : "failed";
        j["pages"] = it.pages;
        j["seconds"] = std::round(it.seconds * 1000) / 1000;
        nlohmann::ordered_json diags = nlohmann::ordered_json::array();
        for (const auto& d : it.diagnostics) {
            nlohmann::ordered_json dj;
            dj["severity"] = d.severity == Severity::Error ? "error" : "warning";
            dj["file"] = d.file;
            dj["line"] = d.pos.line;
            dj["column"] = d.pos.col;
            dj["message"] = d.message;
            diags.push_back(dj);
        }
        j["diagnostics"] = diags;
        list.push_back(j);
        ok += it.ok;
        interrupted += it.interrupted;
        pages += it.pages;
    }
    report["summary"] = {{"articles", items.size()},
                         {"ok", ok},
                         {"failed", static_cast<int>(items.size()) - ok - interrupted},
                         {"interrupted", interrupted},
                         {"pages", pages},
                         {"seconds", std::round(seconds * 1000) / 1000}};
    report["articles"] = list;
    return report.dump(2) + "\n";
}

void writeBatchReport(const std::vector<BatchItem>& items, double seconds, const std::string& path, int shardIndex,
                      int shardCount) {
    render::writeFileAtomic(path, batchReportJson(items, seconds, shardIndex, shardCount), true);
}

}  // namespace inkstone
