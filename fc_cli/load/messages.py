"""ruamel.yaml's problems said in Swedish, each with what to do."""

from __future__ import annotations

from typing import Any

from ..errors import Position
from .limits import MAX_DEPTH


def too_deep() -> str:
    return (
        f"filen är nästlad för djupt (högst {MAX_DEPTH} nivåer) – kontrollera indraget "
        "och att varje [ och { stängs"
    )


def mark_position(name: str, mark: Any) -> Position:
    if mark is None:
        return Position(name)
    return Position(name, mark.line + 1, mark.column + 1)


def unreadable_character(character: Any) -> str:
    if isinstance(character, int):
        code = character
    else:
        code = ord(character) if isinstance(character, str) and character else 0
    return (
        f"filen innehåller ett osynligt styrtecken (U+{code:04X}) som inte får stå i en YAML-fil – "
        "ta bort det (det följer ofta med när text kopieras från ett annat program)"
    )


def written_tag(tag: Any) -> str:
    text = str(tag)
    prefix = "tag:yaml.org,2002:"
    return "!!" + text[len(prefix):] if text.startswith(prefix) else text


def explain_yaml_problem(exc: Any, text: str, mark: Any) -> str:
    """A Swedish, actionable sentence for ruamel's problem description."""
    problem = f"{exc.problem or ''} {exc.context or ''}".strip()
    line_text = ""
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines):
            line_text = lines[mark.line]
    if "\t" in problem or "'\\t'" in problem or ("\t" in line_text and "cannot start" in problem):
        return "tabbtecken är inte tillåtna i YAML – indentera med mellanslag i stället"
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else ""
        first = getattr(exc, "context_mark", None)
        where = f" (första gången på rad {first.line + 1})" if first is not None else ""
        return f"nyckeln '{key}' står två gånger{where} – ta bort eller byt namn på den ena"
    if "mapping values are not allowed" in problem:
        return (
            "ett kolon står där det inte får stå – sätt värdet inom citattecken om det innehåller "
            "': ', eller kontrollera indraget på raden ovanför"
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return (
            "indraget stämmer inte – nycklar på samma nivå ska börja i samma kolumn, "
            "och varje nyckel ska följas av ':'"
        )
    if "found undefined alias" in problem:
        return "aliaset (*namn) hänvisar till ett ankare (&namn) som inte finns"
    if "found character" in problem and "cannot start any token" in problem:
        return (
            "tecknet kan inte inleda ett värde – sätt värdet inom citattecken, t.ex. \"@text\""
        )
    if "while scanning a quoted scalar" in problem or "found unexpected end of stream" in problem:
        return "ett citattecken öppnas men stängs aldrig – lägg till det avslutande citattecknet"
    if "found unknown escape character" in problem or "expected escape sequence" in problem:
        return (
            "okänd \\-kod i text inom dubbla citattecken – skriv \\\\ för ett bakstreck, "
            "eller sätt texten inom enkla citattecken ('…')"
        )
    if "flow sequence" in problem or "flow mapping" in problem or "while parsing a flow node" in problem:
        return (
            "en lista [ ] eller en mappning { } stängs inte, eller saknar kommatecken mellan "
            "värdena – kontrollera raden"
        )
    if "found another document" in problem:
        return "filen innehåller flera YAML-dokument (---) – en fil är ett enda dokument; ta bort raden med ---"
    if "block scalar" in problem:
        return "ett flerradsvärde (| eller >) är felskrivet – skriv | eller > ensamt sist på raden"
    if "while scanning an anchor" in problem or "while scanning an alias" in problem:
        return "& och * inleder ankare och alias i YAML – sätt värdet inom citattecken om det är text"
    if "while scanning a directive" in problem or "directive" in problem:
        return "en rad som börjar med % är ett YAML-direktiv – ta bort raden, eller sätt värdet inom citattecken"
    if "undefined tag handle" in problem:
        return "! inleder en tagg i YAML – ta bort den, eller sätt värdet inom citattecken om det är text"
    if "merging" in problem:
        return "<< (sammanslagning) behöver ett alias till en mappning, t.ex. <<: *standard"
    return f"filen är inte giltig YAML: {problem} – kontrollera raden och indraget"
