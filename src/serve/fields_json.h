// The library's field types (inspectPage, inspectArticle, readVolumeFields) as the page's JSON,
// and back. Reading is lenient: a missing or mistyped key is empty, and the library then says
// what is wrong with the value.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inkstone/inkstone.h"

namespace inkstone::serve {

using nlohmann::json;

// {message, severity, file|field, line, column}: a file named "field:NAME" is the form's field.
json diagnosticJson(const Diagnostic& d);
// The string at `key`, or "".
std::string str(const json& j, const char* key);

json fieldsJson(const ImportedFields& f);
ImportedFields fieldsFrom(const json& j);
std::vector<ImportedBlock> blocksFrom(const json& j);
// What the import screen shows of a page or an article: fields, blocks, doubts, warnings.
json importedJson(const InspectedPage& p, const std::string& suggestedPath);

json volumeJson(const VolumeFields& v);
VolumeFields volumeFrom(const json& j);

}  // namespace inkstone::serve
