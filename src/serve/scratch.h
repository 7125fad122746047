// A folder of the server's own (a preview's pages, a compile's manifest and PDF), removed with
// everything in it when the object goes.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "inkstone/diagnostics.h"

namespace inkstone::serve {

class ScratchDir {
public:
    explicit ScratchDir(std::string path) : path_(std::move(path)) { std::filesystem::create_directories(path_); }
    // A new folder of its own under the system's temporary folder, named PREFIX.XXXXXX.
    static ScratchDir temporary(const std::string& prefix) {
        std::string t = (std::filesystem::temp_directory_path() / (prefix + ".XXXXXX")).string();
        if (!::mkdtemp(t.data())) failAt("serve", {}, "cannot make a temporary folder");
        return ScratchDir(std::filesystem::canonical(t).string());
    }
    ~ScratchDir() {
        if (path_.empty()) return;
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(ScratchDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ScratchDir& operator=(ScratchDir&&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace inkstone::serve
