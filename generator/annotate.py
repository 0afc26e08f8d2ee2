"""Annotate a document: each component adds one layer, in order (like spaCy's pipeline)."""

from __future__ import annotations

from generator import entities, events, figures, hedges, quotes, text, timex
from generator.model import Document, Sentence


def add_sentences(doc: Document) -> None:
    heading_starts = {start for start, _ in doc.headings}
    doc.sentences = [
        Sentence(s, e, doc.text[s:e], i, heading=s in heading_starts)
        for i, (s, e) in enumerate(text.sentence_spans(doc.text))
    ]


def add_timexes(doc: Document) -> None:
    doc.timexes = timex.tag_timexes(doc.text, doc.published)


def add_quotes(doc: Document) -> None:
    doc.quotes = quotes.extract_quotes(doc.text)


def add_mentions(doc: Document) -> None:
    doc.mentions = entities.extract_entities(doc.text)


def add_figures(doc: Document) -> None:
    doc.figures = figures.extract_figures(doc)


def add_events(doc: Document) -> None:
    doc.events = events.extract_events(doc)


def add_hedges(doc: Document) -> None:
    doc.hedges = hedges.extract_hedges(doc)


def estimate_date(doc: Document) -> None:
    if doc.published is None:
        events.estimate_publication_date(doc)


# Order matters: later components read earlier layers.
PIPELINE = [
    add_sentences,
    estimate_date,
    add_timexes,
    add_quotes,
    add_mentions,
    add_figures,
    add_events,
    add_hedges,
]


def annotate(doc: Document) -> Document:
    for component in PIPELINE:
        component(doc)
    return doc
