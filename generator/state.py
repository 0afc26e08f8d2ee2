"""What each build found, kept in docs/.briefing-state.json, so the next build can say what changed.

Per briefing the state records its slug, title and document ids (so names stay stable), its event keys
(date + normalised sentence), the figures it quotes per counted thing, and its open questions. The file is a
convenience: a missing or corrupt one means "no previous build", and failing to write it never breaks a build.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from generator.model import Briefing, Changes

STATE_FILE = ".briefing-state.json"
VERSION = 1
_WORDS = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def event_key(date: str, text: str) -> str:
    return f"{date}|{normalise_text(text)}"


def _split_key(key: str) -> tuple[str, str]:
    date, _, text = key.partition("|")
    return date, text


def event_keys(briefing: Briefing) -> list[list[str]]:
    """One list per timeline item: the key of each source sentence under the item's date."""
    keys = []
    for item in briefing.timeline:
        texts = item.texts or [item.text]
        keys.append(sorted({event_key(item.date, text) for text in texts}))
    return keys


def figure_values(briefing: Briefing) -> dict[str, list[str]]:
    """The figures the briefing's sources give, by what they count: {"troops": ["10,000", "around 12,000"]}."""
    values: dict[str, set[str]] = {}
    for doc in briefing.documents:
        for figure in doc.figures:
            if figure.counts:
                values.setdefault(figure.counts, set()).add(figure.text)
    return {counts: sorted(texts) for counts, texts in sorted(values.items())}


def briefing_record(briefing: Briefing) -> dict:
    return {
        "slug": briefing.slug,
        "title": briefing.title,
        "documents": sorted(d.id for d in briefing.documents),
        "events": [key for keys in event_keys(briefing) for key in keys],
        "figures": figure_values(briefing),
        "questions": sorted({q.text for q in briefing.questions if q.answered_by is None}),
    }


def state_of(briefings: list[Briefing]) -> dict:
    return {"version": VERSION, "briefings": [briefing_record(b) for b in sorted(briefings, key=lambda b: b.slug)]}


def load_state(docs_dir: Path) -> dict | None:
    """The previous build's state, or None when there is none or it cannot be read."""
    try:
        data = json.loads((Path(docs_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("briefings"), list):
        return None
    return data


def save_state(docs_dir: Path, briefings: list[Briefing]) -> bool:
    """Record this build; write only when the content changed (a live-preview server watches docs/).
    Returns whether the file was written."""
    path = Path(docs_dir) / STATE_FILE
    try:
        content = json.dumps(state_of(briefings), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, UnicodeError, TypeError, ValueError):
        return False  # the state only improves the next build's report; never fail this build over it
    return True


# --------------------------------------------------------------------------- #
# Comparing with the previous build
# --------------------------------------------------------------------------- #


def _dates_compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _strings(record: dict, field: str) -> list[str]:
    value = record.get(field)
    return [str(v) for v in value] if isinstance(value, list) else []


def new_events(record: dict, briefing: Briefing) -> list[str]:
    """Timeline items none of whose source sentences was recorded before under a compatible date."""
    seen: dict[str, set[str]] = {}
    for key in _strings(record, "events"):
        date, text = _split_key(key)
        seen.setdefault(text, set()).add(date)
    fresh = []
    for item, keys in zip(briefing.timeline, event_keys(briefing), strict=True):
        known = any(_dates_compatible(item.date, date) for key in keys for date in seen.get(_split_key(key)[1], ()))
        if not known:
            fresh.append(f"{item.date}: {item.text}")
    return fresh


def changed_figures(record: dict, briefing: Briefing) -> list[str]:
    """Counted things whose set of figures differs from the previous build's ("troops: 10,000 → 10,000; 12,000")."""
    before = record.get("figures") if isinstance(record.get("figures"), dict) else {}
    changes = []
    for counts, values in figure_values(briefing).items():
        old = before.get(counts)
        if isinstance(old, list) and sorted(map(str, old)) != values:
            changes.append(f"{counts}: {'; '.join(map(str, old))} → {'; '.join(values)}")
    return changes


def known_documents(previous: dict | None) -> set[str]:
    """Every document id the previous build had, in any briefing."""
    briefings = previous.get("briefings") if isinstance(previous, dict) else None
    if not isinstance(briefings, list):
        return set()
    return {doc_id for record in briefings if isinstance(record, dict) for doc_id in _strings(record, "documents")}


def compare(record: dict | None, briefing: Briefing, seen_before: set[str] | None = None) -> Changes:
    """What is new in `briefing` since the previous build's `record` of it. A briefing new in this build
    (`record` None) reports its sources that no earlier briefing had (`seen_before`), nothing more.
    Sources are named by their titles, events as "date: sentence", as a reader sees them."""
    if not record:
        return Changes(new_sources=[d.title for d in briefing.documents if d.id not in (seen_before or set())])
    known_documents = set(_strings(record, "documents"))
    before_questions = set(_strings(record, "questions"))
    now_questions = [q.text for q in briefing.questions if q.answered_by is None]  # still open
    return Changes(
        new_sources=[d.title for d in briefing.documents if d.id not in known_documents],
        new_events=new_events(record, briefing),
        changed_figures=changed_figures(record, briefing),
        opened_questions=[q for q in dict.fromkeys(now_questions) if q not in before_questions],
        answered_questions=sorted(before_questions - set(now_questions)),
    )
