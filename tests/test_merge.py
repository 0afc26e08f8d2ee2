"""Merging annotated documents: cross-source events, key quotes, overview, key facts."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import merge, text
from generator.model import Document, Entity, Event, Figure, Mention, Quote, Sentence, SourceRef

EXPRESS = """Putin met Choe at the Kremlin on Monday to discuss cooperation between the two countries.
In 2024, they signed a defence agreement pledging mutual military support should either nation face aggression.
Since then, North Korea has sent around 10,000 troops to join the war, according to estimates from Seoul.
Lavrov said: "Our cooperation with Pyongyang will keep growing in every field."
Critics called the ties a "marriage of convenience" between isolated governments."""

NKNEWS = """Key developments
Putin and Kim signed a treaty in June 2024 pledging mutual military support in case of aggression.
On 3 September, Putin met Kim in Beijing after the talks on trade.
On 3 September, China held a military parade in Beijing to mark the end of the war.
Sergei Lavrov said "our cooperation with Pyongyang will keep growing in every field" during the visit.
Why does this matter?
An official said "yes" when asked about further troop deployments."""


def make_doc(doc_id: str, body: str, published: dt.date | None = None, source: str | None = None) -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=body, title=body.split("\n")[0], published=published)
    doc.source = source
    doc.sentences = [Sentence(s, e, body[s:e], i) for i, (s, e) in enumerate(text.sentence_spans(body))]
    for sentence in doc.sentences:
        sentence.heading = not sentence.text.rstrip().endswith((".", "?", '"', "!")) or sentence.text.endswith("?")
        sentence.heading = sentence.heading and len(sentence.text.split()) < 6
    return doc


def add_event(doc: Document, phrase: str, date: str, precision: str, participants: tuple[str, ...] = ()) -> Event:
    sentence = next(s for s in doc.sentences if phrase in s.text)
    event = Event(
        doc.id, sentence.index, sentence.start, sentence.end, sentence.text, date, precision, "explicit", False
    )
    event.participants = list(participants)
    doc.events.append(event)
    return event


def add_quote(doc: Document, words: str, speaker: str | None, kind: str = "speech", occurrence: int = 0) -> Quote:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(words, start + 1)
    speaker_start = doc.text.find(speaker) if speaker else None
    quote = Quote(
        start,
        start + len(words),
        words,
        speaker,
        speaker_start if speaker_start is not None and speaker_start >= 0 else None,
        speaker_start + len(speaker) if speaker and speaker_start is not None and speaker_start >= 0 else None,
        "said",
        kind,
    )
    doc.quotes.append(quote)
    return quote


def mention(doc: Document, name: str, kind: str, canonical: str | None = None) -> None:
    start = doc.text.index(name)
    doc.mentions.append(Mention(start, start + len(name), name, kind, canonical or name))


@pytest.fixture
def express() -> Document:
    return make_doc("express", EXPRESS, dt.date(2025, 10, 28), "Express")


@pytest.fixture
def nknews() -> Document:
    return make_doc("nknews", NKNEWS, dt.date(2025, 10, 29), "NK News")


# ------------------------------------------------------------------ events


def test_the_same_treaty_in_two_wordings_is_one_event_dated_to_the_finer_month(
    express: Document, nknews: Document
) -> None:
    add_event(express, "defence agreement", "2024", "year", ("Russia", "North Korea"))
    add_event(nknews, "signed a treaty", "2024-06", "month", ("Vladimir Putin", "Kim Jong Un", "Russia"))
    (item,) = merge.merge_events([express, nknews])
    assert (item.date, item.precision) == ("2024-06", "month")
    assert {r.document for r in item.sources} == {"express", "nknews"}
    assert len(item.texts) == len(item.sources) == 2
    for ref, sentence_text in zip(item.sources, item.texts, strict=True):
        source = express if ref.document == "express" else nknews
        assert source.text[ref.start : ref.end] == sentence_text
    assert "treaty" in item.text  # the finer-dated wording represents the item, and its source comes first
    assert item.sources[0].document == "nknews" and item.texts[0] == item.text
    assert item.participants == ["Vladimir Putin", "Kim Jong Un", "Russia", "North Korea"]


def test_a_sentence_dating_one_happening_twice_is_cited_once(express: Document, nknews: Document) -> None:
    add_event(nknews, "signed a treaty", "2024-06", "month")
    add_event(nknews, "signed a treaty", "2024", "year")
    add_event(express, "defence agreement", "2024", "year")
    (item,) = merge.merge_events([express, nknews])
    assert [(r.document, r.sentence) for r in item.sources] == [("nknews", 1), ("express", 1)]


def test_two_happenings_on_the_same_day_stay_apart(nknews: Document) -> None:
    add_event(nknews, "Putin met Kim", "2025-09-03", "day", ("Vladimir Putin", "Kim Jong Un", "Beijing"))
    add_event(nknews, "military parade", "2025-09-03", "day", ("China", "Beijing"))
    assert len(merge.merge_events([nknews])) == 2


STATS_A = "Exports from the port rose 22 percent in 2025 as trade with Asia grew strongly."
STATS_B = "Imports through the port rose 35 percent in 2025 as trade with Asia grew strongly."
STATS_C = "Exports from the port rose by about 21 percent in 2025 as trade with Asia grew."


def with_figure(doc_id: str, body: str, number: str, value: float) -> Document:
    doc = make_doc(doc_id, body)
    start = body.index(number)
    doc.figures.append(Figure(start, start + len(number), number, value, value, value, "percent", sentence=0))
    add_event(doc, "rose", "2025", "year")
    return doc


def test_statements_with_different_numbers_are_different_facts() -> None:
    a, b = with_figure("a", STATS_A, "22 percent", 22.0), with_figure("b", STATS_B, "35 percent", 35.0)
    assert len(merge.merge_events([a, b])) == 2
    a, c = with_figure("a", STATS_A, "22 percent", 22.0), with_figure("c", STATS_C, "about 21 percent", 21.0)
    assert len(merge.merge_events([a, c])) == 1


def test_different_days_never_merge(express: Document, nknews: Document) -> None:
    add_event(express, "defence agreement", "2024-06-19", "day")
    add_event(nknews, "signed a treaty", "2024-06-20", "day")
    assert len(merge.merge_events([express, nknews])) == 2


def test_different_people_acting_are_different_happenings(express: Document, nknews: Document) -> None:
    mention(express, "Choe", "person", "Choe Son Hui")
    mention(nknews, "Putin", "person", "Vladimir Putin")
    add_event(express, "defence agreement", "2024", "year", ("Choe Son Hui",))
    add_event(nknews, "signed a treaty", "2024-06", "month", ("Vladimir Putin",))
    assert len(merge.merge_events([express, nknews])) == 2


def test_a_country_or_a_cited_outlet_does_not_keep_apart_what_people_did(express: Document, nknews: Document) -> None:
    mention(express, "Putin", "person", "Vladimir Putin")
    mention(nknews, "Putin", "person", "Vladimir Putin")
    add_event(express, "defence agreement", "2024", "year", ("Al Jazeera", "Russia"))
    add_event(nknews, "signed a treaty", "2024-06", "month", ("Vladimir Putin",))
    assert len(merge.merge_events([express, nknews])) == 1


def one_event(doc_id: str, body: str, date: str, names: dict[str, str] | None = None) -> Document:
    """A one-sentence article with one dated event; `names` maps each named participant to its type."""
    doc = make_doc(doc_id, body)
    for name, kind in (names or {}).items():
        mention(doc, name, kind)
    add_event(doc, body[:20], date, "day", tuple(names or ()))
    return doc


def merged_count(*docs: Document) -> int:
    return len(merge.merge_events(list(docs)))


def test_two_exchanges_closing_the_same_day_are_two_happenings() -> None:
    jakarta = "Share prices on the Jakarta Stock Exchange ended lower on Thursday with the index down 9.12 points."
    colombo = "Share prices on the Colombo Stock Exchange ended lower on Thursday with the index down 18.12 points."
    exchanges = {"Jakarta Stock Exchange": "organization", "Colombo Stock Exchange": "organization"}
    a = one_event("a", jakarta, "2025-11-10", {k: v for k, v in exchanges.items() if k in jakarta})
    b = one_event("b", colombo, "2025-11-10", {k: v for k, v in exchanges.items() if k in colombo})
    assert merged_count(a, b) == 2
    # the numbers alone tell them apart ...
    assert merged_count(one_event("a", jakarta, "2025-11-10"), one_event("b", colombo, "2025-11-10")) == 2
    # ... and the names alone too
    same_figure = colombo.replace("18.12", "9.12")
    b = one_event("b", same_figure, "2025-11-10", {"Colombo Stock Exchange": "organization"})
    assert merged_count(a, b) == 2


def test_two_teams_winning_the_same_day_are_two_happenings() -> None:
    a = one_event(
        "a",
        "Arsenal beat Chelsea on Saturday to go top of the league table.",
        "2025-03-01",
        {"Arsenal": "organization", "Chelsea": "organization"},
    )
    b = one_event(
        "b",
        "Liverpool beat Everton on Saturday to go top of the league table.",
        "2025-03-01",
        {"Liverpool": "organization", "Everton": "organization"},
    )
    assert merged_count(a, b) == 2


def test_the_same_match_reported_twice_is_one_happening() -> None:
    a = one_event(
        "a",
        "Arsenal beat Chelsea 2-1 on Saturday to go top of the league table.",
        "2025-03-01",
        {"Arsenal": "organization", "Chelsea": "organization"},
    )
    b = one_event(
        "b",
        "Arsenal went top of the league table after beating Chelsea on Saturday.",
        "2025-03-01",
        {"Arsenal": "organization", "Chelsea": "organization"},
    )
    assert merged_count(a, b) == 1


def test_different_numbers_for_the_same_measure_are_different_facts() -> None:
    thirty = "Rates on 30-year fixed mortgages averaged 6.36 percent this week, the weekly survey showed."
    fifteen = "Rates on 15-year fixed mortgages averaged 6.31 percent this week, the weekly survey showed."
    assert merged_count(one_event("a", thirty, "2025-11-10"), one_event("b", fifteen, "2025-11-10")) == 2
    # precise figures must agree closely; hedged ones may differ a little
    first = "The main index closed at 5,177.97 points on Monday after a day of heavy trading in banks."
    second = "The main index closed at 5,691 points on Monday after a day of heavy trading in banks."
    assert merged_count(one_event("a", first, "2025-11-20"), one_event("b", second, "2025-11-20")) == 2
    some = "Israeli shells killed some 19 civilians in the town of Beit Hanoun on Wednesday morning."
    least = "Israeli shells killed at least 18 civilians in the town of Beit Hanoun on Wednesday morning."
    assert merged_count(one_event("a", some, "2025-11-08"), one_event("b", least, "2025-11-08")) == 1


def test_the_same_decision_in_other_words_and_numbers_is_one_happening() -> None:
    bank = {"Swiss National Bank": "organization"}
    a = one_event(
        "a", "The Swiss National Bank raised its key interest rate to 1.5 percent on Thursday.", "2025-12-15", bank
    )
    b = one_event(
        "b",
        "On Thursday the Swiss National Bank said it was raising its key interest rate to 1.50 percent "
        "to keep inflation in check.",
        "2025-12-15",
        bank,
    )
    assert merged_count(a, b) == 1


def test_different_places_on_the_same_day_are_different_happenings() -> None:
    kirkuk = "A car bomb exploded at a crowded market in Kirkuk on Tuesday, killing five people."
    basra = "A car bomb exploded at a crowded market in Basra on Tuesday, killing five people."
    a = one_event("a", kirkuk, "2025-11-21", {"Kirkuk": "place"})
    b = one_event("b", basra, "2025-11-21", {"Basra": "place"})
    assert merged_count(a, b) == 2
    assert merged_count(a, one_event("c", kirkuk.replace("in Kirkuk ", ""), "2025-11-21")) == 1


def test_cited_outlets_and_adjectives_are_not_subjects() -> None:
    a = one_event(
        "a",
        "A bus crash killed 10 people in the north on Monday, Kyodo News reported.",
        "2025-01-06",
        {"Kyodo News": "organization"},
    )
    b = one_event(
        "b",
        "A bus crash in the north killed 10 people on Monday, the Jiji Press agency said.",
        "2025-01-06",
        {"Jiji Press": "organization"},
    )
    assert merged_count(a, b) == 1
    a = one_event(
        "a",
        "Fighting erupted on Wednesday between UN-backed forces and the Islamists.",
        "2025-12-20",
        {"UN-backed": "organization"},
    )
    b = one_event(
        "b",
        "Fighting erupted on Wednesday between Islamist-led fighters and the government forces.",
        "2025-12-20",
        {"Islamist-led": "organization"},
    )
    assert merged_count(a, b) == 1


def test_what_each_did_that_day_must_agree() -> None:
    names = {"Iran": "place", "Security Council": "organization"}
    vowed = "Iran on Saturday vowed to defy the Security Council and press ahead with uranium enrichment."
    adopted = "The Security Council on Saturday adopted a resolution that curbs uranium enrichment by Iran."
    assert merged_count(one_event("a", vowed, "2025-12-23", names), one_event("b", adopted, "2025-12-23", names)) == 2
    again = (
        "After weeks of talks the Security Council adopted on Saturday a resolution curbing Iran's uranium enrichment."
    )
    assert merged_count(one_event("a", adopted, "2025-12-23", names), one_event("b", again, "2025-12-23", names)) == 1


def test_a_happening_yet_to_come_has_no_action_to_disagree_with() -> None:
    planned = "The annual gathering of leaders of the 21 economies will be held in Hanoi on Saturday and Sunday."
    done = "Leaders of the 21 economies met in Hanoi on Saturday and Sunday for their annual gathering."
    assert merged_count(one_event("a", planned, "2025-11-18"), one_event("b", done, "2025-11-18")) == 1


def test_different_results_are_different_games() -> None:
    first = "China beat the hosts 57-48 on Wednesday in the group match of the basketball championship."
    second = "China beat the hosts 54-43 on Wednesday in the group match of the basketball championship."
    retold = "The hosts lost 48-57 to China on Wednesday in the group match of the basketball championship."
    assert merged_count(one_event("a", first, "2025-11-02"), one_event("b", second, "2025-11-02")) == 2
    assert merged_count(one_event("a", first, "2025-11-02"), one_event("b", retold, "2025-11-02")) == 1


def test_a_name_in_part_is_the_same_name() -> None:
    a = one_event(
        "a",
        "APEC leaders will meet in Hanoi on Saturday to approve the action plan.",
        "2025-11-18",
        {"APEC": "organization"},
    )
    b = one_event(
        "b",
        "The APEC Economic Leaders Meeting will approve the action plan in Hanoi on Saturday.",
        "2025-11-18",
        {"APEC Economic Leaders Meeting": "organization"},
    )
    assert merged_count(a, b) == 1


def test_timeline_is_chronological_with_years_before_months_before_days(express: Document, nknews: Document) -> None:
    add_event(nknews, "military parade", "2025-09-03", "day")
    add_event(nknews, "Putin met Kim", "2025-09", "month", ("Putin",))
    add_event(express, "Putin met Choe", "2025-10-27", "day")
    add_event(express, "defence agreement", "2024", "year")
    add_event(express, "10,000 troops", "2025", "year")
    dates = [item.date for item in merge.merge_events([express, nknews])]
    assert dates == ["2024", "2025", "2025-09", "2025-09-03", "2025-10-27"]


def test_importance_grows_with_sources(express: Document, nknews: Document) -> None:
    add_event(express, "defence agreement", "2024", "year")
    add_event(nknews, "signed a treaty", "2024-06", "month")
    add_event(nknews, "military parade", "2025-09-03", "day")
    items = merge.merge_events([express, nknews])
    treaty = next(i for i in items if len(i.sources) == 2)
    parade = next(i for i in items if len(i.sources) == 1)
    assert treaty.importance > parade.importance


def test_a_scheduled_event_reported_as_done_is_not_future(express: Document, nknews: Document) -> None:
    add_event(express, "defence agreement", "2024", "year").future = True
    add_event(nknews, "signed a treaty", "2024-06", "month")
    (item,) = merge.merge_events([express, nknews])
    assert item.future is False


# ------------------------------------------------------------------ quotes


def lavrov() -> Entity:
    return Entity(
        "Sergei Lavrov",
        "person",
        aliases=["Lavrov"],
        role="Foreign Minister of Russia",
        mentions=[SourceRef("express", 0, 1, 0)],
    )


def test_key_quotes_merge_duplicates_skip_scare_quotes_and_rank_unknown_speakers_last(
    express: Document, nknews: Document
) -> None:
    add_quote(express, "Our cooperation with Pyongyang will keep growing in every field.", "Lavrov")
    add_quote(express, "marriage of convenience", None, kind="scare")
    add_quote(nknews, "our cooperation with Pyongyang will keep growing in every field", "Sergei Lavrov", "partial")
    add_quote(nknews, "yes", "An official")
    add_quote(nknews, "Key developments", None)
    quotes = merge.rank_quotes([express, nknews], [lavrov()])
    assert [q.text for q in quotes if "convenience" in q.text] == []
    top = quotes[0]
    assert top.speaker == "Sergei Lavrov" and top.role == "Foreign Minister of Russia"
    assert {r.document for r in top.sources} == {"express", "nknews"}
    assert top.date == "2025-10-28" and top.document == "express"
    assert express.text[top.start : top.end] == top.text
    assert [q.text for q in quotes] == [top.text, "yes", "Key developments"]  # fragment, then unknown speaker
    assert quotes[-1].speaker is None


def test_quote_tiers_principal_clauses_then_other_speakers_then_fragments_then_unknown() -> None:
    body = (
        'Lavrov said the "partnership will deepen in every single field." '
        'Both sides called it "a turning point for the whole region." '
        'Lavrov called it "historic." '
        'It was "a change in the balance of power in Asia," one line read.'
    )
    doc = make_doc("q", body)
    add_quote(doc, "a change in the balance of power in Asia,", None)
    add_quote(doc, "historic.", "Lavrov", occurrence=0)
    add_quote(doc, "a turning point for the whole region.", "Both sides")
    add_quote(doc, "partnership will deepen in every single field.", "Lavrov")
    ranked = [q.text for q in merge.rank_quotes([doc], [lavrov()])]
    assert ranked == [
        "partnership will deepen in every single field.",
        "a turning point for the whole region.",
        "historic.",
        "a change in the balance of power in Asia,",
    ]


def test_speaker_resolves_through_the_article_mention_when_entities_are_missing(nknews: Document) -> None:
    mention(nknews, "Sergei Lavrov", "person")
    add_quote(nknews, "our cooperation with Pyongyang will keep growing in every field", "Sergei Lavrov")
    (quote,) = merge.rank_quotes([nknews], [])
    assert quote.speaker == "Sergei Lavrov" and quote.role is None


def test_a_one_word_quote_is_not_merged_into_a_longer_one(express: Document, nknews: Document) -> None:
    add_quote(express, "Our cooperation with Pyongyang will keep growing in every field.", "Lavrov")
    add_quote(express, "cooperation", None)
    add_quote(express, "cooperation", None, occurrence=1)
    quotes = merge.rank_quotes([express, nknews], [lavrov()])
    assert [len(q.sources) for q in quotes] == [1, 2]  # the repeated fragment is one quote, kept apart


def test_an_unresolved_pronoun_is_an_unknown_speaker(nknews: Document) -> None:
    add_quote(nknews, "our cooperation with Pyongyang will keep growing in every field", "he")
    (quote,) = merge.rank_quotes([nknews], [])
    assert quote.speaker is None


def test_quotes_by_different_speakers_are_not_merged(express: Document, nknews: Document) -> None:
    add_quote(express, "Our cooperation with Pyongyang will keep growing in every field.", "Lavrov")
    add_quote(nknews, "our cooperation with Pyongyang will keep growing in every field", "An official")
    assert len(merge.rank_quotes([express, nknews], [lavrov()])) == 2


# ------------------------------------------------------------------ overview and key facts


def test_overview_cites_real_sentences_and_skips_headings_questions_and_quotes(
    express: Document, nknews: Document
) -> None:
    mention(express, "Putin", "person", "Vladimir Putin")
    add_quote(express, "Our cooperation with Pyongyang will keep growing in every field.", "Lavrov")
    overview = merge.choose_overview([express, nknews])
    assert 3 <= len(overview) <= 5
    docs = {"express": express, "nknews": nknews}
    for item in overview:
        first = item.sources[0]
        assert docs[first.document].text[first.start : first.end] == item.text
        sentence = docs[first.document].sentence_at(first.start)
        assert sentence is not None and sentence.index == first.sentence and not sentence.heading
        assert not item.text.endswith("?") and "Key developments" not in item.text
        assert not item.text.startswith("Lavrov said")
        assert len({r.document for r in item.sources}) == len(item.sources)


def test_overview_falls_back_to_clauses_when_an_article_has_no_complete_sentences() -> None:
    doc = make_doc("notes", "Storm reaches the coast tonight\nPower cut for 20,000 homes in the north\nWhy now?")
    for sentence in doc.sentences:
        sentence.heading = False
    texts = [item.text for item in merge.choose_overview([doc])]
    assert texts == ["Storm reaches the coast tonight", "Power cut for 20,000 homes in the north"]


def test_markup_left_in_a_pasted_text_is_no_statement_for_the_overview() -> None:
    text = (
        'Storm reaches the coast tonight\n<iframe src="http://evil.example/frame"></iframe>\n'
        "{{ config.secret }} {% raw %} <img src=x onerror=alert(1)>\nPower cut for 20,000 homes in the north"
    )
    doc = make_doc("notes", text)
    for sentence in doc.sentences:
        sentence.heading = False
    texts = [item.text for item in merge.choose_overview([doc])]
    assert texts == ["Storm reaches the coast tonight", "Power cut for 20,000 homes in the north"]


def test_overview_cites_other_sources_saying_the_same(express: Document, nknews: Document) -> None:
    overview = merge.choose_overview([express, nknews])
    treaty = next(item for item in overview if "mutual military support" in item.text)
    assert {r.document for r in treaty.sources} == {"express", "nknews"}


def test_key_facts(express: Document, nknews: Document) -> None:
    add_event(express, "defence agreement", "2024", "year")
    add_event(nknews, "signed a treaty", "2024-06", "month")
    entities = [
        Entity("Vladimir Putin", "person", mentions=[SourceRef("express", 0, 5, 0)] * 3),
        lavrov(),
        Entity("Beijing", "place", mentions=[SourceRef("nknews", 0, 5, 0)]),
    ]
    facts = merge.key_facts([express, nknews], merge.merge_events([express, nknews]), entities)
    assert facts["Dates covered"] == "June 2024 to 29 October 2025"
    assert facts["Published"] == "28 October 2025 to 29 October 2025"
    assert facts["Sources"] == "2 articles (Express, NK News)"
    assert facts["Main people"] == "Vladimir Putin, Sergei Lavrov"
    assert facts["Main places"] == "Beijing"
    assert "Main organisations" not in facts


# ------------------------------------------------------------------ the whole merge


def test_build_briefings_attaches_every_layer(monkeypatch, express: Document, nknews: Document) -> None:
    monkeypatch.setattr(merge.entities, "link_entities", lambda docs: [lavrov()])
    monkeypatch.setattr(merge.figures, "find_disputes", lambda docs: [])
    seen = {}

    def questions(docs, disputes, timeline):
        seen["timeline"] = timeline
        return []

    monkeypatch.setattr(merge.questions, "build_questions", questions)
    add_event(express, "defence agreement", "2024", "year")
    add_quote(express, "Our cooperation with Pyongyang will keep growing in every field.", "Lavrov")
    (briefing,) = merge.build_briefings([express, nknews])
    assert briefing.entities == [lavrov()] and briefing.quotes[0].speaker == "Sergei Lavrov"
    assert seen["timeline"] is briefing.timeline and len(briefing.timeline) == 1
    assert briefing.overview and briefing.key_facts["Sources"].startswith("2 articles")
    assert briefing.changes.empty()  # first build: nothing is "new"


def test_no_documents_no_briefings() -> None:
    assert merge.build_briefings([]) == []


def test_overview_does_not_cite_a_merely_related_sentence_as_its_source() -> None:
    kremlin = make_doc(
        "kremlin",
        "Putin met the North Korean foreign minister at the Kremlin on Monday to strengthen cooperation.",
    )
    wonsan = make_doc(
        "wonsan",
        "The North Korean foreign minister and Lavrov held strategic talks in Wonsan on cooperation.",
    )
    for item in merge.choose_overview([kremlin, wonsan]):
        assert {r.document for r in item.sources} == {item.sources[0].document}
