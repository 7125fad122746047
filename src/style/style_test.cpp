// Tests of style loading: the shipped styles, `extends` (by name and by relative path), em lengths
// and their rescaling through inheritance, validation errors with key paths, lines and hints.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "base/units.h"
#include "style/style.h"

using namespace inkstone;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the system temp dir, removed at the end of the test.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        dir_ = fs::temp_directory_path() /
               ("inkstone-style-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes `text` to `name` (may contain subfolders) and returns the full path.
    std::string write(const std::string& name, const std::string& text) const {
        fs::path p = dir_ / name;
        fs::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out << text;
        return p.string();
    }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

private:
    fs::path dir_;
};

// Four lines: the font sets every style needs.
const std::string kFonts =
    "fonts:\n"
    "  serif: {latin: Noto Serif, zh-Hans: Noto Serif CJK SC, zh-Hant: Noto Serif CJK TC}\n"
    "  sans: {latin: Noto Sans}\n"
    "  mono: {latin: Noto Sans Mono}\n";

std::optional<Diagnostic> styleError(const std::string& nameOrPath) {
    try {
        style::loadStyle(nameOrPath);
    } catch (const UserError& e) {
        return e.diagnostic();
    }
    return std::nullopt;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Shipped styles

TEST_CASE("shipped style: briefing") {
    auto st = style::loadStyle("briefing");
    CHECK(st.name == "briefing");
    CHECK(contains(st.path, "styles/briefing.yaml"));
    CHECK(st.page.width == doctest::Approx(595.28).epsilon(1e-4));
    CHECK(st.page.height == doctest::Approx(841.89).epsilon(1e-4));
    CHECK(st.page.columns == 1);
    CHECK_FALSE(st.page.facing);
    CHECK(st.page.margin.top == doctest::Approx(24 * kPtPerMm));
    CHECK(st.page.margin.bottom == doctest::Approx(22 * kPtPerMm));
    CHECK(st.page.columnGap == doctest::Approx(6 * kPtPerMm));
    CHECK(st.fonts.at("serif").latin == "Noto Serif");
    CHECK(st.fonts.at("serif").forLang(*Lang::parse("zh-Hans")) == "Noto Serif CJK SC");
    CHECK(st.fonts.at("serif").forLang(*Lang::parse("zh-Hant")) == "Noto Serif CJK TC");
    CHECK(st.fonts.at("serif").forLang(*Lang::parse("zh-Hant-HK")) == "Noto Serif CJK HK");
    CHECK(st.fonts.at("sans").forLang(*Lang::parse("zh-Hant-HK")) == "Noto Sans CJK HK");
    CHECK(st.fonts.at("mono").latin == "Noto Sans Mono");
    const auto& body = st.element("body");
    CHECK(body.fontSize == doctest::Approx(10.5));
    CHECK(body.lineHeight == doctest::Approx(16.8));
    CHECK(body.align == style::Align::Justify);
    CHECK(body.spaceAfter == doctest::Approx(5.25));  // 0.5em of 10.5pt
    const auto& label = st.element("section-label");
    CHECK(label.bold);
    CHECK(label.uppercase);
    CHECK(label.font == "sans");
    CHECK(label.color.r == doctest::Approx(0x8a / 255.0));
    CHECK(label.color.g == doctest::Approx(0x1c / 255.0));
    CHECK(st.element("subtitle").italic);
    CHECK(st.element("block-quote").indentLeft == doctest::Approx(20));  // 2em of 10pt
    CHECK(st.listIndent == doctest::Approx(1.6 * 10.5));
    CHECK(st.pullQuoteWidth == doctest::Approx(0.86));
    CHECK(st.cjk.firstLineIndent == doctest::Approx(2));
    CHECK(st.cjk.hanLatinSpace == doctest::Approx(0.25));
    CHECK(st.publication == "Institute of International Studies");
    CHECK(st.header.left == "{publication}");
    CHECK(st.header.right == "{section}");
    CHECK(st.header.distance == doctest::Approx(10 * kPtPerMm));
    CHECK(st.footer.right == "{page} / {pages}");
    CHECK(st.firstHeader.right == "{date}");
    CHECK(st.dateFormat.at("en") == "{day} {month-name} {year}");
    CHECK(st.label("notes", *Lang::parse("zh-Hant-HK")) == "註釋");
    CHECK(st.label("notes", *Lang::parse("zh-Hans")) == "注释");
    // Every element name has an entry.
    for (const auto& name : style::elementNames()) {
        CAPTURE(name);
        CHECK(st.elements.count(name) == 1);
    }
    // Unknown element names fall back to the body.
    CHECK(&st.element("no-such-element") == &st.element("body"));
}

TEST_CASE("shipped style: letter") {
    auto st = style::loadStyle("letter");
    CHECK(st.page.width == doctest::Approx(612));
    CHECK(st.page.height == doctest::Approx(792));
    CHECK(st.page.margin.top == doctest::Approx(0.9 * 72));
    CHECK(st.page.margin.bottom == doctest::Approx(0.85 * 72));
    CHECK(st.element("body").lineHeight == doctest::Approx(16));
    // Inherited from briefing.
    CHECK(st.fonts.at("serif").forLang(*Lang::parse("zh-Hant")) == "Noto Serif CJK TC");
    CHECK(st.element("title").fontSize == doctest::Approx(22));
    CHECK(st.page.columns == 1);
}

TEST_CASE("shipped style: quarterly") {
    auto st = style::loadStyle("quarterly");
    CHECK(st.page.columns == 2);
    CHECK(st.page.facing);
    CHECK(st.page.width == doctest::Approx(185 * kPtPerMm));
    CHECK(st.page.height == doctest::Approx(260 * kPtPerMm));
    CHECK(st.page.margin.inner == doctest::Approx(20 * kPtPerMm));
    CHECK(st.page.margin.outer == doctest::Approx(16 * kPtPerMm));
    CHECK(st.fonts.at("serif").forLang(*Lang::parse("zh-Hant")) == "Noto Serif CJK TC");
    CHECK(st.fonts.at("serif").forLang(*Lang::parse("zh-Hant-HK")) == "Noto Serif CJK HK");
    CHECK(st.element("body").fontSize == doctest::Approx(9.5));
    CHECK(st.element("body").lineHeight == doctest::Approx(15));
    // briefing's `body.space-after: 0.5em` and `list.indent: 1.6em` rescale to the new body size.
    CHECK(st.element("body").spaceAfter == doctest::Approx(4.75));
    CHECK(st.listIndent == doctest::Approx(1.6 * 9.5));
    // Title: size overridden, weight inherited.
    CHECK(st.element("title").fontSize == doctest::Approx(20));
    CHECK(st.element("title").bold);
    CHECK(st.pullQuoteWidth == doctest::Approx(1.0));
    // Recto pages: the article title in the header, the folio outside (right).
    CHECK(st.header.left.empty());
    CHECK(st.header.right == "{title}");
    CHECK(st.header.distance == doctest::Approx(9 * kPtPerMm));
    CHECK(st.header.text.fontSize == doctest::Approx(7.5));  // inherited from briefing's header
    CHECK(st.header.rule == doctest::Approx(0.4));
    CHECK(st.footer.left.empty());
    CHECK(st.footer.right == "{page}");
    // Verso pages: the publication on the left, the folio outside (left).
    CHECK(st.versoHeader.left == "{publication}");
    CHECK(st.versoHeader.right.empty());
    CHECK(st.versoHeader.distance == doctest::Approx(9 * kPtPerMm));
    CHECK(st.versoFooter.left == "{page}");
    CHECK(st.versoFooter.right.empty());
    CHECK(st.firstHeader.left == "{publication}");
    CHECK(st.firstHeader.right == "{section}");
}

// quarterly moves its header to 9mm; its first-page header only changes the right slot, so it
// should sit at the same 9mm (it "inherits from header unless overridden").
TEST_CASE("shipped style: quarterly's first-page header follows its header's distance") {
    auto st = style::loadStyle("quarterly");
    CHECK(st.firstHeader.distance == doctest::Approx(st.header.distance));
}

TEST_CASE("FontSet::forLang falls back zh-Hant-HK -> zh-Hant -> zh-Hans -> latin") {
    style::FontSet set;
    set.latin = "L";
    CHECK(set.forLang(*Lang::parse("zh-Hant-HK")) == "L");
    set.cjk["zh-Hans"] = "SC";
    CHECK(set.forLang(*Lang::parse("zh-Hant")) == "SC");
    CHECK(set.forLang(*Lang::parse("zh-Hant-HK")) == "SC");
    set.cjk["zh-Hant"] = "TC";
    CHECK(set.forLang(*Lang::parse("zh-Hant-HK")) == "TC");
    set.cjk["zh-Hant-HK"] = "HK";
    CHECK(set.forLang(*Lang::parse("zh-Hant-HK")) == "HK");
    CHECK(set.forLang(*Lang::parse("zh-Hant")) == "TC");
}

TEST_CASE("an unknown style name is an error listing the shipped styles") {
    auto d = styleError("no-such-style");
    REQUIRE(d);
    CHECK(contains(d->message, "no-such-style"));
    CHECK(contains(d->hint, "briefing"));
    CHECK(contains(d->hint, "quarterly"));
}

// ---------------------------------------------------------------------------------------------
// Inheritance and em lengths

TEST_CASE("extends by relative path and by name") {
    TempDir t;
    t.write("base/base.yaml", kFonts + "page: {size: A5}\nbody: {font-size: 10pt, align: justify}\n");
    std::string derived = t.write("styles/derived.yaml", "extends: ../base/base.yaml\npage: {columns: 2}\n");
    auto st = style::loadStyle(derived);
    CHECK(st.path == derived);
    CHECK(st.page.width == doctest::Approx(148 * kPtPerMm));
    CHECK(st.page.columns == 2);
    CHECK(st.element("body").fontSize == doctest::Approx(10));
    CHECK(st.element("body").align == style::Align::Justify);

    // A bare file name with .yaml is a path relative to the extending file.
    t.write("styles/sibling.yaml", kFonts + "body: {font-size: 11pt}\n");
    std::string d2 = t.write("styles/d2.yaml", "extends: sibling.yaml\n");
    CHECK(style::loadStyle(d2).element("body").fontSize == doctest::Approx(11));

    // A name is a shipped style.
    std::string d3 = t.write("d3.yaml", "extends: briefing\nbody: {font-size: 12pt}\n");
    auto s3 = style::loadStyle(d3);
    CHECK(s3.page.width == doctest::Approx(595.28).epsilon(1e-4));
    CHECK(s3.element("body").fontSize == doctest::Approx(12));
    CHECK(s3.element("body").spaceAfter == doctest::Approx(6));  // briefing's 0.5em, rescaled
    CHECK(s3.fonts.at("serif").forLang(*Lang::parse("zh-Hant-HK")) == "Noto Serif CJK HK");
}

TEST_CASE("loadStyle resolves a relative path against relativeTo's folder") {
    TempDir t;
    t.write("articles/house.yaml", kFonts + "body: {font-size: 9pt}\n");
    auto st = style::loadStyle("./house.yaml", t.path("articles/article.md"));
    CHECK(st.element("body").fontSize == doctest::Approx(9));
}

TEST_CASE("em lengths resolve against the element's own font size") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts +
                                          "body: {font-size: 10pt, space-after: 1em, line-height: 1.5}\n"
                                          "heading-2: {font-size: 20pt, space-before: 0.5em, indent-left: 1em, line-height: 1.2em}\n"
                                          "caption: {font-size: 0.8em, space-after: 1em}\n"
                                          "code: {font-size: 9pt}\n"
                                          "list: {indent: 2em}\n"
                                          "cjk: {han-latin-space: 2.5pt, first-line-indent: 20pt}\n");
    auto st = style::loadStyle(f);
    const auto& body = st.element("body");
    CHECK(body.spaceAfter == doctest::Approx(10));
    CHECK(body.lineHeight == doctest::Approx(15));  // factor 1.5 of 10pt
    const auto& h2 = st.element("heading-2");
    CHECK(h2.spaceBefore == doctest::Approx(10));
    CHECK(h2.indentLeft == doctest::Approx(20));
    CHECK(h2.lineHeight == doctest::Approx(24));
    const auto& cap = st.element("caption");
    CHECK(cap.fontSize == doctest::Approx(8));  // a font size in em is relative to the body
    CHECK(cap.spaceAfter == doctest::Approx(8));
    CHECK(cap.lineHeight == doctest::Approx(1.4 * 8));  // the default leading is a factor
    CHECK(st.element("code").lineHeight == doctest::Approx(1.4 * 9));
    CHECK(st.listIndent == doctest::Approx(20));
    CHECK(st.cjk.hanLatinSpace == doctest::Approx(0.25));
    CHECK(st.cjk.firstLineIndent == doctest::Approx(2));
}

