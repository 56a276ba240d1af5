"""`--jobs N`: many centres in several processes give exactly what one process gives.

The same files with the same bytes, listed in the same (sorted) order; the same report, exit code
and messages when something is wrong, whichever centre it is in; a progress bar only on a
terminal. With one centre the worker builds the Word files while the main process validates and
fills in the templates; with many, workers make whole documents.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fc_cli import parallel

from helpers import EXAMPLES, FIXTURES, run_fc

RULES = FIXTURES / "rules"
DOCUMENTS = ("avsiktsforklaring", "samverkansavtal", "samordnaravtal", "verksamhetsberattelse")


def _county(folder: Path) -> Path:
    """Three centres, one per example, in folders a, b and c."""
    for sub, example in (("a", "vivalla"), ("b", "lugnvik"), ("c", "rud")):
        (folder / sub).mkdir(parents=True)
        shutil.copy(EXAMPLES / example / "centre.yaml", folder / sub / "centre.yaml")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _same_run(results: list) -> None:
    first = results[0]
    for other in results[1:]:
        assert (other.exit_code, other.stdout, other.stderr) == (first.exit_code, first.stdout, first.stderr)


def test_a_county_renders_the_same_files_in_the_same_order_with_any_number_of_jobs(tmp_path: Path) -> None:
    _county(tmp_path / "county")
    results = [
        run_fc("render", "all", "county", "-o", f"out{jobs}", "--jobs", jobs, cwd=tmp_path) for jobs in (1, 2, 3)
    ]
    _same_run([_Normalised(result, f"out{jobs}") for result, jobs in zip(results, (1, 2, 3), strict=True)])
    names = {"a": "familjecentralen-vivalla", "b": "familjecentralen-lugnvik", "c": "familjetraffen-rud"}
    assert results[0].exit_code == 0
    assert results[0].stdout == "".join(
        f"out1/{sub}/{doc}-{name}.docx\n" for sub, name in names.items() for doc in DOCUMENTS
    )
    assert results[0].stderr == ""
    one = _files(tmp_path / "out1")
    assert len(one) == 12
    assert _files(tmp_path / "out2") == one
    assert _files(tmp_path / "out3") == one


class _Normalised:
    """A run's result with its output folder's name replaced, so runs into different folders compare."""

    def __init__(self, result, outdir: str):
        self.exit_code = result.exit_code
        self.stdout = result.stdout.replace(outdir + "/", "OUT/")
        self.stderr = result.stderr.replace(outdir + "/", "OUT/")


def test_one_centre_with_a_builder_process_gives_the_same_files(tmp_path: Path) -> None:
    centre = EXAMPLES / "vivalla" / "centre.yaml"
    alone = run_fc("render", "all", centre, "-o", tmp_path / "alone", "--jobs", "1")
    helped = run_fc("render", "all", centre, "-o", tmp_path / "helped", "--jobs", "2")
    assert alone.exit_code == helped.exit_code == 0
    assert helped.stdout == alone.stdout.replace(str(tmp_path / "alone"), str(tmp_path / "helped"))
    helped_folder = tmp_path / "helped"
    assert helped.stdout == "".join(f"{helped_folder}/{doc}-familjecentralen-vivalla.docx\n" for doc in DOCUMENTS)
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")


def test_a_draft_renders_the_same_with_any_number_of_jobs(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / "drafts" / sub).mkdir(parents=True)
        shutil.copy(RULES / "not-filled.yaml", tmp_path / "drafts" / sub / "centre.yaml")
    runs = [
        run_fc("render", "all", "drafts", "--draft", "-o", f"d{jobs}", "--jobs", jobs, cwd=tmp_path) for jobs in (1, 2)
    ]
    assert runs[0].exit_code == runs[1].exit_code == 0
    assert runs[1].stdout == runs[0].stdout.replace("d1/", "d2/")
    assert len(runs[0].stdout.splitlines()) == 8
    assert _files(tmp_path / "d2") == _files(tmp_path / "d1")
    draft = tmp_path / "drafts" / "a" / "centre.yaml"
    one = run_fc("render", "all", draft, "--draft", "-o", tmp_path / "one1", "--jobs", "1")
    two = run_fc("render", "all", draft, "--draft", "-o", tmp_path / "one2", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert _files(tmp_path / "one2") == _files(tmp_path / "one1")


def test_an_invalid_centre_among_many_is_reported_the_same_and_nothing_is_written(tmp_path: Path) -> None:
    county = _county(tmp_path / "county")
    text = (county / "b" / "centre.yaml").read_text(encoding="utf-8")
    broken = text.replace("schema_version: 1", "schema_version: 2", 1)
    (county / "b" / "centre.yaml").write_text(broken, encoding="utf-8")
    runs = [run_fc("render", "all", "county", "-o", "out", "--jobs", jobs, cwd=tmp_path) for jobs in (1, 2, 3)]
    _same_run(runs)
    assert runs[0].exit_code == 1
    assert runs[0].stdout == (
        "county/b/centre.yaml:4:17: error: schema_version: 2 är inte tillåtet – skriv ett av: 1 [type]\n"
        "3 filer kontrollerade: 1 fel, 0 varningar\n"
    )
    # a wrong value is no value left to fill in: --draft would not help, so it is not suggested
    assert runs[0].stderr == "error: inga dokument skrevs – rätta felen ovan\n"
    assert not (tmp_path / "out").exists()


def test_a_template_error_in_the_middle_centre_is_the_same_error_with_any_number_of_jobs(tmp_path: Path) -> None:
    county = _county(tmp_path / "county")
    shutil.copy(RULES / "template-syntax.yaml", county / "b" / "centre.yaml")
    shutil.copytree(RULES / "pack-template-syntax", county / "b" / "pack-template-syntax")
    runs = [
        run_fc("render", "agreement", "county", "-o", "out", "--jobs", jobs, cwd=tmp_path) for jobs in (1, 2, 3)
    ]
    _same_run(runs)
    assert runs[0].exit_code == 1
    assert runs[0].stdout == ""
    assert runs[0].stderr == (
        "county/b/pack-template-syntax/agreement.md.j2:5:1: error: {% endif %} står där "
        "{% for %}-blocket ovanför inte är stängt – stäng det först med {% endfor %}, eller rätta taggen\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.fixture()
def findings(tmp_path: Path) -> Path:
    """Five centre files, each with one finding (a broken YAML file among them)."""
    for name in ("date-order", "not-filled", "missing", "age-range", "yaml"):
        (tmp_path / "v" / name).mkdir(parents=True)
        shutil.copy(RULES / f"{name}.yaml", tmp_path / "v" / name / "centre.yaml")
    return tmp_path


def test_validate_reports_the_same_findings_in_file_order_with_any_number_of_jobs(findings: Path) -> None:
    runs = [run_fc("validate", "v", "--jobs", jobs, cwd=findings) for jobs in (1, 2, 3, 8)]
    _same_run(runs)
    assert runs[0].exit_code == 1
    assert runs[0].stderr == ""
    assert runs[0].stdout == (
        "v/age-range/centre.yaml:12:39: error: centre.target_group.age_to: den högsta åldern (0 år) är lägre "
        "än den lägsta (age_from: 6 år) – byt plats på värdena [age-range]\n"
        "v/date-order/centre.yaml:55:8: error: coordinator.end: samordnaruppdraget slutar (2026-06-30) innan det "
        "börjar (2027-01-01, start) – rätta något av datumen, eller ta bort end om uppdraget gäller tills vidare "
        "[date-order]\n"
        "v/missing/centre.yaml:6:3: error: centre.municipality: saknas – lägg till 'municipality' (kommunens namn "
        "utan ordet 'kommun', t.ex. 'Örebro') [missing]\n"
        "v/not-filled/centre.yaml:51:9: error: coordinator.name: är inte ifylld (står som <fyll i>) – samordnarens "
        "namn [not-filled]\n"
        "v/yaml/centre.yaml:8:3: error: nyckeln 'kind' står två gånger (första gången på rad 7) – ta bort eller "
        "byt namn på den ena [yaml]\n"
        "5 filer kontrollerade: 5 fel, 0 varningar\n"
    )
    as_json = [run_fc("validate", "v", "--format", "json", "--jobs", jobs, cwd=findings) for jobs in (1, 2)]
    _same_run(as_json)
    assert as_json[0].stdout.count('"severity": "error"') == 5


def test_jobs_must_be_at_least_one() -> None:
    for command in (("validate", str(EXAMPLES)), ("render", "all", str(EXAMPLES))):
        result = run_fc(*command, "--jobs", "0")
        assert result.exit_code == 2
        assert result.stderr.endswith("error: ogiltigt värde för --jobs / -j: talet ska vara minst 1\n")


def test_the_number_of_processes() -> None:
    cpus = parallel.cpu_count()
    assert parallel.resolve_jobs(None, 1000) == cpus
    assert parallel.resolve_jobs(None, 1) == 1
    assert parallel.resolve_jobs(4, 2) == min(cpus, 2)
    assert parallel.resolve_jobs(1, 1000) == 1
    assert parallel.resolve_jobs(3, 1000) == min(cpus, 3)
    # more processes than CPUs would only wait for each other
    assert parallel.resolve_jobs(1000, 1000) == cpus
    # when fc chooses, a worker must have enough to do to be worth starting
    assert parallel.resolve_jobs(None, 39, per_process=40) == 1
    assert parallel.resolve_jobs(None, 300, per_process=40) == min(cpus, 7)
    assert parallel.resolve_jobs(2, 5, per_process=40) == min(cpus, 2)


# ---- the progress bar ------------------------------------------------------------------------------


class _Stream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("stdout_tty", "stderr_tty", "env", "shown"),
    [
        (True, True, {}, True),
        (True, True, {"CI": "true"}, False),
        (True, True, {"TERM": "dumb"}, False),
        (False, True, {}, False),  # piped or redirected output
        (True, False, {}, False),
    ],
)
def test_progress_only_on_an_interactive_terminal(
    monkeypatch: pytest.MonkeyPatch, stdout_tty: bool, stderr_tty: bool, env: dict[str, str], shown: bool
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "stdout", _Stream(stdout_tty))
    monkeypatch.setattr(sys, "stderr", _Stream(stderr_tty))
    assert parallel.show_progress() is shown


def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run `fc ARGS` with a pseudo-terminal as stdin, stdout and stderr; returns (exit code, output)."""
    master, slave = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env.update(TERM="xterm", COLUMNS="100")
    process = subprocess.Popen(
        [sys.executable, "-m", "fc_cli", *args], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd
    )
    os.close(slave)
    output = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


