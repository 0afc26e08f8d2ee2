"""Named entities: people, organisations and places, with aliases merged within and across documents.

No pretrained NER model can be installed here, so this is a rules-and-gazetteers tagger with a small
trained typer:

1. Spot candidates: runs of capitalised tokens (with name connectors such as `of`, `de`; particles glued to a
   name, `al-Maliki`; names that start with digits, `3M`), minus titles and their portfolios (`Minister of
   State for Foreign Affairs`), nationality adjectives (`North Korean`, `Israeli Haaretz`), sentence-initial
   function words, months and weekdays. All-caps lines (headlines, wire slugs) and picture credits are skipped; in
   title-case headings and at sentence starts, where capitals prove nothing, only names the document
   (or a gazetteer) already vouches for are kept.
2. Type them from cues: alias tables, the preceding title, name-ending words (`University`, `River`),
   gazetteers (GeoNames places, US Census given names and surnames, an English word list), context
   (`in X`, `X said`, a window of words) and the document itself (a surname alone takes the type of the
   full name; every mention of one name gets one type). A logistic regression over these cues, trained on
   freely licensed data by `bench/train_entities.py` and shipped as weights, decides; decisive cues (a
   title, an alias table, a country name, a surname after the full name) overrule it, and so does the kind
   of report: in sports a city where a team stands is the team (`Chelsea beat Liverpool`), in markets a name
   before a price move is a company (`China Mobile dropped 0.29`), and before `party` or `movement` a name is
   an organisation's.
3. Merge aliases: spelling folds (`Choe Son-hui` / `Choe Son Hui`, `Sergei` / `Sergey`), surnames alone,
   official forms (`DPRK` -> `North Korea`).

The knowledge lives in `resources/entities/` as data; this module only applies it.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.model import Document, Entity, Mention, SourceRef
from generator.text import slugify

RESOURCES = Path(__file__).resolve().parent / "resources" / "entities"
PERSON, ORGANIZATION, PLACE = "person", "organization", "place"
MAX_NGRAM = 5  # longest name looked up in a gazetteer or the document's known names
WINDOW = 4  # words either side of a candidate that the typing model sees as a bag of context words

# Acronyms like U.S. / an initial before a name (George F. Kennan) / words with inner hyphens or
# apostrophes / a possessive / any other character. Known abbreviations (Dr., St.) are added in front.
_TOKEN_PATTERN = r"(?:[A-Za-z]\.){2,}|[A-Z]\.(?= ?[A-Z])|\w+(?:[-‐]\w+)*(?:['’](?![sS]\b)\w+)*|['’][sS]\b|\S"
_LINE = re.compile(r"[^\n]+")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_NAME_SUFFIX = re.compile(r"[JS]r\.")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|d)")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_POSSESSIVE = re.compile(r"['’]s$")
_LEADING_THE = re.compile(r"^[Tt]he\s+")
_SENTENCE_END = frozenset(".!?")
_QUOTES = frozenset('"“”')
_OPENERS = frozenset("\"'“‘([«")
_BULLETS = frozenset("-–—•*#>")
_LINE_CLOSERS = frozenset(".,;:\"”'’)")
_CURRENCIES = frozenset("$£€¥")


# --------------------------------------------------------------------------- #
# Resources
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]
    honorifics: frozenset[str]  # titles that are no role (`Mr.`)
    title_words: frozenset[str]
    title_heads: frozenset[str]  # `Minister` after any common word makes a title (`Environment Minister`)
    portfolios: frozenset[str]  # what a title is `for` or `of` (`Foreign Affairs`, `State`, `Trade`)
    organization_nouns: frozenset[str]  # `party` of `the Likud party`: the name before it is an organisation's
    org_words: frozenset[str]
    place_words: frozenset[str]
    other_words: frozenset[str]
    other_heads: frozenset[str]  # `Battle of ...`, `Treaty of ...`: events and laws, not entities
    eponym_heads: frozenset[str]  # `scale` of `the Richter scale`: the name before it names a thing
    place_prepositions: frozenset[str]
    speech_verbs: frozenset[str]
    connectors: frozenset[str]
    name_breakers: frozenset[str]  # weekdays and most months: a name never goes on past them
    name_openers: frozenset[str]  # never entities alone, yet they open names (`New York`)
    credit_cues: frozenset[str]
    credit_names: frozenset[str]
    never: frozenset[str]
    never_acronyms: frozenset[str]  # written in capitals but still no entity: GMT, HIV, CEO
    first_names: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]  # lower-case dictionary words: a capitalised one may be a common word
    places: dict[str, int]  # folded name -> tier (3 country/continent, 2 big city or region, 1 town)
    aliases: dict[str, tuple[str, str]]  # folded form -> (name, type)
    known_types: dict[str, str]
    demonyms: dict[str, str | None]
    demonym_words: frozenset[str]
    title_modifiers: frozenset[str]  # `vice`, `acting`: before a title, they leave it a title
    combining_forms: frozenset[str]  # `sino`, `franco`: nationalities in compounds (`Sino-Japanese`)
    compass_words: frozenset[str]  # `south`, `north`: may open a place name (`South Korea`)
    countries: frozenset[str]  # what the demonyms name (`England` of `English`), countries or not in the gazetteer
    with_article: frozenset[str]
    name_particles: frozenset[str]  # `al` of `al-Maliki`
    particle_name: re.Pattern[str]  # a particle glued to a capitalised name: `al-Maliki`
    digit_units: frozenset[str]  # `G` of `5G`: a number with these letters is no name
    transliterations: tuple[tuple[re.Pattern[str], str], ...] = field(default=())


def _word_list(name: str) -> frozenset[str]:
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))


@functools.cache
def cues() -> dict:
    """The cue words of cues.yaml as written (the name layer reads its person titles too)."""
    return yaml.safe_load((RESOURCES / "cues.yaml").read_text(encoding="utf-8"))


@functools.cache
def lexicon() -> Lexicon:
    cue_data = cues()
    alias_data = yaml.safe_load((RESOURCES / "aliases.yaml").read_text(encoding="utf-8"))
    places_path = RESOURCES / "places.json"
    places = json.loads(places_path.read_text(encoding="utf-8")) if places_path.exists() else {}
    titles = frozenset(fold(t) for t in cue_data["person_titles"])
    particles = "|".join(sorted((re.escape(p) for p in set(cue_data["name_particles"])), key=len, reverse=True))

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in cue_data[key])

    return Lexicon(
        titles=titles,
        honorifics=words("honorifics"),
        title_words=frozenset(w for t in titles for w in t.split()) | titles,  # `Secretary-General` is one token
        title_heads=words("title_heads"),
        portfolios=words("portfolios"),
        organization_nouns=words("organization_nouns"),
        org_words=words("organization_words"),
        place_words=words("place_words"),
        other_words=words("other_words"),
        other_heads=words("other_heads"),
        eponym_heads=words("eponym_heads"),
        place_prepositions=words("place_prepositions"),
        speech_verbs=words("speech_verbs"),
        connectors=frozenset(cue_data["name_connectors"]),
        name_openers=words("name_openers"),
        name_breakers=words("name_breakers"),
        credit_cues=words("credit_cues"),
        credit_names=words("credit_names"),
        never=words("never_entities") | words("combining_forms"),
        never_acronyms=words("never_acronyms"),
        first_names=_word_list("first_names.txt") | _word_list("given_names_world.txt"),
        surnames=_word_list("surnames.txt"),
        english=_word_list("english_words.txt"),
        places=places,
        aliases={fold(k): (v[0], v[1]) for k, v in alias_data["aliases"].items()},
        known_types={fold(k): v for k, v in alias_data["known_types"].items()},
        demonyms={fold(k): v for k, v in alias_data["demonyms"].items()},
        demonym_words=frozenset(w for k in alias_data["demonyms"] for w in fold(k).split()),
        title_modifiers=words("title_modifiers"),
        combining_forms=words("combining_forms"),
        compass_words=words("compass_words"),
        countries=frozenset(fold(v) for v in alias_data["demonyms"].values() if v),
        with_article=frozenset(alias_data["with_article"]),
        name_particles=frozenset(cue_data["name_particles"]),
        particle_name=re.compile(rf"(?:{particles})[-‐][A-Z]\w+(?:[-‐]\w+)*"),
        digit_units=words("digit_units"),
        transliterations=tuple((re.compile(p), r) for p, r in alias_data["transliterations"]),
    )


# --------------------------------------------------------------------------- #
# Folding and canonical keys
# --------------------------------------------------------------------------- #


@functools.lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Lower case, no diacritics, no dots, hyphens and curly quotes made plain, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‐", "-").replace(".", "").lower()
    return " ".join(text.replace("-", " ").split())


def _strip_titles(words: list[str]) -> list[str]:
    lex = lexicon()
    while len(words) > 1:
        for n in range(min(4, len(words) - 1), 0, -1):
            if " ".join(words[:n]) in lex.titles:
                words = words[n:]
                break
        else:
            break
    return words


@functools.lru_cache(maxsize=65536)
def canonical_key(name: str) -> str:
    """Fold a name so that its spellings compare equal: `Choe Son-hui` = `choe son hui`, `DPRK` = `north korea`."""
    lex = lexicon()
    folded = fold(name)
    if folded.endswith(" 's") or folded.endswith("'s"):
        folded = folded[:-2].rstrip(" '")
    words = folded.split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    words = _strip_titles(words)
    folded = " ".join(words)
    if folded in lex.aliases:
        folded = fold(lex.aliases[folded][0])
    return " ".join(_transliterate(w) for w in folded.split())


@functools.lru_cache(maxsize=65536)
def _transliterate(word: str) -> str:
    for pattern, replacement in lexicon().transliterations:
        word = pattern.sub(replacement, word)
    return word


@functools.cache
def _token_regex() -> re.Pattern[str]:
    abbreviations = "|".join(re.escape(a) for a in sorted(cues()["abbreviations"], key=len, reverse=True))
    suffixes = "|".join(re.escape(a) for a in cues()["name_suffixes"])
    # A name's suffix keeps its full stop even at the end of a sentence (`Martin Luther King Jr.`).
    return re.compile(rf"(?<=\w )(?:{suffixes})\.|\b(?:{abbreviations})\.(?= ?\w)|{_TOKEN_PATTERN}")


# --------------------------------------------------------------------------- #
# Tokens and lines
# --------------------------------------------------------------------------- #


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # folded
    cap: bool  # starts with a capital letter
    initial: bool  # first word of a sentence


_FOLDED: dict[str, str] = {}  # token -> fold(token): tokens repeat, and this is the tagger's hottest loop


def _fold_token(word: str) -> str:
    key = _FOLDED.get(word)
    if key is None:
        if len(_FOLDED) > 500_000:
            _FOLDED.clear()
        key = _FOLDED[word] = fold(word)
    return key


def _tokens(text: str, offset: int) -> list[Token]:
    matches = _word_matches(text)
    words = [m.group() for m in matches]
    return [_token(matches, words, i, offset) for i in range(len(words))]


@dataclass(frozen=True)
class _Piece:
    """A word found in a line, like the `re.Match` of the token pattern (a compound's parts are pieces)."""

    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def group(self) -> str:
        return self.text


def _word_matches(line: str) -> list[re.Match[str] | _Piece]:
    """The words of a line; compounds of places and nationalities split at their hyphens."""
    matches: list[re.Match[str] | _Piece] = []
    for m in _token_regex().finditer(line):
        matches.extend(_compound_parts(m) if "-" in m.group() else [m])
    return matches


def _compound_parts(m: re.Match[str]) -> list[re.Match[str] | _Piece]:
    """`India-Pakistan`, `US-South Korea`, `Israeli-Palestinian`, `Sino-Japanese`: countries and nationalities
    joined into an adjective are split at the hyphen, so each country is a mention of its own and no compound is
    one. A place known whole (`Guinea-Bissau`) stays whole."""
    parts = m.group().split("-")
    keys = [_fold_token(p) for p in parts]
    if len(parts) < 2 or _gazetteer_type(_fold_token(m.group())):
        return [m]
    if not all(_compound_part(key) for key in keys) or all(key in lexicon().compass_words for key in keys):
        return [m]  # `North-South` is no compound of places
    pieces: list[re.Match[str] | _Piece] = []
    start = m.start()
    for n, part in enumerate(parts):
        if n:
            pieces.append(_Piece(start, start + 1, "-"))
            start += 1
        pieces.append(_Piece(start, start + len(part), part))
        start += len(part)
    return pieces


def _compound_part(key: str) -> bool:
    """A country, a nationality, or a word that opens a country's name the next word ends (`US-South` `Korea`).
    Not any place: `Saxony-Anhalt` and `Urbana-Champaign` are one place each."""
    lex = lexicon()
    known = key in lex.combining_forms or key in lex.demonyms or key in lex.compass_words or key in lex.countries
    return known or (key in lex.aliases and fold(lex.aliases[key][0]) in lex.countries)


def _token(matches: list[re.Match[str] | _Piece], words: list[str], i: int, offset: int) -> Token:
    word = words[i]
    start, end = matches[i].span()
    if _modifier(word):  # `Tokyo-based`: the token is the name part
        word = _name_part(word)
        end = start + len(word)
    return Token(start + offset, end + offset, word, _fold_token(word), word[0].isupper(), _initial(words, i))


def _is_all_caps(line: str) -> bool:
    return line.upper() == line and sum(c.isalpha() for c in line) >= 4


def _is_heading(words: list[str]) -> bool:
    """A title-case line (`Key Statements and Developments`): capitals there are not evidence."""
    if not words or words[-1] in _LINE_CLOSERS:
        return False
    alpha = [w for w in words if w[0].isalpha()]
    if len(alpha) > 14:
        return False
    long_words = [w for w in alpha if len(w) >= 4 and w not in lexicon().connectors]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)


