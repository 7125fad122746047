#include "edition/edition.h"

#include <opencc.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "base/utf8.h"

namespace inkstone::edition {

namespace {

// An OpenCC converter (C API), closed when released. One per configuration and thread: OpenCC
// does not say its converters may be shared between threads.
struct Converter {
    opencc_t handle = reinterpret_cast<opencc_t>(-1);
    explicit Converter(const std::string& config) : handle(opencc_open(config.c_str())) {}
    ~Converter() {
        if (ok()) opencc_close(handle);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    bool ok() const { return handle != reinterpret_cast<opencc_t>(-1); }
};

Converter& converter(const std::string& config) {
    thread_local std::map<std::string, std::unique_ptr<Converter>> open;
    auto& c = open[config];
    if (!c) c = std::make_unique<Converter>(config);
    if (!c->ok()) {
        const char* why = opencc_error();
        open.erase(config);
        failAt("OpenCC", {}, "cannot open the conversion '" + config + "': " + (why ? why : "unknown error") +
                                 " (Debian packages libopencc1.1 and libopencc-data)");
    }
    return *c;
}

bool hasHan(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const char32_t c = decodeUtf8(s, i);
        if (isHan(c)) return true;
    }
    return false;
}

// Quotation marks of the edition (clreq 3.1.1: Taiwan and Hong Kong use corner brackets, the
// mainland curly quotes).
std::string quotes(std::string s, Target t) {
    if (t == Target::Hans) {
        for (auto [from, to] : {std::pair{"「", "“"}, {"」", "”"}, {"『", "‘"}, {"』", "’"}}) s = replaceAll(s, from, to);
    } else if (t == Target::HantTW || t == Target::HantHK) {
        for (auto [from, to] : {std::pair{"“", "「"}, {"”", "」"}, {"‘", "『"}, {"’", "』"}}) s = replaceAll(s, from, to);
    }
    return s;
}

constexpr char32_t kPlaceholder = 0xF0000;  // supplementary private use: OpenCC maps none of it

struct Pass {
    const Options& options;
    std::vector<std::string> configs;
    std::string text(const std::string& s) const {
        if (!hasHan(s)) return s;  // English, numbers: OpenCC would leave them; not asked at all
        std::vector<std::string> forms;
        const std::string protectedText = options.dictionary ? options.dictionary->protect(s, options.target, forms) : s;
        std::string out = convertText(protectedText, configs);
        if (options.editionQuotes) out = quotes(std::move(out), options.target);
        if (forms.empty()) return out;
        std::string back;
        for (size_t i = 0; i < out.size();) {
            const size_t at = i;
            const char32_t c = decodeUtf8(out, i);
            if (c >= kPlaceholder && c < kPlaceholder + forms.size()) back += forms[c - kPlaceholder];
            else back.append(out, at, i - at);
        }
        return back;
    }
    void runs(std::vector<model::TextRun>& rs) const {
        for (model::TextRun& r : rs) {
            if (r.flags & (model::kKeep | model::kCode)) continue;
            if ((r.flags & model::kOwnLanguage) && !r.lang.chinese()) continue;
            r.text = text(r.text);
        }
    }
    void blocks(std::vector<model::Block>& bs) const {
        for (model::Block& b : bs) {
            if (b.kind == model::BlockKind::CodeBlock) continue;
            runs(b.runs);
            blocks(b.children);  // quotes, lists, pull quotes, table rows and cells
            if (b.kind == model::BlockKind::Image) {
                b.figure.credit = text(b.figure.credit);
                b.figure.alt = text(b.figure.alt);
            }
        }
    }
};

}  // namespace

std::shared_ptr<Dictionary> Dictionary::load(const std::string& path) {
    auto d = std::make_shared<Dictionary>();
    d->path_ = path;
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        failAt(path, {}, "cannot read the edition dictionary");
    } catch (const YAML::Exception& e) {
        failAt(path, {e.mark.line + 1, e.mark.column + 1}, "malformed YAML: " + e.msg);
    }
    auto at = [](const YAML::Node& n) { return SourcePos{n.Mark().line + 1, n.Mark().column + 1}; };
    if (!root.IsMap()) failAt(path, {1, 1}, "an edition dictionary is a mapping with 'phrases' (and 'version')");
    for (const auto& kv : root) {
        const std::string key = kv.first.as<std::string>("");
        if (key == "version") continue;
        if (key != "phrases") failAt(path, at(kv.first), "unknown key '" + key + "' (an edition dictionary has 'phrases' and 'version')");
        if (!kv.second.IsMap()) failAt(path, at(kv.second), "'phrases' maps each Simplified phrase to its forms");
        for (const auto& p : kv.second) {
            Entry e;
            e.pos = at(p.first);
            e.phrase = p.first.as<std::string>("");
            size_t chars = 0;
            for (size_t i = 0; i < e.phrase.size(); ++chars) decodeUtf8(e.phrase, i);
            if (!hasHan(e.phrase) || chars < 2)
                failAt(path, e.pos, "'" + e.phrase + "': a phrase of two Chinese characters or more (single characters are OpenCC's, read in context)");
            if (!p.second.IsMap()) failAt(path, at(p.second), "'" + e.phrase + "' maps targets (zh-Hant-TW, ...) to forms");
            for (const auto& f : p.second) {
                const std::string target = f.first.as<std::string>("");
                const std::optional<Target> t = parseTarget(target);
                if (!t) failAt(path, at(f.first), "unknown edition '" + target + "': use zh-Hans, zh-Hant, zh-Hant-TW or zh-Hant-HK");
                if (!f.second.IsScalar()) failAt(path, at(f.second), "the form of '" + e.phrase + "' for " + target + " is text");
                e.form[static_cast<size_t>(*t)] = f.second.as<std::string>();
            }
            d->entries_.push_back(std::move(e));
        }
    }
    for (size_t i = 0; i < d->entries_.size(); ++i) {
        size_t k = 0;
        d->byFirst_[decodeUtf8(d->entries_[i].phrase, k)].push_back(i);
    }
    for (auto& [c, list] : d->byFirst_)
        std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) {
            return d->entries_[a].phrase.size() > d->entries_[b].phrase.size();
        });
    d->used_ = std::make_unique<std::atomic<int>[]>(d->entries_.size());
    return d;
}

