"""Splitting documents into stories, and keeping briefing names stable across builds."""

from __future__ import annotations

import datetime as dt

from generator import cluster, state
from generator.model import Briefing, Document, Event, Mention

FLOOD_1 = """Floodwater breached the Marrow River dam near Elsby on Tuesday, forcing 3,000 residents from their homes.
Engineers said the dam's spillway failed after a week of torrential rain across the valley.
Rescue crews used boats to reach families stranded on rooftops in the lower town.
The regional council opened emergency shelters in two schools and a sports hall."""

FLOOD_2 = """Residents of Elsby began returning home on Thursday as floodwater receded after the Marrow dam breach.
The council said inspectors would examine the damaged spillway before the reservoir is refilled.
Rescue crews and volunteers cleared mud from streets in the lower town, and shelters in schools closed.
Insurers estimated the flood damage at several million euros after days of torrential rain."""

CHESS_1 = """Grandmaster Ilse Varga won the Valdora chess championship on Sunday after a tense final game.
Varga defeated the defending champion with the black pieces in a long endgame.
The tournament drew players from twelve countries to the old opera house in Valdora.
Organisers said next year's championship would add a rapid chess section."""

CHESS_2 = """Ilse Varga said her victory in the Valdora chess championship was the best result of her career.
The grandmaster told reporters the final endgame against the defending champion had lasted six hours.
She will now play in the candidates tournament, where the winner earns a title match.
Chess fans packed the opera house for the last round of the championship."""


def doc(doc_id: str, text: str, published: dt.date | None = None, briefing: str | None = None) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        text=text,
        title=text.split("\n", 1)[0],
        published=published,
        briefing=briefing,
    )


def groups(clusters: list[cluster.Cluster]) -> list[set[str]]:
    return sorted(({d.id for d in c.documents} for c in clusters), key=sorted)


def as_state(clusters: list[cluster.Cluster]) -> dict:
    return state.state_of([Briefing(c.slug, c.title, c.documents) for c in clusters])


def test_light_stemming_and_synonyms_fold_wordings() -> None:
    assert cluster.stem("signed") == "sign"
    assert cluster.stem("countries") == "country"
    assert cluster.stem("crisis") == "crisis"
    assert cluster.stem("planned") == "plan"
    assert cluster.normalise("pact") == cluster.normalise("treaty") == cluster.normalise("agreements")
    assert cluster.normalise("defense") == cluster.normalise("defence")


def test_content_terms_drop_function_and_calendar_words() -> None:
    terms = cluster.content_terms("On Monday, the ministers signed a treaty in June.")
    assert terms == ["minister", "sign", cluster.normalise("treaty")]


def test_two_stories_are_split() -> None:
    docs = [doc("flood-1", FLOOD_1), doc("chess-1", CHESS_1), doc("flood-2", FLOOD_2), doc("chess-2", CHESS_2)]
    assert groups(cluster.cluster_documents(docs)) == [{"chess-1", "chess-2"}, {"flood-1", "flood-2"}]


def test_articles_published_years_apart_weigh_less() -> None:
    near = cluster.date_factor(dt.date(2025, 1, 1), dt.date(2025, 1, 20), 30, 180)
    far = cluster.date_factor(dt.date(2025, 1, 1), dt.date(2027, 1, 1), 30, 180)
    assert near == 1.0 and far < 0.1
    assert cluster.date_factor(None, dt.date(2025, 1, 1), 30, 180) == 1.0


def test_front_matter_overrides_the_words() -> None:
    docs = [doc("flood-1", FLOOD_1), doc("flood-2", FLOOD_2, briefing="Elsby aftermath"), doc("chess-1", CHESS_1)]
    clusters = cluster.cluster_documents(docs)
    by_slug = {c.slug: {d.id for d in c.documents} for c in clusters}
    assert by_slug["elsby-aftermath"] == {"flood-2"}
    assert {"flood-1"} in by_slug.values()


def test_titles_come_from_a_member_and_slugs_are_url_safe() -> None:
    clusters = cluster.cluster_documents([doc("flood-1", FLOOD_1), doc("flood-2", FLOOD_2)])
    (only,) = clusters
    assert only.title in {FLOOD_1.split("\n")[0], FLOOD_2.split("\n")[0]}
    assert all(ch.isalnum() or ch == "-" for ch in only.slug) and only.slug == only.slug.lower()
    assert len(only.slug) <= 60


