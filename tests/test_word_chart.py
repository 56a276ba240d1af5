"""Native Word charts (fc_cli/word/chart.py): every chart part of the examples' reports holds the
numbers of the results files it was made from, with its workbook, its alt text and stable bytes."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from ruamel.yaml import YAML

from fc_cli.word.builder import DocumentMeta, WordBuilder
from fc_cli.word.chart import ChartParts, chart_xml, description
from fc_cli.word.markup import Chart, parse
from fc_cli.word.workbook import workbook

from helpers import EXAMPLES, ROOT, run_fc

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REPORTS = {"lugnvik": ("jamtland", 2026), "vivalla": ("orebro", 2026), "rud": ("varmland", 2027)}
GOALS = (
    "Vara lättillgänglig som nära mötesplats",
    "Stärka det sociala nätverket runt barn och föräldrar",
    "Skapa arbetsformer där barn och föräldrar är delaktiga",
    "Erbjuda ett lättillgängligt stöd",
    "Vara ett kunskaps- och informationscentrum",
)
MONTHS = ("Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September", "Oktober",
          "November", "December")


def _yaml(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _series(part: bytes) -> tuple[str, list[str], dict[str, list[float | None]]]:
    """A chart part's title, categories and each series' values (None where a point is missing)."""
    root = ElementTree.fromstring(part)
    title = "".join(t.text or "" for t in root.iter(f"{A}t"))
    found: dict[str, list[float | None]] = {}
    categories: list[str] = []
    for ser in root.iter(f"{C}ser"):
        name = ser.find(f"{C}tx//{C}v").text
        categories = [pt.find(f"{C}v").text for pt in ser.find(f"{C}cat//{C}strCache").iter(f"{C}pt")]
        cache = ser.find(f"{C}val//{C}numCache")
        count = int(cache.find(f"{C}ptCount").get("val"))
        values: list[float | None] = [None] * count
        for pt in cache.iter(f"{C}pt"):
            values[int(pt.get("idx"))] = float(pt.find(f"{C}v").text)
        found[name] = values
    return title, categories, found


def _sheet(xlsx: bytes) -> list[list[str | None]]:
    """A workbook's first sheet as rows of cell texts (shared strings resolved, a missing cell None)."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        strings = [si.findtext(f"{S}t") for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{S}row"):
        cells: dict[int, str | None] = {}
        for c in row:
            column = ord(c.get("r")[0]) - ord("A")
            value = c.findtext(f"{S}v")
            cells[column] = strings[int(value)] if c.get("t") == "s" else value
        rows.append([cells.get(i) for i in range(max(cells) + 1)])
    width = max(len(r) for r in rows)
    return [r + [None] * (width - len(r)) for r in rows]


