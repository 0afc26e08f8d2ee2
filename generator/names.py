"""Who a name, a pronoun or a description refers to within one document: the one resolver that quotes (speakers)
and questions (opening pronouns) share, so the same pronoun in the same place resolves to the same name in both.

A `NameTable` indexes the names of one text once: the entity layer's mentions (`doc.mentions`) or, without one, a
capitalised-word finder, leaving out names inside quotations (a name someone utters is not who the writer's next
"he" is). It answers

- `fullest(name)`: the fullest form the text gives a name: `Lavrov` -> `Sergei Lavrov`;
- `antecedent(position, pronoun, speakers)`: the name a pronoun at `position` stands for. Among the nearest names
  before it of the pronoun's kind and not of the other gender (a given name, a title or role such as `Mrs.` or
  `spokeswoman`, or `X said he` tells a gender), it takes the subject of the nearest sentence that has one: the
  first name there that speaks (`Bolten said`), else the first that no preposition governs and that is no
  possessor inside the sentence (`a letter to Wang Yi`, `Zhou's brother`), else the first; for `she`, a known
  woman there beats names of unknown gender. A more recent speaker (the quote resolver passes the speakers
  attributed so far; questions read them back from the quote layer) wins over an older subject; `who` takes the
  name right before it;
- `described(position, head, description)`: `the foreign minister` -> the nearest name introduced with that role,
  `the Palestinian president` -> the nearest one written with `Palestinian` too, `the newspaper` -> the nearest
  outlet.

Both return a `Reference`: the name and the mention it rests on (offsets into the text), so a caller can cite the
sentence that names it. A person named by one capitalised word is trusted as an antecedent only when it has a title
or a role or the text also gives it in full: a lone capitalised word typed as a person is often something else.

`names_of(doc)` gives a document's table, built once from its layers. The word lists (pronouns, gendered given names
and roles, role nouns, titles, words that mark organisations and places) are data in `generator/resources/names/`;
abbreviated titles (`Sen.`, `Mrs.`) are the sentence splitter's, in `generator/resources/text/`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from generator.entities import cues as entity_cues
from generator.entities import extract_entities
from generator.model import Document, Mention
from generator.text import lexicon as sentence_lexicon

# --------------------------------------------------------------------------- #
# Resources
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Lexicon:
    pronouns: dict[str, str]  # personal pronoun -> kind of antecedent (person | organization | group | none)
    possessives: dict[str, str]  # possessive pronoun -> kind of antecedent
    pronoun_gender: dict[str, str]  # pronoun -> female | male
    given_names: dict[str, frozenset[str]]  # female | male -> given names
    gendered_roles: dict[str, str]  # lower-cased title or role word -> female | male
    prefer_known_gender: frozenset[str]  # genders whose known bearers beat unknown names in a sentence
    determiners: frozenset[str]
    object_markers: frozenset[str]  # a name right after one is an object
    clause_openers: frozenset[str]  # a name right after one is a subject
    person_nouns: frozenset[str]  # role nouns of people: minister, spokesman
    organization_nouns: frozenset[str]  # nouns that describe an organisation: ministry, newspaper
    media_nouns: frozenset[str]  # nouns that describe an outlet: newspaper, agency
    media_words: frozenset[str]  # capitalised words of outlets' names: Times, Xinhua
    title_words: frozenset[str]  # capitalised words of titles: Foreign, Minister, Sen
    not_names: frozenset[str]  # capitalised words that are never a name on their own: The, Monday
    organization_words: frozenset[str]  # words that make a name an organisation's: Party, Ministry
    place_words: frozenset[str]  # words that make a name a place's: Korea, City


def _abbreviated_titles() -> frozenset[str]:
    """`Sen`, `Mrs`, `Pres`: the title class of the sentence splitter's abbreviations, without the period."""
    return frozenset(word for word, kind in sentence_lexicon().abbreviations.items() if kind == "title")


