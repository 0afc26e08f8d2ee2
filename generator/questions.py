"""Open questions built from evidence: disputes, hedges, unknowns, scheduled events and single-source claims.

Every question cites the sentences it rests on and reuses their words: a rephrasing only moves or drops words
of the cited sentence ("Russia may transfer X" -> "Will Russia transfer X?"); when no faithful rephrasing
exists the claim is asked about as a whole ("Is it confirmed that <claim>?") or kept with a prefix. Questions
are ranked by kind (contradictions first) and, within a kind, by how much they involve (entities, figures,
casualties, weapons, treaties, deployments). Word lists live in `resources/hedges/questions.yaml`.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.figures import lexicon as figure_lexicon
from generator.figures import sentence_names
from generator.model import Dispute, Document, Hedge, Question, Sentence, SourceRef, TimelineItem
from generator.text import phrase_alternation

RESOURCE = Path(__file__).resolve().parent / "resources" / "hedges" / "questions.yaml"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PARTICIPLE_BREAK = re.compile(r",\s+(?=(?:\w+ly\s+)?\w+ing\b)")
_CLAUSE_START = re.compile(r"[,;:]\s+|\bthat\s+")
_PERFECT_CLAUSE = re.compile(
    r"(?P<subj>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s+(?P<aux>has|have|had)"
    r"(?:\s+(?:already|now|so\s+far|reportedly))?\s+(?P<verb>[a-z]+)"
)
_HAVE_CLAUSE = re.compile(r"(?P<subj>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})\s+(?P<verb>has|have)")
_PASSIVE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?P<noun>[A-Za-z]+)\s+(?P<aux>were|was|have been|had been|have|had)"
    r"\s+(?P<verb>[a-z]+ed|sent|killed|held|taken)\b"
)
_ACTIVE_CASUALTY = re.compile(r"\b(?P<verb>killed|wounded|injured|captured|arrested|detained|kidnapped)$")
_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do)\b|\b[a-z]+(?:ed|es)\b"
)
_PARTICIPLE_OPENER = re.compile(r"[A-Z][a-z]+(?:ed|ing|en)\b")
OPENER_MAX_WORDS = 8
_BAD_OPENER = re.compile(r"[A-Z]\w+ing|To")
_NUMBER_OF_THING = re.compile(r"the (?:exact |precise |total )?number of (?P<what>.+)")
_NUMBER_OF = re.compile(r"\b(?:disclose|say|specify|estimated|confirm)\s+the\s+number\s+of\s+(?P<what>[^.;,]+)")
_DASHED_ASIDE = re.compile(r"\s(?:--|—|–)\s[^—–]+?\s(?:--|—|–)\s")
_COORDINATE_CLAUSE = re.compile(
    r",?\s+(?:and|but)\s+(?=(?:[\w'’-]+\s+){0,3}(?:is|are|was|were|will|would|has|have|had)\b)"
)
MAX_SUBJECT_WORDS = 14
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whose|which|where|whom)\b[^,]+,")
_NEXT_CLAUSE = re.compile(r",?\s+(?:and|but)\s+(?=(?:the|a|an|it|they|he|she|this|that|there)\b)")
_UNKNOWN_THING = re.compile(
    r"\b(?P<what>the [^,;]+?)\s+(?P<aux>is|was|are|were)\s+(?:still\s+|also\s+)?"
    r"(?:not\s+(?:yet\s+)?known|unknown|unclear)\b",
    re.IGNORECASE,
)
_SPEECH_END = re.compile(r"[,.?!][\"”’]\s")  # '..., " said X': quoted speech, not the article's claim
_QUOTE_MARKS = "\"“”'‘’"
_FINAL_STOP = re.compile(r"[.!]+([\"”’']?)$")
_HEADING_MAX_WORDS = 12
_AS_PLANNED = "Will it go ahead as planned?"
SOURCE_BONUS = 2  # each further source raising the same question
FALLBACK_PENALTY = 5  # a claim asked about as a whole reads worse than a rephrased one: rank it lower


@dataclass(frozen=True)
class Rules:
    """The questions resource, compiled once."""

    data: dict
    consequence: frozenset[str]
    frame: re.Pattern[str]
    trailing_attribution: re.Pattern[str]
    clause_break: re.Pattern[str]
    modal: re.Pattern[str]
    adverb: re.Pattern[str]
    belief: re.Pattern[str]
    unknown: re.Pattern[str]
    expect: re.Pattern[str]
    auxiliary: re.Pattern[str]
    subject_breaker: re.Pattern[str]
    unknown_templates: list[tuple[re.Pattern[str], str]]
    determiners: frozenset[str]
    leading_conjunction: re.Pattern[str]
    claim_subordinator: re.Pattern[str]


@functools.cache
def rules() -> Rules:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    aux = phrase_alternation(data["auxiliaries"])
    return Rules(
        data=data,
        consequence=frozenset(w.lower() for w in data["consequence"]),
        frame=re.compile(r"^(?:" + "|".join(data["frames"]) + r")\s+", re.IGNORECASE),
        trailing_attribution=re.compile(data["trailing_attribution"]),
        clause_break=re.compile(r"\s*(?:;|\s--\s|\s—\s|,\s+(?:" + phrase_alternation(data["clause_breaks"]) + r")\b)"),
        modal=re.compile(
            r"^(?P<subj>.+?)\s+(?:"
            + phrase_alternation(data["modal_will"])
            + r")\s+(?:(?:well|also|even|still|soon)\s+)?"
            r"(?P<have>have\s+(?=been\b|\w+(?:ed|en|wn|ne|nt|st|ft|ld|ught)\b))?(?P<rest>(?!not\b)\w.*)$"
        ),
        adverb=re.compile(r",?\s*\b(?:" + phrase_alternation(data["confirm_adverbs"]) + r")\b,?", re.IGNORECASE),
        belief=re.compile(
            r"^(?P<subj>.+?)\s+(?:" + phrase_alternation(data["belief"]) + r")\s+(?P<verb>be|have)\s+(?P<rest>.+)$"
        ),
        unknown=re.compile(
            r"\b(?:" + "|".join(data["unknown_intro"]) + r")\s+(?:\w+ly\s+)?(?P<wh>whether|if|how many|how much|how|"
            r"why|when|where|who|what|which|(?:on|in|at|from|to|for|by)\s+(?:which|what|whom))\s+(?P<rest>[^.;?]+)",
            re.IGNORECASE,
        ),
        expect=re.compile(r"^expect\s+(?P<rest>.+)$", re.IGNORECASE),
        auxiliary=re.compile(r"^(?P<subj>(?:\S+\s+){0,5}?\S+)\s+(?P<aux>" + aux + r")\s+(?P<rest>\w.*)$"),
        subject_breaker=_subject_breaker(data["subject_breakers"]),
        unknown_templates=[(re.compile(t["re"], re.IGNORECASE), t["question"]) for t in data["unknown_templates"]],
        determiners=frozenset(data["determiners"]),
        leading_conjunction=re.compile(
            r"^(?:" + phrase_alternation(data["leading_conjunctions"]) + r"),?\s+", re.IGNORECASE
        ),
        claim_subordinator=re.compile(r"(?:" + phrase_alternation(data["claim_subordinators"]) + r")\b"),
    )


def _subject_breaker(groups: dict[str, list[str]]) -> re.Pattern[str]:
    """Reporting verbs and finite verbs (case as written) or subordinators (any case) inside a would-be subject."""
    subordinators = phrase_alternation(groups["subordinators"])
    verbs = phrase_alternation(groups["reporting"] + groups["finite"])
    return re.compile(rf"\b(?:(?i:{subordinators})|{verbs})\b")


@dataclass
class Candidate:
    question: Question
    rank: int  # position of its kind in `kind_order`
    score: float  # how much it involves: entities, figures, consequence words
    keys: set[tuple[str, int]] = field(default_factory=set)  # (document, sentence) it rests on
    order: int = 0


# --------------------------------------------------------------------------- #
# Entry point
# --------------------------------------------------------------------------- #


def build_questions(documents: list[Document], disputes: list[Dispute], timeline: list[TimelineItem]) -> list[Question]:
    """The open questions of a briefing, most important first, deduplicated and capped."""
    by_id = {doc.id: doc for doc in documents}
    weights = {doc.id: _sentence_weights(doc) for doc in documents}
    candidates: list[Candidate] = []
    for dispute in disputes:
        candidates.extend(_from_dispute(dispute, by_id, weights))
    for doc in documents:
        for hedge in doc.hedges:
            candidates.extend(_from_hedge(doc, hedge, weights[doc.id]))
    candidates.extend(_from_timeline(timeline, by_id, weights, len(documents)))
    for i, candidate in enumerate(candidates):
        candidate.order = i
    return _select(candidates)


def _select(candidates: list[Candidate]) -> list[Question]:
    data = rules().data
    kinds = data["kind_order"]
    candidates = _merge_same_questions(candidates)
    candidates.sort(key=lambda c: (c.rank, -c.score, c.order))
    chosen: list[Question] = []
    seen_keys: set[tuple[str, int]] = set()
    per_kind: dict[str, int] = defaultdict(int)
    for c in candidates:
        kind = c.question.kind
        if (c.keys and c.keys <= seen_keys) or per_kind[kind] >= data["per_kind"][kind]:
            continue
        seen_keys |= c.keys
        per_kind[kind] += 1
        c.question.importance = round((len(kinds) - c.rank) * 10 + c.score, 2)
        chosen.append(c.question)
        if len(chosen) >= data["limit"]:
            break
    return chosen


def _merge_same_questions(candidates: list[Candidate]) -> list[Candidate]:
    """One question per wording: sources that raise the same question are cited together, and count for it."""
    by_text: dict[str, Candidate] = {}
    for c in sorted(candidates, key=lambda c: (c.rank, -c.score, c.order)):
        norm = " ".join(_WORD.findall(c.question.text.lower()))
        kept = by_text.get(norm)
        if kept is None:
            by_text[norm] = c
            continue
        documents = {s.document for s in kept.question.sources}
        kept.question.sources += [s for s in c.question.sources if s not in kept.question.sources]
        kept.keys |= c.keys
        kept.score += SOURCE_BONUS * len({s.document for s in c.question.sources} - documents)
    return list(by_text.values())


def _candidate(text: str, kind: str, sources: list[SourceRef], score: float) -> Candidate:
    rank = rules().data["kind_order"].index(kind)
    keys = {(s.document, s.sentence) for s in sources}
    return Candidate(Question(text, kind, sources), rank, score, keys)


# --------------------------------------------------------------------------- #
# How much a sentence involves
# --------------------------------------------------------------------------- #


def _sentence_weights(doc: Document) -> dict[int, float]:
    """Per sentence: distinct entities + figures + consequence words (a cheap stand-in for importance)."""
    names = sentence_names(doc)
    figures: dict[int, int] = defaultdict(int)
    for f in doc.figures:
        figures[f.sentence] += 1
    weights = {}
    for s in doc.sentences:
        entities = len(names.get(s.index, ()))
        consequence = sum(w.lower() in rules().consequence for w in _WORD.findall(s.text))
        weights[s.index] = entities + 2 * figures[s.index] + consequence
    return weights


def _consequential(text: str) -> bool:
    """Casualties, weapons, treaties, deployments: what a single-source claim must involve to be asked about."""
    return any(w.lower() in _single_source_terms() for w in _WORD.findall(text))


@functools.cache
def _single_source_terms() -> frozenset[str]:
    return frozenset(w.lower() for w in rules().data["single_source_terms"])


# --------------------------------------------------------------------------- #
# Contradictions
# --------------------------------------------------------------------------- #


def _from_dispute(dispute: Dispute, by_id: dict[str, Document], weights: dict) -> list[Candidate]:
    values: list[str] = []
    for claim in dispute.claims:
        value = _lower_opener(claim.value_text)  # "Roughly 2,150" opened its sentence
        if value not in values:
            values.append(value)
    listed = ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]
    frame = (
        next((f for c in dispute.claims if (f := _how_many(by_id.get(c.source.document), c.source.start))), None)
        or f"How many {_surface_noun(dispute, by_id)}"
    )
    sources = [c.source for c in dispute.claims]
    # true conflicts matter more than figures that only differ in precision or by date
    bonus = {"conflict": 6, "differ by date": 3}.get(dispute.note.split(":")[0], 0)
    score = len({s.document for s in sources}) * 2 + len(dispute.claims) + bonus
    return [_candidate(f"{frame}: {listed}?", "contradiction", sources, score)]


def _how_many(doc: Document | None, start: int) -> str | None:
    """'North Korea has sent around 10,000 troops' -> 'How many troops has North Korea sent'."""
    if doc is None:
        return None
    sentence = doc.sentence_at(start)
    figure = next((f for f in doc.figures if f.start == start), None)
    if sentence is None or figure is None:
        return None
    before = doc.text[sentence.start : start]
    clause = _CLAUSE_START.split(before)[-1].strip()
    noun = _noun_after(doc, figure.end, figure.counts)
    m = _PERFECT_CLAUSE.fullmatch(clause)
    if m and noun:
        return f"How many {noun} {m.group('aux')} {_lower_opener(m.group('subj'))} {m.group('verb')}"
    m = _HAVE_CLAUSE.fullmatch(clause)
    if m and noun:  # "Britain has some 7,000 troops": have is the verb
        does = "do" if _have_for(m.group("subj")) == "have" else "does"
        return f"How many {noun} {does} {_lower_opener(m.group('subj'))} have"
    m = _ACTIVE_CASUALTY.search(clause)
    if m and noun:  # "an offensive that killed some 19 civilians" -> "How many civilians were killed"
        return f"How many {noun} were {m.group('verb')}"
    m = _PASSIVE_AFTER.match(doc.text, figure.end, sentence.end)
    if m and noun and m.group("noun").lower() == noun:  # "2,150 soldiers have been killed"
        return f"How many {noun} {m.group('aux')} {m.group('verb')}"
    return None


def _noun_after(doc: Document, end: int, counts: str) -> str | None:
    """The counted noun as the sentence writes it ('soldiers' for counts 'troops')."""
    lex = figure_lexicon()
    casualty = counts in lex.casualty_of.values() or counts in lex.casualty_before_of.values()
    for word in _WORD.findall(doc.text[end : end + 60])[:5]:
        kind = lex.noun_of.get(word.lower())
        if kind == counts or word.lower() == counts or (casualty and kind in lex.data["casualty_scoped"]):
            return word.lower()  # for a death toll, the people counted: "soldiers have been killed"
    return None


def _surface_noun(dispute: Dispute, by_id: dict[str, Document]) -> str:
    for claim in dispute.claims:
        doc = by_id.get(claim.source.document)
        if doc and (noun := _noun_after(doc, claim.source.end, dispute.counts)):
            return noun
    return dispute.counts


# --------------------------------------------------------------------------- #
# Hedges: hedged, unknown, future (scheduled) and asked
# --------------------------------------------------------------------------- #


def _from_hedge(doc: Document, hedge: Hedge, weights: dict[int, float]) -> list[Candidate]:
    sentence = doc.sentences[hedge.sentence] if hedge.sentence < len(doc.sentences) else None
    if sentence is None:
        return []
    ref = SourceRef(doc.id, sentence.start, sentence.end, sentence.index)
    score = weights.get(sentence.index, 0.0)
    if hedge.kind == "question":
        return _asked(doc, sentence, ref, score)
    if hedge.kind == "unknown":
        text = _unknown_question(sentence.text, hedge.cue)
        if text is None:
            return []
        fallback = text.startswith(rules().data["unknown_fallback"])
        return [_candidate(text, "unknown", [ref], score - FALLBACK_PENALTY * fallback)]
    if hedge.kind == "future":
        # a "will" in a side clause ("Mahathir, who will turn 81, ...") is no event to watch: only rephrasable ones
        text = _future_question(sentence.text, fallback=False)
        return [_candidate(text, "scheduled", [ref], score)] if text else []
    if score <= 0 or hedge.cue in rules().data["no_question_cues"]:
        return []  # nothing of consequence hedged, or only a fear framed: not worth a question
    text = _hedged_question(sentence.text, hedge.cue)
    if text is None:
        return []
    return [_candidate(text, "hedged", [ref], score - FALLBACK_PENALTY * text.startswith("Is it confirmed"))]


def _claim(text: str, cue: str | None = None) -> str:
    """The claim a hedged sentence makes: framing removed, trailing side clauses cut, no final period.

    The framing is kept when removing it would lose the hedge cue (an attribution in the middle of the sentence).
    """
    text = _DASHED_ASIDE.sub(" ", _FINAL_STOP.sub(r"\1", text.strip()))
    text = rules().leading_conjunction.sub("", text)
    frame = rules().frame.match(text)
    if frame and not (cue and cue in frame.group(0).lower()):
        text = rules().leading_conjunction.sub("", text[frame.end() :])
    text = rules().trailing_attribution.sub("", text)
    m = rules().clause_break.search(text)
    if m:
        text = text[: m.start()]
    text = _PARTICIPLE_BREAK.split(text, maxsplit=1)[0]
    text = _COORDINATE_CLAUSE.split(text, maxsplit=1)[0]
    return rules().trailing_attribution.sub("", text).strip().rstrip(",")


@functools.cache
def _figure_openers() -> frozenset[str]:
    """First words of number words, vague quantities and modifiers: 'Roughly 2,150', 'Thousands of'."""
    data = figure_lexicon().data
    phrases = [*data["number_words"], *data["vague_quantities"], *data["vague_multipliers"]]
    phrases += [w for words in data["modifiers"].values() for w in words]
    return frozenset(p.split()[0].lower() for p in phrases)


def _lower_opener(text: str) -> str:
    """'The army ...' -> 'the army ...' inside a question; names keep their capital."""
    first = text.split(" ", 1)[0]
    if first.lower() in rules().data["common_openers"] or first.lower() in _figure_openers():
        return first.lower() + text[len(first) :]
    return text


def _hedged_question(sentence: str, cue: str | None = None) -> str | None:
    claim = _claim(sentence, cue)
    if claim[:1] in _QUOTE_MARKS or rules().claim_subordinator.match(claim):
        return None  # quoted speech or a subordinate clause: no claim of the article's own to ask about
    if m := rules().expect.match(claim):
        return f"Will there be {_drop_adverbs(m.group('rest'))}?"
    if m := rules().belief.match(claim):
        subj = _lower_opener(m.group("subj"))
        if m.group("verb").lower() == "be":
            return f"{_be_for(subj).capitalize()} {subj} {m.group('rest')}?"
        return f"{_have_for(subj).capitalize()} {subj} {m.group('rest')}?"
    if (m := rules().modal.match(claim)) and (subj := _subject(m.group("subj"))):
        if m.group("have"):
            return f"{_have_for(subj).capitalize()} {subj} {_drop_adverbs(m.group('rest'))}?"
        return f"Will {subj} {_drop_adverbs(m.group('rest'))}?"
    return _confirm(claim)


def _confirm(claim: str) -> str | None:
    """The fallback: ask about the whole claim, if it reads as one (a clause of sensible length)."""
    claim = _without_opener(_drop_adverbs(claim))
    low, high = rules().data["fallback_words"]
    words = claim.split()
    if not _HAS_VERB.search(claim):
        return None  # a fragment ("in the south, in Reggio di Calabria") is no claim
    if not low <= len(words) <= high or _BAD_OPENER.fullmatch(words[0]) or _SPEECH_END.search(claim):
        return None
    return f"Is it confirmed that {_lower_opener(claim)}?"


def _without_opener(claim: str) -> str:
    """'Held on fraud charges, Awan made calls' -> 'Awan made calls': a verbless opening phrase is dropped."""
    head, sep, rest = claim.partition(", ")
    if not sep or len(head.split()) > OPENER_MAX_WORDS:
        return claim
    return rest if _PARTICIPLE_OPENER.match(head) or not _HAS_VERB.search(head) else claim


def _is_subject(text: str) -> bool:
    """Whether the words before a modal can be its subject: no clause of their own ("Burns denied ... that it")."""
    words = text.split()
    if len(words) > MAX_SUBJECT_WORDS or rules().subject_breaker.search(text):
        return False
    if text[:3].lower() == "to " or any(c in text for c in '"“”'):
        return False
    return not any(
        w.islower() and w.isalpha() and w.endswith("ed") and (i == 0 or words[i - 1].lower() not in rules().determiners)
        for i, w in enumerate(words)
    )


def _drop_adverbs(text: str) -> str:
    return " ".join(rules().adverb.sub("", text).split()).strip(" ,")


def _have_for(subject: str) -> str:
    last = subject.split()[-1]
    plural = " and " in subject or (last.islower() and last.endswith("s") and not last.endswith("ss"))
    plural = plural or last.lower() in ("they", "we", "you", "i")
    return "have" if plural else "has"


def _be_for(subject: str) -> str:
    return "are" if _have_for(subject) == "have" else "is"


def _future_question(sentence: str, fallback: bool = True) -> str | None:
    claim = _claim(sentence)
    if m := rules().expect.match(claim):
        return f"Will there be {_drop_adverbs(m.group('rest'))}?"
    if (m := rules().modal.match(claim)) and (subj := _subject(m.group("subj"))):
        if m.group("have"):
            return f"{_have_for(subj).capitalize()} {subj} {_drop_adverbs(m.group('rest'))}?"
        return f"Will {subj} {_drop_adverbs(m.group('rest'))}?"
    return f"{_AS_PLANNED} {sentence.strip()}" if fallback else None


def _subject(words: str) -> str | None:
    """The subject before a modal, ready to follow 'Will': an opening phrase before a comma is dropped
    ("Building on ATPA, the agreement" -> "the agreement"); None when the words are no subject."""
    words = words.strip().rstrip(",")
    if ", " in words:
        tail = words.rsplit(", ", 1)[1]
        if tail[:1].isalnum() and _is_subject(tail) and not _is_subject_with_apposition(words):
            words = tail
    if not _is_subject(words) or words[:1] in _QUOTE_MARKS:
        return None
    return _lower_opener(words)


def _is_subject_with_apposition(words: str) -> bool:
    """'Vladimir Putin, Russia's president' reads as one subject; 'Building on ATPA, the agreement' does not."""
    head = words.split(", ", 1)[0]
    first = head.split()[0].lower()
    if first in rules().data["common_openers"] or first.endswith("ing"):
        return False
    return all(w[:1].isupper() for w in head.split())