TEST_CASE("a derived style that changes body.font-size rescales the base's em lengths") {
    TempDir t;
    std::string base = t.write("base.yaml", kFonts +
                                                "body: {font-size: 10pt, space-after: 1em, line-height: 1.5}\n"
                                                "caption: {font-size: 0.8em, space-before: 1em}\n"
                                                "heading-2: {font-size: 14pt, space-after: 0.5em}\n");
    std::string derived = t.write("derived.yaml", "extends: base.yaml\nbody: {font-size: 12pt}\n");
    auto b = style::loadStyle(base);
    auto d = style::loadStyle(derived);
    CHECK(b.element("body").spaceAfter == doctest::Approx(10));
    CHECK(d.element("body").spaceAfter == doctest::Approx(12));
    CHECK(d.element("body").lineHeight == doctest::Approx(18));
    CHECK(d.element("caption").fontSize == doctest::Approx(9.6));
    CHECK(d.element("caption").spaceBefore == doctest::Approx(9.6));
    CHECK(d.element("heading-2").spaceAfter == doctest::Approx(7));  // its own size did not change
}

TEST_CASE("a derived style overrides single keys and keeps the rest") {
    TempDir t;
    t.write("base.yaml", kFonts +
                             "page: {size: A4, margin: {top: 30mm, bottom: 25mm, inner: 20mm, outer: 15mm}}\n"
                             "title: {font-size: 20pt, font-weight: bold, color: '#ff0000'}\n"
                             "labels: {notes: {en: Notes, zh-Hans: 注释}}\n");
    std::string d = t.write("d.yaml", "extends: base.yaml\npage: {margin: {top: 10mm}}\ntitle: {font-size: 18pt}\n"
                                      "labels: {notes: {en: Endnotes}}\n");
    auto st = style::loadStyle(d);
    CHECK(st.page.margin.top == doctest::Approx(10 * kPtPerMm));
    CHECK(st.page.margin.bottom == doctest::Approx(25 * kPtPerMm));
    CHECK(st.page.margin.outer == doctest::Approx(15 * kPtPerMm));
    CHECK(st.element("title").fontSize == doctest::Approx(18));
    CHECK(st.element("title").bold);
    CHECK(st.element("title").color == style::Color{1, 0, 0});
    CHECK(st.label("notes", *Lang::parse("en")) == "Endnotes");
    CHECK(st.label("notes", *Lang::parse("zh-Hans")) == "注释");
}

