"""The date a rendered file carries: the document's own, from the centre's data.

Word's core properties and a PDF's metadata have a creation date. fc's output is deterministic,
so the date cannot be the time of rendering; SOURCE_DATE_EPOCH sets it for reproducible builds,
and otherwise it is the date the document itself is about: when it is signed, else when it takes
effect. A document without such a date carries none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


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
