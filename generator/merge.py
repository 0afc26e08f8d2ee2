"""Merge annotated documents into briefings. Placeholder: one briefing, no cross-source merging."""

from __future__ import annotations

import re

from generator.model import (
    Briefing,
    Document,
    KeyQuote,
    OverviewItem,
    Question,
    SourceRef,
    TimelineItem,
)


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "briefing"


def ref(doc: Document, start: int, end: int) -> SourceRef:
    sentence = doc.sentence_at(start)
    return SourceRef(doc.id, start, end, sentence.index if sentence else 0)


def build_briefings(documents: list[Document], previous: dict | None = None) -> list[Briefing]:
    if not documents:
        return []
    title = documents[0].title
    briefing = Briefing(slug=slugify(title), title=title, documents=documents)
    for doc in documents:
        body = [s for s in doc.sentences if not s.heading]
        for s in body[:2]:
            briefing.overview.append(OverviewItem(s.text, [ref(doc, s.start, s.end)]))
        for e in doc.events:
            briefing.timeline.append(
                TimelineItem(e.date, e.precision, e.basis, e.future, e.text, [ref(doc, e.start, e.end)])
            )
        for q in doc.quotes:
            s = doc.sentence_at(q.start)
            briefing.quotes.append(
                KeyQuote(
                    q.text,
                    q.speaker,
                    None,
                    doc.id,
                    q.start,
                    q.end,
                    s.index if s else 0,
                    doc.published.isoformat() if doc.published else None,
                    [ref(doc, q.start, q.end)],
                )
            )
        for h in doc.hedges:
            briefing.questions.append(Question(h.text, h.kind, [ref(doc, h.start, h.end)]))
    briefing.timeline.sort(key=lambda item: item.date)
    return [briefing]
