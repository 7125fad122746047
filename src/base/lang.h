// A language as inkstone sets text in it: parsed once from a BCP 47 tag (by the parsers, from the
// front matter, a volume manifest or --lang), then asked by property. No stage searches a
// language tag as a string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace inkstone {

class Lang {
public:
    enum class Script : uint8_t { Latin, Hans, Hant };
    enum class Region : uint8_t { None, HK };

    Lang() = default;  // English
    Lang(Script script, Region region = Region::None) : script_(script), region_(region) {}

    // A tag in any case, with '-' or '_': en and en-*; zh, zh-Hans, zh-CN, zh-SG (Simplified);
    // zh-Hant, zh-TW (Traditional); zh-HK, zh-MO, zh-Hant-HK, zh-Hant-MO (Traditional, Hong Kong).
    // nullopt for any other.
    static std::optional<Lang> parse(std::string_view tag);

    Script script() const { return script_; }
    Region region() const { return region_; }
    bool chinese() const { return script_ != Script::Latin; }
    bool traditional() const { return script_ == Script::Hant; }
    // The normalised tag: en, zh-Hans, zh-Hant or zh-Hant-HK (style keys, Pango, the PDF's /Lang).
    std::string tag() const;

    bool operator==(const Lang& o) const { return script_ == o.script_ && region_ == o.region_; }
    bool operator!=(const Lang& o) const { return !(*this == o); }

private:
    Script script_ = Script::Latin;
    Region region_ = Region::None;
};

}  // namespace inkstone
