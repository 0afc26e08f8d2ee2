"""Time expressions (TimeML TIMEX3): find them, type them and give each a normalised value.

The knowledge lives in `generator/resources/timex/` (word lists, patterns, context words); this module applies it:

1. every pattern family is compiled once and scanned over the text; overlapping candidates are resolved by the
   longest match (then by the order of the rules);
2. each kept candidate is normalised by its family's function, in text order, so that narrative expressions
   ("two days later", "the previous year") count from the last date the text mentioned, while deictic ones
   ("yesterday", "last week", "on Monday") count from the anchor (the publication date);
3. underspecified dates ("3 September", "In April", "on Monday") take the year / week that the anchor and the tense
   of the clause make likely.

Without an anchor, values keep X placeholders (`XXXX-09-03`) rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from generator.model import Timex

RESOURCES = Path(__file__).parent / "resources" / "timex"


# --------------------------------------------------------------------------- #
# Resources
# --------------------------------------------------------------------------- #


@cache
def resource(name: str) -> dict:
    with open(RESOURCES / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def month_numbers() -> dict[str, int]:
    return {name.lower(): int(n) for n, names in resource("calendar")["months"].items() for name in names}


@cache
def weekday_numbers() -> dict[str, int]:
    return {name.lower(): int(n) for n, names in resource("calendar")["weekdays"].items() for name in names}


@cache
def number_words() -> dict[str, float]:
    nums = resource("numbers")
    words: dict[str, float] = {k: v for k, v in nums["units"].items()}
    for ten, tv in nums["tens"].items():
        words[ten] = tv
        if " " not in ten:
            for unit, uv in nums["units"].items():
                if uv in range(1, 10) and unit.isalpha() and unit not in ("a", "an"):
                    words[f"{ten}-{unit}"] = words[f"{ten} {unit}"] = tv + uv
    return words


@cache
def unit_codes() -> dict[str, str]:
    """Every singular and plural unit word -> its TimeML designator."""
    units = resource("units")
    codes = {}
    for word, code in units["units"].items():
        codes[word] = code
        codes[units["irregular_plurals"].get(word, word + "s")] = code
    return codes


def _number_pattern() -> str:
    """Digits, or number words: tens with an optional unit ("twenty-five", "forty two"), units, "a dozen"."""
    nums = resource("numbers")
    simple = [u for u, v in nums["units"].items() if 1 <= v <= 9 and u.isalpha() and u not in ("a", "an")]
    tens = _alternation(list(nums["tens"]))
    compound = f"{tens}(?:[\\s-]+{_alternation(simple)})?"
    return rf"(?:\d+(?:[.,]\d+)?(?!\d)|{compound}|{_alternation(list(nums['units']))})"


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    """Longest first, so that `Sept.` wins over `Sep`; a word boundary after names not ending in a dot."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(escaped if not w[-1].isalnum() else escaped + r"\b")
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _cased(names: list[str]) -> list[str]:
    return [v for n in names for v in (n, n.upper())]


@cache
def placeholders() -> dict[str, str]:
    cal, rel, mods = resource("calendar"), resource("relative"), resource("modifiers")
    months = [n for names in cal["months"].values() for n in names]
    weekdays = [n for names in cal["weekdays"].values() for n in names]
    full_weekdays = [max(names, key=len) for names in cal["weekdays"].values()]
    units = resource("units")["units"]
    plural = [resource("units")["irregular_plurals"].get(u, u + "s") for u in units]
    holidays = resource("holidays")
    return {
        "month": _alternation(_cased(months), case_sensitive=True),
        "weekday": _alternation(_cased(weekdays), case_sensitive=True),
        "weekday_plural": _alternation(_cased([w + "s" for w in full_weekdays]), case_sensitive=True),
        "day": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "year": r"(?:1[0-9]\d\d|20\d\d)(?!\d)",
        "number": _number_pattern(),
        "unit": _alternation(list(units)),
        "unit_plural": _alternation(plural),
        "season": _alternation(list(cal["seasons"])),
        "day_part": _alternation([p for p in cal["day_parts"] if p.isalpha() and p not in ("midday", "noon")]),
        "ordinal": _alternation([str(o) for o in cal["ordinals"]]),
        "shift": _alternation(list(rel["shifts"])),
        "direction": _alternation(list(rel["directions"])),
        "approx": _alternation(list(mods["approximate"])),
        "part": _alternation([p.rstrip("-") for p in mods["part"]]),
        "holiday": _alternation(
            list(holidays["fixed"]) + list(holidays["easter"]) + list(holidays["nth_weekday"]), case_sensitive=True
        ),
        "deictic_day": _alternation(list(rel["days"])),
        "reference": _alternation([r for r in rel["references"] if r not in rel["guarded_references"]]),
        "time_zone": _alternation(list(cal["time_zones"]), case_sensitive=True),
    }


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern
    order: int
    triggers: tuple[str, ...]


def _last_words(phrases) -> set[str]:
    """The last word of each phrase: the distinctive one ("the future" -> future, "right now" -> now)."""
    return {re.findall(r"[^\W\d_]+", str(p).lower())[-1] for p in phrases}


def _words_of(phrases) -> set[str]:
    return {w for p in phrases for w in re.findall(r"[^\W\d_]+", str(p).lower())}


