"""The build, as one readable function: ingest -> annotate -> merge -> render -> write."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import annotate, ingest, merge, output, render, state
from generator.cache import AnnotationCache
from generator.model import Briefing, Skipped

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"


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
    """Turn the seeds into pages under `docs`; `cache_dir` keeps annotations between builds."""
    started = time.perf_counter()
    documents, skipped = ingest.read_seeds(seeds)
    documents = annotate.annotate_all(documents, AnnotationCache(cache_dir), progress)
    briefings = merge.build_briefings(documents, state.load_state(docs))
    files = render.render_site(briefings, templates)
    written = output.write_files(docs, files)
    state.save_state(docs, briefings)
    return BuildReport(len(documents), skipped, briefings, written, time.perf_counter() - started)
