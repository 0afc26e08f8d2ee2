"""Figures: numbers read as counts with the range their wording allows, and disputes between sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import annotate, figures, ingest
from generator.model import Document, Figure, Mention, Quote

ROOT = Path(__file__).resolve().parent.parent


def _layers(doc: Document) -> Document:
    """Sentences and time expressions, then figures: the layers figures read, without other components."""
    annotate.add_sentences(doc)
    annotate.add_timexes(doc)
    annotate.add_figures(doc)
    return doc


def _doc(text: str, doc_id: str = "a", published: dt.date | None = dt.date(2025, 10, 28)) -> Document:
    return _layers(Document(id=doc_id, path=f"{doc_id}.txt", text=text, title="t", published=published))


def _figures(text: str) -> list[Figure]:
    return _doc(text).figures


def _one(text: str) -> Figure:
    found = _figures(text)
    assert len(found) == 1, found
    return found[0]


def test_approximate_figure_gets_a_range_and_its_attribution() -> None:
    text = (
        "Since then, North Korea has sent around 10,000 troops to join the war, at least 600 of whom have died "
        "in combat, according to estimates from Seoul and Kyiv."
    )
    troops, dead = _figures(text)
    assert (troops.text, troops.value, troops.counts, troops.approximate) == ("around 10,000", 10000, "troops", True)
    assert troops.low == pytest.approx(9000) and troops.high == pytest.approx(11000)
    assert troops.attribution == "according to estimates from Seoul and Kyiv"
    assert text[troops.start : troops.end] == troops.text
    assert (dead.text, dead.low, dead.high, dead.counts) == ("at least 600", 600, None, "dead")


def test_vague_quantity_has_no_value_but_a_range() -> None:
    fig = _one("North Korea has already sent thousands of troops to aid Russia.")
    assert (fig.text, fig.value, fig.counts, fig.approximate) == ("thousands of", None, "troops", True)
    assert fig.low is not None and fig.high is not None and 1000 <= fig.low < fig.high < 10000


def test_synonyms_share_one_counted_noun() -> None:
    text = "The army moved 3,000 soldiers. The navy sent 500 personnel. 200 troops stayed."
    counts = {f.counts for f in _figures(text)}
    assert counts == {"troops"}


def test_money_and_percentages() -> None:
    money, euros, share = _figures("The package is worth $1.2 billion, with €5m for repairs; turnout was 54.5%.")
    assert (money.text, money.value, money.counts) == ("$1.2 billion", 1.2e9, "USD")
    assert (euros.text, euros.value, euros.counts) == ("€5m", 5e6, "EUR")
    assert (share.text, share.value, share.counts) == ("54.5%", 54.5, "percent")


def test_ranges_and_bounds() -> None:
    between, upto = _figures("Between 700 and 800 Greek troops will go, and up to 5,000 refugees may follow.")
    assert (between.low, between.high, between.counts) == (700, 800, "troops")
    assert (upto.low, upto.high, upto.counts) == (None, 5000, "refugees")


def test_casualty_verbs_change_what_is_counted() -> None:
    assert _one("At least 16 people were killed in the blast.").counts == "dead"
    assert _one("Officials said 40 civilians were wounded.").counts == "injured"


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 2024 in Pyongyang.",
        "Putin last met Kim on 3 September in Beijing.",
        "The meeting began at 11:20 in the Kremlin.",
        "He ranked 3rd among the 2nd-tier candidates.",
        "The 45-year-old minister arrived, aged 45.",
        "Call the office on 555-1234 for details.",
        "UN Resolution 2231 bans such transfers, and Article 5 applies.",
        "The F-16 and the Su-27 jets flew over the base.",
        "The talks lasted three days and ended 10 years of silence.",
        "1. Read the agreement.\n2. Sign the agreement.",
        "Also Read: North Korea to Send 30,000 Troops to Russia",
        "He wrote a book called “The 10,000 Soldiers Who Came Home” last year.",
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert _figures(text) == []


def test_figure_in_running_text_is_found_even_if_a_headline_had_it() -> None:
    fig = _one("Seoul said North Korea plans to send 30,000 troops to Russia.")
    assert (fig.value, fig.counts, fig.attribution) == (30000, "troops", "Seoul said")


def test_spelled_numbers_count_people_but_not_vague_things() -> None:
    assert _one("Two soldiers were killed and five southern regions were hit.").value == 2
    died, hurt = _figures("Twenty-five soldiers died and thirty-two civilians were hurt.")
    assert (died.value, died.counts, hurt.value, hurt.counts) == (25, "dead", 32, "injured")


def _pair(first: str, second: str, dates=(dt.date(2025, 7, 12), dt.date(2025, 10, 28))) -> list:
    return figures.find_disputes([_doc(first, "a", dates[0]), _doc(second, "b", dates[1])])


def test_vague_and_exact_figures_differ_in_precision() -> None:
    (dispute,) = _pair("North Korea sent thousands of troops.", "North Korea sent around 10,000 troops.")
    assert dispute.counts == "troops"
    assert [c.value_text for c in dispute.claims] == ["thousands", "around 10,000"]
    assert [c.source.document for c in dispute.claims] == ["a", "b"]
    assert dispute.claims[1].date == "2025-10-28"
    assert dispute.note.startswith("differ in precision")


def test_incompatible_figures_conflict() -> None:
    (dispute,) = _pair("Officials said 30,000 troops went to Russia.", "Seoul said 10,000 troops went to Russia.")
    assert dispute.note.startswith("conflict")


def test_later_higher_count_differs_by_date() -> None:
    (dispute,) = _pair("Officials said 3,000 troops went to Russia.", "Officials said 11,000 troops went to Russia.")
    assert dispute.note.startswith("differ by date")


def test_figures_about_different_subjects_or_magnitudes_are_not_compared() -> None:
    assert _pair("France sent 10,000 troops to Mali.", "Officials said 30,000 troops went to Russia.") == []
    assert _pair("Only 200 troops guard the base in Kursk.", "North Korea sent 10,000 troops to Kursk.") == []


def test_one_source_can_dispute_itself_when_attributions_differ() -> None:
    doc = _doc("Seoul said 10,000 troops went to Russia. Kyiv said 12,000 troops went to Russia.")
    (dispute,) = figures.find_disputes([doc])
    assert [c.attribution for c in dispute.claims] == ["Seoul said", "Kyiv said"]
    same_voice = _doc("In May, 10,000 troops went to Russia. In June, 12,000 troops went to Russia.")
    assert len(same_voice.figures) == 2 and figures.find_disputes([same_voice]) == []


def test_a_source_giving_several_figures_in_its_own_voice_counts_different_things() -> None:
    one = _doc("France will send up to 1,000 troops to Albania. The force will send around 6,000 troops to Albania.")
    other = _doc("Officials will send 2,000 troops to Albania.", "b")
    assert len(one.figures) == 2 and figures.find_disputes([one, other]) == []


def test_different_scope_is_not_a_dispute() -> None:
    disputes = _pair("North Korea sent 10,000 troops.", "At least 600 soldiers have died in combat.")
    assert disputes == []


def test_same_figure_is_agreement_not_dispute() -> None:
    assert _pair("Russia received 10,000 troops.", "North Korea sent 10,000 soldiers.") == []


def test_seed_troop_figures_are_disputed() -> None:
    docs = [_layers(ingest.read_document(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    disputes = {d.counts: d for d in figures.find_disputes(docs)}
    texts = {c.value_text for c in disputes["troops"].claims}
    assert {"thousands", "around 10,000"} <= texts
    assert "dead" not in disputes  # "at least 600 of whom have died" is another count, not a rival figure


def test_a_quote_lends_its_speaker_only_to_figures_inside_it() -> None:
    text = 'Russia sent 5,000 troops to what both sides called a "historic event". "We lost 300 soldiers," he said.'
    doc = Document(id="a", path="a.txt", text=text, title="t")
    annotate.add_sentences(doc)
    historic, lost = text.index("historic"), text.index("We lost")
    doc.quotes = [
        Quote(historic, historic + 14, "historic event", "both sides", None, None, "called", "partial"),
        Quote(lost, lost + 16, text[lost : lost + 16], "Lavrov", None, None, "said", "speech"),
    ]
    sent, died = figures.extract_figures(doc)
    assert sent.attribution is None
    assert died.attribution == "Lavrov said"


def test_changes_and_levels_are_not_ranges() -> None:
    change, level = _figures("The index fell 1.5 percent to 9.65 dollars.")
    assert (change.text, change.high, change.counts) == ("1.5 percent", 1.5, "percent")
    assert (level.text, level.counts) == ("9.65 dollars", "USD")
    doses = _one("We have 60 to 70 million doses of vaccine.")
    assert (doses.text, doses.low, doses.high, doses.counts) == ("60 to 70 million", 6e7, 7e7, "doses")
    assert _figures("They won 1-0 in the away game.") == []


def test_strong_forces_and_handfuls() -> None:
    force = _one("Russia sent a 10,000-strong force to Kursk.")
    assert (force.text, force.value, force.counts) == ("10,000", 10000, "troops")
    handful = _one("A handful of soldiers stayed behind.")
    assert (handful.value, handful.low, handful.high, handful.counts) == (None, 3, 9, "troops")


def test_bare_vague_quantities_count_only_casualties() -> None:
    killed, wounded = _figures("The strikes killed hundreds and wounded thousands.")
    assert (killed.text, killed.counts, wounded.text, wounded.counts) == ("hundreds", "dead", "thousands", "injured")
    assert _figures("Thousands fled the city. Hundreds more arrived.") == []


def test_attribution_verbs_with_an_object_attribute_nothing() -> None:
    assert _one("Wibowo of Indonesia claimed the title in the 100 meter dash.").attribution is None
    assert _one("Russia claimed 500 Ukrainian soldiers were killed.").attribution == "Russia claimed"


def test_disputes_read_the_mention_layer() -> None:
    first, second = _doc("The regime sent 10,000 troops.", "a"), _doc("The regime sent 12,000 troops.", "b")
    assert figures.find_disputes([first, second]) == []  # only the verb is shared: not enough to compare
    for doc in (first, second):
        doc.mentions = [Mention(4, 10, "regime", "organization", "North Korea")]
    (dispute,) = figures.find_disputes([first, second])
    assert [c.value_text for c in dispute.claims] == ["10,000", "12,000"]


def test_sentence_names_add_the_countries_of_nationality_adjectives() -> None:
    doc = _doc("Israeli shells hit Beit Hanoun. North Korean troops left.")
    assert figures.sentence_names(doc) == {0: {"Israel", "Beit Hanoun"}, 1: {"North Korea"}}


def test_casualty_dispute_holds_with_the_entity_layer() -> None:
    texts = [
        "An Israeli offensive in Beit Hanoun killed some 19 civilians.",
        "Israeli shells in Beit Hanoun killed 24 civilians.",
    ]
    docs = [_doc(text, doc_id) for text, doc_id in zip(texts, "ab", strict=True)]
    for doc in docs:
        annotate.add_mentions(doc)
    (dispute,) = figures.find_disputes(docs)
    assert dispute.counts == "dead"


@pytest.mark.parametrize("mark", ["“”", "‘’"])
def test_numbers_in_quoted_titles_are_names(mark: str) -> None:
    opening, closing = mark
    assert _figures(f"The headline {opening}North Korea Sends 30,000 Troops{closing} ran on Monday.") == []


def test_without_a_quote_layer_the_quotes_are_found_for_the_figures() -> None:
    fig = _one("Sergei Lavrov spoke on Monday. “We lost 300 soldiers,” he said.")
    assert fig.attribution == "Sergei Lavrov said"


def test_a_number_opening_a_line_is_a_figure_and_a_list_marker_is_not() -> None:
    assert [f.text for f in _figures("Key facts:\n12 troops arrived.")] == ["12"]
    found = _figures("Key facts:\n1. 500 troops arrived.\n2) 30 soldiers left.")
    assert [(f.text, f.counts) for f in found] == [("500", "troops"), ("30", "troops")]


def test_numbers_in_reads_digits_and_words_but_not_years() -> None:
    text = "three people, 1,000 troops and twenty-five days in 2024; 3.5 percent; Twelve men"
    assert figures.numbers_in(text) == {3.0, 1000.0, 25.0, 3.5, 12.0}
