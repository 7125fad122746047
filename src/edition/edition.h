// Editions (issue 15): the Traditional edition of a Simplified article and back, as a pass over
// the document model before layout. The text of Chinese runs is converted with OpenCC (phrase
// tables, regional vocabulary where the target asks for it) and the runs' language changes with
// it, so faces, punctuation positions, line breaking and date formats follow the edition. English
// runs, code, link targets, spans the author marked `{.keep}` and the front matter keys listed in
// `keep:` are never converted. Runs keep their source positions (diagnostics point at the source).
#pragma once

#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/lang.h"
#include "model/document.h"
#include "parse/volume.h"
#include "style/style.h"

namespace inkstone::edition {

// What an edition is: its language and the conventions OpenCC's configurations encode.
enum class Target : uint8_t {
    Hans,    // zh-Hans: Simplified (from Traditional: Taiwan phrases turned back)
    Hant,    // zh-Hant: Traditional characters, OpenCC's standard forms, no regional vocabulary
    HantTW,  // zh-Hant-TW: Taiwan's character forms and vocabulary (软件 -> 軟體)
    HantHK,  // zh-Hant-HK: Hong Kong's character forms
};

// zh-Hans, zh-Hant, zh-Hant-TW (or zh-TW), zh-Hant-HK (or zh-HK), in any case; nullopt otherwise.
std::optional<Target> parseTarget(std::string_view tag);
std::string targetName(Target t);
// The language text of the edition is set in.
Lang targetLang(Target t);

// Phrase overrides that win over OpenCC's tables (a YAML file: `phrases:` mapping each Simplified
// phrase to its form per target, `信息安全: {zh-Hant-TW: 資訊安全}`). Matched longest first at each
// position of a run's text; a matched phrase is set as the dictionary says and OpenCC leaves it be.
// Counts its uses (from any thread), so that entries that never matched can be reported.
class Dictionary {
public:
    // UserError (file:line:col) for a malformed file, an unknown target, a value that is not text,
    // a phrase without Chinese or of one character (a character out of context is OpenCC's job).
    static std::shared_ptr<Dictionary> load(const std::string& path);
    // The same, read once for the process (a style's dictionaries, named again for every article).
    static std::shared_ptr<const Dictionary> shared(const std::string& path);
    const std::string& path() const { return path_; }
    // The longest entry with a form for `t` that `text` has at byte `at`: its index, or -1.
    int longestAt(std::string_view text, size_t at, Target t) const;
    const std::string& phrase(int k) const { return entries_[static_cast<size_t>(k)].phrase; }
    const std::string& form(int k, Target t) const { return *entries_[static_cast<size_t>(k)].form[static_cast<size_t>(t)]; }
    void use(int k) const { used_[static_cast<size_t>(k)].fetch_add(1, std::memory_order_relaxed); }
    // Entries with a form for `t` that no text has matched yet, with their positions.
    std::vector<std::pair<std::string, SourcePos>> unused(Target t) const;
    size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string phrase;
        std::optional<std::string> form[4];  // by Target
        SourcePos pos;
    };
    std::string path_;
    std::vector<Entry> entries_;
    std::map<char32_t, std::vector<size_t>> byFirst_;  // entries by first character, longest first
    mutable std::unique_ptr<std::atomic<int>[]> used_;
};

// The text with every phrase of the dictionaries that has a form for `t` replaced by a
// placeholder OpenCC leaves alone (a private-use character); `forms` gets each placeholder's form,
// in order, `phrases` (when given) its phrase. At each position the longest phrase of any
// dictionary wins; of the same phrase, the first dictionary's form (they come highest first).
std::string protect(const std::vector<std::shared_ptr<const Dictionary>>& dictionaries, std::string_view text, Target t,
                    std::vector<std::string>& forms, std::vector<std::string>* phrases = nullptr);

struct Options {
    Target target = Target::HantTW;
    // Regional phrases (s2twp: 软件 -> 軟體); off: characters and their variants only (s2tw).
    bool phrases = true;
    // Quotation marks (the style's `edition: {quotes}`): Auto sets “” ‘’ as 「」 『』 in Taiwan and
    // Hong Kong editions and leaves a Simplified one's as written.
    style::EditionQuotes quotes = style::EditionQuotes::Auto;
    // Phrase overrides, highest precedence first (the command line's, the volume's, the style's
    // last one, ...); none: OpenCC's tables only.
    std::vector<std::shared_ptr<const Dictionary>> dictionaries;
};

// What an editor reviews in an edition (issue 15, point 3): every phrase OpenCC's phrase tables
// or the dictionary decided, and every character with several forms (发: 發 髮), with the choice
// made and the text around it.
struct ReviewItem {
    enum class Kind : uint8_t { Dictionary, Phrase, Character } kind = Kind::Character;
    std::string source, result, context;  // context: the source text around it, the item in 【】
    int line = 0;                         // in the article's file (0: the front matter)
};
struct Review {
    std::string file, title;  // the article, its title as converted
    std::vector<ReviewItem> items;
};
const char* kindName(ReviewItem::Kind k);
// The review of a run's articles as JSON or, when `path` ends in .html, an HTML page grouped by
// article (every value escaped).
std::string reviewReport(const std::vector<Review>& reviews, Target target, const std::string& path);

// The OpenCC configurations (in order) that take text in `from` to `target`; empty when the text
// is in the target's script and region already.
std::vector<std::string> configurations(const Lang& from, const Options& options);

// Opens, on a thread of its own, the converter the edition needs for Simplified text (Taiwan's
// for a Simplified edition), so that reading its dictionaries (about 25 ms) overlaps with what the
// caller does before converting. The future ends when it is open (or failed: the error is said
// again, where the text is converted). Nothing for an edition without phrases to convert.
std::shared_future<void> preload(const Options& options);

// Converts `doc` to the edition in place. English articles are left as they are; an article
// already in the edition's language too (nothing to convert). UserError when OpenCC or its data
// are missing.
void convert(model::Document& doc, const Options& options, Review* review = nullptr);

// Converts a volume's own fields (title, subtitle, issue, publisher, section titles) to the
// edition; its language changes when it is Chinese. Chinese in an English volume's fields is
// taken as Simplified, as unmarked Chinese is set.
void convertVolume(parse::Volume& vol, const Options& options);

// The quotation marks of `s` as an edition for `t` sets them under the style's `quotes`
// (clreq 3.1.1: Taiwan and Hong Kong use corner brackets, the mainland mostly curly quotes).
std::string quotes(std::string s, Target t, style::EditionQuotes q);

// The text converted by the configurations (OpenCC's tables alone).
std::string convertText(std::string_view text, const std::vector<std::string>& configs);
// Text in `from` as the edition sets it: the dictionaries' phrases, OpenCC's tables, the quotation
// marks (what convert() does to each run).
std::string convertText(std::string_view text, const Lang& from, const Options& options);

}  // namespace inkstone::edition
