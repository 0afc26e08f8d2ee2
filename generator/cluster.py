"""Group documents into briefings: one story per briefing, with titles and slugs that stay put across rebuilds.

Documents are compared by TF-IDF cosine over their content words plus the named entities they mention
(canonical keys), damped for articles published far apart. A story is more than a topic: two articles that name
anyone must share a specific name, dated articles that report on no common day weigh less, and issues of a
recurring report (same headline subject, different days) or two market reports of different days are not linked
at all, and a news agency's digest of the day's stories stands alone. Pairs are found through an
inverted index, so the work grows with the number of documents that share rare words, not with the square of
the corpus. The sparse similarity graph is then clustered average-link with a threshold.

The vocabulary helpers here (`content_terms`, `normalise`) are shared with the rest of the merge stage.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import itertools
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import yaml

from generator import ingest
from generator.entities import canonical_key
from generator.model import Document
from generator.text import slugify

RESOURCES = Path(__file__).resolve().parent / "resources" / "merge"
_WORD = re.compile(r"[^\W\d_]+")

Graph = list[dict[int, float]]  # graph[i][j] = similarity of documents i and j (both directions stored)


# --------------------------------------------------------------------------- #
# Resources
# --------------------------------------------------------------------------- #


@functools.cache
def _resource(name: str) -> dict:
    return yaml.safe_load((RESOURCES / name).read_text(encoding="utf-8"))


def settings() -> dict:
    """Weights and thresholds of the merge stage (resources/merge/settings.yaml)."""
    return _resource("settings.yaml")


@functools.cache
def stopwords() -> frozenset[str]:
    data = _resource("stopwords.yaml")
    return frozenset(word for group in data.values() for word in group)


@functools.cache
def calendar_words() -> frozenset[str]:
    return frozenset(_resource("stopwords.yaml")["calendar_words"])


def lexicon() -> dict:
    """Word rules of the merge stage (resources/merge/lexicon.yaml)."""
    return _resource("lexicon.yaml")


@functools.cache
def _suffix_rules() -> tuple[list[tuple[str, str, int]], tuple[str, ...], frozenset[str]]:
    lexicon = _resource("lexicon.yaml")
    rules = [(suffix, replacement, int(minimum)) for suffix, replacement, minimum in lexicon["suffixes"]]
    return rules, tuple(lexicon["keep_endings"]), frozenset(lexicon["keep_doubles"])


@functools.cache
def _synonyms() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in _resource("lexicon.yaml")["synonyms"]:
        head = stem(str(group[0]).lower())
        for word in group:
            mapping[stem(str(word).lower())] = head
    return mapping


# --------------------------------------------------------------------------- #
# Vocabulary
# --------------------------------------------------------------------------- #


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light suffix stripping of a lower-cased word: "signed" -> "sign", "countries" -> "country"."""
    rules, keep_endings, keep_doubles = _suffix_rules()
    for suffix, replacement, minimum in rules:
        if not word.endswith(suffix) or len(word) - len(suffix) < minimum:
            continue
        if suffix == "s" and word.endswith(keep_endings):
            return word
        base = word[: len(word) - len(suffix)] + replacement
        if not replacement and len(base) > 3 and base[-1] == base[-2] and base[-2:] not in keep_doubles:
            base = base[:-1]
        return base
    return word


@functools.lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """A lower-cased word folded to its stem and synonym group head ("pact" -> "agreement")."""
    stemmed = stem(word)
    return _synonyms().get(stemmed, stemmed)


@functools.lru_cache(maxsize=500_000)
def _term(raw: str) -> tuple[str, bool] | None:
    """(normalised term, capitalised) of a word as written; None for a stopword."""
    word = raw.lower()
    if len(word) < 2 or word in stopwords():
        return None
    return normalise(word), raw[0].isupper()


def content_words(text: str) -> list[tuple[str, bool]]:
    """(normalised term, written capitalised) for every content word of `text`."""
    return [found for found in map(_term, _WORD.findall(text)) if found is not None]


def content_terms(text: str) -> list[str]:
    """The normalised content words of `text`."""
    return [term for term, _ in content_words(text)]


