"""Hedged, speculative and unknown claims, and questions the text asks. Placeholder."""

from __future__ import annotations

from generator.model import Document, Hedge


def extract_hedges(doc: Document) -> list[Hedge]:
    return [Hedge(s.start, s.end, s.text, "question", "?", s.index) for s in doc.sentences if s.text.endswith("?")]
