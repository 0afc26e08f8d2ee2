"""Dated events: a sentence's main-clause time expression. Placeholder."""

from __future__ import annotations

from generator.model import Document, Event


def extract_events(doc: Document) -> list[Event]:
    events = []
    for t in doc.timexes:
        if t.type != "DATE" or not t.value[:4].isdigit():
            continue
        s = doc.sentence_at(t.start)
        if s is None:
            continue
        precision = {10: "day", 7: "month", 4: "year"}.get(len(t.value))
        if precision is None:
            continue
        events.append(Event(doc.id, s.index, s.start, s.end, s.text, t.value, precision, t.basis, False, t))
    return events


def estimate_publication_date(doc: Document) -> None:
    """Placeholder: leaves an undated document undated."""
