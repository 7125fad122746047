#include "render/pdf_content.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace inkstone::render::pdf {

size_t drawnEnd(const text::GlyphRun& run) {
    size_t end = run.glyphs.size();
    while (end > 0 && run.glyphs[end - 1].id == text::kNoGlyph) --end;
    return end;
}

ContentStream::ContentStream(FontCollector& fonts) : fonts_(fonts) { cs_.reserve(32768); }

void ContentStream::color(const style::Color& c) {
    std::string s;
    nums(s, {c.r, c.g, c.b});
    if (s != color_) {
        cs_ += s + " rg\n";
        color_ = s;
    }
}

// Marked-content sequences begun inside the text object end with it (text objects and marked
// content nest).
void ContentStream::endText() {
    if (!inText_) return;
    while (!marked_.empty() && marked_.back()) {
        cs_ += "EMC\n";
        marked_.pop_back();
    }
    cs_ += "ET\n";
    inText_ = false;
}

// The glyphs and, on the first glyph of each cluster, the text it stands for. A line-end hyphen
// is the second glyph of its cluster: its text is a soft hyphen (a real hyphen is a character).
void ContentStream::record(const text::GlyphRun& run, const std::string& lineText, const FontCollector::Font& font,
                           bool addedHyphen) {
    size_t g = 0;
    const size_t last = addedHyphen ? drawnEnd(run) : run.glyphs.size();
    int byte = run.textStart;
    for (const text::Cluster& c : run.clusters) {
        for (int k = 0; k < c.glyphs; ++k, ++g) {
            const uint32_t id = run.glyphs[g].id;
            if (id == text::kNoGlyph) continue;
            const bool withText = k == 0 && !run.rtl && c.bytes > 0;
            if (addedHyphen && k > 0 && g + 1 == last) fonts_.use(font, id, "\u00AD");
            else
                fonts_.use(font, id, withText ? std::string_view(lineText).substr(static_cast<size_t>(byte), static_cast<size_t>(c.bytes))
                                              : std::string_view());
        }
        byte += c.bytes;
    }
}

// Font and rendering mode are written only when they change (both are text state, which
// outlives BT/ET).
void ContentStream::beginText() {
    if (!inText_) {
        cs_ += "BT\n";
        inText_ = true;
    }
}

void ContentStream::select(const FontCollector::Font& font, bool vertical) {
    const text::FontFace& face = *font.face;
    beginText();
    const std::string& resource = vertical ? font.vertical : font.resource;
    if (resource != font_ || face.size != size_) {
        cs_ += resource;
        cs_ += ' ';
        num(cs_, face.size, 4);
        cs_ += " Tf\n";
        font_ = resource;
        size_ = face.size;
    }
    if (face.embolden) {
        cs_ += "2 Tr ";
        num(cs_, face.size * 0.04);
        cs_ += " w\n";
        stroked_ = true;
    } else if (stroked_) {
        cs_ += "0 Tr\n";
        stroked_ = false;
    }
}

// Character spacing (Tc, points): the gap most glyphs of the run have beyond their advance. A
// justified Chinese line spreads its extra space evenly between characters, so one Tc replaces
// an adjustment after every glyph (English runs: 0, no Tc).
double ContentStream::spacing(const text::GlyphRun& run, const FontCollector::Font& font, double unit) {
    const double* mx = font.face->matrix;
    if (!(mx[0] > 0 && mx[1] == 0)) return 0;
    gaps_.clear();
    double p = 0, prevEnd = 0;
    bool have = false;
    for (const text::Glyph& gl : run.glyphs) {
        const double gx = p + gl.dx;
        p += gl.advance;
        if (gl.id == text::kNoGlyph) continue;
        if (gl.dy != 0) {
            have = false;
            continue;
        }
        if (have) gaps_.push_back(gx - prevEnd);
        prevEnd = gx + fonts_.advance(font, gl.id) * unit;
        have = true;
    }
    return gaps_.size() < 2 ? 0 : typicalGap();
}

// The median of gaps_ (two or more), to 1/1000 pt; 0 below 0.005 pt.
double ContentStream::typicalGap() {
    auto mid = gaps_.begin() + static_cast<std::ptrdiff_t>(gaps_.size() / 2);
    std::nth_element(gaps_.begin(), mid, gaps_.end());
    return std::abs(*mid) >= 0.005 ? std::round(*mid * 1000.0) / 1000.0 : 0;
}

