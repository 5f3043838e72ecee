#!/usr/bin/env python3
"""Draws the app icons (a cup of coffee on a saucer) as PNG files in
public/icons/. Standard library only; run it again after changing a colour
or a shape."""
import struct
import zlib
from pathlib import Path

BACKGROUND = (0x6B, 0x3E, 0x26)  # roast brown
CUP = (0xF6, 0xEF, 0xE6)  # cream
COFFEE = (0xC8, 0x8A, 0x55)


def inside_cup(x, y):
    """Shapes in a unit square (0..1), y growing downwards."""
    # Cup body: a bowl, wide at the top, rounded at the bottom.
    if 0.30 <= y <= 0.66:
        t = (y - 0.30) / 0.36
        half = 0.25 - 0.07 * t * t
        if abs(x - 0.45) <= half:
            return CUP
    # Handle: a ring on the right side.
    dx, dy = x - 0.71, y - 0.44
    if 0.055 ** 2 <= dx * dx + dy * dy <= 0.10 ** 2 and x > 0.69:
        return CUP
    # Saucer: a flat ellipse under the cup.
    if ((x - 0.47) / 0.34) ** 2 + ((y - 0.71) / 0.05) ** 2 <= 1:
        return CUP
    # Coffee surface seen at the rim.
    if ((x - 0.45) / 0.22) ** 2 + ((y - 0.31) / 0.035) ** 2 <= 1:
        return COFFEE
    return None


def render(size, scale, monochrome=False):
    """`scale` shrinks the drawing toward the centre (maskable icons keep
    their content inside the central 80% circle). A monochrome icon is the
    cup's outline in its alpha channel only: the system paints it in one
    colour, so the coffee at the rim is left as a gap."""
    samples = 4
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    x = 0.5 + (x - 0.5) / scale
                    y = 0.5 + (y - 0.5) / scale + 0.03
                    shape = inside_cup(x, y)
                    if monochrome:
                        acc[3] += 255 if shape == CUP else 0
                        continue
                    colour = shape or BACKGROUND
                    for i in range(3):
                        acc[i] += colour[i]
            if monochrome:
                row.extend((255, 255, 255, round(acc[3] / samples**2)))
            else:
                row.extend(round(c / samples**2) for c in acc[:3])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, pixels, alpha=False):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    colour_type = 6 if alpha else 2
    header = struct.pack(">IIBBBBB", size, size, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 9))
        + chunk(b"IEND", b"")
    )


def main():
    out = Path(__file__).resolve().parent.parent / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for name, size, scale in [
        ("icon-192.png", 192, 1.0),
        ("icon-512.png", 512, 1.0),
        ("maskable-512.png", 512, 0.75),
        ("apple-touch-icon.png", 180, 0.9),
    ]:
        (out / name).write_bytes(png(size, render(size, scale)))
        print(out / name)
    monochrome = out / "monochrome-512.png"
    monochrome.write_bytes(png(512, render(512, 0.9, monochrome=True), alpha=True))
    print(monochrome)


if __name__ == "__main__":
    main()
