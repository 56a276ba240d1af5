"""How fc shows text it did not write itself: names of files and folders, keys, values.

A key or a folder name can hold any character, and a line end or an escape sequence printed as it
is breaks fc's one-finding-a-line format, can rewrite the terminal, or becomes a command in a CI
log (GitHub Actions runs every output line that starts with `::`). So every such text is printed
through :func:`visible`: control characters, line and paragraph separators and the invisible
characters that turn the direction of text are shown as escapes (`\\n`, `\\x1b`, `\\u202e`).
Backslashes stay as they are (Windows paths).
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """*text* with every character that would not show as itself escaped."""
    return _INVISIBLE.sub(_escape, text)
