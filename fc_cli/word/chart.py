"""Native Word charts: DrawingML chart parts (`c:chartSpace`) for the intermediate format's
`::: chart` blocks, each with its data embedded as a small workbook.

Why a workbook: Word draws a chart from the numbers cached in the chart part (`c:strCache`,
`c:numCache`, which LibreOffice reads too), but "Redigera data" in Word opens the embedded workbook;
without it the coordinator could not change a number. fc writes that workbook itself
(word/workbook.py) and zips it as it zips the .docx — fixed timestamps, fixed order — so a
document with charts is byte-identical from run to run like every other.

Alt text (accessibility): each chart's `wp:docPr` carries a title and a description that reads
out every category and value, so a screen reader gets the whole chart.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from .markup import Chart
from .workbook import SHEET, column_letter, workbook

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    # wordml's own escaping, here too: wordml imports this module for its charts
    return _XML_INVALID.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;").replace("\n", "&#10;")

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_REL = f"{R_NS}/chart"
PACKAGE_REL = f"{R_NS}/package"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Series colours: fc's accent for the last (this year's) series, lighter shades before it
COLOURS = ("8EA9C8", "4F6F94", "1F3A5F")
FIRST_DRAWING_ID = 9001  # docPr ids of their own, apart from anything a reference document's header has
EMU_PER_TWIP = 635
KINDS = {"bar": "stapeldiagram (liggande staplar)", "col": "stapeldiagram"}


def _value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 4))


def _spoken(value: float | None) -> str:
    return "inget värde" if value is None else _value(value).replace(".", ",")


def description(chart: Chart) -> str:
    """The alt text: what kind of chart, its title, and every category with its values."""
    parts = []
    for category, values in chart.rows:
        said = ", ".join(f"{name} {_spoken(v)}" for name, v in zip(chart.series, values, strict=True))
        parts.append(f"{category}: {said}")
    low, high = chart.low, chart.high
    scale = f" Skala {_value(low)}–{_value(high)}." if low is not None and high is not None else ""
    return f"{KINDS[chart.kind].capitalize()}: {chart.title}.{scale} " + "; ".join(parts) + "."


_DOC_PR = re.compile(r'<wp:docPr id="\d+" name="Diagram \d+" title="[^"]*" descr="([^"]*)"/>')


def chart_descriptions(docx: bytes) -> list[str]:
    """The alt text of each chart fc wrote into *docx*, in reading order (for the PDF, see word/pdf.py)."""
    from html import unescape

    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = package.read("word/document.xml").decode("utf-8")
    return [unescape(found) for found in _DOC_PR.findall(document)]


@dataclass
class ChartParts:
    """The charts of one document: each one's drawing in the body, its part, its workbook. The parts
    are named `fcchartN` so they never meet a chart part a reference document brings along."""

    parts: dict[str, str | bytes] = field(default_factory=dict)
    relationships: list[str] = field(default_factory=list)

    def drawing(self, chart: Chart, width_twips: int) -> str:
        """The paragraph that shows *chart* (a `w:drawing` with the chart inline), registering its parts."""
        number = len(self.relationships) + 1
        rel_id = f"rIdFcChart{number}"
        self.relationships.append(
            f'<Relationship Id="{rel_id}" Type="{CHART_REL}" Target="charts/fcchart{number}.xml"/>'
        )
        self.parts[f"word/charts/fcchart{number}.xml"] = chart_xml(chart)
        self.parts[f"word/charts/_rels/fcchart{number}.xml.rels"] = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{PACKAGE_REL}" '
            f'Target="../embeddings/fcchart{number}.xlsx"/>'
            "</Relationships>"
        )
        self.parts[f"word/embeddings/fcchart{number}.xlsx"] = workbook(chart)
        cx = width_twips * EMU_PER_TWIP
        # horizontal bars: room for every category's label (at least 0,7 cm) and its bars; columns: 7,5 cm
        per_category = max(0.7, 0.45 * len(chart.series))
        cy = int((2.2 + per_category * len(chart.rows)) * 360000) if chart.kind == "bar" else 2700000
        drawing_id = FIRST_DRAWING_ID + number - 1
        return (
            '<w:p><w:pPr><w:spacing w:before="120" w:after="120"/></w:pPr><w:r><w:drawing>'
            f'<wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{drawing_id}" name="Diagram {number}" title="{xml_attr(chart.title)}" '
            f'descr="{xml_attr(description(chart))}"/>'
            "<wp:cNvGraphicFramePr/>"
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{C_NS}">'
            f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{rel_id}"/>'
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )

    def relationships_xml(self) -> str:
        return "".join(self.relationships)

    def content_types(self, types: str) -> str:
        """[Content_Types].xml with the workbooks' extension and each chart part."""
        if not self.parts:
            return types
        if 'Extension="xlsx"' not in types:
            start = types.index(">", types.index("<Types")) + 1
            types = types[:start] + f'<Default Extension="xlsx" ContentType="{XLSX_TYPE}"/>' + types[start:]
        charts = "".join(
            f'<Override PartName="/{name}" ContentType="{CHART_TYPE}"/>'
            for name in self.parts if name.startswith("word/charts/fcchart")
        )
        return types.replace("</Types>", charts + "</Types>")


