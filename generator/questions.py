"""Open questions built from evidence: disputes, hedges, unknowns, scheduled events and single-source claims.

Every question cites the sentences it rests on and reuses their words: a rephrasing only moves or drops words
of the cited sentence ("Russia may transfer X" -> "Will Russia transfer X?"), about the clause that holds the
hedge ("the plant, which is expected to begin operation in 2007, will ..." -> "Will the plant begin operation in
2007?"). A claim hedged by an adverb is asked about as a whole ("Is it confirmed that <claim>?"); when no
faithful rephrasing exists there is no question (a sentence is never pasted after a template). An opening "he" or
"she" is replaced by the person last named (whose sentence is cited too); other opening pronouns drop the
question. Questions are ranked by kind (contradictions first) and, within a kind, by how much they involve
(entities, figures, consequence words, the briefing's principals); scheduled trivia is left out and the list is
capped. A question that a later source of the briefing answers (a sentence asserting what it asks, published
after every source asking it) is no longer open: it carries `answered_by` and is listed after the open ones. Word
lists live in `resources/hedges/questions.yaml` and `resources/questions/answers.yaml`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import cluster
from generator.entities import extract_entities
from generator.entities import lexicon as entity_lexicon
from generator.figures import lexicon as figure_lexicon
from generator.figures import numbers_in, sentence_names
from generator.model import Dispute, Document, Event, Hedge, Mention, Question, Sentence, SourceRef, TimelineItem
from generator.names import names_of, quoted_speakers
from generator.text import DASHED_ASIDE, phrase_alternation

RESOURCE = Path(__file__).resolve().parent / "resources" / "hedges" / "questions.yaml"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_TOKEN = re.compile(r"[\w'’-]+")
_UNLIKELY_GLOSS = " (unlikely)"
_TRAILING_CONJUNCTION = re.compile(r",?\s+(?:and|or|but)$")
_NAME_AT_END = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}$")
_PARTICIPLE_BREAK = re.compile(r",\s+(?=(?:(?:\w+ly|thus|thereby)\s+)?\w+ing\b)")
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
# "and" + a name and its finite verb opens a new clause: "whether he would appear and Senior Prosecutor Kim declined"
_NAMED_CLAUSE = r"(?:[A-Z][\w'’.-]*\s+){1,5}(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|said|says)\b"
_COORDINATE_CLAUSE = re.compile(
    r",?\s+(?:and|but)\s+(?=(?:(?:the|its|their)\s+)?(?:(?!(?:that|which|who)\b)[\w'’-]+\s+){0,3}"
    r"(?:is|are|was|were|will|would|has|have|had|do|does|did)\b)"
    r"|,?\s+(?:and|but)\s+(?=(?:the|a|an|it|they|he|she|this|these|those|its|their)\s+(?:[\w'’-]+\s+){0,2}"
    r"(?:may|might|could|can|should|must)\b)"
    r"|,\s+(?:and|but)\s+(?=[a-z]+ed\b)"
    r"|,?\s+(?:and|but)\s+(?=" + _NAMED_CLAUSE + r")"
)
# "..., the cardinal said, and ...": an attribution inside the sentence ends the claim
_MID_ATTRIBUTION = re.compile(r",\s+(?:[\w'’.-]+\s+){1,4}(?:said|says|added|stressed|noted|told\s+\w+),")
MAX_SUBJECT_WORDS = 14
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whose|which|where|whom)\b[^,]+,")
_NEXT_CLAUSE = re.compile(
    r",?\s+(?:and|but)\s+(?=(?:the|a|an|it|they|he|she|this|that|there)\b|" + _NAMED_CLAUSE + r")"
)
# A finite verb before a list's ", and": without one, "between X, affiliated to Y, and Z is expected" is no clause
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do|said|says)\b"
)
_PAST_VERB = re.compile(r"(?<![\w-])[a-z]+ed\b")
_PARTICIPLE_ASIDE = re.compile(r"[a-z]+ed\b")  # ", affiliated to Y,": an aside inside a noun phrase
# "... later on Saturday a UN spokesman said": an attribution the writer did not set off by a comma
_BARE_ATTRIBUTION = re.compile(r"\s+(?:a|an|the)\s+(?:[\w'’.-]+\s+){0,4}(?:said|says|told\s+\w+)$")
_UNKNOWN_THING = re.compile(
    r"\b(?P<what>the [^,;]+?)\s+(?P<aux>is|was|are|were)\s+(?:still\s+|also\s+)?"
    r"(?:not\s+(?:yet\s+)?known|unknown|unclear)\b",
    re.IGNORECASE,
)
_SPEECH_END = re.compile(r"[,.?!][\"”’]\s")  # '..., " said X': quoted speech, not the article's claim
_QUOTE_MARKS = "\"“”'‘’"
_FINAL_STOP = re.compile(r"[.!]+([\"”’']?)$")
_HEADING_MAX_WORDS = 12
# Where a clause of a sentence starts: after a comma, semicolon, colon, dash, bracket or "that".
_CLAUSE_BOUNDARY = re.compile(r"[;:]\s+|,\s+|\s(?:--|—|–)\s+|\(\s*|\bthat\s+")
_RELATIVE_OPEN = re.compile(r"(?:which|who|that)\s+")
_RELATIVE_INSIDE = re.compile(r"\b(?:which|who|whose|whom)\b")
# The frames our phrasings open with, then the word a reader takes for the subject.
_OPENING = re.compile(
    r"^(?:Is it (?:confirmed|known) (?:that |whether )?|Only one source reports that |"
    r"(?:How many \w+|What|Who|Why|When|Where|How|Which)(?: \w+)? "
    r"(?:will|would|has|have|had|is|are|was|were|did|does|do) |"
    r"(?:Will|Has|Have|Is|Are|Was|Were|Did|Does|Do|Can|Could|Would|Should) )(?P<word>[\w’']+)"
)
# "in which provinces X will ...": the noun of a prepositional wh-phrase, then its clause
_WH_NOUN = re.compile(r"(?P<noun>[a-z]+s?)\s+(?P<rest>(?:the|a|an|[A-Za-z]+)\b.*)$")
_SECOND_WH = re.compile(r"\s+(?:or|and)\s+(?=(?:when|where|whether|how|why|who|what|which|if)\b)")
_NUMERIC_APPOSITION = re.compile(r",\s+\d{1,3}(?=,)")
_INTERJECTED_ADVERB = re.compile(r",\s+(?:however|meanwhile|though|too|also),")
SOURCE_BONUS = 2  # each further source raising the same question
PRINCIPAL_BONUS = 2  # a question naming one of the briefing's principals
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
    likelihood: re.Pattern[str]
    likelihood_modal: re.Pattern[str]
    resolvable: frozenset[str]
    unresolvable: frozenset[str]
    forward_looking: frozenset[str]
    hedged_templates: list[tuple[re.Pattern[str], str]]
    predicative: re.Pattern[str]
    indefinite_openers: frozenset[str]
    possessives: frozenset[str]
    trivial: re.Pattern[str]
    descriptive: re.Pattern[str]
    not_subject_openers: frozenset[str]
    dangling: frozenset[str]
    modal_cue: re.Pattern[str]
    approximations: frozenset[str]
    claim_openers_to_skip: frozenset[str]


@functools.cache
def rules() -> Rules:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    aux = phrase_alternation(data["auxiliaries"])
    return Rules(
        data=data,
        consequence=frozenset(w.lower() for w in data["consequence"]),
        frame=re.compile(r"^(?:" + "|".join(data["frames"]) + r")\s+", re.IGNORECASE),
        trailing_attribution=re.compile(data["trailing_attribution"]),
        clause_break=re.compile(
            r"\s*(?:;|:\s|\s--\s|\s[—–-]\s|,\s+(?:" + phrase_alternation(data["clause_breaks"]) + r")\b|"
            r"\s(?:" + phrase_alternation(data["cut_before"]) + r")\s)"
        ),
        modal=re.compile(
            r"^(?P<subj>.+?)\s+(?:"
            + phrase_alternation(data["modal_will"])
            + r")\s+(?:(?:well|also|even|still|soon)\s+)?"
            r"(?P<have>have\s+(?=been\b|\w+(?:ed|en|wn|ne|nt|st|ft|ld|ught|aid|ade|ad|ot|ept|ew|ung)\b))?(?P<rest>(?!not\b)\w.*)$"
        ),
        # "not likely to push" keeps its adverb: without it the claim reads "was not to push"
        adverb=re.compile(
            r",?\s*\b(?:" + phrase_alternation(data["confirm_adverbs"]) + r")\b(?!\s+to\b),?", re.IGNORECASE
        ),
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
        claim_subordinator=re.compile(r"(?:" + phrase_alternation(data["claim_subordinators"]) + r")\b", re.IGNORECASE),
        likelihood=re.compile(data["likelihood"], re.IGNORECASE),
        likelihood_modal=re.compile(
            r"^(?P<subj>.+?)\s+(?:" + phrase_alternation(data["likelihood_modals"]) + r")\s+(?P<have>have\s+)?"
            r"(?P<rest>(?!not\b)\w.*)$"
        ),
        resolvable=frozenset(data["resolvable_pronouns"]),
        unresolvable=frozenset(data["unresolvable_pronouns"]),
        forward_looking=frozenset(data["forward_looking"]),
        predicative=re.compile(data["predicative_likelihood"], re.IGNORECASE),
        indefinite_openers=frozenset(data["indefinite_openers"]),
        possessives=frozenset(data["possessives"]),
        trivial=re.compile(rf"(?<![\w-])(?:{phrase_alternation(data['trivial_words'])})(?![\w-])", re.IGNORECASE),
        not_subject_openers=frozenset(data["not_subject_openers"]),
        descriptive=re.compile(
            rf"(?<![\w-])(?:{phrase_alternation(data['descriptive_phrases'])})(?![\w-])", re.IGNORECASE
        ),
        dangling=frozenset(data["dangling_words"]),
        hedged_templates=[(re.compile(t["re"], re.IGNORECASE), t["question"]) for t in data["hedged_templates"]],
        modal_cue=re.compile(r"(?<![\w-])(?:" + phrase_alternation(data["modal_will"]) + r")(?![\w-])"),
        claim_openers_to_skip=frozenset(w.lower() for w in data["claim_subordinators"]),
        approximations=frozenset(data["approximations"]),
    )


def _subject_breaker(groups: dict[str, list[str]]) -> re.Pattern[str]:
    """Reporting verbs and finite verbs (case as written) or subordinators (any case) inside a would-be subject."""
    subordinators = phrase_alternation(groups["subordinators"])
    verbs = phrase_alternation(groups["reporting"] + groups["finite"])
    return re.compile(rf"\b(?:(?i:{subordinators})|{verbs})\b")


@dataclass(frozen=True)
class Context:
    """What a briefing knows beyond one sentence: the names in each sentence, and its principals."""

    names: dict[str, dict[int, frozenset[str]]]  # document id -> sentence index -> canonical names
    principals: frozenset[str]  # names the briefing keeps coming back to, or its titles give

    def principal_in(self, doc: Document, sentence: Sentence, question: str) -> bool:
        """Whether the question names (a word of) one of the briefing's principals found in the sentence."""
        found = self.names.get(doc.id, {}).get(sentence.index, frozenset()) & self.principals
        words = set(_WORD.findall(question))
        return any(w in words for name in found for w in name.split())


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
    names = {doc.id: sentence_names(doc) for doc in documents}
    weights = {doc.id: _sentence_weights(doc, names[doc.id]) for doc in documents}
    context = Context(names, _principals(documents, names))
    candidates: list[Candidate] = []
    for dispute in disputes:
        candidates.extend(_from_dispute(dispute, by_id, weights))
    for doc in documents:
        for hedge in doc.hedges:
            candidates.extend(_from_hedge(doc, hedge, weights[doc.id], context))
    candidates.extend(_from_timeline(timeline, by_id, weights, context))
    principal_words = {w for name in context.principals for w in name.split() if len(w) > 3}
    for i, candidate in enumerate(candidates):
        candidate.order = i
        if principal_words & set(_WORD.findall(candidate.question.text)):
            candidate.score += PRINCIPAL_BONUS  # about whom the briefing is, not a bystander
    candidates = _merge_same_questions(candidates)
    mark_answered([c.question for c in candidates], documents, context)
    mark_overdue([c.question for c in candidates], documents, timeline)
    still_open = [c for c in candidates if c.question.answered_by is None]
    answered = [c for c in candidates if c.question.answered_by is not None]
    return _select(still_open, rules().data["limit"]) + _select(answered, answer_rules().limit)


