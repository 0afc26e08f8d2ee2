"""Render briefings to Markdown pages and JSON with Jinja2 templates.

Rendering never extracts: it only lays out what merge produced. Every string
taken from a seed passes through `escape_md` (the one place escaping happens);
URLs pass through `safe_url`.

Pages (paths relative to docs/):

- `index.md`: the home page, one row per briefing;
- `briefings/<slug>/index.md`: the briefing; `timeline.md` and `quotes.md` hold
  the full lists when the briefing page shows only the most important items;
- `briefings/<slug>/briefing.json`: the data export (see `generator.export`);
- `briefings/<slug>/entities/<entity>.md`: one page per person, organization, place;
- `sources/<document>.md`: a source's cleaned text, one anchor `s<index>` per sentence.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import jinja2
import yaml

from generator.export import briefing_to_dict
from generator.model import Briefing, Changes, Document, Entity, KeyQuote, Question, SourceRef, TimelineItem
from generator.text import slugify

RESOURCES = Path(__file__).resolve().parent / "resources" / "render"


@functools.cache
def display() -> dict:
    """Month names and page limits (resources/render/display.yaml), read once."""
    return yaml.safe_load((RESOURCES / "display.yaml").read_text(encoding="utf-8"))


# How many items the briefing page itself shows; the full lists get their own pages.
TIMELINE_ON_PAGE: int = display()["on_page"]["timeline"]
QUOTES_ON_PAGE: int = display()["on_page"]["quotes"]
ENTITIES_IN_OVERVIEW: int = display()["on_page"]["entities_per_type"]
ENTITY_PAGE_MIN_MENTIONS: int = display()["entity_page_min_mentions"]
ENTITY_GROUPS = [("person", "People"), ("organization", "Organizations"), ("place", "Places")]

# Characters that mean something to Markdown, its extensions (tables, attr_list) or
# a template engine. They become numeric character references: the browser shows
# the character, no Markdown or template parser sees it. `<`, `>` and `&` are
# replaced the same way, which makes raw HTML inert.
_MD_ACTIVE = "&<>\\`*_{}[]|#~%!=+^$"
_MD_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _MD_ACTIVE})
_WHITESPACE = re.compile(r"\s+")
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# At the start of a line (after "- ", "> ", "# "), "1." opens an ordered list and "-" a list or a rule.
_LINE_START_MARK = re.compile(r"^(\d+)\.|^-")


T = TypeVar("T")


# --------------------------------------------------------------------------- #
# Escaping
# --------------------------------------------------------------------------- #


def escape_md(text: object) -> str:
    """Make seed text inert in Markdown and HTML: no markup, links, attributes or templates survive.

    Newlines become spaces (a line break could start a heading or a list), so the
    result always fits on one line, inside a list item or a table cell.
    """
    if text is None:
        return ""
    escaped = _WHITESPACE.sub(" ", str(text)).strip().translate(_MD_TABLE)
    return _LINE_START_MARK.sub(_inert_line_start, escaped, count=1)


def _inert_line_start(match: re.Match) -> str:
    return f"{match.group(1)}&#46;" if match.group(1) else "&#45;"


# Page titles reach the HTML <title> and the nav through the theme, which strips tags and
# decodes entities: characters that could form a tag or an entity are swapped for look-alikes.
_TITLE_TABLE = str.maketrans({"<": "‹", ">": "›", "&": "＆"})


def escape_title(text: object) -> str:
    """A page title for YAML front matter: one line, JSON-quoted (valid YAML), no tag or entity possible."""
    plain = _WHITESPACE.sub(" ", "" if text is None else str(text)).strip().translate(_TITLE_TABLE)
    return json.dumps(plain or "Untitled", ensure_ascii=False)


def safe_url(url: object) -> str | None:
    """The URL if it is an http(s) URL without whitespace or quotes, else None (shown as text, not linked)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(c.isspace() or c in "\"'<>\\`" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.replace("&", "&amp;")


def link_url(url: object, label: str | None = None) -> str:
    """An http(s) URL as a raw HTML link (showing `label`, else the URL), anything else as inert text."""
    href = safe_url(url)
    if href is None:
        return escape_md(url)
    label = escape_md(label if label is not None else url)
    return f'<a href="{href}" rel="nofollow noopener noreferrer">{label}</a>'


# --------------------------------------------------------------------------- #
# Dates as people write them
# --------------------------------------------------------------------------- #


def display_date(value: object) -> str:
    """`2025-07-12` -> `12 July 2025`, `2025-07` -> `July 2025`, `2025` -> `2025`; anything else unchanged."""
    if value is None:
        return "unknown"
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value)
    parts = text.split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day.day} {display()['months'][day.month - 1]} {day.year}"
        if len(parts) == 2 and len(parts[0]) == 4 and 1 <= int(parts[1]) <= 12:
            return f"{display()['months'][int(parts[1]) - 1]} {int(parts[0])}"
        if len(parts) == 1 and len(text) == 4 and text.isdigit():
            return text
    except ValueError:
        pass
    return text


