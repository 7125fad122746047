#include "serve/server.h"

#include <httplib.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "base/hash.h"
#include "base/reads.h"
#include "inkstone/inkstone.h"
#include "parse/article.h"
#include "serve/assets.h"
#include "serve/compile_jobs.h"
#include "serve/fields_json.h"
#include "serve/security.h"
#include "style/style.h"

namespace inkstone::serve {
namespace fs = std::filesystem;

namespace {

const char* kCookie = "inkstone_token";

// A request for a path outside the root: refused (403), whatever else is wrong with it.
struct Refused : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A request whose body is not what the endpoint takes: 400.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

json jsonBody(const httplib::Request& req) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) throw BadRequest("the request is not a JSON object");
    return body;
}

std::string pageId(const std::string& bytes) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a64(bytes)));
    return buf;
}

// A volume's paths (articles, patterns, cover, editor's note, dictionary) rewritten by `f`.
void mapPaths(VolumeFields& v, const std::function<std::string(const std::string&)>& f) {
    for (std::string* p : {&v.cover, &v.editorsNote, &v.dictionary})
        if (!p->empty()) *p = f(*p);
    // A style given as a path (not a name) is one too.
    if (style::isStylePath(v.style)) v.style = f(v.style);
    for (auto& s : v.sections)
        for (auto& a : s.articles) a = f(a);
}

// The pages of recent previews by the hash of their bytes: a page that did not change keeps its
// address, so the browser does not fetch it again.
class PageStore {
public:
    std::string put(std::string png) {
        std::string id = pageId(png);
        std::lock_guard<std::mutex> lock(mutex_);
        if (pages_.emplace(id, std::move(png)).second) {
            order_.push_back(id);
            while (order_.size() > kKeep) {
                pages_.erase(order_.front());
                order_.pop_front();
            }
        }
        return id;
    }
    std::optional<std::string> get(const std::string& id) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = pages_.find(id);
        if (it == pages_.end()) return std::nullopt;
        return it->second;
    }

private:
    static constexpr size_t kKeep = 400;
    std::mutex mutex_;
    std::map<std::string, std::string> pages_;
    std::deque<std::string> order_;
};

class App {
public:
    App(const Options& o) : options_(o), token_(newToken()), scratch_(ScratchDir::temporary("inkstone-serve")) {
        std::error_code ec;
        root_ = fs::canonical(o.root, ec).string();
        if (ec || !fs::is_directory(root_)) failAt(o.root, {}, "--root: not a folder");
        // Every file a render or compile opens is under the root (or is a built-in style, or
        // this server's own scratch file): checked where the file is read (reads::note).
        const std::string styles = fs::weakly_canonical(style::dataDir() + "/styles", ec).string() + "/";
        const std::string root = root_ + "/", scratch = scratch_.path() + "/";
        reads::setGate([root, styles, scratch](const std::string& file) {
            for (const std::string* dir : {&root, &styles, &scratch})
                if (file.compare(0, dir->size(), *dir) == 0) return std::string();
            return std::string("outside the folder `inkstone serve --root` gives");
        });
    }
    ~App() {
        server_.stop();
        jobs_.wait();
        reads::setGate({});
    }

    void run(const std::function<void(const std::string&)>& onReady);

private:
    bool authorized(const httplib::Request& req, httplib::Response& res);
    // A folder of a request's own, removed when it goes.
    ScratchDir scratchDir() { return ScratchDir(scratch_.file(std::to_string(++counter_))); }
    // The file `given` names under the root, or Refused (403).
    std::string confine(const std::string& given) const;
    // The article of a preview, download or save request, and where it is (or would be) saved.
    struct Draft {
        std::string markdown, path, style, edition;
    };
    Draft draft(const json& body);
    // The draft rendered in a scratch folder of its own (removed after): the PDF, or the PNG
    // pages, as bytes; with `lint`, also `inkstone check`'s warnings of its text.
    std::vector<std::string> render(const Draft& d, OutputFormat format, double dpi, DiagnosticSink& sink,
                                    DiagnosticSink* lint);
    void routes();
    void sendError(httplib::Response& res, int status, const std::string& message, const std::string& field = {});