def _select(candidates: list[Candidate], limit: int) -> list[Question]:
    """The most important candidates, at most `limit` and `per_kind` of each kind, none resting only on sentences
    an earlier choice already asks about."""
    data = rules().data
    kinds = data["kind_order"]
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
        if len(chosen) >= limit:
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


def _principals(documents: list[Document], names: dict[str, dict[int, frozenset[str]]]) -> frozenset[str]:
    """Names in at least `principal_min_sentences` sentences of the briefing, or in an article's title or lead."""
    counts: dict[str, int] = defaultdict(int)
    for by_sentence in names.values():
        for found in by_sentence.values():
            for name in found:
                counts[name] += 1
    least = rules().data["principal_min_sentences"]
    principals = {n for n, c in counts.items() if c >= least}
    for doc in documents:
        lead = next((s.index for s in doc.sentences if not s.heading), None)
        principals |= names[doc.id].get(lead, frozenset()) if lead is not None else set()
        title = set(_WORD.findall(doc.title))
        principals |= {n for n in counts if any(w in title for w in n.split() if len(w) > 3)}
    return frozenset(principals)


def _sentence_weights(doc: Document, names: dict[int, frozenset[str]]) -> dict[int, float]:
    """Per sentence: distinct entities + figures + consequence words (a cheap stand-in for importance)."""
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


def _from_hedge(doc: Document, hedge: Hedge, weights: dict[int, float], context: Context) -> list[Candidate]:
    sentence = doc.sentences[hedge.sentence] if hedge.sentence < len(doc.sentences) else None
    if sentence is None:
        return []
    ref = SourceRef(doc.id, sentence.start, sentence.end, sentence.index)
    score = weights.get(sentence.index, 0.0)
    if hedge.kind == "question":
        return _asked(doc, sentence, ref, score)
    if _is_heading(doc, sentence):
        return []  # a headline ("New coalition to last six months: nationalists") makes no claim to ask about
    if hedge.kind == "unknown":
        return _settled(doc, sentence, _unknown_question(sentence.text), "unknown", [ref], score)
    if hedge.kind == "future":
        text = _future_question(sentence.text)
        if text is None or not _worth_watching(text, doc, sentence, context):
            return []  # no event to watch, or a trivial one ("Will the seminar include a variety of topics?")
        return _settled(doc, sentence, text, "scheduled", [ref], score)
    if score <= 0 or hedge.cue in rules().data["no_question_cues"]:
        return []  # nothing of consequence hedged, or only a fear framed: not worth a question
    text = _hedged_question(sentence.text, hedge.cue)
    if text is None:
        return []
    score -= FALLBACK_PENALTY * text.startswith("Is it confirmed")
    return _settled(doc, sentence, text, "hedged", [ref], score)


def _settled(
    doc: Document, sentence: Sentence, text: str | None, kind: str, refs: list[SourceRef], score: float
) -> list[Candidate]:
    """The candidate for `text`, its opening pronoun resolved (citing the antecedent's sentence) or dropped."""
    if text is None or (kind != "asked" and (_dangles(text) or _unbalanced_quotes(text) or _cut_number(text))):
        return []
    if rules().descriptive.search(text):
        return []  # "Will people be seen wandering around?": a description, not a question
    settled = _resolve_opening_pronoun(doc, sentence, text)
    if settled is None:
        return []
    text, antecedent = settled
    refs = refs + [r for r in antecedent if r not in refs]
    return [_candidate(text, kind, refs, score)]


def _unbalanced_quotes(question: str) -> bool:
    """A quotation opened or closed outside the words kept ('..., at the same time," Maj. Gen. X')."""
    straight = question.count('"') % 2
    return bool(straight) or question.count("“") != question.count("”")


def _cut_number(question: str) -> bool:
    """'... to improve the lot of nearly 1?': a single digit after an approximation ends where the sentence was
    split inside a decimal ('nearly 1.5 billion'): its unit is missing."""
    words = _TOKEN.findall(question.split("?", 1)[0].lower())
    return len(words) > 1 and words[-1].isdigit() and len(words[-1]) == 1 and words[-2] in rules().approximations


def _dangles(question: str) -> bool:
    """The question ends where its object should be: 'Will Gates be involved in shaping?'."""
    words = _TOKEN.findall(question.split("?", 1)[0].lower())
    if not words:
        return True
    last = words[-1]
    gerund_object = last.endswith("ing") and len(words) > 1 and words[-2] in rules().dangling
    return last in rules().dangling or (gerund_object and words[-2] not in rules().determiners)


def _worth_watching(question: str, doc: Document, sentence: Sentence, context: Context) -> bool:
    """A scheduled event of consequence: its question names a consequence word, a principal of the briefing or a
    figure of the sentence (a date is no figure)."""
    if not rules().data["scheduled_needs_consequence"]:
        return True
    if any(w.lower() in rules().consequence for w in _WORD.findall(question)):
        return True
    if context.principal_in(doc, sentence, question) and not rules().trivial.search(question):
        return True  # a principal's plans, unless only ceremony ("will provide the keynote address")
    return any(f.sentence == sentence.index and f.text in question for f in doc.figures)


# --------------------------------------------------------------------------- #
# Pronouns: a question must name who it is about
# --------------------------------------------------------------------------- #


