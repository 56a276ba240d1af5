"""Reading the parent survey's summary from a CSV file (what a survey tool or Excel exports).

The columns (templates/README.md, "Föräldraenkäten som CSV"): `mål`, `fråga`, `svarande`, then
either one column per step of the answer scale (`1` … `5`: the number of answers on that step) or
`medel` (the mean). The first row names the columns; the delimiter is `;` (what Swedish Excel
writes) or `,`; the file is UTF-8 (Excel: "CSV UTF-8"). Every problem is a :class:`SurveyError` at
FILE:LINE:COL that says what to do.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Position
from ..printing import visible
from ..text import UNREADABLE, wide_encoding
from .model import SurveyQuestion, SurveyScale

MAX_CSV_BYTES = 1_000_000
MAX_ROWS = 500
SAVE_AS = "spara den i Excel med 'Spara som' och filformatet 'CSV UTF-8 (kommaavgränsad) (*.csv)'"
REQUIRED = ("mål", "fråga", "svarande")


class SurveyError(InputError):
    """A survey CSV that cannot be read as documented."""


@dataclass(frozen=True)
class SurveyRow:
    question: SurveyQuestion
    line: int
    columns: dict[str, int]  # column name → its column on the line (1-based)


def read_survey_csv(path: Path, name: str, scale: SurveyScale) -> list[SurveyRow]:
    """The questions of a survey CSV, each with its line; a :class:`SurveyError` for a bad file."""
    try:
        with path.open("rb") as file:  # no more than is needed to know it is too large
            raw = file.read(MAX_CSV_BYTES + 1)
    except FileNotFoundError:
        raise SurveyError(f"enkätfilen {visible(name)} finns inte – kontrollera parent_survey.file "
                          "(sökvägen är relativ till resultatfilen)", Position(name)) from None
    except PermissionError:
        raise SurveyError(f"enkätfilen {visible(name)} {UNREADABLE}", Position(name)) from None
    except OSError as exc:
        raise SurveyError(f"enkätfilen {visible(name)} kan inte läsas: {exc.strerror} – kontrollera filen, eller "
                          "skriv enkätens svar i resultatfilen i stället", Position(name)) from None
    if len(raw) > MAX_CSV_BYTES:
        raise SurveyError(f"enkätfilen är större än {MAX_CSV_BYTES // 1000} kB – är det rätt fil?", Position(name))
    text = _decoded(raw, name)
    lines = text.split("\n")
    numbered = [(i, line) for i, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        raise SurveyError("enkätfilen är tom – exportera sammanställningen igen, med en rubrikrad "
                          "(mål, fråga, svarande, 1–5 eller medel) och en rad per fråga", Position(name))
    header_line, header_text = numbered[0]
    delimiter = _delimiter(header_text, name, header_line)
    header = [h.strip().lower() for h in _fields(header_text, delimiter)]
    steps = [str(s) for s in range(scale.low, scale.high + 1)]
    wanted = ", ".join(REQUIRED) + f" och antingen {', '.join(steps)} eller medel"
    for column in REQUIRED:
        if column not in header:
            raise SurveyError(
                f"kolumnen '{column}' saknas – enkätfilens första rad ska ha kolumnerna {wanted} "
                f"(den har: {', '.join(visible(h) for h in header)})", Position(name, header_line, 1))
    by_steps = all(s in header for s in steps)
    if not by_steps and "medel" not in header:
        missing = [s for s in steps if s not in header]
        raise SurveyError(
            f"kolumnerna för svaren saknas ({', '.join(missing)}) – enkätfilens första rad ska ha kolumnerna "
            f"{wanted}", Position(name, header_line, 1))
    rows: list[SurveyRow] = []
    for line_no, line in numbered[1:]:
        fields = _fields(line, delimiter)
        if len(fields) != len(header):
            raise SurveyError(
                f"raden har {len(fields)} fält men rubrikraden {len(header)} – ett fält med "
                f"'{delimiter}' i sig (t.ex. ett decimaltal med komma) står inom citattecken, och varje rad "
                "har lika många fält som rubrikraden", Position(name, line_no, 1))
        columns = dict(zip(header, _starts(line, fields, delimiter), strict=True))
        values = dict(zip(header, (f.strip() for f in fields), strict=True))
        if len(rows) >= MAX_ROWS:
            raise SurveyError(f"enkätfilen har fler än {MAX_ROWS} frågor – är det rätt fil?",
                              Position(name, line_no, 1))

        def number(column: str, decimal: bool = False, *, line_no: int = line_no, values: dict = values,
                   columns: dict = columns) -> int | float | None:
            text = values[column]
            if not text:
                return None
            try:
                return float(text.replace(",", ".")) if decimal else int(text.replace(" ", "").replace("\u00a0", ""))
            except ValueError:
                kind = "ett tal, t.ex. 4,3" if decimal else "ett heltal"
                raise SurveyError(f"'{visible(text)}' i kolumnen '{column}' ska vara {kind}",
                                  Position(name, line_no, columns[column])) from None

        goal = number("mål")
        if goal is None or not 1 <= goal <= 5:
            raise SurveyError(f"mål ska vara ett av verksamhetens mål 1–5, inte '{visible(values['mål'])}'",
                              Position(name, line_no, columns["mål"]))
        if not values["fråga"]:
            raise SurveyError("frågan är tom – skriv frågan som den stod i enkäten",
                              Position(name, line_no, columns["fråga"]))
        answers = [int(number(s) or 0) for s in steps] if by_steps else None
        mean = number("medel", decimal=True) if "medel" in header else None
        respondents = number("svarande")
        rows.append(SurveyRow(
            SurveyQuestion(goal=int(goal), question=values["fråga"],
                           respondents=int(respondents) if respondents is not None else None,
                           answers=answers, mean=mean),
            line_no, columns))
    if not rows:
        raise SurveyError("enkätfilen har bara rubrikraden – lägg till en rad per fråga",
                          Position(name, header_line, 1))
    return rows


def _decoded(raw: bytes, name: str) -> str:
    wide = wide_encoding(raw)
    if wide is not None:
        raise SurveyError(f"enkätfilen är sparad som {wide} (som Excels 'Unicode-text'), men fc läser UTF-8 – "
                          f"{SAVE_AS}",
                          Position(name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise SurveyError(
            f"enkätfilen är inte sparad som UTF-8 (byte 0x{raw[exc.start:exc.start + 1].hex().upper()} går inte att "
            f"läsa; filen är troligen sparad som Windows-1252/ANSI, Excels vanliga 'CSV') – {SAVE_AS}",
            Position(name, line, column)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _delimiter(header: str, name: str, line: int) -> str:
    if ";" in header:
        return ";"
    if "," in header:
        return ","
    found = "tabb" if "\t" in header else next((c for c in "|:" if c in header), None)
    what = f"avgränsas med {found}" if found else "har bara en kolumn"
    raise SurveyError(
        f"enkätfilens rubrikrad {what} – fältseparatorn ska vara semikolon (;) eller komma (,); {SAVE_AS}",
        Position(name, line, 1))


def _fields(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _starts(line: str, fields: list[str], delimiter: str) -> list[int]:
    """Where each field starts on *line* (1-based); for a line with quotes, a best guess."""
    if '"' in line:
        return [1] * len(fields)
    starts, at = [], 1
    for field in fields:
        starts.append(at)
        at += len(field) + len(delimiter)
    return starts