def _unknown_question(sentence: str, cue: str) -> str | None:
    m = rules().unknown.search(sentence)
    if m:
        return _wh_question(" ".join(m.group("wh").lower().split()), _clause(_claim(m.group("rest"))))
    for pattern, template in rules().unknown_templates:
        if m := pattern.search(sentence):
            return " ".join(template.format(rest=_claim(m.group("rest"))).split()).replace(" ?", "?")
    number = _NUMBER_OF.search(sentence)
    if number:
        return f"How many {number.group('what').strip()}?"
    if m := _UNKNOWN_THING.search(sentence):
        what = _lower_opener(_RELATIVE_ASIDE.sub("", m.group("what")))
        if count := _NUMBER_OF_THING.match(what):
            return f"How many {count.group('what')}?"
        return f"What {m.group('aux')} {what}?"
    if cue in rules().data["empty_unknowns"]:
        return None  # "declined to comment" alone names nothing that is unknown
    return f"{rules().data['unknown_fallback']} {sentence.strip()}"


def _clause(text: str) -> str:
    """The first clause of an embedded question, without relative asides: 'the man, whose name ..., was' ->
    'the man was'; '... generated and the warning was ...' -> '... generated'."""
    text = _RELATIVE_ASIDE.sub("", text)
    return _NEXT_CLAUSE.split(text, maxsplit=1)[0].strip()


