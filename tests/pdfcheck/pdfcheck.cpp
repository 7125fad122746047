// inkstone_pdfcheck: an independent checker of what our PDFs promise (issue 14), written from the
// standards, not from inkstone's writer:
//   --ua    the machine-checkable failure conditions of PDF/UA-1 (ISO 14289-1), named by their
//           Matterhorn Protocol 1.1 checkpoint (01-005, 28-011, ...); conditions Matterhorn has no
//           number for are named by their clause (ISO14289-1:7.1, ISO32000-1:14.7.4.4).
//   --pdfa  the machine-checkable conditions of PDF/A-2 (ISO 19005-2), named A2:<clause>.
//   --tree  the structure tree, one element a line, with the text of its marked content.
// Output: one line a failure, "FILE: CODE: message", then "FILE: N checks, M failures". Exit 0
// without failures, 1 with, 2 when the file cannot be read (or the command line is wrong).
// Hidden: --make KIND OUT.pdf FONT.ttf writes a small test PDF (make_pdfs.cpp) for tests/pdfcheck.sh.
//
// Marked content: every text or painting operator (in form XObjects too, which inherit where they
// are drawn) is inside an MCID sequence or an /Artifact one; an MCID inside an artifact is 01-004
// and an artifact inside an MCID sequence is 01-003 (Matterhorn, and veraPDF's rule 7.1-1).
// Only fonts and colours actually used count (text shown, content drawn, annotation appearances).
// Not checked (needs a font or ICC parser, or human judgement): glyph widths and .notdef use, that
// the ICC profile is sound past its header, reading order, whether alternative text is apt.
// Compiled as C++17 under clang (it includes qpdf; see CMakeLists.txt).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

int makeTestPdf(const std::string& kind, const std::string& out, const std::string& fontPath);  // make_pdfs.cpp

namespace {

using OH = QPDFObjectHandle;

// ---- small helpers over qpdf's objects ----

OH dictOf(OH h) { return h.isStream() ? h.getDict() : h; }
OH get(OH h, const std::string& key) {
    OH d = dictOf(h);
    return d.isDictionary() && d.hasKey(key) ? d.getKey(key) : OH::newNull();
}
std::string nameOf(OH h) { return h.isName() ? h.getName() : std::string(); }
std::string bare(const std::string& name) {
    return name.empty() || name[0] != '/' ? name : name.substr(1);
}  // "/P" -> "P"
OH first(OH array) { return array.isArray() && array.getArrayNItems() ? array.getArrayItem(0) : OH::newNull(); }
std::string textOf(OH h) { return h.isString() ? h.getUTF8Value() : std::string(); }
std::vector<OH> itemsOf(OH h) {
    if (h.isArray()) return h.getArrayAsVector();
    if (h.isNull()) return {};
    return {h};
}
bool isInt(OH h) { return h.isInteger(); }
std::string bytesOf(OH stream, qpdf_stream_decode_level_e level = qpdf_dl_generalized) {
    auto b = stream.getStreamData(level);
    return b && b->getSize() ? std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()) : std::string();
}
std::string ogText(OH h) { return std::to_string(h.getObjectID()) + " " + std::to_string(h.getGeneration()) + " R"; }

std::string utf8(unsigned long c) {
    std::string s;
    if (c < 0x80) s += char(c);
    else if (c < 0x800) s += char(0xC0 | (c >> 6)), s += char(0x80 | (c & 0x3F));
    else if (c < 0x10000)
        s += char(0xE0 | (c >> 12)), s += char(0x80 | ((c >> 6) & 0x3F)), s += char(0x80 | (c & 0x3F));
    else
        s += char(0xF0 | (c >> 18)), s += char(0x80 | ((c >> 12) & 0x3F)), s += char(0x80 | ((c >> 6) & 0x3F)),
            s += char(0x80 | (c & 0x3F));
    return s;
}

// ---- the report ----

struct Report {
    std::string file;
    int checks = 0, failures = 0;
    void fail(const std::string& code, const std::string& msg) {
        ++failures;
        std::cout << file << ": " << code << ": " << msg << "\n";
    }
    bool check(bool ok, const std::string& code, const std::string& msg) {
        ++checks;
        if (!ok) fail(code, msg);
        return ok;
    }
};

// ---- BCP 47 (RFC 5646) well-formedness ----

bool allOf(const std::string& s, int (*pred)(int)) {
    for (unsigned char c : s)
        if (!pred(c)) return false;
    return !s.empty();
}
bool wellFormedLang(const std::string& tag) {
    static const std::set<std::string> irregular = {
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak",     "i-klingon", "i-lux",    "i-mingo",
        "i-navajo",  "i-pwn", "i-tao", "i-tay",     "i-tsu",      "sgn-be-fr", "sgn-be-nl", "sgn-ch-de"};
    std::string low;
    for (unsigned char c : tag) low += char(std::tolower(c));
    if (irregular.count(low)) return true;
    std::vector<std::string> t;
    std::stringstream ss(low);
    for (std::string part; std::getline(ss, part, '-');) t.push_back(part);
    if (t.empty() || low.back() == '-') return false;
    for (auto& s : t)
        if (s.size() > 8 || !allOf(s, isalnum)) return false;
    size_t i = 0, n = t.size();
    auto privateUse = [&](size_t from) { return from < n; };  // "x" then 1-8 alnum subtags
    if (t[0] == "x") return privateUse(1);
    if (!allOf(t[0], isalpha) || t[0].size() < 2) return false;  // language: 2-3, 4 or 5-8 letters
    ++i;
    if (t[0].size() <= 3)
        for (int k = 0; k < 3 && i < n && t[i].size() == 3 && allOf(t[i], isalpha); ++k) ++i;  // extlang
    if (i < n && t[i].size() == 4 && allOf(t[i], isalpha)) ++i;                               // script
    if (i < n && ((t[i].size() == 2 && allOf(t[i], isalpha)) || (t[i].size() == 3 && allOf(t[i], isdigit)))) ++i;
    while (i < n && ((t[i].size() >= 5) || (t[i].size() == 4 && std::isdigit(static_cast<unsigned char>(t[i][0])))))
        ++i;  // variants
    while (i < n && t[i].size() == 1 && t[i] != "x") {  // extensions: a singleton, then 2-8 alnum subtags
        size_t j = i + 1;
        while (j < n && t[j].size() >= 2) ++j;
        if (j == i + 1) return false;
        i = j;
    }
    if (i < n && t[i] == "x") return privateUse(i + 1);
    return i == n;
}

// ---- a small XML reader, enough for XMP ----

struct XNode {
    std::string uri, local;
    std::vector<std::pair<std::string, std::string>> attrs;  // "uri local" -> value
    std::vector<XNode> kids;
    std::string text;
    const XNode* kid(const std::string& u, const std::string& l) const {
        for (auto& k : kids)
            if (k.uri == u && k.local == l) return &k;
        return nullptr;
    }
    const std::string* attr(const std::string& u, const std::string& l) const {
        for (auto& a : attrs)
            if (a.first == u + " " + l) return &a.second;
        return nullptr;
    }
};

const std::string RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", XMLNS = "http://www.w3.org/XML/1998/namespace";

class XmlReader {
public:
    explicit XmlReader(const std::string& s) : s_(s) {}
    XNode parse() {
        XNode doc;
        std::vector<std::map<std::string, std::string>> scopes{{{"xml", XMLNS}}};
        content(doc, scopes, "");
        return doc;
    }

private:
    const std::string& s_;
    size_t p_ = 0;
    [[noreturn]] void bad(const std::string& why) { throw std::runtime_error(why + " at byte " + std::to_string(p_)); }
    std::string decode(const std::string& raw) {
        std::string out;
        for (size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '&') { out += raw[i]; continue; }
            size_t e = raw.find(';', i);
            if (e == std::string::npos) bad("unterminated entity");
            std::string ent = raw.substr(i + 1, e - i - 1);
            if (ent == "lt") out += '<';
            else if (ent == "gt") out += '>';
            else if (ent == "amp") out += '&';
            else if (ent == "quot") out += '"';
            else if (ent == "apos") out += '\'';
            else if (ent.size() > 1 && ent[0] == '#')
                out += utf8(ent[1] == 'x' ? std::stoul(ent.substr(2), nullptr, 16) : std::stoul(ent.substr(1)));
            else bad("unknown entity &" + ent + ";");
            i = e;
        }
        return out;
    }
    void skipTo(const std::string& end) {
        size_t e = s_.find(end, p_);
        if (e == std::string::npos) bad("unterminated markup");
        p_ = e + end.size();
    }
    // Children and text of `parent` until "</closing>" (or the end, for the document).
    void content(XNode& parent, std::vector<std::map<std::string, std::string>>& scopes, const std::string& closing) {
        while (p_ < s_.size()) {
            size_t lt = s_.find('<', p_);
            parent.text += decode(s_.substr(p_, (lt == std::string::npos ? s_.size() : lt) - p_));
            if (lt == std::string::npos) { p_ = s_.size(); break; }
            p_ = lt;
            if (s_.compare(p_, 4, "<!--") == 0) skipTo("-->");
            else if (s_.compare(p_, 9, "<![CDATA[") == 0) {
                size_t e = s_.find("]]>", p_);
                if (e == std::string::npos) bad("unterminated CDATA");
                parent.text += s_.substr(p_ + 9, e - p_ - 9);
                p_ = e + 3;
            } else if (s_.compare(p_, 2, "<?") == 0) skipTo("?>");
            else if (s_.compare(p_, 2, "<!") == 0) skipTo(">");
            else if (s_.compare(p_, 2, "</") == 0) {
                size_t e = s_.find('>', p_);
                if (e == std::string::npos) bad("unterminated end tag");
                std::string name = s_.substr(p_ + 2, e - p_ - 2);
                while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
                if (name != closing) bad("</" + name + "> closes <" + closing + ">");
                p_ = e + 1;
                return;
            } else element(parent, scopes);
        }
        if (!closing.empty()) bad("<" + closing + "> is not closed");
    }
    void element(XNode& parent, std::vector<std::map<std::string, std::string>>& scopes) {
        ++p_;
        auto nameEnd = [&] {
            size_t b = p_;
            while (p_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[p_])) && s_[p_] != '>' &&
                   s_[p_] != '/' && s_[p_] != '=')
                ++p_;
            return s_.substr(b, p_ - b);
        };
        auto spaces = [&] { while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_]))) ++p_; };
        std::string qname = nameEnd();
        std::vector<std::pair<std::string, std::string>> raw;
        scopes.push_back({});
        for (;;) {
            spaces();
            if (p_ >= s_.size()) bad("unterminated start tag");
            if (s_[p_] == '>' || s_[p_] == '/') break;
            std::string an = nameEnd();
            spaces();
            if (p_ >= s_.size() || s_[p_] != '=') bad("attribute without value");
            ++p_;
            spaces();
            char q = p_ < s_.size() ? s_[p_] : 0;
            if (q != '"' && q != '\'') bad("unquoted attribute");
            size_t e = s_.find(q, p_ + 1);
            if (e == std::string::npos) bad("unterminated attribute");
            std::string v = decode(s_.substr(p_ + 1, e - p_ - 1));
            p_ = e + 1;
            if (an == "xmlns") scopes.back()[""] = v;
            else if (an.compare(0, 6, "xmlns:") == 0) scopes.back()[an.substr(6)] = v;
            else raw.emplace_back(an, v);
        }
        auto resolve = [&](const std::string& q, bool isAttr, std::string& local) {
            size_t c = q.find(':');
            std::string prefix = c == std::string::npos ? "" : q.substr(0, c);
            local = c == std::string::npos ? q : q.substr(c + 1);
            if (prefix.empty() && isAttr) return std::string();
            for (auto it = scopes.rbegin(); it != scopes.rend(); ++it)
                if (it->count(prefix)) return it->at(prefix);
            if (!prefix.empty()) bad("undeclared prefix " + prefix);
            return std::string();
        };
        XNode node;
        node.uri = resolve(qname, false, node.local);
        for (auto& a : raw) {
            std::string local, uri = resolve(a.first, true, local);
            node.attrs.emplace_back(uri + " " + local, a.second);
        }
        if (s_[p_] == '/') {
            if (s_.compare(p_, 2, "/>") != 0) bad("bad empty tag");
            p_ += 2;
        } else {
            ++p_;
            content(node, scopes, qname);
        }
        scopes.pop_back();
        parent.kids.push_back(std::move(node));
    }
};