def _resolve_opening_pronoun(doc: Document, sentence: Sentence, text: str) -> tuple[str, list[SourceRef]] | None:
    """'Will he hold talks?' -> 'Will Li Peng hold talks?', by the name layer the quotes use too (`generator.names`),
    citing the sentence that names the antecedent; None when the subject is a pronoun no name can replace ('it',
    'they', 'his') or that nothing before it resolves."""
    m = _OPENING.match(text)
    word = m.group("word").lower().replace("’", "'") if m else ""
    if m is None or (word not in rules().resolvable and word not in rules().unresolvable):
        if m and _is_common(m.group("word"), text[m.end("word") :].lstrip(), doc):
            text = text[: m.start("word")] + m.group("word").lower() + text[m.end("word") :]  # "Will banks close?"
        return text, []
    if word in rules().unresolvable:
        return None
    found = _antecedent(doc, sentence, word)
    if found is None:
        return None
    name, ref = found
    return text[: m.start("word")] + name + text[m.end("word") :], [ref]


# A question stands alone: its pronoun is replaced only by a name from its own sentence or the few before it, where
# a wrong antecedent is rare; farther back the question is dropped rather than given a wrong name.
ANTECEDENT_WITHIN_SENTENCES = 2
# "Harry said he ...": the pronoun after a named speaker's verb of saying stands for that speaker
_SPEAKER_OF_PRONOUN = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]+)\s+(?:said|says|added|told\s+\w+)\s+(?:that\s+)?(?P<pronoun>he|she)\b"
)


def _antecedent(doc: Document, sentence: Sentence, pronoun: str) -> tuple[str, SourceRef] | None:
    """The name the pronoun stands for where the sentence writes it, and the sentence that names it."""
    at = re.search(rf"\b{re.escape(pronoun)}\b", sentence.text, re.IGNORECASE)
    table = names_of(doc)
    found = table.antecedent(sentence.start + (at.start() if at else 0), pronoun, quoted_speakers(doc, table))
    source = doc.sentence_at(found.start) if found else None
    if found is None or source is None or source.index < sentence.index - ANTECEDENT_WITHIN_SENTENCES:
        return None
    speaker = _SPEAKER_OF_PRONOUN.search(sentence.text)
    if speaker and speaker.group("pronoun").lower() == pronoun:
        said_by = sentence.text[: speaker.end("name")]
        if not any(re.search(rf"\b{re.escape(w)}\b", said_by) for w in found.name.split()):
            return None  # "Harry said he would appear": he is the speaker, whatever name came before
    return found.name, SourceRef(doc.id, source.start, source.end, source.index)


def _mentions(doc: Document) -> list[Mention]:
    # only met when a question opens on a common word; a document annotated without mentions gets them here
    return doc.mentions or extract_entities(doc.text)


def _claim(text: str, cue: str | None = None) -> str:
    """The claim a hedged sentence makes: framing removed, trailing side clauses cut, no final period.

    The framing is kept when removing it would lose the hedge cue (an attribution in the middle of the sentence).
    """
    text = DASHED_ASIDE.sub(" ", _FINAL_STOP.sub(r"\1", text.strip()))
    text = rules().leading_conjunction.sub("", text)
    frame = rules().frame.match(text)
    if frame and not (cue and cue in frame.group(0).lower()) and _HAS_VERB.search(text, frame.end()):
        # (a "frame" whose rest has no verb was an adjective: "157 reported homicides over the year")
        text = rules().leading_conjunction.sub("", text[frame.end() :])
    text = rules().trailing_attribution.sub("", text)
    m = rules().clause_break.search(text)
    if m:
        text = text[: m.start()]
    text = _PARTICIPLE_BREAK.split(text, maxsplit=1)[0]
    text = _before_next_clause(_COORDINATE_CLAUSE, text)
    text = _before_next_clause(_past_clause(), text)
    text = _MID_ATTRIBUTION.split(text, maxsplit=1)[0]
    text = rules().trailing_attribution.sub("", text).strip().rstrip(",")
    text = _BARE_ATTRIBUTION.sub("", text)
    return _TRAILING_CONJUNCTION.sub("", text)


@functools.cache
def _irregular_past() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + phrase_alternation(rules().data["irregular_past_forms"]) + r")(?![\w-])")


@functools.cache
def _past_clause() -> re.Pattern[str]:
    """', and a newsletter from the embassy left ...': a comma, 'and', a noun phrase and a past verb open a new
    clause (its verb a regular -ed form or one of the irregular past forms of the resource)."""
    past = phrase_alternation(rules().data["irregular_past_forms"])
    return re.compile(
        r",\s+(?:and|but)\s+(?=(?:the|a|an|this|these|those|its|their|his|her)\s+"
        r"(?:(?!(?:that|which|who|whose)\b)[\w'’-]+\s+){1,6}(?:[a-z]+ed|" + past + r")\b)"
    )


@functools.cache
def _figure_openers() -> frozenset[str]:
    """First words of number words, vague quantities and modifiers: 'Roughly 2,150', 'Thousands of'."""
    data = figure_lexicon().data
    phrases = [*data["number_words"], *data["vague_quantities"], *data["vague_multipliers"]]
    phrases += [w for words in data["modifiers"].values() for w in words]
    return frozenset(p.split()[0].lower() for p in phrases)


def _lower_opener(text: str) -> str:
    """'The army ...' -> 'the army ...', 'Left-wing groups' -> 'left-wing groups' inside a question; names keep
    their capital."""
    first = text.split(" ", 1)[0]
    if first.lower() in rules().data["common_openers"] or first.lower() in _figure_openers():
        return first.lower() + text[len(first) :]
    return text


def _is_common(word: str, rest: str, doc: Document) -> bool:
    """A common English word capitalised only because it opened the sentence: no word of the article's names,
    every part of it in the English word list and either none a place, given name, title or organisation word or
    the article writing it in lower case too ('pace bowler'), and no capitalised word after it (which would make
    it part of a name: 'White House')."""
    if not (word[:1].isupper() and word[1:].islower()) or rest[:1].isupper() or word in _name_words(doc):
        return False
    lex = entity_lexicon()
    parts = word.lower().split("-")
    if not all(p in lex.english for p in parts):
        return False
    lists = (lex.places, lex.first_names, lex.title_words, lex.org_words, lex.demonym_words)
    if not any(p in n for p in parts for n in lists):
        return True
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", doc.text) is not None


def _name_words(doc: Document) -> frozenset[str]:
    return frozenset(w for m in _mentions(doc) for w in m.text.split())


def _hedged_question(sentence: str, cue: str | None = None) -> str | None:
    """The question a hedged sentence raises, about the clause that holds the hedge."""
    for pattern, template in rules().hedged_templates:
        if m := pattern.search(sentence):  # "unconfirmed reports of X" -> "Are the reports of X confirmed?"
            return " ".join(template.format(**m.groupdict()).split())
    claim = _claim(sentence, cue)
    if cue is None or _holds(claim, cue):
        return _with_source_of_doubt(sentence, _hedged_claim_question(claim, cue))
    # the hedge sits in another clause than the main claim: ask about that clause, or not at all
    for clause in _clauses_with(sentence, cue):
        if _holds(claim := _claim(clause, cue), cue):
            return _with_source_of_doubt(sentence, _hedged_claim_question(claim, cue))
    return None


def _with_source_of_doubt(sentence: str, question: str | None) -> str | None:
    """'Will troops be sent? (unlikely)' -> 'Will troops be sent? (Military sources said it was unlikely)': the
    gloss becomes the sentence's own words up to the cue, when they are few."""
    if question is None or not question.endswith(_UNLIKELY_GLOSS):
        return question
    m = re.search(r"\bunlikely\b", sentence)
    if m is None:
        return question
    said = rules().leading_conjunction.sub("", sentence[: m.end()].strip())
    if len(said.split()) > rules().data["gloss_max_words"] or said.lower() == "unlikely":
        return question
    return f"{question[: -len(_UNLIKELY_GLOSS)]} ({said})"


def _there_be(m: re.Match[str]) -> str | None:
    """'More bilateral talks were likely after X' -> 'Will there be more bilateral talks after X?'; a definite
    subject ('The vote is expected') has no such question without words of our own."""
    subj = m.group("subj")
    if subj.split()[0].lower() not in rules().indefinite_openers and not subj.split()[0].islower():
        return None
    if not _is_subject(subj):
        return None
    rest = f" {m.group('rest')}" if m.group("rest") else ""
    gloss = " (unlikely)" if m.group("cue").lower() == "unlikely" else ""
    return f"Will there be {_lower_opener(subj[0].lower() + subj[1:])}{rest}?{gloss}"


def _hedges_main_verb(claim: str, cue: str) -> bool:
    """The cue stands right after an auxiliary ('has reportedly finalised') or before the claim's first verb ('the
    general reportedly fled'), not after it ('made headlines ... a contract reportedly worth')."""
    m = re.search(rf"(?<![\w-])(?:{phrase_alternation([cue])})(?![\w-])", claim, re.IGNORECASE)
    if m is None:
        return False
    before = claim[: m.start()].split()
    if before and before[-1].lower() in rules().data["auxiliaries"] + ["be", "been"]:
        return True
    verb = _HAS_VERB.search(claim)
    return verb is None or verb.start() >= m.start()


