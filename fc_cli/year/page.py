"""`fc status --format html`: one self-contained page for the regional coordinator.

No external assets (styles and the sorting script are inline), so the page works opened from
disk, attached to a mail or published on an intranet or GitHub Pages. The table sorts by any
column (buttons in the headers, `aria-sort` tells a screen reader the order; `#sortera=KOLUMN`
or `#sortera=KOLUMN-fallande` in the address opens it sorted), and works unsorted without
JavaScript. Links to the rendered documents are relative to the page's own folder.
"""

from __future__ import annotations

import datetime as dt
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

from .deadlines import OVERDUE, SOON, SOON_DAYS
from .shared import DOCUMENTS, month_name
from .status import Row, Status, check_text, days_text, summary

#: (key in #sortera=…, header) of the table's columns.
COLUMNS = (
    ("centrum", "Centrum"),
    ("paket", "Paket"),
    ("slag", "Slag"),
    ("kontroll", "Kontroll"),
    ("fyll-i", "Att fylla i"),
    ("frist", "Nästa frist"),
    ("dokument", "Dokument"),
)
NO_DEADLINE = 99999

STYLE = """
:root { color: #1b1b1b; background: #fff; font-family: system-ui, "Segoe UI", Arial, sans-serif; line-height: 1.45; }
body { margin: 0 auto; max-width: 80rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
.counts { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
.counts li { border: 1px solid #767676; border-radius: .4rem; padding: .4rem .8rem; }
.counts strong { font-size: 1.3rem; display: block; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; padding: .3rem 0; color: #3d3d3d; }
th, td { border-bottom: 1px solid #c4c4c4; padding: .45rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer;
  color: inherit; }
th button::after { content: " \\2195"; color: #595959; }
th[aria-sort=ascending] button::after { content: " \\2191"; }
th[aria-sort=descending] button::after { content: " \\2193"; }
button:focus-visible, a:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
td.num { text-align: right; }
.file { color: #4a4a4a; font-size: .85rem; }
.bad { color: #8a1010; font-weight: bold; }
.overdue { background: #fde7e7; color: #7a0c0c; }
.soon { background: #fff3cd; color: #5c4300; }
.tag { border-radius: .3rem; padding: 0 .3rem; font-weight: bold; }
a { color: #0b5cad; }
.timeline { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .75rem;
  padding: 0; list-style: none; }
.timeline > li { border: 1px solid #c4c4c4; border-radius: .4rem; padding: .6rem; }
.timeline ul { margin: 0; padding-left: 1.1rem; }
.empty { color: #595959; }
@media print { th button::after { content: ""; } }
"""

SCRIPT = """
(function () {
  var table = document.getElementById("centrum-tabell");
  if (!table) return;
  var body = table.tBodies[0], heads = table.tHead.rows[0].cells, order = {};
  function key(row, col) { return row.cells[col].getAttribute("data-sort") || ""; }
  function sort(col, dir) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col), nx = Number(x), ny = Number(y);
      var c = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "sv");
      return dir * c || (Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")));
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) {
      heads[i].setAttribute("aria-sort", i === col ? (dir > 0 ? "ascending" : "descending") : "none");
    }
    order = {}; order[col] = dir;
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    th.querySelector("button").addEventListener("click", function () { sort(col, order[col] === 1 ? -1 : 1); });
  });
  var wanted = /^#sortera=([a-z-]+?)(-fallande)?$/.exec(decodeURIComponent(location.hash));
  if (wanted) {
    Array.prototype.forEach.call(heads, function (th, col) {
      if (th.getAttribute("data-key") === wanted[1]) sort(col, wanted[2] ? -1 : 1);
    });
  }
})();
"""


def status_page(status: Status, output: Path | None) -> str:
    """The whole page; links to documents are relative to *output*'s folder (else the working folder)."""
    base = (output.parent if output is not None else Path(".")).resolve()
    rows = status.rows
    today = status.today
    title = f"Familjecentralerna den {today.isoformat()}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(title)}</h1>",
        f'<p id="sammanfattning">{escape(summary(status))}</p>',
        '<ul class="counts" aria-label="Antal">',
        _count(len(rows), "centrum"),
        _count(sum(r.kind == "FC" for r in rows), "familjecentral (FC)", "familjecentraler (FC)"),
        _count(sum(r.kind == "FCLV" for r in rows), "familjecentralsliknande (FCLV)"),
        _count(sum(not r.valid for r in rows), "ogiltig fil", "ogiltiga filer"),
        _count(sum(len(r.overdue) for r in rows), "försenad frist", "försenade frister"),
        _count(sum(len(r.soon) for r in rows), f"frist inom {SOON_DAYS} dagar", f"frister inom {SOON_DAYS} dagar"),
        _count(sum(bool(r.stale) for r in rows), "med dokument äldre än data"),
        "</ul>",
        "<h2>Centrum</h2>",
        # a narrow screen scrolls the table, not the page; the region can be scrolled from the keyboard
        '<div class="scroll" role="region" aria-label="Centrumtabellen" tabindex="0">',
        '<table id="centrum-tabell">',
        "<caption>Ett centrum per rad. Sortera med knapparna i kolumnrubrikerna.</caption>",
        "<thead><tr>",
        *(f'<th scope="col" data-key="{key}" aria-sort="none"><button type="button">{label}</button></th>'
          for key, label in COLUMNS),
        "</tr></thead>",
        "<tbody>",
        *(_row(row, index, base) for index, row in enumerate(rows)),
        "</tbody>",
        "</table>",
        "</div>",
        *_overdue(rows),
        "<h2>Frister de kommande tolv månaderna</h2>",
        *_timeline(rows, today),
        *_notes(rows),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"<li><strong>{n}</strong> {escape(one if n == 1 or many is None else many)}</li>"