def test_a_terminal_shows_a_progress_bar_that_is_gone_at_the_end(tmp_path: Path) -> None:
    _county(tmp_path / "county")
    code, output = _on_a_terminal(["validate", "county", "--jobs", "2"], tmp_path)
    assert code == 0
    assert "Kontrollerar" in output and "3/3" in output
    # examples/rud's one warning: its pack has no framework title and date yet (issue 12, point 6)
    assert output.rstrip().endswith("3 filer kontrollerade: 0 fel, 1 varning\x1b[0m")
    code, output = _on_a_terminal(["render", "all", "county", "-o", "out", "--format", "md"], tmp_path)
    assert code == 0
    assert "Skapar dokument" in output and "12/12" in output
    assert len(list((tmp_path / "out").rglob("*.md"))) == 12


def _die(order: object) -> None:
    os._exit(9)  # a worker killed, e.g. by the out-of-memory killer


def test_a_worker_that_dies_ends_the_run_with_a_message_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fc_cli import render, validation

    _county(tmp_path / "county")
    monkeypatch.setattr(render, "_documents_in_worker", _die)
    monkeypatch.setattr(render, "_output_in_worker", _die)
    monkeypatch.setattr(validation, "_check_for_report", _die)
    message = "error: en arbetsprocess avslutades oväntat (slut på minne?) – inget skrevs; kör igen med --jobs 1\n"
    for args in (("render", "all", "county", "-o", "out"), ("render", "all", "county/a/centre.yaml", "-o", "out"),
                 ("validate", "county")):
        result = run_fc(*args, "--jobs", "2", cwd=tmp_path)
        assert (result.exit_code, result.stdout, result.stderr) == (3, "", message)
    assert not (tmp_path / "out").exists()


