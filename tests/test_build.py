"""End to end: the seeds become a briefing with every span checking out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import pipeline

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    report = pipeline.generate(ROOT / "seeds", docs)
    assert report.documents == 2
    return docs


def _briefing_json(docs: Path) -> dict:
    (path,) = docs.glob("briefings/*/briefing.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_spans_point_into_text(built: Path) -> None:
    data = _briefing_json(built)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for section in ("overview", "timeline", "questions"):
        for item in data[section]:
            for span in item["sources"]:
                assert 0 <= span["start"] < span["end"] <= len(texts[span["document"]])
    for q in data["quotes"]:
        assert texts[q["document"]][q["start"] : q["end"]] == q["text"]


def test_user_page_is_never_touched(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("mine", encoding="utf-8")
    report = pipeline.generate(ROOT / "seeds", docs)
    assert (docs / "index.md").read_text(encoding="utf-8") == "mine"
    assert "index.md" in report.written.refused


def test_seeds_are_not_modified(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    pipeline.generate(seeds, tmp_path / "docs")
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before
