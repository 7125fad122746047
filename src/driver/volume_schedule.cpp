#include "driver/volume_schedule.h"

#include "base/interrupt.h"
#include "driver/parallel.h"

namespace inkstone::driver {

namespace {

bool meets(const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const std::string& f : a)
        if (b.count(f)) return true;
    return false;
}

}  // namespace

void VolumeCache::forget(const std::set<std::string>& changed) {
    const bool all = meets(changed, sharedReads);
    for (Entry& e : entries)
        if (all || meets(changed, e.reads)) e = Entry{};
    for (auto& [name, c] : editions) c->forget(changed);
}

VolumeCache& VolumeCache::edition(const std::string& name) {
    std::unique_ptr<VolumeCache>& c = editions[name];
    if (!c) c = std::make_unique<VolumeCache>();
    return *c;
}

ArticleLayouts::ArticleLayouts(size_t count, int jobs, size_t window, Layout layout,
                               std::function<void(const LaidArticle&)> onReady, EnginePool* pool)
    : articles_(count), ready_(count, 0), window_(window) {
    thread_ = std::thread([this, jobs, pool, layout = std::move(layout), onReady = std::move(onReady)] {
        try {
            forEachParallel(articles_.size(), jobs, [&](text::TextEngine& engine, size_t i) {
                {
                    std::unique_lock<std::mutex> lock(mutex_);
                    changed_.wait(lock, [&] { return stopped_ || window_ == SIZE_MAX || i < waitingFor_ + window_; });
                    if (stopped_) return;
                }
                LaidArticle a;
                try {
                    a = layout(engine, i);
                } catch (...) {
                    // Anything but the article's own UserError (an interrupt) stops every worker
                    // at once: those waiting at the window's edge must not wait for the
                    // sequencer, which waits for this article.
                    stop();
                    throw;
                }
                std::lock_guard<std::mutex> lock(mutex_);
                articles_[i] = std::move(a);
                ready_[i] = 1;
                if (onReady) onReady(articles_[i]);
                changed_.notify_all();
            }, pool);
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex_);
            error_ = std::current_exception();
        }
        stop();  // also: nothing more will become ready
    });
}

void ArticleLayouts::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopped_ = true;
    }
    changed_.notify_all();
}

ArticleLayouts::~ArticleLayouts() {
    stop();
    if (thread_.joinable()) thread_.join();
}

LaidArticle& ArticleLayouts::take(size_t k, DiagnosticSink& sink, const std::string& volumePath) {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        waitingFor_ = k;
        changed_.notify_all();
        changed_.wait(lock, [&] { return ready_[k] || stopped_; });
        if (!ready_[k]) {
            lock.unlock();
            interrupt::checkpoint();  // stopped by an interrupt (the layout thread may not have ended yet)
            if (thread_.joinable()) thread_.join();
            if (error_) std::rethrow_exception(error_);
            failAt(volumePath, {}, "article layout stopped");
        }
    }
    LaidArticle& a = articles_[k];
    for (const auto& d : a.warnings) sink.report(d);
    if (a.error) throw UserError(*a.error);
    return a;
}

PageDrawers::PageDrawers(render::DocumentWriter& writer, size_t queueMax) : writer_(writer), queueMax_(queueMax) {
    for (Lane& lane : lanes_) lane.thread = std::thread([this, &lane] { run(lane); });
}

PageDrawers::~PageDrawers() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
    for (Lane& lane : lanes_)
        if (lane.thread.joinable()) lane.thread.join();
}

void PageDrawers::run(Lane& lane) {
    try {
        while (true) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                changed_.wait(lock, [&] { return !lane.queue.empty() || closed_ || error_; });
                if (lane.queue.empty() || error_) return;
                job = std::move(lane.queue.front());
                lane.queue.pop_front();
            }
            changed_.notify_all();
            for (const layout::Page& p : job.pages) writer_.addPage(p, job.slot);
        }
    } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
        changed_.notify_all();
    }
}

void PageDrawers::rethrow() {
    if (error_) std::rethrow_exception(error_);
}

void PageDrawers::submit(size_t lane, render::DocumentWriter::Slot slot, std::vector<layout::Page> pages) {
    std::unique_lock<std::mutex> lock(mutex_);
    Lane& l = lanes_[lane % 2];
    changed_.wait(lock, [&] { return l.queue.size() < queueMax_ || error_; });
    rethrow();
    l.queue.push_back(Job{slot, std::move(pages)});
    lock.unlock();
    changed_.notify_all();
}

void PageDrawers::finish() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
    for (Lane& lane : lanes_)
        if (lane.thread.joinable()) lane.thread.join();
    rethrow();
}

}  // namespace inkstone::driver
