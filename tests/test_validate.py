"""`fc validate` as the CI guard of an agreement repository (output formats, positions, exit codes).

A small agreement repository is built in tmp: several centres, some broken in several ways at
once, a repository's own template pack with mistakes, a hidden folder that is not looked into.
The text, github and json outputs and the exit codes are asserted exactly.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from helpers import EXAMPLES, FIXTURES, ROOT, run_fc, run_fc_input

VALID = (FIXTURES / "rules" / "valid.yaml").read_text(encoding="utf-8")


def centre(*replacements: tuple[str, str]) -> str:
    text = VALID
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


REPOSITORY = {
    "orebro/vivalla/centre.yaml": centre(),
    # valid YAML and schema, five domain problems at once
    "orebro/brickebacken/centre.yaml": centre(
        ("Familjecentralen Vivalla", "Familjecentralen Brickebacken"),
        ("212000-1850", "212000-1851"),
        ("  name: Elin Nordström\n  employer: socialtjanst\n  fte: 0.5\n",
         "  name: <fyll i>\n  employer: kommun\n  fte: 0.75\n"),
        ("  cost_model: lika_per_huvudman\n",
         "  cost_model: egen_fordelning\n  shares:\n    - {party: region, percent: 50}\n"
         "    - {party: kommun, percent: 40}\n"),
    ),
    "orebro/tabbar/centre.yaml": "schema_version: 1\npack: orebro\ncentre:\n\tname: Familjecentralen Tabbar\n",
    # three schema errors at once
    "jamtland/lugnvik/centre.yaml": centre(
        ("pack: orebro\n", "pack: jamtland\n"),
        ("  municipality: Örebro\n", ""),
        ("  catchment_area: Vivalla\n", "  catchment_aera: Lugnvik\n"),
        ("  fte: 0.5\n", "  fte: 0,5\n"),
    ),
    # two centres with the repository's own pack: its templates are checked once
    "varmland/rud/centre.yaml": centre(("pack: orebro\n", "pack: ../../mallar/vart-lan\n")),
    "varmland/sunne/centre.yaml": centre(
        ("pack: orebro\n", "pack: ../../mallar/vart-lan\n"), ("  notice_months: 12\n", "  notice_months: 0\n")
    ),
    ".arkiv/gammal/centre.yaml": "det här är ingen centrumfil\n",
    "mallar/vart-lan/pack.yaml": (
        "name: vart-lan\nregion: Region Värmland\ndocuments:\n  agreement:\n"
        "    template: agreement.md.j2\n    title: Samverkansavtal\n"
    ),
    "mallar/vart-lan/agreement.md.j2": (
        "# Samverkansavtal för {{ centre.name }}\n\n"
        "Avtalet gäller från {{ agreement.valid_from | datum }}.\n\n"
        "{% for s in services %}\n- {{ s.name }}, {{ s.manager.namn }}\n{% endfor %}\n"
    ),
}

EXPECTED_TEXT = """\
jamtland/lugnvik/centre.yaml:6:3: error: centre.municipality: saknas – lägg till 'municipality' (kommunens namn utan ordet 'kommun', t.ex. 'Örebro') [missing]
jamtland/lugnvik/centre.yaml:10:3: error: centre.catchment_aera: okänd nyckel 'catchment_aera' – menade du 'catchment_area'? tillåtna nycklar här är: name, kind, municipality, region, healthcare_area, visiting_address, target_group, catchment_area [unknown-key]
jamtland/lugnvik/centre.yaml:52:8: error: coordinator.fte: '0,5' ska vara ett tal – skriv decimaltal med punkt, t.ex. 0.5 [type]
orebro/brickebacken/centre.yaml:21:26: error: principals[1].organisation_number: '212000-1851' är inget giltigt organisationsnummer (kontrollsiffran, den sista siffran, stämmer inte) – skriv av numret igen från Bolagsverket eller Örebro kommuns webbplats [org-number]
orebro/brickebacken/centre.yaml:51:9: error: coordinator.name: är inte ifylld (står som <fyll i>) – samordnarens namn [not-filled]
orebro/brickebacken/centre.yaml:52:13: error: coordinator.employer: 'kommun' är en huvudman, men samordnaren anställs av en verksamhet – skriv id för den verksamhet som är arbetsgivare (verksamheter under kommun: oppen-forskola, socialtjanst) [coordinator-employer]
orebro/brickebacken/centre.yaml:53:8: warning: coordinator.fte: samordnaruppdraget är 0,75 årsarbetare; regionens riktlinje rekommenderar 0,25–0,50 årsarbetare – ändra fte, eller låt värdet stå om parterna har kommit överens om en annan omfattning [coordinator-fte]
orebro/brickebacken/centre.yaml:56:15: warning: economy.cost_model: regionens avtalstext fördelar kostnaderna som 'lika_per_huvudman', men här står 'egen_fordelning' – ändra cost_model, eller låt värdet stå om parterna har kommit överens om en annan fördelning [cost-model]
orebro/brickebacken/centre.yaml:58:5: error: economy.shares: andelarna blir 90 % tillsammans – justera percent så att summan blir 100 % [cost-shares]
orebro/tabbar/centre.yaml:4:1: error: tabbtecken är inte tillåtna i YAML – indentera med mellanslag i stället [yaml]
mallar/vart-lan/agreement.md.j2:3:47: error: filtret 'datum' finns inte – menade du 'date'? fc:s filter är agreed_tasks, counted, date, decimal, fte, genitive, group_word, indefinite, join, kr, month, percent, plural_of, words (och Jinjas inbyggda, t.ex. default, length, upper) [template-name]
mallar/vart-lan/agreement.md.j2:6:30: error: mallen använder 's.manager.namn', men 'namn' finns inte i datan – menade du 'name'? fälten under s.manager är: name, title, email, phone [template-name]
varmland/sunne/centre.yaml:59:18: warning: agreement.notice_months: avtalet har ingen uppsägningstid (0 månader) – ange hur många månaders uppsägningstid som gäller, t.ex. 12 [notice-missing]
6 filer kontrollerade: 10 fel, 3 varningar
"""

EXPECTED_GITHUB = """\
::error file=jamtland/lugnvik/centre.yaml,line=6,col=3::centre.municipality: saknas – lägg till 'municipality' (kommunens namn utan ordet 'kommun', t.ex. 'Örebro') [missing]
::error file=jamtland/lugnvik/centre.yaml,line=10,col=3::centre.catchment_aera: okänd nyckel 'catchment_aera' – menade du 'catchment_area'? tillåtna nycklar här är: name, kind, municipality, region, healthcare_area, visiting_address, target_group, catchment_area [unknown-key]
::error file=jamtland/lugnvik/centre.yaml,line=52,col=8::coordinator.fte: '0,5' ska vara ett tal – skriv decimaltal med punkt, t.ex. 0.5 [type]
::error file=orebro/brickebacken/centre.yaml,line=21,col=26::principals[1].organisation_number: '212000-1851' är inget giltigt organisationsnummer (kontrollsiffran, den sista siffran, stämmer inte) – skriv av numret igen från Bolagsverket eller Örebro kommuns webbplats [org-number]
::error file=orebro/brickebacken/centre.yaml,line=51,col=9::coordinator.name: är inte ifylld (står som <fyll i>) – samordnarens namn [not-filled]
::error file=orebro/brickebacken/centre.yaml,line=52,col=13::coordinator.employer: 'kommun' är en huvudman, men samordnaren anställs av en verksamhet – skriv id för den verksamhet som är arbetsgivare (verksamheter under kommun: oppen-forskola, socialtjanst) [coordinator-employer]
::warning file=orebro/brickebacken/centre.yaml,line=53,col=8::coordinator.fte: samordnaruppdraget är 0,75 årsarbetare; regionens riktlinje rekommenderar 0,25–0,50 årsarbetare – ändra fte, eller låt värdet stå om parterna har kommit överens om en annan omfattning [coordinator-fte]
::warning file=orebro/brickebacken/centre.yaml,line=56,col=15::economy.cost_model: regionens avtalstext fördelar kostnaderna som 'lika_per_huvudman', men här står 'egen_fordelning' – ändra cost_model, eller låt värdet stå om parterna har kommit överens om en annan fördelning [cost-model]
::error file=orebro/brickebacken/centre.yaml,line=58,col=5::economy.shares: andelarna blir 90 %25 tillsammans – justera percent så att summan blir 100 %25 [cost-shares]
::error file=orebro/tabbar/centre.yaml,line=4,col=1::tabbtecken är inte tillåtna i YAML – indentera med mellanslag i stället [yaml]
::error file=mallar/vart-lan/agreement.md.j2,line=3,col=47::filtret 'datum' finns inte – menade du 'date'? fc:s filter är agreed_tasks, counted, date, decimal, fte, genitive, group_word, indefinite, join, kr, month, percent, plural_of, words (och Jinjas inbyggda, t.ex. default, length, upper) [template-name]
::error file=mallar/vart-lan/agreement.md.j2,line=6,col=30::mallen använder 's.manager.namn', men 'namn' finns inte i datan – menade du 'name'? fälten under s.manager är: name, title, email, phone [template-name]
::warning file=varmland/sunne/centre.yaml,line=59,col=18::agreement.notice_months: avtalet har ingen uppsägningstid (0 månader) – ange hur många månaders uppsägningstid som gäller, t.ex. 12 [notice-missing]
6 filer kontrollerade: 10 fel, 3 varningar
"""

TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
    r"(?:(?P<key>[\w.\[\]]+): )?(?P<message>.*) \[(?P<code>[a-z-]+)\]$"
)


@pytest.fixture()
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "avtal"
    for name, text in REPOSITORY.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_text_output_of_a_repository(repository: Path) -> None:
    result = run_fc("validate", cwd=repository)
    assert result.stdout == EXPECTED_TEXT
    assert result.stderr == ""
    assert result.exit_code == 1
    assert run_fc("validate", ".", cwd=repository).stdout == EXPECTED_TEXT


def test_github_output_of_a_repository(repository: Path) -> None:
    result = run_fc("validate", "--format", "github", cwd=repository)
    assert result.stdout == EXPECTED_GITHUB
    assert result.exit_code == 1


def test_json_output_of_a_repository(repository: Path) -> None:
    result = run_fc("validate", "--format", "json", cwd=repository)
    assert result.exit_code == 1
    expected = []
    for line in EXPECTED_TEXT.splitlines()[:-1]:
        found = TEXT_LINE.match(line)
        assert found, line
        expected.append({
            "file": found["file"], "line": int(found["line"]), "column": int(found["column"]),
            "severity": found["severity"], "code": found["code"], "key": found["key"] or "",
            "message": found["message"],
        })
    assert json.loads(result.stdout) == expected
    assert list(json.loads(result.stdout)[0]) == ["file", "line", "column", "severity", "code", "key", "message"]
    assert result.stdout.startswith('[\n  {\n    "file": "jamtland/lugnvik/centre.yaml",\n')
    assert "Örebro" in result.stdout  # UTF-8 as it is, not \u escapes


def test_markdown_output_of_a_repository_is_a_table_of_every_finding(repository: Path) -> None:
    result = run_fc("validate", "--format", "md", cwd=repository)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "## fc validate",
        "",
        "6 filer kontrollerade: 10 fel, 3 varningar",
        "",
        "| Fil | Rad | Kolumn | Typ | Nyckel | Meddelande | Kod |",
        "|---|---:|---:|---|---|---|---|",
    ]
    assert len(lines) == 6 + 13
    assert lines[-1] == (
        "| varmland/sunne/centre.yaml | 59 | 18 | varning | agreement.notice\\_months | avtalet har ingen "
        "uppsägningstid (0 månader) – ange hur många månaders uppsägningstid som gäller, t.ex. 12 | "
        "notice-missing |"
    )
    valid = run_fc("validate", "--format", "md", "orebro/vivalla", cwd=repository)
    assert (valid.exit_code, valid.stdout) == (0, "## fc validate\n\n1 fil kontrollerad: 0 fel, 0 varningar\n")


def test_markdown_cells_keep_pipes_literal_and_line_ends_visible() -> None:
    from fc_cli.diagnostics import Diagnostic, format_markdown

    finding = Diagnostic("a|b.yaml", 1, 2, "error", "type", "x", "rad ett\nrad | två *fet* <b>")
    assert format_markdown(1, [finding]).splitlines()[-1] == (
        "| a\\|b.yaml | 1 | 2 | fel | x | rad ett\\\\nrad \\| två \\*fet\\* \\<b\\> | type |"
    )


def test_a_centre_file_on_standard_input(repository: Path) -> None:
    text = (repository / "orebro" / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    ok = run_fc_input(text, "validate", "-", cwd=repository)
    assert (ok.exit_code, ok.stdout) == (0, "1 fil kontrollerad: 0 fel, 0 varningar\n")
    broken = text.replace("organisation_number: 212000-1850", "organisation_number: 212000-1851", 1)
    bad = run_fc_input(broken, "validate", "-", "--format", "json", cwd=repository)
    assert bad.exit_code == 1
    (finding,) = json.loads(bad.stdout)
    assert (finding["file"], finding["code"], finding["key"]) == ("<stdin>", "org-number", "principals[1].organisation_number")
    assert finding["line"] == text[: text.index("212000-1850")].count("\n") + 1
    # with other files, and named twice: checked once
    both = run_fc_input(text, "validate", "-", "orebro/vivalla", "-", cwd=repository)
    assert (both.exit_code, both.stdout) == (0, "2 filer kontrollerade: 0 fel, 0 varningar\n")
    empty = run_fc_input("", "validate", "-", cwd=repository)
    assert empty.stdout.startswith("<stdin>:1:1: error: filen är tom – fyll i den eller skapa en ny med 'fc new-centre' [yaml]")


def test_only_validate_reads_standard_input(repository: Path) -> None:
    result = run_fc_input("schema_version: 1\n", "render", "agreement", "-", cwd=repository)
    assert (result.exit_code, result.stderr) == (
        2, "error: - (en centrumfil på standard in) går bara att använda med validate – ange centrumfilens sökväg\n"
    )


def test_json_of_a_valid_repository_is_an_empty_list(repository: Path) -> None:
    result = run_fc("validate", "--format", "json", "orebro/vivalla", cwd=repository)
    assert (result.stdout, result.exit_code) == ("[]\n", 0)


def test_a_valid_centre_passes(repository: Path) -> None:
    ok = run_fc("validate", "orebro/vivalla", cwd=repository)
    assert (ok.stdout, ok.stderr, ok.exit_code) == ("1 fil kontrollerad: 0 fel, 0 varningar\n", "", 0)


def test_strict_turns_every_warning_into_an_error(repository: Path) -> None:
    result = run_fc("validate", "--strict", "--format", "github", cwd=repository)
    assert result.stdout == EXPECTED_GITHUB.replace("::warning ", "::error ").replace(
        "10 fel, 3 varningar", "13 fel, 0 varningar"
    )
    assert result.exit_code == 1


def test_a_centre_with_only_warnings_passes_and_fails_with_strict(tmp_path: Path) -> None:
    (tmp_path / "centre.yaml").write_text(centre(("  fte: 0.5\n", "  fte: 0.2\n")), encoding="utf-8")
    assert run_fc("validate", cwd=tmp_path).exit_code == 0
    strict = run_fc("validate", "--strict", cwd=tmp_path)
    assert strict.stdout.splitlines()[-1] == "1 fil kontrollerad: 1 fel, 0 varningar"
    assert strict.stdout.splitlines()[0].startswith("centre.yaml:53:8: error: coordinator.fte: ")
    assert strict.exit_code == 1


def test_a_file_named_twice_is_checked_once(repository: Path) -> None:
    result = run_fc("validate", "orebro", "orebro/vivalla/centre.yaml", "./orebro/vivalla", cwd=repository)
    assert result.stdout.splitlines()[-1] == "3 filer kontrollerade: 5 fel, 2 varningar"
    assert result.stdout.count("orebro/vivalla") == 0


def test_a_hidden_folder_is_checked_only_when_named(repository: Path) -> None:
    result = run_fc("validate", ".arkiv", cwd=repository)
    assert result.stdout == (
        ".arkiv/gammal/centre.yaml:1:1: error: filen innehåller ett enskilt värde, men en centrumfil ska "
        "vara nycklar med värden (t.ex. 'schema_version: 1' på första raden) [yaml]\n"
        "1 fil kontrollerad: 1 fel, 0 varningar\n"
    )
    assert result.exit_code == 1


def test_usage_errors_exit_2(repository: Path) -> None:
    empty = run_fc("validate", "mallar", cwd=repository)
    assert (empty.stdout, empty.exit_code) == ("", 2)
    assert empty.stderr == (
        "error: ingen centre.yaml finns i mallar eller mappar under den – ange en centrumfil eller "
        "skapa en med 'fc new-centre'\n"
    )
    missing = run_fc("validate", "orebro/saknas", cwd=repository)
    assert missing.exit_code == 2
    assert missing.stderr == "error: orebro/saknas finns inte – ange en centre.yaml eller en mapp med sådana\n"
    assert run_fc("validate", "--format", "xml", cwd=repository).exit_code == 2


def test_a_broken_pack_yaml_is_reported_at_its_own_line_once(tmp_path: Path) -> None:
    pack = tmp_path / "mallar" / "egen"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "name: egen\nregion: Region Test\ndocuments:\n  agreement:\n    template: avtal.md.j2\n"
        "    title: Samverkansavtal\n",
        encoding="utf-8",
    )
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "centre.yaml").write_text(
            centre(("pack: orebro\n", "pack: ../mallar/egen\n")), encoding="utf-8"
        )
    result = run_fc("validate", cwd=tmp_path)
    assert result.stdout == (
        f"mallar/egen/pack.yaml:5:15: error: documents.agreement.template: mallen avtal.md.j2 finns inte i "
        f"{pack.resolve()} [pack]\n"
        "2 filer kontrollerade: 1 fel, 0 varningar\n"
    )
    assert result.exit_code == 1


# ---- colour on a terminal, plain text otherwise ---------------------------------------------


def run_on_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """Run `fc ARGS` with its output on a pseudo-terminal, as in a coordinator's shell."""
    main, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(TERM="xterm-256color", **env)
    process = subprocess.Popen([sys.executable, "-m", "fc_cli", *args], cwd=cwd, stdout=secondary,
                               stderr=subprocess.DEVNULL, env=environment)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_text_is_coloured_on_a_terminal_and_plain_with_no_color(repository: Path) -> None:
    coloured = run_on_terminal(["validate", "orebro/brickebacken", "orebro/vivalla"], repository)
    lines = coloured.splitlines()
    assert lines[0] == (
        "\x1b[1morebro/brickebacken/centre.yaml:21:26:\x1b[0m \x1b[31m\x1b[1merror\x1b[0m: "
        "principals[1].organisation_number: '212000-1851' är inget giltigt organisationsnummer "
        "(kontrollsiffran, den sista siffran, stämmer inte) – skriv av numret igen från Bolagsverket eller "
        "Örebro kommuns webbplats \x1b[2m[org-number]\x1b[0m"
    )
    assert "\x1b[33m\x1b[1mwarning\x1b[0m: coordinator.fte: " in lines[3]
    assert lines[-1] == "\x1b[31m\x1b[1m2 filer kontrollerade: 4 fel, 2 varningar\x1b[0m"
    ok = run_on_terminal(["validate", "orebro/vivalla"], repository)
    assert ok == "\x1b[32m\x1b[1m1 fil kontrollerad: 0 fel, 0 varningar\x1b[0m\n"
    plain = run_on_terminal(["validate", "orebro/brickebacken", "orebro/vivalla"], repository, NO_COLOR="1")
    assert "\x1b" not in plain
    assert plain == "\n".join(EXPECTED_TEXT.splitlines()[3:9]) + "\n2 filer kontrollerade: 4 fel, 2 varningar\n"
    piped = subprocess.run([sys.executable, "-m", "fc_cli", "validate", "orebro/vivalla"], cwd=repository,
                           capture_output=True, text=True, check=False)
    assert piped.stdout == "1 fil kontrollerad: 0 fel, 0 varningar\n"


