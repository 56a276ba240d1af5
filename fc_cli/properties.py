"""The date a rendered file carries: the document's own, from the centre's data.

Word's core properties and a PDF's metadata have a creation date. fc's output is deterministic,
so the date cannot be the time of rendering; SOURCE_DATE_EPOCH sets it for reproducible builds,
and otherwise it is the date the document itself is about: when it is signed, else when it takes
effect. A document without such a date carries none.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from .errors import UsageError


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH (reproducible builds) as a UTC time without zone, or None when unset.

    The one reading of the variable: documents, PDFs and calendar files all take their fixed
    date from here, and an unusable value is the same usage error for each.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        stamp = None
    if stamp is None or not 1980 <= stamp.year <= 2099:
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch} är inget användbart datum – ange sekunder sedan 1970 för en "
            "tidpunkt mellan 1980 och 2099 (t.ex. 1800000000), eller ta bort variabeln"
        )
    return stamp


def document_date(data: Any, document_id: str) -> dt.date | None:
    """The date of document *document_id* (intent, agreement, coordinator, report) of a centre file."""
    if document_id == "intent":
        return data.intent.signing.date
    if document_id == "agreement":
        return data.agreement.signing.date or data.agreement.valid_from
    if document_id == "coordinator":
        return data.coordinator.signing.date or data.coordinator.start
    if document_id == "report" and data.report.year:
        return dt.date(data.report.year, 12, 31)  # the end of the year it reports on
    return None
