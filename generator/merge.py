"""Merge annotated documents into briefings.

Documents are split into stories (`generator.cluster`), then each story's layers are merged across its sources:
events reporting the same happening become one timeline item citing every source sentence, repeated quotes
become one key quote with all their sources, and a few central sentences make the overview. Entities, disputes
and open questions come from their own stages; `generator.state` says what changed since the previous build.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import cluster, entities, figures, questions, state
from generator.cluster import content_words, entity_key, settings
from generator.model import (
    Briefing,
    Document,
    Entity,
    Event,
    KeyQuote,
    Mention,
    OverviewItem,
    Quote,
    Sentence,
    SourceRef,
    TimelineItem,
)

_WORDS = re.compile(r"\w+")
_QUOTED = re.compile(r"[\"“]([^\"“”]*)[\"”]")
_PRINCIPAL_TYPES = {"person", "organization"}
_LETTERS = re.compile(r"[^\W\d_]+")
_AFTER_BE = re.compile(r"\b(?:be|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)  # "to be held", "be formally signed"
_DIGIT = re.compile(r"\d")
_SCORE = re.compile(r"(?<![\w.,-])(\d{1,3})-(\d{1,3})(?![\w.,-])")  # "2-1", "57-48"
_ADJECTIVE_COMPOUND = re.compile(r"-[a-z]+$")  # "UN-backed", "Islamist-imposed": adjectives, not names


def ref(doc: Document, start: int, end: int) -> SourceRef:
    sentence = doc.sentence_at(start)
    return SourceRef(doc.id, start, end, sentence.index if sentence else 0)


def build_briefings(documents: list[Document], previous: dict | None = None) -> list[Briefing]:
    """One briefing per story; `previous` is the earlier build's state (`generator.state.load_state`)."""
    seen_before = state.known_documents(previous) if previous is not None else None
    return [build_briefing(group, seen_before) for group in cluster.cluster_documents(documents, previous)]


def build_briefing(group: cluster.Cluster, seen_before: set[str] | None = None) -> Briefing:
    """Merge one story's documents; `seen_before` (the previous build's document ids) turns on change reports."""
    docs = group.documents
    briefing = Briefing(slug=group.slug, title=group.title, documents=docs)
    briefing.entities = entities.link_entities(docs)
    briefing.timeline = merge_events(docs)
    briefing.quotes = rank_quotes(docs, briefing.entities)
    briefing.overview = choose_overview(docs)
    briefing.key_facts = key_facts(docs, briefing.timeline, briefing.entities)
    briefing.disputes = figures.find_disputes(docs)
    briefing.questions = questions.build_questions(docs, briefing.disputes, briefing.timeline)
    if seen_before is not None:
        briefing.changes = state.compare(group.previous or None, briefing, seen_before)
    return briefing


# --------------------------------------------------------------------------- #
# Shared helpers
# --------------------------------------------------------------------------- #


def date_sort_key(date: str) -> tuple[int, int, int]:
    """Year before its months, a month before its days: "2024" < "2024-06" < "2024-06-01"."""
    year, month, day = ([int(p) if p.isdigit() else 0 for p in date.split("-")[:3]] + [0, 0])[:3]
    return year, month, day


def dates_compatible(a: str, b: str) -> bool:
    """Same date at the coarser precision of the two ("2024" and "2024-06" agree, "2024-06-02" and "2024-06-03" not)."""
    return a.startswith(b) or b.startswith(a)


def mentions_in(doc: Document, start: int, end: int) -> list[Mention]:
    return [m for m in doc.mentions if m.start < end and m.end > start]


# --------------------------------------------------------------------------- #
# Events -> timeline
# --------------------------------------------------------------------------- #


@dataclass
class _Happening:
    """Events that report the same happening; grows as matching events arrive."""

    members: list[tuple[Document, Event]] = field(default_factory=list)
    wordings: list[_Wording] = field(default_factory=list)
    people: set[str] = field(default_factory=set)  # canonical keys of participating persons
    actors: set[str] = field(default_factory=set)  # ... of participating persons and organisations
    date: str = ""


@dataclass
class _Wording:
    """What an event says, ready for comparison."""

    weights: dict[str, float]  # content term -> idf within the briefing
    actions: set[str]  # action words: lower case, not names
    people: set[str]
    actors: set[str]
    figures: list[float] = field(default_factory=list)  # values of the numeric claims in the event's span
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # runs of consecutive content words
    measures: dict[str, list[_Number]] = field(default_factory=dict)  # measure word -> numbers given for it
    scores: set[tuple[int, int]] = field(default_factory=set)  # results such as "2-1"
    verbs: set[str] = field(default_factory=set)  # event verbs of the sentence ("adopt", "vow")
    head: str | None = None  # the one closest to the time expression
    organisations: set[str] = field(default_factory=set)  # organisations acting (cited outlets left out)
    places: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Number:
    value: float
    precise: bool  # written to the last unit ("5,177.97", "2,438"), not rounded or hedged ("some 19", "2,800")