TEST_CASE("explicit page size and margins shorthand") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts + "page: {size: [150mm, 200mm], margin: 15mm}\n");
    auto st = style::loadStyle(f);
    CHECK(st.page.width == doctest::Approx(150 * kPtPerMm));
    CHECK(st.page.height == doctest::Approx(200 * kPtPerMm));
    CHECK(st.page.margin.top == doctest::Approx(15 * kPtPerMm));
    CHECK(st.page.margin.inner == doctest::Approx(15 * kPtPerMm));
    CHECK(st.page.margin.outer == doctest::Approx(15 * kPtPerMm));

    std::string named = t.write("b5.yaml", kFonts + "page: {size: b5}\n");  // names are case-insensitive
    CHECK(style::loadStyle(named).page.width == doctest::Approx(176 * kPtPerMm));
}

TEST_CASE("first-page header inherits from header unless overridden") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts +
                                          "header: {left: '{publication}', right: '{section}', font-size: 8pt, distance: 10mm, rule: 0.5pt}\n"
                                          "footer: {center: '{page}'}\n"
                                          "first-page:\n"
                                          "  header: {right: '{date}'}\n");
    auto st = style::loadStyle(f);
    CHECK(st.header.right == "{section}");
    CHECK(st.firstHeader.left == "{publication}");
    CHECK(st.firstHeader.right == "{date}");
    CHECK(st.firstHeader.text.fontSize == doctest::Approx(8));
    CHECK(st.firstHeader.distance == doctest::Approx(10 * kPtPerMm));
    CHECK(st.firstHeader.rule == doctest::Approx(0.5));
    // No first-page footer: the footer itself.
    CHECK(st.firstFooter.center == "{page}");

    std::string plain = t.write("plain.yaml", kFonts + "header: {left: L, right: R}\n");
    auto p = style::loadStyle(plain);
    CHECK(p.firstHeader.left == "L");
    CHECK(p.firstHeader.right == "R");
}

