"""The fast paths give exactly what the slow ones give (the speed targets in BENCHMARKS.md; speed itself is measured by
benchmarks/bench.py, never here).

- Loading: an ordinary file is read by libyaml's C parser (`ruamel.yaml.clib`); anything unusual
  goes to the round-trip loader. Both must give the same data, the same placeholders and the same
  errors for every file the project has, and positions are still found (parsed round-trip only
  when a finding needs one).
- `fc` and `fc --help` answer without typer: the text must be what typer prints; a simple
  `fc render`, `fc validate` or `fc status` line is read without typer and gives exactly what
  typer gives (output, messages, exit code, files).
- Positions of findings in a file the C parser read come from its marks: the same as the
  round-trip loader's for every key path of every file.
- The prepared Word base package is kept between runs: documents are the same with and without it.
- `text_problem` answers printable text at once: the same answer as the full check.
- Compiled templates are kept in a cache: only in a folder nobody else can write in, and the
  documents are the same with and without it.
- Each command imports only what it uses.
"""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fc_cli.entry import help_text
from fc_cli.errors import YamlError
from fc_cli.load import fast as fast_path
from fc_cli.load import yaml_file as loader

from helpers import EXAMPLES, FIXTURES, ROOT, run_fc

HELP = help_text("fc")
#: `python -m fc_cli` names itself so in its help
HELP_MODULE = help_text("python -m fc_cli")

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "corpus"


def _yaml_files() -> list[Path]:
    found = [*EXAMPLES.rglob("*.yaml"), *FIXTURES.rglob("*.yaml"), *CORPUS.rglob("*.yaml"),
             *(ROOT / "templates").rglob("*.yaml")]
    return sorted(p for p in found if p.is_file())


def _outcome(raw: bytes, fast: bool) -> tuple:
    try:
        loaded = loader.load_yaml_text(raw, "f.yaml", fast=fast)
    except YamlError as exc:
        return ("error", exc.message, exc.position)
    return ("data", loaded.data, loaded.placeholders)


def _fast_reads(raw: bytes) -> bool:
    """Whether the C parser reads *raw* (None from the fast path: the round-trip loader does)."""
    try:
        text = loader._decode(raw, "f.yaml")
    except YamlError:
        return False
    return fast_path.load_fast(text, "f.yaml") is not None


# ---- loading: the fast path and the round-trip loader agree ---------------------------------------


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_both_loaders_agree_on_every_file_of_the_project(path: Path) -> None:
    raw = path.read_bytes()
    assert _outcome(raw, fast=True) == _outcome(raw, fast=False)


def test_the_examples_and_packs_take_the_fast_path() -> None:
    ordinary = [*sorted(EXAMPLES.glob("*/centre.yaml")), *sorted((ROOT / "templates").glob("*/pack.yaml"))]
    assert len(ordinary) >= 6
    assert [p.name for p in ordinary if not _fast_reads(p.read_bytes())] == []


#: Scalars whose meaning differs between YAML 1.1 and 1.2, or between libyaml and ruamel, or that
#: the fast path must hand over to the round-trip loader.
TRICKY = [
    "no", "yes", "on", "off", "y", "n", "Yes", "NO", "~", "null", "Null", "", "true", "False", "TRUE",
    "0", "-0", "+5", "017", "0o17", "0x1F", "0b101", "1_000", "12e03", "1e3", ".5", "1.", "1.50", "-1.25",
    ".inf", "-.Inf", ".NaN", "1:30:00", "12:30", "2026-01-31", "2026-02-30", "2026-1-5",
    "2026-01-01 10:00", "2026-01-01T10:00:00Z", "2026-01-01 10:00:00", "0232100164", "00", "-01", "0_1", "<fyll i>", " <fyll i> ", "'<fyll i>'", "=", "<<",
    "'quoted'", '"a\\tb"', '"\\u00e5"', '"\\x41"', "'it''s'", "a # comment", "a#b", "http://x.se/a?b=c#d",
    "Åsa Öberg", "[1, no, 2026-01-01]", "{a: 1, b: yes}", "!!str 5", "! 5", "!!int '7'", "&a 1", "*a",
    "|\n  two\n  lines\n", ">\n  folded\n  text\n\n  para\n", "|-\n  kept\n", "plain\n  continued",
]


@pytest.mark.parametrize("scalar", TRICKY)
def test_both_loaders_agree_on_tricky_scalars(scalar: str) -> None:
    raw = f"a: {scalar}\nb: fixed\n".encode()
    assert _outcome(raw, fast=True) == _outcome(raw, fast=False)


