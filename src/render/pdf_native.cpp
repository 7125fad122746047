#include "render/pdf_native.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <cairo.h>
#include <pango/pangofc-font.h>
#include <libdeflate.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "render/cff_subset.h"
#include "base/diagnostics.h"
#include "base/interrupt.h"
#include "render/render.h"
#include "text/gobject_ptr.h"

namespace inkstone::render {
using namespace layout;

namespace {

// ---- output helpers -------------------------------------------------------------------------

// A number with up to `decimals` decimals, trailing zeros dropped (printf is a tenth of the time
// of a page otherwise).
void num(std::string& out, double v, int decimals = 3) {
    static const long long scales[] = {1, 10, 100, 1000, 10000, 100000};
    const long long scale = scales[std::clamp(decimals, 0, 5)];
    long long q = std::llround(v * static_cast<double>(scale));
    if (q == 0) {
        out += '0';
        return;
    }
    if (q < 0) {
        out += '-';
        q = -q;
    }
    char buf[32];
    int n = 0;
    long long ip = q / scale, fp = q % scale;
    do {
        buf[n++] = static_cast<char>('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (n) out += buf[--n];
    if (fp) {
        char frac[8];
        int d = decimals;
        for (int i = d - 1; i >= 0; --i, fp /= 10) frac[i] = static_cast<char>('0' + fp % 10);
        while (d > 0 && frac[d - 1] == '0') --d;
        out += '.';
        out.append(frac, static_cast<size_t>(d));
    }
}

// Numbers separated by spaces.
void nums(std::string& out, std::initializer_list<double> values, int decimals = 3) {
    bool first = true;
    for (double v : values) {
        if (!first) out += ' ';
        num(out, v, decimals);
        first = false;
    }
}

void hex4(std::string& out, unsigned v) {
    static const char* digits = "0123456789ABCDEF";
    out += digits[(v >> 12) & 15];
    out += digits[(v >> 8) & 15];
    out += digits[(v >> 4) & 15];
    out += digits[v & 15];
}

}  // namespace

std::string textString(const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) {
        std::string out = "(";
        for (char c : utf8) {
            if (c == '(' || c == ')' || c == '\\') out += '\\';
            out += c;
        }
        return out + ")";
    }
    std::string out = "<FEFF";
    glong n = 0;
    gunichar2* u16 = g_utf8_to_utf16(utf8.c_str(), static_cast<glong>(utf8.size()), nullptr, &n, nullptr);
    for (glong i = 0; u16 && i < n; ++i) hex4(out, u16[i]);
    g_free(u16);
    return out + ">";
}

// Page labels as a number tree (PDF 32000-1, 12.4.2): runs of decimal labels as one range each,
// any other label (roman front matter) literally.
std::string pageLabelTree(const std::vector<std::string>& labels) {
    auto decimal = [](const std::string& l) {
        return !l.empty() && l.size() < 9 && std::all_of(l.begin(), l.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    std::string nums;
    for (size_t i = 0; i < labels.size(); ++i) {
        const std::string& l = labels[i];
        if (decimal(l)) {
            if (i > 0 && decimal(labels[i - 1]) && std::stol(labels[i - 1]) + 1 == std::stol(l)) continue;
            nums += " " + std::to_string(i) + " << /S /D /St " + l + " >>";
        } else {
            nums += " " + std::to_string(i) + " << /P " + textString(l) + " >>";
        }
    }
    return "<< /Nums [" + nums + " ] >>";
}

namespace {

// zlib-format deflate with libdeflate (about three times zlib's speed at the same level; a PDF's
// compression was a quarter of a volume's CPU with zlib). A compressor per thread and level.
// Page content streams get the fastest level: they are most of a volume's bytes and were the
// largest single cost of drawing. Measured on the English 600-article volume's 31 MB of content:
// level 6 compresses 28 ms/MB to 2.07 MB per 10 MB, level 4 15 ms/MB to 2.20, level 1 7 ms/MB to
// 2.54. With the compact content (one hex string per glyph run, whole-unit TJ adjustments, shared
// text objects) level 1 makes a file no larger than level 6 did before (9.5 MB). Fonts, images and
// the rest are written once and keep level 6.
constexpr int kContentLevel = 1;

std::string deflate(const std::string& in, int level = 6) {
    struct Compressors {
        libdeflate_compressor* c[13] = {};
        ~Compressors() {
            for (auto* p : c)
                if (p) libdeflate_free_compressor(p);
        }
    };
    thread_local Compressors cs;
    level = std::clamp(level, 1, 12);
    if (!cs.c[level]) cs.c[level] = libdeflate_alloc_compressor(level);
    libdeflate_compressor* c = cs.c[level];
    if (!c) return {};
    std::string out(libdeflate_zlib_compress_bound(c, in.size()), '\0');
    const size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out.data(), out.size());
    out.resize(n);
    return out;
}

struct Writer {
    std::string out = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets{0};  // by object number; 0 unused
    int reserve() {
        offsets.push_back(0);
        return static_cast<int>(offsets.size()) - 1;
    }
    void object(int n, const std::string& body) {
        offsets[static_cast<size_t>(n)] = out.size();
        out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    }
    void stream(int n, const std::string& dict, const std::string& data, bool compressed) {
        offsets[static_cast<size_t>(n)] = out.size();
        out += std::to_string(n) + " 0 obj\n<< " + dict + (compressed ? " /Filter /FlateDecode" : "") + " /Length " +
               std::to_string(data.size()) + " >>\nstream\n";
        out += data;
        out += "\nendstream\nendobj\n";
    }
    static std::string ref(int n) { return std::to_string(n) + " 0 R"; }
};

// ---- fonts ------------------------------------------------------------------------------------
// Content streams address glyphs by their glyph ID in the source font (a CID equal to it), so
// pages can be written before the document's glyph set is known; the subsets made at the end keep
// those numbers (CFF: charset CIDs = source glyph IDs; TrueType: HarfBuzz's RETAIN_GIDS).

using FaceKey = std::pair<std::string, int>;

// What pages recorded of a face: the glyphs drawn and the text each stands for.
struct FaceUse {
    std::vector<bool> seen = std::vector<bool>(65536, false);     // by glyph ID
    std::vector<bool> hasText = std::vector<bool>(65536, false);  // by glyph ID: in `text`
    std::set<uint32_t> glyphs;
    std::map<uint32_t, std::string> text;
};

// The face a Pango font draws with and how (size; synthetic slant and bold from the pattern).
struct FontRef {
    FaceKey face;
    std::string resource;  // "/F3a9c..." (derived from the face: the same in every part)
    void* use = nullptr;      // the part's FaceUse of this face
    void* metrics = nullptr;  // the part's Metrics of this face
    double size = 0;
    double matrix[4] = {1, 0, 0, 1};
    bool embolden = false;
    bool ok = false;
};

std::string resourceName(const std::string& prefix, const std::string& key) {
    uint64_t h = 1469598103934665603ull;
    for (char c : key) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%012llx", prefix.c_str(), static_cast<unsigned long long>(h & 0xFFFFFFFFFFFFull));
    return buf;
}

FontRef fontRef(PangoFont* pf) {
    FontRef r;
    if (!pf || !PANGO_IS_FC_FONT(pf)) return r;
    FcPattern* pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
    FcChar8* file = nullptr;
    int index = 0;
    FcBool b = FcFalse;
    FcMatrix* m = nullptr;
    if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetInteger(pat, FC_INDEX, 0, &index) != FcResultMatch || index >= 0x10000)
        return r;
    if (FcPatternGetBool(pat, FC_VARIABLE, 0, &b) == FcResultMatch && b) return r;
    if (FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &r.size) != FcResultMatch &&
        FcPatternGetDouble(pat, FC_SIZE, 0, &r.size) != FcResultMatch)
        return r;
    r.embolden = FcPatternGetBool(pat, FC_EMBOLDEN, 0, &b) == FcResultMatch && b;
    if (FcPatternGetMatrix(pat, FC_MATRIX, 0, &m) == FcResultMatch && m) {
        r.matrix[0] = m->xx;
        r.matrix[1] = -m->yx;
        r.matrix[2] = -m->xy;
        r.matrix[3] = m->yy;
    }
    r.face = {reinterpret_cast<const char*>(file), index};
    r.resource = resourceName("/F", r.face.first + "#" + std::to_string(index));
    r.ok = true;
    return r;
}

// A face's embedding: the subset font and what the PDF says about it.
struct Embedded {
    bool cff = false;
    std::string fontFile;  // bare CFF, or TrueType
    std::map<uint32_t, int> widths;  // source glyph -> 1/1000 em
    double ascent = 0, descent = 0, capHeight = 0;
    int bbox[4] = {0, 0, 0, 0};
    std::string psName;
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

bool embed(const FaceKey& key, const std::set<uint32_t>& used, Embedded& e) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(key.first.c_str());
    if (!blob) return false;
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(key.second));
    hb_blob_destroy(blob);
    std::vector<uint32_t> list{0};
    for (uint32_t g : used)
        if (g != 0) list.push_back(g);
    std::string font;
    {
        const FaceTables source(face);
        if (!source.tables.cff.empty()) font = subsetCidCff(source.tables, list, true);
    }
    if (!font.empty()) {
        e.cff = true;
        e.fontFile = std::string(tableOf(font, "CFF "));
    } else {
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
            e.fontFile.assign(d, len);
            hb_blob_destroy(b);
            hb_face_destroy(sub);
        }
        hb_subset_input_destroy(input);
    }
    if (e.fontFile.empty()) {
        hb_face_destroy(face);
        return false;
    }
    // Metrics from the source face (the subset's are the same for the glyphs kept).
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
    hb_face_destroy(face);
    return true;
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

// An image XObject from a PNG: RGB samples, and an SMask when any pixel is not opaque.
bool imageObjects(const std::string& path, std::string& rgb, std::string& alpha, int& w, int& h) {
    cairo_surface_t* img = cairo_image_surface_create_from_png(path.c_str());
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return false;
    }
    cairo_surface_flush(img);
    w = cairo_image_surface_get_width(img);
    h = cairo_image_surface_get_height(img);
    const int stride = cairo_image_surface_get_stride(img);
    const unsigned char* data = cairo_image_surface_get_data(img);
    const bool hasAlpha = cairo_image_surface_get_format(img) == CAIRO_FORMAT_ARGB32;
    rgb.resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
    alpha.clear();
    bool translucent = false;
    std::string a(static_cast<size_t>(w) * static_cast<size_t>(h), '\xFF');
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint32_t px;
            std::memcpy(&px, data + static_cast<size_t>(y) * static_cast<size_t>(stride) + static_cast<size_t>(x) * 4, 4);
            const unsigned al = hasAlpha ? (px >> 24) & 0xFF : 255;
            unsigned r = (px >> 16) & 0xFF, g = (px >> 8) & 0xFF, b = px & 0xFF;
            if (al > 0 && al < 255) {  // un-premultiply
                r = std::min(255u, r * 255 / al);
                g = std::min(255u, g * 255 / al);
                b = std::min(255u, b * 255 / al);
            }
            const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x));
            rgb[i * 3] = static_cast<char>(r);
            rgb[i * 3 + 1] = static_cast<char>(g);
            rgb[i * 3 + 2] = static_cast<char>(b);
            a[i] = static_cast<char>(al);
            if (al != 255) translucent = true;
        }
    if (translucent) alpha = std::move(a);
    cairo_surface_destroy(img);
    return true;
}

}  // namespace

