"""The build cache: a rebuild reuses what did not change, redoes what did, and writes exactly what a build
without the cache writes."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator import annotate, cache, cluster, ingest, merge, output, pipeline, render, state

FLOOD = """---
title: Marrow River dam breach forces 3,000 from homes in Elsby
date: 2026-03-05
source: Valley Herald
---
Floodwater breached the Marrow River dam near Elsby on Tuesday, forcing 3,000 residents from their homes.
Engineers from the Elsby council said the dam's spillway failed after a week of torrential rain across the valley.
"We have never seen the Marrow River this high," said Mayor Ada Kowal.
Rescue crews used boats to reach families stranded on rooftops in the lower town.
"""

FLOOD_LATER = """---
title: Elsby residents return home after Marrow River dam breach
date: 2026-03-06
source: Valley Herald
---
Residents of Elsby began returning home on Thursday as floodwater receded after the Marrow River dam breach.
The Elsby council said 5,000 residents had been evacuated after the dam's spillway failed in torrential rain.
"The worst is behind us," Mayor Ada Kowal said on Thursday.
Inspectors will examine the damaged Marrow River spillway before the reservoir is refilled.
"""

CHESS = """---
title: Ilse Varga wins the Valdora chess championship
date: 2026-03-01
source: Board Weekly
---
Grandmaster Ilse Varga won the Valdora chess championship on Sunday after a tense final game.
Varga defeated the defending champion with the black pieces in a long endgame.
The tournament drew players from twelve countries to the old opera house in Valdora.
"""


def write_seeds(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def tree(docs: Path) -> dict[str, bytes]:
    """Every file under docs/, the state and manifest included."""
    return {str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def entries(folder: Path) -> dict[str, set[str]]:
    """Cache entry names by kind."""
    found: dict[str, set[str]] = {}
    for path in folder.glob("*/*/*.pickle"):
        found.setdefault(path.parts[-3], set()).add(path.name)
    return found


@pytest.fixture
def calls(monkeypatch) -> Counter[str]:
    """How often each expensive step ran: annotating a document, merging and rendering a briefing."""
    counted: Counter[str] = Counter()

    def counting(name: str, function):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(annotate, "annotate", counting("annotate", annotate.annotate))
    monkeypatch.setattr(merge, "build_briefing", counting("merge", merge.build_briefing))
    monkeypatch.setattr(render, "render_briefing", counting("render", render.render_briefing))
    monkeypatch.setattr(cluster, "clustering_features", counting("features", cluster.clustering_features))
    monkeypatch.setattr(ingest, "decode", counting("ingest", ingest.decode))
    return counted


def without_cache(seeds_states: list[dict[str, str]], tmp_path: Path) -> dict[str, bytes]:
    """The docs tree after building each set of seeds in turn without a cache."""
    seeds, docs = tmp_path / "plain-seeds", tmp_path / "plain-docs"
    for articles in seeds_states:
        shutil.rmtree(seeds, ignore_errors=True)
        pipeline.generate(write_seeds(seeds, articles), docs)
    return tree(docs)


def test_a_rebuild_with_nothing_changed_redoes_nothing_and_writes_the_same(tmp_path: Path, calls) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"flood.md": FLOOD, "chess.txt": CHESS})
    docs, folder = tmp_path / "docs", tmp_path / "cache"
    pipeline.generate(seeds, docs, cache_dir=folder)
    first = tree(docs)
    assert calls["annotate"] == 2 and calls["merge"] == calls["render"] == 2
    calls.clear()
    report = pipeline.generate(seeds, docs, cache_dir=folder)
    assert dict(calls) == {}, "nothing parsed, annotated, clustered anew, merged or rendered"
    assert tree(docs) == first == without_cache([{"flood.md": FLOOD, "chess.txt": CHESS}] * 2, tmp_path)
    assert not report.written.written


def test_adding_an_article_redoes_only_that_article_and_its_briefing(tmp_path: Path, calls) -> None:
    before = {"flood.md": FLOOD, "chess.txt": CHESS}
    after = {**before, "flood-later.md": FLOOD_LATER}
    seeds, docs, folder = tmp_path / "seeds", tmp_path / "docs", tmp_path / "cache"
    pipeline.generate(write_seeds(seeds, before), docs, cache_dir=folder)
    calls.clear()
    report = pipeline.generate(write_seeds(seeds, after), docs, cache_dir=folder)
    assert len(report.briefings) == 2, "the later flood report joins the flood briefing"
    assert calls == Counter(annotate=1, ingest=1, features=1, merge=1, render=1)
    assert tree(docs) == without_cache([before, after], tmp_path)
    calls.clear()
    pipeline.generate(seeds, docs, cache_dir=folder)  # the flood briefing's "what changed" box goes away
    assert calls == Counter(render=1)
    assert tree(docs) == without_cache([before, after, after], tmp_path)


def test_a_changed_article_is_read_again_and_removed_ones_leave_the_cache(tmp_path: Path, calls) -> None:
    seeds, docs, folder = tmp_path / "seeds", tmp_path / "docs", tmp_path / "cache"
    pipeline.generate(write_seeds(seeds, {"flood.md": FLOOD, "chess.txt": CHESS}), docs, cache_dir=folder)
    kept = entries(folder)
    calls.clear()
    changed = {"flood.md": FLOOD.replace("3,000", "4,000")}
    (seeds / "chess.txt").unlink()
    pipeline.generate(write_seeds(seeds, changed), docs, cache_dir=folder)
    assert calls["annotate"] == calls["merge"] == calls["render"] == 1
    now = entries(folder)
    assert {kind: len(names) for kind, names in now.items()} == dict.fromkeys(
        ["documents", "features", "briefings", "pages"], 1
    )
    assert not any(now[kind] & kept[kind] for kind in now), "the old flood and the chess entries are gone"
    assert tree(docs) == without_cache([{"flood.md": FLOOD, "chess.txt": CHESS}, changed], tmp_path)


def test_a_code_change_invalidates_every_entry(tmp_path: Path, calls, monkeypatch) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"flood.md": FLOOD, "chess.txt": CHESS})
    docs, folder = tmp_path / "docs", tmp_path / "cache"
    pipeline.generate(seeds, docs, cache_dir=folder)
    old = entries(folder)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version")
    calls.clear()
    pipeline.generate(seeds, docs, cache_dir=folder)
    assert calls == Counter(annotate=2, ingest=2, features=2, merge=2, render=2)
    assert all(not (names & old[kind]) for kind, names in entries(folder).items())


def test_a_template_change_renders_the_pages_again(tmp_path: Path, calls) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(pipeline.DEFAULT_TEMPLATES, templates)
    seeds = write_seeds(tmp_path / "seeds", {"flood.md": FLOOD, "chess.txt": CHESS})
    docs, folder = tmp_path / "docs", tmp_path / "cache"
    report = pipeline.generate(seeds, docs, templates, cache_dir=folder)
    page = docs / render.briefing_dir(report.briefings[0]) / "index.md"
    with (templates / "briefing.md.j2").open("a", encoding="utf-8") as fh:
        fh.write("\nEdited template.\n")
    calls.clear()
    pipeline.generate(seeds, docs, templates, cache_dir=folder)
    assert calls["render"] == 2 and calls["merge"] == 0
    assert page.read_text(encoding="utf-8").endswith("Edited template.\n")


def test_unreadable_entries_only_cost_time(tmp_path: Path) -> None:
    seeds = write_seeds(tmp_path / "seeds", {"flood.md": FLOOD, "chess.txt": CHESS})
    docs, folder = tmp_path / "docs", tmp_path / "cache"
    pipeline.generate(seeds, docs, cache_dir=folder)
    first = tree(docs)
    for path in folder.rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    pipeline.generate(seeds, docs, cache_dir=folder)
    assert tree(docs) == first


def test_the_same_bytes_under_another_suffix_are_another_document(tmp_path: Path) -> None:
    """The suffix chooses the reader (Markdown or plain text), so it is part of a document's key."""
    text = "Headline of a story about rain\n\n- first point about the rain in Elsby\n\n# A heading in Markdown\n" + (
        "Rain fell on Elsby all week and the Marrow River rose.\n" * 3
    )
    seeds, docs, folder = tmp_path / "seeds", tmp_path / "docs", tmp_path / "cache"
    pipeline.generate(write_seeds(seeds, {"rain.txt": text}), docs, cache_dir=folder)
    (seeds / "rain.txt").rename(seeds / "rain.md")
    (markdown,) = pipeline.generate(seeds, docs, cache_dir=folder).briefings[0].documents
    (fresh,) = ingest.read_seeds(seeds)[0]
    assert markdown.text == fresh.text and markdown.path == fresh.path


