"""Print the open questions of briefings built from a reproducible sample of a corpus, each with its source sentence,
for reading and judging by hand.

    .venv/bin/python bench/inspect_questions.py ../shared/corpora/news-2452 --limit 150
    .venv/bin/python bench/inspect_questions.py seeds --limit 0            # every article of a folder
    .venv/bin/python bench/inspect_questions.py DIR --limit 150 --alone    # one briefing per article, no clustering
    .venv/bin/python bench/inspect_questions.py DIR --pattern 'XIN_ENG_200611*' --limit 0 --answered
                                                    # only the questions a later source answers, with its sentence

The sample is `--limit` articles drawn with a fixed `--seed` from the sorted file names (those matching
`--pattern`), so two runs (before and after a change) show the same articles. The summary line counts open
questions by kind, then the answered ones and the briefings whose open questions changed.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from generator import annotate, cluster, ingest, merge
from generator.model import Briefing, Document, SourceRef

SUFFIXES = (".txt", ".md", ".markdown")


def sample_paths(folder: Path, limit: int, seed: int, pattern: str = "*") -> list[Path]:
    paths = sorted(p for p in folder.rglob(pattern) if p.suffix.lower() in SUFFIXES and p.is_file())
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


def show(briefing: Briefing, answered_only: bool = False) -> list[str]:
    by_id = {doc.id: doc for doc in briefing.documents}
    lines = [f"## {briefing.title} ({len(briefing.documents)} articles)"]
    for i, question in enumerate(briefing.questions, 1):
        if answered_only and question.answered_by is None:
            continue
        mark = " ANSWERED" if question.answered_by else ""
        lines.append(f"{i:>2}. [{question.kind}]{mark} {question.text}")
        for ref in question.sources:
            lines.append(f"      <- {_cited(by_id, ref)}")
        if question.answered_by:
            lines.append(f"      => {_cited(by_id, question.answered_by)}")
    return lines


def _cited(by_id: dict[str, Document], ref: SourceRef) -> str:
    doc = by_id.get(ref.document)
    sentence = doc.sentences[ref.sentence].text if doc and ref.sentence < len(doc.sentences) else "?"
    published = doc.published.isoformat() if doc and doc.published else "undated"
    return f"{ref.document}#s{ref.sentence} ({published}): {' '.join(sentence.split())}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder of articles (.txt / .md)")
    parser.add_argument("--limit", type=int, default=100, help="articles to sample (0: all)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the sample")
    parser.add_argument("--alone", action="store_true", help="one briefing per article instead of clustering")
    parser.add_argument("--pattern", default="*", help="file name pattern of the articles to sample (glob)")
    parser.add_argument("--answered", action="store_true", help="show only questions a later source answers")
    args = parser.parse_args(argv)
    documents = read_documents(sample_paths(args.folder, args.limit, args.seed, args.pattern))
    documents = [annotate.annotate(doc) for doc in documents]
    briefings = briefings_of(documents, args.alone)
    kinds: Counter[str] = Counter()
    answered = changed = 0
    for briefing in briefings:
        found = sum(q.answered_by is not None for q in briefing.questions)
        if briefing.questions and (found or not args.answered):
            print("\n".join(show(briefing, args.answered)), end="\n\n")
        kinds.update(q.kind for q in briefing.questions if q.answered_by is None)
        answered += found
        changed += found > 0
    total = sum(kinds.values())
    by_kind = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    print(
        f"{len(documents)} articles, {len(briefings)} briefings, {total} questions ({by_kind}); "
        f"{answered} answered by a later source, in {changed} briefings"
    )


if __name__ == "__main__":
    main()
