#include "base/utf8.h"

#include <glib.h>

#include <cstdio>

namespace inkstone {

std::optional<size_t> findInvalidUtf8(std::string_view text) {
    const char* end = nullptr;
    // g_utf8_validate_len accepts embedded NULs as invalid, which we want too.
    if (g_utf8_validate_len(text.data(), text.size(), &end)) return std::nullopt;
    return static_cast<size_t>(end - text.data());
}

SourcePos positionOfOffset(std::string_view text, size_t offset) {
    SourcePos pos{1, 1};
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++pos.line;
            pos.col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++pos.col;
        }
    }
    return pos;
}

char32_t decodeUtf8(std::string_view text, size_t& i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    char32_t cp = c & (0x3F >> extra);
    ++i;
    for (int k = 0; k < extra && i < text.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[i]) & 0x3F);
    return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
    char buf[8];
    int n = g_unichar_to_utf8(static_cast<gunichar>(cp), buf);
    out.append(buf, static_cast<size_t>(n));
}

std::string codePointName(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

bool isHan(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

bool isCjk(char32_t cp) {
    return isHan(cp) || (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation
           (cp >= 0x3040 && cp <= 0x30FF) ||                 // kana
           (cp >= 0x3100 && cp <= 0x312F) ||                 // bopomofo
           (cp >= 0xAC00 && cp <= 0xD7AF) ||                 // Hangul
           (cp >= 0xFF00 && cp <= 0xFFEF) ||                 // full-width forms
           (cp >= 0xFE30 && cp <= 0xFE4F) ||                 // CJK compatibility forms
           (cp >= 0x2E80 && cp <= 0x2FDF);                   // radicals
}

bool isAmbiguousPunctuation(char32_t cp) {
    switch (cp) {
        case 0x2018: case 0x2019: case 0x201C: case 0x201D:  // ‘ ’ “ ”
        case 0x2014: case 0x2026: case 0x00B7: case 0x2E3A:  // — … · ⸺
        case 0x2015: case 0x2027:
            return true;
        default:
            return false;
    }
}


std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

std::string upperCase(const std::string& s) {
    gchar* u = g_utf8_strup(s.c_str(), static_cast<gssize>(s.size()));
    std::string out(u);
    g_free(u);
    return out;
}


}  // namespace inkstone