// The XMP packet: its top-level properties (those of the rdf:Description children of rdf:RDF).
struct XmpProp {
    std::string uri, local;
    const XNode* node = nullptr;  // element form
    std::string value;            // attribute form
};

struct Xmp {
    XNode doc;
    std::vector<XmpProp> props;
    void collect(const XNode& n) {
        if (n.uri == RDF && n.local == "RDF") {
            for (auto& d : n.kids) {
                if (d.uri != RDF || d.local != "Description") continue;
                for (auto& a : d.attrs) {
                    size_t sp = a.first.rfind(' ');
                    std::string uri = a.first.substr(0, sp);
                    if (uri == RDF || uri == XMLNS || uri.empty()) continue;
                    props.push_back({uri, a.first.substr(sp + 1), nullptr, a.second});
                }
                for (auto& k : d.kids) props.push_back({k.uri, k.local, &k, ""});
            }
            return;
        }
        for (auto& k : n.kids) collect(k);
    }
    const XmpProp* find(const std::string& uri, const std::string& local) const {
        for (auto& p : props)
            if (p.uri == uri && p.local == local) return &p;
        return nullptr;
    }
    // A property's values: the rdf:li items of an Alt/Seq/Bag (x-default first for an Alt), or
    // its one simple value.
    static std::vector<std::string> values(const XmpProp& p) {
        if (!p.node) return {p.value};
        for (const char* c : {"Alt", "Seq", "Bag"})
            if (const XNode* arr = p.node->kid(RDF, c)) {
                std::vector<std::string> out;
                for (auto& li : arr->kids) {
                    if (li.uri != RDF || li.local != "li") continue;
                    const std::string* lang = li.attr(XMLNS, "lang");
                    if (lang && *lang == "x-default") out.insert(out.begin(), li.text);
                    else out.push_back(li.text);
                }
                return out;
            }
        if (const std::string* r = p.node->attr(RDF, "resource")) return {*r};
        return {p.node->text};
    }
};

const std::string NS_DC = "http://purl.org/dc/elements/1.1/", NS_XMP = "http://ns.adobe.com/xap/1.0/",
                  NS_PDF = "http://ns.adobe.com/pdf/1.3/", NS_PDFAID = "http://www.aiim.org/pdfa/ns/id/",
                  NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/", NS_EXT = "http://www.aiim.org/pdfa/ns/extension/",
                  NS_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#",
                  NS_PROPERTY = "http://www.aiim.org/pdfa/ns/property#";

// ---- dates: PDF's D:YYYYMMDDHHmmSSOHH'mm' and XMP's ISO 8601, as seconds since 1970 UTC ----

long long daysFromCivil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = unsigned(y - era * 400), doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + (long long)(yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}
// Fields read in turn: digits counts and the separators before them ("" for PDF).
bool parseDate(const std::string& in, bool pdf, long long& secs) {
    std::string s = in;
    if (pdf) {
        if (s.compare(0, 2, "D:") == 0) s = s.substr(2);
    }
    size_t p = 0;
    auto num = [&](int digits, long long& out) {
        if (p + digits > s.size()) return false;
        for (int i = 0; i < digits; ++i)
            if (!std::isdigit(static_cast<unsigned char>(s[p + i]))) return false;
        out = std::stoll(s.substr(p, digits));
        p += digits;
        return true;
    };
    auto sep = [&](char c) {
        if (pdf) return true;
        if (p < s.size() && s[p] == c) { ++p; return true; }
        return false;
    };
    long long f[6] = {0, 1, 1, 0, 0, 0};
    const char seps[6] = {0, '-', '-', 'T', ':', ':'};
    if (!num(4, f[0])) return false;
    for (int i = 1; i < 6; ++i) {
        size_t save = p;
        if (!sep(seps[i]) || !num(2, f[i])) { p = save; break; }
    }
    if (!pdf && p < s.size() && s[p] == '.') {  // fractions of a second
        ++p;
        while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
    }
    long long offset = 0;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
        int sign = s[p] == '-' ? -1 : 1;
        ++p;
        long long hh = 0, mm = 0;
        if (!num(2, hh)) return false;
        if (p < s.size() && (s[p] == '\'' || s[p] == ':')) ++p;
        if (p < s.size()) num(2, mm);
        if (p < s.size() && s[p] == '\'') ++p;
        offset = sign * (hh * 3600 + mm * 60);
    } else if (p < s.size() && s[p] == 'Z') {
        ++p;
        if (pdf && p < s.size() && s.compare(p, 5, "00'00") == 0) p += 5;
        if (pdf && p < s.size() && s[p] == '\'') ++p;
    }
    if (p != s.size()) return false;
    secs = daysFromCivil(f[0], unsigned(f[1]), unsigned(f[2])) * 86400 + f[3] * 3600 + f[4] * 60 + f[5] - offset;
    return true;
}

// ---- fonts: which character codes a string holds, and their Unicode text ----

struct Font {
    OH dict;
    std::string label;  // "/F1 (BaseFont)"
    bool composite = false, hasToUnicode = false;
    std::map<std::string, std::string> uni;                           // code bytes -> UTF-8
    std::vector<std::pair<std::string, std::string>> codespace;       // byte ranges
    std::set<std::string> unmapped;                                   // codes shown without a mapping
    int zeroValues = 0, bomValues = 0;                                // ToUnicode maps to U+0000 / U+FEFF, U+FFFE
};

// Tokens of a CMap: hex strings (returned as their bytes, tagged '<'), names, numbers, keywords, [ ].
std::vector<std::pair<char, std::string>> cmapTokens(const std::string& s) {
    std::vector<std::pair<char, std::string>> out;
    for (size_t i = 0; i < s.size();) {
        char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
        if (c == '%') { while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i; continue; }
        if (c == '<' && i + 1 < s.size() && s[i + 1] == '<') { out.push_back({'d', "<<"}); i += 2; continue; }
        if (c == '>' && i + 1 < s.size() && s[i + 1] == '>') { out.push_back({'d', ">>"}); i += 2; continue; }
        if (c == '[' || c == ']') { out.push_back({c, std::string(1, c)}); ++i; continue; }
        if (c == '<') {
            size_t e = s.find('>', i);
            if (e == std::string::npos) break;
            std::string hex, bytes;
            for (size_t k = i + 1; k < e; ++k)
                if (std::isxdigit(static_cast<unsigned char>(s[k]))) hex += s[k];
            if (hex.size() % 2) hex += '0';
            for (size_t k = 0; k < hex.size(); k += 2) bytes += char(std::stoi(hex.substr(k, 2), nullptr, 16));
            out.push_back({'<', bytes});
            i = e + 1;
            continue;
        }
        if (c == '(') {  // literal strings appear only in headers; skipped
            int depth = 0;
            for (; i < s.size(); ++i) {
                if (s[i] == '\\') { ++i; continue; }
                if (s[i] == '(') ++depth;
                if (s[i] == ')' && --depth == 0) { ++i; break; }
            }
            continue;
        }
        size_t b = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) &&
               std::string("[]<>()/%").find(s[i]) == std::string::npos)
            ++i;
        if (i == b) ++i;  // a lone '/' or ')'
        out.push_back({'k', s.substr(b, i - b)});
    }
    return out;
}