def test_adding_an_unrelated_article_keeps_the_first_briefing_name() -> None:
    first = cluster.cluster_documents([doc("flood-1", FLOOD_1), doc("flood-2", FLOOD_2)])
    (flood,) = first
    second = cluster.cluster_documents(
        [doc("flood-1", FLOOD_1), doc("flood-2", FLOOD_2), doc("chess-1", CHESS_1)], as_state(first)
    )
    assert len(second) == 2
    kept = next(c for c in second if "flood-1" in {d.id for d in c.documents})
    new = next(c for c in second if c is not kept)
    assert (kept.slug, kept.title) == (flood.slug, flood.title)
    assert new.slug != flood.slug and new.title == CHESS_1.split("\n")[0]


def test_adding_a_related_article_keeps_slug_and_title_even_if_another_member_is_more_central() -> None:
    previous = {"version": 1, "briefings": [{"slug": "elsby-dam", "title": "Dam breach", "documents": ["flood-1"]}]}
    clusters = cluster.cluster_documents([doc("flood-1", FLOOD_1), doc("flood-2", FLOOD_2)], previous)
    assert [(c.slug, c.title) for c in clusters] == [("elsby-dam", "Dam breach")]
    assert clusters[0].previous["slug"] == "elsby-dam"


def test_a_split_briefing_keeps_its_name_where_most_of_its_documents_went() -> None:
    previous = {
        "version": 1,
        "briefings": [{"slug": "mixed", "title": "Mixed", "documents": ["flood-1", "flood-2", "chess-1"]}],
    }
    docs = [doc("flood-1", FLOOD_1), doc("flood-2", FLOOD_2), doc("chess-1", CHESS_1), doc("chess-2", CHESS_2)]
    clusters = cluster.cluster_documents(docs, previous)
    by_slug = {c.slug: {d.id for d in c.documents} for c in clusters}
    assert by_slug["mixed"] == {"flood-1", "flood-2"}
    assert len(by_slug) == 2


def test_new_slugs_avoid_current_and_previous_ones() -> None:
    taken_slug = cluster.slugify(CHESS_1.split("\n")[0])
    previous = {"version": 1, "briefings": [{"slug": taken_slug, "title": "Old", "documents": ["gone"]}]}
    (chess,) = cluster.cluster_documents([doc("chess-1", CHESS_1)], previous)
    assert chess.slug == f"{taken_slug}-2"


def test_malformed_previous_state_is_ignored() -> None:
    for previous in ({"briefings": "nope"}, {"briefings": [{"slug": 3}]}, [], None):
        (only,) = cluster.cluster_documents([doc("flood-1", FLOOD_1)], previous)  # type: ignore[arg-type]
        assert only.slug == cluster.slugify(FLOOD_1.split("\n")[0])


def test_average_link_needs_the_mean_not_one_strong_link() -> None:
    # 0-1 and 1-2 are close, 0-2 unrelated: single link would chain all three, average link does not.
    graph = [{1: 0.9}, {0: 0.9, 2: 0.5}, {1: 0.5}]
    assert sorted(cluster.average_link(graph, 0.3)) == [[0, 1], [2]]
    assert sorted(cluster.average_link(graph, 0.2)) == [[0, 1, 2]]


def test_similarity_graph_is_sparse_and_symmetric() -> None:
    docs = [doc("flood-1", FLOOD_1), doc("chess-1", CHESS_1), doc("flood-2", FLOOD_2)]
    graph = cluster.similarity_graph(docs)
    assert graph[0][2] == graph[2][0] > 0.2
    assert graph[0].get(1, 0.0) < 0.2


def test_the_briefing_is_named_after_a_title_that_reads_as_a_headline() -> None:
    flagged = doc("flood-1", FLOOD_1)
    flagged.title = "URGENT /// Elsby dam breaks"
    plain = doc("flood-2", FLOOD_2)
    plain.title = "Elsby residents return home after dam breach"
    (only,) = cluster.cluster_documents([flagged, plain])
    assert only.title == "Elsby residents return home after dam breach"
    assert not cluster.reads_as_headline("ATTENTION - ADDS details, quotes ///")
    assert not cluster.reads_as_headline(FLOOD_1.replace("\n", " "))  # a whole paragraph is no headline


def test_slugs_fold_accents_and_never_come_out_empty() -> None:
    assert cluster.slugify("Zürich talks: Lavrov’s visit") == "zurich-talks-lavrovs-visit"
    assert cluster.slugify("Переговоры") == "briefing"
    assert cluster.unique_slug("Переговоры", {"briefing"}) == "briefing-2"


def test_long_slugs_are_cut_at_a_word_boundary() -> None:
    slug = cluster.slugify("North Korea and Russia have a long history of alliance, dating back to the Korean War")
    assert len(slug) <= 60 and not slug.endswith("-")
    assert slug == "north-korea-and-russia-have-a-long-history-of-alliance"


