"""Every rule and word-list resource loads, and no word in it has turned into something else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

RESOURCES = Path(__file__).resolve().parents[1] / "generator" / "resources"
FILES = sorted(RESOURCES.rglob("*.yaml"))


def booleans_among_words(node: object) -> list[object]:
    """Booleans in lists or as keys: YAML reads a bare `on`, `off`, `yes` or `no` as true / false, so a word list
    holding one has lost a word. A boolean as a setting's value (`needs_shared_name: true`) is fine."""
    if isinstance(node, dict):
        return [k for k in node if isinstance(k, bool)] + [b for v in node.values() for b in booleans_among_words(v)]
    if isinstance(node, list):
        return [v for v in node if isinstance(v, bool)] + [b for v in node for b in booleans_among_words(v)]
    return []


def test_there_are_resources() -> None:
    assert len(FILES) > 20


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(RESOURCES)))
def test_no_word_in_a_resource_is_read_as_yes_or_no(path: Path) -> None:
    assert booleans_among_words(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
