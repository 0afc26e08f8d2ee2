"""Timeline events: statements anchored to a date, and the publication date of undated articles.

An event is a sentence's statement dated by the time expression of its main clause. Durations, sets, references
(`now`, `recently`), stamps of the page itself ("Updated: 11:24, Tue, Oct 28, 2025"), photo captions and dates buried
in a phrase about something else ("for the first time since its founding in 1948") date nothing. A sentence with
several distinct dated facts gives several events.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from generator import timex as timex_tagger
from generator.model import Document, Event, Sentence, Timex
from generator.text import DASHED_ASIDE


@cache
def rules() -> dict:
    return timex_tagger.resource("events")


@cache
def stamp_regex() -> re.Pattern:
    return re.compile("|".join(rules()["stamp_labels"]))


@cache
def nominal_opener_regex() -> re.Pattern:
    words = sorted(rules()["nominal_openers"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b(?P<rest>[^,;:]*)$", re.IGNORECASE)


@cache
def relative_clause_regex() -> re.Pattern:
    words = "|".join(rules()["relative_openers"])
    return re.compile(r",\s*(?:" + words + r")\b[^,;]*$", re.IGNORECASE)


@cache
def attributive_year_regex() -> re.Pattern:
    words = "|".join(re.escape(w) for w in rules()["attributive_year_openers"])
    return re.compile(r"(?:(?<![\w'’])(?:" + words + r")|\w(?:'s|’s))\s+$", re.IGNORECASE)


_STORY_WORD = re.compile(r"\b[a-z]{3,}\b")  # lower-case words: a stamp has next to none beside its dates


@cache
def verb_regex() -> re.Pattern:
    """A finite verb, roughly: a past tense in -ed or one of the listed verbs."""
    return re.compile(r"\b(?:[a-z]{2,}ed|" + "|".join(map(re.escape, rules()["clause_verbs"])) + r")\b")


@cache
def precision_patterns() -> dict[str, re.Pattern]:
    return {name: re.compile(pattern) for name, pattern in rules()["precision"].items()}


# --------------------------------------------------------------------------- #
# Dates of events
# --------------------------------------------------------------------------- #


def event_date(t: Timex) -> tuple[str, str] | None:
    """(date, precision) of a time expression that can date an event, else None."""
    if t.type not in ("DATE", "TIME") or t.mod in rules()["open_mods"]:
        return None
    value = t.value
    for precision, pattern in precision_patterns().items():
        if pattern.match(value):
            date = value[:10] if precision == "day" else value
            approximate = t.mod in rules()["approximate_mods"]
            return date, "approximate" if approximate else precision
    return _coarse_date(value)


def _coarse_date(value: str) -> tuple[str, str] | None:
    """Quarters, weeks, seasons and halves become the month they start in, marked approximate."""
    for pattern, kind in rules()["approximate"].items():
        m = re.match(pattern, value)
        if not m:
            continue
        year, part = int(m.group(1)), m.group(2)
        if kind == "quarter":
            month = 3 * (int(part) - 1) + 1
        elif kind == "half":
            month = 1 if part == "1" else 7
        elif kind == "season":
            month = rules()["season_months"][part]
        else:
            try:
                month = dt.date.fromisocalendar(year, int(part), 4).month
            except ValueError:
                return None
        return f"{year}-{month:02d}", "approximate"
    return None


def is_future(date: str, published: dt.date | None, future_tense: bool = False) -> bool:
    """Whether a (partial) date lies after the article's date, at the date's own precision. A date that contains the
    article's date ("this year", "today") is ahead only in a future-tense clause ("the polls will close at 3 p.m.")."""
    if published is None:
        return False
    own = published.isoformat()[: len(date)]
    return date > own or (date == own and future_tense)


_WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})")


def week_before(value: str, published: dt.date | None) -> bool:
    """Whether a week value ("last week": 2006-W48) ends before the article's week. Shown at month precision, such a
    week may share the article's month, but it cannot lie ahead however the clause is worded ("the pact that
    disbanded last week would vote against it")."""
    m = _WEEK_VALUE.match(value)
    return bool(m and published) and (int(m[1]), int(m[2])) < published.isocalendar()[:2]


def event_basis(t: Timex, doc: Document) -> str:
    """How the date was obtained; a date counted from an estimated publication date is inferred, not relative."""
    if t.basis == "relative" and doc.published_basis == "estimated":
        return "inferred"
    return t.basis


# --------------------------------------------------------------------------- #
# Which time expressions date the sentence
# --------------------------------------------------------------------------- #


def is_stamp(sentence: Sentence, timexes: list[Timex]) -> bool:
    """The article's own creation / update stamp, not a statement."""
    if stamp_regex().search(sentence.text):
        return True
    rest = sentence.text
    for t in sorted(timexes, key=lambda t: t.start, reverse=True):
        a, b = t.start - sentence.start, t.end - sentence.start
        rest = rest[:a] + " " + rest[b:]
    return len(_STORY_WORD.findall(rest)) <= rules()["stamp_max_story_words"]


def is_caption(sentence: Sentence) -> bool:
    return any(marker in sentence.text for marker in rules()["caption_markers"])


