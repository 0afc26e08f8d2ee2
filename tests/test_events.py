"""Timeline events and estimated publication dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.annotate import add_events, add_sentences, add_timexes, estimate_date
from generator.events import estimate_publication_date, event_date, extract_events, is_future, week_before
from generator.model import Document, Mention, Timex

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def document(text: str, published: dt.date | None = dt.date(2025, 10, 28)) -> Document:
    return annotate(Document(id="doc", path="doc.txt", text=text, title="Test", published=published))


def annotate(doc: Document) -> Document:
    """The pipeline up to events, in its order, without the layers events do not read (mentions stay empty)."""
    for component in (add_sentences, estimate_date, add_timexes, add_events):
        component(doc)
    return doc


def dated(doc: Document) -> list[tuple[str, str, str, bool]]:
    return [(e.date, e.precision, e.basis, e.future) for e in doc.events]


def test_each_event_carries_date_precision_basis_and_future() -> None:
    doc = document(
        "Putin met Choe at the Kremlin on Monday. In April, Putin acknowledged the soldiers. "
        "The two leaders will meet again in March 2026."
    )
    assert dated(doc) == [
        ("2025-10-27", "day", "relative", False),
        ("2025-04", "month", "inferred", False),
        ("2026-03", "month", "explicit", True),
    ]


def test_durations_sets_and_references_date_nothing() -> None:
    doc = document("The war has lasted three years. They meet every week. Prices are now falling.")
    assert doc.events == []


def test_creation_stamp_and_captions_are_not_events() -> None:
    doc = document(
        "11:20, Tue, Oct 28, 2025 Updated: 11:24, Tue, Oct 28, 2025\n"
        "By Jane Doe, Oct 27, 2025\n"
        "Putin met Choe on Monday (Image: Getty)\n"
        "Putin met Choe on Monday at the Kremlin."
    )
    assert [(e.date, e.text) for e in doc.events] == [("2025-10-27", "Putin met Choe on Monday at the Kremlin.")]


def test_a_date_buried_in_a_nominal_since_phrase_dates_nothing() -> None:
    doc = document("North Korea, for the first time since its founding in 1948, admitted losses.")
    assert doc.events == []


def test_a_bare_since_date_dates_the_state_it_starts() -> None:
    doc = document("Russia has been under sanctions since 2014.")
    assert [e.date for e in doc.events] == ["2014"]


def test_a_since_clause_with_its_own_verb_is_an_event() -> None:
    doc = document("Ties have grown since the two leaders signed a treaty in June 2024.")
    assert dated(doc) == [("2024-06", "month", "explicit", False)]


def test_a_date_in_a_relative_clause_about_someone_else_dates_nothing() -> None:
    doc = document("Lavrov met Choe, who visited Moscow in 2019, on Monday.")
    assert [e.date for e in doc.events] == ["2025-10-27"]


def test_a_date_in_a_parenthesis_dates_nothing() -> None:
    doc = document("Putin (in power since 2000) met Kim on Monday.")
    assert [e.date for e in doc.events] == ["2025-10-27"]


@pytest.mark.parametrize(
    "text",
    [
        "Three cities will meet to discuss how to bid for the 2016 Olympic Games.",
        "The committee will decide on a 2016 bid next spring.",
        "Japan's 2007 budget was approved by the cabinet.",
    ],
)
def test_a_year_that_names_a_thing_dates_nothing(text: str) -> None:
    assert "2016" not in [e.date for e in document(text).events]
    assert "2007" not in [e.date for e in document(text).events]


def test_a_year_after_in_still_dates_the_statement() -> None:
    doc = document("In 2016 the committee chose Rio, and the 2016 Games followed.")
    assert [e.date for e in doc.events] == ["2016"]


@pytest.mark.parametrize("dash", ["--", "—", "–"])
def test_a_date_in_an_aside_between_dashes_dates_nothing(dash: str) -> None:
    doc = document(
        f"The standoff between Hamas {dash} which won the elections in 2006 {dash} and Fatah grew on Monday."
    )
    assert [e.date for e in doc.events] == ["2025-10-27"]


def test_a_dash_that_closes_no_aside_buries_nothing() -> None:
    doc = document("Prices rose sharply -- by 5 percent in 2022.")
    assert [e.date for e in doc.events] == ["2022"]


def test_several_dated_facts_give_several_events() -> None:
    doc = document("The treaty was signed in June 2024 and ratified on 12 July 2025.")
    assert [e.date for e in doc.events] == ["2024-06", "2025-07-12"]


def test_participants_are_the_mentions_in_the_sentence() -> None:
    doc = document("Putin met Choe on Monday.")
    doc.mentions = [
        Mention(0, 5, "Putin", "person", "Vladimir Putin"),
        Mention(10, 14, "Choe", "person", "Choe Son-hui"),
    ]
    assert extract_events(doc)[0].participants == ["Vladimir Putin", "Choe Son-hui"]


@pytest.mark.parametrize(
    ("value", "mod", "expected"),
    [
        ("2025-07-12", None, ("2025-07-12", "day")),
        ("2025-07-12T14:00", None, ("2025-07-12", "day")),
        ("2025-07", None, ("2025-07", "month")),
        ("2025", None, ("2025", "year")),
        ("2025", "APPROX", ("2025", "approximate")),
        ("1959", "AFTER", None),
        ("2025-Q3", None, ("2025-07", "approximate")),
        ("2025-W43", None, ("2025-10", "approximate")),
        ("2025-SU", None, ("2025-07", "approximate")),
        ("PRESENT_REF", None, None),
        ("199", None, None),
        ("XXXX-07-13", None, None),
    ],
)
def test_event_date_forms(value: str, mod: str | None, expected: tuple[str, str] | None) -> None:
    assert event_date(Timex(0, 1, "x", "DATE", value, mod=mod)) == expected


def test_future_compares_at_the_date_precision() -> None:
    published = dt.date(2025, 10, 28)
    assert not is_future("2025-10", published)
    assert not is_future("2025", published)
    assert is_future("2025-11", published)
    assert is_future("2025-10-29", published)
    assert not is_future("2026-01", None)
    assert is_future("2025-10-28", published, future_tense=True)
    assert not is_future("2025-10-27", published, future_tense=True)


def test_same_day_event_in_the_future_tense_is_ahead() -> None:
    doc = document("The polls opened at 8 a.m. The polls will close at 3 p.m.")
    assert [(e.date, e.precision, e.future) for e in doc.events] == [
        ("2025-10-28", "day", False),
        ("2025-10-28", "day", True),
    ]


def test_a_week_already_past_is_never_ahead_though_the_clause_is_future() -> None:
    # "last week" is shown as about October (the article's month); "would" does not put it ahead
    doc = document("Members of a pact that disbanded last week would also vote against the deal.")
    assert [(e.date, e.precision, e.future) for e in doc.events] == [("2025-10", "approximate", False)]
    assert week_before("2025-W43", dt.date(2025, 10, 28)) and not week_before("2025-W44", dt.date(2025, 10, 28))


def test_a_date_before_ahead_of_is_not_ahead() -> None:
    doc = document("The army kept extra security in the capital on Tuesday ahead of the festival.")
    assert [(e.date, e.future) for e in doc.events] == [("2025-10-28", False)]


def test_dates_counted_from_an_estimated_publication_date_are_inferred() -> None:
    doc = document("On July 12, 2025, the talks opened. Two days later, they closed.", published=None)
    assert doc.published_basis == "estimated"
    assert [(e.date, e.basis) for e in doc.events] == [("2025-07-12", "explicit"), ("2025-07-14", "inferred")]


def test_undated_article_gets_its_latest_reported_full_date_marked_estimated() -> None:
    doc = Document(
        id="d",
        path="d.txt",
        title="t",
        text="Talks opened on July 11, 2025 and closed on July 12, 2025. A summit will be held on Dec. 1, 2025.",
    )
    estimate_publication_date(doc)
    assert (doc.published, doc.published_basis) == (dt.date(2025, 7, 12), "estimated")


def test_undated_article_without_dates_stays_undated() -> None:
    doc = Document(id="d", path="d.txt", title="t", text="Nothing here is dated.")
    estimate_publication_date(doc)
    assert (doc.published, doc.published_basis) == (None, "unknown")


def _seed(prefix: str, published: dt.date | None) -> Document:
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} not present")
    return annotate(
        Document(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8"), title="t", published=published)
    )


def test_seed_000_is_estimated_and_holds_its_events() -> None:
    doc = _seed("000", None)
    assert (doc.published, doc.published_basis) == (dt.date(2025, 7, 12), "estimated")
    events = {(e.date, e.precision) for e in doc.events}
    assert {("2025-07-12", "day"), ("2024-06", "month"), ("2025-07-13", "day")} <= events
    assert next(e for e in doc.events if e.date == "2025-07-13").future


def test_seed_004_timeline_and_no_event_from_its_update_stamp() -> None:
    doc = _seed("004", dt.date(2025, 10, 28))
    events = {(e.date, e.precision) for e in doc.events}
    assert {
        ("2025-10-27", "day"),
        ("2025-09-03", "day"),
        ("2025-04", "month"),
        ("2024", "year"),
        ("2022", "year"),
    } <= events
    assert all("Updated" not in e.text for e in doc.events)
    assert "1948" not in {e.date for e in doc.events}
    assert not any(e.future for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "EU leaders will try again to end the dispute over the 2007-2013 spending plans.",
        "Blair sealed agreement on a 2007-13 budget that trims the rebate.",
    ],
)
def test_a_range_of_years_that_names_a_thing_dates_nothing(text: str) -> None:
    assert document(text).events == []


def test_a_range_of_years_after_a_preposition_dates_both_ends() -> None:
    doc = document("Buchwald played for Urawa from 1994-1997.")
    assert [e.date for e in doc.events] == ["1994", "1997"]


def test_a_month_that_names_a_contract_dates_nothing() -> None:
    doc = document("Brent crude for January delivery gained 23 cents on Tuesday.", dt.date(2006, 12, 12))
    assert [e.date for e in doc.events] == ["2006-12-12"]
