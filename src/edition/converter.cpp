#include "edition/converter.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MaxMatchSegmentation.hpp>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <span>
#include <sstream>
#include <utility>

#include "base/diagnostics.h"
#include "base/utf8.h"

namespace fs = std::filesystem;

namespace inkstone::edition {

namespace {

// The cache file: plain arrays, each as its count and its bytes, aligned to 8 bytes in the file
// (which is mapped into memory and read in place).
void pad(std::string& out) { out.append((8 - out.size() % 8) % 8, '\0'); }
void put(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
template <class T>
void put(std::string& out, std::span<const T> v) {
    put(out, static_cast<uint64_t>(v.size()));
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    pad(out);
}
void put(std::string& out, std::string_view s) { put(out, std::span<const char>(s.data(), s.size())); }

// Reads what `put` wrote, from `in` at `at` (views into `in`; false past its end).
struct Reader {
    std::string_view in;
    size_t at = 0;
    bool take(uint64_t& v) {
        if (in.size() - at < sizeof v) return false;
        std::memcpy(&v, in.data() + at, sizeof v);
        at += sizeof v;
        return true;
    }
    template <class T>
    bool take(std::span<const T>& v) {
        uint64_t n = 0;
        if (!take(n) || n > (in.size() - at) / sizeof(T)) return false;
        v = std::span<const T>(reinterpret_cast<const T*>(in.data() + at), n);
        at += n * sizeof(T);
        at += (8 - at % 8) % 8;
        return at <= in.size();
    }
    bool take(std::string_view& s) {
        std::span<const char> c;
        if (!take(c)) return false;
        s = std::string_view(c.data(), c.size());
        return true;
    }
};

// A read-only mapping of a file, unmapped with the last table that reads it.
struct Mapping {
    void* data = MAP_FAILED;
    size_t size = 0;
    ~Mapping() {
        if (data != MAP_FAILED) ::munmap(data, size);
    }
    std::string_view view() const { return data == MAP_FAILED ? std::string_view() : std::string_view(static_cast<const char*>(data), size); }
};

std::shared_ptr<Mapping> mapFile(const fs::path& file) {
    auto m = std::make_shared<Mapping>();
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        m->size = static_cast<size_t>(st.st_size);
        m->data = ::mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    ::close(fd);
    return m->data == MAP_FAILED ? nullptr : m;
}

}  // namespace

// One OpenCC dictionary as a trie of its keys' characters, the edges in one open-addressing hash
// table (parent node, character) -> child: a prefix match walks the text character by character
// and stops where no key goes on, mostly after two or three steps. Keys and values live in one
// string. The table is a few flat arrays, viewed either in the vectors it was built in or in the
// cache file mapped into memory; every index read from them is checked where it is used, so a
// damaged cache converts wrongly at worst and never reads outside them.
struct Converter::Table {
    struct Entry {
        uint32_t key = 0, keyLength = 0, value = 0, valueLength = 0;  // offsets into `text`
        uint32_t values = 0;                                          // how many values the key has
    };
    std::string_view text;
    std::span<const Entry> entries;
    std::span<const int32_t> entryOf;    // by node (0: the root): the key ending there, or -1
    std::span<const uint64_t> edgeKeys;  // (parent << 21 | character) + 1; 0: an empty slot
    std::span<const uint32_t> edgeChildren;
    // What the views look into: the vectors below, or the mapped file.
    std::string ownText;
    std::vector<Entry> ownEntries;
    std::vector<int32_t> ownEntryOf{-1};
    std::vector<uint64_t> ownEdgeKeys;
    std::vector<uint32_t> ownEdgeChildren;
    std::shared_ptr<Mapping> mapping;

    std::string_view piece(uint32_t at, uint32_t length) const {
        return at <= text.size() && length <= text.size() - at ? text.substr(at, length) : std::string_view();
    }
    std::string_view key(const Entry& e) const { return piece(e.key, e.keyLength); }
    std::string_view value(const Entry& e) const { return piece(e.value, e.valueLength); }

    static uint64_t edge(uint32_t node, char32_t c) { return ((uint64_t{node} << 21) | c) + 1; }
    static size_t slot(uint64_t key, size_t slots) { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 20) & (slots - 1); }

