"""Throughput of the time-expression tagger on one core.

Usage: .venv/bin/python bench/bench_timex.py ../shared/corpora/news-2452 [--runs 5]

Reads every text file under DIR, tags each with a fixed anchor date (any anchor will do: the work is the same) and
prints the median MB/s (CPU time of one process, so one core) over several runs, with the expressions found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.timex import tag_timexes  # noqa: E402


def load(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*")) if p.is_file()]


def run_once(texts: list[str], anchor: dt.date) -> tuple[float, int]:
    started = time.process_time()  # CPU time of this process: one core, whatever else the machine runs
    found = sum(len(tag_timexes(t, anchor)) for t in texts)
    return time.process_time() - started, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of plain-text articles")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (after one warm-up)")
    args = parser.parse_args(argv)
    texts = load(args.folder)
    if not texts:
        print(f"no files under {args.folder}", file=sys.stderr)
        return 1
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    anchor = dt.date(2000, 1, 1)
    run_once(texts[:50], anchor)  # warm-up: compiles the patterns
    timings = []
    for _ in range(args.runs):
        seconds, found = run_once(texts, anchor)
        timings.append(seconds)
    median = statistics.median(timings)
    print(f"{len(texts)} files, {megabytes:.2f} MB, {found} time expressions")
    print(f"median {median:.2f} s over {args.runs} runs: {megabytes / median:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
