// The two concurrent halves of a volume's compilation, as types with their own state:
// ArticleLayouts lays articles out on worker threads, at most a window ahead of the article the
// sequencer waits for; PageDrawers draws pages into the PDF writer on two threads, each article
// into a slot of its own. The sequencer (compile.cpp) takes articles in order and hands pages on.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/diagnostics.h"
#include "driver/parallel.h"
#include "edition/edition.h"
#include "layout/paged.h"
#include "model/document.h"
#include "render/render.h"
#include "text/engine.h"

namespace inkstone::driver {

struct LaidArticle {
    model::Document doc;
    edition::Review review;  // the edition's choices, when a review report was asked for
    layout::PagedDocument paged;  // pages handed on to the drawers once sequenced
    size_t section = 0;
    std::string prefix;    // destination names ("a3-")
    size_t pageCount = 0;  // pages drawn (without a blank before it)
    std::vector<Diagnostic> warnings;
    std::optional<Diagnostic> error;  // the article's own (a UserError): reported in order
};

// What `inkstone watch` keeps of a volume between compilations (issue 17): every article's layout
// with the files it read, and warm text engines. An article's layout does not depend on where it
// falls in the volume (its folios, running heads and the blank page before it are added when the
// volume is assembled, every time), so an article none of whose files changed is not laid out
// again, whatever the others' page counts did.
struct VolumeCache {
    struct Entry {
        std::string path;  // the article file it was laid out from ("" = none)
        LaidArticle laid;  // as it came from layout (before assembly), copied out for each compile
        std::set<std::string> reads;
    };
    // What every article's layout depends on besides its own files: the style's name, the
    // edition; when it changes, every entry goes.
    std::string context;
    // The files every article's layout depends on (the style and what it extends, dictionaries).
    std::set<std::string> sharedReads;
    std::vector<Entry> entries;  // by the article's place in the volume
    std::map<std::string, std::unique_ptr<VolumeCache>> editions;  // a volume's several editions
    EnginePool engines;
    std::unique_ptr<text::TextEngine> engine;  // the front matter's
    size_t laidOut = 0, kept = 0;              // in the last compile

    // Forgets the entries that depend on one of `changed` (all of them when a shared file did).
    void forget(const std::set<std::string>& changed);
    VolumeCache& edition(const std::string& name);
};

class ArticleLayouts {
public:
    // `layout(engine, i)` lays article i out (UserErrors go into its `error`); `onReady` is
    // called (under the lock) as each finishes. `window`: SIZE_MAX to lay out everything at once.
    using Layout = std::function<LaidArticle(text::TextEngine&, size_t)>;
    // `pool`: where the workers' engines come from and go back to (none: made for this run).
    ArticleLayouts(size_t count, int jobs, size_t window, Layout layout, std::function<void(const LaidArticle&)> onReady,
                   EnginePool* pool = nullptr);
    // Stops the workers and joins them.
    ~ArticleLayouts();
    ArticleLayouts(const ArticleLayouts&) = delete;
    ArticleLayouts& operator=(const ArticleLayouts&) = delete;

    size_t size() const { return articles_.size(); }
    // Waits for article k (workers may then run up to k + window), reports its warnings to `sink`
    // and throws its error. Rethrows what stopped the workers (an interrupt).
    LaidArticle& take(size_t k, DiagnosticSink& sink, const std::string& volumePath);
    // An article already taken.
    LaidArticle& operator[](size_t k) { return articles_[k]; }

private:
    void stop();
    std::vector<LaidArticle> articles_;
    std::vector<char> ready_;
    size_t waitingFor_ = 0;
    bool stopped_ = false;
    size_t window_;
    std::exception_ptr error_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::thread thread_;
};

class PageDrawers {
public:
    // Two drawing threads, each at most `queueMax` jobs behind.
    explicit PageDrawers(render::DocumentWriter& writer, size_t queueMax = 3);
    // Stops (after the jobs queued) and joins.
    ~PageDrawers();
    PageDrawers(const PageDrawers&) = delete;
    PageDrawers& operator=(const PageDrawers&) = delete;

    // Hands `pages` to drawer `lane` (0 or 1) for `slot`; waits while its queue is full.
    // Rethrows an error a drawer stopped with.
    void submit(size_t lane, render::DocumentWriter::Slot slot, std::vector<layout::Page> pages);
    // Waits until every page is drawn; rethrows an error a drawer stopped with.
    void finish();

private:
    struct Job {
        render::DocumentWriter::Slot slot;
        std::vector<layout::Page> pages;
    };
    struct Lane {
        std::deque<Job> queue;
        std::thread thread;
    };
    void run(Lane& lane);
    void rethrow();
    render::DocumentWriter& writer_;
    size_t queueMax_;
    Lane lanes_[2];
    bool closed_ = false;  // no more jobs
    std::exception_ptr error_;
    std::mutex mutex_;
    std::condition_variable changed_;
};

}  // namespace inkstone::driver
