#include "edition/edition.h"

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "base/timing.h"
#include "base/utf8.h"
#include "edition/converter.h"
#include "parse/article.h"

namespace inkstone::edition {

namespace {

// `text` through one configuration: each segment (a phrase OpenCC's tables know, or a character)
// and what it became.
std::vector<std::pair<std::string, std::string>> segments(const std::string& config, const std::string& text) {
    return Converter::get(config).segments(text);
}

// Whether `ch` has several forms in the configuration's first table (发: 發 髮).
bool oneToMany(const std::string& config, const std::string& ch) { return Converter::get(config).oneToMany(ch); }

bool hasHan(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const char32_t c = decodeUtf8(s, i);
        if (isHan(c)) return true;
    }
    return false;
}



constexpr char32_t kPlaceholder = 0xF0000;  // supplementary private use: OpenCC maps none of it

size_t charCount(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++n) decodeUtf8(s, i);
    return n;
}

bool hasPlaceholder(std::string_view s) {
    for (size_t i = 0; i < s.size();)
        if (decodeUtf8(s, i) >= kPlaceholder) return true;
    return false;
}

char32_t decodeUtf8Char(const std::string& s) {
    size_t i = 0;
    return s.empty() ? 0 : decodeUtf8(s, i);
}

// The characters of `s`, each as a string.
std::vector<std::string> characters(std::string_view s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const size_t at = i;
        decodeUtf8(s, i);
        out.emplace_back(s.substr(at, i - at));
    }
    return out;
}

struct Pass {
    const Options& options;
    std::vector<std::string> configs;
    Review* review = nullptr;
    mutable int line = 0;  // of the text being converted, for the review

    // What the review lists of `s` (before the dictionary's placeholders are undone): the
    // dictionary's phrases, the phrases OpenCC's tables decided otherwise than character by
    // character, and the characters with several forms.
    void note(const std::string& s, const std::string& protectedText, const std::vector<std::string>& forms,
              const std::vector<std::string>& phrases) const {
        const std::string config = configs.empty() ? std::string() : configs.front();
        const std::vector<std::string> src = characters(s);
        size_t at = 0;  // character index into `s`
        auto context = [&](size_t from, size_t n) {
            std::string c;
            for (size_t k = from >= 8 ? from - 8 : 0; k < std::min(src.size(), from + n + 8); ++k) {
                if (k == from) c += "【";
                c += src[k];
                if (k + 1 == from + n) c += "】";
            }
            return c;
        };
        auto add = [&](ReviewItem::Kind kind, std::string from, std::string to, size_t index, size_t n) {
            review->items.push_back({kind, std::move(from), std::move(to), context(index, n), line});
        };
        if (config.empty()) return;
        // OpenCC's segments, a dictionary's placeholder made a segment of its own: characters no
        // table knows join one segment, placeholders among them (no key holds one, so each part
        // converts alone as it did in the segment).
        std::vector<std::pair<std::string, std::string>> parts;
        for (auto& [from, to] : segments(config, protectedText)) {
            if (!hasPlaceholder(from)) {
                parts.emplace_back(std::move(from), std::move(to));
                continue;
            }
            std::string piece;
            for (const std::string& ch : characters(from)) {
                if (decodeUtf8Char(ch) < kPlaceholder) {
                    piece += ch;
                    continue;
                }
                if (!piece.empty()) parts.emplace_back(piece, convertText(piece, {config}));
                piece.clear();
                parts.emplace_back(ch, ch);
            }
            if (!piece.empty()) parts.emplace_back(piece, convertText(piece, {config}));
        }
        for (const auto& [from, to] : parts) {
            const std::vector<std::string> f = characters(from);
            if (f.size() == 1 && decodeUtf8Char(f[0]) >= kPlaceholder) {  // a dictionary phrase
                const size_t k = decodeUtf8Char(f[0]) - kPlaceholder;
                if (k < phrases.size()) {
                    add(ReviewItem::Kind::Dictionary, phrases[k], forms[k], at, charCount(phrases[k]));
                    at += charCount(phrases[k]);
                }
                continue;
            }
            const std::vector<std::string> t = characters(to);
            if (f.size() > 1) {
                // Where the phrase tables decided otherwise than character by character: the
                // part between what the two agree on at either end (OpenCC's segments join
                // characters no table knows, so a segment can be long).
                std::vector<std::string> byChar;
                for (const std::string& ch : f) byChar.push_back(convertText(ch, {config}));
                size_t head = 0, tail = 0;
                while (head < f.size() && head < t.size() && byChar[head] == t[head]) ++head;
                while (tail < f.size() - head && tail < t.size() - head && byChar[f.size() - 1 - tail] == t[t.size() - 1 - tail]) ++tail;
                if (head < f.size() - tail || head < t.size() - tail) {
                    if (Converter::get(config).known(from)) head = tail = 0;  // a word of the tables: all of it (新西兰 紐西蘭)
                    std::string a, b;
                    for (size_t k = head; k < f.size() - tail; ++k) a += f[k];
                    for (size_t k = head; k < t.size() - tail; ++k) b += t[k];
                    add(ReviewItem::Kind::Phrase, a, b, at + head, f.size() - tail - head);
                }
            }
            for (size_t k = 0; k < f.size(); ++k)
                if (oneToMany(config, f[k])) add(ReviewItem::Kind::Character, f[k], t.size() == f.size() ? t[k] : to, at + k, 1);
            at += f.size();
        }
    }