bool ContentStream::glyphs(const text::GlyphRun& run, const std::string& lineText, double x, double y, bool addedHyphen,
                           size_t begin, size_t end, bool turned) {
    const FontCollector::Font* fontPtr = run.face ? fonts_.font(run.face) : nullptr;
    if (!fontPtr) return false;  // not a face we can embed: nothing to draw it with
    const FontCollector::Font& font = *fontPtr;
    end = std::min(end, run.glyphs.size());
    if (begin == 0) record(run, lineText, font, addedHyphen);
    select(font);
    const double* mx = font.face->matrix;
    const double unit = font.face->size * mx[0] / 1000.0;  // one TJ unit, in points
    const double tc = spacing(run, font, unit);
    if (tc != tc_) {
        num(cs_, tc / mx[0], 4);
        cs_ += " Tc\n";
        tc_ = tc;
    }
    // Each run starts with a text matrix at the pen; its glyphs go in one TJ array (a glyph moved
    // vertically gets its own matrix).
    double pen = 0, pdfPen = 0;
    bool open = false, fresh = true, hex = false;
    const double k = turned ? run.compress : 1;  // text space is narrowed by k: positions in it are / k
    for (size_t g = 0; g < end; ++g) {
        const text::Glyph& gl = run.glyphs[g];
        const double gx = (pen + gl.dx) / k;
        const double gy = -static_cast<double>(gl.dy);
        pen += gl.advance;
        if (gl.id == text::kNoGlyph || g < begin) continue;
        if (gy != 0 || fresh) {
            if (hex) cs_ += '>';
            if (open) cs_ += "] TJ\n";
            if (turned) {
                nums(cs_, {0, k, -1, 0}, 4);
                cs_ += ' ';
                nums(cs_, {x - gy, y + gx * k});
            } else {
                nums(cs_, {mx[0], mx[1], mx[2], mx[3]}, 4);
                cs_ += ' ';
                nums(cs_, {x + gx, y + gy});
            }
            cs_ += " Tm [";
            open = true;
            hex = false;
            pdfPen = gx;
            fresh = gy != 0;
        } else if (std::abs(gx - pdfPen) > 0.01) {
            // Moved only when the viewer's pen is more than 0.01 pt off: most glyphs then need no
            // number (the advances and /W differ by rounding only). A whole number of units keeps
            // the pen within half a unit, and justified lines repeat one number, which compresses.
            const double n = std::round((pdfPen - gx) / unit);
            if (n != 0) {
                if (hex) cs_ += '>';
                hex = false;
                num(cs_, n, 0);
                pdfPen -= n * unit;
            }
        }
        if (!hex) {
            cs_ += '<';
            hex = true;
        }
        hex4(cs_, gl.id);
        // Where the viewer's pen goes: the glyph's /W width (the source font's advance).
        pdfPen += fonts_.advance(font, gl.id) * unit + tc;
    }
    if (hex) cs_ += '>';
    if (open) cs_ += "] TJ\n";
    return true;
}

bool ContentStream::uprightGlyphs(const text::GlyphRun& run, const std::string& lineText, double x, double y) {
    const FontCollector::Font* fontPtr = run.face ? fonts_.font(run.face) : nullptr;
    if (!fontPtr) return false;
    const FontCollector::Font& font = *fontPtr;
    record(run, lineText, font, false);
    select(font, true);
    const double size = font.face->size, unit = size / 1000.0;
    // The gap most glyphs have beyond their /W2 advance (a justified line's even spacing) as
    // character spacing, as horizontal runs do: one Tc rather than a number after every glyph,
    // which poppler reads as word spaces. Vertically Tc is added to the pen's y: negative is down.
    gaps_.clear();
    {
        double p = 0, prevEnd = 0;
        bool have = false;
        for (const text::Glyph& gl : run.glyphs) {
            const double at = p;
            p += gl.advance;
            if (gl.id == text::kNoGlyph) continue;
            const std::array<int, 3> v = fonts_.vertical(font, gl.id);
            const double gu = at + gl.dx - v[2] * unit;
            if (have) gaps_.push_back(gu - prevEnd);
            prevEnd = gu - v[0] * unit;
            have = true;
        }
    }
    // A run too short to tell (an ellipsis of its own) keeps the spacing in effect: poppler reads
    // a change of spacing inside a line as word spaces.
    const double spread = gaps_.size() >= 2 ? typicalGap() : tc_ <= 0 ? -tc_ : 0;
    if (-spread != tc_) {
        num(cs_, -spread, 4);
        cs_ += " Tc\n";
        tc_ = -spread;
    }
    // In the frame (PDF orientation: u to the right along the line, w up across it), a glyph's
    // horizontal origin is the pen plus (dx, -dy); Identity-V puts it at the vertical origin
    // plus (vy, vx) turned into the frame: the vertical origin is where the layout's horizontal
    // origin, less that, is. Along the line the viewer's pen moves by the /W2 advance.
    double pen = 0, pdfPen = 0, across = 0;
    bool open = false, fresh = true, hex = false;
    for (const text::Glyph& gl : run.glyphs) {
        const double penAt = pen;
        pen += gl.advance;
        if (gl.id == text::kNoGlyph) continue;
        const std::array<int, 3> v = fonts_.vertical(font, gl.id);
        const double gu = penAt + gl.dx - v[2] * unit;             // the vertical origin along the line
        const double gw = -static_cast<double>(gl.dy) + v[1] * unit;  // and across it
        if (fresh || std::abs(gw - across) > 0.01) {
            if (hex) cs_ += '>';
            if (open) cs_ += "] TJ\n";
            cs_ += "0 1 -1 0 ";
            nums(cs_, {x + gu, y + gw});
            cs_ += " Tm [";
            open = true;
            hex = false;
            pdfPen = gu;
            across = gw;
            fresh = false;
        } else if (std::abs(gu - pdfPen) > 0.01) {
            // A TJ number n moves a vertical pen by n/1000 em down the line (PDF 32000-1 9.4.4).
            const double n = std::round((gu - pdfPen) / unit);
            if (n != 0) {
                if (hex) cs_ += '>';
                hex = false;
                num(cs_, n, 0);
                pdfPen += n * unit;
            }
        }
        if (!hex) {
            cs_ += '<';
            hex = true;
        }
        hex4(cs_, gl.id);
        pdfPen += -v[0] * unit + spread;  // the /W2 advance (negative: down the line) and the spacing
    }
    if (hex) cs_ += '>';
    if (open) cs_ += "] TJ\n";
    return true;
}

