// UTF-8 helpers: validation with a position, decoding, character classes used by several stages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.h"

namespace inkstone {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<size_t> findInvalidUtf8(std::string_view text);

// 1-based line and column (in characters) of a byte offset.
SourcePos positionOfOffset(std::string_view text, size_t offset);

// Decodes the code point starting at text[i] and advances i. Input must be valid UTF-8.
char32_t decodeUtf8(std::string_view text, size_t& i);
void appendUtf8(std::string& out, char32_t cp);

// "U+4E2D"
std::string codePointName(char32_t cp);

// Han ideographs, kana, Hangul, CJK symbols and punctuation, full-width forms.
bool isCjk(char32_t cp);
bool isHan(char32_t cp);
// Characters that are Chinese-typeset in zh text but Latin-typeset in English: curly quotes,
// the em dash, the ellipsis, the middle dot.
bool isAmbiguousPunctuation(char32_t cp);

// Every occurrence of `from` in `s` replaced by `to`.
std::string replaceAll(std::string s, const std::string& from, const std::string& to);
// Upper case by Unicode rules (GLib).
std::string upperCase(const std::string& s);

}  // namespace inkstone