# ------------------------------------------------------------------ stories, not topics

JAKARTA = """Share prices on the Jakarta Stock Exchange closed lower on Thursday as banks and miners fell.
The composite index lost 9.12 points as foreign investors sold blue chips ahead of the long weekend.
Dealers said trading was thin and the index could slide further if the rupiah weakens.
Telecommunications shares bucked the trend after strong quarterly results."""

COLOMBO = """Share prices on the Colombo Stock Exchange closed lower on Thursday as banks and plantations fell.
The all share index lost 18.12 points as foreign investors sold blue chips ahead of the long weekend.
Dealers said trading was thin and the index could slide further if the rupee weakens.
Hotel shares bucked the trend after strong quarterly results."""


def named(document: Document, *names: str, kind: str = "organization") -> Document:
    for name in names:
        start = document.text.index(name)
        document.mentions.append(Mention(start, start + len(name), name, kind, name))
    return document


def on_days(document: Document, *days: str) -> Document:
    for day in days:
        document.events.append(Event(document.id, 0, 0, 10, "", day, "day", "explicit", False))
    return document


def test_market_reports_of_two_exchanges_are_two_stories() -> None:
    jakarta = named(doc("jakarta", JAKARTA, dt.date(2025, 11, 13)), "Jakarta Stock Exchange")
    colombo = named(doc("colombo", COLOMBO, dt.date(2025, 11, 13)), "Colombo Stock Exchange")
    assert len(cluster.cluster_documents([jakarta, colombo])) == 2
    # the words alone would make one story of them
    plain = [doc("jakarta", JAKARTA, dt.date(2025, 11, 13)), doc("colombo", COLOMBO, dt.date(2025, 11, 13))]
    assert len(cluster.cluster_documents(plain)) == 1


JAKARTA_NEXT_DAY = """Share prices on the Jakarta Stock Exchange rebounded on Friday as property developers recovered.
The composite index gained 14.3 points on bargain hunting after the slide.
Analysts said the market could stay volatile until the central bank meets next month.
Cement makers rose on hopes of stronger construction demand."""


def test_a_daily_report_on_one_subject_is_a_series_not_a_story() -> None:
    def report(doc_id: str, text: str, published: dt.date) -> Document:
        return on_days(named(doc(doc_id, text, published), "Jakarta Stock Exchange"), published.isoformat())

    thursday = report("thu", JAKARTA, dt.date(2025, 11, 13))
    next_day = report("fri", JAKARTA_NEXT_DAY, dt.date(2025, 11, 14))
    assert len(cluster.cluster_documents([thursday, next_day])) == 2
    # a report that comes back to the other's day belongs to its story
    on_days(next_day, "2025-11-13")
    assert len(cluster.cluster_documents([thursday, next_day])) == 1


def test_flood_reports_days_apart_stay_one_story_when_they_share_a_day() -> None:
    first = on_days(named(doc("flood-1", FLOOD_1, dt.date(2025, 3, 4)), "Elsby", kind="place"), "2025-03-04")
    later = on_days(named(doc("flood-2", FLOOD_2, dt.date(2025, 3, 20)), "Elsby", kind="place"), "2025-03-04")
    assert len(cluster.cluster_documents([first, later])) == 1


def test_an_estimated_publication_date_does_not_split_a_story() -> None:
    background = named(doc("flood-1", FLOOD_1, dt.date(2024, 3, 4)), "Elsby", kind="place")
    background.published_basis = "estimated"
    news = named(doc("flood-2", FLOOD_2, dt.date(2025, 3, 20)), "Elsby", kind="place")
    assert len(cluster.cluster_documents([background, news])) == 1
    background.published_basis = "header"
    assert len(cluster.cluster_documents([background, news])) == 2


def market_report(doc_id: str, title: str, published: dt.date, *days: str) -> Document:
    """A Jakarta market report published on `published`, dating events to that day and to `days`."""
    document = named(doc(doc_id, f"{title}\n{JAKARTA}", published), "Jakarta Stock Exchange")
    return on_days(document, published.isoformat(), *days)


def test_issues_of_a_recurring_report_are_not_one_story() -> None:
    monday = market_report("mon", "Jakarta shares close lower", dt.date(2025, 11, 10))
    tuesday = market_report("tue", "Jakarta shares open higher", dt.date(2025, 11, 11))
    assert len(cluster.cluster_documents([monday, tuesday])) == 2
    # the same headline the same day is an update of one report
    update = market_report("mon-2", "Jakarta shares close lower", dt.date(2025, 11, 10))
    assert len(cluster.cluster_documents([monday, update])) == 1


