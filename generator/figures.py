"""Numeric claims (troops, casualties, money, percentages) and the disputes between them.

`extract_figures` reads every number written as a count ("around 10,000 troops", "thousands of troops",
"$1.2 billion", "5%") into a `Figure` with the range its wording allows; dates, times, ages, ranks, labels and
numbers inside quoted titles are left out. `find_disputes` compares figures for the same counted thing across
documents. The word lists live in `resources/figures/figures.yaml`.

Figures read the layers set before them: sentences, time expressions (dates are no counts), quotes (scare quotes
and titles hold names, not claims; a figure said inside a quote rests on its speaker) and, for disputes, the entity
mentions (`sentence_names`). A document annotated without the quote or mention layer gets it computed here.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.entities import extract_entities, fold
from generator.entities import lexicon as entity_lexicon
from generator.model import Dispute, Document, Figure, FigureClaim, Quote, Sentence, SourceRef
from generator.quotes import quotes_of
from generator.text import lexicon as sentence_lexicon
from generator.text import phrase_alternation

RESOURCE = Path(__file__).resolve().parent / "resources" / "figures" / "figures.yaml"
_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'’.-]*[A-Za-z])?(?![\w-])")
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")
_CODE_BEFORE = re.compile(r"(?:[A-Za-z]-?|[:/#+]|\d[-–])\Z")  # \Z: a line break before the number is no code
_STRONG = re.compile(r"-strong\b", re.IGNORECASE)
_CODE_AFTER = re.compile(r"[:/]\d|-?[A-Za-z]|\.\d|-\d{3,}")
_LABEL_BEFORE = re.compile(r"([A-Za-z.]+)\s+$")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_INLINE_SPACE = re.compile(r"[ \t]*(?:\n(?!\n))?[ \t]*")
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+[^,;.!?]{2,80}", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()]")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+)(?:[ -]([A-Z][a-z]+))?")
MAX_RATIO = 20  # neighbouring figures further apart than this count different things, not rival estimates
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _squash(text: str) -> str:
    """Runs of whitespace as one space: phrases are looked up as written in the resource."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Lexicon:
    """The figures resource, compiled once."""

    data: dict
    core: re.Pattern[str]
    modifier: re.Pattern[str]
    percent: re.Pattern[str]
    currency_after: re.Pattern[str]
    range_after: re.Pattern[str]
    noun_of: dict[str, str]
    casualty_of: dict[str, str]
    attribution: re.Pattern[str]
    attribution_after: re.Pattern[str]
    casualty_before: re.Pattern[str]
    casualty_before_of: dict[str, str]
    increment: re.Pattern[str]
    scale_after: re.Pattern[str]


