"""Direct quotes and who said them.

`extract_quotes(text)` scans the quotation marks once, paragraph by paragraph, and looks only at a small window
around each quote: the clause after its closing mark (`"...," she said`, `"...," said X`, `"...," according to X`)
and the part of its sentence before its opening mark (`X said: "..."`, `X described it as "..."`). Sentences come
from the document's sentence layer (`generator.text`), read so that a sentence ending inside a quotation does not
cut the quote off from its attribution. A quote with no attribution of its own continues the speaker of the quote
just before it (split quotes, multi-paragraph quotes, paragraphs of quotes after `X said:`).

The speaker mention (`speaker_start`, `speaker_end`) is the span the attribution rests on (`Lavrov`, `he`, `the
newspaper`); `speaker` is the name the article gives in full, resolved by the name layer every component shares
(`generator.names`): a surname resolves to its fullest form in the text, titles are dropped, a pronoun resolves to
the nearest name of its kind and gender (preferring the subject of the nearest sentence that has one; the speakers
named so far are the layer's "recent speaker" input), and a definite description (`the foreign minister`, `the
newspaper`) resolves only to a name introduced with that role or to an outlet; otherwise it stays as written (`a
senior official`). A pronoun that cannot be resolved keeps its mention and gets `speaker=None`: no guess is better
than a wrong name.

Kinds: `speech` (a quote that stands as a clause), `partial` (a fragment inside the writer's sentence, attributed
to the subject of a communication verb: `Putin commended soldiers for fighting "courageously"`) and `scare`
(scare quotes, titles, nicknames, words as words). Scare quotes are RETURNED with `kind="scare"` and no speaker,
so a page can skip them and a reader of the data can still see them; they are not speech.

Names come from `generator.entities` mentions when the caller passes them (`extract_quotes(text, mentions)`), else
from the name layer's capitalised-word finder. The attribution knowledge (speech verbs, modifiers, scare-quote
cues) is data in `generator/resources/quotes/`; what names and references share (pronouns, role nouns, titles,
given names) in `generator/resources/names/`; abbreviations and abbreviated titles (`Sen.`, `Pres.`) are the
sentence splitter's, in `generator/resources/text/`.

Measured by `bench/eval_quotes.py` on PolNeAR.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import accumulate

import yaml

from generator.model import Document, Mention, Quote, Sentence
from generator.names import NameTable, Reference, name_kind, possessive_word, strip_titles
from generator.names import lexicon as name_lexicon
from generator.text import lexicon as sentence_lexicon
from generator.text import sentence_spans

# --------------------------------------------------------------------------- #
# Resources
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class _Lexicon:
    """The attribution lists of resources/quotes/, with the name layer's (pronouns, possessives, determiners, role
    nouns, titles, not-names: one copy, in resources/names/) under the same roof for the phrase readers."""

    verbs: frozenset[str]
    particles: dict[str, str]
    not_before_to: frozenset[str]
    to_verbs: frozenset[str]
    prepositions: dict[str, tuple[tuple[str, ...], ...]]  # first word -> source prepositions it opens
    modifiers: frozenset[str]
    pronouns: dict[str, str]
    possessives: dict[str, str]
    determiners: frozenset[str]
    name_prefixes: frozenset[str]
    speech_nouns: frozenset[str]
    function_words: frozenset[str]
    person_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    title_words: frozenset[str]
    not_names: frozenset[str]
    naming_cues: tuple[tuple[str, ...], ...]
    work_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    max_scare_words: int
    max_unattributed_words: int


def _inflect(verbs) -> frozenset[str]:
    """The listed forms plus the regular ones (-s, -ed, -ing) of each, so the list can stay short."""
    forms = set()
    for verb in verbs:
        forms.add(verb)
        if verb.endswith(("ed", "ing")) or verb.endswith("s") and not verb.endswith("ss"):
            continue
        stem = verb[:-1] if verb.endswith("e") else verb
        forms.update({verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ing"})
        forms.add(verb + "d" if verb.endswith("e") else verb[:-1] + "ied" if verb.endswith("y") else verb + "ed")
    return frozenset(forms)


def _by_first_word(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as word tuples, grouped by their first word (in list order), so a token is looked up once."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.lower().split())
        grouped.setdefault(words[0], []).append(words)
    return {first: tuple(group) for first, group in grouped.items()}


@cache
def _lexicon() -> _Lexicon:
    folder = resources.files("generator") / "resources" / "quotes"
    a = yaml.safe_load((folder / "attribution.yaml").read_text(encoding="utf-8"))
    s = yaml.safe_load((folder / "scare.yaml").read_text(encoding="utf-8"))
    names = name_lexicon()
    return _Lexicon(
        verbs=_inflect(v.lower() for v in a["speech_verbs"]),
        particles={k.lower(): v.lower() for k, v in a["phrasal_particles"].items()},
        not_before_to=frozenset(w.lower() for w in a["not_before_to"]),
        to_verbs=frozenset(w.lower() for w in a["to_verbs"]),
        prepositions=_by_first_word(a["source_prepositions"]),
        modifiers=frozenset(m.lower() for m in a["verb_modifiers"]),
        pronouns=names.pronouns,
        possessives=names.possessives,
        determiners=names.determiners,
        name_prefixes=frozenset(d.lower() for d in a["name_prefixes"]),
        speech_nouns=frozenset(w.lower() for w in a["speech_nouns"]),
        function_words=frozenset(w.lower() for w in a["function_words"]),
        person_nouns=names.person_nouns,
        organization_nouns=names.organization_nouns,
        title_words=names.title_words,
        not_names=names.not_names,
        naming_cues=tuple(tuple(c.lower().split()) for c in s["naming_cues"]),
        work_nouns=frozenset(w.lower() for w in s["work_nouns"]),
        naming_verbs=frozenset(w.lower() for w in s["naming_verbs"]),
        max_scare_words=int(s["max_scare_words"]),
        max_unattributed_words=int(s["max_unattributed_words"]),
    )


# --------------------------------------------------------------------------- #
# Quotation marks
# --------------------------------------------------------------------------- #

_DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_SINGLE_MARK = re.compile(r"[‘’']")
_OPENING_ONLY = frozenset({"“", "„", "``", "«"})
_CLOSING_ONLY = frozenset({"”", "»"})
_FEET_INCHES = re.compile(r"\d['’]\d{1,2}$")
_TRANSCRIPT_SPEAKER = re.compile(r"([A-Z][A-Z.'’ -]{1,30}[A-Z]):\s")
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[’'\-]\w+)*|[^\w\s]")


@dataclass
class _Span:
    """A quotation: `start`/`end` are the quoted words, `open_at`/`close_end` include the marks."""

    start: int
    end: int
    open_at: int
    close_end: int
    double: bool
    closed: bool
    paragraph: int
    continues: bool = False  # unclosed at the paragraph end: the quote goes on in the next paragraph
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    kind: str = "speech"
    own_attribution: bool = False
    phrase: _Phrase | None = None  # the speaker mention, resolved to a name once all names are known


@dataclass
class _Paragraph:
    start: int
    end: int
    spans: list[_Span] = field(default_factory=list)
    _reach: list[int] = field(default_factory=list)  # the furthest close_end among spans[: i + 1]

    def spans_within(self, start: int, end: int) -> list[_Span]:
        """The spans (in text order) that overlap [start, end), found by binary search: a paragraph may hold
        thousands of quotation marks."""
        if len(self._reach) != len(self.spans):
            self._reach = list(accumulate((s.close_end for s in self.spans), max))
        lo = bisect_right(self._reach, start)
        hi = bisect_left(self.spans, end, lo=lo, key=lambda s: s.open_at)
        return [s for s in self.spans[lo:hi] if s.close_end > start]


def _paragraphs(text: str) -> list[_Paragraph]:
    """Non-blank lines, after a YAML front-matter block if the text opens with one."""
    paragraphs, offset = [], 0
    body = text.find("\n---", 3) + 4 if text.startswith("---\n") else 0
    for line in text.split("\n"):
        if line.strip() and offset >= body:
            paragraphs.append(_Paragraph(offset, offset + len(line.rstrip())))
        offset += len(line) + 1
    return paragraphs


def _mark_direction(text: str, start: int, end: int, mark: str, para: _Paragraph) -> str:
    """A curly mark typed the wrong way round reads by its context: `unusual,“ said` closes, `” We` opens."""
    before = text[start - 1] if start > para.start else " "
    after = text[end] if end < para.end else " "
    if mark == "“" and not before.isspace() and (after.isspace() or after in ".,;:!?)"):
        return "”"
    if mark == "”" and (before.isspace() or before in "(—") and after.isalnum():
        return "“"
    return mark


def _double_quotes(text: str, para: _Paragraph, index: int) -> list[_Span]:
    """Pair double marks in one paragraph; curly marks by direction, straight ones alternately."""
    spans: list[_Span] = []
    opened: int | None = None
    open_at = 0
    for m in _DOUBLE_MARK.finditer(text, para.start, para.end):
        mark = m.group(0)
        if mark == '"' and _FEET_INCHES.search(text, max(0, m.start() - 4), m.start()):
            continue  # 6'3": a measure, not a quotation mark
        mark = _mark_direction(text, m.start(), m.end(), mark, para)
        if opened is None or mark in _OPENING_ONLY:
            if mark not in _CLOSING_ONLY:
                opened, open_at = m.end(), m.start()
        else:
            close = m.start() + 1 if mark == "''" and text[m.end() : m.end() + 1] == "'" else m.start()
            spans.append(_Span(opened, close, open_at, close + len(mark), True, True, index))
            opened = None
    if opened is not None and text[opened : para.end].strip():
        spans.append(_Span(opened, para.end, open_at, para.end, True, False, index))
    return [s for s in spans if text[s.start : s.end].strip()]


def _single_quotes(text: str, para: _Paragraph, index: int, doubles: list[_Span]) -> list[_Span]:
    """Single-mark quotes outside double ones; an apostrophe never opens, an unclosed single quote is dropped."""
    spans: list[_Span] = []
    opened: int | None = None
    open_at = 0
    plural: int | None = None  # `the players' `: a possessive, unless nothing else closes the quote
    for m in _SINGLE_MARK.finditer(text, para.start, para.end):
        pos = m.start()
        if any(d.open_at <= pos < d.close_end for d in doubles):
            continue
        before = text[pos - 1] if pos > para.start else " "
        after = text[pos + 1] if pos + 1 < para.end else " "
        if opened is None:
            if m.group(0) != "’" and (before.isspace() or before in "([—–-") and (after.isalpha() or after == "“"):
                opened, open_at, plural = m.end(), pos, None
        elif m.group(0) != "‘" and not before.isspace() and not after.isalnum():
            if before == "s":
                plural = pos
                continue
            spans.append(_Span(opened, pos, open_at, m.end(), False, True, index))
            opened = None
    if opened is not None and plural is not None:
        spans.append(_Span(opened, plural, open_at, plural + 1, False, True, index))
    return spans


def _find_spans(text: str) -> tuple[list[_Paragraph], list[_Span]]:
    paragraphs = _paragraphs(text)
    spans: list[_Span] = []
    for index, para in enumerate(paragraphs):
        if para.end <= para.start:
            continue
        doubles = _double_quotes(text, para, index)
        para.spans = sorted(doubles + _single_quotes(text, para, index, doubles), key=lambda s: s.start)
        spans.extend(para.spans)
    for i, span in enumerate(spans[:-1]):
        following = spans[i + 1]
        if not span.closed and following.paragraph > span.paragraph:
            next_para = paragraphs[following.paragraph]
            span.continues = following.open_at == next_para.start
    return paragraphs, spans


# --------------------------------------------------------------------------- #
# Tokens and sentence clauses
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @cached_property  # read many times per token while phrases are tried
    def low(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


_QUOTE_TOKEN = "\x00QUOTE"


def _tokens(text: str, start: int, end: int, spans: list[_Span]) -> list[_Tok]:
    """Tokens of text[start:end]; each quotation inside becomes one placeholder token."""
    toks: list[_Tok] = []
    pos = start
    for span in spans:
        if span.close_end <= start or span.open_at >= end:
            continue
        toks.extend(_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, pos, span.open_at))
        toks.append(_Tok(_QUOTE_TOKEN, span.open_at, span.close_end))
        pos = span.close_end
    toks.extend(_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, pos, end))
    return toks


@dataclass(frozen=True)
class _Clauses:
    """Where sentences start, from the sentence layer, except where a sentence ends inside a quotation: `"We will go.
    We will win." Smith said.` is one unit for attribution, whatever the splitter makes of it."""

    starts: list[int]

    @classmethod
    def of(cls, sentences: list[tuple[int, int]], spans: list[_Span]) -> _Clauses:
        quoted_from = [s.start for s in spans]
        starts = []
        for (_, end), (start, _) in zip(sentences, sentences[1:], strict=False):
            k = bisect_right(quoted_from, end - 1) - 1
            if k < 0 or end > spans[k].close_end:  # the sentence's last character is outside any quotation
                starts.append(start)
        return cls(starts)

    def start_before(self, position: int, floor: int) -> int:
        """The start of the clause that holds `position`, no earlier than `floor` (the paragraph start)."""
        k = bisect_right(self.starts, position) - 1
        return max(floor, self.starts[k]) if k >= 0 else floor

    def start_after(self, position: int, ceiling: int) -> int:
        """The first clause start after `position`, no later than `ceiling` (the paragraph end)."""
        k = bisect_right(self.starts, position)
        return min(ceiling, self.starts[k]) if k < len(self.starts) else ceiling

    def within(self, start: int, end: int) -> list[int]:
        """Clause starts strictly inside (start, end)."""
        return self.starts[bisect_right(self.starts, start) : bisect_left(self.starts, end)]


# --------------------------------------------------------------------------- #
# Noun phrases that can be speakers
# --------------------------------------------------------------------------- #


@dataclass
class _Phrase:
    start: int  # mention offsets
    end: int
    kind: str  # name | pronoun | description
    name: str | None = None  # the name inside the phrase, titles dropped
    head: str | None = None  # head noun of a description


def _is_name_token(tok: _Tok) -> bool:
    return tok.capitalised and tok.text != _QUOTE_TOKEN and tok.text.rstrip(".") not in _lexicon().not_names


def _plain_noun(word: str, nouns: frozenset[str]) -> str | None:
    plural_y = word[:-3] + "y" if word.endswith("ies") else None
    plural_men = word[:-3] + "man" if word.endswith("men") else None
    singular = (word[:-1] if word.endswith("s") else None, word[:-2] if word.endswith("es") else None)
    for form in (word, *singular, plural_y, plural_men):
        if form and form in nouns:
            return form
    return None


def _speaker_noun(word: str) -> str | None:
    lex = _lexicon()
    return _plain_noun(word, lex.person_nouns) or _plain_noun(word, lex.organization_nouns)


def _name_run_forward(toks: list[_Tok], i: int) -> int:
    """End index of a run of capitalised tokens (with titles' periods and name particles) starting at i."""
    j = i
    while j < len(toks):
        tok = toks[j]
        if _namey(tok) and tok.text != _QUOTE_TOKEN and not _possessive(toks[j - 1] if j > i else None):
            j += 1
        elif tok.text == "." and j > i and _abbreviated(toks[j - 1]):
            j += 1
        elif tok.low in _PARTICLES and j + 1 < len(toks) and toks[j + 1].capitalised:
            j += 1
        else:
            break
    while j > i and not _namey(toks[j - 1]):
        j -= 1
    return j


def _abbreviated(tok: _Tok) -> bool:
    """A word the period after it belongs to (`Sen.`, `Jr.`, `Corp.`, an initial), by the sentence splitter's list."""
    known = sentence_lexicon().abbreviations
    return len(tok.text) == 1 or tok.text in known or tok.text.isupper() and tok.text.capitalize() in known


_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "bin", "ibn", "al", "el", "del", "di", "du", "le", "la", "abu"}
)
_PARTICLE_NAME = re.compile(r"(?:al|el|de|da|van|von|bin|ibn|le|la|di|du|del|der|abu)-[A-Z]")