@dataclass(frozen=True)
class _MeasureRules:
    pattern: re.Pattern[str]
    symbols: dict[str, str]
    scales: dict[str, float]
    not_measures: frozenset[str]
    approximate: re.Pattern[str]  # matches the text just before a hedged number


@functools.cache
def _measure_rules() -> _MeasureRules:
    config = cluster.lexicon()["measures"]
    scales = {str(k): float(v) for k, v in config["scales"].items()}
    symbols = "|".join(re.escape(s) for s in config["symbols"])
    pattern = re.compile(
        r"(?<![\w.,])(?<!\d, )(?<!\d-)(\d[\d,]*(?:\.\d+)?)\s*(?:-\s*)?"
        rf"(?:({'|'.join(scales)})\s+)?({symbols}|[^\W\d_A-Z][^\W\d_]+)?"
    )
    hedges = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in config["approximators"])
    approximate = re.compile(rf"\b(?:{hedges})\s+$", re.IGNORECASE)
    return _MeasureRules(pattern, dict(config["symbols"]), scales, frozenset(config["not_measures"]), approximate)


def _is_precise(written: str, before: str, rules: _MeasureRules) -> bool:
    if rules.approximate.search(before):
        return False
    digits = written.replace(",", "")
    if "." in digits:
        return True
    return len(digits.rstrip("0")) >= settings()["events"]["precise_digits"]


def _measures(doc: Document, event: Event, dates: list[tuple[int, int]]) -> dict[str, list[_Number]]:
    """The numbers an event gives near its time expression, by the measure word that follows them ("9.12 points",
    "30-year"); numbers that are part of a date ("July 21, 2005") or have no lower-case measure word ("2,820 U.S.
    soldiers") are left out."""
    rules = _measure_rules()
    found: dict[str, list[_Number]] = defaultdict(list)
    for match in rules.pattern.finditer(doc.text, event.start, event.end):
        word = (match.group(3) or "").lower()
        if not word or word in rules.not_measures or any(s <= match.start() < e for s, e in dates):
            continue
        if not _near_time(event, match.start()):
            continue  # a number of another clause ("his 16-1 record ..., with his only loss in 2002")
        written = match.group(1)
        try:
            value = float(written.replace(",", ""))
        except ValueError:
            continue
        if match.group(2):
            value *= rules.scales[match.group(2).lower()]
        before = doc.text[max(0, match.start() - 20) : match.start()]
        measure = rules.symbols.get(word) or cluster.normalise(word)
        found[measure].append(_Number(value, _is_precise(written, before, rules)))
    return dict(found)


def _near_time(event: Event, offset: int) -> bool:
    anchor = event.timex
    if anchor is None:
        return True
    return max(anchor.start - offset, offset - anchor.end, 0) <= settings()["events"]["near_timex_chars"]


def _numbers(doc: Document, event: Event) -> tuple[dict[str, list[_Number]], set[tuple[int, int]]]:
    """(measures, scores) of an event; the spans of its dates are skipped."""
    if not _DIGIT.search(doc.text, event.start, event.end):
        return {}, set()
    dates = [(t.start, t.end) for t in doc.timexes if t.start < event.end and t.end > event.start]
    return _measures(doc, event, dates), _scores(doc, event, dates)


