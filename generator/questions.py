"""Open questions built from evidence. Placeholder."""

from __future__ import annotations

from generator.model import Dispute, Document, Question, TimelineItem


def build_questions(documents: list[Document], disputes: list[Dispute], timeline: list[TimelineItem]) -> list[Question]:
    return []
