"""A chart's data as a small workbook (.xlsx), for Word's "Redigera data" (see word/chart.py).

A complete SpreadsheetML package, as small as Excel accepts without repair: the workbook with one
sheet (`Blad1`: the categories in column A, a column per series), its shared strings, a style sheet
with the one default style and a theme. fc writes it as text and zips it with fixed timestamps in a
fixed order, so the same chart gives the same bytes on every run.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .markup import Chart

SHEET = "Blad1"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/>'
    '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
    'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
    '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_COLOURS = (("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
            ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
            ("dk2", '<a:srgbClr val="1F3A5F"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
            ("accent1", '<a:srgbClr val="1F3A5F"/>'), ("accent2", '<a:srgbClr val="4F6F94"/>'),
            ("accent3", '<a:srgbClr val="8EA9C8"/>'), ("accent4", '<a:srgbClr val="A5A5A5"/>'),
            ("accent5", '<a:srgbClr val="5B9BD5"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
            ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>'))
_FONT = '<a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>'
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_THEME = (
    f'<a:theme xmlns:a="{_A}" name="fc"><a:themeElements><a:clrScheme name="fc">'
    + "".join(f"<a:{name}>{colour}</a:{name}>" for name, colour in _COLOURS)
    + f'</a:clrScheme><a:fontScheme name="fc"><a:majorFont>{_FONT}</a:majorFont><a:minorFont>{_FONT}</a:minorFont>'
    f'</a:fontScheme><a:fmtScheme name="fc"><a:fillStyleLst>{_FILL * 3}</a:fillStyleLst><a:lnStyleLst>'
    + f'<a:ln w="9525">{_FILL}</a:ln>' * 3
    + "</a:lnStyleLst><a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    + f"</a:effectStyleLst><a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"
)


def column_letter(index: int) -> str:
    """A spreadsheet's column name for the 0-based *index*: A … Z, AA …"""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 4))


def workbook(chart: Chart) -> bytes:
    """*chart*'s table as an .xlsx: header row (the categories' heading, the series), a row per category."""
    strings: list[str] = []

    def cell(ref: str, value: str | float | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            if value not in strings:
                strings.append(value)
            return f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>'
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'

    table: list[list[str | float | None]] = [[chart.header, *chart.series], *[[c, *v] for c, v in chart.rows]]
    rows = "".join(
        f'<row r="{r}">' + "".join(cell(f"{column_letter(c)}{r}", v) for c, v in enumerate(values)) + "</row>"
        for r, values in enumerate(table, 1)
    )
    used = sum(1 for values in table for v in values if isinstance(v, str))
    shared = "".join(f"<si><t xml:space=\"preserve\">{_escaped(t)}</t></si>" for t in strings)
    last = f"{column_letter(len(chart.series))}{len(table)}"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
        '<Override PartName="/xl/theme/theme1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
        "</Types>",
        "_rels/.rels": f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_R}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}"><sheets>'
        f'<sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_R}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_R}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_R}/theme" Target="theme/theme1.xml"/>'
        f'<Relationship Id="rId4" Type="{_R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:{last}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}" count="{used}" uniqueCount="{len(strings)}">{shared}</sst>',
        "xl/styles.xml": _STYLES,
        "xl/theme/theme1.xml": _THEME,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            package.writestr(entry, (_HEAD + text).encode("utf-8"))
    return out.getvalue()