@dataclass
class Words:
    """The content words of a document with their offsets, so any span's words are a slice, not a new scan."""

    offsets: array[int]
    terms: list[str]
    capitalised: list[bool]

    def between(self, start: int, end: int) -> tuple[list[str], list[bool]]:
        lo, hi = self.indices(start, end)
        return self.terms[lo:hi], self.capitalised[lo:hi]

    def indices(self, start: int, end: int) -> tuple[int, int]:
        """The [lo, hi) range of the words that start inside [start, end)."""
        return bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end)


def tokenise(text: str) -> Words:
    words = Words(array("l"), [], [])
    for match in _WORD.finditer(text):
        found = _term(match.group(0))
        if found is not None:
            words.offsets.append(match.start())
            words.terms.append(found[0])
            words.capitalised.append(found[1])
    return words


_WORDS_CACHE: dict[tuple[str, int], Words] = {}
_WORDS_CACHE_LIMIT = 50_000


def document_words(doc: Document) -> Words:
    """`tokenise(doc.text)`, computed once per document text (clustering, events and overview all read it)."""
    key = (doc.id, hash(doc.text))
    words = _WORDS_CACHE.get(key)
    if words is None:
        if len(_WORDS_CACHE) >= _WORDS_CACHE_LIMIT:
            _WORDS_CACHE.clear()
        words = _WORDS_CACHE[key] = tokenise(doc.text)
    return words


# --------------------------------------------------------------------------- #
# Document similarity
# --------------------------------------------------------------------------- #


@functools.lru_cache(maxsize=100_000)
def entity_key(name: str) -> str:
    """`canonical_key`, memoised: the same names recur across thousands of articles."""
    return canonical_key(name)


def document_features(doc: Document, entity_weight: float) -> dict[str, float]:
    """Term counts of a document: its content words plus its named entities (prefixed "@")."""
    counts: dict[str, float] = dict(Counter(document_words(doc).terms))
    for mention in doc.mentions:
        key = "@" + entity_key(mention.name)
        counts[key] = counts.get(key, 0.0) + entity_weight
    return counts


def clustering_features(doc: Document) -> dict[str, float]:
    """The term counts clustering compares documents by: a function of the document alone (the build caches it)."""
    return document_features(doc, settings()["clustering"]["entity_weight"])


def tfidf_vectors(features: list[dict[str, float]], keep: int | None = None) -> list[dict[str, float]]:
    """Sublinear TF times smoothed IDF, L2-normalised; with `keep`, only each document's heaviest terms."""
    n = len(features)
    df: Counter[str] = Counter()
    for counts in features:
        df.update(counts.keys())
    idf = {t: math.log((1 + n) / (1 + count)) + 1.0 for t, count in df.items()}
    vectors = []
    for counts in features:
        vector = {t: (1.0 + math.log(c)) * idf[t] for t, c in counts.items() if c > 0}
        if keep and len(vector) > keep:
            vector = dict(heapq.nlargest(keep, vector.items(), key=itemgetter(1)))
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items()})
    return vectors


def date_factor(a: dt.date | None, b: dt.date | None, grace_days: float, half_life_days: float) -> float:
    """1.0 for articles published close together (or undated), halving every `half_life_days` beyond the grace."""
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days) - grace_days
    return 1.0 if gap <= 0 else 0.5 ** (gap / half_life_days)


def stated_date(doc: Document) -> dt.date | None:
    """The publication date the article states; None when it was only estimated from the dates it mentions
    (a background piece is not dated by the latest event it recalls)."""
    return doc.published if doc.published_basis != "estimated" else None


def story_days(doc: Document) -> frozenset[str]:
    """The days a dated article reports on: its publication day and the days its events fall on. Reports of one
    story share some ("the ruling on Monday"); a daily series on one subject (a market report, a weather
    bulletin) shares its names and words but each report tells of its own day. Empty for an undated article."""
    published = stated_date(doc)
    if published is None:
        return frozenset()
    days = {e.date for e in doc.events if e.precision == "day" and len(e.date) == 10}
    return frozenset(days | {published.isoformat()})


@functools.cache
def _headline_movement() -> frozenset[str]:
    return frozenset(normalise(str(w)) for w in lexicon()["headline_movement"])


