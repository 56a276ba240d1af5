"""Broken and hostile input never crashes, hangs or leaks: every command on every file of the corpus.

`tests/corpus/` holds one small file per kind of breakage (see its README): centre files
(`centres/`), pack files (`packs/`) and templates (`templates/`), each with a comment on its first
line saying what it breaks. Every command that reads such a file runs on it here, and must end in
exit 1 with a positioned message `FILE:LINE:COL: error: …` that says what to do — never exit 3,
never a traceback, never a file left behind. The expected place and message of each file are
listed below, so a new corpus file without an expectation fails the suite.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import run_fc

CORPUS = Path(__file__).resolve().parent / "corpus"
BASE_CENTRE = CORPUS / "base" / "centre.yaml"
BASE_PACK = CORPUS / "base" / "pack.yaml"
BASE_TEMPLATE = CORPUS / "base" / "agreement.md.j2"
#: No command may take long, whatever the input (the slowest corpus case takes about a second).
SECONDS = 5


@dataclass(frozen=True)
class Expect:
    """Where the error is reported and a piece of its message."""

    line: int
    column: int
    message: str
    #: How many errors `fc validate` finds in the file (one, unless the breakage repeats).
    errors: int = 1


CENTRES: dict[str, Expect | None] = {
    # YAML syntax
    "syntax-unclosed-quote.yaml": Expect(5, 9, "ett citattecken öppnas men stängs aldrig – lägg till det avslutande"),
    "syntax-colon-in-value.yaml": Expect(5, 25, "ett kolon står där det inte får stå – sätt värdet inom citattecken"),
    "syntax-bad-indent.yaml": Expect(6, 8, "ett kolon står där det inte får stå"),
    "syntax-unclosed-bracket.yaml": Expect(3, 7, "en lista [ ] eller en mappning { } stängs inte"),
    "syntax-two-documents.yaml": Expect(4, 1, "filen innehåller flera YAML-dokument (---)"),
    "syntax-bad-escape.yaml": Expect(5, 27, "okänd \\-kod i text inom dubbla citattecken"),
    "syntax-undefined-alias.yaml": Expect(3, 7, "aliaset (*namn) hänvisar till ett ankare (&namn) som inte finns"),
    "syntax-bad-merge.yaml": Expect(5, 7, "<< (sammanslagning) behöver ett alias till en mappning"),
    "tab-indent.yaml": Expect(6, 1, "tabbtecken är inte tillåtna i YAML – indentera med mellanslag"),
    "duplicate-key.yaml": Expect(6, 3, "nyckeln 'name' står två gånger (första gången på rad 5)"),
    # the first occurrence's line, not the line of the mapping that holds both
    "duplicate-key-far.yaml": Expect(14, 3, "nyckeln 'municipality' står två gånger (första gången på rad 7) – "
                                            "ta bort eller byt namn på den ena"),
    # at the alias, not at its anchor (line 5)
    "alias-as-key.yaml": Expect(14, 3, "ett alias (*namn) står som nyckel – skriv nyckeln ut, t.ex. 'name:'; "
                                       "alias hör hemma som värden"),
    # empty files, the wrong top-level type
    "empty.yaml": Expect(1, 1, "filen är tom – fyll i den eller skapa en ny med 'fc new-centre'"),
    "only-comments.yaml": Expect(1, 1, "filen är tom"),
    "top-level-list.yaml": Expect(1, 1, "filen innehåller en lista, men en centrumfil ska vara nycklar med värden"),
    "top-level-scalar.yaml": Expect(1, 1, "filen innehåller ett enskilt värde"),
    "wrong-type-list-for-mapping.yaml": Expect(5, 3, "centre: ska vara nycklar med värden (inte en lista"),
    # encodings: each message says to save as UTF-8
    "windows-1252.yaml": Expect(5, 27, "filen är inte sparad som UTF-8 (byte 0xE4 går inte att läsa; filen är "
                                       "troligen sparad som Windows-1252/ANSI) – spara den som UTF-8"),
    "utf-16.yaml": Expect(1, 1, "filen är sparad som UTF-16 ('Unicode' i Anteckningar), men fc läser UTF-8 – "
                                "spara den som UTF-8"),
    "utf-16-le-no-bom.yaml": Expect(1, 1, "filen är sparad som UTF-16 (little-endian, utan byteordningsmärke), "
                                          "men fc läser UTF-8 – spara den som UTF-8"),
    "utf-16-be-no-bom.yaml": Expect(1, 1, "filen är sparad som UTF-16 (big-endian, utan byteordningsmärke), "
                                          "men fc läser UTF-8 – spara den som UTF-8"),
    "utf-32-be.yaml": Expect(1, 1, "filen är sparad som UTF-32 (big-endian, utan byteordningsmärke), men fc läser "
                                   "UTF-8 – spara den som UTF-8"),
    "utf-32-le.yaml": Expect(1, 1, "filen är sparad som UTF-32 (little-endian, utan byteordningsmärke), men fc "
                                   "läser UTF-8 – spara den som UTF-8"),
    "nul-byte.yaml": Expect(5, 25, "nolltecken (NUL)"),
    "control-character-raw.yaml": Expect(5, 25, "osynligt styrtecken (U+0007) som inte får stå i en YAML-fil"),
    # size, aliases, nesting
    "alias-bomb.yaml": Expect(47, 19, "filen växer till fler än 50 000 värden när alias (*namn) följs"),
    "deep-nesting-flow.yaml": Expect(2, 71, "filen är nästlad för djupt (högst 64 nivåer)"),
    "deep-nesting-block.yaml": Expect(65, 127, "filen är nästlad för djupt (högst 64 nivåer)"),
    "big-integer.yaml": Expect(2, 17, "talet är för stort eller går inte att läsa"),
    "value-too-long.yaml": Expect(5, 9, "centre.name: texten är för lång (högst 5000 tecken) – korta den"),
    # tags: safe loading only
    "python-tag.yaml": Expect(3, 7, "taggen '!!python/object/apply:os.system' används inte i fc:s filer"),
    "custom-tag.yaml": Expect(7, 17, "taggen '!kommun' används inte i fc:s filer"),
    "int-tag-not-a-number.yaml": Expect(2, 17, "taggen '!!int' används inte"),
    # keys and values
    "key-not-text.yaml": Expect(4, 1, "nyckeln 2027-01-01 är inte text"),
    "key-invisible-character.yaml": Expect(6, 3, "nyckeln under centre innehåller ett osynligt tecken (U+200B)"),
    "impossible-date.yaml": Expect(46, 15, "'2027-02-30' är inget riktigt datum"),
    # the value as written, never the loader's TimeStamp(…)
    "datetime-for-date.yaml": Expect(46, 15, "agreement.valid_from: ska vara ett datum utan klockslag, ÅÅÅÅ-MM-DD "
                                             "(nu: '2027-01-01 10:00:00')"),
    # the digits as written, and to quote them
    "org-number-leading-zero.yaml": Expect(18, 26, "principals[0].organisation_number: 0232100164 börjar med 0 och "
                                                   "skulle läsas som talet 232100164 – skriv det inom citattecken "
                                                   "('0232100164') om det är ett nummer som ett organisations- eller "
                                                   "telefonnummer, eller utan inledande nolla om det är ett tal"),
    "merge-key-error.yaml": Expect(37, 7, "services[1].manager.telefon: okänd nyckel 'telefon'", errors=2),
    # text that cannot stand in a document: refused, naming the field
    "text-control-character.yaml": Expect(5, 9, "centre.name: texten innehåller ett osynligt styrtecken (U+0007)"),
    "text-bidi-override.yaml": Expect(26, 11, "services[0].name: texten innehåller ett osynligt tecken som vänder "
                                              "skrivriktningen (U+202E)"),
    "text-lone-surrogate.yaml": Expect(39, 9, "coordinator.name: texten innehåller ett ofullständigt tecken (U+D800"),
    "text-c1-control.yaml": Expect(10, 13, "centre.visiting_address.street: texten innehåller ett osynligt "
                                           "styrtecken (U+0092)"),
    "text-blank-name.yaml": Expect(5, 9, "centre.name: är inte ifylld"),
    # a BOM and CRLF line ends are read, and the position of an error is still right
    "bom-crlf-schema-error.yaml": Expect(41, 8, "coordinator.fte: ska vara ett tal, t.ex. 0.5"),
    # accepted: a name that looks like a path still lands inside OUTDIR (see test_files.py)
    "outdir-escape-name.yaml": None,
}


def _diagnostic(file: str, expect: Expect) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(file)}:{expect.line}:{expect.column}: error: .*{re.escape(expect.message)}", re.M
    )


def _assert_no_crash(result, seconds: float) -> str:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    assert result.exit_code in (0, 1, 2), (result.exit_code, output)
    assert seconds < SECONDS, f"took {seconds:.1f} s"
    assert "root:" not in output, "a file outside the input leaked into the output"
    return output


def _run(*args: object, cwd: Path | None = None):
    start = time.monotonic()
    result = run_fc(*map(str, args), cwd=cwd)
    return result, time.monotonic() - start


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")) if folder.exists() else []


#: Corpus files saved in UTF-16 or UTF-32 without a byte order mark, and their encoding.
WIDE = {
    "centres/utf-16-le-no-bom.yaml": "utf-16-le",
    "centres/utf-16-be-no-bom.yaml": "utf-16-be",
    "centres/utf-32-be.yaml": "utf-32-be",
    "centres/utf-32-le.yaml": "utf-32-le",
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (CORPUS / "centres").iterdir()) == sorted(CENTRES)
    assert sorted(p.name for p in (CORPUS / "packs").iterdir()) == sorted(PACKS)
    assert sorted(p.name for p in (CORPUS / "templates").iterdir()) == sorted(TEMPLATES)


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(CORPUS).as_posix() for kind in ("centres", "packs", "templates")
                   for p in (CORPUS / kind).iterdir())
)
def test_corpus_file_says_what_it_breaks(path: str) -> None:
    raw = (CORPUS / path).read_bytes()
    if path in ("centres/empty.yaml", "packs/empty.yaml", "centres/utf-16.yaml"):
        assert raw == b"" or raw.startswith(b"\xff\xfe")  # nothing to write a comment in, or not UTF-8
        return
    if path in WIDE:  # saved in UTF-16/32 without a mark: the comment is in that encoding
        first = raw.decode(WIDE[path]).split("\n", 1)[0]
    else:
        first = raw.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    assert re.match(r"(# |\{# )(Bryter|Prövar): \S.{10,}", first), first


# ---- centre files ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n, e in CENTRES.items() if e is not None))
def test_validate_reports_broken_centre_file_at_its_place(name: str) -> None:
    expect = CENTRES[name]
    assert expect is not None
    result, seconds = _run("validate", name, cwd=CORPUS / "centres")
    output = _assert_no_crash(result, seconds)
    assert result.exit_code == 1, output
    assert _diagnostic(name, expect).search(result.stdout), output
    assert result.stdout.rstrip().endswith(f"1 fil kontrollerad: {expect.errors} fel, 0 varningar"), output


@pytest.mark.parametrize("fmt", ["docx", "md"])
@pytest.mark.parametrize("name", sorted(n for n, e in CENTRES.items() if e is not None))
def test_render_refuses_broken_centre_file_and_writes_nothing(name: str, fmt: str, tmp_path: Path) -> None:
    expect = CENTRES[name]
    assert expect is not None
    out = tmp_path / "out"
    result, seconds = _run("render", "agreement", name, "-o", out, "--format", fmt, cwd=CORPUS / "centres")
    output = _assert_no_crash(result, seconds)
    assert result.exit_code == 1, output
    assert _diagnostic(name, expect).search(result.stdout), output
    assert result.stderr.startswith("error: inga dokument skrevs – rätta felen ovan"), output
    assert _files(out) == []


@pytest.mark.parametrize("name", sorted(CENTRES))
def test_new_centre_never_overwrites_a_broken_centre_file(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "centrum"
    folder.mkdir()
    original = (CORPUS / "centres" / name).read_bytes()
    (folder / "centre.yaml").write_bytes(original)
    result, seconds = _run("new-centre", folder, "--name", "Ny", "--municipality", "Örebro", "--pack", "orebro")
    output = _assert_no_crash(result, seconds)
    assert result.exit_code == 1, output
    assert result.stderr == f"error: {folder / 'centre.yaml'} finns redan – använd --force för att skriva över den\n"
    assert (folder / "centre.yaml").read_bytes() == original
    assert _files(folder) == [folder / "centre.yaml"]


# ---- generated: too big to keep in the corpus ----------------------------------------------------


def _generated(kind: str) -> tuple[bytes, re.Pattern[str]]:
    """A file too big to keep in the corpus, and the diagnostic it must give."""
    base = BASE_CENTRE.read_bytes()
    if kind == "huge-file":  # 600 kB of comments
        raw = base + b"# " + b"x" * 600_000 + b"\n"
        size = f"{len(raw):,}".replace(",", " ")
        return raw, _diagnostic("centre.yaml", Expect(1, 1, f"filen är för stor ({size} byte; högst 512 000)"))
    if kind == "too-many-lines":
        raw = base + b"#\n" * 20_000
        count = raw.count(b"\n") + 1
        lines = f"{count:,}".replace(",", " ")
        return raw, _diagnostic("centre.yaml", Expect(20_001, 1, f"filen har för många rader ({lines}; högst 20 000)"))
    if kind == "too-many-values":  # 10 001 list items on the last line: the error points at one of them
        raw = base + b"extra: [" + b"1, " * 10_000 + b"1]\n"
        return raw, re.compile(r"^centre\.yaml:49:(\d+): error: filen innehåller fler än 10 000 värden", re.M)
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["huge-file", "too-many-lines", "too-many-values"])
def test_very_large_files_are_refused_quickly(kind: str, tmp_path: Path) -> None:
    raw, diagnostic = _generated(kind)
    (tmp_path / "centre.yaml").write_bytes(raw)
    for args in (("validate", "centre.yaml"), ("render", "agreement", "centre.yaml", "-o", tmp_path / "out"),
                 ("render", "agreement", "centre.yaml", "-o", tmp_path / "out", "--format", "md")):
        result, seconds = _run(*args, cwd=tmp_path)
        output = _assert_no_crash(result, seconds)
        assert result.exit_code == 1, output
        found = diagnostic.search(result.stdout)
        assert found, output
        if kind == "too-many-values":
            last_line = raw.decode().splitlines()[48]
            assert last_line[int(found.group(1)) - 1] == "1"
        assert seconds < 3, f"{kind} took {seconds:.1f} s"
    assert _files(tmp_path / "out") == []


def test_the_base_files_are_valid(tmp_path: Path) -> None:
    """The cases break one thing each: the files they are built around pass every command."""
    _centre_with_pack(tmp_path, BASE_PACK.read_bytes())
    result, _ = _run("validate", "centre.yaml", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "1 fil kontrollerad: 0 fel, 0 varningar\n")
    for fmt in ("docx", "md"):
        result, _ = _run("render", "agreement", "centre.yaml", "-o", tmp_path / fmt, "--format", fmt, cwd=tmp_path)
        assert result.exit_code == 0, result.stdout + result.stderr
    assert (tmp_path / "md" / "samverkansavtal-familjecentralen-test.md").read_text(encoding="utf-8") == (
        "# Samverkansavtal för Familjecentralen Test\n\n"
        "Familjecentralen Test i Örebro kommun drivs av:\n\n"
        "- Barnavårdscentralen Test\n- Öppna förskolan Test\n"
    )
    result, _ = _run("validate", BASE_CENTRE)
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "1 fil kontrollerad: 0 fel, 0 varningar")


def test_new_centre_with_a_pack_without_defaults(tmp_path: Path) -> None:
    """A pack.yaml without `scaffold:` once made new-centre crash: it writes one blank item per list."""
    _centre_with_pack(tmp_path, BASE_PACK.read_bytes())
    result, seconds = _run("new-centre", "nytt", "--name", "Ny", "--municipality", "Örebro", "--pack", "./pack",
                           cwd=tmp_path)
    _assert_no_crash(result, seconds)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "nytt" / "centre.yaml").read_text(encoding="utf-8")
    assert "principals:\n" in text and "  - id: <fyll i>\n" in text
    result, seconds = _run("validate", "nytt", cwd=tmp_path)
    _assert_no_crash(result, seconds)
    assert result.exit_code == 1
    assert all("[not-filled]" in line for line in result.stdout.splitlines()[:-1]), result.stdout


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = BASE_CENTRE.read_text(encoding="utf-8")
    (tmp_path / "centre.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result, _ = _run("validate", "centre.yaml", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "1 fil kontrollerad: 0 fel, 0 varningar\n")
    result, _ = _run("render", "agreement", "centre.yaml", "-o", tmp_path / "out", "--format", "md", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    markdown = (tmp_path / "out" / "samverkansavtal-familjecentralen-test.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Samverkansavtal avseende Familjecentralen Test i Örebro kommun\n")
    assert "\r" not in markdown and "\ufeff" not in markdown


# ---- pack files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackExpect:
    """A broken pack.yaml: where validate and render report it; whether new-centre refuses it."""

    render: Expect
    #: True when `fc new-centre --pack` refuses the pack (it reads pack.yaml but no template).
    new_centre: bool = True


PACKS: dict[str, PackExpect] = {
    "syntax-error.yaml": PackExpect(Expect(3, 9, "ett citattecken öppnas men stängs aldrig")),
    "tab-indent.yaml": PackExpect(Expect(5, 1, "tabbtecken är inte tillåtna i YAML")),
    "empty.yaml": PackExpect(Expect(1, 1, "filen är tom – skriv paketets name, region och documents i den (se "
                                          "templates/README.md)")),
    "windows-1252.yaml": PackExpect(Expect(3, 16, "filen är inte sparad som UTF-8 (byte 0xD6")),
    "unknown-key.yaml": PackExpect(Expect(4, 1, "okänd nyckel 'regon'")),
    "unknown-document.yaml": PackExpect(Expect(5, 3, "kontrakt")),
    "template-missing.yaml": PackExpect(Expect(6, 15, "finns-inte.md.j2 finns inte")),
    "python-tag.yaml": PackExpect(Expect(3, 9, "taggen '!!python/object/apply:os.system' används inte")),
    "text-control-character.yaml": PackExpect(Expect(7, 12, "documents.agreement.title: texten innehåller ett "
                                                            "osynligt styrtecken (U+0007)")),
    "template-outside-pack.yaml": PackExpect(Expect(6, 15, "mallen ../utanfor.md.j2 ligger utanför mallpaketets mapp")),
    "reference-outside-pack.yaml": PackExpect(
        Expect(4, 17, "referensdokumentet ../utanfor.docx ligger utanför mallpaketets mapp")),
    # pack.yaml itself is well formed, the file it names is not: validate and render both refuse
    # (new-centre reads pack.yaml only)
    "reference-not-docx.yaml": PackExpect(
        Expect(4, 17, "referensdokumentet pack.yaml är inget Word-dokument (.docx) – spara det som .docx i Word"),
        new_centre=False),
    "reference-corrupt-docx.yaml": PackExpect(
        Expect(4, 17, "referensdokumentet trasig.docx går inte att läsa som Word-dokument (XMLSyntaxError)"),
        new_centre=False),
}


def _centre_with_pack(folder: Path, pack_yaml: bytes, template: bytes | None = None) -> Path:
    """FOLDER/centre.yaml (the base centre) using the pack FOLDER/pack, and the pack's files."""
    pack = folder / "pack"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_bytes(pack_yaml)
    (pack / "agreement.md.j2").write_bytes(template if template is not None else BASE_TEMPLATE.read_bytes())
    (pack / "länk.j2").symlink_to("/etc/passwd")  # a link out of the pack, for include-symlink
    (folder / "utanfor.md.j2").write_bytes(BASE_TEMPLATE.read_bytes())
    import docx

    docx.Document().save(str(folder / "utanfor.docx"))
    with zipfile.ZipFile(pack / "trasig.docx", "w") as broken:
        broken.writestr("[Content_Types].xml", "<Types")
        broken.writestr("word/document.xml", "<w:document> trasig")
    text = BASE_CENTRE.read_text(encoding="utf-8").replace("pack: orebro\n", "pack: ./pack\n")
    (folder / "centre.yaml").write_text(text, encoding="utf-8")
    return folder / "centre.yaml"


