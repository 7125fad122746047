#!/usr/bin/env python3
"""Reads a rendered page (PPM from pdftoppm, or an 8-bit RGB/RGBA PNG page of inkstone) and checks
the colours of one figure on it: tests/figures.sh gives the page, its resolution, the figure's
rectangle in points (from the layout dump) and what the figure should look like.

  pixels.py PAGE DPI X Y W H KIND    -> prints "ok" or what is wrong; exit 0 / 1

KIND: quadrants (red top left, green top right, blue bottom left, yellow bottom right), turned6
(the quadrants turned a quarter clockwise), cmyk (cyan ink left, magenta right), translucent (red at
half opacity over white on the left, opaque blue on the right, clear in a band across the middle),
grey (a neutral ramp, dark to light)."""
import struct
import sys
import zlib


def read_ppm(data):
    parts = data.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    return w, h, 3, parts[4][: w * h * 3]


def read_png(data):
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise SystemExit("pixels.py: only 8-bit RGB or RGBA PNG")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, out, prev = zlib.decompress(idat), bytearray(), bytearray(w * bpp)
    stride = w * bpp
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return w, h, bpp, bytes(out)


def main():
    path, dpi = sys.argv[1], float(sys.argv[2])
    x, y, w, h = (float(v) * dpi / 72 for v in sys.argv[3:7])
    kind = sys.argv[7]
    data = open(path, "rb").read()
    width, height, bpp, px = read_png(data) if data[:4] == b"\x89PNG" else read_ppm(data)

    def mean(fx0, fy0, fx1, fy1):
        """The mean colour of a part of the figure (fractions of its width and height)."""
        total, n = [0, 0, 0], 0
        for py in range(int(y + fy0 * h), int(y + fy1 * h)):
            for pxx in range(int(x + fx0 * w), int(x + fx1 * w)):
                if 0 <= pxx < width and 0 <= py < height:
                    i = (py * width + pxx) * bpp
                    for k in range(3):
                        total[k] += px[i + k]
                    n += 1
        return tuple(round(t / max(n, 1)) for t in total)

    def near(c, want, tol=45):
        return all(abs(a - b) <= tol for a, b in zip(c, want))

    red, green, blue, yellow = (220, 30, 30), (30, 200, 30), (30, 30, 220), (230, 220, 20)
    tl, tr = mean(0.1, 0.1, 0.4, 0.4), mean(0.6, 0.1, 0.9, 0.4)
    bl, br = mean(0.1, 0.6, 0.4, 0.9), mean(0.6, 0.6, 0.9, 0.9)
    checks = []
    if kind == "quadrants":
        checks = [("top left red", near(tl, red)), ("top right green", near(tr, green)),
                  ("bottom left blue", near(bl, blue)), ("bottom right yellow", near(br, yellow))]
    elif kind == "turned6":
        checks = [("top left blue", near(tl, blue)), ("top right red", near(tr, red)),
                  ("bottom left yellow", near(bl, yellow)), ("bottom right green", near(br, green))]
    elif kind == "cmyk":
        left, right = mean(0.1, 0.2, 0.4, 0.8), mean(0.6, 0.2, 0.9, 0.8)
        checks = [("cyan on the left", left[0] < 70 and left[1] > 120 and left[2] > 180),
                  ("magenta on the right", right[0] > 180 and right[1] < 80 and right[2] > 100)]
        tl, tr = left, right
    elif kind == "translucent":
        left, right, band = mean(0.1, 0.1, 0.4, 0.35), mean(0.6, 0.1, 0.9, 0.35), mean(0.1, 0.47, 0.9, 0.53)
        checks = [("pink on the left (red at half opacity over white)", near(left, (255, 128, 128), 30)),
                  ("opaque blue on the right", near(right, (0, 0, 255), 30)),
                  ("white through the clear band", near(band, (255, 255, 255), 20))]
        tl, tr, bl = left, right, band
    elif kind == "grey":
        left, right = mean(0.05, 0.2, 0.2, 0.8), mean(0.8, 0.2, 0.95, 0.8)
        checks = [("dark on the left", max(left) < 80), ("light on the right", min(right) > 180),
                  ("neutral", max(left) - min(left) < 12 and max(right) - min(right) < 12)]
        tl, tr = left, right
    else:
        raise SystemExit("pixels.py: unknown kind " + kind)
    bad = [name for name, ok in checks if not ok]
    if bad:
        print("wrong: %s (measured %s %s %s %s)" % (", ".join(bad), tl, tr, bl, br))
        return 1
    print("ok")
    return 0


sys.exit(main())