def _namey(tok: _Tok) -> bool:
    """Capitalised, or a name with a lower-case particle: `al-Khatib`."""
    return tok.capitalised or bool(_PARTICLE_NAME.match(tok.text))


def _possessive(tok: _Tok | None) -> bool:
    return tok is not None and possessive_word(tok.text) and _pronoun_length(tok) == 0


def _pronoun_length(tok: _Tok) -> int:
    """Length of a pronoun at the start of a token, alone or contracted (`he`, `He’s`, `she'd`), else 0."""
    base, _, rest = tok.low.replace("'", "’").partition("’")
    if base in _lexicon().pronouns and rest in ("", "s", "d", "ll", "ve", "re", "m"):
        return len(base)
    return 0


def _name_phrase(toks: list[_Tok], i: int, j: int, start: int | None = None) -> _Phrase | None:
    words = [t.text for t in toks[i:j] if t.text != "."]
    name = strip_titles(words)
    if not name or all(w.rstrip(".") in _lexicon().not_names for w in name):
        return None
    return _Phrase(toks[i].start if start is None else start, toks[j - 1].end, "name", " ".join(name))


def _forward_phrase(toks: list[_Tok], i: int) -> tuple[_Phrase, int] | None:
    """A speaker phrase starting at token i: pronoun, name (titles allowed) or description; with its end index."""
    if i >= len(toks):
        return None
    lex = _lexicon()
    tok = toks[i]
    size = _pronoun_length(tok)
    if size:
        return _Phrase(tok.start, tok.start + size, "pronoun"), i + 1
    if tok.low in lex.name_prefixes and i + 1 < len(toks) and toks[i + 1].capitalised:  # "former Sen. Evan Bayh"
        found = _forward_phrase(toks, i + 1)
        if found:
            found[0].start = tok.start
        return found
    particle = _PARTICLE_NAME.match(tok.text) or (
        tok.low in _PARTICLES and i + 1 < len(toks) and toks[i + 1].capitalised
    )
    if not particle and (tok.low in lex.determiners or not tok.capitalised):
        return _forward_description(toks, i)
    if tok.text.rstrip(".") in lex.not_names and tok.text.rstrip(".") not in lex.title_words:
        return None
    j = _name_run_forward(toks, i)
    if j == i:
        return None
    if (
        _possessive(toks[j - 1]) and j < len(toks) and toks[j].capitalised
    ):  # "American Action Forum’s Douglas Holtz-Eakin"
        owned = _forward_phrase(toks, j)
        if owned and owned[0].kind == "name":
            owned[0].start = tok.start
            return owned
    if _possessive(toks[j - 1]) and j < len(toks):  # "Clinton's campaign said"
        described = _forward_description(toks, j)
        if described:
            phrase, end = described
            phrase.start = tok.start
            return phrase, end
    role = _role_after_name(toks, i, j)
    if role:
        return role
    phrase = _name_phrase(toks, i, j)
    return (phrase, j) if phrase else None