TEST_CASE("first-page header inherits a header written after it in the same file") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts +
                                          "first-page:\n"
                                          "  header: {right: '{date}'}\n"
                                          "header: {left: '{publication}', right: '{section}', font-size: 8pt}\n");
    auto st = style::loadStyle(f);
    CHECK(st.firstHeader.right == "{date}");
    CHECK(st.firstHeader.left == "{publication}");
    CHECK(st.firstHeader.text.fontSize == doctest::Approx(8));
}

TEST_CASE("first-page header follows header changes made by a derived style") {
    TempDir t;
    t.write("base.yaml", kFonts +
                             "header: {left: '{publication}', right: '{section}', font-size: 8pt, distance: 10mm}\n"
                             "first-page: {header: {right: '{date}'}}\n");
    std::string d = t.write("d.yaml", "extends: base.yaml\nheader: {left: '{title}', font-size: 7pt, distance: 8mm}\n");
    auto st = style::loadStyle(d);
    CHECK(st.firstHeader.right == "{date}");
    CHECK(st.firstHeader.left == "{title}");
    CHECK(st.firstHeader.text.fontSize == doctest::Approx(7));
    CHECK(st.firstHeader.distance == doctest::Approx(8 * kPtPerMm));
}

TEST_CASE("verso header and footer: mirrored by default, overlays on top") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts +
                                          "header: {left: L, center: C, right: R, font-size: 8pt}\n"
                                          "footer: {left: '{page}', right: '{title}'}\n"
                                          "verso:\n"
                                          "  footer: {right: '{section}'}\n");
    auto st = style::loadStyle(f);
    CHECK(st.versoHeader.left == "R");
    CHECK(st.versoHeader.center == "C");
    CHECK(st.versoHeader.right == "L");
    CHECK(st.versoHeader.text.fontSize == doctest::Approx(8));
    CHECK(st.versoFooter.left == "{title}");
    CHECK(st.versoFooter.right == "{section}");
    // The recto header is untouched, and the first page does not mirror.
    CHECK(st.header.left == "L");
    CHECK(st.firstHeader.left == "L");

    auto bad = styleError(t.write("bad.yaml", kFonts + "verso:\n  header: {lfet: x}\n"));
    REQUIRE(bad);
    CHECK(contains(bad->message, "verso.header.lfet"));
    CHECK(bad->hint == "did you mean 'left'?");
    CHECK(bad->pos.line == 6);
    auto badFirst = styleError(t.write("bad2.yaml", kFonts + "first-page: {footer: {distance: 3px}}\n"));
    REQUIRE(badFirst);
    CHECK(contains(badFirst->message, "first-page.footer.distance"));
}

