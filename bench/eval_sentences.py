"""Score a sentence splitter on the English Golden Rules: a rule passes when the split, each item stripped, equals the
expected list exactly.

    .venv/bin/python bench/eval_sentences.py --data ../shared/eval/golden_rules_en_pysbd48.json
    .venv/bin/python bench/eval_sentences.py --data FILE --splitter pysbd   # compare with a library, if installed
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="golden_rules_en_pysbd48.json")
    parser.add_argument("--splitter", default="briefing", help="briefing (default), pysbd, syntok or blingfire")
    args = parser.parse_args(argv)
    rules = json.loads(args.data.read_text(encoding="utf-8"))
    failures = evaluate(rules, load_splitter(args.splitter))
    print(f"{args.splitter}: {len(rules) - len(failures)}/{len(rules)} golden rules pass")
    for i, rule, got in failures:
        print(f"\nFAIL rule {i}: {rule['text']!r}\n  expected {rule['expected']!r}\n  got      {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