def _expected(example: str) -> dict[str, tuple[list[str], dict[str, list[float | None]]]]:
    """What each chart must show, worked out here from the example's own files."""
    pack, year = REPORTS[example]
    folder = EXAMPLES / example
    centre = _yaml(folder / "centre.yaml")
    types = {s["type"] for s in centre["services"]}
    instrument = _yaml(ROOT / "templates" / pack / "pack.yaml")["self_reflection"]
    years = {y: _yaml(folder / f"rapport-{y}.yaml") for y in (year - 1, year) if (folder / f"rapport-{y}.yaml").exists()}
    expected: dict[str, tuple[list[str], dict[str, list[float | None]]]] = {}
    reflected = [y for y, data in years.items() if "self_reflection" in data]
    for area in instrument["areas"]:
        statements = [s for s in area["statements"] if not s.get("requires") or s["requires"] in types]
        labels, seen = [], []
        for s in statements:
            label = s["label"].replace("{centre}", centre["centre"]["name"])
            count = seen.count(label)
            seen.append(label)
            labels.append(f"{label} ({count + 1})" if count else label)
        expected[f"Självreflektion: {area['name']}"] = (labels, {
            str(y): [float(years[y]["self_reflection"]["statements"][s["id"]]["position"]) for s in statements]
            for y in reflected
        })
    means: dict[str, dict[int, float]] = {}
    for y, data in years.items():
        survey = data.get("parent_survey")
        if not survey:
            continue
        if "file" in survey:
            text = (folder / survey["file"]).read_text(encoding="utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if ";" in text.splitlines()[0] else ","))
            questions = [{"goal": int(r["mål"]), **({"mean": float(r["medel"].replace(",", "."))} if "medel" in r
                          else {"answers": [int(r[str(i)]) for i in range(1, 6)]})} for r in rows]
        else:
            questions = survey["questions"]
        per_goal: dict[int, list[float]] = {}
        for q in questions:
            mean = q.get("mean")
            if mean is None:
                answers = q["answers"]
                mean = sum((i + 1) * n for i, n in enumerate(answers)) / sum(answers)
            per_goal.setdefault(q["goal"], []).append(mean)
        means[str(y)] = {g: round(sum(v) / len(v), 1) for g, v in per_goal.items()}
    if means:
        goals = sorted({g for m in means.values() for g in m})
        expected["Föräldraenkäten: medelvärde per mål"] = (
            [f"Mål {g}: {GOALS[g - 1]}" for g in goals],
            {y: [m.get(g) for g in goals] for y, m in means.items()},
        )
    visits = {y: data["statistics"]["visits"] for y, data in years.items() if data.get("statistics", {}).get("visits")}
    visits.setdefault(year, centre["report"]["statistics"].get("visits"))
    visits = {y: v for y, v in visits.items() if v is not None}
    if len(visits) > 1:
        title = "Besök i " + centre["centre"]["name"] + " per år" if pack == "varmland" else "Besök på familjecentralen per år"
        expected[title] = ([str(y) for y in sorted(visits)], {"Besök": [float(visits[y]) for y in sorted(visits)]})
    month = years.get(year, {}).get("statistics", {}).get("visits_by_month")
    if month:
        expected[f"Besök per månad {year}"] = (list(MONTHS), {"Besök": [float(v) for v in month]})
    return expected


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("charts")
    found = {}
    for example in REPORTS:
        result = run_fc("render", "report", EXAMPLES / example, "-o", out / example)
        assert result.exit_code == 0, result.stderr
        found[example] = next((out / example).glob("*.docx"))
    return found


@pytest.mark.parametrize("example", sorted(REPORTS))
def test_every_chart_part_holds_the_input_numbers(reports: dict[str, Path], example: str) -> None:
    expected = _expected(example)
    with zipfile.ZipFile(reports[example]) as package:
        parts = sorted((n for n in package.namelist() if n.startswith("word/charts/fcchart")),
                       key=lambda n: int(n.removeprefix("word/charts/fcchart").removesuffix(".xml")))
        shown = {}
        for name in parts:
            title, categories, series = _series(package.read(name))
            shown[title] = (categories, series)
    assert shown == expected


def test_lugnvik_has_every_kind_of_chart_with_both_years(reports: dict[str, Path]) -> None:
    with zipfile.ZipFile(reports["lugnvik"]) as package:
        titles = [_series(package.read(f"word/charts/fcchart{i}.xml"))[0] for i in range(1, 10)]
        assert "word/charts/fcchart10.xml" not in package.namelist()
    assert titles == [
        "Besök på familjecentralen per år", "Besök per månad 2026", "Föräldraenkäten: medelvärde per mål",
        "Självreflektion: Generellt för arbete på FC", "Självreflektion: Tidigt stöd till föräldrar",
        "Självreflektion: Lärande", "Självreflektion: Tidigt stöd - personal", "Självreflektion: Jämställdhet",
        "Självreflektion: Samverkan",
    ]
    _, _, series = _series(zipfile.ZipFile(reports["lugnvik"]).read("word/charts/fcchart4.xml"))
    assert list(series) == ["2025", "2026"]


@pytest.mark.parametrize("example", sorted(REPORTS))
def test_each_chart_has_its_workbook_relationships_content_type_and_alt_text(reports: dict[str, Path], example: str) -> None:
    with zipfile.ZipFile(reports[example]) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        document = ElementTree.fromstring(package.read("word/document.xml"))
        charts = [n for n in names if n.startswith("word/charts/fcchart")]
        assert charts
        assert '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>' in types
        drawings = list(document.iter(f"{WP}docPr"))
        assert len(drawings) == len(charts)
        for number, drawing in enumerate(drawings, 1):
            part = f"word/charts/fcchart{number}.xml"
            assert f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' in types
            assert f'Id="rIdFcChart{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/fcchart{number}.xml"' in rels
            assert f'Target="../embeddings/fcchart{number}.xlsx"' in package.read(
                f"word/charts/_rels/fcchart{number}.xml.rels").decode()
            title, categories, series = _series(package.read(part))
            # the alt text names the chart and reads out every category
            assert drawing.get("title") == title
            alt = drawing.get("descr")
            assert alt.startswith(f"Stapeldiagram (liggande staplar): {title}.") or alt.startswith(f"Stapeldiagram: {title}.")
            assert all(f"{c}: " in alt for c in categories)
            # the workbook holds the same table: the category column, then a column per series
            rows = _sheet(package.read(f"word/embeddings/fcchart{number}.xlsx"))
            assert rows[0][1:] == list(series)
            assert [r[0] for r in rows[1:]] == categories
            for i, values in enumerate(zip(*series.values(), strict=True), 1):
                assert [float(v) if v is not None else None for v in rows[i][1:]] == list(values)


def test_a_chart_block_in_the_intermediate_format() -> None:
    blocks = parse(
        "::: chart bar 0 5 Självreflektion 2026: Lärande\n"
        "| Påstående | 2025 | 2026 |\n| --- | --- | --- |\n| Språkinlärning | 4 | 3 |\n| Kulturellt utbyte |  | 4,5 |\n"
        ":::\n"
    )
    assert blocks == [Chart("bar", "Självreflektion 2026: Lärande", 0.0, 5.0, "Påstående", ["2025", "2026"],
                            [("Språkinlärning", [4.0, 3.0]), ("Kulturellt utbyte", [None, 4.5])])]


def test_a_chart_block_it_cannot_read_stays_its_table() -> None:
    blocks = parse("::: chart pie - - Fel sort\n| A | B |\n| --- | --- |\n| x | 1 |\n:::\n")
    assert type(blocks[0]).__name__ == "Table"


CHART = Chart("col", "Besök per år", None, None, "År", ["Besök"], [("2025", [4610.0]), ("2026", [4850.0])])


def test_the_alt_text_reads_out_the_whole_chart() -> None:
    assert description(CHART) == "Stapeldiagram: Besök per år. 2025: Besök 4610; 2026: Besök 4850."
    bars = Chart("bar", "Profil", 0, 5, "Påstående", ["2025", "2026"], [("Språk", [4.0, None])])
    assert description(bars) == (
        "Stapeldiagram (liggande staplar): Profil. Skala 0–5. Språk: 2025 4, 2026 inget värde."
    )


def test_the_chart_part_caches_every_point_and_binds_it_to_the_workbook() -> None:
    root = ElementTree.fromstring(chart_xml(CHART).encode())
    assert root.find(f"{C}chart//{C}barDir").get("val") == "col"
    ser = root.find(f".//{C}ser")
    assert ser.find(f"{C}tx/{C}strRef/{C}f").text == "Blad1!$B$1"
    assert ser.find(f"{C}cat/{C}strRef/{C}f").text == "Blad1!$A$2:$A$3"
    assert ser.find(f"{C}val/{C}numRef/{C}f").text == "Blad1!$B$2:$B$3"
    assert _series(chart_xml(CHART).encode()) == ("Besök per år", ["2025", "2026"], {"Besök": [4610.0, 4850.0]})
    assert root.find(f"{C}externalData").get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") == "rId1"


def test_the_workbook_is_the_same_bytes_every_time() -> None:
    assert workbook(CHART) == workbook(CHART)
    with zipfile.ZipFile(io.BytesIO(workbook(CHART))) as book:
        assert book.namelist() == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                   "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                   "xl/styles.xml", "xl/theme/theme1.xml"]
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_document_with_charts_is_the_same_bytes_every_time() -> None:
    blocks = parse("# Titel\n\n::: chart col - - Besök per år\n| År | Besök |\n| --- | --- |\n| 2025 | 4 610 |\n:::\n")
    meta = DocumentMeta("T", "S", "C", "H", "k", None, False)
    assert WordBuilder(None).build(blocks, meta) == WordBuilder(None).build(blocks, meta)


def test_a_document_without_charts_has_no_chart_parts() -> None:
    parts = ChartParts()
    assert parts.content_types("<Types></Types>") == "<Types></Types>"
    blob = WordBuilder(None).build(parse("# Titel\n"), DocumentMeta("T", "S", "C", "H", "k", None, False))
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        assert not [n for n in package.namelist() if "chart" in n or "embeddings" in n]
        assert "xlsx" not in package.read("[Content_Types].xml").decode()


def test_the_examples_workbooks_pass_an_ooxml_validator(reports: dict[str, Path], tmp_path: Path) -> None:
    from openxml_audit import FileFormat, OpenXmlValidator

    with zipfile.ZipFile(reports["lugnvik"]) as package:
        books = [n for n in package.namelist() if n.startswith("word/embeddings/fcchart")]
        assert len(books) == 9
        for name in books:
            path = tmp_path / Path(name).name
            path.write_bytes(package.read(name))
            assert [str(e) for e in OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(path).errors] == []


def test_a_workbook_keeps_text_as_shared_strings_and_numbers_as_numbers() -> None:
    chart = Chart("bar", "T", 0, 5, "Påstående", ["2025", "2026"], [("A & B", [2.0, None]), ("C", [3.0, 4.5])])
    assert _sheet(workbook(chart)) == [["Påstående", "2025", "2026"], ["A & B", "2", None], ["C", "3", "4.5"]]
