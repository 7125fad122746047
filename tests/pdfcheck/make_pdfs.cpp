// Small tagged PDFs for tests/pdfcheck.sh (`inkstone_pdfcheck --make KIND OUT.pdf FONT.ttf`): "good"
// keeps every condition inkstone_pdfcheck checks for PDF/UA-1 and PDF/A-2u, and each other kind
// breaks one. Written out by hand, objects as text with their offsets counted, so that they owe
// nothing to inkstone's writer. The font is tests/fonts/InkTest.ttf, embedded whole as a simple
// TrueType font. The output profile is only an ICC header (the checker reads no further): enough
// for these tests, not a profile to print with.
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Node {
    std::string type, extra, text;  // extra: more entries of the element's dictionary
    std::string inner;              // more content inside its marked content, after its text
    std::vector<Node> kids;
    bool figure = false, link = false;
};

struct Spec {
    std::string lang = "(en-GB)", roleMap = "/Para /P", infoTitle = "Tide tables", extraContent, openAction, extGState;
    bool markInfo = true, suspects = false, displayDocTitle = true, tabs = true, structParents = true;
    bool linkInTree = true, linkContents = true, toUnicode = true, embed = true, outputIntent = true;
    bool xmpUa = true, xmpExtension = true, dcTitle = true, hexMetadata = false, trailerId = true, binaryHeader = true;
    int linkFlags = 4;
    bool swapParentTree = false;
    Node tree;
};

Node leaf(const std::string& type, const std::string& text, const std::string& extra = "") {
    Node n;
    n.type = type, n.text = text, n.extra = extra;
    return n;
}
Node group(const std::string& type, std::vector<Node> kids, const std::string& extra = "") {
    Node n;
    n.type = type, n.extra = extra, n.kids = std::move(kids);
    return n;
}

Node baseTree() {
    Node figure = leaf("Figure", "", "/Alt (A curve rising through the morning)");
    figure.figure = true;
    Node link = leaf("Link", "the tide office");
    link.link = true;
    Node see = group("P", {leaf("Span", "See "), link});
    return group("Document", {
        leaf("H1", "Tide tables"),
        leaf("Para", "Tides rise twice a day."),
        leaf("H2", "Sources"),
        group("L", {group("LI", {leaf("Lbl", "1."), leaf("LBody", "Harbour gauges")})}),
        group("Table", {group("TR", {leaf("TH", "Port", "/A << /O /Table /Scope /Column >>"),
                                     leaf("TH", "Height", "/A << /O /Table /Scope /Column >>")}),
                        group("TR", {leaf("TD", "Dover"), leaf("TD", "6.1 m")})}),
        figure,
        see,
        leaf("Note", "Heights in metres.", "/ID (note-1)"),
    });
}

// Object numbers fixed for the parts every file has; structure elements follow.
enum {
    CATALOG = 1,
    PAGES,
    PAGE,
    CONTENT,
    FONT,
    DESCRIPTOR,
    FONTFILE,
    TOUNICODE,
    ANNOT,
    METADATA,
    ICC,
    INFO,
    TREEROOT,
    PARENTTREE,
    FORM,
    FIRST_ELEM
};

struct Writer {
    std::vector<std::string> objs = std::vector<std::string>(FIRST_ELEM - 1);
    void set(int n, const std::string& body) {
        if (int(objs.size()) < n) objs.resize(size_t(n));
        objs[size_t(n - 1)] = body;
    }
    std::string file(const Spec& s) const {
        std::string out = s.binaryHeader ? "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n" : "%PDF-1.7\n";
        std::vector<size_t> offsets;
        for (size_t i = 0; i < objs.size(); ++i) {
            offsets.push_back(out.size());
            out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
        }
        size_t xref = out.size();
        out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
        for (size_t o : offsets) {
            char line[32];
            std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
            out += line;
        }
        out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R /Info " + std::to_string(INFO) +
               " 0 R" +
               (s.trailerId ? " /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" : "") +
               " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        return out;
    }
};

