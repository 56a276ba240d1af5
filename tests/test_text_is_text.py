"""Text is text: whatever a text field holds comes out literally, or is refused naming the field.

The properties render arbitrary strings into `centre.name` and a service's name with the Örebro
agreement and read the Word document back with python-docx; one fixed string full of markup,
template syntax, XML and awkward Unicode also goes through LibreOffice. Characters of the
intermediate format (`* # | _ [ < {{ :::`), Jinja syntax and XML never change the document.

What a document cannot hold is refused, with the field's name and its place in the file:
- control characters (C0 except tab and line ends, DEL, C1): XML 1.0 forbids most of them, and
  the rest are invisible leftovers of copying from other programs;
- lone surrogates and the non-characters U+FFFE/U+FFFF: not text at all;
- bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9): they make a signed
  text display differently from what it says.
Blank text counts as not filled in. Whitespace runs (also line breaks) become one space.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, flat, libreoffice_text, needs_libreoffice, run_fc

CORPUS = Path(__file__).resolve().parent / "corpus"
BASE = (CORPUS / "base" / "centre.yaml").read_text(encoding="utf-8")
NAME_LINE = "  name: Familjecentralen Test\n"
SERVICE_LINE = "    name: Barnavårdscentralen Test\n"
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
#: What fc folds into one space (a document's line is one paragraph; the YAML line ends are gone).
FOLDED = re.compile(r"[ \t\r\n\f\v\u2028\u2029\x85]+")
#: Characters a YAML file may hold as they are; everything else is written as an escape.
YAML_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: Pieces with a meaning somewhere between the YAML and the Word file.
MARKUP = [
    "*", "**", "_", "__", "#", "# ", "|", "[", "]", "(", ")", "<", ">", "{{", "}}", "{%", "%}", "{#", "#}",
    ":::", "::: signatures", "`", "~~", "\\", "&amp;", "&#65;", "<w:t>", "]]>", "<!--", "- ", "1. ", "+ ",
    "> ", "---", "===", "[x]{.placeholder}", "{{ centre.name }}", "{% raw %}", "\u0301", "\u200b", "\u200d",
    "\u200f", "\u200e", "\u00a0", "\u00ad", "مرحبا", "שלום", "👨\u200d👩\u200d👧", "\n", "\t", "  ", "'", '"',
    ": ", " #", "@", "%", "!", "&", "*x", "&x", "<fyll i>", "Ö", "e\u0301",
]


def yaml_string(text: str) -> str:
    """*text* as a double-quoted YAML scalar: printable characters as they are, the rest escaped."""
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif YAML_PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def shown(text: str) -> str:
    """How *text* reads in the document: whitespace runs as one space, none at the ends."""
    return FOLDED.sub(" ", text.strip()).strip()


#: Hidden text (tag characters, interlinear annotations) and separators Word shows as line breaks.
HIDDEN = re.compile("[\U000e0000-\U000e007f\ufff9-\ufffb\u2028\u2029]")
#: Characters that show as nothing beyond the format and combining ones.
SHOWS_AS_NOTHING = set("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


def refused_because(text: str) -> str | None:
    if FORBIDDEN.search(text):
        return "forbidden"
    if HIDDEN.search(text):
        return "hidden"
    if not text.strip() or " ".join(unicodedata.normalize("NFKC", text).split()).casefold() == "<fyll i>":
        return "blank"
    if all(c.isspace() or c in SHOWS_AS_NOTHING or unicodedata.category(c) in ("Cf", "Mn", "Me", "Zs") for c in text):
        return "invisible"
    return None


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(p.text for cell in row.cells for p in cell.paragraphs)
    return "\n".join(parts)


def render_names(folder: Path, centre_name: str, service_name: str):
    """Render the agreement with the two names; returns (result, document text or None)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = BASE.replace(NAME_LINE, f"  name: {yaml_string(centre_name)}\n", 1)
    text = text.replace(SERVICE_LINE, f"    name: {yaml_string(service_name)}\n", 1)
    (folder / "centre.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = run_fc("render", "agreement", folder / "centre.yaml", "-o", folder / "out")
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    if result.exit_code != 0:
        return result, None
    written = Path(result.stdout.strip().splitlines()[-1])
    assert written.parent == folder / "out" and written.suffix == ".docx"
    return result, docx_text(written)


#: Text a document can hold: any character but the forbidden ones, with markup pieces mixed in.
storable = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff")
        .filter(lambda c: not FORBIDDEN.match(c)),
    ),
    min_size=1,
    max_size=12,
).map("".join).filter(lambda t: refused_because(t) is None)