std::string Dictionary::protect(std::string_view text, Target t, std::vector<std::string>& forms) const {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        size_t next = i;
        const char32_t c = decodeUtf8(text, next);
        const auto it = byFirst_.find(c);
        bool matched = false;
        if (it != byFirst_.end())
            for (size_t k : it->second) {
                const Entry& e = entries_[k];
                if (!e.form[static_cast<size_t>(t)] || text.substr(i, e.phrase.size()) != e.phrase) continue;
                appendUtf8(out, kPlaceholder + static_cast<char32_t>(forms.size()));
                forms.push_back(*e.form[static_cast<size_t>(t)]);
                used_[k].fetch_add(1, std::memory_order_relaxed);
                i += e.phrase.size();
                matched = true;
                break;
            }
        if (!matched) {
            out.append(text.substr(i, next - i));
            i = next;
        }
    }
    return out;
}

std::vector<std::pair<std::string, SourcePos>> Dictionary::unused() const {
    std::vector<std::pair<std::string, SourcePos>> out;
    for (size_t k = 0; k < entries_.size(); ++k)
        if (used_[k].load(std::memory_order_relaxed) == 0) out.emplace_back(entries_[k].phrase, entries_[k].pos);
    return out;
}

std::optional<Target> parseTarget(std::string_view tag) {
    std::string t;
    for (char c : tag) t += static_cast<char>(c == '_' ? '-' : std::tolower(static_cast<unsigned char>(c)));
    if (t == "zh-hans" || t == "zh-cn") return Target::Hans;
    if (t == "zh-hant") return Target::Hant;
    if (t == "zh-hant-tw" || t == "zh-tw") return Target::HantTW;
    if (t == "zh-hant-hk" || t == "zh-hk") return Target::HantHK;
    return std::nullopt;
}

std::string targetName(Target t) {
    switch (t) {
        case Target::Hans: return "zh-Hans";
        case Target::Hant: return "zh-Hant";
        case Target::HantTW: return "zh-Hant-TW";
        case Target::HantHK: return "zh-Hant-HK";
    }
    return "?";
}