def _scores(doc: Document, event: Event, dates: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Results written as "2-1" or "57-48" (higher first, so "won 2-1" and "lost 1-2" agree); dates left out."""
    found = set()
    for match in _SCORE.finditer(doc.text, event.start, event.end):
        if _near_time(event, match.start()) and not any(s <= match.start() < e for s, e in dates):
            a, b = int(match.group(1)), int(match.group(2))
            found.add((max(a, b), min(a, b)))
    return found


def _close(x: float, y: float, tolerance: float) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _numbers_agree(x: _Number, y: _Number) -> bool:
    config = settings()["events"]
    tolerance = config["precise_tolerance"] if x.precise and y.precise else config["figure_tolerance"]
    return _close(x.value, y.value, tolerance)


def _measures_differ(a: dict[str, list[_Number]], b: dict[str, list[_Number]]) -> bool:
    """Both give numbers for one measure and none of them agree: "down 9.12 points" / "down 18.12 points",
    "30-year mortgages" / "15-year mortgages" are different facts."""
    return any(not any(_numbers_agree(x, y) for x in a[m] for y in b[m]) for m in a.keys() & b.keys())


def _same_name(a: str, b: str) -> bool:
    """Canonical keys of one name written in full or in part: "apec" / "apec economic leaders",
    "hashimoto" / "ryutaro hashimoto"."""
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return long[: len(short)] == short or long[-len(short) :] == short


def _share_name(a: set[str], b: set[str]) -> bool:
    return bool(a & b) or any(_same_name(x, y) for x in a for y in b)


def _subjects_differ(a: _Wording, b: _Wording) -> bool:
    """Different named subjects mean different happenings: two people, two companies or exchanges, two places,
    unless the statements share one of their actors ("Putin and Kim" / "Putin")."""
    if a.people and b.people and not _share_name(a.people, b.people):
        return True
    if _share_name(a.actors, b.actors):
        return False
    if a.organisations and b.organisations:
        return True  # no organisation (nor person) in common
    return bool(a.places and b.places and not _share_name(a.places, b.places))


def _actions_differ(a: _Wording, b: _Wording) -> bool:
    """Each names a different thing happening then, and neither mentions the other's: "Iran on Saturday vowed to
    defy" / "the Council on Saturday adopted"; "signed ... pledging" / "pledged ... signing" agree."""
    return bool(a.head and b.head and a.head != b.head and a.head not in b.verbs and b.head not in a.verbs)


def _conflict(wording: _Wording, member: _Wording) -> bool:
    return (
        _subjects_differ(wording, member)
        or _measures_differ(wording.measures, member.measures)
        or bool(wording.scores and member.scores and not wording.scores & member.scores)
        or _actions_differ(wording, member)
    )


def _figure_values(doc: Document, event: Event) -> list[float]:
    return [f.value for f in doc.figures if event.start <= f.start < event.end and f.value is not None]


def _figures_agree(a: list[float], b: list[float], tolerance: float) -> bool:
    """Two statements with numbers report the same happening only if some of their numbers roughly agree
    ("343 killed", "at least 340 killed"); "exports rose 22%" and "imports rose 35%" are two facts."""
    if not a or not b:
        return True
    return any(abs(x - y) <= tolerance * max(abs(x), abs(y)) for x in a for y in b)


def _event_words(doc: Document, event: Event) -> list[tuple[str, int, bool, int]]:
    """(term, offset or -1, capitalised, distance in characters from the event's time expression) of each content
    word of the event. A sentence often holds several clauses; words near the time expression say most about what
    happened then."""
    words = cluster.document_words(doc)
    lo, hi = words.indices(event.start, event.end)
    if lo == hi:  # a span that does not point into the text: read the event's own words, all near
        return [(t, -1, cap, 0) for t, cap in content_words(event.text)]
    anchor = event.timex
    result = []
    for i in range(lo, hi):
        offset = words.offsets[i]
        distance = 0 if anchor is None else max(anchor.start - offset, offset - anchor.end, 0)
        result.append((words.terms[i], offset, words.capitalised[i], distance))
    return result


@dataclass(frozen=True)
class _Verbs:
    lemma: dict[str, str]  # normalised form -> verb
    past: frozenset[str]  # irregular past forms as written ("held", "met")
    attribution: frozenset[str]


def _regular_forms(verb: str) -> list[str]:
    """The inflections the suffix rules fold differently from the verb itself ("approved" -> "approv")."""
    if verb.endswith("e"):
        return [verb + "d", verb + "s", verb[:-1] + "ing"]
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb[:-1] + "ied", verb[:-1] + "ies", verb + "ing"]
    return [verb + "ed", verb + "s", verb + "ing"]


@functools.cache
def _verbs() -> _Verbs:
    """The event verbs of the lexicon's `actions`, with their forms."""
    lexicon = cluster.lexicon()
    lemma: dict[str, str] = {}
    past: set[str] = set()
    for forms in lexicon["actions"]:
        verb = str(forms[0])
        head = cluster.normalise(verb)
        for form in [verb, *_regular_forms(verb), *map(str, forms[1:])]:
            lemma.setdefault(cluster.normalise(form), head)
        past.update(str(f) for f in forms[1:] if str(f) != verb)
    attribution = frozenset(cluster.normalise(str(w)) for w in lexicon["attribution_actions"])
    return _Verbs(lemma, frozenset(past), attribution)


def _reports_past_action(text: str, offset: int, verbs: _Verbs) -> bool:
    """The word at `offset` is a verb in a past form ("adopted", "held"), where "the vote" or "the fall" may be
    nouns; not a passive yet to come ("will be held", "to be signed")."""
    written = _LETTERS.match(text, offset) if offset >= 0 else None
    if written is None:
        return False
    word = written.group(0).lower()
    if not (word.endswith("ed") or word in verbs.past):
        return False
    return not _AFTER_BE.search(text, max(0, offset - 12), offset)


@dataclass
class _Reading:
    """The words of one event: what the comparison of two events starts from."""

    nearness: dict[str, float]  # content term -> weight by distance from the time expression
    actions: set[str]  # action words: lower case, not names
    phrases: set[tuple[str, ...]]  # runs of consecutive content words
    verbs: set[str]  # event verbs anywhere in the sentence
    head: str | None  # the past-tense event verb closest to the time expression: what happened then


