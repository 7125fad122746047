#include "render/pdf_fonts.h"

#include <glib.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "render/cff_subset.h"

namespace inkstone::render::pdf {

namespace {

// Whether text `a` is a better ToUnicode entry than `b`: fewer characters, then smaller.
bool better(std::string_view a, std::string_view b) {
    const glong ca = g_utf8_strlen(a.data(), static_cast<gssize>(a.size()));
    const glong cb = g_utf8_strlen(b.data(), static_cast<gssize>(b.size()));
    return ca != cb ? ca < cb : a < b;
}

constexpr uint32_t kMulti = 0xFFFFFFFFu;  // FaceData::chars: the text is in `multi`

}  // namespace

void FaceUse::addText(uint32_t glyph, std::string_view t) {
    auto [it, added] = text.try_emplace(glyph, t);
    if (!added && better(t, it->second)) it->second = std::string(t);
}

void FaceUse::merge(const FaceUse& other) {
    glyphs.insert(other.glyphs.begin(), other.glyphs.end());
    vertical.insert(other.vertical.begin(), other.vertical.end());
    for (const auto& [g, t] : other.text) addText(g, t);
}

// One face as a collector sees it: its advances (HarfBuzz, cached) and what was drawn with it.
struct FaceData {
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    double upem = 1000;
    std::vector<int> widths = std::vector<int>(65536, -1);  // 1/1000 em, by glyph; -1: not yet asked
    std::vector<bool> seen = std::vector<bool>(65536, false);
    std::vector<uint32_t> glyphs;                           // drawn, in first-use order
    std::vector<uint32_t> chars = std::vector<uint32_t>(65536, 0);  // a one-character text; 0: none
    std::map<uint32_t, std::string> multi;                  // longer texts (chars[g] == kMulti)
    int64_t hyphenMinus = -1;                                // the glyph of U+002D; -1: not yet asked
    int64_t space = -1;                                      // the glyph of U+0020; -1: not yet asked
    std::map<uint32_t, std::array<int, 3>> vertical;         // drawn upright on vertical lines: /W2
    explicit FaceData(const FaceKey& key) {
        hb_blob_t* blob = hb_blob_create_from_file_or_fail(key.first.c_str());
        face = hb_face_create(blob, static_cast<unsigned>(key.second));  // the empty face without a blob
        hb_blob_destroy(blob);
        font = hb_font_create(face);
        upem = hb_face_get_upem(face);
    }
    ~FaceData() {
        hb_font_destroy(font);
        hb_face_destroy(face);
    }
    FaceData(const FaceData&) = delete;
    FaceData& operator=(const FaceData&) = delete;
};

FontCollector::FontCollector() = default;
FontCollector::~FontCollector() = default;

const FontCollector::Font* FontCollector::font(const std::shared_ptr<const text::FontFace>& face) {
    auto& f = fonts_[face.get()];
    if (!f) {
        f = std::make_unique<Font>();
        held_.push_back(face);
        if (face->embeddable) {
            const FaceKey key{face->file, face->index};
            auto& data = faces_[key];
            if (!data) data = std::make_unique<FaceData>(key);
            f->face = face.get();
            f->data = data.get();
            f->resource = resourceName("/F", key.first + "#" + std::to_string(key.second));
            f->vertical = resourceName("/V", key.first + "#" + std::to_string(key.second));
        }
    }
    return f->data ? f.get() : nullptr;
}

int FontCollector::advance(const Font& font, uint32_t gid) {
    FaceData& m = *font.data;
    if (gid < m.widths.size() && m.widths[gid] >= 0) return m.widths[gid];
    const int w = static_cast<int>(std::lround(hb_font_get_glyph_h_advance(m.font, gid) * 1000.0 / m.upem));
    if (gid < m.widths.size()) m.widths[gid] = w;
    return w;
}

std::array<int, 3> FontCollector::vertical(const Font& font, uint32_t gid) {
    FaceData& f = *font.data;
    auto it = f.vertical.find(gid);
    if (it != f.vertical.end()) return it->second;
    hb_position_t ox = 0, oy = 0;
    hb_font_get_glyph_v_origin(f.font, gid, &ox, &oy);
    auto unit = [&](double v) { return static_cast<int>(std::lround(v * 1000.0 / f.upem)); };
    const std::array<int, 3> m{unit(hb_font_get_glyph_v_advance(f.font, gid)), unit(ox), unit(oy)};
    f.vertical.emplace(gid, m);
    return m;
}

bool FontCollector::isHyphenMinus(const Font& font, uint32_t glyph) {
    FaceData& f = *font.data;
    if (f.hyphenMinus < 0) {
        hb_codepoint_t g = 0;
        f.hyphenMinus = hb_font_get_nominal_glyph(f.font, 0x2D, &g) ? g : 0xFFFFFFFFu;
    }
    return f.hyphenMinus == glyph;
}

uint32_t FontCollector::spaceGlyph(const Font& font) {
    FaceData& f = *font.data;
    if (f.space < 0) {
        hb_codepoint_t g = 0;
        f.space = hb_font_get_nominal_glyph(f.font, 0x20, &g) ? g : 0xFFFFFFFFu;
    }
    return static_cast<uint32_t>(f.space);
}

void FontCollector::use(const Font& font, uint32_t gid, std::string_view t) {
    FaceData& f = *font.data;
    if (gid >= f.seen.size()) return;
    if (!f.seen[gid]) {
        f.seen[gid] = true;
        f.glyphs.push_back(gid);
    }
    if (t.empty() || gid == 0) return;
    // Most texts are one character: kept as a code point, compared without allocating.
    const char* end = g_utf8_next_char(t.data());
    uint32_t& have = f.chars[gid];
    if (end == t.data() + t.size()) {
        const uint32_t cp = g_utf8_get_char(t.data());
        if (have == 0 || have == kMulti || cp < have) {
            if (have == kMulti) f.multi.erase(gid);
            have = cp;
        }
        return;
    }
    if (have == 0) {
        have = kMulti;
        f.multi.emplace(gid, t);
    } else if (have == kMulti) {
        std::string& old = f.multi[gid];
        if (better(t, old)) old = std::string(t);
    }
}

std::map<FaceKey, FaceUse> FontCollector::uses() const {
    std::map<FaceKey, FaceUse> out;
    for (const auto& [key, f] : faces_) {
        if (f->glyphs.empty()) continue;
        FaceUse& u = out[key];
        u.glyphs.insert(f->glyphs.begin(), f->glyphs.end());
        u.vertical = f->vertical;
        for (uint32_t g : f->glyphs) {
            if (f->chars[g] == kMulti) u.text.emplace(g, f->multi.at(g));
            else if (f->chars[g] != 0) {
                char buf[8];
                u.text.emplace(g, std::string(buf, static_cast<size_t>(g_unichar_to_utf8(f->chars[g], buf))));
            }
        }
    }
    return out;
}

namespace {

// A face's embedding: the subset font and what the PDF says about it.
struct Embedded {
    bool cff = false;
    std::string fontFile;            // bare CFF, or TrueType
    std::map<uint32_t, int> widths;  // source glyph -> 1/1000 em
    double ascent = 0, descent = 0, capHeight = 0;
    int bbox[4] = {0, 0, 0, 0};
    std::string psName;
    // Text for drawn glyphs that stood for no text where drawn (a hyphen the line break added,
    // the second glyph of a cluster): the character the font's cmap maps to them, so that every
    // glyph has its Unicode value (PDF/A-2u, PDF/UA-1 7.21.7).
    std::map<uint32_t, std::string> fallbackText;
};

std::string_view tableOf(const std::string& font, const char tag[4]) {
    if (font.size() < 12) return {};
    auto be = [&](size_t at, int n) {
        uint32_t v = 0;
        for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(font[at + static_cast<size_t>(i)]);
        return v;
    };
    const uint32_t count = be(4, 2);
    for (uint32_t i = 0; i < count && 12 + 16 * (i + 1) <= font.size(); ++i) {
        size_t rec = 12 + 16 * i;
        if (std::memcmp(font.data() + rec, tag, 4) == 0) {
            uint32_t off = be(rec + 8, 4), len = be(rec + 12, 4);
            if (static_cast<size_t>(off) + len <= font.size()) return std::string_view(font.data() + off, len);
        }
    }
    return {};
}

// The subset: CID-keyed CFF by cff_subset, anything else by HarfBuzz with the glyph IDs kept and
// the tables a PDF does not read dropped.
std::string subset(hb_face_t* face, const std::vector<uint32_t>& list, bool& cff) {
    {
        const FaceTables source(face);
        if (!source.tables.cff.empty()) {
            std::string font = subsetCidCff(source.tables, list, true);
            if (!font.empty()) {
                cff = true;
                return std::string(tableOf(font, "CFF "));
            }
        }
    }
    std::string out;
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    for (uint32_t g : list) hb_set_add(hb_subset_input_glyph_set(input), g);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
    hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_clear(drop);
    for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                         HB_TAG('c', 'm', 'a', 'p'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G')})
        hb_set_add(drop, tag);
    if (hb_face_t* sub = hb_subset_or_fail(face, input)) {
        hb_blob_t* b = hb_face_reference_blob(sub);
        unsigned len = 0;
        const char* d = hb_blob_get_data(b, &len);
        out.assign(d, len);
        hb_blob_destroy(b);
        hb_face_destroy(sub);
    }
    hb_subset_input_destroy(input);
    return out;
}

// Metrics from the source face (the subset's are the same for the glyphs kept).
void describe(hb_face_t* face, const std::vector<uint32_t>& list, Embedded& e) {
    const double upem = hb_face_get_upem(face);
    hb_font_t* hf = hb_font_create(face);
    for (uint32_t g : list) e.widths[g] = static_cast<int>(std::lround(hb_font_get_glyph_h_advance(hf, g) * 1000.0 / upem));
    hb_font_extents_t ext{};
    hb_font_get_h_extents(hf, &ext);
    e.ascent = ext.ascender * 1000.0 / upem;
    e.descent = ext.descender * 1000.0 / upem;
    hb_position_t cap = 0;
    e.capHeight = hb_ot_metrics_get_position(hf, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) ? cap * 1000.0 / upem : e.ascent;
    hb_blob_t* headBlob = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned hl = 0;
    const char* head = hb_blob_get_data(headBlob, &hl);
    if (head && hl >= 44) {
        auto s16 = [&](size_t at) {
            return static_cast<int16_t>((static_cast<uint8_t>(head[at]) << 8) | static_cast<uint8_t>(head[at + 1]));
        };
        for (int i = 0; i < 4; ++i) e.bbox[i] = static_cast<int>(std::lround(s16(36 + 2 * static_cast<size_t>(i)) * 1000.0 / upem));
    }
    hb_blob_destroy(headBlob);
    char name[128];
    unsigned size = sizeof name;
    if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name) > 0)
        e.psName.assign(name, size);
    if (e.psName.empty()) e.psName = "Font";
    for (char& c : e.psName)
        if (c == ' ' || c == '(' || c == ')' || c == '/' || c == '[' || c == ']' || c == '<' || c == '>') c = '-';
    hb_font_destroy(hf);
}

// The characters the face's cmap maps to `glyphs` (the smallest where several do).
std::map<uint32_t, std::string> charactersOf(hb_face_t* face, const std::set<uint32_t>& glyphs) {
    std::map<uint32_t, std::string> out;
    hb_set_t* unicodes = hb_set_create();
    hb_face_collect_unicodes(face, unicodes);
    hb_font_t* font = hb_font_create(face);
    hb_codepoint_t u = HB_SET_VALUE_INVALID;
    while (out.size() < glyphs.size() && hb_set_next(unicodes, &u)) {
        hb_codepoint_t g = 0;
        if (!hb_font_get_nominal_glyph(font, u, &g) || !glyphs.count(g) || out.count(g)) continue;
        char buf[8];
        const gint n = g_unichar_to_utf8(static_cast<gunichar>(u), buf);
        out.emplace(g, std::string(buf, static_cast<size_t>(n)));
    }
    hb_font_destroy(font);
    hb_set_destroy(unicodes);
    return out;
}

bool embed(const FaceKey& key, const FaceUse& use, Embedded& e) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(key.first.c_str());
    if (!blob) return false;
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(key.second));
    hb_blob_destroy(blob);
    std::vector<uint32_t> list{0};
    std::set<uint32_t> textless;
    for (uint32_t g : use.glyphs) {
        if (g != 0) list.push_back(g);
        if (g != 0 && !use.text.count(g)) textless.insert(g);
    }
    e.fontFile = subset(face, list, e.cff);
    if (!e.fontFile.empty()) describe(face, list, e);
    if (!e.fontFile.empty() && !textless.empty()) e.fallbackText = charactersOf(face, textless);
    hb_face_destroy(face);
    return !e.fontFile.empty();
}

