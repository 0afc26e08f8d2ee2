"""Sentence splitting that keeps offsets: `sentence_spans(text)` gives (start, end) pairs, `split_sentences(text)`
the sentences.

One compiled regex scans the text once for candidate boundaries: line breaks, runs of terminal punctuation
(`.`, `?!`, `...`, `. . . .`) followed by space, and bullets. A cheap decision then reads the word before and the
word after each candidate:

- a line break ends a sentence (pasted articles put each paragraph, heading or list item on a line of its own),
  except a hard wrap: a line ending in a lower-case word or comma, then a line starting in lower case;
- `?` and `!` end one unless a lower-case word follows or a name and speech verb do ('"Why?" Smith asked.');
- a period after an ordinary word ends one unless a lower-case word follows;
- after an abbreviation its class decides (titles never end a sentence, "No." only before a non-number), and
  abbreviations that may end one ("Inc.", "U.S.", initials) do so only before a word that opens sentences
  ("The", "He", "However"), never inside a short fronted phrase ("At 5 a.m. Mr. Smith") or a Title Case headline;
- ellipses end one before a sentence opener, or, right after a word, before any capitalised word unless the word
  before cannot end a phrase ("for... Armenia");
- numbered or lettered items run together on one line ("1. ... 2. ...") are split.

What it knows about English news (abbreviations, sentence openers, speech verbs) lives in `resources/text/`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

RESOURCES = Path(__file__).parent / "resources" / "text"

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([{«`¿¡"
_QUOTES = "\"'”’»"

# A whole run of terminal punctuation, a spaced ellipsis (". . ."), closing quotes or brackets, then space or the end.
# The run is matched from its first character only and atomically (a lookahead captures it, a backreference consumes
# it), so a long run of dots costs linear time, not quadratic.
_CLOSER_CLASS = "[" + re.escape(_CLOSERS) + "]"
_TERMINAL = (
    r"(?<![.!?‽…])(?P<term>(?=(?P<run>[.!?‽…]+))(?P=run)"
    rf"(?:[ \u00a0]\.(?=\s|{_CLOSER_CLASS}|\Z))*)(?P<close>{_CLOSER_CLASS}*)(?=\s|\Z)"
)


@dataclass(frozen=True)
class Lexicon:
    abbreviations: dict[str, str]  # word without its final period -> class (title, number_prefix, ending, ...)
    starters: frozenset[str]
    dangling: frozenset[str]
    uninformative: frozenset[str]
    fragment_openers: frozenset[str]
    fragment_max_words: int
    speech_verbs: frozenset[str]
    time_followers: frozenset[str]
    exclaimed_names: frozenset[str]
    bullets: str
    scan: re.Pattern[str]  # candidate boundaries
    list_line: re.Pattern[str]  # a line that opens with a list marker


@functools.cache
def lexicon() -> Lexicon:
    """The splitter's word lists, loaded once from resources/text/."""
    abbreviations = _load("abbreviations.yaml")
    cues = _load("cues.yaml")
    classes = {word: cls for cls, words in abbreviations.items() for word in words}
    bullets = re.escape(cues["bullets"])
    # The leading lookahead lets the regex engine skip to candidate characters (about 6x faster than without).
    scan = re.compile(
        rf"(?=[\r\n\u2028\u2029.!?‽…{bullets}])"
        rf"(?:(?P<nl>[\r\n\u2028\u2029]\s*)|{_TERMINAL}|(?<=\s)(?P<bullet>[{bullets}]))"
    )
    # A number or letter, then ".", ".)" or ")", at the start of a line, perhaps after a bullet.
    list_line = re.compile(rf"^[ \t]*(?:[{bullets}*-][ \t]*)?(?P<n>\d{{1,3}}|[a-z])(?P<style>\.\)|\)|\.)[ \t]", re.M)
    return Lexicon(
        abbreviations=classes,
        starters=frozenset(cues["starters"]),
        dangling=frozenset(cues["dangling"]),
        uninformative=frozenset(cues["uninformative"]),
        fragment_openers=frozenset(cues["fragment_openers"]),
        fragment_max_words=int(cues["fragment_max_words"]),
        speech_verbs=frozenset(cues["speech_verbs"]),
        time_followers=frozenset(cues["time_followers"]),
        exclaimed_names=frozenset(cues["exclaimed_names"]),
        bullets=cues["bullets"],
        scan=scan,
        list_line=list_line,
    )


