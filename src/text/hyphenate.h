// English hyphenation with libhyphen and Debian's TeX-derived patterns (hyphen-en-us).
// In: one word. Out: the character offsets inside it where a line may break with a hyphen.
#pragma once

#include <memory>
#include <string>
#include <vector>

struct _HyphenDict;

namespace inkstone::text {

struct HyphenationRules {
    int minWord = 6;   // shorter words are never hyphenated
    int minLeft = 2;   // characters before the first hyphen
    int minRight = 3;  // characters after the last hyphen
};

class Hyphenator {
public:
    // Loads `dictionary` (default /usr/share/hyphen/hyph_en_US.dic). Throws UserError if missing.
    explicit Hyphenator(const std::string& dictionary = {});
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    // Break offsets (in characters, 0 < k < word length) for a word of ASCII lowercase letters;
    // words with capitals, digits or other characters get none (names, acronyms, codes).
    std::vector<int> points(const std::string& word, const HyphenationRules& rules) const;

private:
    _HyphenDict* dict_ = nullptr;
};

}  // namespace inkstone::text
