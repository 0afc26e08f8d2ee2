"""Rendering: escaping, dates as people write them, page layout, long stories, source pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import markdown
import pytest

from generator import render
from generator.model import (
    Briefing,
    Changes,
    Dispute,
    Document,
    Entity,
    FigureClaim,
    KeyQuote,
    OverviewItem,
    Question,
    Sentence,
    SourceRef,
    TimelineItem,
)
from generator.pipeline import DEFAULT_TEMPLATES

# Python-Markdown with the extensions mkdocs.yml enables.
EXTENSIONS = ["admonition", "tables", "attr_list", "md_in_html", "toc"]

HOSTILE = [
    "<script>alert(1)</script>",
    "**x**",
    "[a](javascript:alert(1))",
    "{{ x }}",
    "{% raw %}",
    "a | b",
    "`code`",
    "# heading",
    "{: #id .cls }",
    "<img src=x onerror=alert(1)>",
    "_under_ ~~strike~~ &amp; \\*",
    "1. list\n- item\n---",
    "- item",
    "> quoted",
    "2024. A year",
]


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def visible_text(html: str) -> str:
    """What a reader sees: tags dropped, character references decoded."""
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_md_makes_text_inert_and_keeps_it_readable(text: str) -> None:
    for md in (f"- {render.escape_md(text)}", f"| a |\n|---|\n| {render.escape_md(text)} |", render.escape_md(text)):
        html = to_html(md)
        assert "<script" not in html and "<img" not in html
        assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<h1" not in html
        assert "href" not in html and 'id="id"' not in html
        assert "{{" not in html and "{%" not in html  # no template engine can see it either
        assert visible_text(html).strip().replace("\n", " ").count("|") == text.count("|") or "|" not in text
    assert " ".join(text.split()) in visible_text(to_html(f"- {render.escape_md(text)}"))


def test_escape_md_keeps_a_table_row_whole() -> None:
    html = to_html(f"| a | b |\n|---|---|\n| {render.escape_md('x | y | z')} | 2 |")
    assert html.count("<td>") == 2


def test_page_title_cannot_form_a_tag_or_entity() -> None:
    title = json.loads(render.escape_title("Tom & Jerry <script>\n&lt;"))
    assert "<" not in title and ">" not in title and "&" not in title
    assert json.loads(render.escape_title("")) == "Untitled"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-07-12", "12 July 2025"),
        ("2025-07", "July 2025"),
        ("2025", "2025"),
        (dt.date(2025, 10, 28), "28 October 2025"),
        ("2025-W11", "2025-W11"),
        ("2025-02-30", "2025-02-30"),
        (None, "unknown"),
    ],
)
def test_display_date_writes_dates_as_people_do(value: object, shown: str) -> None:
    assert render.display_date(value) == shown


def test_datetime_attribute_only_for_valid_dates() -> None:
    assert render.datetime_attr("2025-07") == ' datetime="2025-07"'
    assert render.datetime_attr('2025" onclick="x') == ""


def test_approximate_and_future_items_are_marked() -> None:
    item = TimelineItem("2025-07", "approximate", "inferred", True, "x", [])
    assert render.when(item) == "about July 2025"
    tags = render.timeline_tags(item)
    assert "approximate" in tags and "scheduled" in tags and "date inferred" in tags
    assert "month" in render.timeline_tags(TimelineItem("2025-07", "month", "explicit", False, "x", []))
    assert render.timeline_tags(TimelineItem("2025-07-01", "day", "explicit", False, "x", [])) == ""


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.com/a?b=1&c=2", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ('https://example.com/" onmouseover="x', False),
        ("ftp://example.com", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: object, linked: bool) -> None:
    html = render.link_url(url)
    assert ("<a href=" in html) == linked
    assert "href=" in html if linked else "<" not in html
    if linked:
        assert ">original</a>" in render.link_url(url, "original")


def test_page_id_is_url_safe_and_stable() -> None:
    assert render.page_id("004_051172026cc407b9") == "004_051172026cc407b9"
    odd = render.page_id("Über # story?.txt")
    assert re.fullmatch(r"[a-z0-9-]+", odd) and odd == render.page_id("Über # story?.txt")
    assert render.page_id("a b") != render.page_id("a-b")


def test_most_important_keeps_original_order() -> None:
    items = [
        TimelineItem(f"2025-01-{d:02d}", "day", "explicit", False, str(d), [], importance=d % 3) for d in range(1, 8)
    ]
    assert [i.text for i in render.most_important(items, 3)] == ["1", "2", "5"]
    assert render.most_important(items, 10) == items


# --------------------------------------------------------------------------- #
# A synthetic briefing
# --------------------------------------------------------------------------- #


def make_document(doc_id: str, text: str, **kwargs) -> Document:
    doc = Document(id=doc_id, path=f"seeds/{doc_id}.txt", text=text, title=kwargs.pop("title", doc_id), **kwargs)
    for i, part in enumerate(re.finditer(r"[^\n. ][^\n.]*\.?", text)):
        doc.sentences.append(Sentence(part.start(), part.end(), part.group(), i))
    return doc


def ref(doc: Document, index: int) -> SourceRef:
    s = doc.sentences[index]
    return SourceRef(doc.id, s.start, s.end, index)


@pytest.fixture
def briefing() -> Briefing:
    a = make_document(
        "a",
        "Talks in Wonsan.\n\nLavrov said it was an invincible brotherhood. More later.\n\nThe end.",
        title="Talks <b>open</b>",
        published=dt.date(2025, 7, 12),
        published_basis="estimated",
        source="Outlet | One",
        url="javascript:alert(1)",
    )
    b = make_document("b", "Second article on the talks.", title="Second", source=None)
    timeline = [
        TimelineItem(f"2025-{m:02d}", "month", "explicit", False, f"Event {m}.", [ref(a, 0)], importance=m)
        for m in range(1, 13)
    ] + [
        TimelineItem(
            "2025-07-12", "day", "explicit", False, "Talks in Wonsan.", [ref(a, 0), ref(b, 0)], ["Lavrov"], 100
        ),
        TimelineItem("2026", "year", "relative", True, "Next round.", [ref(b, 0)], importance=50),
        TimelineItem("2024-06", "approximate", "inferred", False, "Treaty.", [ref(a, 1)], importance=40),
        TimelineItem("2023", "year", "explicit", False, "Earlier.", [ref(a, 2)], importance=30),
        TimelineItem("2022", "year", "explicit", False, "Much earlier.", [ref(a, 2)], importance=0.1),
    ]
    lavrov = Entity(
        "Sergei Lavrov", "person", ["Lavrov"], "Foreign Minister of Russia", "2025-07-12", [ref(a, 1), ref(a, 2)]
    )
    quotes = [
        KeyQuote("invincible brotherhood", "Lavrov", None, "a", 30, 52, 1, "2025-07-12", [ref(a, 1)], importance=i)
        for i in range(10)
    ]
    return Briefing(
        slug="wonsan-talks",
        title="Wonsan {{ talks }}",
        documents=[a, b],
        overview=[OverviewItem("Talks in Wonsan.", [ref(a, 0), ref(b, 0)])],
        key_facts={"Sources": "2 | two"},
        timeline=sorted(timeline, key=lambda t: t.date),
        quotes=quotes,
        entities=[lavrov, Entity("Wonsan", "place", [], None, None, [ref(a, 0), ref(a, 1)])],
        questions=[Question("Will talks resume?", "asked", [ref(b, 0)]), Question("Who pays?", "unknown", [ref(a, 2)])],
        disputes=[
            Dispute(
                "troops",
                [
                    FigureClaim("thousands", None, ref(a, 1), None, None),
                    FigureClaim("10,000", 1e4, ref(b, 0), "Seoul", "2025-10-28"),
                ],
                "differ in precision",
            )
        ],
        changes=Changes(new_sources=["b"]),
    )


@pytest.fixture
def files(briefing: Briefing) -> dict[str, str]:
    return render.render_site([briefing], DEFAULT_TEMPLATES)


def test_site_has_every_page(files: dict[str, str]) -> None:
    base = "briefings/wonsan-talks/"
    for rel in ("index.md", "timeline.md", "quotes.md", "briefing.json", "entities/index.md"):
        assert base + rel in files
    assert {"sources/a.md", "sources/b.md", "index.md"} <= set(files)
    assert sum(rel.startswith(base + "entities/") for rel in files) == 3


def test_briefing_sections_come_in_order(files: dict[str, str]) -> None:
    page = files["briefings/wonsan-talks/index.md"]
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings == ["Overview", "Timeline", "Key quotes", "Open questions", "Disputed figures", "Sources"]
    assert page.index("What changed since the last build") < page.index("## Overview")
    box = to_html(page.split("---\n", 2)[2]).split('<div class="admonition note">', 1)[1].split("</div>", 1)[0]
    assert "<li>New sources: Second</li>" in box


def test_long_timeline_keeps_the_most_important_in_date_order(files: dict[str, str], briefing: Briefing) -> None:
    page = files["briefings/wonsan-talks/index.md"]
    timeline = page.split("## Timeline", 1)[1].split("## Key quotes", 1)[0]
    items = re.findall(r'^- <time class="when"[^>]*>([^<]+)</time>', timeline, re.M)
    assert len(items) == render.TIMELINE_ON_PAGE < len(briefing.timeline)
    assert "2026" in items and "about June 2024" in items and "2022" not in items
    assert "[Full timeline](timeline.md)" in timeline
    full = files["briefings/wonsan-talks/timeline.md"]
    assert len(re.findall(r'^- <time class="when"', full, re.M)) == len(briefing.timeline)


def test_full_lists_are_written_only_when_the_page_cuts_them_short(briefing: Briefing) -> None:
    briefing.timeline = briefing.timeline[: render.TIMELINE_ON_PAGE]
    briefing.quotes = briefing.quotes[: render.QUOTES_ON_PAGE]
    files = render.render_site([briefing], DEFAULT_TEMPLATES)
    base = "briefings/wonsan-talks/"
    assert base + "index.md" in files
    assert base + "timeline.md" not in files and base + "quotes.md" not in files  # they would repeat the page
    page = files[base + "index.md"]
    assert "timeline.md" not in page and "quotes.md" not in page  # and nothing links to them


def test_dates_in_order_on_the_briefing_page(files: dict[str, str]) -> None:
    data = json.loads(files["briefings/wonsan-talks/briefing.json"])
    dates = [t["date"] for t in data["timeline"]]
    assert dates == sorted(dates)


def test_merged_event_shows_each_sources_own_sentence(files: dict[str, str]) -> None:
    page = files["briefings/wonsan-talks/index.md"]
    line = next(line for line in page.splitlines() if '<time class="when" datetime="2025-07-12">12 July 2025' in line)
    assert "../../sources/a.md#s0" in line  # the sentence shown is S1's own
    assert re.search(r"^    - S2: “Second article on the talks\.” \[S2\]\(\.\./\.\./sources/b\.md#s0\)", page, re.M)


def test_quotes_are_capped_with_a_link_to_all(files: dict[str, str]) -> None:
    page = files["briefings/wonsan-talks/index.md"]
    quotes = page.split("## Key quotes", 1)[1].split("## Open questions", 1)[0]
    assert quotes.count("> “invincible brotherhood”") == render.QUOTES_ON_PAGE
    assert "Foreign Minister of Russia" in quotes and "12 July 2025" in quotes
    assert "[All quotes](quotes.md)" in quotes
    assert "entities/sergei-lavrov.md" in quotes  # the speaker links to their page


def test_sources_show_estimated_and_unknown(files: dict[str, str]) -> None:
    sources = files["briefings/wonsan-talks/index.md"].split("## Sources", 1)[1]
    assert "12 July 2025 (estimated)" in sources
    assert "published unknown" in sources and "outlet unknown" in sources
    assert "Outlet &#124; One" in sources
    assert "<b>" not in sources
    assert "javascript" not in sources  # not an http(s) URL: no "original" link


def test_sources_link_the_original_article(briefing: Briefing) -> None:
    briefing.documents[1].url = "https://example.com/story?a=1&b=2"
    sources = render.render_site([briefing], DEFAULT_TEMPLATES)["briefings/wonsan-talks/index.md"].split("## Sources")[
        1
    ]
    assert '<a href="https://example.com/story?a=1&amp;b=2" rel="nofollow noopener noreferrer">original</a>' in sources


def test_questions_keep_their_order_and_cite(files: dict[str, str]) -> None:
    section = files["briefings/wonsan-talks/index.md"].split("## Open questions", 1)[1].split("##", 1)[0]
    assert section.index("Will talks resume?") < section.index("Who pays?")
    assert "sources/b.md#s0" in section


def test_disputed_figures_table(files: dict[str, str]) -> None:
    section = files["briefings/wonsan-talks/index.md"].split("## Disputed figures", 1)[1].split("## Sources", 1)[0]
    assert "| Value | Source | Date | Attribution |" in section
    assert "| 10,000 |" in section and "28 October 2025" in section and "differ in precision" in section


def test_home_lists_briefings_with_dates_and_counts(files: dict[str, str]) -> None:
    home = files["index.md"]
    assert "[Wonsan &#123;&#123; talks &#125;&#125;](briefings/wonsan-talks/index.md)" in home
    assert "12 July 2025" in home and "| 2 |" in home and "1 new source" in home


def test_entity_page_has_role_aliases_quotes_events_sources(files: dict[str, str]) -> None:
    page = files["briefings/wonsan-talks/entities/sergei-lavrov.md"]
    assert "Foreign Minister of Russia" in page and "(as of 12 July 2025)" in page
    assert "**Also called:** Lavrov" in page
    assert "invincible brotherhood" in page
    assert "Talks in Wonsan." in page.split("## Events", 1)[1]
    assert "../../../sources/a.md" in page.split("## Sources", 1)[1]


def test_source_page_keeps_paragraphs_and_anchors_sentences(files: dict[str, str]) -> None:
    page = files["sources/a.md"]
    html = to_html(page.split("---\n", 2)[2])
    assert html.count("<p>") >= 3
    for i in range(4):
        assert f'id="s{i}"' in html
    assert "(estimated)" in page
    assert 'href="javascript' not in html and "javascript:alert(1)" in visible_text(html)


def test_paragraphs_fall_back_to_single_newlines() -> None:
    assert render.paragraph_starts("a\nb\nc") == [2, 4]
    assert render.paragraph_starts("a\nb\n\nc") == [5]


def test_rendering_is_deterministic(briefing: Briefing) -> None:
    assert render.render_site([briefing], DEFAULT_TEMPLATES) == render.render_site([briefing], DEFAULT_TEMPLATES)


def test_no_briefings_still_renders_a_home_page() -> None:
    files = render.render_site([], DEFAULT_TEMPLATES)
    assert list(files) == ["index.md"] and "No briefings yet" in files["index.md"]


def test_briefings_sharing_a_slug_get_their_own_folders(briefing: Briefing) -> None:
    other = Briefing(slug=briefing.slug, title="Other", documents=[make_document("c", "Third.")])
    files = render.render_site([briefing, other], DEFAULT_TEMPLATES)
    assert "briefings/wonsan-talks/index.md" in files and "briefings/wonsan-talks-2/index.md" in files
    assert "(briefings/wonsan-talks-2/index.md)" in files["index.md"]


def test_heading_sentence_becomes_an_anchored_heading() -> None:
    doc = make_document("h", "Key Statements\nLavrov spoke. Choe replied.")
    doc.sentences[0].heading = True
    b = Briefing(slug="h", title="H", documents=[doc])
    html = to_html(render.render_site([b], DEFAULT_TEMPLATES)["sources/h.md"].split("---\n", 2)[2])
    assert re.search(r'<h2 id="h0"><span class="sentence" id="s0">Key Statements</span>', html), html
    assert re.search(r'<p><span class="sentence" id="s1">Lavrov spoke\.</span> <span class="sentence" id="s2">', html)


def test_an_entity_mentioned_once_is_listed_without_a_page(briefing: Briefing) -> None:
    briefing.entities[1].mentions = briefing.entities[1].mentions[:1]  # Wonsan, mentioned once
    files = render.render_site([briefing], DEFAULT_TEMPLATES)
    base = "briefings/wonsan-talks/entities/"
    assert base + "wonsan.md" not in files and base + "sergei-lavrov.md" in files
    listing = files[base + "index.md"]
    assert "Wonsan" in listing and "wonsan.md" not in listing


def test_an_answered_question_cites_the_answering_sentence_with_a_working_escaped_link(briefing: Briefing) -> None:
    later = make_document(
        "c", "Talks <b>resumed</b> on *Monday* [x](javascript:alert(1)).", published=dt.date(2025, 7, 20)
    )
    briefing.documents.append(later)
    briefing.questions[0].answered_by = ref(later, 0)  # "Will talks resume?"
    files = render.render_site([briefing], DEFAULT_TEMPLATES)
    page = files["briefings/wonsan-talks/index.md"]
    section = page.split("## Open questions", 1)[1].split("## Disputed figures", 1)[0]
    still_open, answered = section.split("### Answered since", 1)
    assert "Will talks resume?" not in still_open and "Who pays?" in still_open
    html = to_html(answered)
    assert "Will talks resume?" in visible_text(html) and "S3" in visible_text(html) and "20 July 2025" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert "../../sources/c.md#s0" in links and "../../sources/b.md#s0" in links  # the answer and where it was asked
    assert "<b>" not in html and "<em>" not in html and "javascript" not in "".join(links)
    assert "Talks <b>resumed</b> on *Monday* [x](javascript:alert(1))." in visible_text(html)
    assert 'id="s0"' in to_html(files["sources/c.md"].split("---\n", 2)[2])  # the link's target exists
    data = json.loads(files["briefings/wonsan-talks/briefing.json"])
    exported = {q["text"]: q["answered_by"] for q in data["questions"]}
    assert exported == {
        "Will talks resume?": {"document": "c", "start": 0, "end": 58, "sentence": 0},
        "Who pays?": None,
    }


def test_no_open_question_left_says_so_above_the_answered_ones(briefing: Briefing) -> None:
    for q in briefing.questions:
        q.answered_by = ref(briefing.documents[1], 0)
    section = render.render_site([briefing], DEFAULT_TEMPLATES)["briefings/wonsan-talks/index.md"].split(
        "## Open questions", 1
    )[1]
    assert section.index("No open questions.") < section.index("### Answered since")