def test_yaml_1_2_words_are_text_on_both_paths() -> None:
    raw = b"a: no\nb: yes\nc: on\nd: off\ne: true\nf: 2026-01-31\ng: 17\nh: <fyll i>\n"
    assert _fast_reads(raw)
    loaded = loader.load_yaml_text(raw, "f.yaml")
    assert loaded.data == {
        "a": "no", "b": "yes", "c": "on", "d": "off", "e": True,
        "f": __import__("datetime").date(2026, 1, 31), "g": 17, "h": None,
    }
    assert loaded.placeholders == [("h",)]
    assert _outcome(raw, fast=False) == ("data", loaded.data, loaded.placeholders)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "nyckeln 'a' står två gånger (första gången på rad 1)"),
        ("m:\n  a: 1\n  b: 2\n  b: 3\n", 4, 3, "nyckeln 'b' står två gånger (första gången på rad 3)"),
        ("a: &k b\nm:\n  x: 1\n  *k : 2\n", 4, 3, "ett alias (*namn) står som nyckel"),
        ("a: 0701234567\n", 1, 4, "0701234567 börjar med 0 och skulle läsas som talet 701234567 – skriv det "
                                  "inom citattecken ('0701234567') om det är ett nummer som ett organisations- "
                                  "eller telefonnummer"),
        ("a:\n\tb: 1\n", 2, 1, "tabbtecken är inte tillåtna i YAML"),
        ("a: !!python/object:os.system x\n", 1, 4, "taggen '!!python/object:os.system' används inte"),
        ("a: &x [1]\nb: *y\n", 2, 4, "aliaset (*namn) hänvisar till ett ankare (&namn) som inte finns"),
    ],
)
def test_broken_files_still_get_the_round_trip_error_with_its_position(
    text: str, line: int, column: int, message: str
) -> None:
    raw = text.encode()
    assert not _fast_reads(raw)
    with pytest.raises(YamlError) as caught:
        loader.load_yaml_text(raw, "f.yaml")
    assert (caught.value.position.line, caught.value.position.column) == (line, column)
    assert caught.value.message.startswith(message)


def test_positions_are_parsed_only_when_asked_for_and_then_exact() -> None:
    raw = b"\xef\xbb\xbfschema_version: 1\r\ncentre:\r\n  name: Vivalla\r\n  year: 2026\r\nlist:\r\n  - a\r\n  - b\r\n"
    loaded = loader.load_yaml_text(raw, "c.yaml")
    assert (loaded.source.root, loaded.source.marks) == (None, None)  # read by the C parser, no positions yet
    assert str(loaded.source.position(("centre", "year"))) == "c.yaml:4:9"
    assert str(loaded.source.position(("centre", "year"), at_key=True)) == "c.yaml:4:3"
    assert str(loaded.source.position(("list", 1))) == "c.yaml:7:5"
    assert loaded.source.marks is not None  # the C parser's marks, never a round-trip parse
    assert loaded.source.root is None
    slow = loader.load_yaml_text(raw, "c.yaml", fast=False).source
    for path in [("schema_version",), ("centre",), ("centre", "name"), ("centre", "missing"), ("list",), ("list", 5), ("nope", 1)]:
        assert loaded.source.position(path) == slow.position(path)
        assert loaded.source.position(path, at_key=True) == slow.position(path, at_key=True)