def _holds(claim: str, cue: str) -> bool:
    """Whether the cue (as the hedge layer normalised it) is among the claim's words."""
    return re.search(rf"(?<![\w-])(?:{phrase_alternation([cue])})(?![\w-])", claim, re.IGNORECASE) is not None


def _clauses_with(sentence: str, cue: str) -> list[str]:
    """The clauses holding the cue, each from its own start: '..., the plant, which is expected to begin ...' ->
    'the plant is expected to begin ...' (a relative pronoun replaced by the noun phrase it follows)."""
    text = _FINAL_STOP.sub(r"\1", sentence.strip())
    pattern = re.compile(rf"(?<![\w-])(?:{phrase_alternation([cue])})(?![\w-])", re.IGNORECASE)
    clauses = []
    for m in pattern.finditer(text):
        if (clause := _clause_at(text, m.start())) is not None:
            clauses.append(clause)
    return clauses


def _clause_at(text: str, pos: int) -> str | None:
    starts = [0] + [m.end() for m in _CLAUSE_BOUNDARY.finditer(text, 0, pos)]
    clause = text[starts[-1] :]
    if clause.split(" ", 1)[0] in ("and", "or") and (
        _PARTICIPLE_ASIDE.match(text, starts[-2] if len(starts) > 1 else 0) or not _has_verb_before(text, starts[-1])
    ):
        return None  # "between X, affiliated to Y, and Z is expected to": the last item of a list, not a clause
    if len(starts) > 1 and _ends_list(text, starts[-2], starts[-1], text[starts[-1] : pos]):
        return None  # "Dragon boat races, fireworks and other celebrations are": not the list's last items
    if clause.split(" ", 1)[0] in rules().data["auxiliaries"]:
        return _with_subject_before(text, starts, clause)
    relative = _RELATIVE_OPEN.match(clause)
    if relative is None:
        return clause
    if len(starts) < 2:
        return None
    head = text[starts[-2] : starts[-1]].rstrip(" ,(")
    if not head or not _is_subject(head) or head.split()[0].lower() in rules().claim_openers_to_skip:
        return None
    if _FINITE_VERB.search(head) or _irregular_past().search(head):
        return None  # "The clubs would join Metz, which might ...": the clause before is no noun phrase
    if len(starts) > 2 and _ends_list(text, starts[-3], starts[-2], head):
        return None  # "Boston, Buffalo and Pittsburgh, which might be relocating": which of them is unclear
    body = clause[relative.end() :].split(", ", 1)[0]  # a relative clause ends at the next comma
    return f"{head} {body}"


def _with_subject_before(text: str, starts: list[int], clause: str) -> str | None:
    """'The Games Village, which will become ..., is expected to be completed' -> 'The Games Village is expected to
    be completed': a clause opening on its verb takes the noun phrase before the relative clauses and appositions."""
    for i in range(len(starts) - 2, -1, -1):
        segment = text[starts[i] : starts[i + 1]].rstrip(" ,(")
        first = segment.split(" ", 1)[0].lower()
        if i > 0 and (
            _RELATIVE_OPEN.match(segment) or (first in rules().determiners and not _HAS_VERB.search(segment))
        ):
            continue  # a relative clause or an apposition ("a former director") between subject and verb
        if not _is_subject(segment) or first in rules().claim_openers_to_skip or first in rules().data["auxiliaries"]:
            return None  # (", should it come to pass, will": a conditional aside, no subject)
        if i > 0 and _ends_list(text, starts[i - 1], starts[i], segment):
            return None  # "the arts, design and media sectors, will": the list's last items are no subject
        return f"{segment} {clause}"
    return None


def _hedged_claim_question(claim: str, cue: str | None) -> str | None:
    if claim[:1] in _QUOTE_MARKS or rules().claim_subordinator.match(claim):
        return None  # quoted speech or a subordinate clause: no claim of the article's own to ask about
    if m := rules().likelihood.match(claim):  # "it was unlikely Italian troops would be sent" -> "Will ... sent?"
        inner = rules().likelihood_modal.match(m.group("rest"))
        if inner is None or not (subj := _subject(inner.group("subj"))):
            return None
        gloss = f" ({m.group('cue').lower()})" if m.group("cue").lower() == "unlikely" else ""
        verb = _have_for(subj).capitalize() if inner.group("have") else "Will"
        return f"{verb} {subj} {_drop_adverbs(inner.group('rest'))}?{gloss}"
    if m := rules().predicative.match(claim):  # "More talks were likely after the session"
        return _there_be(m)
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
        gloss = " (unlikely)" if re.search(r"\bunlikely\b", m.group(0)[: m.start("rest")]) else ""
        if _past_tense(_drop_adverbs(m.group("rest"))):
            return None
        return f"Will {subj} {_drop_adverbs(m.group('rest'))}?{gloss}"
    if cue and _holds(_drop_adverbs(claim), cue):
        return None  # "Is it confirmed that the government might ..." reads badly: only adverb hedges are confirmed
    if cue and (relative := _RELATIVE_INSIDE.search(claim)) and _holds(claim[relative.end() :], cue):
        return None  # "products which contain potentially dangerous substances": the hedge is not the claim's
    if cue and not _hedges_main_verb(claim, cue):
        return None  # "expelled Nepalese for allegedly entering": what is hedged is a side detail, not the claim
    return _confirm(claim)


def _confirm(claim: str) -> str | None:
    """The fallback: ask about the whole claim, if it reads as one (a clause of sensible length)."""
    claim = _without_opener(_drop_adverbs(claim))
    low, high = rules().data["fallback_words"]
    words = claim.split()
    if not _HAS_VERB.search(claim) or words[0] in rules().data["auxiliaries"]:
        return None  # a fragment ("in the south, in Reggio di Calabria") or a clause without subject is no claim
    if not low <= len(words) <= high or _BAD_OPENER.fullmatch(words[0]) or _SPEECH_END.search(claim):
        return None
    return f"Is it confirmed that {_lower_opener(claim)}?"


def _without_opener(claim: str) -> str:
    """'Held on fraud charges, Awan made calls' -> 'Awan made calls': a verbless opening phrase is dropped."""
    head, sep, rest = claim.partition(", ")
    if not sep or len(head.split()) > OPENER_MAX_WORDS or head.split()[0].lower() in rules().determiners:
        return claim  # "The consortium, led by ..., has finalised": the head is the subject
    return rest if _PARTICIPLE_OPENER.match(head) or not _HAS_VERB.search(head) else claim


def _is_subject(text: str) -> bool:
    """Whether the words before a modal can be its subject: no clause of their own ("Burns denied ... that it")."""
    words = text.split()
    if len(words) > MAX_SUBJECT_WORDS or rules().subject_breaker.search(text):
        return False
    if text[:3].lower() == "to " or any(c in text for c in '"“”'):
        return False
    if words and (
        words[0].lower() in rules().not_subject_openers or " ".join(words[:2]).lower() in rules().not_subject_openers
    ):
        return False  # "saying the satellite", "at 1115 GMT", "while those": a phrase, not a subject
    if text.count("(") != text.count(")"):
        return False  # "IBF) see": the end of an aside, not a subject
    if words and words[0].islower() and words[0].endswith("ing"):
        return False  # "meeting at a summit in Brussels": the rest of a phrase whose head was cut
    if words and words[-1].lower() in rules().possessives:
        return False  # "... over his plans to tighten": 'plans' is a noun here, not the verb of a subject
    return not any(
        w.islower() and w.isalpha() and w.endswith("ed") and (i == 0 or words[i - 1].lower() not in rules().determiners)
        for i, w in enumerate(words)
    )


def _drop_adverbs(text: str) -> str:
    return " ".join(rules().adverb.sub("", text).split()).strip(" ,")


def _have_for(subject: str) -> str:
    last = subject.split()[-1].rstrip(",")
    plural = " and " in subject or (last.islower() and last.endswith("s") and not last.endswith("ss"))
    plural = plural or last.lower() in ("they", "we", "you", "i")
    plural = plural or subject.split()[0].lower() in rules().data["plural_openers"]  # "those who have died"
    return "have" if plural else "has"


def _be_for(subject: str) -> str:
    return "are" if _have_for(subject) == "have" else "is"


# A "sentence" longer than this is text the splitter could not cut (a transcript, junk), not a claim to ask about.
MAX_SENTENCE_CHARS = 1500