def _load(name: str) -> dict:
    folder = resources.files("generator") / "resources" / "names"
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def person_titles() -> list[str]:
    """The entity layer's person titles as written before a name: "Foreign Minister", "Secretary-General",
    "Mayor-elect", "CEO" (first letters capitalised, each part of a hyphenated word too, short words also in
    capitals); linking words stay lower case ("Chief of Staff")."""
    written = []
    for title in entity_cues()["person_titles"]:
        words = title.split()
        written.append(" ".join(_capitalised(w, w[:1].upper() + w[1:]) for w in words))
        written.append(" ".join(_capitalised(w, "-".join(p[:1].upper() + p[1:] for p in w.split("-"))) for w in words))
        written.extend(w.upper() for w in words if len(w) <= 3 and w not in _TITLE_LINKS)
    return written


def _capitalised(word: str, capitalised: str) -> str:
    return word if word in _TITLE_LINKS else capitalised


_TITLE_LINKS = frozenset({"of", "the", "for", "and", "de", "to"})


@cache
def lexicon() -> Lexicon:
    r, w, g = _load("references.yaml"), _load("name_words.yaml"), _load("given_names.yaml")
    titles = [t for title in person_titles() + w["speaker_titles"] for t in title.replace(".", "").split()]
    return Lexicon(
        pronouns={k.lower(): v for k, v in r["pronouns"].items()},
        possessives={k.lower(): v for k, v in r["possessive_pronouns"].items()},
        pronoun_gender={k.lower(): v for k, v in r["pronoun_gender"].items()},
        given_names={gender: frozenset(names) for gender, names in g.items()},
        gendered_roles={word.lower(): gender for gender, words in r["gendered_roles"].items() for word in words},
        prefer_known_gender=frozenset(r["prefer_known_gender"]),
        determiners=frozenset(d.lower() for d in r["determiners"]),
        object_markers=frozenset(w.lower() for w in r["object_markers"]),
        clause_openers=frozenset(w.lower() for w in r["clause_openers"]),
        person_nouns=frozenset(n.lower() for n in r["role_nouns"]["person"]),
        organization_nouns=frozenset(n.lower() for n in r["role_nouns"]["organization"]),
        media_nouns=frozenset(n.lower() for n in r["media_nouns"]),
        media_words=frozenset(r["media_words"]),
        title_words=(frozenset(titles) | _abbreviated_titles()) - {"of", "the"},
        not_names=frozenset(word.rstrip(".") for word in w["not_names"]),
        organization_words=frozenset(word.rstrip(".") for word in w["organization_words"]),
        place_words=frozenset(w["place_words"]),
    )


# --------------------------------------------------------------------------- #
# Names
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Name:
    """A name as the text gives it at one place."""

    start: int
    end: int
    name: str  # the canonical name (the entity layer's) or the words found, titles dropped
    kind: str  # person | organization | place | unknown
    roles: frozenset[str] = frozenset()  # lower-cased title and role words written right before it


@dataclass(frozen=True)
class Reference:
    """What a name, pronoun or description resolved to: the name, and the mention it rests on (`start`, `end`)."""

    name: str
    start: int
    end: int
    kind: str = "person"


def strip_titles(words: list[str]) -> list[str]:
    """Drop a leading title or role (`Foreign Minister`, `Mr.`) when a name is left after it."""
    lex = lexicon()
    cut = 0
    for k, word in enumerate(words[:-1]):
        if word.rstrip(".") in lex.title_words:
            cut = k + 1
    rest = words[cut:]
    if cut and any(w in lex.organization_words for w in rest):
        return words
    if rest and possessive_word(rest[-1]):
        rest = rest[:-1] + [rest[-1][:-2]]
    return rest


def possessive_word(word: str) -> bool:
    return word.endswith("’s") or word.endswith("'s")


def name_kind(words: list[str]) -> str:
    """The kind of a name by its words alone: an acronym or an organisation word, a place word, else a person."""
    lex = lexicon()
    acronym = len(words) == 1 and words[0].isupper() and len(words[0]) > 1
    if acronym or any(w in lex.organization_words for w in words):
        return "organization"
    if any(w in lex.place_words for w in words):
        return "place"
    return "person"


