// The writers behind render::DocumentWriter: our PDF writer (pdf_writer.cpp), Cairo's fallback
// (cairo_pdf.cpp) and the layout dump (output.cpp). Each takes pages into slots (render.h) and
// writes the file when finished.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "render/render.h"

namespace inkstone::render {

struct DocumentWriter::Backend {
    virtual ~Backend() = default;
    virtual size_t reserve() = 0;
    virtual void addPage(const layout::Page& page, size_t slot) = 0;
    virtual size_t pageCount() const = 0;
    virtual void finish(const std::vector<layout::OutlineEntry>& outline, const std::vector<layout::StructNode>& structure) = 0;
};

// What a backend keeps of its pages (render.h): slots reserved in order, filled from any thread,
// walked in document order when finished (by then no thread adds any more).
template <class T>
class Slots {
public:
    size_t reserve() {
        std::lock_guard<std::mutex> lock(mutex_);
        slots_.emplace_back();
        return slots_.size() - 1;
    }
    void add(size_t slot, T item) {
        std::lock_guard<std::mutex> lock(mutex_);
        slots_.at(slot).push_back(std::move(item));
    }
    size_t count() const {
        std::lock_guard<std::mutex> lock(mutex_);
        size_t n = 0;
        for (const auto& s : slots_) n += s.size();
        return n;
    }
    template <class F>
    void forEach(F f) {
        for (auto& s : slots_)
            for (T& item : s) f(item);
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::vector<T>> slots_;
};

std::unique_ptr<DocumentWriter::Backend> nativePdfWriter(const std::string& path, const layout::DocInfo& info);
std::unique_ptr<DocumentWriter::Backend> cairoPdfWriter(const std::string& path, const layout::DocInfo& info);

}  // namespace inkstone::render
