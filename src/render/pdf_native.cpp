#include "render/pdf_native.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangofc-font.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "render/cff_subset.h"
#include "render/render.h"

namespace inkstone::render {
using namespace layout;

namespace {

// ---- output helpers -------------------------------------------------------------------------

void num(std::string& out, double v, int decimals = 3) {
    if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    while (n > 1 && buf[n - 1] == '0') --n;  // 12.500 -> 12.5, 3.000 -> 3
    if (n > 1 && buf[n - 1] == '.') --n;
    if (n == 2 && buf[0] == '-' && buf[1] == '0') {
        out += '0';
        return;
    }
    out.append(buf, static_cast<size_t>(n));
}

void hex4(std::string& out, unsigned v) {
    static const char* digits = "0123456789ABCDEF";
    out += digits[(v >> 12) & 15];
    out += digits[(v >> 8) & 15];
    out += digits[(v >> 4) & 15];
    out += digits[v & 15];
}

// A PDF text string: UTF-16BE with BOM when not plain ASCII, as a hex string.
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

std::string deflate(const std::string& in) {
    uLongf len = compressBound(in.size());
    std::string out(len, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(in.data()), in.size(), 6) !=
        Z_OK)
        return {};
    out.resize(len);
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

struct Face {
    std::string file;
    int index = 0;
    std::vector<uint32_t> glyphs;  // old glyph IDs used (sorted, unique after prepare)
    std::vector<uint32_t> newGid;  // old -> new
    std::map<uint32_t, std::string> text;  // new glyph -> UTF-8 it stands for (first cluster seen)
    // The subset and what the PDF needs of it.
    bool cff = false;
    std::string fontFile;  // bare CFF, or a TrueType font
    std::vector<int> widths;  // per new glyph, 1/1000 em
    int upem = 1000;
    double ascent = 0, descent = 0, capHeight = 0;
    int bbox[4] = {0, 0, 0, 0};
    double italicAngle = 0;
    std::string psName;
    int objectNumber = 0;  // the Type0 font
    std::string resource;  // /F3
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

bool subsetFace(Face& f) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(f.file.c_str());
    if (!blob) return false;
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(f.index));
    hb_blob_destroy(blob);
    std::vector<uint32_t> list{0};
    for (uint32_t g : f.glyphs)
        if (g != 0) list.push_back(g);
    std::string font;
    // CID-keyed CFF: our subsetter; glyph i of the subset is list[i].
    {
        std::vector<hb_blob_t*> keep;
        auto table = [&](hb_tag_t tag) {
            hb_blob_t* b = hb_face_reference_table(face, tag);
            keep.push_back(b);
            unsigned len = 0;
            const char* d = hb_blob_get_data(b, &len);
            return d ? std::string_view(d, len) : std::string_view();
        };
        CffTables t{table(HB_TAG('C', 'F', 'F', ' ')), table(HB_TAG('h', 'e', 'a', 'd')), table(HB_TAG('h', 'h', 'e', 'a')),
                    table(HB_TAG('h', 'm', 't', 'x')), table(HB_TAG('m', 'a', 'x', 'p')), table(HB_TAG('O', 'S', '/', '2')),
                    table(HB_TAG('n', 'a', 'm', 'e')), table(HB_TAG('p', 'o', 's', 't'))};
        if (!t.cff.empty()) font = subsetCidCff(t, list);
        for (auto* b : keep) hb_blob_destroy(b);
    }
    if (!font.empty()) {
        f.cff = true;
        f.newGid.assign(list.back() + 1, 0xFFFFFFFFu);
        for (size_t i = 0; i < list.size(); ++i) f.newGid[list[i]] = static_cast<uint32_t>(i);
    } else {
        hb_subset_input_t* input = hb_subset_input_create_or_fail();
        for (uint32_t g : list) hb_set_add(hb_subset_input_glyph_set(input), g);
        hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
        hb_set_clear(drop);
        for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                             HB_TAG('c', 'm', 'a', 'p'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('D', 'S', 'I', 'G')})
            hb_set_add(drop, tag);
        hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face, input);
        hb_face_t* sub = plan ? hb_subset_plan_execute_or_fail(plan) : nullptr;
        if (sub) {
            const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
            f.newGid.assign(list.back() + 1, 0xFFFFFFFFu);
            for (uint32_t g : list)
                if (hb_map_has(map, g)) f.newGid[g] = hb_map_get(map, g);
            hb_blob_t* b = hb_face_reference_blob(sub);
            unsigned len = 0;
            const char* d = hb_blob_get_data(b, &len);
            font.assign(d, len);
            hb_blob_destroy(b);
            hb_face_destroy(sub);
        }
        if (plan) hb_subset_plan_destroy(plan);
        hb_subset_input_destroy(input);
    }
    bool ok = !font.empty();
    if (ok) {
        // Metrics from the subset (the same numbers as the original's for the kept glyphs).
        hb_blob_t* sb = hb_blob_create(font.data(), static_cast<unsigned>(font.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
        hb_face_t* sf = hb_face_create(sb, 0);
        f.upem = static_cast<int>(hb_face_get_upem(sf));
        hb_font_t* hf = hb_font_create(sf);
        const unsigned n = hb_face_get_glyph_count(sf);
        f.widths.resize(n);
        for (unsigned g = 0; g < n; ++g)
            f.widths[g] = static_cast<int>(std::lround(hb_font_get_glyph_h_advance(hf, g) * 1000.0 / f.upem));
        hb_font_extents_t ext{};
        hb_font_get_h_extents(hf, &ext);
        f.ascent = ext.ascender * 1000.0 / f.upem;
        f.descent = ext.descender * 1000.0 / f.upem;
        hb_position_t cap = 0;
        f.capHeight = hb_ot_metrics_get_position(hf, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) ? cap * 1000.0 / f.upem : f.ascent;
        std::string_view head = tableOf(font, "head");
        if (head.size() >= 44) {
            auto s16 = [&](size_t at) {
                return static_cast<int16_t>((static_cast<uint8_t>(head[at]) << 8) | static_cast<uint8_t>(head[at + 1]));
            };
            for (int i = 0; i < 4; ++i) f.bbox[i] = static_cast<int>(std::lround(s16(36 + 2 * i) * 1000.0 / f.upem));
        }
        char name[128];
        unsigned size = sizeof name;
        if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name) > 0)
            f.psName.assign(name, size);
        if (f.psName.empty()) f.psName = "Font";
        for (char& c : f.psName)
            if (c == ' ' || c == '(' || c == ')' || c == '/' || c == '[' || c == ']' || c == '<' || c == '>') c = '-';
        if (f.cff) f.fontFile = std::string(tableOf(font, "CFF "));
        else f.fontFile = std::move(font);
        hb_font_destroy(hf);
        hb_face_destroy(sf);
        hb_blob_destroy(sb);
        ok = !f.fontFile.empty();
    }
    hb_face_destroy(face);
    return ok;
}