# --------------------------------------------------------------------------- #
# Candidates
# --------------------------------------------------------------------------- #


@dataclass
class Candidate:
    tokens: list[Token]
    title: list[Token] = field(default_factory=list)  # role words stripped before the name
    demonym: str | None = None  # country of a nationality adjective before the title
    weak: bool = False  # capitals prove nothing here (sentence start): needs other evidence
    context: tuple[str, str, str, str] = ("", "", "", "")  # two folded words before (any title), two after
    window: tuple[str, ...] = ()  # lower-case words within WINDOW tokens either side
    rule: str | None = None  # the type the hand-written cues give
    common: bool = False  # a single word the document also writes in lower case (`Rice`, `Video`)
    team_cue: bool = False  # in a sports report, stands where a team does (`beat X`, `the X players`)
    market_cue: bool = False  # before a price move (`X rose 2.1`, `X shares fell`): a listed company
    org_cue: bool = False  # before a common noun for an organisation (`the Likud party`, `the Fatah movement`)
    type: str | None = None

    @property
    def prev(self) -> str:
        return self.context[1]

    @property
    def next(self) -> str:
        return self.context[2]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @functools.cached_property
    def key(self) -> str:
        return " ".join(t.key for t in self.tokens)


def _name_word(word: str) -> bool:
    first = word[0]
    if first.isupper() and first.isalpha():
        return "-" not in word or len(_name_part(word)) >= 2
    if first.isdigit():
        return _digit_name(word)
    if not first.islower() or ("-" not in word and "‐" not in word):
        return False  # most words: no particle glued by a hyphen
    return bool(lexicon().particle_name.fullmatch(word))


_DIGIT_NAME = re.compile(r"\d+-?([A-Z][A-Za-z]*)")


@functools.lru_cache(maxsize=16384)
def _digit_name(word: str) -> bool:
    """A name that starts with digits (`3M`, `3Com`, `7-Eleven`), not a unit or version (`5G`, `4K`, `10AM`)."""
    match = _DIGIT_NAME.fullmatch(word)
    return bool(match) and fold(match.group(1)) not in lexicon().digit_units