#: In CI the examples are the same on every run (a failure there is reproducible); elsewhere each
#: run explores new strings.
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck),
                    derandomize=bool(os.environ.get("CI")))


@EXAMPLES
@given(centre_name=storable, service_name=storable)
def test_storable_text_comes_out_literally(tmp_path_factory: pytest.TempPathFactory, centre_name: str,
                                           service_name: str) -> None:
    folder = tmp_path_factory.mktemp("text")
    result, text = render_names(folder, centre_name, service_name)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert text is not None
    assert f"Samverkansavtal avseende {shown(centre_name)} i Örebro kommun" in text
    assert shown(service_name) in text
    # the structure the template gives is unchanged: the same headings as with plain names
    assert text.count("Avtalsparter och placering") == 1


@EXAMPLES
@given(centre_name=st.text(min_size=1, max_size=30))
def test_any_text_is_shown_literally_or_refused_naming_the_field(tmp_path_factory: pytest.TempPathFactory,
                                                                  centre_name: str) -> None:
    folder = tmp_path_factory.mktemp("anytext")
    result, text = render_names(folder, centre_name, "Barnavårdscentralen Test")
    reason = refused_because(centre_name)
    if reason is None:
        assert result.exit_code == 0, result.stdout + result.stderr
        assert text is not None and f"Samverkansavtal avseende {shown(centre_name)} i Örebro kommun" in text
        return
    assert result.exit_code == 1
    position = r"centre\.yaml:5:9: error: centre\.name: "
    if reason in ("forbidden", "hidden"):
        found = (FORBIDDEN if reason == "forbidden" else HIDDEN).search(centre_name)
        assert found is not None
        pattern = position + rf"texten innehåller .*\(U\+{ord(found.group()):04X}.*– "
    elif reason == "invisible":
        pattern = position + r"texten består bara av tecken som inte syns"
    else:
        pattern = position + r"är inte ifylld"
    assert re.search(pattern, result.stdout), result.stdout
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


@pytest.mark.parametrize(
    ("char", "why"),
    [
        ("\x07", "osynligt styrtecken (U+0007)"),
        ("\x0b", "osynligt styrtecken (U+000B)"),
        ("\x1b", "osynligt styrtecken (U+001B)"),
        ("\x7f", "osynligt styrtecken (U+007F)"),
        ("\x9b", "osynligt styrtecken (U+009B)"),
        ("\ud800", "ofullständigt tecken (U+D800, en halv surrogat)"),
        ("\ufffe", "osynligt styrtecken (U+FFFE)"),
        ("\u202e", "osynligt tecken som vänder skrivriktningen (U+202E)"),
        ("\u2066", "osynligt tecken som vänder skrivriktningen (U+2066)"),
    ],
)
def test_unstorable_characters_are_refused_at_the_field(tmp_path: Path, char: str, why: str) -> None:
    result, _ = render_names(tmp_path, "Familjecentralen Test", f"BVC {char} Test")
    assert result.exit_code == 1
    assert f"centre.yaml:26:11: error: services[0].name: texten innehåller ett {why}" in result.stdout


# ---- the same, through LibreOffice -----------------------------------------------------------------

NASTY = (
    "*fet* **fet** _kursiv_ __under__ # rubrik | a | b | [länk](http://x) [x]{.placeholder} <b>html</b> "
    "<w:p><w:r><w:t>&amp;</w:t></w:r></w:p> ]]> {{ centre.name }} {% if true %}ja{% endif %} {# kommentar #} "
    "::: signatures ::: \\ `kod` ~~stryk~~ 1. lista - punkt > citat &copy; &#65; e\u0301 \u200b\u200d "
    "\u200f\u200e مرحبا שלום 👨\u200d👩\u200d👧 " + "Långtord" * 30
)
NASTY_SERVICE = "BVC | Kolumn | <tabell> :::"