@pytest.mark.parametrize("name", sorted(PACKS))
def test_every_command_on_a_broken_pack_file(name: str, tmp_path: Path) -> None:
    expect = PACKS[name]
    _centre_with_pack(tmp_path, (CORPUS / "packs" / name).read_bytes())
    where = re.compile(rf"pack/pack\.yaml:{expect.render.line}:{expect.render.column}: error: ")

    result, seconds = _run("validate", "centre.yaml", cwd=tmp_path)
    output = _assert_no_crash(result, seconds)
    assert result.exit_code == 1, output
    assert where.search(result.stdout), output
    assert expect.render.message in result.stdout, output

    for fmt in ("docx", "md"):
        out = tmp_path / f"out-{fmt}"
        result, seconds = _run("render", "agreement", "centre.yaml", "-o", out, "--format", fmt, cwd=tmp_path)
        output = _assert_no_crash(result, seconds)
        assert result.exit_code == 1, output
        assert where.search(output), output
        assert expect.render.message in output, output
        assert _files(out) == []

    target = tmp_path / "nytt"
    result, seconds = _run("new-centre", target, "--name", "Ny", "--municipality", "Örebro", "--pack", "./pack",
                           cwd=tmp_path)
    output = _assert_no_crash(result, seconds)
    if expect.new_centre:  # the pack's mistake, where it stands, as validate and render say it
        assert result.exit_code == 1, output
        assert where.search(result.stderr) and len(result.stderr.splitlines()) == 1, output
        assert expect.render.message in result.stderr, output
        assert not target.exists()
    else:
        assert result.exit_code == 0, output
        assert (target / "centre.yaml").is_file()


