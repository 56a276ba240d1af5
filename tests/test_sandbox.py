"""Templates are untrusted: they run in Jinja2's sandbox, stay inside their pack, and are bounded.

Each test writes a small pack in a temporary folder (pack.yaml and agreement.md.j2, plus whatever
else the case needs), points the corpus's base centre at it and renders. A template may read the
data and nothing else: not Python's internals, not the data models' machinery, no file outside its
pack; it cannot loop or grow without end; and every mistake is reported at the template's file and
line with what to do.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import docx
import pytest

from helpers import run_fc

CORPUS = Path(__file__).resolve().parent / "corpus"
PACK_YAML = """name: prov
region: Region Örebro län
documents:
  agreement:
    template: agreement.md.j2
    title: Samverkansavtal
"""


def render(tmp_path: Path, body: str, files: dict[str, str] | None = None, fmt: str = "md"):
    """Render the agreement of the base centre with a template whose line 3 onwards is *body*.

    Each call gets a folder of its own (fc keeps a pack's compiled templates for the whole run).
    """
    pack = tmp_path / "pack"
    if (pack / "pack.yaml").exists():
        raise AssertionError("one render per folder: use a fresh tmp_path / 'name'")
    pack.mkdir(parents=True, exist_ok=True)
    (pack / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    (pack / "agreement.md.j2").write_text("# Prov\n\n" + body + "\n", encoding="utf-8")
    for name, text in (files or {}).items():
        (pack / name).parent.mkdir(parents=True, exist_ok=True)
        (pack / name).write_text(text, encoding="utf-8")
    centre = (CORPUS / "base" / "centre.yaml").read_text(encoding="utf-8")
    (tmp_path / "centre.yaml").write_text(centre.replace("pack: orebro\n", "pack: ./pack\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_fc("render", "agreement", tmp_path / "centre.yaml", "-o", out, "--format", fmt)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert "root:" not in output
    return result


def _write_pack(folder: Path, pack_yaml: str, template: bytes) -> Path:
    """FOLDER/centre.yaml (the base centre) with the pack FOLDER/pack; returns the template's path."""
    (folder / "pack").mkdir(parents=True)
    (folder / "pack" / "pack.yaml").write_text(pack_yaml, encoding="utf-8")
    (folder / "pack" / "agreement.md.j2").write_bytes(template)
    centre = (CORPUS / "base" / "centre.yaml").read_text(encoding="utf-8")
    (folder / "centre.yaml").write_text(centre.replace("pack: orebro\n", "pack: ./pack\n"), encoding="utf-8")
    return folder / "pack" / "agreement.md.j2"


def rendered_text(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> str:
    result = render(tmp_path, body, files)
    assert result.exit_code == 0, result.stdout + result.stderr
    return (tmp_path / "out" / "samverkansavtal-familjecentralen-test.md").read_text(encoding="utf-8")


def refused(tmp_path: Path, body: str, line: int, message: str, files: dict[str, str] | None = None,
            file: str = "agreement.md.j2") -> str:
    """Render, expect exit 1 with `<pack>/<file>:<line>:<col>: error: …<message>…`, and nothing written.

    When `fc validate` finds the mistake too (the template linter reads templates without running
    them), it reports it with the same message at the same line and column.
    """
    result = render(tmp_path, body, files)
    assert result.exit_code == 1, result.stdout + result.stderr
    where = re.match(rf"{re.escape(str(tmp_path / 'pack' / file))}:{line}:(\d+): error: ", result.stderr)
    assert where is not None, result.stderr
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, "one error, on one line"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert_validate_agrees(tmp_path, result.stderr, file)
    return result.stderr


def assert_validate_agrees(folder: Path, render_error: str, file: str) -> None:
    """`fc validate` reports a template mistake as `fc render` does, when it finds it at all."""
    checked = run_fc("validate", folder / "centre.yaml", "--format", "json")
    findings = [f for f in json.loads(checked.stdout) if f["file"].endswith(file) and f["code"].startswith("template-")]
    line = int(render_error.split(":")[1])
    here = [f for f in findings if f["line"] == line]
    if here:
        said = f"{here[0]['line']}:{here[0]['column']}: error: {here[0]['message']}\n"
        assert render_error.split(":", 1)[1] == said, (render_error, said)


# ---- what a template may do: the sandbox does not get in the way -----------------------------------


def test_an_ordinary_template_renders(tmp_path: Path) -> None:
    body = (
        '{% macro rad(s) %}{{ s.name }} ({{ s.manager.name }}){% endmacro %}\n'
        '{% include "delar/inledning.md.j2" %}\n\n'
        "{% for s in services %}\n"
        "- {{ rad(s) }}\n"
        "{% endfor %}\n\n"
        "{{ services | map(attribute='name') | join(', ', last='och') }}, "
        "{{ '%s år'|format(report.year) }}, {{ 'mitt'|center(8) }}."
    )
    text = rendered_text(tmp_path, body, {"delar/inledning.md.j2": "Inledning för {{ centre.name }}.\n"})
    assert text == (
        "# Prov\n\n"
        "Inledning för Familjecentralen Test.\n\n"
        "- Barnavårdscentralen Test (Maria Ek)\n"
        "- Öppna förskolan Test (Ahmed Yusuf)\n\n"
        "Barnavårdscentralen Test och Öppna förskolan Test, 2027 år, mitt.\n"
    )


def test_a_constant_is_printed_like_a_value_from_the_data(tmp_path: Path) -> None:
    # Jinja folds `{{ "…" }}` while compiling; fc's finalize runs at run time, so a constant is
    # escaped like data: no HTML entities, no Markdown, whitespace as in any printed value.
    body = (
        '{{ "Region\'s \\"x\\" & <y> *z*" }}\n\n'
        '{{ "Region\'s \\"x\\" & <y> *z*" if centre.name else "" }}\n\n'
        "{{ centre.name ~ ' *z* &' }}"
    )
    text = rendered_text(tmp_path, body)
    assert text == (
        "# Prov\n\n"
        'Region\'s "x" \\& \\<y\\> \\*z\\*\n\n'
        'Region\'s "x" \\& \\<y\\> \\*z\\*\n\n'
        "Familjecentralen Test \\*z\\* \\&\n"
    )
    word = tmp_path / "word"
    assert render(word, body, fmt="docx").exit_code == 0
    document = docx.Document(str(word / "out" / "samverkansavtal-familjecentralen-test.docx"))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert [p.text for p in paragraphs[1:]] == [
        'Region\'s "x" & <y> *z*', 'Region\'s "x" & <y> *z*', "Familjecentralen Test *z* &"
    ]
    assert not any(run.italic for p in paragraphs for run in p.runs)


# ---- no way out of the sandbox ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "attribute"),
    [
        ("''.__class__.__mro__[1].__subclasses__()", "__class__"),
        ("centre.__class__.mro()", "__class__"),
        ("cycler.__init__.__globals__", "__init__"),
        ("lipsum.__globals__['os']", "__globals__"),
        ("joiner.__init__.__globals__.__builtins__", "__init__"),
        ("namespace.__init__.__globals__", "__init__"),
        ("self._TemplateReference__context", "_TemplateReference__context"),
        ("data.__dict__", "__dict__"),
        ("(data|attr('__class__')).__subclasses__()", "__class__"),
        ("'{0.__class__.__base__}'.format(1)", "__class__"),
        ("services[0].__init__.__globals__", "__init__"),
    ],
)
def test_python_internals_are_out_of_reach(tmp_path: Path, expression: str, attribute: str) -> None:
    refused(tmp_path, "{{ " + expression + " }}", 3,
            f"mallen försöker nå '{attribute}', en intern del av Python som mallar inte får använda – "
            "ta bort det och använd bara fälten i datan (se fc schema)")


@pytest.mark.parametrize(
    "expression",
    [
        "data.parse_file('/etc/passwd')",
        "data.model_validate_json('{}')",
        "data.model_dump_json()",
        "centre.model_copy(update={'name': 'x'})",
        "pack.parse_raw('{}')",
        "data.copy()",
    ],
)
def test_the_data_models_machinery_is_out_of_reach(tmp_path: Path, expression: str) -> None:
    name = expression.split(".")[1].split("(")[0]
    refused(tmp_path, "{{ " + expression + " }}", 3,
            f"mallen försöker använda '{name}', som inte är tillåtet i en mall (mallar får läsa datan men "
            "inte ändra den eller nå det som ligger bakom) – ta bort det")


def test_the_data_cannot_be_changed(tmp_path: Path) -> None:
    refused(tmp_path / "a", "{{ services.append(services[0]) }}", 3, "mallen försöker använda 'append'")
    refused(tmp_path / "b", "{{ service_names.clear() }}", 3, "mallen försöker använda 'clear'")


# ---- no file outside the pack --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../../../../../etc/passwd", "/etc/passwd", "../centre.yaml", "delar/../../centre.yaml",
     "..\\\\centre.yaml", "länk.j2", "C:/Windows/win.ini"],
)
def test_no_file_outside_the_pack_can_be_included(tmp_path: Path, name: str) -> None:
    shown = name.replace("\\\\", "\\")
    for tag in ("include", "import", "extends", "from"):
        statement = f'{{% from "{name}" import x %}}' if tag == "from" else (
            f'{{% import "{name}" as x %}}' if tag == "import" else f'{{% {tag} "{name}" %}}')
        folder = tmp_path / tag
        (folder / "pack").mkdir(parents=True)
        (folder / "pack" / "länk.j2").symlink_to("/etc/passwd")
        refused(folder, statement, 3,
                f"mallen tar med '{shown}', som inte finns i mallpaketets mapp – en mall kan bara ta med "
                "(include/import/extends) filer i sitt eget paket; ange sökvägen relativt paketets mapp, där "
                "pack.yaml ligger")