_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def datetime_attr(value: str) -> str:
    """` datetime="2025-07"` for a <time> element, when the value is a valid year, month or day; else nothing."""
    return f' datetime="{value}"' if _ISO_DATE.fullmatch(value or "") else ""


def when(item: TimelineItem) -> str:
    """The date of a timeline item as people write it, `about` when approximate."""
    shown = display_date(item.date)
    return f"{display()['approximate']} {shown}" if item.precision == "approximate" else shown


def plural(n: int, word: str) -> str:
    """`1 quote`, `2 quotes`."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def timeline_tags(item: TimelineItem) -> str:
    """Badges after the date: its precision when coarser than a day, approximate, scheduled/expected."""
    tags = []
    if item.precision == "approximate":
        tags.append('<span class="tag tag-approx">approximate</span>')
    elif item.precision in ("month", "year"):
        tags.append(f'<span class="tag">{item.precision}</span>')
    if item.basis == "inferred":
        tags.append('<span class="tag tag-inferred">date inferred</span>')
    if item.future:
        tags.append('<span class="tag tag-future">scheduled / expected</span>')
    return "".join(" " + tag for tag in tags)


CHANGE_LABELS = [
    ("new_sources", "new source"),
    ("new_events", "new event"),
    ("changed_figures", "changed figure"),
    ("opened_questions", "new question"),
    ("answered_questions", "answered question"),
]


def changes_summary(changes: Changes) -> str:
    """`2 new sources, 1 new event`, or an em dash when nothing changed."""
    parts = []
    for attr, label in CHANGE_LABELS:
        n = len(getattr(changes, attr))
        if n:
            parts.append(f"{n} {label}" + ("" if n == 1 else "s"))
    return ", ".join(parts) or "—"


def latest_first(views: Sequence[BriefingView]) -> list[BriefingView]:
    """Home page order: the most recently published briefing first, undated ones last."""
    return sorted(views, key=lambda v: v.b.date_range[1] or "", reverse=True)


def date_range_text(first: str | None, last: str | None) -> str:
    if not first:
        return "unknown"
    if first == last or not last:
        return display_date(first)
    return f"{display_date(first)} – {display_date(last)}"


def published_text(doc: Document) -> str:
    """Publication date for display: `unknown`, or the date marked `estimated` when it was inferred."""
    if doc.published is None:
        return "unknown"
    shown = display_date(doc.published)
    return f"{shown} (estimated)" if doc.published_basis == "estimated" else shown


# --------------------------------------------------------------------------- #
# Page names and links
# --------------------------------------------------------------------------- #


def page_id(name: str) -> str:
    """A file-name-safe, URL-safe id: kept as is when already safe, else slugged with a short hash."""
    if _SAFE_ID.fullmatch(name) and not name.endswith("."):
        return name
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:50] or "page"
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


def source_page(doc: Document | str) -> str:
    doc_id = doc if isinstance(doc, str) else doc.id
    return f"sources/{page_id(doc_id)}.md"


def briefing_dir(b: Briefing) -> str:
    return f"briefings/{page_id(b.slug)}"


def unique_dirs(briefings: Sequence[Briefing]) -> list[str]:
    """One folder per briefing, even if two briefings share a slug (the second gets `-2`)."""
    taken: set[str] = set()
    folders = []
    for b in briefings:
        base = briefing_dir(b)
        folder, n = base, 2
        while folder in taken:
            folder, n = f"{base}-{n}", n + 1
        taken.add(folder)
        folders.append(folder)
    return folders


def entity_slugs(entities: Sequence[Entity]) -> dict[str, str]:
    """Entity name -> unique page slug within a briefing."""
    slugs: dict[str, str] = {}
    taken: set[str] = {"index"}  # the briefing's list of all entities
    for e in entities:
        base = page_id(e.slug or slugify(e.name, limit=None, default="entity"))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[e.name] = slug
    return slugs


# --------------------------------------------------------------------------- #
# Choosing what the briefing page shows
# --------------------------------------------------------------------------- #


def most_important(items: Sequence[T], limit: int) -> list[T]:
    """The `limit` items of highest `importance`, kept in their original order."""
    if len(items) <= limit:
        return list(items)
    ranked = sorted(range(len(items)), key=lambda i: (-getattr(items[i], "importance", 0.0), i))
    keep = sorted(ranked[:limit])
    return [items[i] for i in keep]


def in_date_order(items: Iterable[TimelineItem]) -> list[TimelineItem]:
    return sorted(items, key=lambda t: t.date)


def mention_counts(e: Entity) -> int:
    return len(e.mentions)


def main_entities(b: Briefing, kind: str, limit: int | None = None) -> list[Entity]:
    """Entities of one type, the most mentioned first."""
    chosen = [e for e in b.entities if e.type == kind]
    return sorted(chosen, key=lambda e: -mention_counts(e))[:limit]


def event_range(b: Briefing) -> tuple[str | None, str | None]:
    past = sorted(t.date for t in b.timeline if not t.future)
    return (past[0], past[-1]) if past else (None, None)


# --------------------------------------------------------------------------- #
# Source pages: paragraphs of sentences
# --------------------------------------------------------------------------- #


@dataclass
class Block:
    """A paragraph or a heading of a source page."""

    heading: bool
    sentences: list = field(default_factory=list)


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs start: after blank lines, or after any newline when the text has no blank line."""
    breaks = [m.end() for m in _BLANK_LINE.finditer(text)]
    if not breaks:
        breaks = [i + 1 for i, c in enumerate(text) if c == "\n"]
    return breaks


