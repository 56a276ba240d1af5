"""`fc calendar`: a centre's year as an iCalendar file (RFC 5545) for Outlook and Google Calendar.

The file is written here rather than with a library: fc needs all-day events only (no times, so
no time zones or daylight saving), and what RFC 5545 asks of those is short — CRLF line ends,
lines folded at 75 octets without splitting a character, text escaped — while a library would be
one more dependency to install and import for every user. The tests read every file back with
two independent parsers (`icalendar`, `vobject`).

Each event's UID is made of the year, the centre's slug and the event's key (a fixed name for a
deadline from the data, a digest of the activity and its `when` for a wheel entry), so importing
the file again updates the events instead of adding copies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .deadlines import CentreYear, Dated, centre_year, check_year
from .shared import (
    ERROR,
    WARNING,
    Diagnostic,
    FcError,
    UsageError,
    ValidationFailed,
    centre_slug,
    check_centre,
    display_path,
    error_diagnostic,
    find_centre_files,
    slugify,
    source_date_epoch,
    write_file,
    write_files,
)

PRODID = "-//fc-cli//fc calendar//SV"
UID_DOMAIN = "fc-cli"
#: A reminder this long before each deadline (Outlook shows it; Google ignores imported reminders).
REMINDER = "-P7D"
LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarResult:
    written: list[Path]
    notes: list[Diagnostic]
    text: str | None = None  #: the calendar, when it goes to standard output (-o -)


def calendar_paths(paths: list[Path], output: Path | None, year: int | None, today: dt.date) -> CalendarResult:
    """Check every centre under *paths*, date its year, write one .ics per centre (or *output*).

    Nothing is written when any centre cannot be read or the *year* asked for lies outside an
    agreement's validity: those problems are raised together, each with its position. Without
    *year* (this year), a centre whose agreement does not cover it is left out with a warning.
    """
    if output is not None and str(output) != "-" and output.is_dir():
        raise UsageError(f"{output} är en mapp – ange en fil att skriva kalendern till, t.ex. {output / 'arshjul.ics'}")
    if year is not None and not 2000 <= year <= 2100:
        raise UsageError(
            f"--year {year} är inget år fc räknar med – ange ett år 2000–2100 med fyra siffror, t.ex. 2027"
        )
    sources = find_centre_files(paths)
    chosen = year is not None
    year = year if year is not None else today.year
    years: list[CentreYear] = []
    problems: list[Diagnostic] = []
    left_out: list[Diagnostic] = []
    for source in sources:
        checked = check_centre(source.path, display_path(source.path))
        if checked.model is None or checked.pack is None:
            problems.extend(d for d in checked.diagnostics if d.severity == ERROR)
            continue
        try:
            check_year(checked, year)
        except FcError as exc:
            if chosen:
                problems.append(error_diagnostic(exc, "calendar"))
            else:
                found = error_diagnostic(exc, "calendar")
                what, remedy = found.message.rsplit(" – ", 1)
                left_out.append(dataclasses.replace(
                    found, severity=WARNING, message=f"{what}: centrumet är inte med i kalendern – {remedy}"
                ))
            continue
        try:
            years.append(centre_year(checked, year))
        except FcError as exc:
            problems.append(error_diagnostic(exc, "calendar"))
    if problems:
        count = len({d.file for d in problems})
        raise ValidationFailed(
            f"ingen kalender skrevs: {count} {'fil' if count == 1 else 'filer'} med fel – rätta felen ovan", problems
        )
    if not years:
        raise ValidationFailed(
            f"ingen kalender skrevs: inget av avtalen gäller år {year} – välj ett år med --year", left_out
        )
    notes = left_out + [n for y in years for n in y.notes]
    uids = _centre_uids(years)
    if output is not None:
        text = calendar_text(years, uids, with_names=len(years) > 1)
        if str(output) == "-":
            return CalendarResult([], notes, text)
        write_file(output, text.encode("utf-8"))
        return CalendarResult([output], notes)
    files = [
        (centre.checked.path.parent / f"arshjul-{uids[id(centre)]}-{year}.ics",
         calendar_text([centre], uids, with_names=False).encode("utf-8"))
        for centre in years
    ]
    write_files(files)
    return CalendarResult([target for target, _ in files], notes)


def _centre_uids(years: list[CentreYear]) -> dict[int, str]:
    """Each centre's part of the UIDs: its slug; two centres of one name add their folder's."""
    slugs = {id(y): centre_slug(y.checked) for y in years}
    counts: dict[str, int] = {}
    for slug in slugs.values():
        counts[slug] = counts.get(slug, 0) + 1
    for y in years:
        if counts[slugs[id(y)]] > 1:
            slugs[id(y)] += "-" + slugify(y.checked.path.parent.resolve().name)
    return slugs


# ---- RFC 5545 -----------------------------------------------------------------------------------


def calendar_text(years: list[CentreYear], uids: dict[int, str], with_names: bool) -> str:
    """The VCALENDAR of *years* (one centre each); with *with_names* each event names its centre."""
    stamp = _timestamp()
    if len(years) == 1:
        model = years[0].checked.model
        assert model is not None  # a centre that passed check_centre
        name = model.centre.name or uids[id(years[0])]
        title = f"Årshjul {years[0].year} – {name}"
    else:
        title = f"Årshjul {years[0].year if years else ''} – {len(years)} familjecentraler"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(title)}",
    ]
    for centre in years:
        for event in centre.events:
            lines.extend(_event(centre, uids[id(centre)], event, stamp, with_names))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(centre: CentreYear, slug: str, event: Dated, stamp: str, with_names: bool) -> list[str]:
    model, pack = centre.checked.model, centre.checked.pack
    assert model is not None and pack is not None  # a centre that passed check_centre
    name = model.centre.name or slug
    summary = f"{name}: {event.title}" if with_names else event.title
    description = [event.details]
    if event.responsible:
        description.append(f"Ansvarig: {event.responsible}")
    description.append(f"{name}, {model.centre.municipality} (mallpaket {pack.name})")
    if not event.source.startswith("annual_wheel"):
        description.append(f"Enligt {centre.checked.display}: {event.source}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{centre.year}-{slug}-{event.key}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{event.end + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"CATEGORIES:{'Frist' if event.deadline else 'Årshjul'}",
        "TRANSP:TRANSPARENT",
    ]
    if event.deadline:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:{REMINDER}",
                  f"DESCRIPTION:{escape('Påminnelse: ' + summary)}", "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def escape(text: str) -> str:
    """TEXT as RFC 5545 §3.3.11 writes it: backslash, semicolon, comma and line ends escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def _timestamp() -> str:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible files, as for the documents), else now."""
    stamp = source_date_epoch()
    if stamp is None:
        return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return stamp.strftime("%Y%m%dT%H%M%SZ")