def _role_after_name(toks: list[_Tok], i: int, j: int) -> tuple[_Phrase, int] | None:
    """`White House press secretary Josh Earnest`, `Tulsa police Chief Chuck Jordan`: name, role nouns, name."""
    lex = _lexicon()
    k, head = j, None
    while k < len(toks) and k < j + 3 and _may_start_bare_description(toks[k]) and not toks[k].capitalised:
        if _speaker_noun(toks[k].low):
            head = k
        elif toks[k].low in lex.verbs:
            break
        k += 1
    if head is None:
        return None
    end = _name_run_forward(toks, head + 1)
    if end > head + 1:
        inner = _name_phrase(toks, head + 1, end)
        if inner:
            return _Phrase(toks[i].start, toks[end - 1].end, "name", inner.name), end
    if head + 1 < len(toks) and toks[head + 1].low in lex.verbs:
        return _Phrase(toks[i].start, toks[head].end, "description", head=_speaker_noun(toks[head].low)), head + 1
    return None


def _forward_description(toks: list[_Tok], i: int) -> tuple[_Phrase, int] | None:
    """`the spokesman`, `a senior official`, `the North Korean state media KCNA`, `officials`."""
    lex = _lexicon()
    determined = toks[i].low in lex.determiners
    if not determined and not _may_start_bare_description(toks[i]):
        return None
    j = i + 1 if determined else i
    last_head, head = -1, None
    k, stop = j - 1, min(len(toks), j + (6 if determined else 3))
    while k + 1 < stop:
        k += 1
        tok = toks[k]
        if tok.text == "(" and k > j and toks[k - 1].capitalised and (after := _skip_parenthesis(toks, k)) > k:
            stop = min(len(toks), stop + after - k)  # "the Islamic Jihad (Holy War) movement": step over the aside
            k = after - 1
            continue
        if tok.text == _QUOTE_TOKEN or (not tok.text[0].isalnum()) or (tok.low in lex.function_words and k > i):
            break
        if tok.capitalised and last_head >= 0:
            break  # the name after the description
        if not determined and k > i and not _may_start_bare_description(tok):
            break
        noun = None if tok.capitalised and k + 1 < len(toks) and toks[k + 1].capitalised else _speaker_noun(tok.low)
        if noun:
            last_head, head = k, noun
        elif tok.low in lex.verbs:
            break
    if last_head >= 0:
        named = _organization_named_before(toks, i, j, last_head, head)
        return (named, last_head + 1) if named else _description_then_name(toks, i, last_head, head)
    if determined and j < len(toks) and toks[i].low == "the" and toks[j].capitalised:  # "The New York Post"
        named = _name_run_forward(toks, j)
        inner = _name_phrase(toks, j, named, start=toks[i].start) if named > j else None
        if inner and not _possessive(toks[named - 1]):
            return inner, named
    return None