@functools.cache
def lexicon() -> Lexicon:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    numbers = data["number_words"]
    words = phrase_alternation(list(numbers))
    # compounds like "twenty-five" are built from the tens and units of the word list
    tens = phrase_alternation([w for w, v in numbers.items() if 20 <= v < 100 and v % 10 == 0])
    units = phrase_alternation([w for w, v in numbers.items() if 1 <= v <= 9 and " " not in w])
    spelled = rf"(?:(?:{tens})-(?:{units})|{words})"
    scales = phrase_alternation(list(data["scales"]))
    symbols = "|".join(re.escape(s) for s in sorted(data["currency_symbols"], key=len, reverse=True))
    # A lookahead on the possible first characters lets the scan skip most positions without trying each word.
    starters = {w[0].lower() for w in [*data["number_words"], *data["vague_quantities"], *data["vague_multipliers"]]}
    first = "".join(sorted(starters | {c.upper() for c in starters}))
    core = re.compile(
        rf"(?=[\d{re.escape(''.join(s[0] for s in data['currency_symbols']))}]|\b[{first}])"
        rf"(?:\b(?P<vague>{phrase_alternation(list(data['vague_quantities']))})\s+of\b"
        rf"|\b(?P<bare>{phrase_alternation(list(data['vague_quantities']))})\b(?!\s+of\b)"
        rf"|\b(?P<vmult>{phrase_alternation(list(data['vague_multipliers']))})\s+(?P<vscale>{scales})\b"
        rf"|(?:(?P<cur>{symbols})\s?)?(?P<num>\d+(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b{spelled}\b)"
        rf"(?:[\s-](?P<scale>{scales})\b|(?<=\d)(?P<short>{phrase_alternation(list(data['short_scales']))})\b)?)",
        re.IGNORECASE,
    )
    mods = data["modifiers"]
    modifier = re.compile(
        "(?:^|(?<=[\\s(]))(?:"
        + "|".join(f"(?P<{kind}>{phrase_alternation(words)})" for kind, words in mods.items())
        + r")\s*$",
        re.IGNORECASE,
    )
    percent = re.compile(rf"\s?(?:{phrase_alternation(data['percent_words'])})(?![A-Za-z])", re.IGNORECASE)
    currency_after = re.compile(rf"\s+(?P<word>{phrase_alternation(list(data['currency_words']))})\b", re.IGNORECASE)
    range_after = re.compile(r"\s*(?:-|–|—|to|and)\s*(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\b(?![.,]?\d)")
    noun_of = {form.lower(): name for name, forms in data["counted_nouns"].items() for form in forms}
    casualty_of = {form.lower(): name for name, forms in data["casualty_verbs"].items() for form in forms}
    verbs = phrase_alternation(data["attribution_verbs"])
    source = r"(?:[Tt]he\s+)?(?:[A-Z][\w'’.&-]*\s+){0,5}?[A-Z][\w'’.&-]*"
    attribution = re.compile(rf"\b(?P<src>{source})\s+(?:has\s+|have\s+|had\s+)?(?:{verbs})\b")
    attribution_after = re.compile(r"\b(?:said|says)\s+(?P<src>(?:the\s+)?(?:[A-Z][\w'’.&-]*\s?){1,4})")
    return Lexicon(
        data,
        core,
        modifier,
        percent,
        currency_after,
        range_after,
        noun_of,
        casualty_of,
        attribution,
        attribution_after,
        re.compile(rf"\b({phrase_alternation([w for ws in data['casualty_verbs_before'].values() for w in ws])})\s+$"),
        {w.lower(): name for name, ws in data["casualty_verbs_before"].items() for w in ws},
        re.compile(rf"\b(?:{phrase_alternation(data['increment_words'])})\s+$", re.IGNORECASE),
        re.compile(rf"\s(?P<scale>{scales})\b", re.IGNORECASE),
    )


# --------------------------------------------------------------------------- #
# Reading one number
# --------------------------------------------------------------------------- #