    std::string text(const std::string& s) const {
        if (!hasHan(s)) return s;  // English, numbers: OpenCC would leave them; not asked at all
        std::vector<std::string> forms, phrases;
        const std::string protectedText = options.dictionaries.empty()
                                              ? s
                                              : protect(options.dictionaries, s, options.target, forms, review ? &phrases : nullptr);
        if (review) note(s, protectedText, forms, phrases);
        std::string out = convertText(protectedText, configs);
        out = quotes(std::move(out), options.target, options.quotes);
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
            line = r.pos.line;
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
    StageTimer timer("edition: a dictionary read");
    auto d = std::make_shared<Dictionary>();
    d->path_ = path;
    const std::string text = parse::readInput(path);  // a folder or an unreadable file: an error naming it
    YAML::Node root;
    try {
        root = YAML::Load(text);
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

std::shared_ptr<const Dictionary> Dictionary::shared(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const Dictionary>> read;
    std::lock_guard<std::mutex> lock(mutex);
    auto& d = read[path];
    if (!d) {
        try {
            d = load(path);
        } catch (...) {
            read.erase(path);
            throw;
        }
    }
    return d;
}

int Dictionary::longestAt(std::string_view text, size_t at, Target t) const {
    size_t next = at;
    const auto it = byFirst_.find(decodeUtf8(text, next));
    if (it == byFirst_.end()) return -1;
    for (size_t k : it->second) {  // longest first
        const Entry& e = entries_[k];
        if (e.form[static_cast<size_t>(t)] && text.substr(at, e.phrase.size()) == e.phrase) return static_cast<int>(k);
    }
    return -1;
}

std::string protect(const std::vector<std::shared_ptr<const Dictionary>>& dictionaries, std::string_view text, Target t,
                    std::vector<std::string>& forms, std::vector<std::string>* phrases) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        const Dictionary* best = nullptr;
        int bestEntry = -1;
        for (const auto& d : dictionaries) {
            const int k = d->longestAt(text, i, t);
            if (k >= 0 && (!best || d->phrase(k).size() > best->phrase(bestEntry).size())) {
                best = d.get();
                bestEntry = k;
            }
        }
        if (best) {
            appendUtf8(out, kPlaceholder + static_cast<char32_t>(forms.size()));
            forms.push_back(best->form(bestEntry, t));
            if (phrases) phrases->push_back(best->phrase(bestEntry));
            best->use(bestEntry);
            i += best->phrase(bestEntry).size();
        } else {
            size_t next = i;
            decodeUtf8(text, next);
            out.append(text.substr(i, next - i));
            i = next;
        }
    }
    return out;
}

std::vector<std::pair<std::string, SourcePos>> Dictionary::unused(Target t) const {
    std::vector<std::pair<std::string, SourcePos>> out;
    for (size_t k = 0; k < entries_.size(); ++k)
        if (entries_[k].form[static_cast<size_t>(t)] && used_[k].load(std::memory_order_relaxed) == 0)
            out.emplace_back(entries_[k].phrase, entries_[k].pos);
    return out;
}

std::string quotes(std::string s, Target t, style::EditionQuotes q) {
    using style::EditionQuotes;
    const bool corner = q == EditionQuotes::Corner || (q == EditionQuotes::Auto && (t == Target::HantTW || t == Target::HantHK));
    const bool curly = q == EditionQuotes::Curly;
    if (curly) {
        for (auto [from, to] : {std::pair{"「", "“"}, {"」", "”"}, {"『", "‘"}, {"』", "’"}}) s = replaceAll(s, from, to);
    } else if (corner) {
        for (auto [from, to] : {std::pair{"“", "「"}, {"”", "」"}, {"‘", "『"}, {"’", "』"}}) s = replaceAll(s, from, to);
    }
    return s;
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

std::shared_future<void> preload(const Options& options) {
    const Lang from = options.target == Target::Hans ? Lang(Lang::Script::Hant) : Lang(Lang::Script::Hans);
    std::vector<std::string> configs = configurations(from, options);
    return std::async(std::launch::async, [configs = std::move(configs)] {
        try {
            for (const std::string& c : configs) Converter::get(c);
        } catch (...) {  // said where the text is converted
        }
    }).share();
}

std::string convertText(std::string_view text, const std::vector<std::string>& configs) {
    std::string s(text);
    for (const std::string& config : configs) s = Converter::get(config).convert(s);
    return s;
}

std::string convertText(std::string_view text, const Lang& from, const Options& options) {
    if (!from.chinese()) return std::string(text);
    const Pass pass{options, configurations(from, options)};
    return pass.text(std::string(text));
}

void convert(model::Document& doc, const Options& options, Review* review) {
    if (review) review->file = doc.path;
    if (!doc.meta.lang.chinese()) {  // an English article is the same in every edition
        if (review) review->title = doc.meta.title;
        return;
    }
    Pass pass{options, configurations(doc.meta.lang, options), review};
    const Lang to = targetLang(options.target);
    auto kept = [&](const char* field) {
        return std::find(doc.meta.keep.begin(), doc.meta.keep.end(), field) != doc.meta.keep.end();
    };
    model::Metadata& m = doc.meta;
    pass.line = m.titlePos.line;
    if (!kept("title")) m.title = pass.text(m.title);
    if (review) review->title = m.title;
    pass.line = 0;
    if (!kept("subtitle")) m.subtitle = pass.text(m.subtitle);
    if (!kept("section")) m.section = pass.text(m.section);
    pass.line = m.summaryPos.line;
    if (!kept("summary")) m.summary = pass.text(m.summary);
    pass.line = m.bioPos.line;
    if (!kept("bio")) m.bio = pass.text(m.bio);
    pass.line = 0;
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

const char* kindName(ReviewItem::Kind k) {
    switch (k) {
        case ReviewItem::Kind::Dictionary: return "dictionary";
        case ReviewItem::Kind::Phrase: return "phrase";
        case ReviewItem::Kind::Character: return "character";
    }
    return "?";
}

std::string reviewReport(const std::vector<Review>& reviews, Target target, const std::string& path) {
    const bool html = path.size() >= 5 && path.compare(path.size() - 5, 5, ".html") == 0;
    if (!html) {
        nlohmann::ordered_json j;
        j["edition"] = targetName(target);
        j["articles"] = nlohmann::json::array();
        for (const Review& r : reviews) {
            nlohmann::ordered_json a;
            a["file"] = r.file;
            a["title"] = r.title;
            a["items"] = nlohmann::json::array();
            for (const ReviewItem& i : r.items)
                a["items"].push_back({{"line", i.line}, {"kind", kindName(i.kind)}, {"source", i.source}, {"result", i.result},
                                      {"context", i.context}});
            j["articles"].push_back(std::move(a));
        }
        return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    auto esc = [](const std::string& s) {
        std::string o;
        for (char c : s) {
            if (c == '&') o += "&amp;";
            else if (c == '<') o += "&lt;";
            else if (c == '>') o += "&gt;";
            else if (c == '"') o += "&quot;";
            else o += c;
        }
        return o;
    };
    // Each article's choices grouped by what was decided (kind, source, result): the editor reads
    // one row per decision with how often it was made, where, and a few of its contexts, the
    // dictionary's first, then the tables' phrases, then the characters, the most frequent first.
    struct Group {
        const ReviewItem* first = nullptr;
        int count = 0;
        std::vector<int> lines;
        std::vector<std::string> contexts;
    };
    auto groups = [](const Review& r) {
        std::map<std::tuple<int, std::string, std::string>, Group> byChoice;
        for (const ReviewItem& i : r.items) {
            Group& g = byChoice[{static_cast<int>(i.kind), i.source, i.result}];
            if (!g.first) g.first = &i;
            ++g.count;
            if (std::find(g.lines.begin(), g.lines.end(), i.line) == g.lines.end())
                g.lines.insert(std::upper_bound(g.lines.begin(), g.lines.end(), i.line), i.line);
            if (g.contexts.size() < 3 && std::find(g.contexts.begin(), g.contexts.end(), i.context) == g.contexts.end())
                g.contexts.push_back(i.context);
        }
        std::vector<Group> out;
        for (auto& [k, g] : byChoice) out.push_back(std::move(g));
        std::stable_sort(out.begin(), out.end(), [](const Group& a, const Group& b) {
            if (a.first->kind != b.first->kind) return a.first->kind < b.first->kind;
            return a.count > b.count;
        });
        return out;
    };
    size_t items = 0, decisions = 0;
    std::vector<std::vector<Group>> grouped;
    for (const Review& r : reviews) {
        grouped.push_back(groups(r));
        items += r.items.size();
        decisions += grouped.back().size();
    }
    const std::string name = targetName(target);
    std::string o = "<!DOCTYPE html>\n<html lang=\"" + name + "\"><head><meta charset=\"utf-8\"><title>Edition review: " + name +
                    "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin-bottom:2em}"
                    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
                    "tr.dictionary{background:#eef}tr.phrase{background:#efe}td.n{text-align:right}.ctx{color:#444}"
                    "p.none{color:#666}</style></head><body>\n<h1>Edition review: " + name + "</h1>\n<p>" +
                    std::to_string(reviews.size()) + " articles, " + std::to_string(items) + " choices, " +
                    std::to_string(decisions) +
                    " distinct: each row is one decision (<b>dictionary</b>: an entry of an edition dictionary; <b>phrase</b>: "
                    "OpenCC's phrase tables chose otherwise than character by character; <b>character</b>: a character with "
                    "several forms), how often it was made, on which lines of the article, and up to three contexts (the "
                    "source around it, the item in 【】). Move a fix into the edition dictionary.</p>\n";
    std::string none;
    for (size_t k = 0; k < reviews.size(); ++k) {
        const Review& r = reviews[k];
        if (r.items.empty()) {
            none += (none.empty() ? "" : ", ") + esc(r.title) + " (" + esc(r.file) + ")";
            continue;
        }
        o += "<h2>" + esc(r.title) + "</h2>\n<p>" + esc(r.file) + ": " + std::to_string(r.items.size()) + " choices, " +
             std::to_string(grouped[k].size()) +
             " distinct</p>\n<table><tr><th>kind</th><th>source</th><th>result</th><th>times</th><th>lines</th><th>contexts</th></tr>\n";
        for (const Group& g : grouped[k]) {
            std::string lines, contexts;
            for (size_t i = 0; i < g.lines.size() && i < 12; ++i)
                lines += (i ? " " : "") + (g.lines[i] ? std::to_string(g.lines[i]) : std::string("front matter"));
            if (g.lines.size() > 12) lines += " …";
            for (const std::string& c : g.contexts) contexts += (contexts.empty() ? "" : "<br>") + esc(c);
            o += std::string("<tr class=\"") + kindName(g.first->kind) + "\"><td>" + kindName(g.first->kind) + "</td><td>" +
                 esc(g.first->source) + "</td><td>" + esc(g.first->result) + "</td><td class=\"n\">" + std::to_string(g.count) +
                 "</td><td>" + lines + "</td><td class=\"ctx\">" + contexts + "</td></tr>\n";
        }
        o += "</table>\n";
    }
    if (!none.empty()) o += "<p class=\"none\">Nothing converted (English, or already in the edition): " + none + "</p>\n";
    return o + "</body></html>\n";
}

void convertVolume(parse::Volume& vol, const Options& options) {
    const Lang from = vol.lang.chinese() ? vol.lang : Lang(Lang::Script::Hans);
    Pass pass{options, configurations(from, options)};
    for (std::string* f : {&vol.title, &vol.subtitle, &vol.issue, &vol.publisher}) *f = pass.text(*f);
    for (parse::VolumeSection& s : vol.sections) s.title = pass.text(s.title);
    if (vol.lang.chinese()) vol.lang = targetLang(options.target);
}

}  // namespace inkstone::edition
