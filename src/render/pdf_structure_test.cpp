// Tagged PDF from our writer, read back with qpdf: object streams, the structure tree from the
// page model, marked content and the parent tree agreeing, languages, link annotations, soft
// hyphens, and nothing of it when tags are off.
#include <doctest/doctest.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "layout/article.h"
#include "parse/article.h"
#include "render/pdf_structure.h"
#include "render/pdf_syntax.h"
#include "render/render.h"
#include "text/engine.h"

using namespace inkstone;
namespace fs = std::filesystem;

TEST_CASE("PDF syntax: packed objects go into object streams, found through a cross-reference stream") {
    using namespace render::pdf;
    ObjectFile w;
    const int pages = w.reserve(), catalog = w.reserve(), info = w.reserve(), page = w.reserve();
    std::vector<int> small;
    for (int i = 0; i < 450; ++i) {  // three object streams
        small.push_back(w.reserve());
        w.packed(small.back(), "<< /N " + std::to_string(i) + " /S (" + std::string(static_cast<size_t>(i % 7), 'x') + ") >>");
    }
    w.object(page, "<< /Type /Page /Parent " + ObjectFile::ref(pages) + " /MediaBox [0 0 100 100] >>");
    w.object(pages, "<< /Type /Pages /Kids [" + ObjectFile::ref(page) + "] /Count 1 >>");
    w.packed(catalog, "<< /Type /Catalog /Pages " + ObjectFile::ref(pages) + " /Extra " + ObjectFile::ref(small[300]) + " >>");
    w.object(info, "<< /Title (T) >>");
    const std::string bytes = w.finish(catalog, info);
    QPDF pdf;
    pdf.processMemoryFile("t.pdf", bytes.data(), bytes.size());
    CHECK_FALSE(pdf.anyWarnings());
    CHECK(pdf.getAllPages().size() == 1);
    CHECK(pdf.getRoot().getKey("/Extra").getKey("/N").getIntValue() == 300);
    for (int i : {0, 199, 200, 449})
        CHECK(pdf.getObjectByID(small[static_cast<size_t>(i)], 0).getKey("/N").getIntValue() == i);
    CHECK(pdf.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value() == "T");
}

namespace {

struct Tagged {
    QPDF pdf;
    std::string path;
    ~Tagged() {
        std::error_code ec;
        fs::remove(path, ec);
    }
};

// `md` laid out in the briefing style and written by our writer, read back.
void write(const std::string& md, Tagged& out, bool tagged = true) {
    text::TextEngine engine;
    DiagnosticSink sink(false);
    auto doc = parse::parseArticle(md, "t.md", sink);
    auto paged = layout::layoutArticle(doc, style::loadStyle("briefing"), engine, sink);
    paged.info.tagged = tagged;
    out.path = (fs::temp_directory_path() / ("inkstone-tags-" + std::to_string(::getpid()) + ".pdf")).string();
    render::writePdf(paged, out.path);
    out.pdf.processFile(out.path.c_str());
}

std::string bufferText(QPDFObjectHandle stream) {
    auto b = stream.getStreamData();
    return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
}

// The marked-content sequences of a page's content: their tags and property lists, in order.
std::vector<std::pair<std::string, std::string>> marks(QPDFObjectHandle page) {
    std::vector<std::pair<std::string, std::string>> out;
    const std::string c = bufferText(page.getKey("/Contents"));
    // Our writer puts each BDC on a line of its own: "/P <</MCID 3>> BDC".
    std::istringstream in(c);
    for (std::string line; std::getline(in, line);) {
        if (line.size() < 4 || line.compare(line.size() - 4, 4, " BDC") != 0) continue;
        const size_t space = line.find(' ');
        out.emplace_back(line.substr(0, space), line.substr(space + 1, line.size() - 4 - space - 1));
    }
    return out;
}

int mcidOf(const std::string& props) {
    std::smatch m;
    return std::regex_search(props, m, std::regex(R"(/MCID (\d+))")) ? std::stoi(m[1]) : -1;
}

// Every element of the tree, depth first.
void walk(QPDFObjectHandle e, std::vector<QPDFObjectHandle>& out) {
    if (!e.isDictionary()) return;
    out.push_back(e);
    QPDFObjectHandle k = e.getKey("/K");
    if (k.isArray())
        for (int i = 0; i < k.getArrayNItems(); ++i) walk(k.getArrayItem(i), out);
    else walk(k, out);
}

std::string role(QPDFObjectHandle e) { return e.getKey("/S").isName() ? e.getKey("/S").getName().substr(1) : ""; }

}  // namespace