@dataclass
class Reading:
    """A number as written and the range its wording allows, before the counted noun is known."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approximate: bool = False
    counts: str | None = None  # set by the wording itself: currency or percent
    spelled: bool = False
    vague: bool = False
    bare: bool = False  # "thousands were killed": a vague quantity without its noun


def _parse_number(token: str) -> float | None:
    lex = lexicon().data
    token = token.lower()
    if token[0].isdigit():
        return float(token.replace(",", ""))
    if "-" in token and token.split("-")[0] in lex["number_words"]:
        tens, unit = token.split("-", 1)
        return float(lex["number_words"][tens] + lex["number_words"].get(unit, 0))
    return float(lex["number_words"][_squash(token)]) if token in lex["number_words"] else None


def numbers_in(text: str) -> frozenset[float]:
    """The numbers a text writes, in digits or words ('three', '1,000', 'twenty-five'), years aside (dates are
    compared as dates): what the question layer matches between a claim and a later sentence."""
    found = set()
    for m in _plain_number_regex().finditer(text):
        value = _parse_number(m.group(0))
        digits = m.group("digits")
        if value is not None and not (digits and digits.isdigit() and len(digits) == 4 and 1800 <= value <= 2100):
            found.add(value)
    return frozenset(found)


@functools.cache
def _plain_number_regex() -> re.Pattern[str]:
    words = phrase_alternation([str(w) for w in lexicon().data["number_words"] if " " not in str(w)])
    return re.compile(
        rf"(?<![\w.,])(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?!\w)|\b(?:{words})(?:-(?:{words}))?\b",
        re.IGNORECASE,
    )


def _read_core(m: re.Match[str]) -> Reading | None:
    lex = lexicon().data
    if m.group("vague") or m.group("bare"):
        low, high = lex["vague_quantities"][_squash((m.group("vague") or m.group("bare")).lower())]
        return Reading(m.start(), m.end(), None, low, high, approximate=True, vague=True, bare=bool(m.group("bare")))
    if m.group("vmult"):
        low, high = lex["vague_multipliers"][_squash(m.group("vmult").lower())]
        scale = lex["scales"][m.group("vscale").lower()]
        return Reading(m.start(), m.end(), None, low * scale, high * scale, approximate=True, vague=True)
    value = _parse_number(_squash(m.group("num")))
    if value is None:
        return None
    if m.group("scale"):
        value *= lex["scales"][m.group("scale").lower()]
    elif m.group("short"):
        if not m.group("cur"):
            return None  # "5m" is five metres unless money is meant
        value *= lex["short_scales"][m.group("short").lower()]
    counts = lex["currency_symbols"][m.group("cur")] if m.group("cur") else None
    start = m.start("cur") if m.group("cur") else m.start("num")
    return Reading(start, m.end(), value, value, value, counts=counts, spelled=not m.group("num")[0].isdigit())


def _apply_modifier(text: str, reading: Reading) -> None:
    """Widen or bound the reading by the words just before it ("at least", "around")."""
    m = lexicon().modifier.search(text, max(0, reading.start - 30), reading.start)
    if not m or reading.value is None:
        return
    lex = lexicon().data
    value = reading.value
    reading.start = m.start()
    if m.group("approximate"):
        spread = lex["approximate_spread"]
        below = _squash(m.group("approximate").lower()) in lex["below_modifiers"]
        reading.low, reading.high = value * (1 - spread), value if below else value * (1 + spread)
        reading.approximate = True
    elif m.group("at_least"):
        reading.low, reading.high = value, None
    elif m.group("at_most"):
        reading.low, reading.high = None, value


def _apply_range(text: str, reading: Reading) -> None:
    """'5,000 to 7,000', 'between 5,000 and 7,000': the reading becomes a range."""
    m = lexicon().range_after.match(text, reading.end)
    if not m or reading.value is None:
        return
    joiner = text[reading.end : m.start("num")].strip().lower()
    if joiner == "and" and not _BETWEEN.search(text, max(0, reading.start - 12), reading.start):
        return
    if _after_change_word(text, reading.start) or (reading.counts and not _same_unit_after(text, reading, m.end())):
        return  # "fell 1 percent to 9.65 dollars", "2.5 percent to 510": a change and a level
    upper = _parse_number(m.group("num"))
    if upper is None or upper <= reading.value:
        return
    scale = lexicon().scale_after.match(text, m.end())
    if scale and reading.value < upper < 1000:  # "60 to 70 million": the scale applies to both ends
        factor = lexicon().data["scales"][scale.group(1).lower()]
        reading.value, upper = reading.value * factor, upper * factor
    if reading.value and upper / reading.value > 1000:
        return
    between = _BETWEEN.search(text, max(0, reading.start - 12), reading.start)
    if between:
        reading.start = between.start()
    reading.low, reading.high, reading.end = reading.value, upper, scale.end() if scale else m.end()
    reading.value = (reading.value + upper) / 2
    reading.approximate = True


def _after_change_word(text: str, start: int) -> bool:
    previous = _LAST_WORD.search(text, max(0, start - 20), start)
    return bool(previous and previous.group(1).lower() in _change_words())


@functools.cache
def _change_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["change_words"])


def _same_unit_after(text: str, reading: Reading, end: int) -> bool:
    """'5 percent to 10 percent' is a range; '5 percent to 10' or '1 percent to 9.65 dollars' is not."""
    probe = Reading(end, end, None, None, None)
    _apply_unit(text, probe)
    return probe.counts == reading.counts


def _apply_unit(text: str, reading: Reading) -> None:
    """Percent signs and currency words written after the number."""
    lex = lexicon()
    if m := lex.percent.match(text, reading.end):
        reading.end, reading.counts = m.end(), "percent"
    elif m := lex.currency_after.match(text, reading.end):
        reading.end, reading.counts = m.end(), lex.data["currency_words"][_squash(m.group("word").lower())]


# --------------------------------------------------------------------------- #
# What is not a figure
# --------------------------------------------------------------------------- #


def _is_label_or_code(text: str, start: int, end: int) -> bool:
    """Model numbers (F-16), times (11:20), dates (28/10), ordinals (3rd), phone numbers, labels (Article 5)."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    if _CODE_BEFORE.search(before) or (_CODE_AFTER.match(after) and not _STRONG.match(text, end)):
        return True
    previous = _LABEL_BEFORE.search(text, max(0, start - 20), start)
    return bool(previous and previous.group(1).lower() in _label_words())


@functools.cache
def _label_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["label_words"])


def _list_markers(text: str) -> set[int]:
    """Offsets of the numbers that open list items ("1. ", "2) "), by the sentence splitter's list pattern."""
    return {m.start("n") for m in sentence_lexicon().list_line.finditer(text) if m.group("n").isdigit()}