// ---- the writer -------------------------------------------------------------------------------

struct NativePdfWriter::Part {
    // A face's advances in 1/1000 em, as /W will give them.
    struct Metrics {
        hb_face_t* face = nullptr;
        hb_font_t* font = nullptr;
        double upem = 1000;
        std::vector<int> widths = std::vector<int>(65536, -1);
        ~Metrics() {
            if (font) hb_font_destroy(font);
            if (face) hb_face_destroy(face);
        }
    };
    std::map<FaceKey, std::unique_ptr<Metrics>> metrics;
    Metrics* metricsFor(const FaceKey& key) {
        auto& m = metrics[key];
        if (!m) {
            m = std::make_unique<Metrics>();
            hb_blob_t* blob = hb_blob_create_from_file_or_fail(key.first.c_str());
            m->face = hb_face_create(blob, static_cast<unsigned>(key.second));
            hb_blob_destroy(blob);
            m->font = hb_font_create(m->face);
            m->upem = hb_face_get_upem(m->face);
        }
        return m.get();
    }
    static int advance(Metrics* m, uint32_t gid) {
        if (gid < m->widths.size() && m->widths[gid] >= 0) return m->widths[gid];
        const int w = static_cast<int>(std::lround(hb_font_get_glyph_h_advance(m->font, gid) * 1000.0 / m->upem));
        if (gid < m->widths.size()) m->widths[gid] = w;
        return w;
    }
    std::map<PangoFont*, FontRef> fonts;
    // Held: the map is keyed by the pointer, which a released font's successor could reuse (a
    // volume releases each article's pages, and with them its fonts, once drawn).
    std::vector<GPtr<PangoFont>> held;
    std::map<FaceKey, FaceUse> faces;
    std::map<std::string, std::string> images;  // resource name -> file
    struct Link {
        double x0, y0, x1, y1;
        std::string target;
    };
    struct PageData {
        double width = 0, height = 0;
        std::string content;  // deflated
        std::vector<Link> links;
        std::vector<std::pair<std::string, std::pair<double, double>>> dests;
        std::string label;
    };
    std::vector<PageData> pages;
};

