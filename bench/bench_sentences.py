"""Sentence splitting speed: split every .txt file under DIR, print MB/s (median of 5 runs) and sentences found.

.venv/bin/python bench/bench_sentences.py ../shared/corpora/news-2452
.venv/bin/python bench/bench_sentences.py DIR --splitter pysbd --runs 1   # a library, for comparison
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_sentences import load_splitter  # noqa: E402


def read_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]


def time_run(texts: list[str], split) -> tuple[float, int]:
    """Seconds to split all texts once, and the number of sentences found."""
    t0 = time.perf_counter()
    found = sum(len(split(text)) for text in texts)
    return time.perf_counter() - t0, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of .txt articles (searched recursively)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is reported (default 5)")
    parser.add_argument("--splitter", default="briefing", help="briefing (default), pysbd, syntok or blingfire")
    args = parser.parse_args(argv)
    texts = read_texts(args.folder)
    if not texts:
        raise SystemExit(f"no .txt files under {args.folder}")
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    split = load_splitter(args.splitter)
    split("Warm up. Load the word lists.")
    runs = [time_run(texts, split) for _ in range(args.runs)]
    seconds = statistics.median(r[0] for r in runs)
    print(f"{args.splitter}: {len(texts)} files, {megabytes:.2f} MB, {runs[0][1]} sentences")
    print(f"{megabytes / seconds:.2f} MB/s (median of {args.runs} runs, {seconds:.2f} s per run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