def chart_xml(chart: Chart) -> str:
    """The chart part: a clustered bar chart with its data cached, bound to the embedded workbook."""
    last = len(chart.rows) + 1
    categories = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(c)}</c:v></c:pt>' for i, (c, _) in enumerate(chart.rows))
    series = []
    for s, name in enumerate(chart.series):
        col = column_letter(s + 1)
        points = "".join(
            f'<c:pt idx="{i}"><c:v>{_value(value)}</c:v></c:pt>'
            for i, value in enumerate(values[s] for _, values in chart.rows) if value is not None
        )
        many = len(chart.series) > len(COLOURS)
        colour = COLOURS[s % len(COLOURS)] if many else COLOURS[len(COLOURS) - len(chart.series) + s]
        series.append(
            f'<c:ser><c:idx val="{s}"/><c:order val="{s}"/>'
            f'<c:tx><c:strRef><c:f>{SHEET}!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{xml_text(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
            f'<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${last}</c:f><c:strCache><c:ptCount val="{len(chart.rows)}"/>'
            f"{categories}</c:strCache></c:strRef></c:cat>"
            f'<c:val><c:numRef><c:f>{SHEET}!${col}$2:${col}${last}</c:f><c:numCache><c:formatCode>General</c:formatCode>'
            f'<c:ptCount val="{len(chart.rows)}"/>{points}</c:numCache></c:numRef></c:val></c:ser>'
        )
    horizontal = chart.kind == "bar"
    scaling = "".join((
        f'<c:max val="{_value(chart.high)}"/>' if chart.high is not None else "",
        '<c:min val="0"/>',
    ))
    unit = '<c:majorUnit val="1"/>' if chart.high is not None and chart.high <= 10 else ""
    labels = ('<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
              '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')
    text = ('<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="Calibri"/></a:defRPr>'
            '</a:pPr><a:endParaRPr lang="sv-SE"/></a:p></c:txPr>')
    legend = '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' if len(chart.series) > 1 else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="sv-SE"/><c:roundedCorners val="0"/>'
        "<c:chart>"
        '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr>'
        f'<a:r><a:rPr lang="sv-SE" sz="1100" b="1"/><a:t>{xml_text(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        "<c:plotArea><c:layout/><c:barChart>"
        f'<c:barDir val="{"bar" if horizontal else "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{"".join(series)}{labels}<c:gapWidth val="60"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>'
        '<c:catAx><c:axId val="5001"/>'
        f'<c:scaling><c:orientation val="{"maxMin" if horizontal else "minMax"}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="5002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="5002"/>'
        f'<c:scaling><c:orientation val="minMax"/>{scaling}</c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"b" if horizontal else "l"}"/><c:majorGridlines/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="5001"/><c:crosses val="{"max" if horizontal else "autoZero"}"/>'
        f'<c:crossBetween val="between"/>{unit}</c:valAx>'
        f"</c:plotArea>{legend}"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f'{text}<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
