"""Write and read PNG files with the standard library only (zlib + struct).

`make_png` builds a small real RGB image; `png_size` reads the width and height back from the
IHDR chunk and checks the signature, so a thumbnail's dimensions can be verified without Pillow.
"""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def make_png(width: int, height: int) -> bytes:
    """An 8-bit RGB PNG of `width` x `height` with a gradient, so every row differs."""
    if width <= 0 or height <= 0:
        raise ValueError(f"PNG size must be positive, got {width}x{height}")
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type: None
        for x in range(width):
            rows += bytes(((x * 255) // width, (y * 255) // height, ((x + y) * 7) % 256))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; ValueError if `data` is not a PNG."""
    if len(data) < 24 or not data.startswith(SIGNATURE):
        raise ValueError(f"not a PNG file (starts with {data[:8]!r})")
    length, kind = struct.unpack(">I4s", data[8:16])
    if kind != b"IHDR" or length != 13:
        raise ValueError(f"PNG does not start with an IHDR chunk (found {kind!r})")
    width, height = struct.unpack(">II", data[16:24])
    return width, height