# ---- templates -----------------------------------------------------------------------------------


#: Line and message of each broken template (column 1: Jinja knows lines only).
TEMPLATES: dict[str, tuple[int, str]] = {
    "sandbox-class-mro.md.j2": (4, "mallen försöker nå '__class__', en intern del av Python som mallar inte får använda"),
    "sandbox-globals.md.j2": (4, "mallen försöker nå '__init__', en intern del av Python"),
    "sandbox-pydantic-file.md.j2": (4, "mallen försöker använda 'parse_file', som inte är tillåtet i en mall"),
    "sandbox-mutate-data.md.j2": (4, "mallen försöker använda 'append', som inte är tillåtet i en mall"),
    "include-parent.md.j2": (4, "mallen tar med '../../../../../../etc/passwd', som inte finns i mallpaketets mapp"),
    "include-absolute.md.j2": (4, "mallen tar med '/etc/passwd', som inte finns i mallpaketets mapp"),
    "include-symlink.md.j2": (4, "mallen tar med 'länk.j2', som inte finns i mallpaketets mapp"),
    "include-missing.md.j2": (4, "mallen tar med 'bilaga.md.j2', som inte finns i mallpaketets mapp"),
    "loop-endless.md.j2": (4, "mallen gör fler än 100 000 varv i loopar och anrop"),
    "loop-output-bomb.md.j2": (5, "dokumentet blir längre än 500 000 tecken"),
    "macro-recursion.md.j2": (4, "mallen anropar sig själv utan slut"),
    "string-bomb.md.j2": (4, "'x' * 1 000 000 000 blir längre än 500 000 tecken"),
    "format-width-bomb.md.j2": (4, "formateringen '%1000000000s' ber om en bredd över 10 000 tecken"),
    "replace-bomb.md.j2": (4, "texten efter replace blir längre än 500 000 tecken"),
    "filter-width-bomb.md.j2": (4, "filtret 'center' får talet 1000000000, men högst 10 000 är tillåtet här"),
    # work inside one call: every helper and filter bounds its own
    "namespace-doubled-list.md.j2": (5, "värdet som skrivs ut blir längre än 500 000 tecken – kontrollera uttrycket"),
    "namespace-doubled-tojson.md.j2": (5, "värdet som filtret 'tojson' får blir längre än 500 000 tecken"),
    "cost-turns-years.md.j2": (4, "cost_turns får 1 000 000 000 år, men högst 100 är tillåtet – använd ett mindre tal"),
    "table-bomb.md.j2": (4, "tabellen får fler än 20 000 celler – dela upp den eller visa färre rader"),
    "lipsum-bomb.md.j2": (4, "lipsum får 1 000 000 stycken, men högst 100 är tillåtet – använd ett mindre tal"),
    "join-bomb.md.j2": (4, "värdet som filtret 'join' får blir längre än 500 000 tecken – kontrollera uttrycket"),
    "undefined-name.md.j2": (4, "mallen använder 'centre.nam', men 'nam' finns inte i datan – menade du 'name'?"),
    "syntax-unclosed-for.md.j2": (4, "mallen tar slut innan {% for %} har stängts – lägg till {% endfor %}"),
    "unknown-filter.md.j2": (4, "filtret 'datum' finns inte – menade du 'date'? fc:s filter är agreed_tasks, counted, date,"),
    "empty-value.md.j2": (4, "mallen skriver ut ett värde som är tomt i datan – omge det med {% if … %}"),
    "division-by-zero.md.j2": (4, "ZeroDivisionError"),
    "control-character-expression.md.j2": (1, "texten som mallen gör: texten innehåller ett osynligt styrtecken (U+0007)"),
    "windows-1252.md.j2": (4, "mallen är inte sparad som UTF-8 (byte 0xF6"),
    # deeper than Python compiles or Jinja parses: the template's problem, said where it is (never exit 3)
    "nested-if-too-deep.md.j2": (4, "mallen har för många block inuti varandra ({% if %}, {% for %}, {% macro %} …) "
                                    "för att kunna köras – gör strukturen plattare från den här raden, t.ex. med "
                                    "{% elif %}, 'and'/'or' i villkoren eller makron"),
    "nested-for-too-deep.md.j2": (4, "mallen har för många block inuti varandra"),
    "expression-too-deep.md.j2": (4, "mallen har ett uttryck som är nästlat för djupt (för många parenteser, filter "
                                     "eller operatorer i samma uttryck) för att kunna läsas – dela upp det i flera "
                                     "steg med {% set %}"),
    "filter-chain-too-deep.md.j2": (4, "mallen har ett uttryck som är nästlat för djupt"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_command_on_a_broken_template(name: str, tmp_path: Path) -> None:
    line, message = TEMPLATES[name]
    template = (CORPUS / "templates" / name).read_bytes()
    assert template.startswith(b"{# Bryter: "), "the first line says what the template breaks"
    _centre_with_pack(tmp_path, BASE_PACK.read_bytes(), template)

    result, seconds = _run("validate", "centre.yaml", "--format", "json", cwd=tmp_path)
    output = _assert_no_crash(result, seconds)
    assert result.exit_code in (0, 1), output  # the template linter finds what it can without running it
    # what it finds at the line render stops at, it says as render says it, at the same column
    linted = [f"pack/agreement.md.j2:{f['line']}:{f['column']}: error: {f['message']}\n"
              for f in json.loads(result.stdout) if f["file"] == "pack/agreement.md.j2" and f["line"] == line]

    for fmt in ("docx", "md"):
        out = tmp_path / f"out-{fmt}"
        result, seconds = _run("render", "agreement", "centre.yaml", "-o", out, "--format", fmt, cwd=tmp_path)
        output = _assert_no_crash(result, seconds)
        assert result.exit_code == 1, output
        assert re.search(rf"pack/agreement\.md\.j2:{line}:\d+: error: ", result.stderr), output
        assert message in result.stderr, output
        assert len(result.stderr.splitlines()) == 1, output
        assert _files(out) == []
        if linted:
            assert result.stderr.endswith(linted[0]), (result.stderr, linted)


@pytest.mark.parametrize("name", ["nested-if-too-deep.md.j2", "expression-too-deep.md.j2"])
def test_a_too_deep_template_reached_through_include_is_named_at_its_own_line(name: str, tmp_path: Path) -> None:
    line, message = TEMPLATES[name]
    _centre_with_pack(tmp_path, BASE_PACK.read_bytes(), b'# Samverkansavtal\n\n{% include "del.md.j2" %}\n')
    (tmp_path / "pack" / "del.md.j2").write_bytes((CORPUS / "templates" / name).read_bytes())
    for fmt in ("docx", "md"):
        out = tmp_path / f"out-{fmt}"
        result, seconds = _run("render", "agreement", "centre.yaml", "-o", out, "--format", fmt, cwd=tmp_path)
        output = _assert_no_crash(result, seconds)
        assert result.exit_code == 1, output
        assert re.search(rf"pack/del\.md\.j2:{line}:\d+: error: ", result.stderr), output
        assert message in result.stderr and len(result.stderr.splitlines()) == 1, output
        assert _files(out) == []
    result, seconds = _run("validate", "centre.yaml", cwd=tmp_path)
    output = _assert_no_crash(result, seconds)
    assert result.exit_code == 1, output
    assert re.search(rf"pack/del\.md\.j2:{line}:\d+: error: .*{re.escape(message)}", result.stdout), output