    // The root's children by character for the Basic Multilingual Plane (most of any text), made
    // from the edges: the first step of every match is one read, not a probe of the big table.
    std::vector<uint32_t> root;
    void indexRoot() {
        root.assign(0x10000, 0);
        for (size_t i = 0; i < edgeKeys.size(); ++i) {
            const uint64_t k = edgeKeys[i];
            if (k == 0 || ((k - 1) >> 21) != 0) continue;
            const char32_t c = static_cast<char32_t>((k - 1) & 0x1FFFFF);
            if (c < 0x10000 && edgeChildren[i] < entryOf.size()) root[c] = edgeChildren[i];
        }
    }

    uint32_t child(uint32_t node, char32_t c) const {  // 0: none
        if (node == 0 && c < 0x10000 && !root.empty()) return root[c];
        const uint64_t key = edge(node, c);
        const size_t slots = edgeKeys.size();
        for (size_t i = slot(key, slots), n = 0; n < slots; i = (i + 1) & (slots - 1), ++n) {
            if (edgeKeys[i] == key) return edgeChildren[i] < entryOf.size() ? edgeChildren[i] : 0;
            if (edgeKeys[i] == 0) return 0;
        }
        return 0;
    }
    const Entry* entryAt(uint32_t node) const {
        const int32_t e = entryOf[node];
        return e >= 0 && static_cast<size_t>(e) < entries.size() ? &entries[static_cast<size_t>(e)] : nullptr;
    }

    Table() = default;
    explicit Table(const opencc::DictPtr& dict) {
        const opencc::LexiconPtr lexicon = dict->GetLexicon();
        ownEntries.reserve(lexicon->Length());
        size_t chars = 0;
        for (const auto& e : *lexicon) {
            Entry en;
            const std::string k = e->Key(), v = e->GetDefault();
            en.key = static_cast<uint32_t>(ownText.size());
            en.keyLength = static_cast<uint32_t>(k.size());
            ownText += k;
            en.value = static_cast<uint32_t>(ownText.size());
            en.valueLength = static_cast<uint32_t>(v.size());
            ownText += v;
            en.values = static_cast<uint32_t>(e->NumValues());
            for (unsigned char b : k) chars += (b & 0xC0) != 0x80;
            ownEntries.push_back(en);
        }
        size_t slots = 16;
        while (slots < chars + chars / 2) slots *= 2;  // at most one edge per character of a key: load under 2/3
        ownEdgeKeys.assign(slots, 0);
        ownEdgeChildren.assign(slots, 0);
        for (size_t k = 0; k < ownEntries.size(); ++k) {
            const std::string_view s = std::string_view(ownText).substr(ownEntries[k].key, ownEntries[k].keyLength);
            uint32_t node = 0;
            for (size_t i = 0; i < s.size();) {
                const uint64_t ek = edge(node, decodeUtf8(s, i));
                size_t at = slot(ek, slots);
                while (ownEdgeKeys[at] != 0 && ownEdgeKeys[at] != ek) at = (at + 1) & (slots - 1);
                if (ownEdgeKeys[at] == 0) {
                    ownEdgeKeys[at] = ek;
                    ownEdgeChildren[at] = static_cast<uint32_t>(ownEntryOf.size());
                    ownEntryOf.push_back(-1);
                }
                node = ownEdgeChildren[at];
            }
            if (node != 0) ownEntryOf[node] = static_cast<int32_t>(k);
        }
        text = ownText;
        entries = ownEntries;
        entryOf = ownEntryOf;
        edgeKeys = ownEdgeKeys;
        edgeChildren = ownEdgeChildren;
        indexRoot();
    }

    // The longest key `s` starts with and its length in bytes, or {null, 0}.
    std::pair<const Entry*, size_t> match(std::string_view s) const {
        std::pair<const Entry*, size_t> best{nullptr, 0};
        uint32_t node = 0;
        for (size_t i = 0; i < s.size();) {
            node = child(node, decodeUtf8(s, i));
            if (node == 0) break;
            if (const Entry* e = entryAt(node)) best = {e, i};
        }
        return best;
    }
    // The entry whose key is `s`, or null.
    const Entry* exact(std::string_view s) const {
        uint32_t node = 0;
        for (size_t i = 0; i < s.size() && (i == 0 || node != 0);) node = child(node, decodeUtf8(s, i));
        return node != 0 ? entryAt(node) : nullptr;
    }