def headline_terms(title: str) -> frozenset[str]:
    """The content words of a title that name its subject: calendar words and the moves a recurring report
    changes from one issue to the next left out ("Tokyo stocks end higher -- Nov. 7" -> tokyo, stock)."""
    # a final "e" is dropped: the light stemmer makes "share" of "share" but "shar" of "shares"
    terms = (t.removesuffix("e") for t in content_terms(title))
    return frozenset(t for t in terms if t not in _headline_skip())


@functools.cache
def _headline_skip() -> frozenset[str]:
    return frozenset(t.removesuffix("e") for t in calendar_words() | _headline_movement())


@functools.cache
def _series_subjects() -> frozenset[str]:
    return frozenset(normalise(str(w)).removesuffix("e") for w in _resource("series.yaml")["subjects"])


@functools.cache
def _market_kinds() -> dict[str, str]:
    """Headline word (normalised) -> the kind of market it names (resources/merge/series.yaml, kinds)."""
    return {normalise(str(w)): kind for kind, words in _resource("series.yaml")["kinds"].items() for w in words}


def market_kinds(title: str) -> frozenset[str]:
    """The kinds of market a market report's headline names: "Tokyo stocks open lower" -> {equities}."""
    kinds = _market_kinds()
    return frozenset(kinds[t] for t in headline_terms(title) if t in kinds)


def is_market_report(title: str) -> bool:
    """A short headline on a market's daily move: "Seoul stock market closes down". A long title (an article's
    first sentence) says more than the move: "Share prices on the Jakarta Stock Exchange rebounded on Friday as..."."""
    if len(_WORD.findall(title)) > settings()["clustering"]["market_headline_words"]:
        return False
    return not headline_terms(title).isdisjoint(_series_subjects())


def _same_headline(a: frozenset[str], b: frozenset[str], overlap: float) -> bool:
    """Titles that say nearly the same words: Jaccard at least `overlap` with two words or more each, or one and
    the same subject word once the moves are left out ("U.S. stocks open higher", "U.S. stocks end lower")."""
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2:
        return False
    return len(a & b) >= overlap * len(a | b)