# ---- pre-commit and GitHub Actions for agreement repositories -------------------------------


def test_the_pre_commit_hook_checks_the_centre_files_a_commit_changes(repository: Path) -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["fc-validate"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["files"]) == ("fc-cli validate", "python", r"centre\.yaml$")
    files = [str(p.relative_to(repository)) for p in sorted(repository.rglob("*")) if p.is_file()]
    staged = [f for f in files if re.search(hook["files"], f)]
    assert "mallar/vart-lan/pack.yaml" not in staged and "orebro/vivalla/centre.yaml" in staged
    # pre-commit runs the entry with the matching file names appended
    command = hook["entry"].split()
    assert command[0] == "fc-cli"
    good = run_fc(*command[1:], "orebro/vivalla/centre.yaml", cwd=repository)
    assert good.exit_code == 0
    bad = run_fc(*command[1:], "orebro/vivalla/centre.yaml", "orebro/tabbar/centre.yaml", cwd=repository)
    assert bad.exit_code == 1
    assert bad.stdout.splitlines()[-1] == "2 filer kontrollerade: 1 fel, 0 varningar"


def test_the_example_workflow_annotates_pull_requests() -> None:
    example = EXAMPLES / "agreement-repo"
    workflow = YAML(typ="safe").load((example / ".github/workflows/validate.yml").read_text(encoding="utf-8"))
    assert set(workflow["on"]) == {"push", "pull_request"}
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[-2].splitlines() == [
        'fc-cli validate --format md >> "$GITHUB_STEP_SUMMARY" || true',
        "fc-cli validate --format github",
    ]
    assert runs[-1] == 'fc-cli status --format md >> "$GITHUB_STEP_SUMMARY"'
    assert steps[-1]["if"] == "always()"
    assert any("pip install" in run for run in runs)
    assert steps[0]["uses"].startswith("actions/checkout@")
    # the example's centres (Region Vänerdal's, tests/test_example_repo.py) are valid, so
    # `fc validate examples` keeps passing
    assert sorted(p.relative_to(example).as_posix() for p in example.rglob("centre.yaml")) == [
        "norrvik/hamnen/centre.yaml", "norrvik/solbacken/centre.yaml",
    ]
    settings = json.loads((example / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schemas/centre.schema.json": "**/centre.yaml"}
    pre_commit = YAML(typ="safe").load((example / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for r in pre_commit["repos"] for h in r["hooks"]] == ["fc-validate"]


def test_the_examples_validate() -> None:
    result = run_fc("validate", EXAMPLES)
    assert result.exit_code == 0
    # examples/rud's pack has no framework title and date yet (issue 12, point 6)
    assert result.stdout.endswith(": 0 fel, 1 varning\n")


def test_a_type_error_does_not_hide_what_is_still_to_fill_in(tmp_path: Path) -> None:
    """`not-filled` has one producer: with a type error elsewhere, every `<fyll i>` is still reported."""
    folder = tmp_path / "ny"
    assert run_fc("new-centre", folder, "--name", "Familjecentralen Ny", "--municipality", "Örebro",
                  "--pack", "orebro").exit_code == 0
    fresh = run_fc("validate", folder / "centre.yaml", "--format", "json")
    text = (folder / "centre.yaml").read_text(encoding="utf-8")
    (folder / "centre.yaml").write_text(text.replace("  kind: familjecentral\n", "  kind: [familjecentral]\n", 1),
                                        encoding="utf-8")
    broken = run_fc("validate", folder / "centre.yaml", "--format", "json")
    before = json.loads(fresh.stdout)
    after = json.loads(broken.stdout)
    assert {f["code"] for f in before} == {"not-filled"} and len(before) == 23
    placeholders = [f for f in before if "(står som <fyll i>)" in f["message"]]
    assert [f for f in after if f["code"] == "not-filled"] == placeholders
    assert [(f["line"], f["code"], f["key"]) for f in after if f["code"] != "not-filled"] == [(16, "type", "centre.kind")]
