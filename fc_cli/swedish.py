"""Swedish grammar for templates: counted phrases and genitives (issue 12, points 8 and 9).

A number in a Swedish sentence agrees with its noun: "en månad" but "två månader", "ett
exemplar" but "tre exemplar", "en gång" but "fyra gånger", and an adjective before a neuter
noun follows ("ett identiskt exemplar", "två identiska exemplar"). Templates therefore never
write "{{ n | words }} månader"; they write ``{{ n | counted("månad", "månader") }}`` and give
both forms, the gender (``neuter=true`` for ett-words) and whether the number is spelled out.

A genitive chain names its owners in the indefinite form, and the thing owned in the plural
when there are several owners: "Östersunds kommuns social- och arbetsmarknadsförvaltnings och
barn- och utbildningsförvaltnings ansvarsområden" (not "…förvaltningens och …förvaltningens
ansvarsområde").

Like fc_cli/formatting.py, every function passes a value it cannot handle (None, a draft
placeholder) through, keeping the noun after a placeholder so a draft still reads as a sentence.
"""

from __future__ import annotations

from typing import Any

from .formatting import number_word


class _Counted:
    """A draft placeholder followed by its noun ("[fyll i: …] gånger")."""

    def __init__(self, value: Any, noun: str):
        self.value, self.noun = value, noun

    def __html__(self) -> str:
        return f"{self.value.__html__()} {self.noun}"

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"{self.value} {self.noun}"


def counted(value: Any, singular: str, plural: str, neuter: bool = False, digits: bool = False) -> Any:
    """1 → 'en månad', 2 → 'två månader', 12 → 'tolv månader' (``digits``: '1 månad', '12 månader').

    *singular* and *plural* are the whole phrase after the number, so an adjective agrees too:
    ``counted(n, "identiskt exemplar", "identiska exemplar", neuter=True)``.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        if hasattr(value, "__html__"):
            return _Counted(value, plural)
        return value
    noun = singular if value == 1 else plural
    number = str(value) if digits else number_word(value, neuter=neuter)
    return f"{number} {noun}"


def plural_of(items: Any, singular: str, plural: str) -> str:
    """The form a noun takes after a list: one owner's 'ansvarsområde', two owners' 'ansvarsområden'."""
    return singular if len(list(items)) == 1 else plural


#: Definite endings a genitive chain drops: 'förvaltningen' → 'förvaltning', 'enheten' → 'enhet'.
_DEFINITE = (("ningen", "ning"), ("heten", "het"), ("nämnden", "nämnd"), ("centralen", "central"))


def indefinite(name: Any) -> Any:
    """'Socialförvaltningen' → 'socialförvaltning' (lower-case first letter, as inside a sentence).

    Only the endings of Swedish administration names (-ningen, -heten, -nämnden, -centralen) are
    changed; any other name is returned with a lower-case first letter only, so a proper name
    ('Hälsocentralen Lugnvik') is never mangled.
    """
    if not isinstance(name, str) or not name:
        return name
    if any(word[:1].isupper() for word in name.split(" ")[1:]):
        return name  # a proper name ('Hälsocentralen Lugnvik'): keep it as written
    text = name[:1].lower() + name[1:]
    for definite, bare in _DEFINITE:
        if text.endswith(definite):
            return text[: -len(definite)] + bare
    return text


def group_word(name: Any, fallback: str = "ledningsgruppen", whole: bool = False) -> Any:
    """A group's name as a noun in a sentence: 'Ledningsgrupp för Familjecentralen Lugnvik' →
    'ledningsgruppen', 'Styrgrupp' → 'styrgruppen', 'Ledningsgrupp/styrgrupp' →
    'ledningsgruppen/styrgruppen'; a name whose first word is no '…grupp' gives *fallback*.

    With *whole*, the whole name with its first word definite: 'Styrgrupp för familjecentralerna i
    Norrvik' → 'styrgruppen för familjecentralerna i Norrvik'; a name whose first word is no
    '…grupp' then stays as written."""
    if whole and isinstance(name, str) and name.strip():
        first, _, rest = name.strip().partition(" ")
        word = group_word(first, "")
        return (f"{word} {rest}" if rest else word) if word else name
    if not isinstance(name, str) or not name.strip():
        return fallback
    first = name.split()[0].lower()
    parts = first.split("/")
    if not all(part.endswith("grupp") for part in parts):
        return fallback
    return "/".join(f"{part}en" for part in parts)


def genitive(name: Any) -> Any:
    """'Örebro kommun' → 'Örebro kommuns'; a name that ends in s, x or z takes no s ('Hagfors');
    'ledningsgruppen/styrgruppen' → 'ledningsgruppens/styrgruppens'."""
    if not isinstance(name, str) or not name:
        return name
    if "/" in name and " " not in name:
        return "/".join(genitive(part) for part in name.split("/"))
    return name if name[-1].lower() in "sxz" else f"{name}s"


#: The filters this module gives templates (registered in fc_cli/templating/helpers.py).
FILTERS = {
    "counted": counted,
    "plural_of": plural_of,
    "indefinite": indefinite,
    "genitive": genitive,
    "group_word": group_word,
}
