"""Score a sentence splitter on the English Golden Rules: a rule passes when the split, each item stripped, equals the
expected list exactly. With --conll, also score sentence starts on CoNLL documents (one sentence per block), each
document rebuilt as running text: tokens joined by spaces (none before closing punctuation), sentences by one space.

    .venv/bin/python bench/eval_sentences.py --data ../shared/eval/golden_rules_en_pysbd48.json
    .venv/bin/python bench/eval_sentences.py --data FILE --splitter pysbd   # compare with a library, if installed
    .venv/bin/python bench/eval_sentences.py --data FILE --conll ../shared/eval/wikigold/wikigold.conll.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from generator.text import split_sentences


def load_splitter(name: str) -> Callable[[str], list[str]]:
    """This project's splitter, or a library's for comparison (imported only when asked for)."""
    if name == "briefing":
        return split_sentences
    if name == "pysbd":
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        return segmenter.segment
    if name == "syntok":
        from syntok import segmenter as syntok_segmenter

        def split(text: str) -> list[str]:
            return [
                "".join(t.spacing + t.value for t in sentence).strip()
                for paragraph in syntok_segmenter.analyze(text)
                for sentence in paragraph
            ]

        return split
    if name == "blingfire":
        import blingfire

        return lambda text: blingfire.text_to_sentences(text).split("\n")
    raise SystemExit(f"unknown splitter {name!r}: use briefing, pysbd, syntok or blingfire")


def evaluate(rules: list[dict], split: Callable[[str], list[str]]) -> list[tuple[int, dict, list[str]]]:
    """The failing rules: (index, rule, what the splitter returned)."""
    failures = []
    for i, rule in enumerate(rules):
        got = [s.strip() for s in split(rule["text"]) if s.strip()]
        if got != rule["expected"]:
            failures.append((i, rule, got))
    return failures


def read_conll_documents(path: Path) -> list[list[list[str]]]:
    """Documents as lists of sentences as lists of tokens."""
    documents: list[list[list[str]]] = [[]]
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if line.startswith("-DOCSTART-") and documents[-1]:
                documents.append([])
        else:
            sentence.append(line.rsplit(" ", 1)[0])
    return [d for d in documents if d]


_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'"}


def detokenize(tokens: list[str]) -> str:
    """Running text from tokens; straight double quotes alternate between opening and closing."""
    out: list[str] = []
    quote_open = glue_next = False
    for token in tokens:
        glue = glue_next or token in _NO_SPACE_BEFORE or (token == '"' and quote_open)
        out.append(token if glue or not out else " " + token)
        if token == '"':
            quote_open = not quote_open
        glue_next = token in ("(", "[", "$") or (token == '"' and quote_open)
    return "".join(out)


def score_conll(path: Path, split: Callable[[str], list[str]]) -> tuple[int, int, int]:
    """(true, false, missed) sentence starts over all documents."""
    true = false = missed = 0
    for document in read_conll_documents(path):
        sentences = [detokenize(tokens) for tokens in document]
        text = " ".join(sentences)
        gold, pos = set(), 0
        for sentence in sentences:
            gold.add(pos)
            pos += len(sentence) + 1
        found, pos = set(), 0
        for sentence in split(text):
            pos = text.index(sentence.strip(), pos)
            found.add(pos)
        true += len(gold & found)
        false += len(found - gold)
        missed += len(gold - found)
    return true, false, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="golden_rules_en_pysbd48.json")
    parser.add_argument("--conll", type=Path, help="also score sentence starts on a CoNLL file (e.g. wikigold)")
    parser.add_argument("--splitter", default="briefing", help="briefing (default), pysbd, syntok or blingfire")
    args = parser.parse_args(argv)
    rules = json.loads(args.data.read_text(encoding="utf-8"))
    split = load_splitter(args.splitter)
    failures = evaluate(rules, split)
    print(f"{args.splitter}: {len(rules) - len(failures)}/{len(rules)} golden rules pass")
    for i, rule, got in failures:
        print(f"\nFAIL rule {i}: {rule['text']!r}\n  expected {rule['expected']!r}\n  got      {got!r}")
    if args.conll:
        true, false, missed = score_conll(args.conll, split)
        precision, recall = true / (true + false), true / (true + missed)
        f1 = 2 * precision * recall / (precision + recall)
        print(f"{args.conll.name}: sentence starts P {precision:.3f} R {recall:.3f} F1 {f1:.3f}", end=" ")
        print(f"({true} found, {false} false, {missed} missed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