def source_blocks(doc: Document) -> list[Block]:
    """Group the sentences into paragraphs; a heading sentence is a block of its own."""
    starts = paragraph_starts(doc.text)
    blocks: list[Block] = []
    next_break = 0
    for s in doc.sentences:
        new_paragraph = not blocks or blocks[-1].heading or s.heading
        while next_break < len(starts) and starts[next_break] <= s.start:
            next_break += 1
            new_paragraph = True
        if new_paragraph:
            blocks.append(Block(heading=s.heading))
        blocks[-1].sentences.append(s)
    return blocks


# --------------------------------------------------------------------------- #
# The site
# --------------------------------------------------------------------------- #


@dataclass
class BriefingView:
    """What the templates need about one briefing, computed once."""

    b: Briefing
    dir: str
    docs: dict[str, Document]
    labels: dict[str, str]  # document id -> "S1"
    entity_slug: dict[str, str]
    timeline_shown: list[TimelineItem]
    quotes_shown: list[KeyQuote]
    by_name: dict[str, Entity] = field(default_factory=dict)  # name or alias -> entity

    @property
    def timeline_truncated(self) -> bool:
        return len(self.timeline_shown) < len(self.b.timeline)

    @property
    def quotes_truncated(self) -> bool:
        return len(self.quotes_shown) < len(self.b.quotes)

    def ref_text(self, ref: SourceRef) -> str:
        """The characters a span points at (its source's own words)."""
        doc = self.docs.get(ref.document)
        return doc.text[ref.start : ref.end] if doc else ""

    def source_text(self, t: TimelineItem, i: int) -> str:
        """The i-th source's own sentence of a (merged) timeline item."""
        texts = t.texts
        return texts[i] if i < len(texts) and texts[i] else self.ref_text(t.sources[i])

    @functools.cached_property
    def quotes_by_speaker(self) -> dict[str | None, list[KeyQuote]]:
        index: dict[str | None, list[KeyQuote]] = {}
        for q in self.b.quotes:
            index.setdefault(q.speaker, []).append(q)
        return index

    @functools.cached_property
    def quote_order(self) -> dict[int, int]:
        return {id(q): i for i, q in enumerate(self.b.quotes)}

    def quote_position(self, q: KeyQuote) -> int:
        return self.quote_order[id(q)]

    @functools.cached_property
    def event_order(self) -> dict[int, int]:
        return {id(t): i for i, t in enumerate(self.b.timeline)}

    def event_position(self, t: TimelineItem) -> int:
        return self.event_order[id(t)]

    @functools.cached_property
    def events_by_key(self) -> dict[tuple, list[TimelineItem]]:
        """("name", participant) and ("sentence", (document, sentence)) -> timeline items, for entity pages."""
        index: dict[tuple, list[TimelineItem]] = {}
        for t in self.b.timeline:
            keys = {("name", name) for name in t.participants} | {
                ("sentence", (r.document, r.sentence)) for r in t.sources
            }
            for key in keys:
                index.setdefault(key, []).append(t)
        return index

    def change_lines(self) -> list[tuple[str, list[str]]]:
        """(label, items) of what changed since the last build; new sources by title."""
        changes = self.b.changes
        lines = [
            ("New sources", [self.source_title(doc_id) for doc_id in changes.new_sources]),
            ("New events", changes.new_events),
            ("Changed figures", changes.changed_figures),
            ("New open questions", changes.opened_questions),
            ("Answered questions", changes.answered_questions),
        ]
        return [(label, items) for label, items in lines if items]

    @property
    def open_questions(self) -> list[Question]:
        return [q for q in self.b.questions if q.answered_by is None]

    @property
    def answered_questions(self) -> list[Question]:
        """Questions a later source answers, each shown with the sentence that answers it."""
        return [q for q in self.b.questions if q.answered_by is not None]

    def source_title(self, doc_id: str) -> str:
        """A document's title when the id is one of this briefing's documents."""
        doc = self.docs.get(doc_id)
        return doc.title if doc else doc_id

    def source_name(self, doc_id: str) -> str:
        """A source as a reader names it: its outlet, else its title."""
        doc = self.docs.get(doc_id)
        return (doc.source or doc.title) if doc else doc_id

    def split_sources(self, t: TimelineItem) -> tuple[list[SourceRef], list[tuple[SourceRef, str]]]:
        """Sources whose own sentence is the item's text (cited inline), and the others with their sentence."""
        same: list[SourceRef] = []
        others: list[tuple[SourceRef, str]] = []
        shown = _WHITESPACE.sub(" ", t.text).strip()
        for i, ref in enumerate(t.sources):
            own = self.source_text(t, i)
            if _WHITESPACE.sub(" ", own).strip() == shown or (len(t.sources) == 1 and not own):
                same.append(ref)
            else:
                others.append((ref, own))
        if len(t.sources) == 1 and not same:  # a lone source: its span is the item, whatever the wording
            return t.sources, []
        return same, others

    def who_groups(self, limit: int | None = None) -> list[tuple[str, list[Entity]]]:
        """(label, the most mentioned entities of that type) for each type present."""
        groups = [(label, main_entities(self.b, kind, limit)) for kind, label in ENTITY_GROUPS]
        return [(label, chosen) for label, chosen in groups if chosen]

    def speaker_role(self, q: KeyQuote) -> str | None:
        if q.role:
            return q.role
        e = self.entity_of(q.speaker)
        return e.role if e else None

    def entity_of(self, name: str | None) -> Entity | None:
        """The entity a name or alias refers to (names win over aliases)."""
        return self.by_name.get(name) if name else None