TEST_CASE("Tagged PDF: the page model's tree, every MCID in it once, links and notes, languages, soft hyphens") {
    const std::string md =
        "---\ntitle: Tagged\nlang: en\n---\n"
        "## A heading\n\n"
        "A paragraph with [a link](https://example.org) and a note.[^n] The hinterland's reinsurance "
        "intermediaries, notwithstanding counterintuitive countercyclical considerations, internationalised "
        "their undercapitalised subsidiaries; [中文詞語]{lang=zh-Hant} stays Chinese. "
        "Electroencephalographically, incomprehensibilities notwithstanding, the characteristically "
        "uncharacteristic interdisciplinarity reinstitutionalised itself.\n\n"
        "- one\n- two\n\n"
        "| A | B |\n|--|--|\n| 1 | 2 |\n\n"
        "[^n]: The note.\n";
    Tagged t;
    write(md, t);
    QPDF& pdf = t.pdf;
    QPDFObjectHandle root = pdf.getRoot();
    CHECK(root.getKey("/MarkInfo").getKey("/Marked").getBoolValue());
    CHECK(root.getKey("/Lang").getUTF8Value() == "en");
    CHECK(root.getKey("/ViewerPreferences").getKey("/DisplayDocTitle").getBoolValue());
    QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
    REQUIRE(tree.isDictionary());
    std::vector<QPDFObjectHandle> elements;
    walk(tree.getKey("/K"), elements);
    REQUIRE(!elements.empty());
    CHECK(role(elements[0]) == "Document");
    std::multiset<std::string> roles;
    for (auto& e : elements) roles.insert(role(e));
    for (const char* r : {"Art", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Link", "Note",
                          "Reference"})
        CHECK_MESSAGE(roles.count(r) > 0, std::string(r));
    for (auto& e : elements) {
        if (role(e) == "TH") CHECK(e.getKey("/A").getKey("/Scope").getName() == "/Column");
        if (role(e) == "Note") CHECK(e.getKey("/ID").isString());
    }

    // Each page's MCIDs are 0..n-1, each once, and the parent tree's array for the page names
    // the element whose /K holds it.
    QPDFNumberTreeObjectHelper parents(tree.getKey("/ParentTree"), pdf);
    std::map<std::pair<int, int>, int> owner;  // (page object, MCID) -> element object
    for (auto& e : elements) {
        QPDFObjectHandle k = e.getKey("/K");
        const int pg = e.getKey("/Pg").isIndirect() ? e.getKey("/Pg").getObjectID() : 0;
        std::vector<QPDFObjectHandle> kids;
        if (k.isArray()) kids = k.getArrayAsVector();
        else kids.push_back(k);
        for (QPDFObjectHandle kid : kids) {
            if (kid.isInteger()) owner[{pg, kid.getIntValueAsInt()}] = e.getObjectID();
            else if (kid.isDictionary() && kid.getKey("/Type").isNameAndEquals("/MCR"))
                owner[{kid.getKey("/Pg").getObjectID(), kid.getKey("/MCID").getIntValueAsInt()}] = e.getObjectID();
        }
    }
    int mcids = 0, langs = 0, hyphens = 0, annotations = 0;
    for (QPDFObjectHandle page : pdf.getAllPages()) {
        const auto ms = marks(page);
        std::vector<int> seen;
        for (const auto& [tag, props] : ms) {
            const int id = mcidOf(props);
            if (tag == "/Artifact") {
                CHECK(id < 0);
                continue;
            }
            REQUIRE(id >= 0);
            seen.push_back(id);
            if (props.find("/Lang (zh-Hant)") != std::string::npos) ++langs;
            if (props.find("/ActualText <FEFF00AD>") != std::string::npos) {
                CHECK(tag == "/Span");
                ++hyphens;
            }
        }
        for (size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == static_cast<int>(i));
        mcids += static_cast<int>(seen.size());
        if (seen.empty()) continue;
        QPDFObjectHandle arr;
        REQUIRE(parents.findObject(page.getKey("/StructParents").getIntValue(), arr));
        REQUIRE(arr.getArrayNItems() == static_cast<int>(seen.size()));
        for (int i = 0; i < arr.getArrayNItems(); ++i)
            CHECK(owner[{page.getObjectID(), i}] == arr.getArrayItem(i).getObjectID());
        CHECK(page.getKey("/Tabs").getName() == "/S");
        QPDFObjectHandle annots = page.getKey("/Annots");
        for (int i = 0; annots.isArray() && i < annots.getArrayNItems(); ++i) {
            QPDFObjectHandle a = annots.getArrayItem(i);
            ++annotations;
            CHECK(a.getKey("/Contents").isString());
            CHECK((a.getKey("/F").getIntValue() & 4) == 4);
            QPDFObjectHandle e;
            REQUIRE(parents.findObject(a.getKey("/StructParent").getIntValue(), e));
            CHECK((role(e) == "Link" || role(e) == "Reference"));
            bool objr = false;
            QPDFObjectHandle k = e.getKey("/K");
            std::vector<QPDFObjectHandle> kids;
            if (k.isArray()) kids = k.getArrayAsVector();
            else kids.push_back(k);
            for (QPDFObjectHandle kid : kids)
                objr = objr || (kid.isDictionary() && kid.getKey("/Obj").getObjectID() == a.getObjectID());
            CHECK(objr);
        }
    }
    CHECK(mcids > 10);
    CHECK(static_cast<int>(owner.size()) == mcids);  // every MCID in the tree exactly once
    CHECK(langs >= 1);
    // A hyphen the line break added reads as U+00AD: by its glyph's ToUnicode, or by /ActualText
    // where the glyph is the font's hyphen-minus.
    int softInToUnicode = 0;
    for (QPDFObjectHandle page : pdf.getAllPages())
        for (auto& [name, font] : page.getKey("/Resources").getKey("/Font").getDictAsMap())
            if (font.getKey("/ToUnicode").isStream() && bufferText(font.getKey("/ToUnicode")).find("<00AD>") != std::string::npos)
                ++softInToUnicode;
    CHECK(softInToUnicode + hyphens >= 1);
    CHECK(annotations >= 2);  // the link and the note reference
}

