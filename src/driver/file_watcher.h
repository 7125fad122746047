// Changes of a set of files, with inotify (no polling): what `inkstone watch` waits on (issue 17).
//
// A file is watched through its folder, so that every way an editor saves is seen: written in
// place (IN_CLOSE_WRITE), written beside and renamed over (IN_MOVED_TO), removed and written again
// (IN_DELETE, then IN_CLOSE_WRITE), touched (IN_ATTRIB). A pattern (reads::isPattern: a volume's
// `articles: dir/*.md`) counts the files that come to match it and those that leave, as
// fnmatch(3) matches them with FNM_PATHNAME and FNM_PERIOD (editors' swap files and our own
// temporary outputs start with '.'); its folder must be a plain path.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace inkstone::driver {

class FileWatcher {
public:
    // Throws UserError when inotify cannot be used.
    FileWatcher();
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    // The files (absolute, lexically normal paths; patterns) whose changes count from
    // now on. Folders no longer needed stop being watched. Returns the folders that could not be
    // watched, with why (missing, or past the system's limit of inotify watches).
    std::map<std::string, std::string> watch(const std::set<std::string>& files);

    // Waits for a change of a watched file, then for the burst it starts to end: until no further
    // change comes for `quiet` (for `settle` when the last change removed a file, which an editor
    // is about to write again), at most `longest` after the first. Returns the changed files, or
    // nothing when `wakeFd` (>= 0) became readable first (an interrupt). Changes made while the
    // caller was busy are queued by the kernel and returned at once.
    struct Timing {
        std::chrono::milliseconds quiet{30}, settle{250}, longest{1000};
    };
    std::optional<std::set<std::string>> wait(const Timing& timing, int wakeFd = -1);

    size_t folders() const { return dirs_.size(); }

private:
    // Reads the queued events; adds the relevant ones to `changed`; true when the last relevant
    // one removed a file.
    bool drain(std::set<std::string>& changed, bool& removed);
    int fd_ = -1;
    std::set<std::string> files_, patterns_;
    std::map<int, std::string> dirs_;     // watch descriptor -> folder (with '/' at its end)
    std::map<std::string, int> byDir_;
};

}  // namespace inkstone::driver