def _organization_named_before(toks: list[_Tok], i: int, j: int, last: int, head: str | None) -> _Phrase | None:
    """`the Islamic Jihad (Holy War) movement`, `the Hamas group`: a name and an organisation noun after it (from
    token i, the name from j); the phrase stands for the organisation so named (an aside is another name for it)."""
    if head is None or head not in _lexicon().organization_nouns or toks[last].capitalised:
        return None
    aside = next((k for k in range(j, last) if toks[k].text == "("), last)
    words = toks[j:aside]
    if not words or not all(_namey(t) for t in words) or _name_phrase(toks, j, aside) is None:
        return None
    return _Phrase(toks[i].start, toks[last].end, "name", " ".join(t.text for t in words))


def _may_start_bare_description(tok: _Tok) -> bool:
    """`officials`, `Clinton aides`, `senior officials`: no determiner, so no function word, verb or participle."""
    lex = _lexicon()
    word = tok.low
    if word in lex.function_words or word in lex.determiners or _is_modifier(tok) or not word[:1].isalnum():
        return False
    if tok.capitalised:
        return True
    return _speaker_noun(word) is not None or not (word in lex.verbs or word.endswith(("ed", "ing")))


def _description_then_name(toks: list[_Tok], i: int, last: int, head: str | None) -> tuple[_Phrase, int]:
    """A description ending at token `last`, with the name that may follow it (`the economist Jared Bernstein`)."""
    phrase = _Phrase(toks[i].start, toks[last].end, "description", head=head)
    end = last + 1
    named = _name_run_forward(toks, end) if end < len(toks) else end
    if named > end and not _possessive(toks[named - 1]):
        inner = _name_phrase(toks, end, named)
        if inner:
            phrase.end, phrase.kind, phrase.name = toks[named - 1].end, "name", inner.name
            end = named
    return phrase, end


def _looks_like_verb(tok: _Tok) -> bool:
    return not tok.capitalised and (tok.low in _lexicon().verbs or tok.low.endswith("ed"))


def _is_modifier(tok: _Tok) -> bool:
    """A word between a speaker and the verb: `also`, `has`, `publicly`."""
    return tok.low in _lexicon().modifiers or (tok.low.endswith("ly") and not tok.capitalised)


_PREPOSITIONS = frozenset({"between", "with", "of", "to", "for", "by", "from", "at", "on", "in", "about"})


def _description_before(toks: list[_Tok], end: int) -> _Phrase | None:
    """A speaker description that ends right before token `end`: `The senator` in `The senator from Vermont`."""
    for start in range(max(0, end - 6), end):
        found = _forward_description(toks, start) if toks[start].low in _lexicon().determiners else None
        if found and found[1] == end and found[0].kind == "description":
            return found[0]
    return None


def _in_prepositional_pair(toks: list[_Tok], i: int) -> bool:
    """`between Choe Son-hui and Sergei Lavrov`: the second of a coordinated pair after a preposition."""
    if toks[i - 1].low != "and":
        return False
    k = i - 2
    while k >= 0 and (toks[k].capitalised or toks[k].text in (".", "-")) and i - k < 8:
        k -= 1
    return k >= 0 and toks[k].low in _PREPOSITIONS


def _skip_back_over(toks: list, j: int, opening: str, closing: str, limit: int) -> int:
    """Step left over a bracketed aside that ends right before token `j` ("(D-Wis.)")."""
    if j <= 0 or toks[j - 1].text != closing:
        return j
    k = j - 2
    while k >= 0 and j - k < limit and toks[k].text != opening:
        k -= 1
    return k if k >= 0 and toks[k].text == opening else j