    void write(std::string& out) const {
        put(out, text);
        put(out, entries);
        put(out, entryOf);
        put(out, edgeKeys);
        put(out, edgeChildren);
    }
    // False for a file that does not hold a table of the right shape.
    bool read(Reader& in, std::shared_ptr<Mapping> m) {
        mapping = std::move(m);
        if (!in.take(text) || !in.take(entries) || !in.take(entryOf) || !in.take(edgeKeys) || !in.take(edgeChildren)) return false;
        if (entryOf.empty() || edgeKeys.size() < 2 || (edgeKeys.size() & (edgeKeys.size() - 1)) || edgeChildren.size() != edgeKeys.size())
            return false;
        indexRoot();
        return true;
    }
};

namespace {

// A dictionary of a configuration: one table, or a group whose first matching table wins (OpenCC's
// DictGroup::MatchPrefix).
struct Matcher {
    std::vector<const Converter::Table*> tables;
    // The key of the first table with one that `text` starts with (the longest there), with its
    // table and its length in bytes; {null, null, 0} when none.
    struct Match {
        const Converter::Table* table = nullptr;
        const Converter::Table::Entry* entry = nullptr;
        size_t length = 0;
    };
    Match match(std::string_view text) const {
        for (const Converter::Table* t : tables)
            if (const auto [e, n] = t->match(text); e) return {t, e, n};
        return {};
    }
};

void leaves(const opencc::DictPtr& dict, std::vector<opencc::DictPtr>& out) {
    if (auto group = std::dynamic_pointer_cast<opencc::DictGroup>(dict)) {
        for (const opencc::DictPtr& d : group->GetDicts()) leaves(d, out);
    } else {
        out.push_back(dict);
    }
}

constexpr char kMagic[16] = "inkstone-opencc";
constexpr uint64_t kFormat = 1;

// Where OpenCC's data are, for the cache's fingerprint (OpenCC itself looks there too).
std::string dataDir() { return INKSTONE_OPENCC_DATA; }

// What the converter of `config` is made from: the configuration's text and the size and time of
// every dictionary file it names. Empty when the configuration is not in OpenCC's data folder.
std::string fingerprint(const std::string& config) {
    const fs::path file = fs::path(dataDir()) / config;
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::stringstream ss;
    ss << in.rdbuf();
    std::string print = ss.str();
    try {
        std::vector<std::string> files;
        auto walk = [&](auto& self, const nlohmann::json& j) -> void {
            if (j.is_object()) {
                for (auto it = j.begin(); it != j.end(); ++it) {
                    if (it.key() == "file" && it->is_string()) files.push_back(it->get<std::string>());
                    else self(self, *it);
                }
            } else if (j.is_array()) {
                for (const auto& e : j) self(self, e);
            }
        };
        walk(walk, nlohmann::json::parse(print));
        for (const std::string& f : files) {
            struct stat st {};
            if (::stat((fs::path(dataDir()) / f).c_str(), &st) != 0) return {};
            print += "\n" + f + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
                     std::to_string(st.st_mtim.tv_nsec);
        }
    } catch (const std::exception&) {
        return {};
    }
    return print;
}

}  // namespace

struct Converter::Impl {
    std::string config;
    std::vector<std::unique_ptr<Table>> tables;
    std::vector<uint64_t> segmentation;          // table indices
    std::vector<std::vector<uint64_t>> chain;    // per conversion, table indices
    Matcher seg;
    std::vector<Matcher> conversions;
    mutable std::once_flag openccOnce;
    mutable opencc::ConverterPtr opencc;

    void link() {
        seg.tables.clear();
        conversions.clear();
        for (uint64_t i : segmentation) seg.tables.push_back(tables[i].get());
        for (const auto& c : chain) {
            conversions.emplace_back();
            for (uint64_t i : c) conversions.back().tables.push_back(tables[i].get());
        }
    }

