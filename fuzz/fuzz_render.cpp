// libFuzzer target: a small article through the whole render (layout and our PDF writer, to a
// temporary file that is then removed). Only inputs up to 4 KB are tried (fuzz/run.sh mutates up to
// 2 KB, which keeps it above 50 inputs a second): the target is for the
// layout's and the writer's handling of odd content, not for throughput.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "base/diagnostics.h"
#include "inkstone/inkstone.h"

namespace {

const std::string& dir() {
    static const std::string d = [] {
        std::string t = "/tmp/inkstone-fuzz-render.XXXXXX";
        if (!mkdtemp(t.data())) std::abort();
        return t;
    }();
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;
    const std::string in = dir() + "/a.md", out = dir() + "/a.pdf";
    {
        std::ofstream f(in, std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    inkstone::DiagnosticSink sink(false);
    inkstone::RenderRequest req;
    req.input = in;
    req.output = out;
    try {
        (void)inkstone::renderArticle(req, sink);
    } catch (const inkstone::UserError&) {
    }
    std::remove(out.c_str());
    return 0;
}
