"""The one data model that flows through the pipeline.

ingest -> Document (text cleaned)  ->  annotate -> Document with layers
(sentences, timexes, quotes, mentions, figures, events, hedges)  ->  merge ->
Briefing  ->  render.

Every annotation keeps character offsets (`start`, `end`, end exclusive) into
`Document.text`, the cleaned text, so anything shown on a page can be traced to
its span. Offsets count Unicode code points (Python `str` indices).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# --------------------------------------------------------------------------- #
# Document-level annotations (set by generator.annotate)
# --------------------------------------------------------------------------- #


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    index: int  # position in the document; page anchor is f"s{index}"
    heading: bool = False  # an article section heading kept as structure


@dataclass
class Timex:
    """A TimeML TIMEX3 time expression."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2025-07-12, 2025-07, P3D, PRESENT_REF, XXXX-06-03, ...
    basis: str = "explicit"  # explicit | relative (resolved against the anchor) | inferred
    mod: str | None = None  # TimeML mod: APPROX, START, END, BEFORE, AFTER, ...


@dataclass
class Quote:
    start: int  # offsets of the quoted words, without the quotation marks
    end: int
    text: str
    speaker: str | None  # the name as the article best gives it
    speaker_start: int | None  # the mention the attribution rests on ("he", "Lavrov")
    speaker_end: int | None
    cue: str | None = None  # the attribution verb ("said", "according to")
    kind: str = "speech"  # speech | partial | scare (scare quotes, titles: not speech)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str  # person | organization | place
    name: str  # canonical name after merging aliases within the text


@dataclass
class Figure:
    """A numeric claim: `around 10,000 troops`."""

    start: int
    end: int
    text: str  # the figure as written: "around 10,000"
    value: float | None  # best numeric reading (10000.0); None for "thousands"
    low: float | None  # range the wording allows ("thousands" -> 1000..9999)
    high: float | None
    counts: str  # what it counts, normalised noun: "troops"
    approximate: bool = False
    attribution: str | None = None  # "estimates from Seoul and Kyiv"
    sentence: int = 0


@dataclass
class Event:
    """A statement in a sentence anchored to a date."""

    document: str
    sentence: int  # Sentence.index
    start: int  # span of the event text (usually the sentence)
    end: int
    text: str
    date: str  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD"
    precision: str  # day | month | year | approximate
    basis: str  # explicit | relative | inferred
    future: bool  # lies after the article's date (scheduled / expected)
    timex: Timex | None = None
    participants: list[str] = field(default_factory=list)  # canonical entity names


@dataclass
class Hedge:
    """A sentence (or clause) that is hedged, speculative, unknown or a question."""

    start: int
    end: int
    text: str
    kind: str  # hedged | unknown | question | future
    cue: str  # the word(s) that triggered it: "may", "it is not clear"
    sentence: int = 0


@dataclass
class Document:
    id: str  # file stem
    path: str  # seed path as given to the build
    text: str  # cleaned text; every offset points into it
    title: str
    published: dt.date | None = None
    published_basis: str = "unknown"  # front-matter | header | estimated | unknown
    source: str | None = None  # outlet
    url: str | None = None
    briefing: str | None = None  # front-matter override of the briefing slug
    dateline: str | None = None  # "MOSCOW, Oct. 27" as found before the lead, removed from `text`
    raw_sha1: str = ""  # hash of the raw file bytes, for incremental rebuilds
    warnings: list[str] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)  # spans of section headings
    # annotation layers
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    hedges: list[Hedge] = field(default_factory=list)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains `offset` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


@dataclass
class Skipped:
    path: str
    reason: str


# --------------------------------------------------------------------------- #
# Briefing-level (set by generator.merge)
# --------------------------------------------------------------------------- #


@dataclass
class SourceRef:
    """A span of a source document; `sentence` is the index of its sentence."""

    document: str
    start: int
    end: int
    sentence: int


@dataclass
class Entity:
    name: str
    type: str  # person | organization | place
    aliases: list[str] = field(default_factory=list)
    role: str | None = None  # "Foreign Minister of North Korea"
    role_date: str | None = None  # date the role was stated (article date)
    mentions: list[SourceRef] = field(default_factory=list)
    slug: str = ""


@dataclass
class OverviewItem:
    text: str
    sources: list[SourceRef]


@dataclass
class TimelineItem:
    date: str
    precision: str
    basis: str
    future: bool
    text: str  # the representative sentence
    sources: list[SourceRef]  # one per source sentence; each source's own sentence stays visible
    participants: list[str] = field(default_factory=list)
    importance: float = 0.0
    texts: list[str] = field(default_factory=list)  # each source's own sentence, parallel to `sources`


@dataclass
class KeyQuote:
    text: str
    speaker: str | None
    role: str | None
    document: str
    start: int
    end: int
    sentence: int
    date: str | None  # publication date of the document, ISO
    sources: list[SourceRef] = field(default_factory=list)  # every source of this quote
    importance: float = 0.0


@dataclass
class FigureClaim:
    value_text: str
    value: float | None
    source: SourceRef
    attribution: str | None
    date: str | None


@dataclass
class Dispute:
    counts: str  # what the figures count: "troops"
    claims: list[FigureClaim]
    note: str  # "differ in precision", "conflict", ...


@dataclass
class Question:
    text: str  # phrased as a question
    kind: str  # contradiction | hedged | unknown | asked | single-source | scheduled
    sources: list[SourceRef]
    importance: float = 0.0
    answered_by: SourceRef | None = None  # the sentence of a later source that asserts what the question asks
    # a scheduled event's date (ISO) when it was already past as the newest source was published, unanswered
    overdue_since: str | None = None


@dataclass
class Changes:
    """What is new since the previous build."""

    new_sources: list[str] = field(default_factory=list)
    new_events: list[str] = field(default_factory=list)
    changed_figures: list[str] = field(default_factory=list)
    opened_questions: list[str] = field(default_factory=list)
    answered_questions: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not any(vars(self).values())


@dataclass
class Briefing:
    slug: str
    title: str
    documents: list[Document]
    overview: list[OverviewItem] = field(default_factory=list)
    key_facts: dict[str, str] = field(default_factory=dict)
    timeline: list[TimelineItem] = field(default_factory=list)
    quotes: list[KeyQuote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        dates = sorted(d.published.isoformat() for d in self.documents if d.published)
        return (dates[0], dates[-1]) if dates else (None, None)
