"""Score generator.entities on CoNLL-format NER data (token and IOB tag per line).

    .venv/bin/python bench/eval_entities.py --data ../shared/eval/wikigold

Each document's text is rebuilt with one space between tokens (none before closing punctuation) and a
newline between sentences. PER / ORG / LOC are scored as person / organization / place; MISC is not scored,
and a system mention that overlaps a gold MISC mention is not counted. A match needs the same type and the
same span (exact) or any overlap (overlap), one-to-one. Prints typed P / R / F1 both ways, per type, and speed.
`--split test` scores only every third document (index % 3 == 2), the part the shipped typer was not trained on;
`--rules-only` scores the hand-written cues without the trained typer. Speed is CPU time, resources preloaded.
`--show organization` lists every error that involves that type (false, missed, mistyped, wrong span) in context.

`--corpus FOLDER` reads a sample of real articles instead (`--sample 100`, `--seed 1`) and prints the entities found
in each, by type, to be judged by hand (no gold there):

    .venv/bin/python bench/eval_entities.py --corpus ../shared/corpora/news-2452 --sample 100
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator import entities
from generator.entities import extract_entities
from generator.ingest import read_document

TYPES = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "misc"}
CLOSING = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't"}


@dataclass
class GoldDocument:
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, type


def read_conll(path: Path) -> list[GoldDocument]:
    """Documents from a CoNLL file: `-DOCSTART-` separates documents, blank lines sentences."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sentence:
                (docs[-1] if docs else docs.append([]) or docs[-1]).append(sentence)
                sentence = []
            if parts:
                docs.append([])
            continue
        sentence.append((parts[0], parts[-1]))
    return [_rebuild(sentences) for sentences in docs if sentences]