def test_the_main_template_cannot_lie_outside_the_pack(tmp_path: Path) -> None:
    (tmp_path / "utanför.md.j2").write_text("# Utanför\n", encoding="utf-8")
    _write_pack(tmp_path, PACK_YAML.replace("agreement.md.j2", "../utanför.md.j2"), b"# Prov\n")
    result = run_fc("render", "agreement", tmp_path / "centre.yaml", "-o", tmp_path / "ut", "--format", "md")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{tmp_path / 'pack' / 'pack.yaml'}:5:15: error: documents.agreement.template: mallen ../utanför.md.j2 "
        f"ligger utanför mallpaketets mapp – lägg filen i {tmp_path / 'pack'} och ange sökvägen relativt den [pack]"
    )


# ---- bounded work --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", 3,
         "mallen gör fler än 100 000 varv i loopar och anrop – en loop som inte tar slut, eller loopar i loopar "
         "över stora listor; förenkla loopen"),
        ("{% set r = range(100000) %}\n{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}", 4,
         "mallen gör fler än 100 000 varv"),
        ("{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}", 3,
         "mallen anropar sig själv utan slut (ett makro eller en rekursiv loop som aldrig stannar)"),
        ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}", 3,
         "mallen gör fler än 100 000 varv"),
        ("{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}", 3, "mallen anropar sig själv utan slut"),
        ("{% for i in range(100000) %}\nRad {{ i }}: " + "text " * 20 + "\n{% endfor %}", 4,
         "dokumentet blir längre än 500 000 tecken – en loop som upprepar text för många gånger"),
    ],
)
def test_endless_work_stops_with_a_clear_error(tmp_path: Path, body: str, line: int, message: str) -> None:
    start = time.monotonic()
    refused(tmp_path, body, line, message)
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("'x' * 1000000000", "'x' * 1 000 000 000 blir längre än 500 000 tecken"),
        ("1000000000 * [1]", "'[1]' * 1 000 000 000 blir längre än 500 000 tecken"),
        ("2 ** 100000000", "2 ** 100000000 blir ett orimligt stort tal – använd en mindre exponent"),
        ("'%1000000000s' % 'x'", "formateringen '%1000000000s' ber om en bredd över 10 000 tecken"),
        ("'%*d' % (1000000000, 1)", "formateringen '%*d' ber om en bredd"),
        ("'{:>1000000000}'.format(1)", "formateringen '{:>1000000000}' ber om en bredd över 10 000 tecken"),
        ("'x'|center(1000000000)", "filtret 'center' får talet 1000000000, men högst 10 000 är tillåtet här"),
        ("'x'.ljust(1000000000)", "'ljust' får talet 1000000000, men högst 10 000 är tillåtet här"),
        ("range(10)|batch(1000000000, 0)|list", "filtret 'batch' får talet 1000000000"),
        ("('x' * 100000)|replace('x', 'y' * 100000)", "texten efter replace blir längre än 500 000 tecken"),
        ("('x' * 100000).replace('x', 'yy' * 1000)", "texten efter replace blir längre än 500 000 tecken"),
        ("range(100000)|join('x' * 10000)", "texten från join blir längre än 500 000 tecken"),
        ("('x' * 100000).join(range(10)|map('string'))", "texten från join blir längre än 500 000 tecken"),
        ("range(10000000)|list", "Range too big"),
    ],
)
def test_values_cannot_grow_without_bound(tmp_path: Path, expression: str, message: str) -> None:
    refused(tmp_path, "Text\n{{ " + expression + " }}", 4, message)