def _event_wording(doc: Document, event: Event) -> _Reading:
    """What an event says, calendar words left out. Action terms say what happened: written in lower case and
    not part of a name, so two events about the same people do not match on the names alone. Phrases are runs
    of consecutive content words ("comprehensive strategic partnership"): sharing one is strong evidence of
    talking about the same thing."""
    config = settings()["events"]
    calendar = cluster.calendar_words()
    verbs = _verbs()
    names = {t for name in event.participants for t in cluster.content_terms(name)}
    reading = _Reading({}, set(), set(), set(), None)
    sequence = []
    head_distance = -1
    for term, offset, capitalised, distance in _event_words(doc, event):
        if term in calendar:
            continue
        sequence.append(term)
        near = 1.0 if distance <= config["near_timex_chars"] else config["far_word_weight"]
        reading.nearness[term] = max(reading.nearness.get(term, 0.0), near)
        if capitalised or term in names:
            continue
        reading.actions.add(term)
        verb = verbs.lemma.get(term)
        if verb is None or verb in verbs.attribution:
            continue
        reading.verbs.add(verb)
        if distance > config["near_timex_chars"] or (0 <= head_distance <= distance):
            continue
        if _reports_past_action(doc.text, offset, verbs):
            reading.head, head_distance = verb, distance
    size = config["phrase_words"]
    reading.phrases = {tuple(sequence[i : i + size]) for i in range(len(sequence) - size + 1)}
    return reading


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Weight of the shared terms as a share of the lighter wording."""
    shared = sum(w for t, w in a.items() if t in b)
    lighter = min(sum(a.values()), sum(b.values())) or 1.0
    return shared / lighter


def _same_happening(happening: _Happening, date: str, wording: _Wording) -> float:
    """How well an event matches a happening (0.0: not the same)."""
    config = settings()["events"]
    if not dates_compatible(happening.date, date):
        return 0.0
    if any(_conflict(wording, member) for member in happening.wordings):
        return 0.0  # another subject, or other numbers for the same measure, than one of its reports
    # Shared actors let one shared action word do, if the wordings agree more overall.
    if wording.actors & happening.actors:
        needed, bar = 1, config["min_overlap_with_actors"]
    else:
        needed, bar = config["min_shared_words"], config["min_overlap"]
    best = 0.0
    for member in happening.wordings:
        if not _figures_agree(wording.figures, member.figures, config["figure_tolerance"]):
            continue
        shared_actions = (wording.weights.keys() & member.weights.keys()) & (wording.actions | member.actions)
        if len(shared_actions) < needed:
            continue
        score = _overlap(wording.weights, member.weights)
        # A shared phrase ("comprehensive strategic partnership") with two shared action words may do with less.
        by_phrase = len(shared_actions) >= 2 and bool(wording.phrases & member.phrases)
        if score >= bar or (by_phrase and score >= config["min_overlap_with_phrase"]):
            best = max(best, score)
    return best


def _dated_events(documents: list[Document]) -> list[tuple[Document, Event]]:
    """Every dated event, finest dates first, one per (document, sentence, date)."""
    seen = set()
    events = []
    for doc in documents:
        for event in doc.events:
            key = (doc.id, event.sentence, event.date)
            if event.date[:4].isdigit() and key not in seen:
                seen.add(key)
                events.append((doc, event))
    events.sort(key=lambda pair: -len(pair[1].date))  # stable: document order within a precision
    return events


def _participant_kinds(documents: list[Document]) -> dict[str, str]:
    """Canonical key -> entity type, from the articles' own mentions."""
    return {entity_key(m.name): m.type for doc in documents for m in doc.mentions}


@functools.cache
def _outlet_words() -> frozenset[str]:
    return frozenset(cluster.lexicon()["outlet_words"])


@functools.lru_cache(maxsize=20_000)
def _is_outlet(key: str) -> bool:
    """A news outlet or agency ("jiji press", "xinhua"): it reports what happened rather than acting in it."""
    return any(word in _outlet_words() for word in key.split())


def _organisations(event: Event, kinds: dict[str, str]) -> set[str]:
    """Organisations taking part, leaving out cited outlets and adjectives read as names ("UN-backed")."""
    keys = {entity_key(p) for p in event.participants if not _ADJECTIVE_COMPOUND.search(p)}
    return {k for k in keys if kinds.get(k) == "organization" and not _is_outlet(k)}


def _places_near_time(doc: Document, event: Event) -> set[str]:
    """Places named close to the event's time expression ("in southern Poland on Tuesday"): where it happened,
    rather than a place the sentence mentions in another clause."""
    reach = settings()["events"]["near_timex_chars"]
    anchor = event.timex
    places = set()
    for m in mentions_in(doc, event.start, event.end):
        if m.type != "place" or _ADJECTIVE_COMPOUND.search(m.text):
            continue
        if anchor is None or max(anchor.start - m.end, m.start - anchor.end, 0) <= reach:
            places.add(entity_key(m.name))
    return places