def _future_question(sentence: str) -> str | None:
    """'The plant, which is expected to begin operation in 2007, will ...' -> 'Will the plant begin operation in
    2007?': the main claim if it looks ahead, else the first clause that does; None when none can be rephrased
    (a sentence is never pasted after a template question)."""
    if len(sentence) > MAX_SENTENCE_CHARS:
        return None  # no readable question comes of it, and each of its clauses would be read anew
    if question := _future_claim_question(_claim(sentence)):
        return question
    for m in rules().modal_cue.finditer(sentence):
        clause = _clause_at(_FINAL_STOP.sub(r"\1", sentence.strip()), m.start())
        if clause is not None and (question := _future_claim_question(_claim(clause))):
            return question
    return None


def _future_claim_question(claim: str) -> str | None:
    if m := rules().expect.match(claim):
        return f"Will there be {_drop_adverbs(m.group('rest'))}?"
    if (m := rules().modal.match(claim)) and (subj := _subject(m.group("subj"))):
        if m.group("have"):
            return f"{_have_for(subj).capitalize()} {subj} {_drop_adverbs(m.group('rest'))}?"
        if _past_tense(_drop_adverbs(m.group("rest"))):
            return None  # "is expected to announced" (a typo): "Will Bush announced ...?" reads badly
        return f"Will {subj} {_drop_adverbs(m.group('rest'))}?"
    return None


def _past_tense(rest: str) -> bool:
    """Whether the verb after a modal is a past form ('announced'), not a base form ending in -ed ('need')."""
    verb = rest.split(" ", 1)[0].lower()
    return verb.endswith("ed") and not verb.endswith("eed") and verb not in rules().data["base_verbs_in_ed"]


def _subject(words: str) -> str | None:
    """The subject before a modal, ready to follow 'Will': an opening phrase before a comma is dropped
    ("Building on ATPA, the agreement" -> "the agreement"); None when the words are no subject."""
    words = words.strip().rstrip(",")
    if ", " in words:
        head, tail = words.rsplit(", ", 1)
        if tail.split(" ", 1)[0] in rules().data["auxiliaries"]:
            return None  # "any strike, should it come to pass,": a conditional aside ends the words, no subject
        if tail.split(" ", 1)[0] in ("and", "or"):
            return None  # "a venture between X, affiliated to Y, and Z": the last item of a list is no subject
        if _continues_list(tail) and _is_noun_phrase(head):
            return _lower_opener(words)  # "a road project in northern, central and eastern provinces": one subject
        listed = re.search(r"\s(?:and|or)\s", tail) is not None
        if _continues_list(tail) or (listed and _is_list_item(head)):
            return None  # "Dragon boat races, fireworks and other celebrations": not the list's last items alone
        if listed and tail[:1].isupper() and _is_list_item(_without_determiner(head)):
            return None  # "the central and southern Luzon, Visayas and Mindanao regions": a list of places
        if (name := _named_before_apposition(head, tail)) is not None:
            words = f"{name}, {tail}"  # "Investigators believe Kovtun, a businessman": the named one
        elif tail[:1].isalnum() and _is_subject(tail) and not _is_subject_with_apposition(words):
            words = tail
    if not _is_subject(words) or words[:1] in _QUOTE_MARKS:
        return None
    return _lower_opener(words) + ("," if ", " in words else "")  # an apposition closes with its comma


def _ends_list(text: str, before: int, start: int, segment: str) -> bool:
    """Whether `segment` (from `start`) holds the last items of a list whose earlier item runs from `before`, or
    opens on a bare lowercase word after a comma ('in western, central and eastern provinces')."""
    if not re.search(r"\s(?:and|or)\s", segment) or text[start - 2] != ",":
        return False
    previous = text[before:start].rstrip(" ,")
    last_phrase = re.split(r"\b(?:the|a|an|from|of|in)\s+", previous)[-1]  # "said the central and southern Luzon"
    listing = " and " in last_phrase and _is_list_item(last_phrase)  # a list already under way before the comma
    return _continues_list(segment) or _is_list_item(_without_determiner(previous)) or listing


def _is_noun_phrase(head: str) -> bool:
    """'A road project in northern': a determiner and a few words, no comma and no verb ('Fresh from X, the witty'
    is an opening phrase, then a list)."""
    words = head.split()
    return (
        ", " not in head
        and len(words) <= OPENER_MAX_WORDS
        and words[0].lower() in rules().determiners
        and not _has_verb_before(head, len(head))
    )


def _continues_list(words: str) -> bool:
    """'eloquent and youthful Cameron' after 'the telegenic, ': a lowercase word no determiner opens, joined by
    'and': the rest of a list of modifiers or places, not a subject of its own."""
    first = words.split(" ", 1)[0]
    if not first.islower() or first in rules().determiners or first.endswith(("ly", "ed", "ing")):
        return False  # "the project, jointly initiated by X and Y,": an aside, not the rest of a list
    joined = re.search(r"\s(?:and|or)\s", words)
    return joined is not None and len(words[: joined.start()].split()) <= 2  # "central and", not "one of the ..."


def _has_verb_before(text: str, end: int) -> bool:
    return bool(
        _FINITE_VERB.search(text, 0, end) or _PAST_VERB.search(text, 0, end) or _irregular_past().search(text, 0, end)
    )


def _without_determiner(words: str) -> str:
    first, _, rest = words.partition(" ")
    return rest if rest and first.lower() in rules().determiners else words


def _is_list_item(head: str) -> bool:
    """'Dragon boat races' before ', fireworks and ...': a short noun phrase, not an opening phrase ('Building on
    ATPA', 'In 2007') or a clause."""
    words = head.split()
    first = words[0].lower()
    if len(words) > 4 or _FINITE_VERB.search(head) or first in rules().data["common_openers"]:
        return False
    return not first.endswith(("ing", "ly"))


def _named_before_apposition(head: str, tail: str) -> str | None:
    """'Investigators believe Kovtun' + 'a 41-year-old businessman' -> 'Kovtun': a name right after a verb, then an
    indefinite apposition (not 'the Bank of China, the lender', where the name ends a longer noun phrase)."""
    name = _NAME_AT_END.search(head)
    if name is None or tail.split(" ", 1)[0] not in ("a", "an"):
        return None
    before = head[: name.start()].split()
    if not before or not before[-1].islower() or before[-1] in rules().dangling:
        return None
    return name.group(0)


def _is_subject_with_apposition(words: str) -> bool:
    """'Vladimir Putin, Russia's president' reads as one subject; 'Building on ATPA, the agreement' does not."""
    head = words.split(", ", 1)[0]
    first = head.split()[0].lower()
    if first in rules().determiners and not _HAS_VERB.search(head):
        return True  # "the offer, worth up to 10.9 billion dollars,": a noun phrase and its apposition
    if first in rules().data["common_openers"] or first.endswith(("ing", "ly")):
        return False  # "Building on ATPA,", "Currently,": an opening phrase
    if head[:1].isupper() and words.rsplit(", ", 1)[1].split(" ", 1)[0] in ("a", "an"):
        return not _HAS_VERB.search(head)  # "Dexia bank, a big shareholder": a name and what it is
    return all(w[:1].isupper() for w in head.split())


def _unknown_question(sentence: str) -> str | None:
    m = rules().unknown.search(sentence)
    if m:
        rest = m.group("rest")
        if cut := rules().clause_break.search(rest):  # "when he would leave, but Interfax said ...": its own clause
            rest = rest[: cut.start()]
        return _wh_question(" ".join(m.group("wh").lower().split()), _clause(_claim(rest)))
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
    return None  # what is unknown cannot be named faithfully: no question rather than a pasted sentence


def _clause(text: str) -> str:
    """The first clause of an embedded question, without relative asides: 'the man, whose name ..., was' ->
    'the man was'; '... generated and the warning was ...' -> '... generated'."""
    text = _RELATIVE_ASIDE.sub("", text)
    return _before_next_clause(_NEXT_CLAUSE, text).strip()


def _before_next_clause(pattern: re.Pattern[str], text: str) -> str:
    """The text up to the first 'and' that opens a new clause, one after a verb: 'the talks between Iran and the
    IAEA will resume' has none (no verb before 'and': its words are one subject)."""
    for m in pattern.finditer(text):
        before, after = text[: m.start()].split(), text[m.end() :].split()
        if before and after and before[-1][:1].isupper() and after[0][:1].isupper():
            continue  # "after the US and Russia closed ranks": two names joined, not two clauses
        if _has_verb_before(text, m.start()):
            return text[: m.start()]
    return text