def _key_paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every key path of *data*, and beside each level a key and an index that are not there."""
    found = [(*prefix, "saknas"), (*prefix, 99)]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((*prefix, key))
        found.extend(_key_paths(value, (*prefix, key)))
    return found


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_c_parsers_positions_are_the_round_trip_positions(path: Path) -> None:
    # a speed path (load/fast_positions.py): a finding in a file the fast path read is positioned
    # from libyaml's marks, never by parsing the file round-trip
    raw = path.read_bytes()
    try:
        fast = loader.load_yaml_text(raw, "f.yaml")
    except YamlError:
        return  # a broken file has its error's position, from the round-trip loader
    if fast.source.root is not None:
        return  # read round-trip: its positions are the round-trip tree's
    slow = loader.load_yaml_text(raw, "f.yaml", fast=False).source
    paths = _key_paths(fast.data)
    assert [fast.source.position(p) for p in paths] == [slow.position(p) for p in paths]
    assert [fast.source.position(p, at_key=True) for p in paths] == [slow.position(p, at_key=True) for p in paths]
    assert fast.source.marks is not None and fast.source.root is None


def test_empty_values_and_lists_are_positioned_as_with_the_round_trip_loader() -> None:
    raw = (b"a:\nb: ~\nc: {}\nd: []\ne:\n  f: {}\n  g:\n    - ''\n    -\n    - []\n    - h: null\n"
           b"i: [1, {j: 2}, [3]]\nk: <fyll i>\nl: \"\"\n")
    fast = loader.load_yaml_text(raw, "f.yaml")
    slow = loader.load_yaml_text(raw, "f.yaml", fast=False).source
    paths = _key_paths(fast.data)
    positions = [str(fast.source.position(p)) for p in paths]
    assert positions == [str(slow.position(p)) for p in paths]
    assert [str(fast.source.position(p, at_key=True)) for p in paths] == [
        str(slow.position(p, at_key=True)) for p in paths
    ]
    assert fast.source.root is None
    assert str(fast.source.position(("e", "g", 3, "h"))) == "f.yaml:11:7"


def test_findings_in_fixture_files_are_positioned_as_with_the_round_trip_loader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fc_cli.check import centre as validation

    files = sorted(FIXTURES.joinpath("rules").glob("*.yaml"))
    fast = [validation.check_centre(p, p.name).diagnostics for p in files]
    slow_loader = loader.load_yaml_text

    def round_trip_only(raw: bytes, name: str, *, fast: bool = True, if_empty: str | None = None) -> loader.LoadedYaml:
        return slow_loader(raw, name, fast=False, if_empty=if_empty)

    monkeypatch.setattr(loader, "load_yaml_text", round_trip_only)
    slow = [validation.check_centre(p, p.name).diagnostics for p in files]
    assert fast == slow
    # the fixtures do have findings, placed on their lines
    assert sum(1 for found in fast for d in found if d.line > 1) >= len(files) // 2


# ---- fc and fc --help without typer -----------------------------------------------------------------


def _fc(*args: str, columns: str = "80") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": columns}
    return subprocess.run([sys.executable, "-m", "fc_cli", *args], capture_output=True, text=True, env=env)


def test_help_text_is_what_typer_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    typer_help = run_fc("--help")
    assert typer_help.exit_code == 0
    assert typer_help.stdout == HELP, "copy the new `fc --help` text into fc_cli/entry.py HELP"
    bare = run_fc()
    assert bare.exit_code == 2
    assert bare.stderr == HELP


def test_fc_help_and_bare_fc_answer_without_typer() -> None:
    result = _fc("--help")
    assert (result.returncode, result.stdout, result.stderr) == (0, HELP_MODULE, "")
    result = _fc("-h")
    assert (result.returncode, result.stdout, result.stderr) == (0, HELP_MODULE, "")
    result = _fc()
    assert (result.returncode, result.stdout, result.stderr) == (2, "", HELP_MODULE)
    probe = (
        "import sys; sys.argv = ['fc', '--help']\n"
        "from fc_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('typer', 'pydantic', 'ruamel.yaml', 'jinja2', 'docx')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert result.stdout == HELP
    assert result.stderr == "[]\n"


def test_narrow_terminals_get_typers_own_layout() -> None:
    result = _fc("--help", columns="60")
    assert result.returncode == 0
    assert result.stdout != HELP
    assert result.stdout.startswith(
        "Användning: python -m fc_cli [FLAGGOR] COMMAND [ARGS]...\n\n  fc gör familjecentralens styrdokument\n"
    )


def _loaded_modules(*args: str, cwd: Path) -> list[str]:
    probe = (
        "import sys\n"
        f"sys.argv = ['fc', *{list(args)!r}]\n"
        "from fc_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "heavy = ('typer', 'pydantic', 'jinja2', 'docx', 'markdown_it', 'rich')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_each_command_imports_only_what_it_uses(tmp_path: Path) -> None:
    centre = EXAMPLES / "vivalla" / "centre.yaml"
    # validation needs no templates and no Word; Markdown output no Word; no progress bar off a
    # terminal; and a simple command line is read without typer (fc_cli/direct.py)
    assert _loaded_modules("validate", str(centre), cwd=tmp_path) == "['pydantic']"
    assert _loaded_modules("render", "all", str(centre), "-o", "md", "--format", "md", cwd=tmp_path) == (
        "['jinja2', 'pydantic']"
    )
    assert _loaded_modules("status", str(centre), "--on", "2027-03-01", cwd=tmp_path) == "['pydantic']"
    assert _loaded_modules("validate", str(centre), "--format", "text", "--strict", "-j", "1", cwd=tmp_path) == (
        "['pydantic']"
    )
    assert _loaded_modules("packs", cwd=tmp_path) == "['pydantic', 'typer']"


# ---- the template cache ---------------------------------------------------------------------------


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from fc_cli import render
    from fc_cli.templating import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FC_NO_CACHE", raising=False)
    cache.bytecode_cache.cache_clear()
    render._renderer.cache_clear()
    yield tmp_path / "cache" / "fc"
    cache.bytecode_cache.cache_clear()
    render._renderer.cache_clear()


def test_compiled_templates_are_cached_privately_and_change_nothing(
    fresh_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fc_cli import render
    from fc_cli.templating import cache

    centre = EXAMPLES / "vivalla" / "centre.yaml"
    first = run_fc("render", "all", centre, "-o", tmp_path / "first", "--format", "md")
    assert first.exit_code == 0, first.stderr
    folders = list(fresh_cache.glob("templates-*"))
    assert len(folders) == 1
    cached = sorted(folders[0].iterdir())
    assert len(cached) == 4  # the four templates of the pack
    assert stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in cached)

    render._renderer.cache_clear()  # a new run: the templates come from the cache
    second = run_fc("render", "all", centre, "-o", tmp_path / "second", "--format", "md")
    monkeypatch.setenv("FC_NO_CACHE", "1")
    cache.bytecode_cache.cache_clear()
    render._renderer.cache_clear()
    uncached = run_fc("render", "all", centre, "-o", tmp_path / "uncached", "--format", "md")
    assert cache.bytecode_cache() is None
    for name in [p.name for p in sorted((tmp_path / "first").iterdir())]:
        text = (tmp_path / "first" / name).read_bytes()
        assert (tmp_path / "second" / name).read_bytes() == text
        assert (tmp_path / "uncached" / name).read_bytes() == text
    assert second.exit_code == uncached.exit_code == 0


def test_a_cache_folder_others_can_write_in_is_not_used(fresh_cache: Path) -> None:
    from fc_cli.templating import cache

    assert cache.bytecode_cache() is not None
    fresh_cache.chmod(0o777)
    cache.bytecode_cache.cache_clear()
    assert cache.bytecode_cache() is None


# ---- fc render, validate and status without typer ------------------------------------------------------

#: Runs fc as `fc ARGS` would; with typer=True the command line always goes to typer (fc_cli/cli.py).
_BOTH_WAYS = (
    "import sys\n"
    "typer, args = sys.argv[1] == 'typer', sys.argv[2:]\n"
    "sys.argv = ['fc', *args]\n"
    "import fc_cli.direct\n"
    "if typer:\n"
    "    fc_cli.direct.run = lambda args: False\n"
    "from fc_cli.entry import main\n"
    "try:\n    main()\n"
    "finally:\n"
    "    heavy = ('typer', 'rich')\n"
    "    print('loaded:', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
)


def _centres(folder: Path) -> Path:
    """A folder like a user's: the three examples, a centre with errors, one with warnings only."""
    for name in ("vivalla", "lugnvik", "rud"):
        (folder / "county" / name).mkdir(parents=True)
        (folder / "county" / name / "centre.yaml").write_bytes((EXAMPLES / name / "centre.yaml").read_bytes())
    (folder / "broken").mkdir()
    (folder / "broken" / "centre.yaml").write_bytes((FIXTURES / "rules" / "cost-shares.yaml").read_bytes())
    (folder / "warned").mkdir()
    (folder / "warned" / "centre.yaml").write_bytes((FIXTURES / "rules" / "coordinator-fte.yaml").read_bytes())
    # a pack of its own with two of the four documents (render all says which it has not)
    shutil.copytree(EXAMPLES / "agreement-repo" / "mallar", folder / "mallar")
    (folder / "norrvik" / "hamnen").mkdir(parents=True)
    (folder / "norrvik" / "hamnen" / "centre.yaml").write_bytes(
        (EXAMPLES / "agreement-repo" / "norrvik" / "hamnen" / "centre.yaml").read_bytes())
    return folder


