"""A .docx file's zip, byte for byte as :mod:`zipfile` writes it, with the base package's parts
compressed once per process (a speed path).

Most parts of a document (styles, theme, fonts, settings, footer) are the base package's, the same
in every document: compressing them again for each of a county's 200 documents is a fifth of
building one. Deflate gives the same bytes for the same input, so each constant part is compressed
the first time it is met and kept; the zip around the parts is then written exactly as
`zipfile.ZipFile(…, "w", ZIP_DEFLATED).writestr(ZipInfo(name, date_time=stamp), data)` writes it,
with the entries' permissions 0644. tests/test_speed_paths.py compares the bytes with zipfile's.
"""

from __future__ import annotations

import struct
import sys
import zlib
from zipfile import ZIP64_LIMIT, ZIP_DEFLATED

# the zip format's records, as zipfile writes them (PKWARE's APPNOTE.TXT, sections 4.3.7, 4.3.12, 4.3.16)
DEFAULT_VERSION = 20  # "2.0": deflate
FILE_HEADER, FILE_HEADER_SIGNATURE = "<4s2B4HL2L2H", b"PK\003\004"
CENTRAL_DIR, CENTRAL_DIR_SIGNATURE = "<4s4B4HL2L5H2L", b"PK\001\002"
END_ARCHIVE, END_ARCHIVE_SIGNATURE = "<4s4H2LH", b"PK\005\006"

#: the entries' attributes as fc writes them (rw-r--r--), and the system zipfile names as their maker
_EXTERNAL_ATTR = 0o644 << 16
_CREATE_SYSTEM = 0 if sys.platform == "win32" else 3
_UTF8_NAME = 0x800

#: per constant part (its bytes): its CRC-32 and its compressed bytes
_compressed: dict[bytes, tuple[int, bytes]] = {}
_KEPT = 256


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile does
    return compressor.compress(data) + compressor.flush()


def _entry(data: bytes, constant: bool) -> tuple[int, bytes]:
    if not constant:
        return zlib.crc32(data), _deflate(data)
    found = _compressed.get(data)
    if found is None:
        if len(_compressed) >= _KEPT:
            _compressed.clear()
        found = _compressed[data] = (zlib.crc32(data), _deflate(data))
    return found


def package(stamp: tuple[int, int, int, int, int, int], parts: list[tuple[str, bytes, bool]]) -> bytes | None:
    """The zip of *parts* (name, bytes, whether the part is the same in every document), every entry
    dated *stamp*; None when a part is too large for this writer (zipfile must write it, as zip64)."""
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dostime = stamp[3] << 11 | stamp[4] << 5 | (stamp[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data, constant in parts:
        if len(data) * 1.05 > ZIP64_LIMIT:
            return None
        crc, compressed = _entry(data, constant)
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), _UTF8_NAME
        header = struct.pack(FILE_HEADER, FILE_HEADER_SIGNATURE, DEFAULT_VERSION, 0, flags, ZIP_DEFLATED,
                             dostime, dosdate, crc, len(compressed), len(data), len(filename), 0)
        central.append(struct.pack(CENTRAL_DIR, CENTRAL_DIR_SIGNATURE, DEFAULT_VERSION, _CREATE_SYSTEM,
                                   DEFAULT_VERSION, 0, flags, ZIP_DEFLATED, dostime, dosdate, crc,
                                   len(compressed), len(data), len(filename), 0, 0, 0, 0, _EXTERNAL_ATTR,
                                   offset) + filename)
        out += (header, filename, compressed)
        offset += len(header) + len(filename) + len(compressed)
    directory = b"".join(central)
    end = struct.pack(END_ARCHIVE, END_ARCHIVE_SIGNATURE, 0, 0, len(central), len(central), len(directory),
                      offset, 0)
    return b"".join(out) + directory + end