def _wh_question(wh: str, rest: str) -> str:
    """'whether the talks will resume' -> 'Will the talks resume?'; 'how many died' -> 'How many died?'."""
    rest = _SECOND_WH.split(rest, maxsplit=1)[0]  # "... removed or when the decision would take effect": ask one
    m = _WH_NOUN.match(rest) if wh.endswith((" which", " what")) else None
    if m and m.group("noun") not in rules().data["common_openers"]:  # "in which provinces martial law will be"
        inner = rules().auxiliary.match(m.group("rest"))
        if inner is None or "," in inner.group("subj"):
            return f"Is it known {wh} {rest}?" if len(rest.split()) > 2 else None
        clause = f"{inner.group('aux').lower()} {inner.group('subj')} {inner.group('rest')}"
        return f"{wh.capitalize()} {m.group('noun')} {clause}?"
    if wh in ("how many", "how much", "who") and not rules().auxiliary.match(rest):
        if rest.split(" ", 1)[0].lower() in rules().data["common_openers"]:
            return f"Is it known {wh} {rest}?"  # "who he meant": the wh-word is the object, not the subject
        return f"{wh.capitalize()} {rest}?"
    m = rules().auxiliary.match(rest)
    if m and "," not in m.group("subj"):
        aux, subj = m.group("aux").lower(), _lower_opener(m.group("subj"))
        first, _, others = subj.partition(" ")
        if wh == "how" and others and first.islower() and first not in rules().data["common_openers"]:
            wh, subj = f"how {first}", others  # "how long the talks would last" -> "How long would the talks last?"
        if wh in ("whether", "if"):
            return f"{aux.capitalize()} {subj} {m.group('rest')}?"
        if wh in ("how many", "how much") or (wh in ("which", "what", "whose") and _is_bare_noun(subj)):
            return f"{wh.capitalize()} {subj} {aux} {m.group('rest')}?"  # the wh-phrase is the subject
        return f"{wh.capitalize()} {aux} {subj} {m.group('rest')}?"
    if len(rest.split()) < 2:
        return None  # "whether Jiang": too little left to ask about
    return f"Is it known {wh} {rest}?"


def _is_bare_noun(words: str) -> bool:
    """'number' in 'which number was correct' (the wh-word's own noun), not 'their strategy' or 'they'."""
    return " " not in words and words.islower() and words not in rules().data["common_openers"]


def _asked(doc: Document, sentence: Sentence, ref: SourceRef, score: float) -> list[Candidate]:
    """A question the article asks and leaves open. One it answers at once (the next sentence of its paragraph, or
    the section under a question heading) is not open, unless it asks what comes next."""
    following = doc.sentences[sentence.index + 1] if sentence.index + 1 < len(doc.sentences) else None
    forward = any(w.lower() in rules().forward_looking for w in _WORD.findall(sentence.text))
    if not _is_heading(doc, sentence):
        answered = following is not None and _answers(doc, sentence, following)
        if answered and not forward:
            return []  # "Why does it matter? Because ...": a rhetorical question
        return _settled(doc, sentence, sentence.text.strip(), "asked", [ref], score)
    if following is None or _is_heading(doc, following):
        return [_candidate(sentence.text.strip(), "asked", [ref], score)]
    if not forward:
        return []  # "Why Is North Korea Doing This?" above the section that says why: answered, not open
    # what comes next stays open: the question alone, citing the section's first sentence as its context
    body = SourceRef(doc.id, following.start, following.end, following.index)
    candidate = _candidate(sentence.text.strip(), "asked", [ref, body], score)
    candidate.keys = {(doc.id, following.index)}  # its substance: already asked about, it adds only the heading
    return [candidate]


def _answers(doc: Document, question: Sentence, following: Sentence) -> bool:
    """The next sentence goes on in the question's paragraph and is no question itself."""
    same_paragraph = "\n" not in doc.text[question.end : following.start]
    return same_paragraph and not following.text.rstrip(_QUOTE_MARKS + ")] ").endswith("?")


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
    timeline: list[TimelineItem], by_id: dict[str, Document], weights: dict, context: Context
) -> list[Candidate]:
    documents = len(by_id)
    out = []
    for item in timeline:
        if not item.sources:
            continue
        first = item.sources[0]
        score = weights.get(first.document, {}).get(first.sentence, 0.0)
        refs = [_sentence_ref(by_id, s) for s in item.sources]
        doc = by_id.get(first.document)
        sentence = doc.sentences[first.sentence] if doc and first.sentence < len(doc.sentences) else None
        if sentence is None or _is_heading(doc, sentence):
            continue
        if item.future:
            text = _future_question(item.text)
            if text is not None and _worth_watching(text, doc, sentence, context):
                out.extend(_settled(doc, sentence, text, "scheduled", refs, score))
        elif documents >= 2 and len({s.document for s in item.sources}) == 1 and _consequential(item.text):
            if claim := _reported_claim(item.text):
                text = f"Only one source reports that {_lower_opener(claim)}: is it confirmed?"
                out.extend(_settled(doc, sentence, text, "single-source", refs, score))
    return out


def mark_overdue(questions: list[Question], documents: list[Document], timeline: list[TimelineItem]) -> None:
    """A scheduled event whose day had passed when the newest source was published, and that no source was found to
    report done, gets the day it was due: "Will the visit continue until July 13?" read in October is no longer
    about the future, and the page says so (without claiming the later sources are silent: answers are found only
    when a sentence plainly asserts them)."""
    newest = max((d.published for d in documents if d.published and d.published_basis != "estimated"), default=None)
    if newest is None:
        return
    due: dict[tuple[str, int], str] = {}
    for item in timeline:
        last_day = _last_day(item.date, item.precision) if item.future else None
        if last_day is not None and last_day < newest:
            for source in item.sources:
                due.setdefault((source.document, source.sentence), item.date)
    for question in questions:
        if question.kind == "scheduled" and question.answered_by is None:
            days = [due[key] for key in ((s.document, s.sentence) for s in question.sources) if key in due]
            question.overdue_since = days[0] if days else None


def _last_day(date: str, precision: str) -> dt.date | None:
    """The last day of a timeline date's period (2025-07 -> 2025-07-31); None when it is approximate."""
    try:
        if precision == "day":
            return dt.date.fromisoformat(date)
        if precision == "month":
            year, month = map(int, date.split("-")[:2])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if precision == "year":
            return dt.date(int(date[:4]), 12, 31)
    except ValueError:
        pass
    return None


def _reported_claim(text: str) -> str | None:
    """What a single source reports, without its attribution or sentence adverbs; None when too long to quote."""
    main = _RELATIVE_ASIDE.sub("", _NUMERIC_APPOSITION.sub("", text))  # "Pinochet, 91, who died ..., has been"
    claim = " ".join(_INTERJECTED_ADVERB.sub("", _claim(main)).split())  # the main clause, without its frame
    if not _HAS_VERB.search(claim) or len(claim.split()) < rules().data["fallback_words"][0]:
        return None
    if claim[:1] in _QUOTE_MARKS and sum(claim.count(c) for c in _QUOTE_MARKS) % 2:
        claim = claim[1:]  # the quotation closes after the words kept: its opening mark alone would dangle
    return claim if len(claim.split()) <= rules().data["single_source_max_words"] else None


def _sentence_ref(by_id: dict[str, Document], ref: SourceRef) -> SourceRef:
    """A reference to the whole cited sentence (timeline sources may point at a clause)."""
    doc = by_id.get(ref.document)
    if doc is None or ref.sentence >= len(doc.sentences):
        return ref
    s = doc.sentences[ref.sentence]
    return SourceRef(doc.id, s.start, s.end, s.index)


# --------------------------------------------------------------------------- #
# Answered since: a later source asserts what a question asks
# --------------------------------------------------------------------------- #

ANSWERS = Path(__file__).resolve().parent / "resources" / "questions" / "answers.yaml"
_LETTERS = re.compile(r"[^\W\d_]+")
_AND_WORD = re.compile(r"\band\s+([a-z]+)\b")
_GLOSS = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class AnswerRules:
    """The answers resource, compiled once."""

    kinds: frozenset[str]
    patterns: list[tuple[str, re.Pattern[str]]]  # (form, pattern with a `claim` group)
    not_asserted: re.Pattern[str]
    uncertain_claim: re.Pattern[str]
    second_question: re.Pattern[str]  # ", and what caused it": a second question joined to the first
    verb_of: dict[str, str]  # an irregular form (lower case) -> its verb
    past: frozenset[str]  # irregular past forms
    unchanged: frozenset[str]  # verbs whose past is written as the verb ("cut", "quit")
    perfect: frozenset[str]
    undated_bases: frozenset[str]
    adjunct: re.Pattern[str]
    deadline_words: frozenset[str]
    min_coverage: float
    min_coverage_without_names: float
    content_words: frozenset[str]
    core_spread: float
    value_tolerance: float
    verbs: frozenset[str]  # the verbs the lexicons know, as written there
    synonyms: list[list[str]]
    min_words_without_names: int
    limit: int


