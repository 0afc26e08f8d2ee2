"""Named entities (people, organisations, places). Placeholder."""

from __future__ import annotations

from generator.model import Mention


def extract_entities(text: str) -> list[Mention]:
    return []