void ContentStream::rect(double x, double y, double width, double height) {
    endText();
    nums(cs_, {x, y, width, height});
    cs_ += " re f\n";
}

void ContentStream::rect(const style::Color& c, double x, double y, double width, double height) {
    endText();
    color(c);
    rect(x, y, width, height);
}

void ContentStream::image(const std::string& name, double x, double y, double width, double height) {
    endText();
    cs_ += "q ";
    nums(cs_, {width, 0, 0, height, x, y});
    cs_ += " cm " + name + " Do Q\n";
}

void ContentStream::xobject(const std::string& name, const double m[6]) {
    endText();
    cs_ += "q ";
    nums(cs_, {m[0], m[1], m[2], m[3], m[4], m[5]}, 4);
    cs_ += " cm " + name + " Do Q\n";
}

void ContentStream::save(std::initializer_list<double> matrix) {
    endText();
    cs_ += "q ";
    nums(cs_, matrix, 4);
    cs_ += " cm\n";
    saved_.push_back(State{color_, font_, size_, tc_, stroked_});
}

// Q restores colour and text state (font, size, Tc, rendering mode) to what they were at q.
void ContentStream::restore() {
    endText();
    cs_ += "Q\n";
    if (saved_.empty()) return;
    const State& st = saved_.back();
    color_ = st.color, font_ = st.font, size_ = st.size, tc_ = st.tc, stroked_ = st.stroked;
    saved_.pop_back();
}

// A sequence begun inside a text object stays in it (no ET/BT around every paragraph's sequence);
// one begun outside ends outside.
void ContentStream::beginMarked(const std::string& tag, const std::string& properties, bool text) {
    if (!text) endText();
    cs_ += tag;
    if (properties.empty()) {
        cs_ += " BMC\n";
    } else {
        cs_ += ' ';
        cs_ += properties;
        cs_ += " BDC\n";
    }
    marked_.push_back(inText_);
}

void ContentStream::endMarked() {
    if (marked_.empty()) return;  // ended with its text object
    if (!marked_.back()) endText();
    cs_ += "EMC\n";
    marked_.pop_back();
}

bool ContentStream::trailingSpace(const text::GlyphRun& run) {
    const FontCollector::Font* font = run.face ? fonts_.font(run.face) : nullptr;
    if (!font || !inText_) return false;
    const uint32_t g = fonts_.spaceGlyph(*font);
    if (g > 0xFFFF) return false;
    fonts_.use(*font, g, " ");
    select(*font);
    cs_ += '<';
    hex4(cs_, g);
    cs_ += "> Tj\n";
    return true;
}

bool ContentStream::hyphenIsHyphenMinus(const text::GlyphRun& run) {
    const FontCollector::Font* font = run.face ? fonts_.font(run.face) : nullptr;
    const size_t last = drawnEnd(run);
    return font && last > 0 && fonts_.isHyphenMinus(*font, run.glyphs[last - 1].id);
}

std::string ContentStream::finish() {
    endText();
    return std::move(cs_);
}

}  // namespace inkstone::render::pdf