TEST_CASE("label() falls back zh-Hant-HK -> zh-Hant -> en") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts +
                                          "labels:\n"
                                          "  notes: {en: Notes, zh-Hant: 註釋}\n"
                                          "  about-author: {en: About the author}\n");
    auto st = style::loadStyle(f);
    CHECK(st.label("notes", *Lang::parse("zh-Hant-HK")) == "註釋");
    CHECK(st.label("notes", *Lang::parse("zh-Hant")) == "註釋");
    CHECK(st.label("notes", *Lang::parse("zh-Hans")) == "Notes");
    CHECK(st.label("notes", *Lang::parse("en")) == "Notes");
    CHECK(st.label("about-author", *Lang::parse("zh-Hant-HK")) == "About the author");
    CHECK(st.label("about-authors", *Lang::parse("en")) == "");
}

TEST_CASE("date-format keys are languages") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts + "date-format: {en: '{day}/{month}/{year}', zh-Hant-HK: '{year}年'}\n");
    auto st = style::loadStyle(f);
    CHECK(st.dateFormat.at("en") == "{day}/{month}/{year}");
    CHECK(st.dateFormat.at("zh-Hant-HK") == "{year}年");
    CHECK(st.dateFormat.count("zh-Hans") == 0);

    std::string bad = t.write("bad.yaml", kFonts + "date-format:\n  en: x\n  fr: y\n");
    auto d = styleError(bad);
    REQUIRE(d);
    CHECK(contains(d->message, "date-format.fr"));
    CHECK(d->pos.line == 7);
}

// ---------------------------------------------------------------------------------------------
// Validation

TEST_CASE("an unknown key names its path and line, with a suggestion") {
    TempDir t;
    std::string f = t.write("s.yaml", kFonts +
                                          "body:\n"
                                          "  font-size: 10pt\n"
                                          "  font-sise: 11pt\n");
    auto d = styleError(f);
    REQUIRE(d);
    CHECK(d->severity == Severity::Error);
    CHECK(d->file == f);
    CHECK(contains(d->message, "'body.font-sise'"));
    CHECK(d->pos.line == 7);
    CHECK(d->pos.col == 3);
    CHECK(d->hint == "did you mean 'font-size'?");
}