def is_buried(sentence: Sentence, t: Timex) -> bool:
    """A date inside a phrase about something else: a nominal `since` phrase, a relative clause, a parenthesis or an
    aside between dashes ("Putin (in power since 2000) met Kim on Monday")."""
    before = sentence.text[: t.start - sentence.start]
    if before.count("(") > before.count(")"):
        return True
    a, b = t.start - sentence.start, t.end - sentence.start
    if any(m.start() < a and b < m.end() for m in DASHED_ASIDE.finditer(sentence.text)):
        return True  # an aside between dashes: "Hamas -- the movement that won the elections this year -- and"
    m = nominal_opener_regex().search(before)
    # "since its founding in 1948": a noun phrase about something else; a bare "since 2014" dates the clause's state
    if m and m.group("rest").strip() and not verb_regex().search(m.group("rest")):
        return True
    return bool(relative_clause_regex().search(before))


def is_attributive(sentence: Sentence, t: Timex) -> bool:
    """A year or a range of years used as a modifier ("the 2016 Olympic Games", "a 2016 bid", "its 2007-2013
    budget"), or a month that names a contract ("crude for January delivery"): it names a thing, it dates nothing."""
    a, b = t.start - sentence.start, t.end - sentence.start
    if _MONTH.fullmatch(t.value) and timex_tagger.names_a_contract(sentence.text, a, b):
        return True
    if not re.fullmatch(r"\d{2,4}", t.text):
        return False
    after_range = _RANGE_REST.match(sentence.text, b)
    before_range = _RANGE_START.search(sentence.text, max(0, a - 8), a)
    if len(t.text) == 2 and before_range is None:
        return False  # two digits are a year only as the end of a range ("1997-98")
    a, b = before_range.start() if before_range else a, after_range.end() if after_range else b
    before = sentence.text[max(0, a - 20) : a]
    return bool(attributive_year_regex().search(before)) and re.match(r" [^\W\d_]", sentence.text[b:]) is not None


_MONTH = re.compile(r"\d{4}-\d\d")
# The rest of a range of years after its first year ("-2013", "-98"), and its first year before its last
_RANGE_REST = re.compile(r"\s?[-–/]\s?\d{2,4}(?!\d)")
_RANGE_START = re.compile(r"\d{4}\s?[-–/]\s?$")


def dating_timexes(sentence: Sentence, timexes: list[Timex]) -> list[tuple[Timex, str, str]]:
    """The time expressions that date statements of this sentence, one per distinct date."""
    seen: set[str] = set()
    out = []
    for t in timexes:
        dated = event_date(t)
        if dated is None or dated[0] in seen or is_buried(sentence, t) or is_attributive(sentence, t):
            continue
        seen.add(dated[0])
        out.append((t, *dated))
    return out


def participants(doc: Document, start: int, end: int) -> list[str]:
    names = [m.name for m in doc.mentions if start <= m.start and m.end <= end]
    return list(dict.fromkeys(names))


def extract_events(doc: Document) -> list[Event]:
    by_sentence: dict[int, list[Timex]] = {}
    for t in doc.timexes:
        s = doc.sentence_at(t.start)
        if s is not None:
            by_sentence.setdefault(s.index, []).append(t)
    events = []
    for index, timexes in sorted(by_sentence.items()):
        s = doc.sentences[index]
        if s.heading or is_caption(s) or is_stamp(s, timexes):
            continue
        for t, date, precision in dating_timexes(s, timexes):
            future = is_future(date, doc.published, timex_tagger.tense(doc.text, t.start, t.end) == "future")
            future = future and not week_before(t.value, doc.published)
            events.append(
                Event(
                    doc.id, s.index, s.start, s.end, s.text, date, precision, event_basis(t, doc), future, t,
                    participants(doc, s.start, s.end),
                )
            )  # fmt: skip
    return events


# --------------------------------------------------------------------------- #
# Publication date of an undated article
# --------------------------------------------------------------------------- #


def estimate_publication_date(doc: Document) -> None:
    """Estimate an undated article's date from its own text, and mark it `estimated` so that no page presents it as
    fact: the latest explicit full date it reports (a date in a future-tense clause announces, it does not report).
    The article cannot be older than the latest day it reports, so this is at worst a lower bound.

    Measured (bench/eval_timex.py --dates hides each article's front-matter date): wire stories rarely name a full
    date in their body (3%), and when they do it is mostly background history, so the estimate serves articles like
    explainers that name the day of their news, not wire copy. Weaker clues (a year-less day in the latest year
    named, the latest month named) were within a week of the true date for 5% and 0% of the articles they would
    date, so such articles stay undated rather than wrongly dated."""
    timexes = timex_tagger.tag_timexes(doc.text, None)
    days = [
        t.value[:10]
        for t in timexes
        if t.basis == "explicit"
        and t.type in ("DATE", "TIME")
        and _FULL_DATE.match(t.value)
        and timex_tagger.tense(doc.text, t.start, t.end) != "future"
    ]
    if days:
        doc.published, doc.published_basis = dt.date.fromisoformat(max(days)), "estimated"


_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