    // Root-relative paths (the page's) and the manifest's own (relative to its folder).
    std::string rootRelative(const std::string& manifestDir, const std::string& p) const;
    std::string manifestRelative(const std::string& manifestDir, const std::string& p) const;
    // `name`: the PDF's file name; `manifest`: what messages call the manifest.
    std::string startCompile(VolumeFields v, const std::string& name, const std::string& manifest, const std::string& style,
                             const std::string& edition);
    // The files under the root (not hidden ones) whose extension is one of `extensions`, sorted.
    std::vector<std::string> filesUnderRoot(std::initializer_list<const char*> extensions) const;

    Options options_;
    std::string token_, root_;
    ScratchDir scratch_;
    std::atomic<int> counter_{0};
    PageStore pages_;
    CompileJobs jobs_;
    httplib::Server server_;
};

void App::sendError(httplib::Response& res, int status, const std::string& message, const std::string& field) {
    json j{{"error", {{"message", message}}}};
    if (!field.empty()) j["error"]["field"] = field;
    res.status = status;
    res.set_content(j.dump(), "application/json");
}

bool App::authorized(const httplib::Request& req, httplib::Response& res) {
    std::string given = req.get_param_value("token");
    if (given.empty()) given = req.get_header_value("X-Inkstone-Token");
    if (given.empty()) {
        // Cookie: a=b; inkstone_token=...
        const std::string cookies = req.get_header_value("Cookie");
        const std::string key = std::string(kCookie) + "=";
        for (size_t at = cookies.find(key); at != std::string::npos; at = cookies.find(key, at + 1)) {
            if (at != 0 && cookies[at - 1] != ' ' && cookies[at - 1] != ';') continue;
            const size_t end = cookies.find(';', at);
            given = cookies.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
            break;
        }
    }
    if (sameToken(given, token_)) return true;
    res.status = 403;
    res.set_content("403 Forbidden: open the address with its token that `inkstone serve` printed\n", "text/plain");
    return false;
}

App::Draft App::draft(const json& body) {
    Draft d;
    const std::string given = str(body, "path");
    d.path = confine(given.empty() ? "untitled.md" : given);
    d.markdown = body.contains("markdown") && body["markdown"].is_string()
                     ? body["markdown"].get<std::string>()
                     : articleFromFields(fieldsFrom(body.value("fields", json::object())), blocksFrom(body.value("blocks", json::array())));
    d.style = str(body, "style");
    d.edition = str(body, "edition");
    return d;
}

std::vector<std::string> App::render(const Draft& d, OutputFormat format, double dpi, DiagnosticSink& sink,
                                     DiagnosticSink* lint) {
    const ScratchDir dir = scratchDir();
    RenderRequest r;
    r.input = d.path;  // where relative figures and styles are found
    r.source = d.markdown;
    r.output = dir.file(format == OutputFormat::Png ? "page.png" : "article.pdf");
    r.style = d.style;
    r.format = format;
    if (dpi > 0) r.dpi = dpi;
    r.edition.target = d.edition;
    std::vector<std::string> out;
    for (const std::string& f : renderArticle(r, sink).files) out.push_back(parse::readInput(f));
    if (lint) {
        // Its lines are the draft's: the same text, checked from a file of the same name.
        const std::string md = dir.file(fs::path(d.path).filename().string());
        std::ofstream(md, std::ios::binary) << d.markdown;
        checkArticles({md}, *lint);
    }
    return out;
}

