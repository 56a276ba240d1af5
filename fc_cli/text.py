"""Text and encodings: the one owner of "can this text stand in a document" and "is this file UTF-8".

Centre files, pack files and templates are all read through :func:`decode_utf8`, and every text
that reaches a document is checked by :func:`text_problem`, so the same mistake (a file saved as
Windows-1252, a control character pasted from another program) gets the same message wherever it is.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import FcError, Position

#: Characters a Word document cannot hold (XML 1.0 forbids them) or that change how text reads
#: without being seen: C0/C1 control characters (tab and line ends are whitespace and allowed),
#: lone surrogates, the non-characters U+FFFE/U+FFFF, and the bidirectional embedding, override and
#: isolate controls (U+202A–U+202E, U+2066–U+2069), which can make a signed text display
#: differently from what it says. Combining accents, zero-width joiners and the left-to-right and
#: right-to-left marks (U+200E, U+200F) are ordinary text and pass.
_UNSTORABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
#: What fc says of a file it may not read, wherever it is (centre file, template, reference document).
UNREADABLE = "får inte läsas (behörighet saknas) – ge ditt konto läsrätt till filen, t.ex. med chmod a+r"

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


#: Characters that carry hidden text or hidden structure: the Unicode tag characters (an invisible
#: copy of ASCII), the interlinear annotation controls, and the line and paragraph separators,
#: which Word shows as a line break inside what fc writes as one line (a header, a title).
_HIDDEN = re.compile("[\U000e0000-\U000e007f\ufff9-\ufffb\u2028\u2029]")

#: Characters that show as nothing: a text made only of these looks filled in and prints blank.
_BLANK_LOOKING = set("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


#: Characters that never look blank: ASCII letters and digits, the Latin letters of U+00C0–U+024F
_ORDINARY = re.compile("[0-9A-Za-z\u00c0-\u024f]")


def _looks_blank(text: str) -> bool:
    return any(not char.isspace() for char in text) and all(
        char in _BLANK_LOOKING or char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Me", "Zs")
        for char in text
    )


def text_problem(text: str) -> str | None:
    """Why *text* cannot go into a document, as a Swedish sentence with what to do; None when it can."""
    if text.isprintable() and (text.isascii() or _ORDINARY.search(text) or not _looks_blank(text)):
        # the common case, answered at once (a speed path: every key and value of a file comes
        # here): printable text has no control, surrogate, bidi, tag or separator character, and
        # printable ASCII, or text with a Latin letter or digit, cannot look blank
        return None
    found = _UNSTORABLE.search(text)
    if found is not None:
        return _unstorable(found.group())
    hidden = _HIDDEN.search(text)
    if hidden is not None:
        code = f"U+{ord(hidden.group()):04X}"
        if hidden.group() in "\u2028\u2029":
            return (f"texten innehåller en osynlig radbrytning ({code}) som inte hör hemma i ett fält på en rad "
                    "– skriv texten på en rad")
        return (f"texten innehåller osynliga tecken ({code}) som kan bära dold text – ta bort dem (de följer "
                "ofta med när text kopieras från en webbsida eller ett annat program)")
    if _looks_blank(text):
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in text if not c.isspace()}))
        return (f"texten består bara av tecken som inte syns ({codes}) och skulle stå tom i dokumentet – "
                "skriv den riktiga texten")
    return None


def _unstorable(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if _BIDI.match(char):
        return (
            f"texten innehåller ett osynligt tecken som vänder skrivriktningen ({code}) och kan få "
            "texten att se ut att säga något annat än den gör – ta bort det"
        )
    if 0xD800 <= ord(char) <= 0xDFFF:
        return (
            f"texten innehåller ett ofullständigt tecken ({code}, en halv surrogat) som inte kan stå "
            "i ett Word-dokument – skriv tecknet i klartext i stället för som \\u-kod"
        )
    return (
        f"texten innehåller ett osynligt styrtecken ({code}) som inte kan stå i ett Word-dokument "
        "– ta bort det (det följer ofta med när text kopieras från ett annat program)"
    )


def offset_position(name: str, text: str, offset: int) -> Position:
    """The line and column of character *offset* in *text* (line ends already read as LF)."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Position(name, line, offset - start + 1)


def is_utf16(raw: bytes) -> bool:
    """True when *raw* starts with a UTF-16 byte order mark ('Unicode' in Notepad)."""
    return raw.startswith((b"\xff\xfe", b"\xfe\xff"))


#: Byte order marks of the encodings that use two or four bytes per character, longest first.
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xff\xfe", "UTF-16 ('Unicode' i Anteckningar)"),
    (b"\xfe\xff", "UTF-16 ('Unicode big-endian' i Anteckningar)"),
)
#: Without a byte order mark: the Python codec, and which bytes of each 4-byte group are NUL for text
#: in the Latin alphabet (UTF-16LE "a" is 61 00, UTF-32BE is 00 00 00 61).
_WIDE_SHAPES = (
    ("utf-32-be", (True, True, True, False), "UTF-32 (big-endian, utan byteordningsmärke)"),
    ("utf-32-le", (False, True, True, True), "UTF-32 (little-endian, utan byteordningsmärke)"),
    ("utf-16-be", (True, False, True, False), "UTF-16 (big-endian, utan byteordningsmärke)"),
    ("utf-16-le", (False, True, False, True), "UTF-16 (little-endian, utan byteordningsmärke)"),
)


def wide_encoding(raw: bytes) -> str | None:
    """The name of the UTF-16 or UTF-32 encoding *raw* is saved in, with or without a byte order mark.

    Without a mark, the text is taken for UTF-16/32 when most of the first kilobytes' NUL bytes
    stand where that encoding puts them for Latin letters, and the whole decodes in it.
    """
    for bom, label in _WIDE_BOMS:
        if raw.startswith(bom):
            return label
    sample = raw[:4096]
    if sample.count(0) < len(sample) // 4 or len(sample) < 4:
        return None
    groups = len(sample) // 4
    for codec, zeros, label in _WIDE_SHAPES:
        fits = sum(
            all((sample[4 * g + i] == 0) == zero for i, zero in enumerate(zeros)) for g in range(groups)
        )
        if fits * 10 >= groups * 9:
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                continue
            return label
    return None


def decode_utf8(raw: bytes, name: str, error: type[FcError], subject: str) -> str:
    """*raw* as UTF-8 text with LF line ends, or *error* at the line and column of the problem.

    A byte order mark from Notepad is dropped; CRLF (Windows) and CR (old Mac) line ends read as
    LF, so every position counts lines alike. *subject* opens the message ("filen", "mallen").
    UTF-16 and UTF-32 (with or without a byte order mark), bytes that are not UTF-8 and NUL
    characters are refused with what to do.
    """
    wide = wide_encoding(raw)
    if wide is not None:
        raise error(
            f"{subject} är sparad som {wide}, men fc läser UTF-8 – spara den "
            "som UTF-8, i Anteckningar via 'Spara som' och Kodning: UTF-8",
            Position(name),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
        column = len(before[line_start:].decode("utf-8-sig" if line_start == 0 else "utf-8", "replace")) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise error(
            f"{subject} är inte sparad som UTF-8 (byte 0x{bad} går inte att läsa; {subject} är troligen "
            "sparad som Windows-1252/ANSI) – spara den som UTF-8, i Anteckningar via 'Spara som' och "
            "Kodning: UTF-8",
            Position(name, line, column),
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise error(
            f"{subject} innehåller nolltecken (NUL) och är troligen ingen textfil, eller sparad som "
            "UTF-16 – spara den som UTF-8",
            offset_position(name, text, text.index("\x00")),
        )
    return text
