"""Score `generator.quotes.extract_quotes` on PolNeAR (metric in the shared eval README).

    .venv/bin/python bench/eval_quotes.py --data ../shared/eval/polnear [--split dev] [--errors 20] [--layers]
    .venv/bin/python bench/eval_quotes.py --speed ../shared/corpora/news-2452 [--limit 500]

Gold: per article, the first annotator's `.ann` (by file name). Every stretch between an opening and a closing
double quotation mark (`"`, curly, or doubled apostrophes) inside an attribution's Content span is a gold quote;
its speaker mention is that attribution's Source span (the innermost Content wins when they nest). A quote opened
and not closed before the end of its paragraph runs to the end of the paragraph (the multi-paragraph convention).

System: the quotes of kind `speech` or `partial` whose quotation marks are double ones (the metric's unit; scare
quotes are not speech and are not counted). A system quote matches a gold quote when it covers at least 80% of it
and is at most twice as long (one-to-one, greedy by overlap). Speaker right: the system's speaker mention overlaps
the gold Source span.

`--layers` scores the call the pipeline makes: the sentence layer and the entity mentions computed first (not
timed) and passed in. `--speed DIR` times `extract_quotes` over the first `--limit` articles of a folder of seeds,
with the layers passed in as the pipeline does, and without them (the function then splits sentences itself).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.entities import extract_entities
from generator.ingest import read_document
from generator.model import Sentence
from generator.quotes import extract_quotes
from generator.text import sentence_spans

TEXT_BOUND = re.compile(r"(T\d+)\t\w+ (\d+ \d+(?:;\d+ \d+)*)\t")
DOUBLE_MARK = re.compile(r"''|``|[\"“”„]")
OPENING_ONLY = {"“", "„", "``"}
CLOSING_ONLY = {"”"}


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]


@dataclass
class GoldQuote:
    start: int
    end: int
    source: list[tuple[int, int]]


def read_attributions(ann: Path) -> list[Attribution]:
    """Attributions of one brat file: each event line links Content and Source text-bound spans."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[str] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        m = TEXT_BOUND.match(line)
        if m:  # the annotated text may run over several lines: only the first carries the offsets
            spans[m.group(1)] = [tuple(int(x) for x in part.split()) for part in m.group(2).split(";")]  # type: ignore[misc]
        elif line.startswith("E"):
            events.append(line.split("\t")[1])
    attributions = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": []}
        for arg in event.split()[1:]:
            role, tid = arg.split(":")
            role = role.rstrip("0123456789")
            if role in roles and tid in spans:
                roles[role].extend(spans[tid])
        if roles["Content"]:
            attributions.append(Attribution(roles["Content"], roles["Source"]))
    return attributions


def double_quoted_stretches(text: str) -> list[tuple[int, int]]:
    """Inner spans between paired double quotation marks, paragraph by paragraph."""
    stretches = []
    offset = 0
    for paragraph in text.split("\n"):
        opened: int | None = None
        for m in DOUBLE_MARK.finditer(paragraph):
            mark, pos = _direction(paragraph, m.start(), m.end(), m.group(0)), m.start()
            if opened is None:
                if mark not in CLOSING_ONLY:
                    opened = m.end()
            elif mark in OPENING_ONLY:
                opened = m.end()  # an unclosed quote before: restart here
            else:
                stretches.append((offset + opened, offset + pos))
                opened = None
        if opened is not None and paragraph[opened:].strip():
            stretches.append((offset + opened, offset + len(paragraph.rstrip())))
        offset += len(paragraph) + 1
    return [(s, e) for s, e in stretches if e > s]


def _direction(paragraph: str, start: int, end: int, mark: str) -> str:
    """A curly mark typed the wrong way round is read by its context (`unusual,“ said` closes the quote)."""
    before = paragraph[start - 1] if start else " "
    after = paragraph[end] if end < len(paragraph) else " "
    if mark == "“" and not before.isspace() and (after.isspace() or after in ".,;:!?)"):
        return "”"
    if mark == "”" and (before.isspace() or before in "(—") and after.isalnum():
        return "“"
    return mark


def gold_quotes(text: str, attributions: list[Attribution]) -> list[GoldQuote]:
    gold = []
    for start, end in double_quoted_stretches(text):
        inside = [
            (sum(ce - cs for cs, ce in a.content), a)
            for a in attributions
            if any(_overlap(start, end, cs, ce) >= 0.9 * (end - start) for cs, ce in a.content)
        ]
        if inside:
            gold.append(GoldQuote(start, end, min(inside, key=lambda pair: pair[0])[1].source))
    return gold


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def _is_double_quoted(text: str, start: int) -> bool:
    before = text[max(0, start - 2) : start]
    return bool(before) and (before[-1] in '"“”„' or before in ("''", "``"))


def match(system: list, gold: list[GoldQuote]) -> list[tuple[object, GoldQuote]]:
    """One-to-one matches: covers >= 80% of the gold quote, at most twice its length; largest overlap first."""
    candidates = []
    for i, q in enumerate(system):
        for j, g in enumerate(gold):
            shared = _overlap(q.start, q.end, g.start, g.end)
            if shared >= 0.8 * (g.end - g.start) and (q.end - q.start) <= 2 * (g.end - g.start):
                candidates.append((shared, i, j))
    used_s, used_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


def speaker_right(quote, gold: GoldQuote) -> bool:
    if quote.speaker_start is None:
        return not gold.source
    return any(_overlap(quote.speaker_start, quote.speaker_end, s, e) > 0 for s, e in gold.source)


def first_annotations(split: Path) -> dict[str, Path]:
    chosen: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    return chosen


