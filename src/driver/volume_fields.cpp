// A volume manifest as fields and back (`inkstone serve`'s volume screen): the keys as written,
// patterns not expanded, nothing checked that compile checks.
#include <yaml-cpp/yaml.h>

#include "inkstone/inkstone.h"
#include "parse/article.h"

namespace inkstone {

namespace {

SourcePos at(const YAML::Node& n) {
    const auto m = n.Mark();
    return m.line < 0 ? SourcePos{} : SourcePos{m.line + 1, m.column + 1};
}

std::string str(const std::string& file, const YAML::Node& n, const std::string& key) {
    if (!n.IsScalar()) failAt(file, at(n), "'" + key + "' must be a string");
    return n.Scalar();
}

}  // namespace

VolumeFields readVolumeFields(const std::string& manifest) {
    const std::string text = parse::readInput(manifest);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        failAt(manifest, {e.mark.line + 1, e.mark.column + 1}, "malformed YAML: " + e.msg);
    }
    if (!root.IsMap()) failAt(manifest, {1, 1}, "a volume manifest is a YAML map with 'title' and 'sections'");
    VolumeFields v;
    for (auto it = root.begin(); it != root.end(); ++it) {
        const YAML::Node key = it->first, val = it->second;
        const std::string k = key.IsScalar() ? key.Scalar() : std::string();
        if (k == "title") v.title = str(manifest, val, k);
        else if (k == "subtitle") v.subtitle = str(manifest, val, k);
        else if (k == "issue") v.issue = str(manifest, val, k);
        else if (k == "publisher") v.publisher = str(manifest, val, k);
        else if (k == "date") v.date = str(manifest, val, k);
        else if (k == "lang") v.lang = str(manifest, val, k);
        else if (k == "style") v.style = str(manifest, val, k);
        else if (k == "cover") v.cover = str(manifest, val, k);
        else if (k == "editors-note" || k == "editor-note") v.editorsNote = str(manifest, val, k);
        else if (k == "dictionary") v.dictionary = str(manifest, val, k);
        else if (k == "editions") {
            if (val.IsSequence())
                for (const auto& e : val) v.editions.push_back(str(manifest, e, k));
            else
                v.editions.push_back(str(manifest, val, k));
        } else if (k == "sections") {
            if (!val.IsSequence()) failAt(manifest, at(val), "'sections' must be a list of {title, articles}");
            for (const auto& sec : val) {
                if (!sec.IsMap()) failAt(manifest, at(sec), "a section is a map with 'title' and 'articles'");
                VolumeSectionFields s;
                if (const YAML::Node t = sec["title"]) s.title = str(manifest, t, "title");
                if (const YAML::Node a = sec["articles"]) {
                    if (!a.IsSequence()) failAt(manifest, at(a), "'articles' must be a list of paths or globs");
                    for (const auto& x : a) s.articles.push_back(str(manifest, x, "articles"));
                }
                v.sections.push_back(std::move(s));
            }
        }
    }
    return v;
}

std::string volumeManifest(const VolumeFields& v) {
    YAML::Emitter e;
    e << YAML::BeginMap;
    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) e << YAML::Key << key << YAML::Value << value;
    };
    put("title", v.title);
    put("subtitle", v.subtitle);
    put("issue", v.issue);
    put("publisher", v.publisher);
    put("date", v.date);
    put("lang", v.lang);
    put("style", v.style);
    put("cover", v.cover);
    put("editors-note", v.editorsNote);
    if (!v.editions.empty()) e << YAML::Key << "editions" << YAML::Value << YAML::Flow << v.editions;
    put("dictionary", v.dictionary);
    e << YAML::Key << "sections" << YAML::Value << YAML::BeginSeq;
    for (const VolumeSectionFields& s : v.sections) {
        e << YAML::BeginMap << YAML::Key << "title" << YAML::Value << s.title;
        e << YAML::Key << "articles" << YAML::Value << YAML::BeginSeq;
        for (const std::string& a : s.articles) e << a;
        e << YAML::EndSeq << YAML::EndMap;
    }
    e << YAML::EndSeq << YAML::EndMap;
    return std::string(e.c_str()) + "\n";
}

}  // namespace inkstone