def make_view(b: Briefing, folder: str | None = None) -> BriefingView:
    return BriefingView(
        b=b,
        dir=folder or briefing_dir(b),
        docs={d.id: d for d in b.documents},
        labels={d.id: f"S{i}" for i, d in enumerate(b.documents, 1)},
        entity_slug=entity_slugs([e for e in b.entities if len(e.mentions) >= ENTITY_PAGE_MIN_MENTIONS]),
        timeline_shown=in_date_order(most_important(b.timeline, TIMELINE_ON_PAGE)),
        quotes_shown=most_important(b.quotes, QUOTES_ON_PAGE),
        by_name=names_index(b.entities),
    )


def names_index(entities: Sequence[Entity]) -> dict[str, Entity]:
    index: dict[str, Entity] = {}
    for e in entities:
        for alias in e.aliases:
            index.setdefault(alias, e)
    index.update({e.name: e for e in reversed(entities)})  # a name beats an alias; the first entity wins
    return index


def entity_quotes(view: BriefingView, e: Entity) -> list[KeyQuote]:
    found: dict[int, KeyQuote] = {}
    for name in (e.name, *e.aliases):
        for q in view.quotes_by_speaker.get(name, []):
            found.setdefault(id(q), q)
    return sorted(found.values(), key=view.quote_position)