def test_the_cached_merge_matches_merge_build_briefings(tmp_path: Path) -> None:
    """The pipeline merges story by story to reuse briefings; it must agree with `merge.build_briefings`."""
    seeds = write_seeds(tmp_path / "seeds", {"flood.md": FLOOD, "later.md": FLOOD_LATER, "chess.txt": CHESS})
    documents = annotate.annotate_all(ingest.read_seeds(seeds)[0])
    previous = state.state_of(merge.build_briefings(documents[:1]))
    for earlier in (None, previous):
        expected = merge.build_briefings(documents, earlier)
        assert pipeline.merge_briefings(documents, earlier, cache.BuildCache(None)) == expected
        assert pipeline.merge_briefings(documents, earlier, cache.BuildCache(tmp_path / "cache")) == expected
        assert pipeline.merge_briefings(documents, earlier, cache.BuildCache(tmp_path / "cache")) == expected


def test_a_generated_file_turned_into_a_symlink_out_of_docs_is_refused(tmp_path: Path) -> None:
    """The write step resolves each folder once; a file that is a symlink is still followed and checked."""
    docs, outside = tmp_path / "docs", tmp_path / "outside.md"
    output.write_files(docs, {"briefings/a/index.md": "one\n"})
    outside.write_text("precious\n", encoding="utf-8")
    (docs / "briefings/a/index.md").unlink()
    (docs / "briefings/a/index.md").symlink_to(outside)
    with pytest.raises(ValueError, match="outside"):
        output.write_files(docs, {"briefings/a/index.md": "two\n"})
    assert outside.read_text(encoding="utf-8") == "precious\n"
