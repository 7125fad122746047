// A foreign PDF page as a form XObject of our writer (PDF 32000-1, 8.10): the page's content
// streams decoded and joined into one, its resources (inherited ones too) and transparency group;
// every object they refer to is copied from the foreign file into ours with a new number, streams
// with their raw (still encoded) data and their filters. References to pages (an odd font or
// annotation may point back at one) become null, so the foreign page tree never comes along.
// Compiled as C++17 under clang (it includes qpdf; see CMakeLists.txt).
#include "image/pdf_page.h"  // first: it sets qpdf's POINTERHOLDER_TRANSITION

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Buffer.hh>

#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <stdexcept>

#include "render/pdf_figures.h"

namespace inkstone::render::pdf {

namespace {

std::string bytesOf(Buffer& b) {
    return b.getSize() ? std::string(reinterpret_cast<const char*>(b.getBuffer()), b.getSize()) : std::string();
}

class Importer {
public:
    explicit Importer(ObjectFile& w) : w_(w) {}

    // A direct value in our numbering.
    std::string value(QPDFObjectHandle h) {
        std::string out;
        write(h, out, 0);
        return out;
    }

    // Writes every object referred to so far, and those they refer to.
    void drain() {
        while (!queue_.empty()) {
            auto [h, n] = queue_.front();
            queue_.pop_front();
            if (h.isStream()) {
                std::string dict;
                for (auto& [key, v] : h.getDict().ditems()) {
                    if (key == "/Length") continue;  // written anew for the raw data
                    dict += QPDFObjectHandle::newName(key).unparse() + ' ';
                    write(v, dict, 1);
                    dict += ' ';
                }
                std::shared_ptr<Buffer> raw = h.getRawStreamData();
                w_.stream(n, dict, bytesOf(*raw), false);
            } else {
                std::string body;
                own(h, body, 1);
                w_.object(n, body);
            }
        }
    }

private:
    static bool isPageTreeNode(QPDFObjectHandle h) {
        if (!h.isDictionary()) return false;
        QPDFObjectHandle type = h.getKey("/Type");
        return type.isName() && (type.getName() == "/Page" || type.getName() == "/Pages");
    }

    int number(QPDFObjectHandle h) {
        auto [it, fresh] = numbers_.emplace(h.getObjGen(), 0);
        if (fresh) {
            it->second = w_.reserve();
            queue_.emplace_back(h, it->second);
        }
        return it->second;
    }

    void write(QPDFObjectHandle h, std::string& out, int depth) {
        if (h.isIndirect()) {
            out += isPageTreeNode(h) ? std::string("null") : ObjectFile::ref(number(h));
            return;
        }
        own(h, out, depth);
    }

    // The object's own value (its items renumbered).
    void own(QPDFObjectHandle h, std::string& out, int depth) {
        if (depth > 200) throw std::runtime_error("objects nested too deeply");
        if (h.isArray()) {
            out += '[';
            for (QPDFObjectHandle item : h.aitems()) {
                write(item, out, depth + 1);
                out += ' ';
            }
            out += ']';
        } else if (h.isDictionary()) {
            out += "<<";
            for (auto& [key, v] : h.ditems()) {
                out += QPDFObjectHandle::newName(key).unparse() + ' ';
                write(v, out, depth + 1);
                out += ' ';
            }
            out += ">>";
        } else if (h.isStream()) {
            throw std::runtime_error("a stream inside another object");
        } else {
            out += h.unparseResolved();  // a scalar
        }
    }

    ObjectFile& w_;
    std::map<QPDFObjGen, int> numbers_;
    std::deque<std::pair<QPDFObjectHandle, int>> queue_;
};

// A number for a matrix: enough digits for a unit-square scale (1 / 842 and the like).
void exact(std::string& out, double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", std::abs(v) < 1e-12 ? 0.0 : v);
    out += buf;
}

// The form's /Matrix: its crop box turned by /Rotate (clockwise as shown) onto [0, W] x [0, H],
// then scaled onto the unit square.
std::string formMatrix(const image::PageBox& b) {
    double m[6];
    switch (b.rotate) {
        case 90: m[0] = 0, m[1] = -1, m[2] = 1, m[3] = 0, m[4] = -b.y0, m[5] = b.x1; break;
        case 180: m[0] = -1, m[1] = 0, m[2] = 0, m[3] = -1, m[4] = b.x1, m[5] = b.y1; break;
        case 270: m[0] = 0, m[1] = 1, m[2] = -1, m[3] = 0, m[4] = b.y1, m[5] = -b.x0; break;
        default: m[0] = 1, m[1] = 0, m[2] = 0, m[3] = 1, m[4] = -b.x0, m[5] = -b.y0; break;
    }
    const double sx = 1 / b.shownWidth(), sy = 1 / b.shownHeight();
    const double scaled[6] = {m[0] * sx, m[1] * sy, m[2] * sx, m[3] * sy, m[4] * sx, m[5] * sy};
    std::string out = "[";
    for (int i = 0; i < 6; ++i) {
        if (i) out += ' ';
        exact(out, scaled[i]);
    }
    return out + "]";
}

}  // namespace

int importPdfPage(ObjectFile& w, const std::string& path, const std::string* bytes, std::string& why) {
    QPDF src;
    QPDFObjectHandle page;
    image::PageBox box;
    if (!image::openPdfFigure(src, path, bytes, page, why) || !image::pageBoxOf(page, box, why)) return 0;
    try {
        QPDFPageObjectHelper helper(page);
        Pl_Buffer buffer("page content");
        helper.pipeContents(&buffer);
        buffer.finish();
        std::unique_ptr<Buffer> content(buffer.getBuffer());
        Importer imp(w);
        std::string dict = "/Type /XObject /Subtype /Form /BBox [";
        for (double v : {box.x0, box.y0, box.x1, box.y1}) {
            exact(dict, v);
            dict += ' ';
        }
        dict += "] /Matrix " + formMatrix(box);
        QPDFObjectHandle resources = helper.getAttribute("/Resources", false);
        dict += " /Resources " + (resources.isDictionary() ? imp.value(resources) : std::string("<< >>"));
        QPDFObjectHandle group = page.getKey("/Group");
        if (group.isDictionary()) dict += " /Group " + imp.value(group);
        imp.drain();
        const int n = w.reserve();
        w.stream(n, dict, deflate(bytesOf(*content)), true);
        return n;
    } catch (const std::exception& e) {
        why = std::string("is a damaged PDF: ") + e.what();
        return 0;
    }
}

}  // namespace inkstone::render::pdf
