#include "render/pdf_merge.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace inkstone::render {

namespace {

bool isWhite(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool isDelim(char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
           c == '%';
}
bool isInteger(std::string_view t) {
    if (t.empty()) return false;
    size_t i = (t[0] == '+' || t[0] == '-') ? 1 : 0;
    if (i == t.size()) return false;
    for (; i < t.size(); ++i)
        if (t[i] < '0' || t[i] > '9') return false;
    return true;
}

// End of the token starting at `i` (i is not white space).
size_t tokenEnd(std::string_view s, size_t i) {
    const char c = s[i];
    if (c == '(') {  // literal string: balanced parentheses, backslash escapes
        int depth = 0;
        for (size_t j = i; j < s.size(); ++j) {
            if (s[j] == '\\') {
                ++j;
            } else if (s[j] == '(') {
                ++depth;
            } else if (s[j] == ')' && --depth == 0) {
                return j + 1;
            }
        }
        throw std::runtime_error("unterminated string");
    }
    if (c == '<') {
        if (i + 1 < s.size() && s[i + 1] == '<') return i + 2;
        size_t j = s.find('>', i);
        if (j == std::string_view::npos) throw std::runtime_error("unterminated hex string");
        return j + 1;
    }
    if (c == '>') return (i + 1 < s.size() && s[i + 1] == '>') ? i + 2 : i + 1;
    if (c == '[' || c == ']' || c == '{' || c == '}' || c == ')') return i + 1;
    if (c == '%') {
        size_t j = i;
        while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
        return j;
    }
    size_t j = i + 1;  // a name (after '/') or a regular token
    while (j < s.size() && !isWhite(s[j]) && !isDelim(s[j])) ++j;
    return j;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The integer after `key` in `dict` (e.g. "/Size 82"), or -1.
long intAfter(std::string_view dict, std::string_view key) {
    size_t i = dict.find(key);
    if (i == std::string_view::npos) return -1;
    i += key.size();
    while (i < dict.size() && isWhite(dict[i])) ++i;
    return std::strtol(std::string(dict.substr(i, 12)).c_str(), nullptr, 10);
}

}  // namespace

std::string renumberReferences(std::string_view s, int offset, const std::map<int, int>& replace) {
    std::string out;
    out.reserve(s.size() + 16);
    // The last two tokens, when integers: their value and where they start in `out`.
    struct Num {
        long value;
        size_t at, len;
    };
    Num prev[2] = {{0, 0, 0}, {0, 0, 0}};
    int numbers = 0;  // how many of prev[] are integers directly before this token
    size_t i = 0;
    while (i < s.size()) {
        if (isWhite(s[i])) {
            out += s[i++];
            continue;
        }
        const size_t e = tokenEnd(s, i);
        const std::string_view tok = s.substr(i, e - i);
        if (tok == "stream") {  // the rest is stream data and its end: copied as is
            out.append(s.substr(i));
            return out;
        }
        if (tok == "R" && numbers >= 2) {
            const Num& obj = prev[0];
            auto it = replace.find(static_cast<int>(obj.value));
            const long renumbered = it != replace.end() ? it->second : obj.value + offset;
            out.replace(obj.at, obj.len, std::to_string(renumbered));
            out += tok;
            numbers = 0;
        } else if (isInteger(tok)) {
            prev[0] = prev[1];
            prev[1] = Num{std::strtol(std::string(tok).c_str(), nullptr, 10), out.size(), tok.size()};
            numbers = std::min(numbers + 1, 2);
            out += tok;
        } else {
            numbers = 0;
            out += tok;
        }
        i = e;
    }
    return out;
}

MergedPart readPart(const std::string& file, int firstNumber, int parentPages) {
    const std::string s = readFile(file);
    const size_t sx = s.rfind("startxref");
    if (sx == std::string::npos) throw std::runtime_error("no startxref");
    const size_t xref = static_cast<size_t>(std::strtol(s.c_str() + sx + 9, nullptr, 10));
    if (xref >= s.size() || s.compare(xref, 4, "xref") != 0) throw std::runtime_error("no classic xref table");
    // Cross-reference subsections: "first count" then count 20-byte entries.
    std::map<int, size_t> offsets;  // object -> offset, objects in use
    size_t p = xref + 4;
    while (true) {
        while (p < s.size() && isWhite(s[p])) ++p;
        if (p >= s.size() || s.compare(p, 7, "trailer") == 0) break;
        char* end = nullptr;
        const long first = std::strtol(s.c_str() + p, &end, 10);
        const long count = std::strtol(end, &end, 10);
        p = static_cast<size_t>(end - s.c_str());
        while (p < s.size() && isWhite(s[p])) ++p;
        for (long k = 0; k < count; ++k, p += 20) {
            if (p + 18 > s.size()) throw std::runtime_error("short xref");
            if (s[p + 17] == 'n') offsets[static_cast<int>(first + k)] = static_cast<size_t>(std::strtoul(s.c_str() + p, nullptr, 10));
        }
    }
    const std::string_view trailer(s.data() + p, sx - p);
    const long size = intAfter(trailer, "/Size"), rootNum = intAfter(trailer, "/Root"), infoNum = intAfter(trailer, "/Info");
    if (size <= 0 || rootNum <= 0) throw std::runtime_error("no trailer");

    // Each object's content: from after "N G obj" to its last "endobj".
    std::vector<std::pair<size_t, int>> byOffset;
    for (auto [num, off] : offsets) byOffset.emplace_back(off, num);
    std::sort(byOffset.begin(), byOffset.end());
    std::map<int, std::string_view> content;
    for (size_t k = 0; k < byOffset.size(); ++k) {
        const size_t from = byOffset[k].first, to = k + 1 < byOffset.size() ? byOffset[k + 1].first : xref;
        if (from >= to || to > s.size()) throw std::runtime_error("bad object offsets");
        std::string_view span(s.data() + from, to - from);
        const size_t head = span.find("obj");
        const size_t tail = span.rfind("endobj");
        if (head == std::string_view::npos || tail == std::string_view::npos || tail < head + 3)
            throw std::runtime_error("bad object");
        content[byOffset[k].second] = span.substr(head + 3, tail - head - 3);
    }
    auto objectOf = [&](long num) -> std::string_view {
        auto it = content.find(static_cast<int>(num));
        if (it == content.end()) throw std::runtime_error("missing object " + std::to_string(num));
        return it->second;
    };

    const std::string_view catalog = objectOf(rootNum);
    const long pagesNum = intAfter(catalog, "/Pages");
    const long namesNum = intAfter(catalog, "/Names");
    const long destsNum = namesNum > 0 ? intAfter(objectOf(namesNum), "/Dests") : -1;

    MergedPart part;
    const int offset = firstNumber - 1;
    std::map<int, int> replace{{static_cast<int>(pagesNum), parentPages}};
    // Pages: the root's /Kids (Cairo writes one flat node).
    {
        const std::string_view root = objectOf(pagesNum);
        const size_t k = root.find("/Kids");
        const size_t open = root.find('[', k), close = root.find(']', open);
        if (k == std::string_view::npos || open == std::string_view::npos || close == std::string_view::npos)
            throw std::runtime_error("no /Kids");
        std::istringstream kids{std::string(root.substr(open + 1, close - open - 1))};
        std::string a, b, r;
        while (kids >> a >> b >> r) {
            if (r != "R") throw std::runtime_error("bad /Kids");
            part.pages.push_back(std::stoi(a) + offset);
        }
    }
    // Named destinations: a flat name tree, (name) [page /XYZ x y z] pairs.
    if (destsNum > 0) {
        const std::string_view tree = objectOf(destsNum);
        if (tree.find("/Kids") != std::string_view::npos) throw std::runtime_error("nested destination tree");
        const size_t n = tree.find("/Names");
        size_t i = tree.find('[', n);
        if (n == std::string_view::npos || i == std::string_view::npos) throw std::runtime_error("no /Names");
        ++i;
        while (true) {
            while (i < tree.size() && isWhite(tree[i])) ++i;
            if (i >= tree.size() || tree[i] == ']') break;
            const size_t nameEnd = tokenEnd(tree, i);
            std::string name(tree.substr(i, nameEnd - i));
            i = nameEnd;
            while (i < tree.size() && isWhite(tree[i])) ++i;
            if (i >= tree.size() || tree[i] != '[') throw std::runtime_error("bad destination");
            const size_t close = tree.find(']', i);
            if (close == std::string_view::npos) throw std::runtime_error("bad destination");
            part.dests.emplace_back(std::move(name), renumberReferences(tree.substr(i, close + 1 - i), offset, replace));
            i = close + 1;
        }
    }
    for (const auto& [num, body] : content) {
        if (num == rootNum || num == infoNum || num == pagesNum || num == namesNum || num == destsNum) continue;
        part.objects.emplace_back(num + offset, renumberReferences(body, offset, replace));
    }
    part.nextNumber = static_cast<int>(size) + offset;
    return part;
}

}  // namespace inkstone::render