// The face a Pango font draws with, or "" when this writer cannot serve it (synthetic styles).
bool faceOf(PangoFont* pf, std::pair<std::string, int>& key, double& size) {
    if (!pf || !PANGO_IS_FC_FONT(pf)) return false;
    FcPattern* pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
    FcChar8* file = nullptr;
    int index = 0;
    FcBool b = FcFalse;
    FcMatrix* m = nullptr;
    if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch ||
        FcPatternGetInteger(pat, FC_INDEX, 0, &index) != FcResultMatch || index >= 0x10000)
        return false;
    if (FcPatternGetBool(pat, FC_EMBOLDEN, 0, &b) == FcResultMatch && b) return false;
    if (FcPatternGetBool(pat, FC_VARIABLE, 0, &b) == FcResultMatch && b) return false;
    if (FcPatternGetMatrix(pat, FC_MATRIX, 0, &m) == FcResultMatch && m &&
        (m->xx != 1 || m->xy != 0 || m->yx != 0 || m->yy != 1))
        return false;
    if (FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &size) != FcResultMatch &&
        FcPatternGetDouble(pat, FC_SIZE, 0, &size) != FcResultMatch)
        return false;
    key = {reinterpret_cast<const char*>(file), index};
    return true;
}

std::string subsetTag(const Face& f) {
    uint32_t h = 2166136261u;
    for (uint32_t g : f.glyphs) h = (h ^ g) * 16777619u;
    for (char c : f.file) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + h % 26);
        h /= 26;
        h ^= h << 7;
    }
    return tag;
}