def _is_year(reading: Reading, raw: str) -> bool:
    return bool(_YEAR.fullmatch(raw)) and reading.counts is None


def _title_spans(quotes: list[Quote]) -> list[tuple[int, int]]:
    """Scare quotes and quoted titles ("North Korea Sends 30,000 Troops," said the headline): a figure inside them
    is a name, not a claim."""
    return [(q.start, q.end) for q in quotes if q.kind == "scare" or _is_quoted_title(q.text)]


def _is_quoted_title(quoted: str) -> bool:
    words = quoted.split()
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_title_case(sentence: Sentence) -> bool:
    """A headline-style line ("North Korea to Send 30,000 Troops"): its numbers name things, not claims."""
    words = [w for w in _TITLE_WORD.findall(sentence.text) if len(w) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and joined where they overlap or nest, for `_inside` and `_overlaps`."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    """Whether `start` falls inside one of `spans` (sorted, not overlapping each other)."""
    i = bisect_right(spans, (start, float("inf")))
    return i > 0 and start < spans[i - 1][1]


# --------------------------------------------------------------------------- #
# What a figure counts
# --------------------------------------------------------------------------- #


def _tokens_after(text: str, pos: int, limit: int) -> list[tuple[str, int]]:
    """Up to `limit` word tokens following `pos`, stopping at punctuation that ends a phrase."""
    out: list[tuple[str, int]] = []
    while len(out) < limit:
        m = _INLINE_SPACE.match(text, pos)
        pos = m.end() if m else pos
        m = _TOKEN.match(text, pos)
        if not m:
            break
        out.append((m.group(0), m.start()))
        pos = m.end()
    return out


def _noun_phrase(tokens: list[tuple[str, int]]) -> list[str]:
    """The words of the noun phrase after a number: '10,000 North Korean troops' -> [North, Korean, troops].

    Without a tagger: the phrase ends at a known counted noun, a lowercase plural, or before a word that looks
    like a verb or adverb ("900,000 callers jammed", "70,000 illegally").
    """
    stop = _stop_words()
    noun_of = lexicon().noun_of
    phrase: list[str] = []
    for word, _ in tokens:
        low = word.lower()
        if low in ("and", "or") and phrase and not (phrase[-1].lower() in noun_of or phrase[-1].endswith("s")):
            phrase.append(low)
            continue
        if low in stop or (low not in noun_of and low.endswith(("ed", "ing", "ly")) and len(low) > 4):
            break
        phrase.append(word)
        if low in noun_of or low in _units() or (word.islower() and _looks_plural(low)):
            break
    while phrase and phrase[-1] in ("and", "or"):
        phrase.pop()
    return phrase


def _looks_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


@functools.cache
def _units() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["units"])


@functools.cache
def _strong_noun_of() -> dict[str, str]:
    return {w.lower(): name for name, words in lexicon().data["strong_nouns"].items() for w in words}


@functools.cache
def _verb_gap() -> frozenset[str]:
    return frozenset(w.lower() for w in [*lexicon().data["auxiliaries"], *lexicon().data["verb_gap_words"]])


@functools.cache
def _stop_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["stop_words"])


def _casualty_after(text: str, pos: int) -> str | None:
    """'... were killed', '... have died': the kind of casualty a count of people turns into."""
    tokens = [w.lower() for w, _ in _tokens_after(text, pos, 4)]
    skip = _verb_gap()
    for i, word in enumerate(tokens):
        two = " ".join(tokens[i : i + 3]) if i + 2 < len(tokens) else ""
        for phrase in (two, word):
            if phrase in lexicon().casualty_of:
                return lexicon().casualty_of[phrase]
        if word not in skip:
            return None
    return None


def _counted(text: str, reading: Reading, previous: str | None) -> tuple[str | None, int]:
    """The normalised counted noun and where the figure's own phrase ends (for the casualty check)."""
    lex = lexicon()
    if strong := _STRONG.match(text, reading.end):  # "a 10,000-strong force"
        noun = _tokens_after(text, strong.end(), 1)
        name = _strong_noun_of().get(noun[0][0].lower()) if noun else None
        return name, (noun[0][1] + len(noun[0][0])) if name and noun else reading.end
    tokens = _tokens_after(text, reading.end, 6)
    if tokens and tokens[0][0].lower() == "of" and not reading.vague:
        rest = [w.lower() for w, _ in tokens[1:3]]
        if rest and rest[0] in lex.data["of_pronouns"]:
            casualty = _casualty_after(text, tokens[1][1] + len(tokens[1][0]))
            return casualty or previous, reading.end
        if rest and rest[0] == "the":
            tokens = tokens[2:]
        else:
            return None, reading.end
    elif tokens and tokens[0][0].lower() == "of":
        tokens = tokens[1:]
    phrase = _noun_phrase(tokens)
    if not phrase or phrase[0].lower() in _excluded_nouns():
        return None, reading.end
    end_token = next(pos + len(w) for w, pos in reversed(tokens) if w == phrase[-1])
    two = " ".join(phrase[-2:]).lower()
    head = phrase[-1].lower()
    name = lex.noun_of.get(two) or lex.noun_of.get(head)
    if name is None and head in lex.data["currency_words"]:
        # "Australian dollars" are not US dollars: keep the qualified phrase
        qualified = len(phrase) > 1 and phrase[-2][0].isupper()
        name = " ".join(phrase[-2:]).lower() if qualified else lex.data["currency_words"][head]
    if name is None and phrase[-1][0].isupper() and not head.endswith("ans"):
        return None, reading.end  # "3 Ekeus accused": a name, not a counted noun ("3,000 Palestinians" is)
    return name or head, end_token


def _with_casualty_scope(text: str, counts: str, start: int, end: int) -> str:
    """'600 soldiers were killed', 'killed 600 soldiers' count dead, not deployed soldiers."""
    if counts not in lexicon().data["casualty_scoped"]:
        return counts
    before = lexicon().casualty_before.search(text, max(0, start - 30), start)
    if before:
        return lexicon().casualty_before_of[_squash(before.group(1).lower())]
    return _casualty_after(text, end) or counts


# --------------------------------------------------------------------------- #
# Attribution
# --------------------------------------------------------------------------- #


def _attribution(doc: Document, sentence: Sentence | None) -> str | None:
    """'according to estimates from Seoul and Kyiv', 'KCNA said': who the sentence rests on."""
    if sentence is None:
        return None
    lex = lexicon()
    text = sentence.text
    m = _ACCORDING_TO.search(text)
    if m:
        return m.group(0).strip()
    for m in lex.attribution.finditer(text):
        if _is_source(m.group("src")) and not _takes_object(text, m):
            return m.group(0).strip()
    m = lex.attribution_after.search(text)
    if m and _is_source(m.group("src")):
        return m.group(0).strip(" .")
    return None


def _speaker_of(quotes: list[Quote], start: int) -> str | None:
    """A figure inside quoted speech rests on its speaker: 'Lavrov said'."""
    for q in quotes:
        if q.kind == "speech" and q.speaker and q.start <= start < q.end:
            return f"{q.speaker} {q.cue or 'said'}"
    return None


# --------------------------------------------------------------------------- #
# Extraction
# --------------------------------------------------------------------------- #


def extract_figures(doc: Document) -> list[Figure]:
    """Every numeric claim about a counted thing, money or a percentage, in text order."""
    text = doc.text
    timex_spans = _merged((t.start, t.end) for t in doc.timexes)
    quotes = quotes_of(doc)
    titles = _merged(_title_spans(quotes))
    list_starts = _list_markers(text)
    title_case: dict[int, bool] = {}
    attributions: dict[int, str | None] = {}
    figures: list[Figure] = []
    previous_counts: str | None = None
    consumed = 0  # end of the last figure: a range's second number is not a figure of its own
    for m in lexicon().core.finditer(text):
        if m.start() < consumed:
            continue
        reading = _read_core(m)
        if reading is None or _excluded(doc, m, reading, timex_spans, titles, list_starts):
            continue
        sentence = doc.sentence_at(reading.start)
        if sentence is not None:
            if sentence.index not in title_case:
                title_case[sentence.index] = _is_title_case(sentence)
            if title_case[sentence.index]:
                continue
        _apply_unit(text, reading)
        _apply_range(text, reading)
        _apply_unit(text, reading)
        _apply_modifier(text, reading)
        consumed = reading.end
        figure = _to_figure(doc, reading, sentence, previous_counts, attributions)
        if figure is not None:
            figure.attribution = figure.attribution or _speaker_of(quotes, figure.start)
            figures.append(figure)
            previous_counts = figure.counts
    return figures


def _excluded(
    doc: Document,
    m: re.Match[str],
    reading: Reading,
    timex_spans: list[tuple[int, int]],
    titles: list[tuple[int, int]],
    list_starts: set[int],
) -> bool:
    text = doc.text
    if m.group("num"):
        raw = m.group("num")
        if raw.lower() == "one" and not m.group("scale"):
            return True
        if _is_label_or_code(text, m.start("num"), m.end()) or m.start("num") in list_starts:
            return True
        if _is_year(reading, raw) and not m.group("scale"):
            return not _counts_people_after(text, m.end())
    return _overlaps(timex_spans, reading.start, reading.end) or _inside(titles, reading.start)


def _counts_people_after(text: str, pos: int) -> bool:
    """'2000 troops' is a count even though 2000 looks like a year."""
    tokens = _tokens_after(text, pos, 1)
    return bool(tokens) and lexicon().noun_of.get(tokens[0][0].lower()) in lexicon().data["disputable"]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other): a binary search, as a long
    text has thousands of figures and time expressions."""
    i = bisect_left(spans, (end,))  # spans[:i] start before `end`; of those, the last ends last
    return i > 0 and spans[i - 1][1] > start


def _to_figure(
    doc: Document,
    reading: Reading,
    sentence: Sentence | None,
    previous: str | None,
    attributions: dict[int, str | None],
) -> Figure | None:
    text = doc.text
    if reading.bare:  # only a casualty verb says what a bare "thousands" counts: "killing thousands"
        counts, phrase_end = _with_casualty_scope(text, "people", reading.start, reading.end), reading.end
        if counts == "people":
            return None
    else:
        counts, phrase_end = (reading.counts, reading.end) if reading.counts else _counted(text, reading, previous)
    if counts is None or counts in _excluded_nouns():
        return None
    if reading.spelled and counts not in lexicon().data["counted_nouns"] and reading.value and reading.value < 100:
        return None  # "two sides", "five regions": spelled small numbers count only things worth checking
    counts = _with_casualty_scope(text, counts, reading.start, phrase_end)
    index = sentence.index if sentence else 0
    if index not in attributions:
        attributions[index] = _attribution(doc, sentence)
    return Figure(
        start=reading.start,
        end=reading.end,
        text=text[reading.start : reading.end],
        value=reading.value,
        low=reading.low,
        high=reading.high,
        counts=counts,
        approximate=reading.approximate,
        attribution=attributions[index],
        sentence=index,
    )


def _takes_object(text: str, m: re.Match[str]) -> bool:
    """'Indonesia claimed the title': the verb has an object, it attributes nothing."""
    data = lexicon().data
    if m.group(0).split()[-1].lower() not in data["object_verbs"]:
        return False
    following = _TOKEN.match(text, m.end() + 1)
    return bool(following and following.group(0).lower() in data["not_after_object_verb"])


def _is_source(words: str) -> bool:
    return words.split()[0].strip(".,").lower() not in _not_sources()


@functools.cache
def _not_sources() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["not_sources"])


@functools.cache
def _excluded_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["excluded_nouns"])


# --------------------------------------------------------------------------- #
# Disputes
# --------------------------------------------------------------------------- #


def find_disputes(documents: list[Document]) -> list[Dispute]:
    """One Dispute per counted thing that sources give different figures for, with a note saying how they differ.

    Figures are compared only when their sentences share an entity (see `sentence_names`) or a verb: "10,000
    troops" in Ukraine and "10,000 troops" in Mali are different things.
    """
    disputable = set(lexicon().data["disputable"])
    by_counts: dict[str, list[tuple[Document, Figure]]] = defaultdict(list)
    for doc in documents:
        for fig in doc.figures:
            if fig.counts in disputable and not _is_increment(doc.text, fig):
                by_counts[fig.counts].append((doc, fig))
    names: dict[str, dict[int, frozenset[str]]] = {}
    for doc, _ in (claim for found in by_counts.values() for claim in found):
        if doc.id not in names:
            names[doc.id] = sentence_names(doc)
    disputes = []
    for counts, found in by_counts.items():
        shared = lexicon().data["shared_context"]
        for group in _same_subject_groups(_distinct_claims(found), shared.get(counts, shared["default"]), names):
            if _is_dispute(group):
                claims = [_claim(doc, fig) for doc, fig in group]
                disputes.append(Dispute(counts, claims, _note(group)))
    disputes.sort(key=lambda d: (-len({c.source.document for c in d.claims}), -len(d.claims), d.counts))
    return disputes


def _is_increment(text: str, fig: Figure) -> bool:
    """'another 10 people', 'a further 200 troops': a count added to others, not a total."""
    return bool(lexicon().increment.search(text, max(0, fig.start - 20), fig.start))


def _is_dispute(group: list[tuple[Document, Figure]]) -> bool:
    """Different readings from different sources (documents, or attributions within one document)."""
    if len({fig.value if fig.value is not None else _reading_key(fig) for _, fig in group}) < 2:
        return False  # "some 19" and "at least 19" agree on the number
    sources = {doc.id for doc, _ in group}
    attributions = {fig.attribution for _, fig in group if fig.attribution}
    if len(sources) < 2 and len(attributions) < 2:
        return False
    return not _one_voice_gives_several(group)


def _one_voice_gives_several(group: list[tuple[Document, Figure]]) -> bool:
    """Whether one source, in its own voice, gives different figures: then they count different things ("up to
    1,000 troops" from France, "around 6,000" for the whole mission), and the group is no dispute."""
    values: dict[tuple[str, str | None], set] = defaultdict(set)
    for doc, fig in group:
        values[(doc.id, fig.attribution)].add(fig.value if fig.value is not None else _reading_key(fig))
    return any(len(found) > 1 for found in values.values())


def _centre(fig: Figure) -> float:
    if fig.value is not None:
        return fig.value
    low, high = _bounds(fig)
    return (low + high) / 2 if high != float("inf") else low


def sentence_names(doc: Document) -> dict[int, frozenset[str]]:
    """The canonical entity names in each sentence (by `Sentence.index`), from the mention layer, and the
    countries its nationality adjectives stand for ("Israeli shells" are about Israel). A document annotated
    without a mention layer gets its mentions from `generator.entities` here."""
    found = [(m.start, m.name) for m in doc.mentions or extract_entities(doc.text)] + _demonym_countries(doc.text)
    names: dict[int, set[str]] = defaultdict(set)
    for start, name in found:
        sentence = doc.sentence_at(start)
        if sentence is not None:
            names[sentence.index].add(name)
    return {index: frozenset(found) for index, found in names.items()}


def _demonym_countries(text: str) -> list[tuple[int, str]]:
    """(offset, country) of each nationality adjective, by the entity resource's demonyms ("North Korean")."""
    demonyms = entity_lexicon().demonyms
    found = []
    for m in _CAPITALISED_PAIR.finditer(text):
        for start, words in ((m.start(), m.group(0)), (m.start(), m.group(1)), (m.start(2), m.group(2))):
            key = fold(words or "")
            country = demonyms.get(key) or (demonyms.get(key[:-1]) if key.endswith("s") else None)
            if country:
                found.append((start, country))
                break
    return found


def _context(doc: Document, fig: Figure, names: dict[int, frozenset[str]]) -> frozenset[str]:
    """What a figure is about: the names in its sentence (or the lead's, if it names none) and its verb."""
    sentence = doc.sentences[fig.sentence] if fig.sentence < len(doc.sentences) else None
    said_by = (fig.attribution or "").lower()
    about = frozenset(n.lower() for n in names.get(fig.sentence, ()))
    about = frozenset(n for n in about if n not in said_by)  # who says it is not what it is about
    if not about and doc.sentences:
        lead = next((s for s in doc.sentences if not s.heading), doc.sentences[0])
        about = frozenset(n.lower() for n in names.get(lead.index, ()))
    verb = _predicate(doc, fig, sentence)
    return about | {f"verb:{verb}"} if verb else about


def _predicate(doc: Document, fig: Figure, sentence: Sentence | None) -> str | None:
    """The verb a figure goes with: 'has sent around 10,000 troops' -> sent; '10,000 troops went' -> went."""
    if sentence is None:
        return None
    stop = _stop_words() | _reporting_verbs()
    before = _CLAUSE_BREAK.split(doc.text[sentence.start : fig.start])[-1]
    for word in reversed(_LOWER_WORD.findall(before)):
        if word not in stop and not word.endswith("ly"):
            return word
    tokens = _tokens_after(doc.text, fig.end, 6)
    phrase = _noun_phrase(tokens[1:] if tokens and tokens[0][0].lower() == "of" else tokens)
    after = [w.lower() for w, _ in tokens[len(phrase) + (1 if tokens and tokens[0][0].lower() == "of" else 0) :]]
    for word in after:  # '10,000 troops were sent': skip auxiliaries, take the verb right after them
        if word in _verb_gap() or word.endswith("ly"):
            continue
        return word if word not in stop and word.isalpha() else None
    return None


@functools.cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon().data["attribution_verbs"]) | {"according"}


