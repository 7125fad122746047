// Volume manifests (PRODUCT.md 4): title, subtitle, issue, publisher, date, style, lang, optional
// cover image and editor's note, and sections of articles (paths or globs, relative to the manifest).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "model/document.h"

namespace inkstone::parse {

struct VolumeSection {
    std::string title;
    std::vector<std::string> articles;  // resolved paths, in order (globs expanded and sorted)
};

struct Volume {
    std::string path;
    std::string title, subtitle, issue, publisher;
    Lang lang;
    std::optional<model::Date> date;
    std::string style;        // resolved path or name; empty = quarterly
    std::string cover;        // resolved path of a PNG, or empty
    std::string editorsNote;  // resolved path of an article, or empty
    std::vector<VolumeSection> sections;
    // Editions (issue 15): `compile` writes one PDF per edition ("zh-Hans", "zh-Hant-TW", ...),
    // unless the command line asks for one; `dictionary`: their phrase overrides (resolved path).
    std::vector<std::string> editions;
    std::string dictionary;
};

// Throws UserError (file:line:col) for malformed YAML, unknown keys, a missing title or sections,
// bad dates or langs, and article paths or globs that match nothing.
Volume loadVolume(const std::string& path, DiagnosticSink& sink);

}  // namespace inkstone::parse