    static opencc::ConverterPtr openOpenCC(const std::string& config) {
        try {
            // From OpenCC's data folder (by its full name: OpenCC would look in the current folder first).
            const fs::path full = fs::path(dataDir()) / config;
            std::error_code ec;
            return opencc::Config().NewFromFile(fs::exists(full, ec) ? full.string() : config);
        } catch (const std::exception& e) {
            failAt("OpenCC", {}, "cannot open the conversion '" + config + "': " + e.what() +
                                     " (Debian packages libopencc1.1 and libopencc-data)");
        }
    }

    void build() {
        opencc = openOpenCC(config);
        const auto mm = std::dynamic_pointer_cast<opencc::MaxMatchSegmentation>(opencc->GetSegmentation());
        if (!mm) failAt("OpenCC", {}, "the conversion '" + config + "' does not segment by maximum matching (mmseg)");
        std::map<const opencc::Dict*, uint64_t> built;  // its segmentation and first conversion share STPhrases
        auto indices = [&](const opencc::DictPtr& dict) {
            std::vector<opencc::DictPtr> ds;
            leaves(dict, ds);
            std::vector<uint64_t> out;
            for (const opencc::DictPtr& d : ds) {
                auto [it, fresh] = built.emplace(d.get(), tables.size());
                if (fresh) tables.push_back(std::make_unique<Table>(d));
                out.push_back(it->second);
            }
            return out;
        };
        segmentation = indices(mm->GetDict());
        for (const opencc::ConversionPtr& conv : opencc->GetConversionChain()->GetConversions()) chain.push_back(indices(conv->GetDict()));
        link();
    }

    // The cache file: a header (magic, format), the fingerprint it was made from, the tables'
    // order, the tables.
    std::string serialize(const std::string& print) const {
        std::string out(kMagic, sizeof kMagic);
        put(out, kFormat);
        put(out, std::string_view(print));
        put(out, std::span<const uint64_t>(segmentation));
        put(out, static_cast<uint64_t>(chain.size()));
        for (const auto& c : chain) put(out, std::span<const uint64_t>(c));
        put(out, static_cast<uint64_t>(tables.size()));
        for (const auto& t : tables) t->write(out);
        return out;
    }

    // False for a file of another format or made from other files, or not of the right shape.
    bool deserialize(const std::shared_ptr<Mapping>& m, const std::string& print) {
        Reader in{m->view()};
        uint64_t format = 0, n = 0;
        if (in.in.size() < sizeof kMagic || std::memcmp(in.in.data(), kMagic, sizeof kMagic) != 0) return false;
        in.at = sizeof kMagic;
        std::string_view stored;
        std::span<const uint64_t> seg;
        if (!in.take(format) || format != kFormat || !in.take(stored) || stored != print || !in.take(seg) || !in.take(n) || n > 64)
            return false;
        segmentation.assign(seg.begin(), seg.end());
        chain.resize(n);
        for (auto& c : chain) {
            std::span<const uint64_t> v;
            if (!in.take(v)) return false;
            c.assign(v.begin(), v.end());
        }
        if (!in.take(n) || n > 64) return false;
        for (uint64_t i = 0; i < n; ++i) {
            tables.push_back(std::make_unique<Table>());
            if (!tables.back()->read(in, m)) return false;
        }
        if (in.at != in.in.size()) return false;
        for (uint64_t i : segmentation)
            if (i >= tables.size()) return false;
        for (const auto& c : chain)
            for (uint64_t i : c)
                if (i >= tables.size()) return false;
        link();
        return true;
    }

    std::vector<std::string_view> segment(std::string_view text) const {
        std::vector<std::string_view> out;
        size_t start = 0, at = 0;
        while (at < text.size()) {
            const Matcher::Match m = seg.match(text.substr(at));
            if (!m.entry) {  // characters no key starts with join one segment
                decodeUtf8(text, at);
                continue;
            }
            if (at > start) out.push_back(text.substr(start, at - start));
            out.push_back(text.substr(at, m.length));
            at += m.length;
            start = at;
        }
        if (at > start) out.push_back(text.substr(start, at - start));
        return out;
    }

    // `s` through one conversion, appended to `out`.
    static void apply(const Matcher& m, std::string_view s, std::string& out) {
        for (size_t at = 0; at < s.size();) {
            if (const Matcher::Match k = m.match(s.substr(at)); k.entry) {
                out += k.table->value(*k.entry);
                at += k.length;
            } else {
                const size_t from = at;
                decodeUtf8(s, at);
                out.append(s, from, at - from);
            }
        }
    }