def group_events(documents: list[Document]) -> list[_Happening]:
    """Group events reporting the same happening: compatible dates, shared actors, shared wording."""
    events = _dated_events(documents)
    readings = [_event_wording(doc, event) for doc, event in events]
    df = Counter(t for reading in readings for t in reading.nearness)
    n = len(events)
    kinds = _participant_kinds(documents)
    happenings: list[_Happening] = []
    # (year, term) -> happenings where it is an action word / any word: a match needs a shared action word
    by_action: dict[tuple[str, str], set[int]] = defaultdict(set)
    by_term: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (doc, event), reading in zip(events, readings, strict=True):
        terms, actions = reading.nearness, reading.actions
        participants = {entity_key(p) for p in event.participants}
        measures, scores = _numbers(doc, event)
        wording = _Wording(
            weights={t: (math.log((1 + n) / (1 + df[t])) + 1.0) * near for t, near in terms.items()},
            actions=actions,
            people={p for p in participants if kinds.get(p) == "person"},
            actors={p for p in participants if kinds.get(p) in _PRINCIPAL_TYPES},
            figures=_figure_values(doc, event),
            phrases=reading.phrases,
            verbs=reading.verbs,
            head=reading.head,
            measures=measures,
            scores=scores,
            organisations=_organisations(event, kinds),
            places=_places_near_time(doc, event),
        )
        year = event.date[:4]
        candidates: set[int] = set()
        for t in terms:
            candidates |= by_action.get((year, t), set())
        for t in actions:
            candidates |= by_term.get((year, t), set())
        scored = [(_same_happening(happenings[h], event.date, wording), h) for h in candidates]
        score, best = max(scored, default=(0.0, -1))
        if score <= 0.0:
            best = len(happenings)
            happenings.append(_Happening(date=event.date))
        happening = happenings[best]
        happening.members.append((doc, event))
        happening.wordings.append(wording)
        happening.people |= wording.people
        happening.actors |= wording.actors
        for term in actions:
            by_action[(year, term)].add(best)
        for term in terms:
            by_term[(year, term)].add(best)
    return happenings


def _representative(happening: _Happening) -> Event:
    """The member that states the finest date most directly (explicit first) and shares most with the other
    wordings; the shorter on ties."""
    rank = settings()["events"]["basis_rank"]

    def agreement(i: int) -> float:
        mine = happening.wordings[i].weights
        return sum(_overlap(mine, other.weights) for j, other in enumerate(happening.wordings) if j != i)

    finest = [i for i, (_, e) in enumerate(happening.members) if e.date == happening.date]
    best = min(
        finest,
        key=lambda i: (rank.get(happening.members[i][1].basis, 9), -agreement(i), len(happening.members[i][1].text)),
    )
    return happening.members[best][1]


def _importance(happening: _Happening, participants: list[str]) -> float:
    weights = settings()["events"]["importance"]
    docs = {doc.id for doc, _ in happening.members}
    figure_count = sum(1 for doc, e in happening.members for f in doc.figures if e.start <= f.start < e.end)
    explicit = any(e.basis == "explicit" for _, e in happening.members)
    return round(
        weights["document"] * len(docs)
        + weights["sentence"] * len(happening.members)
        + weights["participant"] * len(participants)
        + weights["figure"] * figure_count
        + weights["explicit"] * explicit,
        3,
    )


def unique_names(names: Iterable[str]) -> list[str]:
    """Names in order of first appearance, one per canonical key."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(entity_key(name), name)
    return list(seen.values())


def _one_per_sentence(members: list[tuple[Document, Event]]) -> list[tuple[Document, Event]]:
    """A sentence that dates one happening twice ("in June, on 19 June") is cited once."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for doc, event in members:
        if (doc.id, event.sentence) not in seen:
            seen.add((doc.id, event.sentence))
            kept.append((doc, event))
    return kept


def timeline_item(happening: _Happening, order: dict[str, int]) -> TimelineItem:
    """The happening as one item: the representative sentence first, then every other source in document order."""
    main = _representative(happening)
    members = sorted(happening.members, key=lambda m: (m[1] is not main, order[m[0].id], m[1].start))
    members = _one_per_sentence(members)
    participants = unique_names(p for _, e in members for p in e.participants)
    return TimelineItem(
        date=happening.date,
        precision=main.precision,
        basis=main.basis,
        future=all(e.future for _, e in members),
        text=main.text,
        sources=[SourceRef(doc.id, e.start, e.end, e.sentence) for doc, e in members],
        participants=participants,
        importance=_importance(happening, participants),
        texts=[e.text for _, e in members],
    )


def merge_events(documents: list[Document]) -> list[TimelineItem]:
    """The briefing's timeline: one item per happening, in date order, year before months before days."""
    order = {doc.id: i for i, doc in enumerate(documents)}
    items = [timeline_item(h, order) for h in group_events(documents)]
    items.sort(key=lambda t: (date_sort_key(t.date), order[t.sources[0].document], t.sources[0].start))
    return items


# --------------------------------------------------------------------------- #
# Quotes -> key quotes
# --------------------------------------------------------------------------- #


@dataclass
class _Speaker:
    name: str | None
    role: str | None = None
    principal: bool = False  # a named person or organisation


