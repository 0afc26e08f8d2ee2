"""Open questions: built from disputes, hedges and the timeline, faithful to the cited sentences, ranked."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest

from generator import annotate, figures, ingest, questions
from generator.model import Document, Question, SourceRef, TimelineItem

ROOT = Path(__file__).resolve().parent.parent

# Words a question may add around the cited words: the frames of the phrasings, nothing of substance.
FRAME_WORDS = set(
    "how many much will is are has have it confirmed that there be only one source reports known whether "
    "not yet go ahead as planned or what when why who which where do does did were was".split()
)


def _doc(text: str, doc_id: str = "a", published: dt.date = dt.date(2025, 10, 28)) -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, title="t", published=published)
    for step in (annotate.add_sentences, annotate.add_timexes, annotate.add_figures, annotate.add_hedges):
        step(doc)
    return doc


def _cited_words(docs: list[Document], q: Question) -> set[str]:
    by_id = {d.id: d for d in docs}
    words: set[str] = set()
    for ref in q.sources:
        sentence = by_id[ref.document].sentences[ref.sentence]
        words |= {w.lower() for w in re.findall(r"[\w'’-]+", sentence.text)}
    return words


def assert_faithful(docs: list[Document], found: list[Question]) -> None:
    for q in found:
        assert q.sources and all(isinstance(s, SourceRef) for s in q.sources)
        extra = {w.lower() for w in re.findall(r"[\w'’-]+", q.text)} - _cited_words(docs, q) - FRAME_WORDS
        assert not extra, (q.text, extra)


def _build(docs: list[Document], timeline: list[TimelineItem] | None = None) -> list[Question]:
    found = questions.build_questions(docs, figures.find_disputes(docs), timeline or [])
    assert_faithful(docs, found)
    return found


def test_dispute_becomes_a_contradiction_question_citing_both_sources() -> None:
    docs = [
        _doc("North Korea has already sent thousands of troops to aid Russia.", "a", dt.date(2025, 7, 12)),
        _doc("Since then, North Korea has sent around 10,000 troops to join Russia's war.", "b"),
    ]
    (q,) = _build(docs)
    assert q.kind == "contradiction"
    assert q.text == "How many troops has North Korea sent: thousands or around 10,000?"
    assert {(s.document, s.sentence) for s in q.sources} == {("a", 0), ("b", 0)}


def test_modal_hedge_is_rephrased_without_inventing_words() -> None:
    doc = _doc(
        "There is widespread worry that Russia may transfer missile, satellite, or nuclear technology to North "
        "Korea in exchange for its support, potentially destabilizing the region further."
    )
    (q,) = _build([doc])
    assert q.kind == "hedged"
    assert q.text == (
        "Will Russia transfer missile, satellite, or nuclear technology to North Korea in exchange for its support?"
    )


def test_other_hedges_are_asked_about_as_claims() -> None:
    texts = [q.text for q in _build([_doc("The general reportedly fled to Minsk with two missiles.")])]
    assert texts == ["Is it confirmed that the general fled to Minsk with two missiles?"]


def test_expected_and_believed_claims() -> None:
    doc = _doc("The sanctions will likely hit the military. The missile is believed to have failed over Japan.")
    texts = {q.text for q in _build([doc])}
    assert texts == {"Will the sanctions hit the military?", "Has the missile failed over Japan?"}


def test_unknowns_name_what_is_not_known() -> None:
    doc = _doc(
        "It is not clear whether the troops will return to Kursk. "
        "The ministry did not disclose the number of soldiers killed. "
        "The embassy declined to comment."
    )
    found = _build([doc])
    assert [(q.kind, q.text) for q in found] == [
        ("unknown", "Will the troops return to Kursk?"),
        ("unknown", "How many soldiers killed?"),
    ]


def test_question_heading_about_what_comes_next_stays_open_citing_its_section() -> None:
    doc = _doc("What Happens Next?\nAnalysts point to talks between Moscow and Seoul.\nThe talks ended.")
    asked = [q for q in _build([doc]) if q.kind == "asked"]
    assert [q.text for q in asked] == ["What Happens Next?"]  # the question alone, no sentence pasted after it
    assert [s.sentence for s in asked[0].sources] == [0, 1]


def test_question_heading_the_section_answers_is_not_open() -> None:
    doc = _doc("Why Is Moscow Doing This?\nBoth Moscow and Seoul want a counterweight to Tokyo.\nThe talks ended.")
    assert [q for q in _build([doc]) if q.kind == "asked"] == []


def test_heading_whose_section_is_already_asked_about_is_not_repeated() -> None:
    doc = _doc("What Happens Next?\nExpect more talks between Moscow and Seoul.")
    assert [(q.kind, q.text) for q in _build([doc])] == [
        ("scheduled", "Will there be more talks between Moscow and Seoul?")
    ]


def _item(doc: Document, index: int, future: bool = False) -> TimelineItem:
    s = doc.sentences[index]
    return TimelineItem("2025-07-13", "day", "explicit", future, s.text, [SourceRef(doc.id, s.start, s.end, index)])


def test_single_source_claims_of_consequence() -> None:
    a = _doc("On July 12 a drone strike killed 12 soldiers near Kursk. On July 12 the talks ended.", "a")
    b = _doc("Lavrov met Choe in Wonsan.", "b")
    found = _build([a, b], [_item(a, 0), _item(a, 1)])
    single = [q.text for q in found if q.kind == "single-source"]
    assert single == [
        "Only one source reports that on July 12 a drone strike killed 12 soldiers near Kursk: is it confirmed?"
    ]


def test_single_source_needs_more_than_one_source_in_the_briefing() -> None:
    a = _doc("On July 12 a drone strike killed 12 soldiers near Kursk.", "a")
    assert [q for q in _build([a], [_item(a, 0)]) if q.kind == "single-source"] == []


def test_scheduled_events_to_watch() -> None:
    doc = _doc("Lavrov’s visit to North Korea is set to continue until July 13, after which he will travel to China.")
    found = _build([doc], [_item(doc, 0, future=True)])
    assert [(q.kind, q.text) for q in found] == [
        ("scheduled", "Will Lavrov’s visit to North Korea continue until July 13?")
    ]


def test_ranked_by_kind_deduplicated_and_capped() -> None:
    docs = [
        _doc("Russia may send more troops to Kursk. What next? Seoul said 3,000 troops arrived.", "a"),
        _doc("Russia may send more troops to Kursk. Kyiv said 12,000 troops arrived.", "b"),
    ]
    found = _build(docs)
    kinds = [q.kind for q in found]
    assert kinds[0] == "contradiction"
    order = questions.rules().data["kind_order"]
    assert kinds == sorted(kinds, key=order.index)
    assert len({q.text for q in found}) == len(found)
    assert [q.importance for q in found] == sorted((q.importance for q in found), reverse=True)
    many = _doc(" ".join(f"Russia may send {n},000 more troops to Kursk region {n}." for n in range(2, 40)))
    assert len(_build([many])) <= questions.rules().data["limit"]


def test_seed_questions() -> None:
    docs = [_doc(ingest.read_document(p).text, p.stem) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found = _build(docs)
    texts = [q.text for q in found]
    assert found[0].kind == "contradiction" and "thousands" in texts[0] and "around 10,000" in texts[0]
    assert any("missile, satellite, or nuclear technology" in t and t.endswith("?") for t in texts)


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Police said the motive for the attack was still unknown.", "What was the motive for the attack?"),
        (
            "It was not clear whether the arrest of the man, whose name was withheld, was linked to the blast.",
            "Was the arrest of the man linked to the blast?",
        ),
        ("Officials declined to say exactly how many officers are in Kursk.", "How many officers are in Kursk?"),
        ("It's not immediately clear which number was correct.", "Which number was correct?"),
        ("Officials did not say who fired the shots at the troops.", "Who fired the shots at the troops?"),
        (
            "The general did not say who he meant by traitors in the army.",
            "Is it known who he meant by traitors in the army?",
        ),
    ],
)
def test_unknowns_rephrased_from_their_wording(sentence: str, question: str) -> None:
    assert [q.text for q in _build([_doc(sentence)])] == [question]


def test_opening_phrases_and_side_clauses_are_dropped_from_future_questions() -> None:
    doc = _doc(
        "Building on the treaty, the agreement will ensure that Russian troops leave Kursk. "
        "The polls will close at 3 p.m. and preliminary results are expected on Monday."
    )
    texts = [q.text for q in _build([doc])]
    assert "Will the agreement ensure that Russian troops leave Kursk?" in texts
    assert "Will the polls close at 3 p.m.?" in texts


def test_quoted_speech_and_subordinate_clauses_are_not_asked_about() -> None:
    doc = _doc(
        '"We are investigating the alleged shooting of two soldiers," said the Kursk police commander. '
        "Although the army apparently ended operations in Darfur, militias killed 12 villagers."
    )
    assert [q for q in _build([doc]) if q.kind == "hedged"] == []


def test_dispute_questions_take_their_frame_from_the_claims() -> None:
    docs = [
        _doc("Currently, Britain has some 7,000 troops in southern Iraq.", "a", dt.date(2006, 11, 27)),
        _doc("Britain has some 7,200 troops deployed in southern Iraq.", "b", dt.date(2006, 11, 9)),
        _doc("Roughly 2,150 soldiers have been killed in Iraq since the Baghdad invasion.", "c"),
        _doc("Around 2,154 soldiers have been killed in Iraq since the Baghdad invasion.", "d"),
    ]
    texts = {q.text for q in _build(docs) if q.kind == "contradiction"}
    assert texts == {
        "How many troops does Britain have: some 7,000 or some 7,200?",
        "How many soldiers have been killed: roughly 2,150 or around 2,154?",
    }


def test_same_question_from_several_sources_is_asked_once_citing_all() -> None:
    docs = [_doc("Russia may send more troops to Kursk.", "a"), _doc("Russia may send more troops to Kursk.", "b")]
    (q,) = _build(docs)
    assert q.text == "Will Russia send more troops to Kursk?"
    assert [s.document for s in q.sources] == ["a", "b"]


def test_unknown_templates_from_the_resource() -> None:
    doc = _doc("No group has claimed responsibility for the attack in Kursk, which killed 12 soldiers.")
    assert [q.text for q in _build([doc])] == ["Who has claimed responsibility for the attack in Kursk?"]


def test_casualty_disputes_ask_how_many_were_killed() -> None:
    docs = [
        _doc("An Israeli offensive in Beit Hanoun killed some 19 civilians.", "a"),
        _doc("The Israeli offensive in Beit Hanoun killed 24 civilians.", "b"),
        _doc("Israeli shells in Beit Hanoun killed at least 19 civilians.", "c"),
    ]
    (q,) = _build(docs)
    assert q.text == "How many civilians were killed: some 19, 24 or at least 19?"
    assert not figures.find_disputes([docs[0], docs[2]])  # "some 19" and "at least 19" agree


def test_fears_and_fragments_raise_no_question() -> None:
    doc = _doc(
        "Aid workers fear that cholera is spreading in the Kisangani camps. "
        "Market speculation sent Singapore property stocks down five percent."
    )
    assert _build([doc]) == []
    analysts = _doc("Analysts say a war between Ethiopia and Somalia could draw in neighbouring countries.")
    assert [q.text for q in _build([analysts])] == [
        "Will a war between Ethiopia and Somalia draw in neighbouring countries?"
    ]


def test_how_many_question_keeps_a_names_capital_but_not_the_articles() -> None:
    docs = [
        _doc("The Pentagon has sent 500 troops to Poland.", "a"),
        _doc("The Pentagon has sent 900 troops to Poland.", "b"),
    ]
    (q,) = _build(docs)
    assert q.text == "How many troops has the Pentagon sent: 500 or 900?"


def test_the_question_is_about_the_clause_that_holds_the_hedge() -> None:
    doc = _doc(
        "Kovac, who is also the subject of unconfirmed reports of a positive test for a banned substance, "
        "had been nursing a knee injury during the closing stages of the season."
    )
    assert [q.text for q in _build([doc])] == ["Are the reports of a positive test for a banned substance confirmed?"]


def test_an_expectation_in_a_relative_clause_is_asked_about_its_noun() -> None:
    doc = _doc(
        "According to a local report on Friday, the plant, which is expected to begin operation in the third "
        "quarter of 2027, will employ 300 workers."
    )
    texts = [q.text for q in _build([doc])]
    assert "Will the plant begin operation in the third quarter of 2027?" in texts
    assert all(len(t.split()) < 15 for t in texts)  # no sentence pasted after a template question


def test_a_future_sentence_that_cannot_be_rephrased_raises_no_question() -> None:
    doc = _doc("Registration of voters for the 2027 elections formally ended on March 14 amid complaints.")
    assert _build([doc], [_item(doc, 0, future=True)]) == []


def test_a_common_word_opening_the_sentence_loses_its_capital() -> None:
    doc = _doc("Left-wing groups will hold a rally against the new law in Lyon on Saturday.")
    assert [q.text for q in _build([doc])] == [
        "Will left-wing groups hold a rally against the new law in Lyon on Saturday?"
    ]


def test_unlikely_claims_are_asked_about_the_event_with_the_hedge_shown() -> None:
    doc = _doc("Military sources said it was unlikely Belgian troops would be sent into northern Mali.")
    assert [q.text for q in _build([doc])] == [
        "Will Belgian troops be sent into northern Mali? (Military sources said it was unlikely)"
    ]
    far = _doc(
        "In a long statement issued late on Monday evening in the capital, military sources said it was unlikely "
        "Belgian troops would be sent into northern Mali."
    )
    assert [q.text for q in _build([far])] == ["Will Belgian troops be sent into northern Mali? (unlikely)"]
    talks = _doc("More talks with the rebels were likely after the ceasefire.")
    assert [q.text for q in _build([talks])] == ["Will there be more talks with the rebels after the ceasefire?"]
    assert _build([_doc("The vote on the treaty was likely after the ceasefire.")]) == []  # no words of our own


def test_an_opening_pronoun_is_resolved_to_the_person_named_before_or_dropped() -> None:
    doc = _doc(
        "Foreign Minister Jan Kowalski arrived in Vilnius on Monday. He will hold talks with the rebels on Tuesday."
    )
    (q,) = _build([doc])
    assert re.fullmatch(r"Will (?:Jan )?Kowalski hold talks with the rebels on Tuesday\?", q.text)
    assert [s.sentence for s in q.sources] == [1, 0]  # the sentence naming him is cited too
    assert _build([_doc("It will hold talks with the rebels on Tuesday.")]) == []


def test_trivial_scheduled_events_are_not_questions() -> None:
    doc = _doc("The meeting opened in Vienna on Monday. The seminar will include a variety of topics.")
    assert [q for q in _build([doc]) if q.kind == "scheduled"] == []
    # a principal's routine or ceremony is trivia too; its plans with a consequence word are not
    lead = "Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Monday. "
    routine = _doc(lead + "Lavrov will attend a banquet. Lavrov will continue to praise the friendship.")
    assert [q for q in _build([routine]) if q.kind == "scheduled"] == []
    plans = _doc(lead + "Lavrov will visit Wonsan on Tuesday. Lavrov will sign a treaty on Wednesday.")
    assert {q.text for q in _build([plans]) if q.kind == "scheduled"} == {
        "Will Lavrov visit Wonsan on Tuesday?",
        "Will Lavrov sign a treaty on Wednesday?",
    }


def test_an_unknown_that_names_nothing_raises_no_question() -> None:
    assert _build([_doc("The ministry gave no details of the attack near Kursk.")]) == []


def test_a_clause_opening_on_its_verb_takes_the_subject_before_a_relative_clause() -> None:
    doc = _doc(
        "The new stadium, which will seat 40,000 fans, is expected to be completed by April next year. "
        "Investigators believe Kovac, a 41-year-old trader, could have been in contact with the poison."
    )
    texts = {q.text for q in _build([doc])}
    assert "Will the new stadium be completed by April next year?" in texts
    assert "Has Kovac, a 41-year-old trader, been in contact with the poison?" in texts


def test_questions_that_lost_their_object_or_whose_hedge_is_in_a_side_clause_are_dropped() -> None:
    gapped = _doc("Officials unveiled a new strategy on the war that the minister is likely to be involved in shaping.")
    assert _build([gapped]) == []
    side = _doc("The treaty also seeks to ban products which contain potentially dangerous weapons.")
    assert _build([side]) == []


def test_a_list_item_after_a_comma_is_not_taken_for_the_subject() -> None:
    assert questions._subject("a venture between the Power Company, affiliated to X, and Yunnan Grid") is None
    assert questions._subject("Building on the treaty, the agreement") == "the agreement"


def test_a_second_clause_or_an_inner_attribution_ends_the_claim() -> None:
    doc = _doc(
        "The church in the north could operate normally and the faithful may be happy to attend the vote. "
        "The sanctions could be lifted before the summit, the minister said, and denied any deal with the rebels."
    )
    texts = {q.text for q in _build([doc])}
    assert texts == {
        "Will the church in the north operate normally?",
        "Will the sanctions be lifted before the summit?",
    }


def test_a_hedge_on_a_side_detail_is_no_claim_to_confirm() -> None:
    doc = _doc(
        "Bhutan later expelled more refugees for allegedly entering the kingdom illegally. "
        "The consortium, led by two banks, has reportedly finalised the financing of the missile deal."
    )
    assert [q.text for q in _build([doc])] == [
        "Is it confirmed that the consortium, led by two banks, has finalised the financing of the missile deal?"
    ]


def test_a_headline_line_makes_no_claim() -> None:
    doc = _doc("New coalition will only last six months in power: nationalists\nThe vote ended on Monday.")
    assert _build([doc]) == []


def test_a_single_source_claim_drops_a_quote_mark_left_open() -> None:
    a = _doc('"The soldier was killed Saturday in an explosion near Kursk, " the military said.', "a")
    b = _doc("Lavrov met Choe in Wonsan.", "b")
    found = [q.text for q in _build([a, b], [_item(a, 0)]) if q.kind == "single-source"]
    assert found == [
        "Only one source reports that the soldier was killed Saturday in an explosion near Kursk: is it confirmed?"
    ]


def test_a_single_source_claim_is_its_main_clause() -> None:
    a = _doc(
        "General Novak, 91, who died in a military hospital on Sunday, was buried with his troops on Tuesday, "
        "ending years of charges against him.",
        "a",
    )
    b = _doc("Lavrov met Choe in Wonsan.", "b")
    found = [q.text for q in _build([a, b], [_item(a, 0)]) if q.kind == "single-source"]
    assert found == [
        "Only one source reports that General Novak was buried with his troops on Tuesday: is it confirmed?"
    ]


def test_subjects_with_a_wh_word_or_a_lower_case_subordinator_are_no_subjects() -> None:
    doc = _doc(
        "Some of the soldiers bearing what may have been bullet wounds were found dead. "
        "He said while the general may have been the prime suspect, the army must decide."
    )
    assert [q for q in _build([doc]) if q.kind == "hedged"] == []


def test_a_phrase_before_the_modal_is_no_subject() -> None:
    doc = _doc(
        "The minister spoke on Monday, saying the satellite will help the army detect missile launches. "
        "Cars with small engines will pay 1 percent, while those with large engines will pay 3 percent in tax."
    )
    texts = {q.text for q in _build([doc])}
    assert not any("saying" in t or "while" in t for t in texts)


def test_a_question_with_a_quotation_left_open_is_dropped() -> None:
    assert questions._unbalanced_quotes('Will troops be relocated this week, at the same time," General Novak?')
    assert not questions._unbalanced_quotes('Will the military provide "an attractive reward"?')


def test_a_question_the_next_sentence_answers_is_not_open() -> None:
    rhetorical = _doc("Why does the treaty matter? Because it lets Russia station troops in Kursk.")
    assert [q for q in _build([rhetorical]) if q.kind == "asked"] == []
    left_open = _doc("The army withdrew from Kursk on Monday.\nWho ordered the retreat of the troops?")
    assert [q.text for q in _build([left_open]) if q.kind == "asked"] == ["Who ordered the retreat of the troops?"]
    ahead = _doc("Will the troops return to Kursk? Officials gave no answer on Monday.")
    assert [q.text for q in _build([ahead]) if q.kind == "asked"] == ["Will the troops return to Kursk?"]


def test_a_dated_frame_is_removed_from_a_single_source_claim() -> None:
    a = _doc("Defence Secretary John Reid said on Monday that British troops in Basra would be cut by thousands.", "a")
    b = _doc("Lavrov met Choe in Wonsan.", "b")
    found = [q.text for q in _build([a, b], [_item(a, 0)]) if q.kind == "single-source"]
    assert found == ["Only one source reports that British troops in Basra would be cut by thousands: is it confirmed?"]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Israel will hold general elections on March 28, in which three major parties will compete.",
            "Will Israel hold general elections on March 28?",
        ),
        (
            "The summit could boost trade between the two countries, said Hui Cong, head of the delegation.",
            "Will the summit boost trade between the two countries?",
        ),
        (
            "The rebel leader may have said so to please the troops.",
            "Has the rebel leader said so to please the troops?",
        ),
        (
            "Strict measures, similar to those enforced at two earlier polls, will be imposed to limit bombings.",
            "Will strict measures, similar to those enforced at two earlier polls, be imposed to limit bombings?",
        ),
    ],
)
def test_clause_ends_attributions_and_perfects(sentence: str, question: str) -> None:
    assert [q.text for q in _build([_doc(sentence)])] == [question]


def test_fragments_and_descriptions_are_no_questions() -> None:
    assert not questions._is_subject("IBF)")  # the end of an aside cut at its bracket
    assert questions._is_subject("the new board (EISB)")
    doc = _doc("Pedestrians could be seen running away from the bombs along the river.")
    assert _build([doc]) == []


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Dexia bank, a big shareholder in Euronext, will vote against a merger with the exchange, "
            "chief executive Axel Miller said on Tuesday.",
            "Will Dexia bank, a big shareholder in Euronext, vote against a merger with the exchange?",
        ),
        (
            "Moreover, the general's death could seriously destabilise the army.",
            "Will the general's death seriously destabilise the army?",
        ),
        (
            "Earlier China will seal off 2,652 small mines this year and another 2,209 next year.",
            "Will China seal off 2,652 small mines this year and another 2,209 next year?",
        ),
        (
            "The pope will hold two other ceremonies for the war victims: a mass on Saturday and a prayer on Sunday.",
            "Will the pope hold two other ceremonies for the war victims?",
        ),
        (
            "Many soldiers may have caught the virus from close contact with poultry.",
            "Have many soldiers caught the virus from close contact with poultry?",
        ),
    ],
)
def test_openers_frames_and_appositions(sentence: str, question: str) -> None:
    assert [q.text for q in _build([_doc(sentence)])] == [question]


def test_a_reporting_word_used_as_an_adjective_is_no_frame() -> None:
    a = _doc("Bihar witnessed 5,193 murders last year, up by 157 reported homicides over the year.", "a")
    b = _doc("Lavrov met Choe in Wonsan.", "b")
    texts = [q.text for q in _build([a, b], [_item(a, 0)])]
    assert not any(t.startswith("Only one source reports that homicides") for t in texts)
    assert questions._claim("The leaders will talk and") == "The leaders will talk"  # a cut leaves no "and"


def test_inspect_script_prints_each_question_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = "Troops on the border\n\nRussia may send more troops to Kursk next week, officials said on Monday.\n"
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    path = ROOT / "bench" / "inspect_questions.py"
    spec = importlib.util.spec_from_file_location("inspect_questions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main([str(tmp_path), "--limit", "0"])
    out = capsys.readouterr().out
    assert "[hedged] Will Russia send more troops to Kursk next week?" in out
    assert "<- a#s" in out and "1 articles, 1 briefings, 1 questions (hedged 1)" in out


# --------------------------------------------------------------------------- #
# Answered since: a later source asserts what a question asks
# --------------------------------------------------------------------------- #

ASKED_ON = dt.date(2025, 3, 3)  # a Monday
ELECTIONS = "Lisbon waits.\n\nThe president of Portugal may call early elections after the budget defeat, aides said."


def _dated(text: str, doc_id: str, published: dt.date, basis: str = "front-matter") -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, title=doc_id, published=published)
    doc.published_basis = basis
    return annotate.annotate(doc)


def _elections_question(later: str, published: dt.date = dt.date(2025, 3, 5), basis: str = "front-matter"):
    docs = [_dated(ELECTIONS, "a", ASKED_ON), _dated(later, "b", published, basis)]
    found = _build(docs)
    (q,) = [q for q in found if q.sources[0].document == "a"]
    assert q.text == "Will the president of Portugal call early elections after the budget defeat?"
    return q, docs


def test_a_question_a_later_source_asserts_is_answered_by_that_sentence() -> None:
    q, docs = _elections_question(
        "Portugal votes in May.\n\nThe president of Portugal called early elections on Wednesday."
    )
    later = docs[1].sentences[1]
    assert q.answered_by == SourceRef("b", later.start, later.end, 1)
    assert docs[1].text[q.answered_by.start : q.answered_by.end].startswith("The president of Portugal called")
    assert q.sources[0].document == "a"  # still cites where it was asked


def test_answered_questions_come_after_the_open_ones() -> None:
    docs = [
        _dated(ELECTIONS + "\n\nIt is not known whether the army will leave the capital.", "a", ASKED_ON),
        _dated("The president of Portugal called early elections on Wednesday.", "b", dt.date(2025, 3, 5)),
    ]
    found = _build(docs)
    assert [q.answered_by is not None for q in found] == [False, True]


@pytest.mark.parametrize(
    ("later", "published", "basis"),
    [
        # an earlier article cannot answer what was asked after it
        ("The president of Portugal called early elections on Wednesday.", dt.date(2025, 2, 26), "front-matter"),
        # nor one whose date is only estimated from its text: its order is unknown
        ("The president of Portugal called early elections on Wednesday.", dt.date(2025, 3, 5), "estimated"),
        # hedged, negated, planned or asked again: no assertion
        ("The president of Portugal reportedly called early elections on Wednesday.", dt.date(2025, 3, 5), "header"),
        ("The president of Portugal did not call early elections on Wednesday.", dt.date(2025, 3, 5), "header"),
        ("The president of Portugal is expected to call early elections soon.", dt.date(2025, 3, 5), "header"),
        ("Has the president of Portugal called early elections?", dt.date(2025, 3, 5), "header"),
        ("The president of Portugal agreed to call early elections on Wednesday.", dt.date(2025, 3, 5), "header"),
        (
            "Aides said it was false that the president of Portugal called early elections.",
            dt.date(2025, 3, 5),
            "header",
        ),
        # another subject
        ("The president of Spain called early elections on Wednesday.", dt.date(2025, 3, 5), "header"),
        # the same words, but of an earlier time: background, not news
        ("The president of Portugal called early elections in 2019.", dt.date(2025, 3, 5), "header"),
        # the subject, but not the happening asked about
        ("The president of Portugal called the budget defeat a disgrace.", dt.date(2025, 3, 5), "header"),
    ],
)
def test_what_does_not_answer_a_question(later: str, published: dt.date, basis: str) -> None:
    q, _ = _elections_question(later, published, basis)
    assert q.answered_by is None


def test_how_many_is_answered_by_a_later_figure_of_the_same_measure() -> None:
    asked = "Kabul mourns.\n\nIt is not known how many people were killed in the attack on the market in Kabul."
    answers = {
        "At least 45 people were killed in the attack on the market in Kabul, officials said.": True,
        "At least 45 people were injured in the attack on the market in Kabul.": False,  # another measure
    }
    for later, answered in answers.items():
        docs = [_dated(asked, "a", ASKED_ON), _dated(later, "b", dt.date(2025, 3, 5))]
        (q,) = _build(docs)
        assert q.text.startswith("How many people were killed")
        assert (q.answered_by is not None) == answered, later


def test_a_confirmation_must_repeat_the_claims_numbers_and_day() -> None:
    asked = "Three US soldiers were reportedly killed in Kabul on Monday."
    answers = {
        "Three US soldiers were killed in Kabul on Monday, the Pentagon said.": True,
        "Two US soldiers were killed in Kabul on Monday.": False,
        "Three US soldiers were killed in Kabul on Sunday.": False,
    }
    for later, answered in answers.items():
        docs = [_dated(asked, "a", dt.date(2025, 3, 4)), _dated(later, "b", dt.date(2025, 3, 5))]
        found = _build(docs)  # (three and two soldiers also make a contradiction, which may stand for it)
        hedged = [
            q for q in found if q.text == "Is it confirmed that three US soldiers were killed in Kabul on Monday?"
        ]
        assert hedged or not answered
        assert any(q.answered_by is not None for q in found) == answered, later


def test_only_one_briefing_source_needs_no_answer_search() -> None:
    (q,) = _build([_dated(ELECTIONS, "a", ASKED_ON)])
    assert q.answered_by is None


def test_a_blocking_phrase_the_claim_holds_itself_blocks_nothing() -> None:
    asked = "Ramallah waits.\n\nThe president of Palestine may call for early elections to end the standoff."
    answers = {
        "The president of Palestine called for early elections on Saturday.": True,
        "The president of Palestine called for early elections on Saturday, but Hamas rejected the move.": False,
    }
    for later, answered in answers.items():
        docs = [_dated(asked, "a", ASKED_ON), _dated(later, "b", dt.date(2025, 3, 9))]  # Saturday the 8th
        (q,) = _build(docs)
        assert q.text == "Will the president of Palestine call for early elections to end the standoff?"
        assert (q.answered_by is not None) == answered, later
    # and "called for elections" does not answer whether he will call them
    q, _ = _elections_question("The president of Portugal called for early elections on Wednesday.")
    assert q.answered_by is None


def test_a_name_ending_in_ed_is_no_verb_written_as_done() -> None:
    positions, done = questions._terms_and_done("Ahmed appointed two commissioners and Mohammed spoke.")
    terms = set(positions)
    assert questions._lemma("appointed") in done and questions._lemma("spoke") in done
    assert not any(t.startswith(("ahm", "mohamm")) for t in done) and questions._lemma("ahmed") in terms


def test_inspect_script_shows_what_answers_a_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: Portugal budget\ndate: 2025-03-03\n---\n{ELECTIONS}\n", "utf-8")
    later = "---\ntitle: Portugal elections\ndate: 2025-03-05\n---\nThe president of Portugal called early elections."
    (tmp_path / "b.md").write_text(later + "\n", "utf-8")
    path = ROOT / "bench" / "inspect_questions.py"
    spec = importlib.util.spec_from_file_location("inspect_questions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main([str(tmp_path), "--limit", "0", "--answered"])
    out = capsys.readouterr().out
    assert "ANSWERED Will the president of Portugal call early elections after the budget defeat?" in out
    assert "=> b#s0 (2025-03-05): The president of Portugal called early elections." in out
    assert "1 answered by a later source, in 1 briefings" in out


def test_a_scheduled_event_is_answered_only_by_a_source_published_once_it_is_due() -> None:
    asked = "Lisbon waits.\n\nThe parliament of Portugal is scheduled to vote on the budget on March 20."
    answers = {
        ("The parliament of Portugal voted on the budget.", dt.date(2025, 3, 10)): False,  # before it was due
        (
            "The parliament of Portugal voted on the budget on Thursday.",
            dt.date(2025, 3, 21),
        ): True,  # "March 20" no figure
    }
    for (later, published), answered in answers.items():
        docs = [_dated(asked, "a", ASKED_ON), _dated(later, "b", published)]
        (q,) = _build(docs)
        assert q.text == "Will the parliament of Portugal vote on the budget on March 20?"
        assert (q.answered_by is not None) == answered, later


def test_the_claims_words_scattered_over_a_sentence_do_not_answer_it() -> None:
    scattered = (
        "The president of Portugal called his ministers to a meeting on the budget, the army, the police and early "
        "elections on Wednesday."
    )
    q, _ = _elections_question(scattered)
    assert q.answered_by is None


def test_a_claim_about_a_report_needs_the_report_and_every_name_a_mention_gives() -> None:
    asked = "Washington waits.\n\nThe report will call for a withdrawal of US combat troops from Iraq by early 2027."
    answers = {
        # a deadline is no due date: the report may call for it any time before
        "The report called for a withdrawal of US combat troops from Iraq by early 2027.": True,
        "The Syrian foreign minister has called for the withdrawal of foreign troops from Iraq.": False,  # who calls
        "The report called for a withdrawal of British combat troops from Iraq.": False,  # "US" names a country too
    }
    for later, answered in answers.items():
        docs = [_dated(asked, "a", ASKED_ON), _dated(later, "b", dt.date(2025, 3, 5))]
        (q,) = _build(docs)
        assert q.text == "Will the report call for a withdrawal of US combat troops from Iraq by early 2027?"
        assert (q.answered_by is not None) == answered, later


def test_when_is_answered_only_by_a_sentence_that_gives_the_date() -> None:
    asked = "Geneva waits.\n\nIt is not clear when the nuclear talks in Vienna will resume."
    answers = {"The nuclear talks in Vienna resumed on Wednesday.": True, "The nuclear talks in Vienna resumed.": False}
    for later, answered in answers.items():
        docs = [_dated(asked, "a", ASKED_ON), _dated(later, "b", dt.date(2025, 3, 6))]
        (q,) = _build(docs)
        assert q.text == "When will the nuclear talks in Vienna resume?"
        assert (q.answered_by is not None) == answered, later


def test_the_answers_word_lists_hold_only_words() -> None:
    """YAML reads a bare false, no or on as a boolean: every listed word must stay a string."""
    data = questions.yaml.safe_load(questions.ANSWERS.read_text(encoding="utf-8"))
    for key, value in data.items():
        if isinstance(value, list) and value and not isinstance(value[0], (dict, list)):
            assert all(isinstance(word, str) for word in value), key


VISIT = "Lavrov’s visit to North Korea is set to continue until July 13, after which he will travel to China."


@pytest.mark.parametrize(
    ("later_published", "basis", "overdue"),
    [
        (dt.date(2025, 10, 28), "front-matter", "2025-07-13"),  # read in October: the day has passed
        (dt.date(2025, 7, 13), "front-matter", None),  # published that very day: not past yet
        (dt.date(2025, 10, 28), "estimated", None),  # an estimated date is no evidence that time has passed
    ],
)
def test_a_scheduled_event_past_by_the_newest_source_is_marked_overdue(
    later_published: dt.date, basis: str, overdue: str | None
) -> None:
    asking = _doc(VISIT, "a", published=dt.date(2025, 7, 12))
    later = _doc("Choe met Putin at the Kremlin.", "b", published=later_published)
    later.published_basis = basis
    found = _build([asking, later], [_item(asking, 0, future=True)])
    scheduled = [q for q in found if q.kind == "scheduled"]
    assert [q.text for q in scheduled] == ["Will Lavrov’s visit to North Korea continue until July 13?"]
    assert scheduled[0].overdue_since == overdue


# --------------------------------------------------------------------------- #
# Phrasing on real news: clauses cut where they end, not inside a subject
# --------------------------------------------------------------------------- #


def _all_phrasings(sentence: str) -> list[str | None]:
    return [questions._unknown_question(sentence), questions._future_question(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # no verb before "and": its words are one subject, not two clauses
        (
            "It is not clear when the talks between Chile and the WHO will resume.",
            "Is it known when the talks between Chile and the WHO will resume?",
        ),
        (
            "Norway and Peru will sign a fishing accord in March.",
            "Will Norway and Peru sign a fishing accord in March?",
        ),
        # a verb before "and": a new clause is cut, also when it opens on a name
        (
            "It was unclear whether she would testify and Chief Inspector Tan Wei-Ling declined to comment.",
            "Would she testify?",
        ),
        (
            "Tonga is expected to join the pact in 2009 and Fiji is aiming to join in 2010.",
            "Will Tonga join the pact in 2009?",
        ),
        # ", and" + a noun phrase + a past verb (irregular too) opens a new clause
        (
            "Chile would likely reject the offer, and a memo from the embassy here left little doubt about it.",
            "Will Chile reject the offer?",
        ),
    ],
)
def test_a_claim_is_cut_at_a_new_clause_not_inside_its_subject(sentence: str, expected: str) -> None:
    assert expected in _all_phrasings(sentence)


def test_a_relative_clause_after_and_is_no_new_clause() -> None:
    """'in 12 towns and villages that will open': the relative clause belongs to the noun, the claim is not cut."""
    q = questions._future_question(
        "Shops will be closed on Monday, except 40 shops in 12 towns and villages that will open at noon."
    )
    assert q is not None and q.endswith("12 towns and villages that will open at noon?")


def test_an_unknown_wh_clause_ends_at_its_clause_break() -> None:
    sentence = "The minister did not say when he would resign, but the radio said May 3 was likely."
    assert questions._unknown_question(sentence) == "When would he resign?"
    assert questions._unknown_question("It is not clear when the vote will be held.") == "When will the vote be held?"


@pytest.mark.parametrize(
    "sentence",
    [
        # the last items of a list are no subject, whether the list comes before the verb or before a relative clause
        "Street parades, concerts and other events are expected to draw 40,000 visitors to the town.",
        "He said that expanding the creative trades, which include the crafts, film and music studios in Lyon, "
        "will also raise the city's profile.",
        "The dam to be built by a venture between the Water Board No. 2, owned by the city, and Delta Power Company "
        "is expected to supply 900 homes.",
    ],
)
def test_the_last_items_of_a_list_make_no_subject(sentence: str) -> None:
    assert questions._future_question(sentence) is None


def test_a_list_item_test_keeps_real_openings() -> None:
    assert questions._future_question("In March, Norway and Peru will sign the accord.") == (
        "Will Norway and Peru sign the accord?"
    )
    assert questions._future_question("Separately, Norway and Peru will sign the accord.") == (
        "Will Norway and Peru sign the accord?"
    )


def test_an_attribution_without_its_comma_is_cut() -> None:
    q = questions._future_question("The results are due to be announced later on Friday a UN spokesman said.")
    assert q == "Will the results be announced later on Friday?"
    q = questions._future_question("Peru will respond firmly if its ships are seized, a navy spokesman vowed here.")
    assert q == "Will Peru respond firmly if its ships are seized?"
    # "said" inside the claim is not an attribution
    assert questions._future_question("The mayor will repeat what he said.") == "Will the mayor repeat what he said?"


def test_a_past_form_after_a_modal_drops_the_question() -> None:
    """'is expected to announced' (a typo): 'Will the mayor announced ...?' reads badly, rather no question."""
    assert questions._future_question("The mayor is expected to announced a new budget next week.") is None
    assert questions._future_question("The mayor is expected to proceed with a new budget next week.") == (
        "Will the mayor proceed with a new budget next week?"
    )
    assert questions._future_question("The firm will shed 200 jobs.") == "Will the firm shed 200 jobs?"


def test_former_is_lowered_after_will() -> None:
    q = questions._future_question("Former prime minister Ana Costa will visit Lima on May 2.")
    assert q == "Will former prime minister Ana Costa visit Lima on May 2?"


def test_a_pronoun_after_a_named_speaker_is_not_given_another_name() -> None:
    """'Harry said he and his cousin would appear': he is Harry (no name the layer knows), never the composer named
    in the sentence before."""
    doc = _doc(
        "Composer Paul Mendes will play a medley of songs at the concert in Rome on Sunday. "
        "Harry said he and his cousin would likely appear at the start of the concert."
    )
    assert questions._antecedent(doc, doc.sentences[1], "he") is None


def test_a_pronoun_after_the_named_speakers_verb_keeps_the_speakers_name() -> None:
    doc = _doc("Yonas Bekele from Ethiopia said he plans to return home soon to open a clinic in his country.")
    found = questions._antecedent(doc, doc.sentences[0], "he")
    assert found is not None and found[0] == "Yonas Bekele"


def test_a_relative_clause_after_the_last_items_of_a_list_is_not_asked_about() -> None:
    """'Lille, Nice and Metz, which might be relocating': which of them the clause is about is unclear."""
    sentence = (
        "The clubs would join a division with Lyon, Lille, Nice and Metz, which might be relocating after a vote."
    )
    assert questions._hedged_question(sentence, "might") is None
    one = "Fans of the clubs met in Metz, which might be relocating after a vote."
    assert questions._hedged_question(one, "might") is None  # the clause before holds a verb: no noun phrase
    alone = "Talks were held on Monday in the city of Metz, which might be relocating after a vote."
    assert questions._hedged_question(alone, "might") is None


def test_a_relative_clause_after_a_noun_phrase_is_asked_about() -> None:
    sentence = "The plan hurt Paris and, above all, the club of Metz, which might be relocating after a vote."
    assert questions._hedged_question(sentence, "might") == "Will the club of Metz be relocating after a vote?"


def test_a_question_cut_inside_a_decimal_is_dropped() -> None:
    assert questions._cut_number("Will the plan improve the lot of nearly 1?")
    assert not questions._cut_number("Will the plan improve the lot of nearly 1.5 billion people?")
    assert not questions._cut_number("Will the death toll rise to 9?")
    assert not questions._cut_number("Will the meeting open on May 9?")


def test_a_list_of_modifiers_is_no_subject_of_its_own() -> None:
    """'the witty, calm and young Ortiz will': 'Will calm and young Ortiz ...?' loses words of the subject."""
    sentence = "Fresh from his win on Monday as party leader, the witty, calm and young Ortiz will lead the campaign."
    assert questions._future_question(sentence) is None
    sentence = "A road project in northern, central and eastern provinces will receive the aid."
    assert questions._future_question(sentence) == (
        "Will a road project in northern, central and eastern provinces receive the aid?"
    )


def test_a_clause_after_and_follows_a_past_verb_not_an_aside() -> None:
    """After 'X agreed to a deal, and' the clause is the article's own; after ', owned by Y, and' it is a list item."""
    sentence = "The firm earlier agreed to a deal with Oman for 12 jets, and the deal was reportedly under threat."
    assert questions._hedged_question(sentence, "reportedly") == "Is it confirmed that the deal was under threat?"


