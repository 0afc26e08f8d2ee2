"""Hedged, speculative and unknown claims, questions the text asks, and scheduled future events.

Each sentence gets at most one Hedge, of the most telling kind (question > unknown > hedged > future, as set in
`resources/hedges/cues.yaml`). The cue lists are data; the guards below keep "May" the month, "the will of the
people", "could not stop" and a speaker's "could" about the past out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model import Document, Hedge, Sentence

RESOURCE = Path(__file__).resolve().parent / "resources" / "hedges" / "cues.yaml"
_QUOTED = re.compile(r"“[^“”]{1,600}”|\"[^\"\n]{1,600}\"")
_NEXT_WORD = re.compile(r"\s*([\w'’”]+|[^\w\s])")
_PREVIOUS_WORD = re.compile(r"([\w'’]+)\s*$")
_CLOSERS = "\"'”’)] "


@dataclass(frozen=True)
class Cues:
    """The cue resource, compiled once: one regex per kind."""

    priority: list[str]
    kind_of: dict[str, str]
    patterns: dict[str, re.Pattern[str]]
    not_after: dict[str, frozenset[str]]
    not_before: dict[str, frozenset[str]]
    not_in_quotes: frozenset[str]
    will_noun_before: frozenset[str]


def _pattern(phrases: list[str], case_sensitive: set[str]) -> re.Pattern[str]:
    """Whole-word alternation, longest first; case-sensitive phrases are wrapped in an inline flag group."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(f"(?-i:{body})" if phrase in case_sensitive else body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@functools.cache
def cues() -> Cues:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    sensitive = set(data["case_sensitive"])
    kinds = [k for k in data["priority"] if k != "question"]
    return Cues(
        priority=data["priority"],
        kind_of=data.get("kind_of", {}),
        patterns={kind: _pattern(data[kind], sensitive) for kind in kinds},
        not_after={cue: frozenset(words) for cue, words in data["not_after"].items()},
        not_before={cue: frozenset(words) for cue, words in data["not_before"].items()},
        not_in_quotes=frozenset(data["not_in_quotes"]),
        will_noun_before=frozenset(data["will_noun_before"]),
    )


def quoted_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of quoted words: the quote layer when present, and any paired quotation marks."""
    spans = {(q.start, q.end) for q in doc.quotes if q.kind != "scare"}
    spans.update((m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(doc.text))
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    # spans are few per sentence; a linear scan over the sentence's own spans is cheap
    return any(s <= start and end <= e for s, e in spans)


def extract_hedges(doc: Document) -> list[Hedge]:
    """At most one Hedge per sentence, of the highest-priority kind found in it."""
    quotes = quoted_spans(doc)
    dates = [(t.start, t.end) for t in doc.timexes if t.type in ("DATE", "TIME")]
    hedges = []
    qi = 0
    for sentence in doc.sentences:
        while qi < len(quotes) and quotes[qi][1] <= sentence.start:
            qi += 1
        local = [q for q in quotes[qi : qi + 50] if q[0] < sentence.end]
        hedge = _hedge_in(doc, sentence, local, dates)
        if hedge is not None:
            hedges.append(hedge)
    return hedges


def _hedge_in(
    doc: Document, sentence: Sentence, quotes: list[tuple[int, int]], dates: list[tuple[int, int]]
) -> Hedge | None:
    for kind in cues().priority:
        if kind == "question":
            if _asks(doc, sentence, quotes):
                return Hedge(sentence.start, sentence.end, sentence.text, "question", "?", sentence.index)
            continue
        cue = _first_cue(doc, sentence, kind, quotes, dates)
        if cue is not None:
            reported = cues().kind_of.get(kind, kind)
            return Hedge(sentence.start, sentence.end, sentence.text, reported, cue, sentence.index)
    return None


def _asks(doc: Document, sentence: Sentence, quotes: list[tuple[int, int]]) -> bool:
    """The sentence ends with a question mark of its own, not one inside quoted speech."""
    text = sentence.text.rstrip(_CLOSERS)
    if not text.endswith("?"):
        return False
    mark = sentence.start + len(text) - 1
    return not _in_spans(quotes, mark, mark + 1)


def _first_cue(
    doc: Document, sentence: Sentence, kind: str, quotes: list[tuple[int, int]], dates: list[tuple[int, int]]
) -> str | None:
    for m in cues().patterns[kind].finditer(doc.text, sentence.start, sentence.end):
        cue = re.sub(r"\s+", " ", m.group(0).lower()).replace("’", "'")
        start, end = m.start(), m.end()
        if cue in cues().not_in_quotes and _in_spans(quotes, start, end):
            continue
        if cue == "may" and (_followed_by_number(doc.text, end) or any(s <= start < e for s, e in dates)):
            continue
        if not _fits_context(doc.text, cue, start, end):
            continue
        return cue
    return None


def _followed_by_number(text: str, end: int) -> bool:
    return bool(re.match(r"\s*\d", text[end : end + 4]))


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
