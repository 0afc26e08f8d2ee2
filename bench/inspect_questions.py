"""Print the open questions of briefings built from a reproducible sample of a corpus, each with its source sentence,
for reading and judging by hand.

    .venv/bin/python bench/inspect_questions.py ../shared/corpora/news-2452 --limit 150
    .venv/bin/python bench/inspect_questions.py seeds --limit 0            # every article of a folder
    .venv/bin/python bench/inspect_questions.py DIR --limit 150 --alone    # one briefing per article, no clustering

The sample is `--limit` articles drawn with a fixed `--seed` from the sorted file names, so two runs (before and
after a change) show the same articles. The summary line counts questions by kind.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from generator import annotate, cluster, ingest, merge
from generator.model import Briefing, Document

SUFFIXES = (".txt", ".md", ".markdown")


def sample_paths(folder: Path, limit: int, seed: int) -> list[Path]:
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    if 0 < limit < len(paths):
        paths = sorted(random.Random(seed).sample(paths, limit))
    return paths


def read_documents(paths: list[Path]) -> list[Document]:
    documents = []
    for path in paths:
        try:
            documents.append(ingest.read_document(path))
        except (ValueError, OSError) as error:  # an unreadable seed is skipped, as the build does
            print(f"skipped {path.name}: {error}", file=sys.stderr)
    return documents


def briefings_of(documents: list[Document], alone: bool) -> list[Briefing]:
    if not alone:
        return merge.build_briefings(documents)
    return [merge.build_briefing(cluster.Cluster(doc.id, doc.title, [doc])) for doc in documents]


def show(briefing: Briefing) -> list[str]:
    by_id = {doc.id: doc for doc in briefing.documents}
    lines = [f"## {briefing.title} ({len(briefing.documents)} articles)"]
    for i, question in enumerate(briefing.questions, 1):
        lines.append(f"{i:>2}. [{question.kind}] {question.text}")
        for ref in question.sources:
            doc = by_id.get(ref.document)
            sentence = doc.sentences[ref.sentence].text if doc and ref.sentence < len(doc.sentences) else "?"
            lines.append(f"      <- {ref.document}#s{ref.sentence}: {' '.join(sentence.split())}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder of articles (.txt / .md)")
    parser.add_argument("--limit", type=int, default=100, help="articles to sample (0: all)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the sample")
    parser.add_argument("--alone", action="store_true", help="one briefing per article instead of clustering")
    args = parser.parse_args(argv)
    documents = read_documents(sample_paths(args.folder, args.limit, args.seed))
    documents = [annotate.annotate(doc) for doc in documents]
    briefings = briefings_of(documents, args.alone)
    kinds: Counter[str] = Counter()
    for briefing in briefings:
        if briefing.questions:
            print("\n".join(show(briefing)), end="\n\n")
        kinds.update(q.kind for q in briefing.questions)
    total = sum(kinds.values())
    by_kind = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    print(f"{len(documents)} articles, {len(briefings)} briefings, {total} questions ({by_kind})")


if __name__ == "__main__":
    main()