def roles_before(text: str, start: int) -> frozenset[str]:
    """Role words right before a name: `foreign minister` in `North Korea's foreign minister Choe`."""
    lex = lexicon()
    roles = set()
    for word in reversed(text[max(0, start - 40) : start].split()[-3:]):
        word = word.strip(",").rstrip(".").lower()
        if word in lex.person_nouns or word.title() in lex.title_words or word in lex.gendered_roles:
            roles.add(word)
        else:
            break
    return frozenset(roles)


def covered(bounds: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies in one of `bounds` (not overlapping): a binary search, not a scan."""
    ordered = sorted(bounds)
    starts = [start for start, _ in ordered]

    def inside(position: int) -> bool:
        k = bisect_right(starts, position) - 1
        return k >= 0 and position < ordered[k][1]

    return inside


# --------------------------------------------------------------------------- #
# The table
# --------------------------------------------------------------------------- #

_CANDIDATES = 6  # names of the right kind and gender looked at before a pronoun
_FOLLOWING_WORD = re.compile(r"\s*([A-Za-z]+)")
_TOKENS = re.compile(r"[\w’'.-]+|[^\w\s]")
_SAID_PRONOUN = re.compile(r"\s+([a-z]+)\s+(he|she|He|She)\b")


@dataclass
class NameTable:
    """The names of one text, indexed so that each look-up is cheap on long texts."""

    items: list[Name]  # in text order
    text: str = ""
    sentence_starts: list[int] = field(default_factory=list)  # none given: ". " or a line break opens a sentence
    starts: list[int] = field(init=False)
    by_word: dict[str, list[str]] = field(init=False)  # word -> distinct names containing it, in order
    single: set[str] = field(init=False)  # names written as one word
    written_short: set[str] = field(init=False)  # full names also written shorter (`Abbas` for `Mahmud Abbas`)
    kinds: dict[str, str] = field(init=False)  # name -> kind
    genders: dict[str, str | None] = field(init=False)  # fullest person name -> female | male | None (unknown)

    def __post_init__(self) -> None:
        self.starts = [n.start for n in self.items]
        self.by_word, self.single, self.written_short, self.kinds = {}, set(), set(), {}
        for n in self.items:
            self.kinds.setdefault(n.name, n.kind)
            if n.kind == "place":
                continue
            for word in _name_words(n.name):
                forms = self.by_word.setdefault(word, [])
                if n.name not in forms:
                    forms.append(n.name)
            if " " not in n.name:
                self.single.add(n.name)
            if len(self.text[n.start : n.end].split()) < len(n.name.split()):
                self.written_short.add(n.name)
        self.genders = self._genders()

    @classmethod
    def build(
        cls,
        text: str,
        mentions: list[Mention] | None,
        quoted: Iterable[tuple[int, int]] = (),
        sentence_starts: list[int] | None = None,
    ) -> NameTable:
        """The table of `text`: its entity mentions (or, when None, the names a capitalised-word finder sees),
        except those inside the `quoted` spans; `sentence_starts` tell which names share a sentence."""
        inside = covered(quoted)
        if mentions is None:
            items = _capitalised_names(text, inside)
        else:
            ordered = sorted(mentions, key=lambda m: m.start)
            items = [Name(m.start, m.end, m.name, m.type, roles_before(text, m.start)) for m in ordered]
            items = [n for n in items if not inside(n.start)]
        return cls(items, text, sorted(sentence_starts or []))

    def before(self, position: int, limit: int = 200) -> list[Name]:
        """The names that start before `position`, nearest first."""
        k = bisect_right(self.starts, position - 1)
        return self.items[max(0, k - limit) : k][::-1]

    def fullest(self, name: str) -> str:
        """The fullest form of `name` in the text: `Lavrov` -> `Sergei Lavrov`, `Arroyo` -> `Gloria
        Macapagal-Arroyo`."""
        wanted = name.lower().split()
        best = name
        for cand in self.by_word.get(wanted[0], []) if wanted else []:
            if len(cand.split()) > len(best.split()) and set(wanted) <= _name_words(cand):
                best = cand
        return best

    def kind_of(self, name: str) -> str:
        return self.kinds.get(name) or name_kind(name.split())

    def gender(self, name: str) -> str | None:
        """`female`, `male` or None (unknown, or the text says both), by the given name of its fullest form, the
        gendered titles and roles written before any of its mentions and the pronoun right after `X said`."""
        full = self.fullest(name)
        return self.genders[full] if full in self.genders else _given_name_gender(full)

    def known_by_surname(self, cand: Name) -> bool:
        """A person is confirmed when the text calls them both by their full name and by one part of it (`Sergei
        Lavrov` ... `Lavrov`), whichever of the two this mention is."""
        parts = cand.name.split()
        if len(parts) == 1:
            return len(self.fullest(cand.name).split()) > 1
        return cand.name in self.written_short or any(part in self.single for part in parts)

    def trusted(self, cand: Name) -> bool:
        """A person antecedent to rely on: titled or with a role, or given in full somewhere in the text."""
        return bool(cand.roles) or self.known_by_surname(cand) or " " in self.fullest(cand.name)

    def antecedent(self, position: int, pronoun: str, speakers: Sequence[Reference] = ()) -> Reference | None:
        """The name the pronoun at `position` stands for, or None (`they`, `I`, or no name fits).

        `speakers` (sorted by `start`) are names that spoke before, at the mentions their attributions rest on:
        the nearest one of the right kind and gender wins over an older sentence subject.
        """
        word = pronoun.lower()
        lex = lexicon()
        kind = lex.pronouns.get(word) or lex.possessives.get(word)
        if kind not in ("person", "organization"):
            return None
        wanted = lex.pronoun_gender.get(word)

        def fits(name: str) -> bool:
            return wanted is None or kind != "person" or self.gender(name) in (None, wanted)

        speaker = _last_speaker(speakers, position, kind, fits)
        subject = self._subject_before(position, kind, fits, wanted, relative=word == "who")
        if subject is not None and (speaker is None or subject.start > speaker.start):
            return Reference(self.fullest(subject.name), subject.start, subject.end, kind)
        return Reference(self.fullest(speaker.name), speaker.start, speaker.end, kind) if speaker else None

    def described(self, position: int, head: str, description: str = "") -> Reference | None:
        """`the foreign minister` -> the nearest name introduced with that role; `the newspaper` -> the nearest
        outlet; `the ministry` -> the nearest organisation with that word in its name. The capitalised words of the
        `description` that are no title (`the Palestinian president`, `the Guardian newspaper`) must be written in
        the name or right before it (`Palestinian President Yasser Arafat`); a person named otherwise is taken only
        when no one is named so (`the Macedonian president` of `Macedonia's`), an outlet never (it has its name)."""
        qualifiers = _qualifiers(description)
        found = self._described(position, head, qualifiers)
        if found is None and qualifiers and head in lexicon().person_nouns:
            found = self._described(position, head, frozenset())  # `the Macedonian president` of `Macedonia's`
        return found

    def _described(self, position: int, head: str, qualifiers: frozenset[str]) -> Reference | None:
        lex = lexicon()
        for cand in self.before(position):
            if qualifiers and not qualifiers <= self._words_around(cand):
                continue
            if head in lex.person_nouns and cand.kind == "person" and head in cand.roles:
                return Reference(cand.name, cand.start, cand.end, cand.kind)
            outlet = any(w in lex.media_words for w in cand.name.split())
            if head in lex.media_nouns and cand.kind == "organization" and outlet:
                return Reference(cand.name, cand.start, cand.end, cand.kind)
            if head in lex.organization_nouns and cand.kind == "organization" and head in cand.name.lower().split():
                return Reference(cand.name, cand.start, cand.end, cand.kind)
        return None

    def _words_around(self, cand: Name) -> set[str]:
        """The words of a name's mention and canonical form and the few written right before it, lower-cased."""
        before = self.text[max(0, cand.start - 60) : cand.start].split()[-4:]
        words = before + self.text[cand.start : cand.end].split() + cand.name.split()
        return {_bare(w) for w in words}

    def _subject_before(
        self, position: int, kind: str, fits: Callable[[str], bool], wanted: str | None, relative: bool
    ) -> Name | None:
        """Among the nearest names before `position` that fit (trusted ones first, for people), the subject of the
        sentence of the nearest: the first that speaks (`Bolten said`), else the first that is no object (`with
        Zhou`) or possessor (`Zhou's brother`), else the first. A relative pronoun takes the nearest name: `Mike
        Lee, who said`."""
        fitting = []
        for cand in self.before(position):
            if len(fitting) == _CANDIDATES:
                break
            if cand.kind == kind and fits(cand.name):
                fitting.append(cand)
        if not fitting or relative:
            return fitting[0] if fitting else None
        trusted = [c for c in fitting if self.trusted(c)] if kind == "person" else []
        pool = trusted or fitting
        opening = self._sentence_start(pool[0].start)
        in_sentence = [c for c in reversed(pool) if c.start >= opening]  # in text order
        if wanted in lexicon().prefer_known_gender:
            in_sentence = [c for c in in_sentence if self.gender(c.name) == wanted] or in_sentence
        return min(in_sentence, key=self._grammatical_rank)  # the first of the best rank

    def _grammatical_rank(self, cand: Name) -> int:
        """0: the name speaks (`Lavrov said`); 1: a subject; 2: an object (`talks with Lavrov`) or a person's
        possessor inside the sentence (`a card to Zhou's brother`) or of a person (`Pinochet's youngest son, Marco
        Antonio`). A possessor opening the sentence is its topic (`Agassi's withdrawal came`), and an organisation's
        name may end so (`Moody's`)."""
        left = self._left_context(cand)
        if left == "object":
            return 2
        after = self.text[cand.end : cand.end + 24]
        if cand.kind == "person" and after.startswith(("'s", "’s")):
            return 1 if left == "start" and not self._owns_a_person(cand) else 2
        following = _FOLLOWING_WORD.match(after)
        return 0 if following and following.group(1).lower() in sentence_lexicon().speech_verbs else 1

    def _owns_a_person(self, cand: Name) -> bool:
        """`Pinochet's youngest son`, `his wife`: the possessed is a person, the subject the sentence is about."""
        lex = lexicon()
        words = [_bare(w) for w in self.text[cand.end : cand.end + 40].split()[1:4]]
        return any(w in lex.person_nouns or w in lex.gendered_roles for w in words)

    def _left_context(self, cand: Name) -> str:
        """What stands before a name in its sentence, over its titles, roles and at most one other word: `object`
        when a preposition governs it (`to new attorney general Eliakim Rubinstein`, `of Egyptian President Hosni
        Mubarak`; not the `of` of a title: `Secretary of State Rice`, `chief of staff Joshua Bolten`), `start`
        when nothing else does, `clause` otherwise."""
        lex = lexicon()
        tokens = _TOKENS.findall(self.text, max(self._sentence_start(cand.start), cand.start - 80), cand.start)
        unknown = 0
        for k in range(len(tokens) - 1, -1, -1):
            token = tokens[k]
            low = token.lower().rstrip(".")
            if not token[0].isalnum():
                return "clause"  # punctuation opens an apposition or a clause
            if token[0].isupper():
                if low in lex.object_markers or low in lex.clause_openers:
                    return "clause"  # a sentence opening with `In Moscow` or `On Monday`
                continue  # a title, a demonym, an initial
            if low in lex.object_markers:
                owner = tokens[k - 1] if k > 0 else ""
                if not (low == "of" and (owner[:1].isupper() or owner.lower() in lex.person_nouns)):
                    return "object"
            elif low in lex.clause_openers or low in sentence_lexicon().speech_verbs:
                return "clause"
            elif not (low in cand.roles or low in lex.person_nouns or low in lex.determiners):
                unknown += 1
                if unknown > 1:
                    return "clause"
        return "start" if len(tokens) < 12 else "clause"

    def _sentence_start(self, position: int) -> int:
        if self.sentence_starts:
            k = bisect_right(self.sentence_starts, position) - 1
            return self.sentence_starts[k] if k >= 0 else 0
        return max(self.text.rfind(". ", 0, position), self.text.rfind("\n", 0, position)) + 1

    def _reported_gender(self, n: Name) -> str | None:
        """`Rubinstein said he agreed`: the gender of the pronoun a name reports about, right after its verb."""
        pronoun = _said_pronoun(self.text, n.end)
        return lexicon().pronoun_gender.get(pronoun) if pronoun else None

    def _genders(self) -> dict[str, str | None]:
        found: dict[str, set[str]] = {}
        roles = lexicon().gendered_roles
        for n in self.items:
            if n.kind != "person":
                continue
            full = self.fullest(n.name)
            evidence = found.setdefault(full, set())
            evidence.update(roles[r] for r in n.roles if r in roles)
            evidence.update(g for g in (_given_name_gender(full), self._reported_gender(n)) if g)
        return {full: next(iter(genders)) if len(genders) == 1 else None for full, genders in found.items()}


def _name_words(name: str) -> set[str]:
    """The lower-cased words of a name, and the parts of a hyphenated one (`macapagal-arroyo`, `arroyo`)."""
    words = set(name.lower().split())
    return words | {part for word in words if "-" in word for part in word.split("-") if len(part) > 2}


def _bare(word: str) -> str:
    return word.strip(".,;:()\"“”‘’'").removesuffix("’s").removesuffix("'s").lower()


def _qualifiers(description: str) -> frozenset[str]:
    """The capitalised words of a description after its first word that are no title or role noun: `Palestinian` in
    `the Palestinian president`, `Guardian` in `the Guardian newspaper`; none in `the President`."""
    lex = lexicon()
    found = set()
    for word in description.split()[1:]:
        bare = _bare(word)
        if word[:1].isupper() and word.strip(".,").removesuffix("’s").removesuffix("'s") not in lex.title_words:
            if bare not in lex.person_nouns and bare not in lex.organization_nouns:
                found.add(bare)
    return frozenset(found)


def _said_pronoun(text: str, end: int) -> str | None:
    """The pronoun in `X said he ...` right after a name ending at `end`: whom X reports on is X, mostly."""
    m = _SAID_PRONOUN.match(text, end, end + 24)
    if m is None or m.group(1).lower() not in sentence_lexicon().speech_verbs:
        return None
    return m.group(2).lower()


def _given_name_gender(name: str) -> str | None:
    first = name.split()[0] if name.split() else ""
    genders = [gender for gender, names in lexicon().given_names.items() if first in names]
    return genders[0] if len(genders) == 1 else None


def _last_speaker(
    speakers: Sequence[Reference], position: int, kind: str, fits: Callable[[str], bool]
) -> Reference | None:
    """The latest speaker before `position` of this kind that fits (`speakers` sorted by start)."""
    k = bisect_right(speakers, position - 1, key=lambda s: s.start)
    earlier = (speakers[i] for i in range(k - 1, -1, -1))
    return next((s for s in earlier if s.kind == kind and fits(s.name)), None)


# --------------------------------------------------------------------------- #
# A document's table
# --------------------------------------------------------------------------- #

_RECENT_TABLES: dict[int, tuple[Document, int, int, NameTable]] = {}
_RECENT_LIMIT = 32


def names_of(doc: Document) -> NameTable:
    """The document's name table, built once: its mentions (found now for a document annotated without an entity
    layer) outside its quotations, with its sentences."""
    cached = _RECENT_TABLES.get(id(doc))
    if cached and cached[0] is doc and cached[1:3] == (len(doc.mentions), len(doc.quotes)):
        return cached[3]
    mentions = doc.mentions or extract_entities(doc.text)
    quoted = [(q.start, q.end) for q in doc.quotes if q.kind != "scare"]
    table = NameTable.build(doc.text, mentions, quoted, [s.start for s in doc.sentences])
    if len(_RECENT_TABLES) >= _RECENT_LIMIT:
        _RECENT_TABLES.pop(next(iter(_RECENT_TABLES)))
    _RECENT_TABLES[id(doc)] = (doc, len(doc.mentions), len(doc.quotes), table)  # holding `doc` keeps its id unique
    return table


def quoted_speakers(doc: Document, table: NameTable) -> list[Reference]:
    """The speakers the quote layer names (`Lavrov said`, `the foreign minister said` resolved to a name; not `he
    said`, not `a senior official said`) at the mentions their attributions rest on, sorted: the recent-speaker
    signal of the quote resolver read back from the layer, so a pronoun outside quotes resolves as one inside would:
    a speaker resolved from its mention (`Lavrov` -> `Sergei Lavrov`, a description to a name), a name of the text,
    or a mention that looks like a name."""
    lex = lexicon()
    found: dict[int, Reference] = {}
    for quote in doc.quotes:
        if quote.kind == "scare" or not quote.speaker or quote.speaker_start is None or quote.speaker_end is None:
            continue
        mention = doc.text[quote.speaker_start : quote.speaker_end]
        if mention.lower() in lex.pronouns or mention.lower() in lex.possessives:
            continue
        if quote.speaker != mention or quote.speaker in table.kinds or _looks_like_a_name(mention):
            speaker = Reference(quote.speaker, quote.speaker_start, quote.speaker_end, table.kind_of(quote.speaker))
            found.setdefault(quote.speaker_start, speaker)
    return [found[start] for start in sorted(found)]


def _looks_like_a_name(mention: str) -> bool:
    """A speaker mention kept as written that is a name the entity layer missed (`Maliki`), not a description
    (`Officials`, `Clinton's campaign`, `The ministry`)."""
    lex = lexicon()
    words = [_bare(w) for w in mention.split()]
    if not mention[:1].isupper() or not words or words[0] in lex.determiners:
        return False
    nouns = lex.person_nouns | lex.organization_nouns
    return not any(w in nouns or w.removesuffix("s") in nouns for w in words)


# --------------------------------------------------------------------------- #
# Names without an entity layer
# --------------------------------------------------------------------------- #

_NAME_WORD = r"(?:(?:[A-Z]\.)+|[A-Z][\w’'\-]*)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?: +(?:(?:de|da|van|von|der|bin|al|del|di|du|le|la) +)?{_NAME_WORD})*")