def _particle_free(key: str) -> str:
    """`al maliki` -> `maliki`: the name a particle is glued to, as it is written alone."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in lexicon().name_particles else key


def _modifier(word: str) -> bool:
    """A name turned adjective by hyphenated English words (`Kremlin-backed`): the name ends in it."""
    return "-" in word and _name_part(word) != word


@functools.lru_cache(maxsize=16384)
def _name_part(word: str) -> str:
    """The name in a hyphenated modifier: `Kremlin-backed` -> `Kremlin`, `Nineteen-year-old` -> `Nineteen`."""
    english = lexicon().english
    while "-" in word:
        head, tail = word.rsplit("-", 1)
        if len(tail) < 3 or not tail.islower() or tail not in english:
            break
        word = head
    return word


def _initial(words: list[str], i: int) -> bool:
    """Whether words[i] starts a sentence (only quotes, brackets and bullets since the last full stop)."""
    k = i - 1
    while k >= 0 and (words[k] in _OPENERS or words[k] in _BULLETS):
        k -= 1
    return k < 0 or words[k] in _SENTENCE_END or words[k] == ":"


def _connector_length(words: list[str], j: int) -> int:
    """1 or 2 if words[j:] is one or two name connectors followed by a capitalised word, else 0."""
    lex = lexicon()
    for n in (1, 2):
        if j + n >= len(words) or words[j + n - 1] not in lex.connectors:
            return 0
        after = words[j + n]
        if _name_word(after) and _fold_token(after) not in lex.never and (n == 2 or words[j] != "the"):
            return n  # `the` only after another connector: `Army of the Potomac`, not `Bhonsale the Great`
    return 0


def _known_before_connector(words: list[str], i: int, j: int, link: int) -> bool:
    """Whether words[i:j] is a known name that the connector does not extend (`the West Bank of ...`, but
    `United States of America`)."""
    left = " ".join(_fold_token(w) for w in words[i:j])
    if _place_tier(left) < 2 and left not in lexicon().known_types and left not in lexicon().aliases:
        return False
    extended = " ".join(_fold_token(w) for w in words[i : j + link + 1])
    return _gazetteer_type(extended) is None


def _coordinated_in_name(words: list[str], i: int, j: int) -> bool:
    """`and` + capitalised common words that continue the organisation name in the run words[i:j]."""
    if words[j] != "and" or j + 1 >= len(words) or not _name_word(words[j + 1]):
        return False
    lex = lexicon()
    after = _fold_token(words[j + 1])
    if after not in lex.english or _gazetteer_type(after) or after in lex.never:
        return False
    if any(words[k] in ("of", "for") and _fold_token(words[k - 1]) in lex.org_words for k in range(i + 1, j - 1)):
        return True
    # `Xuangang Coal and Electricity Company`: common words either side, an organisation word closes the name;
    # not `Congress and United Front`, two names.
    before = _fold_token(words[j - 1])
    if j - i < 2 or before not in lex.english or before in lex.org_words or _gazetteer_type(before):
        return False
    for k in range(j + 1, min(j + 4, len(words))):
        key = _fold_token(words[k])
        if not _name_word(words[k]) or key not in lex.english:
            return False
        if key in lex.org_words:
            return k + 1 == len(words) or not _name_word(words[k + 1])
    return False


def _nickname_at(words: list[str], j: int) -> bool:
    """A quoted nickname between given name and surname: `Douglas "Pete" Peterson`."""
    if j + 3 >= len(words) or words[j] not in _QUOTES or words[j + 2] not in _QUOTES:
        return False
    return _name_word(words[j + 1]) and _name_word(words[j + 3]) and words[j + 3][0].isupper()


def _possessive_inside_name(words: list[str], j: int) -> bool:
    lex = lexicon()
    if words[j] not in ("'s", "’s") or j + 1 >= len(words) or not _name_word(words[j + 1]):
        return False
    owner, head = _fold_token(words[j - 1]), _fold_token(words[j + 1])
    if head not in lex.org_words and head not in lex.place_words and not _common_owner_of_name(words, j):
        return False
    return _gazetteer_type(owner) is None and owner not in lex.demonyms


def _common_owner_of_name(words: list[str], j: int) -> bool:
    """`People's Liberation Army`, `Lord's Resistance Army`: a common word owns capitalised words that an
    organisation word closes (not a person's: `Trump's Justice Department`)."""
    lex = lexicon()
    owner = _fold_token(words[j - 1])
    person = owner in lex.surnames or owner in lex.first_names
    if owner not in lex.english or (person and owner not in lex.titles):  # `Lord` is a surname too
        return False
    if owner in lex.org_words or owner in lex.place_words:
        return False  # `The Brooklyn Institute's Biological Laboratory`: two organisations
    for k in range(j + 1, min(j + 4, len(words))):
        if not _name_word(words[k]):
            return False
        if _fold_token(words[k]) in lex.org_words:
            return True
    return False


def _runs(words: list[str]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised words, joined by name connectors (`of`, `de`, `&`)."""
    lex = lexicon()
    runs: list[tuple[int, int]] = []
    n, end = len(words), 0
    for i in [k for k, w in enumerate(words) if _name_word(w)]:
        if i < end or (i and words[i][0].isdigit() and words[i - 1] in _CURRENCIES):
            continue  # `$3M` is money
        j = i + 1
        while j < n and not _NAME_SUFFIX.fullmatch(words[j - 1]) and not _modifier(words[j - 1]):  # `Jr.`
            if _name_word(words[j]) and not _initial(words, j):
                j += 1
            elif (
                (link := _connector_length(words, j))
                and not (words[j] == "&" and _fold_token(words[j + 1]) in lex.first_names)
                and not _known_before_connector(words, i, j, link)
            ):
                j += link + 1  # `University of Michigan`, `Army of the Potomac`; not `Langdon & Harvey Deegan`
            elif _possessive_inside_name(words, j):
                j += 2  # `People's Assembly`, `Queen's University`; not `Russia's Foreign Minister`
            elif _nickname_at(words, j):
                j += 4
            elif _coordinated_in_name(words, i, j):
                j += 2  # `Department of Health and Human Services`; not `Ministry of Defence and NATO`
            else:
                break
        runs.append((i, j))
        end = j
    return runs


def _split_run(run: list[Token], i: int) -> list[tuple[Candidate, int, int, int]]:
    """Strip leading function words, demonyms and titles; split where a title sits inside the run.

    Yields each candidate with the line indexes of its lead (first title or demonym word), first and last token.
    """
    lex = lexicon()
    if run[-1].key in lex.other_words or _demonym_key(" ".join(t.key for t in run)):
        return []  # `Korean War`, `Partnership Treaty`, `North Koreans`: no one named
    if _group_of_people(run):  # `Bosnian Serbs`, `Iraqi Shiites`: no one named; `Kosovo Albanians`: only Kosovo
        places = [k for k, t in enumerate(run[:-1]) if t.key not in lex.demonyms and _gazetteer_type(t.key) == PLACE]
        return [(Candidate(run[k : k + 1]), i + k, i + k, i + k) for k in places]
    if _role_only(run):  # `Russian Ambassador`: no one named; `the UN Secretary-General`: only the UN
        k = int(run[0].key == "the")
        owner = len(run) > k + 1 and not _demonym_at(run, k) and _names_an_owner(run[k])
        return [(Candidate(run[k : k + 1]), i + k, i + k, i + k)] if owner else []
    out: list[tuple[Candidate, int, int, int]] = []
    demonym: str | None = None
    title: list[Token] = []
    k = lead = 0
    while k < len(run):
        tok = run[k]
        title_len = _title_at(run, k)
        demonym_len = _demonym_at(run, k)
        if not title and demonym is None:
            lead = k
        if title_len:
            end = _portfolio_end(run, k + title_len)
            title = run[k:end]
            k = end
        elif demonym_len:
            demonym = lex.demonyms[" ".join(t.key for t in run[k : k + demonym_len])] or ""
            k += demonym_len
        elif k == 0 and tok.key == "the" and not tok.initial and len(run) > 1 and not _title_at(run, 1):
            end = k + 1  # a capital `The` inside a sentence belongs to the name: `The Hockey News`
            while end < len(run) and not _title_at(run, end):
                end += 1
            out.append((Candidate(run[k:end]), i, i, i + end - 1))
            k = end
        elif (_never(tok) and not _opens_name(run, k)) or tok.text in lex.connectors or _sentence_opener(run, k):
            k += 1
            demonym, title = None, []
        else:
            end = k + 1
            while end < len(run) and not _title_at(run, end) and run[end].key not in lex.name_breakers:
                end += 1
            while end > k + 1 and run[end - 1].text in lex.connectors:
                end -= 1
            if (person := _person_after_name(run, k, end)) and not title:
                out.append((Candidate(run[k:person], demonym=demonym), i + lead, i + k, i + person - 1))
                demonym, lead, k = None, person, person
                continue  # `Ambassador to China Sergey Razov`, `European Commission Jose Manuel Barroso`
            cut = _person_of_cut(run, k, end, bool(title))
            if cut:  # `President Chavez of Venezuela`, `John McLaughlin of the Mahavishnu Orchestra`
                out.append((Candidate(run[k:cut], title=title, demonym=demonym), i + lead, i + k, i + cut - 1))
                rest = cut + 1 + (run[cut + 1].key == "the")
                out.append((Candidate(run[rest:end]), i + cut, i + rest, i + end - 1))
                demonym, title = None, []
                k = end
                continue
            out.append((Candidate(run[k:end], title=title, demonym=demonym), i + lead, i + k, i + end - 1))
            demonym, title = None, []
            k = end
    return out


def _portfolio_end(run: list[Token], j: int) -> int:
    """End of the portfolio that continues a title at run[j] (`Minister` + `of State for Foreign Affairs`,
    `Undersecretary of State` + `for Political Affairs`), or j."""
    lex = lexicon()
    while j < len(run) and run[j].key in ("for", "of"):
        k = j + 1 + (j + 1 < len(run) and run[j + 1].key == "the")
        head = next((n for n in range(k, min(k + 3, len(run))) if run[n].key in lex.portfolios), None)
        if head is None or (head + 1 < len(run) and run[head + 1].key in lex.org_words):
            break  # `President of the Security Council`: an organisation, no portfolio
        j = head + 1
    return j


def _role_only(run: list[Token]) -> bool:
    """A title with no name after it, perhaps after a nationality (`Russian Ambassador`, `Iraqi Health Minister`)."""
    lex = lexicon()
    if run[-1].key not in lex.title_words and run[-1].key not in lex.title_heads:
        return False
    if run[0].key == "the" and len(run) > 1:
        run = run[1:]
    n = next((n for n in (2, 1) if len(run) > n and " ".join(t.key for t in run[:n]) in lex.demonyms), 0)
    if not n and len(run) > 1 and _names_an_owner(run[0]):
        n = 1  # `UN Secretary-General`, `US Ambassador`, `Kenya Police Chief`
    rest = run[n:]
    while len(rest) > 1 and rest[0].key in lex.title_modifiers:
        rest = rest[1:]  # `Chinese Vice Premier`, `Acting President`
    if " ".join(t.key for t in rest) in lex.titles:
        return True
    return 1 < len(rest) <= 4 and rest[-1].key in lex.title_heads and all(t.key in lex.english for t in rest[:-1])


def _group_of_people(run: list[Token]) -> bool:
    """A nationality or faith in the plural after others or a place: `Bosnian Serbs`, `Sunni Arabs`, `Kosovo
    Albanians`. A group of people, not a name."""
    lex = lexicon()
    last, before = run[-1].key, [t for t in run[:-1] if t.key != "the"]
    if not before or not (last.endswith("s") and _demonym_key(last) and last not in lex.demonyms):
        return False
    return all(t.key in lex.demonym_words or _gazetteer_type(t.key) == PLACE for t in before)


def _names_an_owner(tok: Token) -> bool:
    """A word that may stand for whom a title serves: an acronym (`UN`, `EU`) or a place in the gazetteer."""
    return (tok.text.isupper() and 1 < len(tok.text) <= 5) or _gazetteer_type(tok.key) == PLACE


def _opens_name(run: list[Token], k: int) -> bool:
    """`New` before another capitalised word starts the name (`New York`, `New Zealand Herald`)."""
    return run[k].key in lexicon().name_openers and k + 1 < len(run) and run[k + 1].cap


def _sentence_opener(run: list[Token], k: int) -> bool:
    """A capitalised common word that only starts the sentence before a full name (`Senior Kory Smith`), before
    `of` (`Residents of Kyiv`; not `Bank of ...`, `Isle of ...`, `Battle of ...`), before a nationality (`Five
    Israeli soldiers`), or a verb form (`Excluding South Africa`)."""
    lex = lexicon()
    tok = run[k]
    if k or not tok.initial or len(run) < 2 or tok.key not in lex.english:
        return False
    if tok.key in lex.first_names or tok.key in lex.surnames or tok.key in lex.places:
        return False
    if " ".join(t.key for t in run[1:]) in lex.demonyms or _verb_form(tok.key):
        return True
    if len(run) < 3:
        return False
    if run[1].key == "of":
        cue_words = (lex.org_words, lex.place_words, lex.other_heads, lex.title_words)
        return not any(tok.key in words for words in cue_words)
    return run[1].key in lex.first_names


def _verb_form(key: str) -> bool:
    """`Excluding`, `Attacked`: a participle opening a sentence, not a name word (`United`, `Reading` are kept)."""
    lex = lexicon()
    if not key.endswith(("ing", "ed")) or len(key) < 6:
        return False
    return not any(key in words for words in (lex.org_words, lex.place_words, lex.title_words, lex.other_words))


def _person_after_name(run: list[Token], k: int, end: int) -> int | None:
    """Index of a given name that starts a person's full name right after a known place or organisation, or None."""
    lex = lexicon()
    for m in range(k + 1, end - 1):
        if run[m].key not in lex.first_names:
            continue
        prefix = " ".join(t.key for t in run[k:m])
        known = _place_tier(prefix) >= 2 or prefix in lex.known_types or prefix in lex.aliases
        given = prefix in lex.first_names and not (k and run[k - 1].key in lex.connectors)
        if not (known or run[m - 1].key in lex.org_words) or _place_tier(run[m].key) or given:
            return None  # not `Chad Edward Gaudin`, but `President of France Jacques Chirac`
        tail = run[m + 1 : end]
        if tail[0].key in lex.english or any(t.key in lex.org_words or t.key in lex.place_words for t in tail):
            return None
        return m
    return None


def _name_of_country(run: list[Token], k: int, end: int) -> bool:
    """`Takami Igarashi of Japan`, `Steny Hoyer of Maryland`: words no list knows, `of` and a place."""
    if end - k != 4 or run[k + 2].key != "of" or not _place_tier(run[k + 3].key):
        return False
    return not any(_known_word(t.key) for t in run[k : k + 2])


def _known_word(key: str) -> bool:
    """A word some list gives a meaning other than a person's name."""
    lex = lexicon()
    return key in lex.english or key in lex.org_words or key in lex.place_words or bool(_gazetteer_type(key))


def _person_of_cut(run: list[Token], k: int, end: int, titled: bool) -> int | None:
    """Index of an `of` that ends a person's name and starts where they are from, or None."""
    lex = lexicon()
    if not titled and run[k].key not in lex.first_names and not _name_of_country(run, k, end):
        return None
    for cut in range(k + 1, end - 1):
        if run[cut].key == "of":
            before = run[k:cut]
            if any(t.key in lex.org_words or t.key in lex.place_words for t in before):
                return None
            return cut if run[end - 1].text[0].isupper() and (titled or len(before) >= 2) else None
    return None


def _demonym_key(key: str) -> bool:
    lex = lexicon()
    plural = key.endswith("s") and key[:-1] in lex.demonyms and _gazetteer_type(key) is None  # not `Philippines`
    return key in lex.demonyms or plural


def _demonym_at(run: list[Token], k: int) -> int:
    """Length of a nationality adjective at run[k] that qualifies a title or a given name after it."""
    lex = lexicon()
    if run[k].key not in lex.demonym_words:
        return 0
    for n in (2, 1):
        if k + n < len(run) and " ".join(t.key for t in run[k : k + n]) in lex.demonyms:
            following = run[k + n]
            if _title_at(run, k + n) or following.key in lex.demonyms or following.key in lex.first_names:
                return n
            return 0
    return 0


def _title_at(run: list[Token], k: int) -> int:
    """Length of the longest title starting at run[k] that is followed by more of the name."""
    lex = lexicon()
    if run[k].key not in lex.title_words:
        return _headed_title_at(run, k)
    for n in range(min(4, len(run) - k - 1), 0, -1):
        if " ".join(t.key for t in run[k : k + n]) in lex.titles and not _NAME_SUFFIX.fullmatch(run[k + n].text):
            if (k + n == len(run) - 1 and run[-1].key in lex.org_words) or run[k + n].key == "'s":
                return 0  # `General Motors`, `Lord's Resistance Army`: the title word opens an organisation's name
            return n  # not before a mere suffix: `Martin Luther King Jr.`
    return 0


def _headed_title_at(run: list[Token], k: int) -> int:
    """Length of common words and a title head at run[k] before more of the name (`External Affairs Minister`)."""
    lex = lexicon()
    for m in range(1, 4):
        if k + m + 1 >= len(run) or run[k + m - 1].key not in lex.english:
            return 0
        if run[k + m].key in lex.title_heads:
            return m + 1
    return 0


def _never(tok: Token) -> bool:
    """Function words, months, weekdays...: never an entity (`US` in capitals is, `us` is not)."""
    lex = lexicon()
    return tok.key in lex.never_acronyms or (tok.key in lex.never and not _acronym(tok))


def _never_word(word: str) -> bool:
    lex = lexicon()
    key = _fold_token(word)
    return key in lex.never_acronyms or (key in lex.never and not word.isupper())


def _acronym(tok: Token) -> bool:
    return _acronym_word(tok.text)


def _initials(tok: Token) -> bool:
    """`H.D.` or `J.` before a surname (`U.S.` and other known abbreviations are no initials)."""
    return bool(_INITIALS.fullmatch(tok.text)) and _gazetteer_type(tok.key) is None


def _acronym_word(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _candidates(text: str) -> tuple[list[Candidate], list[list[Token]]]:
    """Candidates from ordinary lines, and the token lists of heading lines to be searched for known names."""
    lex = lexicon()
    found: list[Candidate] = []
    headings: list[list[Token]] = []
    lower_words = set(_LOWER_WORD.findall(text))
    sports = _sports_document(lower_words)
    for line in _LINE.finditer(text):
        if _is_all_caps(line.group()):
            continue
        matches = _word_matches(line.group())
        words = [m.group() for m in matches]
        if _is_heading(words):
            headings.append(_tokens(line.group(), line.start()))
            continue
        runs = _runs(words)
        if not runs:
            continue
        credit_from = _credit_start(words)
        padded = [""] * WINDOW + words + [""] * WINDOW
        for i, j in runs:
            if i and _ORDINAL.fullmatch(words[i - 1]) and _fold_token(words[j - 1]) in lex.org_words:
                i -= 1  # `82nd Airborne Division`
            if i >= credit_from or (j == i + 1 and _never_word(words[i])):
                continue  # most one-word runs are a capitalised `The` or `In` starting a sentence
            run = [_token(matches, words, k, line.start()) for k in range(i, j)]
            for cand, lead, first, last in _split_run(run, i):
                if first == i and i > 0 and _fold_token(words[i - 1]) in lex.titles:
                    cand.title = [_token(matches, words, i - 1, line.start())]  # `spokesman Shen Guofang`
                    lead = i - 1
                cand.weak = cand.tokens[0].initial and len(cand.tokens) == 1 and not cand.title
                if cand.key in lex.credit_names or cand.tokens[0].key in lex.credit_names or _demonym_key(cand.key):
                    continue
                before = [w and _fold_token(w) for w in padded[lead : lead + WINDOW]]
                after = [w and _fold_token(w) for w in padded[last + 1 + WINDOW : last + 1 + 2 * WINDOW]]
                cand.context = (before[-2], before[-1], after[0], after[1])
                cand.window = tuple(w for w in before + after if w)
                cand.team_cue = sports and _team_context(cand.context)
                cand.market_cue = _market_context(cand.context)
                cand.org_cue = cand.context[2] in lex.organization_nouns
                found.append(cand)
    _trim_demonyms(found)
    for cand in found:
        cand.common = len(cand.tokens) == 1 and cand.tokens[0].key in lower_words
    return found, headings


def _trim_demonyms(found: list[Candidate]) -> None:
    """`Israeli Haaretz`, `Lebanese Hezbollah`, `Slovak Dominik Hrbaty`: a nationality adjective glued to a name
    the document (or an alias table) also gives without it is no part of that name."""
    lex = lexicon()
    alone = {c.key for c in found}
    for cand in found:
        toks = cand.tokens
        if toks[0].key not in lex.demonym_words:
            continue
        n = next((n for n in (2, 1) if len(toks) > n and lex.demonyms.get(" ".join(t.key for t in toks[:n]))), 0)
        if not n or _gazetteer_type(cand.key):  # a nationality only: `Southern Africa`, `Western Europe` stay
            continue
        rest = toks[n:]
        key = " ".join(t.key for t in rest)
        last = rest[-1].key  # `Hrbaty` alone elsewhere vouches for `Dominik Hrbaty`
        curated = key in lex.known_types or key in lex.aliases
        proper = not any(t.key in lex.english or t.key in lex.org_words or t.key in lex.place_words for t in rest)
        party = cand.org_cue and last not in lex.org_words  # `the Israeli Labour party`
        if curated or party or (proper and (key in alone or (len(rest) > 1 and last in alone))):
            cand.context = (cand.context[1], toks[n - 1].key, *cand.context[2:])
            cand.tokens = rest
            cand.__dict__.pop("key", None)  # the cached key was the longer name's


@dataclass(frozen=True)
class SportsCues:
    document_words: frozenset[str]
    result_verbs: frozenset[str]
    result_nouns: frozenset[str]
    result_prepositions: frozenset[str]
    team_words: frozenset[str]
    team_titles: frozenset[str]


@functools.cache
def sports_cues() -> SportsCues:
    return SportsCues(**_folded_cue_section("sports"))


def _folded_cue_section(section: str) -> dict[str, frozenset[str]]:
    """One section of cues.yaml, each of its word lists folded as tokens are."""
    return {key: frozenset(fold(w) for w in words) for key, words in cues()[section].items()}


_SCORE = re.compile(r"\d{1,3} \d{1,3}")  # `63-7` once folded


@dataclass(frozen=True)
class MarketCues:
    move_words: frozenset[str]
    share_words: frozenset[str]


@functools.cache
def market_cues() -> MarketCues:
    return MarketCues(**_folded_cue_section("markets"))


def _market_context(context: tuple[str, str, str, str]) -> bool:
    """`China Mobile dropped 0.29`, `Cheung Kong up 2.07`, `Lloyds TSB shares rose`."""
    cues = market_cues()
    nxt, next2 = context[2], context[3]
    if nxt in cues.move_words:
        return next2[:1].isdigit()
    return nxt in cues.share_words and next2 in cues.move_words


def _sports_document(lower_words: set[str]) -> bool:
    return len(sports_cues().document_words & lower_words) >= 2


def _team_context(context: tuple[str, str, str, str]) -> bool:
    """`Chelsea beat`, `beat Liverpool`, `at home to Falkirk`, `the Falkirk players`, `Tulsa 63-7`, `leaders Hull`."""
    cues = sports_cues()
    prev2, prev, nxt, next2 = context
    if nxt in cues.result_verbs or prev in cues.result_verbs or nxt in cues.team_words or _SCORE.fullmatch(nxt):
        return True
    if prev in cues.team_titles:
        return True
    if prev in cues.result_prepositions and prev2 in cues.result_nouns:
        return True
    return nxt in ("'s", "s") and next2 in cues.team_words


def _credit_start(words: list[str]) -> int:
    """Index from which the line is a picture credit (`(Image: Getty)`), or past the end."""
    lex = lexicon()
    if ":" not in words:
        return len(words) + 1
    for i in range(1, len(words)):
        if words[i] == ":" and _fold_token(words[i - 1]) in lex.credit_cues:
            return i - 1
    return len(words) + 1


# --------------------------------------------------------------------------- #
# Typing
# --------------------------------------------------------------------------- #


def _gazetteer_type(key: str) -> str | None:
    lex = lexicon()
    if key in lex.aliases:
        return lex.aliases[key][1]
    if key in lex.known_types:
        return lex.known_types[key]
    if key in lex.places:
        return PLACE
    return None


def _rule_type(cand: Candidate) -> str | None:
    """The type the cues give, or None when the span is not a person, organisation or place."""
    lex = lexicon()
    key, toks = cand.key, cand.tokens
    last, first = toks[-1].key, toks[0].key
    if key in lex.demonyms or (_never(toks[0]) if len(toks) == 1 else key in lex.never):
        return None
    if len(toks) > 1 and last in lex.other_words:
        return None
    if len(toks) == 1 and _lone_cue_word(toks[0]):
        return None  # `the Institute`, `the Parties`: a name given in full before
    if cand.title and not _acronym(toks[0]) and last not in lex.org_words and last not in lex.place_words:
        return PERSON
    if toks[0].text[0].isdigit():
        return ORGANIZATION  # `3M`, `7-Eleven`, `82nd Airborne Division`: people and places are not numbered
    typ = _gazetteer_type(key)
    if typ:
        return typ
    if len(toks) > 1 and (last in lex.org_words or first in lex.org_words and first != "city"):
        return ORGANIZATION
    if len(toks) > 1 and last in lex.place_words:
        return PLACE
    if len(toks) > 1 and (first in lex.first_names or _initials(toks[0])) and last not in lex.places:
        return PERSON
    if len(toks) == 1 and _acronym(toks[0]):
        return ORGANIZATION
    if cand.next in lex.speech_verbs:
        return PERSON
    if cand.prev in lex.place_prepositions and key in lex.places:
        return PLACE
    if len(toks) == 1 and first in lex.surnames:
        return PERSON
    if 2 <= len(toks) <= 3 and all(t.text.isalpha() or "-" in t.text for t in toks):
        return PERSON
    if cand.prev in lex.place_prepositions:
        return PLACE
    return ORGANIZATION


def _lone_cue_word(tok: Token) -> bool:
    """An organisation, place, event word or title alone (`Institute`, `Treaty`, `Secretary-General`), no surname."""
    lex = lexicon()
    key = tok.key
    if _acronym(tok) or key in lex.surnames or key in lex.aliases or key in lex.known_types or _place_tier(key) >= 2:
        return False  # a town called `Police` is no reason to keep the word
    singular = key[:-3] + "y" if key.endswith("ies") else key[:-1] if key.endswith("s") else key
    cue_words = (lex.org_words, lex.place_words, lex.other_words, lex.other_heads, lex.titles)
    return any(k in words for k in (key, singular) for words in cue_words)


def _known_names(cands: list[Candidate]) -> dict[str, str]:
    """Typed names the document vouches for: the parts of people's full names, then every typed span."""
    lex = lexicon()
    known: dict[str, str] = {}
    for cand in cands:
        if cand.rule == PERSON and len(cand.tokens) > 1:
            for tok in cand.tokens:
                if tok.key not in lex.connectors and _place_tier(tok.key) < 2:
                    known.setdefault(_particle_free(tok.key), PERSON)
    for cand in cands:
        if cand.rule and (cand.title or len(cand.tokens) > 1 or cand.key in lex.aliases or _acronym(cand.tokens[0])):
            known.setdefault(cand.key, cand.rule)
    for cand in cands:
        if cand.rule:
            known.setdefault(cand.key, cand.rule)
    return known


def _heading_candidates(headings: list[list[Token]], known: dict[str, str]) -> list[Candidate]:
    """In title-case lines, keep only the longest spans that are known names or gazetteer entries."""
    found: list[Candidate] = []
    for tokens in headings:
        i = 0
        while i < len(tokens):
            match = 0
            if tokens[i].cap:
                for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
                    key = " ".join(t.key for t in tokens[i : i + n])
                    if tokens[i + n - 1].cap and (key in known or _gazetteer_type(key)):
                        found.append(Candidate(tokens[i : i + n], type=known.get(key) or _gazetteer_type(key)))
                        match = n
                        break
            i += match or 1
    return found


@dataclass
class DocumentNames:
    """What the whole document says about names, for typing each mention."""

    known: dict[str, str]  # name -> type the rules give where the name carries its own evidence
    parts: dict[str, str]  # word of a longer name -> that name's rule type
    acronyms: dict[str, str]  # initials of a longer name (`KCNA`) -> that name's rule type
    counts: Counter[str] = field(default_factory=Counter)  # mentions of each name


def _document_names(cands: list[Candidate]) -> DocumentNames:
    known = _rule_typed(cands)
    lex = lexicon()
    parts: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    for cand in cands:
        toks = cand.tokens
        if cand.rule and len(toks) > 1:
            for tok in toks:
                if tok.key not in lex.connectors:
                    parts.setdefault(_particle_free(tok.key), cand.rule)
            initials = "".join(t.text[0] for t in toks if t.text not in lex.connectors)
            acronyms.setdefault(initials.lower(), cand.rule)
    return DocumentNames(known, parts, acronyms, Counter(c.key for c in cands))


def _rule_typed(cands: list[Candidate]) -> dict[str, str]:
    """Set each candidate's rule type; returns the typed names the document vouches for."""
    strong = [c for c in cands if not c.weak]
    # First the spans that carry their own evidence, then those that lean on the document.
    for cand in strong:
        cand.rule = _rule_type(cand)
    known = _known_names(strong)
    for cand in strong:  # a bare surname typed by the full name seen elsewhere in the document
        if cand.rule and len(cand.tokens) == 1 and not cand.title and known.get(_particle_free(cand.key)) == PERSON:
            if _place_tier(cand.key) < 3 and _gazetteer_type(cand.key) in (None, PLACE):
                cand.rule = PERSON
    for cand in cands:
        if cand.weak:
            cand.rule = _weak_type(cand, known)
    return known


def _type_candidates(cands: list[Candidate], headings: list[list[Token]]) -> list[Candidate]:
    names = _document_names(cands)
    known = names.known
    weights = model()
    settled: set[str] = set()
    if weights:
        settled = _classify_by_name(weights, cands, names)
    else:
        for cand in cands:
            cand.type = cand.rule
    people = _named_people(cands)
    _type_teams(cands, people)
    _type_companies(cands, people)
    _type_nicknames(cands, settled)
    for cand in cands:
        if len(cand.tokens) == 1 and cand.next in lexicon().eponym_heads:
            cand.type = None  # `the Richter scale`, `Down syndrome`: a thing named after someone or somewhere
    typed = [c for c in cands if c.type] + _heading_candidates(headings, known)
    typed.sort(key=lambda c: c.start)
    return typed


def _type_teams(cands: list[Candidate], people: set[str]) -> None:
    """A city that stands where a team does in a sports report is the team (`Chelsea beat Liverpool`), and so are
    its other mentions there unless the document also names the city as a place (`in Liverpool`)."""
    teams = {c.key for c in cands if c.team_cue and _may_be_team(c, people)}
    if not teams:
        return
    places = {c.key for c in cands if c.key in teams and not c.team_cue and _place_context(c)}
    for cand in cands:
        if cand.key in teams and (cand.team_cue or cand.key not in places):
            cand.type = ORGANIZATION


def _type_companies(cands: list[Candidate], people: set[str]) -> None:
    """A name before a price move and a number is a listed company (`China Mobile dropped 0.29`), and one before a
    noun for an organisation is one (`the Likud party`), as are its other mentions; not a person the document names
    in full, nor a place (`Tokyo fell 2 percent` is its market)."""
    companies = {c.key for c in cands if c.market_cue and _may_be_company(c, people)}
    companies |= {c.key for c in cands if c.org_cue and _may_be_named_organisation(c, people)}
    for cand in cands:
        if cand.key in companies:
            cand.type = ORGANIZATION


def _may_be_named_organisation(cand: Candidate, people: set[str]) -> bool:
    """`the Labour party`, `the Fatah movement`: any name but a person's or a country's or a city's."""
    lex = lexicon()
    key = cand.key
    if cand.title or _place_tier(key) >= 2 or key in lex.countries or _gazetteer_type(key) not in (None, ORGANIZATION):
        return False
    if any(t.key in people or t.key in lex.first_names for t in cand.tokens):
        return False
    return not (len(cand.tokens) == 1 and key in lex.english and (cand.weak or _verb_form(key)))  # `Budget carrier`


def _may_be_company(cand: Candidate, people: set[str]) -> bool:
    """Not a titled person, a surname of someone named in full, a given name first (unless also a place: `China
    Mobile`), a place, nor a common word."""
    lex = lexicon()
    key, first = cand.key, cand.tokens[0].key
    if cand.title or _gazetteer_type(key) or key in lex.countries or cand.rule == PLACE:
        return False  # `the West Bank and Gaza Strip fell 8.6 percent`: its economy
    if len(cand.tokens) == 1:  # not `Banking shares fell`: a sector
        return key not in people and key not in lex.first_names and key not in lex.english
    return first not in lex.first_names or _place_tier(first) >= 2


def _may_be_team(cand: Candidate, people: set[str]) -> bool:
    """A place other than a country, or a plural nickname the model took for a person (`Lakers`); no one's name."""
    lex = lexicon()
    key = cand.key
    if cand.title or _place_tier(key) >= 3 or key in lex.aliases or key in lex.known_types or key in lex.countries:
        return False  # national teams are named as places
    if any(t.key in people for t in cand.tokens):
        return False
    if cand.type == PERSON:
        last = cand.tokens[-1].key
        return last.endswith("s") and last not in lex.surnames and last not in lex.first_names
    return cand.type in (PLACE, None) or cand.rule == PLACE


def _place_context(cand: Candidate) -> bool:
    lex = lexicon()
    prev2, prev, nxt, next2 = cand.context
    return (
        prev in lex.place_prepositions
        or (nxt == "," and _place_tier(next2) >= 2)
        or (prev == "," and _place_tier(prev2) >= 2)
    )


def training_examples(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, features) of every candidate span, for bench/train_entities.py."""
    cands, _ = _candidates(text)
    names = _document_names(cands)
    return [(c.start, c.end, candidate_features(c, names)) for c in cands]


def _weak_type(cand: Candidate, known: dict[str, str]) -> str | None:
    """A capitalised word at a sentence start counts only if the document or a gazetteer vouches for it."""
    lex = lexicon()
    if cand.key not in known and _lone_cue_word(cand.tokens[0]):
        return None  # `Police said ...`: the common word, not the town of that name
    typ = known.get(cand.key) or _gazetteer_type(cand.key)
    if typ is None and _place_tier(cand.key) >= 2 and cand.next not in lex.never:
        typ = PLACE
    return typ


def _place_tier(key: str) -> int:
    return lexicon().places.get(key, 0)


# --------------------------------------------------------------------------- #
# The trained typing model (logistic regression over the cues; see bench/train_entities.py)
# --------------------------------------------------------------------------- #

NONE = "none"  # the model's label for a span that is no person, organisation or place
LABELS = (PERSON, ORGANIZATION, PLACE, NONE)


@functools.cache
def _model_file() -> dict:
    path = RESOURCES / "model.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@functools.cache
def model() -> dict[str, tuple[float, ...]] | None:
    """Feature -> one weight per label of LABELS (the order model.json's meta gives)."""
    weights = _model_file().get("weights")
    if weights is None:
        return None
    labels = _model_file()["meta"]["labels"]
    if tuple(labels) != LABELS:
        raise ValueError(f"model.json labels {labels} do not match {LABELS}: retrain with bench/train_entities.py")
    return {feat: tuple(row) for feat, row in weights.items()}


def model_settings() -> dict[str, float]:
    return _model_file().get("settings", {})


def _scores(weights: dict[str, tuple[float, ...]], features: list[str]) -> list[float]:
    s0 = s1 = s2 = s3 = 0.0  # one per label of LABELS; unrolled because this runs for every candidate
    get = weights.get
    for feat in features:
        row = get(feat)
        if row:
            s0 += row[0]
            s1 += row[1]
            s2 += row[2]
            s3 += row[3]
    return [s0, s1, s2, s3]


def _classify_by_name(weights: dict[str, tuple[float, ...]], cands: list[Candidate], names: DocumentNames) -> set[str]:
    """Type each candidate; every mention of one name in a document gets the type its mentions vote for together.
    Returns the names a decisive cue typed."""
    # Decisive cues (a title, an alias table, a country) overrule the model, which learnt from Wikipedia only.
    certain: dict[str, Counter[str]] = defaultdict(Counter)
    people = _named_people(cands)
    for cand in cands:
        typ = _certain_type(cand, people)
        if typ:
            certain[cand.key][typ] += 1
    labels: dict[str, str | None] = {key: votes.most_common(1)[0][0] for key, votes in certain.items()}
    totals: dict[str, list[float]] = {}
    for cand in cands:
        if cand.rule is None and len(cand.tokens) == 1 and _lone_cue_word(cand.tokens[0]):
            labels[cand.key] = None  # the model learnt too few of these to be trusted with them
        if cand.key in labels:
            continue  # settled: no need to ask the model
        name_scores = _name_scores(tuple(t.text for t in cand.tokens))
        scores = _scores(weights, _context_features(cand, names))
        total = totals.setdefault(cand.key, [0.0] * len(LABELS))
        for n in range(len(LABELS)):
            total[n] += name_scores[n] + scores[n]
    # Leaving a name out costs recall as much as a false one costs precision: `none` must win by a margin.
    margin = model_settings().get("none_margin", 0.0)
    for key, scores in totals.items():
        scores[LABELS.index(NONE)] -= margin
        label = LABELS[max(range(len(LABELS)), key=lambda n: (scores[n], LABELS[n]))]
        labels[key] = None if label == NONE else label
    for cand in cands:
        cand.type = labels.get(cand.key)
    return set(certain)


def _type_nicknames(cands: list[Candidate], settled: set[str]) -> None:
    """A team's plural nickname alone is the team the document names in full (`Lakers` after `Los Angeles
    Lakers`, typed an organisation), where no decisive cue typed it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for cand in cands:
        words = cand.key.split()
        if cand.type == ORGANIZATION and len(words) > 1 and _team_name(words):
            owners[words[-1]].add(cand.key)
    for cand in cands:
        key = cand.key
        if key not in settled and len(owners.get(key, ())) == 1 and _gazetteer_type(key) is None:
            cand.type = ORGANIZATION


def _team_name(words: list[str]) -> bool:
    """A place and a plural: `Los Angeles Lakers`, `Fremantle Dockers` (not `Bank`, nor a surname: `Langejans`)."""
    lex = lexicon()
    last = words[-1]
    if not last.endswith("s") or last in lex.org_words or last in lex.surnames or last in lex.first_names:
        return False
    return _place_tier(" ".join(words[:-1])) >= 1


def _named_people(cands: list[Candidate]) -> set[str]:
    """Words of full names that are surely people's (a title before them, or a known given name first)."""
    lex = lexicon()
    words: set[str] = set()
    for cand in cands:
        toks = cand.tokens
        if cand.rule == PERSON and len(toks) > 1 and (cand.title or toks[0].key in lex.first_names):
            keys = [_particle_free(t.key) for t in toks]
            words.update(k for k in keys[:-1] if k not in lex.connectors and _place_tier(k) < 2)
            if _place_tier(keys[-1]) < 3:
                words.add(keys[-1])  # a surname that is also a town (`Manuel Belgrano`)
    return words


def _certain_type(cand: Candidate, people: set[str]) -> str | None:
    """The type when one cue settles it, else None."""
    lex = lexicon()
    key, toks = cand.key, cand.tokens
    if cand.rule is None:
        return None
    if key in lex.aliases:
        return lex.aliases[key][1]
    if key in lex.known_types:
        return lex.known_types[key]
    if cand.title and not _acronym(toks[0]) and toks[-1].key not in lex.org_words | lex.place_words:
        return PERSON
    if _place_tier(key) == 3:
        return PLACE
    if len(toks) > 1 and toks[-1].key in lex.place_words and _gazetteer_type(key.rsplit(" ", 1)[0]) == PLACE:
        return PLACE  # `Gaza Strip`, `Hunan Province`, `Songhua River`
    if toks[0].text[0].isdigit():
        return ORGANIZATION
    # A given name first is no longer decisive: companies and bands bear founders' names (`Herman Miller`);
    # the model weighs it with the context (cross-validated F1 +0.3 without the override).
    alone = _particle_free(key) if len(toks) == 1 else key  # `al-Maliki` after `Nuri al-Maliki`
    if alone in people and (_place_tier(key) < 2 or cand.prev not in lex.place_prepositions):
        return PERSON  # a surname after the full name (`in Belgrano` may still be the town)
    return None


def _shape(word: str) -> str:
    letters = word.replace(".", "")
    if len(letters) >= 2 and letters.isupper() and letters.isalpha():
        return "A"
    if word[0].isdigit():
        return "d"
    if word[0].isupper():
        return "X"
    return "x"


def candidate_features(cand: Candidate, names: DocumentNames) -> list[str]:
    """Sparse features of a candidate span: its words, shape, gazetteer hits, context and the rules' verdict."""
    return [*_name_features(tuple(t.text for t in cand.tokens)), *_context_features(cand, names)]


@functools.lru_cache(maxsize=65536)
def _name_features(words: tuple[str, ...]) -> tuple[str, ...]:
    """The features that depend on the name alone (cached: names recur across articles)."""
    lex = lexicon()
    keys = [_fold_token(w) for w in words]
    key, first, last = " ".join(keys), keys[0], keys[-1]
    n = min(len(keys), 4)
    feats = [
        "bias",
        f"n={n}",
        f"first={first}",
        f"last={last}",
        f"suf={last[-3:]}",
        f"suf2={last[-2:]}",
        f"sufirst={first[-3:]}" if len(keys) > 1 else "sufirst=",
        f"shape={''.join(_shape(w) for w in words[:4])}",
        f"gaz={_place_tier(key)}",
        f"gazlast={_place_tier(last)}" if len(keys) > 1 else "single",
    ]
    feats.extend(f"w={k}" for k in keys[:5])
    if first in lex.first_names:
        feats.append(f"given|n={n}")
    if last in lex.surnames:
        feats.append(f"surname|n={n}")
    if key in lex.aliases:
        feats.append(f"alias={lex.aliases[key][1]}")
    if key in lex.known_types:
        feats.append(f"known={lex.known_types[key]}")
    if len(keys) == 1 and not _acronym_word(words[0]):
        cue = "org" if key in lex.org_words else "place" if key in lex.place_words else ""
        if cue:
            feats.append(f"alone={cue}word")  # `the Institute`, `the Island`: a name said once in full
    if last in lex.org_words:
        feats.append("orgword_last")
    if any(k in lex.org_words for k in keys[:-1]):
        feats.append("orgword_in")
    if last in lex.place_words:
        feats.append("placeword_last")
    if any(k in lex.other_words for k in keys):
        feats.append("otherword")
    if len(keys) > 2 and first in lex.other_heads and keys[1] == "of":
        feats.append("otherhead")  # `Battle of Hastings`
    if any(w in lex.connectors for w in words):
        feats.append("connector")
    if len(keys) > 1:
        feats.append(f"gazfirst={_place_tier(first)}")
        if last.endswith("s") and last[:-1] in lex.english:
            feats.append(f"plural_last|gazfirst={_place_tier(first) > 0}")  # teams: `Baltimore Colts`
    in_dictionary = sum(k in lex.english for k in keys)
    feats.append(f"english={'all' if in_dictionary == len(keys) else 'some' if in_dictionary else 'none'}|n={n}")
    return tuple(feats)


@functools.lru_cache(maxsize=65536)
def _name_scores(words: tuple[str, ...]) -> tuple[float, ...]:
    weights = model()
    return tuple(_scores(weights, list(_name_features(words)))) if weights else (0.0,) * len(LABELS)


def _context_features(cand: Candidate, names: DocumentNames) -> list[str]:
    """The features that depend on where the name stands: rules' verdict, neighbours, the rest of the document."""
    lex = lexicon()
    toks, key = cand.tokens, cand.key
    rule = cand.rule or NONE
    feats = [
        f"rule={rule}",
        f"rule={rule}|n={min(len(toks), 4)}",
        f"prev={cand.context[1]}",
        f"prev2={cand.context[0]}",
        f"next={cand.context[2]}",
        f"next2={cand.context[3]}",
    ]
    feats.extend(f"win={w}" for w in cand.window if w.isalpha() and w not in lex.never)
    if key in names.known:
        feats.append(f"doc={names.known[key]}")
    if len(toks) == 1:
        if key in names.parts:
            feats.append(f"part={names.parts[key]}")
        if _acronym(toks[0]) and key in names.acronyms:
            feats.append(f"acronym={names.acronyms[key]}")
    if cand.title:
        feats.append("title")
        feats.append(f"title={cand.title[-1].key}")
    if cand.demonym is not None:
        feats.append("demonym")
    if cand.weak:
        feats.append(f"weak|rule={rule}")
    if cand.common:
        feats.append(f"common|weak={cand.weak}")
    if cand.prev in lex.place_prepositions:
        feats.append("prev_place_prep")
    if cand.next in lex.speech_verbs:
        feats.append("next_speech")
    # PREVNEXT
    count = names.counts[key]
    feats.append(f"count={'1' if count == 1 else '2-3' if count <= 3 else '4+'}|n={min(len(toks), 3)}")
    if cand.context[2] == "," and _place_tier(cand.context[3]) >= 2:
        feats.append("comma_place_after")  # `Austin, Texas`
    if cand.context[1] == "," and _place_tier(cand.context[0]) >= 2:
        feats.append("comma_place_before")
    return feats


# --------------------------------------------------------------------------- #
# Merging aliases within a text
# --------------------------------------------------------------------------- #


def _group_key(cand: Candidate, people: dict[str, str]) -> str:
    """Entity key: spelling-folded name; a lone given name or surname maps to the one full name it belongs to."""
    key = canonical_key(cand.key)
    if cand.type == PERSON and len(cand.tokens) == 1:
        key = _particle_free(key)  # `al-Maliki` alone is `Maliki`
    if cand.type == PERSON and len(key.split()) == 1 and key in people:
        return people[key]
    return key


def _person_parts(cands: list[Candidate]) -> dict[str, str]:
    """Each word of a multi-word person name -> the name's key (words shared by two names are dropped)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for cand in cands:
        if cand.type == PERSON and len(cand.tokens) > 1:  # `al-Maliki` is one word, not a full name
            key = canonical_key(cand.key)
            words = key.split()
            if len(words) > 1:
                for w in words:
                    owners[w].add(key)
    # A family name used alone refers to the longest full name only when that is unambiguous.
    return {w: keys.pop() for w, keys in owners.items() if len(keys) == 1}


def _display_name(surfaces: list[str], typ: str) -> str:
    """The fullest, most common spelling (alias table names win: `DPRK` -> `North Korea`)."""
    lex = lexicon()
    for surface in surfaces:
        alias = lex.aliases.get(fold(surface))
        if alias and alias[1] == typ:
            return alias[0]
    counts = Counter(surfaces)
    sizes = {s: len(canonical_key(s).split()) for s in counts}  # `Son-hui` and `Son Hui` are the same size
    longest = max(sizes.values())
    full = [s for s in surfaces if sizes[s] == longest]
    return max(full, key=lambda s: (counts[s], -surfaces.index(s)))


def extract_entities(text: str) -> list[Mention]:
    """Typed mentions of people, organisations and places, each with the name its aliases merge to."""
    cands, headings = _candidates(text)
    typed = _type_candidates(cands, headings)
    people = _person_parts(typed)
    groups: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand in typed:
        groups[(_group_key(cand, people), cand.type or "")].append(cand)
    mentions: list[Mention] = []
    for (_, typ), members in groups.items():
        name = _display_name([text[c.start : c.end] for c in members], typ)
        mentions.extend(Mention(c.start, c.end, text[c.start : c.end], typ, name) for c in members)
    mentions.sort(key=lambda m: m.start)
    return mentions


# --------------------------------------------------------------------------- #
# Roles
# --------------------------------------------------------------------------- #


def _country(words: list[Token]) -> str | None:
    """`North Korean` / `Russia's` / `US` before a title -> the country's name."""
    lex = lexicon()
    key = " ".join(t.key for t in words)
    if key in lex.demonyms:
        return lex.demonyms[key]
    if key in lex.aliases:
        return lex.aliases[key][0]
    if key in lex.places or key in lex.known_types:
        return " ".join(t.text for t in words)
    return None


def _title_case(words: list[Token]) -> str:
    connectors = lexicon().connectors
    return " ".join(
        t.text if t.text.isupper() else t.text.lower() if t.key in connectors else t.text[:1].upper() + t.text[1:]
        for t in words
    )


def _format_role(title: list[Token], country: str | None) -> str | None:
    lex = lexicon()
    if " ".join(t.key for t in title) in lex.honorifics:
        return None  # `Mr.` is no role
    role = _title_case(title)
    if country:
        the = "the " if country in lex.with_article else ""
        role += f" of {the}{country}"
    return role


def _title_ending_at(tokens: list[Token], i: int) -> int | None:
    """Start of a title that ends just before tokens[i] (`Foreign Minister`, `secretary of state`), or None."""
    lex = lexicon()
    j = i
    while j > 0 and tokens[j - 1].key in lex.title_words:
        j -= 1
    while j < i and tokens[j].key in lex.connectors:
        j += 1
    if j == i or (" ".join(t.key for t in tokens[j:i]) not in lex.titles and tokens[i - 1].key not in lex.titles):
        return None
    return j


def _country_before(tokens: list[Token], j: int) -> str | None:
    """`North Korean` / `Russia's` / `US` just before tokens[j]."""
    if j >= 2 and tokens[j - 1].key in ("'s", "s"):
        for n in (3, 2, 1):
            if j - 1 - n >= 0 and (country := _country(tokens[j - 1 - n : j - 1])):
                return country
        return None
    for n in (2, 1):
        if j - n >= 0 and (country := _country(tokens[j - n : j])):
            return country
    return None


def _role_before(tokens: list[Token], i: int) -> str | None:
    """`North Korean Foreign Minister Choe`, `Russia's Foreign Minister Sergei Lavrov`,
    `the Russian president, Vladimir Putin`: tokens[i] starts the name."""
    if i >= 2 and tokens[i - 1].text == ",":
        j = _title_ending_at(tokens, i - 1)
        if j is None:
            return None
        country = _country_before(tokens, j)
        lead = j - (0 if country is None else _country_length(tokens, j))
        if lead == 0 or tokens[lead - 1].key in ("the", "a", "an"):
            return _format_role(tokens[j : i - 1], country)
        return None
    j = _title_ending_at(tokens, i)
    if j is None:
        return None
    return _format_role(tokens[j:i], _country_before(tokens, j))


def _country_length(tokens: list[Token], j: int) -> int:
    if j >= 2 and tokens[j - 1].key in ("'s", "s"):
        return 1 + next((n for n in (3, 2, 1) if j - 1 - n >= 0 and _country(tokens[j - 1 - n : j - 1])), 0)
    return next((n for n in (2, 1) if j - n >= 0 and _country(tokens[j - n : j])), 0)


def _role_after(tokens: list[Token], k: int) -> str | None:
    """`Choe Son-hui, North Korea's foreign minister,` / `Vladimir Putin, the Russian president,`:
    tokens[k] is the first token after the name."""
    lex = lexicon()
    if k >= len(tokens) or tokens[k].text != ",":
        return None
    j, country = k + 1, None
    if j < len(tokens) and tokens[j].key in ("the", "a", "an"):
        j += 1
    for n in (3, 2, 1):
        if j + n < len(tokens) and tokens[j + n].key in ("'s", "s") and (country := _country(tokens[j : j + n])):
            j += n + 1
            break
    else:
        for n in (2, 1):
            if country := _country(tokens[j : j + n]) if j + n <= len(tokens) else None:
                j += n
                break
    end = j
    while end < len(tokens) and tokens[end].key in lex.title_words:
        end += 1
    while end > j and tokens[end - 1].key in lex.connectors:
        end -= 1
    if end == j or " ".join(t.key for t in tokens[j:end]) not in lex.titles:
        return None
    if end < len(tokens) and tokens[end].text not in ",.;)" and tokens[end].key not in ("and", "who", "for", "of"):
        return None
    return _format_role(tokens[j:end], country)


def _with_country_after(role: str, tokens: list[Token], k: int) -> str:
    """`President Chavez of Venezuela` -> President of Venezuela."""
    if k < len(tokens) and tokens[k].key == "of":
        for n in (3, 2, 1):
            if k + 1 + n <= len(tokens) and (country := _country(tokens[k + 1 : k + 1 + n])):
                the = "the " if country in lexicon().with_article else ""
                return f"{role} of {the}{country}"
    return role


def person_roles(doc: Document) -> dict[int, str]:
    """Mention start -> role stated next to that mention of a person."""
    roles: dict[int, str] = {}
    people = sorted((m for m in doc.mentions if m.type == PERSON), key=lambda m: m.start)
    if not people:
        return roles
    lines: dict[int, list[Token]] = {}  # line start -> tokens, made once and only where a person is named
    token_at: dict[int, int] = {}  # token start -> its index in its line
    for mention in people:
        line_start = doc.text.rfind("\n", 0, mention.start) + 1
        if line_start not in lines:
            line_end = doc.text.find("\n", mention.start)
            line_end = len(doc.text) if line_end < 0 else line_end
            lines[line_start] = _tokens(doc.text[line_start:line_end], line_start)
            token_at.update((t.start, n) for n, t in enumerate(lines[line_start]))
        tokens = lines[line_start]
        i = token_at.get(mention.start)
        if i is None:
            continue
        k = next((n for n in range(i, len(tokens)) if tokens[n].end >= mention.end), i) + 1
        role = _role_before(tokens, i)
        if role and " of " not in role:
            role = _with_country_after(role, tokens, k)
        role = role or _role_after(tokens, k)
        if role:
            roles[mention.start] = role
    return roles


# --------------------------------------------------------------------------- #
# Linking across documents
# --------------------------------------------------------------------------- #


@dataclass
class _Referent:
    types: Counter[str] = field(default_factory=Counter)
    surfaces: list[str] = field(default_factory=list)
    refs: list[SourceRef] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (date, role)

    @property
    def type(self) -> str:
        """The type most mentions were given (one article may have typed the name differently)."""
        return self.types.most_common(1)[0][0]


def link_entities(documents: list[Document]) -> list[Entity]:
    """One Entity per referent across the documents, with aliases, dated role and every mention."""
    referents: dict[str, _Referent] = {}
    for doc in documents:
        roles = person_roles(doc)
        date = doc.published.isoformat() if doc.published else ""
        for m in doc.mentions:
            ref = referents.setdefault(canonical_key(m.name), _Referent())
            ref.types[m.type] += 1
            ref.surfaces.extend([m.name, m.text])
            sentence = doc.sentence_at(m.start)
            ref.refs.append(SourceRef(doc.id, m.start, m.end, sentence.index if sentence else 0))
            if m.start in roles:
                ref.roles.append((date, roles[m.start]))
    _fold_surnames(referents)
    entities = [_to_entity(ref) for ref in referents.values()]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    _assign_slugs(entities)
    return entities


def _may_be_surname(key: str, ref: _Referent) -> bool:
    """A one-word name typed a person, or one no gazetteer claims (`Lavrov said` mistyped as a place)."""
    lex = lexicon()
    return ref.type == PERSON or (_place_tier(key) < 2 and key not in lex.aliases and key not in lex.known_types)


def _fold_surnames(referents: dict[str, _Referent]) -> None:
    """A one-word person (`Lavrov` where no full name was given) joins the one full name with that word."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, ref in referents.items():
        if ref.type == PERSON and len(key.split()) > 1:
            for word in key.split():
                owners[word].add(key)
    for key in [k for k, ref in referents.items() if len(_particle_free(k).split()) == 1 and _may_be_surname(k, ref)]:
        targets = owners.get(_particle_free(key), set()) - {key}  # `Al Gore` is no surname of itself
        if len(targets) == 1:
            source = referents.pop(key)
            target = referents[next(iter(targets))]
            target.types[target.type] += source.types.total()  # the full name settles the type
            target.surfaces.extend(source.surfaces)
            target.refs.extend(source.refs)
            target.roles.extend(source.roles)


def _to_entity(ref: _Referent) -> Entity:
    name = _display_name(ref.surfaces, ref.type)
    aliases = _aliases(ref.surfaces, name)
    role, role_date = None, None
    if ref.roles:
        role_date, role = max(ref.roles, key=lambda r: r[0])  # the latest statement of the role
    refs = sorted(ref.refs, key=lambda r: (r.document, r.start))
    return Entity(name, ref.type, aliases, role, role_date or None, refs)


def _aliases(surfaces: list[str], name: str) -> list[str]:
    """Other spellings, without `the`, possessives or mere changes of case (`UNITED NATIONS` in a dateline)."""
    by_case: dict[str, str] = {name.casefold(): name}
    for surface in surfaces:
        form = _LEADING_THE.sub("", _POSSESSIVE.sub("", surface))
        kept = by_case.get(form.casefold())
        if kept is None or (kept.isupper() and not form.isupper()):
            by_case[form.casefold()] = form
    return sorted(form for form in by_case.values() if form != name)


def _assign_slugs(entities: list[Entity]) -> None:
    taken: set[str] = set()
    for entity in sorted(entities, key=lambda e: (e.name, e.type)):
        slug = base = slugify(entity.name, limit=None, default="entity")
        if slug in taken:
            slug = f"{base}-{entity.type}"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{entity.type}-{n}", n + 1
        taken.add(slug)
        entity.slug = slug