@functools.cache
def answer_rules() -> AnswerRules:
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    verb_of: dict[str, str] = {}
    past: set[str] = set()
    unchanged: set[str] = set()
    verbs: set[str] = set()
    for forms in [*cluster.lexicon()["actions"], *data["irregular_verbs"]]:
        verb, *irregular = (str(f).lower() for f in forms)
        verbs.add(verb)
        verb_of.update((form, verb) for form in irregular)
        past.update(f for f in irregular if f != verb)
        if not irregular or verb in irregular:
            unchanged.add(verb)
    return AnswerRules(
        kinds=frozenset(data["kinds"]),
        patterns=[(p["form"], re.compile(p["re"])) for p in data["patterns"]],
        not_asserted=_words_pattern(data["not_asserted"], data["case_sensitive"]),
        uncertain_claim=_words_pattern(data["uncertain_claim"], data["case_sensitive"]),
        second_question=re.compile(rf",?\s+(?:and|or)\s+(?:{phrase_alternation(data['wh_words'])})\b"),
        verb_of=verb_of,
        past=frozenset(past),
        unchanged=frozenset(unchanged),
        perfect=frozenset(data["perfect_auxiliaries"]),
        undated_bases=frozenset(data["undated_bases"]),
        adjunct=re.compile(rf"\s(?:{phrase_alternation(data['adjunct_openers'])})(?![\w-])", re.IGNORECASE),
        deadline_words=frozenset(data["deadline_words"]),
        min_coverage=float(data["min_coverage"]),
        min_coverage_without_names=float(data["min_coverage_without_names"]),
        content_words=frozenset(data["content_words"]),
        core_spread=float(data["core_spread"]),
        verbs=frozenset(verbs),
        synonyms=[[str(w) for w in group] for group in data["synonyms"]],
        value_tolerance=float(data["value_tolerance"]),
        min_words_without_names=int(data["min_words_without_names"]),
        limit=int(data["limit"]),
    )