TEST_CASE("Tagged PDF: off, there is no tree, no marked content, no PDF/UA claim") {
    Tagged t;
    write("---\ntitle: Plain\n---\nA paragraph with [a link](https://example.org).\n", t, false);
    CHECK_FALSE(t.pdf.getRoot().hasKey("/StructTreeRoot"));
    CHECK_FALSE(t.pdf.getRoot().hasKey("/MarkInfo"));
    for (QPDFObjectHandle page : t.pdf.getAllPages()) CHECK(marks(page).empty());
    const std::string xmp = bufferText(t.pdf.getRoot().getKey("/Metadata"));
    CHECK(xmp.find("pdfuaid") == std::string::npos);
}

TEST_CASE("PageTags: a node's runs share a sequence; another language, node or an artifact starts one; text sequences nest in text objects") {
    using namespace render::pdf;
    FontCollector fonts;
    ContentStream cs(fonts);
    PageTags tags(cs, true);
    const style::Color black{0, 0, 0};
    tags.content(3, layout::Role::P, std::nullopt, true);
    tags.content(3, layout::Role::P, std::nullopt, true);  // the next line of the paragraph: the same
    tags.content(3, layout::Role::P, Lang(Lang::Script::Hant), true);
    tags.softHyphen(3);
    tags.content(5, layout::Role::Link, std::nullopt, true);
    tags.artifact(layout::Artifact::Rule);  // not text: the text object ends first
    cs.rect(black, 0, 0, 10, 1);
    tags.artifact(layout::Artifact::Leader);  // layout artifacts of any kind share one
    tags.artifact(layout::Artifact::Folio, true);
    tags.close();
    const std::string c = cs.finish();
    CHECK(c ==
          "BT\n/P <</MCID 0>> BDC\nEMC\n"
          "/P <</MCID 1 /Lang (zh-Hant)>> BDC\nEMC\n"
          "/Span <</MCID 2 /ActualText <FEFF00AD>>> BDC\nEMC\n"
          "/Link <</MCID 3>> BDC\nEMC\nET\n"
          "/Artifact BMC\n0 0 0 rg\n0 0 10 1 re f\nEMC\n"
          "BT\n/Artifact <</Type /Pagination>> BDC\nEMC\nET\n");
    CHECK(tags.mcids == std::vector<int>{3, 3, 3, 5});

    FontCollector f2;
    ContentStream off(f2);
    PageTags none(off, false);
    none.content(3, layout::Role::P, std::nullopt, true);
    none.artifact(layout::Artifact::Folio);
    none.close();
    CHECK(off.finish().empty());
    CHECK(none.mcids.empty());
}