def _backward_phrase(toks: list[_Tok], j: int, participle: bool = False) -> _Phrase | None:
    """The speaker phrase that ends right before token j (the verb), skipping adverbs and an appositive."""
    while j > 0 and _is_modifier(toks[j - 1]):
        j -= 1
    if j > 1 and toks[j - 1].low == "and" and _looks_like_verb(toks[j - 2]):
        j -= 2  # "he laughed and said"
        while j > 0 and _is_modifier(toks[j - 1]):
            j -= 1
    if j > 1 and toks[j - 1].low == "to" and toks[j - 2].low in _lexicon().to_verbs:
        j -= 2  # "he went on to call"
        while j > 0 and (toks[j - 1].low in _lexicon().to_verbs or _is_modifier(toks[j - 1])):
            j -= 1
    j = _skip_back_over(toks, j, "(", ")", 10)  # "Rep. Gwen Moore (D-Wis.) said"
    if j > 0 and toks[j - 1].text == ",":  # "X, a former adviser, said"
        k = j - 2
        while k >= 0 and j - k < 30 and toks[k].text not in (",", _QUOTE_TOKEN):
            k -= 1
        if k >= 0 and toks[k].text == ",":
            j = k
    j = _skip_back_over(toks, j, "(", ")", 10)  # "Sen. Richard J. Durbin (D-Ill.), noting ..., said"
    if j <= 0:
        return None
    # try the longest phrase that ends exactly at j
    for i in range(max(0, j - 8), j):
        if not participle and i > 0 and (toks[i - 1].low in _PREPOSITIONS or _in_prepositional_pair(toks, i)):
            owner = _description_before(toks, i - 1) if toks[i - 1].low in ("from", "of", "for", "at") else None
            found = _forward_phrase(toks, i) if owner else None
            if owner and found and found[1] == j:  # "the senator from Vermont said"
                return _Phrase(owner.start, found[0].end, "description", head=owner.head)
            continue
        if i > 0 and _is_name_token(toks[i - 1]) and toks[i].capitalised:
            continue  # inside a longer name
        found = _forward_phrase(toks, i)
        if found and found[1] == j:
            return found[0]
    return None


# --------------------------------------------------------------------------- #
# Attribution
# --------------------------------------------------------------------------- #


def _is_verb(toks: list[_Tok], i: int) -> bool:
    lex = _lexicon()
    word = toks[i].low
    if word not in lex.verbs or toks[i].capitalised and (i == 0 or toks[i - 1].text != ","):
        return False
    if i > 0 and (toks[i - 1].low in lex.determiners or _possessive(toks[i - 1])):
        return False  # a noun: "the state", "his report"
    if word in lex.not_before_to and i + 1 < len(toks) and toks[i + 1].low == "to":
        return False
    particle = lex.particles.get(word)
    return particle is None or (i + 1 < len(toks) and toks[i + 1].low == particle)


def _preposition_at(toks: list[_Tok], i: int) -> int:
    """Length of a source preposition (`according to`) starting at token i, or 0."""
    if i >= len(toks):
        return 0
    for words in _lexicon().prepositions.get(toks[i].low, ()):
        if tuple(t.low for t in toks[i : i + len(words)]) == words:
            return len(words)
    return 0


_DASHES = ("—", "–", "-", "―", "--")


def _skip_parenthesis(toks: list[_Tok], j: int) -> int:
    """Index after a short parenthesis at j (`Rep. Gwen Moore (D-Wis.) said`), or j."""
    if j < len(toks) and toks[j].text == "(":
        for k in range(j + 1, min(len(toks), j + 10)):
            if toks[k].text == ")":
                return k + 1
    return j


def _attribution_after(toks: list[_Tok], loose: bool = False) -> tuple[_Phrase, str] | None:
    """`"...," she said` / `said X` / `according to X`, in the clause right after the quote."""
    lex = _lexicon()
    i = 0
    while i < len(toks) and (toks[i].text in (",", ":", "(", ";") + _DASHES or (toks[i].low == "as" and i < 2)):
        i += 1
    if i >= len(toks):
        return None
    k = i
    while k < len(toks) and toks[k].low in lex.modifiers:
        k += 1
    if k < len(toks) and _is_verb(toks, k) and not toks[k].low.endswith("ing"):  # not `, noting the fines`
        found = _forward_phrase(toks, k + 1)
        if found:
            return found[0], toks[k].text
        inverted = _inverted_phrase(toks, k + 1)
        if inverted:
            return inverted, toks[k].text
    size = _preposition_at(toks, i)
    if size:
        found = _forward_phrase(toks, i + size)
        if found:
            return found[0], " ".join(t.text for t in toks[i : i + size])
    found = _forward_phrase(toks, i)
    if not found:
        return _any_phrase_then_verb(toks, i) if loose else None
    phrase, j = found
    if i > 0 and toks[i - 1].text in _DASHES and (j == len(toks) or toks[j].text in (".", ",", ";", "|")):
        return phrase, toks[i - 1].text  # a byline after the quote: "..." ― Christina Lastra
    j = _skip_parenthesis(toks, j)
    if j < len(toks) and toks[j].text == ",":  # appositive: "X, now 81 and retired in Cambridge, Mass., said"
        k = next((k for k in range(j + 2, min(len(toks), j + 40)) if _verb_after_comma(toks, k)), 0)
        stop = next((n for n in range(j, k) if _clause_stop(toks, n)), None)
        if k and stop is None:
            return phrase, _verb_after_comma(toks, k)
    while j < len(toks) and _is_modifier(toks[j]):
        j += 1
    if j < len(toks) and _is_verb(toks, j):
        return phrase, toks[j].text
    return _any_phrase_then_verb(toks, i) if loose else None


def _clause_stop(toks: list[_Tok], n: int) -> bool:
    """A token that ends the clause; the period of an abbreviation (`R-Ky.,`, `N.C.`) does not."""
    if toks[n].text in (";", "!", "?", _QUOTE_TOKEN):
        return True
    return toks[n].text == "." and n + 1 < len(toks) and toks[n + 1].capitalised and len(toks[n - 1].text) > 4


def _verb_after_comma(toks: list[_Tok], k: int) -> str | None:
    """The verb that ends an appositive at token k: `, said`, `, later told`."""
    if toks[k - 1].text != ",":
        return None
    while k < len(toks) and _is_modifier(toks[k]):
        k += 1
    return toks[k].text if k < len(toks) and _is_verb(toks, k) else None


def _attribution_at_sentence_end(toks: list[_Tok]) -> tuple[_Phrase, str] | None:
    """`"Boots on the ground" would be appropriate, Ben Carson said.`: a closing `, X said` of the sentence."""
    commas = [k for k in range(len(toks) - 2, 0, -1) if toks[k].text == ","][:3]
    for k in commas:
        found = _attribution_after(toks[k + 1 :])
        if found and len([t for t in toks[k + 1 :] if t.start >= found[0].end]) <= 25:
            return found
    return None


