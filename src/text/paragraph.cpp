#include "text/paragraph.h"

#include <set>

#include "base/utf8.h"

namespace inkstone::text {
namespace {

// Which face a character is set in: Latin letters and digits in the Latin family, Chinese in the
// CJK family for the language; neutral characters (spaces, ASCII punctuation) follow their
// neighbour, and curly quotes, dashes and ellipses follow the article language (clreq 3.1: in
// Chinese text they are full-width marks of the CJK font).
enum class Script { Neutral, Latin, Cjk };

Script scriptOf(char32_t c, bool chinese) {
    if (isCjk(c)) return Script::Cjk;
    if (isAmbiguousPunctuation(c)) return chinese ? Script::Cjk : Script::Latin;
    if (g_unichar_isalnum(static_cast<gunichar>(c))) return Script::Latin;
    return Script::Neutral;
}

bool isLatinAlnum(char32_t c) { return !isCjk(c) && g_unichar_isalnum(static_cast<gunichar>(c)); }
bool isHanLike(char32_t c) { return isHan(c) || (c >= 0x3040 && c <= 0x30FF); }

void addAttr(PangoAttrList* list, PangoAttribute* a, size_t start, size_t end) {
    a->start_index = static_cast<guint>(start);
    a->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, a);
}

}  // namespace

MeasuredParagraph measureParagraph(TextEngine& engine, const style::Style& style, const ParagraphInput& in,
                                   const std::string& file, DiagnosticSink& sink) {
    MeasuredParagraph p;
    p.lang = in.lang;
    p.spans = in.spans;
    const bool chinese = in.lang.rfind("zh", 0) == 0;
    const std::string cjkLang = chinese ? in.lang : "zh-Hans";

    // 1. Text, per-character tables, and script segments.
    auto text = std::make_shared<std::string>();
    std::vector<char32_t> cps;
    for (size_t s = 0; s < in.spans.size(); ++s) {
        const std::string& t = in.spans[s].text;
        size_t i = 0;
        while (i < t.size()) {
            p.byteOffset.push_back(static_cast<int>(text->size() + i));
            cps.push_back(decodeUtf8(t, i));
            p.spanOf.push_back(static_cast<int>(s));
        }
        *text += t;
    }
    const int n = static_cast<int>(cps.size());
    p.byteOffset.push_back(static_cast<int>(text->size()));
    p.text = text;
    p.advance.assign(n, 0);
    p.glueAfter.assign(n, 0);
    p.flags.assign(n, 0);
    if (n == 0) return p;

    std::vector<Script> script(n);
    for (int i = 0; i < n; ++i) script[i] = scriptOf(cps[i], chinese);
    // Neutral characters take the script before them (or after, at the start).
    Script last = Script::Neutral;
    for (int i = 0; i < n; ++i) {
        if (script[i] == Script::Neutral) script[i] = last;
        else last = script[i];
    }
    last = Script::Latin;
    for (int i = n - 1; i >= 0; --i) {
        if (script[i] == Script::Neutral) script[i] = last;
        else last = script[i];
    }

    // 2. Attributes: one font description and language per (span, script) segment.
    AttrListPtr attrs(pango_attr_list_new());
    int segStart = 0;
    for (int i = 1; i <= n; ++i) {
        if (i < n && script[i] == script[segStart] && p.spanOf[i] == p.spanOf[segStart]) continue;
        const Span& sp = in.spans[p.spanOf[segStart]];
        auto setIt = style.fonts.find(sp.fontSet);
        const style::FontSet& set = setIt != style.fonts.end() ? setIt->second : style.fonts.at("serif");
        const bool cjk = script[segStart] == Script::Cjk;
        const std::string& family = cjk ? set.forLang(cjkLang) : set.latin;
        FontDescPtr desc(pango_font_description_new());
        pango_font_description_set_family(desc.get(), family.c_str());
        pango_font_description_set_absolute_size(desc.get(), sp.size * PANGO_SCALE);
        pango_font_description_set_weight(desc.get(), sp.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        // CJK faces have no italic: leave them upright rather than synthesising a slant.
        pango_font_description_set_style(desc.get(), sp.italic && !cjk ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        size_t b0 = p.byteOffset[segStart], b1 = p.byteOffset[i];
        addAttr(attrs.get(), pango_attr_font_desc_new(desc.get()), b0, b1);
        addAttr(attrs.get(), pango_attr_language_new(pango_language_from_string(cjk ? cjkLang.c_str() : "en")), b0, b1);
        segStart = i;
    }

    // 3. Break opportunities (UAX 14 with Pango's CJK tailoring).
    std::vector<PangoLogAttr> logAttrs(n + 1);
    pango_get_log_attrs(text->c_str(), static_cast<int>(text->size()), -1,
                        pango_language_from_string(chinese ? in.lang.c_str() : "en"), logAttrs.data(), n + 1);
    for (int i = 0; i < n; ++i) {
        uint8_t f = 0;
        if (i > 0 && logAttrs[i].is_line_break) f |= kBreakBefore;
        if (i > 0 && logAttrs[i].is_mandatory_break) f |= kMandatoryBefore | kBreakBefore;
        if (cps[i] == '\n' || cps[i] == 0x2028) f |= kNewline | kWhite;
        else if (logAttrs[i].is_white) f |= kWhite;
        if (isCjk(cps[i]) || (chinese && isAmbiguousPunctuation(cps[i]))) f |= kCjk;
        p.flags[i] = f;
    }
    // Han-Latin glue (clreq 3.2.6): a quarter em between Han and Latin letters or digits; never
    // beside punctuation, so brackets and full-width marks get none.
    if (in.hanLatinSpace > 0) {
        for (int i = 0; i + 1 < n; ++i) {
            const bool raised = in.spans[p.spanOf[i]].rise != 0 || in.spans[p.spanOf[i + 1]].rise != 0;
            if (raised) continue;  // a superscript (footnote mark) is not a Latin word
            if ((isHanLike(cps[i]) && isLatinAlnum(cps[i + 1])) || (isLatinAlnum(cps[i]) && isHanLike(cps[i + 1]))) {
                double size = std::min(in.spans[p.spanOf[i]].size, in.spans[p.spanOf[i + 1]].size);
                p.glueAfter[i] = in.hanLatinSpace * size;
            }
        }
    }

    // 4. Itemize, split items at span boundaries, shape each item once.
    GList* items = pango_itemize(engine.context(), text->c_str(), 0, static_cast<int>(text->size()), attrs.get(), nullptr);
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
            si.glyphs.reset(pango_glyph_string_new());
            pango_shape_item(piece, text->c_str(), static_cast<int>(text->size()), &logAttrs[first], si.glyphs.get(),
                             PANGO_SHAPE_NONE);
            std::vector<int> widths(piece->num_chars);
            pango_glyph_string_get_logical_widths(si.glyphs.get(), text->c_str() + piece->offset, piece->length,
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
    return p;
}

double lineWidth(const MeasuredParagraph& p, int start, int end) {
    while (end > start && (p.flags[end - 1] & kWhite)) --end;
    double w = 0;
    for (int i = start; i < end; ++i) {
        w += p.advance[i];
        if (i + 1 < end) w += p.glueAfter[i];
    }
    return w;
}

}  // namespace inkstone::text