def _wh_question(wh: str, rest: str) -> str:
    """'whether the talks will resume' -> 'Will the talks resume?'; 'how many died' -> 'How many died?'."""
    if wh in ("how many", "how much", "who") and not rules().auxiliary.match(rest):
        return f"{wh.capitalize()} {rest}?"
    m = rules().auxiliary.match(rest)
    if m and "," not in m.group("subj"):
        aux, subj = m.group("aux").lower(), _lower_opener(m.group("subj"))
        if wh in ("whether", "if"):
            return f"{aux.capitalize()} {subj} {m.group('rest')}?"
        if wh in ("how many", "how much") or (wh in ("which", "what", "whose") and _is_bare_noun(subj)):
            return f"{wh.capitalize()} {subj} {aux} {m.group('rest')}?"  # the wh-phrase is the subject
        return f"{wh.capitalize()} {aux} {subj} {m.group('rest')}?"
    return f"Is it known {wh} {rest}?"


def _is_bare_noun(words: str) -> bool:
    """'number' in 'which number was correct' (the wh-word's own noun), not 'their strategy' or 'they'."""
    return " " not in words and words.islower() and words not in rules().data["common_openers"]


def _asked(doc: Document, sentence: Sentence, ref: SourceRef, score: float) -> list[Candidate]:
    """A question the article asks; a question heading brings the first sentence of its section as substance."""
    if not _is_heading(doc, sentence):
        return [_candidate(sentence.text.strip(), "asked", [ref], score)]
    following = doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else None
    if following is None or _is_heading(doc, following):
        return [_candidate(sentence.text.strip(), "asked", [ref], score)]
    body = SourceRef(doc.id, following.start, following.end, following.index)
    text = f"{sentence.text.strip()} {following.text.strip()}"
    candidate = _candidate(text, "asked", [ref, body], score)
    candidate.keys = {(doc.id, following.index)}  # its substance: already asked about, it adds only the heading
    return [candidate]