def test_issues_of_a_report_whose_headline_names_one_subject_are_a_series() -> None:
    # "U.S." is no content word: the subject is "stocks" alone
    wednesday = market_report("wed", "U.S. stocks open higher", dt.date(2025, 11, 12))
    thursday = market_report("thu", "U.S. stocks end lower", dt.date(2025, 11, 13))
    assert cluster.headline_terms(wednesday.title) == cluster.headline_terms(thursday.title)
    assert len(cluster.cluster_documents([wednesday, thursday])) == 2
    # "shares" and "share" are one subject
    assert cluster.headline_terms("Indonesian shares close lower") <= cluster.headline_terms("Indonesian share index")
    # a one-word subject the other title tells more about is no repeat ("Stocks" and "Stocks plunge on war fears")
    assert not cluster._same_headline(frozenset({"stock"}), frozenset({"stock", "war", "fear"}), 0.5)


ADVISORY = """Xinhua international news advisory -- Nov. 13
The following are some of the major international news stories scheduled to be covered on Thursday.
-- Floodwater breached the Marrow River dam near Elsby, forcing residents from their homes after torrential rain.
-- Grandmaster Ilse Varga plays in the Valdora chess championship final at the opera house.
-- Central bank meets on rates."""


def test_a_digest_of_the_days_stories_stands_alone() -> None:
    flood = named(doc("flood-1", FLOOD_1, dt.date(2025, 11, 13)), "Elsby", "Marrow River", kind="place")
    advisory = named(doc("advisory", ADVISORY, dt.date(2025, 11, 13)), "Elsby", "Marrow River", kind="place")
    assert cluster.is_digest(advisory) and not cluster.is_digest(flood)
    assert len(cluster.cluster_documents([flood, advisory])) == 2
    # the same lines in an ordinary report would link
    lines = ADVISORY.split("\n", 2)[2]
    report = named(doc("report", lines, dt.date(2025, 11, 13)), "Elsby", "Marrow River", kind="place")
    assert not cluster.is_digest(report)
    assert len(cluster.cluster_documents([flood, report])) == 1


def test_market_reports_of_consecutive_days_are_a_series_even_when_one_recalls_the_other() -> None:
    monday = market_report("mon", "Jakarta stock market closes down", dt.date(2025, 11, 10))
    # Tuesday's report recalls Monday's close
    tuesday = market_report("tue", "Jakarta stock market ends higher", dt.date(2025, 11, 11), "2025-11-10")
    assert cluster.is_market_report(monday.title)
    assert len(cluster.cluster_documents([monday, tuesday])) == 2
    # nor is a currency report of the next day, whatever its headline
    rupiah = market_report("rupiah", "Dollar rises against the rupiah in Jakarta", dt.date(2025, 11, 11), "2025-11-10")
    assert len(cluster.cluster_documents([monday, rupiah])) == 2
    # the same day, it is one report and its update
    update = market_report("mon-2", "Jakarta stock market closes down", dt.date(2025, 11, 10))
    assert len(cluster.cluster_documents([monday, update])) == 1
    # a story the next day about what moved the market is not a market report
    story = market_report(
        "story", "Jakarta exchange chief resigns after the slide", dt.date(2025, 11, 11), "2025-11-10"
    )
    assert len(cluster.cluster_documents([monday, story])) == 1


def test_market_reports_of_one_day_on_different_kinds_of_market_are_two_stories() -> None:
    stocks = market_report("stocks", "Jakarta stock market closes down", dt.date(2025, 11, 10))
    assert cluster.market_kinds(stocks.title) == {"equities"}
    rupiah = market_report("rupiah", "Dollar rises against the rupiah in Jakarta", dt.date(2025, 11, 10))
    assert len(cluster.cluster_documents([stocks, rupiah])) == 2
    # a headline naming both kinds links to either
    both = market_report("both", "Jakarta stocks fall as the dollar rises", dt.date(2025, 11, 10))
    assert len(cluster.cluster_documents([stocks, both])) == 1


def test_a_story_followed_the_next_day_under_the_same_headline_stays_one() -> None:
    first = on_days(named(doc("flood-1", FLOOD_1, dt.date(2025, 3, 4)), "Elsby", kind="place"), "2025-03-04")
    later = on_days(named(doc("flood-2", FLOOD_2, dt.date(2025, 3, 5)), "Elsby", kind="place"), "2025-03-04")
    first.title, later.title = "Elsby flood toll rises", "Elsby flood toll rises again"
    assert not cluster.is_market_report(first.title)
    assert len(cluster.cluster_documents([first, later])) == 1
