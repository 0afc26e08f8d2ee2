"""How the time to annotate and merge a text grows with its length, when it never ends a sentence: a pasted
transcript, or junk.

Usage: .venv/bin/python bench/bench_scaling.py [--sizes 60000 120000 240000] [--runs 3]

Each text is one paragraph of words drawn (with a fixed seed) from a news-like vocabulary that holds quotations,
asides, numbers, dates and names, but no full stop, so the sentence layer sees one sentence. The script prints the
median time of `--runs` runs per size (annotation, then the merge into a briefing) and the ratio to the size
before: about 2 for each doubling means the work grows in proportion to the text; 4 means it grows with its
square, and a few long seed files would stall the build. Nothing is read from disk but the project's resources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.annotate import annotate  # noqa: E402
from generator.merge import build_briefings  # noqa: E402
from generator.model import Document  # noqa: E402

VOCABULARY = (
    'the minister said on Monday that talks would resume in March after the ceasefire collapsed Putin Kim Lavrov "we '
    'will win" (aside) 12,000 troops, officials told reporters in Geneva'
).split()


def synthetic_text(characters: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    words, size = [], 0
    while size < characters:
        word = rng.choice(VOCABULARY)
        words.append(word)
        size += len(word) + 1
    return "Headline\n\n" + " ".join(words)


def time_annotation(text: str) -> float:
    doc = Document(id="scaling", path="scaling.txt", title="Headline", text=text, published=dt.date(2025, 1, 1))
    started = time.process_time()
    annotate(doc)
    build_briefings([doc])
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[60_000, 120_000, 240_000], help="characters")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (the median is printed)")
    args = parser.parse_args(argv)
    time_annotation(synthetic_text(2_000))  # load the resources once, outside the measured runs
    previous = None
    print(f"{'characters':>11} {'CPU s (median)':>15} {'ratio':>6}")
    for size in args.sizes:
        text = synthetic_text(size)
        seconds = statistics.median(time_annotation(text) for _ in range(args.runs))
        ratio = f"{seconds / previous:.1f}" if previous else "-"
        print(f"{len(text):>11,} {seconds:>15.2f} {ratio:>6}")
        previous = seconds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
