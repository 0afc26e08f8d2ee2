"""Named entities (people, organisations, places). Placeholder."""

from __future__ import annotations

from generator.model import Mention


def extract_entities(text: str) -> list[Mention]:
    return []


def link_entities(documents: list) -> list:
    """Placeholder: one Entity per referent across documents (list[Entity])."""
    return []


def canonical_key(name: str) -> str:
    """Placeholder: fold spellings so that aliases compare equal."""
    return " ".join(name.lower().replace("-", " ").split())
