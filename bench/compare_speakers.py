"""Print the quote speakers and the open questions of a fixed sample of articles, one briefing per article, so that
two runs (before and after a change to name or pronoun resolution) can be diffed line by line.

    .venv/bin/python bench/compare_speakers.py ../shared/corpora/news-2452 --limit 300 > /tmp/after.txt
    diff /tmp/before.txt /tmp/after.txt

Each quote line gives the mention its attribution rests on and the speaker it resolved to (`[he] -> Sergei
Lavrov`); each question line its kind, its text and the sentences it cites (a resolved pronoun adds the sentence
of its antecedent). The sample is `--limit` articles drawn with a fixed `--seed` from the sorted file names (as in
`bench/inspect_questions.py`), so every run reads the same articles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import annotate, cluster, merge
from generator.model import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inspect_questions import read_documents, sample_paths  # noqa: E402


def quote_lines(doc: Document) -> list[str]:
    lines = []
    for quote in doc.quotes:
        if quote.kind == "scare":
            continue
        mention = doc.text[quote.speaker_start : quote.speaker_end] if quote.speaker_start is not None else ""
        words = " ".join(quote.text.split()[:8])
        lines.append(f"  Q@{quote.start} [{mention}] -> {quote.speaker} | {words}")
    return lines


def question_lines(doc: Document) -> list[str]:
    briefing = merge.build_briefing(cluster.Cluster(doc.id, doc.title, [doc]))
    return [f"  ? [{q.kind}] {q.text} (s{', s'.join(str(r.sentence) for r in q.sources)})" for q in briefing.questions]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder of articles (.txt / .md)")
    parser.add_argument("--limit", type=int, default=300, help="articles to sample (0: all)")
    parser.add_argument("--seed", type=int, default=11, help="random seed of the sample")
    args = parser.parse_args(argv)
    quotes = questions = 0
    for doc in read_documents(sample_paths(args.folder, args.limit, args.seed)):
        annotate.annotate(doc)
        found = quote_lines(doc) + question_lines(doc)
        quotes += sum(line.startswith("  Q") for line in found)
        questions += sum(line.startswith("  ?") for line in found)
        if found:
            print(f"# {doc.id}", *found, sep="\n")
    print(f"{args.limit} articles sampled, {quotes} quotes, {questions} questions")


if __name__ == "__main__":
    main()
