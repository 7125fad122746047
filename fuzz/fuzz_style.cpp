// libFuzzer target: a style file (YAML: keys, values, `extends` of the built-in styles) -> the
// resolved Style. Styles are read from a path, so each input is written to a file in a private
// temporary folder first. A UserError (an unknown key, a bad value, a cycle) is fine.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "base/diagnostics.h"
#include "style/style.h"

namespace {

const std::string& stylePath() {
    static const std::string path = [] {
        std::string dir = "/tmp/inkstone-fuzz-style.XXXXXX";
        if (!mkdtemp(dir.data())) std::abort();
        return dir + "/fuzz.yaml";
    }();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    {
        std::ofstream out(stylePath(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        (void)inkstone::style::loadStyle(stylePath());
    } catch (const inkstone::UserError&) {
    }
    return 0;
}
