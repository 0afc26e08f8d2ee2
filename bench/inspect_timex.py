"""Print the time expressions of a reproducible sample of corpus articles, each with its rule, type, value and
sentence, for reading and judging by hand.

    .venv/bin/python bench/inspect_timex.py ../shared/corpora/news-2452 --sample 40
    .venv/bin/python bench/inspect_timex.py ../shared/corpora/news-2452 --sample 300 --rule year --quiet
    .venv/bin/python bench/inspect_timex.py seeds --sample 0              # every article of a folder

Each article is read as the build reads it (`generator.ingest`), so the anchor is its publication date (front
matter, a date line or a dateline; for an undated article the date its text reports, as the build estimates it), and
tagged with `generator.timex`. The sample is `--sample` articles drawn with
a fixed `--seed` from the sorted file names, so two runs (before and after a change) show the same articles and
their outputs can be compared with `diff`. Each expression prints as

    rule  TYPE  value [mod]  «text»  | the sentence, with the expression between « »

and the summary counts the expressions by rule, by type and by value shape (digits as D: `DDDD-DD-DD`, `PDY`).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import events, ingest, text  # noqa: E402
from generator.model import Document, Timex  # noqa: E402
from generator.timex import tag_timexes_by_rule  # noqa: E402

SUFFIXES = (".txt", ".md")
_DIGIT = re.compile(r"\d")


def sample_paths(folder: Path, sample: int, seed: int) -> list[Path]:
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    if 0 < sample < len(paths):
        paths = sorted(random.Random(seed).sample(paths, sample))
    return paths


def read_documents(paths: list[Path]) -> list[Document]:
    documents = []
    for path in paths:
        try:
            doc = ingest.read_document(path)
        except (ValueError, OSError) as error:  # an unreadable seed is skipped, as the build does
            print(f"skipped {path.name}: {error}", file=sys.stderr)
            continue
        if doc.published is None:  # as the build does: the date the text itself reports, marked estimated
            events.estimate_publication_date(doc)
        documents.append(doc)
    return documents


def value_shape(value: str) -> str:
    return _DIGIT.sub("D", value)


def sentence_around(doc: Document, spans: list[tuple[int, int]], t: Timex) -> str:
    start, end = next(((s, e) for s, e in spans if s <= t.start < e), (t.start, t.end))
    before, inside, after = doc.text[start : t.start], doc.text[t.start : t.end], doc.text[t.end : end]
    return " ".join(f"{before}«{inside}»{after}".split())


def show(doc: Document, found: list[tuple[str, Timex]]) -> list[str]:
    lines = [f"== {doc.id} (anchor {doc.published or 'none'}, {doc.published_basis})"]
    spans = text.sentence_spans(doc.text)
    for rule, t in found:
        mod = f" [{t.mod}]" if t.mod else ""
        lines.append(f"  {rule:<15} {t.type:<8} {t.value}{mod}  «{t.text}»  | {sentence_around(doc, spans, t)}")
    return lines


def summary(found: list[tuple[str, Timex]], articles: int) -> list[str]:
    lines = [f"{len(found)} expressions in {articles} articles"]
    for title, counter in (
        ("by rule", Counter(rule for rule, _ in found)),
        ("by type", Counter(t.type for _, t in found)),
        ("by value shape", Counter(value_shape(t.value) for _, t in found)),
    ):
        lines.append(f"{title}: " + ", ".join(f"{key} {n}" for key, n in counter.most_common()))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder of articles (.txt / .md, searched recursively)")
    parser.add_argument("--sample", type=int, default=40, help="articles to draw (0 = all; default 40)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the sample (default 0)")
    parser.add_argument("--rule", help="show only expressions found by this rule (see patterns.yaml)")
    parser.add_argument("--shape", help="show only expressions whose value shape is this (e.g. DDDD-DD)")
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder of articles")
    documents = read_documents(sample_paths(args.corpus, args.sample, args.seed))
    everything: list[tuple[str, Timex]] = []
    for doc in documents:
        found = [
            (rule, t)
            for rule, t in tag_timexes_by_rule(doc.text, doc.published)
            if (args.rule is None or rule == args.rule) and (args.shape is None or value_shape(t.value) == args.shape)
        ]
        everything.extend(found)
        if found and not args.quiet:
            print("\n".join(show(doc, found)))
    print("\n".join(summary(everything, len(documents))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
