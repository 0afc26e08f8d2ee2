"""The shared name layer: fullest forms, pronoun antecedents (gender, trust, subjects, `who`), role descriptions,
and the same resolution for quotes and questions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator import annotate, figures, ingest, questions
from generator.model import Document, Mention
from generator.names import NameTable, Reference, names_of, person_titles, quoted_speakers, strip_titles
from generator.quotes import extract_quotes
from tests.conftest import SHARED


def _table(text: str, names: dict[str, tuple[str, str]]) -> NameTable:
    """A table from hand-made mentions: every occurrence of each surface form, with its canonical name and type."""
    mentions = []
    for surface, (name, kind) in names.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            mentions.append(Mention(m.start(), m.end(), surface, kind, name))
    starts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)]
    return NameTable.build(text, mentions, sentence_starts=starts)


def _at(text: str, word: str, nth: int = 0) -> int:
    return [m.start() for m in re.finditer(rf"\b{word}\b", text)][nth]


def _antecedent(table: NameTable, text: str, pronoun: str, speakers: list[Reference] | None = None) -> str | None:
    found = table.antecedent(_at(text, pronoun), pronoun, speakers or [])
    return found.name if found else None


MERKEL = {
    "Angela Merkel": ("Angela Merkel", "person"),
    "Jose Manuel Barroso": ("Jose Manuel Barroso", "person"),
    "Berlin": ("Berlin", "place"),
}


def test_a_gendered_pronoun_skips_names_of_the_other_gender() -> None:
    text = "Angela Merkel met Jose Manuel Barroso in Berlin. She said the budget was too small."
    assert _antecedent(_table(text, MERKEL), text, "She") == "Angela Merkel"
    text = "Jose Manuel Barroso met Angela Merkel in Berlin. She said the budget was too small."
    assert _antecedent(_table(text, MERKEL), text, "She") == "Angela Merkel"
    text = "Angela Merkel met Jose Manuel Barroso in Berlin. He said the budget was too small."
    assert _antecedent(_table(text, MERKEL), text, "He") == "Jose Manuel Barroso"


def test_titles_roles_and_reported_pronouns_give_a_gender() -> None:
    names = {"Kim Lee": ("Kim Lee", "person"), "Park Min": ("Park Min", "person")}
    text = "Mrs. Kim Lee met Park Min on Monday. He said talks went well."
    assert _antecedent(_table(text, names), text, "He") == "Park Min"
    text = "Spokeswoman Kim Lee met Park Min on Monday. She said talks went well."
    assert _antecedent(_table(text, names), text, "She") == "Kim Lee"
    text = "Park Min said he was tired. Kim Lee spoke with Park Min on Monday. She said talks went well."
    assert _antecedent(_table(text, names), text, "She") == "Kim Lee"  # `Park Min said he` makes him a man
    assert _table(text, names).gender("Park Min") == "male"
    assert _table(text, names).gender("Kim Lee") is None  # nothing tells


def test_she_prefers_a_known_woman_in_the_sentence_over_names_of_unknown_gender() -> None:
    names = {"Dharar Razzooqi": ("Dharar Razzooqi", "person"), "Margaret Chan": ("Margaret Chan", "person")}
    text = "Dharar Razzooqi said his country would support Margaret Chan so that she could fulfil her mandate."
    assert _antecedent(_table(text, names), text, "she") == "Margaret Chan"
    # "he" keeps the subject: a name of unknown gender is not passed over for it
    names = {"Hu Jintao": ("Hu Jintao", "person"), "John Kerry": ("John Kerry", "person")}
    text = "Hu Jintao met John Kerry in Beijing. He said the talks were fruitful."
    assert _antecedent(_table(text, names), text, "He") == "Hu Jintao"


def test_a_lone_capitalised_word_is_trusted_less_than_a_titled_or_full_name() -> None:
    names = {"Sergei Lavrov": ("Sergei Lavrov", "person"), "Hope": ("Hope", "person")}
    text = "Foreign Minister Sergei Lavrov arrived on Monday. Amid the talks Hope stayed high. He said it went well."
    table = _table(text, names)
    assert not table.trusted(table.items[1]) and table.trusted(table.items[0])
    assert _antecedent(table, text, "He") == "Sergei Lavrov"
    alone = "Amid the talks Hope stayed high. He said it went well."
    assert _antecedent(_table(alone, names), alone, "He") == "Hope"  # nothing better: the lone word stands


def test_the_subject_of_the_nearest_sentence_wins_not_an_object_or_possessor() -> None:
    names = {"Wang Yi": ("Wang Yi", "person"), "Sergei Lavrov": ("Sergei Lavrov", "person")}
    text = "In a letter to Wang Yi, Sergei Lavrov wrote that he would visit Beijing."
    assert _antecedent(_table(text, names), text, "he") == "Sergei Lavrov"
    text = "Sergei Lavrov met Wang Yi in Moscow. He said the talks were useful."
    assert _antecedent(_table(text, names), text, "He") == "Sergei Lavrov"


def test_a_possessor_opening_the_sentence_is_its_topic_unless_it_owns_a_person() -> None:
    names = {"Agassi": ("Andre Agassi", "person"), "Rafael Nadal": ("Rafael Nadal", "person")}
    text = "Agassi's withdrawal came minutes after Rafael Nadal pulled out. He complained about the schedule."
    assert _antecedent(_table(text, names), text, "He") == "Andre Agassi"
    names = {"Pinochet": ("Augusto Pinochet", "person"), "Marco Antonio": ("Marco Antonio", "person")}
    text = "Pinochet's youngest son, Marco Antonio, decried the absence of a funeral. He said it was unfair."
    assert _antecedent(_table(text, names), text, "He") == "Marco Antonio"


def test_who_takes_the_name_right_before_it() -> None:
    names = {"John Smith": ("John Smith", "person"), "Mike Lee": ("Mike Lee", "person")}
    text = "Senator John Smith praised Mike Lee, who said the bill would pass. He voted for it."
    table = _table(text, names)
    assert _antecedent(table, text, "who") == "Mike Lee"
    assert _antecedent(table, text, "He") == "John Smith"


def test_a_more_recent_speaker_beats_an_older_subject() -> None:
    names = {"John Smith": ("John Smith", "person"), "Mike Lee": ("Mike Lee", "person")}
    text = 'John Smith opened the session. "We will win," said Mike Lee. "It is done," he said.'
    table = _table(text, names)
    start = text.index("Mike Lee")
    speaker = Reference("Mike Lee", start, start + len("Mike Lee"))
    assert _antecedent(table, text, "he", [speaker]) == "Mike Lee"


def test_the_antecedent_points_at_the_mention_it_rests_on() -> None:
    text = "Foreign Minister Sergei Lavrov arrived on Monday. Lavrov met the press. He said it went well."
    found = _table(text, {"Lavrov": ("Sergei Lavrov", "person")}).antecedent(_at(text, "He"), "He")
    assert found is not None and found.name == "Sergei Lavrov"
    assert text[found.start : found.end] == "Lavrov" and found.start == text.index("Lavrov met")


def test_fullest_form_of_a_surname() -> None:
    text = "Russian Foreign Minister Sergei Lavrov arrived. Lavrov spoke."
    table = _table(text, {"Sergei Lavrov": ("Sergei Lavrov", "person"), "Lavrov": ("Lavrov", "person")})
    assert table.fullest("Lavrov") == "Sergei Lavrov"
    assert table.fullest("Choe") == "Choe"  # not in the text: stays as given


def test_a_role_description_resolves_to_the_name_introduced_with_that_role() -> None:
    text = (
        "North Korea's foreign minister Choe Son-hui met Sergei Lavrov on Monday. Lavrov praised the talks. "
        "The minister said the visit was historic."
    )
    table = _table(text, {"Choe Son-hui": ("Choe Son-hui", "person"), "Sergei Lavrov": ("Sergei Lavrov", "person")})
    found = table.described(text.index("The minister"), "minister", "The minister")
    assert found is not None and found.name == "Choe Son-hui" and text[found.start : found.end] == "Choe Son-hui"
    assert table.described(text.index("The minister"), "governor", "The governor") is None


def test_a_description_with_a_demonym_needs_it_written_with_the_name() -> None:
    text = (
        "Palestinian President Yasser Arafat asked Egyptian President Hosni Mubarak for help. "
        "The Palestinian president said talks would go on."
    )
    table = _table(text, {"Yasser Arafat": ("Yasser Arafat", "person"), "Hosni Mubarak": ("Hosni Mubarak", "person")})
    position = text.index("The Palestinian")
    assert table.described(position, "president", "The Palestinian president").name == "Yasser Arafat"  # type: ignore[union-attr]
    assert table.described(position, "president", "the president").name == "Hosni Mubarak"  # type: ignore[union-attr]
    # a person written otherwise is still taken when no one is written so; an outlet carries its own name
    text = "President Branko Crvenkovski wrote to Brussels. Macedonia's bid stalled. The Macedonian president said so."
    table = _table(text, {"Branko Crvenkovski": ("Branko Crvenkovski", "person")})
    found = table.described(text.index("The Macedonian"), "president", "The Macedonian president")
    assert found is not None and found.name == "Branko Crvenkovski"
    text = "The Daily Telegraph reported the deal. The Guardian newspaper said it was off."
    table = _table(text, {"The Daily Telegraph": ("The Daily Telegraph", "organization")})
    assert table.described(text.index("The Guardian"), "newspaper", "The Guardian newspaper") is None
    assert table.described(text.index("The Guardian"), "newspaper", "the newspaper").name == "The Daily Telegraph"  # type: ignore[union-attr]


def test_names_inside_quotations_are_no_antecedents() -> None:
    text = 'Mary Jones arrived. "John Smith is wrong," she said.'
    names = {"Mary Jones": ("Mary Jones", "person"), "John Smith": ("John Smith", "person")}
    quoted = [(text.index("John"), text.index(',"'))]
    mentions = [Mention(m.start(), m.end(), k, "person", k) for k in names for m in re.finditer(k, text)]
    table = NameTable.build(text, mentions, quoted)
    assert [n.name for n in table.items] == ["Mary Jones"]


def test_without_an_entity_layer_a_capitalised_word_finder_supplies_the_names() -> None:
    text = "Foreign Minister Sergei Lavrov arrived in Moscow on Monday. He said it went well."
    table = NameTable.build(text, None)
    assert "Sergei Lavrov" in [n.name for n in table.items]
    assert _antecedent(table, text, "He") == "Sergei Lavrov"


# --------------------------------------------------------------------------- #
# Quotes and questions resolve alike
# --------------------------------------------------------------------------- #


def _annotated(text: str) -> Document:
    doc = Document(id="a", path="a.txt", text=text, title="t", published=dt.date(2025, 10, 28))
    return annotate.annotate(doc)


def test_a_question_opening_with_she_names_the_woman_not_the_last_named_man() -> None:
    doc = _annotated("John Smith praised Mary Jones, the new health minister. She will hold talks with the rebels.")
    found = questions.build_questions([doc], figures.find_disputes([doc]), [])
    assert [q.text for q in found] == ["Will Mary Jones hold talks with the rebels?"]
    assert [s.sentence for s in found[0].sources] == [1, 0]  # the sentence naming her is cited too


def test_a_question_drops_a_pronoun_whose_antecedent_is_far_back() -> None:
    lead, rest = "John Smith arrived in Vilnius on Monday. ", "He will hold talks with the rebels on Tuesday."
    near = _annotated(lead + "The weather was cold. " + rest)
    far = _annotated(lead + "The weather was cold. Roads were icy. Schools closed early. " + rest)
    assert [q.text for q in questions.build_questions([near], [], [])] == [
        "Will John Smith hold talks with the rebels on Tuesday?"
    ]
    assert questions.build_questions([far], [], []) == []


def test_the_same_pronoun_in_the_same_place_resolves_alike_in_quotes_and_questions() -> None:
    text = "John Smith praised Mary Jones, the new health minister. “We will go to Paris,” she said."
    doc = _annotated(text)
    (quote,) = doc.quotes
    assert quote.speaker == "Mary Jones"
    table = names_of(doc)
    found = table.antecedent(quote.speaker_start or 0, "she", quoted_speakers(doc, table))
    assert found is not None and found.name == quote.speaker
    assert names_of(doc) is table  # built once per document
    assert extract_quotes(text, doc.mentions, doc.sentences)[0].speaker == "Mary Jones"


def test_pronoun_speakers_of_real_news_resolve_alike_through_the_question_path() -> None:
    corpus = SHARED / "corpora" / "news-2452"
    if not corpus.is_dir():
        pytest.skip("the shared news corpus is not on this machine")
    checked = 0
    for path in sorted(corpus.glob("*.txt"))[::25]:  # about 100 articles, spread over both agencies
        doc = annotate.annotate(ingest.read_document(path))
        table = names_of(doc)
        speakers = quoted_speakers(doc, table)
        for quote in doc.quotes:
            mention = doc.text[quote.speaker_start : quote.speaker_end] if quote.speaker_start is not None else ""
            if quote.kind == "scare" or mention.lower() not in ("he", "she", "it", "who"):
                continue
            found = table.antecedent(quote.speaker_start or 0, mention, speakers)
            assert (found.name if found else None) == quote.speaker, (doc.id, quote.start)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("Attorney General Merrick Garland", "Merrick Garland"),  # a title the entity layer lists
        ("Secretary-General Antonio Guterres", "Antonio Guterres"),
        ("Chief of Staff Susie Wiles", "Susie Wiles"),
        ("CEO Tim Cook", "Tim Cook"),
        ("Democrat Joe Manchin", "Joe Manchin"),  # a speaker's label the entity layer keeps in names
        ("Bank of America", "Bank of America"),  # "of" is no title
        ("Associated Press", "Associated Press"),
    ],
)
def test_titles_are_the_entity_layers_person_titles(words: str, name: str) -> None:
    assert " ".join(strip_titles(words.split())) == name


def test_person_titles_have_one_home() -> None:
    """The name layer keeps no title list of its own: it reads the entity layer's."""
    from importlib import resources

    import yaml

    data = yaml.safe_load((resources.files("generator") / "resources" / "names" / "name_words.yaml").read_text())
    assert "titles" not in data
    assert "Secretary-General" in person_titles() and "Foreign Minister" in person_titles()
    assert not set(person_titles()) & set(data["speaker_titles"])  # no title in both lists
