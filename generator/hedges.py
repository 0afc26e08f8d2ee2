"""Hedged, speculative and unknown claims, questions the text asks, and scheduled future events.

Each sentence gets at most one Hedge, of the most telling kind (question > unknown > hedged > future, as set in
`resources/hedges/cues.yaml`). The cue lists are data; the guards below keep "May" the month, "the will of the
people", "could not stop" and a speaker's "could" about the past out. Quoted words come from the quote layer
(`generator.quotes`), dates from the time expressions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model import Document, Hedge, Sentence
from generator.quotes import quotes_of
from generator.text import phrase_alternation

RESOURCE = Path(__file__).resolve().parent / "resources" / "hedges" / "cues.yaml"
_NEXT_WORD = re.compile(r"\s*([\w'’”]+|[^\w\s])")
_PREVIOUS_WORD = re.compile(r"([\w'’]+)\s*$")
_WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?:['’][a-z]+)?")
_NUMBER_NEXT = re.compile(r"\s{0,3}\d")
_CLOSERS = "\"'”’)] "


@dataclass(frozen=True)
class Cues:
    """The cue resource, compiled once: one regex with a named group per kind, scanned once per document."""

    priority: list[str]
    kind_of: dict[str, str]
    pattern: re.Pattern[str]
    first_words: frozenset[str]  # lower-cased first word of every cue: the only places the pattern is tried
    not_after: dict[str, frozenset[str]]
    not_before: dict[str, frozenset[str]]
    not_in_quotes: frozenset[str]
    will_noun_before: frozenset[str]


def _pattern(data: dict, kinds: list[str]) -> re.Pattern[str]:
    """One whole-word regex over all cue kinds, in priority order; a first-letter lookahead skips most positions."""
    sensitive = data["case_sensitive"]
    phrases = [p for kind in kinds for p in data[kind]]
    first = "".join(sorted({c for p in phrases for c in (p[0].lower(), p[0].upper())}))
    groups = "|".join(f"(?P<{kind}>{phrase_alternation(data[kind], sensitive)})" for kind in kinds)
    return re.compile(rf"(?<![\w-])(?=[{re.escape(first)}])(?:{groups})(?![\w-])", re.IGNORECASE)


@functools.cache
def cues() -> Cues:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    kinds = [k for k in data["priority"] if k != "question"]
    return Cues(
        priority=data["priority"],
        kind_of=data.get("kind_of", {}),
        pattern=_pattern(data, kinds),
        first_words=frozenset(p.split()[0].lower().replace("’", "'") for k in kinds for p in data[k]),
        not_after={cue: frozenset(words) for cue, words in data["not_after"].items()},
        not_before={cue: frozenset(words) for cue, words in data["not_before"].items()},
        not_in_quotes=frozenset(data["not_in_quotes"]),
        will_noun_before=frozenset(data["will_noun_before"]),
    )


def quoted_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of quoted words, from the quote layer: speech, and scare quotes and titles too (a "may" or a "?"
    inside them is not the article's)."""
    return sorted({(q.start, q.end) for q in quotes_of(doc)})


def _in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    # spans are few per sentence; a linear scan over the sentence's own spans is cheap
    return any(s <= start and end <= e for s, e in spans)


def extract_hedges(doc: Document) -> list[Hedge]:
    """At most one Hedge per sentence, of the highest-priority kind found in it."""
    quotes = quoted_spans(doc)
    cues_in = _cues_by_sentence(doc, quotes)
    rank = {kind: i for i, kind in enumerate(cues().priority)}
    hedges = []
    qi = 0
    for sentence in doc.sentences:
        while qi < len(quotes) and quotes[qi][1] <= sentence.start:
            qi += 1
        if _asks(doc, sentence, quotes[qi : qi + 50]):
            hedges.append(Hedge(sentence.start, sentence.end, sentence.text, "question", "?", sentence.index))
        elif found := cues_in.get(sentence.index):
            kind, cue = min(found, key=lambda kc: rank[kc[0]])  # min keeps the first of equal rank
            reported = cues().kind_of.get(kind, kind)
            hedges.append(Hedge(sentence.start, sentence.end, sentence.text, reported, cue, sentence.index))
    return hedges


def _cues_by_sentence(doc: Document, quotes: list[tuple[int, int]]) -> dict[int, list[tuple[str, str]]]:
    """Every cue that survives its guards, as (kind, cue), per sentence index: one scan of the text."""
    dates = [(t.start, t.end) for t in doc.timexes if t.type in ("DATE", "TIME")]
    found: dict[int, list[tuple[str, str]]] = {}
    si, qi = 0, 0
    sentences = doc.sentences
    for m in _cue_matches(doc.text):
        start, end = m.start(), m.end()
        while si < len(sentences) and sentences[si].end <= start:
            si += 1
        if si == len(sentences):
            break
        if start < sentences[si].start:
            continue
        while qi < len(quotes) and quotes[qi][1] <= start:
            qi += 1
        cue = " ".join(m.group(0).lower().split()).replace("’", "'")
        if _keeps(doc.text, cue, start, end, quotes[qi : qi + 8], dates):
            found.setdefault(sentences[si].index, []).append((m.lastgroup or "", cue))
    return found


def _cue_matches(text: str) -> Iterator[re.Match[str]]:
    """Cue matches in text order. Trying the big pattern only at words that can start a cue is several times
    faster than letting the regex engine try every position."""
    pattern, first_words = cues().pattern, cues().first_words
    resume = 0
    for word in _WORD.finditer(text):
        if word.start() < resume or word.group(0).lower().replace("’", "'") not in first_words:
            continue
        m = pattern.match(text, word.start())
        if m:
            resume = m.end()
            yield m


def _keeps(
    text: str, cue: str, start: int, end: int, quotes: list[tuple[int, int]], dates: list[tuple[int, int]]
) -> bool:
    if cue in cues().not_in_quotes and _in_spans(quotes, start, end):
        return False
    if cue == "may" and (_followed_by_number(text, end) or any(s <= start < e for s, e in dates)):
        return False
    return _fits_context(text, cue, start, end)


def _asks(doc: Document, sentence: Sentence, quotes: list[tuple[int, int]]) -> bool:
    """The sentence ends with a question mark of its own, not one inside quoted speech."""
    text = sentence.text.rstrip(_CLOSERS)
    if not text.endswith("?"):
        return False
    mark = sentence.start + len(text) - 1
    return not _in_spans(quotes, mark, mark + 1)


def _followed_by_number(text: str, end: int) -> bool:
    return bool(_NUMBER_NEXT.match(text, end))


def _fits_context(text: str, cue: str, start: int, end: int) -> bool:
    """'will' must be the modal before a verb; 'could not' only counts among the unknown cues."""
    nxt = _NEXT_WORD.match(text, end)
    word = nxt.group(1).lower().replace("’", "'") if nxt else ""
    if word in cues().not_after.get(cue, ()):
        return False
    before = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    previous = before.group(1).lower() if before else ""
    if previous in cues().not_before.get(cue, ()):
        return False
    if cue == "will":
        return previous not in cues().will_noun_before and word.isalpha() and word.islower()
    return True
