// The information dictionary, the XMP packet and the output intent (pdf_metadata.h).
#include "render/pdf_metadata.h"

#include <cstdint>
#include <fstream>
#include <iterator>

#include "base/diagnostics.h"
#include "render/pdf_syntax.h"

namespace inkstone::render::pdf {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Whether XML 1.0 allows the character (XML 1.0, 2.2 Char).
bool xmlChar(uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

// `s` as XML character data or attribute value: the five markup characters as entities, a
// carriage return as a reference (a parser would turn a literal one into a line feed), every
// character XML does not allow and every malformed UTF-8 sequence as U+FFFD.
std::string xmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const auto b = static_cast<uint8_t>(s[i]);
        if (b < 0x80) {
            switch (b) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                case '\'': out += "&apos;"; break;
                case '\r': out += "&#xD;"; break;
                default: out += xmlChar(b) ? std::string(1, static_cast<char>(b)) : kReplacement;
            }
            ++i;
            continue;
        }
        // A multi-byte sequence (RFC 3629): its length, first bits and smallest value.
        size_t len = 0;
        uint32_t c = 0, min = 0;
        if (b >= 0xC2 && b <= 0xDF) len = 2, c = b & 0x1F, min = 0x80;
        else if (b >= 0xE0 && b <= 0xEF) len = 3, c = b & 0x0F, min = 0x800;
        else if (b >= 0xF0 && b <= 0xF4) len = 4, c = b & 0x07, min = 0x10000;
        size_t k = 1;
        for (; len && k < len && i + k < n; ++k) {
            const auto cb = static_cast<uint8_t>(s[i + k]);
            if ((cb & 0xC0) != 0x80) break;
            c = (c << 6) | (cb & 0x3F);
        }
        if (len == 0 || k < len || c < min || (c >= 0xD800 && c <= 0xDFFF) || !xmlChar(c)) {
            out += kReplacement;
            i += len == 0 ? 1 : k;  // a bad lead byte alone; else the bytes read so far
            continue;
        }
        out.append(s, i, len);
        i += len;
    }
    return out;
}

// "YYYY-MM-DDTHH:MM:SSZ" (XMP's date, ISO 8601) from pdf::date's "D:YYYYMMDDHHmmSSZ": the same
// instant as the information dictionary's, made from its very string. Empty when `pdfDate` is.
std::string xmpDate(const std::string& pdfDate) {
    if (pdfDate.size() < 17) return {};
    const std::string d = pdfDate.substr(2);
    return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + "T" + d.substr(8, 2) + ":" + d.substr(10, 2) +
           ":" + d.substr(12, 2) + "Z";
}

// One rdf:Description of the packet, for the schema `ns` with the prefix `prefix`.
std::string description(const std::string& prefix, const std::string& ns, const std::string& body) {
    return "  <rdf:Description rdf:about=\"\" xmlns:" + prefix + "=\"" + ns + "\">\n" + body + "  </rdf:Description>\n";
}

std::string property(const std::string& name, const std::string& value) {
    return "   <" + name + ">" + xmlEscape(value) + "</" + name + ">\n";
}

// A language alternative with its default only (dc:title, dc:description).
std::string langAlt(const std::string& name, const std::string& value) {
    return "   <" + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(value) + "</rdf:li></rdf:Alt></" + name +
           ">\n";
}

// The PDF/A extension schema describing pdfuaid:part (ISO 19005-2 6.6.2.3.2: every property of a
// schema PDF/A does not predefine needs one; the fields are those of ISO 19005-1 Technical
// Corrigendum 2's pdfaSchema and pdfaProperty value types).
const char* const kPdfuaExtension =
    "  <rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas>\n"
    "    <rdf:Bag>\n"
    "     <rdf:li rdf:parseType=\"Resource\">\n"
    "      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "      <pdfaSchema:property>\n"
    "       <rdf:Seq>\n"
    "        <rdf:li rdf:parseType=\"Resource\">\n"
    "         <pdfaProperty:name>part</pdfaProperty:name>\n"
    "         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "         <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
    "        </rdf:li>\n"
    "       </rdf:Seq>\n"
    "      </pdfaSchema:property>\n"
    "     </rdf:li>\n"
    "    </rdf:Bag>\n"
    "   </pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