def _load(name: str) -> dict:
    data = yaml.safe_load((RESOURCES / name).read_text(encoding="utf-8"))
    for key, words in data.items():
        if isinstance(words, list) and not all(isinstance(w, str) for w in words):
            bad = [w for w in words if not isinstance(w, str)]
            raise ValueError(f"{name}: {key} holds non-words {bad}; quote them (YAML reads no/on/yes as booleans)")
    return data


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each stripped of surrounding whitespace."""
    return [text[s:e] for s, e in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, in order, whitespace trimmed: `text[start:end]` is the sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _cuts(text, lexicon()):
        _add_span(text, start, cut, spans)
        start = cut
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _cuts(text: str, lex: Lexicon) -> list[int]:
    """Offsets where one sentence ends and the next begins, in order."""
    list_cuts = _list_item_cuts(text, lex)
    cuts: list[int] = []
    start = 0
    pending = 0  # index into list_cuts
    for m in lex.scan.finditer(text):
        while pending < len(list_cuts) and list_cuts[pending] <= m.start():
            start = _push(cuts, list_cuts[pending])
            pending += 1
        kind = m.lastgroup  # nl, bullet, or close (a run of terminal punctuation)
        if kind == "nl":  # a line break and the blank lines and indentation after it
            cut = None if _is_hard_wrap(text, m) else m.start()
        elif kind == "bullet":
            cut = m.start()
        else:
            cut = _decide_terminal(text, m, start, lex)
        if cut is not None:
            start = _push(cuts, cut)
    for cut in list_cuts[pending:]:
        _push(cuts, cut)
    return cuts


def _push(cuts: list[int], cut: int) -> int:
    if not cuts or cut > cuts[-1]:
        cuts.append(cut)
    return cut


_LINE_BREAK = re.compile(r"\r\n?|[\n\u2028\u2029]")


def _is_hard_wrap(text: str, m: re.Match[str]) -> bool:
    """A single line break inside a sentence: '... the\\ncompany said'."""
    newline, line_start = m.start(), m.end()
    before = text[newline - 1] if newline else ""
    if not (before.islower() or before in ",;") or line_start >= len(text) or not text[line_start].islower():
        return False
    return len(_LINE_BREAK.findall(m.group())) == 1  # a blank line always ends the sentence


# --------------------------------------------------------------------------- #
# Terminal punctuation
# --------------------------------------------------------------------------- #


def _decide_terminal(text: str, m: re.Match[str], start: int, lex: Lexicon) -> int | None:
    """Where the sentence ends at this run of terminal punctuation, or None if it goes on."""
    term, close = m.group("term"), m.group("close")
    t0, end = m.start("term"), m.end()
    before = text[t0 - 1] if t0 else " "
    if before in "[(":  # "[...]": an omission inside a quotation
        return None
    if _after_opening_quote(text, t0) and "?" not in term and "!" not in term:
        return None  # '". . . I was tired," he said': the ellipsis marks words left out before the quotation
    if not close and text.startswith('"', end + 1) and _is_spaced_closing_quote(text, t0, end):
        close, end = '"', end + 2  # 'calm. " The index': the quote closes the sentence
    following = _next_word(text, end, lex)
    nxt = following.kind
    if nxt == "newline" or nxt == "end":
        return None  # the line break or the end of the text closes the sentence anyway
    if "?" in term or "!" in term or "‽" in term:
        if nxt == "lower" or _is_attribution(text, close, end, lex):
            return None
        if term == "!" and nxt != "starter" and _token_before(text, t0) in lex.exclaimed_names:
            return None  # "Yahoo! Japan"
        return end
    dots = term.count(".") + 3 * term.count("…")
    attached = not before.isspace()
    if dots == 1:
        return _decide_period(text, Candidate(start, t0, end, close), following, lex)
    if attached and term.startswith(". "):  # "compounds. . . . The": the ellipsis opens the next sentence
        return t0 + 1 if nxt in ("capital", "starter", "title", "uninformative") else None
    if dots >= 4:  # an ellipsis and a full stop
        return end if nxt != "lower" else None
    if not attached:  # a pause mid-sentence: "the thing is . . . I didn't", "really ... well"
        return end if nxt == "starter" else None
    # "expected... Crude oil prices fell" ends a sentence, but after a function word the ellipsis marks words left
    # out of a quotation: "salvation for... Armenia, whose forests".
    if nxt in ("starter", "uninformative", "title"):
        return end
    return end if nxt == "capital" and _token_before(text, t0).lower() not in lex.dangling else None


def _after_opening_quote(text: str, t0: int) -> bool:
    """The punctuation at `t0` follows an opening quote mark: one after a space, a line start or another opener."""
    if t0 == 0 or text[t0 - 1] not in _OPENERS:
        return False
    return t0 == 1 or text[t0 - 2].isspace() or text[t0 - 2] in _OPENERS


def _is_spaced_closing_quote(text: str, t0: int, end: int) -> bool:
    """A straight double quote set off by spaces right after the punctuation, closing a quotation still open in this
    paragraph (some wires write 'calm. " The index'); with no quotation open it opens the next sentence."""
    if not text.startswith('"', end + 1) or not (end + 2 == len(text) or text[end + 2].isspace()):
        return False
    paragraph = text.rfind("\n", 0, t0) + 1
    return text.count('"', paragraph, t0) % 2 == 1


class Candidate(NamedTuple):
    sentence_start: int
    term_start: int  # the punctuation
    end: int  # after closing quotes and brackets
    close: str


def _decide_period(text: str, candidate: Candidate, following: Following, lex: Lexicon) -> int | None:
    """A single period: decided by the word it closes and the word that follows."""
    start, t0, end, close = candidate
    nxt = following.kind
    if nxt == "lower":
        return None
    token = _token_before(text, t0)
    if not token:
        return end if nxt != "digit" else None
    if _is_list_marker(text, start, t0):
        return None
    cls = _word_class(token, lex)
    if cls == "word":
        return end
    if cls in ("title", "joining"):
        return None
    if cls == "number_prefix":  # "No. 10", "tail No. RPC-727" go on; '"No. We will not"' ends
        return None if nxt == "digit" or _has_digit(_NEXT_TOKEN.match(text, end).group(1)) else end
    if nxt == "digit" or nxt == "other":
        return None
    if any(c in _QUOTES for c in close):  # 'in the U.S." He': the quote closes the sentence
        return end
    if _is_fragment(text, start, t0, lex):  # "At 5 a.m. Mr. Smith went"
        return None
    if _is_title_case(text, start, t0):  # a headline: "Syria Talks With The U.S. And Iran"
        return None
    if nxt == "starter" or nxt == "uninformative":
        return end
    if nxt == "title":
        return end if cls in ("ending", "time") else None
    if cls == "time":
        return end if not _is_time_follower(text, following, lex) else None
    return None


def _token_before(text: str, pos: int) -> str:
    """The whitespace-delimited token ending at `pos`, without opening quotes or brackets."""
    lo = max(0, pos - 64)
    begin = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), text.rfind("\t", lo, pos))
    begin = max(begin, text.rfind("\u00a0", lo, pos), lo - 1) + 1
    return text[begin:pos].lstrip(_OPENERS)


_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")  # U.S, a.m, Ph.D, U.S.A


def _word_class(token: str, lex: Lexicon) -> str:
    """title | number_prefix | ending | joining | time | initial | acronym | word.

    An acronym ("U.S", "E.U") ends a sentence only before a starter: before a title it is an adjective ("U.S. Sen.").
    """
    cls = lex.abbreviations.get(token)
    if cls is None and "-" in token:  # "D-Calif", "R-N.Y"
        token = token.rsplit("-", 1)[1]
        cls = lex.abbreviations.get(token)
    if cls is None and token.isupper() and len(token) > 1:  # "MR", "CORP"
        cls = lex.abbreviations.get(token.capitalize())
    if cls is not None:
        return cls
    if len(token) == 1 and token.isupper():
        return "initial"
    if _DOTTED.fullmatch(token):
        return "acronym"
    return "word"


_MARKER = re.compile(r"[\W_]*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,4})\.?\)?")


def _is_list_marker(text: str, start: int, t0: int) -> bool:
    """The sentence so far is only a list marker: "1.", "a.", "• 9.", "2.)"."""
    return t0 - start <= 12 and _MARKER.fullmatch(text[start:t0].strip()) is not None


def _is_fragment(text: str, start: int, t0: int, lex: Lexicon) -> bool:
    """The sentence so far is a short fronted phrase ("At 5 a.m"), no sentence on its own."""
    if t0 - start > 40:
        return False
    words = text[start:t0].split()
    return 0 < len(words) <= lex.fragment_max_words and words[0].strip(_OPENERS).lower() in lex.fragment_openers


_STOP_AHEAD = re.compile(r"[.!?]\s|\n")


def _is_title_case(text: str, start: int, t0: int) -> bool:
    """The sentence around the candidate (up to the next stop or line break) has three or more words longer than
    three letters, all capitalised: a headline ("U.S. And Russia Sign Deal")."""
    if t0 - start > 200:
        return False
    after = _STOP_AHEAD.search(text, t0 + 1, start + 200)
    long_words = [w for w in text[start : after.start() if after else start + 200].split() if len(w) > 3]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words if w[0].isalpha())


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NEXT_TOKEN = re.compile(r"\s*(\S*)")
_CONTRACTION = re.compile(r"'(?:s|re|m|ll|ve|d)\Z")


class Following(NamedTuple):
    """The word after a candidate boundary and what kind it is: end, newline, lower, digit, other (a symbol),
    starter (opens sentences), uninformative ("I"), title ("Mr.") or capital (any other capitalised word)."""

    kind: str
    word: str = ""
    end: int = 0


_OPENING_ELLIPSIS = re.compile(r"(?:\.[ \u00a0]?\.[ \u00a0]?\.|…)[ \u00a0]*")


def _next_word(text: str, pos: int, lex: Lexicon) -> Following:
    n = len(text)
    while pos < n and text[pos].isspace():
        if text[pos] in "\n\r\u2028\u2029":
            return Following("newline")
        pos += 1
    opened = pos
    while pos < n and text[pos] in _OPENERS:
        pos += 1
    while pos < n and text[pos] in " \t\u00a0":  # a spaced opening quote: 'said. " There are'
        pos += 1
    if pos > opened and (m := _OPENING_ELLIPSIS.match(text, pos)):  # '". . . I just want': the words after it count
        pos = m.end()
    if pos >= n or text[pos] in "\n\r\u2028\u2029":  # a stray quote mark stays with the sentence before it
        return Following("end")
    c = text[pos]
    if c.islower():
        return Following("lower")
    if c.isdigit() or c in "$£€¥#":
        return Following("digit")
    if not c.isupper():
        return Following("other")
    m = _WORD.match(text, pos)
    word = m.group(0) if m else c
    after = m.end() if m else pos + 1
    return Following(_capitalised_kind(text, word, after, lex), word, after)


def _capitalised_kind(text: str, word: str, after: int, lex: Lexicon) -> str:
    if text.startswith(".", after):
        if lex.abbreviations.get(word) == "title":
            return "title"
        if len(word) == 1 or lex.abbreviations.get(word):
            return "capital"  # "J. R. R.", "No. 2": an initial or abbreviation, not the starter it spells
    lowered = _CONTRACTION.sub("", word.lower().replace("’", "'"))  # "We're" -> "we"
    if lowered in lex.uninformative:
        return "uninformative"
    if lowered in lex.starters or _is_sentence_adverb(text, word, after):
        return "starter"
    return "capital"


def _is_sentence_adverb(text: str, word: str, after: int) -> bool:
    """'Currently,' 'Separately,': an adverb and a comma open a sentence."""
    return len(word) > 5 and word.endswith("ly") and text.startswith(",", after)


def _has_digit(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _is_time_follower(text: str, following: Following, lex: Lexicon) -> bool:
    """'6 p.m. Tuesday', '9 a.m. EST', '8 p.m. Moscow time': the time goes on."""
    word = following.word
    if word in lex.time_followers or (word.isupper() and len(word) <= 4):
        return True
    return text.startswith(" time", following.end)


_ATTRIBUTION = re.compile(r"\s+([A-Z][\w'’.-]*)\s+(?:[A-Z][\w'’.-]*\s+){0,2}([a-z]+)")


def _is_attribution(text: str, close: str, end: int, lex: Lexicon) -> bool:
    """'"Why now?" Smith asked.': the speaker and verb after a quoted question belong to its sentence."""
    if not any(c in _QUOTES for c in close):
        return False
    m = _ATTRIBUTION.match(text, end)
    return m is not None and m.group(2) in lex.speech_verbs and m.group(1).lower() not in lex.starters


# --------------------------------------------------------------------------- #
# Inline list items: "1. The first item 2. The second item"
# --------------------------------------------------------------------------- #


def _list_item_cuts(text: str, lex: Lexicon) -> list[int]:
    """Cuts before the 2nd, 3rd... marker of a numbered or lettered list run together on one line."""
    cuts: list[int] = []
    for m in lex.list_line.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        label, style, pos = m.group("n"), m.group("style"), m.end()
        while True:
            label = _next_label(label)
            found = text.find(f" {label}{style} ", pos, line_end)
            if found < 0:
                break
            cuts.append(_bullet_before(text, found, pos, lex) or found + 1)
            pos = found + 1
    return sorted(cuts)


def _bullet_before(text: str, space: int, lo: int, lex: Lexicon) -> int | None:
    """The offset of a bullet just before a marker ("• 10."), which then opens the item."""
    k = space
    while k > lo and text[k - 1] in " \t":
        k -= 1
    return k - 1 if k > lo and text[k - 1] in lex.bullets else None


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


# An aside between spaced dashes ("Hamas -- the movement that won the elections -- and Fatah"); several modules
# read past such asides or leave what they hold out.
DASHED_ASIDE = re.compile(r"\s(?:--|—|–)\s[^—–]+?\s(?:--|—|–)\s")

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int | None = 60, default: str = "briefing") -> str:
    """A URL-safe slug: ASCII letters and digits joined by hyphens ("Zürich talks" -> "zurich-talks")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")
    if limit is not None and len(slug) > limit:  # cut at a word boundary, not inside a word
        cut = slug[: limit + 1].rfind("-")
        slug = slug[: cut if cut > 0 else limit]
    return slug.rstrip("-") or default


def phrase_alternation(phrases: Iterable[str], case_sensitive: Iterable[str] = ()) -> str:
    """A regex alternation of word-list phrases: each escaped, the longest first (so it wins over a shorter phrase it
    starts with), a space matching any run of whitespace and an apostrophe either form (' or ’). Phrases listed in
    `case_sensitive` match only as written, inside a pattern compiled with re.IGNORECASE."""
    sensitive = set(case_sensitive)
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        body = re.escape(phrase).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(f"(?-i:{body})" if phrase in sensitive else body)
    return "|".join(parts)