Lang targetLang(Target t) {
    switch (t) {
        case Target::Hans: return Lang(Lang::Script::Hans);
        case Target::Hant:
        case Target::HantTW: return Lang(Lang::Script::Hant);
        case Target::HantHK: return Lang(Lang::Script::Hant, Lang::Region::HK);
    }
    return Lang(Lang::Script::Hant);
}

std::vector<std::string> configurations(const Lang& from, const Options& o) {
    const bool hk = from.region() == Lang::Region::HK;
    if (!from.chinese()) return {};
    if (from.script() == Lang::Script::Hans) {
        switch (o.target) {
            case Target::Hans: return {};
            case Target::Hant: return {"s2t.json"};
            case Target::HantTW: return {o.phrases ? "s2twp.json" : "s2tw.json"};
            case Target::HantHK: return {"s2hk.json"};
        }
    }
    // From Traditional (Taiwan's forms, or Hong Kong's).
    switch (o.target) {
        case Target::Hans: return {hk ? "hk2s.json" : (o.phrases ? "tw2sp.json" : "tw2s.json")};
        case Target::Hant: return hk ? std::vector<std::string>{"hk2t.json"} : std::vector<std::string>{};
        case Target::HantTW: return hk ? std::vector<std::string>{"hk2t.json", "t2tw.json"} : std::vector<std::string>{};
        case Target::HantHK: return hk ? std::vector<std::string>{} : std::vector<std::string>{"t2hk.json"};
    }
    return {};
}

std::string convertText(std::string_view text, const std::vector<std::string>& configs) {
    std::string s(text);
    for (const std::string& config : configs) {
        Converter& c = converter(config);
        char* out = opencc_convert_utf8(c.handle, s.data(), s.size());
        if (!out) failAt("OpenCC", {}, std::string("conversion failed: ") + (opencc_error() ? opencc_error() : "unknown error"));
        s = out;
        opencc_convert_utf8_free(out);
    }
    return s;
}

void convert(model::Document& doc, const Options& options) {
    if (!doc.meta.lang.chinese()) return;  // an English article is the same in every edition
    Pass pass{options, configurations(doc.meta.lang, options)};
    const Lang to = targetLang(options.target);
    auto kept = [&](const char* field) {
        return std::find(doc.meta.keep.begin(), doc.meta.keep.end(), field) != doc.meta.keep.end();
    };
    model::Metadata& m = doc.meta;
    if (!kept("title")) m.title = pass.text(m.title);
    if (!kept("subtitle")) m.subtitle = pass.text(m.subtitle);
    if (!kept("section")) m.section = pass.text(m.section);
    if (!kept("summary")) m.summary = pass.text(m.summary);
    if (!kept("bio")) m.bio = pass.text(m.bio);
    if (!kept("keywords"))
        for (std::string& k : m.keywords) k = pass.text(k);
    if (!kept("authors"))
        for (model::Author& a : m.authors) {
            a.name = pass.text(a.name);
            a.position = pass.text(a.position);
            a.organization = pass.text(a.organization);
        }
    pass.blocks(doc.blocks);
    for (model::Footnote& f : doc.footnotes) pass.blocks(f.blocks);
    // The language changes with the text: every run the article's language gave (setLanguage
    // keeps the runs the author marked, a Traditional quotation stays Traditional).
    auto relang = [&](auto& self, std::vector<model::Block>& bs) -> void {
        for (model::Block& b : bs) {
            for (auto& r : b.runs)
                if (!(r.flags & model::kOwnLanguage)) r.lang = to;
            self(self, b.children);
        }
    };
    relang(relang, doc.blocks);
    for (model::Footnote& f : doc.footnotes) relang(relang, f.blocks);
    m.lang = to;
}

void convertVolume(parse::Volume& vol, const Options& options) {
    const Lang from = vol.lang.chinese() ? vol.lang : Lang(Lang::Script::Hans);
    Pass pass{options, configurations(from, options)};
    for (std::string* f : {&vol.title, &vol.subtitle, &vol.issue, &vol.publisher}) *f = pass.text(*f);
    for (parse::VolumeSection& s : vol.sections) s.title = pass.text(s.title);
    if (vol.lang.chinese()) vol.lang = targetLang(options.target);
}

}  // namespace inkstone::edition