void App::routes() {
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        return authorized(req, res) ? httplib::Server::HandlerResponse::Unhandled : httplib::Server::HandlerResponse::Handled;
    });
    server_.set_payload_max_length(options_.maxUpload);
    server_.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
        // cpp-httplib limits a form-encoded body to 8 KiB whatever the limit (the page sends JSON
        // and multipart): a client sending a form is told what to send.
        if (res.status == 413 && req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
            sendError(res, 413, "a form-encoded body is limited to 8 KiB: send JSON (Content-Type: application/json)");
        } else if (res.status == 413) {
            const size_t mib = options_.maxUpload >> 20;
            sendError(res, 413, "The file is larger than the limit of " + std::to_string(mib) +
                                    " MiB (inkstone serve --max-upload)");
        }
    });
    server_.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const Refused& e) {
            sendError(res, 403, e.what(), "path");
        } catch (const BadRequest& e) {
            sendError(res, 400, e.what());
        } catch (const UserError& e) {
            json j{{"error", diagnosticJson(e.diagnostic())}};
            res.status = e.diagnostic().message.rfind("refused: ", 0) == 0 ? 403 : 422;
            res.set_content(j.dump(), "application/json");
        } catch (const std::exception& e) {
            sendError(res, 500, std::string("internal error: ") + e.what());
        }
    });

    // The application: the page, its script and style; the token in the address becomes a cookie.
    server_.Get("/", [this](const httplib::Request& req, httplib::Response& res) {
        if (req.has_param("token"))
            res.set_header("Set-Cookie", std::string(kCookie) + "=" + token_ + "; Path=/; HttpOnly; SameSite=Strict");
        res.set_content(std::string(assets().at("index.html")), "text/html; charset=utf-8");
    });
    for (const auto& [name, type] : {std::pair<std::string, std::string>{"app.js", "text/javascript; charset=utf-8"},
                                     {"app.css", "text/css; charset=utf-8"}}) {
        server_.Get("/" + name, [name, type](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(assets().at(name)), type.c_str());
        });
    }

    // The files under the root that the application opens: articles, volumes, saved pages.
    server_.Get("/api/files", [this](const httplib::Request&, httplib::Response& res) {
        const json files = filesUnderRoot({".md", ".yaml", ".yml", ".html", ".htm", ".txt", ".png"});
        res.set_content(json{{"files", files}}.dump(), "application/json");
    });
    server_.Get("/api/styles", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(json{{"styles", styleNames()}}.dump(), "application/json");
    });

    // Import: a page uploaded (multipart "page"), pasted ("text"), or a page under the root ("path").
    server_.Post("/api/import", [this](const httplib::Request& req, httplib::Response& res) {
        std::string name, bytes;
        if (req.has_file("page")) {
            const auto f = req.get_file_value("page");
            name = fs::path(f.filename).filename().string();
            bytes = f.content;
            if (fs::path(name).extension() == ".md" && bytes.starts_with("---")) {
                // An article dropped or chosen: saved under its name.
                res.set_content(importedJson(inspectArticleText(name, bytes), name).dump(), "application/json");
                return;
            }
        } else if (req.has_file("text")) {
            name = "pasted.txt";
            bytes = req.get_file_value("text").content;
        } else if (req.has_file("path")) {
            const std::string full = confine(req.get_file_value("path").content);
            if (!fs::is_regular_file(full)) return sendError(res, 404, "no such file under the root", "path");
            if (fs::path(full).extension() == ".md") {
                // An article, opened for correction: saved back where it was.
                res.set_content(importedJson(inspectArticle(full), fs::relative(full, root_).string()).dump(),
                                "application/json");
                return;
            }
            name = full;
            bytes = parse::readInput(full);
        } else {
            return sendError(res, 400, "give a page (a file, or pasted text)");
        }
        if (name.empty()) name = "page.html";
        const std::string lang = req.has_file("lang") ? req.get_file_value("lang").content : std::string();
        const std::string stem = fs::path(name).stem().string();
        res.set_content(importedJson(inspectPage(name, bytes, lang), (stem.empty() ? "article" : stem) + ".md").dump(),
                        "application/json");
    });

    // Preview: the draft's pages as PNG images (by content hash) and the lint's warnings.
    server_.Post("/api/preview", [this](const httplib::Request& req, httplib::Response& res) {
        const auto t0 = std::chrono::steady_clock::now();
        const json body = jsonBody(req);
        const Draft d = draft(body);
        double dpi = body.value("dpi", 60.0);
        if (dpi < 20 || dpi > 200) dpi = 60;
        DiagnosticSink sink(false), lint(false);
        json pages = json::array();
        for (std::string& png : render(d, OutputFormat::Png, dpi, sink, &lint)) pages.push_back(pages_.put(std::move(png)));
        json warnings = json::array();
        for (const auto& w : sink.all()) warnings.push_back(diagnosticJson(w));
        for (const auto& w : lint.all()) {
            json j = diagnosticJson(w);
            j["file"] = fs::relative(d.path, root_).string();
            j["lint"] = true;
            warnings.push_back(j);
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        res.set_content(json{{"pages", pages}, {"warnings", warnings}, {"ms", ms}}.dump(), "application/json");
    });
    server_.Get(R"(/api/page/([0-9a-f]{16})\.png)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto png = pages_.get(req.matches[1]);
        if (!png) return sendError(res, 404, "no such page (rendered too long ago)");
        res.set_header("Cache-Control", "private, max-age=31536000, immutable");
        res.set_content(*png, "image/png");
    });

    // The PDF of the draft, as a download.
    server_.Post("/api/pdf", [this](const httplib::Request& req, httplib::Response& res) {
        const json body = jsonBody(req);
        const Draft d = draft(body);
        DiagnosticSink sink(false);
        const std::string pdf = render(d, OutputFormat::Pdf, 0, sink, nullptr).at(0);
        const std::string name = fs::path(d.path).stem().string() + (d.edition.empty() ? "" : "." + d.edition) + ".pdf";
        res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        res.set_content(pdf, "application/pdf");
    });

    // ---- volumes ----

    // The articles under the root, with what the volume screen shows of each.
    server_.Get("/api/articles", [this](const httplib::Request&, httplib::Response& res) {
        json list = json::array();
        for (const std::string& path : filesUnderRoot({".md"})) {
            json a{{"path", path}};
            try {
                const ImportedFields f = inspectArticle(root_ + "/" + path).fields;
                json authors = json::array();
                for (const auto& au : f.authors) authors.push_back(au.name);
                a.update({{"title", f.title}, {"lang", f.lang}, {"date", f.date}, {"section", f.section}, {"authors", authors}});
            } catch (const UserError& e) {
                a["error"] = diagnosticJson(e.diagnostic());
            } catch (const std::exception& e) {  // one article's trouble is its own
                a["error"] = {{"message", std::string("cannot be read: ") + e.what()}};
            }
            list.push_back(std::move(a));
        }
        res.set_content(json{{"articles", list}}.dump(), "application/json");
    });

    // A manifest under the root, its paths made relative to the root.
    server_.Get("/api/volume", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string full = confine(req.get_param_value("path"));
        VolumeFields v = readVolumeFields(full);
        const std::string dir = fs::path(full).parent_path().string();
        mapPaths(v, [&](const std::string& p) { return rootRelative(dir, p); });
        res.set_content(json{{"volume", volumeJson(v)}, {"path", fs::relative(full, root_).string()}}.dump(), "application/json");
    });

    // Saves a manifest under the root, its paths made relative to its folder.
    server_.Post("/api/volume/save", [this](const httplib::Request& req, httplib::Response& res) {
        const json body = jsonBody(req);
        const std::string full = confine(str(body, "path"));
        const std::string ext = fs::path(full).extension().string();
        if (ext != ".yaml" && ext != ".yml") return sendError(res, 400, "a volume is saved as a .yaml file", "volume-path");
        VolumeFields v = volumeFrom(body.value("volume", json::object()));
        const std::string dir = fs::path(full).parent_path().string();
        mapPaths(v, [&](const std::string& p) { return manifestRelative(dir, p); });
        fs::create_directories(dir);
        writeTextFile(full, volumeManifest(v));
        res.set_content(json{{"saved", fs::relative(full, root_).string()}}.dump(), "application/json");
    });

    // Compiles a volume on a thread of its own: the page asks after it (/api/job/ID) for the
    // progress bar, then fetches the PDF.
    server_.Post("/api/volume/compile", [this](const httplib::Request& req, httplib::Response& res) {
        const json body = jsonBody(req);
        const VolumeFields v = volumeFrom(body.value("volume", json::object()));
        if (v.sections.empty()) return sendError(res, 400, "the volume has no sections", "sections");
        const std::string given = str(body, "path"), edition = str(body, "edition");
        std::string name = fs::path(given).stem().string();
        if (name.empty()) name = "volume";
        if (!edition.empty()) name += "." + edition;
        const std::string id = startCompile(v, name + ".pdf", given.empty() ? "volume.yaml" : given, str(body, "style"), edition);
        res.set_content(json{{"job", id}}.dump(), "application/json");
    });
    server_.Get(R"(/api/job/([0-9a-f]{16}))", [this](const httplib::Request& req, httplib::Response& res) {
        const std::shared_ptr<Job> job = jobs_.find(req.matches[1]);
        if (!job) return sendError(res, 404, "no such compile (started too long ago)");
        res.set_content(CompileJobs::status(*job).dump(), "application/json");
    });
    server_.Get(R"(/api/job/([0-9a-f]{16})/pdf)", [this](const httplib::Request& req, httplib::Response& res) {
        const std::shared_ptr<Job> job = jobs_.find(req.matches[1]);
        if (!job) return sendError(res, 404, "no such compile (started too long ago)");
        std::lock_guard<std::mutex> lock(job->mutex);
        if (job->state != "done") return sendError(res, 409, "the volume is not compiled (yet)");
        res.set_header("Content-Disposition", "attachment; filename=\"" + job->name + "\"");
        res.set_content(job->pdf, "application/pdf");
    });

    // Save the draft as an article under the root.
    server_.Post("/api/save", [this](const httplib::Request& req, httplib::Response& res) {
        const json body = jsonBody(req);
        const Draft d = draft(body);
        if (fs::path(d.path).extension() != ".md") return sendError(res, 400, "an article is saved as a .md file", "path");
        fs::create_directories(fs::path(d.path).parent_path());
        writeTextFile(d.path, d.markdown);
        res.set_content(json{{"saved", fs::relative(d.path, root_).string()}}.dump(), "application/json");
    });
}