def test_doubling_a_text_stops_at_the_limit(tmp_path: Path) -> None:
    for operator in ("~", "+"):
        body = ("{% set ns = namespace(s='x') %}\n{% for i in range(40) %}"
                f"{{% set ns.s = ns.s {operator} ns.s %}}{{% endfor %}}")
        how = "~" if operator == "~" else "+"
        refused(tmp_path / how, body, 4, f"texten som sätts ihop med {how} blir längre än 500 000 tecken")


def test_a_slow_render_stops_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fc_cli.templating import limits

    monkeypatch.setattr(limits, "MAX_SECONDS", 0.2)
    start = time.monotonic()
    refused(tmp_path, "{% for i in range(10000) %}{{ range(20000)|sort|length }}{% endfor %}", 3,
            "mallen tar mer än 0.2 sekunder att köra – en loop som inte tar slut, eller för mycket arbete i en "
            "loop eller ett anrop; förenkla mallen")
    assert time.monotonic() - start < 3


def test_the_bounds_leave_room_for_real_documents(tmp_path: Path) -> None:
    # 50 services, listed three ways: far more than any centre, far below the bounds
    body = (
        "{% for i in range(50) %}\n- {{ i }}: {{ centre.name }}\n{% endfor %}\n\n"
        "{% for i in range(50) %}{% for j in range(50) %}{{ j }} {% endfor %}\n{% endfor %}\n"
        "{{ range(1000)|join(', ') }}\n"
    )
    text = rendered_text(tmp_path, body)
    assert text.count("Familjecentralen Test") == 50
    assert "998, 999" in text