def _run_way(typer: bool, args: list[str], cwd: Path, stdin: bytes = b"") -> tuple[int, str, str, dict[str, bytes]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1",
           "XDG_CACHE_HOME": str(cwd / "cache")}
    result = subprocess.run([sys.executable, "-c", _BOTH_WAYS, "typer" if typer else "direct", *args], cwd=cwd,
                            input=stdin, capture_output=True, env=env)
    stderr, _, loaded = result.stderr.decode().rpartition("loaded: ")
    written = {p.relative_to(cwd / "out").as_posix(): p.read_bytes() for p in sorted((cwd / "out").rglob("*"))
               if p.is_file()} if (cwd / "out").exists() else {}
    shutil.rmtree(cwd / "out", ignore_errors=True)
    return result.returncode, result.stdout.decode(), stderr, {"loaded": loaded.encode(), **written}


SIMPLE_LINES = [
    ["render", "all", "county/vivalla/centre.yaml", "-o", "out"],
    ["render", "agreement", "county", "--outdir", "out", "--format", "md"],
    ["render", "all", "county/rud", "--outdir=out", "--format=md", "--draft", "--jobs", "1"],
    ["--debug", "render", "intent", "county/lugnvik/centre.yaml", "-o", "out", "-j", "2"],
    ["render", "all", "broken", "-o", "out"],
    ["render", "samverkansavtal", "broken", "county", "-o", "out", "--draft"],
    ["render", "nothing", "county/vivalla", "-o", "out"],
    ["render", "all", "missing/centre.yaml", "-o", "out"],
    ["render", "all", "norrvik", "-o", "out", "--format", "md"],
    ["render", "all", "county", "-o", "out", "--format", "md", "--jobs", "1", "--jobs", "2"],
    ["validate", "county"],
    ["validate"],
    ["validate", "county", "broken", "warned", "--format", "json"],
    ["validate", "warned", "--strict", "--format", "github"],
    ["validate", "broken", "--format", "md", "-j", "1"],
    ["validate", "-"],
    ["validate", "missing.yaml", "county/vivalla/centre.yaml"],
    ["status", "county", "--on", "2027-03-01"],
    ["status", "county", "broken", "warned", "--on", "2027-03-01", "--format", "md"],
    ["status", "--on", "2027-03-01", "--format", "json", "county/vivalla/centre.yaml", "--jobs", "1"],
    ["status", "county", "--on", "2027-13-01"],
    ["status", "county", "--on=2027-03-01", "--format=html", "-o", "out/status.html"],
    ["status", "missing", "--on", "2027-03-01"],
]


