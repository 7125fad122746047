// Output files: every writer writes a temporary file beside its target (registered with
// base/interrupt.h) and renames it over the target at the end.
#pragma once

#include <string>

#include "base/interrupt.h"

namespace inkstone::render {

// RAII: removes the temporary file unless kept. Not copyable: a copy's destructor would remove
// the file under its owner.
struct TempFile {
    std::string path;
    bool keep = false;
    TempFile() = default;
    explicit TempFile(std::string p) : path(std::move(p)) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (!keep && !path.empty()) interrupt::discard(path);
    }
};

}  // namespace inkstone::render
