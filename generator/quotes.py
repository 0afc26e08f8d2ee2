"""Direct quotes and their speakers. Placeholder."""

from __future__ import annotations

from generator.model import Quote


def extract_quotes(text: str) -> list[Quote]:
    return []
