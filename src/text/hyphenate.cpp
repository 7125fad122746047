#include "text/hyphenate.h"

#include <hyphen.h>

#include <cstdlib>

#include "base/diagnostics.h"

namespace inkstone::text {

Hyphenator::Hyphenator(const std::string& dictionary) {
    std::string path = dictionary.empty() ? "/usr/share/hyphen/hyph_en_US.dic" : dictionary;
    dict_ = hnj_hyphen_load(path.c_str());
    if (!dict_) failAt(path, {}, "cannot load the hyphenation patterns (Debian package hyphen-en-us)");
}

Hyphenator::~Hyphenator() {
    if (dict_) hnj_hyphen_free(dict_);
}

std::vector<int> Hyphenator::points(const std::string& word, const HyphenationRules& rules) const {
    std::vector<int> out;
    const int n = static_cast<int>(word.size());
    if (n < rules.minWord) return out;
    for (char c : word)
        if (c < 'a' || c > 'z') return out;
    std::vector<char> hyphens(word.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    if (hnj_hyphen_hyphenate2(dict_, word.c_str(), n, hyphens.data(), nullptr, &rep, &pos, &cut) == 0) {
        // An odd digit at i: a hyphen may follow character i (the break is before i + 1).
        for (int i = 0; i + 1 < n; ++i) {
            const int k = i + 1;
            if ((hyphens[i] - '0') % 2 == 1 && k >= rules.minLeft && n - k >= rules.minRight) out.push_back(k);
        }
    }
    if (rep) {
        for (int i = 0; i < n; ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return out;
}

}  // namespace inkstone::text