def sentence_layer(text: str) -> list[Sentence]:
    return [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(sentence_spans(text))]


def evaluate(split: Path, show_errors: int, layers: bool = False) -> dict[str, float]:
    counts = Counter()
    errors: list[str] = []
    elapsed = 0.0
    size = 0
    for name, ann in first_annotations(split).items():
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = gold_quotes(text, read_attributions(ann))
        given = (extract_entities(text), sentence_layer(text)) if layers else ()
        began = time.perf_counter()
        quotes = extract_quotes(text, *given)
        elapsed += time.perf_counter() - began
        size += len(text)
        system = [q for q in quotes if q.kind != "scare" and _is_double_quoted(text, q.start)]
        pairs = match(system, gold)
        right = [speaker_right(q, g) for q, g in pairs]
        counts.update(system=len(system), gold=len(gold), matched=len(pairs), speaker=sum(right))
        missing = sum(not ok and q.speaker_start is None for (q, _), ok in zip(pairs, right, strict=True))
        counts.update(no_speaker=missing, wrong_speaker=len(pairs) - sum(right) - missing)
        errors.extend(_describe_errors(name, text, system, gold, pairs, right))
    return _report(counts, errors, show_errors, size / max(elapsed, 1e-9))


def _describe_errors(name, text, system, gold, pairs, right) -> list[str]:
    matched_s = {id(q) for q, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    out = []

    def ctx(start: int, end: int) -> str:
        return text[max(0, start - 80) : end + 80].replace("\n", " | ")

    for q in system:
        if id(q) not in matched_s:
            out.append(f"FP  {name}: [{q.kind}] {text[q.start : q.end][:80]!r}\n      {ctx(q.start, q.end)}")
    for g in gold:
        if id(g) not in matched_g:
            out.append(f"FN  {name}: {text[g.start : g.end][:80]!r}\n      {ctx(g.start, g.end)}")
    for (q, g), ok in zip(pairs, right, strict=True):
        if not ok:
            gold_src = "; ".join(text[s:e] for s, e in g.source) or None
            sys_src = text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None
            out.append(f"SPK {name}: system {sys_src!r} ({q.speaker!r}) gold {gold_src!r}\n      {ctx(q.start, q.end)}")
    return out


def _report(counts: Counter, errors: list[str], show_errors: int, chars_per_second: float) -> dict[str, float]:
    p = counts["matched"] / max(counts["system"], 1)
    r = counts["matched"] / max(counts["gold"], 1)
    f = 2 * p * r / max(p + r, 1e-9)
    accuracy = counts["speaker"] / max(counts["matched"], 1)
    if show_errors:
        kinds = Counter(e.split()[0] for e in errors)
        print(f"error kinds: {dict(kinds)}")
        for e in errors[:show_errors]:
            print(e)
    return {
        "gold": counts["gold"],
        "system": counts["system"],
        "matched": counts["matched"],
        "P": 100 * p,
        "R": 100 * r,
        "F1": 100 * f,
        "speaker": 100 * accuracy,
        "no_speaker": 100 * counts["no_speaker"] / max(counts["matched"], 1),
        "wrong_speaker": 100 * counts["wrong_speaker"] / max(counts["matched"], 1),
        "end_to_end": 100 * f * accuracy,
        "kB/s": chars_per_second / 1000,
    }


RUNS = 3  # timed runs per setting; the fastest is reported


def _timed_run(documents: list, given: list[tuple]) -> tuple[float, int]:
    began = time.perf_counter()
    found = sum(len(extract_quotes(doc.text, *args)) for doc, args in zip(documents, given, strict=True))
    return time.perf_counter() - began, found


def speed(folder: Path, limit: int) -> list[str]:
    """How fast `extract_quotes` runs over `limit` articles, with and without the layers given (best of RUNS)."""
    paths = sorted(folder.glob("*.txt"))[:limit]
    documents = [read_document(path) for path in paths]
    layers = [(extract_entities(doc.text), sentence_layer(doc.text)) for doc in documents]
    size = sum(len(doc.text) for doc in documents) / 1000
    extract_quotes("“Warm up,” she said. Load the word lists.")
    lines = []
    for label, given in (("layers given", layers), ("text only", [()] * len(documents))):
        seconds, found = min(_timed_run(documents, given) for _ in range(RUNS))
        lines.append(
            f"{label:12}  articles {len(documents)}  kB {size:.0f}  quotes {found}  "
            f"seconds {seconds:.2f}  kB/s {size / max(seconds, 1e-9):.0f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="the polnear folder (with train/ and dev/)")
    parser.add_argument("--split", action="append", help="split(s) to score (default: train and dev)")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors (FP, FN, wrong speaker)")
    parser.add_argument("--layers", action="store_true", help="pass the sentence layer and entity mentions in")
    parser.add_argument("--speed", type=Path, metavar="DIR", help="time extract_quotes over the articles of DIR")
    parser.add_argument("--limit", type=int, default=500, help="with --speed: how many articles (default 500)")
    args = parser.parse_args(argv)
    if args.speed:
        if not args.speed.is_dir():
            print(f"no such folder: {args.speed}", file=sys.stderr)
            return 2
        print("\n".join(speed(args.speed, args.limit)))
        return 0
    if args.data is None:
        parser.error("give --data (the polnear folder) or --speed DIR")
    if not args.data.is_dir():
        print(f"no such folder: {args.data}", file=sys.stderr)
        return 2
    for split in args.split or ["train", "dev"]:
        scores = evaluate(args.data / split, args.errors, args.layers)
        line = "  ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in scores.items())
        print(f"{split:5}  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