def test_an_attribution_with_say_or_confirmed_is_cut() -> None:
    q = questions._future_question("Both ports will use new scanners as trucks leave the harbor, officials confirmed.")
    assert q == "Will both ports use new scanners as trucks leave the harbor?"
    q = questions._future_question("The task will be to keep the party in the center, pundits say.")
    assert q == "Will the task be to keep the party in the center?"


def test_an_aside_with_and_is_no_list() -> None:
    """'jointly drafted by the city and the region' is an aside, not the rest of a list: its subject is not asked
    about without the aside's closing comma."""
    assert not questions._continues_list("jointly drafted by the city and the region")
    assert questions._continues_list("central and eastern provinces")
    sentence = "The plan, jointly drafted by the city and the region, will be carried out next year."
    q = questions._future_question(sentence)
    assert q is None or "the region, be carried out" in q


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the noun of a prepositional wh-phrase stays with it; a second embedded question is left out
        (
            "The minister did not specify in which districts the curfew will be lifted or when the order would apply.",
            "In which districts will the curfew be lifted?",
        ),
        ("It is not clear on which day the border will open.", "On which day will the border open?"),
        ("Police did not say whether the man was armed or why he fled.", "Was the man armed?"),
    ],
)
def test_an_embedded_wh_phrase_keeps_its_noun(sentence: str, expected: str) -> None:
    assert questions._unknown_question(sentence) == expected


