"""Measure story clustering and cross-source event merging on a corpus folder, and print samples to judge by hand.

    python bench/eval_merge.py ../shared/corpora/news-2452 [--limit 1000] [--snapshot /tmp/news.pickle]
        [--sample 40] [--seed 7] [--save-sample merges.json] [--check merges.json]
        [--save-clusters clusters.json] [--check-clusters clusters.json] [--quiet]

There is no annotated data for merging, so the script prints figures (clusters and their sizes, timeline items
that cite more than one document, sources per item, seconds) and a reproducible random sample of merged items and
of multi-document clusters, to be judged as "one happening" / "one story" by a reader. `--save-sample` writes the
sampled merges (their source sentences); `--check` reads such a file after a change and says, item by item,
whether its sources are still merged into one item (a recall proxy: the items judged correct that got split).
`--save-clusters` / `--check-clusters` do the same for the sampled clusters (still in one briefing or split).

Annotation is the slow part and does not depend on the merge stage: `--snapshot` keeps the annotated documents
in a pickle (created on first use) so that merge changes can be measured in seconds. The pickle holds the
articles' text: keep it outside the project.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from generator import cluster, merge
from generator.annotate import annotate_all
from generator.ingest import read_seeds
from generator.model import Document, TimelineItem

SIZE_BINS = [(1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, 50), (51, 10**9)]


def load_documents(folder: Path, snapshot: Path | None) -> list[Document]:
    if snapshot and snapshot.exists():
        with snapshot.open("rb") as fh:
            return pickle.load(fh)
    documents, _ = read_seeds(folder)
    documents = annotate_all(documents)
    if snapshot:
        with snapshot.open("wb") as fh:
            pickle.dump(documents, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return documents


def size_distribution(sizes: list[int]) -> str:
    parts = []
    for low, high in SIZE_BINS:
        count = sum(1 for s in sizes if low <= s <= high)
        label = str(low) if low == high else (f"{low}+" if high > 10**8 else f"{low}-{high}")
        parts.append(f"{label}: {count}")
    return ", ".join(parts)


def cross_source(item: TimelineItem) -> bool:
    return len({s.document for s in item.sources}) > 1


def sentence_text(doc: Document, index: int, width: int = 260) -> str:
    sentence = doc.sentences[index] if 0 <= index < len(doc.sentences) else None
    text = " ".join((sentence.text if sentence else "?").split())
    return text if len(text) <= width else text[: width - 3] + "..."


def show_item(number: int, item: TimelineItem, by_id: dict[str, Document]) -> None:
    print(f"\n[M{number}] {item.date} ({item.precision}) sources={len(item.sources)} participants={item.participants}")
    for ref in item.sources:
        doc = by_id[ref.document]
        published = doc.published.isoformat() if doc.published else "?"
        print(f"   - {ref.document} ({published}) s{ref.sentence}: {sentence_text(doc, ref.sentence)}")


def show_cluster(number: int, group: cluster.Cluster, limit: int = 10) -> None:
    dates = sorted(d.published.isoformat() for d in group.documents if d.published)
    span = f"{dates[0]}..{dates[-1]}" if dates else "?"
    print(f"\n[C{number}] {len(group.documents)} documents, {span}: {group.title}")
    for doc in group.documents[:limit]:
        print(f"   - {doc.id}: {' '.join(doc.title.split())[:120]}")
    if len(group.documents) > limit:
        print(f"   ... and {len(group.documents) - limit} more")


def source_keys(item: TimelineItem) -> list[list]:
    return [[s.document, s.sentence] for s in item.sources]


def check_saved(path: Path, items: list[TimelineItem]) -> None:
    """For each saved merge: is there still one item citing all of its source sentences?"""
    where: dict[tuple[str, int], set[int]] = defaultdict(set)
    for n, item in enumerate(items):
        for s in item.sources:
            where[(s.document, s.sentence)].add(n)
    saved = json.loads(path.read_text(encoding="utf-8"))
    kept = 0
    for entry in saved:
        sources = {(d, s) for d, s in entry["sources"]}
        homes = Counter(n for key in sources for n in where.get(key, ()))
        home = homes.most_common(1)[0][0] if homes else -1
        together = {key for key in sources if home in where.get(key, ())}
        kept += together == sources
        state = "kept" if together == sources else f"split ({len(together)} of {len(sources)} sentences together)"
        print(f"   {entry['label']}: {state}")
    print(f"saved merges still whole: {kept} of {len(saved)}")


def check_saved_clusters(path: Path, groups: list[cluster.Cluster]) -> None:
    """For each saved cluster: are its documents still in one briefing?"""
    home = {d.id: n for n, g in enumerate(groups) for d in g.documents}
    saved = json.loads(path.read_text(encoding="utf-8"))
    kept = 0
    for entry in saved:
        parts = Counter(home.get(d, -1) for d in entry["documents"])
        kept += len(parts) == 1
        state = "kept" if len(parts) == 1 else f"split {sorted(parts.values(), reverse=True)}"
        print(f"   {entry['label']}: {state}")
    print(f"saved clusters still whole: {kept} of {len(saved)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (file order: a dense period)")
    parser.add_argument("--snapshot", type=Path, help="pickle of the annotated documents (made on first use)")
    parser.add_argument("--sample", type=int, default=40, help="merged items and clusters to print")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--save-sample", type=Path, help="write the sampled merges' sources as JSON")
    parser.add_argument("--check", type=Path, help="say which merges of a saved sample are still whole")
    parser.add_argument("--save-clusters", type=Path, help="write the sampled clusters' documents as JSON")
    parser.add_argument("--check-clusters", type=Path, help="say which clusters of a saved sample are still whole")
    parser.add_argument("--quiet", action="store_true", help="figures only, no samples")
    args = parser.parse_args()
    if not args.folder.is_dir():
        sys.exit(f"not a folder: {args.folder}")

    documents = load_documents(args.folder, args.snapshot)
    documents.sort(key=lambda d: d.id)
    if args.limit:
        documents = documents[: args.limit]
    by_id = {d.id: d for d in documents}

    start = time.perf_counter()
    groups = cluster.cluster_documents(documents)
    cluster_seconds = time.perf_counter() - start
    start = time.perf_counter()
    timelines = [merge.merge_events(g.documents) for g in groups]
    merge_seconds = time.perf_counter() - start

    sizes = [len(g.documents) for g in groups]
    items = [item for timeline in timelines for item in timeline]
    merged = [item for item in items if cross_source(item)]
    per_item = [len({s.document for s in item.sources}) for item in merged]
    print(f"documents: {len(documents)}")
    print(f"clusters: {len(groups)}  multi-document: {sum(1 for s in sizes if s > 1)}  largest: {sorted(sizes)[-5:]}")
    print(f"cluster sizes: {size_distribution(sizes)}")
    print(f"timeline items: {len(items)}  cross-source merged: {len(merged)}")
    if per_item:
        print(
            f"documents per merged item: mean {statistics.mean(per_item):.2f}, "
            f"max {max(per_item)}, distribution {dict(sorted(Counter(per_item).items()))}"
        )
    print(f"seconds: clustering {cluster_seconds:.2f}, event merging {merge_seconds:.2f}")

    if args.check:
        check_saved(args.check, items)
    if args.check_clusters:
        check_saved_clusters(args.check_clusters, groups)
    if args.quiet:
        return
    rng = random.Random(args.seed)
    sampled = rng.sample(merged, min(args.sample, len(merged)))
    print("\n=== sampled cross-source merges (judge: one happening?) ===")
    for n, item in enumerate(sampled, 1):
        show_item(n, item, by_id)
    if args.save_sample:
        entries = [{"label": f"M{n}", "sources": source_keys(item)} for n, item in enumerate(sampled, 1)]
        args.save_sample.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    multi = [g for g in groups if len(g.documents) > 1]
    print("\n=== sampled multi-document clusters (judge: one story?) ===")
    chosen = rng.sample(multi, min(args.sample, len(multi)))
    for n, group in enumerate(chosen, 1):
        show_cluster(n, group)
    if args.save_clusters:
        entries = [{"label": f"C{n}", "documents": [d.id for d in g.documents]} for n, g in enumerate(chosen, 1)]
        args.save_clusters.write_text(json.dumps(entries, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
