"""The build state file and what changed between two builds."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from generator import merge, state
from generator.model import Briefing, Document, Event, Figure, Question, Sentence, SourceRef, TimelineItem
from generator.text import sentence_spans

FIRST = """Floodwater breached the Marrow River dam near Elsby on Tuesday, forcing 3,000 residents from their homes.
Engineers said the dam's spillway failed after a week of torrential rain across the valley.
Rescue crews used boats to reach families stranded on rooftops in the lower town."""

SECOND = """Residents of Elsby began returning home on Thursday as floodwater receded after the Marrow River dam breach.
The council said 5,000 residents had been evacuated after the dam's spillway failed in torrential rain.
Inspectors will examine the damaged spillway before the reservoir is refilled."""

CHESS = """Grandmaster Ilse Varga won the Valdora chess championship on Sunday after a tense final game.
Varga defeated the defending champion with the black pieces in a long endgame.
The tournament drew players from twelve countries to the old opera house in Valdora."""


def make_doc(doc_id: str, body: str, event_phrase: str, date: str, figure: str | None = None) -> Document:
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=body, title=body.split("\n")[0], published=dt.date(2026, 3, 5))
    doc.sentences = [Sentence(s, e, body[s:e], i) for i, (s, e) in enumerate(sentence_spans(body))]
    s = next(s for s in doc.sentences if event_phrase in s.text)
    doc.events = [Event(doc_id, s.index, s.start, s.end, s.text, date, "day", "explicit", False)]
    if figure:
        start = body.index(figure)
        doc.figures = [Figure(start, start + len(figure), figure, 0.0, None, None, "residents", sentence=s.index)]
    return doc


@pytest.fixture(autouse=True)
def questions_from_a_stub(monkeypatch) -> None:
    """Open questions come from another stage; here every document asks one question of its own."""

    def build_questions(docs, disputes, timeline):
        return [Question(f"What did {d.id} leave open?", "unknown", [SourceRef(d.id, 0, 1, 0)]) for d in docs]

    monkeypatch.setattr(merge.questions, "build_questions", build_questions)
    monkeypatch.setattr(merge.entities, "link_entities", lambda docs: [])
    monkeypatch.setattr(merge.figures, "find_disputes", lambda docs: [])


def first_docs() -> list[Document]:
    return [make_doc("first", FIRST, "breached", "2026-03-03", "3,000")]


def second_docs() -> list[Document]:
    return first_docs() + [make_doc("second", SECOND, "returning home", "2026-03-05", "5,000")]


def test_first_build_reports_nothing_new(tmp_path: Path) -> None:
    assert state.load_state(tmp_path) is None
    (briefing,) = merge.build_briefings(first_docs(), state.load_state(tmp_path))
    assert briefing.changes.empty()


def test_state_round_trip_and_only_written_when_changed(tmp_path: Path) -> None:
    briefings = merge.build_briefings(first_docs())
    assert state.save_state(tmp_path, briefings) is True
    assert state.save_state(tmp_path, briefings) is False
    loaded = state.load_state(tmp_path)
    (record,) = loaded["briefings"]
    assert record["slug"] == briefings[0].slug and record["documents"] == ["first"]
    assert record["events"] == [state.event_key("2026-03-03", briefings[0].timeline[0].text)]
    assert record["figures"] == {"residents": ["3,000"]}
    assert record["questions"] == ["What did first leave open?"]
    assert json.loads((tmp_path / state.STATE_FILE).read_text(encoding="utf-8")) == loaded


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 1, "briefings": 3}', '{"version": 99}', ""])
def test_a_corrupt_state_counts_as_no_state(tmp_path: Path, content: str) -> None:
    (tmp_path / state.STATE_FILE).write_text(content, encoding="utf-8")
    assert state.load_state(tmp_path) is None
    assert merge.build_briefings(first_docs(), state.load_state(tmp_path))[0].changes.empty()


def test_an_unwritable_state_never_breaks_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "docs"
    blocked.write_text("a file where the docs folder should be", encoding="utf-8")
    assert state.save_state(blocked, merge.build_briefings(first_docs())) is False


def test_changes_between_two_builds(tmp_path: Path) -> None:
    state.save_state(tmp_path, merge.build_briefings(first_docs()))
    (briefing,) = merge.build_briefings(second_docs(), state.load_state(tmp_path))
    changes = briefing.changes
    assert changes.new_sources == [SECOND.split("\n")[0]]
    assert len(changes.new_events) == 1 and changes.new_events[0].startswith("2026-03-05: Residents of Elsby")
    assert changes.changed_figures == ["residents: 3,000 → 3,000; 5,000"]
    assert changes.opened_questions == ["What did second leave open?"]
    assert changes.answered_questions == []


def test_a_rebuild_without_new_articles_reports_nothing(tmp_path: Path) -> None:
    state.save_state(tmp_path, merge.build_briefings(second_docs()))
    (briefing,) = merge.build_briefings(second_docs(), state.load_state(tmp_path))
    assert briefing.changes.empty()


def test_answered_questions_are_those_that_went_away(tmp_path: Path, monkeypatch) -> None:
    state.save_state(tmp_path, merge.build_briefings(first_docs()))
    monkeypatch.setattr(merge.questions, "build_questions", lambda docs, disputes, timeline: [])
    (briefing,) = merge.build_briefings(first_docs(), state.load_state(tmp_path))
    assert briefing.changes.answered_questions == ["What did first leave open?"]


def test_a_question_a_later_source_answers_counts_as_answered(tmp_path: Path, monkeypatch) -> None:
    state.save_state(tmp_path, merge.build_briefings(first_docs()))

    def still_listed_but_answered(docs, disputes, timeline):
        answer = SourceRef("second", 0, 1, 0)
        return [Question("What did first leave open?", "unknown", [SourceRef("first", 0, 1, 0)], answered_by=answer)]

    monkeypatch.setattr(merge.questions, "build_questions", still_listed_but_answered)
    (briefing,) = merge.build_briefings(second_docs(), state.load_state(tmp_path))
    assert briefing.changes.answered_questions == ["What did first leave open?"]
    assert briefing.changes.opened_questions == []


def test_a_briefing_new_in_this_build_lists_its_sources(tmp_path: Path) -> None:
    state.save_state(tmp_path, merge.build_briefings(first_docs()))
    chess = make_doc("chess", CHESS, "won the", "2026-03-01")
    briefings = merge.build_briefings(first_docs() + [chess], state.load_state(tmp_path))
    new = next(b for b in briefings if b.documents[0].id == "chess")
    old = next(b for b in briefings if b is not new)
    assert new.changes.new_sources == [CHESS.split("\n")[0]] and old.changes.empty()


def test_an_event_dated_more_finely_later_is_not_new() -> None:
    briefing = Briefing("s", "t", [])
    briefing.timeline = [TimelineItem("2026-03-03", "day", "explicit", False, "The dam broke.", [], texts=["x"])]
    record = {"events": [state.event_key("2026-03", "x")]}
    assert state.new_events(record, briefing) == []
    record = {"events": [state.event_key("2026-04", "x")]}
    assert state.new_events(record, briefing) == ["2026-03-03: The dam broke."]


def test_the_build_keeps_its_state_and_survives_a_corrupt_one(tmp_path: Path) -> None:
    from generator import pipeline

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "flood.md").write_text("---\ntitle: Dam breach\ndate: 2026-03-05\n---\n" + FIRST, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / state.STATE_FILE).write_text("{broken", encoding="utf-8")
    first = pipeline.generate(seeds, docs)
    assert first.briefings[0].changes.empty()
    saved = state.load_state(docs)
    assert saved is not None and saved["briefings"][0]["documents"] == ["flood"]
    state_file = docs / state.STATE_FILE
    os.utime(state_file, ns=(10**18, 10**18))  # a recognisable stamp: any rewrite replaces it
    (seeds / "rain.md").write_text("---\ntitle: Elsby returns home\ndate: 2026-03-06\n---\n" + SECOND, encoding="utf-8")
    second = pipeline.generate(seeds, docs)
    (briefing,) = second.briefings
    assert briefing.slug == first.briefings[0].slug and briefing.changes.new_sources == ["Elsby returns home"]
    assert state_file.stat().st_mtime_ns != 10**18
    os.utime(state_file, ns=(10**18, 10**18))
    pipeline.generate(seeds, docs)
    assert state_file.stat().st_mtime_ns == 10**18  # nothing changed: the file is left alone


def test_a_briefing_split_off_an_earlier_one_reports_no_new_sources() -> None:
    chess = make_doc("chess", CHESS, "won the", "2026-03-01")
    previous = {"version": 1, "briefings": [{"slug": "mixed", "title": "Mixed", "documents": ["first", "chess"]}]}
    briefings = merge.build_briefings(first_docs() + [chess], previous)
    assert len(briefings) == 2 and "mixed" in {b.slug for b in briefings}
    assert all(b.changes.new_sources == [] for b in briefings)