std::string App::rootRelative(const std::string& manifestDir, const std::string& p) const {
    if (p.empty()) return p;
    const fs::path full = fs::path(p).is_absolute() ? fs::path(p) : fs::path(manifestDir) / p;
    return full.lexically_normal().lexically_relative(root_).string();
}

std::string App::manifestRelative(const std::string& manifestDir, const std::string& p) const {
    if (p.empty()) return p;
    return (fs::path(root_) / p).lexically_normal().lexically_relative(manifestDir).string();
}

std::string App::confine(const std::string& given) const {
    std::string why;
    const std::optional<std::string> full = underRoot(root_, given, why);
    if (!full) throw Refused("refused: '" + given + "' is " + why);
    return *full;
}

std::vector<std::string> App::filesUnderRoot(std::initializer_list<const char*> extensions) const {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator() && files.size() < 2000; it.increment(ec)) {
        if (ec) break;
        if (it->path().filename().string().starts_with(".")) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        const std::string ext = it->path().extension().string();
        for (const char* e : extensions)
            if (ext == e) files.push_back(fs::relative(it->path(), root_).string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string App::startCompile(VolumeFields v, const std::string& name, const std::string& manifestName, const std::string& style,
                              const std::string& edition) {
    // The manifest, in a scratch folder, names its files by absolute path; each must be under
    // the root (checked again where it is read).
    mapPaths(v, [this](const std::string& p) { return confine(p); });
    auto dir = std::make_shared<ScratchDir>(scratchDir());
    CompileRequest r;
    r.manifest = dir->file("volume.yaml");
    r.output = dir->file("volume.pdf");
    r.style = style;
    r.edition.target = edition;
    writeTextFile(r.manifest, volumeManifest(v));
    // Messages name files as the page does: under the root, relative to it; the scratch
    // manifest as the volume (its lines are not the user's).
    auto located = [root = root_, manifest = r.manifest, manifestName](const Diagnostic& d) {
        json j = diagnosticJson(d);
        if (d.file == manifest) {
            j["file"] = manifestName;
            j.erase("line");
            j.erase("column");
        } else if (d.file.rfind(root + "/", 0) == 0) {
            j["file"] = d.file.substr(root.size() + 1);
        }
        return j;
    };
    return jobs_.start(std::move(r), std::move(dir), name, located);
}

void App::run(const std::function<void(const std::string&)>& onReady) {
    routes();
    int port = options_.port;
    if (port == 0) {
        port = server_.bind_to_any_port(options_.listen);
        if (port < 0) failAt("--listen", {}, "cannot listen on " + options_.listen);
    } else if (!server_.bind_to_port(options_.listen, port)) {
        failAt("--port", {}, "cannot listen on " + options_.listen + ":" + std::to_string(port) + " (in use?)");
    }
    // Ctrl-C (or SIGTERM) stops the server; requests in progress finish.
    std::atomic<bool> done{false};
    std::thread stopper([this, &done] {
        struct pollfd p {interruptFd(), POLLIN, 0};
        while (!done && (p.fd < 0 || ::poll(&p, 1, 200) <= 0)) {
            if (p.fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        server_.stop();
    });
    const std::string host = options_.listen.find(':') != std::string::npos ? "[" + options_.listen + "]" : options_.listen;
    onReady("http://" + host + ":" + std::to_string(port) + "/?token=" + token_);
    server_.listen_after_bind();
    done = true;
    stopper.join();
}

}  // namespace

void run(const Options& options, const std::function<void(const std::string& url)>& onReady) {
    App app(options);
    app.run(onReady);
}

}  // namespace inkstone::serve