def _is_heading(doc: Document, sentence: Sentence) -> bool:
    """A section heading: marked by ingest, or a short line of its own without a final period."""
    if sentence.heading:
        return True
    own_line = (sentence.start == 0 or doc.text[sentence.start - 1] == "\n") and (
        sentence.end == len(doc.text) or doc.text[sentence.end] == "\n"
    )
    return own_line and len(sentence.text.split()) <= _HEADING_MAX_WORDS and not sentence.text.endswith(".")


# --------------------------------------------------------------------------- #
# Timeline: scheduled events and single-source claims
# --------------------------------------------------------------------------- #


def _from_timeline(
    timeline: list[TimelineItem], by_id: dict[str, Document], weights: dict, documents: int
) -> list[Candidate]:
    out = []
    for item in timeline:
        if not item.sources:
            continue
        first = item.sources[0]
        score = weights.get(first.document, {}).get(first.sentence, 0.0)
        refs = [_sentence_ref(by_id, s) for s in item.sources]
        if item.future:
            text = _future_question(item.text)
            out.append(_candidate(text, "scheduled", refs, score - FALLBACK_PENALTY * text.startswith(_AS_PLANNED)))
        elif documents >= 2 and len({s.document for s in item.sources}) == 1 and _consequential(item.text):
            claim = _lower_opener(item.text.strip().rstrip(".!"))
            out.append(
                _candidate(f"Only one source reports that {claim}: is it confirmed?", "single-source", refs, score)
            )
    return out


def _sentence_ref(by_id: dict[str, Document], ref: SourceRef) -> SourceRef:
    """A reference to the whole cited sentence (timeline sources may point at a clause)."""
    doc = by_id.get(ref.document)
    if doc is None or ref.sentence >= len(doc.sentences):
        return ref
    s = doc.sentences[ref.sentence]
    return SourceRef(doc.id, s.start, s.end, s.index)
