// OpenCC's conversion, with OpenCC's configurations and dictionaries and its algorithm, matched
// through hash tables instead of OpenCC's marisa tries (issue 15's time goal).
//
// OpenCC converts about 4 MB/s with s2twp: every character costs five marisa prefix searches,
// each allocating its agent, which made an edition add 21% to a 60-article Chinese volume. This
// reads the configuration with OpenCC (`opencc::Config`), takes each dictionary's lexicon from it,
// and indexes the keys by their text and their first character's key lengths, so a prefix match is
// one or two hash look-ups. The algorithm is OpenCC 1.1's, step for step: maximum-match
// segmentation with the segmentation dictionary (characters no key starts with join one segment),
// then each conversion of the chain over each segment, the longest key at each position replaced by
// its first value, a group of dictionaries taking the first dictionary that matches. A unit test
// holds the result equal to OpenCC's own `Converter::Convert` for every configuration inkstone uses
// over the samples, the word list and the corpus.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opencc {
class Converter;
}

namespace inkstone::edition {

class Converter {
public:
    // The converter for an OpenCC configuration file name (`s2twp.json`), opened once for the
    // process and shared by every thread (it is read-only once built). UserError when OpenCC or
    // its data are missing.
    static const Converter& get(const std::string& config);

    // The converter made afresh: read from the cache folder `cache` when a file there was made
    // from the same configuration and dictionary files (their sizes and times), else made from
    // OpenCC and written there for the next run (best effort, atomically). Empty `cache`: none.
    // `fromCache` says which. Opening s2twp from OpenCC takes about 25 ms, from the cache 3 ms.
    static std::unique_ptr<Converter> open(const std::string& config, const std::string& cache, bool* fromCache = nullptr);
    // INKSTONE_CACHE_DIR (set but empty: no cache), else $XDG_CACHE_HOME/inkstone, else
    // ~/.cache/inkstone.
    static std::string cacheDir();

    std::string convert(std::string_view text) const;
    // Each segment of `text` and what the chain made of it.
    std::vector<std::pair<std::string, std::string>> segments(std::string_view text) const;
    // Whether `s` is a word of the segmentation dictionary (a phrase OpenCC's tables know).
    bool known(std::string_view s) const;
    // Whether `ch` has several values in the first conversion's dictionary (发: 發 髮).
    bool oneToMany(std::string_view ch) const;
    // OpenCC's own converter for the configuration (for tests comparing the two).
    const opencc::Converter& opencc() const;

    struct Table;  // one dictionary's index
    Converter();
    ~Converter();
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace inkstone::edition