uint32_t bigEndian32(const std::string& s, size_t at) {
    return static_cast<uint32_t>(static_cast<uint8_t>(s[at])) << 24 | static_cast<uint32_t>(static_cast<uint8_t>(s[at + 1])) << 16 |
           static_cast<uint32_t>(static_cast<uint8_t>(s[at + 2])) << 8 | static_cast<uint32_t>(static_cast<uint8_t>(s[at + 3]));
}

}  // namespace

std::string infoDictionary(const layout::DocInfo& info) {
    std::string d = std::string("<< /Producer (") + kProducer + ") /Creator " + textString(info.creator) + " /Title " +
                    textString(info.title);
    if (!info.author.empty()) d += " /Author " + textString(info.author);
    if (!info.subject.empty()) d += " /Subject " + textString(info.subject);
    if (!info.keywords.empty()) d += " /Keywords " + textString(info.keywords);
    const std::string created = date(info.createDate);
    if (!created.empty()) d += " /CreationDate (" + created + ") /ModDate (" + created + ")";
    return d + " >>";
}

std::string xmpMetadata(const layout::DocInfo& info) {
    std::string dc = property("dc:format", "application/pdf") + langAlt("dc:title", info.title);
    if (!info.author.empty())
        dc += "   <dc:creator><rdf:Seq><rdf:li>" + xmlEscape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!info.subject.empty()) dc += langAlt("dc:description", info.subject);
    if (!info.lang.empty()) dc += "   <dc:language><rdf:Bag><rdf:li>" + xmlEscape(info.lang) + "</rdf:li></rdf:Bag></dc:language>\n";

    std::string adobePdf = property("pdf:Producer", kProducer);
    if (!info.keywords.empty()) adobePdf += property("pdf:Keywords", info.keywords);

    std::string xmp = property("xmp:CreatorTool", info.creator);
    const std::string created = xmpDate(date(info.createDate));
    if (!created.empty())
        xmp += property("xmp:CreateDate", created) + property("xmp:ModifyDate", created) + property("xmp:MetadataDate", created);

    std::string out = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    out += description("dc", "http://purl.org/dc/elements/1.1/", dc);
    out += description("pdf", "http://ns.adobe.com/pdf/1.3/", adobePdf);
    out += description("xmp", "http://ns.adobe.com/xap/1.0/", xmp);
    if (info.tagged) out += description("pdfuaid", "http://www.aiim.org/pdfua/ns/id/", property("pdfuaid:part", "1"));
    if (info.pdfa != layout::PdfA::None) {
        out += description("pdfaid", "http://www.aiim.org/pdfa/ns/id/",
                           property("pdfaid:part", "2") +
                               property("pdfaid:conformance", info.pdfa == layout::PdfA::A2u ? "U" : "B"));
        if (info.tagged) out += kPdfuaExtension;
    }
    return out + " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
}

std::string readIccProfile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) failAt(path, {}, "cannot read the ICC colour profile");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) failAt(path, {}, "cannot read the ICC colour profile");
    // ICC.1:2010 7.2: the header is 128 bytes; the size (0), the colour space (16) and the
    // signature 'acsp' (36).
    if (bytes.size() < 128 || bytes.compare(36, 4, "acsp") != 0)
        failAt(path, {}, "not an ICC colour profile (no 'acsp' signature)");
    if (bytes.compare(16, 4, "RGB ") != 0) failAt(path, {}, "not an RGB ICC colour profile");
    if (bigEndian32(bytes, 0) != bytes.size())
        failAt(path, {}, "a damaged ICC colour profile (its header gives " + std::to_string(bigEndian32(bytes, 0)) +
                             " bytes, the file has " + std::to_string(bytes.size()) + ")");
    return bytes;
}

const std::string& srgbProfile() {
    static const std::string profile = [] {
        try {
            return readIccProfile(kSrgbProfilePath);
        } catch (const UserError& e) {
            Diagnostic d = e.diagnostic();
            d.message += " (PDF/A output embeds it as its output intent)";
            d.hint = "install Debian's package icc-profiles-free (apt-get install icc-profiles-free), which provides it";
            throw UserError(d);
        }
    }();
    return profile;
}

std::string outputIntent(int profileObject) {
    return "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB "
           "IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile " +
           ObjectFile::ref(profileObject) + " >>";
}

}  // namespace inkstone::render::pdf
