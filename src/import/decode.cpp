// Bytes -> UTF-8: BOM and validity for UTF-8, iconv for GB18030 and Big5 (glibc's converters).
#include <iconv.h>

#include <cerrno>

#include "base/utf8.h"
#include "import/import.h"

namespace inkstone::import {

namespace {

// The whole input through iconv, or nullopt at the first byte sequence the encoding does not have.
std::optional<std::string> convert(const std::string& bytes, const char* from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    size_t inLeft = bytes.size();
    char* o = out.data();
    size_t outLeft = out.size();
    bool ok = true;
    while (inLeft > 0) {
        if (iconv(cd, &in, &inLeft, &o, &outLeft) != static_cast<size_t>(-1)) continue;
        if (errno == E2BIG) {
            const size_t used = static_cast<size_t>(o - out.data());
            out.resize(out.size() * 2);
            o = out.data() + used;
            outLeft = out.size() - used;
            continue;
        }
        ok = false;  // EILSEQ or EINVAL: not this encoding
        break;
    }
    iconv_close(cd);
    if (!ok) return std::nullopt;
    out.resize(static_cast<size_t>(o - out.data()));
    return out;
}

// How much decoded text reads like Chinese: common ideographs and full-width punctuation count,
// private-use, rare-block and control characters count against (a wrong decoding of GB18030 as
// Big5, or the reverse, produces those).
long chineseScore(const std::string& text) {
    static const std::u32string common = U"的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等部度家电電力里裡如水化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新线線内內数數正心反你明看原又么麼利比或但质質气氣第向道命此变變条條只没沒结結解问問意建月公无無系係军軍很情者最立代想已通并並提直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長求老头頭基资資边邊流路级級少图圖山统統接知较較将將组組见見计計别別她手角期根论論运運农農指几幾九区區强強放决決西被干做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造百规規热熱领領七海口东東导導器压壓志世金增争爭济濟阶階油思术術极極交受联聯认認六共权權收证證改清美再采採转轉更单單风風切打白教速花带帶安场場身车車例真务務具万萬每目至达達走积積示议議声聲报報斗鬥完类類八离離华華名确確才科张張信马馬节節话話米整空元况況今集温溫传傳土许許步群广廣石记記需段研界拉林律叫且究观觀越织織装裝影算低持音众眾书書布复復容儿兒须須际際商非验驗连連断斷深难難近矿礦千周委素技备備半办辦青省列习習响響约約支般史感劳勞便团團往酸历歷市克何除消构構府称稱太准準精值号號率族维維划劃选選标標写寫存候毛亲親快效斯院查江型眼王按格养養易置派层層片始却專专状狀育厂廠京识識适適属屬圆圓包火住调調满滿县縣局照参參红紅细細引听聽该該铁鐵价價严嚴，。、：；？！“”「」《》（）";
    long score = 0;
    size_t i = 0;
    while (i < text.size()) {
        const char32_t c = decodeUtf8(text, i);
        if (c < 0x80) continue;
        if (c == U'，' || c == U'。' || c == U'、') score += 4;
        else if (common.find(c) != std::u32string::npos) score += 2;
        else if ((c >= 0xE000 && c <= 0xF8FF) || (c >= 0x80 && c < 0xA0) || (c >= 0x3400 && c <= 0x4DBF) ||
                 c >= 0x20000 || (c >= 0x3040 && c <= 0x312F) || (c >= 0x2500 && c <= 0x257F) || (c >= 0xFF61 && c <= 0xFF9F) ||
                 (c >= 0xFE30 && c <= 0xFE4F))
            score -= 4;  // private use, rare ideographs, kana, bopomofo, box drawing, vertical forms
    }
    return score;
}

}  // namespace

const char* encodingName(Encoding e) {
    switch (e) {
    case Encoding::Utf8: return "UTF-8";
    case Encoding::Utf8Bom: return "UTF-8 with BOM";
    case Encoding::Gb18030: return "GB18030";
    case Encoding::Big5: return "Big5";
    }
    return "?";
}

Decoded decode(const std::string& input, const std::string& path, const std::string& declared) {
    // Control characters are never text (NUL would also stop a C library reading the article):
    // dropped before decoding. Tab, line feed, carriage return and form feed stay as spacing.
    std::string bytes;
    bytes.reserve(input.size());
    for (char ch : input) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) continue;
        bytes += ch == '\f' ? '\n' : ch;
    }
    Decoded d;
    std::string text;
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
        text = bytes.substr(3);
        d.encoding = Encoding::Utf8Bom;
        if (auto bad = findInvalidUtf8(text))
            failAt(path, positionOfOffset(text, *bad), "invalid UTF-8 after a UTF-8 byte order mark");
    } else if (!findInvalidUtf8(bytes)) {
        text = bytes;
    } else {
        // A declared charset first (HTML), then both Chinese encodings, scored.
        std::vector<std::pair<Encoding, const char*>> tries;
        auto isGb = [](const std::string& s) { return s == "gb18030" || s == "gbk" || s == "gb2312" || s == "x-gbk"; };
        auto isBig5 = [](const std::string& s) { return s == "big5" || s == "big5-hkscs" || s == "x-x-big5"; };
        if (isGb(declared)) tries = {{Encoding::Gb18030, "GB18030"}};
        else if (isBig5(declared)) tries = {{Encoding::Big5, "BIG5"}};
        else tries = {{Encoding::Gb18030, "GB18030"}, {Encoding::Big5, "BIG5"}};
        long best = 0;
        bool found = false;
        for (auto [enc, name] : tries) {
            auto out = convert(bytes, name);
            // Big5 has vendor variants: Microsoft's (CP950) and Hong Kong's (HKSCS) add characters.
            if (!out && enc == Encoding::Big5) out = convert(bytes, "CP950");
            if (!out && enc == Encoding::Big5) out = convert(bytes, "BIG5-HKSCS");
            if (!out) continue;
            const long score = chineseScore(*out);
            if (!found || score > best) {
                best = score;
                text = std::move(*out);
                d.encoding = enc;
                found = true;
            }
        }
        if (!found) {
            const size_t bad = *findInvalidUtf8(bytes);
            SourcePos at{1, 1};
            for (size_t k = 0; k < bad; ++k) {
                if (bytes[k] == '\n') {
                    ++at.line;
                    at.col = 1;
                } else {
                    ++at.col;
                }
            }
            failAt(path, at,
                   "the page is neither UTF-8 nor GB18030 nor Big5 (invalid byte at offset " + std::to_string(bad) + ")");
        }
    }
    // Line ends: \r\n and lone \r become \n.
    d.text.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            d.text += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            d.text += text[i];
        }
    }
    return d;
}

}  // namespace inkstone::import
