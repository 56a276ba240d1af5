"""templates/<pack>/SOURCES.md: per document, where each section comes from (issue 12, point 10).

A region reviews a pack by its SOURCES.md, so it must cover every document the pack holds and
every section (title and ## heading) of each template, named as the template names it with "…"
for the data.
"""

from __future__ import annotations

import re

import pytest

from fc_cli.packs import list_shipped_packs

PACKS = {pack.name: pack for pack in list_shipped_packs()}
HEADING = re.compile(r"^(#{1,2}) (.+)$", re.M)


def _section_name(template_heading: str) -> str:
    return re.sub(r"\{\{.*?\}\}", "…", template_heading).strip()


def _first_cells(table_section: str) -> set[str]:
    cells: set[str] = set()
    for line in table_section.splitlines():
        if line.startswith("| ") and not line.startswith("| Avsnitt") and not line.startswith("|---"):
            cells.update(part.strip() for part in line.split(" | ")[0].lstrip("| ").split(", "))
    return cells


@pytest.mark.parametrize("name", sorted(PACKS))
def test_sources_cover_every_section_of_every_document(name: str) -> None:
    pack = PACKS[name]
    sources = (pack.folder / "SOURCES.md").read_text(encoding="utf-8")
    for document in pack.config.documents.values():
        marker = f"(`{document.template}`)"
        start = sources.index(marker)  # the document has its own section
        end = sources.find("\n## ", start)
        section = sources[start: end if end != -1 else None]
        template = (pack.folder / document.template).read_text(encoding="utf-8")
        template = re.sub(r"\{#.*?#\}", "", template, flags=re.DOTALL)
        headings = {_section_name(text) for _, text in HEADING.findall(template)}
        missing = sorted(headings - _first_cells(section))
        assert not missing, f"{name}/SOURCES.md, {document.template}: no row for {missing}"


def test_derived_packs_say_what_the_region_confirms() -> None:
    sources = (PACKS["varmland"].folder / "SOURCES.md").read_text(encoding="utf-8")
    for key in PACKS["varmland"].config.derived:
        assert f"`{key}`" in sources
    assert "`regional_agreement`" in sources