    // The segments through the chain, each conversion over every segment (a key never spans two),
    // in two buffers used in turn; `ends` gets where each segment ends in the result.
    std::string convertSegments(const std::vector<std::string_view>& segs, std::vector<size_t>* ends = nullptr) const {
        std::string a, b;
        std::vector<size_t> bounds, next;  // segment ends in `a`
        size_t total = 0;
        for (std::string_view s : segs) {
            a += s;
            bounds.push_back(total += s.size());
        }
        for (const Matcher& m : conversions) {
            b.clear();
            b.reserve(a.size() + a.size() / 4);
            next.clear();
            size_t from = 0;
            for (size_t end : bounds) {
                apply(m, std::string_view(a).substr(from, end - from), b);
                next.push_back(b.size());
                from = end;
            }
            std::swap(a, b);
            std::swap(bounds, next);
        }
        if (ends) *ends = std::move(bounds);
        return a;
    }

};

Converter::Converter() : impl_(std::make_unique<Impl>()) {}
Converter::~Converter() = default;

std::string Converter::cacheDir() {
    if (const char* d = std::getenv("INKSTONE_CACHE_DIR")) return d;  // empty: no cache
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return (fs::path(x) / "inkstone").string();
    if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".cache" / "inkstone").string();
    return {};
}

std::unique_ptr<Converter> Converter::open(const std::string& config, const std::string& cache, bool* fromCache) {
    auto c = std::make_unique<Converter>();
    c->impl_->config = config;
    if (fromCache) *fromCache = false;
    const std::string print = cache.empty() ? std::string() : fingerprint(config);
    const fs::path file = fs::path(cache) / ("opencc-" + fs::path(config).stem().string() + ".bin");
    if (!print.empty()) {
        if (const std::shared_ptr<Mapping> m = mapFile(file)) {
            if (c->impl_->deserialize(m, print)) {
                if (fromCache) *fromCache = true;
                return c;
            }
            c = std::make_unique<Converter>();  // stale or damaged: made again, and written over
            c->impl_->config = config;
        }
    }
    c->impl_->build();
    if (!print.empty()) {  // best effort: a cache that cannot be written is no error
        std::error_code ec;
        fs::create_directories(cache, ec);
        const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
        {
            std::ofstream out(tmp, std::ios::binary);
            const std::string data = c->impl_->serialize(print);
            out.write(data.data(), static_cast<std::streamsize>(data.size()));
            if (!out) {
                out.close();
                fs::remove(tmp, ec);
                return c;
            }
        }
        fs::rename(tmp, file, ec);
        if (ec) fs::remove(tmp, ec);
    }
    return c;
}

const Converter& Converter::get(const std::string& config) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Converter>> converters;
    std::lock_guard<std::mutex> lock(mutex);
    auto& c = converters[config];
    if (!c) {
        try {
            c = open(config, cacheDir());
        } catch (...) {
            converters.erase(config);
            throw;
        }
    }
    return *c;
}

std::string Converter::convert(std::string_view text) const {
    return impl_->convertSegments(impl_->segment(text));
}

std::vector<std::pair<std::string, std::string>> Converter::segments(std::string_view text) const {
    const std::vector<std::string_view> segs = impl_->segment(text);
    std::vector<size_t> ends;
    const std::string converted = impl_->convertSegments(segs, &ends);
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 0, from = 0; i < segs.size(); from = ends[i++]) out.emplace_back(std::string(segs[i]), converted.substr(from, ends[i] - from));
    return out;
}

bool Converter::known(std::string_view s) const {
    for (const Table* t : impl_->seg.tables)
        if (t->exact(s)) return true;
    return false;
}

bool Converter::oneToMany(std::string_view ch) const {
    if (impl_->conversions.empty()) return false;
    for (const Table* t : impl_->conversions.front().tables)
        if (const auto* e = t->exact(ch)) return e->values > 1;
    return false;
}

const opencc::Converter& Converter::opencc() const {
    std::call_once(impl_->openccOnce, [&] {
        if (!impl_->opencc) impl_->opencc = Impl::openOpenCC(impl_->config);
    });
    return *impl_->opencc;
}

}  // namespace inkstone::edition