# ---- mistakes are reported at their file and line, with what to do ------------------------------------------


def test_undefined_name(tmp_path: Path) -> None:
    refused(tmp_path, "Rad tre.\n\nHär är {{ centre.nmae }}.", 5,
            "5:18: error: mallen använder 'centre.nmae', men 'nmae' finns inte i datan – menade du 'name'? "
            "fälten under centre är: name, kind, municipality, region, healthcare_area, visiting_address, "
            "target_group, catchment_area\n")


def test_mistake_in_an_included_template_points_at_that_file(tmp_path: Path) -> None:
    files = {"delar/bilaga.md.j2": "Bilaga\n\n{{ samordnare.namn }}\n"}
    refused(tmp_path / "a", '{% include "delar/bilaga.md.j2" %}', 3, "3:4: error: mallen använder namnet 'samordnare', som inte finns", files,
            file="delar/bilaga.md.j2")
    files = {"delar/bilaga.md.j2": "Bilaga\n{% if %}\n"}
    refused(tmp_path / "b", '{% include "delar/bilaga.md.j2" %}', 2, "mallen har ett syntaxfel", files,
            file="delar/bilaga.md.j2")


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("{% for s in services %}\n- {{ s.name }}\n", 3,
         "3:1: error: mallen tar slut innan {% for %} har stängts – lägg till {% endfor %} där blocket ska sluta\n"),
        ("{% if centre.name %}\nJa\n{% endfor %}", 5,
         "5:1: error: {% endfor %} står där {% if %}-blocket ovanför inte är stängt – stäng det först med "
         "{% endif %}, eller rätta taggen\n"),
        ("{{ agreement.valid_from|datum }}", 3,
         "3:25: error: filtret 'datum' finns inte – menade du 'date'? fc:s filter är agreed_tasks, counted, date, decimal, fte, "
         "genitive, group_word, indefinite, join, kr, month, percent, plural_of, words (och Jinjas inbyggda, t.ex. default, length, upper)\n"),
        ("{% if centre.name is fylld %}x{% endif %}", 3,
         "3:22: error: testet 'fylld' (efter 'is') finns inte – se Jinjas lista över inbyggda tester\n"),
        ("{{ centre.name }\n", 3, "mallen har ett syntaxfel: unexpected '}' – rätta Jinja-koden på raden"),
        ("Rad\n{{ coordinator.end }}", 4, "mallen skriver ut ett värde som är tomt i datan – omge det med {% if … %}"),
        ("{{ 1 / 0 }}", 3, "mallen kunde inte köras: ZeroDivisionError: division by zero – rätta uttrycket på raden"),
    ],
)
def test_template_mistakes(tmp_path: Path, body: str, line: int, message: str) -> None:
    refused(tmp_path, body, line, message)