std::string toUnicodeCMap(const Face& f) {
    std::string c =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
        "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> "
        "<FFFF>\nendcodespacerange\n";
    std::vector<std::pair<uint32_t, std::string>> entries(f.text.begin(), f.text.end());
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

}  // namespace

bool writePdfNative(const PagedDocument& doc, const std::string& path) {
    // 1. Faces and glyphs; anything this writer cannot draw sends the document to Cairo.
    std::map<std::pair<std::string, int>, std::unique_ptr<Face>> faces;
    std::map<PangoFont*, std::pair<Face*, double>> fontOf;
    for (const Page& page : doc.pages)
        for (const FrameItem& item : page.items) {
            if (std::holds_alternative<ImageItem>(item)) return false;
            const auto* t = std::get_if<TextItem>(&item);
            if (!t) continue;
            for (const auto& run : t->line->runs) {
                PangoFont* pf = run.item->analysis.font;
                auto it = fontOf.find(pf);
                if (it == fontOf.end()) {
                    std::pair<std::string, int> key;
                    double size = 0;
                    if (!faceOf(pf, key, size)) return false;
                    auto& face = faces[key];
                    if (!face) {
                        face = std::make_unique<Face>();
                        face->file = key.first;
                        face->index = key.second;
                    }
                    it = fontOf.emplace(pf, std::make_pair(face.get(), size)).first;
                }
                const PangoGlyphString* gs = run.glyphs.get();
                for (int g = 0; g < gs->num_glyphs; ++g) {
                    PangoGlyph glyph = gs->glyphs[g].glyph;
                    if (glyph == PANGO_GLYPH_EMPTY) continue;
                    if (glyph & PANGO_GLYPH_UNKNOWN_FLAG) return false;
                    it->second.first->glyphs.push_back(glyph);
                }
            }
        }
    Writer w;
    int fontNumber = 0;
    for (auto& [key, f] : faces) {
        std::sort(f->glyphs.begin(), f->glyphs.end());
        f->glyphs.erase(std::unique(f->glyphs.begin(), f->glyphs.end()), f->glyphs.end());
        if (!subsetFace(*f)) return false;
        f->objectNumber = w.reserve();
        f->resource = "/F" + std::to_string(++fontNumber);
    }

    // 2. Pages: content streams, destinations, links.
    const int pagesNum = w.reserve();
    std::vector<int> pageNums;
    std::map<std::string, std::pair<size_t, std::pair<double, double>>> dests;  // name -> page, x, y
    struct Link {
        size_t page;
        double x0, y0, x1, y1;
        std::string target;
    };
    std::vector<Link> links;
    std::vector<std::string> contents;
    for (size_t pi = 0; pi < doc.pages.size(); ++pi) {
        const Page& page = doc.pages[pi];
        std::string cs;
        cs.reserve(32768);
        std::string color;
        for (const FrameItem& item : page.items) {
            if (const auto* t = std::get_if<TextItem>(&item)) {
                for (const auto& run : t->line->runs) {
                    const double x = t->x + run.x, y = page.height - (t->baseline - run.rise);
                    std::string c;
                    num(c, run.color.r);
                    c += ' ';
                    num(c, run.color.g);
                    c += ' ';
                    num(c, run.color.b);
                    if (c != color) {
                        cs += c + " rg\n";
                        color = c;
                    }
                    if (!run.link.empty())
                        links.push_back(Link{pi, x, y - run.size * 0.28, x + run.width, y + run.size * 0.92, run.link});
                    auto [face, size] = fontOf[run.item->analysis.font];
                    PangoItem* pitem = run.item.get();
                    const PangoGlyphString* gs = run.glyphs.get();
                    const std::string& text = *t->line->text;
                    // Text for ToUnicode: each cluster's text on its first glyph.
                    for (int g = 0; g < gs->num_glyphs; ++g) {
                        PangoGlyph glyph = gs->glyphs[g].glyph;
                        if (glyph == PANGO_GLYPH_EMPTY) continue;
                        const uint32_t ng = face->newGid[glyph];
                        if (face->text.count(ng)) continue;
                        const int start = gs->log_clusters[g];
                        if (g > 0 && gs->log_clusters[g - 1] == start) continue;  // not the cluster's first glyph
                        int end = pitem->length;
                        for (int h = g + 1; h < gs->num_glyphs; ++h)
                            if (gs->log_clusters[h] != start) {
                                end = gs->log_clusters[h];
                                break;
                            }
                        if ((pitem->analysis.level & 1) == 0)
                            face->text[ng] = text.substr(static_cast<size_t>(pitem->offset + start),
                                                         static_cast<size_t>(std::max(0, end - start)));
                    }
                    // One text object per run: Tm at the pen, glyphs with TJ adjustments that put
                    // each where Pango did (a glyph offset vertically gets its own Tm).
                    cs += "BT\n";
                    cs += face->resource + ' ';
                    num(cs, size, 4);
                    cs += " Tf\n";
                    double pen = 0;       // Pango's pen, points from the run start
                    double pdfPen = 0;    // where the PDF viewer's pen is
                    bool open = false;
                    auto startTm = [&](double gx, double gy) {
                        if (open) cs += "] TJ\n";
                        cs += "1 0 0 1 ";
                        num(cs, x + gx);
                        cs += ' ';
                        num(cs, y + gy);
                        cs += " Tm [";
                        open = true;
                        pdfPen = gx;
                    };
                    bool shifted = true;
                    for (int g = 0; g < gs->num_glyphs; ++g) {
                        const PangoGlyphInfo& gi = gs->glyphs[g];
                        const double gx = pen + gi.geometry.x_offset / double(PANGO_SCALE);
                        const double gy = -gi.geometry.y_offset / double(PANGO_SCALE);
                        pen += gi.geometry.width / double(PANGO_SCALE);
                        if (gi.glyph == PANGO_GLYPH_EMPTY) continue;
                        if (gy != 0 || shifted) {
                            startTm(gx, gy);
                            shifted = gy != 0;
                        } else if (std::abs(gx - pdfPen) > 1e-4) {
                            num(cs, (pdfPen - gx) * 1000.0 / size, 2);  // TJ moves left by n/1000 em
                        }
                        const uint32_t ng = face->newGid[gi.glyph];
                        cs += '<';
                        hex4(cs, ng);
                        cs += '>';
                        pdfPen = gx + (ng < face->widths.size() ? face->widths[ng] : 0) * size / 1000.0;
                    }
                    if (open) cs += "] TJ\n";
                    cs += "ET\n";
                    auto bar = [&](double top, double h) {
                        num(cs, x);
                        cs += ' ';
                        num(cs, top);
                        cs += ' ';
                        num(cs, run.width);
                        cs += ' ';
                        num(cs, h);
                        cs += " re f\n";
                    };
                    if (run.strike) bar(y + run.size * 0.3 - run.size * 0.025, run.size * 0.05);
                    if (run.underline) bar(y - run.size * 0.12 - run.size * 0.05, run.size * 0.05);
                }
            } else if (const auto* r = std::get_if<RuleItem>(&item)) {
                std::string c;
                num(c, r->color.r);
                c += ' ';
                num(c, r->color.g);
                c += ' ';
                num(c, r->color.b);
                if (c != color) {
                    cs += c + " rg\n";
                    color = c;
                }
                num(cs, r->x);
                cs += ' ';
                num(cs, page.height - r->y - r->thickness / 2);
                cs += ' ';
                num(cs, r->width);
                cs += ' ';
                num(cs, r->thickness);
                cs += " re f\n";
            } else if (const auto* d = std::get_if<DestItem>(&item)) {
                dests.emplace(d->name, std::make_pair(pi, std::make_pair(d->x, page.height - d->y)));
            }
        }
        contents.push_back(deflate(cs));
        pageNums.push_back(w.reserve());
    }

    // 3. Objects.
    std::string fontDict = "<<";
    for (auto& [key, f] : faces) fontDict += " " + f->resource + " " + Writer::ref(f->objectNumber);
    fontDict += " >>";
    const int resources = w.reserve();
    w.object(resources, "<< /Font " + fontDict + " >>");
    std::map<size_t, std::string> annots;
    for (const Link& l : links) {
        const int n = w.reserve();
        std::string a = "<< /Type /Annot /Subtype /Link /Rect [";
        num(a, l.x0, 2);
        a += ' ';
        num(a, l.y0, 2);
        a += ' ';
        num(a, l.x1, 2);
        a += ' ';
        num(a, l.y1, 2);
        a += "] /Border [0 0 0] ";
        if (l.target[0] == '#') a += "/Dest " + textString(l.target.substr(1));
        else a += "/A << /S /URI /URI " + textString(l.target) + " >>";
        w.object(n, a + " >>");
        annots[l.page] += " " + Writer::ref(n);
    }
    for (size_t pi = 0; pi < doc.pages.size(); ++pi) {
        const Page& page = doc.pages[pi];
        const int cnum = w.reserve();
        w.stream(cnum, "", contents[pi], true);
        std::string p = "<< /Type /Page /Parent " + Writer::ref(pagesNum) + " /MediaBox [0 0 ";
        num(p, page.width);
        p += ' ';
        num(p, page.height);
        p += "] /Resources " + Writer::ref(resources) + " /Contents " + Writer::ref(cnum);
        if (annots.count(pi)) p += " /Annots [" + annots[pi] + " ]";
        w.object(pageNums[pi], p + " >>");
    }
    std::string kids;
    for (int n : pageNums) kids += " " + Writer::ref(n);
    w.object(pagesNum, "<< /Type /Pages /Kids [" + kids + " ] /Count " + std::to_string(pageNums.size()) + " >>");
    for (auto& [key, f] : faces) {
        const std::string base = subsetTag(*f) + "+" + f->psName;
        const int file = w.reserve(), desc = w.reserve(), cid = w.reserve(), cmap = w.reserve();
        w.stream(file, f->cff ? "/Subtype /CIDFontType0C" : "/Length1 " + std::to_string(f->fontFile.size()),
                 deflate(f->fontFile), true);
        std::string d = "<< /Type /FontDescriptor /FontName /" + base + " /Flags 4 /FontBBox [";
        for (int i = 0; i < 4; ++i) d += (i ? " " : "") + std::to_string(f->bbox[i]);
        d += "] /ItalicAngle 0 /Ascent ";
        num(d, f->ascent, 0);
        d += " /Descent ";
        num(d, f->descent, 0);
        d += " /CapHeight ";
        num(d, f->capHeight, 0);
        d += " /StemV 80 " + std::string(f->cff ? "/FontFile3 " : "/FontFile2 ") + Writer::ref(file) + " >>";
        w.object(desc, d);
        std::string widths = "[ 0 [";
        for (size_t g = 0; g < f->widths.size(); ++g) widths += (g ? " " : "") + std::to_string(f->widths[g]);
        widths += "] ]";
        w.object(cid, "<< /Type /Font /Subtype " + std::string(f->cff ? "/CIDFontType0" : "/CIDFontType2") +
                          " /BaseFont /" + base +
                          " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                          Writer::ref(desc) + (f->cff ? "" : " /CIDToGIDMap /Identity") + " /W " + widths + " >>");
        w.stream(cmap, "", deflate(toUnicodeCMap(*f)), true);
        w.object(f->objectNumber, "<< /Type /Font /Subtype /Type0 /BaseFont /" + base +
                                      " /Encoding /Identity-H /DescendantFonts [" + Writer::ref(cid) +
                                      "] /ToUnicode " + Writer::ref(cmap) + " >>");
    }
    // Destinations (a sorted name tree), outline, page labels, catalog, information.
    std::string names = "<< /Names [";
    for (const auto& [name, at] : dests) {
        names += "\n" + textString(name) + " [" + Writer::ref(pageNums[at.first]) + " /XYZ ";
        num(names, at.second.first);
        names += ' ';
        num(names, at.second.second);
        names += " 0]";
    }
    names += " ] >>";
    const int destTree = w.reserve();
    w.object(destTree, names);
    int outlineRoot = 0;
    if (!doc.outline.empty()) {
        outlineRoot = w.reserve();
        std::vector<int> ids;
        for (size_t i = 0; i < doc.outline.size(); ++i) ids.push_back(w.reserve());
        // Parent of each entry: the nearest previous entry of a lower level.
        std::vector<int> parent(doc.outline.size(), -1);
        std::vector<std::vector<size_t>> children(doc.outline.size());
        std::vector<size_t> top;
        std::vector<size_t> stack;
        for (size_t i = 0; i < doc.outline.size(); ++i) {
            while (!stack.empty() && doc.outline[stack.back()].level >= doc.outline[i].level) stack.pop_back();
            if (stack.empty()) top.push_back(i);
            else {
                parent[i] = static_cast<int>(stack.back());
                children[stack.back()].push_back(i);
            }
            stack.push_back(i);
        }
        // Open entries count every descendant (PDF 32000-1, 12.3.3).
        std::vector<int> descendants(doc.outline.size(), 0);
        for (size_t i = doc.outline.size(); i-- > 0;)
            for (size_t c : children[i]) descendants[i] += 1 + descendants[c];
        int total = 0;
        for (size_t t : top) total += 1 + descendants[t];
        auto siblings = [&](size_t i) -> const std::vector<size_t>& {
            return parent[i] < 0 ? top : children[static_cast<size_t>(parent[i])];
        };
        for (size_t i = 0; i < doc.outline.size(); ++i) {
            const auto& sib = siblings(i);
            const size_t at = static_cast<size_t>(std::find(sib.begin(), sib.end(), i) - sib.begin());
            std::string o = "<< /Title " + textString(doc.outline[i].title) + " /Parent " +
                            Writer::ref(parent[i] < 0 ? outlineRoot : ids[static_cast<size_t>(parent[i])]);
            if (at > 0) o += " /Prev " + Writer::ref(ids[sib[at - 1]]);
            if (at + 1 < sib.size()) o += " /Next " + Writer::ref(ids[sib[at + 1]]);
            if (!children[i].empty())
                o += " /First " + Writer::ref(ids[children[i].front()]) + " /Last " + Writer::ref(ids[children[i].back()]) +
                     " /Count " + std::to_string(descendants[i]);
            o += " /Dest " + textString(doc.outline[i].dest) + " >>";
            w.object(ids[i], o);
        }
        w.object(outlineRoot, "<< /Type /Outlines /First " + Writer::ref(ids[top.front()]) + " /Last " +
                                  Writer::ref(ids[top.back()]) + " /Count " + std::to_string(total) + " >>");
    }
    std::string catalog = "<< /Type /Catalog /Pages " + Writer::ref(pagesNum) + " /Names << /Dests " + Writer::ref(destTree) + " >>";
    if (outlineRoot) catalog += " /Outlines " + Writer::ref(outlineRoot) + " /PageMode /UseOutlines";
    if (!doc.info.lang.empty()) catalog += " /Lang " + textString(doc.info.lang);
    bool labels = std::any_of(doc.pages.begin(), doc.pages.end(), [](const Page& p) { return !p.label.empty(); });
    if (labels) {
        catalog += " /PageLabels << /Nums [";
        for (size_t i = 0; i < doc.pages.size(); ++i) catalog += " " + std::to_string(i) + " << /P " + textString(doc.pages[i].label) + " >>";
        catalog += " ] >>";
    }
    const int catalogNum = w.reserve();
    w.object(catalogNum, catalog + " >>");
    std::string info = "<< /Producer (inkstone native writer) /Creator " + textString(doc.info.creator) + " /Title " +
                       textString(doc.info.title);
    if (!doc.info.author.empty()) info += " /Author " + textString(doc.info.author);
    if (!doc.info.subject.empty()) info += " /Subject " + textString(doc.info.subject);
    if (!doc.info.keywords.empty()) info += " /Keywords " + textString(doc.info.keywords);
    if (doc.info.createDate.size() >= 19) {
        const std::string& d = doc.info.createDate;
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
    writeFileAtomic(path, w.out);
    return true;
}

}  // namespace inkstone::render