@pytest.mark.parametrize("args", SIMPLE_LINES, ids=" ".join)
def test_simple_command_lines_give_what_typer_gives(tmp_path: Path, args: list[str]) -> None:
    stdin = (EXAMPLES / "vivalla" / "centre.yaml").read_bytes()
    folder = _centres(tmp_path)
    direct = _run_way(False, args, folder, stdin)
    typer = _run_way(True, args, folder, stdin)
    assert direct[:3] == typer[:3]
    assert {k: v for k, v in direct[3].items() if k != "loaded"} == {k: v for k, v in typer[3].items() if k != "loaded"}
    assert typer[3]["loaded"].startswith(b"['typer'")
    assert direct[3]["loaded"] == b"[]\n"  # neither typer nor rich


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["render"], ["render", "--help"], ["render", "all", "-h"], ["render", "all", "--", "x"],
     ["render", "all", "-j2"], ["render", "all", "--jobs", "0"], ["render", "all", "--jobs", "x"],
     ["render", "all", "--format", "odt"], ["render", "all", "-o"], ["render", "all", "-o", "-x"],
     ["render", "all", "-o=out"], ["render", "all", "--draft=yes"], ["render", "all", "--strict"],
     ["validate", "--colour"], ["validate", "--format", "html"], ["status", "--draft"], ["calendar", "."],
     ["new-centre", "x"], ["--version"], ["--debug"], ["--debug", "--debug", "validate"], ["diff", "all", "a", "b"]],
    ids=lambda args: " ".join(args) or "(nothing)",
)
def test_every_other_command_line_is_left_to_typer(args: list[str]) -> None:
    from fc_cli import direct

    assert direct.parse(args) is None


def test_simple_command_lines_are_read_as_typer_reads_them() -> None:
    from fc_cli import direct

    assert direct.parse(["render", "all", "a", "-o", "out", "b", "--draft", "--format=pdf", "-j", "03"]) == (
        "render", ["all", "a", "b"], {"outdir": "out", "draft": True, "format": "pdf", "jobs": 3}, False
    )
    assert direct.parse(["--debug", "validate", "-", "--strict"]) == ("validate", ["-"], {"strict": True}, True)
    assert direct.parse(["status", "--on", "2027-03-01", "--output", "x.html"]) == (
        "status", [], {"on": "2027-03-01", "output": "x.html"}, False
    )


# ---- the prepared Word base package, kept between runs ---------------------------------------------------


