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
from dataclasses import dataclass
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
def number_words() -> dict[str, int]:
    nums = resource("numbers")
    words = {k: int(v) for k, v in nums["units"].items()}
    for ten, tv in nums["tens"].items():
        words[ten] = tv
        if " " not in ten:
            for unit, uv in nums["units"].items():
                if 1 <= uv <= 9 and unit.isalpha() and unit not in ("a", "an"):
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
        "number": r"(?:\d+(?:[.,]\d+)?(?!\d)|" + _alternation(list(number_words()))[3:],
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
    }


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern
    order: int


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def rules() -> tuple[Rule, ...]:
    subs = placeholders()
    compiled = []
    for i, r in enumerate(resource("patterns")["rules"]):
        source = _PLACEHOLDER.sub(lambda m: subs[m.group(1)], r["pattern"])
        regex = re.compile(r"(?<![\w'’-])(?:" + source + r")", re.IGNORECASE)
        compiled.append(Rule(r["name"], r["type"], regex, i))
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
    return re.compile(rf"(?<![\w'’])(?:(?P<future>{future})|(?P<past>{past}|[a-z]{{2,}}ed\b))", re.IGNORECASE)


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


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, overlaps resolved: longest first, then earlier rule."""
    found = [Candidate(m.start(), m.end(), r, m) for r in rules() for m in r.regex.finditer(text)]
    found.extend(_guarded_references(text))
    found.sort(key=lambda c: (c.start - c.end, c.rule.order, c.start))
    taken: list[tuple[int, int]] = []
    kept = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        if not _acceptable(text, c):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _guarded_references(text: str) -> list[Candidate]:
    rule = next(r for r in rules() if r.name == "reference")
    return [Candidate(m.start(), m.end(), rule, m) for m in guarded_reference_regex().finditer(text)]


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\s*([\w%$-]+)", text[end : end + 30])
    return m.group(1).lower() if m else ""


def _acceptable(text: str, c: Candidate) -> bool:
    """Context checks that a pattern alone cannot make."""
    name, g = c.rule.name, c.match.groupdict()
    words = context_words()
    if name == "year" and not (g.get("part") or g.get("fiscal")):
        before, after = _word_before(text, c.start), _word_after(text, c.end)
        if after in words["count_nouns"] or before in words["count_prefixes"]:
            return False
        if int(g["year"]) < 1900 and before not in words["date_prepositions"]:
            return False
    if name == "month" and not (g.get("part") or g.get("shift")):
        if g["month"] in resource("calendar")["ambiguous_months"]:
            return _word_before(text, c.start) in words["date_prepositions"]
    if name in ("duration", "ago", "set") and g.get("unit"):
        unit = g["unit"].lower().rstrip("s")
        if unit in resource("units")["numeric_only"] and not (g.get("number") or "").strip()[:1].isdigit():
            return g.get("number") is None and name == "set" and unit != "second"
    return True


# --------------------------------------------------------------------------- #
# Normalisation
# --------------------------------------------------------------------------- #


@dataclass
class Context:
    text: str
    anchor: dt.date | None
    reference: dt.date | None  # the last full date the narrative mentioned (starts at the anchor)


@dataclass
class Value:
    value: str
    type: str | None = None  # overrides the rule's type
    basis: str = "explicit"
    mod: str | None = None
    date: dt.date | None = None  # a full date, to move the narrative's reference time


def tense(text: str, start: int, end: int) -> str | None:
    """`future`, `past` or None: the nearest tense marker in the clause around [start, end)."""
    lo = max(text.rfind(c, max(0, start - 200), start) for c in ".!?\n;") + 1
    hi_candidates = [i for i in (text.find(c, end, end + 200) for c in ".!?\n;") if i >= 0]
    hi = min(hi_candidates) if hi_candidates else min(len(text), end + 200)
    best, best_distance = None, 10**9
    for m in tense_regex().finditer(text, lo, hi):
        if start <= m.start() < end:
            continue
        distance = start - m.end() if m.end() <= start else (m.start() - end) * 1.5
        if distance < best_distance:
            best, best_distance = ("future" if m.group("future") else "past"), distance
    return best


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


def _year_for(ctx: Context, c: Candidate, month: int, day: int | None) -> tuple[str, str]:
    """The year of a date written without one: the anchor's, moved by the clause's tense."""
    if ctx.anchor is None:
        return "XXXX", "inferred"
    a = ctx.anchor
    when, ref = tense(ctx.text, c.start, c.end), (a.month, a.day if day else 0)
    here = (month, day or 0)
    if when == "past" and here > ref:
        return str(a.year - 1), "inferred"
    if when == "future" and here < ref:
        return str(a.year + 1), "inferred"
    return str(a.year), "inferred"


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
        year = g["year"]
        if len(year) == 2:
            year = str(1900 + int(year) if int(year) > 30 else 2000 + int(year))
        basis = "explicit"
    else:
        year, basis = _year_for(ctx, c, month, day)
    full = _safe_date(year, month, day) if year.isdigit() else None
    if year.isdigit() and full is None:
        return None
    return Value(_date_value(year, month, day), basis=basis, date=full)


def norm_month_year(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(_date_value(g["year"], _month(g), None), mod=_mod(g.get("part")))


def norm_month(ctx: Context, c: Candidate, g: dict) -> Value:
    month, shift = _month(g), (g.get("shift") or "").lower()
    if ctx.anchor is None:
        return Value(f"XXXX-{month:02d}", basis="inferred", mod=_mod(g.get("part")))
    a = ctx.anchor
    if shift in ("last", "past", "previous"):
        year = a.year if month < a.month else a.year - 1
    elif shift in ("next", "coming", "following"):
        year = a.year if month > a.month else a.year + 1
    elif shift == "this":
        year = a.year
    else:
        return Value(
            _date_value(_year_for(ctx, c, month, None)[0], month, None), basis="inferred", mod=_mod(g.get("part"))
        )
    return Value(_date_value(str(year), month, None), basis="relative", mod=_mod(g.get("part")))


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
        when = tense(ctx.text, c.start, c.end)
        shift = {"past": -1, "future": 1}.get(when or "", 0)
        order = ["WI", "SP", "SU", "FA"]
        current = order[(ctx.anchor.month % 12) // 3]
        if (shift < 0 and order.index(code) < order.index(current)) or (
            shift > 0 and order.index(code) > order.index(current)
        ):
            shift = 0
    return Value(f"{ctx.anchor.year + shift}-{code}", basis="relative", mod=_mod(g.get("part")))


def norm_decade(ctx: Context, c: Candidate, g: dict) -> Value:
    if g.get("decade"):
        stem = g["decade"][:3]
    else:
        short = int(g["short"])
        base = 1900 if ctx.anchor is None or short > ctx.anchor.year % 100 else 2000
        stem = str(base // 10 + short // 10)
    return Value(stem if g.get("the") else stem + "X", mod=_mod(g.get("part")))


def norm_century(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(f"{int(g['century']) - 1:02d}XX", mod=_mod(g.get("part")))


def norm_year(ctx: Context, c: Candidate, g: dict) -> Value:
    return Value(g["year"], mod=_mod(g.get("part")))


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, q: int, by: int) -> tuple[int, int]:
    n = year * 4 + (q - 1) + by
    return n // 4, n % 4 + 1


def norm_quarter(ctx: Context, c: Candidate, g: dict) -> Value | None:
    year = g.get("year") or g.get("year2")
    shift_word = (g.get("shift") or "").lower()
    if g.get("ordinal"):
        q = resource("calendar")["ordinals"][g["ordinal"].lower()]
        if year:
            return Value(f"{year}-Q{q}")
        if ctx.anchor is None:
            return Value(f"XXXX-Q{q}", basis="inferred")
        ay, aq = _quarter_of(ctx.anchor)
        y = ay - 1 if q > aq and tense(ctx.text, c.start, c.end) != "future" else ay
        return Value(f"{y}-Q{q}", basis="inferred")
    if ctx.anchor is None:
        return Value("XXXX-QX", basis="inferred")
    ay, aq = _quarter_of(ctx.anchor)
    by = resource("relative")["shifts"].get(shift_word, -1 if shift_word in ("latest", "final") else 0)
    y, q = _shift_quarter(ay, aq, by)
    return Value(f"{y}-Q{q}", basis="relative")


def norm_quarter_code(ctx: Context, c: Candidate, g: dict) -> Value:
    q = g.get("q") or g.get("q2")
    if g.get("year"):
        return Value(f"{g['year']}-Q{q}")
    year = str(ctx.anchor.year) if ctx.anchor else "XXXX"
    return Value(f"{year}-Q{q}", basis="inferred")


def norm_half(ctx: Context, c: Candidate, g: dict) -> Value:
    h = 1 if g["ordinal"].lower() in ("first", "1st") else 2
    if g.get("year"):
        return Value(f"{g['year']}-H{h}")
    year = ctx.anchor.year if ctx.anchor else None
    if year is not None and g.get("shift"):
        year += resource("relative")["shifts"].get(g["shift"].lower(), 0)
    return Value(f"{year if year else 'XXXX'}-H{h}", basis="relative")


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


def norm_holiday(ctx: Context, c: Candidate, g: dict) -> Value | None:
    h = resource("holidays")
    name = re.sub(r"\s+", " ", g["holiday"])
    year = g.get("year") or (str(ctx.anchor.year) if ctx.anchor else None)
    basis = "explicit" if g.get("year") else "inferred"
    if name in h["fixed"]:
        return Value(f"{year or 'XXXX'}-{h['fixed'][name]}", basis=basis)
    if year is None:
        return Value("XXXX-XX-XX", basis="inferred")
    if name in h["easter"]:
        day = _easter(int(year)) + dt.timedelta(days=h["easter"][name])
    else:
        day = _nth_weekday(int(year), *h["nth_weekday"][name])
    return Value(day.isoformat(), basis=basis, date=day)


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
    part = g.get("day_part") or ("night" if word == "tonight" else None)
    return _with_part(day, part)


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
    when = tense(ctx.text, c.start, c.end)
    day = weekday_date(ctx.anchor, weekday, shift, when)
    value = _with_part(day, g.get("day_part"))
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


def norm_shifted_unit(ctx: Context, c: Candidate, g: dict) -> Value | None:
    rel = resource("relative")
    shift = g["shift"].lower()
    unit = unit_codes()[g["unit"].lower()]
    narrative = shift in ("previous", "preceding", "prior", "following", "that", "the same", "same") or (
        unit == "D" and shift in ("next", "last")
    )
    if unit == "D" and shift == "this":
        narrative = False
    base = ctx.reference if narrative else ctx.anchor
    if base is None:
        return Value("XXXX" if unit == "Y" else "XXXX-XX", basis="relative")
    if shift in ("past", "last", "previous") and unit in ("DE", "CE") and not g.get("within"):
        return Value(f"P1{unit}", type="DURATION")
    n = rel["shifts"].get(shift, 0)
    day = _shift_date(base, unit, n)
    within = (g.get("within") or "").lower()
    mod = rel["within"].get(within) if within in ("early", "late") else None
    return Value(_at_granularity(day, unit), basis="relative", mod=mod, date=day if unit == "D" else None)


def number_value(word: str) -> float | None:
    word = re.sub(r"\s+", " ", word.lower().strip())
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return number_words().get(word)


def _duration(n: float | None, unit: str) -> str:
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}"
    if unit == "2W":
        return f"P{'X' if n is None else int(2 * n)}W"
    return f"P{amount}{unit}"


def norm_ago(ctx: Context, c: Candidate, g: dict) -> Value | None:
    rel = resource("relative")
    direction = re.sub(r"\s+", " ", g["direction"].lower())
    unit = unit_codes()[g["unit"].lower()]
    n = number_value(g["number"])
    base = ctx.reference if direction in rel["narrative_directions"] else ctx.anchor
    if n is None or not float(n).is_integer() or base is None or unit == "2W":
        return Value(_duration(n, unit), type="DURATION", mod=_approx(g.get("approx")))
    if unit.startswith("T"):
        unit = "D"
    day = _shift_date(base, unit, int(n) * rel["directions"][direction])
    return Value(_at_granularity(day, unit), basis="relative", date=day if unit == "D" else None)


def norm_span_duration(ctx: Context, c: Candidate, g: dict) -> Value:
    unit = unit_codes()[g["unit"].lower()]
    n = number_value(g["number"]) if g.get("number") else None
    return Value(_duration(n, unit), type="DURATION")


def norm_duration(ctx: Context, c: Candidate, g: dict) -> Value | None:
    unit = unit_codes()[g["unit"].lower()]
    n = number_value(g["number"])
    if n is None:
        return None
    if "half" in c.match.group(0).lower() and " and a half" in c.match.group(0).lower():
        n += 0.5
    return Value(_duration(n, unit), type="DURATION", mod=_approx(g.get("approx")))


def norm_vague_duration(ctx: Context, c: Candidate, g: dict) -> Value:
    unit = unit_codes()[(g.get("unit") or g.get("unit2") or g.get("unit3")).lower()]
    if (g.get("vague") or "").lower() == "recent":
        return Value("PAST_REF", type="DATE", basis="relative")
    return Value(_duration(None, unit), type="DURATION")


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
    else:
        hour, minute = int(g["hour"]) % 12, int(g["minute"] or 0)
        if g["ampm"].lower().startswith("p"):
            hour += 12
    day = ctx.reference or ctx.anchor
    base = day.isoformat() if day else "XXXX-XX-XX"
    return Value(
        f"{base}T{hour:02d}:{minute:02d}", basis="relative" if day else "explicit", mod=_approx(g.get("approx"))
    )


def norm_noon(ctx: Context, c: Candidate, g: dict) -> Value:
    day = ctx.reference or ctx.anchor
    base = day.isoformat() if day else "XXXX-XX-XX"
    return Value(f"{base}T{_day_part_code(g['day_part'])}", basis="relative")


def norm_iso(ctx: Context, c: Candidate, g: dict) -> Value | None:
    day = _safe_date(g["year"], int(g["monthnum"]), int(g["day"]))
    if day is None:
        return None
    if g.get("hour"):
        return Value(f"{day.isoformat()}T{g['hour']}:{g['minute']}", type="TIME", date=day)
    return Value(day.isoformat(), date=day)


NORMALISERS: dict[str, Callable[[Context, Candidate, dict], Value | None]] = {
    "iso_date": norm_iso,
    "numeric_date": norm_calendar_date,
    "month_day": norm_calendar_date,
    "day_month": norm_calendar_date,
    "month_year": norm_month_year,
    "month": norm_month,
    "season_year": norm_season_year,
    "season": norm_season,
    "decade": norm_decade,
    "century": norm_century,
    "year": norm_year,
    "quarter": norm_quarter,
    "quarter_code": norm_quarter_code,
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
}


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #


def tag_timexes(text: str, anchor: dt.date | None) -> list[Timex]:
    """Every time expression in `text`, typed and valued as TimeML TIMEX3, resolved against `anchor`."""
    ctx = Context(text, anchor, anchor)
    out = []
    for c in find_candidates(text):
        v = NORMALISERS[c.rule.name](ctx, c, c.match.groupdict())
        if v is None:
            continue
        end = c.end
        while end > c.start and text[end - 1] in " \t\n,":
            end -= 1
        out.append(Timex(c.start, end, text[c.start : end], v.type or c.rule.type, v.value, v.basis, v.mod))
        if v.date is not None and v.basis == "explicit":
            ctx.reference = v.date
    return out
