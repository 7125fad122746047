#include "text/paragraph_stages.h"

#include <cmath>

#include <hb.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <set>

#include "base/utf8.h"

namespace inkstone::text::stages {
namespace {

Script scriptOf(char32_t c, bool chinese) {
    if (isCjk(c)) return Script::Cjk;
    if (isAmbiguousPunctuation(c)) return chinese ? Script::Cjk : Script::Latin;
    if (g_unichar_isalnum(static_cast<gunichar>(c))) return Script::Latin;
    return Script::Neutral;
}

bool isLatinAlnum(char32_t c) { return !isCjk(c) && g_unichar_isalnum(static_cast<gunichar>(c)); }

// Full-width marks whose blank half is on the right (in zh-Hans faces) and those whose blank half
// is on the left; the raw material of punctuation compression (clreq 3.1.4).
bool isClosingMark(char32_t c) {
    switch (c) {
        case U'、': case U'，': case U'。': case U'．': case U'；': case U'：': case U'？': case U'！':
        case U'”': case U'’': case U'）': case U'》': case U'」': case U'』': case U'】': case U'〕':
        case U'〗': case U'〉':
            return true;
        default:
            return false;
    }
}

// clreq 3.1.7: characters not to start a line: the closing marks above, and further closing
// brackets and interpuncts that are not compressed.
bool notAtLineStart(char32_t c) {
    if (isClosingMark(c)) return true;
    switch (c) {
        case U'〙': case U'〛': case U'｝': case U'］': case U'·': case U'・': case U'‧': case U'〞':
            return true;
        default:
            return false;
    }
}

// clreq 3.1.7: characters not to end a line (opening quotes and brackets).
bool notAtLineEnd(char32_t c) {
    switch (c) {
        case U'“': case U'‘': case U'（': case U'《': case U'「': case U'『': case U'【': case U'〔':
        case U'〖': case U'〈': case U'〘': case U'〚': case U'｛': case U'［': case U'〝':
            return true;
        default:
            return false;
    }
}

bool isOpeningMark(char32_t c) { return notAtLineEnd(c); }

// ——, ⸺ and …… are one unit of two em: never broken inside (clreq 3.1.7).
bool isPairedMark(char32_t c) { return c == 0x2014 || c == 0x2026 || c == 0x2E3A || c == 0x2015; }
bool isHanLike(char32_t c) { return isHan(c) || (c >= 0x3040 && c <= 0x30FF); }

void addAttr(PangoAttrList* list, PangoAttribute* a, size_t start, size_t end) {
    a->start_index = static_cast<guint>(start);
    a->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, a);
}

}  // namespace

