// The public entry points of the import stage: `inkstone import` and `inkstone check`.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "import/extract.h"
#include "inkstone/inkstone.h"

namespace fs = std::filesystem;

namespace inkstone {

namespace {

std::string readAll(const std::string& path) {
    if (path == "-") {
        std::stringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) failAt(path, {}, "cannot read: it is a folder, not a page");
    std::ifstream in(path, std::ios::binary);
    if (!in) failAt(path, {}, "cannot read: " + std::string(std::strerror(errno)));
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) failAt(path, {}, "cannot read: " + std::string(std::strerror(errno)));
    return ss.str();
}

// Beside the target, renamed into place: a failed run leaves an earlier file untouched.
void writeAtomically(const std::string& path, const std::string& data) {
    fs::path p(path);
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    std::string tmpl = (dir / ("." + p.filename().string() + ".XXXXXX")).string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) failAt(path, {}, "cannot write output: " + std::string(std::strerror(errno)));
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = write(fd, data.data() + done, data.size() - done);
        if (n <= 0) {
            close(fd);
            unlink(tmpl.c_str());
            failAt(path, {}, "cannot write output: " + std::string(std::strerror(errno)));
        }
        done += static_cast<size_t>(n);
    }
    close(fd);
    std::error_code ec;
    fs::permissions(tmpl, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read, ec);
    fs::rename(tmpl, path, ec);
    if (ec) {
        fs::remove(tmpl, ec);
        failAt(path, {}, "cannot write output: " + ec.message());
    }
}

}  // namespace

std::string importArticle(const ImportRequest& req, DiagnosticSink& sink) {
    const std::string name = req.input == "-" ? "<stdin>" : req.input;
    const std::string bytes = readAll(req.input);
    import::ImportOptions opt;
    opt.lang = req.lang;
    import::ImportedArticle a = import::importPage(name, bytes, opt, sink);
    if (req.explain)
        for (const auto& r : a.removed)
            std::cerr << name << ":" << r.line << ": removed (" << r.why << "): " << r.text << "\n";
    const std::string md = import::toMarkdown(a);
    std::string out = req.output;
    if (out.empty()) out = req.input == "-" ? "-" : fs::path(req.input).replace_extension(".md").string();
    std::error_code ec;
    if (out != "-" && req.input != "-" && fs::equivalent(out, req.input, ec)) failAt(out, {}, "the output would overwrite the input");
    if (out == "-") std::cout << md << std::flush;
    else writeAtomically(out, md);
    return out;
}

}  // namespace inkstone
