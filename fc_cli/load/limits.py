"""What a centre or pack file may be: its size, its shape, the placeholder fc writes."""

from __future__ import annotations

import unicodedata

#: The visible placeholder `fc new-centre` writes where the user has to fill something in.
PLACEHOLDER = "<fyll i>"


def is_placeholder(text: str) -> bool:
    """`<fyll i>` however it was typed: a no-break space, two spaces, capitals (`<Fyll i>`)."""
    if "<" not in text and "\uff1c" not in text and "\ufe64" not in text:
        return False  # a speed path: only these three become "<" in NFKC (every value comes here)
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold() == PLACEHOLDER
#: Largest centre or pack file read (bytes); centre files are a few kilobytes. The pure-Python
#: YAML parser needs about a second per 100 000 lines, so the limits keep every load well under one.
MAX_FILE_BYTES = 512_000
#: Most lines a file may have (a scaffolded centre file has a few hundred).
MAX_LINES = 20_000
#: Most values (keys, scalars, lists, mappings) a file may hold as written.
MAX_WRITTEN_NODES = 10_000
#: Most values a file may expand to once aliases (*name) are followed.
MAX_NODES = 50_000
#: Deepest nesting accepted.
MAX_DEPTH = 64
#: Explicit tags a file may use: `!!str` (and the non-specific `!`) make a value text; every
#: other tag (`!!python/…`, `!!binary`, `!!set`, custom `!tags`) has no place in a centre file.
ALLOWED_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})
