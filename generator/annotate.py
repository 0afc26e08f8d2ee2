"""Annotate a document: each component adds one layer, in order (like spaCy's pipeline)."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from generator import entities, events, figures, hedges, quotes, text, timex
from generator.cache import AnnotationCache
from generator.model import Document, Sentence

# Below this many uncached documents, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCUMENTS = 64


def add_sentences(doc: Document) -> None:
    heading_starts = {start for start, _ in doc.headings}
    doc.sentences = [
        Sentence(s, e, doc.text[s:e], i, heading=s in heading_starts)
        for i, (s, e) in enumerate(text.sentence_spans(doc.text))
    ]


def add_timexes(doc: Document) -> None:
    doc.timexes = timex.tag_timexes(doc.text, doc.published)


def add_quotes(doc: Document) -> None:
    doc.quotes = quotes.extract_quotes(doc.text, doc.mentions, doc.sentences)


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
    add_mentions,
    add_quotes,  # resolves speakers against the entity mentions
    add_figures,
    add_events,
    add_hedges,
]


def annotate(doc: Document) -> Document:
    for component in PIPELINE:
        component(doc)
    return doc


def annotate_all(
    documents: list[Document],
    cache: AnnotationCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> list[Document]:
    """Annotate every document, reusing cached annotations and spreading the rest over processes."""
    cache = cache or AnnotationCache(None)
    result: list[Document | None] = [cache.load(doc) for doc in documents]
    todo = [i for i, doc in enumerate(result) if doc is None]
    workers = workers or min(os.cpu_count() or 1, 4)
    done = len(documents) - len(todo)
    if len(todo) >= PARALLEL_MIN_DOCUMENTS and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            annotated = pool.map(annotate, [documents[i] for i in todo], chunksize=16)
            for i, doc in zip(todo, annotated, strict=True):
                result[i] = doc
                done += 1
                if progress:
                    progress(done, len(documents))
    else:
        for i in todo:
            result[i] = annotate(documents[i])
            done += 1
            if progress:
                progress(done, len(documents))
    for i in todo:
        cache.store(result[i])  # type: ignore[arg-type]
    cache.prune()
    return result  # type: ignore[return-value]
