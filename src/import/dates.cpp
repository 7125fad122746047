// Dates as web pages print them, and the language of a page's text.
#include <regex>

#include "base/utf8.h"
#include "import/import.h"

namespace inkstone::import {

namespace {

bool valid(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] &&
           !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

int monthOf(const std::string& name) {
    static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) return 0;
    std::string n;
    for (char c : name.substr(0, 3)) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; i < 12; ++i)
        if (n == names[i]) return i + 1;
    return 0;
}

// Full-width digits (２０１２) read as ASCII ones.
std::string asciiDigits(const std::string& s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        const char32_t c = decodeUtf8(s, i);
        if (c >= U'０' && c <= U'９') out += static_cast<char>('0' + (c - U'０'));
        else if (c == U'／') out += '/';
        else if (c == U'－') out += '-';
        else appendUtf8(out, c);
    }
    return out;
}

}  // namespace

std::optional<model::Date> findDate(const std::string& raw) {
    // A date is written in a few dozen characters: look at the first 120, with runs of white space
    // made one (std::regex recurses per character it spans).
    if (findInvalidUtf8(raw)) return std::nullopt;
    std::string input;
    size_t i = 0, chars = 0;
    bool space = false;
    while (i < raw.size() && chars < 120) {
        const size_t at = i;
        const char32_t c = decodeUtf8(raw, i);
        const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
        if (ws && space) continue;
        space = ws;
        input.append(raw, at, i - at);
        ++chars;
    }
    const std::string text = asciiDigits(input);
    std::smatch m;
    auto make = [](int y, int mo, int d) -> std::optional<model::Date> {
        if (!valid(y, mo, d)) return std::nullopt;
        return model::Date{y, mo, d};
    };
    // Taiwan: 民國113年3月25日 / 113年3月25日 / 113/03/25 (Republic of China years: + 1911).
    static const std::regex roc(R"((民國|民国)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)");
    static const std::regex rocSlash(R"((^|[^\d/])(\d{2,3})/(\d{1,2})/(\d{1,2})($|[^\d/]))");
    // Year first: 2013-03-25, 2013/3/25, 2013.03.25, 2013年3月25日, ISO date-times.
    static const std::regex ymd(R"((^|\D)(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*(日|号|號)?)");
    // Month name first: Mar 25 , 2013 / March 25, 2013; day first: 25 March 2013.
    static const std::regex mdy(R"(\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})\b)");
    static const std::regex dmy(R"(\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b)");
    if (std::regex_search(text, m, ymd))
        if (auto d = make(std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]))) return d;
    if (std::regex_search(text, m, mdy) && monthOf(m[1]))
        if (auto d = make(std::stoi(m[3]), monthOf(m[1]), std::stoi(m[2]))) return d;
    if (std::regex_search(text, m, dmy) && monthOf(m[2]))
        if (auto d = make(std::stoi(m[3]), monthOf(m[2]), std::stoi(m[1]))) return d;
    // Day and month in numbers before the year (21/08/2024, 08/21/2024): read only when the order
    // is plain (one of the two is above 12, or both are the same); "03/04/2024" is no date.
    static const std::regex numeric(R"((^|[^\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})($|\D))");
    if (std::regex_search(text, m, numeric)) {
        const int a = std::stoi(m[2]), b = std::stoi(m[3]), y = std::stoi(m[4]);
        if (a > 12 || a == b)
            if (auto d = make(y, b, a)) return d;
        if (b > 12)
            if (auto d = make(y, a, b)) return d;
    }
    if (std::regex_search(text, m, roc)) {
        const int y = std::stoi(m[2]);
        if (m[1].matched || y < 200)
            if (auto d = make(y + 1911, std::stoi(m[3]), std::stoi(m[4]))) return d;
    }
    if (std::regex_search(text, m, rocSlash)) {
        const int y = std::stoi(m[2]);
        if (y >= 50 && y < 200)
            if (auto d = make(y + 1911, std::stoi(m[3]), std::stoi(m[4]))) return d;
    }
    return std::nullopt;
}

std::string detectLanguage(const std::string& text) {
    // Characters only one of the two scripts uses, among the commonest in news and policy text.
    static const std::u32string simplified =
        U"这个们为国说时来会对发经电开关进东长实问学业现机于过动产种后见还没两总头级论运农几区强决战则据处"
        U"队给门热领导压济阶术极联认权证转单风带场车务万达议声报类离华确张马节话许广记须际连断难矿亲众书复观"
        U"织装儿备办习响约团历称准号维划选标写层养厂识适属圆调满县参红细听该铁价严乐图专从应条员义变结无系军"
        U"边农统较将组计别边资题党线内数样与间质气设设爱让样币银贸闻经网谈车门";
    static const std::u32string traditional =
        U"這個們為國說時來會對發經電開關進東長實問學業現機於過動產種後見還沒兩總頭級論運農幾區強決戰則據處"
        U"隊給門熱領導壓濟階術極聯認權證轉單風帶場車務萬達議聲報類離華確張馬節話許廣記須際連斷難礦親眾書復觀"
        U"織裝兒備辦習響約團歷稱準號維劃選標寫層養廠識適屬圓調滿縣參紅細聽該鐵價嚴樂圖專從應條員義變結無係軍"
        U"邊農統較將組計別邊資題黨線內數樣與間質氣設設愛讓樣幣銀貿聞經網談車門";
    // Written Cantonese (Hong Kong papers quote it; it never occurs in Mandarin prose): its
    // particles and pronouns in Traditional text make the text zh-Hant-HK.
    static const std::u32string cantonese = U"嘅唔咗喺睇冇嚟噉嗰啲佢哋乜咁";
    long han = 0, latin = 0, s = 0, t = 0, yue = 0;
    size_t i = 0;
    while (i < text.size()) {
        const char32_t c = decodeUtf8(text, i);
        if (isHan(c)) {
            ++han;
            if (simplified.find(c) != std::u32string::npos && traditional.find(c) == std::u32string::npos) ++s;
            if (traditional.find(c) != std::u32string::npos && simplified.find(c) == std::u32string::npos) ++t;
            if (cantonese.find(c) != std::u32string::npos) ++yue;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            ++latin;
        }
    }
    // A Han character carries about as much text as a two-letter Latin run.
    if (han * 3 < latin) return "en";
    if (t > s) return yue >= 3 && yue * 200 >= han ? "zh-Hant-HK" : "zh-Hant";
    return "zh-Hans";
}

}  // namespace inkstone::import
