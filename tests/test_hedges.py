"""Hedges: speculative, unknown, asked and scheduled claims, and the look-alikes that are none of these."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import annotate, hedges, ingest
from generator.model import Document, Hedge, Quote

ROOT = Path(__file__).resolve().parent.parent


def _layers(doc: Document) -> Document:
    """The layers hedges read (sentences, time expressions), then hedges, without other components."""
    annotate.add_sentences(doc)
    annotate.add_timexes(doc)
    annotate.add_hedges(doc)
    return doc


def _hedges(text: str) -> list[Hedge]:
    return _layers(Document(id="a", path="a.txt", text=text, title="t", published=dt.date(2025, 10, 28))).hedges


def _kind(text: str) -> tuple[str, str] | None:
    found = _hedges(text)
    assert len(found) <= 1
    return (found[0].kind, found[0].cue) if found else None


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        ("There is widespread worry that Russia may transfer missile technology to North Korea.", "hedged", "may"),
        ("The strike possibly destroyed the depot.", "hedged", "possibly"),
        ("The minister is expected to resign.", "hedged", "is expected to"),
        ("The sanctions will likely lead to shortages.", "hedged", "likely"),
        ("The general reportedly fled to Minsk.", "hedged", "reportedly"),
        ("Officials allegedly took bribes.", "hedged", "allegedly"),
        ("Reports of a second strike are unconfirmed.", "hedged", "unconfirmed"),
        ("It is believed that the ship sank.", "hedged", "it is believed"),
        ("It is not clear whether the talks will resume.", "unknown", "it is not clear"),
        ("It’s not clear whether the talks will resume.", "unknown", "it's not clear"),
        ("The ministry did not disclose the number of casualties.", "unknown", "did not disclose"),
        ("Officials have not yet estimated the damage.", "unknown", "have not yet estimated"),
        ("The embassy declined to comment.", "unknown", "declined to comment"),
        ("The cause of the fire is unknown.", "unknown", "is unknown"),
        ("Police said the motive was still unknown.", "unknown", "still unknown"),
        ("The spokesman could not be reached for comment.", "unknown", "could not be reached"),
        ("Lavrov's visit is set to continue until July 13.", "future", "is set to"),
        ("After the summit he will travel to China.", "future", "will"),
        ("The vote is scheduled to take place on Friday.", "future", "is scheduled to"),
        ("Expect further joint military exercises.", "future", "expect further"),
        ("Perhaps the ceasefire will hold.", "hedged", "perhaps"),
        ("No group has claimed responsibility for the blast.", "unknown", "no group has claimed responsibility"),
        ("The summit is slated for March in Hanoi.", "future", "slated for"),
        ("Expect further exercises, and possibly more troops in Russia.", "future", "expect further"),
        ("The vote is set to go ahead but may be delayed.", "future", "is set to"),
        ("The minister will probably resign.", "hedged", "probably"),
    ],
)
def test_cues_and_kinds(text: str, kind: str, cue: str) -> None:
    assert _kind(text) == (kind, cue)


def test_hedge_span_is_its_sentence() -> None:
    text = "The talks ended. Russia may send more troops. Nobody objected."
    (hedge,) = _hedges(text)
    assert text[hedge.start : hedge.end] == hedge.text == "Russia may send more troops."
    assert hedge.sentence == 1


def test_question_heading_and_question_sentence() -> None:
    found = _hedges("What Happens Next?\nExpect more talks. Will the deal hold? Nobody knows.")
    assert [(h.kind, h.text) for h in found[:1]] == [("question", "What Happens Next?")]
    assert ("question", "Will the deal hold?") in [(h.kind, h.text) for h in found]


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in May 2024.",
        "Talks resumed on May 5 in Geneva.",
        "Theresa May met the envoy in London.",
        "It reflects the will of the people.",
        "Both sides showed strong political will in the talks.",
        "The army could not stop the advance in 2022.",
        "He added everything would be done as soon as possible.",
        '"We could see the smoke from the village," a witness said of the 2023 attack.',
        'He asked reporters: "Why did you come here?"',
    ],
)
def test_look_alikes_are_not_hedges(text: str) -> None:
    assert _hedges(text) == []


def test_quote_layer_marks_speech_when_quotation_marks_are_missing() -> None:
    text = "We could see the smoke, the witness said."
    doc = Document(id="a", path="a.txt", text=text, title="t")
    annotate.add_sentences(doc)
    doc.quotes = [Quote(0, 23, text[:23], "the witness", 25, 36)]
    assert hedges.extract_hedges(doc) == []


def test_seed_worry_about_technology_is_hedged() -> None:
    doc = _layers(ingest.read_document(ROOT / "seeds" / "000_a71e007d51a8c298.txt"))
    found = {h.text.split()[0]: h for h in doc.hedges}
    assert any("missile, satellite, or nuclear technology" in h.text and h.kind == "hedged" for h in doc.hedges)
    assert found["What"].kind == "question"
    assert any(h.kind == "future" and h.cue == "is set to" for h in doc.hedges)


@pytest.mark.parametrize(
    "text",
    [
        "‘We could see the smoke from the village,’ a witness said of the 2023 attack.",
        "“We could see the smoke from the village,\n\nand the fire came closer,” a witness said of the 2023 attack.",
        "The show “Who Wants to Be a Millionaire?” aired in 2023.",
    ],
)
def test_quoted_words_come_from_the_quote_layer(text: str) -> None:
    """Single quotes, quotes over paragraphs and titles: the quote layer pairs the marks, hedges only read it."""
    assert _hedges(text) == []