def _any_phrase_then_verb(toks: list[_Tok], i: int) -> tuple[_Phrase, str] | None:
    """`"...," the bespectacled, 71-year-old diplomat said`: right after a quote, any short phrase before a verb."""
    lex = _lexicon()
    if not (toks[i].low in lex.determiners or toks[i].capitalised):
        return None
    for k in range(i + 1, min(len(toks), i + 10)):
        tok = toks[k]
        if tok.text in (".", ";", ":", _QUOTE_TOKEN, "?", "!") or (tok.low in _CLAUSE_WORDS):
            return None
        if _is_verb(toks, k):
            last = next((n for n in range(i, k) if toks[n].text == ","), k) - 1  # "the assailant, John McGraw, told"
            if last >= i:
                return _Phrase(toks[i].start, toks[last].end, "description", head=toks[last].low), tok.text
    return None


_CLAUSE_WORDS = frozenset({"that", "who", "which", "when", "while", "because", "if", "but", "and", "as", "is", "was"})


def _inverted_phrase(toks: list[_Tok], i: int) -> _Phrase | None:
    """`says a narrator.`, `read one`: any short phrase after an inverted verb, up to the end of the clause."""
    lex = _lexicon()
    if i >= len(toks) or not (toks[i].low in lex.determiners or toks[i].capitalised) or toks[i].low in _CLAUSE_WORDS:
        return None
    for k in range(i, min(len(toks), i + 8)):
        if toks[k].text in (".", ",", ";", ":", "!", "?") or (k > i and toks[k].low in lex.function_words):
            return _Phrase(toks[i].start, toks[k - 1].end, "description", head=toks[k - 1].low) if k > i else None
    return None


def _attribution_before(toks: list[_Tok], weak: bool = False) -> tuple[_Phrase, str] | None:
    """`X said: "..."`, `according to X, "..."`, `X described it as "..."`: the last cue before the quote.

    With `weak`, also the looser readings: the sentence subject of a participle (`..., referring to it as "..."`)
    and an inverted `said X: "..."`.
    """
    source = _source_preposition_before(toks) or _possessor_of_speech(toks)
    if source:
        return source
    if weak and toks and toks[-1].text == ":":  # "Rep. Trey Gowdy (R-S.C.): "I have not heard ...""
        named = _backward_phrase(toks, len(toks) - 1)
        if named is not None and named.kind == "name":
            return named, ":"
    for i in range(len(toks) - 1, -1, -1):
        size = _preposition_at(toks, i)
        if size:
            found = _forward_phrase(toks, i + size)
            if found:
                return found[0], " ".join(t.text for t in toks[i : i + size])
        if not _is_verb(toks, i):
            continue
        participle = toks[i].low.endswith("ing")
        if participle and i > 0 and toks[i - 1].text == ",":  # "..., saying": the main clause speaks
            phrase = _clause_subject(toks, i) if weak else None
        else:
            phrase = _backward_phrase(toks, i, participle=participle)
            if phrase is not None and participle and _after_preposition(toks, phrase):
                phrase = _earlier_subject(toks, i) or phrase  # "wrote a letter to X asking": the writer asks
            elif phrase is not None and participle and phrase.kind == "description" and _object_of_verb(toks, phrase):
                phrase = _clause_subject(toks, i) or phrase  # "Trump issued a statement saying": Trump says
        if phrase is None and weak and (participle or (i > 0 and toks[i - 1].low in (",", "and", "to"))):
            phrase = _clause_subject(toks, i)
        if phrase is not None:
            return (_reporter_of(toks, phrase) if phrase.kind != "description" else None) or (phrase, toks[i].text)
        trailing = _trailing_punctuation(toks)
        after = _forward_phrase(toks, i + 1) if weak and trailing else None
        if after and after[1] == len(toks) - trailing and after[0].kind != "pronoun":
            return after[0], toks[i].text
    if weak and toks and toks[-1].text == ":":  # "Sanders delivered a snappy retort: "...""
        subject = _clause_subject(toks, len(toks) - 1)
        if subject is not None and subject.kind != "description":
            return subject, ":"
    return None


def _object_of_verb(toks: list[_Tok], phrase: _Phrase) -> bool:
    lex = _lexicon()
    k = next((n for n, t in enumerate(toks) if t.start >= phrase.start), 0) - 1
    if k < 0 or not toks[k].text.isalpha() or toks[k].capitalised:
        return False
    word = toks[k].low
    return word not in lex.function_words and word not in lex.determiners and word not in _PREPOSITIONS


def _after_preposition(toks: list[_Tok], phrase: _Phrase) -> bool:
    k = next((n for n, t in enumerate(toks) if t.start >= phrase.start), 0)
    return k > 0 and toks[k - 1].low in _PREPOSITIONS


def _earlier_subject(toks: list[_Tok], before: int) -> _Phrase | None:
    for k in range(before - 1, -1, -1):
        if _is_verb(toks, k) and not toks[k].low.endswith("ing"):
            phrase = _backward_phrase(toks, k)
            if phrase is not None:
                return phrase
    return None


def _reporter_of(toks: list[_Tok], phrase: _Phrase) -> tuple[_Phrase, str] | None:
    """`Carter said he would welcome "..."`: the subject right after a speech verb is reported; its reporter speaks."""
    k = next((n for n, t in enumerate(toks) if t.start >= phrase.start), 0) - 1
    if k >= 0 and toks[k].low == "that":
        k -= 1
    if k < 0 or not _is_verb(toks, k):
        return None
    reporter = _backward_phrase(toks, k)
    return (reporter, toks[k].text) if reporter is not None and reporter.kind in ("name", "pronoun") else None


def _possessor_of_speech(toks: list[_Tok]) -> tuple[_Phrase, str] | None:
    """`her remark that "..."`, `Trump's claim that "..."`: the owner of the words just before the quote."""
    lex = _lexicon()
    end = len(toks) - _trailing_punctuation(toks)
    if end and toks[end - 1].low == "that":
        end -= 1
    for k in range(end - 1, max(0, end - 1) - 1, -1):
        if toks[k].low in lex.speech_nouns and k > 0:
            owner = toks[k - 1]
            if owner.low in lex.possessives:
                return _Phrase(owner.start, owner.end, "pronoun"), toks[k].text
            if _possessive(owner) and owner.capitalised:
                phrase = _backward_phrase(toks, k)
                if phrase is not None and phrase.kind == "name":
                    return phrase, toks[k].text
    return None


def _source_preposition_before(toks: list[_Tok]) -> tuple[_Phrase, str] | None:
    """`According to the state media KCNA, "..."`: a source phrase that ends right before the quote."""
    end = len(toks) - _trailing_punctuation(toks)
    for i in range(max(0, end - 14), end):
        size = _preposition_at(toks, i)
        found = _forward_phrase(toks, i + size) if size else None
        if found and found[1] == end:
            return found[0], " ".join(t.text for t in toks[i : i + size])
    return None