@functools.cache
def _digest_openings() -> re.Pattern[str]:
    phrases = _resource("digests.yaml")["openings"]
    return re.compile("|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in phrases), re.IGNORECASE)


def is_digest(doc: Document) -> bool:
    """A news agency's list of the day's stories (an advisory, a schedule, news in brief): many unrelated stories
    and names, so it shares something with everything and tells none of them. Known by how it opens."""
    window = settings()["clustering"]["digest_window_chars"]
    return bool(_digest_openings().search(doc.title) or _digest_openings().search(doc.text[:window]))


@dataclass
class _StoryEvidence:
    """What besides shared words says two documents tell one story."""

    config: dict
    vectors: list[dict[str, float]]
    names: list[list[str]]  # specific names (entity terms not in too many documents) of each document
    needs_name: list[bool]  # articles that name anyone must share a name; one naming no one is judged by words
    dates: list[dt.date | None]
    days: list[frozenset[str]]
    headlines: list[frozenset[str]]
    market_reports: list[bool]  # headlines on a market's daily move
    market_kinds: list[frozenset[str]]  # the kinds of market those headlines name (equities, currencies, ...)
    digests: list[bool]  # lists of the day's stories: they stand alone

    def _next_market_report(self, i: int, j: int) -> bool:
        """Market reports published on different days: each tells of its own session even when it recalls the
        other's ("Seoul stock market ends higher" the day after "... closes down"); or on different kinds of
        market ("Tokyo stocks open lower", "Dollar hits 2-month low in Tokyo")."""
        if not (self.market_reports[i] and self.market_reports[j]):
            return False
        kinds_i, kinds_j = self.market_kinds[i], self.market_kinds[j]
        if kinds_i and kinds_j and not kinds_i & kinds_j:
            return True
        return bool(self.dates[i] and self.dates[j]) and self.dates[i] != self.dates[j]

    def weigh(self, i: int, j: int, score: float) -> float:
        """The similarity of documents i and j once dates, shared names and days are considered (0: no link)."""
        config = self.config
        if self.digests[i] or self.digests[j]:
            return 0.0  # a digest names a bit of every story of its day
        if self.needs_name[i] and self.needs_name[j] and not any(n in self.vectors[j] for n in self.names[i]):
            return 0.0  # one topic's words alone ("shares", "index", "closed") make no story
        if self._next_market_report(i, j):
            return 0.0  # today's close is tomorrow's starting point, not one story
        score *= date_factor(self.dates[i], self.dates[j], config["grace_days"], config["half_life_days"])
        if self.days[i] and self.days[j] and not self.days[i] & self.days[j]:
            if _same_headline(self.headlines[i], self.headlines[j], config["series_title_overlap"]):
                return 0.0  # one more issue of a recurring report ("Tokyo stocks end higher")
            score *= config["no_shared_day"]
        return score


def _candidate_scores(i: int, vector: dict[str, float], postings: dict, max_df: int) -> dict[int, float]:
    """Dot products of document i with the later documents sharing one of its less common terms."""
    scores: dict[int, float] = defaultdict(float)
    for term, weight in vector.items():
        posting = postings[term]
        if len(posting) > max_df:
            continue  # a very common word: little weight, many pairs
        later = bisect.bisect_right(posting, (i, math.inf))  # postings are in document order
        for j, other in itertools.islice(posting, later, None):
            scores[j] += weight * other
    return scores


def similarity_graph(documents: list[Document], features: Mapping[str, dict[str, float]] | None = None) -> Graph:
    """Sparse cosine similarity between documents, found through an inverted index of their terms.
    `features` holds `clustering_features` by document id where already known."""
    config = settings()["clustering"]
    features = features or {}
    counts = [features[d.id] if d.id in features else clustering_features(d) for d in documents]
    vectors = tfidf_vectors(counts, config["keep_terms"])
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((i, weight))
    max_df = max(config["min_max_df"], int(config["max_df_ratio"] * len(documents)))
    headlines = [headline_terms(d.title) for d in documents]
    evidence = _StoryEvidence(
        config,
        vectors,
        [[t for t in v if t.startswith("@") and len(postings[t]) <= max_df] for v in vectors],
        [config["needs_shared_name"] and bool(d.mentions) for d in documents],
        [stated_date(d) for d in documents],
        [story_days(d) for d in documents],
        headlines,
        [is_market_report(d.title) for d in documents],
        [market_kinds(d.title) for d in documents],
        [is_digest(d) for d in documents],
    )
    graph: Graph = [{} for _ in documents]
    for i, vector in enumerate(vectors):
        for j, score in _candidate_scores(i, vector, postings, max_df).items():
            if score >= config["min_edge"]:
                score = evidence.weigh(i, j, score)
                if score >= config["min_edge"]:
                    graph[i][j] = graph[j][i] = score
    return graph


# --------------------------------------------------------------------------- #
# Clustering
# --------------------------------------------------------------------------- #


def average_link(graph: Graph, threshold: float) -> list[list[int]]:
    """Agglomerative clustering on a sparse graph: merge the pair of clusters with the highest mean similarity
    (missing edges count as 0) while it reaches `threshold`."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(graph))}
    links: dict[int, dict[int, float]] = {i: dict(edges) for i, edges in enumerate(graph)}
    heap = [(-s, i, j) for i, edges in enumerate(graph) for j, s in edges.items() if i < j and s >= threshold]
    heapq.heapify(heap)
    next_id = len(graph)
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one side was merged already
        merged = members.pop(a) + members.pop(b)
        sums: dict[int, float] = defaultdict(float)
        for side in (a, b):
            for c, s in links.pop(side).items():
                if c not in (a, b):
                    sums[c] += s
                    del links[c][side]
        members[next_id], links[next_id] = merged, dict(sums)
        for c, s in sums.items():
            links[c][next_id] = s
            mean = s / (len(merged) * len(members[c]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(c, next_id), max(c, next_id)))
        next_id += 1
    return [sorted(group) for group in members.values()]


def centrality(i: int, group: list[int], graph: Graph) -> float:
    """How similar member `i` is to the rest of its group."""
    return sum(graph[i].get(j, 0.0) for j in group)


def reads_as_headline(title: str) -> bool:
    """A title fit to name a briefing: headline length, not an editor's note or a fragment."""
    config = settings()["titles"]
    words = len(_WORD.findall(title))
    return config["min_words"] <= words <= config["max_words"] and ingest.is_headline(title)


def title_member(group: list[int], graph: Graph, documents: list[Document]) -> int:
    """The most central member whose title reads as a headline (the most central one if none does)."""
    return max(
        group,
        key=lambda i: (reads_as_headline(documents[i].title), centrality(i, group, graph), -i),
    )


# --------------------------------------------------------------------------- #
# Naming: titles and slugs that survive rebuilds
# --------------------------------------------------------------------------- #


@dataclass
class Cluster:
    slug: str
    title: str
    documents: list[Document]
    previous: dict = field(default_factory=dict)  # the earlier briefing's recorded state, if any


def unique_slug(text: str, taken: set[str]) -> str:
    base = slugify(text)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def previous_briefings(previous: dict | None) -> list[dict]:
    """The earlier build's briefings, keeping only well-formed records."""
    if not isinstance(previous, dict) or not isinstance(previous.get("briefings"), list):
        return []
    return [
        b
        for b in previous["briefings"]
        if isinstance(b, dict) and isinstance(b.get("slug"), str) and isinstance(b.get("documents"), list)
    ]


def _inherit_names(clusters: list[Cluster], earlier: list[dict], taken: set[str]) -> None:
    """Each earlier briefing passes its slug and title to the cluster holding most of its documents."""
    clusters_of: dict[str, set[int]] = defaultdict(set)  # document id -> the unnamed clusters holding it
    for c, cluster in enumerate(clusters):
        if not cluster.slug:
            for d in cluster.documents:
                clusters_of[d.id].add(c)
    pairs = []
    for p, record in enumerate(earlier):
        overlaps = Counter(c for i in set(map(str, record["documents"])) for c in clusters_of.get(i, ()))
        pairs.extend((-overlap, p, c) for c, overlap in overlaps.items())
    used_previous: set[int] = set()
    for _, p, c in sorted(pairs):
        record = earlier[p]
        if p in used_previous or clusters[c].slug or record["slug"] in taken:
            continue
        used_previous.add(p)
        clusters[c].slug, clusters[c].previous = record["slug"], record
        clusters[c].title = str(record.get("title") or clusters[c].title)
        taken.add(record["slug"])


def _override_clusters(documents: list[Document], earlier: list[dict]) -> list[Cluster]:
    """Documents whose front matter names a briefing go there, whatever their words."""
    by_slug: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.briefing:
            by_slug[slugify(str(doc.briefing))].append(doc)
    records = {b["slug"]: b for b in earlier}
    clusters = []
    for slug, docs in by_slug.items():
        record = records.get(slug, {})
        named = docs[title_member(list(range(len(docs))), [{} for _ in docs], docs)]
        clusters.append(Cluster(slug, str(record.get("title") or named.title.strip()), docs, record))
    return clusters


def cluster_documents(
    documents: list[Document], previous: dict | None = None, features: Mapping[str, dict[str, float]] | None = None
) -> list[Cluster]:
    """Split documents into stories. Front matter `briefing:` overrides; names are inherited from `previous`.
    `features`: `clustering_features` by document id, where an earlier build computed them."""
    earlier = previous_briefings(previous)
    fixed = _override_clusters(documents, earlier)
    free = [d for d in documents if not d.briefing]
    graph = similarity_graph(free, features)
    clusters = []
    for group in average_link(graph, settings()["clustering"]["threshold"]):
        named = free[title_member(group, graph, free)]
        clusters.append(Cluster("", named.title.strip(), [free[i] for i in group]))
    taken = {c.slug for c in fixed}
    _inherit_names(clusters, earlier, taken)
    taken |= {b["slug"] for b in earlier}
    for cluster in clusters:
        if not cluster.slug:
            cluster.slug = unique_slug(cluster.title, taken)
    everything = fixed + clusters
    everything.sort(key=lambda c: (-len(c.documents), c.slug))
    return everything