def _same_subject_groups(
    found: list[tuple[Document, Figure]], shared: int, names: dict[str, dict[int, frozenset[str]]]
) -> list[list[tuple[Document, Figure]]]:
    """Claims grouped with the first claim they share `shared` things with (names, the verb), then
    split where the figures jump by an order of magnitude (200 guards and 10,000 deployed troops are not rival
    estimates). Grouping around a first claim, not by chains, keeps A~B, B~C from joining A and C."""
    contexts = [_context(doc, fig, names[doc.id]) for doc, fig in found]
    seeds: list[int] = []
    groups: dict[int, list[tuple[Document, Figure]]] = defaultdict(list)
    for i, claim in enumerate(found):
        seed = next((s for s in seeds if len(contexts[s] & contexts[i]) >= shared), None)
        if seed is None:
            seeds.append(i)
            seed = i
        groups[seed].append(claim)
    return [part for group in groups.values() for part in _split_by_magnitude(group)]


def _split_by_magnitude(group: list[tuple[Document, Figure]]) -> list[list[tuple[Document, Figure]]]:
    ordered = sorted(group, key=lambda claim: _centre(claim[1]))
    parts: list[list[tuple[Document, Figure]]] = [[ordered[0]]]
    for claim in ordered[1:]:
        if _centre(claim[1]) > MAX_RATIO * max(_centre(parts[-1][-1][1]), 1.0):
            parts.append([])
        parts[-1].append(claim)
    # keep the document order inside each part: claims read in the order the sources came
    position = {id(claim[1]): i for i, claim in enumerate(group)}
    return [sorted(part, key=lambda claim: position[id(claim[1])]) for part in parts]


