"""`fc status`: the county view, golden output for a repository with a centre overdue, one due
soon, one whose committed document is older than its data, and one invalid file (tests/county.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from county import ON, _epoch, build_county

from helpers import GOLDEN, ROOT, UPDATE_GOLDEN, run_fc


def assert_exact_golden(name: str, text: str) -> None:
    """*text* is exactly tests/golden/status/NAME (FC_UPDATE_GOLDEN=1 rewrites it: review the diff)."""
    path = GOLDEN / "status" / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with FC_UPDATE_GOLDEN=1 once and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_county(tmp_path_factory.mktemp("county") / "lan")


@pytest.mark.parametrize(("fmt", "golden"), [("text", "county.txt"), ("md", "county.md"), ("json", "county.json")])
def test_golden_output(county: Path, fmt: str, golden: str) -> None:
    result = run_fc("status", "--on", ON, "--format", fmt, cwd=county)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_exact_golden(golden, result.stdout)


def test_the_golden_repository_has_what_it_should(county: Path) -> None:
    data = json.loads(run_fc("status", "--on", ON, "--format", "json", cwd=county).stdout)
    centres = {c["file"]: c for c in data["centres"]}
    assert centres["overdue/centre.yaml"]["deadlines"][0]["state"] == "overdue"
    assert centres["soon/centre.yaml"]["deadlines"][0]["state"] == "soon"
    assert [d["stale"] for d in centres["stale/centre.yaml"]["documents"]] == [True]
    assert [d["stale"] for d in centres["soon/centre.yaml"]["documents"]] == [False]
    assert (centres["broken/centre.yaml"]["valid"], centres["broken/centre.yaml"]["deadlines_known"]) == (False, False)
    assert centres["soon/centre.yaml"]["notes"][0]["key"] == "agreement.report_due"


def test_the_same_without_git_by_modification_times(tmp_path: Path) -> None:
    county = build_county(tmp_path / "lan", git=False)
    result = run_fc("status", "--on", ON, cwd=county)
    assert result.exit_code == 0
    assert_exact_golden("county.txt", result.stdout)


def test_changes_not_committed_count_by_modification_time(tmp_path: Path) -> None:
    county = build_county(tmp_path / "lan")
    doc = county / "stale" / "samverkansavtal-familjecentralen-lugnvik.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # rendered again, not yet committed
    centre = county / "soon" / "centre.yaml"
    centre.write_text(centre.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # data changed, not committed
    edited_on = _epoch("2027-03-01T09:00:00+01:00")  # after both commits
    os.utime(doc, (edited_on, edited_on))
    os.utime(centre, (edited_on + 60, edited_on + 60))
    data = json.loads(run_fc("status", "--on", ON, "--format", "json", cwd=county).stdout)
    stale = {c["file"]: [d["stale"] for d in c["documents"]] for c in data["centres"]}
    assert stale == {"broken/centre.yaml": [], "overdue/centre.yaml": [], "soon/centre.yaml": [True],
                     "stale/centre.yaml": [False]}


def test_several_processes_give_the_same_report(county: Path) -> None:
    one = run_fc("status", "--on", ON, "-j", "1", cwd=county)
    two = run_fc("status", "--on", ON, "-j", "2", cwd=county)
    assert (one.exit_code, two.exit_code) == (0, 0)
    assert one.stdout == two.stdout


def test_output_to_a_file(county: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.md"
    result = run_fc("status", "--on", ON, "--format", "md", "-o", target, cwd=county)
    assert (result.exit_code, result.stdout) == (0, f"{target}\n")
    assert target.read_text(encoding="utf-8") == run_fc("status", "--on", ON, "--format", "md", cwd=county).stdout


def test_text_from_the_data_cannot_change_the_markdown(tmp_path: Path) -> None:
    from county import edited

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "centre.yaml").write_text(
        edited("vivalla", ("name: Familjecentralen Vivalla", "name: \"Vivalla | <b>*x*</b> [l](http://e)\"")),
        encoding="utf-8",
    )
    result = run_fc("status", "--on", ON, "--format", "md", cwd=tmp_path)
    row = next(line for line in result.stdout.splitlines() if line.startswith("| Vivalla"))
    assert row.startswith("| Vivalla \\| \\<b\\>\\*x\\*\\</b\\> \\[l\\](http://e)<br>`c/centre.yaml` | orebro |")


def test_a_repositorys_own_pack_counts_as_in_fc_validate(tmp_path: Path) -> None:
    from county import edited

    shutil.copytree(ROOT / "templates" / "orebro", tmp_path / "mitt-lan")
    pack_file = tmp_path / "mitt-lan" / "pack.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace("name: orebro", "name: mitt-lan"), encoding="utf-8")
    with (tmp_path / "mitt-lan" / "intent.md.j2").open("a", encoding="utf-8") as template:
        template.write("{% if %}\n")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "centre.yaml").write_text(edited("vivalla", ("pack: orebro", "pack: ../mitt-lan")),
                                                 encoding="utf-8")
    assert run_fc("validate", "c", cwd=tmp_path).stdout.splitlines()[-1] == "1 fil kontrollerad: 1 fel, 0 varningar"
    result = run_fc("status", "c", "--on", ON, cwd=tmp_path)
    assert result.stdout.splitlines()[0].startswith(
        "c/centre.yaml: Familjecentralen Vivalla · mitt-lan · FC · ogiltig (1 fel, 0 varningar) · 0 att fylla i · "
    )


def test_a_wheel_week_the_year_lacks_is_an_error_of_the_row(tmp_path: Path) -> None:
    from county import edited

    (tmp_path / "mitt-lan").mkdir()
    (tmp_path / "mitt-lan" / "pack.yaml").write_text(
        "name: mitt-lan\nregion: Region Mitt\ndocuments: {}\nannual_wheel:\n"
        "  - activity: Enkät\n    when: v. 53\n    kind: deadline\n", encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "centre.yaml").write_text(edited("vivalla", ("pack: orebro", "pack: ../mitt-lan")),
                                                 encoding="utf-8")
    lines = run_fc("status", "c", "--on", ON, cwd=tmp_path).stdout.splitlines()
    assert lines[0].startswith("c/centre.yaml: Familjecentralen Vivalla · mitt-lan · FC · ogiltig (1 fel, 0 varningar)")
    assert lines[1] == (
        "  mitt-lan/pack.yaml:6:11: error: annual_wheel[0].when: vecka 53 finns inte år 2027 (året har 52 veckor) – "
        "skriv en vecka 1–52, eller en månad eller dag som finns varje år [calendar]"
    )


# ---- bad input ------------------------------------------------------------------------------------


def test_a_date_that_is_no_date(county: Path) -> None:
    result = run_fc("status", "--on", "10/3", cwd=county)
    assert result.exit_code == 2
    assert result.stderr == "error: --on 10/3 är inget datum – skriv ÅÅÅÅ-MM-DD, t.ex. 2027-03-01\n"


def test_an_output_that_is_a_folder(county: Path, tmp_path: Path) -> None:
    result = run_fc("status", "--format", "html", "-o", tmp_path, cwd=county)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path} är en mapp – ange en fil att skriva till, t.ex. {tmp_path / 'status.html'}\n"
    )


def test_a_folder_without_centres(tmp_path: Path) -> None:
    result = run_fc("status", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: ingen centre.yaml finns i . eller mappar under den – ange en centrumfil eller skapa en med "
        "'fc new-centre'\n"
    )