def entity_events(view: BriefingView, e: Entity) -> list[TimelineItem]:
    """Timeline items naming the entity as participant, or whose source sentence mentions it (in date order)."""
    keys = [("name", name) for name in (e.name, *e.aliases)]
    keys += [("sentence", (m.document, m.sentence)) for m in e.mentions]
    found: dict[int, TimelineItem] = {}
    for key in keys:
        for t in view.events_by_key.get(key, []):
            found.setdefault(id(t), t)
    return in_date_order(sorted(found.values(), key=view.event_position))


def entity_documents(view: BriefingView, e: Entity) -> list[Document]:
    ids = {m.document for m in e.mentions} | {q.document for q in entity_quotes(view, e)}
    return [d for d in view.b.documents if d.id in ids]


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=False,  # Markdown output: escaping is explicit through the `md` filter
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=escape_md,
        page_title=escape_title,
        date=display_date,
        url=link_url,
        safe_url=safe_url,
        published=published_text,
    )
    env.globals.update(
        when=when,
        date_range=date_range_text,
        source_page=source_page,
        event_range=event_range,
        main_entities=main_entities,
        source_blocks=source_blocks,
        entity_quotes=entity_quotes,
        entity_events=entity_events,
        entity_documents=entity_documents,
        timeline_tags=timeline_tags,
        datetime_attr=datetime_attr,
        changes_summary=changes_summary,
        plural=plural,
        ENTITIES_IN_OVERVIEW=ENTITIES_IN_OVERVIEW,
    )
    return env


# Returns a briefing's pages, from an earlier build or else by calling the function given (the build cache).
Reuse = Callable[[BriefingView, Callable[[], dict[str, str]]], dict[str, str]]


def render_site(briefings: list[Briefing], templates: Path, reuse: Reuse | None = None) -> dict[str, str]:
    """Map of path (relative to docs/) -> file content."""
    env = environment(templates)
    views = [make_view(b, folder) for b, folder in zip(briefings, unique_dirs(briefings), strict=True)]
    files: dict[str, str] = {"index.md": env.get_template("home.md.j2").render(views=latest_first(views))}
    member_of: dict[str, list[BriefingView]] = {}
    for v in views:
        for d in v.b.documents:
            member_of.setdefault(d.id, []).append(v)
    for v in views:
        render_pages = functools.partial(render_briefing, env, v)
        files.update(reuse(v, render_pages) if reuse else render_pages())
    source_template = env.get_template("source.md.j2")
    for doc_id, in_views in member_of.items():
        doc = in_views[0].docs[doc_id]
        files[source_page(doc)] = source_template.render(d=doc, views=in_views)
    return files


def render_briefing(env: jinja2.Environment, v: BriefingView) -> dict[str, str]:
    files = {
        f"{v.dir}/index.md": env.get_template("briefing.md.j2").render(v=v, b=v.b),
        # Compact JSON: the C encoder, several times faster than an indented dump on large briefings.
        f"{v.dir}/briefing.json": json.dumps(briefing_to_dict(v.b), ensure_ascii=False, separators=(",", ":")) + "\n",
    }
    # The full lists only when the briefing page cuts them short: otherwise they would repeat it (and most
    # briefings are short, so this saves a page or two each in the MkDocs build)
    if v.timeline_truncated:
        files[f"{v.dir}/timeline.md"] = env.get_template("timeline.md.j2").render(v=v, b=v.b)
    if v.quotes_truncated:
        files[f"{v.dir}/quotes.md"] = env.get_template("quotes.md.j2").render(v=v, b=v.b)
    files[f"{v.dir}/entities/index.md"] = env.get_template("entities.md.j2").render(v=v, b=v.b)
    entity_template = env.get_template("entity.md.j2")
    for e in v.b.entities:
        if e.name in v.entity_slug:
            files[f"{v.dir}/entities/{v.entity_slug[e.name]}.md"] = entity_template.render(v=v, b=v.b, e=e)
    return files