class SpeakerResolver:
    """Finds the entity behind a quote's speaker: by the mention it rests on, then by name or surname."""

    def __init__(self, entity_list: list[Entity]) -> None:
        self.by_key: dict[str, Entity] = {}
        self.by_mention: dict[tuple[str, int], Entity] = {}
        surnames: dict[str, list[Entity]] = defaultdict(list)
        for entity in entity_list:
            for name in [entity.name, *entity.aliases]:
                self.by_key.setdefault(entity_key(name), entity)
            for mention in entity.mentions:
                self.by_mention[(mention.document, mention.start)] = entity
            if entity.type == "person":
                surnames[entity_key(entity.name).split(" ")[-1]].append(entity)
        self.by_surname = {key: found[0] for key, found in surnames.items() if len(found) == 1}

    def entity(self, doc: Document, quote: Quote) -> Entity | None:
        if quote.speaker_start is not None and (doc.id, quote.speaker_start) in self.by_mention:
            return self.by_mention[(doc.id, quote.speaker_start)]
        if not quote.speaker:
            return None
        key = entity_key(quote.speaker)
        return self.by_key.get(key) or self.by_surname.get(key.split(" ")[-1] if key else "")

    def resolve(self, doc: Document, quote: Quote) -> _Speaker:
        found = self.entity(doc, quote)
        if found:
            return _Speaker(found.name, found.role, found.type in _PRINCIPAL_TYPES)
        mention = self._mention(doc, quote)
        if mention:  # entity linking found nothing: the article's own mention still names the speaker
            return _Speaker(mention.name, None, mention.type in _PRINCIPAL_TYPES)
        if quote.speaker and not cluster.content_terms(quote.speaker):
            return _Speaker(None)  # "he", "they": a pronoun nobody resolved names no one
        return _Speaker(quote.speaker)

    @staticmethod
    def _mention(doc: Document, quote: Quote) -> Mention | None:
        if quote.speaker_start is None or quote.speaker_end is None:
            return None
        found = mentions_in(doc, quote.speaker_start, quote.speaker_end)
        return found[0] if found else None


@dataclass
class _QuoteGroup:
    doc: Document
    quote: Quote
    speaker: _Speaker
    words: set[str]
    sources: list[SourceRef]


def _quote_rank(group: _QuoteGroup) -> tuple[int, float]:
    """(tier, -importance): clauses by named principals first, fragments after clauses, unknown speakers last."""
    config = settings()["quotes"]
    weights = config["weights"]
    length = len(_WORDS.findall(group.quote.text))
    importance = (
        weights["principal"] * group.speaker.principal
        + weights["known_speaker"] * (group.speaker.name is not None)
        + weights["length"] * min(length, 30) / 30
        + weights["speech"] * (group.quote.kind == "speech")
        + weights["source"] * (len({r.document for r in group.sources}) - 1)
    )
    fragment = length < config["min_words"]
    if group.speaker.name is None:
        tier = 4 + fragment  # unknown speakers last
    else:  # clauses before fragments; a named principal before other speakers ("both sides", a country)
        tier = 2 * fragment + (not group.speaker.principal)
    return tier, -round(importance, 3)


def _better_version(a: _QuoteGroup, b: _QuoteGroup) -> bool:
    """Whether `b` shows a duplicated quote better than `a`: a resolved speaker, then more words."""
    return (b.speaker.principal, b.speaker.name is not None, len(b.quote.text)) > (
        a.speaker.principal,
        a.speaker.name is not None,
        len(a.quote.text),
    )


def _same_quote(a: _QuoteGroup, b: _QuoteGroup, threshold: float, min_words: int) -> bool:
    """The same words from the same speaker (or an unknown one): one quote, perhaps cut differently.
    Fragments ("heroic") must match exactly: a word found in a longer quote is not that quote."""
    if a.speaker.name and b.speaker.name and entity_key(a.speaker.name) != entity_key(b.speaker.name):
        return False
    shorter = min(len(a.words), len(b.words))
    if shorter < min_words:
        return a.words == b.words
    return len(a.words & b.words) / shorter >= threshold


def rank_quotes(documents: list[Document], entity_list: list[Entity]) -> list[KeyQuote]:
    """Every quoted statement once (duplicates across sources merged), best first; scare quotes are left out."""
    resolver = SpeakerResolver(entity_list)
    threshold, min_words = settings()["quotes"]["duplicate_overlap"], settings()["quotes"]["min_words"]
    groups: list[_QuoteGroup] = []
    by_word: dict[str, set[int]] = defaultdict(set)
    for doc in documents:
        for quote in doc.quotes:
            if quote.kind == "scare" or not quote.text.strip():
                continue
            words = set(_WORDS.findall(quote.text.lower()))
            candidate = _QuoteGroup(doc, quote, resolver.resolve(doc, quote), words, [ref(doc, quote.start, quote.end)])
            seen = set().union(*(by_word.get(w, set()) for w in words)) if words else set()
            match = next((g for g in sorted(seen) if _same_quote(groups[g], candidate, threshold, min_words)), None)
            if match is None:
                match = len(groups)
                groups.append(candidate)
            else:
                _absorb(groups[match], candidate)
            for w in words:
                by_word[w].add(match)
    groups.sort(key=_quote_rank)
    return [key_quote(g) for g in groups]


def _absorb(group: _QuoteGroup, duplicate: _QuoteGroup) -> None:
    sources = group.sources + duplicate.sources
    if _better_version(group, duplicate):
        group.doc, group.quote, group.speaker = duplicate.doc, duplicate.quote, duplicate.speaker
    group.words |= duplicate.words
    group.sources = sources