def _cache_env(tmp_path: Path) -> dict[str, str]:
    """A new process's environment with a cache folder of its own (and a fixed date)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "SOURCE_DATE_EPOCH": "1767225600"}
    env.pop("FC_NO_CACHE", None)
    return env


def _render_all(centre: Path, out: Path, env: dict[str, str]) -> dict[str, bytes]:
    """`fc render all` of *centre* in a new process: the files it wrote, by name."""
    result = subprocess.run([sys.executable, "-m", "fc_cli", "render", "all", str(centre), "-o", str(out),
                             "--jobs", "1"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _loaded_by_render(centre: Path, out: Path, env: dict[str, str], modules: tuple[str, ...]) -> str:
    """Which of *modules* a process that ran `fc render all` of *centre* has imported."""
    probe = ("import sys; sys.argv = ['fc', 'render', 'all', sys.argv[1], '-o', sys.argv[2], '--jobs', '1']\n"
             "from fc_cli.entry import main\ntry:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code\n"
             f"print(sorted(m for m in {modules!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, str(centre), str(out)], capture_output=True, text=True, env=env)
    return result.stdout.splitlines()[-1] if result.stdout else result.stderr


def test_the_base_package_is_kept_privately_and_changes_no_byte(tmp_path: Path) -> None:
    from fc_cli.word import base_cache

    centre = EXAMPLES / "vivalla" / "centre.yaml"
    reference = tmp_path / "reference.docx"
    env = _cache_env(tmp_path)

    def render(out: str, **more: str) -> dict[str, bytes]:
        return _render_all(centre, tmp_path / out, {**env, **more})

    first = render("first")
    kept = sorted((tmp_path / "cache" / "fc" / "word").iterdir())
    assert [p.name.startswith("base-") and p.suffix == ".json" for p in kept] == [True]
    assert stat.S_IMODE(kept[0].parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    assert render("second") == first  # from the cache
    assert render("uncached", FC_NO_CACHE="1") == first
    kept[0].write_text('{"key": "not this one", "fields": {}}')  # a file that does not fit is not used
    assert render("again") == first
    kept[0].write_text("{")  # nor one that is broken
    assert render("once more") == first
    # with the base kept, this process builds the documents without python-docx
    assert _loaded_by_render(centre, tmp_path / "probe", env, ("docx", "lxml", "typer")) == "[]"
    # a reference document is kept under its own bytes
    reference.write_bytes(b"one")
    first_key = base_cache._key(reference)
    reference.write_bytes(b"two")
    assert len({base_cache._key(None), first_key, base_cache._key(reference)}) == 3


def test_parsed_texts_are_kept_privately_and_change_no_byte(tmp_path: Path) -> None:
    centre = EXAMPLES / "lugnvik" / "centre.yaml"  # its report has charts and a table of contents
    env = _cache_env(tmp_path)

    def render(out: str, **more: str) -> dict[str, bytes]:
        return _render_all(centre, tmp_path / out, {**env, **more})

    first = render("first")
    folder = tmp_path / "cache" / "fc" / "parsed"
    kept = sorted(folder.iterdir())
    assert [p.suffix for p in kept] == [".pickle"] * 4  # one per document's text
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    assert render("second") == first  # from the cache
    assert render("uncached", FC_NO_CACHE="1") == first
    # with the texts kept, this process makes the documents without markdown-it
    assert _loaded_by_render(centre, tmp_path / "probe", env, ("markdown_it", "mdit_py_plugins")) == "[]"
    kept[0].write_bytes(b"not a pickle")  # a file that cannot be read is parsed again
    kept[1].write_bytes(b"")
    kept[2].write_bytes(pickle.dumps({"not": "blocks"}))
    assert render("again") == first
    assert sorted(folder.iterdir()) == kept  # and kept anew, under the same names


def test_at_most_so_many_parsed_texts_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fc_cli.word import markup, parse_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FC_NO_CACHE", raising=False)
    monkeypatch.setattr(parse_cache, "_KEPT", 4)
    folder = tmp_path / "cache" / "fc" / "parsed"

    def names(*numbers: int) -> list[str]:
        return sorted(parse_cache._path(folder, f"Stycke {n}\n").name for n in numbers)

    for number in range(5):
        monkeypatch.setattr(parse_cache, "_counted", False)  # each a process of its own
        assert markup.parse(f"Stycke {number}\n")[0].spans[0].text == f"Stycke {number}"
        os.utime(parse_cache._path(folder, f"Stycke {number}\n"), (number, number))
    # the fifth made five, past four: the oldest three went, two (half of four) are left
    assert sorted(p.name for p in folder.iterdir()) == names(3, 4)
    monkeypatch.setattr(parse_cache, "_counted", False)
    markup.parse("Stycke 5\n")
    assert sorted(p.name for p in folder.iterdir()) == names(3, 4, 5)
    monkeypatch.setenv("FC_NO_CACHE", "1")
    assert parse_cache.load("Stycke 5\n") is None


def test_a_kept_base_package_is_what_python_docx_prepares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from fc_cli.word import base_cache, builder, prepare

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FC_NO_CACHE", raising=False)
    import docx

    reference = tmp_path / "reference.docx"
    made = docx.Document()
    made.sections[0].header.paragraphs[0].text = "Regionens sidhuvud"
    made.save(str(reference))
    # and a reference saved from a document fc wrote, whose header lines fc replaces (unfrozen)
    assert run_fc("render", "agreement", EXAMPLES / "vivalla" / "centre.yaml", "-o", tmp_path).exit_code == 0
    saved = tmp_path / "samverkansavtal-familjecentralen-vivalla.docx"
    assert prepare._base(saved).unfrozen == ("Samverkansavtal – Familjecentralen Vivalla",)
    for source in (None, reference, saved):
        builder._cached_base.cache_clear()
        prepared = prepare._base(source)
        builder._cached_base(source)  # prepares (from the lru cache) and keeps it
        kept = base_cache.load(source)
        assert kept is not None
        assert builder._Base.from_kept(kept) == prepared
        assert dataclasses.asdict(builder._Base.from_kept(kept)) == dataclasses.asdict(prepared)
    builder._cached_base.cache_clear()


# ---- text_problem's quick answer ---------------------------------------------------------------------


def _full_text_problem(text: str) -> str | None:
    """text_problem without its quick answer for printable text."""
    from fc_cli import text as module

    found = module._UNSTORABLE.search(text)
    if found is not None:
        return module._unstorable(found.group())
    if module._HIDDEN.search(text) is not None or module._looks_blank(text):
        return "problem"
    return None


def test_the_quick_answer_for_printable_text_is_the_full_checks_answer() -> None:
    import random

    from fc_cli.text import text_problem

    chars = [chr(c) for c in (*range(0x3200), *range(0xFE00, 0x10000), *range(0xE0000, 0xE0080))
             if not 0xD800 <= c <= 0xDFFF] + ["\ud800"]
    texts = [t for c in chars for t in (c, c * 2, " " + c, c + " ", "a" + c, "å" + c, "\t" + c)]
    generator = random.Random(18)
    texts += ["".join(generator.choice(chars) for _ in range(generator.randint(0, 5))) for _ in range(20000)]
    assert [text for text in texts if (text_problem(text) is None) != (_full_text_problem(text) is None)] == []


# ---- the template's constant sections parsed once (word/markup.py) ---------------------------------------


def _parsed_whole(text: str) -> list:
    from fc_cli.word import markup

    blocks, _ = markup._blocks(markup._parser().parse(text), 0, None, guidance=False)
    markup._mark_subtitle(blocks)
    return blocks


EDGE_TEXTS = [
    "# Titel\n\n**Underrubrik**\n\n## Ett\n\ntext\n\n## Två\n\n- a\n- b\n\n## Tre\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n# Fyra\n",
    "# T\n\n::: guidance\n\n## Inne i vägledningen\n\ntext\n\n:::\n\n## Ute\n\ntext\n",
    "# T\n\n::: signatures\n**Region**\nNamn: A\n\n## inte en rubrik här? jo\n:::\n\n## Efter\n",
    "# T\n\n:::: guidance\n\n## Fyra kolon\n\n:::\n\n## x\n\n::::\n\n## y\n",
    "# T\n\n::: okänd\n\n## a\n\n:::\n\n## b\n",
    "# T\n\n1. ett\n2. två\n\n   fortsättning\n\n## Rubrik\n\n3. tre\n",
    "# T\n\n- a\n\n  ## indragen rubrik\n\n- b\n\n## R\n",
    "# T\n\ntext med fotnot[^1]\n\n## R\n\n[^1]: noten\n",
    "# T\r\n\r\n## R\r\n\r\ntext\r\n",
    "# T\n\n::: pagebreak\n:::\n\n## R\n\n::: toc\n:::\n\n#Inte en rubrik\n\n####### sju\n\n#\n\n## tom nästa\n\n##\ttabb\n",
    "text\n\n\n\n# R\n\n\n## R2\n",
    ":::\n\n# efter en ensam stängning\n",
    "- a\n\n- b\n\nStycke efter en gles lista\n\n- c\n- d\n\n___\n\n1) ett\n\n2026 är ett år\n",
    "- a\n\n  indraget stycke i punkten\n\nUte igen\n\n  indraget utanför\n\n\tmed tabb\n",
    "a | b\n---|---\n1 | 2\n\nEfter tabellen\n| inte | tabell |\n\n|x|y|\n|-|-|\n\nSlut\n",
    "> inget citat\n\n<b>ingen html</b>\n\n`ingen kod`\n\n~~~\nstaket\n~~~\n\n=== \n\n_kursiv_\n\n!bild\n\n{.attr}\n",
    "Rad ett\nrad två\n\n**fet\n\nfortsättning**\n\n[länk](https://x.se)\n\n\\# inte rubrik\n",
    "::: guidance\nVägledning\n\nmer vägledning\n\n- punkt\n\nStycke\n:::\n\nUte\n\n::: signatures\n**A**\nNamn: B\n\n**C**\nNamn: D\n:::\n",
]


@pytest.mark.parametrize("text", EDGE_TEXTS, ids=range(len(EDGE_TEXTS)))
def test_sections_parse_as_the_whole_text(text: str) -> None:
    from fc_cli.word import markup

    assert markup.parse(text) == _parsed_whole(text)
    assert markup.parse(text) == _parsed_whole(text)  # and again, from the kept pieces


def test_every_document_of_the_examples_parses_as_its_whole_text(tmp_path: Path) -> None:
    from fc_cli.word import markup, pieces

    folders = sorted(EXAMPLES.glob("*/centre.yaml"))
    for pack in ("orebro", "jamtland", "varmland"):
        made = run_fc("new-centre", tmp_path / pack, "--name", "Familjecentralen Ny", "--municipality", "Örebro",
                      "--pack", pack)
        assert made.exit_code == 0, made.output
        folders.append(tmp_path / pack / "centre.yaml")
    texts = []
    for number, centre in enumerate(folders):
        result = run_fc("render", "all", centre, "-o", tmp_path / f"md-{number}", "--format", "md", "--draft")
        assert result.exit_code == 0, result.output
        texts += [p.read_text(encoding="utf-8") for p in sorted((tmp_path / f"md-{number}").iterdir())]
    assert len(texts) == 4 * len(folders)
    assert sum(pieces.cuts_of(text, markup.CONTAINERS) is not None for text in texts) >= len(texts) // 2  # the speed path is taken
    for text in texts * 2:
        assert markup.parse(text) == _parsed_whole(text)


# ---- pydantic's plugin loader while plugins are off (fc_cli/entry.py) ---------------------------------

_PLUGINS_PROBE = (
    "import os, sys\n"
    "from fc_cli import entry\n"
    "entry._no_plugin_search()\n"
    "from fc_cli.model import CentreFile\n"
    "print('importlib.metadata' in sys.modules)\n"
    "from pydantic.plugin._loader import get_plugins\n"
    "print(list(get_plugins()))\n"
    "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
    "print(PYDANTIC_ENTRY_POINT_GROUP, sys.modules['pydantic.plugin._loader'].__file__ is not None)\n"
)


@pytest.mark.parametrize(("setting", "searched"), [("1", "False"), ("0", "True"), ("", "True")])
def test_plugins_are_not_searched_for_while_they_are_off(setting: str, searched: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYDANTIC_DISABLE_PLUGINS": setting}
    result = subprocess.run([sys.executable, "-c", _PLUGINS_PROBE], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    # the stand-in answers "no plugins" as the real loader does; asked anything else, the real one answers
    assert result.stdout == f"{searched}\n[]\npydantic True\n"


def test_only_text_with_a_less_than_sign_can_be_the_placeholder() -> None:
    import unicodedata

    from fc_cli.load.limits import is_placeholder

    # the quick "no" of is_placeholder: no other character becomes "<" in NFKC
    become = [c for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) <= 0xDFFF
              and "<" in unicodedata.normalize("NFKC", c)]
    assert become == ["<", "\ufe64", "\uff1c"]
    assert [is_placeholder(t) for t in ("<fyll i>", "\uff1cfyll i>", "\ufe64Fyll\u00a0i>", " <FYLL  I> ", "fyll i")] == [
        True, True, True, True, False]


# ---- the zip around a document's parts (word/zipped.py) -----------------------------------------------


def _zipfiles_zip(stamp: tuple, parts: list[tuple[str, bytes, bool]]) -> bytes:
    """The zip as word/builder.py wrote it with zipfile before word/zipped.py."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data, _ in parts:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            package.writestr(entry, data)
    return out.getvalue()