@cache
def trigger_words() -> dict[str, tuple[str, ...]]:
    """Lower-case word -> the trigger classes it belongs to (see patterns.yaml, `triggers`)."""
    cal, rel, units = resource("calendar"), resource("relative"), resource("units")
    classes = {
        "month": _words_of(n for names in cal["months"].values() for n in names),
        "weekday": _words_of(n for names in cal["weekdays"].values() for n in names)
        | {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"},
        "season": _words_of(cal["seasons"]),
        "unit": set(unit_codes()) | _words_of(units["units"]),
        "day_part": _words_of(cal["day_parts"]) | {p + "s" for p in _words_of(cal["day_parts"])},
        "deictic": _last_words(rel["days"]),
        "reference": _last_words(rel["references"]) | _last_words(rel["guarded_references"]),
        "holiday": {
            max(re.findall(r"[^\W\d_]+", h.lower()), key=len)
            for k in ("fixed", "easter", "nth_weekday")
            for h in resource("holidays")[k]
        },
        "adverb": set(_ADVERB_UNITS) | {"once", "twice", "times"},
        "distributive": {"every", "each", "per"},
        "half": {"half"},
        "quarter": {"quarter", "quarters"},
        "spelled_year": {"nineteen", "eighteen", "thousand"},
        "period": {"period"},
        "decade_word": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
    }
    index: dict[str, tuple[str, ...]] = {}
    for name, words in classes.items():
        for w in words:
            index[w] = (*index.get(w, ()), name)
    return index


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def rules() -> tuple[Rule, ...]:
    subs = placeholders()
    compiled = []
    for i, r in enumerate(resource("patterns")["rules"]):
        source = _PLACEHOLDER.sub(lambda m: subs[m.group(1)], r["pattern"])
        regex = re.compile(r"(?<![\w'’+-])(?<!\d/)(?:" + source + r")", re.IGNORECASE)  # not "24/7", "45+2"
        compiled.append(Rule(r["name"], r["type"], regex, i, tuple(r["triggers"])))
    return tuple(compiled)


@cache
def guarded_reference_regex() -> re.Pattern:
    frames = [f for fs in resource("relative")["guarded_references"].values() for f in fs or []]
    return re.compile("|".join(frames), re.IGNORECASE)


@cache
def tense_regex() -> re.Pattern:
    ctx = resource("context")
    future = _alternation(ctx["future_markers"])
    past = _alternation(ctx["past_markers"])
    not_ed = _alternation(ctx["not_past_ed"])
    past_ed = rf"(?!{not_ed})(?-i:[a-z]{{2,}}ed\b)"  # lower case: "United" is no verb
    return re.compile(rf"(?<![\w'’])(?:(?P<future>{future})|(?P<past>{past}|{past_ed}))", re.IGNORECASE)


@cache
def tense_first_words() -> frozenset[str]:
    """The first word of every tense marker: the scan tries the marker regex only at those words (and at -ed)."""
    ctx = resource("context")
    return frozenset(str(m).lower().split()[0] for m in ctx["future_markers"] + ctx["past_markers"])


# Where a tense marker may start: a word (or an apostrophe form like 'll) not preceded by a letter or apostrophe.
_MARKER_START = re.compile(r"(?<![\w'’])(?:['’][^\W\d_]+|[^\W\d_]+)")


@cache
def discourse_openers() -> frozenset[str]:
    return frozenset(resource("relative")["discourse_openers"])


@cache
def fraction_regex() -> re.Pattern:
    return re.compile(resource("context")["fraction_after"], re.IGNORECASE)


@cache
def context_words() -> dict[str, frozenset[str]]:
    ctx = resource("context")
    return {k: frozenset(str(w).lower() for w in v) for k, v in ctx.items() if isinstance(v, list)}


# --------------------------------------------------------------------------- #
# Candidates
# --------------------------------------------------------------------------- #


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


_TOKEN = re.compile(r"[^\W_]+")
# Characters before / after a trigger word within which a rule's match must lie ("no more than twenty-five years").
WINDOW_BEFORE, WINDOW_AFTER = 40, 30


def trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, the merged spans of text around its words: rules are only tried there."""
    words = trigger_words()
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit() or token[-1].isdigit():
            classes = _digit_classes(token, text[m.end() : m.end() + 5])
        else:
            classes = words.get(token.lower())
            if classes is None:
                continue
        start, end = m.span()
        lo, hi = max(0, start - WINDOW_BEFORE), end + WINDOW_AFTER
        for cls in classes:
            merged = spans.get(cls)
            if merged is None:
                spans[cls] = [(lo, hi)]
            elif lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
    return spans


def _digit_classes(token: str, after: str) -> tuple[str, ...]:
    """Trigger classes of a token with a digit, given the few characters after it: `year` (2025, FY2025), `decade`
    (1990s, 1990's, 80s), `ordinal` (20th), `clock` (10:35, 4 p.m., 4pm, 27.10), `slash` (10/27/2025), `quarter_code`
    (Q3, 3Q), `half_code` (H1, 2H). String tests, not regexes: this runs on every number in the text."""
    n = len(token)
    if n == 4 and token.isdigit():
        return ("year", "decade") if token[3] == "0" and after[:1] in ("'", "’") else ("year",)
    if (n == 5 and token[4] == "s" and token[:4].isdigit()) or (n == 3 and token[1:] == "0s" and token[0].isdigit()):
        return ("decade",)
    if n == 2 and token.upper() in _QUARTER_CODES:
        return ("quarter_code",)
    if n == 2 and token in _HALF_CODES:
        return ("half_code",)
    if token[:2] == "FY" and token[2:].isdigit():
        return ("year",)
    tail = token[-2:].lower()
    if n >= 3 and tail in ("st", "nd", "rd", "th") and token[:-2].isdigit():
        return ("ordinal",)
    first = after[:1]
    if first == "/":
        return ("slash",)
    if first == ":" or tail in ("am", "pm") or (first == "." and after[1:2].isdigit()):
        return ("clock",)
    rest = after.lstrip()
    if rest[:1] in ("a", "p", "A", "P") and rest[1:2] in (".", "m", "M"):
        return ("clock",)
    return ()


_QUARTER_CODES = frozenset({"Q1", "Q2", "Q3", "Q4", "1Q", "2Q", "3Q", "4Q"})
_HALF_CODES = frozenset({"H1", "H2", "1H", "2H"})


def _rule_windows(rule: Rule, spans: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    if len(rule.triggers) == 1:
        return spans.get(rule.triggers[0], [])
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(w for t in rule.triggers for w in spans.get(t, [])):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _matches(rule: Rule, text: str, windows: list[tuple[int, int]]):
    """The rule's matches in the windows; a match may run past its window's end, never twice."""
    last_end = -1
    for lo, hi in windows:
        for m in rule.regex.finditer(text, max(lo, last_end), min(hi, len(text))):
            last_end = m.end()
            yield m


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, overlaps resolved: longest first, then earlier rule."""
    spans = trigger_windows(text)
    found = [Candidate(m.start(), m.end(), r, m) for r in rules() for m in _matches(r, text, _rule_windows(r, spans))]
    found.extend({(c.start, c.end): c for c in _guarded_references(text, spans)}.values())
    found.sort(key=lambda c: (c.start - c.end, c.rule.order, c.start))
    taken = bytearray(len(text))  # 1 where a kept candidate lies: overlap checks stay linear in the span
    kept = []
    for c in found:
        if taken.find(1, c.start, c.end) >= 0 or not _acceptable(text, c):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _guarded_references(text: str, spans: dict[str, list[tuple[int, int]]]) -> list[Candidate]:
    rule = next(r for r in rules() if r.name == "reference")
    regex = guarded_reference_regex()
    return [
        Candidate(m.start(), m.end(), rule, m)
        for lo, hi in spans.get("reference", [])
        for m in regex.finditer(text, lo, min(hi, len(text)))
    ]


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*([\w%$-]+)", text[end : end + 30])
    return m.group(1).lower() if m else ""


_NAME_FOLLOWS = re.compile(r"\s+[A-Z]")
_OF_FOLLOWS = re.compile(r"\s+of\b")
_RESTATED_CLOCK = re.compile(r"(?:\b[ap]\.?m\.?|\d:\d\d|\btime|\bnoon|\bmidday|\bmidnight)\s*\(\s*$", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"(?:1[0-9]|20)\d\d")
_NAME_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")
_SENTENCE_START = re.compile(r"(?:[.!?:\"“]\s*|\n\s*)$")  # searched in the few characters before a word


def _counts_units(text: str, c: Candidate) -> bool:
    """Whether a duration's number counts its units: not a year ("the 2025 season", "sentenced in 1995 to 15
    years": a range counts up, never down)."""
    g = c.match.groupdict()
    first = number_value(g["number"])
    if g.get("upto") and first is not None and first > (number_value(g["upto"]) or 0):
        return False
    singular = g["unit"].lower() in resource("units")["units"]
    return not (singular and _YEAR_LIKE.fullmatch(g["number"]) and text[c.match.end("number")] != "-")


def names_a_publication(text: str, start: int, end: int) -> bool:
    """ "daily" / "weekly" as a newspaper: "the liberal daily Hurriyet", "the China Daily reported", "a government
    daily said", "the Mainichi Shimbun daily." (capitalised inside a sentence, or before a name, a reporting verb or
    the end of a clause after a name or a determiner)."""
    words = context_words()
    if start > 0 and text[start].isupper() and not _SENTENCE_START.search(text, max(0, start - 3), start):
        return True
    after = text[end : end + 30].lstrip(" ")
    before = _word_before(text, start)
    if after[:1].isupper() and before not in words["frequency_prepositions"]:
        return True
    if _word_after(text, end) in words["publication_followers"]:
        return True
    ends_clause = after[:1] in ("", ".", ",", ";", ":", ")", "\n")
    after_a_name = _NAME_BEFORE.search(text, max(0, start - 30), start) is not None
    return ends_clause and (after_a_name or before in words["frequency_adjective_openers"])


_COUNTED = re.compile(r"\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|few|several|couple)\b)", re.I)


def _acceptable(text: str, c: Candidate) -> bool:
    """Context checks that a pattern alone cannot make."""
    name, g = c.rule.name, c.match.groupdict()
    words = context_words()
    if name == "year" and not (g.get("part") or g.get("fiscal") or g.get("fy")):
        before, after = _word_before(text, c.start), _word_after(text, c.end)
        if after in words["count_nouns"] or before in words["count_prefixes"]:
            return False
        if int(g["year"]) < 1900 and before not in words["date_prepositions"]:
            return False
    if name == "month" and g["month"].title() in resource("calendar")["bare_abbreviations"]:
        return False  # "Mar del Plata", "Solar Electrification Project (SEP)"
    if name == "year_range" and (
        _word_after(text, c.end) in words["count_nouns"] or _word_before(text, c.start) in words["count_prefixes"]
    ):
        return False
    if name == "half_code" and not (g.get("year") or g.get("fy") or g.get("yy")):
        return _word_before(text, c.start) in words["date_prepositions"]  # "in H1"; not the H1 of a name
    if name == "month" and not (g.get("part") or g.get("shift")):
        if g["month"] in resource("calendar")["ambiguous_months"]:
            name_follows = re.match(r"\s+[A-Z][a-z]", text[c.end : c.end + 3]) is not None  # "Jan Kavan"
            return _word_before(text, c.start) in words["date_prepositions"] and not name_follows
    if name == "season" and g["season"][:1].isupper() and _NAME_FOLLOWS.match(text, c.end):
        return False  # "the Mid-Autumn Festival", "the Winter Olympics": a name
    if name == "season" and g.get("the") and _word_before(text, c.start) not in words["date_prepositions"]:
        return False  # "the spring" as a subject is too often not the season of a known year
    if name == "duration" and c.match.group(0).lower().endswith(("quarter", "quarters")):
        if fraction_regex().match(text, c.end):
            return False
    if name == "reference" and _COUNTED.match(text, c.end) and c.match.group(0).lower() != "current":
        return False  # "the past five elections", "the future three ships": a count, not a time
    if name == "duration" and g["unit"][:1].isupper() and _NAME_FOLLOWS.match(text, c.end):
        return False  # "the Six-Day War": a name
    if name == "reference" and text.startswith(",", c.end) and c.match.group(0) in discourse_openers():
        return False  # "Now, he says, ...": a discourse marker, not the present
    if name == "weekday" and g["weekday"] in resource("calendar")["ambiguous_weekdays"]:
        return False
    if name == "set" and g.get("adverb") and _word_before(text, c.start) in words["frequency_adjective_openers"]:
        return False
    if name == "set" and g.get("adverb") and names_a_publication(text, c.start, c.end):
        return False
    if name == "duration" and not _counts_units(text, c):
        return False
    if (
        name == "duration"
        and c.match.group(0).lower() in words["format_durations"]
        and _word_after(text, c.end) in words["format_nouns"]
    ):
        return False  # "England's one-day squad": a format of the game
    if name == "clock" and _RESTATED_CLOCK.search(text, max(0, c.start - 20), c.start):
        return False  # "10:30 a.m. (0230 GMT)": the same instant again, in another time zone
    if name == "shifted_unit" and g.get("the") and _OF_FOLLOWS.match(text, c.end):
        return False  # "the last day of the summit", "the last year of his term": a part of something, not a shift
    if name == "the_year" and "Year" in c.match.group(0):
        return False  # "Player of the Year": a title
    if name == "spelled_year" and g.get("tens") and not 10 <= (number_value(g["tens"]) or 0) <= 99:
        return False
    if name in ("duration", "ago", "set") and g.get("unit"):
        # "a second term", "Min Aung Hlaing": abbreviated and ambiguous units need digits ("30 min", "5 hrs")
        unit = g["unit"].lower().rstrip("s")
        if unit in resource("units")["numeric_only"] and not (g.get("number") or "").strip()[:1].isdigit():
            return False
    return True


# --------------------------------------------------------------------------- #
# Normalisation
# --------------------------------------------------------------------------- #


@dataclass
class Context:
    text: str
    anchor: dt.date | None
    reference: dt.date | None  # the last full date the narrative mentioned (starts at the anchor)
    quarter: tuple[int, int] | None = None  # the last quarter mentioned, for "a year earlier" in quarterly reports
    year: int | None = None  # the last year mentioned, for "that year", "the previous year"
    month: tuple[int, int] | None = None  # the last month mentioned, for "the following month"
    clauses: dict = field(default_factory=dict)  # tense markers of each clause seen
    calendar_end: int = -1  # where the last calendar date ("Sept. 30", "2025-09-30") ends, when it set `reference`
    date_order: str | None = None  # "dmy" / "mdy" / "" (unknown): how the text writes slash dates, once asked

    def reference_in_sentence(self, c: Candidate) -> bool:
        """Whether the narrative's reference day is a calendar date written earlier in the sentence of `c`."""
        end = self.calendar_end
        return 0 <= end <= c.start and not _SENTENCE_BREAK.search(self.text, end, c.start + 1)

    def tense(self, c: Candidate) -> str | None:
        return tense(self.text, c.start, c.end, self.clauses)


@dataclass
class Value:
    value: str
    type: str | None = None  # overrides the rule's type
    basis: str = "explicit"
    mod: str | None = None
    date: dt.date | None = None  # a full date, to move the narrative's reference time


_SENTENCE_BREAK = re.compile(r"[.!?][\"'’”]*\s+[\"'“‘`]*[A-Z]|\n")

# A tense marker after the expression counts as this many times farther: the verb a time adjunct modifies comes
# before it more often ("will double its flights by August in the search for markets untouched by ...").
AFTER_WEIGHT = 3.0

# How far around an expression its clause may reach, in characters, when looking for tense markers.
CLAUSE_REACH = 120


_CLAUSE_END = re.compile(r"[.!?;][\"'’”]*(?=\s)|\n")  # a stop, closing quotes after it (`.''`) or not


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch around [start, end) up to the nearest sentence or clause ends, within CLAUSE_REACH."""
    lo = max(0, start - CLAUSE_REACH)
    for m in _CLAUSE_END.finditer(text, lo, start):
        lo = m.end()
    m = _CLAUSE_END.search(text, end, min(len(text), end + CLAUSE_REACH))
    return lo, m.start() if m else min(len(text), end + CLAUSE_REACH)


def _tense_markers(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, future|past) of the tense markers in text[lo:hi]."""
    adjective_openers = context_words()["adjective_openers"]
    markers = []
    last_future = -100
    first_words, regex = tense_first_words(), tense_regex()
    scanned_to = lo
    for word in _MARKER_START.finditer(text, lo, hi):
        w = word.group()
        if word.start() < scanned_to or not (w.lower() in first_words or w.endswith("ed")):
            continue  # the full marker regex runs only where a marker can start: a tenth of the words
        m = regex.match(text, word.start(), hi)
        if m is None:
            continue
        scanned_to = m.end()
        if w.endswith(("ed", "ing")) and _word_before(text, word.start()) in adjective_openers:
            continue  # "a still unspecified date", "an opening round": an adjective
        # a participle after a future marker belongs to it: "will be held", "will be officially presented and played"
        chained = last_future >= 0 and (
            m.start() - last_future < 12 or verb_chain_gap_regex().fullmatch(text, last_future, m.start()) is not None
        )
        kind = "future" if (m.group("future") or chained) and not _unrealised_plan(text, m.start()) else "past"
        if kind == "future":
            last_future = m.end()
        markers.append((m.start(), m.end(), kind))
    return markers


@cache
def verb_chain_gap_regex() -> re.Pattern:
    """What may stand between a future marker and a participle that belongs to it: adverbs in -ly and the
    `verb_chain_words` ("will be officially presented and played")."""
    words = _alternation(resource("context")["verb_chain_words"])
    return re.compile(rf"(?:\s+(?:[a-z]+ly\b|{words}))*\s+")


@cache
def onset_regex() -> re.Pattern:
    """An onset word right before a date: "a match starting Thursday", "opening here Saturday"."""
    ctx = resource("context")
    words, links = _alternation(ctx["onset_words"]), _alternation(ctx["onset_links"])
    return re.compile(rf"(?<![\w'’]){words}(?:\s+{links})?\s+$", re.IGNORECASE)


@cache
def postponement_regex() -> re.Pattern:
    """A delay or grace period running up to the date that follows: "postponed until", "gave them until"."""
    ctx = resource("context")
    verbs, links = _alternation(ctx["postponement_verbs"]), _alternation(ctx["postponement_links"])
    return re.compile(rf"(?<![\w'’]){verbs}(?:\s+[\w'’.,-]+){{0,5}}?\s+{links}\s+$", re.IGNORECASE)


@cache
def unrealised_plan_regex() -> re.Pattern:
    return re.compile(_alternation(resource("context")["unrealised_plans"]), re.IGNORECASE)


@cache
def superseded_plan_regex() -> re.Pattern:
    return re.compile(rf"(?<![\w'’]){_alternation(resource('context')['superseded_plan_openers'])}\s+$", re.IGNORECASE)


def _unrealised_plan(text: str, start: int) -> bool:
    """ "the service was to have begun on Thursday", "it had been scheduled to expire Friday": a plan that lies
    behind, not ahead."""
    return (
        unrealised_plan_regex().match(text, start) is not None
        or superseded_plan_regex().search(text, max(0, start - 12), start) is not None
    )


def tense(text: str, start: int, end: int, memo: dict | None = None) -> str | None:
    """`future`, `past` or None: the nearest tense marker in the clause around [start, end) (markers after the
    expression count as a little farther). `memo` keeps each clause's markers across calls on the same text."""
    if onset_regex().search(text, max(0, start - 30), start) or postponement_regex().search(
        text, max(0, start - 80), start
    ):
        return "future"
    bounds = _clause_bounds(text, start, end)
    if memo is None:
        markers = _tense_markers(text, *bounds)
    else:
        markers = memo.get(bounds)
        if markers is None:
            markers = memo[bounds] = _tense_markers(text, *bounds)
    best, best_distance, best_end = None, float("inf"), 0
    marked_before = any(m_end <= start for _, m_end, _ in markers)
    forward_only = context_words()["forward_only_markers"]
    for m_start, m_end, kind in markers:
        if start <= m_start < end or (m_start >= end and _belongs_elsewhere(text, end, m_start, m_end, marked_before)):
            continue
        if m_start >= end and " ".join(text[m_start:m_end].lower().split()) in forward_only:
            continue  # "kept security on Tuesday ahead of the festival": the festival lies ahead, not Tuesday
        distance = start - m_end if m_end <= start else (m_start - end) * AFTER_WEIGHT
        if distance < best_distance:
            best, best_distance, best_end = kind, distance, m_end
    if best == "past" and best_end <= start and _infinitive_between(text, best_end, start):
        return None
    return best


def _belongs_elsewhere(text: str, end: int, m_start: int, m_end: int, marked_before: bool) -> bool:
    """Whether a marker after the expression belongs to another clause: an attribution, or anything past a comma
    when the expression's own clause has a marker before it ("which will be put to a referendum in May, was not
    directed against Russia"; but "In September, it announced ..." keeps the clause after the fronted date)."""
    return _is_attribution(text, end, m_start, m_end) or (marked_before and "," in text[end:m_start])


def _is_attribution(text: str, end: int, m_start: int, m_end: int) -> bool:
    """A reporting verb that closes the sentence after a comma behind the expression ("... on Friday, it said.",
    "... on Friday, said the minister"): it dates the report, not the clause the expression belongs to. Not a main
    clause after a fronted date ("In September, it announced plans ...")."""
    between = text[end:m_start]
    if "," not in between or text[m_start:m_end].lower() not in context_words()["reporting_verbs"]:
        return False
    closes = text[m_end : m_end + 3].lstrip(" ")[:1] in ("", ".", ",", ";", "\n")
    return closes or between.rstrip(" ").endswith(",")


_INFINITIVE = re.compile(r"\bto\s+([a-z]+)\b")


def _infinitive_between(text: str, lo: int, hi: int) -> bool:
    """Whether an infinitive ("to acquire") opens a clause of its own between a past tense and the expression."""
    never = context_words()["not_infinitive"]
    return any(m.group(1) not in never for m in _INFINITIVE.finditer(text, lo, hi))


def _int(s: str | None) -> int | None:
    return int(re.sub(r"\D", "", s)) if s else None


def _month(g: dict) -> int:
    if g.get("monthnum"):
        return int(g["monthnum"])
    return month_numbers()[re.sub(r"\s+", " ", g["month"]).lower()]


def _mod(part: str | None) -> str | None:
    if not part:
        return None
    return resource("modifiers")["part"].get(re.sub(r"\s+", " ", part.lower()).rstrip("-"))


def _approx(word: str | None) -> str | None:
    return resource("modifiers")["approximate"].get(re.sub(r"\s+", " ", word.lower())) if word else None


# A date that lies the other way from the clause's tense counts as this many times farther away.
TENSE_PENALTY = 2.5
# A month without a day and without a tense marker is read ahead only when it is close ("In January" read in
# October: this January; "in May" read in March: this May).
MONTH_UNMARKED_FUTURE_PENALTY = 4.0
# A future marker ("will", "expected to") is seldom wrong about a month: "a mission in December" read in March.
MONTH_FUTURE_PENALTY = 8.0
# ... nor a past-tense verb ("was elected in March" read in December: this March, not the next one).
MONTH_PAST_PENALTY = 30.0
# News reports more than it announces: with no tense marker, a date ahead counts as a little farther away.
UNMARKED_FUTURE_PENALTY = 1.3
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def nearest_year(
    anchor: dt.date, month: int, day: int | None, when: str | None, certain: bool = False, deadline: bool = False
) -> int:
    """The year that puts (month, day) closest to the anchor, the tense of the clause weighing against dates that
    lie the other way ("In April" read in October: April of this year if past, of next year if future). When the
    direction is `certain`, a date the other way is ruled out; a `deadline` ("by May") may lie ahead of a past
    tense."""
    best, best_cost = anchor.year, float("inf")
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        distance = (dt.date(year, month, min(day or 15, _MONTH_DAYS[month - 1])) - anchor).days
        if day is None and year == anchor.year and month == anchor.month:
            distance = 0
        cost = abs(distance)
        if (when == "past" and distance > 0) or (when == "future" and distance < 0):
            month_penalty = MONTH_FUTURE_PENALTY if when == "future" else MONTH_PAST_PENALTY
            penalty = month_penalty if not day and not (deadline and when == "past") else TENSE_PENALTY
            cost = cost * penalty + (1e6 if certain else 0)
        elif when is None and distance > 0:
            cost *= UNMARKED_FUTURE_PENALTY if day else MONTH_UNMARKED_FUTURE_PENALTY
        if cost < best_cost:
            best, best_cost = year, cost
    return best


def _year_for(ctx: Context, c: Candidate, month: int, day: int | None, when: str | None = None) -> tuple[str, str]:
    """The year of a date written without one, inferred from the anchor and the clause's tense (or `when`, which a
    word like "last" in "last Oct. 23" makes certain)."""
    if ctx.anchor is None:
        return "XXXX", "inferred"
    if when is not None:
        return str(nearest_year(ctx.anchor, month, day, when, certain=True)), "relative"
    if _word_before(ctx.text, c.start) in context_words()["since_words"]:  # "since March": behind us
        return str(nearest_year(ctx.anchor, month, day, "past", certain=True)), "inferred"
    word_before = _word_before(ctx.text, c.start)
    deadline = word_before in context_words()["deadline_words"]
    when = ctx.tense(c)
    if when is None and word_before in context_words()["open_deadline_words"]:
        when = "future"  # "a program to pay down the loan by February": a deadline with no tense lies ahead
    certain = when == "future" and _plain_future_before(ctx.text, c.start)
    return str(nearest_year(ctx.anchor, month, day, when, certain=certain, deadline=deadline)), "inferred"


@cache
def plain_future_regex() -> re.Pattern:
    """ "will" or "shall" and a few words before the expression, in its clause ("the court will rule on Sept. 11")."""
    words = _alternation(resource("context")["plain_future_markers"])
    return re.compile(rf"(?<![\w'’]){words}\s+(?:[\w'’-]+\s+){{0,5}}$", re.IGNORECASE)


def _plain_future_before(text: str, start: int) -> bool:
    """A plain future right before the date: it cannot lie behind the article ("will rule on Sept. 11" read in
    October is next September), unlike a future in the past ("was expected to")."""
    lo = max(0, start - 60)
    stretch = text[lo:start]
    if any(stop in stretch for stop in (".", ";", "\n", '"', "“", "”")):
        return False  # another sentence or a quotation: not this clause's tense
    return plain_future_regex().search(stretch) is not None


def _date_value(year: str, month: int, day: int | None) -> str:
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def _safe_date(year: str, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None


def norm_calendar_date(ctx: Context, c: Candidate, g: dict) -> Value | None:
    month, day = _month(g), _int(g["day"])
    if day is None or day > 31:
        return None
    if g.get("year"):
        year = g["year"] if len(g["year"]) == 4 else str(_full_year(g["year"]))
        basis = "explicit"
    else:
        shift = re.sub(r"\s+", " ", (g.get("shift") or "").lower())
        when = resource("relative")["date_directions"].get(shift)
        year, basis = _year_for(ctx, c, month, day, when)
    full = _safe_date(year, month, day) if year.isdigit() else None
    if year.isdigit() and full is None:
        return None
    return Value(_date_value(year, month, day), basis=basis, date=full)


def norm_numeric_date(ctx: Context, c: Candidate, g: dict) -> Value | None:
    """10/27/2025 (US), 27/10/2025 and 27.10.2025 (day first). A slash date that reads both ways follows the text's
    other slash dates, else the reading nearer the anchor (for a date within a year of it), else the US order."""
    if g.get("dot_second"):
        return norm_calendar_date(ctx, c, {"monthnum": g["dot_second"], "day": g["first"], "year": g["dot_year"]})
    a, b = int(g["first"]), int(g["second"])
    if a > 12 and b > 12:
        return None
    day_first = a > 12 or (b <= 12 and _reads_day_first(ctx, a, b, g["year"]))
    month, day = (g["second"], g["first"]) if day_first else (g["first"], g["second"])
    return norm_calendar_date(ctx, c, {"monthnum": month, "day": day, "year": g["year"]})


_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d\d)(?![\d/])")


def slash_date_order(text: str) -> str:
    """ "dmy" or "mdy" when every slash date of the text that reads only one way reads that way, else ""."""
    orders = set()
    for m in _SLASH_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b:
            orders.add("dmy")
        elif b > 12 >= a:
            orders.add("mdy")
    return orders.pop() if len(orders) == 1 else ""


def _reads_day_first(ctx: Context, a: int, b: int, year: str) -> bool:
    if ctx.date_order is None:
        ctx.date_order = slash_date_order(ctx.text)
    if ctx.date_order:
        return ctx.date_order == "dmy"
    y = int(year) if len(year) == 4 else _full_year(year)
    if ctx.anchor is None or a == b or abs(y - ctx.anchor.year) > 1:
        return False
    month_first, day_first = dt.date(y, a, b), dt.date(y, b, a)
    return abs((day_first - ctx.anchor).days) < abs((month_first - ctx.anchor).days)


def norm_month_year(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(_date_value(g["year"], _month(g), None), mod=_mod(g.get("part")))


_WEEK_OF_MONTH_DAY = {"first": 1, "second": 8, "third": 15, "fourth": 22}


def norm_week_of_month(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "the second week of October" -> the ISO week holding 8 October; "the last week of June" -> the one holding
    the 27th."""
    month = _month(g)
    year = g.get("year") or _year_for(ctx, c, month, None)[0]
    if not year[:1].isdigit():
        return Value(f"XXXX-{month:02d}", basis="inferred")
    day = _WEEK_OF_MONTH_DAY.get(g["ordinal"].lower(), _MONTH_DAYS[month - 1] - 3)
    iso_year, week, _ = dt.date(int(year), month, day).isocalendar()
    return Value(f"{iso_year}-W{week:02d}", basis="explicit" if g.get("year") else "inferred")


# Month ranges that make up a quarter or a half of the year, and their TimeML codes.
_MONTH_PERIODS = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1", (7, 12): "H2"}


def norm_month_range(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "the January-June period" -> 2025-H1, "July-September 2025" -> 2025-Q3; another range -> its first month."""
    first, last = _month(g), month_numbers()[g["month2"].lower().rstrip(".")]
    year = g.get("year") or _year_for(ctx, c, first, None)[0]
    period = _MONTH_PERIODS.get((first, last))
    value = f"{year}-{period}" if period else _date_value(year, first, None)
    return Value(value, basis="explicit" if g.get("year") else "inferred")


def norm_month(ctx: Context, c: Candidate, g: dict) -> Value:
    month, shift = _month(g), re.sub(r"\s+", " ", (g.get("shift") or "").lower())
    if ctx.anchor is not None and g.get("year_shift"):
        year = ctx.anchor.year + resource("relative")["shifts"][g["year_shift"].lower()]
        return Value(_date_value(str(year), month, None), basis="relative", mod=_mod(g.get("part")))
    if ctx.anchor is None:
        return Value(f"XXXX-{month:02d}", basis="inferred", mod=_mod(g.get("part")))
    a = ctx.anchor
    if shift in ("last", "past", "previous", "this past"):
        year = a.year if month < a.month else a.year - 1
    elif shift in ("next", "coming", "following"):
        year = a.year if month > a.month else a.year + 1
    elif shift == "this":
        year = a.year
    else:
        if shared := _range_year_after(ctx.text, c.end):  # "between January and June 2024": the range's year
            return Value(_date_value(shared, month, None), mod=_mod(g.get("part")))
        when = "future" if names_a_contract(ctx.text, c.start, c.end) else None
        return Value(
            _date_value(_year_for(ctx, c, month, None, when)[0], month, None), basis="inferred", mod=_mod(g.get("part"))
        )
    return Value(_date_value(str(year), month, None), basis="relative", mod=_mod(g.get("part")))


@cache
def range_year_regex() -> re.Pattern:
    """A second month and its year right after a month: " and June 2024", " to March, 2025"."""
    return re.compile(
        rf"\s*(?:and|to|through|until|-|–)\s+(?:{placeholders()['month']})\.?,?\s+(?P<year>(?:1[89]|20)\d\d)\b"
    )


def _range_year_after(text: str, end: int) -> str | None:
    m = range_year_regex().match(text, end)
    return m.group("year") if m else None


@cache
def contract_opener_regex() -> re.Pattern:
    return re.compile(rf"\b{_alternation(resource('context')['delivery_nouns'])}\s+(?:in|for)\s+$", re.IGNORECASE)


def names_a_contract(text: str, start: int, end: int) -> bool:
    """Whether the month at text[start:end] names a contract: "crude for January delivery", "delivery in March", "the
    May contract" (a month ahead, whatever the tense; not "awarded contracts in June")."""
    nouns = context_words()["contract_nouns"]
    return (
        _word_after(text, end) in nouns or contract_opener_regex().search(text, max(0, start - 25), start) is not None
    )


def _season_code(word: str) -> str:
    return resource("calendar")["seasons"][word.lower()]


def norm_season_year(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(f"{g['year']}-{_season_code(g['season'])}", mod=_mod(g.get("part")))


def norm_season(ctx: Context, c: Candidate, g: dict) -> Value:
    code = _season_code(g["season"])
    if ctx.anchor is None:
        return Value(f"XXXX-{code}", basis="inferred")
    shift = resource("relative")["shifts"].get((g.get("shift") or "").lower(), 0)
    if not g.get("shift"):
        when = ctx.tense(c)
        shift = {"past": -1, "future": 1}.get(when or "", 0)
        order = ["WI", "SP", "SU", "FA"]
        # where the anchor stands in its year: December opens the next winter, after this year's autumn
        current = 4 if ctx.anchor.month == 12 else ctx.anchor.month // 3
        if (shift < 0 and order.index(code) <= current) or (shift > 0 and order.index(code) > current):
            shift = 0
    return Value(f"{ctx.anchor.year + shift}-{code}", basis="relative", mod=_mod(g.get("part")))


def norm_decade(ctx: Context, c: Candidate, g: dict) -> Value:
    if g.get("decade"):
        stem = g["decade"][:3]
    else:
        short = int(g["short"])  # "the '80s": the anchor's century, or the one before when that decade is still ahead
        century = ctx.anchor.year // 100 * 100 if ctx.anchor else 1900
        if ctx.anchor and century + short > ctx.anchor.year:
            century -= 100
        stem = str((century + short) // 10)
    return Value(stem if g.get("the") else stem + "X", mod=_mod(g.get("part")))


def norm_century(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(f"{int(g['century']) - 1:02d}", mod=_mod(g.get("part")))


def norm_year(ctx: Context, c: Candidate, g: dict) -> Value:
    if g.get("fy"):  # "FY25"
        return Value(str(_full_year(g["fy"])))
    return Value(g["year"], mod=_mod(g.get("part")))


def _full_year(two_digits: str) -> int:
    """A year written with two digits ("10/27/25", "FY99"): this century up to 30, the last one after."""
    n = int(two_digits)
    return 1900 + n if n > 30 else 2000 + n


def norm_year_range(ctx: Context, c: Candidate, g: dict) -> Value | None:
    """ "1997-98", "2006-2010": the first year; `year_range_parts` splits the range into its two years."""
    first, last = int(g["year"]), _range_end(g["year"], g["year2"])
    if not first < last <= first + 100:  # "2006-05" is no range; "1644-1911" is
        return None
    return Value(g["year"])


def _range_end(first: str, second: str) -> int:
    """The last year of a range: "98" after "1997" is 1998, "00" after "1999" is 2000 (the next century only for a
    short span: "2006-05" is no range)."""
    if len(second) == 4:
        return int(second)
    year = int(first[:2] + second)
    return year if year > int(first) or year + 100 - int(first) > 20 else year + 100


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, q: int, by: int) -> tuple[int, int]:
    n = year * 4 + (q - 1) + by
    return n // 4, n % 4 + 1


def norm_quarter(ctx: Context, c: Candidate, g: dict) -> Value | None:
    year = g.get("year") or g.get("year2") or g.get("year3")
    if g.get("year_shift") and ctx.anchor:
        year = str(ctx.anchor.year + resource("relative")["shifts"][g["year_shift"].lower()])
    shift_word = (g.get("shift") or "").lower()
    if g.get("ordinal"):
        q = resource("calendar")["ordinals"][g["ordinal"].lower()]
        if year:
            return Value(f"{year}-Q{q}")
        if ctx.anchor is None:
            return Value(f"XXXX-Q{q}", basis="inferred")
        ay, aq = _quarter_of(ctx.anchor)
        y = ay - 1 if q > aq and ctx.tense(c) != "future" else ay
        return Value(f"{y}-Q{q}", basis="inferred")
    if not shift_word and ctx.quarter:
        return Value(f"{ctx.quarter[0]}-Q{ctx.quarter[1]}", basis="relative")
    if ctx.anchor is None:
        return Value("XXXX-QX", basis="inferred")
    ay, aq = _quarter_of(ctx.anchor)
    by = resource("relative")["shifts"].get(shift_word, -1 if shift_word in ("latest", "final") else 0)
    if not shift_word:
        by = -1 if ctx.tense(c) == "past" else 0
    y, q = _shift_quarter(ay, aq, by)
    return Value(f"{y}-Q{q}", basis="relative")


def norm_year_earlier(ctx: Context, c: Candidate, g: dict) -> Value:
    """The same period a year before: the day a year before a day named in the same sentence ("for the quarter
    ended Sept. 30, ... a year earlier"), the quarter last mentioned in quarterly reports, else the previous year."""
    if g.get("months"):  # "the year-earlier nine months": the same span of months, a year before
        return Value(_duration(number_value(g["months"]), "M"), type="DURATION")
    if g.get("ordinal"):  # "the year-earlier third quarter": that quarter of the year before the report's
        q = resource("calendar")["ordinals"][g["ordinal"].lower()]
        year = ctx.quarter[0] if ctx.quarter else ctx.anchor.year if ctx.anchor else None
        return Value(f"{year - 1}-Q{q}" if year else f"XXXX-Q{q}", basis="relative")
    if g.get("same_day") and ctx.reference:
        day = _shift_date(ctx.reference, "Y", -1)
        return Value(day.isoformat(), basis="relative", date=day)
    if ctx.quarter and not g.get("unit") and _about_a_longer_span(ctx.text, c.start):
        return Value(str(ctx.quarter[0] - 1), basis="relative")
    if ctx.quarter:
        return Value(f"{ctx.quarter[0] - 1}-Q{ctx.quarter[1]}", basis="relative")
    return Value(str(ctx.anchor.year - 1) if ctx.anchor else "XXXX", basis="relative")


@cache
def non_quarter_regex() -> re.Pattern:
    return re.compile(resource("context")["non_quarter_periods"], re.IGNORECASE)


def _about_a_longer_span(text: str, start: int) -> bool:
    """Whether the sentence before `start` is about nine months, a half or a year rather than a quarter."""
    lo = max(0, start - 300)
    for m in _SENTENCE_BREAK.finditer(text, lo, start):
        lo = m.end() - 1
    return non_quarter_regex().search(text, lo, start) is not None


def norm_quarter_code(ctx: Context, c: Candidate, g: dict) -> Value:
    return _period_code(ctx, g, "Q", g.get("q") or g.get("q2"))


def _period_code(ctx: Context, g: dict, letter: str, n: str) -> Value:
    """`Q3 2025`, `FY25 Q3`, `H1'25`, or `Q3` alone in the anchor's year: YYYY-Q3 / YYYY-H1."""
    if g.get("year") or g.get("fy") or g.get("yy"):
        return Value(f"{g['year'] or _full_year(g['fy'] or g['yy'])}-{letter}{n}")
    year = str(ctx.anchor.year) if ctx.anchor else "XXXX"
    return Value(f"{year}-{letter}{n}", basis="inferred")


def norm_half(ctx: Context, c: Candidate, g: dict) -> Value:
    h = 1 if g["ordinal"].lower() in ("first", "1st") else 2
    if g.get("year"):
        return Value(f"{g['year']}-H{h}")
    year = ctx.anchor.year if ctx.anchor else None
    if year is not None and g.get("shift"):
        year += resource("relative")["shifts"].get(g["shift"].lower(), 0)
    return Value(f"{year if year else 'XXXX'}-H{h}", basis="relative")


def norm_half_code(ctx: Context, c: Candidate, g: dict) -> Value:
    return _period_code(ctx, g, "H", g.get("h") or g.get("h2"))


def _easter(year: int) -> dt.date:
    """Anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _holiday_in(name: str, year: int) -> dt.date:
    h = resource("holidays")
    if name in h["fixed"]:
        month, day = map(int, h["fixed"][name].split("-"))
        return dt.date(year, month, day)
    if name in h["easter"]:
        return _easter(year) + dt.timedelta(days=h["easter"][name])
    return _nth_weekday(year, *h["nth_weekday"][name])


def norm_named_day(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "9/11", "the Sept. 11 attacks": the day the name stands for, whatever the anchor's year."""
    named = resource("holidays")["named_days"]
    key = g.get("named") or "September 11"
    day = dt.date.fromisoformat(named[key])
    return Value(day.isoformat(), date=None)  # an event named, not the day the narrative is at


def norm_holiday(ctx: Context, c: Candidate, g: dict) -> Value | None:
    """A named day; without a year, the occurrence nearest the anchor, weighed by the clause's tense."""
    name = re.sub(r"\s+", " ", g["holiday"])
    if g.get("year"):
        day = _holiday_in(name, int(g["year"]))
        return Value(day.isoformat(), date=day)
    if ctx.anchor is None:
        if g.get("span"):
            return Value("XXXX-WXX" + ("-WE" if g["span"].lower() == "weekend" else ""), basis="inferred")
        fixed = resource("holidays")["fixed"].get(name)
        return Value(f"XXXX-{fixed}" if fixed else "XXXX-XX-XX", basis="inferred")
    when = ctx.tense(c)

    def cost(day: dt.date) -> float:
        distance = (day - ctx.anchor).days  # type: ignore[operator]
        against = (when == "past" and distance > 0) or (when == "future" and distance < 0)
        return abs(distance) * (TENSE_PENALTY if against else 1)

    day = min((_holiday_in(name, ctx.anchor.year + k) for k in (-1, 0, 1)), key=cost)
    if g.get("span"):
        return _holiday_span(day, g["span"].lower())
    return Value(day.isoformat(), basis="inferred", date=day)


def _holiday_span(day: dt.date, span: str) -> Value:
    """ "Easter week": the ISO week of the day; "Memorial Day weekend": the weekend it ends (a Monday, Tuesday) or
    the one it opens (a Thursday, Friday) or falls in."""
    if span == "weekend":
        weekday = day.isoweekday()
        day = day - dt.timedelta(days=weekday) if weekday <= 2 else day + dt.timedelta(days=max(0, 6 - weekday))
    y, w, _ = day.isocalendar()
    return Value(f"{y}-W{w:02d}" + ("-WE" if span == "weekend" else ""), basis="inferred")


def _day_part_code(word: str | None) -> str | None:
    return resource("calendar")["day_parts"].get(word.lower()) if word else None


def _with_part(day: dt.date | None, part: str | None, prefix: str = "XXXX-XX-XX") -> Value:
    """A date with an optional part of the day: 2025-10-27 (DATE) or 2025-10-27TMO (TIME)."""
    base = day.isoformat() if day else prefix
    code = _day_part_code(part)
    if code:
        return Value(f"{base}T{code}", type="TIME", basis="relative", date=day)
    return Value(base, basis="relative", date=day)


def norm_deictic_day(ctx: Context, c: Candidate, g: dict) -> Value:
    word = re.sub(r"\s+", " ", g["deictic"].lower())
    if ctx.anchor is None:
        return Value("PRESENT_REF" if word == "today" else "XXXX-XX-XX", basis="relative")
    day = ctx.anchor + dt.timedelta(days=resource("relative")["days"][word])
    return _with_part(day, g.get("day_part"))


def norm_this_day_part(ctx: Context, c: Candidate, g: dict) -> Value:
    last = "last" in g["shift"].lower()
    day = ctx.anchor - dt.timedelta(days=1 if last else 0) if ctx.anchor else None
    return _with_part(day, g["day_part"])


def weekday_date(anchor: dt.date, weekday: int, shift: str, when: str | None) -> dt.date:
    """The weekday meant: the most recent one unless the shift word or the tense points ahead."""
    ahead = (weekday - anchor.isoweekday()) % 7
    behind = (anchor.isoweekday() - weekday) % 7
    if shift in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if shift in ("last", "previous", "past"):
        return anchor - dt.timedelta(days=behind or 7)
    if ahead == 0:
        return anchor
    if when == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=behind)


def norm_weekday(ctx: Context, c: Candidate, g: dict) -> Value:
    weekday = weekday_numbers()[g["weekday"].lower()]
    shift = re.sub(r"\s+", " ", (g.get("shift") or "").lower())
    if ctx.anchor is None:
        return Value(f"XXXX-WXX-{weekday}", basis="relative")
    # "Wednesday's ruling": a weekday that names an event already known is behind us
    when = "past" if re.search(r"['’]s$", c.match.group(0)) else ctx.tense(c)
    if shift.removeprefix("the ") in ("previous", "following") and ctx.reference:
        # "the previous Friday": the one before the day the narrative is at, not before the anchor
        step = -1 if shift.endswith("previous") else 1
        day = ctx.reference + dt.timedelta(days=step)
        while day.isoweekday() != weekday:
            day += dt.timedelta(days=step)
        return _with_part(day, None)
    day = weekday_date(ctx.anchor, weekday, shift, when)
    value = _with_part(day, None)  # "Friday night": TimeBank dates the day (its majority), not the night
    value.mod = _mod(shift) if shift in ("early", "late") else None
    return value


def norm_weekday_set(ctx: Context, c: Candidate, g: dict) -> Value:
    name = g.get("weekday") or g.get("weekday2")
    n = weekday_numbers().get(name.lower()) or weekday_numbers()[name.lower()[:-1]]
    code = _day_part_code((g.get("day_part") or "").rstrip("s")) if g.get("day_part") else None
    return Value(f"XXXX-WXX-{n}" + (f"T{code}" if code else ""), type="SET")


def _shift_date(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=n)
    if unit in ("M", "Q", "SE"):
        months = n * {"M": 1, "Q": 3, "SE": 3}[unit]
        total = day.year * 12 + day.month - 1 + months
        return dt.date(total // 12, total % 12 + 1, min(day.day, 28))
    years = n * {"Y": 1, "DE": 10, "CE": 100}.get(unit, 1)
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _at_granularity(day: dt.date, unit: str) -> str:
    """A date written at the precision of a unit: week -> 2025-W43, month -> 2025-10, decade -> 202."""
    if unit == "D" or unit.startswith("T"):
        return day.isoformat()
    if unit == "W":
        y, w, _ = day.isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "WE":
        y, w, _ = day.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if unit == "M":
        return f"{day.year}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if unit == "DE":
        return str(day.year)[:3]
    if unit == "CE":
        return str(day.year)[:2]
    if unit == "SE":
        return f"{day.year}-{['WI', 'SP', 'SU', 'FA'][(day.month % 12) // 3]}"
    return str(day.year)


def _in_quarterly_comparison(text: str, c: Candidate) -> bool:
    """`last year` in a sentence about a quarter's results means that quarter of last year."""
    lo = max(text.rfind(ch, max(0, c.start - 200), c.start) for ch in ".\n") + 1
    return (
        "quarter" in text[lo : c.start] or re.match(r"['’]s\s+(?:quarter|period)", text[c.end : c.end + 12]) is not None
    )


def norm_shifted_unit(ctx: Context, c: Candidate, g: dict) -> Value | None:
    rel = resource("relative")
    shift = g["shift"].lower()
    unit = unit_codes()[g["unit"].lower()]
    narrative = shift in ("previous", "preceding", "prior", "following", "that", "the same", "same") or (
        unit == "D" and shift in ("next", "last")
    )
    if unit == "D" and shift == "this":
        narrative = False
    if g.get("the") and shift in ("past", "last") and unit == "W" and ctx.anchor and not g.get("within"):
        return Value(_at_granularity(ctx.anchor, "W"), basis="relative")  # "the past week": the week up to now
    base = ctx.reference if narrative else ctx.anchor
    if narrative and unit == "Y" and ctx.year is not None and base is not None and base.year != ctx.year:
        base = dt.date(ctx.year, 7, 1)  # the narrative's year was last given alone: "in 1998 ... that year"
    if narrative and unit == "M" and ctx.month is not None:
        base = dt.date(*ctx.month, 15)  # "in March ... the following month"
    if base is None:
        return Value("XXXX" if unit == "Y" else "XXXX-XX", basis="relative")
    if shift in ("past", "last", "previous") and unit in ("DE", "CE") and not g.get("within"):
        return Value(_duration(1, unit), type="DURATION")
    n = rel["shifts"].get(shift, 0)
    if unit == "Y" and n < 0 and ctx.quarter and _in_quarterly_comparison(ctx.text, c):  # not "a turnaround next year"
        return Value(f"{ctx.quarter[0] + n}-Q{ctx.quarter[1]}", basis="relative")
    day = _shift_date(base, unit, n)
    within = (g.get("within") or "").lower()
    mod = rel["within"].get(within) if within in ("early", "late") else _mod(g.get("part"))
    return Value(_at_granularity(day, unit), basis="relative", mod=mod, date=day if unit == "D" else None)


def number_value(word: str) -> float | None:
    word = re.sub(r"\s+", " ", word.lower().strip())
    if word.endswith(("1/2", "½")):
        whole = number_value(word.removesuffix("1/2").removesuffix("½") or "0")
        return None if whole is None else whole + 0.5
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return number_words().get(word)


# A fractional amount is written in the next smaller unit: 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M.
_SMALLER_UNIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def _fractional_duration(n: float, unit: str) -> str:
    small, per = _SMALLER_UNIT[unit]
    parts = [(int(n), unit), (round((n - int(n)) * per), small)]
    date = "".join(f"{k}{u}" for k, u in parts if k and not u.startswith("T"))
    time = "".join(f"{k}{u[1:]}" for k, u in parts if k and u.startswith("T"))
    return "P" + date + ("T" + time if time else "")


def _duration(n: float | None, unit: str) -> str:
    if n is not None and unit in resource("units")["written_as"]:
        unit, per = resource("units")["written_as"][unit]
        n *= per
    if n is not None and not float(n).is_integer() and unit in _SMALLER_UNIT:
        return _fractional_duration(n, unit)
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}"
    if unit == "2W":
        return f"P{'X' if n is None else int(2 * n)}W"
    return f"P{amount}{unit}"


_SECONDS = {"TH": 3600, "TM": 60, "TS": 1}


def _in_whole_units(n: float, unit: str) -> tuple[float, str]:
    """A fractional amount in the unit that makes it whole, if any: half a century -> 50 years, a quarter of a
    century -> 25 years, one and a half years -> 18 months, half an hour -> 30 minutes."""
    if unit in resource("units")["written_as"]:
        unit, per = resource("units")["written_as"][unit]
        n *= per
    while not float(n).is_integer() and unit in _SMALLER_UNIT:
        unit, per = _SMALLER_UNIT[unit]
        n *= per
    return n, unit


def norm_ago(ctx: Context, c: Candidate, g: dict) -> Value | None:
    rel = resource("relative")
    direction = re.sub(r"\s+", " ", g["direction"].lower())
    unit = unit_codes()[g["unit"].lower()]
    n = number_value(g["number"])
    base = ctx.reference if direction in rel["narrative_directions"] else ctx.anchor
    approx = _approx(g.get("approx"))
    if n is not None and not float(n).is_integer():
        n, unit = _in_whole_units(n, unit)  # "half a century ago": 50 years; "half an hour later": 30 minutes
    if n is None or not float(n).is_integer() or base is None or unit == "2W" or approx:
        return Value(_duration(n, unit), type="DURATION", mod=approx)
    same_day = direction in rel["narrative_directions"] and ctx.reference_in_sentence(c)
    if unit == "Y" and n == 1 and direction != "later" and (ctx.quarter or same_day):
        return norm_year_earlier(ctx, c, {"same_day": same_day})  # the same quarter in quarterly reports, or day
    steps = int(n) * rel["directions"][direction]
    if unit.startswith("T"):  # "two hours later": the same day as far as can be known; "48 hours later": two days on
        unit, steps = "D", int(steps * _SECONDS[unit] / 86400)
    try:
        day = _shift_date(base, unit, steps)
    except (ValueError, OverflowError):  # "4,000 years ago": before the calendar starts
        return Value(_duration(n, unit), type="DURATION")
    return Value(_at_granularity(day, unit), basis="relative", date=day if unit == "D" else None)


def norm_span_duration(ctx: Context, c: Candidate, g: dict) -> Value:
    unit = unit_codes()[g["unit"].lower()]
    n = number_value(g["number"]) if g.get("number") else None
    if re.match(r"couple", g.get("vague") or "", re.IGNORECASE):
        n = 2
    return Value(_duration(n, unit), type="DURATION")


def norm_duration(ctx: Context, c: Candidate, g: dict) -> Value | None:
    unit = unit_codes()[g["unit"].lower()]
    n = number_value(g["number"])
    if n is None:
        return None
    if re.search(r"\s+and\s+a\s+half$", c.match.group(0), re.IGNORECASE):
        n += 0.5  # "two years and a half" (not "two and a half years": the number holds that half)
    if g["number"].lower() in ("a", "an") and _is_rate(ctx.text, c.start):
        return Value(_duration(1, unit), type="SET")
    return Value(_duration(n, unit), type="DURATION", mod=_approx(g.get("approx")))


@cache
def counted_thing_regex() -> re.Pattern:
    """A number and the noun it counts, just before a point: "one flight", "700 seats"."""
    numbers = _alternation([w for w in number_words() if w not in ("a", "an") and " " not in w])
    return re.compile(rf"(?<![\w.,])(?:\d[\d,.]*|{numbers})\s+[^\W\d_]+\s*\Z", re.IGNORECASE)


def _is_rate(text: str, start: int) -> bool:
    """ "$500 million a year", "four flights a week", "one flight a day", "24 hours a day": a frequency (SET), not a
    duration. Not after a comma: "on December 6, a day after the bombing"."""
    before = _word_before(text, start)
    if before.endswith((",", ";", ":")):
        return False
    if any(ch.isdigit() for ch in before) or before in context_words()["rate_words"]:
        return True
    return counted_thing_regex().search(text, max(0, start - 40), start) is not None


def norm_vague_duration(ctx: Context, c: Candidate, g: dict) -> Value:
    unit = unit_codes()[next(g[k] for k in ("unit", "unit2", "unit3", "unit4", "unit5", "unit6") if g.get(k)).lower()]
    return Value(_duration(None, unit), type="DURATION")  # "recent years": some years, as TimeBank has it


_ADVERB_UNITS = {
    "daily": "D",
    "nightly": "D",
    "weekly": "W",
    "biweekly": "2W",
    "fortnightly": "2W",
    "monthly": "M",
    "quarterly": "Q",
    "annually": "Y",
    "yearly": "Y",
    "biannually": "Y",
    "hourly": "TH",
}


def norm_set(ctx: Context, c: Candidate, g: dict) -> Value:
    if g.get("weekday"):
        return Value(f"XXXX-WXX-{weekday_numbers()[g['weekday'].lower()]}", type="SET")
    if g.get("month"):
        return Value(f"XXXX-{_month(g):02d}", type="SET")
    if g.get("adverb"):
        return Value(_duration(1, _ADVERB_UNITS[g["adverb"].lower()]), type="SET")
    unit = unit_codes()[(g.get("unit") or g.get("unit2")).lower()]
    n = number_value(g["number"]) if g.get("number") else 1
    return Value(_duration(n, unit), type="SET")


def norm_reference(ctx: Context, c: Candidate, g: dict) -> Value:
    word = re.sub(r"\s+", " ", c.match.group(0).lower())
    value = resource("relative")["references"].get(word, "PRESENT_REF")
    return Value(value, basis="relative")


def norm_clock(ctx: Context, c: Candidate, g: dict) -> Value | None:
    if g.get("hour24") is not None:
        hour, minute = int(g["hour24"]), int(g["minute24"])
    elif g.get("hour4") is not None:  # "0230 GMT"
        hour, minute = int(g["hour4"]), int(g["minute4"])
    else:
        hour, minute = int(g["hour"]) % 12, int(g["minute"] or 0)
        if g["ampm"].lower().startswith("p"):
            hour += 12
    day = _clock_day(ctx, c, g)
    base = day.isoformat() if day else "XXXX-XX-XX"
    return Value(
        f"{base}T{hour:02d}:{minute:02d}",
        basis="relative" if day else "explicit",
        mod=_approx(g.get("approx")),
        date=day,  # "3 p.m. on Sunday ... Two hours later": the narrative is at that day now
    )


def _clock_day(ctx: Context, c: Candidate, g: dict) -> dt.date | None:
    """The day of a clock time: the date, weekday or deictic day written with it, else the narrative's current day."""
    if g.get("month"):
        date = norm_calendar_date(ctx, c, g)
        return date.date if date else None
    aside = day_after_aside_regex().match(ctx.text, c.end)  # "10:35 a.m. (0735 GMT) Friday"
    weekday = g.get("weekday") or (aside and aside.group("weekday"))
    deictic = g.get("deictic") or (aside and aside.group("deictic"))
    if ctx.anchor and weekday:
        return weekday_date(ctx.anchor, weekday_numbers()[weekday.lower()], "", ctx.tense(c))
    if ctx.anchor and deictic:
        return ctx.anchor + dt.timedelta(days=resource("relative")["days"][deictic.lower()])
    return ctx.reference or ctx.anchor


@cache
def day_after_aside_regex() -> re.Pattern:
    """The day after a clock time and its aside: "10:35 a.m. (0735 GMT) Friday", "0735 GMT) Friday", "11 a.m.
    (0530 GMT) tomorrow"."""
    weekday = placeholders()["weekday"]
    return re.compile(
        rf"(?:\s*\([^()\n]{{1,25}}\))?\)?,?\s+(?:on\s+)?(?:(?P<weekday>{weekday})|(?P<deictic>(?i:today|yesterday|tomorrow)))\b"
    )


def norm_noon(ctx: Context, c: Candidate, g: dict) -> Value:
    day = _clock_day(ctx, c, g)
    base = day.isoformat() if day else "XXXX-XX-XX"
    return Value(f"{base}T{_day_part_code(g['day_part'])}", basis="relative")


def norm_iso(ctx: Context, c: Candidate, g: dict) -> Value | None:
    day = _safe_date(g["year"], int(g["monthnum"]), int(g["day"]))
    if day is None:
        return None
    if g.get("hour"):
        return Value(f"{day.isoformat()}T{g['hour']}:{g['minute']}", type="TIME", date=day)
    return Value(day.isoformat(), date=day)


def norm_spelled_year(ctx: Context, c: Candidate, g: dict) -> Value | None:
    if g.get("thousand"):
        year = 2000 + int((number_value(g["rest"]) if g.get("rest") else 0) or 0)
    else:
        hundreds = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[g["century"].lower()]
        year = hundreds + int(number_value(g["tens"]) or 0)
    if g.get("season"):
        return Value(f"{year}-{_season_code(g['season'])}")
    return Value(_date_value(str(year), _month(g), None) if g.get("month") else str(year))


def norm_the_weekend(ctx: Context, c: Candidate, g: dict) -> Value:
    if ctx.anchor is None:
        return Value("XXXX-WXX-WE", basis="relative")
    a = ctx.anchor
    if a.isoweekday() < 6:  # a weekday: the weekend just past, unless the clause looks ahead
        ahead = ctx.tense(c) == "future"
        a = a + dt.timedelta(days=6 - a.isoweekday()) if ahead else a - dt.timedelta(days=a.isoweekday())
    y, w, _ = a.isocalendar()
    return Value(f"{y}-W{w:02d}-WE", basis="relative")


def norm_clock_words(ctx: Context, c: Candidate, g: dict) -> Value:
    hour = int(g["hour"]) % 12
    if g.get("night") or (g.get("day_part") or "").lower() in ("afternoon", "evening"):
        hour += 12
    day = ctx.reference or ctx.anchor
    return Value(f"{day.isoformat() if day else 'XXXX-XX-XX'}T{hour:02d}:00", basis="relative")


def norm_year_end(ctx: Context, c: Candidate, g: dict) -> Value:
    unit = (g.get("unit") or g.get("unit2")).lower()
    if ctx.anchor is None:
        return Value({"year": "XXXX", "decade": "XXX"}.get(unit, "XXXX-XX"), basis="relative", mod="END")
    return Value(_at_granularity(ctx.anchor, unit_codes()[unit]), basis="relative", mod="END")


def norm_year_ended(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value("P1Y", type="DURATION")


def norm_full_year(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(str(ctx.anchor.year) if ctx.anchor else "XXXX", basis="relative")


_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


def norm_decade_word(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "the nineties": the century is the anchor's, or the previous one when that decade has not come yet."""
    tens = _DECADE_WORDS.index(g["decade_word"].lower()) + 2
    century = ctx.anchor.year // 100 if ctx.anchor else 19
    if ctx.anchor and century * 100 + tens * 10 > ctx.anchor.year:
        century -= 1
    return Value(f"{century}{tens}", basis="inferred", mod=_mod(g.get("part")))


def norm_vague_ago(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "several years ago": some time before, no more precise than that."""
    rel = resource("relative")
    direction = re.sub(r"\s+", " ", g["direction"].lower())
    if direction in rel["narrative_directions"]:  # "a few years later": later than the story's time, not than now
        ahead = ctx.tense(c) == "future"
    else:
        ahead = rel["directions"][direction] > 0
    return Value("FUTURE_REF" if ahead else "PAST_REF", basis="relative")


def norm_within_unit(ctx: Context, c: Candidate, g: dict) -> Value | None:
    unit = unit_codes()[g["unit"].lower()]
    base = ctx.reference if unit == "D" else ctx.anchor
    if base is None:
        return Value("XXXX-XX-XX" if unit == "D" else "XXXX", basis="relative")
    return Value(_at_granularity(base, unit), basis="relative")


def norm_week_of(ctx: Context, c: Candidate, g: dict) -> Value | None:
    """ "the week of March 6": the ISO week that holds that day."""
    g = dict(g, month=g.get("month") or g.get("month2"), day=g.get("day") or g.get("day2"))
    day = norm_calendar_date(ctx, c, g)
    if day is None or day.date is None:
        return None
    y, w, _ = day.date.isocalendar()
    return Value(f"{y}-W{w:02d}", basis=day.basis)


def norm_the_year(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "the year", "the fiscal year": TimeBank gives the creation time's year."""
    return Value(str(ctx.anchor.year) if ctx.anchor else "XXXX", basis="relative")


def norm_year_period(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "the 1989 period": in a quarterly report, that year's quarter under discussion; else the year."""
    if ctx.quarter:
        return Value(f"{g['year']}-Q{ctx.quarter[1]}", basis="relative")
    return Value(g["year"])


def norm_day_part(ctx: Context, c: Candidate, g: dict) -> Value:
    """ "in the morning", "by mid-afternoon": that part of the day the narrative is at."""
    return _with_part(ctx.reference or ctx.anchor, g["day_part"])


NORMALISERS: dict[str, Callable[[Context, Candidate, dict], Value | None]] = {
    "iso_date": norm_iso,
    "numeric_date": norm_numeric_date,
    "named_day": norm_named_day,
    "month_day": norm_calendar_date,
    "day_month": norm_calendar_date,
    "month_year": norm_month_year,
    "week_of_month": norm_week_of_month,
    "month_range": norm_month_range,
    "month": norm_month,
    "season_year": norm_season_year,
    "season": norm_season,
    "decade": norm_decade,
    "century": norm_century,
    "year": norm_year,
    "year_range": norm_year_range,
    "half_code": norm_half_code,
    "quarter": norm_quarter,
    "quarter_code": norm_quarter_code,
    "the_quarter": norm_quarter,
    "year_earlier": norm_year_earlier,
    "half": norm_half,
    "holiday": norm_holiday,
    "deictic_day": norm_deictic_day,
    "this_day_part": norm_this_day_part,
    "weekday": norm_weekday,
    "weekday_set": norm_weekday_set,
    "shifted_unit": norm_shifted_unit,
    "ago": norm_ago,
    "span_duration": norm_span_duration,
    "duration": norm_duration,
    "vague_duration": norm_vague_duration,
    "set": norm_set,
    "reference": norm_reference,
    "clock": norm_clock,
    "noon": norm_noon,
    "spelled_year": norm_spelled_year,
    "the_weekend": norm_the_weekend,
    "clock_words": norm_clock_words,
    "year_end": norm_year_end,
    "vague_ago": norm_vague_ago,
    "within_unit": norm_within_unit,
    "week_of": norm_week_of,
    "year_ended": norm_year_ended,
    "full_year": norm_full_year,
    "decade_word": norm_decade_word,
    "the_year": norm_the_year,
    "year_period": norm_year_period,
    "day_part": norm_day_part,
}


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #


_CALENDAR_DATE_RULES = frozenset({"iso_date", "numeric_date", "month_day", "day_month"})
_MONTH_VALUE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:$|-)")
_HYPHENATED_MODIFIER = re.compile(r"the\s+\S+-\S+$", re.IGNORECASE)


def extent(text: str, c: Candidate) -> tuple[int, int]:
    """The span TimeML annotates: no possessive `'s`, no trailing punctuation, no "earlier"/"later" before "this
    month" (they place the event, not the time), no "the" before a hyphenated modifier ("the 14-day truce")."""
    start, end = c.start, c.end
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if text[end - 2 : end] in ("'s", "’s") and end - start > 2:
        end -= 2
    if (
        c.rule.name == "shifted_unit"
        and c.match.group("within")
        and c.match.group("within").lower() in ("earlier", "later")
    ):
        start = c.match.start("shift") if not c.match.group("the") else c.match.start("the")
    elif c.rule.name in ("duration", "quarter") and _HYPHENATED_MODIFIER.match(text, start, end):
        start += len(re.match(r"the\s+", text[start:end], re.IGNORECASE).group(0))
    return start, end


def tag_timexes(text: str, anchor: dt.date | None) -> list[Timex]:
    """Every time expression in `text`, typed and valued as TimeML TIMEX3, resolved against `anchor`."""
    return [t for _, t in tag_timexes_by_rule(text, anchor)]


def tag_timexes_by_rule(text: str, anchor: dt.date | None) -> list[tuple[str, Timex]]:
    """`tag_timexes`, each expression with the name of the rule (patterns.yaml) that found it: for inspection."""
    ctx = Context(text, anchor, anchor)
    out: list[tuple[str, Timex]] = []
    for c in find_candidates(text):
        try:
            v = NORMALISERS[c.rule.name](ctx, c, c.match.groupdict())
        except (ValueError, OverflowError, KeyError):  # a date the calendar cannot hold: not worth a crash
            v = None
        if v is None:
            continue
        start, end = extent(text, c)
        kind = v.type or c.rule.type
        if c.match.groupdict().get("and_day"):
            out.extend((c.rule.name, t) for t in conjoined_days(text, c, start, kind, v))
        elif c.rule.name == "year_range":
            out.extend((c.rule.name, t) for t in year_range_parts(text, c, kind, v))
        else:
            out.append((c.rule.name, Timex(start, end, text[start:end], kind, v.value, v.basis, v.mod)))
        move_reference_time(ctx, c, v, kind)
    return out


def conjoined_days(text: str, c: Candidate, start: int, kind: str, v: Value) -> list[Timex]:
    """ "April 24 and 25": two dates, as TimeML annotates them: "April 24" and "25" (same month and year)."""
    end = c.match.end("day")
    lo, hi = c.match.span("and_day")
    second = f"{v.value[:-2]}{_int(text[lo:hi]):02d}"
    return [
        Timex(start, end, text[start:end], kind, v.value, v.basis, v.mod),
        Timex(lo, hi, text[lo:hi], kind, second, v.basis, v.mod),
    ]


def _is_possessive(text: str, c: Candidate) -> bool:
    return c.match.group(0).endswith(("'s", "’s")) or text.startswith(("'s", "’s"), c.end)


def year_range_parts(text: str, c: Candidate, kind: str, v: Value) -> list[Timex]:
    """ "1997-98": two dates, "1997" and "98" (1998), as TimeML annotates "from 1997 to 1998"."""
    (lo, hi), (lo2, hi2) = c.match.span("year"), c.match.span("year2")
    last = str(_range_end(c.match.group("year"), c.match.group("year2")))
    return [
        Timex(lo, hi, text[lo:hi], kind, v.value, v.basis, v.mod),
        Timex(lo2, hi2, text[lo2:hi2], kind, last, v.basis, v.mod),
    ]


def move_reference_time(ctx: Context, c: Candidate, v: Value, kind: str) -> None:
    """What the narrative's later expressions count from: the last day, month, year and quarter it named (not a
    possessive, which names a known event: "after last Wednesday's bombing")."""
    if kind not in ("DATE", "TIME") or _is_possessive(ctx.text, c):
        return
    if v.date is not None:
        ctx.reference = v.date
        ctx.calendar_end = c.end if c.rule.name in _CALENDAR_DATE_RULES else -1
    if v.value[:4].isdigit():
        ctx.year = int(v.value[:4])
        if _MONTH_VALUE.match(v.value):
            ctx.month = (int(v.value[:4]), int(v.value[5:7]))
    if c.rule.name in ("quarter", "quarter_code") and re.fullmatch(r"\d{4}-Q[1-4]", v.value):
        ctx.quarter = (int(v.value[:4]), int(v.value[-1]))