@pytest.fixture(scope="module")
@needs_libreoffice
def libreoffice_document(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("nasty")
    result, _ = render_names(folder, NASTY, NASTY_SERVICE)
    assert result.exit_code == 0, result.stdout + result.stderr
    docx = Path(result.stdout.strip().splitlines()[-1])
    return libreoffice_text([docx], tmp_path_factory.mktemp("lo"))[docx]


def test_nasty_text_survives_libreoffice(libreoffice_document: str) -> None:
    text = flat(libreoffice_document)
    assert flat(f"Samverkansavtal avseende {NASTY} i Örebro kommun").strip() in text
    assert flat(NASTY_SERVICE).strip() in text


def test_nasty_text_changes_no_structure(libreoffice_document: str) -> None:
    # the markup in the name made no heading, list, table or signature block of its own: the
    # document has the sections of the Örebro agreement and the name only where the template puts it
    text = flat(libreoffice_document)
    assert text.count("Avtalsparter och placering") == 1
    assert text.count("Långtord" * 30) == text.count(flat(NASTY).strip())
    assert "{{" in text and "{%" in text and "<w:t>" in text and "[x]{.placeholder}" in text


# ---- text that is not what it looks like ------------------------------------------------------------


def _with_name(tmp_path: Path, name: str) -> Path:
    text = (ROOT / "examples" / "vivalla" / "centre.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^pack: .*$", "pack: orebro", text, flags=re.M)
    text = text.replace("  name: Familjecentralen Vivalla", f'  name: "{name}"', 1)
    path = tmp_path / "centre.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\\u200b\\u2800", "texten består bara av tecken som inte syns (U+200B, U+2800)"),
        ("\\u3164", "texten består bara av tecken som inte syns (U+3164)"),
        ("\\u00ad \\u00ad", "texten består bara av tecken som inte syns (U+00AD)"),
        ("\\u0301", "texten består bara av tecken som inte syns (U+0301)"),
        ("Vivalla\\U000e0041\\U000e0042", "texten innehåller osynliga tecken (U+E0041) som kan bära dold text"),
        ("Viv\\ufff9alla\\ufffb", "texten innehåller osynliga tecken (U+FFF9) som kan bära dold text"),
        ("Familjecentralen\\u2028Vivalla", "texten innehåller en osynlig radbrytning (U+2028)"),
    ],
)
def test_text_that_shows_as_nothing_or_hides_text_is_refused_at_its_place(
    tmp_path: Path, name: str, message: str
) -> None:
    path = _with_name(tmp_path, name)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith('  name: "'))
    result = run_fc("validate", path)
    assert result.exit_code == 1
    (finding,) = result.stdout.splitlines()[:-1]
    assert finding.startswith(f"{path}:{line}:9: error: centre.name: {message}"), finding
    assert run_fc("render", "agreement", path, "--draft", "-o", tmp_path / "ut").exit_code == 1
    assert not (tmp_path / "ut").exists() or not any((tmp_path / "ut").iterdir())


def test_a_name_with_a_zero_width_joiner_or_an_accent_is_ordinary_text(tmp_path: Path) -> None:
    path = _with_name(tmp_path, "Familjecentralen Ro\\u0301d 👨\\u200d👩\\u200d👧")
    assert run_fc("validate", path).exit_code == 0


@pytest.mark.parametrize("written", ["<fyll\\u00a0i>", "<fyll  i>", "<Fyll i>", " <fyll i> "])
def test_the_placeholder_however_typed_is_not_filled_in(tmp_path: Path, written: str) -> None:
    path = _with_name(tmp_path, written)
    result = run_fc("validate", path)
    assert result.exit_code == 1
    assert "error: centre.name: är inte ifylld (står som <fyll i>)" in result.stdout
    assert run_fc("render", "agreement", path, "-o", tmp_path / "ut").exit_code == 1