def test_template_files_must_be_utf8_text(tmp_path: Path) -> None:
    template = _write_pack(tmp_path / "a", PACK_YAML, "# Prov\n\nAvtal för {{ centre.name }}.\n".encode("cp1252"))
    result = run_fc("render", "agreement", tmp_path / "a" / "centre.yaml", "-o", tmp_path / "ut", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{template}:3:8: error: mallen är inte sparad som UTF-8 (byte 0xF6 går inte att läsa; mallen är troligen "
        "sparad som Windows-1252/ANSI) – spara den som UTF-8, i Anteckningar via 'Spara som' och Kodning: UTF-8\n"
    )
    template = _write_pack(tmp_path / "b", PACK_YAML, "# Prov\n\nAvtal\x0cför {{ centre.name }}.\n".encode())
    result = run_fc("render", "agreement", tmp_path / "b" / "centre.yaml", "-o", tmp_path / "ut", "--format", "md")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{template}:3:6: error: mallen: texten innehåller ett osynligt styrtecken (U+000C)")


def test_notepad_bom_and_crlf_in_a_template_are_read(tmp_path: Path) -> None:
    _write_pack(tmp_path, PACK_YAML, b"\xef\xbb\xbf# Prov\r\n\r\nAvtal f\xc3\xb6r {{ centre.name }}.\r\n")
    result = run_fc("render", "agreement", tmp_path / "centre.yaml", "-o", tmp_path / "ut", "--format", "md")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "ut" / "samverkansavtal-familjecentralen-test.md"
    assert written.read_text(encoding="utf-8") == "# Prov\n\nAvtal för Familjecentralen Test.\n"


def test_every_error_message_is_one_positioned_line(tmp_path: Path) -> None:
    """The messages above share one form: FILE:LINE:COL: error: MESSAGE – WHAT TO DO."""
    message = refused(tmp_path, "{{ ''.__class__ }}", 3, "__class__")
    assert re.fullmatch(r"\S+:\d+:\d+: error: [^\n]+ – [^\n]+\n", message)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ centre.nmae }}", "11: error: mallen använder 'centre.nmae', men 'nmae' finns inte i datan"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
         "1: error: mallen gör fler än 100 000 varv i loopar och anrop"),
        ("{{ cycler.__init__.__globals__ }}", "11: error: mallen försöker nå '__init__'"),
    ],
)
def test_several_centres_get_the_same_error(tmp_path: Path, body: str, message: str) -> None:
    """Many centres render in worker processes: a template's error reads the same as with one."""
    repo = tmp_path / "repo"
    _write_pack(repo, PACK_YAML, ("# Prov\n\n" + body + "\n").encode("utf-8"))
    (repo / "centre.yaml").unlink()
    base = (CORPUS / "base" / "centre.yaml").read_text(encoding="utf-8")
    for name in ("norr", "soder", "vaster"):
        (repo / name).mkdir()
        text = base.replace("pack: orebro\n", "pack: ../pack\n").replace("Familjecentralen Test", f"Familjecentralen {name}")
        (repo / name / "centre.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_fc("render", "agreement", repo, "-o", out)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr.startswith(f"{repo / 'pack' / 'agreement.md.j2'}:3:{message}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("body", "code", "expected"),
    [
        ("{% for s in services %}\n- {{ s.name }}\n", "syntax",
         "3:1: error: mallen tar slut innan {% for %} har stängts – lägg till {% endfor %} där blocket ska sluta"),
        # an unclosed block at its opening tag, also inside text and after closed blocks (issue 11)
        ("Text {% if centre.name %}\n{% for s in services %}{{ s.name }}{% endfor %}\nJa\n", "syntax",
         "3:6: error: mallen tar slut innan {% if %} har stängts – lägg till {% endif %} där blocket ska sluta"),
        # Jinja gives only the line: the column is where the token it stumbled on stands
        ("Namn: {{ centre.name }\n", "syntax",
         "3:22: error: mallen har ett syntaxfel: unexpected '}' – rätta Jinja-koden på raden"),
        ("A {{ centre.name + }}\n", "syntax",
         "3:20: error: mallen har ett syntaxfel: unexpected 'end of print statement' – rätta Jinja-koden på raden"),
        ("{% for s in services %}\n- {{ s.name }} {% endif %}\n", "syntax",
         "4:16: error: {% endif %} står där {% for %}-blocket ovanför inte är stängt – stäng det först med "
         "{% endfor %}, eller rätta taggen"),
        ("{{ agreement.valid_from|datum }}", "name",
         "3:25: error: filtret 'datum' finns inte – menade du 'date'? fc:s filter är agreed_tasks, counted, date, decimal, "
         "fte, genitive, group_word, indefinite, join, kr, month, percent, plural_of, words (och Jinjas inbyggda, t.ex. default, length, upper)"),
        ("Här är {{ centre.nmae }}.", "name",
         "3:18: error: mallen använder 'centre.nmae', men 'nmae' finns inte i datan – menade du 'name'? fälten under "
         "centre är: name, kind, municipality, region, healthcare_area, visiting_address, target_group, catchment_area"),
        ("{% for s in services %}{{ s.manger }}{% endfor %}", "name",
         "3:29: error: mallen använder 's.manger', men 'manger' finns inte i datan – menade du 'manager'? fälten "
         "under s är: id, type, name, principal, administration, manager, signs, staffing, type_name"),
        ("{{ cycler.__init__ }}", "unsafe",
         "3:11: error: mallen försöker nå '__init__', en intern del av Python som mallar inte får använda – ta bort det "
         "och använd bara fälten i datan (se fc schema)"),
        ('{% include "bilaga.md.j2" %}', "include",
         "3:13: error: mallen tar med 'bilaga.md.j2', som inte finns i mallpaketets mapp – en mall kan bara ta med "
         "(include/import/extends) filer i sitt eget paket; ange sökvägen relativt paketets mapp, där pack.yaml ligger"),
    ],
)
def test_validate_and_render_say_a_template_mistake_alike(tmp_path: Path, body: str, code: str, expected: str) -> None:
    """One mistake, one message: `fc validate` (without running the template) and `fc render` agree."""
    stderr = refused(tmp_path, body, int(expected.split(":")[0]), expected + "\n")
    assert stderr == f"{tmp_path / 'pack' / 'agreement.md.j2'}:{expected}\n"
    validated = run_fc("validate", tmp_path / "centre.yaml")
    assert f"pack/agreement.md.j2:{expected} [template-{code}]\n" in validated.stdout, validated.stdout


def test_service_rows_names_the_columns_it_knows(tmp_path: Path) -> None:
    refused(tmp_path, '{{ table(["Verksamhet"], service_rows(data, "namn")) }}', 3,
            "3:1: error: mallen kunde inte köras: ValueError: service_rows känner inte till kolumnen 'namn' – välj "
            "bland service, administration, principal, organisation_number – rätta uttrycket på raden\n")
