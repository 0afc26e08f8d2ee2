"""The build, as one readable function: ingest -> annotate -> merge -> render -> write."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator import annotate, cluster, ingest, merge, output, render, state
from generator.cache import BuildCache, Entries, document_key, folder_fingerprint
from generator.model import Briefing, Document, Skipped

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
T = TypeVar("T")


@dataclass
class BuildReport:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)
    written: output.WriteReport = field(default_factory=output.WriteReport)
    seconds: float = 0.0

    @property
    def events(self) -> int:
        return sum(len(b.timeline) for b in self.briefings)

    @property
    def quotes(self) -> int:
        return sum(len(b.quotes) for b in self.briefings)

    def summary(self, seconds: float | None = None) -> str:
        """The one-line summary of a run; `seconds` defaults to the time generate() took."""
        skipped = f"{len(self.skipped)} skipped"
        if self.skipped:
            skipped += " (" + "; ".join(f"{Path(s.path).name}: {s.reason}" for s in self.skipped) + ")"
        seconds = self.seconds if seconds is None else seconds
        return (
            f"{plural(self.documents, 'document')} read, {skipped}, {plural(len(self.briefings), 'briefing')}, "
            f"{plural(self.events, 'event')}, {plural(self.quotes, 'quote')} in {seconds:.1f}s"
        )


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def generate(
    seeds: Path,
    docs: Path,
    templates: Path = DEFAULT_TEMPLATES,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Turn the seeds into pages under `docs`; `cache_dir` keeps each stage's results between builds, so a
    rebuild redoes only the documents and briefings that changed (`generator.cache`)."""
    started = time.perf_counter()
    cache = BuildCache(cache_dir)
    documents, skipped = ingest.read_seeds(seeds, reuse=cache.documents.lookup)
    documents = annotate.annotate_all(documents, cache.documents, progress)
    briefings = merge_briefings(documents, state.load_state(docs), cache)
    files = render.render_site(briefings, templates, reuse=cached_pages(cache, templates))
    written = output.write_files(docs, files)
    state.save_state(docs, briefings)
    cache.prune()
    return BuildReport(len(documents), skipped, briefings, written, time.perf_counter() - started)


# --------------------------------------------------------------------------- #
# Reusing an earlier build's briefings and pages
# --------------------------------------------------------------------------- #


def merge_briefings(documents: list[Document], previous: dict | None, cache: BuildCache) -> list[Briefing]:
    """`merge.build_briefings`, reusing what an earlier build merged from the same documents under the same name.
    The change report compares with the previous build, so it is made afresh every time."""
    features = {d.id: document_features(d, cache) for d in documents}
    seen_before = state.known_documents(previous) if previous is not None else None
    briefings = []
    for group in cluster.cluster_documents(documents, previous, features):
        merged = cached(cache.briefings, briefing_key(group), lambda g=group: detached(merge.build_briefing(g)))
        briefing = dataclasses.replace(merged, documents=group.documents)
        if seen_before is not None:
            briefing.changes = state.compare(group.previous or None, briefing, seen_before)
        briefings.append(briefing)
    return briefings


def document_features(doc: Document, cache: BuildCache) -> dict[str, float]:
    key = list(document_key(doc)) if doc.raw_sha1 else None
    return cached(cache.features, key, lambda: cluster.clustering_features(doc))


def cached_pages(cache: BuildCache, templates: Path) -> render.Reuse:
    """A briefing's pages depend on the briefing (its key and its change report), its folder and the templates."""
    fingerprint = folder_fingerprint(templates) if cache.folder is not None else ""

    def pages(view: render.BriefingView, render_pages: Callable[[], dict[str, str]]) -> dict[str, str]:
        key = briefing_key(view.b)
        if key is not None:
            key += [view.dir, json.dumps(dataclasses.asdict(view.b.changes), sort_keys=True), fingerprint]
        return cached(cache.pages, key, render_pages)

    return pages


def briefing_key(group: cluster.Cluster | Briefing) -> list[str] | None:
    """What a merged briefing depends on besides the code: its name and its documents in order (None when a
    document has no content hash, as in tests that build documents by hand: not cached)."""
    if not all(d.raw_sha1 for d in group.documents):
        return None
    return [group.slug, group.title, *("/".join(document_key(d)) for d in group.documents)]


def detached(briefing: Briefing) -> Briefing:
    """The briefing without its documents, which the cache keeps once, as documents."""
    return dataclasses.replace(briefing, documents=[])


def cached(entries: Entries, key: list[str] | None, compute: Callable[[], T]) -> T:
    """`compute()`, or its result from an earlier build under `key` (None: not cacheable)."""
    if key is None:
        return compute()
    return entries.remember(key, compute)
