#!/usr/bin/python3
"""Builds InkTest.ttf, inkstone's test font: glyphs with known, round advances so that line
breaking and justification can be tested exactly (1 em = 1000 units).

  Latin letters a-z A-Z, digits     500 units (half an em)
  space                             250 units (a quarter em)
  hyphen-minus, period, comma       250 units
  Han ideographs listed below, CJK punctuation   1000 units (one em), with a `halt` feature that
  sets the punctuation to 500 units (ink kept in the left half for closing marks, right half for
  opening marks)
  digits with `tnum`                600 units (its tabular figures are wider than its default ones,
                                    so a test sees whether the feature was asked for)

Run with Debian's python3-fonttools (`/usr/bin/python3 tests/fonts/make_test_font.py`); the
output is committed so the test suite needs no Python.
"""
import os

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.feaLib.builder import addOpenTypeFeaturesFromString

HAN = "中文字测试汉语国家数据规则发展"
CLOSING = "、，。；：？！”’）》」』"
OPENING = "“‘（《「『"

def box(width, ink_left, ink_right):
    pen = TTGlyphPen(None)
    pen.moveTo((ink_left, 0))
    pen.lineTo((ink_left, 700))
    pen.lineTo((ink_right, 700))
    pen.lineTo((ink_right, 0))
    pen.closePath()
    return pen.glyph()

def empty():
    return TTGlyphPen(None).glyph()

names = [".notdef", "space"]
cmap = {0x20: "space"}
glyphs = {".notdef": box(500, 50, 450), "space": empty()}
metrics = {".notdef": (500, 50), "space": (250, 0)}

def add(ch, name, width, ink):
    names.append(name)
    cmap[ord(ch)] = name
    glyphs[name] = box(width, *ink) if ink else empty()
    metrics[name] = (width, ink[0] if ink else 0)

for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    add(ch, "l_%04X" % ord(ch), 500, (50, 450))
for ch in "-.,":
    add(ch, "p_%04X" % ord(ch), 250, (50, 200))
for ch in HAN:
    add(ch, "h_%04X" % ord(ch), 1000, (100, 900))
for ch in CLOSING:
    add(ch, "c_%04X" % ord(ch), 1000, (100, 400))
for ch in OPENING:
    add(ch, "o_%04X" % ord(ch), 1000, (600, 900))

fb = FontBuilder(1000, isTTF=True)
fb.setupGlyphOrder(names)
fb.setupCharacterMap(cmap)
fb.setupGlyf(glyphs)
fb.setupHorizontalMetrics(metrics)
fb.setupHorizontalHeader(ascent=880, descent=-120)
fb.setupNameTable({"familyName": "InkTest", "styleName": "Regular"})
fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
            ulUnicodeRange1=(1 << 0) | (1 << 1), ulCodePageRange1=(1 << 0) | (1 << 18) | (1 << 20))
fb.setupPost()
# halt: closing marks keep their ink (left half) and lose the right half; opening marks move left.
closing = " ".join("c_%04X" % ord(c) for c in CLOSING)
opening = " ".join("o_%04X" % ord(c) for c in OPENING)
addOpenTypeFeaturesFromString(fb.font, """
languagesystem DFLT dflt;
languagesystem hani dflt;
feature halt {
  pos [%s] <0 0 -500 0>;
  pos [%s] <-500 0 -500 0>;
} halt;
feature tnum {
  pos [%s] <50 0 100 0>;
} tnum;
""" % (closing, opening, " ".join("l_%04X" % ord(c) for c in "0123456789")))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "InkTest.ttf")
fb.save(out)
print(out, os.path.getsize(out), "bytes")
