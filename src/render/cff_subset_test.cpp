#include <doctest/doctest.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <hb.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "render/cff_subset.h"

using namespace inkstone;
namespace fs = std::filesystem;

namespace {

const char* kCjk = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

struct Face {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    std::vector<hb_blob_t*> tables;
    Face(const char* file, unsigned index) {
        blob = hb_blob_create_from_file(file);
        face = hb_face_create(blob, index);
    }
    ~Face() {
        for (auto* t : tables) hb_blob_destroy(t);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    std::string_view table(const char* tag) {
        hb_blob_t* b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
        tables.push_back(b);
        unsigned len = 0;
        const char* d = hb_blob_get_data(b, &len);
        return d ? std::string_view(d, len) : std::string_view();
    }
    render::CffTables all() {
        return {table("CFF "), table("head"), table("hhea"), table("hmtx"),
                table("maxp"), table("OS/2"), table("name"), table("post")};
    }
    uint32_t glyphOf(char32_t c) {
        hb_font_t* f = hb_font_create(face);
        hb_codepoint_t g = 0;
        hb_font_get_nominal_glyph(f, c, &g);
        hb_font_destroy(f);
        return g;
    }
};

struct Outline {
    long advance = 0;
    std::vector<long> points;
    std::vector<char> tags;
    std::vector<short> contours;
    bool operator==(const Outline&) const = default;
};

Outline load(FT_Face face, uint32_t glyph) {
    Outline o;
    REQUIRE(FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0);
    o.advance = face->glyph->metrics.horiAdvance;
    const FT_Outline& ol = face->glyph->outline;
    for (int i = 0; i < ol.n_points; ++i) {
        o.points.push_back(ol.points[i].x);
        o.points.push_back(ol.points[i].y);
        o.tags.push_back(ol.tags[i]);
    }
    for (int i = 0; i < ol.n_contours; ++i) o.contours.push_back(ol.contours[i]);
    return o;
}

}  // namespace

TEST_CASE("CID CFF subset: every kept glyph has the original's outline and advance, renumbered in order") {
    if (!fs::exists(kCjk)) {
        MESSAGE("Noto Serif CJK not installed; skipped");
        return;
    }
    for (unsigned index : {0u, 2u, 3u}) {  // several faces of the collection (they share one CFF)
        Face src(kCjk, index);
        std::vector<uint32_t> glyphs{0};
        for (char32_t c : std::u32string(U"中国关系能源轉型，。「」《》——ABCxyz123%（）"))
            glyphs.push_back(src.glyphOf(c));
        for (uint32_t g = 1; g < 65000; g += 977) glyphs.push_back(g);  // spread over many Font DICTs
        std::sort(glyphs.begin(), glyphs.end());
        glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
        std::string font = render::subsetCidCff(src.all(), glyphs);
        REQUIRE(!font.empty());
        CHECK(font.size() < 200000);

        FT_Library lib;
        REQUIRE(FT_Init_FreeType(&lib) == 0);
        FT_Face orig, sub;
        REQUIRE(FT_New_Face(lib, kCjk, index, &orig) == 0);
        REQUIRE(FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(font.data()), static_cast<FT_Long>(font.size()),
                                   0, &sub) == 0);
        CHECK(sub->num_glyphs == static_cast<long>(glyphs.size()));
        CHECK(sub->units_per_EM == orig->units_per_EM);
        CHECK(std::string(FT_Get_Postscript_Name(sub)) == FT_Get_Postscript_Name(orig));
        int nonEmpty = 0;
        for (size_t k = 0; k < glyphs.size(); ++k) {
            Outline a = load(orig, glyphs[k]), b = load(sub, static_cast<uint32_t>(k));
            CHECK_MESSAGE(a == b, "glyph " << glyphs[k] << " -> " << k);
            if (!a.points.empty()) ++nonEmpty;
        }
        CHECK(nonEmpty > 40);
        FT_Done_Face(sub);
        FT_Done_Face(orig);
        FT_Done_FreeType(lib);
    }
}

TEST_CASE("CID CFF subset: refuses what it does not handle, and never reads past damaged input") {
    // A TrueType font has no CFF: the caller falls back to HarfBuzz.
    Face serif("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf", 0);
    CHECK(render::subsetCidCff(serif.all(), {0, 1, 2}).empty());
    if (!fs::exists(kCjk)) return;
    Face src(kCjk, 0);
    render::CffTables t = src.all();
    CHECK(render::subsetCidCff(t, {}).empty());          // no glyphs
    CHECK(render::subsetCidCff(t, {1, 2}).empty());      // no .notdef
    CHECK(render::subsetCidCff(t, {0, 5, 3}).empty());   // not sorted
    CHECK(render::subsetCidCff(t, {0, 70000}).empty());  // no such glyph
    // Truncated and corrupted tables: "" (or a font), never a crash (run under ASan).
    const std::string_view cff = t.cff;
    for (size_t len : {0ul, 3ul, 10ul, 100ul, 1000ul, 100000ul, cff.size() / 2}) {
        render::CffTables cut = t;
        cut.cff = cff.substr(0, len);
        CHECK(render::subsetCidCff(cut, {0, 100, 20000, 60000}).empty());
    }
    std::string damaged(cff.substr(0, 2000000));
    for (size_t i = 4; i < 400; i += 7) damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    render::CffTables bad = t;
    bad.cff = damaged;
    (void)render::subsetCidCff(bad, {0, 100, 200});
    render::CffTables noMetrics = t;
    noMetrics.hmtx = {};
    CHECK(render::subsetCidCff(noMetrics, {0, 100}).empty());
}