// UTF-16BE bytes to UTF-8; `units` gets the code points.
std::string utf16(const std::string& b, std::vector<unsigned long>* units = nullptr) {
    std::string out;
    for (size_t i = 0; i + 1 < b.size(); i += 2) {
        unsigned long u = (static_cast<unsigned char>(b[i]) << 8) | static_cast<unsigned char>(b[i + 1]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
            unsigned long lo = (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        }
        if (units) units->push_back(u);
        out += utf8(u);
    }
    return out;
}

void readCMap(Font& f, const std::string& data, bool codespaceOnly) {
    auto t = cmapTokens(data);
    auto map = [&](const std::string& code, const std::string& dst) {
        std::vector<unsigned long> units;
        std::string text = utf16(dst, &units);
        for (unsigned long u : units) {
            if (u == 0) ++f.zeroValues;
            if (u == 0xFEFF || u == 0xFFFE) ++f.bomValues;
        }
        f.uni[code] = text;
    };
    for (size_t i = 0; i < t.size(); ++i) {
        const std::string& k = t[i].second;
        if (t[i].first != 'k') continue;
        if (k == "begincodespacerange") {
            for (++i; i + 1 < t.size() && t[i].first == '<'; i += 2)
                f.codespace.push_back({t[i].second, t[i + 1].second});
        } else if (codespaceOnly) {
            continue;
        } else if (k == "beginbfchar") {
            for (++i; i + 1 < t.size() && t[i].first == '<'; i += 2)
                if (t[i + 1].first == '<') map(t[i].second, t[i + 1].second);
        } else if (k == "beginbfrange") {
            for (++i; i + 2 < t.size() && t[i].first == '<';) {
                std::string lo = t[i].second, hi = t[i + 1].second;
                i += 2;
                std::vector<std::string> dsts;
                bool array = t[i].first == '[';
                if (array) {
                    for (++i; i < t.size() && t[i].first == '<'; ++i) dsts.push_back(t[i].second);
                    if (i < t.size() && t[i].first == ']') ++i;
                } else if (t[i].first == '<') {
                    dsts.push_back(t[i++].second);
                } else {
                    ++i;  // a name destination: not text
                    continue;
                }
                if (lo.size() != hi.size() || lo.empty()) continue;
                std::string code = lo, dst = dsts.empty() ? std::string() : dsts[0];
                for (int n = 0; n < 65536; ++n) {
                    if (array) {
                        if (size_t(n) < dsts.size()) map(code, dsts[n]);
                    } else if (!dst.empty()) {
                        map(code, dst);
                        for (size_t b = dst.size(); b-- > 0;)  // the destination's last byte counts up
                            if (++reinterpret_cast<unsigned char&>(dst[b]) != 0) break;
                    }
                    if (code == hi) break;
                    for (size_t b = code.size(); b-- > 0;)
                        if (++reinterpret_cast<unsigned char&>(code[b]) != 0) break;
                }
            }
            --i;
        }
    }
}

// Whether text ends where a line break needs no space: whitespace, a hyphen, a soft hyphen.
bool endsLikeLineBreak(const std::string& s) {
    if (s.empty()) return true;
    auto ends = [&](const char* e) {
        size_t n = std::string(e).size();
        return s.size() >= n && s.compare(s.size() - n, n, e) == 0;
    };
    return std::isspace(static_cast<unsigned char>(s.back())) || s.back() == '-' || ends("\xe2\x80\x90") ||
           ends("\xc2\xad");
}

// ---- the scan of every content stream ----

struct Container {  // a page, or a form XObject (whose MCIDs are its own, under its /StructParents)
    int page = 0;
    std::string where;
    OH obj;
    std::map<int, int> mcidUses;
    std::map<int, std::string> text;  // MCID -> text of its content
    std::map<int, std::pair<double, double>> lines;  // MCID -> baseline of its first and last text
};

struct PageTally {
    int untagged = 0, taggedInArtifact = 0, artifactInTagged = 0, unbalanced = 0;
    std::vector<std::string> parseErrors;
    std::map<std::string, int> untaggedOps;
    std::vector<std::string> badLangs;
};

struct ColourUse {
    std::string cmyk, rgb;  // where DeviceCMYK / DeviceRGB was first used, empty when never
};

struct Scan {
    std::map<QPDFObjGen, Container> containers;
    std::map<QPDFObjGen, int> formDraws;
    std::map<std::string, Font> fonts;  // by object
    std::set<std::string> usedFonts;
    std::vector<PageTally> pages;
    ColourUse colour;
    std::map<std::string, std::pair<std::string, std::string>> problems;  // PDF/A: object -> (code, problem)

    static std::string fontKey(OH f, const std::string& resName) {
        return f.isIndirect() ? ogText(f) : "direct " + resName + " " + f.unparse().substr(0, 200);
    }
    Font* font(OH f, const std::string& resName) {
        if (!f.isDictionary()) return nullptr;
        std::string key = fontKey(f, resName);
        auto it = fonts.find(key);
        if (it != fonts.end()) return &it->second;
        Font& ft = fonts[key];
        ft.dict = f;
        ft.label =
            resName + " (" + bare(nameOf(get(f, "/BaseFont"))) + ", " + (f.isIndirect() ? ogText(f) : "direct") + ")";
        ft.composite = nameOf(get(f, "/Subtype")) == "/Type0";
        OH tu = get(f, "/ToUnicode");
        if (tu.isStream()) {
            ft.hasToUnicode = true;
            try { readCMap(ft, bytesOf(tu), false); } catch (std::exception&) {}
        }
        OH enc = get(f, "/Encoding");
        std::vector<std::pair<std::string, std::string>> cs;
        if (ft.composite && enc.isStream()) {
            Font tmp;
            try { readCMap(tmp, bytesOf(enc), true); } catch (std::exception&) {}
            cs = tmp.codespace;
        }
        if (cs.empty())
            cs = ft.composite
                     ? std::vector<std::pair<std::string, std::string>>{{std::string(2, '\0'), std::string(2, '\xff')}}
                     : std::vector<std::pair<std::string, std::string>>{{std::string(1, '\0'), std::string(1, '\xff')}};
        ft.codespace = cs;  // the codes of the font's encoding, not the ToUnicode's own ranges
        return &ft;
    }
};

std::string decodeText(Font* f, const std::string& bytes) {
    if (!f) return std::string();
    std::string out;
    for (size_t p = 0; p < bytes.size();) {
        size_t len = 0;
        for (size_t n = 1; n <= 4 && !len && p + n <= bytes.size(); ++n)
            for (auto& r : f->codespace)
                if (r.first.size() == n) {
                    std::string c = bytes.substr(p, n);
                    if (c >= r.first && c <= r.second) { len = n; break; }
                }
        if (!len) len = f->codespace.empty() ? 1 : f->codespace[0].first.size();
        std::string code = bytes.substr(p, len);
        p += len;
        auto it = f->uni.find(code);
        if (it != f->uni.end()) out += it->second;
        else if (!f->hasToUnicode && !f->composite) out += utf8(static_cast<unsigned char>(code[0]));  // Latin-1 guess
        else {
            if (f->hasToUnicode) f->unmapped.insert(code);  // without one, the font's check says it
            out += utf8(0xFFFD);
        }
    }
    return out;
}

// Which device colour families a colour space (a name or an array) falls back on.
void deviceFamilies(OH cs, OH resources, std::set<std::string>& out, int depth = 0) {
    if (depth > 8) return;
    if (cs.isName()) {
        std::string n = cs.getName();
        if (n == "/DeviceCMYK" || n == "/CMYK") out.insert("CMYK");
        else if (n == "/DeviceRGB" || n == "/RGB") out.insert("RGB");
        else if (n == "/DeviceGray" || n == "/G") out.insert("Gray");
        else if (n != "/Pattern") {
            OH named = get(get(resources, "/ColorSpace"), n);
            if (!named.isNull()) deviceFamilies(named, resources, out, depth + 1);
        }
        return;
    }
    if (!cs.isArray() || cs.getArrayNItems() == 0) return;
    std::string fam = nameOf(cs.getArrayItem(0));
    if ((fam == "/Indexed" || fam == "/I" || fam == "/Pattern") && cs.getArrayNItems() > 1)
        deviceFamilies(cs.getArrayItem(1), resources, out, depth + 1);
    else if (fam == "/Separation" && cs.getArrayNItems() > 2)
        deviceFamilies(cs.getArrayItem(2), resources, out, depth + 1);
    else if (fam == "/DeviceN" && cs.getArrayNItems() > 2)
        deviceFamilies(cs.getArrayItem(2), resources, out, depth + 1);
}

struct MarkState {  // what a form XObject inherits from where it is drawn
    bool tagged = false, artifact = false, suppress = false;
    Container* target = nullptr;
    int targetMcid = -1;
};

class Walker : public OH::ParserCallbacks {
public:
    Walker(Scan& s, int page, OH resources, Container* c, MarkState inherited, bool tagging,
           std::set<QPDFObjGen>& stack)
        : s_(s), page_(page), res_(resources), c_(c), base_(inherited), tagging_(tagging), stack_(stack) {}
    using OH::ParserCallbacks::handleObject;
    void handleObject(OH obj) override {
        if (obj.isOperator()) {
            op(obj.getOperatorValue());
            ops_.clear();
        } else if (obj.isInlineImage()) {
            paint("BI");
        } else {
            ops_.push_back(obj);
        }
    }
    void handleEOF() override {}
    int openFrames() const { return int(frames_.size()); }

private:
    struct Frame {
        bool artifact = false, actual = false;
        int mcid = -1;
    };
    Scan& s_;
    int page_;
    OH res_;
    Container* c_;
    MarkState base_;
    bool tagging_;
    std::set<QPDFObjGen>& stack_;
    std::vector<OH> ops_;
    std::vector<Frame> frames_;
    std::vector<Font*> fontStack_{nullptr};
    bool newLine_ = false;
    double lineY_ = 0;

    PageTally& tally() { return s_.pages[page_ - 1]; }
    bool tagged() const {
        for (auto& f : frames_)
            if (f.mcid >= 0) return true;
        return base_.tagged;
    }
    bool artifact() const {
        for (auto& f : frames_)
            if (f.artifact) return true;
        return base_.artifact;
    }
    MarkState state() const {
        MarkState m{tagged(), artifact(), base_.suppress, base_.target, base_.targetMcid};
        for (auto& f : frames_) {
            if (f.mcid >= 0) m.target = c_, m.targetMcid = f.mcid;
            if (f.actual) m.suppress = true;
        }
        return m;
    }
    // Text shown goes to the innermost MCID's text; `gap` is a space only inferred from a TJ offset.
    void addText(const std::string& t, bool fromGlyphs, bool gap = false) {
        MarkState m = state();
        if (!m.target || (fromGlyphs && m.suppress) || t.empty()) return;
        std::string& dst = m.target->text[m.targetMcid];
        if (gap && (dst.empty() || std::isspace(static_cast<unsigned char>(dst.back())))) return;
        auto line = m.target->lines.emplace(m.targetMcid, std::make_pair(lineY_, lineY_));
        line.first->second.second = lineY_;
        if (newLine_ && !endsLikeLineBreak(dst) && !std::isspace(static_cast<unsigned char>(t[0]))) dst += ' ';
        newLine_ = false;
        dst += t;
    }
    void paint(const std::string& op) {
        if (!tagging_) return;
        if (!tagged() && !artifact()) {
            ++tally().untagged;
            ++tally().untaggedOps[op];
        }
    }
    void useColour(const std::set<std::string>& fams, const std::string& what) {
        std::string where = "page " + std::to_string(page_) + " (" + what + ")";
        bool defCmyk = !get(get(res_, "/ColorSpace"), "/DefaultCMYK").isNull();
        bool defRgb = !get(get(res_, "/ColorSpace"), "/DefaultRGB").isNull();
        if (fams.count("CMYK") && !defCmyk && s_.colour.cmyk.empty()) s_.colour.cmyk = where;
        if (fams.count("RGB") && !defRgb && s_.colour.rgb.empty()) s_.colour.rgb = where;
    }
    OH operand(size_t i) const { return i < ops_.size() ? ops_[i] : OH::newNull(); }
    void beginMarked(const std::string& op) {
        Frame f;
        std::string tag = nameOf(operand(0));
        f.artifact = tag == "/Artifact";
        OH props = op == "BDC" ? operand(1) : OH::newNull();
        if (props.isName()) props = get(get(res_, "/Properties"), props.getName());
        OH mcid = get(props, "/MCID");
        if (isInt(mcid)) f.mcid = int(mcid.getIntValue());
        if (tagging_) {
            if (f.mcid >= 0 && artifact()) ++tally().taggedInArtifact;
            if (f.artifact && tagged()) ++tally().artifactInTagged;
            if (f.mcid >= 0 && c_) ++c_->mcidUses[f.mcid];
            OH lang = get(props, "/Lang");
            if (!lang.isNull() && !wellFormedLang(textOf(lang))) tally().badLangs.push_back(textOf(lang));
        }
        OH actual = get(props, "/ActualText");
        frames_.push_back(f);
        if (actual.isString()) {
            addText(textOf(actual), false);
            frames_.back().actual = true;
        }
    }
    void drawXObject() {
        OH x = get(get(res_, "/XObject"), nameOf(operand(0)));
        if (!x.isStream()) return;
        std::string sub = nameOf(get(x, "/Subtype")), what = "XObject " + nameOf(operand(0)) + " " + ogText(x);
        if (sub == "/Image") {
            paint("Do");
            std::set<std::string> fams;
            deviceFamilies(get(x, "/ColorSpace"), res_, fams);
            useColour(fams, "image " + what);
            if (!get(x, "/Alternates").isNull() || !get(x, "/OPI").isNull())
                s_.problems[what] = {"A2:6.2.8", "image has /Alternates or /OPI"};
            if (get(x, "/Interpolate").isBool() && get(x, "/Interpolate").getBoolValue())
                s_.problems[what] = {"A2:6.2.8", "image has /Interpolate true"};
            return;
        }
        if (sub == "/PS" || !get(x, "/Subtype2").isNull() || !get(x, "/Ref").isNull() || !get(x, "/OPI").isNull())
            s_.problems[what] = {"A2:6.2.9", "PostScript, reference or OPI XObject"};
        if (sub != "/Form" || stack_.count(x.getObjGen()) || stack_.size() > 24) return;
        std::set<std::string> fams;
        deviceFamilies(get(get(x, "/Group"), "/CS"), res_, fams);
        useColour(fams, "transparency group of " + what);
        Container* c = nullptr;  // a form's MCIDs are its own (its /StructParents), not the page's
        if (tagging_) {
            Container& fc = s_.containers[x.getObjGen()];
            if (!fc.page) fc.page = page_, fc.where = "page " + std::to_string(page_) + " " + what, fc.obj = x;
            // A form drawn again shows the same MCIDs again: they are counted once (30-002 says the rest).
            c = ++s_.formDraws[x.getObjGen()] == 1 ? &fc : nullptr;
        }
        OH r = get(x, "/Resources");
        stack_.insert(x.getObjGen());
        Walker w(s_, page_, r.isDictionary() ? r : res_, c, state(), tagging_, stack_);
        try {
            x.parseAsContents(&w);
        } catch (std::exception& e) {
            tally().parseErrors.push_back(what + ": " + e.what());
        }
        if (w.openFrames()) ++tally().unbalanced;
        stack_.erase(x.getObjGen());
    }
    void op(const std::string& o) {
        static const std::set<std::string> painting = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"};
        if (o == "BI" || o == "EI") return;
        if (o == "ID") {  // the inline image's dictionary is the operands read since BI
            for (size_t i = 0; i + 1 < ops_.size(); i += 2) {
                std::string k = nameOf(ops_[i]);
                if (k == "/CS" || k == "/ColorSpace") {
                    std::set<std::string> fams;
                    deviceFamilies(ops_[i + 1], res_, fams);
                    useColour(fams, "inline image");
                }
                if (k == "/F" || k == "/Filter")
                    for (OH f : itemsOf(ops_[i + 1]))
                        if (nameOf(f) == "/LZW" || nameOf(f) == "/LZWDecode")
                            s_.problems["page " + std::to_string(page_) + " inline image"] = {"A2:6.1.10",
                                                                                              "LZW filter"};
            }
            return;
        }
        if (o == "BMC" || o == "BDC") return beginMarked(o);
        if (o == "EMC") {
            if (frames_.empty()) ++tally().unbalanced;
            else frames_.pop_back();
            return;
        }
        if (o == "q") fontStack_.push_back(fontStack_.back());
        else if (o == "Q") { if (fontStack_.size() > 1) fontStack_.pop_back(); }
        else if (o == "Tf") {
            OH f = get(get(res_, "/Font"), nameOf(operand(0)));
            fontStack_.back() = s_.font(f, nameOf(operand(0)));
            if (fontStack_.back()) s_.usedFonts.insert(Scan::fontKey(f, nameOf(operand(0))));
        } else if (o == "Tm") {
            double y = operand(5).isNumber() ? operand(5).getNumericValue() : 0;
            if (y != lineY_) newLine_ = true;
            lineY_ = y;
        } else if (o == "Td" || o == "TD") {
            if (operand(1).isNumber() && operand(1).getNumericValue() != 0)
                newLine_ = true, lineY_ += operand(1).getNumericValue();
        } else if (o == "T*") newLine_ = true;
        else if (o == "Tj" || o == "'" || o == "\"" || o == "TJ") {
            paint(o);
            if (o != "Tj" && o != "TJ") newLine_ = true;
            Font* f = fontStack_.back();
            for (OH a : itemsOf(ops_.empty() ? OH::newNull() : ops_.back())) {
                if (a.isString()) addText(decodeText(f, a.getStringValue()), true);
                else if (a.isNumber() && a.getNumericValue() < -250 && o == "TJ") addText(" ", true, true);
            }
        } else if (painting.count(o)) paint(o);
        else if (o == "Do") drawXObject();
        else if (o == "k" || o == "K") useColour({"CMYK"}, o + " operator");
        else if (o == "rg" || o == "RG") useColour({"RGB"}, o + " operator");
        else if (o == "cs" || o == "CS") {
            std::set<std::string> fams;
            deviceFamilies(operand(0), res_, fams);
            useColour(fams, o + " " + nameOf(operand(0)));
        } else if (o == "sh") {
            std::set<std::string> fams;
            deviceFamilies(get(get(get(res_, "/Shading"), nameOf(operand(0))), "/ColorSpace"), res_, fams);
            useColour(fams, "shading");
        } else if (o == "gs") gs(nameOf(operand(0)));
        if (o == "sh") paint(o);
    }
    void gs(const std::string& n) {
        static const std::set<std::string> blends = {
            "/Normal",    "/Compatible", "/Multiply",   "/Screen",    "/Overlay",   "/Darken",
            "/Lighten",   "/ColorDodge", "/ColorBurn",  "/HardLight", "/SoftLight", "/Difference",
            "/Exclusion", "/Hue",        "/Saturation", "/Color",     "/Luminosity"};
        OH g = get(get(res_, "/ExtGState"), n);
        if (!g.isDictionary()) return;
        std::string what = "ExtGState " + n + (g.isIndirect() ? " " + ogText(g) : "");
        for (OH bm : itemsOf(get(g, "/BM")))
            if (!blends.count(nameOf(bm)))
                s_.problems[what] = {"A2:6.2.10", "blend mode " + nameOf(bm) + " is not a standard one"};
        if (!get(g, "/TR").isNull()) s_.problems[what] = {"A2:6.2.5", "/TR transfer function"};
        OH tr2 = get(g, "/TR2");
        if (!tr2.isNull() && nameOf(tr2) != "/Default") s_.problems[what] = {"A2:6.2.5", "/TR2 other than /Default"};
        if (!get(g, "/HTP").isNull()) s_.problems[what] = {"A2:6.2.5", "/HTP"};
    }
};

// ---- the structure tree ----

struct Elem;
struct Kid {
    enum Kind { ELEM, MCR, OBJR } kind;
    explicit Kid(Kind k, Elem* e = nullptr) : kind(k), elem(e) {}
    Elem* elem = nullptr;
    QPDFObjGen container;
    int mcid = -1;
    OH obj;
};
struct Elem {
    OH d;
    std::string type, stdType;  // its /S, and the standard type that is or that it is role-mapped to
    Elem* parent = nullptr;
    std::vector<Kid> kids;
    std::string label() const {
        if (type.empty()) return "(no /S)";
        return stdType == type ? bare(type) : bare(type) + "->" + bare(stdType);
    }
};

const std::set<std::string> kStandardTypes = {
    "/Document", "/Part",      "/Art",     "/Sect",  "/Div",  "/BlockQuote", "/Caption", "/TOC",       "/TOCI",
    "/Index",    "/NonStruct", "/Private", "/P",     "/H",    "/H1",         "/H2",      "/H3",        "/H4",
    "/H5",       "/H6",        "/L",       "/LI",    "/Lbl",  "/LBody",      "/Table",   "/TR",        "/TH",
    "/TD",       "/THead",     "/TBody",   "/TFoot", "/Span", "/Quote",      "/Note",    "/Reference", "/BibEntry",
    "/Code",     "/Link",      "/Annot",   "/Ruby",  "/RB",   "/RT",         "/RP",      "/Warichu",   "/WT",
    "/WP",       "/Figure",    "/Formula", "/Form"};

struct Tree {
    OH root;
    std::vector<std::unique_ptr<Elem>> all;
    std::vector<Elem*> top;
    std::map<std::pair<QPDFObjGen, int>, Elem*> mcrOwner;
    std::map<QPDFObjGen, Elem*> objrOwner;
    std::vector<std::string> problems;  // "CODE\tmessage"
    std::set<QPDFObjGen> seen;

    std::map<std::string, std::string> resolved;
    std::string resolve(const std::string& type) {  // each type is resolved (and reported) once
        auto it = resolved.find(type);
        if (it != resolved.end()) return it->second;
        return resolved[type] = resolveOnce(type);
    }
    std::string resolveOnce(const std::string& type) {
        OH roleMap = get(root, "/RoleMap");
        std::string t = type;
        std::set<std::string> path{t};
        if (kStandardTypes.count(t)) {
            if (!get(roleMap, t).isNull())
                problems.push_back("02-004\tstandard type " + t + " is remapped to " + nameOf(get(roleMap, t)));
            return t;
        }
        for (;;) {
            OH next = get(roleMap, t);
            if (!next.isName()) {
                problems.push_back("02-001\tstructure type " + type +
                                   " is not standard and its role mapping does not end in a standard type");
                return type;
            }
            t = next.getName();
            if (kStandardTypes.count(t)) return t;
            if (!path.insert(t).second) {
                problems.push_back("02-003\tthe role mapping of " + type + " is circular");
                return type;
            }
        }
    }
    void build(OH k, Elem* parent) {
        for (OH kid : itemsOf(k)) {
            if (isInt(kid)) {
                if (!parent) continue;
                addMcr(parent, get(parent->d, "/Pg"), OH::newNull(), int(kid.getIntValue()));
            } else if (kid.isDictionary()) {
                std::string type = nameOf(get(kid, "/Type"));
                if (type == "/MCR" || (type.empty() && isInt(get(kid, "/MCID")))) {
                    if (!parent) continue;
                    OH pg = get(kid, "/Pg");
                    OH mcid = get(kid, "/MCID");
                    if (isInt(mcid))
                        addMcr(parent, pg.isNull() ? get(parent->d, "/Pg") : pg, get(kid, "/Stm"),
                               int(mcid.getIntValue()));
                    else
                        problems.push_back("ISO32000-1:14.7.4.2\tan MCR of " + parent->label() + " " +
                                           ogText(parent->d) + " has no /MCID");
                } else if (type == "/OBJR") {
                    if (!parent) continue;
                    Kid r(Kid::OBJR);
                    r.obj = get(kid, "/Obj");
                    parent->kids.push_back(r);
                    if (r.obj.isIndirect()) objrOwner[r.obj.getObjGen()] = parent;
                } else {
                    if (kid.isIndirect() && !seen.insert(kid.getObjGen()).second) {
                        problems.push_back("ISO32000-1:14.7.2\tstructure element " + ogText(kid) +
                                           " appears twice in the tree");
                        continue;
                    }
                    auto e = std::make_unique<Elem>();
                    e->d = kid;
                    e->type = nameOf(get(kid, "/S"));
                    e->stdType = e->type.empty() ? std::string() : resolve(e->type);
                    e->parent = parent;
                    if (e->type.empty())
                        problems.push_back("ISO32000-1:14.7.2\tstructure element " + ogText(kid) + " has no /S");
                    Elem* raw = e.get();
                    all.push_back(std::move(e));
                    if (parent) parent->kids.push_back(Kid(Kid::ELEM, raw)); else top.push_back(raw);
                    build(get(kid, "/K"), raw);
                }
            }
        }
    }
    void addMcr(Elem* parent, OH pg, OH stm, int mcid) {
        Kid m(Kid::MCR);
        m.mcid = mcid;
        m.container = stm.isStream() ? stm.getObjGen() : pg.getObjGen();
        if (!pg.isDictionary())
            problems.push_back("ISO32000-1:14.7.4.2\t" + parent->label() + " " + ogText(parent->d) +
                               " has marked content MCID " + std::to_string(mcid) + " but no /Pg");
        parent->kids.push_back(m);
        auto key = std::make_pair(m.container, mcid);
        if (mcrOwner.count(key) && mcrOwner[key] != parent)
            problems.push_back("ISO32000-1:14.7.4.2\tMCID " + std::to_string(mcid) + " of " + ogText(pg) +
                               " is claimed by two structure elements");
        else mcrOwner[key] = parent;
    }
};

// ---- the checks ----

class Checker {
public:
    Checker(QPDF& pdf, Report& r, const std::string& path) : pdf_(pdf), r_(r), path_(path) {}

    void run(bool ua, bool pdfa, bool tree) {
        QPDFPageDocumentHelper pages(pdf_);
        pages_ = pages.getAllPages();
        scanContent();
        readMetadata();
        tree_.root = get(pdf_.getRoot(), "/StructTreeRoot");
        if (tree_.root.isDictionary()) tree_.build(get(tree_.root, "/K"), nullptr);
        if (tree) printTree();
        if (ua) checkUa();
        if (pdfa) checkPdfa();
        for (auto& w : pdf_.getWarnings()) warnings_.push_back(w.what());
        if (!warnings_.empty())
            r_.fail("qpdf", std::to_string(warnings_.size()) + " warning(s) reading the file, first: " + warnings_[0]);
    }

private:
    QPDF& pdf_;
    Report& r_;
    std::string path_;
    Scan scan_;
    Tree tree_;
    std::vector<QPDFPageObjectHelper> pages_;
    std::map<QPDFObjGen, int> pageNo_;
    std::vector<std::string> warnings_;
    bool xmpRead_ = false;
    std::string xmpError_;
    Xmp xmp_;

    std::string pageName(QPDFObjGen og) {
        auto it = scan_.containers.find(og);
        if (it != scan_.containers.end()) return it->second.where;
        return pageNo_.count(og) ? "page " + std::to_string(pageNo_[og]) : "object " + og.unparse(' ');
    }

    void scanContent() {
        scan_.pages.resize(pages_.size());
        for (size_t i = 0; i < pages_.size(); ++i) {
            OH page = pages_[i].getObjectHandle();
            int no = int(i + 1);
            pageNo_[page.getObjGen()] = no;
            Container& c = scan_.containers[page.getObjGen()];
            c.page = no, c.where = "page " + std::to_string(no), c.obj = page;
            std::set<QPDFObjGen> stack;
            OH res = pages_[i].getAttribute("/Resources", false);
            Walker w(scan_, no, res, &c, MarkState{}, true, stack);
            try {
                pages_[i].parseContents(&w);
            } catch (std::exception& e) {
                r_.fail("ISO32000-1:7.8.2", c.where + ": content stream cannot be parsed: " + e.what());
            }
            scan_.pages[i].unbalanced += w.openFrames();
            std::set<std::string> fams;
            deviceFamilies(get(get(page, "/Group"), "/CS"), res, fams);
            if (fams.count("CMYK") && scan_.colour.cmyk.empty()) scan_.colour.cmyk = c.where + " (transparency group)";
            if (fams.count("RGB") && scan_.colour.rgb.empty()) scan_.colour.rgb = c.where + " (transparency group)";
            for (OH a : itemsOf(get(page, "/Annots"))) {  // appearances: fonts and colours, not tagging
                OH n = get(get(a, "/AP"), "/N");
                std::vector<OH> streams;
                if (n.isStream()) streams.push_back(n);
                else if (n.isDictionary())
                    for (auto& kv : n.getDictAsMap())
                        if (kv.second.isStream()) streams.push_back(kv.second);
                for (OH s : streams) {
                    OH r = get(s, "/Resources");
                    Walker aw(scan_, no, r.isDictionary() ? r : res, nullptr, MarkState{}, false, stack);
                    try { s.parseAsContents(&aw); } catch (std::exception&) {}
                }
            }
        }
    }

    void readMetadata() {
        OH m = get(pdf_.getRoot(), "/Metadata");
        if (!m.isStream()) return;
        try {
            std::string bytes = bytesOf(m);
            xmp_.doc = XmlReader(bytes).parse();
            xmp_.collect(xmp_.doc);
            xmpRead_ = true;
        } catch (std::exception& e) {
            xmpError_ = e.what();
        }
    }
    std::vector<std::string> xmpValues(const std::string& uri, const std::string& local) {
        const XmpProp* p = xmp_.find(uri, local);
        return p ? Xmp::values(*p) : std::vector<std::string>{};
    }

    // ---- PDF/UA-1 ----

    void checkUa() {
        OH cat = pdf_.getRoot();
        OH mark = get(cat, "/MarkInfo");
        r_.check(get(mark, "/Marked").isBool() && get(mark, "/Marked").getBoolValue(), "ISO14289-1:6.2",
                 "catalog has no /MarkInfo << /Marked true >>");
        r_.check(!(get(mark, "/Suspects").isBool() && get(mark, "/Suspects").getBoolValue()), "01-007",
                 "/MarkInfo /Suspects is true");
        r_.check(tree_.root.isDictionary(), "ISO14289-1:7.1", "catalog has no /StructTreeRoot");
        OH ddt = get(get(cat, "/ViewerPreferences"), "/DisplayDocTitle");
        if (r_.check(!ddt.isNull(), "07-001", "/ViewerPreferences has no /DisplayDocTitle"))
            r_.check(ddt.isBool() && ddt.getBoolValue(), "07-002", "/ViewerPreferences /DisplayDocTitle is not true");
        if (r_.check(get(cat, "/Metadata").isStream(), "06-001", "catalog has no /Metadata stream") &&
            r_.check(xmpRead_, "06-001", "the XMP metadata is not well-formed XML: " + xmpError_)) {
            auto part = xmpValues(NS_PDFUAID, "part");
            r_.check(!part.empty() && part[0] == "1", "06-002",
                     part.empty() ? "XMP has no pdfuaid:part" : "XMP pdfuaid:part is '" + part[0] + "', not 1");
            auto title = xmpValues(NS_DC, "title");
            r_.check(!title.empty() && !title[0].empty(), "06-003", "XMP has no dc:title");
        }
        OH lang = get(cat, "/Lang");
        if (r_.check(lang.isString() && !textOf(lang).empty(), "11-001", "catalog has no /Lang"))
            r_.check(wellFormedLang(textOf(lang)), "11-001",
                     "catalog /Lang '" + textOf(lang) + "' is not a well-formed BCP 47 tag");
        checkMarkedContent();
        checkTree();
        checkParentTree();
        checkAnnotations();
        checkFonts(true, false);
    }

    void checkMarkedContent() {
        for (size_t i = 0; i < scan_.pages.size(); ++i) {
            PageTally& t = scan_.pages[i];
            std::string where = "page " + std::to_string(i + 1);
            std::string ops;
            for (auto& kv : t.untaggedOps)
                ops += (ops.empty() ? "" : ", ") + kv.first + " " + std::to_string(kv.second);
            r_.check(t.untagged == 0, "01-005", where + ": " + std::to_string(t.untagged) +
                     " text/painting operators neither tagged nor marked as artifact (" + ops + ")");
            r_.check(t.taggedInArtifact == 0, "01-004", where + ": " + std::to_string(t.taggedInArtifact) +
                     " marked-content sequence(s) with an MCID inside an /Artifact sequence");
            r_.check(t.artifactInTagged == 0, "01-003", where + ": " + std::to_string(t.artifactInTagged) +
                     " /Artifact sequence(s) inside tagged content (an MCID sequence)");
            r_.check(t.unbalanced == 0, "ISO32000-1:14.6", where + ": BMC/BDC and EMC do not pair up (" +
                     std::to_string(t.unbalanced) + " unmatched)");
            for (auto& e : t.parseErrors) r_.fail("ISO32000-1:7.8.2", where + ": content cannot be parsed: " + e);
            for (auto& l : t.badLangs)
                r_.fail("11-001", where + ": marked-content /Lang '" + l + "' is not a well-formed BCP 47 tag");
        }
        for (auto& kv : scan_.containers) {
            Container& c = kv.second;
            for (auto& m : c.mcidUses)
                r_.check(
                    m.second == 1, "ISO32000-1:14.7.4.2",
                    c.where + ": MCID " + std::to_string(m.first) + " is used " + std::to_string(m.second) + " times");
            if (c.obj.isStream() && !c.mcidUses.empty())
                r_.check(scan_.formDraws[kv.first] <= 1, "30-002",
                         c.where + ": form XObject with MCIDs is drawn more than once");
        }
    }

    void checkTree() {
        for (auto& p : tree_.problems) {
            size_t tab = p.find('\t');
            r_.fail(p.substr(0, tab), p.substr(tab + 1));
        }
        r_.checks += int(tree_.all.size());
        std::set<std::string> noteIds;
        std::vector<int> headings;
        bool plainH = false;
        for (auto& up : tree_.all) {  // `all` is in document (pre-)order
            Elem& e = *up;
            std::string who = e.label() + " " + ogText(e.d);
            std::string ps = e.parent ? e.parent->stdType : "";
            OH lang = get(e.d, "/Lang");
            if (!lang.isNull())
                r_.check(wellFormedLang(textOf(lang)), "11-001",
                         who + ": /Lang '" + textOf(lang) + "' is not a well-formed BCP 47 tag");
            if (e.stdType == "/Figure")
                r_.check(get(e.d, "/Alt").isString() || get(e.d, "/ActualText").isString(), "13-004",
                         who + " has neither /Alt nor /ActualText");
            if (e.stdType == "/Formula") r_.check(get(e.d, "/Alt").isString(), "17-002", who + " has no /Alt");
            if (e.stdType.size() == 3 && e.stdType[1] == 'H' && std::isdigit(static_cast<unsigned char>(e.stdType[2])))
                headings.push_back(e.stdType[2] - '0');
            if (e.stdType == "/H") plainH = true;
            int hs = 0;
            for (auto& k : e.kids) hs += k.kind == Kid::ELEM && k.elem->stdType == "/H";
            r_.check(hs <= 1, "14-006", who + " holds " + std::to_string(hs) + " H elements");
            auto within = [&](std::initializer_list<const char*> allowed, const std::string& code) {
                bool ok = false;
                for (const char* a : allowed) ok = ok || ps == a;
                r_.check(ok, code, who + " is inside " + (ps.empty() ? std::string("the tree root") : bare(ps)));
            };
            if (e.stdType == "/TR") within({"/Table", "/THead", "/TBody", "/TFoot"}, "09-004");
            if (e.stdType == "/TH" || e.stdType == "/TD") within({"/TR"}, "09-004");
            if (e.stdType == "/THead" || e.stdType == "/TBody" || e.stdType == "/TFoot") within({"/Table"}, "09-004");
            if (e.stdType == "/LI") within({"/L"}, "09-005");
            if (e.stdType == "/LBody") within({"/LI"}, "09-005");
            for (auto& k : e.kids) {
                if (k.kind != Kid::ELEM) continue;
                std::string ks = k.elem->stdType;
                if (e.stdType == "/Table")
                    r_.check(ks == "/TR" || ks == "/THead" || ks == "/TBody" || ks == "/TFoot" || ks == "/Caption",
                             "09-004", who + " holds " + k.elem->label());
                if (e.stdType == "/L")
                    r_.check(ks == "/LI" || ks == "/Caption" || ks == "/L", "09-005",
                             who + " holds " + k.elem->label());
                if (e.stdType == "/LI")
                    r_.check(ks == "/Lbl" || ks == "/LBody", "09-005", who + " holds " + k.elem->label());
            }
            if (e.stdType == "/TH" && !attribute(e.d, "/Table", "/Scope") && !tableUsesHeaders(e))
                r_.fail("15-003", who + " has no /Scope attribute (owner /Table) and its table does not use /Headers");
            if (e.stdType == "/Note") {
                OH id = get(e.d, "/ID");
                if (r_.check(id.isString(), "19-003", who + " has no /ID"))
                    r_.check(noteIds.insert(id.getStringValue()).second, "19-004",
                             who + ": /ID '" + id.getStringValue() + "' is not unique");
            }
            if (e.stdType == "/Link") {
                bool objr = false;
                for (auto& k : e.kids) objr = objr || k.kind == Kid::OBJR;
                r_.check(objr, "28-011", who + " holds no OBJR (no link annotation)");
            }
            for (auto& k : e.kids)  // every MCR points at marked content that exists
                if (k.kind == Kid::MCR) {
                    auto c = scan_.containers.find(k.container);
                    r_.check(c != scan_.containers.end() && c->second.mcidUses.count(k.mcid), "ISO32000-1:14.7.4.2",
                             who + ": MCID " + std::to_string(k.mcid) + " of " + pageName(k.container) +
                                 " is in no marked content there");
                }
        }
        r_.check(!(plainH && !headings.empty()), "14-007", "the tree uses both H and H1-H6");
        if (!headings.empty())
            r_.check(headings[0] == 1, "14-002",
                     "the first numbered heading is H" + std::to_string(headings[0]) + ", not H1");
        for (size_t i = 1; i < headings.size(); ++i)
            r_.check(headings[i] <= headings[i - 1] + 1, "14-003",
                     "numbered heading H" + std::to_string(headings[i]) + " follows H" +
                         std::to_string(headings[i - 1]) + " (heading " + std::to_string(i + 1) + " in tree order)");
        for (auto& kv : scan_.containers)  // tagged content the tree does not reach
            for (auto& m : kv.second.mcidUses)
                r_.check(tree_.mcrOwner.count({kv.first, m.first}) > 0, "01-005",
                         kv.second.where + ": MCID " + std::to_string(m.first) + " is in no structure element");
    }

    // An attribute of owner `owner` in /A (a dictionary, or an array of them and revision numbers).
    bool attribute(OH e, const std::string& owner, const std::string& key) {
        for (OH a : itemsOf(get(e, "/A")))
            if (a.isDictionary() && nameOf(get(a, "/O")) == owner && !get(a, key).isNull()) return true;
        return false;
    }
    bool tableUsesHeaders(const Elem& e) {
        const Elem* t = &e;
        while (t && t->stdType != "/Table") t = t->parent;
        if (!t) return false;
        std::vector<const Elem*> todo{t};
        while (!todo.empty()) {
            const Elem* x = todo.back();
            todo.pop_back();
            if ((x->stdType == "/TD" || x->stdType == "/TH") && attribute(x->d, "/Table", "/Headers")) return true;
            for (auto& k : x->kids)
                if (k.kind == Kid::ELEM) todo.push_back(k.elem);
        }
        return false;
    }

    void checkParentTree() {
        OH pt = get(tree_.root, "/ParentTree");
        std::map<long long, OH> entries;
        bool anyMcids = false;
        for (auto& kv : scan_.containers) anyMcids = anyMcids || !kv.second.mcidUses.empty();
        if (!pt.isDictionary()) {
            r_.check(!anyMcids, "ISO32000-1:14.7.4.4", "the structure tree root has no /ParentTree");
            return;
        }
        try {
            QPDFNumberTreeObjectHelper nt(pt, pdf_, false);
            for (auto& kv : nt.getAsMap()) entries[kv.first] = kv.second;
        } catch (std::exception& e) {
            r_.fail("ISO32000-1:14.7.4.4", std::string("the /ParentTree number tree cannot be read: ") + e.what());
        }
        std::map<long long, std::string> keyUser;
        OH next = get(tree_.root, "/ParentTreeNextKey");
        for (auto& kv : scan_.containers) {
            Container& c = kv.second;
            if (c.mcidUses.empty()) continue;
            OH sp = get(c.obj, "/StructParents");
            if (!r_.check(isInt(sp), "ISO32000-1:14.7.4.4",
                          c.where + " has marked content with MCIDs but no /StructParents"))
                continue;
            long long key = sp.getIntValue();
            auto used = keyUser.emplace(key, c.where);
            r_.check(used.second, "ISO32000-1:14.7.4.4", c.where + ": /StructParents " + std::to_string(key) +
                     " is also that of " + used.first->second);
            if (isInt(next))
                r_.check(key < next.getIntValue(), "ISO32000-1:14.7.4.4",
                         c.where + ": /StructParents " + std::to_string(key) + " is not below /ParentTreeNextKey");
            OH arr = entries.count(key) ? entries[key] : OH::newNull();
            if (!r_.check(arr.isArray(), "ISO32000-1:14.7.4.4",
                          c.where + ": the ParentTree has no array for /StructParents " + std::to_string(key)))
                continue;
            for (auto& m : c.mcidUses) {
                auto owner = tree_.mcrOwner.find({kv.first, m.first});
                if (owner == tree_.mcrOwner.end()) continue;  // reported as 01-005
                OH got = m.first < arr.getArrayNItems() ? arr.getArrayItem(m.first) : OH::newNull();
                r_.check(got.isDictionary() && got.getObjGen() == owner->second->d.getObjGen(), "ISO32000-1:14.7.4.4",
                         c.where + ": ParentTree[" + std::to_string(key) + "][" + std::to_string(m.first) + "] is " +
                             (got.isNull() ? std::string("missing") : got.unparse()) + ", but MCID " +
                             std::to_string(m.first) + " belongs to " + owner->second->label() + " " +
                             ogText(owner->second->d));
            }
        }
        for (auto& p : pages_)
            for (OH a : itemsOf(get(p.getObjectHandle(), "/Annots"))) {
                OH sp = get(a, "/StructParent");
                auto owner = a.isIndirect() ? tree_.objrOwner.find(a.getObjGen()) : tree_.objrOwner.end();
                std::string who = bare(nameOf(get(a, "/Subtype"))) + " annotation " +
                                  (a.isIndirect() ? ogText(a) : "") + " on " +
                                  pageName(p.getObjectHandle().getObjGen());
                if (owner == tree_.objrOwner.end()) {
                    if (isInt(sp))
                        r_.fail("ISO32000-1:14.7.4.4", who + " has /StructParent " + std::to_string(sp.getIntValue()) +
                                                           " but no OBJR in the tree refers to it");
                    continue;
                }
                if (!r_.check(isInt(sp), "ISO32000-1:14.7.4.4",
                              who + " is in the structure tree but has no /StructParent"))
                    continue;
                OH got = entries.count(sp.getIntValue()) ? entries[sp.getIntValue()] : OH::newNull();
                r_.check(got.isDictionary() && got.getObjGen() == owner->second->d.getObjGen(), "ISO32000-1:14.7.4.4",
                         who + ": ParentTree[" + std::to_string(sp.getIntValue()) +
                             "] is not the element holding its OBJR (" + owner->second->label() + " " +
                             ogText(owner->second->d) + ")");
            }
    }

    void checkAnnotations() {
        for (auto& p : pages_) {
            OH page = p.getObjectHandle();
            std::vector<OH> annots = itemsOf(get(page, "/Annots"));
            std::string where = pageName(page.getObjGen());
            if (annots.empty()) continue;
            OH tabs = get(page, "/Tabs");
            if (r_.check(!tabs.isNull(), "28-008", where + " has annotations but no /Tabs"))
                r_.check(nameOf(tabs) == "/S", "28-009", where + ": /Tabs is " + tabs.unparse() + ", not /S");
            for (OH a : annots) {
                std::string sub = nameOf(get(a, "/Subtype"));
                OH flags = get(a, "/F");
                bool hidden = isInt(flags) && (flags.getIntValue() & 2);
                auto it = a.isIndirect() ? tree_.objrOwner.find(a.getObjGen()) : tree_.objrOwner.end();
                Elem* owner = it == tree_.objrOwner.end() ? nullptr : it->second;
                std::string who = bare(sub) + " annotation " + (a.isIndirect() ? ogText(a) : "") + " on " + where;
                r_.check(sub != "/TrapNet", "28-007", who + " is a TrapNet annotation");
                if (sub == "/PrinterMark") { r_.check(!owner, "28-017", who + " is in the structure tree"); continue; }
                if (hidden || sub == "/Popup") continue;
                if (sub == "/Link") {
                    r_.check(owner && owner->stdType == "/Link", "28-011",
                             who + (owner ? " is the OBJR of " + owner->label() + " " + ogText(owner->d) +
                                                ", not of a Link element"
                                          : " is in no structure element (no OBJR)"));
                    r_.check(!textOf(get(a, "/Contents")).empty(), "28-012", who + " has no /Contents");
                } else if (sub == "/Widget") {
                    r_.check(owner && owner->stdType == "/Form", "28-010", who + " is not in a Form element");
                } else {
                    r_.check(owner && owner->stdType == "/Annot", "28-002", who + " is not in an Annot element");
                    r_.check(!textOf(get(a, "/Contents")).empty() || (owner && get(owner->d, "/Alt").isString()),
                             "28-004", who + " has no /Contents and its element no /Alt");
                }
            }
        }
    }

    // Fonts used for text: embedded, and their codes mapped to Unicode.
    void checkFonts(bool ua, bool pdfaU) {
        static const std::set<std::string> stdCollections = {"Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Korea1"};
        for (auto& key : scan_.usedFonts) {
            Font& f = scan_.fonts[key];
            std::string sub = nameOf(get(f.dict, "/Subtype"));
            OH cid = f.composite ? first(get(f.dict, "/DescendantFonts")) : OH::newNull();
            OH desc = get(f.composite ? cid : f.dict, "/FontDescriptor");
            bool embedded = sub == "/Type3" || get(desc, "/FontFile").isStream() ||
                            get(desc, "/FontFile2").isStream() || get(desc, "/FontFile3").isStream();
            std::string who = "font " + f.label;
            if (ua) r_.check(embedded, "31-009", who + " is not embedded");
            else r_.check(embedded, "A2:6.2.11.4.1", who + " is not embedded");
            if (ua && nameOf(get(cid, "/Subtype")) == "/CIDFontType2") {
                OH map = get(cid, "/CIDToGIDMap");
                if (r_.check(!map.isNull(), "31-005", who + ": Type 2 CIDFont has no /CIDToGIDMap"))
                    r_.check(map.isStream() || nameOf(map) == "/Identity", "31-004",
                             who + ": /CIDToGIDMap is neither a stream nor /Identity");
            }
            // ISO 32000-1 9.10.2: without a ToUnicode CMap, text maps only through a standard encoding,
            // a non-symbolic TrueType font, or a CIDFont of a standard Adobe character collection.
            std::string enc = nameOf(get(f.dict, "/Encoding"));
            OH flags = get(desc, "/Flags");
            bool symbolic = isInt(flags) && (flags.getIntValue() & 4);
            std::string ordering = textOf(get(get(cid, "/CIDSystemInfo"), "/Registry")) + "-" +
                                   textOf(get(get(cid, "/CIDSystemInfo"), "/Ordering"));
            bool mappable =
                f.hasToUnicode || enc == "/MacRomanEncoding" || enc == "/WinAnsiEncoding" ||
                enc == "/MacExpertEncoding" || (sub == "/TrueType" && !symbolic) ||
                (f.composite && stdCollections.count(ordering) && enc != "/Identity-H" && enc != "/Identity-V");
            if (ua || pdfaU)
                r_.check(mappable, ua ? "31-027" : "A2:6.2.11.7.2",
                         who + " has no /ToUnicode and no encoding that maps its codes to Unicode");
            if (!(ua || pdfaU)) continue;
            std::string codes;
            for (auto& c : f.unmapped) {
                if (codes.size() > 40) { codes += " ..."; break; }
                codes += " <";
                for (unsigned char b : c) codes += "0123456789ABCDEF"[b >> 4], codes += "0123456789ABCDEF"[b & 15];
                codes += ">";
            }
            r_.check(f.unmapped.empty(), ua ? "10-001" : "A2:6.2.11.7.2",
                     who + ": " + std::to_string(f.unmapped.size()) +
                         " character code(s) shown have no Unicode value in its /ToUnicode:" + codes);
            {
                r_.check(f.zeroValues == 0, ua ? "31-028" : "A2:6.2.11.7.2",
                         who + ": /ToUnicode maps " + std::to_string(f.zeroValues) + " code(s) to U+0000");
                r_.check(f.bomValues == 0, ua ? "31-029" : "A2:6.2.11.7.2",
                         who + ": /ToUnicode maps " + std::to_string(f.bomValues) + " code(s) to U+FEFF or U+FFFE");
            }
        }
    }

    // ---- PDF/A-2 ----

    void checkPdfa() {
        checkFileStructure();
        OH cat = pdf_.getRoot();
        // Output intent: a GTS_PDFA1 intent whose profile is an ICC profile of N components.
        std::string profileSpace;
        std::set<QPDFObjGen> profiles;
        bool found = false;
        for (OH oi : itemsOf(get(cat, "/OutputIntents"))) {
            OH prof = get(oi, "/DestOutputProfile");
            if (prof.isStream()) profiles.insert(prof.getObjGen());
            if (nameOf(get(oi, "/S")) != "/GTS_PDFA1") continue;
            found = true;
            if (!r_.check(prof.isStream(), "A2:6.2.3", "the GTS_PDFA1 output intent has no /DestOutputProfile stream"))
                continue;
            std::string icc = bytesOf(prof);
            if (!r_.check(icc.size() >= 128 && icc.compare(36, 4, "acsp") == 0, "A2:6.2.3",
                          "/DestOutputProfile " + ogText(prof) + " is not an ICC profile ('acsp' at byte 36)"))
                continue;
            std::string cls = icc.substr(12, 4);
            profileSpace = icc.substr(16, 4);
            r_.check(cls == "prtr" || cls == "mntr", "A2:6.2.3",
                     "the output profile's device class is '" + cls + "', not prtr or mntr");
            int want = profileSpace == "RGB " ? 3 : profileSpace == "CMYK" ? 4 : profileSpace == "GRAY" ? 1 : 0;
            OH n = get(prof, "/N");
            r_.check(isInt(n) && n.getIntValue() == want, "A2:6.2.3", "the output profile's /N is " + n.unparse() +
                     " but its colour space '" + profileSpace + "' has " + std::to_string(want) + " components");
        }
        r_.check(found, "A2:6.2.3", "catalog has no /OutputIntents with an /S /GTS_PDFA1 intent");
        r_.check(profiles.size() <= 1, "A2:6.2.3", "output intents name different /DestOutputProfile streams");
        // Device colours against the output intent's colour space.
        if (!scan_.colour.cmyk.empty())
            r_.check(profileSpace == "CMYK", "A2:6.2.4.3",
                     "DeviceCMYK is used (first at " + scan_.colour.cmyk + ") but the output intent is not CMYK");
        if (!scan_.colour.rgb.empty())
            r_.check(profileSpace == "RGB ", "A2:6.2.4.3",
                     "DeviceRGB is used (first at " + scan_.colour.rgb + ") but the output intent is not RGB");
        for (auto& kv : scan_.problems) r_.fail(kv.second.first, kv.first + ": " + kv.second.second);
        checkXmpForPdfa();
        checkActionsAndAnnotations();
        std::string conf;
        auto c = xmpValues(NS_PDFAID, "conformance");
        if (!c.empty()) conf = c[0];
        checkFonts(false, conf == "U" || conf == "A");
    }

    void checkFileStructure() {
        std::ifstream in(path_, std::ios::binary);
        std::string head(1024, '\0');
        in.read(&head[0], 1024);
        head.resize(size_t(in.gcount()));
        bool version = head.size() > 8 && head.compare(0, 7, "%PDF-1.") == 0 && head[7] >= '0' && head[7] <= '7';
        r_.check(version, "A2:6.1.2", "the file does not start with %PDF-1.n");
        size_t eol = head.find_first_of("\r\n");
        size_t second = eol == std::string::npos ? eol : head.find_first_not_of("\r\n", eol);
        int high = 0;
        if (second != std::string::npos && head[second] == '%')
            for (size_t i = second + 1; i < head.size() && head[i] != '\r' && head[i] != '\n'; ++i)
                high += static_cast<unsigned char>(head[i]) > 127;
        r_.check(high >= 4, "A2:6.1.2", "the header is not followed by a comment of at least four bytes above 127");
        in.clear();
        in.seekg(0, std::ios::end);
        std::streamoff size = in.tellg();
        std::string tail(size_t(std::min<std::streamoff>(size, 32)), '\0');
        in.seekg(size - std::streamoff(tail.size()));
        in.read(&tail[0], std::streamsize(tail.size()));
        size_t eof = tail.rfind("%%EOF");
        r_.check(eof != std::string::npos && tail.find_first_not_of("\r\n", eof + 5) == std::string::npos, "A2:6.1.3",
                 "data follows the last %%EOF");
        OH trailer = pdf_.getTrailer();
        r_.check(get(trailer, "/ID").isArray() && get(trailer, "/ID").getArrayNItems() == 2, "A2:6.1.3",
                 "the trailer has no /ID");
        r_.check(get(trailer, "/Encrypt").isNull(), "A2:6.1.3", "the file is encrypted");
        int streams = 0;
        for (OH o : pdf_.getAllObjects()) {
            if (!o.isStream()) continue;
            ++streams;
            std::string who = "stream " + ogText(o);
            if (!get(o, "/F").isNull() || !get(o, "/FFilter").isNull() || !get(o, "/FDecodeParms").isNull())
                r_.fail("A2:6.1.7.1", who + " has external content (/F, /FFilter or /FDecodeParms)");
            for (OH f : itemsOf(get(o, "/Filter"))) {
                if (nameOf(f) == "/LZWDecode") r_.fail("A2:6.1.7.2", who + " uses LZWDecode");
                if (nameOf(f) == "/Crypt") r_.fail("A2:6.1.7.2", who + " uses the Crypt filter");
            }
            if (nameOf(get(o, "/Type")) == "/EmbeddedFile") r_.fail("A2:6.8", who + " is an embedded file");
        }
        r_.checks += streams;
    }

    void checkXmpForPdfa() {
        OH m = get(pdf_.getRoot(), "/Metadata");
        if (!r_.check(m.isStream(), "A2:6.6.2.1", "catalog has no /Metadata stream")) return;
        r_.check(get(m, "/Filter").isNull(), "A2:6.6.2.1", "the metadata stream has a /Filter");
        if (!r_.check(xmpRead_, "A2:6.6.2.1", "the XMP metadata is not well-formed XML: " + xmpError_)) return;
        auto part = xmpValues(NS_PDFAID, "part");
        auto conf = xmpValues(NS_PDFAID, "conformance");
        r_.check(!part.empty() && part[0] == "2", "A2:6.6.4",
                 part.empty() ? "XMP has no pdfaid:part" : "XMP pdfaid:part is '" + part[0] + "', not 2");
        r_.check(!conf.empty() && (conf[0] == "A" || conf[0] == "B" || conf[0] == "U"), "A2:6.6.4",
                 conf.empty() ? "XMP has no pdfaid:conformance"
                              : "XMP pdfaid:conformance is '" + conf[0] + "', not A, B or U");
        // Properties outside the schemas PDF/A-2 predefines need an extension schema (6.6.2.3).
        static const std::set<std::string> predefined = {NS_DC,
                                                         NS_XMP,
                                                         NS_PDF,
                                                         NS_PDFAID,
                                                         NS_EXT,
                                                         "http://ns.adobe.com/xap/1.0/rights/",
                                                         "http://ns.adobe.com/xap/1.0/mm/",
                                                         "http://ns.adobe.com/xap/1.0/bj/",
                                                         "http://ns.adobe.com/xap/1.0/t/pg/",
                                                         "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
                                                         "http://ns.adobe.com/photoshop/1.0/",
                                                         "http://ns.adobe.com/camera-raw-settings/1.0/",
                                                         "http://ns.adobe.com/tiff/1.0/",
                                                         "http://ns.adobe.com/exif/1.0/",
                                                         "http://ns.adobe.com/exif/1.0/aux/",
                                                         "http://ns.adobe.com/xmp/Identifier/qual/1.0/"};
        std::map<std::string, std::set<std::string>> declared;
        collectSchemas(xmp_.doc, declared);
        for (auto& p : xmp_.props) {
            if (predefined.count(p.uri)) continue;
            auto it = declared.find(p.uri);
            r_.check(it != declared.end() && it->second.count(p.local), "A2:6.6.2.3.1",
                     "XMP property " + p.local + " of namespace " + p.uri +
                         (it == declared.end() ? " is not predefined and no pdfaExtension schema declares the namespace"
                                               : " is not declared by its pdfaExtension schema"));
        }
        checkInfoAgainstXmp();
    }
    // Extension schemas: a node with a pdfaSchema:namespaceURI declares the pdfaProperty:name found under it.
    void collectSchemas(const XNode& n, std::map<std::string, std::set<std::string>>& out) {
        const XNode* uri = n.kid(NS_SCHEMA, "namespaceURI");
        const std::string* uriAttr = n.attr(NS_SCHEMA, "namespaceURI");
        if (uri || uriAttr) {
            std::string u = uri ? uri->text : *uriAttr;
            auto& names = out[u];
            std::vector<const XNode*> todo{&n};
            while (!todo.empty()) {
                const XNode* x = todo.back();
                todo.pop_back();
                if (const XNode* nm = x->kid(NS_PROPERTY, "name")) names.insert(nm->text);
                if (const std::string* nm = x->attr(NS_PROPERTY, "name")) names.insert(*nm);
                bool isProperty = x->kid(NS_PROPERTY, "name") || x->attr(NS_PROPERTY, "name");
                if (isProperty)
                    for (const char* f : {"valueType", "category", "description"})
                        r_.check(x->kid(NS_PROPERTY, f) || x->attr(NS_PROPERTY, f), "A2:6.6.2.3.3",
                                 "extension schema " + u + ": a property has no pdfaProperty:" + f);
                for (auto& k : x->kids) todo.push_back(&k);
            }
            r_.check(n.kid(NS_SCHEMA, "prefix") || n.attr(NS_SCHEMA, "prefix"), "A2:6.6.2.3.3",
                     "extension schema " + u + " has no pdfaSchema:prefix");
        }
        for (auto& k : n.kids) collectSchemas(k, out);
    }

    void checkInfoAgainstXmp() {
        OH info = get(pdf_.getTrailer(), "/Info");
        if (!info.isDictionary()) return;
        struct Pair { const char* key; const std::string* ns; const char* prop; bool date; };
        const Pair pairs[] = {{"/Title", &NS_DC, "title", false},
                              {"/Author", &NS_DC, "creator", false},
                              {"/Subject", &NS_DC, "description", false},
                              {"/Keywords", &NS_PDF, "Keywords", false},
                              {"/Producer", &NS_PDF, "Producer", false},
                              {"/Creator", &NS_XMP, "CreatorTool", false},
                              {"/CreationDate", &NS_XMP, "CreateDate", true},
                              {"/ModDate", &NS_XMP, "ModifyDate", true}};
        for (auto& p : pairs) {
            OH v = get(info, p.key);
            if (v.isNull()) continue;
            std::string iv = v.isString() ? (p.date ? v.getStringValue() : v.getUTF8Value()) : v.unparse();
            auto xv = xmpValues(*p.ns, p.prop);
            std::string what = std::string("Info ") + p.key + " '" + iv + "' against XMP " + p.prop;
            if (!r_.check(!xv.empty(), "A2:6.6.3",
                          std::string("Info ") + p.key + " has no XMP counterpart (" + p.prop + ")"))
                continue;
            if (std::string(p.key) == "/Author" && xv.size() > 1) {
                r_.fail("A2:6.6.3", what + ": dc:creator has " + std::to_string(xv.size()) +
                                        " entries; it must be one entry equal to /Author");
                continue;
            }
            if (p.date) {
                long long a = 0, b = 0;
                bool okA = parseDate(iv, true, a), okB = parseDate(xv[0], false, b);
                r_.check(okA && okB && a == b, "A2:6.6.3",
                         what + " '" + xv[0] + "': " + (!okA || !okB ? "a date cannot be read" : "different instants"));
            } else {
                r_.check(iv == xv[0], "A2:6.6.3", what + " '" + xv[0] + "' differ");
            }
        }
    }

    void checkActionsAndAnnotations() {
        static const std::set<std::string> forbidden = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData",
            "/JavaScript", "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"};
        OH cat = pdf_.getRoot();
        OH names = get(cat, "/Names");
        r_.check(get(names, "/JavaScript").isNull(), "A2:6.5.1", "the name dictionary has a /JavaScript tree");
        r_.check(get(names, "/EmbeddedFiles").isNull(), "A2:6.8", "the name dictionary has /EmbeddedFiles");
        r_.check(get(cat, "/AA").isNull(), "A2:6.5.2", "catalog has an /AA entry");
        for (auto& p : pages_)
            r_.check(get(p.getObjectHandle(), "/AA").isNull(), "A2:6.5.2",
                     pageName(p.getObjectHandle().getObjGen()) + " has an /AA entry");
        // Every action reachable from an /A, /OpenAction, /AA or /Next entry of any object.
        std::vector<std::pair<OH, int>> stack;
        for (OH o : pdf_.getAllObjects()) stack.push_back({o, 0});
        while (!stack.empty()) {
            OH o = stack.back().first;
            int depth = stack.back().second;
            stack.pop_back();
            OH d = dictOf(o);
            if (!d.isDictionary() || depth > 6) continue;
            for (const char* k : {"/A", "/OpenAction", "/Next"})
                for (OH act : itemsOf(get(d, k))) {
                    std::string s = nameOf(get(act, "/S"));
                    if (forbidden.count(s))
                        r_.fail("A2:6.5.1", "a " + bare(s) + " action (in " +
                                                (o.isIndirect() ? ogText(o) : "a direct object") + ")");
                    if (s == "/Named") {
                        std::string n = nameOf(get(act, "/N"));
                        if (n != "/NextPage" && n != "/PrevPage" && n != "/FirstPage" && n != "/LastPage")
                            r_.fail("A2:6.5.1", "named action " + n);
                    }
                }
            for (auto& kv : d.getDictAsMap())  // direct sub-dictionaries (an annotation's /AA, a link's /A ...)
                if (!kv.second.isIndirect() && (kv.second.isDictionary() || kv.second.isArray()))
                    for (OH x : itemsOf(kv.second)) if (!x.isIndirect()) stack.push_back({x, depth + 1});
            if (!get(d, "/EF").isNull())
                r_.fail("A2:6.8", "file specification " + (o.isIndirect() ? ogText(o) : "") + " embeds a file");
        }
        for (auto& p : pages_)
            for (OH a : itemsOf(get(p.getObjectHandle(), "/Annots"))) {
                std::string sub = nameOf(get(a, "/Subtype"));
                std::string who = bare(sub) + " annotation " + (a.isIndirect() ? ogText(a) : "") + " on " +
                                  pageName(p.getObjectHandle().getObjGen());
                if (sub == "/Popup") continue;
                static const std::set<std::string> allowed = {
                    "/Text",        "/Link",     "/FreeText",  "/Line",      "/Square",         "/Circle",
                    "/Polygon",     "/PolyLine", "/Highlight", "/Underline", "/Squiggly",       "/StrikeOut",
                    "/Stamp",       "/Caret",    "/Ink",       "/Popup",     "/FileAttachment", "/Widget",
                    "/PrinterMark", "/TrapNet",  "/Watermark", "/Redact"};
                r_.check(allowed.count(sub) > 0, "A2:6.3.1", who + " is of a type PDF/A-2 does not allow");
                OH f = get(a, "/F");
                long long fl = isInt(f) ? f.getIntValue() : -1;
                r_.check(fl >= 0 && (fl & 4) && !(fl & (1 | 2 | 32 | 256)), "A2:6.3.2",
                         who + ": /F " + (fl < 0 ? std::string("missing") : std::to_string(fl)) +
                             " must set Print and clear Invisible, Hidden, NoView, ToggleNoView");
                OH ap = get(a, "/AP");
                OH rect = get(a, "/Rect");
                bool zero = rect.isArray() && rect.getArrayNItems() == 4 &&
                            rect.getArrayItem(0).unparse() == rect.getArrayItem(2).unparse() &&
                            rect.getArrayItem(1).unparse() == rect.getArrayItem(3).unparse();
                if (sub != "/Link" && !zero)
                    r_.check(ap.isDictionary(), "A2:6.3.3", who + " has no appearance dictionary");
                if (ap.isDictionary())
                    r_.check(ap.getKeys() == std::set<std::string>{"/N"}, "A2:6.3.3",
                             who + ": /AP holds other than /N");
            }
    }

    // ---- --tree ----

    void printTree() {
        if (!tree_.root.isDictionary()) {
            std::cout << "(no structure tree)\n";
            return;
        }
        std::vector<std::pair<Elem*, int>> todo;
        for (auto it = tree_.top.rbegin(); it != tree_.top.rend(); ++it) todo.push_back({*it, 0});
        while (!todo.empty()) {
            Elem* e = todo.back().first;
            int depth = todo.back().second;
            todo.pop_back();
            std::string line(size_t(depth) * 2, ' ');
            line += e->type.empty() ? std::string("?") : e->label();
            OH lang = get(e->d, "/Lang"), alt = get(e->d, "/Alt"), actual = get(e->d, "/ActualText");
            if (!lang.isNull()) line += " lang=" + textOf(lang);
            if (alt.isString()) line += " alt=\"" + textOf(alt) + "\"";
            if (actual.isString()) line += " actualtext=\"" + textOf(actual) + "\"";
            // The texts of its MCRs, a space between two on different lines (or pages) unless the first
            // ends in a space or a hyphen.
            std::string text;
            bool mcr = false;
            const Container* prevC = nullptr;
            double prevY = 0;
            for (auto& k : e->kids) {
                if (k.kind != Kid::MCR) continue;
                mcr = true;
                auto c = scan_.containers.find(k.container);
                if (c == scan_.containers.end() || !c->second.text.count(k.mcid)) continue;
                const std::string& t = c->second.text.at(k.mcid);
                auto ys = c->second.lines.at(k.mcid);
                bool newLine = prevC && (prevC != &c->second || prevY != ys.first);
                if (newLine && !text.empty() && !endsLikeLineBreak(text) &&
                    !std::isspace(static_cast<unsigned char>(t[0])))
                    text += ' ';
                text += t;
                prevC = &c->second, prevY = ys.second;
            }
            if (mcr) {
                for (char& ch : text)
                    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
                line += ": " + text;
            }
            std::cout << line << "\n";
            for (auto it = e->kids.rbegin(); it != e->kids.rend(); ++it)
                if (it->kind == Kid::ELEM) todo.push_back({it->elem, depth + 1});
        }
    }
};

int usage() {
    std::cerr << "usage: inkstone_pdfcheck [--ua] [--pdfa] [--tree] FILE.pdf\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    bool ua = false, pdfa = false, tree = false;
    std::string file;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--make" && i + 3 < argc) return makeTestPdf(argv[i + 1], argv[i + 2], argv[i + 3]);
        if (a == "--ua") ua = true;
        else if (a == "--pdfa") pdfa = true;
        else if (a == "--tree") tree = true;
        else if (!a.empty() && a[0] == '-') return usage();
        else if (file.empty()) file = a;
        else return usage();
    }
    if (file.empty()) return usage();
    if (!ua && !pdfa && !tree) ua = true;
    Report report;
    report.file = file;
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    try {
        pdf.processFile(file.c_str());
    } catch (std::exception& e) {
        std::cout << file << ": unreadable: " << e.what() << "\n";
        return 2;
    }
    try {
        Checker(pdf, report, file).run(ua, pdfa, tree);
    } catch (std::exception& e) {
        report.fail("qpdf", std::string("the check stopped: ") + e.what());
    }
    std::cout << file << ": " << report.checks << " checks, " << report.failures << " failures\n";
    return report.failures ? 1 : 0;
}