@pytest.mark.parametrize("stamp", [(1980, 1, 1, 0, 0, 0), (2026, 12, 31, 23, 59, 59), (2107, 12, 31, 23, 59, 58)])
def test_the_zip_is_byte_for_byte_zipfiles(stamp: tuple) -> None:
    import random

    from fc_cli.word import zipped

    generator = random.Random(18)
    parts = [("[Content_Types].xml", b"<Types/>", True), ("word/document.xml", "å".encode() * 5000, False),
             ("word/empty.xml", b"", True), ("word/ö-namn.xml", b"x", False),
             ("word/random.bin", bytes(generator.randrange(256) for _ in range(70000)), True)]
    for _ in range(2):  # and again, with the constant parts from the kept compressions
        assert zipped.package(stamp, parts) == _zipfiles_zip(stamp, parts)
    assert zipped.package(stamp, []) == _zipfiles_zip(stamp, [])


# ---- the sandbox asks once per type and attribute (templating/sandbox.py) ------------------------------


def test_an_attributes_safety_is_the_same_asked_once_or_every_time() -> None:
    import types
    import warnings

    from fc_cli.check.centre import check_centre
    from fc_cli.templating import sandbox
    from fc_cli.templating.helpers import GLOBALS

    model = check_centre(EXAMPLES / "lugnvik" / "centre.yaml").model
    assert model is not None
    env = sandbox.make_environment()
    objects = [model, model.centre, model.principals[0], model.services, {}, [], set(), "text", 1, 1.5, None,
               str, type, len, GLOBALS, lambda: 0, model.signing_services, (x for x in ()), types.SimpleNamespace()]
    names = sorted({name for obj in objects for name in dir(obj)} | {"mro", "append", "clear", "copy", "json",
                                                                      "model_validate", "__class__", "_private"})
    with warnings.catch_warnings():  # pydantic's deprecated names (json, __fields__, …) warn when read
        warnings.simplefilter("ignore")
        for obj in objects:
            for name in names:
                value = getattr(obj, name, None)
                for _ in range(2):  # asked first, then answered from what is known
                    assert env.is_safe_attribute(obj, name, value) == env._is_safe_attribute(obj, name, value)
    assert not env.is_safe_attribute(model, "model_validate", None)
    assert env.is_safe_attribute(model, "centre", model.centre)


def test_a_kept_markdown_escape_is_the_escape() -> None:
    from fc_cli.templating.escape import _escaped, md_escape

    values = ["Anna *Ek*", " 1. rad\nny rad ", "# rubrik", "- punkt", "a|b", "<fyll i>", "", 12, 0.5, None, "\u2028x"]
    for value in values * 2:  # the second time from what is kept
        assert md_escape(value) == _escaped.__wrapped__(str(value))  # type: ignore[arg-type]
