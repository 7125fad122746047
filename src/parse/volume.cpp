#include "parse/volume.h"

#include <glob.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/reads.h"
#include "parse/article.h"

namespace inkstone::parse {
namespace fs = std::filesystem;

namespace {

SourcePos at(const YAML::Node& n) {
    auto m = n.Mark();
    return m.line < 0 ? SourcePos{} : SourcePos{m.line + 1, m.column + 1};
}

std::string str(const std::string& file, const YAML::Node& n, const std::string& key) {
    if (!n.IsScalar()) failAt(file, at(n), "'" + key + "' must be a string");
    return n.Scalar();
}

std::string resolve(const std::string& manifest, const std::string& rel) {
    fs::path p(rel);
    if (p.is_relative()) p = fs::path(manifest).parent_path() / p;
    return p.lexically_normal().string();
}

std::vector<std::string> expand(const std::string& manifest, const YAML::Node& n) {
    const std::string pattern = resolve(manifest, str(manifest, n, "articles"));
    if (pattern.find_first_of("*?[") == std::string::npos) {
        reads::note(pattern);
        if (!fs::exists(pattern)) failAt(manifest, at(n), "article '" + n.Scalar() + "' not found");
        return {pattern};
    }
    // Articles that come to match it later are watched for.
    reads::notePattern(pattern);
    glob_t g{};
    std::vector<std::string> out;
    if (::glob(pattern.c_str(), 0, nullptr, &g) == 0)
        for (size_t i = 0; i < g.gl_pathc; ++i) out.push_back(g.gl_pathv[i]);
    globfree(&g);
    if (out.empty()) failAt(manifest, at(n), "'" + n.Scalar() + "' matches no article");
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

Volume loadVolume(const std::string& path, DiagnosticSink& sink) {
    std::string text = readInput(path);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        failAt(path, {e.mark.line + 1, e.mark.column + 1}, "malformed YAML: " + e.msg);
    }
    if (!root.IsMap()) failAt(path, {1, 1}, "a volume manifest is a YAML map with 'title' and 'sections'");
    Volume v;
    v.path = path;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const YAML::Node key = it->first, val = it->second;
        const std::string k = key.Scalar();
        if (k == "title") v.title = str(path, val, k);
        else if (k == "subtitle") v.subtitle = str(path, val, k);
        else if (k == "issue") v.issue = str(path, val, k);
        else if (k == "publisher") v.publisher = str(path, val, k);
        else if (k == "lang") {
            const std::optional<Lang> l = Lang::parse(str(path, val, k));
            if (!l) failAt(path, at(val), "unsupported lang '" + val.Scalar() + "'");
            v.lang = *l;
        } else if (k == "date") {
            // The article parser's date rules, through a one-key front matter.
            DiagnosticSink none(false);
            try {
                v.date = parseFrontMatter("title: x\ndate: " + str(path, val, k) + "\n", path, 1, none).date;
            } catch (const UserError&) {
                failAt(path, at(val), "bad date '" + val.Scalar() + "': expected an ISO date YYYY-MM-DD");
            }
        } else if (k == "style") {
            std::string s = str(path, val, k);
            v.style = s.find('/') != std::string::npos || s.ends_with(".yaml") ? resolve(path, s) : s;
        } else if (k == "cover") {
            v.cover = resolve(path, str(path, val, k));
            reads::note(v.cover);
            if (!fs::exists(v.cover)) failAt(path, at(val), "cover image '" + val.Scalar() + "' not found");
            std::ifstream in(v.cover, std::ios::binary);
            char magic[8] = {};
            in.read(magic, 8);
            if (!in || std::string(magic, 8) != "\x89PNG\r\n\x1a\n")
                failAt(path, at(val), "cover image '" + val.Scalar() + "' is not a PNG file (only PNG is supported)");
        } else if (k == "editors-note" || k == "editor-note") {
            v.editorsNote = resolve(path, str(path, val, k));
            reads::note(v.editorsNote);
            if (!fs::exists(v.editorsNote)) failAt(path, at(val), "editor's note '" + val.Scalar() + "' not found");
        } else if (k == "editions") {
            std::vector<YAML::Node> items;
            if (val.IsSequence()) for (const auto& e : val) items.push_back(e);
            else items.push_back(val);
            for (const auto& e : items) {
                const std::string name = str(path, e, "editions");
                std::string low;
                for (char c : name) low += static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
                static const char* const kEditions[] = {"zh-hans", "zh-hant", "zh-hant-tw", "zh-hant-hk", "zh-tw", "zh-hk", "zh-cn"};
                bool known = false;
                for (const char* k2 : kEditions) known = known || low == k2;
                if (!known) failAt(path, at(e), "unknown edition '" + name + "': use zh-Hans, zh-Hant, zh-Hant-TW or zh-Hant-HK");
                if (std::find(v.editions.begin(), v.editions.end(), name) != v.editions.end())
                    failAt(path, at(e), "the edition '" + name + "' is listed twice");
                v.editions.push_back(name);
            }
        } else if (k == "dictionary") {
            v.dictionary = resolve(path, str(path, val, k));
            reads::note(v.dictionary);
            if (!fs::exists(v.dictionary)) failAt(path, at(val), "edition dictionary '" + val.Scalar() + "' not found");
        } else if (k == "sections") {
            if (!val.IsSequence()) failAt(path, at(val), "'sections' must be a list of {title, articles}");
            for (const auto& sec : val) {
                if (!sec.IsMap()) failAt(path, at(sec), "a section is a map with 'title' and 'articles'");
                VolumeSection s;
                for (auto jt = sec.begin(); jt != sec.end(); ++jt) {
                    // By value: the iterator's pair is a temporary (a reference into it dangles).
                    const YAML::Node skey = jt->first, sval = jt->second;
                    const std::string sk = skey.Scalar();
                    if (sk == "title") s.title = str(path, sval, "title");
                    else if (sk == "articles") {
                        if (!sval.IsSequence()) failAt(path, at(sval), "'articles' must be a list of paths or globs");
                        for (const auto& a : sval) {
                            auto found = expand(path, a);
                            s.articles.insert(s.articles.end(), found.begin(), found.end());
                        }
                    } else {
                        failAt(path, at(skey), "unknown section key '" + sk + "'");
                    }
                }
                if (s.articles.empty()) failAt(path, at(sec), "a section needs 'articles'");
                v.sections.push_back(std::move(s));
            }
        } else {
            sink.warn(path, at(key), "unknown volume key '" + k + "' ignored");
        }
    }
    if (v.title.empty()) failAt(path, {1, 1}, "the volume has no 'title'");
    if (v.sections.empty()) failAt(path, {1, 1}, "the volume has no 'sections'");
    return v;
}

}  // namespace inkstone::parse
