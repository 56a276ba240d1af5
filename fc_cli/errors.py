"""One error root for fc.

Every problem a user can cause or fix is an :class:`FcError` carrying a message that says what is
wrong and what to do, a position when there is one, and the exit code the CLI ends with
(SPEC §4: 1 invalid input, 2 wrong usage, 3 internal error).
"""

from __future__ import annotations

import re as _re
from dataclasses import dataclass

from .printing import visible

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Position:
    """A place in a file: 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{visible(self.file)}:{self.line}:{self.column}"


class FcError(Exception):
    """Root of every error fc reports to a user."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, position: Position | None = None, key: str | None = None):
        # one error, one line: text quoted from a parser or the system never breaks the line
        message = _re.sub(r"\s*[\r\n]+\s*", " ", message).strip()
        super().__init__(message)
        self.message = message
        self.position = position
        self.key = key

    def __str__(self) -> str:
        where = f"{self.position}: " if self.position else ""
        key = f"{visible(self.key)}: " if self.key else ""
        return f"{where}error: {key}{visible(self.message)}"


class InputError(FcError):
    """The user's input (YAML, data, template pack) is invalid: exit 1."""


class YamlError(InputError):
    """A centre file or pack file is not readable YAML."""


class TemplateError(InputError):
    """A template of a pack is broken: syntax, a missing name, a sandbox violation."""


class ValidationFailed(InputError):
    """The data did not validate; the diagnostics were already printed."""

    def __init__(self, message: str, diagnostics: list | None = None, files: int | None = None):
        super().__init__(message)
        self.diagnostics = diagnostics or []
        self.files = files if files is not None else len({d.file for d in self.diagnostics})

    def __str__(self) -> str:
        return self.message


class UsageError(FcError):
    """The command was called wrongly (unknown document, missing path …): exit 2."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return f"error: {visible(self.message)}"


class OutputError(FcError):
    """An output file could not be written (read-only folder, disk full …): exit 1."""

    def __str__(self) -> str:
        return f"error: {visible(self.message)}"


# ---- text that cannot be stored ---------------------------------------------------------------

#: Characters a Word document cannot hold (XML 1.0 forbids them) or that change how text reads
#: without being seen: C0/C1 control characters (tab and line ends are whitespace and allowed),
#: lone surrogates, the non-characters U+FFFE/U+FFFF, and the bidirectional embedding, override and
#: isolate controls (U+202A–U+202E, U+2066–U+2069), which can make a signed text display
#: differently from what it says. Combining accents, zero-width joiners and the left-to-right and
#: right-to-left marks (U+200E, U+200F) are ordinary text and pass.
_UNSTORABLE = _re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_BIDI = _re.compile("[\u202a-\u202e\u2066-\u2069]")


#: Characters that carry hidden text or hidden structure: the Unicode tag characters (an invisible
#: copy of ASCII), the interlinear annotation controls, and the line and paragraph separators,
#: which Word shows as a line break inside what fc writes as one line (a header, a title).
_HIDDEN = _re.compile("[\U000e0000-\U000e007f\ufff9-\ufffb\u2028\u2029]")

#: Characters that show as nothing: a text made only of these looks filled in and prints blank.
_BLANK_LOOKING = set("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


def _looks_blank(text: str) -> bool:
    import unicodedata

    return any(not char.isspace() for char in text) and all(
        char in _BLANK_LOOKING or char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Me", "Zs")
        for char in text
    )


def text_problem(text: str) -> str | None:
    """Why *text* cannot go into a document, as a Swedish sentence with what to do; None when it can."""
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
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    char = found.group()
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
