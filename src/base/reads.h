// The files a run reads, recorded for `inkstone watch` (issue 17): whatever a render opens as input
// (the article, a volume's manifest and articles, images, the style and what it extends, edition
// dictionaries) is noted by the function that reads it, into the innermost Recorder of the thread.
// A volume's articles are laid out on worker threads, each under a Recorder of its own, so the
// files are known per article. Without a Recorder, note() costs one thread-local load.
#pragma once

#include <functional>
#include <set>
#include <string>

namespace inkstone::reads {

// Records the files noted on this thread while it lives (nested: an inner recorder's files are
// also its outer one's). Threads may record into one recorder at once (Attach); read files()
// once they are done.
class Recorder {
public:
    Recorder();
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Absolute, lexically normal paths (a symbolic link's target too), and patterns.
    const std::set<std::string>& files() const { return files_; }

private:
    friend void note(const std::string& path);
    friend void notePattern(const std::string& pattern);
    friend class Attach;
    static void add(const std::string& file);
    std::set<std::string> files_;
    Recorder* outer_;
};

// The innermost recorder of this thread (null: none).
Recorder* current();

// Makes `recorder` (another thread's, which must outlive this) the innermost recorder of this
// thread while it lives: a thread started for a part of the work records into its starter's.
class Attach {
public:
    explicit Attach(Recorder* recorder);
    ~Attach();
    Attach(const Attach&) = delete;
    Attach& operator=(const Attach&) = delete;

private:
    Recorder* saved_;
};

// Notes that `path` is read (or was looked for: a missing image is noted too, so that its
// appearance can be watched for). "-" (standard input) and "" are not files.
void note(const std::string& path);

// A check on every file noted, on every thread, recorded or not (`inkstone serve`: only files
// under its root and the styles' folder may be read): given the file's canonical path, it returns
// "" to allow it, else why not, and note() then fails with a UserError at the file whose message
// starts "refused: ". Set once, before other threads read; an empty function removes it.
using Gate = std::function<std::string(const std::string& canonical)>;
void setGate(Gate gate);

// Notes that the files matching a glob `pattern` are looked for (a volume's `articles: dir/*.md`):
// a file that comes to match it, or stops matching, is a change. Recorded as the absolute pattern.
void notePattern(const std::string& pattern);
// Whether a recorded path is a pattern (its last part has a *, ? or [).
bool isPattern(const std::string& path);

}  // namespace inkstone::reads
