"""The report made from the year's results (fc_cli/results/view.py and the packs' report.md.j2):
the data-filled sections as golden text, the year logic, the comparison over years, and the form
that a centre without results still gets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import EXAMPLES, assert_golden, run_fc

#: example → (the report's year, the heading its results part starts with, the heading after it)
SECTIONS = {
    "lugnvik": (2026, "## Prioriterade mål 2026", "## Analys av resultat"),
    "vivalla": (2026, "## Prioriterade mål 2026", "## Analys av resultat"),
    "rud": (2027, "## Prioriterade mål 2027", "## Analys av resultat"),
}
#: where each pack's self-reflection table starts and what follows it
APPENDIX = {
    "lugnvik": ("## Bilaga 4", "## Bilaga 5"),
    "vivalla": ("## Bilaga 1", "## Bilaga 2"),
    "rud": ("## Bilaga: Självreflektion", None),
}


#: the header of each area's self-reflection table (`=` escaped in the intermediate Markdown)
SCALE_HEADER = "| Påstående (1 \\= Fungerar, 5 \\= Behöver utvecklas) | 1 | 2 | 3 | 4 | 5 |"


def _report(folder: Path, out: Path, *flags: str) -> str:
    result = run_fc("render", "report", folder, "--format", "md", "-o", out, *flags)
    assert result.exit_code == 0, result.stderr
    return next(out.glob("verksamhetsberattelse-*.md")).read_text(encoding="utf-8")


def _between(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    return text[begin: text.index(end, begin) if end else None]


@pytest.mark.parametrize("example", sorted(SECTIONS))
def test_the_data_filled_sections_match_their_golden_text(tmp_path: Path, example: str) -> None:
    text = _report(EXAMPLES / example, tmp_path)
    _, start, end = SECTIONS[example]
    results = _between(text, start, end)
    appendix = _between(text, *APPENDIX[example])
    nxt = _between(text, "## Prioriterade mål " + ("under år " if example == "lugnvik" else "under " if example == "vivalla" else ""),
                   "## ")
    assert_golden(f"results/{example}.md", results + appendix + nxt)


@pytest.mark.parametrize(("example", "title"), [
    ("lugnvik", "# Verksamhetsberättelse 2026 och verksamhetsplan 2027\n"),
    ("vivalla", "# Verksamhetsberättelse 2026 och verksamhetsplan 2027\n"),
    ("rud", "# Verksamhetsberättelse 2027 och verksamhetsplan 2028\n"),
])
def test_a_report_about_year_n_is_the_plan_for_n_plus_1(tmp_path: Path, example: str, title: str) -> None:
    text = _report(EXAMPLES / example, tmp_path)
    year = SECTIONS[example][0]
    assert text.startswith(title)
    assert f"## Resultat {year}\n" in text
    assert f"| Prioriterat mål {year} |" in text or "### Mål 1\n\n**" in text or f"för {year}:" in text
    assert f"## Årshjul {year + 1}" in text or f"### Årshjul {year + 1}" in text
    assert f"Prioriterade mål {'under år ' if example == 'lugnvik' else 'under ' if example == 'vivalla' else ''}{year + 1}" in text


def test_two_years_of_results_show_what_moved_and_which_goals_were_met(tmp_path: Path) -> None:
    text = _report(EXAMPLES / "lugnvik", tmp_path)
    assert (
        "Jämfört med 2025 har sju påståenden rört sig mot Fungerar: Barnkonventionen (3 → 2), Bekräftelse av "
        "personal (2 → 1), Föräldrar som resurs för varandra (3 → 2), Tillgänglighet/bemötande (3 → 2), "
        "Språkinlärning (4 → 3), Kurator (3 → 2) och Deltagande (4 → 3). Ett påstående har rört sig mot Behöver "
        "utvecklas: Gemensamma mål (3 → 4), och 22 påståenden står kvar.\n"
    ) in text
    assert (
        "Av årets två prioriterade mål uppnåddes ett: Fler pappor ska delta i föräldragrupperna. Delvis uppnått: "
        "Alla nyanlända familjer ska erbjudas ett välkomstsamtal.\n"
    ) in text


def test_one_year_of_results_compares_nothing(tmp_path: Path) -> None:
    for example in ("vivalla", "rud"):
        text = _report(EXAMPLES / example, tmp_path / example)
        assert "Jämfört med" not in text
        assert "| Påstående | 2026 |" in text or "| Påstående | 2027 |" in text


def test_last_years_chosen_goals_are_this_years_goals_when_this_year_says_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "lugnvik"
    shutil.copytree(EXAMPLES / "lugnvik", folder)
    (folder / "rapport-2026.yaml").write_text("statistics:\n  visits: 4850\n", encoding="utf-8")
    text = _report(folder, tmp_path / "out")
    assert (
        "| Fler pappor ska delta i föräldragrupperna. |  |  |  |\n"
        "| Alla nyanlända familjer ska erbjudas ett välkomstsamtal. |  |  |  |\n"
    ) in text
    assert "uppnåddes" not in text


@pytest.mark.parametrize("example", sorted(SECTIONS))
def test_without_results_the_report_stays_a_form(tmp_path: Path, example: str) -> None:
    folder = tmp_path / example
    folder.mkdir()
    shutil.copy(EXAMPLES / example / "centre.yaml", folder / "centre.yaml")
    text = _report(folder, tmp_path / "out")
    assert "::: chart" not in text
    assert SCALE_HEADER in text
    assert "| Kommentar: |  |  |  |  |  |" in text
    assert "| X |" not in text and " X |" not in text
    if example == "lugnvik":
        assert "| Citat från föräldrarna | Kvinna/man/annan |\n| --- | --- |\n|  |  |\n|  |  |\n|  |  |\n" in text
        assert "sammanställer resultatet i form av diagram som här ska sättas in." in text
        assert "| 1\\. |  |  |\n| 2\\. |  |  |\n" in text
    if example == "vivalla":
        assert "| Mål 1 |  |  |\n| Mål 2 |  |  |\n" in text
        assert "### Mål 1: Fler pappor ska delta i föräldragrupperna\n\n::: guidance\n" in text
    if example == "rud":
        assert "### Mål 1\n\n::: guidance\nMål, arbetssätt, ansvarig och hur målet ska utvärderas.\n:::" in text


@pytest.mark.parametrize("example", sorted(SECTIONS))
def test_every_pack_has_the_instrument_its_scale_and_steps_one_to_five(tmp_path: Path, example: str) -> None:
    folder = tmp_path / example
    folder.mkdir()
    shutil.copy(EXAMPLES / example / "centre.yaml", folder / "centre.yaml")
    text = _report(folder, tmp_path / "out")
    assert text.count(SCALE_HEADER) == 6
    for step in ("Steg I", "Steg II", "Steg III", "Steg IV", "Steg V"):
        assert step in text
    assert "Hälsofrämjande arena – Vi ger kunskap och stöd till familjer" in text


def test_a_draft_without_a_year_renders_the_form(tmp_path: Path) -> None:
    result = run_fc("new-centre", tmp_path / "ny", "--pack", "jamtland", "--name", "Familjecentralen Ny",
                    "--municipality", "Ny")
    assert result.exit_code == 0, result.stderr
    text = _report(tmp_path / "ny", tmp_path / "out", "--draft")
    assert "::: chart" not in text
    assert "Antal svarande: \n" in text


def test_the_linter_knows_what_results_has(tmp_path: Path) -> None:
    from fc_cli.packs import load_pack_folder
    from fc_cli.templating.lint import lint_pack

    pack = tmp_path / "jamtland"
    shutil.copytree(EXAMPLES.parent / "templates" / "jamtland", pack)
    template = pack / "report.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("results.survey_rows()", "results.survey_rowz()"), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "results.survey_rows()" in row)
    found = [d.as_text() for d in lint_pack(load_pack_folder(pack), display=lambda p: p.name)]
    assert len(found) == 1
    assert found[0].startswith(
        f"report.md.j2:{line}:62: error: mallen använder 'results.survey_rowz', men 'survey_rowz' finns inte i datan – "
        "menade du 'survey_rows'? fälten under results är: year, years, instrument, centre, of, current, previous, "
    )