def test_two_names_joined_by_and_are_no_new_clause() -> None:
    sentence = "The council will impose sanctions after the US and Russia closed ranks around a draft."
    assert questions._future_question(sentence) == (
        "Will the council impose sanctions after the US and Russia closed ranks around a draft?"
    )


def test_how_and_its_adjective_stay_together() -> None:
    assert questions._unknown_question("It is not clear how long the strike would last.") == (
        "How long would the strike last?"
    )
    assert questions._unknown_question("It is not clear how the strike would end.") == "How would the strike end?"


def test_a_long_apposition_with_and_keeps_its_commas() -> None:
    sentence = "The forum, one of the main events of the plan on sport and health, will be attended by 300 people."
    assert questions._future_question(sentence) == (
        "Will the forum, one of the main events of the plan on sport and health, be attended by 300 people?"
    )


def test_a_list_under_way_before_the_comma_makes_no_subject() -> None:
    sentence = "The office said the north and west Tyrol, Carinthia and Styria regions will see heavy snow."
    assert questions._future_question(sentence) is None
    sentence = "As both nations share values and need each other in world affairs, Chile and Peru are expected to sign."
    assert questions._future_question(sentence) == "Will Chile and Peru sign?"


def test_a_conditional_aside_is_no_subject() -> None:
    sentence = "Any strike, should it come to pass, will hurt exports and may, in the short term, cut growth."
    q = questions._future_question(sentence)
    assert q is None or not q.startswith("Will should")