TEST_CASE("unknown keys: top level, nested page keys, and no close match") {
    TempDir t;
    auto top = styleError(t.write("a.yaml", kFonts + "bodyy: {font-size: 10pt}\n"));
    REQUIRE(top);
    CHECK(contains(top->message, "'bodyy'"));
    CHECK(top->hint == "did you mean 'body'?");
    CHECK(top->pos.line == 5);

    auto margin = styleError(t.write("b.yaml", kFonts + "page:\n  margin: {top: 1cm, botom: 1cm}\n"));
    REQUIRE(margin);
    CHECK(contains(margin->message, "page.margin.botom"));
    CHECK(margin->hint == "did you mean 'bottom'?");
    CHECK(margin->pos.line == 6);

    auto far = styleError(t.write("c.yaml", kFonts + "body: {zzzzzzzzzz: 1}\n"));
    REQUIRE(far);
    CHECK(contains(far->message, "body.zzzzzzzzzz"));
    CHECK(contains(far->hint, "font-size"));  // lists the known keys instead

    auto fontKey = styleError(t.write("d.yaml", "fonts: {serif: {latin: X, zh-Hnas: Y}}\n"));
    REQUIRE(fontKey);
    CHECK(contains(fontKey->message, "fonts.serif.zh-Hnas"));
}

