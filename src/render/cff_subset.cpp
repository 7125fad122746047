#include "render/cff_subset.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace inkstone::render {

namespace {

// Any malformed input throws this; subsetCidCff turns it into "not handled".
struct Bad : std::runtime_error {
    Bad() : std::runtime_error("bad CFF") {}
};

uint32_t be(std::string_view s, size_t at, int n) {
    if (at + static_cast<size_t>(n) > s.size()) throw Bad();
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + static_cast<size_t>(i)]);
    return v;
}

void put(std::string& out, uint32_t v, int n) {
    for (int i = n - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A CFF INDEX: count, then count+1 offsets (1-based, relative to the byte before the data).
struct Index {
    std::string_view src;
    size_t start = 0;  // of the INDEX
    uint32_t count = 0;
    int offSize = 0;
    size_t dataBase = 0;  // position of data byte "offset 1" minus 1
    size_t end = 0;       // first byte after the INDEX

    static Index read(std::string_view s, size_t at) {
        Index x;
        x.src = s;
        x.start = at;
        x.count = be(s, at, 2);
        if (x.count == 0) {
            x.end = at + 2;
            return x;
        }
        x.offSize = static_cast<int>(be(s, at + 2, 1));
        if (x.offSize < 1 || x.offSize > 4) throw Bad();
        size_t offs = at + 3;
        x.dataBase = offs + (static_cast<size_t>(x.count) + 1) * static_cast<size_t>(x.offSize) - 1;
        x.end = x.dataBase + be(s, offs + static_cast<size_t>(x.count) * static_cast<size_t>(x.offSize), x.offSize);
        if (x.end > s.size()) throw Bad();
        return x;
    }
    std::pair<size_t, size_t> range(uint32_t i) const {  // [begin, end) in src
        if (i >= count) throw Bad();
        size_t offs = start + 3;
        size_t a = dataBase + be(src, offs + i * static_cast<size_t>(offSize), offSize);
        size_t b = dataBase + be(src, offs + (i + 1) * static_cast<size_t>(offSize), offSize);
        if (a > b || b > end) throw Bad();
        return {a, b};
    }
    std::string item(uint32_t i) const {
        auto [a, b] = range(i);
        return std::string(src.substr(a, b - a));
    }
};

std::string writeIndex(const std::vector<std::string>& items) {
    std::string out;
    put(out, static_cast<uint32_t>(items.size()), 2);
    if (items.empty()) return out;
    size_t total = 1;
    for (const auto& it : items) total += it.size();
    int offSize = total <= 0xFF ? 1 : total <= 0xFFFF ? 2 : total <= 0xFFFFFF ? 3 : 4;
    out += static_cast<char>(offSize);
    uint32_t off = 1;
    put(out, off, offSize);
    for (const auto& it : items) {
        off += static_cast<uint32_t>(it.size());
        put(out, off, offSize);
    }
    for (const auto& it : items) out += it;
    return out;
}

// A DICT as (operator, operand bytes) pairs in source order; operators 12 x are 1200 + x.
struct DictEntry {
    int op;
    std::string operands;  // raw encoded operands
    std::vector<double> values;
};

std::vector<DictEntry> readDict(std::string_view s, size_t a, size_t b) {
    std::vector<DictEntry> out;
    DictEntry cur{0, {}, {}};
    size_t i = a;
    while (i < b) {
        uint8_t c = static_cast<uint8_t>(s[i]);
        size_t start = i;
        if (c <= 21) {
            int op = c;
            ++i;
            if (c == 12) {
                if (i >= b) throw Bad();
                op = 1200 + static_cast<uint8_t>(s[i++]);
            }
            cur.op = op;
            out.push_back(std::move(cur));
            cur = DictEntry{0, {}, {}};
            continue;
        }
        double v = 0;
        if (c == 28) {
            v = static_cast<int16_t>(be(s, i + 1, 2));
            i += 3;
        } else if (c == 29) {
            v = static_cast<int32_t>(be(s, i + 1, 4));
            i += 5;
        } else if (c == 30) {  // real: nibbles until 0xf
            ++i;
            bool done = false;
            while (i < b && !done) {
                uint8_t byte = static_cast<uint8_t>(s[i++]);
                if ((byte & 0x0F) == 0x0F || (byte >> 4) == 0x0F) done = true;
            }
            v = 0;  // reals are copied, never interpreted
        } else if (c >= 32 && c <= 246) {
            v = c - 139;
            i += 1;
        } else if (c >= 247 && c <= 250) {
            v = (c - 247) * 256 + static_cast<uint8_t>(s.at(i + 1)) + 108;
            i += 2;
        } else if (c >= 251 && c <= 254) {
            v = -(c - 251) * 256 - static_cast<uint8_t>(s.at(i + 1)) - 108;
            i += 2;
        } else {
            throw Bad();
        }
        if (i > b) throw Bad();
        cur.operands.append(s, start, i - start);
        cur.values.push_back(v);
    }
    return out;
}

void putInt5(std::string& out, int32_t v) {  // fixed-size integer operand (29 + 4 bytes)
    out += static_cast<char>(29);
    put(out, static_cast<uint32_t>(v), 4);
}

void putOp(std::string& out, int op) {
    if (op >= 1200) {
        out += static_cast<char>(12);
        out += static_cast<char>(op - 1200);
    } else {
        out += static_cast<char>(op);
    }
}

const DictEntry* find(const std::vector<DictEntry>& d, int op) {
    for (const auto& e : d)
        if (e.op == op) return &e;
    return nullptr;
}

int subrBias(uint32_t count) { return count < 1240 ? 107 : count < 33900 ? 1131 : 32768; }

// Type 2 charstring with every callsubr/callgsubr replaced by the subroutine's body.
struct Flattener {
    const Index& gsubrs;
    const Index* lsubrs;
    std::string out;
    int stems = 0;
    int depth = 0;
    bool ended = false;
    // Operands since the last operator: value and where its bytes start in `out`.
    std::vector<std::pair<double, size_t>> stack;

    void run(std::string_view s, size_t a, size_t b) {
        if (++depth > 12) throw Bad();  // the spec's nesting limit is 10
        size_t i = a;
        while (i < b && !ended) {
            uint8_t c = static_cast<uint8_t>(s[i]);
            if (c >= 32 || c == 28) {  // operand
                size_t start = out.size();
                double v;
                size_t n;
                if (c == 28) {
                    v = static_cast<int16_t>(be(s, i + 1, 2));
                    n = 3;
                } else if (c <= 246) {
                    v = c - 139;
                    n = 1;
                } else if (c <= 250) {
                    v = (c - 247) * 256 + static_cast<uint8_t>(s.at(i + 1)) + 108;
                    n = 2;
                } else if (c <= 254) {
                    v = -(c - 251) * 256 - static_cast<uint8_t>(s.at(i + 1)) - 108;
                    n = 2;
                } else {
                    v = static_cast<int32_t>(be(s, i + 1, 4)) / 65536.0;
                    n = 5;
                }
                if (i + n > b) throw Bad();
                out.append(s, i, n);
                stack.emplace_back(v, start);
                i += n;
                continue;
            }
            ++i;
            switch (c) {
                case 10:    // callsubr
                case 29: {  // callgsubr
                    if (stack.empty()) throw Bad();
                    auto [v, at] = stack.back();
                    stack.pop_back();
                    out.resize(at);
                    const Index* idx = c == 10 ? lsubrs : &gsubrs;
                    if (!idx) throw Bad();
                    long n = static_cast<long>(v) + subrBias(idx->count);
                    if (n < 0 || n >= static_cast<long>(idx->count)) throw Bad();
                    auto [sa, sb] = idx->range(static_cast<uint32_t>(n));
                    run(idx->src, sa, sb);
                    break;
                }
                case 11:  // return
                    --depth;
                    return;
                case 14:  // endchar
                    out += static_cast<char>(c);
                    ended = true;
                    break;
                case 1: case 3: case 18: case 23:  // hstem vstem hstemhm vstemhm
                    stems += static_cast<int>(stack.size()) / 2;
                    out += static_cast<char>(c);
                    stack.clear();
                    break;
                case 19: case 20: {  // hintmask cntrmask: implicit vstem, then the mask bytes
                    stems += static_cast<int>(stack.size()) / 2;
                    out += static_cast<char>(c);
                    size_t n = static_cast<size_t>((stems + 7) / 8);
                    if (i + n > b) throw Bad();
                    out.append(s, i, n);
                    i += n;
                    stack.clear();
                    break;
                }
                case 12: {  // escaped operators (flex, arithmetic): copied
                    if (i >= b) throw Bad();
                    out += static_cast<char>(12);
                    out += s[i++];
                    stack.clear();
                    break;
                }
                default:
                    out += static_cast<char>(c);
                    stack.clear();
                    break;
            }
        }
        --depth;
    }
};

std::string checksumPad(std::string t) {
    while (t.size() % 4) t += '\0';
    return t;
}

uint32_t checksum(const std::string& t) {
    uint32_t sum = 0;
    std::string p = checksumPad(t);
    for (size_t i = 0; i < p.size(); i += 4) sum += be(p, i, 4);
    return sum;
}

// The source CFF's structures a subset needs.
struct SourceCff {
    Index names, strings, gsubrs, charStrings, fdArray;
    std::vector<DictEntry> top;
    const DictEntry* ros = nullptr;
    size_t fdSelectAt = 0;
    uint32_t fdSelectFormat = 0;
};

SourceCff readSource(std::string_view s) {
    if (s.size() < 4 || static_cast<uint8_t>(s[0]) != 1) throw Bad();
    SourceCff c;
    const size_t hdrSize = static_cast<uint8_t>(s[2]);
    c.names = Index::read(s, hdrSize);
    Index tops = Index::read(s, c.names.end);
    c.strings = Index::read(s, tops.end);
    c.gsubrs = Index::read(s, c.strings.end);
    if (tops.count != 1) throw Bad();
    auto [ta, tb] = tops.range(0);
    c.top = readDict(s, ta, tb);
    c.ros = find(c.top, 1230);
    const DictEntry* cs = find(c.top, 17);
    const DictEntry* fdArrayE = find(c.top, 1236);
    const DictEntry* fdSelectE = find(c.top, 1237);
    if (!c.ros || !cs || !fdArrayE || !fdSelectE || cs->values.empty() || fdArrayE->values.empty() ||
        fdSelectE->values.empty())
        throw Bad();  // not CID-keyed
    if (find(c.top, 1207)) throw Bad();  // a FontMatrix in the Top DICT of a CID font: not handled
    c.charStrings = Index::read(s, static_cast<size_t>(cs->values[0]));
    c.fdArray = Index::read(s, static_cast<size_t>(fdArrayE->values[0]));
    c.fdSelectAt = static_cast<size_t>(fdSelectE->values[0]);
    c.fdSelectFormat = be(s, c.fdSelectAt, 1);
    return c;
}

// FDSelect: the Font DICT of glyph `g`.
uint32_t fdOf(std::string_view s, const SourceCff& c, uint32_t g) {
    const size_t at = c.fdSelectAt;
    if (c.fdSelectFormat == 0) return be(s, at + 1 + g, 1);
    if (c.fdSelectFormat != 3) throw Bad();
    uint32_t nRanges = be(s, at + 1, 2);
    uint32_t lo = 0, hi = nRanges;  // binary search: last range with first <= g
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (be(s, at + 3 + mid * 3, 2) <= g) lo = mid;
        else hi = mid;
    }
    return be(s, at + 3 + lo * 3 + 2, 1);
}

struct FdData {
    std::vector<DictEntry> font;
    std::string priv;  // Private DICT bytes without Subrs
    std::optional<Index> subrs;
};

// The Font DICTs the glyphs use, renumbered in order of first use by ascending glyph; `glyphFd`
// gets each glyph's new number.
std::vector<FdData> usedFds(std::string_view s, const SourceCff& c, const std::vector<uint32_t>& glyphs,
                            std::vector<uint32_t>& glyphFd) {
    std::map<uint32_t, uint32_t> fdNew;
    glyphFd.reserve(glyphs.size());
    for (uint32_t g : glyphs) {
        if (g >= c.charStrings.count) throw Bad();
        uint32_t fd = fdOf(s, c, g);
        if (fd >= c.fdArray.count) throw Bad();
        auto it = fdNew.emplace(fd, static_cast<uint32_t>(fdNew.size())).first;
        glyphFd.push_back(it->second);
    }
    std::vector<FdData> fds(fdNew.size());
    for (auto [oldFd, newFd] : fdNew) {
        auto [fa, fb] = c.fdArray.range(oldFd);
        FdData& d = fds[newFd];
        d.font = readDict(s, fa, fb);
        const DictEntry* pe = find(d.font, 18);
        if (!pe || pe->values.size() != 2) throw Bad();
        size_t psize = static_cast<size_t>(pe->values[0]), poff = static_cast<size_t>(pe->values[1]);
        if (poff + psize > s.size()) throw Bad();
        for (const DictEntry& e : readDict(s, poff, poff + psize)) {
            if (e.op == 19) {
                if (e.values.empty()) throw Bad();
                d.subrs = Index::read(s, poff + static_cast<size_t>(e.values[0]));
                continue;
            }
            d.priv += e.operands;
            putOp(d.priv, e.op);
        }
    }
    return fds;
}

// charset: format 2 (glyphs 1..n-1 are CIDs 1..n-1) or format 0 (the source's glyph IDs).
std::string charsetOf(const std::vector<uint32_t>& glyphs, bool sourceCids) {
    const uint32_t n = static_cast<uint32_t>(glyphs.size());
    std::string charset;
    if (sourceCids) {
        charset += static_cast<char>(0);
        for (uint32_t i = 1; i < n; ++i) put(charset, glyphs[i], 2);
    } else if (n > 1) {
        charset += static_cast<char>(2);
        put(charset, 1, 2);
        put(charset, n - 2, 2);
    } else {
        charset += static_cast<char>(0);
    }
    return charset;
}

// FDSelect, format 3.
std::string fdSelectOf(const std::vector<uint32_t>& glyphFd) {
    const uint32_t n = static_cast<uint32_t>(glyphFd.size());
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    for (uint32_t g = 0; g < n; ++g)
        if (ranges.empty() || ranges.back().second != glyphFd[g]) ranges.emplace_back(g, glyphFd[g]);
    std::string out;
    out += static_cast<char>(3);
    put(out, static_cast<uint32_t>(ranges.size()), 2);
    for (auto [first, fd] : ranges) {
        put(out, first, 2);
        put(out, fd, 1);
    }
    put(out, n, 2);
    return out;
}

// The Top DICT: the source's, with the offsets of the subset's structures (5-byte integers, so
// its size does not depend on them).
std::string topDictOf(const SourceCff& c, int32_t cidCount, uint32_t charsetOff, uint32_t fdSelectOff, uint32_t csOff,
                      uint32_t fdArrayOff) {
    std::string d;
    d += c.ros->operands;  // ROS first
    putOp(d, 1230);
    for (const DictEntry& e : c.top) {
        if (e.op == 1230 || e.op == 17 || e.op == 15 || e.op == 1236 || e.op == 1237 || e.op == 1234 || e.op == 18 ||
            e.op == 16)
            continue;
        d += e.operands;
        putOp(d, e.op);
    }
    putInt5(d, cidCount);
    putOp(d, 1234);  // CIDCount
    putInt5(d, static_cast<int32_t>(charsetOff));
    putOp(d, 15);
    putInt5(d, static_cast<int32_t>(fdSelectOff));
    putOp(d, 1237);
    putInt5(d, static_cast<int32_t>(csOff));
    putOp(d, 17);
    putInt5(d, static_cast<int32_t>(fdArrayOff));
    putOp(d, 1236);
    return d;
}

// A Font DICT pointing at its Private DICT.
std::string fontDictOf(const FdData& d, uint32_t privOff) {
    std::string out;
    for (const DictEntry& e : d.font) {
        if (e.op == 18) continue;
        out += e.operands;
        putOp(out, e.op);
    }
    putInt5(out, static_cast<int32_t>(d.priv.size()));
    putInt5(out, static_cast<int32_t>(privOff));
    putOp(out, 18);
    return out;
}

std::string buildCff(std::string_view s, const std::vector<uint32_t>& glyphs, bool sourceCids) {
    const SourceCff c = readSource(s);
    std::vector<uint32_t> glyphFd;
    const std::vector<FdData> fds = usedFds(s, c, glyphs, glyphFd);
    std::vector<std::string> outGlyphs;
    outGlyphs.reserve(glyphs.size());
    for (size_t k = 0; k < glyphs.size(); ++k) {
        const FdData& d = fds[glyphFd[k]];
        Flattener f{c.gsubrs, d.subrs ? &*d.subrs : nullptr, {}, 0, 0, false, {}};
        auto [ga, gb] = c.charStrings.range(glyphs[k]);
        f.run(s, ga, gb);
        if (!f.ended) throw Bad();  // every glyph ends with endchar
        outGlyphs.push_back(std::move(f.out));
    }

    // Layout: header, Name INDEX, Top DICT INDEX (fixed size: offsets are 5-byte integers),
    // String INDEX, empty Global Subrs, charset, FDSelect, CharStrings, FDArray, Private DICTs.
    std::string header(s.substr(0, 4));
    header[2] = 4;
    header.resize(4);
    header[3] = 4;
    const std::string nameIdx = writeIndex({c.names.item(0)});
    const std::string stringIdx(s.substr(c.strings.start, c.strings.end - c.strings.start));
    const std::string gsubrIdx = writeIndex({});
    const std::string charset = charsetOf(glyphs, sourceCids);
    const std::string fdSelect = fdSelectOf(glyphFd);
    const std::string charStringsIdx = writeIndex(outGlyphs);
    const int32_t cidCount = static_cast<int32_t>(sourceCids ? glyphs.back() + 1 : glyphs.size());
    const std::string topIdx = writeIndex({topDictOf(c, cidCount, 0, 0, 0, 0)});  // size is independent of the values
    size_t pos = header.size() + nameIdx.size() + topIdx.size() + stringIdx.size() + gsubrIdx.size();
    const size_t charsetOff = pos;
    pos += charset.size();
    const size_t fdSelectOff = pos;
    pos += fdSelect.size();
    const size_t csOff = pos;
    pos += charStringsIdx.size();
    const size_t fdArrayOff = pos;
    // Font DICTs point at their Private DICTs, placed after the FDArray: sizes first.
    std::vector<std::string> fontDicts;
    for (const FdData& d : fds) fontDicts.push_back(fontDictOf(d, 0));
    size_t privPos = pos + writeIndex(fontDicts).size();
    fontDicts.clear();
    for (const FdData& d : fds) {
        fontDicts.push_back(fontDictOf(d, static_cast<uint32_t>(privPos)));
        privPos += d.priv.size();
    }
    std::string out = header + nameIdx +
                      writeIndex({topDictOf(c, cidCount, static_cast<uint32_t>(charsetOff), static_cast<uint32_t>(fdSelectOff),
                                            static_cast<uint32_t>(csOff), static_cast<uint32_t>(fdArrayOff))}) +
                      stringIdx + gsubrIdx + charset + fdSelect + charStringsIdx + writeIndex(fontDicts);
    for (const FdData& d : fds) out += d.priv;
    return out;
}

}  // namespace

