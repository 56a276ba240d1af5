"""`fc status --format html`: one self-contained page, loaded in a real browser (Debian's headless
Chromium); the tests read the page through the browser's DOM, after its script has run."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from county import ON, build_county

from helpers import run_fc


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError("headless Chromium is needed for the page tests: apt-get install chromium")
    return path


def browser_dom(page: Path, fragment: str, profile: Path) -> str:
    """The page's DOM as Chromium has it once loaded (its script run), as HTML."""
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


class _Table(HTMLParser):
    """The centre table's header cells (text, attributes) and rows (cell texts), and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: list[tuple[str, dict]] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._in_table = False
        self._cell: list[str] | None = None
        self._cell_attrs: dict = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "centrum-tabell":
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._cell, self._cell_attrs = [], attrs
        elif tag == "br" and self._cell is not None:
            self._cell.append(" / ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if tag == "th":
                self.heads.append((text, self._cell_attrs))
            else:
                self.rows[-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        self.text.append(data)


def _parse(dom: str) -> _Table:
    table = _Table()
    table.feed(dom)
    table.rows = [r for r in table.rows if r]
    return table


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    county = build_county(tmp_path_factory.mktemp("county") / "lan")
    target = county / "site" / "status.html"
    result = run_fc("status", "--on", ON, "--format", "html", "-o", target, cwd=county)
    assert result.exit_code == 0, result.stderr
    return target


def test_the_page_needs_nothing_from_outside(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">')
    assert not re.search(r"<link|\bsrc=|url\(|@import|https?://", html)


def test_the_browser_shows_the_county(page: Path, tmp_path: Path) -> None:
    table = _parse(browser_dom(page, "", tmp_path / "profile"))
    text = " ".join(" ".join(table.text).split())
    assert "Familjecentralerna den 2027-03-10" in text
    assert ("4 centrum 2 familjecentraler (FC) 1 familjecentralsliknande (FCLV) 1 ogiltig fil 1 försenad frist "
            "1 frist inom 30 dagar 1 med dokument äldre än data") in text
    assert [(h, a.get("scope"), a.get("aria-sort")) for h, a in table.heads] == [
        (name, "col", "none") for name in
        ("Centrum", "Paket", "Slag", "Kontroll", "Att fylla i", "Nästa frist", "Dokument")
    ]
    assert table.rows == [
        ["Familjecentralen Torvalla / broken/centre.yaml", "jamtland", "–", "ogiltig (1 fel, 0 varningar)", "0",
         "okända – rätta filen först", "inga"],
        ["Familjecentralen Vivalla / overdue/centre.yaml", "orebro", "FC", "giltig", "0",
         "Försenad 2027-02-28 verksamhetsberättelsen för 2026 (10 dagar sedan)", "inga"],
        # examples/rud's pack has no framework title and date yet (regional-agreement, issue 12)
        ["Familjeträffen Rud / soon/centre.yaml", "varmland", "FCLV", "giltig (1 varning)", "0",
         "Snart 2027-03-31 beslut om samordnaruppdraget (om 21 dagar)", "Samverkansavtal (md)"],
        ["Familjecentralen Lugnvik / stale/centre.yaml", "jamtland", "FC", "giltig", "0",
         "2028-03-01 verksamhetsberättelsen för 2027 (om 357 dagar)", "Samverkansavtal (md) äldre än data"],
    ]
    months = re.findall(r"(?:Januari|Februari|Mars|April|Maj|Juni|Juli|Augusti|September|Oktober|November|December)"
                        r" 202[78]", text[text.index("Frister de kommande tolv månaderna"):])
    assert months[:12] == ["Mars 2027", "April 2027", "Maj 2027", "Juni 2027", "Juli 2027", "Augusti 2027",
                           "September 2027", "Oktober 2027", "November 2027", "December 2027", "Januari 2028",
                           "Februari 2028"]
    assert "Snart 31/3 Familjeträffen Rud: beslut om samordnaruppdraget" in text
    assert "29/2 Familjeträffen Rud: verksamhetsberättelsen för 2027" in text  # the wheel's February, leap year


@pytest.mark.parametrize(
    ("fragment", "column", "order", "names"),
    [
        ("#sortera=frist", 5, "ascending", ["Vivalla", "Rud", "Lugnvik", "Torvalla"]),
        ("#sortera=centrum-fallande", 0, "descending", ["Rud", "Vivalla", "Torvalla", "Lugnvik"]),
        # an error first, then a warning (Rud's regional-agreement), then the valid ones in file order
        ("#sortera=kontroll-fallande", 3, "descending", ["Torvalla", "Rud", "Vivalla", "Lugnvik"]),
    ],
)
def test_the_table_sorts_in_the_browser(page: Path, tmp_path: Path, fragment: str, column: int, order: str,
                                        names: list[str]) -> None:
    table = _parse(browser_dom(page, fragment, tmp_path / "profile"))
    assert [row[0].split(" / ")[0].split()[-1] for row in table.rows] == names
    assert [a.get("aria-sort") for _, a in table.heads] == [order if i == column else "none" for i in range(7)]


def test_links_lead_to_the_rendered_documents(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', html)
    assert links == ["../soon/samverkansavtal-familjetraffen-rud.md", "../stale/samverkansavtal-familjecentralen-lugnvik.md"]
    for link in links:
        assert (page.parent / unquote(link)).is_file()


def test_text_from_the_data_stays_text(tmp_path: Path) -> None:
    from county import edited

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "centre.yaml").write_text(
        edited("vivalla", ("name: Familjecentralen Vivalla", 'name: "Vivalla <script>alert(1)</script> & <b>"')),
        encoding="utf-8",
    )
    result = run_fc("status", "--on", ON, "--format", "html", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Vivalla &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in result.stdout
    assert result.stdout.count("<script>") == 1  # the page's own
