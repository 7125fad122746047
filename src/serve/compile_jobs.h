// Volumes compiled on threads of their own for the volume screen, which asks after each (its
// progress bar) and then fetches the PDF.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "serve/fields_json.h"
#include "serve/scratch.h"

namespace inkstone::serve {

struct Job {
    std::mutex mutex;
    std::string state = "running";  // running, done, failed
    BatchProgress progress;
    double ms = 0;
    json error, warnings = json::array();
    std::string pdf, name;
    int pages = 0;  // the PDF's, when done
};

class CompileJobs {
public:
    ~CompileJobs() { wait(); }

    // Starts compiling `request`, whose manifest and output are in `scratch` (removed when the
    // compile ends); `name` is the PDF's file name and `located` writes a message as the page
    // shows it. Returns the job's id. The last eight jobs are kept.
    std::string start(CompileRequest request, std::shared_ptr<ScratchDir> scratch, std::string name,
                      std::function<json(const Diagnostic&)> located);
    std::shared_ptr<Job> find(const std::string& id);
    // What the page asks after: {state, done, total, pages, warnings, ms[, error]}.
    static json status(Job& job);
    // Returns when every compile has ended.
    void wait();

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    std::deque<std::string> order_;
    std::vector<std::pair<std::shared_ptr<Job>, std::thread>> threads_;
};

}  // namespace inkstone::serve
