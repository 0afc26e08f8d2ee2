"""Numeric claims (troops, casualties, money, percentages). Placeholder."""

from __future__ import annotations

from generator.model import Document, Figure


def extract_figures(doc: Document) -> list[Figure]:
    return []


def find_disputes(documents: list[Document]) -> list:
    """Placeholder: list[Dispute] where sources give different figures for the same thing."""
    return []