# ---- `fc render` starts its Word builder before typer reads the command line ----------------------


def _fc(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fc_cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_the_builder_started_early_makes_the_same_files(tmp_path: Path) -> None:
    centre = EXAMPLES / "vivalla" / "centre.yaml"
    early = _fc("render", "all", centre, "-o", "early", "--jobs", "2", cwd=tmp_path)
    alone = _fc("render", "all", centre, "-o", "alone", "--jobs", "1", cwd=tmp_path)
    assert (early.returncode, early.stderr) == (alone.returncode, alone.stderr) == (0, "")
    assert early.stdout == alone.stdout.replace("alone/", "early/")
    assert _files(tmp_path / "early") == _files(tmp_path / "alone")
    one = _fc("render", "agreement", centre, "-o", "one", cwd=tmp_path)
    assert (one.returncode, one.stdout, one.stderr) == (0, "one/samverkansavtal-familjecentralen-vivalla.docx\n", "")
    assert _files(tmp_path / "one") == {"samverkansavtal-familjecentralen-vivalla.docx":
                                        (tmp_path / "alone" / "samverkansavtal-familjecentralen-vivalla.docx").read_bytes()}
    many = _fc("--debug", "render", "all", _county(tmp_path / "county"), "-o", "many", cwd=tmp_path)
    assert (many.returncode, many.stderr, len(many.stdout.splitlines())) == (0, "", 12)


def test_a_usage_error_after_the_builder_started_is_typers_own(tmp_path: Path) -> None:
    result = _fc("render", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.endswith("error: argumentet DOKUMENT saknas\n")
    result = _fc("render", "all", "nowhere", cwd=tmp_path)
    missing = "error: nowhere finns inte – ange en centre.yaml eller en mapp med sådana\n"
    assert (result.returncode, result.stderr) == (2, missing)


@pytest.mark.parametrize(
    ("args", "started"),
    [
        (["render", "all", "c.yaml"], False),  # one centre's Word files are made in one process
        (["render", "all", "c.yaml", "--format", "docx", "-j", "2"], True),
        (["render", "all", "c.yaml", "--jobs=2"], True),
        (["render", "all", "c.yaml", "--format", "pdf"], True),
        (["render", "all", "c.yaml", "--format=pdf"], True),
        (["render", "all", "c.yaml", "--format", "md"], False),
        (["render", "all", "c.yaml", "--format=md"], False),
        (["render", "all", "c.yaml", "--jobs", "1"], False),
        (["render", "all", "c.yaml", "-j", "1"], False),
        (["render", "--help"], False),
    ],
)
def test_the_builder_starts_early_only_when_it_will_be_wanted(
    args: list[str], started: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fc_cli import render

    monkeypatch.setattr(render, "cpu_count", lambda: 2)
    try:
        render.start_builder_early(args)
        assert bool(render._early_builder) is started
    finally:
        render.end_builder_early()
    assert render._early_builder == []
    monkeypatch.setattr(render, "cpu_count", lambda: 1)
    render.start_builder_early(["render", "all", "c.yaml"])
    assert render._early_builder == []


def test_the_progress_counts_the_documents_a_pack_has_not_as_done(tmp_path: Path) -> None:
    """`render all` for a pack with two of the four documents: the bar's total is reached."""
    from fc_cli.render import render_paths

    class Counting:
        total, done = 0, 0

        def start(self, total: int) -> None:
            self.total = total

        def advance(self, done: int = 1) -> None:
            self.done += done

    counted = Counting()
    hamnen = EXAMPLES / "agreement-repo" / "norrvik" / "hamnen" / "centre.yaml"
    written = render_paths("all", [hamnen], tmp_path, "md", progress=counted, notes=[])
    assert len(written) == 2
    assert (counted.total, counted.done) == (4, 4)