def _reading_key(fig: Figure) -> tuple[float | None, float | None, float | None]:
    return (fig.value, fig.low, fig.high)


def _distinct_claims(found: list[tuple[Document, Figure]]) -> list[tuple[Document, Figure]]:
    """One claim per document and reading: an article repeating its own figure is not a second claim."""
    seen: set[tuple[str, tuple]] = set()
    out = []
    for doc, fig in found:
        key = (doc.id, _reading_key(fig))
        if key not in seen:
            seen.add(key)
            out.append((doc, fig))
    return out


def _claim(doc: Document, fig: Figure) -> FigureClaim:
    return FigureClaim(
        value_text=_display(fig),
        value=fig.value,
        source=SourceRef(doc.id, fig.start, fig.end, fig.sentence),
        attribution=fig.attribution,
        date=doc.published.isoformat() if doc.published else None,
    )


def _display(fig: Figure) -> str:
    """'thousands of' reads as 'thousands' in a list of figures."""
    return fig.text[:-3].rstrip() if fig.text.endswith(" of") else fig.text


def _bounds(fig: Figure) -> tuple[float, float]:
    low = fig.low if fig.low is not None else 0.0
    high = fig.high if fig.high is not None else float("inf")
    return low, high


def _note(claims: list[tuple[Document, Figure]]) -> str:
    """Whether the figures conflict, or only differ in precision or by date. The first words name the verdict."""
    figures = [fig for _, fig in claims]
    listed = _and_list(list(dict.fromkeys(_display(f) for f in figures)))
    low = max(_bounds(f)[0] for f in figures)
    high = min(_bounds(f)[1] for f in figures)
    dated = sorted(((doc.published, fig) for doc, fig in claims if doc.published is not None), key=lambda p: p[0])
    first, last = (dated[0], dated[-1]) if dated else (None, None)
    spread = first is not None and last is not None and first[0] != last[0]
    both = "both" if len(set(_display(f) for f in figures)) == 2 else "all"
    if low <= high:
        when = f"; reported from {first[0].isoformat()} to {last[0].isoformat()}" if spread else ""
        return f"differ in precision: {listed} can {both} be true{when}"
    if spread and _grows_with_date(dated):
        return (
            f"differ by date: {_display(first[1])} ({first[0].isoformat()}) then {_display(last[1])} "
            f"({last[0].isoformat()}); the count may have grown"
        )
    return f"conflict: {listed} cannot {both} be right"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _grows_with_date(dated: list) -> bool:
    """Later reports give higher (or equal) counts: the number grew rather than the sources disagreeing."""
    centres = [(_bounds(f)[0] + min(_bounds(f)[1], _bounds(f)[0] * 2 or 1)) / 2 for _, f in dated]
    return all(a <= b for a, b in zip(centres, centres[1:], strict=False))