def key_quote(group: _QuoteGroup) -> KeyQuote:
    doc, quote = group.doc, group.quote
    sentence = doc.sentence_at(quote.start)
    primary = ref(doc, quote.start, quote.end)
    sources = [primary] + [r for r in group.sources if r != primary]
    return KeyQuote(
        text=quote.text,
        speaker=group.speaker.name,
        role=group.speaker.role,
        document=doc.id,
        start=quote.start,
        end=quote.end,
        sentence=sentence.index if sentence else 0,
        date=doc.published.isoformat() if doc.published else None,
        sources=sources,
        importance=-_quote_rank(group)[1],
    )


# --------------------------------------------------------------------------- #
# Overview
# --------------------------------------------------------------------------- #


@dataclass
class _Candidate:
    doc: Document
    sentence: Sentence
    vector: dict[str, float]
    score: float
    strict: bool  # a complete sentence of ordinary length (see is_overview_sentence)
    support: list[SourceRef] = field(default_factory=list)
    supported: int = 0  # other documents with a similar sentence (cited only when close enough)

    def rank(self) -> tuple[bool, float]:
        return not self.strict, -self.score


@functools.cache
def _boilerplate_patterns() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in settings()["overview"]["boilerplate"]]


def _quoted_share(doc: Document, sentence: Sentence) -> float:
    quoted = sum(min(q.end, sentence.end) - max(q.start, sentence.start) for q in doc.quotes if _inside(q, sentence))
    if not doc.quotes:
        quoted = sum(len(m.group(1)) for m in _QUOTED.finditer(sentence.text))
    return quoted / max(len(sentence.text), 1)


def _inside(quote: Quote, sentence: Sentence) -> bool:
    return quote.start < sentence.end and quote.end > sentence.start


# HTML tags and template syntax left literal in a pasted text: not words of a statement.
_MARKUP = re.compile(r"<[^<>]*>|\{[{%#].*?[}%#]\}")


def is_overview_sentence(doc: Document, sentence: Sentence, strict: bool = True) -> bool:
    """A statement fit for the bottom line: no heading, question, caption or quote-only sentence. Strictly, also
    a complete sentence of ordinary length; loosely (for articles with too few of those), any clause will do."""
    config = settings()["overview"]
    text = sentence.text.strip()
    ending = text.rstrip("\"'”’)")
    if sentence.heading or ending.endswith("?") or any(p.search(text) for p in _boilerplate_patterns()):
        return False
    words = len(_WORDS.findall(_MARKUP.sub(" ", text)))  # "<iframe src=...></iframe>" states nothing
    if strict and not (config["min_words"] <= words <= config["max_words"] and ending.endswith((".", "!"))):
        return False
    if not strict and words < config["min_words_loose"]:
        return False
    return _quoted_share(doc, sentence) <= config["max_quoted_share"]