def _trailing_punctuation(toks: list[_Tok]) -> int:
    n = 0
    while n < len(toks) and toks[len(toks) - 1 - n].text in (",", ":", "—", "–"):
        n += 1
    return n


def _clause_subject(toks: list[_Tok], verb: int) -> _Phrase | None:
    """The subject of the sentence, for participles: `Lavrov echoed Choe, referring to ... as "..."`."""
    starts = [0] + [k + 1 for k in range(verb) if toks[k].text == ","]
    for i in starts:
        if i >= verb:
            break
        found = _forward_phrase(toks, i)
        if found and found[1] < verb and _valid_speaker(found[0]) and _followed_by_verb(toks, found[1]):
            if found[0].kind != "name" or name_kind(found[0].name.split()) != "place":
                return found[0]
    return None


def _followed_by_verb(toks: list[_Tok], k: int) -> bool:
    """A subject is followed by its verb (`Mrs. Clinton tried`), not by a comma (`Ames, Iowa, on Sunday`)."""
    k = _skip_parenthesis(toks, k)
    return k < len(toks) and toks[k].text != ","


def _valid_speaker(phrase: _Phrase) -> bool:
    return phrase.kind != "description" or phrase.head is not None


# --------------------------------------------------------------------------- #
# Kinds: speech, partial, scare
# --------------------------------------------------------------------------- #


def _naming_cue_before(left: list[_Tok], quoted: str) -> bool:
    """`so-called "..."`, `nicknamed "..."`, or a title after a work noun: `the film "Northern Lights"`."""
    lex = _lexicon()
    words = tuple(t.low for t in left[-3:] if t.text not in (",", ":"))
    if words and words[-1] in lex.work_nouns:
        return _title_case(quoted)
    return any(words[-len(cue) :] == cue for cue in lex.naming_cues if len(cue) <= len(words))


def _opens_clause(left: list[_Tok]) -> bool:
    """The quote starts its own clause: sentence start, or right after `:`, `,` or a dash."""
    return not left or left[-1].text in (":", ",", "—", "–", "-", "(", _QUOTE_TOKEN)


# --------------------------------------------------------------------------- #
# Resolution: the shared name layer (generator.names)
# --------------------------------------------------------------------------- #


def _name_table(
    text: str, spans: list[_Span], mentions: list[Mention] | None, bounds: list[tuple[int, int]]
) -> NameTable:
    """The names outside quotations (scare quotes do not count): the entity mentions when given, else the names a
    capitalised-word finder sees."""
    quoted = [(s.open_at, s.close_end) for s in spans if s.kind != "scare"]
    return NameTable.build(text, mentions, quoted, [start for start, _ in bounds])


def _names_speaker(span: _Span, text: str) -> bool:
    """The attribution names its speaker: a name (`Lavrov said`) or a description resolved to one (`the foreign
    minister said`), not a pronoun or a description left as written (`a senior official said`)."""
    phrase = span.phrase
    if not span.speaker or phrase is None or phrase.kind == "pronoun":
        return False
    return phrase.kind == "name" or span.speaker != text[phrase.start : phrase.end]


def _resolve(phrase: _Phrase, text: str, names: NameTable, speakers: list[Reference]) -> str | None:
    if phrase.kind == "name" and phrase.name:
        return names.fullest(phrase.name)
    mention = text[phrase.start : phrase.end]
    if phrase.kind == "pronoun":
        found = names.antecedent(phrase.start, mention, speakers)
        return found.name if found else None
    words = mention.split()
    if words[0].lower() == "the" and len(words) <= 4 and phrase.head and not words[-1].endswith("s"):
        described = names.described(phrase.start, phrase.head, mention)  # `the 53-year-old state prosecutor`
        return described.name if described else mention
    return mention


# --------------------------------------------------------------------------- #
# The extractor
# --------------------------------------------------------------------------- #


def extract_quotes(
    text: str, mentions: list[Mention] | None = None, sentences: list[Sentence] | None = None
) -> list[Quote]:
    """Quotes in `text` with their speakers; scare quotes come back with `kind="scare"` and no speaker.

    `mentions` (from `generator.entities`), when given, supply the typed names that surnames, pronouns and
    descriptions resolve to; without them a capitalised-word finder stands in. `sentences` (the document's
    sentence layer) bound the clause around each quote; without them `generator.text.sentence_spans` splits `text`.
    """
    paragraphs, spans = _find_spans(text)
    if not spans:
        return []
    bounds = [(s.start, s.end) for s in sentences] if sentences is not None else sentence_spans(text)
    _attribute(text, paragraphs, spans, _Clauses.of(bounds, spans))
    _attribute_backwards(spans)
    names = _name_table(text, spans, mentions, bounds)
    speakers: list[Reference] = []  # named speakers so far, by position: a pronoun may follow the latest
    for span in spans:
        if span.phrase is not None:
            span.speaker = _resolve(span.phrase, text, names, speakers)
        if span.own_attribution and _names_speaker(span, text):
            speaker = Reference(span.speaker, span.phrase.start, span.phrase.end, names.kind_of(span.speaker))
            insort(speakers, speaker, key=lambda r: r.start)
    return [
        Quote(s.start, s.end, text[s.start : s.end], s.speaker, s.speaker_start, s.speaker_end, s.cue, s.kind)
        for s in spans
    ]


def quotes_of(doc: Document) -> list[Quote]:
    """The document's quote layer; for a document annotated without one, its quotes found now."""
    return doc.quotes or extract_quotes(doc.text, doc.mentions or None, doc.sentences or None)


def _attribute_backwards(spans: list[_Span]) -> None:
    """A multi-paragraph quote attributed only at its end gives that speaker to its earlier paragraphs."""
    for span, following in zip(reversed(spans[:-1]), reversed(spans[1:]), strict=True):
        if span.continues and span.phrase is None and following.phrase is not None and span.kind != "scare":
            _set_speaker(span, following.phrase, following.cue)


def _attribute(text: str, paragraphs: list[_Paragraph], spans: list[_Span], clauses: _Clauses) -> None:
    previous: _Span | None = None
    for index, para in enumerate(paragraphs):
        if not para.spans:
            continue
        lead_in = paragraphs[index - 1] if index else None
        for span in para.spans:
            _attribute_span(text, para, clauses, span, previous, lead_in)
            if span.kind != "scare":
                previous = span


