"""Swedish conventions for dates, amounts, percentages, FTE and number words (issue: documents).

Every function passes a value it cannot format (None, a draft placeholder) through unchanged, so a
template can chain filters on data that may still be missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

NBSP = "\u00a0"

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
NUMBER_WORDS = (
    "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
)
NEUTER_ONE = "ett"


def sv_date(value: Any) -> Any:
    """2027-01-01 → '1 januari 2027'."""
    if not isinstance(value, dt.date):
        return value
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_name(value: Any) -> Any:
    """6 → 'juni'."""
    if isinstance(value, int) and 1 <= value <= 12:
        return MONTHS[value - 1]
    return value


def _group_thousands(number: int) -> str:
    return f"{number:,}".replace(",", NBSP)


def kronor(value: Any) -> Any:
    """300000 → '300 000 kr' (non-breaking spaces)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    rounded = round(value)
    return f"{_group_thousands(int(rounded))}{NBSP}kr"


def decimal(value: Any, places: int = 2) -> Any:
    """0.5 → '0,50' (decimal comma)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return f"{value:.{places}f}".replace(".", ",")


def fte(value: Any) -> Any:
    """Årsarbetare with two decimals: 0.5 → '0,50'."""
    return decimal(value, 2)


def percent(value: Any) -> Any:
    """25 → '25 %', 33.333 → '33,33 %'."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    rounded = round(value, 2)
    text = f"{rounded:g}" if rounded == int(rounded) else f"{rounded:.2f}".rstrip("0")
    return f"{text.replace('.', ',')}{NBSP}%"


def number_word(value: Any, neuter: bool = False) -> Any:
    """3 → 'tre', 12 → 'tolv'; larger numbers stay digits. ``neuter`` gives 'ett' for 1."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    if value == 1 and neuter:
        return NEUTER_ONE
    if 0 <= value < len(NUMBER_WORDS):
        return NUMBER_WORDS[value]
    return str(value)


def municipality_name(municipality: str) -> str:
    """'Karlstad' → 'Karlstads kommun', 'Örebro' → 'Örebro kommun', 'Hagfors' → 'Hagfors kommun'.

    The common rule (genitive -s after a consonant); the data's own principal name wins where a
    municipality spells itself otherwise (Falu kommun)."""
    name = municipality.strip()
    if not name or name[-1].lower() in "aeiouyåäösxz":
        return f"{name} kommun"
    return f"{name}s kommun"


def slugify(text: str) -> str:
    """'Familjecentralen Örnen' → 'familjecentralen-ornen' (lower-case ASCII: å ä → a, ö → o)."""
    import unicodedata

    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("ß", "ss")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = "".join(ch if ch.isalnum() else "-" for ch in ascii_text)
    slug = "-".join(part for part in slug.split("-") if part)
    return slug[:80].rstrip("-") or "familjecentral"  # short enough for every file system


def day_of(on: str | None) -> dt.date:
    """`fc status --on DATE` (ÅÅÅÅ-MM-DD) as a date, else today's date."""
    if on is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(on.strip())
    except ValueError:
        from .errors import UsageError

        raise UsageError(f"--on {on} är inget datum – skriv ÅÅÅÅ-MM-DD, t.ex. 2027-03-01") from None