def _vector(terms: Iterable[str], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear TF-IDF of some terms, L2-normalised."""
    counts = Counter(terms)
    vector = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _per_sentence(doc: Document, offsets: Iterable[int]) -> Counter[int]:
    """How many of the given offsets fall in each sentence (by index)."""
    counts: Counter[int] = Counter()
    for offset in offsets:
        sentence = doc.sentence_at(offset)
        if sentence is not None:
            counts[sentence.index] += 1
    return counts


def _idf(documents: list[Document]) -> dict[str, float]:
    df = Counter(t for d in documents for t in set(cluster.document_words(d).terms))
    return {t: math.log((1 + len(documents)) / (1 + c)) + 1.0 for t, c in df.items()}


SentenceVectors = dict[str, dict[int, tuple[Sentence, dict[str, float]]]]  # document id -> index -> vector


def _sentence_vectors(doc: Document, idf: dict[str, float]) -> dict[int, tuple[Sentence, dict[str, float]]]:
    words = cluster.document_words(doc)
    return {s.index: (s, _vector(words.between(s.start, s.end)[0], idf)) for s in doc.sentences if not s.heading}


def _score_sentences(documents: list[Document], idf: dict[str, float], vectors: SentenceVectors) -> list[_Candidate]:
    """Score every statement of every document: lead position, centrality, entity, event and figure density."""
    weights = settings()["overview"]["weights"]
    doc_vectors = [_vector(cluster.document_words(d).terms, idf) for d in documents]
    total: Counter[str] = Counter()
    for vector in doc_vectors:
        total.update(vector)
    candidates = []
    for doc, own in zip(documents, doc_vectors, strict=True):
        # Centrality against the other documents, so a sentence is not central merely for echoing its own article.
        others = {t: w - own.get(t, 0.0) for t, w in total.items()} if len(documents) > 1 else own
        norm = math.sqrt(sum(w * w for w in others.values())) or 1.0
        entities = _per_sentence(doc, (m.start for m in doc.mentions))
        events = _per_sentence(doc, (e.start for e in doc.events))
        numbers = _per_sentence(doc, (f.start for f in doc.figures))
        body = [s for s in doc.sentences if not s.heading]
        for position, sentence in enumerate(body):
            strict = is_overview_sentence(doc, sentence)
            if not strict and not is_overview_sentence(doc, sentence, strict=False):
                continue
            vector = vectors[doc.id][sentence.index][1]
            score = (
                weights["lead"] / (1 + position)
                + weights["centrality"] * _cosine(vector, others) / norm
                + weights["entities"] * min(entities[sentence.index], 4) / 4
                + weights["events"] * min(events[sentence.index], 2) / 2
                + weights["figures"] * min(numbers[sentence.index], 2) / 2
                - weights["quoted"] * _quoted_share(doc, sentence)  # the bottom line is the article's own voice
            )
            candidates.append(_Candidate(doc, sentence, vector, score, strict))
    return candidates


def _add_support(candidates: list[_Candidate], documents: list[Document], vectors: SentenceVectors) -> None:
    """Cite other documents' sentences that say the same, and reward the cross-source support."""
    config = settings()["overview"]
    for candidate in candidates:
        for doc in documents:
            if doc is candidate.doc:
                continue
            similarity, index = max(
                ((_cosine(candidate.vector, v), i) for i, (_, v) in vectors[doc.id].items()), default=(0.0, -1)
            )
            if index >= 0 and similarity >= config["support_similarity"]:
                candidate.supported += 1
                if similarity >= config["cite_similarity"]:
                    sentence = vectors[doc.id][index][0]
                    candidate.support.append(SourceRef(doc.id, sentence.start, sentence.end, sentence.index))
        candidate.score += config["weights"]["support"] * candidate.supported


def choose_overview(documents: list[Document]) -> list[OverviewItem]:
    """The bottom line: the 3-5 most central, least redundant statements, each with its sources."""
    config = settings()["overview"]
    idf = _idf(documents)
    vectors = {doc.id: _sentence_vectors(doc, idf) for doc in documents}
    candidates = sorted(_score_sentences(documents, idf, vectors), key=_Candidate.rank)[: config["candidates"]]
    if len(documents) > 1:
        _add_support(candidates, documents, vectors)
        candidates.sort(key=_Candidate.rank)
    wanted = min(config["max_items"], max(config["min_items"], len(documents) + 2))
    chosen: list[_Candidate] = []
    for candidate in candidates:
        if all(_cosine(candidate.vector, c.vector) <= config["max_redundancy"] for c in chosen):
            chosen.append(candidate)
        if len(chosen) == wanted:
            break
    return [OverviewItem(c.sentence.text, [ref(c.doc, c.sentence.start, c.sentence.end), *c.support]) for c in chosen]


# --------------------------------------------------------------------------- #
# Key facts
# --------------------------------------------------------------------------- #


def _readable_date(date: str) -> str:
    parts = date.split("-")
    try:
        if len(parts) == 3:
            day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day.day} {day:%B %Y}"
        if len(parts) == 2:
            return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    except ValueError:
        pass
    return date


def date_range(dates: list[str]) -> str | None:
    """ "June 2024 to 28 October 2025" for the earliest and latest of some ISO dates."""
    if not dates:
        return None
    first, last = min(dates, key=date_sort_key), max(dates, key=date_sort_key)
    if first == last:
        return _readable_date(first)
    return f"{_readable_date(first)} to {_readable_date(last)}"


def covered_dates(documents: list[Document], timeline: list[TimelineItem]) -> str | None:
    """What the briefing spans: its (past) timeline and the publication dates of its sources."""
    dates = [t.date for t in timeline if not t.future and t.date[:4].isdigit()]
    return date_range(dates + [d.published.isoformat() for d in documents if d.published])


def _sources_fact(documents: list[Document]) -> str:
    outlets = list(dict.fromkeys(d.source for d in documents if d.source))
    count = f"{len(documents)} article{'s' if len(documents) != 1 else ''}"
    return f"{count} ({', '.join(outlets)})" if outlets else count


def main_names(documents: list[Document], entity_list: list[Entity], kind: str, limit: int) -> list[str]:
    """The most mentioned names of one type; from the linked entities, else from the articles' own mentions."""
    if entity_list:
        ranked = sorted((e for e in entity_list if e.type == kind), key=lambda e: (-len(e.mentions), e.name))
        return [e.name for e in ranked[:limit]]
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for doc in documents:
        for mention in doc.mentions:
            if mention.type == kind:
                key = entity_key(mention.name)
                counts[key] += 1
                names.setdefault(key, mention.name)
    return [names[key] for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def key_facts(documents: list[Document], timeline: list[TimelineItem], entity_list: list[Entity]) -> dict[str, str]:
    limits = settings()["key_facts"]
    facts: dict[str, str] = {}
    covered = covered_dates(documents, timeline)
    if covered:
        facts["Dates covered"] = covered
    published = date_range([d.published.isoformat() for d in documents if d.published])
    if published:
        facts["Published"] = published
    facts["Sources"] = _sources_fact(documents)
    for label, kind, limit in (
        ("Main people", "person", limits["people"]),
        ("Main places", "place", limits["places"]),
        ("Main organisations", "organization", limits["organisations"]),
    ):
        names = main_names(documents, entity_list, kind, limit)
        if names:
            facts[label] = ", ".join(names)
    return facts