def _attribute_span(
    text: str, para: _Paragraph, clauses: _Clauses, span: _Span, previous: _Span | None, lead_in: _Paragraph | None
) -> None:
    sentence_start = max(clauses.start_before(span.open_at, para.start), _reach_back(text, span.open_at))
    sentence_end = min(clauses.start_after(span.close_end, para.end), _reach_on(text, span.close_end))
    left = _tokens(text, sentence_start, span.open_at, para.spans_within(sentence_start, span.open_at))
    right = _tokens(text, span.close_end, sentence_end, para.spans_within(span.close_end, sentence_end))
    right = right[: next((k for k, t in enumerate(right) if t.text == _QUOTE_TOKEN), len(right))]
    quoted = text[span.start : span.end]
    words = len(quoted.split())
    embedded = not _opens_clause(left) and bool(left)
    spoken = bool(left) and _is_verb(left, len(left) - 1) and left[-1].low not in _lexicon().naming_verbs
    if (_naming_cue_before(left, quoted) and words <= 8) or (embedded and not spoken and _title_case(quoted)):
        span.kind = "scare"
        return
    found = _transcript_speaker(text, span)
    if found:
        pass
    elif not embedded:
        loose = quoted.rstrip()[-1:] in (",", "?", "!") or text[span.close_end : span.close_end + 1] == ","
        introduced = bool(left) and left[-1].text in (":", ",") and not quoted.rstrip().endswith(",")
        found = _attribution_before(left) if introduced else None  # `X said: "..."` owns a full sentence
        after = _attribution_after(right, loose)
        if after and quoted.rstrip()[-1:] in (".", "!", "?") and _reports_anew(right, after[0]):
            after = None  # `"..." He bemoaned that ...`: a new sentence with its own content
        found = found or after or _attribution_before(left, weak=True)
        found = found or _attribution_at_sentence_end(right)
        if not found and not left and span.open_at == para.start and lead_in is not None:
            found = _lead_in_attribution(text, lead_in, clauses, alone=not right)
    else:
        comma = quoted.rstrip().endswith(",") or bool(right) and right[0].text == ","
        attached = _attribution_after(right) if comma else None  # `his "negatives," he called them`
        found = attached or _attribution_before(left) or _attribution_after(right)
        found = found or _attribution_at_sentence_end(right) or _attribution_before(left, weak=True)
    if found:
        phrase, cue = found
        _set_speaker(span, phrase, cue)
        span.own_attribution = True
    elif previous is not None and _continues(text, para, span, previous, left):
        _set_speaker(span, previous.phrase, previous.cue)
    if embedded:
        span.kind = "partial"
        if span.speaker_start is None and words <= _lexicon().max_scare_words:
            span.kind = "scare"
    elif span.speaker_start is None and words <= _lexicon().max_unattributed_words:
        span.kind = "scare"
    if span.kind == "scare":
        span.phrase = span.speaker_start = span.speaker_end = span.cue = None


# How far from a quotation its attribution is looked for, in characters, however long the sentence: news sentences
# are far shorter, and a text with no sentence ends (a pasted transcript, junk) must not cost time in the square of
# its length.
ATTRIBUTION_REACH = 600


def _reach_back(text: str, position: int) -> int:
    """Where the look-back from `position` starts: ATTRIBUTION_REACH before it, moved on to a word's start."""
    floor = position - ATTRIBUTION_REACH
    if floor <= 0:
        return 0
    space = text.find(" ", floor, position)
    return space + 1 if space >= 0 else position


def _reach_on(text: str, position: int) -> int:
    """Where the look-ahead from `position` ends: ATTRIBUTION_REACH after it, moved back to a word's end."""
    ceiling = position + ATTRIBUTION_REACH
    if ceiling >= len(text):
        return len(text)
    space = text.rfind(" ", position, ceiling)
    return space if space >= 0 else position


def _reports_anew(right: list[_Tok], phrase: _Phrase) -> bool:
    """After the speaker and verb, `that` or a colon opens new reported content."""
    k = next((n for n, t in enumerate(right) if t.start >= phrase.end), len(right))
    while k < len(right) and (_is_modifier(right[k]) or right[k].text == ","):
        k += 1
    return k + 1 < len(right) and right[k + 1].low in ("that", ":")


def _title_case(quoted: str) -> bool:
    """`"Morning Joe"`, `"A Change Is Gonna Come,"`: a title or a name, not words someone said."""
    words = [w.strip(".,;:!?()'’\"") for w in quoted.split()]
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return False
    content = [w for w in words if w.lower() not in _lexicon().function_words and len(w) > 2] or words
    return all(w[0].isupper() for w in content)


def _transcript_speaker(text: str, span: _Span) -> tuple[_Phrase, str] | None:
    """`"PENCE: Well, look, ..."`: a transcript names its speaker inside the quote."""
    m = _TRANSCRIPT_SPEAKER.match(text, span.start, span.end)
    if not m:
        return None
    name = m.group(1).title()
    return _Phrase(m.start(1), m.end(1), "name", " ".join(strip_titles(name.split()))), ":"


def _lead_in_attribution(text: str, lead_in: _Paragraph, clauses: _Clauses, alone: bool) -> tuple[_Phrase, str] | None:
    """`The New York Times reports:` as its own paragraph, then the quote as the next one. A paragraph that is
    only a quote also takes the reporting subject of the paragraph before (`Carter said that ...`)."""
    if lead_in.spans:
        return None
    starts = [lead_in.start] + clauses.within(lead_in.start, lead_in.end)
    if text[lead_in.start : lead_in.end].rstrip().endswith(":"):
        return _attribution_before(_tokens(text, starts[-1], lead_in.end, []), weak=True)
    if not alone:
        return None
    bounds = list(zip(starts, starts[1:] + [lead_in.end], strict=True))
    for start, end in reversed(bounds[-2:]):
        found = _attribution_before(_tokens(text, start, end, []))
        if found and (
            found[0].kind == "pronoun" or found[0].kind == "name" and name_kind(found[0].name.split()) != "place"
        ):
            return found
    return None


def _continues(text: str, para: _Paragraph, span: _Span, previous: _Span, left: list[_Tok]) -> bool:
    """A quote with no attribution of its own continues the previous speaker (split or multi-paragraph quotes)."""
    if previous.speaker_start is None or left and not all(t.text in ("(", "—", "–") for t in left):
        return False
    if previous.paragraph == span.paragraph:
        return True
    return previous.paragraph == span.paragraph - 1 or previous.continues


def _set_speaker(span: _Span, phrase: _Phrase | None, cue: str | None) -> None:
    span.phrase, span.cue = phrase, cue
    span.speaker_start, span.speaker_end = (phrase.start, phrase.end) if phrase else (None, None)
