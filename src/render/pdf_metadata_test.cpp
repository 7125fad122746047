// The metadata of our PDFs (pdf_metadata): the information dictionary, the XMP packet (read back
// with GLib's XML parser), the claims by the output's flags, and the ICC profile reader.
#include <doctest/doctest.h>

#include <glib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "render/pdf_metadata.h"
#include "render/pdf_syntax.h"

using namespace inkstone;
using namespace inkstone::render::pdf;
namespace fs = std::filesystem;

namespace {

layout::DocInfo sampleInfo() {
    layout::DocInfo info;
    info.title = "Water & power";
    info.author = "Ada Lovelace and Li Wei";
    info.subject = "A summary";
    info.keywords = "water, power";
    info.lang = "en";
    info.creator = "inkstone 0.1.0";
    info.createDate = "2026-03-31T08:05:09";
    return info;
}

// The packet as read by an XML parser: whether it is well formed, the text of every element by
// its path of names ("x:xmpmeta/rdf:RDF/rdf:Description/dc:title/rdf:Alt/rdf:li"), the number
// of rdf:Description elements, and the xml:lang attributes seen.
struct Parsed {
    bool ok = false;
    std::string error;
    std::multimap<std::string, std::string> text;
    int descriptions = 0;
    int processingInstructions = 0;
    std::vector<std::string> langs;
};

struct ParseState {
    Parsed* out;
    std::vector<std::string> path;
    std::vector<std::string> texts;
};

Parsed parseXml(const std::string& xml) {
    Parsed result;
    ParseState st{&result, {}, {}};
    GMarkupParser parser{};
    parser.start_element = [](GMarkupParseContext*, const gchar* name, const gchar** attrNames, const gchar** attrValues,
                              gpointer data, GError**) {
        auto* s = static_cast<ParseState*>(data);
        s->path.emplace_back(name);
        s->texts.emplace_back();
        if (std::string(name) == "rdf:Description") ++s->out->descriptions;
        for (int i = 0; attrNames[i]; ++i)
            if (std::string(attrNames[i]) == "xml:lang") s->out->langs.emplace_back(attrValues[i]);
    };
    parser.end_element = [](GMarkupParseContext*, const gchar*, gpointer data, GError**) {
        auto* s = static_cast<ParseState*>(data);
        std::string p;
        for (const auto& n : s->path) p += (p.empty() ? "" : "/") + n;
        s->out->text.emplace(p, s->texts.back());
        s->path.pop_back();
        s->texts.pop_back();
    };
    parser.text = [](GMarkupParseContext*, const gchar* text, gsize len, gpointer data, GError**) {
        auto* s = static_cast<ParseState*>(data);
        if (!s->texts.empty()) s->texts.back().append(text, len);
    };
    parser.passthrough = [](GMarkupParseContext*, const gchar* text, gsize len, gpointer data, GError**) {
        if (std::string(text, len).rfind("<?xpacket", 0) == 0) ++static_cast<ParseState*>(data)->out->processingInstructions;
    };
    GMarkupParseContext* ctx = g_markup_parse_context_new(&parser, GMarkupParseFlags(0), &st, nullptr);
    GError* err = nullptr;
    result.ok = g_markup_parse_context_parse(ctx, xml.data(), static_cast<gssize>(xml.size()), &err) &&
                g_markup_parse_context_end_parse(ctx, &err);
    if (err) {
        result.error = err->message;
        g_error_free(err);
    }
    g_markup_parse_context_free(ctx);
    return result;
}

const std::string kRoot = "x:xmpmeta/rdf:RDF/rdf:Description/";

// The one text at `path` under an rdf:Description; nullopt when absent (fails when repeated).
std::optional<std::string> value(const Parsed& p, const std::string& path) {
    auto [a, b] = p.text.equal_range(kRoot + path);
    if (a == b) return std::nullopt;
    CHECK(std::next(a) == b);
    return a->second;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("PDF metadata: the information dictionary") {
    CHECK(infoDictionary(sampleInfo()) ==
          "<< /Producer (inkstone native writer) /Creator (inkstone 0.1.0) /Title (Water & power) /Author (Ada "
          "Lovelace and Li Wei) /Subject (A summary) /Keywords (water, power) /CreationDate (D:20260331080509Z) "
          "/ModDate (D:20260331080509Z) >>");
    layout::DocInfo bare;
    bare.title = "中文";
    CHECK(infoDictionary(bare) == "<< /Producer (inkstone native writer) /Creator () /Title <FEFF4E2D6587> >>");
}

TEST_CASE("PDF metadata: the XMP packet says what the information dictionary says") {
    const layout::DocInfo info = sampleInfo();
    const std::string xmp = xmpMetadata(info);
    CHECK(xmp.rfind("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>", 0) == 0);
    CHECK(xmp.size() >= 19);
    CHECK(xmp.substr(xmp.size() - 19) == "<?xpacket end=\"w\"?>");
    const Parsed p = parseXml(xmp);
    INFO(p.error);
    REQUIRE(p.ok);
    CHECK(p.processingInstructions == 2);
    CHECK(value(p, "dc:format") == "application/pdf");
    CHECK(value(p, "dc:title/rdf:Alt/rdf:li") == info.title);
    CHECK(value(p, "dc:creator/rdf:Seq/rdf:li") == info.author);  // one entry: the whole /Author
    CHECK(value(p, "dc:description/rdf:Alt/rdf:li") == info.subject);
    CHECK(value(p, "dc:language/rdf:Bag/rdf:li") == "en");
    CHECK(value(p, "pdf:Keywords") == info.keywords);
    CHECK(value(p, "pdf:Producer") == kProducer);
    CHECK(contains(infoDictionary(info), std::string("/Producer (") + kProducer + ")"));
    CHECK(value(p, "xmp:CreatorTool") == info.creator);
    CHECK(p.langs == std::vector<std::string>{"x-default", "x-default"});
    // The dates: the instant of the Info dictionary's "D:" dates.
    const std::string d = date(info.createDate);
    CHECK(d == "D:20260331080509Z");
    CHECK(contains(infoDictionary(info), "/CreationDate (" + d + ") /ModDate (" + d + ")"));
    for (const char* key : {"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"}) {
        CAPTURE(key);
        CHECK(value(p, key) == "2026-03-31T08:05:09Z");
    }
    // Deterministic.
    CHECK(xmpMetadata(info) == xmp);
}

TEST_CASE("PDF metadata: what is not set is left out on both sides") {
    layout::DocInfo info;
    info.title = "T";
    info.creator = "c";
    const Parsed p = parseXml(xmpMetadata(info));
    REQUIRE(p.ok);
    CHECK(value(p, "dc:title/rdf:Alt/rdf:li") == "T");
    for (const char* key : {"dc:creator/rdf:Seq/rdf:li", "dc:description/rdf:Alt/rdf:li", "dc:language/rdf:Bag/rdf:li",
                            "pdf:Keywords", "xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"}) {
        CAPTURE(key);
        CHECK_FALSE(value(p, key));
    }
    const std::string dict = infoDictionary(info);
    for (const char* key : {"/Author", "/Subject", "/Keywords", "/CreationDate", "/ModDate"}) CHECK_FALSE(contains(dict, key));
    // A date without a time is no date for either (pdf::date's rule).
    info.createDate = "2026-03-31";
    CHECK_FALSE(value(parseXml(xmpMetadata(info)), "xmp:CreateDate"));
    CHECK_FALSE(contains(infoDictionary(info), "/CreationDate"));
    // An empty title is still a title (the dictionary always has one).
    info.title.clear();
    CHECK(value(parseXml(xmpMetadata(info)), "dc:title/rdf:Alt/rdf:li") == "");
}

TEST_CASE("PDF metadata: values are escaped, Chinese kept, characters XML forbids replaced") {
    layout::DocInfo info = sampleInfo();
    info.title = "R&D <\"quoted\"> 'single' 水资源与电力";
    info.author = "王小明、李华 & <co>";
    info.subject = "line one\nline two\r\ttab";
    info.keywords = std::string("bell\x07") + "nul" + std::string(1, '\0') + "end";
    info.lang = "zh-Hans";
    const std::string xmp = xmpMetadata(info);
    CHECK(contains(xmp, "R&amp;D &lt;&quot;quoted&quot;&gt; &apos;single&apos; 水资源与电力"));
    CHECK_FALSE(contains(xmp, std::string(1, '\0')));
    CHECK_FALSE(contains(xmp, "\x07"));
    const Parsed p = parseXml(xmp);
    INFO(p.error);
    REQUIRE(p.ok);
    CHECK(value(p, "dc:title/rdf:Alt/rdf:li") == info.title);
    CHECK(value(p, "dc:creator/rdf:Seq/rdf:li") == info.author);
    CHECK(value(p, "dc:description/rdf:Alt/rdf:li") == info.subject);  // the carriage return kept
    CHECK(value(p, "pdf:Keywords") == "bell\xEF\xBF\xBDnul\xEF\xBF\xBD" "end");
    CHECK(value(p, "dc:language/rdf:Bag/rdf:li") == "zh-Hans");

    // Malformed UTF-8: a stray continuation byte, a truncated sequence, an overlong form and a
    // surrogate each become U+FFFD; what follows them is kept.
    info.title = "a\x80" "b\xE6\xB0" "c\xC0\xAF" "d\xED\xA0\x80" "e\xEF\xBF\xBE" "f";
    const Parsed bad = parseXml(xmpMetadata(info));
    INFO(bad.error);
    REQUIRE(bad.ok);
    CHECK(value(bad, "dc:title/rdf:Alt/rdf:li") ==
          "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e\xEF\xBF\xBD" "f");
}

TEST_CASE("PDF metadata: the conformance claims follow the flags") {
    layout::DocInfo info = sampleInfo();
    auto claims = [&] {
        const std::string xmp = xmpMetadata(info);
        const Parsed p = parseXml(xmp);
        INFO(p.error);
        REQUIRE(p.ok);
        return std::tuple(p, xmp);
    };
    SUBCASE("tagged (the default): PDF/UA-1 only") {
        auto [p, xmp] = claims();
        CHECK(value(p, "pdfuaid:part") == "1");
        CHECK(contains(xmp, "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""));
        CHECK_FALSE(value(p, "pdfaid:part"));
        CHECK_FALSE(contains(xmp, "pdfaExtension"));
        CHECK(p.descriptions == 4);
    }
    SUBCASE("untagged: no claim") {
        info.tagged = false;
        auto [p, xmp] = claims();
        CHECK_FALSE(value(p, "pdfuaid:part"));
        CHECK_FALSE(value(p, "pdfaid:part"));
        CHECK_FALSE(contains(xmp, "pdfua"));
        CHECK(p.descriptions == 3);
    }
    SUBCASE("PDF/A-2b untagged: pdfaid only, no extension schema") {
        info.tagged = false;
        info.pdfa = layout::PdfA::A2b;
        auto [p, xmp] = claims();
        CHECK(value(p, "pdfaid:part") == "2");
        CHECK(value(p, "pdfaid:conformance") == "B");
        CHECK(contains(xmp, "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""));
        CHECK_FALSE(value(p, "pdfuaid:part"));
        CHECK_FALSE(contains(xmp, "pdfaExtension"));
    }
    SUBCASE("PDF/A-2u tagged: both claims and pdfuaid's extension schema") {
        info.pdfa = layout::PdfA::A2u;
        auto [p, xmp] = claims();
        CHECK(value(p, "pdfaid:part") == "2");
        CHECK(value(p, "pdfaid:conformance") == "U");
        CHECK(value(p, "pdfuaid:part") == "1");
        CHECK(p.descriptions == 6);
        const std::string schema = "pdfaExtension:schemas/rdf:Bag/rdf:li/";
        CHECK(value(p, schema + "pdfaSchema:namespaceURI") == "http://www.aiim.org/pdfua/ns/id/");
        CHECK(value(p, schema + "pdfaSchema:prefix") == "pdfuaid");
        CHECK(value(p, schema + "pdfaSchema:schema"));
        const std::string prop = schema + "pdfaSchema:property/rdf:Seq/rdf:li/";
        CHECK(value(p, prop + "pdfaProperty:name") == "part");
        CHECK(value(p, prop + "pdfaProperty:valueType") == "Integer");
        CHECK(value(p, prop + "pdfaProperty:category") == "internal");
        CHECK(value(p, prop + "pdfaProperty:description"));
        CHECK(contains(xmp, "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""));
        CHECK(contains(xmp, "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\""));
    }
}

TEST_CASE("PDF metadata: the output intent and its sRGB profile") {
    CHECK(outputIntent(12) ==
          "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB "
          "IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile 12 0 R >>");
    // Debian's icc-profiles-free (scripts/install-deps.sh).
    const std::string& icc = srgbProfile();
    CHECK(icc.size() == 6922);
    CHECK(icc.compare(36, 4, "acsp") == 0);
    CHECK(&srgbProfile() == &icc);  // read once
}

TEST_CASE("PDF metadata: readIccProfile rejects what is no RGB ICC profile, naming the file") {
    const fs::path dir = fs::temp_directory_path() / ("inkstone-icc-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto write = [&](const std::string& name, const std::string& bytes) {
        const std::string path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    };
    auto error = [](const std::string& path) -> std::optional<Diagnostic> {
        try {
            readIccProfile(path);
        } catch (const UserError& e) {
            return e.diagnostic();
        }
        return std::nullopt;
    };
    // A header: size, preferred CMM, version, class, colour space, PCS ... 'acsp' at 36.
    auto header = [](uint32_t size, const char* space) {
        std::string h(128, '\0');
        h[0] = static_cast<char>(size >> 24), h[1] = static_cast<char>(size >> 16);
        h[2] = static_cast<char>(size >> 8), h[3] = static_cast<char>(size);
        h.replace(12, 4, "mntr");
        h.replace(16, 4, space);
        h.replace(36, 4, "acsp");
        return h;
    };
    CHECK(readIccProfile(write("ok.icc", header(128, "RGB "))).size() == 128);

    const std::string text = write("text.icc", std::string(200, 'x'));
    auto d = error(text);
    REQUIRE(d);
    CHECK(d->file == text);
    CHECK(contains(d->message, "not an ICC colour profile"));
    CHECK(error(write("short.icc", "acsp")));
    auto grey = error(write("grey.icc", header(128, "GRAY")));
    REQUIRE(grey);
    CHECK(contains(grey->message, "not an RGB"));
    auto cut = error(write("cut.icc", header(6922, "RGB ")));
    REQUIRE(cut);
    CHECK(contains(cut->message, "damaged"));
    const std::string missing = (dir / "missing.icc").string();
    auto none = error(missing);
    REQUIRE(none);
    CHECK(none->file == missing);
    CHECK(contains(none->message, "cannot read"));
    fs::remove_all(dir);
}
