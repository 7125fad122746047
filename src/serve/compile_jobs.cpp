#include "serve/compile_jobs.h"

#include <chrono>

#include "parse/article.h"
#include "serve/security.h"

namespace inkstone::serve {

std::string CompileJobs::start(CompileRequest request, std::shared_ptr<ScratchDir> scratch, std::string name,
                               std::function<json(const Diagnostic&)> located) {
    auto job = std::make_shared<Job>();
    job->name = std::move(name);
    const std::string id = newToken().substr(0, 16);
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_[id] = job;
    order_.push_back(id);
    while (order_.size() > 8) {
        jobs_.erase(order_.front());
        order_.pop_front();
    }
    // Threads of finished compiles are joined (they are at their end).
    for (auto it = threads_.begin(); it != threads_.end();) {
        std::unique_lock<std::mutex> jl(it->first->mutex);
        if (it->first->state == "running") {
            ++it;
            continue;
        }
        jl.unlock();
        it->second.join();
        it = threads_.erase(it);
    }
    threads_.emplace_back(job, std::thread([job, request = std::move(request), scratch, located = std::move(located)]() mutable {
        const auto t0 = std::chrono::steady_clock::now();
        request.onProgress = [&job](const BatchProgress& p) {
            std::lock_guard<std::mutex> l(job->mutex);
            job->progress = p;
        };
        DiagnosticSink sink(false);
        json error;
        std::string pdf;
        int pages = 0;
        try {
            pages = compileVolume(request, sink).pages;
            pdf = parse::readInput(request.output);
        } catch (const UserError& e) {
            error = located(e.diagnostic());
        } catch (const Interrupted&) {
            error = {{"message", "stopped (inkstone serve was interrupted)"}};
        } catch (const std::exception& e) {
            error = {{"message", std::string("internal error: ") + e.what()}};
        }
        scratch.reset();
        std::lock_guard<std::mutex> l(job->mutex);
        for (const auto& w : sink.all()) job->warnings.push_back(located(w));
        job->ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        job->error = std::move(error);
        job->pdf = std::move(pdf);
        job->pages = pages;
        job->state = job->error.is_null() ? "done" : "failed";
    }));
    return id;
}

std::shared_ptr<Job> CompileJobs::find(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
}

json CompileJobs::status(Job& job) {
    std::lock_guard<std::mutex> lock(job.mutex);
    json j{{"state", job.state}, {"done", job.progress.done}, {"total", job.progress.total},
           {"pages", job.state == "done" ? job.pages : job.progress.pages}, {"warnings", job.warnings}, {"ms", job.ms}};
    if (!job.error.is_null()) j["error"] = job.error;
    return j;
}

void CompileJobs::wait() {
    std::vector<std::pair<std::shared_ptr<Job>, std::thread>> all;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        all.swap(threads_);
    }
    for (auto& [job, t] : all) t.join();
}

}  // namespace inkstone::serve