std::string ref(int n) { return std::to_string(n) + " 0 R"; }
std::string stream(const std::string& dict, const std::string& data) {
    return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

// Lays the tree out: one MCID a leaf, one line a text leaf; struct elements written after.
struct Builder {
    Builder(const Spec& s, Writer& wr) : spec(s), w(wr) {}
    const Spec& spec;
    Writer& w;
    std::string content;
    std::vector<int> parentTree;  // MCID -> element object
    int nextObj = FIRST_ELEM, linkElem = 0;
    double y = 760;

    int element(const Node& n, int parent) {
        int me = nextObj++;
        std::string k;
        if (n.kids.empty()) {
            int mcid = int(parentTree.size());
            parentTree.push_back(me);
            if (n.figure) {
                content += "/Figure <</MCID " + std::to_string(mcid) + ">> BDC 0 0 1 RG 2 w 60 " +
                           std::to_string(int(y) - 40) + " m 160 " + std::to_string(int(y)) + " l S " +
                           n.inner + " EMC\n";
                y -= 50;
            } else {
                content += "/" + n.type + " <</MCID " + std::to_string(mcid) + ">> BDC BT /F1 10 Tf 1 0 0 1 60 " +
                           std::to_string(int(y)) + " Tm (" + n.text + ") Tj " + n.inner + " ET EMC\n";
                y -= 16;
            }
            k = std::to_string(mcid);
            if (n.link && spec.linkInTree) {
                linkElem = me;
                k += " << /Type /OBJR /Obj " + ref(ANNOT) + " /Pg " + ref(PAGE) + " >>";
            }
        } else {
            for (auto& kid : n.kids) k += ref(element(kid, me)) + " ";
        }
        w.set(me, "<< /Type /StructElem /S /" + n.type + " /P " + ref(parent) + " /Pg " + ref(PAGE) + " /K [" + k +
                      "] " + n.extra + " >>");
        return me;
    }
};

std::string xmp(const Spec& s) {
    std::string x =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
        "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" "
        "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "  xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
        "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n";
    if (s.dcTitle) x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Tide tables</rdf:li></rdf:Alt></dc:title>\n";
    x += "<dc:creator><rdf:Seq><rdf:li>Harbour Office</rdf:li></rdf:Seq></dc:creator>\n"
         "<xmp:CreateDate>2026-05-12T11:00:00+01:00</xmp:CreateDate>\n<xmp:ModifyDate>2026-05-12T10:00:00Z</"
         "xmp:ModifyDate>\n"
         "<xmp:CreatorTool>pdfcheck test</xmp:CreatorTool>\n<pdf:Producer>inkstone_pdfcheck --make</pdf:Producer>\n"
         "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n";
    if (s.xmpUa) x += "<pdfuaid:part>1</pdfuaid:part>\n";
    if (s.xmpExtension)
        x += "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
             "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
             "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
             "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
             "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
             "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
             "<pdfaProperty:category>internal</pdfaProperty:category>\n"
             "<pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>\n"
             "</rdf:li></rdf:Seq></pdfaSchema:property>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    return x;
}

// 128 bytes of ICC header (an RGB display profile, version 2.1) and an empty tag table.
std::string iccHeader() {
    std::string h(132, '\0');
    auto put = [&](size_t at, const std::string& v) { h.replace(at, v.size(), v); };
    put(0, std::string("\0\0\0\x84", 4));
    put(8, std::string("\x02\x10\0\0", 4));
    put(12, "mntr");
    put(16, "RGB ");
    put(20, "XYZ ");
    put(36, "acsp");
    put(68, std::string("\0\0\xF6\xD6\0\1\0\0\0\0\xD3\x2D", 12));
    return h;
}

std::string hex(const std::string& s) {
    std::string out;
    char b[3];
    for (unsigned char c : s) std::snprintf(b, sizeof b, "%02x", c), out += b;
    return out + ">";
}

std::string build(const Spec& s, const std::string& font) {
    Writer w;
    Builder b(s, w);
    int doc = b.element(s.tree, TREEROOT);
    b.content =
        "/Artifact <</Type /Pagination>> BDC 0.5 0.5 0.5 rg 60 800 475 1 re f EMC\n" + b.content + s.extraContent;
    std::string nums = "0 [";
    std::vector<int> pt = b.parentTree;
    if (s.swapParentTree && pt.size() > 1) std::swap(pt[0], pt[1]);
    for (int e : pt) nums += ref(e) + " ";
    nums += "]";
    if (b.linkElem) nums += " 1 " + ref(b.linkElem);
    w.set(TREEROOT, "<< /Type /StructTreeRoot /K " + ref(doc) + " /ParentTree " + ref(PARENTTREE) +
                        " /ParentTreeNextKey 2" + (s.roleMap.empty() ? "" : " /RoleMap << " + s.roleMap + " >>") +
                        " >>");
    w.set(PARENTTREE, "<< /Nums [" + nums + "] >>");
    std::string oi =
        s.outputIntent
            ? " /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
              "/Info (sRGB IEC61966-2.1) /DestOutputProfile " +
                  ref(ICC) + " >>]"
            : "";
    w.set(CATALOG,
          "<< /Type /Catalog /Pages " + ref(PAGES) + " /StructTreeRoot " + ref(TREEROOT) + " /Metadata " +
              ref(METADATA) +
              (s.markInfo ? std::string(" /MarkInfo << /Marked true") + (s.suspects ? " /Suspects true" : "") + " >>"
                          : "") +
              (s.lang.empty() ? "" : " /Lang " + s.lang) +
              (s.displayDocTitle ? " /ViewerPreferences << /DisplayDocTitle true >>" : "") + oi +
              (s.openAction.empty() ? "" : " /OpenAction " + s.openAction) + " >>");
    w.set(PAGES, "<< /Type /Pages /Kids [" + ref(PAGE) + "] /Count 1 >>");
    w.set(PAGE, "<< /Type /Page /Parent " + ref(PAGES) + " /MediaBox [0 0 595 842] /Contents " + ref(CONTENT) +
                    " /Resources << /Font << /F1 " + ref(FONT) + " >> /XObject << /X1 " + ref(FORM) + " >>" +
                    (s.extGState.empty() ? "" : " /ExtGState << /G1 " + s.extGState + " >>") + " >> /Annots [" +
                    ref(ANNOT) + "]" + (s.structParents ? " /StructParents 0" : "") + (s.tabs ? " /Tabs /S" : "") +
                    " >>");
    w.set(CONTENT, stream("", b.content));
    w.set(FORM, stream("/Type /XObject /Subtype /Form /BBox [0 0 100 20] /Resources << /Font << /F1 " + ref(FONT) +
                           " >> >>",
                       "BT /F1 8 Tf 0 5 Td (scale) Tj ET"));
    std::string widths;
    for (int c = 32; c <= 126; ++c) widths += std::isalnum(c) ? "500 " : "250 ";
    w.set(FONT, "<< /Type /Font /Subtype /TrueType /BaseFont /InkTest /FirstChar 32 /LastChar 126 /Widths [" + widths +
                    "]" + (s.toUnicode ? " /Encoding /WinAnsiEncoding /ToUnicode " + ref(TOUNICODE) : "") +
                    " /FontDescriptor " + ref(DESCRIPTOR) + " >>");
    w.set(DESCRIPTOR, "<< /Type /FontDescriptor /FontName /InkTest /Flags " + std::string(s.toUnicode ? "32" : "4") +
                          " /FontBBox [0 0 1000 700] /ItalicAngle 0 /Ascent 700 /Descent 0 /CapHeight 700 /StemV 80" +
                          (s.embed ? " /FontFile2 " + ref(FONTFILE) : "") + " >>");
    w.set(FONTFILE, stream("/Length1 " + std::to_string(font.size()), font));
    w.set(TOUNICODE,
          stream("",
                 "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /InkTest-UTF16 def /CMapType "
                 "2 def\n"
                 "1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange <20> <7E> <0020> endbfrange\n"
                 "endcmap CMapName currentdict /CMap defineresource pop end end"));
    w.set(ANNOT, "<< /Type /Annot /Subtype /Link /Rect [60 600 160 612] /Border [0 0 0] /F " +
                     std::to_string(s.linkFlags) + (s.linkContents ? " /Contents (The tide office website)" : "") +
                     " /A << /S /URI /URI (https://example.org/tides) >> /StructParent 1 >>");
    std::string x = xmp(s);
    w.set(METADATA, s.hexMetadata ? stream("/Type /Metadata /Subtype /XML /Filter /ASCIIHexDecode", hex(x))
                                  : stream("/Type /Metadata /Subtype /XML", x));
    w.set(ICC, stream("/N 3", iccHeader()));
    w.set(INFO, "<< /Title (" + s.infoTitle +
                    ") /Author (Harbour Office) /Creator (pdfcheck test) /Producer (inkstone_pdfcheck --make)"
                    " /CreationDate (D:20260512100000Z) /ModDate (D:20260512100000Z) >>");
    return w.file(s);
}

// Each kind: a change to the good file.
bool vary(const std::string& kind, Spec& s) {
    Node& t = s.tree;
    auto find = [&](const std::string& type) -> Node* {
        std::vector<Node*> todo{&t};
        while (!todo.empty()) {
            Node* n = todo.back();
            todo.pop_back();
            if (n->type == type) return n;
            for (auto it = n->kids.rbegin(); it != n->kids.rend(); ++it) todo.push_back(&*it);
        }
        return nullptr;
    };
    const std::string line = " BT /F1 10 Tf 1 0 0 1 300 60 Tm (loose) Tj ET ";
    if (kind == "good") return true;
    if (kind == "untagged-text") s.extraContent = line + "\n";
    else if (kind == "duplicate-mcid") s.extraContent = "/P <</MCID 0>> BDC" + line + "EMC\n";
    else if (kind == "tagged-in-artifact") s.extraContent = "/Artifact BMC /P <</MCID 40>> BDC" + line + "EMC EMC\n";
    else if (kind == "artifact-in-tagged")
        s.extraContent = "/P <</MCID 40>> BDC /Artifact BMC 0 0 1 rg 300 30 5 5 re f EMC EMC\n";
    else if (kind == "unbalanced") s.extraContent = "/Artifact BMC 0 0 1 rg 300 30 5 5 re f\n";
    else if (kind == "actual-text")  // passes: the ActualText replaces the glyphs' text in --tree
        find("Para")->text = "Tides rise ",
        find("Para")->inner = "/Span <</ActualText (twice daily.)>> BDC (2x/day.) Tj EMC";
    else if (kind == "form-in-figure")  // passes: a form XObject's content is tagged where it is drawn
        find("Figure")->inner = "q 1 0 0 1 200 0 cm /X1 Do Q";
    else if (kind == "form-untagged") s.extraContent = "q 1 0 0 1 300 100 cm /X1 Do Q\n";
    else if (kind == "figure-no-alt") find("Figure")->extra = "";
    else if (kind == "skipped-heading") find("H2")->type = "H3";
    else if (kind == "first-heading-h2") find("H1")->type = "H2";
    else if (kind == "no-lang") s.lang = "";
    else if (kind == "bad-lang") s.lang = "(en_GB)";
    else if (kind == "bad-element-lang") find("Para")->extra = "/Lang (en--GB)";
    else if (kind == "unmapped-role") s.roleMap = "";
    else if (kind == "circular-role") s.roleMap = "/Para /Txt /Txt /Para";
    else if (kind == "remapped-standard") s.roleMap = "/Para /P /P /Span";
    else if (kind == "th-no-scope") find("TH")->extra = "";
    else if (kind == "td-in-table") find("Table")->kids.push_back(leaf("TD", "Loose cell"));
    else if (kind == "li-outside-list") t.kids.push_back(group("LI", {leaf("LBody", "Stray item")}));
    else if (kind == "note-no-id") find("Note")->extra = "";
    else if (kind == "note-duplicate-id") t.kids.push_back(leaf("Note", "Times in GMT.", "/ID (note-1)"));
    else if (kind == "link-not-tagged") s.linkInTree = false;
    else if (kind == "link-no-contents") s.linkContents = false;
    else if (kind == "no-tabs") s.tabs = false;
    else if (kind == "wrong-parent-tree") s.swapParentTree = true;
    else if (kind == "no-struct-parents") s.structParents = false;
    else if (kind == "no-markinfo") s.markInfo = false;
    else if (kind == "suspects") s.suspects = true;
    else if (kind == "no-display-doc-title") s.displayDocTitle = false;
    else if (kind == "no-pdfuaid") s.xmpUa = false, s.xmpExtension = false;
    else if (kind == "no-dc-title") s.dcTitle = false;
    else if (kind == "font-not-embedded") s.embed = false;
    else if (kind == "no-tounicode") s.toUnicode = false;
    else if (kind == "cmyk") s.extraContent = "/Artifact BMC 0 0 0 1 k 300 30 5 5 re f EMC\n";
    else if (kind == "info-mismatch") s.infoTitle = "Tidal tables";
    else if (kind == "no-extension-schema") s.xmpExtension = false;
    else if (kind == "javascript") s.openAction = "<< /S /JavaScript /JS (app.alert\\(1\\)) >>";
    else if (kind == "annot-not-printed") s.linkFlags = 0;
    else if (kind == "blend-mode")
        s.extGState = "<< /Type /ExtGState /BM /Dodgy >>", s.extraContent = "/Artifact BMC /G1 gs EMC\n";
    else if (kind == "no-output-intent") s.outputIntent = false;
    else if (kind == "filtered-metadata") s.hexMetadata = true;
    else if (kind == "no-id") s.trailerId = false;
    else if (kind == "no-binary-header") s.binaryHeader = false;
    else return false;
    return true;
}

}  // namespace

int makeTestPdf(const std::string& kind, const std::string& out, const std::string& fontPath) {
    std::ifstream in(fontPath, std::ios::binary);
    std::stringstream font;
    font << in.rdbuf();
    if (!in || font.str().empty()) {
        std::cerr << "inkstone_pdfcheck --make: cannot read " << fontPath << "\n";
        return 2;
    }
    Spec s;
    s.tree = baseTree();
    if (!vary(kind, s)) {
        std::cerr << "inkstone_pdfcheck --make: unknown kind " << kind << "\n";
        return 2;
    }
    std::ofstream o(out, std::ios::binary);
    o << build(s, font.str());
    return o ? 0 : 2;
}
