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
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/diagnostics.h"
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

class ArticleLayouts {
public:
    // `layout(engine, i)` lays article i out (UserErrors go into its `error`); `onReady` is
    // called (under the lock) as each finishes. `window`: SIZE_MAX to lay out everything at once.
    using Layout = std::function<LaidArticle(text::TextEngine&, size_t)>;
    ArticleLayouts(size_t count, int jobs, size_t window, Layout layout, std::function<void(const LaidArticle&)> onReady);
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