def _words_pattern(phrases: list[str], case_sensitive: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{phrase_alternation(phrases, case_sensitive)})(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    """A lower-cased word folded so that its forms compare equal: 'called' = 'calls' = 'call', 'held' = 'hold',
    'resumed' = 'resume' (the merge stage's stems, a final e dropped), 'blast' = 'explosion' (close synonyms)."""
    term = _stem(answer_rules().verb_of.get(word, word))
    return _synonyms().get(term, term)


def _stem(word: str) -> str:
    """The merge stage's light stem, a final e dropped ('resumed' and 'resume' -> 'resum')."""
    stem = cluster.stem(word)
    return stem[:-1] if len(stem) > 3 and stem.endswith("e") else stem


@functools.cache
def _synonyms() -> dict[str, str]:
    """Stem -> the stem of its group's first word ('blast' -> 'explosion'): only close synonyms, not the merge
    stage's broader groups ('leader' is not 'president')."""
    return {_stem(word): _stem(group[0]) for group in answer_rules().synonyms for word in group}


@dataclass(frozen=True)
class Asked:
    """What a question asks: its claim's content words and names, and what else an answer must hold."""

    form: str  # yes-no | when | count
    terms: frozenset[str]  # lemmas of the claim's content words, names aside
    core: frozenset[str]  # those before its first adjunct ("call early elections | after the defeat"): all needed
    wording: str  # the claim's words as lemmas, padded with spaces ("call for" asked is no blocker in an answer)
    names: frozenset[str]  # canonical keys of the entities it names
    measure: str | None  # for "how many": what a figure of the answer must count
    values: frozenset[float]  # the numbers its claim writes ("three soldiers killed"): an answer writes them too
    dates: frozenset[str]  # the dates of its sentences' events: a claim about the past is answered on one of them
    forward: bool  # asks what will happen: an answer must not tell of an earlier time
    due: str  # the earliest date its sentences schedule ("" if none): a source published before cannot answer
    predicates: frozenset[str]  # its verbs ("call", "caused"), else its core: an answer writes one of them as done
    since: str  # ISO date of the latest source that asks it


@dataclass(frozen=True)
class Statement:
    """What a sentence of a later source asserts, in the terms of `Asked`."""

    text: str
    terms: frozenset[str]
    positions: dict[str, list[int]]  # where each term stands among its content words
    done: frozenset[str]  # lemmas written as something done ("called", "has quit", "held")
    names: tuple[str, ...]  # canonical keys
    asserted: bool  # no hedge layer, no question, no heading
    dated: bool  # holds a date
    first_event_end: str  # the last day its earliest dated event may fall on, ISO ("" without events)
    measures: frozenset[str]  # what its figures count
    dates: frozenset[str]  # the dates of its events

    @functools.cached_property
    def blockers(self) -> frozenset[str]:
        """Words that make it no assertion ("not", "may", "called for"), as lemmas (read only when needed)."""
        return frozenset(_lemma_text(m.group(0)) for m in answer_rules().not_asserted.finditer(self.text))

    @functools.cached_property
    def values(self) -> frozenset[float]:
        """The numbers it writes."""
        return numbers_in(self.text)


def mark_answered(found: list[Question], documents: list[Document], context: Context) -> None:
    """Set `answered_by` on each question that a later source (by publication date, estimated dates being unknown)
    answers: a sentence that names the question's entities, holds its words (the verb written as done) and, for
    "how many", a figure of its measure, and asserts it (no hedge, negation, condition, modal or future)."""
    rules_ = answer_rules()
    dated = sorted(
        (d for d in documents if d.published is not None and d.published_basis not in rules_.undated_bases),
        key=lambda d: d.published,
    )
    if len(dated) < 2:
        return
    published = {d.id: d.published.isoformat() for d in dated}
    statements: dict[str, list[Statement]] = {}  # per document, made when first needed
    by_id = {d.id: d for d in documents}
    for question in found:
        if question.kind not in rules_.kinds:
            continue
        asked = _asked_about(question, by_id, published, context)
        if asked is None:
            continue
        asking = {s.document for s in question.sources}
        for doc in dated:
            if published[doc.id] <= asked.since or published[doc.id] < asked.due or doc.id in asking:
                continue  # (a source published before the day a question's event is due cannot report it done)
            if (ref := _answer_in(doc, asked, statements, context)) is not None:
                question.answered_by = ref
                break


def _asked_about(
    question: Question, by_id: dict[str, Document], published: dict[str, str], context: Context
) -> Asked | None:
    """What a question asks, or None when no later sentence could be shown to answer it (a "why", an undated
    source, too few words to match)."""
    if not question.sources or any(s.document not in published for s in question.sources):
        return None  # an undated source may be the latest to ask it: no answer can be shown to come later
    reading = _question_claim(question.text)
    if reading is None:
        return None
    form, claim, what = reading
    if answer_rules().uncertain_claim.search(claim):
        return None  # "... that a force could be deployed": what would answer it is as hedged as the claim
    names = _question_names(question, claim, by_id, context)
    words = {_lemma(w.lower()) for name in names for w in _LETTERS.findall(name)}
    terms = frozenset(t for t in _content_lemmas(claim) if t not in words)
    core = frozenset(t for t in _content_lemmas(_core(claim)) if t not in words) | _coordinated_verbs(claim)
    measure = _measure(what, claim) if form == "count" else None
    rules_ = answer_rules()
    if not names and (len(terms) < rules_.min_words_without_names or len(core) < 2):
        return None  # "Will the benefits continue?": too little to tell its subject from another's
    if not terms and measure is None:
        return None  # only names: "Is it confirmed that Russia?" asks nothing a sentence can be matched on
    forward = question.kind == "scheduled" or question.text.startswith(("Will ", "Would ", "When will "))
    since = max(published[s.document] for s in question.sources)
    keys = frozenset(cluster.entity_key(n) for n in names)
    wording = f" {_lemma_text(claim)} "
    values = numbers_in(claim) - _date_numbers(question, by_id)
    dates = _event_dates(question, by_id)
    due = min((e.date for e in _events_of(question, by_id) if e.future and not _deadline(by_id, e)), default="")
    predicates = _question_verbs(claim) & terms or core
    return Asked(form, terms, core, wording, keys, measure, values, dates, forward, due, predicates, since)


def _question_verbs(claim: str) -> frozenset[str]:
    """The words of a claim written as verbs: a verb the lexicons know, or a past form ('caused', 'shot')."""
    stop = _stopwords()
    past = answer_rules().past
    return frozenset(
        _lemma(word)
        for word in _LETTERS.findall(claim)
        if word.islower()
        and word not in stop
        and (word.endswith("ed") or word in past or _lemma(word) in _verb_lemmas())
    )


def _deadline(by_id: dict[str, Document], event: Event) -> bool:
    """The event's date is a deadline ('by early 2027'), not the day it is due: it may happen any time before."""
    if event.timex is None:
        return False
    before = by_id[event.document].text[max(0, event.timex.start - 12) : event.timex.start].split()
    return bool(before) and before[-1].lower() in answer_rules().deadline_words


def _date_numbers(question: Question, by_id: dict[str, Document]) -> frozenset[float]:
    """The numbers of the time expressions of the question's sentences: 'March 20' is a day, not a figure."""
    written = []
    for ref in question.sources:
        written += [t.text for t in by_id[ref.document].timexes if ref.start <= t.start < ref.end]
    return numbers_in(" ".join(written))


def _events_of(question: Question, by_id: dict[str, Document]) -> list[Event]:
    """The dated events of the question's sentences."""
    return [e for ref in question.sources for e in by_id[ref.document].events if e.sentence == ref.sentence]


def _event_dates(question: Question, by_id: dict[str, Document]) -> frozenset[str]:
    return frozenset(e.date for e in _events_of(question, by_id))


def _coordinated_verbs(claim: str) -> frozenset[str]:
    """Verbs joined to the claim's by 'and' ('sign its agreement next week and ratify it'): asked about too."""
    return frozenset(lemma for m in _AND_WORD.finditer(claim) if (lemma := _lemma(m.group(1))) in _verb_lemmas())


@functools.cache
def _verb_lemmas() -> frozenset[str]:
    return frozenset(_lemma(verb) for verb in answer_rules().verbs)


def _core(claim: str) -> str:
    """The claim up to its first adjunct after a content word: 'the president call early elections' of '... after
    the budget defeat'."""
    stop = _stopwords()
    for m in answer_rules().adjunct.finditer(claim):
        if any(w.lower() not in stop for w in _LETTERS.findall(claim[: m.start()])):
            return claim[: m.start()]
    return claim


def _question_claim(text: str) -> tuple[str, str, str | None] | None:
    """(form, claim, counted word) of a question's wording; None for what no sentence can be shown to answer
    ("Why ...", "Who ...")."""
    body = _GLOSS.sub("", text.strip()).rstrip("?").strip()
    for form, pattern in answer_rules().patterns:
        if m := pattern.match(body):
            claim = answer_rules().second_question.split(m.group("claim"), maxsplit=1)[0]
            return form, claim, m.groupdict().get("what")
    return None


def _question_names(question: Question, claim: str, by_id: dict[str, Document], context: Context) -> set[str]:
    """The names of the question's sentences that the question's claim writes: a capitalised word of the name,
    or of a mention of it ('US' for the United States)."""
    written = set(_LETTERS.findall(claim))

    def writes(name: str) -> bool:
        return any(w in written for w in _LETTERS.findall(name) if w[:1].isupper() and (len(w) > 2 or w.isupper()))

    names = set()
    for ref in question.sources:
        names |= {n for n in context.names.get(ref.document, {}).get(ref.sentence, frozenset()) if writes(n)}
        doc = by_id[ref.document]
        names |= {m.name for m in doc.mentions if ref.start <= m.start < ref.end and writes(m.text)}
    return names


@functools.cache
def _stopwords() -> frozenset[str]:
    """The merge stage's stopwords, but for the words a claim may rest on ('the report will call for')."""
    return cluster.stopwords() - answer_rules().content_words


def _content_lemmas(text: str) -> list[str]:
    stop = _stopwords()
    return [_lemma(w) for w in (m.group(0).lower() for m in _LETTERS.finditer(text)) if len(w) > 1 and w not in stop]


def _measure(what: str | None, claim: str) -> str | None:
    """What 'how many <what> <claim>' counts, as figures name it: 'people were killed' counts the dead."""
    if what is None:
        return None
    lex = figure_lexicon()
    counted = lex.noun_of.get(what.lower(), what.lower())
    if counted in lex.data["casualty_scoped"]:
        for word in _WORD.findall(claim.lower()):
            if word in lex.casualty_of:
                return lex.casualty_of[word]
    return counted


def _answer_in(
    doc: Document, asked: Asked, statements: dict[str, list[Statement]], context: Context
) -> SourceRef | None:
    """The first sentence of `doc` that answers, as a reference to it; None when none does."""
    if doc.id not in statements:
        statements[doc.id] = _statements(doc, context)
    for sentence, said in zip(doc.sentences, statements[doc.id], strict=True):
        if _answers_question(said, asked):
            return SourceRef(doc.id, sentence.start, sentence.end, sentence.index)
    return None


def _answers_question(said: Statement, asked: Asked) -> bool:
    rules_ = answer_rules()
    shared = asked.terms & said.terms
    coverage = rules_.min_coverage if asked.names else rules_.min_coverage_without_names
    if not asked.core <= said.terms or len(shared) < coverage * len(asked.terms):
        return False
    verbs = shared & said.done & asked.predicates
    if not verbs:
        return False  # what was asked about is not written as done, only named
    if not any(_close_together(said.positions, asked.core | {verb}) for verb in verbs):
        return False  # "took flight ... polling places": the claim's words scattered over other happenings
    if not said.asserted or not all(any(_same_name(n, m) for m in said.names) for n in asked.names):
        return False
    if any(f" {b} " not in asked.wording for b in said.blockers):
        return False  # negated, hedged, planned or called off, unless the words are the claim's own ("call for")
    if asked.forward and said.first_event_end and said.first_event_end < asked.since:
        return False  # it tells of an earlier time: background, not what has happened since
    if (
        not asked.forward
        and asked.dates
        and said.dates
        and not any(_same_date(a, b) for a in asked.dates for b in said.dates)
    ):
        return False  # "killed on Wednesday" is not confirmed by "killed on Saturday": another happening
    if asked.form == "count":
        return asked.measure in said.measures
    if not all(any(math.isclose(v, w, rel_tol=rules_.value_tolerance) for w in said.values) for v in asked.values):
        return False  # "three soldiers killed" is not confirmed by "two more troops were killed"
    if asked.form == "when" and not said.dated:
        return False
    return True


def _same_date(a: str, b: str) -> bool:
    """Dates that may be one day: '2006-11' and '2006-11-01'."""
    return a.startswith(b) or b.startswith(a)


def _same_name(a: str, b: str) -> bool:
    """Canonical keys of one name written in full or in part: 'putin' / 'vladimir putin'."""
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    return bool(short) and (long[: len(short)] == short or long[-len(short) :] == short)


def _statements(doc: Document, context: Context) -> list[Statement]:
    """What each sentence of a document asserts, its layers grouped by sentence in one pass each."""
    hedged = {h.sentence for h in doc.hedges}
    events: dict[int, list[Event]] = defaultdict(list)
    for e in doc.events:
        events[e.sentence].append(e)
    measures: dict[int, set[str]] = defaultdict(set)
    for f in doc.figures:
        if f.value is not None:
            measures[f.sentence].add(f.counts)
    dated = {s.index for t in doc.timexes if t.type == "DATE" and (s := doc.sentence_at(t.start)) is not None}
    names = context.names.get(doc.id, {})
    return [
        _statement(doc, s, s.index in hedged, events[s.index], s.index in dated, names.get(s.index, ()), measures)
        for s in doc.sentences
    ]


def _statement(
    doc: Document,
    sentence: Sentence,
    hedged: bool,
    events: list[Event],
    dated: bool,
    names: Iterable[str],
    measures: dict[int, set[str]],
) -> Statement:
    text = sentence.text
    positions, done = _terms_and_done(text)
    asserted = not (hedged or _is_heading(doc, sentence) or text.rstrip(_QUOTE_MARKS + ")] ").endswith("?"))
    first_end = min(((e.date + "-99-99")[:10] for e in events), default="")  # "2025-07" may be 2025-07-31
    return Statement(
        text,
        frozenset(positions),
        positions,
        done,
        tuple(cluster.entity_key(n) for n in names),
        asserted,
        dated,
        first_end,
        frozenset(measures.get(sentence.index, ())),
        frozenset(e.date for e in events),
    )


def _lemma_text(text: str) -> str:
    """Every word of a text as its lemma, stopwords kept: 'has called for' -> 'has call for'."""
    return " ".join(_lemma(w.lower()) for w in _LETTERS.findall(text))


def _terms_and_done(text: str) -> tuple[dict[str, list[int]], frozenset[str]]:
    """The content lemmas of a sentence with their positions among its content words, and those written as a
    thing done: a past form, or a verb whose past is the verb itself after has/have/had/was/were ('has quit')."""
    rules_ = answer_rules()
    stop = _stopwords()
    positions: dict[str, list[int]] = defaultdict(list)
    done: set[str] = set()
    previous = ""
    count = 0
    for m in _LETTERS.finditer(text):
        word = m.group(0).lower()
        if len(word) > 1 and word not in stop:
            term = _lemma(word)
            positions[term].append(count)
            count += 1
            if m.group(0).islower() and (
                word.endswith("ed") or word in rules_.past or (previous in rules_.perfect and word in rules_.unchanged)
            ):
                done.add(term)  # (a capitalised "Ahmed" is a name)
        previous = word
    return dict(positions), frozenset(done)


def _close_together(positions: dict[str, list[int]], terms: frozenset[str]) -> bool:
    return _window(positions, terms) <= answer_rules().core_spread * len(terms) + 1


def _window(positions: dict[str, list[int]], terms: frozenset[str]) -> int:
    """How many content words the shortest stretch holding each of `terms` spans (0 for no terms, and more than
    any sentence has when one is missing)."""
    if not terms:
        return 0
    found = sorted((p, t) for t in terms for p in positions.get(t, ()))
    counts: dict[str, int] = defaultdict(int)
    best = sys.maxsize
    left = 0
    for position, term in found:
        counts[term] += 1
        while len(counts) == len(terms):
            best = min(best, position - found[left][0] + 1)
            first = found[left][1]
            counts[first] -= 1
            if not counts[first]:
                del counts[first]
            left += 1
    return best