TEST_CASE("bad values are errors naming the key") {
    TempDir t;
    SUBCASE("length with an unknown unit") {
        auto d = styleError(t.write("s.yaml", kFonts + "body: {font-size: 10px}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "body.font-size"));
        CHECK(contains(d->message, "10px"));
        CHECK(d->pos.line == 5);
        CHECK_FALSE(d->hint.empty());
    }
    SUBCASE("negative length") {
        auto d = styleError(t.write("s.yaml", kFonts + "body: {space-after: -2pt}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "body.space-after"));
    }
    SUBCASE("length without a unit") {
        CHECK(styleError(t.write("s.yaml", kFonts + "body: {space-after: 12}\n")));
    }
    SUBCASE("line-height factor must be positive") {
        CHECK(styleError(t.write("s.yaml", kFonts + "body: {line-height: -1.5}\n")));
        CHECK(styleError(t.write("s2.yaml", kFonts + "body: {line-height: abc}\n")));
    }
    SUBCASE("colour") {
        auto d = styleError(t.write("s.yaml", kFonts + "title: {color: '#12345'}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "title.color"));
        CHECK(styleError(t.write("s2.yaml", kFonts + "title: {color: red}\n")));
        CHECK(styleError(t.write("s3.yaml", kFonts + "title: {color: '#ggg'}\n")));
        auto ok = style::loadStyle(t.write("s4.yaml", kFonts + "title: {color: '#f00', rule-color: white}\n"));
        CHECK(ok.element("title").color == style::Color{1, 0, 0});
        CHECK(ok.element("title").ruleColor == style::Color{1, 1, 1});
    }
    SUBCASE("page size") {
        auto d = styleError(t.write("s.yaml", kFonts + "page: {size: A3}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "A3"));
        CHECK(d->pos.line == 5);
        CHECK(styleError(t.write("s2.yaml", kFonts + "page: {size: [150mm]}\n")));
        CHECK(styleError(t.write("s3.yaml", kFonts + "page: {size: [150mm, 20mm]}\n")));  // under 1in
        CHECK(styleError(t.write("s4.yaml", kFonts + "page: {size: [10em, 20em]}\n")));
    }
    SUBCASE("columns") {
        auto d = styleError(t.write("s.yaml", kFonts + "page: {columns: 0}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "page.columns"));
        CHECK(styleError(t.write("s2.yaml", kFonts + "page: {columns: 5}\n")));
        CHECK(styleError(t.write("s3.yaml", kFonts + "page: {columns: two}\n")));
        CHECK(style::loadStyle(t.write("s4.yaml", kFonts + "page: {columns: 3}\n")).page.columns == 3);
    }
    SUBCASE("choices") {
        auto d = styleError(t.write("s.yaml", kFonts + "body: {align: justified}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "body.align"));
        CHECK(contains(d->hint, "justify"));
        CHECK(styleError(t.write("s2.yaml", kFonts + "body: {font: fantasy}\n")));
        CHECK(styleError(t.write("s3.yaml", kFonts + "page: {facing: maybe}\n")));
    }
    SUBCASE("em where it cannot apply") {
        CHECK(styleError(t.write("s.yaml", kFonts + "body: {font-size: 1em}\n")));
        CHECK(styleError(t.write("s2.yaml", kFonts + "page: {margin: 2em}\n")));
    }
    SUBCASE("margins that leave no room") {
        CHECK(styleError(t.write("s.yaml", kFonts + "page: {size: A5, margin: {inner: 70mm, outer: 70mm}}\n")));
    }
    SUBCASE("a missing font set") {
        auto d = styleError(t.write("s.yaml", "fonts: {serif: {latin: Noto Serif}, sans: {latin: Noto Sans}}\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "mono"));
    }
    SUBCASE("malformed YAML") {
        auto d = styleError(t.write("s.yaml", kFonts + "body: {font-size: 10pt\n"));
        REQUIRE(d);
        CHECK(contains(d->message, "malformed"));
    }
}

TEST_CASE("extends: cycles and missing targets") {
    TempDir t;
    SUBCASE("two files extending each other") {
        std::string a = t.write("a.yaml", "extends: b.yaml\n" + kFonts);
        t.write("b.yaml", "extends: a.yaml\n");
        auto d = styleError(a);
        REQUIRE(d);
        CHECK(contains(d->message, "cycle"));
        CHECK(d->pos.line == 1);
    }
    SUBCASE("a file extending itself") {
        std::string a = t.write("self.yaml", kFonts + "extends: ./self.yaml\n");
        auto d = styleError(a);
        REQUIRE(d);
        CHECK(contains(d->message, "cycle"));
        CHECK(d->pos.line == 5);
    }
    SUBCASE("a missing target") {
        std::string a = t.write("a.yaml", kFonts + "extends: nothere.yaml\n");
        auto d = styleError(a);
        REQUIRE(d);
        CHECK(contains(d->message, "nothere.yaml"));
        CHECK(d->file == a);
        CHECK(d->pos.line == 5);
        CHECK(styleError(t.write("b.yaml", kFonts + "extends: no-such-shipped-style\n")));
    }
    SUBCASE("an error in the base names the base file") {
        std::string base = t.write("base.yaml", kFonts + "body: {colour: red}\n");
        std::string d = t.write("d.yaml", "extends: base.yaml\n");
        auto e = styleError(d);
        REQUIRE(e);
        CHECK(e->file == base);
        CHECK(e->pos.line == 5);
        CHECK(e->hint == "did you mean 'color'?");
    }
}

// A zero font size is not a size: every em length and the Han-Latin space (stored per em of the
// body size) would divide by it.
TEST_CASE("a zero body font size is rejected") {
    TempDir t;
    auto d = styleError(t.write("s.yaml", kFonts + "body: {font-size: 0pt}\n"));
    REQUIRE(d);
    CHECK(contains(d->message, "body.font-size"));
    CHECK(d->pos.line == 5);
}

// style.h: "an unknown key or a bad value is an error naming the key path and its line".
TEST_CASE("em values where em cannot apply are errors with the key path and line") {
    TempDir t;
    auto margin = styleError(t.write("s.yaml", kFonts + "page:\n  margin: {top: 2em}\n"));
    REQUIRE(margin);
    CHECK(contains(margin->message, "page.margin.top"));
    CHECK(margin->pos.line == 6);
    auto body = styleError(t.write("s2.yaml", kFonts + "body:\n  font-size: 1em\n"));
    REQUIRE(body);
    CHECK(contains(body->message, "body.font-size"));
    CHECK(body->pos.line == 6);
}

TEST_CASE("pdf: tagged and standard, inherited key by key, bad values with their line") {
    TempDir t;
    const style::Style plain = style::loadStyle(t.write("plain.yaml", kFonts));
    CHECK(plain.pdf.tagged);
    CHECK(plain.pdf.pdfa == style::PdfA::None);
    CHECK(style::loadStyle("briefing").pdf.tagged);

    const style::Style a = style::loadStyle(t.write("a.yaml", kFonts + "pdf: {standard: pdf/a-2u}\n"));
    CHECK(a.pdf.tagged);
    CHECK(a.pdf.pdfa == style::PdfA::A2u);
    const style::Style b = style::loadStyle(t.write("b.yaml", "extends: a.yaml\npdf:\n  tagged: false\n"));
    CHECK_FALSE(b.pdf.tagged);
    CHECK(b.pdf.pdfa == style::PdfA::A2u);  // kept from the base
    CHECK(style::loadStyle(t.write("c.yaml", "extends: b.yaml\npdf: {standard: pdf/a-2b}\n")).pdf.pdfa == style::PdfA::A2b);
    CHECK(style::loadStyle(t.write("d.yaml", "extends: a.yaml\npdf: {standard: none}\n")).pdf.pdfa == style::PdfA::None);

    auto unknown = styleError(t.write("e.yaml", kFonts + "pdf:\n  taged: false\n"));
    REQUIRE(unknown);
    CHECK(contains(unknown->message, "'pdf.taged'"));
    CHECK(unknown->hint == "did you mean 'tagged'?");
    CHECK(unknown->pos.line == 6);
    CHECK(unknown->pos.col == 3);
    auto standard = styleError(t.write("f.yaml", kFonts + "pdf:\n  standard: pdf/a-1b\n"));
    REQUIRE(standard);
    CHECK(contains(standard->message, "pdf.standard"));
    CHECK(contains(standard->hint, "pdf/a-2u"));
    CHECK(standard->pos.line == 6);
    auto tagged = styleError(t.write("g.yaml", kFonts + "pdf: {tagged: sometimes}\n"));
    REQUIRE(tagged);
    CHECK(contains(tagged->message, "pdf.tagged"));
    CHECK(styleError(t.write("h.yaml", kFonts + "pdf: pdf/a-2b\n")));  // not a map
}

TEST_CASE("edition: dictionaries relative to the style file that names them, replaced by an extending style, none, missing ones errors") {
    TempDir t;
    const std::string d1 = t.write("one.yaml", "phrases: {}\n"), d2 = t.write("two.yaml", "phrases: {}\n");
    CHECK(style::loadStyle(t.write("plain.yaml", kFonts)).edition.dictionaries.empty());
    const style::Style a = style::loadStyle(t.write("a.yaml", kFonts + "edition:\n  dictionary: one.yaml\n"));
    REQUIRE(a.edition.dictionaries.size() == 1);
    CHECK(std::filesystem::equivalent(a.edition.dictionaries[0], d1));
    const style::Style b = style::loadStyle(t.write("b.yaml", "extends: a.yaml\nedition: {quotes: curly}\n"));
    CHECK(b.edition.dictionaries == a.edition.dictionaries);  // kept from the base
    CHECK(b.edition.quotes == style::EditionQuotes::Curly);
    const style::Style c = style::loadStyle(t.write("c.yaml", "extends: a.yaml\nedition: {dictionary: [one.yaml, two.yaml]}\n"));
    REQUIRE(c.edition.dictionaries.size() == 2);
    CHECK(std::filesystem::equivalent(c.edition.dictionaries[1], d2));
    CHECK(style::loadStyle(t.write("d.yaml", "extends: a.yaml\nedition: {dictionary: none}\n")).edition.dictionaries.empty());
    // The shipped styles name the shipped default; a style extending them inherits it.
    const style::Style q = style::loadStyle("quarterly");
    REQUIRE(q.edition.dictionaries.size() == 1);
    CHECK(contains(q.edition.dictionaries[0], "dictionaries/zh-editions.yaml"));
    CHECK(std::filesystem::exists(q.edition.dictionaries[0]));

    auto missing = styleError(t.write("e.yaml", kFonts + "edition:\n  dictionary: [one.yaml, nowhere.yaml]\n"));
    REQUIRE(missing);
    CHECK(contains(missing->message, "edition dictionary 'nowhere.yaml' not found"));
    CHECK(missing->pos.line == 6);
    auto unknown = styleError(t.write("f.yaml", kFonts + "edition:\n  dictionnary: one.yaml\n"));
    REQUIRE(unknown);
    CHECK(unknown->hint == "did you mean 'dictionary'?");
}

TEST_CASE("cjk.tate-chu-yoko: digits and the marks that join them; bad values at their line") {
    TempDir t;
    const style::Style plain = style::loadStyle(t.write("plain.yaml", kFonts));
    CHECK(plain.cjk.tateChuYokoDigits == 3);
    CHECK(plain.cjk.tateChuYokoWith.empty());
    const style::Style v = style::loadStyle("vertical");
    CHECK(v.page.vertical());
    CHECK(v.cjk.tateChuYokoWith == "%");
    const style::Style a = style::loadStyle(t.write("a.yaml", kFonts + "cjk:\n  tate-chu-yoko: {digits: 2, with: \"%％\"}\n"));
    CHECK(a.cjk.tateChuYokoDigits == 2);
    CHECK(a.cjk.tateChuYokoWith == "%％");
    auto bad = styleError(t.write("b.yaml", kFonts + "cjk:\n  tate-chu-yoko:\n    digits: 5\n"));
    REQUIRE(bad);
    CHECK(bad->pos.line == 7);
    auto mode = styleError(t.write("c.yaml", kFonts + "page:\n  writing-mode: ttb\n"));
    REQUIRE(mode);
    CHECK(contains(mode->hint, "vertical-rl"));
}
