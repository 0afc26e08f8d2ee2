"""The data export: briefing.json, a contract other tools read (see README, "Data export").

Every SPAN is `{"document", "start", "end", "sentence"}`: character offsets (Unicode code
points, end exclusive) into that document's `text` in the same file. The timeline is
in date order; everything else keeps the order merge gave it. A question whose `answered_by` is a SPAN is no
longer open: that sentence of a later source answers it.
"""

from __future__ import annotations

from generator.model import Briefing, SourceRef


def span(ref: SourceRef) -> dict:
    return {"document": ref.document, "start": ref.start, "end": ref.end, "sentence": ref.sentence}


def briefing_to_dict(b: Briefing) -> dict:
    return {
        "title": b.title,
        "slug": b.slug,
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "published": d.published.isoformat() if d.published else None,
                "published_basis": d.published_basis,
                "source": d.source,
                "url": d.url,
                "dateline": d.dateline,
                "text": d.text,
            }
            for d in b.documents
        ],
        "overview": [{"text": o.text, "sources": [span(r) for r in o.sources]} for o in b.overview],
        "key_facts": b.key_facts,
        "timeline": [
            {
                "date": t.date,
                "precision": t.precision,
                "basis": t.basis,
                "future": t.future,
                "text": t.text,
                "sources": [span(r) for r in t.sources],
                "texts": t.texts,
                "participants": t.participants,
                "importance": t.importance,
            }
            for t in sorted(b.timeline, key=lambda t: t.date)
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "role": q.role,
                "document": q.document,
                "start": q.start,
                "end": q.end,
                "sentence": q.sentence,
                "date": q.date,
                "sources": [span(r) for r in q.sources],
                "importance": q.importance,
            }
            for q in b.quotes
        ],
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "aliases": e.aliases,
                "role": e.role,
                "role_date": e.role_date,
                "mentions": [span(r) for r in e.mentions],
            }
            for e in b.entities
        ],
        "questions": [
            {
                "text": q.text,
                "kind": q.kind,
                "sources": [span(r) for r in q.sources],
                "importance": q.importance,
                "answered_by": span(q.answered_by) if q.answered_by else None,
                "overdue_since": q.overdue_since,
            }
            for q in b.questions
        ],
        "changes": vars(b.changes),
        "disputes": [
            {
                "counts": d.counts,
                "note": d.note,
                "claims": [
                    {
                        "value_text": c.value_text,
                        "value": c.value,
                        "attribution": c.attribution,
                        "date": c.date,
                        "source": span(c.source),
                    }
                    for c in d.claims
                ],
            }
            for d in b.disputes
        ],
    }