def _capitalised_names(text: str, inside: Callable[[int], bool]) -> list[Name]:
    """Runs of capitalised words outside quotations and headlines, titles dropped, typed by their words."""
    lex = lexicon()
    names = []
    in_headline = covered(_headlines(text))
    for m in _NAME_RUN.finditer(text):
        if inside(m.start()) or in_headline(m.start()):
            continue
        words = m.group(0).split()
        while words and words[0].rstrip(".") in lex.not_names:
            words = words[1:]
        cut = next((n for n, w in enumerate(words) if n and w.rstrip(".") in lex.not_names), len(words))
        kept = strip_titles(words[:cut])
        if not kept or len(kept) > 5 or kept[-1].rstrip(".") in lex.title_words and len(kept) == 1:
            continue
        titles = words[: len(words[:cut]) - len(kept)]
        roles = frozenset(w.rstrip(".").lower() for w in titles) | roles_before(text, m.start())
        names.append(Name(m.start(), m.end(), " ".join(kept), name_kind(kept), roles))
    return _confirm_single_names(names)


def _headlines(text: str) -> list[tuple[int, int]]:
    """Spans of title-case lines (headlines): their capitalised words are not names."""
    spans, offset = [], 0
    for line in text.split("\n"):
        words = line.split()
        if len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _confirm_single_names(names: list[Name]) -> list[Name]:
    """A one-word name is a person only if titled or part of a longer person name (`Lavrov` in `Sergei Lavrov`)."""
    person_words = {w for n in names if n.kind == "person" and " " in n.name for w in n.name.split()}
    return [
        Name(n.start, n.end, n.name, "unknown", n.roles)
        if n.kind == "person" and " " not in n.name and not n.roles and n.name not in person_words
        else n
        for n in names
    ]