Chars collectText(const ParagraphInput& in, MeasuredParagraph& p) {
    Chars c;
    p.lang = in.lang;
    p.vertical = in.vertical;
    p.spans = in.spans;
    c.chinese = in.lang.chinese();
    c.traditional = in.lang.traditional();
    c.cjkLang = c.chinese ? in.lang : Lang(Lang::Script::Hans);
    auto text = std::make_shared<std::string>();
    for (size_t s = 0; s < in.spans.size(); ++s) {
        const std::string& t = in.spans[s].text;
        size_t i = 0;
        while (i < t.size()) {
            p.byteOffset.push_back(static_cast<int>(text->size() + i));
            c.cps.push_back(decodeUtf8(t, i));
            p.spanOf.push_back(static_cast<int>(s));
        }
        *text += t;
    }
    const int n = c.size();
    p.byteOffset.push_back(static_cast<int>(text->size()));
    p.text = text;
    p.advance.assign(n, 0);
    p.glueAfter.assign(n, 0);
    p.flags.assign(n, 0);

    c.script.resize(n);
    for (int i = 0; i < n; ++i) c.script[i] = scriptOf(c.cps[i], c.chinese);
    // Neutral characters take the script before them (or after, at the start).
    Script last = Script::Neutral;
    for (int i = 0; i < n; ++i) {
        if (c.script[i] == Script::Neutral) c.script[i] = last;
        else last = c.script[i];
    }
    last = Script::Latin;
    for (int i = n - 1; i >= 0; --i) {
        if (c.script[i] == Script::Neutral) c.script[i] = last;
        else last = c.script[i];
    }
    c.tcy.assign(n, 0);
    if (in.vertical) {
        auto digit = [&](int i) { return i >= 0 && i < n && c.cps[i] >= '0' && c.cps[i] <= '9'; };
        auto joins = [&](int i) {  // a character that makes a number longer or a word of it
            return i >= 0 && i < n && (isLatinAlnum(c.cps[i]) || c.cps[i] == '.' || c.cps[i] == ',');
        };
        std::u32string with;
        for (size_t k = 0; k < in.tateChuYokoWith.size();) with += decodeUtf8(in.tateChuYokoWith, k);
        const int most = in.tateChuYokoDigits;
        for (int i = 0; i < n;) {
            if (!digit(i)) {
                ++i;
                continue;
            }
            int j = i;
            while (digit(j)) ++j;
            int end = j;  // the digits and the marks the style sets with them (50%)
            while (end < n && end - i < most && with.find(c.cps[end]) != std::u32string::npos) ++end;
            const bool sameSpan = p.spanOf[i] == p.spanOf[end - 1];
            if (end - i <= most && sameSpan && !joins(i - 1) && !joins(end) &&
                (end >= n || with.find(c.cps[end]) == std::u32string::npos))  // not 100%: too long, all on its side
                for (int k = i; k < end; ++k) c.tcy[k] = end - i;
            i = end;
        }
    }
    return c;
}

