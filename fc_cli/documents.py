"""The four documents fc renders: their CLI ids, Swedish names and file slugs
(`fc render agreement` and `fc render samverkansavtal` name the same document)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError


@dataclass(frozen=True)
class DocumentKind:
    id: str
    name: str
    slug: str
    word: str  # the document as a noun in a sentence: "ingen mall för avsiktsförklaring"


DOCUMENTS: dict[str, DocumentKind] = {
    d.id: d
    for d in (
        DocumentKind("intent", "Avsiktsförklaring för samverkan i familjecentral", "avsiktsforklaring",
                     "avsiktsförklaring"),
        DocumentKind("agreement", "Samverkansavtal", "samverkansavtal", "samverkansavtal"),
        DocumentKind("coordinator", "Samordnaravtal", "samordnaravtal", "samordnaravtal"),
        DocumentKind("report", "Verksamhetsberättelse och verksamhetsplan", "verksamhetsberattelse",
                     "verksamhetsberättelse"),
    )
}


def listed(words: list[str], last: str = "och") -> str:
    """"a", "a och b", "a, b och c" (*last*: "och" or "eller")."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def resolve_documents(name: str) -> list[DocumentKind]:
    """`intent`, `agreement`, `coordinator`, `report`, `all`, or a Swedish slug → the documents."""
    key = name.strip().lower()
    if key in ("all", "alla"):
        return list(DOCUMENTS.values())
    for doc in DOCUMENTS.values():
        if key in (doc.id, doc.slug):
            return [doc]
    choices = ", ".join([*DOCUMENTS, "all"])
    slugs = ", ".join(d.slug for d in DOCUMENTS.values())
    raise UsageError(f"okänt dokument '{name}' – välj ett av {choices} (eller {slugs})")