def _row(row: Row, index: int, base: Path) -> str:
    first = row.deadlines[0] if row.deadlines else None
    deadline = (
        f'{_badge(first)}{first.item.due.isoformat()} {escape(first.item.label)} ({escape(days_text(first))})'
        if first else '<span class="empty">inga inom ett år</span>' if row.readable
        else '<span class="empty">okända – rätta filen först</span>'
    )
    check = escape(check_text(row))
    if not row.valid:
        check = f'<span class="bad">{check}</span>'
    cells = [
        (row.name.lower(), f'{escape(row.name)}<br><span class="file">{escape(row.display)}</span>'),
        (row.pack, escape(row.pack or "–")),
        (row.kind, escape(row.kind or "–")),
        (str(row.errors * 1000 + row.warnings), check),
        (str(row.to_fill), str(row.to_fill)),
        (str(first.days_left if first else NO_DEADLINE), deadline),
        (str(len(row.stale) * 1000 + len(row.documents)), _documents(row, base)),
    ]
    numeric = ' class="num"'
    tds = "".join(
        f'<td data-sort="{escape(key)}"{numeric if i == 4 else ""}>{html}</td>' for i, (key, html) in enumerate(cells)
    )
    return f'<tr data-order="{index}">{tds}</tr>'


def _badge(deadline) -> str:
    if deadline.state == OVERDUE:
        return '<span class="tag overdue">Försenad</span> '
    if deadline.state == SOON:
        return '<span class="tag soon">Snart</span> '
    return ""


def _documents(row: Row, base: Path) -> str:
    if not row.documents:
        return '<span class="empty">inga</span>'
    items = []
    for document in row.documents:
        href = quote(Path(os.path.relpath(document.path.resolve(), base)).as_posix())
        name = DOCUMENTS[document.document].name
        label = f"{name} ({document.path.suffix[1:]})"
        stale = ' <span class="tag overdue">äldre än data</span>' if document.stale else ""
        items.append(f'<a href="{escape(href)}">{escape(label)}</a>{stale}')
    return "<br>".join(items)


def _overdue(rows: list[Row]) -> list[str]:
    late = [(row, d) for row in rows for d in row.overdue]
    if not late:
        return []
    out = ["<h2>Försenade frister</h2>", "<ul>"]
    out += [f"<li>{d.item.due.isoformat()} {escape(row.name)}: {escape(d.item.label)} ({escape(days_text(d))})</li>"
            for row, d in sorted(late, key=lambda x: x[1].item.due)]
    return out + ["</ul>"]


def _timeline(rows: list[Row], today: dt.date) -> list[str]:
    """The coming twelve months, this month first, each with its deadlines of every centre."""
    out = ['<ol class="timeline">']
    for step in range(12):
        year, month = divmod(today.month - 1 + step, 12)
        year += today.year
        month += 1
        items = sorted(
            ((d.item.due, row.name, d) for row in rows for d in row.deadlines
             if d.state != OVERDUE and (d.item.due.year, d.item.due.month) == (year, month)),
            key=lambda x: (x[0], x[1]),
        )
        out.append(f"<li><h3>{escape(month_name(month).capitalize())} {year}</h3>")
        if items:
            out.append("<ul>")
            out += [f"<li>{_badge(d)}{due.day}/{due.month} {escape(name)}: {escape(d.item.label)}</li>"
                    for due, name, d in items]
            out.append("</ul>")
        else:
            out.append('<p class="empty">Inga frister.</p>')
        out.append("</li>")
    return out + ["</ol>"]


def _notes(rows: list[Row]) -> list[str]:
    notes = [n for row in rows for n in row.notes]
    if not notes:
        return []
    out = ["<h2>Datum som fristerna behöver</h2>", "<ul>"]
    out += [f"<li><code>{escape(f'{n.file}:{n.line}:{n.column}')}</code> {escape(n.key)}: {escape(n.message)}</li>"
            for n in notes]
    return out + ["</ul>"]