std::string subsetTag(const FaceKey& key, const std::set<uint32_t>& glyphs) {
    uint32_t h = 2166136261u;
    for (uint32_t g : glyphs) h = (h ^ g) * 16777619u;
    for (char c : key.first) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + h % 26);
        h /= 26;
        h ^= h << 7;
    }
    return tag;
}

std::string toUnicodeCMap(const std::map<uint32_t, std::string>& text) {
    std::string c =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
        "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> "
        "<FFFF>\nendcodespacerange\n";
    std::vector<std::pair<uint32_t, std::string>> entries(text.begin(), text.end());
    for (size_t i = 0; i < entries.size(); i += 100) {
        const size_t n = std::min<size_t>(100, entries.size() - i);
        c += std::to_string(n) + " beginbfchar\n";
        for (size_t k = i; k < i + n; ++k) {
            c += '<';
            hex4(c, entries[k].first);
            c += "> <";
            glong len = 0;
            gunichar2* u16 = g_utf8_to_utf16(entries[k].second.c_str(), static_cast<glong>(entries[k].second.size()), nullptr,
                                             &len, nullptr);
            for (glong j = 0; u16 && j < len; ++j) hex4(c, u16[j]);
            if (!u16 || len == 0) hex4(c, 0xFFFD);
            g_free(u16);
            c += ">\n";
        }
        c += "endbfchar\n";
    }
    return c + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

// Widths by runs of consecutive glyph IDs: [first [w w w] first [w] ...].
std::string widthArray(const std::map<uint32_t, int>& widths) {
    std::string out = "[";
    uint32_t prev = 0;
    bool first = true;
    for (auto [g, wd] : widths) {
        if (first || g != prev + 1) out += std::string(first ? "" : "]") + " " + std::to_string(g) + " [";
        else out += ' ';
        out += std::to_string(wd);
        prev = g;
        first = false;
    }
    return out + (first ? "]" : "] ]");
}

// Vertical metrics by runs of consecutive glyph IDs: [first [w1y vx vy w1y vx vy ...] ...] (the
// `c [...]` form: Ghostscript 10.00 misreads `cfirst clast w1y vx vy`, the study in DESIGN.md).
std::string verticalArray(const std::map<uint32_t, std::array<int, 3>>& v) {
    std::string out = "[";
    uint32_t prev = 0;
    bool first = true;
    for (const auto& [g, m] : v) {
        if (first || g != prev + 1) out += std::string(first ? "" : "]") + " " + std::to_string(g) + " [";
        else out += ' ';
        out += std::to_string(m[0]) + " " + std::to_string(m[1]) + " " + std::to_string(m[2]);
        prev = g;
        first = false;
    }
    return out + (first ? "]" : "] ]");
}

// The objects of one embedded face; returns the Type0 font's number (and in `vertical` the
// Identity-V font's, when glyphs were drawn upright on vertical lines; 0 otherwise).
int writeFace(ObjectFile& w, const FaceKey& key, const FaceUse& use, const Embedded& e, const std::string& packed,
              int& vertical) {
    const std::string base = subsetTag(key, use.glyphs) + "+" + e.psName;
    const int type0 = w.reserve(), file = w.reserve(), desc = w.reserve(), cid = w.reserve(), cmap = w.reserve();
    w.stream(file, e.cff ? "/Subtype /CIDFontType0C" : "/Length1 " + std::to_string(e.fontFile.size()), packed, true);
    std::string d = "<< /Type /FontDescriptor /FontName /" + base + " /Flags 4 /FontBBox [";
    nums(d, {double(e.bbox[0]), double(e.bbox[1]), double(e.bbox[2]), double(e.bbox[3])}, 0);
    d += "] /ItalicAngle 0 /Ascent ";
    num(d, e.ascent, 0);
    d += " /Descent ";
    num(d, e.descent, 0);
    d += " /CapHeight ";
    num(d, e.capHeight, 0);
    d += " /StemV 80 " + std::string(e.cff ? "/FontFile3 " : "/FontFile2 ") + ObjectFile::ref(file) + " >>";
    w.object(desc, d);
    w.object(cid, "<< /Type /Font /Subtype " + std::string(e.cff ? "/CIDFontType0" : "/CIDFontType2") + " /BaseFont /" + base +
                      " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                      ObjectFile::ref(desc) + (e.cff ? "" : " /CIDToGIDMap /Identity") + " /W " + widthArray(e.widths) +
                      (use.vertical.empty() ? std::string() : " /DW2 [880 -1000] /W2 " + verticalArray(use.vertical)) + " >>");
    if (e.fallbackText.empty()) {
        w.stream(cmap, "", deflate(toUnicodeCMap(use.text)), true);
    } else {
        std::map<uint32_t, std::string> text = e.fallbackText;
        for (const auto& [g, t] : use.text) text[g] = t;
        w.stream(cmap, "", deflate(toUnicodeCMap(text)), true);
    }
    w.object(type0, "<< /Type /Font /Subtype /Type0 /BaseFont /" + base + " /Encoding /Identity-H /DescendantFonts [" +
                        ObjectFile::ref(cid) + "] /ToUnicode " + ObjectFile::ref(cmap) + " >>");
    vertical = 0;
    if (!use.vertical.empty()) {  // the same CIDFont, font file and ToUnicode, written top to bottom
        vertical = w.reserve();
        w.object(vertical, "<< /Type /Font /Subtype /Type0 /BaseFont /" + base + "-Identity-V /Encoding /Identity-V /DescendantFonts [" +
                               ObjectFile::ref(cid) + "] /ToUnicode " + ObjectFile::ref(cmap) + " >>");
    }
    return type0;
}

}  // namespace