AttrListPtr fontAttributes(const style::Style& style, const ParagraphInput& in, const MeasuredParagraph& p,
                           const Chars& c) {
    AttrListPtr attrs(pango_attr_list_new());
    const int n = c.size();
    int segStart = 0;
    for (int i = 1; i <= n; ++i) {
        if (i < n && c.script[i] == c.script[segStart] && p.spanOf[i] == p.spanOf[segStart] &&
            (c.tcy[i] != 0) == (c.tcy[segStart] != 0))
            continue;
        const Span& sp = in.spans[p.spanOf[segStart]];
        auto setIt = style.fonts.find(sp.fontSet);
        const style::FontSet& set = setIt != style.fonts.end() ? setIt->second : style.fonts.at("serif");
        const int tcy = c.tcy[segStart];
        const bool cjk = c.script[segStart] == Script::Cjk || tcy > 0;
        // Chinese characters in the run's language (the paragraph's if the run is English);
        // Latin letters in English.
        const Lang lang = cjk ? (sp.lang.chinese() ? sp.lang : c.cjkLang) : Lang();
        const std::string& family = cjk ? set.forLang(lang) : set.latin;
        FontDescPtr desc(pango_font_description_new());
        pango_font_description_set_family(desc.get(), family.c_str());
        pango_font_description_set_absolute_size(desc.get(), sp.size * PANGO_SCALE);
        pango_font_description_set_weight(desc.get(), sp.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        // CJK faces have no italic: leave them upright rather than synthesising a slant.
        pango_font_description_set_style(desc.get(), sp.italic && !cjk ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        size_t b0 = p.byteOffset[segStart], b1 = p.byteOffset[i];
        addAttr(attrs.get(), pango_attr_font_desc_new(desc.get()), b0, b1);
        addAttr(attrs.get(), pango_attr_language_new(pango_language_from_string(lang.tag().c_str())), b0, b1);
        // A feature attribute, never markup: the text is the user's.
        if (sp.tabularFigures) addAttr(attrs.get(), pango_attr_font_features_new("tnum"), b0, b1);
        // On a vertical line every Chinese character stands upright, the brackets, quotation
        // marks, dashes and ellipses too (Pango's natural gravity would lay those on their side):
        // shaped top to bottom they take the face's vertical forms (`vert`), which read as the
        // characters they are and keep a line one line for text extraction.
        if (in.vertical && cjk && tcy == 0) {
            addAttr(attrs.get(), pango_attr_gravity_new(PANGO_GRAVITY_EAST), b0, b1);
            addAttr(attrs.get(), pango_attr_gravity_hint_new(PANGO_GRAVITY_HINT_STRONG), b0, b1);
        }
        // Tate-chu-yoko: the digits shaped as on a horizontal line in the Chinese face, in its
        // full-, half- or third-width forms, so that the unit is one em wide (drawn upright
        // across the vertical line, GlyphRun::tateChuYoko).
        if (tcy > 0) {
            addAttr(attrs.get(), pango_attr_gravity_new(PANGO_GRAVITY_SOUTH), b0, b1);
            addAttr(attrs.get(), pango_attr_gravity_hint_new(PANGO_GRAVITY_HINT_STRONG), b0, b1);
            addAttr(attrs.get(), pango_attr_font_features_new(tcy == 1 ? "fwid" : tcy == 2 ? "hwid" : "twid"), b0, b1);
        }
        segStart = i;
    }
    return attrs;
}

std::vector<bool> compressPunctuation(const ParagraphInput& in, const MeasuredParagraph& p, const Chars& c,
                                      PangoAttrList* attrs) {
    const int n = c.size();
    std::vector<bool> compressed(n, false);
    if (!c.chinese || !in.compressPunctuation) return compressed;
    const auto& cps = c.cps;
    auto fullWidth = [&](int i) { return c.script[i] == Script::Cjk && (isClosingMark(cps[i]) || isOpeningMark(cps[i])); };
    for (int i = 0; i + 1 < n; ++i) {
        if (!fullWidth(i) || !fullWidth(i + 1)) continue;
        if (isClosingMark(cps[i])) {
            if (!(c.traditional && (cps[i] == U'？' || cps[i] == U'！'))) compressed[i] = true;
        } else if (isOpeningMark(cps[i + 1])) {
            compressed[i + 1] = true;
        }
    }
    for (int i = 0; i < n; ++i)
        // halt sets a mark half-width on a horizontal line, vhal half-height on a vertical one.
        if (compressed[i]) addAttr(attrs, pango_attr_font_features_new(in.vertical ? "vhal" : "halt"), p.byteOffset[i], p.byteOffset[i + 1]);
    return compressed;
}

std::vector<PangoLogAttr> breakOpportunities(const ParagraphInput& in, MeasuredParagraph& p, const Chars& c,
                                             const std::vector<bool>& compressed) {
    const auto& cps = c.cps;
    const int n = c.size();
    const bool chinese = c.chinese;
    const auto& script = c.script;
    const std::string& text = *p.text;
    std::vector<PangoLogAttr> logAttrs(n + 1);
    pango_get_log_attrs(text.c_str(), static_cast<int>(text.size()), -1,
                        pango_language_from_string((chinese ? in.lang : Lang()).tag().c_str()), logAttrs.data(), n + 1);
    for (int i = 0; i < n; ++i) {
        uint8_t f = 0;
        if (i > 0 && logAttrs[i].is_line_break) f |= kBreakBefore;
        if (i > 0 && logAttrs[i].is_mandatory_break) f |= kMandatoryBefore | kBreakBefore;
        if (cps[i] == '\n' || cps[i] == 0x2028) f |= kNewline | kWhite;
        else if (logAttrs[i].is_white) f |= kWhite;
        if (isCjk(cps[i]) || (chinese && isAmbiguousPunctuation(cps[i]))) f |= kCjk;
        p.flags[i] = f;
    }
    // clreq 3.1.7 on top of Pango's tailoring: prohibited line starts and ends, paired marks never
    // split; GB strictness: no solidus at a line end; strict: no dash or ellipsis at a line start.
    for (int i = 1; i < n; ++i) {
        if (!(p.flags[i] & kBreakBefore) || (p.flags[i] & kMandatoryBefore)) continue;
        bool forbid = notAtLineStart(cps[i]) || notAtLineEnd(cps[i - 1]) ||
                      (isPairedMark(cps[i]) && cps[i - 1] == cps[i]);
        if (in.lineBreak != style::LineBreakStrictness::Basic && (cps[i - 1] == U'/' || cps[i - 1] == U'／')) forbid = true;
        if (in.lineBreak == style::LineBreakStrictness::Strict && isPairedMark(cps[i]) && i + 1 < n && cps[i + 1] == cps[i])
            forbid = true;
        if (forbid) p.flags[i] &= static_cast<uint8_t>(~kBreakBefore);
    }
    // Pango 1.50 allows no break on either side of curly quotes (UAX 14 QU); in Chinese text they
    // are full-width marks, and clreq allows a break before an opening and after a closing one
    // (Unicode 15.1 LB19a relaxes QU the same way for East Asian text).
    if (chinese) {
        for (int i = 1; i < n; ++i) {
            if (p.flags[i] & kBreakBefore) continue;
            const bool beforeOpening = (cps[i] == U'“' || cps[i] == U'‘') && script[i] == Script::Cjk &&
                                       isCjk(cps[i - 1]) && !notAtLineEnd(cps[i - 1]);
            const bool afterClosing = (cps[i - 1] == U'”' || cps[i - 1] == U'’') && script[i - 1] == Script::Cjk &&
                                      isCjk(cps[i]) && !notAtLineStart(cps[i]);
            if (beforeOpening || afterClosing) p.flags[i] |= kBreakBefore;
        }
    }
    // A glued span (a note reference) keeps to the character before it and is not broken inside
    // ("premium.³", "收入。[2]": a note number never starts a line).
    for (int i = 1; i < n; ++i)
        if (in.spans[static_cast<size_t>(p.spanOf[i])].glued && !(p.flags[i] & kMandatoryBefore))
            p.flags[i] &= static_cast<uint8_t>(~kBreakBefore);
    for (int i = 0; i < n; ++i)
        if (compressed[i]) p.flags[i] |= kCompressed;

    return logAttrs;
}

void hyphenationPoints(TextEngine& engine, const ParagraphInput& in, MeasuredParagraph& p, const Chars& c) {
    const auto& cps = c.cps;
    const int n = c.size();
    if (in.hyphenate && in.hyphenation.enabled && !c.chinese) {
        HyphenationRules rules{in.hyphenation.minWord, in.hyphenation.minLeft, in.hyphenation.minRight};
        std::string word;
        int i = 0;
        while (i < n) {
            if (!(cps[i] < 128 && g_ascii_isalpha(static_cast<gchar>(cps[i])))) {
                ++i;
                continue;
            }
            int j = i;
            while (j < n && cps[j] < 128 && g_ascii_isalpha(static_cast<gchar>(cps[j]))) ++j;
            // A word glued to digits or other letters (codes, names in other scripts) is left alone;
            // one shorter than the minimum has no points (and is not looked up).
            const bool bounded = (i == 0 || !g_unichar_isalnum(cps[i - 1])) && (j == n || !g_unichar_isalnum(cps[j]));
            const Span& sp = in.spans[p.spanOf[i]];
            if (j - i >= rules.minWord && bounded && sp.fontSet != "mono" && p.spanOf[j - 1] == p.spanOf[i]) {
                word.clear();
                for (int k = i; k < j; ++k) word += static_cast<char>(cps[k]);
                for (int k : engine.hyphenationPoints(word, rules)) p.flags[i + k] |= kHyphenBefore;
            }
            i = j;
        }
    }

}

void hanLatinGlue(const ParagraphInput& in, MeasuredParagraph& p, const Chars& c) {
    const auto& cps = c.cps;
    const int n = c.size();
    for (int i = 0; i < n; ++i)
        if (c.tcy[i]) {
            p.flags[i] |= kTateChuYoko;
            if (i > 0 && c.tcy[i - 1]) p.flags[i] &= static_cast<uint8_t>(~kBreakBefore);  // one unit
        }
    if (in.hanLatinSpace > 0) {
        for (int i = 0; i + 1 < n; ++i) {
            const bool raised = in.spans[p.spanOf[i]].rise != 0 || in.spans[p.spanOf[i + 1]].rise != 0;
            if (raised) continue;  // a superscript (footnote mark) is not a Latin word
            if (c.tcy[i] || c.tcy[i + 1]) continue;  // an upright unit is set as a Chinese character
            if ((isHanLike(cps[i]) && isLatinAlnum(cps[i + 1])) || (isLatinAlnum(cps[i]) && isHanLike(cps[i + 1]))) {
                double size = std::min(in.spans[p.spanOf[i]].size, in.spans[p.spanOf[i + 1]].size);
                p.glueAfter[i] = in.hanLatinSpace * size;
            }
        }
    }

}

void shape(TextEngine& engine, const ParagraphInput& in, PangoAttrList* attrs, std::vector<PangoLogAttr>& logAttrs,
           const std::string& file, DiagnosticSink& sink, MeasuredParagraph& p) {
    const int n = p.charCount();
    const std::string& text = *p.text;
    GList* items = pango_itemize(in.vertical ? engine.verticalContext() : engine.context(), text.c_str(), 0,
                                 static_cast<int>(text.size()), attrs, nullptr);
    std::set<char32_t> reported;
    int charIndex = 0;
    for (GList* l = items; l; l = l->next) {
        PangoItem* item = static_cast<PangoItem*>(l->data);
        // Split at span boundaries so every item has one colour, link and decoration.
        while (item) {
            int first = charIndex;
            int span = p.spanOf[first];
            int lastChar = first + item->num_chars;
            int splitAt = -1;
            for (int c = first + 1; c < lastChar; ++c)
                if (p.spanOf[c] != span) {
                    splitAt = c;
                    break;
                }
            PangoItem* piece = item;
            if (splitAt >= 0) {
                piece = pango_item_split(item, p.byteOffset[splitAt] - item->offset, splitAt - first);
            } else {
                item = nullptr;
            }
            ShapedItem si;
            si.item.reset(piece);
            si.span = span;
            si.firstChar = first;
            si.face = engine.face(piece->analysis.font);
            si.tateChuYoko = p.flags[first] & kTateChuYoko;
            si.glyphs.reset(pango_glyph_string_new());
            engine.shapeCache().shape(piece, text, &logAttrs[first], si.glyphs.get());
            if (si.tateChuYoko) {
                // One em along the line: a face without the width forms asked for (twid) gives
                // wider digits, narrowed here to fit, as CSS text-combine-upright does.
                PangoGlyphString* gs = si.glyphs.get();
                long total = 0;
                for (int g = 0; g < gs->num_glyphs; ++g) total += gs->glyphs[g].geometry.width;
                const double em = in.spans[static_cast<size_t>(span)].size * PANGO_SCALE;
                if (total > em * 1.001) {
                    si.compress = em / static_cast<double>(total);
                    for (int g = 0; g < gs->num_glyphs; ++g) {
                        gs->glyphs[g].geometry.width = static_cast<int>(std::lround(gs->glyphs[g].geometry.width * si.compress));
                        gs->glyphs[g].geometry.x_offset = static_cast<int>(std::lround(gs->glyphs[g].geometry.x_offset * si.compress));
                    }
                }
            }
            std::vector<int> widths(piece->num_chars);
            pango_glyph_string_get_logical_widths(si.glyphs.get(), text.c_str() + piece->offset, piece->length,
                                                  piece->analysis.level, widths.data());
            for (int c = 0; c < piece->num_chars; ++c) p.advance[first + c] = widths[c] / double(PANGO_SCALE);
            // Missing glyphs: Pango marks them with PANGO_GLYPH_UNKNOWN_FLAG (the hex box).
            for (int g = 0; g < si.glyphs->num_glyphs; ++g) {
                PangoGlyph glyph = si.glyphs->glyphs[g].glyph;
                if (!(glyph & PANGO_GLYPH_UNKNOWN_FLAG) || glyph == PANGO_GLYPH_EMPTY) continue;
                char32_t cp = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
                if (cp == '\n' || cp == 0x2028 || cp == '\r' || cp == '\t' || g_unichar_iszerowidth(cp)) continue;
                if (!reported.insert(cp).second) continue;
                int byte = piece->offset + si.glyphs->log_clusters[g];
                int ci = first;
                while (ci + 1 < n && p.byteOffset[ci + 1] <= byte) ++ci;
                std::string ch;
                appendUtf8(ch, cp);
                // Position: the span's start, moved along its first source line (soft breaks were
                // joined into spaces, so only the column before the first joined break is exact).
                SourcePos where = in.spans[p.spanOf[ci]].pos;
                int spanStart = ci;
                while (spanStart > 0 && p.spanOf[spanStart - 1] == p.spanOf[ci]) --spanStart;
                if (where.line > 0) where.col += ci - spanStart;
                sink.warn(file, where, "no configured font has " + codePointName(cp) + " '" + ch + "'; it prints as a box");
            }
            charIndex += piece->num_chars;
            p.items.push_back(std::move(si));
        }
    }
    g_list_free(items);
    for (int i = 0; i < n; ++i)
        if (p.flags[i] & kNewline) p.advance[i] = 0;

}

void hyphenWidths(MeasuredParagraph& p) {
    const int n = p.charCount();
    p.hyphenWidth.assign(n, 0);
    for (const ShapedItem& si : p.items) {
        const int first = si.firstChar, last = si.firstChar + si.item->num_chars;
        double hyphen = -1;
        for (int c = first; c < last; ++c) {
            if (!(p.flags[c] & kHyphenBefore)) continue;
            if (hyphen < 0) {
                hb_font_t* hb = pango_font_get_hb_font(si.item->analysis.font);
                hb_codepoint_t glyph = 0;
                hyphen = 0;
                if (hb && hb_font_get_nominal_glyph(hb, '-', &glyph))
                    hyphen = hb_font_get_glyph_h_advance(hb, glyph) / double(PANGO_SCALE);
            }
            p.hyphenWidth[c] = hyphen;
        }
    }

}

void lineEndTrim(const ParagraphInput& in, MeasuredParagraph& p, const Chars& c) {
    const auto& cps = c.cps;
    const int n = c.size();
    p.endTrim.assign(n, 0);
    if (c.chinese && !c.traditional && in.lineEndHalfWidth) {
        for (int i = 0; i < n; ++i)
            if (c.script[i] == Script::Cjk && isClosingMark(cps[i]) && !(p.flags[i] & kCompressed)) p.endTrim[i] = p.advance[i] / 2;
    }

}

void stretchAndShrink(MeasuredParagraph& p, const Chars& c) {
    const auto& cps = c.cps;
    const int n = c.size();
    p.stretch.assign(n, 0);
    p.shrink.assign(n, 0);
    p.stretchKind.assign(n, kGapNone);
    p.shrinkKind.assign(n, kGapNone);
    for (int i = 0; i + 1 < n; ++i) {
        const double em = p.spans[p.spanOf[i]].size;
        if ((p.flags[i] & kWhite) && !(p.flags[i] & kNewline)) {
            p.stretch[i] += 0.6 * p.advance[i];
            p.shrink[i] += 0.3 * p.advance[i];
            p.stretchKind[i] = p.shrinkKind[i] = kGapWordSpace;
            continue;
        }
        if (p.glueAfter[i] > 0) {
            p.stretch[i] += p.glueAfter[i] / 3;
            p.shrink[i] += p.glueAfter[i] / 2;
            p.stretchKind[i] = p.shrinkKind[i] = kGapHanLatin;
            continue;
        }
        if (p.flags[i + 1] & kWhite) continue;
        const bool cjkGap = (p.flags[i] & kCjk) || (p.flags[i + 1] & kCjk);
        if (!cjkGap || (isPairedMark(cps[i]) && cps[i + 1] == cps[i])) continue;
        p.stretch[i] += 0.12 * em;
        p.stretchKind[i] = kGapInterChar;
        // A zh-Hans closing mark has a blank right half: it may give some of it up mid-line.
        if (!c.traditional && isClosingMark(cps[i]) && !(p.flags[i] & kCompressed) && c.script[i] == Script::Cjk) {
            p.shrink[i] += 0.25 * em;
            const bool stop = cps[i] == U'。' || cps[i] == U'？' || cps[i] == U'！' || cps[i] == U'．';
            p.shrinkKind[i] = stop ? kGapStop : kGapPause;
        }
    }
}

}  // namespace inkstone::text::stages