NativePdfWriter::NativePdfWriter(const std::string& path, const DocInfo& info, int parts) : path_(path), info_(info) {
    for (int k = 0; k < std::max(1, parts); ++k) parts_.push_back(std::make_unique<Part>());
}

NativePdfWriter::~NativePdfWriter() = default;

size_t NativePdfWriter::pageCount() const {
    size_t n = 0;
    for (const auto& p : parts_) n += p->pages.size();
    return n;
}

void NativePdfWriter::addPage(const Page& page, int partIndex) {
    Part& part = *parts_.at(static_cast<size_t>(partIndex));
    Part::PageData pd;
    pd.width = page.width;
    pd.height = page.height;
    pd.label = page.label;
    std::string cs;
    cs.reserve(32768);
    std::string color;
    auto setColor = [&](const style::Color& c) {
        std::string s;
        nums(s, {c.r, c.g, c.b});
        if (s != color) {
            cs += s + " rg\n";
            color = s;
        }
    };
    // Text state carried between runs (see below).
    bool inText = false, stroked = false;
    std::string curFont;
    double curSize = 0, curTc = 0;
    std::vector<double> gaps;  // scratch
    auto endText = [&] {
        if (inText) cs += "ET\n";
        inText = false;
    };
    for (const FrameItem& item : page.items) {
        if (const auto* t = std::get_if<TextItem>(&item)) {
            for (const auto& run : t->line->runs) {
                const double x = t->x + run.x, y = page.height - (t->baseline - run.rise);
                setColor(run.color);
                if (!run.link.empty()) pd.links.push_back({x, y - run.size * 0.28, x + run.width, y + run.size * 0.92, run.link});
                PangoItem* pitem = run.item.get();
                auto fit = part.fonts.find(pitem->analysis.font);
                if (fit == part.fonts.end()) {
                    if (pitem->analysis.font) part.held.emplace_back(PANGO_FONT(g_object_ref(pitem->analysis.font)));
                    fit = part.fonts.emplace(pitem->analysis.font, fontRef(pitem->analysis.font)).first;
                }
                FontRef& font = fit->second;
                if (!font.ok) continue;  // not a FreeType font: nothing to draw it with
                if (!font.use) font.use = &part.faces[font.face];
                if (!font.metrics) font.metrics = part.metricsFor(font.face);
                auto* metrics = static_cast<Part::Metrics*>(font.metrics);
                FaceUse& use = *static_cast<FaceUse*>(font.use);
                const PangoGlyphString* gs = run.glyphs.get();
                const std::string& text = *t->line->text;
                auto glyphOf = [](PangoGlyph g) -> uint32_t { return (g & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : g; };
                // Text for ToUnicode: each cluster's text on its first glyph.
                for (int g = 0; g < gs->num_glyphs; ++g) {
                    if (gs->glyphs[g].glyph == PANGO_GLYPH_EMPTY) continue;
                    const uint32_t gid = glyphOf(gs->glyphs[g].glyph);
                    if (gid >= use.seen.size()) continue;
                    if (!use.seen[gid]) {
                        use.seen[gid] = true;
                        use.glyphs.insert(gid);
                    }
                    // Text from the first use that starts a cluster (a line-end hyphen is the
                    // second glyph of its cluster and gives none; a real hyphen still will).
                    if (gid == 0 || use.hasText[gid]) continue;
                    const int start = gs->log_clusters[g];
                    if (g > 0 && gs->log_clusters[g - 1] == start) continue;
                    int end = pitem->length;
                    for (int h = g + 1; h < gs->num_glyphs; ++h)
                        if (gs->log_clusters[h] != start) {
                            end = gs->log_clusters[h];
                            break;
                        }
                    if ((pitem->analysis.level & 1) == 0 && end > start) {
                        use.text[gid] = text.substr(static_cast<size_t>(pitem->offset + start), static_cast<size_t>(end - start));
                        use.hasText[gid] = true;
                    }
                }
                // Runs share a text object until something that may not stand in one (a rule, an
                // image); font and rendering mode are written only when they change (both are text
                // state, which outlives BT/ET). Each run starts with a text matrix at the pen; its
                // glyphs go in one TJ array whose adjustments put each where Pango did (a glyph
                // moved vertically gets its own matrix).
                if (!inText) {
                    cs += "BT\n";
                    inText = true;
                }
                if (font.resource != curFont || font.size != curSize) {
                    cs += font.resource;
                    cs += ' ';
                    num(cs, font.size, 4);
                    cs += " Tf\n";
                    curFont = font.resource;
                    curSize = font.size;
                }
                if (font.embolden) {
                    cs += "2 Tr ";
                    num(cs, font.size * 0.04);
                    cs += " w\n";
                    stroked = true;
                } else if (stroked) {
                    cs += "0 Tr\n";
                    stroked = false;
                }
                const double* mx = font.matrix;
                const double unit = font.size * mx[0] / 1000.0;  // one TJ unit, in points
                // Character spacing (Tc): the gap most glyphs of the run have beyond their advance.
                // A justified Chinese line spreads its extra space evenly between characters, so
                // one Tc replaces an adjustment after every glyph (English runs: 0, no Tc).
                double tc = 0;  // points
                if (mx[0] > 0 && mx[1] == 0) {
                    gaps.clear();
                    double p = 0, prevEnd = 0;
                    bool have = false;
                    for (int g = 0; g < gs->num_glyphs; ++g) {
                        const PangoGlyphInfo& gi = gs->glyphs[g];
                        const double gx = p + gi.geometry.x_offset / double(PANGO_SCALE);
                        p += gi.geometry.width / double(PANGO_SCALE);
                        if (gi.glyph == PANGO_GLYPH_EMPTY) continue;
                        if (gi.geometry.y_offset != 0) {
                            have = false;
                            continue;
                        }
                        if (have) gaps.push_back(gx - prevEnd);
                        prevEnd = gx + Part::advance(metrics, glyphOf(gi.glyph)) * unit;
                        have = true;
                    }
                    if (gaps.size() >= 2) {
                        auto mid = gaps.begin() + static_cast<std::ptrdiff_t>(gaps.size() / 2);
                        std::nth_element(gaps.begin(), mid, gaps.end());
                        if (std::abs(*mid) >= 0.005) tc = std::round(*mid * 1000.0) / 1000.0;
                    }
                }
                if (tc != curTc) {
                    num(cs, tc / mx[0], 4);
                    cs += " Tc\n";
                    curTc = tc;
                }
                double pen = 0, pdfPen = 0;
                bool open = false, fresh = true, hex = false;
                for (int g = 0; g < gs->num_glyphs; ++g) {
                    const PangoGlyphInfo& gi = gs->glyphs[g];
                    const double gx = pen + gi.geometry.x_offset / double(PANGO_SCALE);
                    const double gy = -gi.geometry.y_offset / double(PANGO_SCALE);
                    pen += gi.geometry.width / double(PANGO_SCALE);
                    if (gi.glyph == PANGO_GLYPH_EMPTY) continue;
                    if (gy != 0 || fresh) {
                        if (hex) cs += '>';
                        if (open) cs += "] TJ\n";
                        nums(cs, {mx[0], mx[1], mx[2], mx[3]}, 4);
                        cs += ' ';
                        nums(cs, {x + gx, y + gy});
                        cs += " Tm [";
                        open = true;
                        hex = false;
                        pdfPen = gx;
                        fresh = gy != 0;
                    } else if (std::abs(gx - pdfPen) > 0.01) {
                        // Moved only when the viewer's pen is more than 0.01 pt off: most glyphs
                        // then need no number (Pango's advances and /W differ by rounding only). A
                        // whole number of units keeps the pen within half a unit (0.005 pt at
                        // 10 pt), and justified lines repeat one number, which compresses well.
                        const double n = std::round((pdfPen - gx) / unit);
                        if (n != 0) {
                            if (hex) cs += '>';
                            hex = false;
                            num(cs, n, 0);
                            pdfPen -= n * unit;
                        }
                    }
                    if (!hex) {
                        cs += '<';
                        hex = true;
                    }
                    hex4(cs, glyphOf(gi.glyph));
                    // Where the viewer's pen goes: the glyph's /W width (the source font's advance).
                    pdfPen += Part::advance(metrics, glyphOf(gi.glyph)) * unit + tc;
                }
                if (hex) cs += '>';
                if (open) cs += "] TJ\n";
                auto bar = [&](double bottom, double h) {
                    endText();
                    nums(cs, {x, bottom, run.width, h});
                    cs += " re f\n";
                };
                if (run.strike) bar(y + run.size * 0.3 - run.size * 0.025, run.size * 0.05);
                if (run.underline) bar(y - run.size * 0.12 - run.size * 0.05, run.size * 0.05);
            }
        } else if (const auto* r = std::get_if<RuleItem>(&item)) {
            endText();
            setColor(r->color);
            nums(cs, {r->x, page.height - r->y - r->thickness / 2, r->width, r->thickness});
            cs += " re f\n";
        } else if (const auto* im = std::get_if<ImageItem>(&item)) {
            const std::string name = resourceName("/Im", im->path);
            part.images[name] = im->path;
            endText();
            cs += "q ";
            nums(cs, {im->width, 0, 0, im->height, im->x, page.height - im->y - im->height});
            cs += " cm " + name + " Do Q\n";
        } else if (const auto* d = std::get_if<DestItem>(&item)) {
            pd.dests.emplace_back(d->name, std::make_pair(d->x, page.height - d->y));
        }
    }
    endText();
    pd.content = deflate(cs, kContentLevel);
    part.pages.push_back(std::move(pd));
}

void NativePdfWriter::finish(const std::vector<OutlineEntry>& outline, const std::vector<size_t>& order) {
    interrupt::checkpoint();
    Writer w;
    const int pagesNum = w.reserve(), resources = w.reserve();
    // Pages, in drawn order (part 0's first); the page tree lists them in the final order.
    std::vector<int> pageNums;
    std::vector<std::string> labels;
    std::map<std::string, std::pair<int, std::pair<double, double>>> dests;  // name -> page object, x, y
    for (auto& part : parts_) {
        for (auto& pd : part->pages) {
            const int pageNum = w.reserve(), content = w.reserve();
            std::string annots;
            for (const auto& l : pd.links) {
                const int n = w.reserve();
                std::string a = "<< /Type /Annot /Subtype /Link /Rect [";
                nums(a, {l.x0, l.y0, l.x1, l.y1}, 2);
                a += "] /Border [0 0 0] ";
                if (l.target[0] == '#') a += "/Dest " + textString(l.target.substr(1));
                else a += "/A << /S /URI /URI " + textString(l.target) + " >>";
                w.object(n, a + " >>");
                annots += " " + Writer::ref(n);
            }
            w.stream(content, "", pd.content, true);
            std::string p = "<< /Type /Page /Parent " + Writer::ref(pagesNum) + " /MediaBox [0 0 ";
            num(p, pd.width);
            p += ' ';
            num(p, pd.height);
            p += "] /Resources " + Writer::ref(resources) + " /Contents " + Writer::ref(content);
            if (!annots.empty()) p += " /Annots [" + annots + " ]";
            w.object(pageNum, p + " >>");
            for (auto& [name, at] : pd.dests) dests.emplace(name, std::make_pair(pageNum, at));
            pageNums.push_back(pageNum);
            labels.push_back(pd.label);
            std::string().swap(pd.content);
        }
    }
    std::string kids;
    for (size_t i = 0; i < pageNums.size(); ++i) kids += " " + Writer::ref(pageNums[order.empty() ? i : order.at(i)]);
    w.object(pagesNum, "<< /Type /Pages /Kids [" + kids + " ] /Count " + std::to_string(pageNums.size()) + " >>");
    // Fonts: every part's glyphs and text, one subset per face.
    std::map<FaceKey, FaceUse> faces;
    std::map<std::string, std::string> images;
    for (auto& part : parts_) {
        for (auto& [key, use] : part->faces) {
            FaceUse& all = faces[key];
            all.glyphs.insert(use.glyphs.begin(), use.glyphs.end());
            for (auto& [g, t] : use.text) all.text.emplace(g, t);
        }
        images.insert(part->images.begin(), part->images.end());
    }
    // Subsets (and their compression) are made on every core, one face at a time each; a volume
    // with Chinese has eight CJK faces or more. Written in face order afterwards.
    std::vector<std::pair<const FaceKey*, const FaceUse*>> todo;
    for (auto& [key, use] : faces) todo.emplace_back(&key, &use);
    std::vector<Embedded> embedded(todo.size());
    std::vector<std::string> packed(todo.size());
    std::vector<char> embeddedOk(todo.size(), 0);
    {
        std::atomic<size_t> next{0};
        auto work = [&] {
            for (size_t i = next++; i < todo.size() && !interrupt::signal(); i = next++) {
                embeddedOk[i] = embed(*todo[i].first, todo[i].second->glyphs, embedded[i]);
                if (embeddedOk[i]) packed[i] = deflate(embedded[i].fontFile);
            }
        };
        const size_t n = std::min<size_t>(todo.size(), std::max(1u, std::thread::hardware_concurrency()));
        std::vector<std::thread> pool;
        for (size_t t = 1; t < n; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        interrupt::checkpoint();
    }
    std::string fontDict, xobjects;
    for (size_t fi = 0; fi < todo.size(); ++fi) {
        const FaceKey& key = *todo[fi].first;
        const FaceUse& use = *todo[fi].second;
        Embedded& e = embedded[fi];
        if (!embeddedOk[fi])
            failAt(path_, {}, "cannot embed the font " + key.first + " (index " + std::to_string(key.second) + ")");
        const std::string base = subsetTag(key, use.glyphs) + "+" + e.psName;
        const int type0 = w.reserve(), file = w.reserve(), desc = w.reserve(), cid = w.reserve(), cmap = w.reserve();
        w.stream(file, e.cff ? "/Subtype /CIDFontType0C" : "/Length1 " + std::to_string(e.fontFile.size()), packed[fi], true);
        std::string d = "<< /Type /FontDescriptor /FontName /" + base + " /Flags 4 /FontBBox [";
        nums(d, {double(e.bbox[0]), double(e.bbox[1]), double(e.bbox[2]), double(e.bbox[3])}, 0);
        d += "] /ItalicAngle 0 /Ascent ";
        num(d, e.ascent, 0);
        d += " /Descent ";
        num(d, e.descent, 0);
        d += " /CapHeight ";
        num(d, e.capHeight, 0);
        d += " /StemV 80 " + std::string(e.cff ? "/FontFile3 " : "/FontFile2 ") + Writer::ref(file) + " >>";
        w.object(desc, d);
        // Widths by runs of consecutive glyph IDs: [first [w w w] first [w] ...].
        std::string widths = "[";
        uint32_t prev = 0;
        bool first = true;
        for (auto [g, wd] : e.widths) {
            if (first || g != prev + 1) widths += std::string(first ? "" : "]") + " " + std::to_string(g) + " [";
            else widths += ' ';
            widths += std::to_string(wd);
            prev = g;
            first = false;
        }
        widths += first ? "]" : "] ]";
        w.object(cid, "<< /Type /Font /Subtype " + std::string(e.cff ? "/CIDFontType0" : "/CIDFontType2") + " /BaseFont /" +
                          base + " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                          Writer::ref(desc) + (e.cff ? "" : " /CIDToGIDMap /Identity") + " /W " + widths + " >>");
        w.stream(cmap, "", deflate(toUnicodeCMap(use.text)), true);
        w.object(type0, "<< /Type /Font /Subtype /Type0 /BaseFont /" + base + " /Encoding /Identity-H /DescendantFonts [" +
                            Writer::ref(cid) + "] /ToUnicode " + Writer::ref(cmap) + " >>");
        fontDict += " " + resourceName("/F", key.first + "#" + std::to_string(key.second)) + " " + Writer::ref(type0);
    }
    for (auto& [name, file] : images) {
        std::string rgb, alpha;
        int iw = 0, ih = 0;
        if (!imageObjects(file, rgb, alpha, iw, ih)) failAt(file, {}, "cannot read the PNG image");
        const int img = w.reserve();
        std::string dict = "/Type /XObject /Subtype /Image /Width " + std::to_string(iw) + " /Height " + std::to_string(ih) +
                           " /ColorSpace /DeviceRGB /BitsPerComponent 8";
        if (!alpha.empty()) {
            const int mask = w.reserve();
            w.stream(mask, "/Type /XObject /Subtype /Image /Width " + std::to_string(iw) + " /Height " + std::to_string(ih) +
                               " /ColorSpace /DeviceGray /BitsPerComponent 8", deflate(alpha), true);
            dict += " /SMask " + Writer::ref(mask);
        }
        w.stream(img, dict, deflate(rgb), true);
        xobjects += " " + name + " " + Writer::ref(img);
    }
    w.object(resources, "<< /Font <<" + fontDict + " >> /XObject <<" + xobjects + " >> >>");
    // Destinations (a sorted name tree), outline, page labels, catalog, information.
    std::string names = "<< /Names [";
    for (const auto& [name, at] : dests) {
        names += "\n" + textString(name) + " [" + Writer::ref(at.first) + " /XYZ ";
        num(names, at.second.first);
        names += ' ';
        num(names, at.second.second);
        names += " 0]";
    }
    names += " ] >>";
    const int destTree = w.reserve();
    w.object(destTree, names);
    int outlineRoot = 0;
    if (!outline.empty()) {
        outlineRoot = w.reserve();
        std::vector<int> ids;
        for (size_t i = 0; i < outline.size(); ++i) ids.push_back(w.reserve());
        // Parent of each entry: the nearest previous entry of a lower level.
        std::vector<int> parent(outline.size(), -1);
        std::vector<std::vector<size_t>> children(outline.size());
        std::vector<size_t> top;
        std::vector<size_t> stack;
        for (size_t i = 0; i < outline.size(); ++i) {
            while (!stack.empty() && outline[stack.back()].level >= outline[i].level) stack.pop_back();
            if (stack.empty()) top.push_back(i);
            else {
                parent[i] = static_cast<int>(stack.back());
                children[stack.back()].push_back(i);
            }
            stack.push_back(i);
        }
        // Open entries count every descendant (PDF 32000-1, 12.3.3).
        std::vector<int> descendants(outline.size(), 0);
        for (size_t i = outline.size(); i-- > 0;)
            for (size_t c : children[i]) descendants[i] += 1 + descendants[c];
        int total = 0;
        for (size_t t : top) total += 1 + descendants[t];
        auto siblings = [&](size_t i) -> const std::vector<size_t>& {
            return parent[i] < 0 ? top : children[static_cast<size_t>(parent[i])];
        };
        for (size_t i = 0; i < outline.size(); ++i) {
            const auto& sib = siblings(i);
            const size_t at = static_cast<size_t>(std::find(sib.begin(), sib.end(), i) - sib.begin());
            std::string o = "<< /Title " + textString(outline[i].title) + " /Parent " +
                            Writer::ref(parent[i] < 0 ? outlineRoot : ids[static_cast<size_t>(parent[i])]);
            if (at > 0) o += " /Prev " + Writer::ref(ids[sib[at - 1]]);
            if (at + 1 < sib.size()) o += " /Next " + Writer::ref(ids[sib[at + 1]]);
            if (!children[i].empty())
                o += " /First " + Writer::ref(ids[children[i].front()]) + " /Last " + Writer::ref(ids[children[i].back()]) +
                     " /Count " + std::to_string(descendants[i]);
            o += " /Dest " + textString(outline[i].dest) + " >>";
            w.object(ids[i], o);
        }
        w.object(outlineRoot, "<< /Type /Outlines /First " + Writer::ref(ids[top.front()]) + " /Last " +
                                  Writer::ref(ids[top.back()]) + " /Count " + std::to_string(total) + " >>");
    }
    std::string catalog = "<< /Type /Catalog /Pages " + Writer::ref(pagesNum) + " /Names << /Dests " + Writer::ref(destTree) + " >>";
    if (outlineRoot) catalog += " /Outlines " + Writer::ref(outlineRoot) + " /PageMode /UseOutlines";
    if (!info_.lang.empty()) catalog += " /Lang " + textString(info_.lang);
    if (std::any_of(labels.begin(), labels.end(), [](const std::string& l) { return !l.empty(); })) {
        std::vector<std::string> ordered;
        for (size_t i = 0; i < labels.size(); ++i) ordered.push_back(labels[order.empty() ? i : order.at(i)]);
        catalog += " /PageLabels " + pageLabelTree(ordered);
    }
    const int catalogNum = w.reserve();
    w.object(catalogNum, catalog + " >>");
    std::string info = "<< /Producer (inkstone native writer) /Creator " + textString(info_.creator) + " /Title " +
                       textString(info_.title);
    if (!info_.author.empty()) info += " /Author " + textString(info_.author);
    if (!info_.subject.empty()) info += " /Subject " + textString(info_.subject);
    if (!info_.keywords.empty()) info += " /Keywords " + textString(info_.keywords);
    if (info_.createDate.size() >= 19) {
        const std::string& d = info_.createDate;
        std::string pdfDate = "(D:" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + d.substr(11, 2) + d.substr(14, 2) +
                              d.substr(17, 2) + "Z)";
        info += " /CreationDate " + pdfDate + " /ModDate " + pdfDate;
    }
    const int infoNum = w.reserve();
    w.object(infoNum, info + " >>");
    // Cross-reference table and trailer.
    const size_t xref = w.out.size();
    w.out += "xref\n0 " + std::to_string(w.offsets.size()) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t n = 1; n < w.offsets.size(); ++n) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", w.offsets[n]);
        w.out += entry;
    }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < w.out.size(); i += 61) h = (h ^ static_cast<uint8_t>(w.out[i])) * 16777619u;
    char id[40];
    std::snprintf(id, sizeof id, "%08X%08X%08X%08X", h, h ^ 0x9E3779B9u, static_cast<unsigned>(w.out.size()), h * 31u);
    w.out += "trailer\n<< /Size " + std::to_string(w.offsets.size()) + " /Root " + Writer::ref(catalogNum) + " /Info " +
             Writer::ref(infoNum) + " /ID [<" + id + "> <" + id + ">] >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    writeFileAtomic(path_, w.out);
}

}  // namespace inkstone::render