std::string writeFonts(ObjectFile& w, const std::map<FaceKey, FaceUse>& faces, const std::string& path) {
    // Subsets (and their compression) are made on every core, one face at a time each; a volume
    // with Chinese has eight CJK faces or more. Written in face order afterwards.
    std::vector<std::pair<const FaceKey*, const FaceUse*>> todo;
    for (auto& [key, use] : faces) todo.emplace_back(&key, &use);
    std::vector<Embedded> embedded(todo.size());
    std::vector<std::string> packed(todo.size());
    std::vector<char> ok(todo.size(), 0);
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < todo.size() && !interrupt::signal(); i = next++) {
            ok[i] = embed(*todo[i].first, *todo[i].second, embedded[i]);
            if (ok[i]) packed[i] = deflate(embedded[i].fontFile);
        }
    };
    const size_t n = std::min<size_t>(todo.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    interrupt::checkpoint();
    std::string dict;
    for (size_t i = 0; i < todo.size(); ++i) {
        const FaceKey& key = *todo[i].first;
        if (!ok[i]) failAt(path, {}, "cannot embed the font " + key.first + " (index " + std::to_string(key.second) + ")");
        int vertical = 0;
        const int type0 = writeFace(w, key, *todo[i].second, embedded[i], packed[i], vertical);
        dict += " " + resourceName("/F", key.first + "#" + std::to_string(key.second)) + " " + ObjectFile::ref(type0);
        if (vertical) dict += " " + resourceName("/V", key.first + "#" + std::to_string(key.second)) + " " + ObjectFile::ref(vertical);
    }
    return dict;
}

}  // namespace inkstone::render::pdf