FaceTables::FaceTables(hb_face_t* face) {
    auto table = [&](hb_tag_t tag) {
        hb_blob_t* b = hb_face_reference_table(face, tag);
        blobs_.push_back(b);
        unsigned len = 0;
        const char* d = hb_blob_get_data(b, &len);
        return d ? std::string_view(d, len) : std::string_view();
    };
    tables = {table(HB_TAG('C', 'F', 'F', ' ')), table(HB_TAG('h', 'e', 'a', 'd')), table(HB_TAG('h', 'h', 'e', 'a')),
              table(HB_TAG('h', 'm', 't', 'x')), table(HB_TAG('m', 'a', 'x', 'p')), table(HB_TAG('O', 'S', '/', '2')),
              table(HB_TAG('n', 'a', 'm', 'e')), table(HB_TAG('p', 'o', 's', 't'))};
}

FaceTables::~FaceTables() {
    for (hb_blob_t* b : blobs_) hb_blob_destroy(b);
}

std::string subsetCidCff(const CffTables& t, const std::vector<uint32_t>& glyphs, bool sourceCids) {
    if (glyphs.empty() || glyphs[0] != 0 || t.cff.empty() || t.head.size() < 54 || t.hhea.size() < 36 ||
        t.maxp.size() < 6 || t.hmtx.empty())
        return {};
    for (size_t i = 1; i < glyphs.size(); ++i)
        if (glyphs[i] <= glyphs[i - 1]) return {};
    try {
        std::string cff = buildCff(t.cff, glyphs, sourceCids);
        const uint32_t n = static_cast<uint32_t>(glyphs.size());
        // Metrics of the kept glyphs, every one a full longHorMetric.
        const uint32_t numH = be(t.hhea, 34, 2);
        if (numH == 0) return {};
        std::string hmtx;
        for (uint32_t g : glyphs) {
            uint32_t adv = be(t.hmtx, 4 * std::min(g, numH - 1), 2);
            uint32_t lsb = g < numH ? be(t.hmtx, 4 * g + 2, 2) : be(t.hmtx, 4 * numH + 2 * (g - numH), 2);
            put(hmtx, adv, 2);
            put(hmtx, lsb, 2);
        }
        std::string hhea(t.hhea.substr(0, 36));
        hhea[34] = static_cast<char>((n >> 8) & 0xFF);
        hhea[35] = static_cast<char>(n & 0xFF);
        std::string maxp;
        put(maxp, 0x00005000, 4);
        put(maxp, n, 2);
        std::string head(t.head.substr(0, 54));
        std::memset(head.data() + 8, 0, 4);  // checkSumAdjustment
        std::string post;
        put(post, 0x00030000, 4);
        if (t.post.size() >= 16) post += t.post.substr(4, 12);  // italicAngle, underline, isFixedPitch
        else post.append(12, '\0');
        post.append(16, '\0');
        std::vector<std::pair<std::string, std::string>> tables = {
            {"CFF ", cff}, {"OS/2", std::string(t.os2)}, {"head", head}, {"hhea", hhea},
            {"hmtx", hmtx}, {"maxp", maxp}, {"name", std::string(t.name)}, {"post", post}};
        tables.erase(std::remove_if(tables.begin(), tables.end(), [](const auto& p) { return p.second.empty(); }),
                     tables.end());
        std::sort(tables.begin(), tables.end());
        const uint32_t numTables = static_cast<uint32_t>(tables.size());
        uint32_t pow2 = 1, log2 = 0;
        while (pow2 * 2 <= numTables) {
            pow2 *= 2;
            ++log2;
        }
        std::string font;
        put(font, 0x4F54544F, 4);  // 'OTTO'
        put(font, numTables, 2);
        put(font, pow2 * 16, 2);
        put(font, log2, 2);
        put(font, numTables * 16 - pow2 * 16, 2);
        uint32_t offset = 12 + numTables * 16;
        std::string body;
        for (const auto& [tag, data] : tables) {
            font += tag;
            put(font, checksum(data), 4);
            put(font, offset + static_cast<uint32_t>(body.size()), 4);
            put(font, static_cast<uint32_t>(data.size()), 4);
            body += checksumPad(data);
        }
        return font + body;
    } catch (const std::exception&) {
        return {};
    }
}

}  // namespace inkstone::render