def _rebuild(sentences: list[list[tuple[str, str]]]) -> GoldDocument:
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for sentence in sentences:
        if pieces:
            pieces.append("\n")
            pos += 1
        open_span: list = []  # [start, end, type]
        for n, (token, tag) in enumerate(sentence):
            if n and token not in CLOSING:
                pieces.append(" ")
                pos += 1
            start, pos = pos, pos + len(token)
            pieces.append(token)
            kind = tag[2:] if tag != "O" else None
            if kind and open_span and open_span[2] == kind and not tag.startswith("B-"):
                open_span[1] = pos
            else:
                if open_span:
                    spans.append(tuple(open_span))
                open_span = [start, pos, kind] if kind else []
        if open_span:
            spans.append(tuple(open_span))
    return GoldDocument("".join(pieces), [(s, e, TYPES.get(t, t.lower())) for s, e, t in spans])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    matched: Counter = field(default_factory=Counter)
    system: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def prf(self, typ: str | None = None) -> tuple[float, float, float]:
        m = sum(self.matched.values()) if typ is None else self.matched[typ]
        s = sum(self.system.values()) if typ is None else self.system[typ]
        g = sum(self.gold.values()) if typ is None else self.gold[typ]
        p, r = (m / s if s else 0.0), (m / g if g else 0.0)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_document(doc: GoldDocument, system: list[tuple[int, int, str]], exact: Score, overlap: Score) -> None:
    misc = [(s, e) for s, e, t in doc.spans if t == "misc"]
    gold = [g for g in doc.spans if g[2] != "misc"]
    system = [m for m in system if not any(_overlaps(m[:2], x) for x in misc)]
    for score in (exact, overlap):
        score.gold.update(t for _, _, t in gold)
        score.system.update(t for _, _, t in system)
    for score, same in ((exact, lambda a, b: a[:2] == b[:2]), (overlap, lambda a, b: _overlaps(a[:2], b[:2]))):
        used: set[int] = set()
        for m in system:
            for n, g in enumerate(gold):
                if n not in used and g[2] == m[2] and same(m, g):
                    used.add(n)
                    score.matched[m[2]] += 1
                    break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder with *.conll* files, or one file")
    parser.add_argument("--split", choices=["all", "train", "test"], default="all")
    parser.add_argument("--errors", type=int, default=0, help="print this many documents' errors (for tuning)")
    parser.add_argument("--rules-only", action="store_true", help="type spans by the hand-written cues alone")
    parser.add_argument("--show", choices=sorted(set(TYPES.values()) - {"misc"}), help="list every error of this type")
    parser.add_argument("--corpus", type=Path, help="print the entities of a sample of this folder's articles instead")
    parser.add_argument("--sample", type=int, default=100, help="with --corpus: how many articles (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="with --corpus: which sample (default 1)")
    args = parser.parse_args()
    if args.corpus:
        print_corpus_sample(args.corpus, args.sample, args.seed)
        return
    if not args.data:
        parser.error("--data or --corpus is required")
    if args.rules_only:
        entities.model = lambda: None  # the tagger falls back to its rule types
    files = [args.data] if args.data.is_file() else sorted(args.data.glob("*conll*"))
    docs = [d for f in files for d in read_conll(f)]
    if args.split != "all":
        docs = [d for n, d in enumerate(docs) if (n % 3 == 2) == (args.split == "test")]
    exact, overlap = Score(), Score()
    seconds, chars = 0.0, 0
    extract_entities("Loading the resources, Mr. Smith, is not timed.")
    for n, doc in enumerate(docs):
        started = time.process_time()
        mentions = extract_entities(doc.text)
        seconds += time.process_time() - started
        chars += len(doc.text)
        system = [(m.start, m.end, m.type) for m in mentions]
        score_document(doc, system, exact, overlap)
        if n < args.errors:
            print_errors(doc, system)
        if args.show:
            print_type_errors(doc, system, args.show)
    mode = "rules only" if args.rules_only else "rules + trained typer"
    print(f"{len(docs)} documents, {sum(overlap.gold.values())} gold PER/ORG/LOC mentions ({args.split}, {mode})")
    print_scores(exact, overlap)
    print(f"speed: {seconds / max(chars, 1) * 5000 * 1000:.2f} ms CPU per 5 KB of text")


def print_scores(exact: Score, overlap: Score, prefix: str = "") -> None:
    """Typed P / R / F1, exact and overlap, with F1 per type."""
    for label, score in (("exact", exact), ("overlap", overlap)):
        p, r, f = score.prf()
        per_type = "  ".join(f"{t} {score.prf(t)[2] * 100:.1f}" for t in ("person", "organization", "place"))
        print(f"{prefix}{label:8} P {p * 100:.1f}  R {r * 100:.1f}  F1 {f * 100:.1f}   ({per_type})")


def print_errors(doc: GoldDocument, system: list[tuple[int, int, str]]) -> None:
    gold = set(doc.spans)
    for s, e, t in sorted(set(system) - gold):
        print(f"  + {t:12} {doc.text[s:e]!r}")
    for s, e, t in sorted(gold - set(system)):
        if t != "misc":
            print(f"  - {t:12} {doc.text[s:e]!r}")


def print_type_errors(doc: GoldDocument, system: list[tuple[int, int, str]], typ: str) -> None:
    """Every error involving `typ` in one document, each with the gold or system span it overlaps and some context."""
    gold = [g for g in doc.spans if g[2] != "misc"]
    misc = [g for g in doc.spans if g[2] == "misc"]
    for s, e, t in system:
        if t != typ or (s, e, t) in gold or any(_overlaps((s, e), m[:2]) for m in misc):
            continue
        near = [g for g in gold if _overlaps((s, e), g[:2])]
        verdict = "span" if any(g[2] == t for g in near) else "type" if near else "false"
        other = ", ".join(f"{doc.text[g[0] : g[1]]!r} {g[2]}" for g in near) or "-"
        print(f"  {verdict:6} + {doc.text[s:e]!r} (gold: {other})   | {_context(doc.text, s, e)}")
    for s, e, t in gold:
        if t != typ or (s, e, t) in system:
            continue
        near = [m for m in system if _overlaps((s, e), m[:2])]
        if any(m[2] == t for m in near):
            continue  # already listed as a wrong span
        verdict = "type" if near else "missed"
        other = ", ".join(f"{doc.text[m[0] : m[1]]!r} {m[2]}" for m in near) or "-"
        print(f"  {verdict:6} - {doc.text[s:e]!r} (system: {other})   | {_context(doc.text, s, e)}")


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    before = text[max(0, start - width) : start].rsplit("\n", 1)[-1]
    after = text[end : end + width].split("\n", 1)[0]
    return f"{before}[{text[start:end]}]{after}"


def print_corpus_sample(folder: Path, size: int, seed: int) -> None:
    """The entities found in a reproducible sample of articles, one line per name with its mention count."""
    paths = sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md"))
    sample = sorted(random.Random(seed).sample(paths, min(size, len(paths))))
    totals: Counter = Counter()
    for path in sample:
        doc = read_document(path)
        mentions = extract_entities(doc.text)
        print(f"== {path.name}")
        for typ in ("person", "organization", "place"):
            names = Counter(m.text for m in mentions if m.type == typ)
            totals[typ] += sum(names.values())
            if names:
                print(f"  {typ:12} " + "; ".join(f"{n} x{c}" if c > 1 else n for n, c in names.items()))
    print(f"{len(sample)} articles: " + ", ".join(f"{totals[t]} {t} mentions" for t in sorted(totals)))


if __name__ == "__main__":
    main()
