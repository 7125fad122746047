#include "serve/fields_json.h"

namespace inkstone::serve {

json diagnosticJson(const Diagnostic& d) {
    json j{{"message", d.message}, {"severity", d.severity == Severity::Error ? "error" : "warning"}};
    if (d.file.rfind("field:", 0) == 0) j["field"] = d.file.substr(6);
    else j["file"] = d.file;
    if (d.pos.line) j["line"] = d.pos.line;
    if (d.pos.col) j["column"] = d.pos.col;
    return j;
}

json fieldsJson(const ImportedFields& f) {
    json authors = json::array();
    for (const auto& a : f.authors) authors.push_back({{"name", a.name}, {"position", a.position}, {"organization", a.organization}});
    return {{"title", f.title}, {"subtitle", f.subtitle}, {"section", f.section}, {"date", f.date}, {"lang", f.lang},
            {"summary", f.summary}, {"bio", f.bio}, {"authors", authors}, {"extra", f.extra}};
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ImportedFields fieldsFrom(const json& j) {
    ImportedFields f{str(j, "title"), str(j, "subtitle"), str(j, "section"), str(j, "date"),
                     str(j, "lang"),  str(j, "summary"),  str(j, "bio"),     {},
                     str(j, "extra")};
    if (const auto a = j.find("authors"); a != j.end() && a->is_array())
        for (const json& x : *a)
            if (x.is_object()) f.authors.push_back({str(x, "name"), str(x, "position"), str(x, "organization")});
    return f;
}

std::vector<ImportedBlock> blocksFrom(const json& j) {
    std::vector<ImportedBlock> out;
    if (!j.is_array()) return out;
    for (const json& b : j) {
        if (!b.is_object()) continue;
        ImportedBlock x{str(b, "kind"), str(b, "text"), str(b, "attribution"), 0, true, str(b, "reason")};
        if (const auto l = b.find("line"); l != b.end() && l->is_number_integer()) x.line = l->get<int>();
        if (const auto k = b.find("kept"); k != b.end() && k->is_boolean()) x.kept = k->get<bool>();
        out.push_back(std::move(x));
    }
    return out;
}

json importedJson(const InspectedPage& p, const std::string& suggestedPath) {
    json blocks = json::array();
    for (const auto& b : p.blocks)
        blocks.push_back({{"kind", b.kind}, {"text", b.text}, {"attribution", b.attribution}, {"line", b.line},
                          {"kept", b.kept}, {"reason", b.reason}});
    json fw = json::array();
    for (const auto& [field, message] : p.fieldWarnings) fw.push_back({{"field", field}, {"message", message}});
    json warnings = json::array();
    for (const auto& d : p.warnings) warnings.push_back(diagnosticJson(d));
    return {{"fields", fieldsJson(p.fields)}, {"blocks", blocks}, {"fieldWarnings", fw}, {"warnings", warnings},
            {"suggestedPath", suggestedPath}};
}

json volumeJson(const VolumeFields& v) {
    json sections = json::array();
    for (const auto& s : v.sections) sections.push_back({{"title", s.title}, {"articles", s.articles}});
    return {{"title", v.title},   {"subtitle", v.subtitle}, {"issue", v.issue},     {"publisher", v.publisher},
            {"date", v.date},     {"lang", v.lang},         {"style", v.style},     {"cover", v.cover},
            {"editorsNote", v.editorsNote}, {"dictionary", v.dictionary}, {"editions", v.editions},
            {"sections", sections}};
}

VolumeFields volumeFrom(const json& j) {
    VolumeFields v;
    v.title = str(j, "title");
    v.subtitle = str(j, "subtitle");
    v.issue = str(j, "issue");
    v.publisher = str(j, "publisher");
    v.date = str(j, "date");
    v.lang = str(j, "lang");
    v.style = str(j, "style");
    v.cover = str(j, "cover");
    v.editorsNote = str(j, "editorsNote");
    v.dictionary = str(j, "dictionary");
    if (const auto e = j.find("editions"); e != j.end() && e->is_array())
        for (const json& x : *e)
            if (x.is_string()) v.editions.push_back(x.get<std::string>());
    if (const auto ss = j.find("sections"); ss != j.end() && ss->is_array())
        for (const json& x : *ss) {
            if (!x.is_object()) continue;
            VolumeSectionFields s{str(x, "title"), {}};
            if (const auto a = x.find("articles"); a != x.end() && a->is_array())
                for (const json& y : *a)
                    if (y.is_string()) s.articles.push_back(y.get<std::string>());
            v.sections.push_back(std::move(s));
        }
    return v;
}

}  // namespace inkstone::serve
