"""Read seed files into clean Documents.

Which files: every `.txt` and `.md` file in the seeds folder and its subfolders (walked recursively in sorted
order, so a story can be filed under `seeds/2025-10/`); hidden files and folders and every other file are ignored,
symlinked folders are not followed, and nothing in the folder is ever written. A file's `Document.id` is its stem;
when two seeds share a stem (`a.md` and `a.txt`, or one name in two subfolders; compared case-insensitively, as a
case-insensitive file system would) the first read in sorted path order wins and the others are skipped with a
reason, so pages and anchors never collide silently. A file that is not a readable article (empty, binary, over
`MAX_SEED_BYTES`, unreadable, nothing left but boilerplate) raises `ValueError` in `read_document` and becomes a
`Skipped(path, reason)` in `read_seeds`, which goes on with the rest.

Reading one file, in order:

1. Bytes to text: a BOM (UTF-8, UTF-16/32 LE/BE), else strict UTF-8 (the fast, common path), else Windows-1252 for
   mostly-ASCII bytes (detectors misjudge short English text), else charset-normalizer.
2. Normalise: Unicode NFC, CRLF/CR (and other line separators) to LF, NBSP and other spaces to one plain space,
   zero-width and control characters removed. Curly quotes and apostrophes stay as they are.
3. Optional YAML front matter (`title`, `date`, `source`, `url`, `briefing`) between `---` lines. A bad value only
   adds a warning to `Document.warnings` and the header is inferred from the text instead; invalid YAML keeps the
   `key: value` lines that still read.
4. Paragraphs: HTML pasted as text is converted (script, style, navigation and figures dropped; `<h1>`..`<h6>` are
   headings); `.md` files lose their Markdown (`#` headings stay headings, links keep their text, images go);
   Markdown-looking or template text in `.txt` files, and stray tags, stay literal. Lines separated by blank lines
   are paragraphs; inside a group, lines are their own paragraphs unless they are hard-wrapped prose.
5. Furniture that is not the story is dropped, reading what it says on the way: date and time stamps (the
   publication date; `Updated:` dates only as a fallback), bylines, mastheads and copyright lines (the outlet),
   bare URLs, wire slugs, image captions with credits (and the bare copy pasted before them), "Read more" and
   "Related" lines (and the link list after a final one), share/subscribe/cookie lines, advertisements. The
   patterns are data in `resources/ingest/`.
6. A dateline opening the lead (`MOSCOW, Oct. 27 (Reuters) -`) is cut into `Document.dateline`; its credit gives
   the outlet and its date, when no header date exists, the publication date (the year taken from an `Updated`
   stamp). No date at all: `published=None`, `published_basis="unknown"` (a later stage may estimate it).
7. Title: a short first line without a final full stop (or a headline in title case) is the title line. It stays
   in the text as the first paragraph and its span is recorded in `Document.headings`, so the title traces to the
   text (a short topic label above it, "North Korea", is kept as a heading and the line below is the title). With
   no title line the title is the first sentence, cut at a word boundary with an ellipsis when long. Short
   paragraphs without terminal punctuation, or short questions, followed by more text are section headings, and
   their spans go to `Document.headings` as well.

The cleaned `text` is the paragraphs joined by exactly one blank line; every later offset points into it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer
import dateutil.parser
import yaml

from generator.model import Document, Skipped
from generator.text import phrase_alternation

SEED_SUFFIXES = {".txt", ".md"}
MAX_SEED_BYTES = 10_000_000  # larger files are not articles; reading them would stall the build
HEAD_PARAGRAPHS = 8  # how far into the text header lines (dates, bylines, mastheads, datelines) are looked for
MAX_CONTROL_SHARE = 0.02  # more control characters than this after decoding: binary, not text
MAX_LEGACY_HIGH_SHARE = 0.1  # non-UTF-8 with at most this share of bytes above 127 is read as Windows-1252
MIN_TEXT_SHARE = 0.6  # at least this share of letters, digits, spaces and common punctuation in a text file
RESOURCES = Path(__file__).resolve().parent / "resources" / "ingest"
# A document an earlier build made from the seed at this path with these raw bytes (sha1), if any.
Reuse = Callable[[Path, str], Document | None]
FRONT_MATTER_KEYS = ("title", "date", "source", "url", "briefing")

# --------------------------------------------------------------------------- #
# Resources (data kept apart from the code), loaded once
# --------------------------------------------------------------------------- #


@cache
def _resource(name: str) -> dict:
    return yaml.safe_load((RESOURCES / f"{name}.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class _Boilerplate:
    # (max_words, pattern) per word limit: the entries combined into one pattern tried with `match` (one named
    # group per kind), so a paragraph meets a handful of patterns rather than every entry.
    by_length: tuple[tuple[int, re.Pattern[str]], ...]
    # every entry of `by_length` in one pattern, group `e<i>` for entry i: one call tells most paragraphs "no"
    any_entry: re.Pattern[str]
    entries: tuple[tuple[str, int], ...]  # (kind, max_words) of entry i
    # (needs, max_words, kind, pattern): entries that may match anywhere, searched only when the paragraph
    # contains their `needs` word, so most paragraphs are never scanned by them.
    keyed: tuple[tuple[str, int, str, re.Pattern[str]], ...]
    slug: re.Pattern[str]
    credit: re.Pattern[str]
    agency_credit: re.Pattern[str]
    agency_caption_max_words: int


@cache
def _boilerplate() -> _Boilerplate:
    data = _resource("boilerplate")
    grouped: dict[int, dict[str, list[str]]] = {}
    keyed: list[tuple[str, int, str, re.Pattern[str]]] = []
    flat: list[tuple[str, int, str]] = []
    for kind, entries in data["patterns"].items():
        for entry in entries:
            pattern: str = entry["re"]
            limit = int(entry.get("max_words", 10_000))
            if entry.get("needs"):
                keyed.append((entry["needs"].lower(), limit, kind, re.compile(pattern, re.IGNORECASE)))
                continue
            anchored = pattern.removeprefix("^") if pattern.startswith("^") else f".*?{pattern}"
            grouped.setdefault(limit, {}).setdefault(kind, []).append(f"(?:{anchored})")
            flat.append((kind, limit, anchored))
    by_length = tuple(
        (limit, re.compile("|".join(f"(?P<{k}>{'|'.join(p)})" for k, p in kinds.items()), re.IGNORECASE))
        for limit, kinds in sorted(grouped.items())
    )
    credit = re.compile("|".join(f"(?:{p})" for p in data["credit"]), re.IGNORECASE)
    any_entry = re.compile("|".join(f"(?P<e{i}>{p})" for i, (_, _, p) in enumerate(flat)), re.IGNORECASE)
    kinds = tuple((kind, limit) for kind, limit, _ in flat)
    agency = re.compile(data["agency_credit"], re.IGNORECASE)
    return _Boilerplate(
        by_length,
        any_entry,
        kinds,
        tuple(keyed),
        re.compile(data["slug"]),
        credit,
        agency,
        data["agency_caption_max_words"],
    )


@dataclass(frozen=True)
class _DateVocabulary:
    months: dict[str, int]
    token: re.Pattern[str]  # one token of a date/time stamp line
    date_token_kinds: frozenset[str]
    updated_label: re.Pattern[str]
    glued: re.Pattern[str]  # "GMTUpdated", "20254:30 PM": tokens pasted together
    relative: re.Pattern[str]
    month_day: re.Pattern[str]  # "Oct. 28, 2025", "28 October 2025", "Oct 27"
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    day_first: bool
    years: tuple[int, int]


@cache
def _dates() -> _DateVocabulary:
    data = _resource("dates")
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    month_re = phrase_alternation(list(months))
    labels_list = data["published_labels"] + data["updated_labels"]
    labels = phrase_alternation(labels_list)
    token = re.compile(
        rf"(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}}"
        rf"(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)"
        rf"|(?P<numeric>\d{{1,4}}[/.]\d{{1,2}}[/.]\d{{2,4}})"
        rf"|(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:\s*[ap]\.?m\.?)?)"
        rf"|(?P<day>\d{{1,2}}(?:st|nd|rd|th)?)\b"
        rf"|(?P<year>\d{{4}})\b"
        rf"|(?P<month>{month_re})\b\.?"
        rf"|(?P<weekday>{phrase_alternation(data['weekdays'])})\b\.?"
        rf"|(?P<label>{labels})\b\s*:?"
        rf"|(?P<ampm>[ap]\.?m\b\.?)"
        rf"|(?P<zone>(?:{phrase_alternation(data['timezones'])})(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?)\b"
        rf"|(?P<offset>[+-]\d{{2}}:?\d{{2}})\b"
        rf"|(?P<filler>{phrase_alternation(data['fillers'])})\b"
        r"|(?P<sep>[,|•·/()\[\]–—:;-])",
        re.IGNORECASE,
    )
    month_day = re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{month_re})\b\.?(?:,?\s+(?P<y1>\d{{4}}))?"
        rf"|(?P<m2>{month_re})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?)",
        re.IGNORECASE,
    )
    return _DateVocabulary(
        months=months,
        token=token,
        date_token_kinds=frozenset({"iso", "numeric", "time", "month", "weekday"}),
        updated_label=re.compile(rf"\b(?:{phrase_alternation(data['updated_labels'])})\b", re.IGNORECASE),
        glued=re.compile(
            rf"(?<=[A-Za-z0-9])(?=(?:{phrase_alternation([w.capitalize() for w in labels_list])})\b)"
            r"|(?<=\b(?:19|20)\d\d)(?=\d{1,2}[:.]\d\d)"
        ),
        relative=re.compile(data["relative_phrase"], re.IGNORECASE),
        month_day=month_day,
        iso=re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})"),
        numeric=re.compile(r"\b(\d{1,4})[/.](\d{1,2})[/.](\d{2,4})\b"),
        day_first=bool(data["numeric_day_first"]),
        years=(int(data["min_year"]), int(data["max_year"])),
    )


@cache
def _outlets() -> dict[str, str]:
    """Any written form of an outlet, casefolded -> its canonical name."""
    names: dict[str, str] = {}
    for canonical, aliases in _resource("outlets").items():
        for name in [canonical, *(aliases or [])]:
            names[str(name).casefold()] = canonical
    return names


@dataclass(frozen=True)
class _Headers:
    title_max_chars: int
    title_max_words: int
    inferred_title_max_chars: int
    title_flag: re.Pattern[str]
    passive_before_by: frozenset[str]
    not_a_headline: re.Pattern[str]
    heading_max_chars: int
    heading_max_words: int
    question_max_words: int
    small_words: frozenset[str]
    byline_max_words: int
    byline_words: frozenset[str]
    dateline: re.Pattern[str]
    not_places: frozenset[str]
    abbreviations: frozenset[str]
    number_abbreviations: frozenset[str]


@cache
def _headers() -> _Headers:
    data = _resource("headers")
    months = phrase_alternation(list(_resource("dates")["months"]))
    return _Headers(
        title_max_chars=data["title"]["max_chars"],
        title_max_words=data["title"]["max_words"],
        inferred_title_max_chars=data["title"]["inferred_max_chars"],
        # a flag ends at a separator, or runs straight into the headline's first capitalised word
        title_flag=re.compile(
            rf"^\W*(?:\d+(?:st|nd|rd|th) )?(?:{phrase_alternation(data['title']['flags'])})(?: \d+)?"
            r"(?:\s*[:\-–—|/]+\s*|\s+|(?=[A-Z][a-z]))(?=\S)"
        ),
        passive_before_by=frozenset(data["title"]["passive_before_by"]),
        not_a_headline=re.compile("|".join(f"(?:{p})" for p in data["title"]["not_a_headline"])),
        heading_max_chars=data["heading"]["max_chars"],
        heading_max_words=data["heading"]["max_words"],
        question_max_words=data["heading"]["question_max_words"],
        small_words=frozenset(data["title_case_small_words"]),
        byline_max_words=data["byline"]["max_words"],
        byline_words=frozenset(data["byline"]["words"]),
        dateline=re.compile(data["dateline"].replace("{months}", f"(?i:{months})")),
        not_places=frozenset(data["dateline_not_places"]),
        abbreviations=frozenset(data["abbreviations"]),
        number_abbreviations=frozenset(data["number_abbreviations"]),
    )


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #


def read_seeds(folder: Path, reuse: Reuse | None = None) -> tuple[list[Document], list[Skipped]]:
    """Every seed under `folder` as a Document; files that cannot be read are listed with the reason.
    `reuse(path, raw_sha1)` may return the document an earlier build made of the same bytes (not parsed again)."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    first_path: dict[str, Path] = {}
    paths, unreadable = _seed_paths(Path(folder))
    skipped.extend(unreadable)
    for path in paths:
        key = path.stem.casefold()  # a case-insensitive file system would mix up `A` and `a` pages
        if key in first_path:
            reason = f"duplicate id {path.stem!r}: already read from {first_path[key]}"
            skipped.append(Skipped(str(path), reason))
            continue
        try:
            documents.append(read_document(path, reuse))
        except ValueError as err:
            skipped.append(Skipped(str(path), str(err)))
            continue
        first_path[key] = path
    return documents, skipped


def read_document(path: Path, reuse: Reuse | None = None) -> Document:
    """One seed file as a clean Document; raises ValueError with a human reason when it is not a readable article."""
    path = Path(path)
    raw = _read_bytes(path)
    raw_sha1 = hashlib.sha1(raw).hexdigest()
    known = reuse(path, raw_sha1) if reuse else None
    if known is not None:
        return known
    text = normalise(decode(raw))
    meta, body, warnings = split_front_matter(text)
    if not body.strip():
        raise ValueError("empty file" if not meta else "no article text after the front matter")
    blocks = _blocks(body, markdown=path.suffix.lower() == ".md")
    head = _read_head(blocks)
    if not head.blocks:
        raise ValueError("no article text left once boilerplate is removed")
    doc = Document(id=path.stem, path=str(path), text="", title="", raw_sha1=raw_sha1)
    doc.warnings.extend(warnings)
    _apply_front_matter(doc, meta)
    _apply_head(doc, head)
    _assemble(doc, head.blocks)
    return doc


# --------------------------------------------------------------------------- #
# Files and bytes
# --------------------------------------------------------------------------- #


def _seed_paths(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Seed files under `folder`, sorted, skipping hidden files and folders (symlinked folders are not followed),
    and reporting links to files outside it and the folders that could not be listed."""
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {folder}")
    found: list[Path] = []
    unreadable: list[Skipped] = []

    def report(err: OSError) -> None:
        unreadable.append(Skipped(str(err.filename or folder), f"cannot read folder: {err.strerror or err}"))

    inside = folder.resolve()
    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path.suffix.lower() not in SEED_SUFFIXES or not path.is_file():
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(inside):
                # a link planted among the seeds would publish any file the build can read (~/.ssh, /etc/passwd)
                unreadable.append(Skipped(str(path), "a link to a file outside the seeds folder"))
                continue
            found.append(path)
    return found, unreadable


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise ValueError(f"file too large: {size / 1e6:.1f} MB (the limit is {MAX_SEED_BYTES / 1e6:.0f} MB)")
        return path.read_bytes()
    except PermissionError as err:
        raise ValueError(f"cannot read file: permission denied ({err.strerror or err})") from err
    except IsADirectoryError as err:
        raise ValueError("cannot read file: it is a directory") from err
    except OSError as err:
        raise ValueError(f"cannot read file: {err.strerror or err}") from err


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_TEXTUAL = re.compile(r"[\w\s.,;:!?'\"’‘“”()\[\]\-–—/&%$€£#@*+=<>{}|~^`\\]")


def decode(raw: bytes) -> str:
    """Bytes to text: BOM, then strict UTF-8, then charset-normalizer; ValueError for empty or binary data."""
    if not raw.strip(b" \t\r\n\x0b\x0c"):
        raise ValueError("empty file")
    text = _decode_bytes(raw)
    if not text.strip():
        raise ValueError("empty file")
    if _looks_binary(text):
        raise ValueError("looks binary, not text")
    return text


def _decode_bytes(raw: bytes) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as err:
                raise ValueError(f"looks binary, not text (bad {encoding} after its byte-order mark)") from err
    if b"\x00" not in raw:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if _mostly_utf8(raw):  # UTF-8 with a stray byte or two: keep the UTF-8, read the strays as Windows-1252
            return raw.decode("utf-8", errors=_STRAY_BYTES_AS_CP1252)
    if _mostly_ascii(raw):
        try:  # English with a few accents or curly quotes: Windows-1252 (a superset of Latin-1's letters)
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise ValueError("looks binary, not text")
    text = str(best)
    sample = text[:20_000]
    if len(_TEXTUAL.findall(sample)) < MIN_TEXT_SHARE * len(sample):  # any bytes decode as *some* 8-bit text
        raise ValueError("looks binary, not text")
    return text


def _stray_bytes_as_cp1252(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


_STRAY_BYTES_AS_CP1252 = "briefing-stray-bytes-as-cp1252"
codecs.register_error(_STRAY_BYTES_AS_CP1252, _stray_bytes_as_cp1252)


def _mostly_utf8(raw: bytes) -> bool:
    """More valid UTF-8 multi-byte characters than invalid bytes: a UTF-8 file with a few foreign bytes in it."""
    text = raw.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    return len(text) - len(text.encode("ascii", errors="ignore")) - invalid > invalid


def _mostly_ascii(raw: bytes) -> bool:
    """Few bytes above 127 and no NULs: detectors guess badly on so little evidence, Windows-1252 is the safe bet."""
    if b"\x00" in raw:
        return False
    high = len(raw) - len(raw.translate(None, bytes(range(128, 256))))
    return high <= MAX_LEGACY_HIGH_SHARE * len(raw)


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    return len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample)


# One pass of str.translate: zero-width, soft hyphen and control characters go, odd spaces become a plain space,
# any other line break a newline (CRLF is folded first).
_CHARACTER_MAP = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None),
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0)], None),
    **dict.fromkeys(map(ord, "\t\u00a0\u1680\u202f\u205f\u3000"), " "),
    **dict.fromkeys(range(0x2000, 0x200B), " "),
    **dict.fromkeys(map(ord, "\r\u2028\u2029\x0b\x0c\x85"), "\n"),
}
_SPACE_RUNS = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """NFC, LF line ends, one plain space for any run of blanks, no zero-width or control characters."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").translate(_CHARACTER_MAP)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    return "\n".join(line.strip(" ") for line in text.split("\n"))


# --------------------------------------------------------------------------- #
# Front matter
# --------------------------------------------------------------------------- #

_FRONT_MATTER = re.compile(r"\A\n*---[ ]*\n(.*?)\n(?:---|\.\.\.)[ ]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*?))?\s*$")


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that leaves dates as text: `date: 2025-13-45` must warn, not raise inside the loader."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _FrontMatterLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """(metadata, body, warnings). Invalid YAML is reported and ignored, never fatal."""
    match = _FRONT_MATTER.match(text)
    if not match or not _FRONT_MATTER_LINE.match(match.group(1).lstrip("\n").split("\n", 1)[0]):
        return {}, text, []  # no block, or prose between two rules: it is text
    body = text[match.end() :]
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        salvaged = _front_matter_lines(match.group(1))
        what = "simple `key: value` lines kept" if salvaged else "header inferred from the text"
        return salvaged, body, [f"front matter is not valid YAML{line}; {what}"]
    if meta is None:
        return {}, body, []
    if not isinstance(meta, dict):  # prose between two rules, not metadata: keep it as text
        return {}, text, ["front matter is not a mapping of keys to values; read as text"]
    return {str(k).strip().lower(): v for k, v in meta.items()}, body, []


def _front_matter_lines(block: str) -> dict:
    """The known keys of broken front matter read one line at a time: `title: 'Georgia\\'s deeds'` still counts."""
    meta: dict = {}
    for line in block.split("\n"):
        match = _FRONT_MATTER_LINE.match(line)
        if not match or match.group(1).lower() not in FRONT_MATTER_KEYS:
            continue
        value = match.group(2) or ""
        try:
            meta[match.group(1).lower()] = yaml.load(value, Loader=_FrontMatterLoader)  # noqa: S506
        except yaml.YAMLError:  # keep only a quoted string with a stray escape; anything else is lost
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                meta[match.group(1).lower()] = value[1:-1].replace("\\" + value[0], value[0])
    return meta


def _apply_front_matter(doc: Document, meta: dict) -> None:
    for key in ("title", "source", "url", "briefing"):
        if meta.get(key) is None:
            continue
        value = meta[key]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            value = " ".join(str(value).split())
            value = _headline(value) if key == "title" else value
            if key == "title" and not is_headline(value):
                doc.warnings.append(f"front matter title {value!r} is not a headline; title taken from the text")
                continue
            setattr(doc, key, value)
        else:
            doc.warnings.append(f"front matter {key!r} should be text, got {type(value).__name__}; ignored")
    if meta.get("date") is not None:
        published = _front_matter_date(meta["date"])
        if published is None:
            doc.warnings.append(f"front matter date {meta['date']!r} is not a date; date inferred from the text")
        else:
            doc.published, doc.published_basis = published, "front-matter"


def _front_matter_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.search(r"\d", value):
        return None
    return _date_in(value) or _full_date(value)


def _full_date(value: str) -> dt.date | None:
    """dateutil's reading of `value` when it gives year, month and day (two defaults must agree)."""
    try:
        readings = {
            dateutil.parser.parse(value, dayfirst=_dates().day_first, default=default).date()
            for default in (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))
        }
    except (ValueError, OverflowError):
        return None
    if len(readings) != 1:
        return None
    (date,) = readings
    low, high = _dates().years
    return date if low <= date.year <= high else None


# --------------------------------------------------------------------------- #
# Paragraph blocks: plain text, Markdown, HTML
# --------------------------------------------------------------------------- #


@dataclass
class _Block:
    text: str
    heading: bool = False  # marked as a heading by the markup (Markdown `#`, HTML <h1>..<h6>)
    more: list[str] = field(default_factory=list)  # paragraphs that continue its sentence, joined once at the end

    @property
    def last(self) -> str:
        return self.more[-1] if self.more else self.text


def _blocks(body: str, markdown: bool) -> list[_Block]:
    if _looks_like_html(body):
        return _html_blocks(body)
    if markdown:
        return _markdown_blocks(body)
    return [_Block(t) for t in _unwrap_paragraphs(body.split("\n"))]


_LOWER_START = re.compile(r"^[\"'“‘(]?[a-z]")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_WRAP_MAX_WIDTH = 100  # hard-wrapped text is rarely wider than this


def _unwrap_paragraphs(lines: list[str]) -> list[str]:
    """Lines grouped by blank lines into paragraphs. Inside a group, each line is its own paragraph unless the group
    looks hard-wrapped, or the next line continues a sentence (starts in lower case after no full stop)."""
    paragraphs: list[str] = []
    group: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            group.append(line.strip())
            continue
        paragraphs.extend(_join_wrapped(group, opens_text=not paragraphs))
        group = []
    return paragraphs


def _join_wrapped(lines: list[str], opens_text: bool = False) -> list[str]:
    """Paragraphs of one group of lines: hard-wrapped prose is joined, other lines stay apart. The text's first line
    joins the next only in wrapped prose: alone it may be the title ("Apple sales slump" over "iPhone sales ...")."""
    if len(lines) < 2:
        return lines
    continues = [
        not _SENTENCE_END.search(a) and bool(_LOWER_START.match(b)) for a, b in zip(lines, lines[1:], strict=False)
    ]
    wrapped = max(map(len, lines)) <= _WRAP_MAX_WIDTH and len(lines) >= 3 and sum(continues) * 2 >= len(continues)
    if opens_text and not wrapped:
        continues[0] = False
    paragraphs: list[list[str]] = [[lines[0]]]  # lists of lines, joined once at the end (no quadratic concatenation)
    for previous, line, joined in zip(lines, lines[1:], continues, strict=False):
        if joined or (wrapped and not _SENTENCE_END.search(previous) and len(previous) >= 30):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [" ".join(parts) for parts in paragraphs]


# --- Markdown

_MD_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_MD_URL = r"\((?:[^()]|\([^()]*\))*\)"  # a link's (url "title"), one level of brackets inside: /wiki/Foo_(bar)
_MD_INLINE = (
    (re.compile(rf"!\[[^\]]*\]{_MD_URL}|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images
    (re.compile(rf"\[([^\]]+)\]{_MD_URL}"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <https://autolink>
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # backslash escapes
)


def _markdown_inline(line: str) -> str:
    for pattern, replacement in _MD_INLINE:
        line = pattern.sub(replacement, line)
    return line.strip()


def _markdown_blocks(body: str) -> list[_Block]:
    """Markdown reduced to paragraphs of text: `#` headings stay headings, markup, images and list markers go."""
    blocks: list[_Block] = []
    lines: list[str] = []  # the paragraph being collected

    def flush() -> None:
        blocks.extend(_Block(_markdown_inline(t)) for t in _markdown_paragraphs(lines))
        lines.clear()

    for raw in body.split("\n"):
        if _MD_FENCE.match(raw) or _MD_REFERENCE.match(raw):
            continue
        if _MD_SETEXT.match(raw) and lines:  # `Title` over `=====`: the paragraph above is a heading
            title = _markdown_inline(" ".join(lines))
            lines.clear()
            blocks.append(_Block(title, heading=True))
            continue
        if _MD_RULE.match(raw):
            flush()
            continue
        line = _MD_QUOTE.sub("", raw)
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            blocks.append(_Block(_markdown_inline(heading.group(1)), heading=True))
        elif _MD_LIST.match(line):
            flush()
            lines.append(_MD_LIST.sub("", line, count=1).strip())
            flush()
        elif line.strip():
            lines.append(line.strip())
        else:
            flush()
    flush()
    return [b for b in blocks if b.text]


def _markdown_paragraphs(lines: list[str]) -> list[str]:
    """Markdown joins the lines of a paragraph; a block of long lines is pasted text, one paragraph a line."""
    if len(lines) > 1 and max(map(len, lines[:-1])) <= _WRAP_MAX_WIDTH:
        return [" ".join(lines)]
    return _join_wrapped(lines)


# --- HTML

_HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_HTML_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol article section header footer main table tr td th blockquote pre "
    "title body html head dd dt dl hr figure figcaption aside nav".split()
)
_HTML_SKIP_TAGS = frozenset(
    "script style noscript template svg head nav aside form button select iframe figure".split()
)
_HTML_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_HTML_VOID_TAGS = frozenset("br hr img meta link input area base col embed source track wbr".split())


def _looks_like_html(text: str) -> bool:
    """Mostly HTML markup (a saved page or pasted source), as opposed to prose with a stray <b> in it."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    tags = _HTML_TAG.findall(text)
    block_tags = sum(1 for t in tags if t.lower() in _HTML_BLOCK_TAGS)
    markup = sum(len(m.group(0)) for m in _HTML_TAG.finditer(text)) if block_tags >= 3 else 0
    return block_tags >= 3 and markup >= 0.05 * len(text)


class _HtmlText(HTMLParser):
    """Paragraph and heading text of an HTML page; scripts, styles, navigation and figures are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._parts: list[str] = []
        self._skip_depth = 0
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP_TAGS and tag not in _HTML_VOID_TAGS:
            self._skip_depth += 1
        elif tag in _HTML_BLOCK_TAGS:
            self._flush()
            self._heading = tag in _HTML_HEADING_TAGS

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _HTML_BLOCK_TAGS:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(_Block(text, heading=self._heading))
        self._parts.clear()

    def close(self) -> None:
        super().close()
        self._flush()


def _html_blocks(body: str) -> list[_Block]:
    parser = _HtmlText()
    parser.feed(body)
    parser.close()
    return [_Block(normalise(b.text), b.heading) for b in parser.blocks]


# --------------------------------------------------------------------------- #
# Head and boilerplate
# --------------------------------------------------------------------------- #


@dataclass
class _Head:
    """What the head of the text says, and the paragraphs that are the story."""

    blocks: list[_Block] = field(default_factory=list)
    published: dt.date | None = None
    updated: dt.date | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    dateline_date: tuple[int | None, int, int] | None = None  # (year or None, month, day)


_URL_LINE = re.compile(r"^(?:(?:source|url|link|original(?: article)?)\s*:\s*)?(https?://\S+)$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(?:source|from|via|published by|courtesy(?: of)?)\s*[:\-–—]?\s*(.{2,60})$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}\s*)?(?:[-–]\s*\d{4}\s*)?(.*?)(?:\s*\d{4})?\W*$", re.IGNORECASE
)


def _read_head(blocks: list[_Block]) -> _Head:
    """Sort the paragraphs into story and furniture, reading dates, outlet and url from the furniture."""
    head = _Head()
    links_from: int | None = None  # where the story stood when a "Related" / "Read more" line was met
    for index, block in enumerate(blocks):
        text = block.text.strip()
        kind = _furniture_kind(head, text, index < HEAD_PARAGRAPHS) if text else "empty"
        if kind == "related":
            links_from = len(head.blocks)
        if kind:
            continue
        caption = _caption_text(text)
        if caption is not None:
            if head.blocks and _repeats_caption(head.blocks[-1].text, caption):
                head.blocks.pop()
            continue
        previous = head.blocks[-1] if head.blocks else None
        if previous and previous.last == text:  # pasted twice in a row
            continue
        # a sentence cut by an ad or a stray blank line (never glued to the first paragraph, the title line)
        if previous and len(head.blocks) > 1 and _continues(previous, block, text):
            previous.more.append(text)
            continue
        head.blocks.append(_Block(text, block.heading))
    for joined in (b for b in head.blocks if b.more):
        joined.text, joined.more = " ".join([joined.text, *joined.more]), []
    if links_from is not None and all(_is_link_text(b.text) for b in head.blocks[links_from:]):
        del head.blocks[links_from:]  # the headlines and topic tags listed under "Related" at the end
    _cut_dateline(head)
    return head


def _continues(previous: _Block, block: _Block, text: str) -> bool:
    """The paragraph goes on with the previous one's sentence: no stop before it, lower case after."""
    return (
        not previous.heading
        and not block.heading
        and not _SENTENCE_END.search(previous.last)
        and bool(_LOWER_START.match(text))
    )


def _is_link_text(text: str) -> bool:
    """A headline or a topic tag, as listed under "Related": short, not a sentence of the story."""
    return len(text) <= 200 and len(text.split()) <= 20 and not re.search(r"[.!\"”]$", text)


def _furniture_kind(head: _Head, text: str, in_head: bool) -> str | None:
    """What kind of furniture the paragraph is (None: part of the story); what it tells is kept in `head`."""
    if _read_stamp(head, text):
        return "stamp"
    url = _URL_LINE.match(text)
    if url:
        head.url = head.url or url.group(1)
        return "url"
    if _boilerplate().slug.match(text):
        return "slug"
    if _is_byline(text, head):
        return "byline"
    if in_head and _read_masthead(head, text):
        return "masthead"
    kind = _boilerplate_kind(text)
    if kind == "legal":
        copyright_holder = _COPYRIGHT.match(text)
        if copyright_holder:
            holder = re.split(r"[.,;|]\s", copyright_holder.group(1) + " ", maxsplit=1)[0]  # before "All rights..."
            head.source = head.source or _outlet(holder, known_only=True)
    return kind


def _boilerplate_kind(text: str) -> str | None:
    words = text.count(" ") + 1
    rules = _boilerplate()
    first = rules.any_entry.match(text)
    if first:
        kind, max_words = rules.entries[int(first.lastgroup[1:])]  # type: ignore[index]
        if words <= max_words:
            return kind
    for max_words, pattern in rules.by_length if first else ():  # matched, but too long: try the other entries
        match = pattern.match(text) if words <= max_words else None
        if match:
            return match.lastgroup
    lower = text.lower()
    for needs, max_words, kind, pattern in rules.keyed:
        if words <= max_words and needs in lower and pattern.search(text):
            return kind
    return None


def _caption_text(text: str) -> str | None:
    """The caption without its credit when the paragraph is a credited image caption, else None."""
    if text.count(" ") > 60 or text[-1] in '.!?"”’':  # a credit, not a full stop, ends a caption
        return None
    tail = text[-90:]
    if text[-1] not in ")]" and ":" not in tail and ". " not in tail:  # no credit can match: skip the regexes
        return None
    rules = _boilerplate()
    offset = max(0, len(text) - 160)  # a credit closes the caption: only its tail needs searching
    match = rules.credit.search(text, offset)
    if match:
        return text[: match.start()].strip()
    match = rules.agency_credit.search(text, offset)
    if match and text.count(" ") < rules.agency_caption_max_words and not _INNER_STOP.search(text[: match.start()]):
        return text[: match.start()].strip()
    return None


def _repeats_caption(previous: str, caption: str) -> bool:
    """A caption pasted twice: once bare, once with its credit."""
    a, b = previous.strip().rstrip(".").casefold(), caption.strip().rstrip(".").casefold()
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) and len(shorter) >= 0.6 * len(longer)


def _read_masthead(head: _Head, text: str) -> bool:
    """An outlet name alone on a line, or `Source: Reuters`, near the top."""
    if len(text) > 80:
        return False
    name = _outlet(text.rstrip(" .:|"), known_only=True)
    if name is None and len(text.split()) <= 6:  # "BBC News, Moscow", "Reuters | London"
        name = _outlet(re.split(r"\s*[,|]\s*|\s+[-–—]\s+", text, maxsplit=1)[0], known_only=True)
    if name is None:
        line = _SOURCE_LINE.match(text)
        name = _outlet(line.group(1).rstrip(" ."), known_only=not text.lower().startswith("source")) if line else None
    if name is None:
        return False
    head.source = head.source or name
    return True


def _outlet(name: str, known_only: bool = False) -> str | None:
    name = " ".join(name.split()).strip(" ,.;:|-–—")
    canonical = _outlets().get(name.casefold())
    if canonical or known_only:
        return canonical
    return name or None


def _outlet_of_url(url: str | None) -> str | None:
    """The outlet whose site the url is on, when the outlet list knows the domain (`theguardian.com`)."""
    match = re.match(r"https?://(?:www\.|amp\.|m\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    if not match:
        return None
    parts = match.group(1).lower().split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]  # news.bbc.co.uk, bbc.co.uk, co.uk
    return next((_outlets()[c] for c in candidates if c in _outlets()), None)


def _is_byline(text: str, head: _Head) -> bool:
    """`By Jane Doe`, `by Xinhua writer Tian Sulei`, `By Jane Doe, Reuters`: a byline, never a sentence."""
    rules = _headers()
    if len(text) > 200 or text[:3].lower() != "by ":
        return False
    words = text.split()
    if len(words) < 2 or len(words) > rules.byline_max_words or text[-1] in ".!?;:":
        return False
    segments = re.split(r"\s*[|,;]\s*|\s+[-–—]\s+", text[3:])
    names = segments[0].split()
    if not names or not names[0][:1].isupper() and names[0].lower() not in rules.byline_words:
        return False
    named = sum(1 for w in names if w[:1].isupper() or w.lower() in rules.byline_words)
    if named < len(names):
        return False
    if len(names) == 1 and _outlet(names[0], known_only=True) is None:  # "by US" ends a headline, names have two
        return False
    for segment in segments[1:]:
        head.source = head.source or _outlet(segment, known_only=True)
    _record_stamp_dates(head, text)  # "By Jane Doe | March 3, 2024"
    return True


# --- Dates


_SEGMENTS = re.compile(r"\s+[|/·•]\s+|\s*\|\s*")


def _read_stamp(head: _Head, text: str) -> bool:
    """True for a date/time stamp line; its publication (or update) date goes to `head`."""
    if len(text) > 160 or not (_dates().token.match(text) or any(c in text for c in "|/·•")):  # quick no for prose
        return False
    stamps = _stamp_parts(_dates().glued.sub(" ", text))
    for stamp in stamps or ():
        _record_stamp_dates(head, stamp)
    return stamps is not None


def _stamp_parts(text: str) -> list[str] | None:
    """The stamp(s) of a stamp line: the whole line, or its stamp segments when the rest only names the author or
    desk ("TOI News Desk / Updated: Oct 28, 2025"). None when the line is not a stamp line."""
    if _is_stamp(text):
        return [text]
    parts = _SEGMENTS.split(text)
    if len(parts) < 2:
        return None
    stamps = [p for p in parts if _is_stamp(p)]
    if stamps and all(p in stamps or _is_name_like(p) for p in parts):
        return stamps
    return None


def _is_stamp(text: str) -> bool:
    without_relative, relative = _dates().relative.subn(" ", text)
    return _stamp_tokens(without_relative, undated_ok=relative > 0) is not None


def _is_name_like(text: str) -> bool:
    """A short run of capitalised words: an author, a desk, an outlet."""
    words = text.split() if len(text) <= 80 else []
    return 0 < len(words) <= 6 and not re.search(r"[.!?]$|\d", text) and all(w[:1].isupper() for w in words)


def _record_stamp_dates(head: _Head, text: str) -> None:
    vocab = _dates()
    updated = vocab.updated_label.search(text)
    published_part, updated_part = (text[: updated.start()], text[updated.end() :]) if updated else (text, "")
    published = _date_in(published_part)
    if published and not head.published:
        head.published = published
    later = _date_in(updated_part)
    if later and not head.updated:
        head.updated = later


def _stamp_tokens(text: str, undated_ok: bool = False) -> set[str] | None:
    """The kinds of tokens of `text` when it is made only of date/time tokens and says a date or a time
    (or, with `undated_ok`, says nothing else)."""
    vocab = _dates()
    kinds: set[str] = set()
    pos, end = 0, len(text)
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        match = vocab.token.match(text, pos)
        if not match or match.end() == pos:
            return None
        kinds.add(match.lastgroup or "")
        pos = match.end()
    says_date = kinds & {"iso", "numeric", "time", "weekday"} or {"month", "day"} <= kinds
    return kinds if says_date or undated_ok else None


def _date_in(text: str) -> dt.date | None:
    """The first full date (with a year) written in `text`."""
    vocab = _dates()
    found: list[tuple[int, dt.date]] = []
    iso = vocab.iso.search(text)
    if iso:
        found.append((iso.start(), _safe_date(*map(int, iso.groups()))))
    numeric = vocab.numeric.search(text)
    if numeric:
        found.append((numeric.start(), _numeric_date(*numeric.groups())))
    for match in vocab.month_day.finditer(text):
        year, month, day = _month_day_parts(match)
        if year is not None:
            found.append((match.start(), _safe_date(year, month, day)))
            break
    dates = [(pos, date) for pos, date in found if date is not None]
    return min(dates, key=lambda item: item[0])[1] if dates else None


def _month_day_parts(match: re.Match[str]) -> tuple[int | None, int, int]:
    months = _dates().months
    month = months[(match.group("m1") or match.group("m2")).lower()]
    day = int(match.group("d1") or match.group("d2"))
    year = match.group("y1") or match.group("y2")
    return (int(year) if year else None), month, day


def _numeric_date(a: str, b: str, c: str) -> dt.date | None:
    if len(a) == 4:
        return _safe_date(int(a), int(b), int(c))
    year = int(c) if len(c) == 4 else 2000 + int(c) if int(c) < 70 else 1900 + int(c)
    first, second = int(a), int(b)
    if first > 12 or (_dates().day_first and second <= 12):
        return _safe_date(year, second, first)
    return _safe_date(year, first, second)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    low, high = _dates().years
    if not low <= year <= high:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- Dateline


def _cut_dateline(head: _Head) -> None:
    """Cut `MOSCOW, Oct. 27 (Reuters) -` from the lead: the first body paragraphs after the title."""
    rules = _headers()
    leads = [b for b in head.blocks[:3] if not b.heading and not _is_title_line(b.text)]
    for rank, block in enumerate(leads):
        match = rules.dateline.match(block.text)
        if not match or len(match.group("place").replace(" ", "")) < 3 or match.group("place") in rules.not_places:
            continue
        if rank > 0 and match.group(0).rstrip().endswith(":"):  # `GEOGRAPHY: ...` in a factbox is no dateline
            continue
        date = match.group("date")
        head.dateline = match.group("place") + (f", {date}" if date else "")
        if date:
            parts = _month_day_parts(_dates().month_day.search(date))  # type: ignore[arg-type]
            head.dateline_date = parts
        if match.group("credit"):
            head.source = head.source or _outlet(match.group("credit"))
        block.text = block.text[match.end() :]
        return


# --------------------------------------------------------------------------- #
# Document fields from the head, title, headings, text
# --------------------------------------------------------------------------- #


def _apply_head(doc: Document, head: _Head) -> None:
    doc.dateline = head.dateline
    doc.url = doc.url or head.url
    doc.source = doc.source or head.source or _outlet_of_url(doc.url)
    if doc.published is not None:
        return
    published = head.published or _dateline_date(head) or head.updated
    if published is not None:
        doc.published, doc.published_basis = published, "header"


def _dateline_date(head: _Head) -> dt.date | None:
    """The dateline's date; without a year it takes the year of a header date, if any."""
    if head.dateline_date is None:
        return None
    year, month, day = head.dateline_date
    if year is not None:
        return _safe_date(year, month, day)
    reference = head.published or head.updated
    if reference is None:
        return None
    date = _safe_date(reference.year, month, day)
    if date is not None and date > reference + dt.timedelta(days=1):  # a December dateline in a January header
        date = _safe_date(reference.year - 1, month, day)
    return date


def _assemble(doc: Document, blocks: list[_Block]) -> None:
    """Join the paragraphs with one blank line, choose the title and record heading spans."""
    title_index = _title_index(doc, blocks)
    blocks = _without_name_lines(blocks, 0 if title_index is None else title_index + 1)
    texts = [b.text for b in blocks]
    if not doc.title:
        headline = _headline(texts[title_index]) if title_index is not None else ""
        if is_headline(headline):
            doc.title = headline
        else:  # no title line, or a slug standing in for one ("bilateral ties", "= (PICTURE) ="): the lead says it
            lead = title_index + 1 if title_index is not None and title_index + 1 < len(texts) else 0
            doc.title = _title_from_sentence(texts[lead])
    pos = 0
    for i, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        is_heading = i == title_index or block.heading or (i + 1 < len(blocks) and _is_heading(text))
        if is_heading:
            doc.headings.append((pos, pos + len(text)))
        pos += len(text) + 2
    doc.text = "\n\n".join(texts)


_TRAILING_BYLINE = re.compile(r"(?P<before>\S+) by (?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)? ?){2,3}$")


def is_headline(title: str) -> bool:
    """Whether a title can name an article: not an editor's note ("ATTENTION - ADDS quotes ///"), a picture flag
    or a lower-case fragment."""
    return not _headers().not_a_headline.search(title)


def _headline(line: str) -> str:
    """A title line without the wire flag before it or the byline after it; the line itself stays in the text."""
    rules = _headers()
    title = rules.title_flag.sub("", line, count=1) or line
    byline = _TRAILING_BYLINE.search(title)
    if byline and " " in title[: byline.start()]:
        before = byline["before"].lower()
        if not before.endswith(("ed", "en")) and before not in rules.passive_before_by:
            title = title[: byline.start("before") + len(byline["before"])]
    return title.strip() or line


def _title_index(doc: Document, blocks: list[_Block]) -> int | None:
    """0 when the first paragraph is the title line (or repeats the front-matter title), else None."""
    first = blocks[0].text
    if doc.title:
        same = len(first) <= 2 * len(doc.title) + 20 and _comparable(first) == _comparable(doc.title)
        return 0 if same else None
    if blocks[0].heading:
        return 0
    if len(blocks) > 1 and _is_title_line(first):
        return 1 if _is_kicker(first, blocks[1].text) and len(blocks) > 2 else 0
    return None


def _is_kicker(first: str, second: str) -> bool:
    """A section or topic label above the headline ("North Korea" over "Putin welcomes Kim's envoy...")."""
    words = first.split()
    return (
        len(words) <= 3
        and _is_title_case(words)
        and _is_title_line(second)
        and not second.endswith(".")
        and len(second.split()) > 2 * len(words)
    )


_NAME_LINE = re.compile(
    r"^(?:By )?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}(?:,? (?:and|&) [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})*"
    r"(?:,? in [A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)?)?$"
)


def _without_name_lines(blocks: list[_Block], start: int) -> list[_Block]:
    """Drop author lines without "By" ("Jane Doe in Seoul") between the title and the first story paragraph."""
    end, limit = start, min(len(blocks), start + HEAD_PARAGRAPHS)
    while end < limit and (_is_heading(blocks[end].text) or _is_title_line(blocks[end].text)):
        end += 1
    if end >= limit:  # no story paragraph soon after them: these are not a head
        return blocks
    names = {i for i in range(start, end) if not blocks[i].heading and _NAME_LINE.match(blocks[i].text)}
    return [b for i, b in enumerate(blocks) if i not in names] if names else blocks


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.casefold()).split())


def _is_title_line(text: str) -> bool:
    rules = _headers()
    if len(text) > rules.title_max_chars:
        return False
    words = text.split()
    if len(words) > rules.title_max_words or not re.search(r"[^\W\d_]", text):
        return False
    if text.endswith(("...", "…")):
        return True
    if text.endswith(":"):  # introduces a list or a quote
        return False
    if re.search(r"[,;]$|\.[\"”’')]*$", text) and not _ends_with_abbreviation(words[-1]):
        return _is_title_case(words)
    return True


def _ends_with_abbreviation(word: str) -> bool:
    """`U.S.` or `Inc.` closing a headline: the dot belongs to the word, it is no full stop."""
    bare = word.rstrip(".").lower()
    return word.endswith(".") and ("." in bare or bare in _headers().abbreviations)


def _is_title_case(words: list[str]) -> bool:
    small = _headers().small_words
    content = [w for w in words if w.lower().strip("\"'“”‘’(),.:") not in small]
    capitalised = sum(1 for w in content if w.lstrip("\"'“‘(")[:1].isupper())
    return bool(content) and capitalised >= 0.8 * len(content)


def _is_heading(text: str) -> bool:
    """A short paragraph without terminal punctuation, or a short question, that opens a section."""
    rules = _headers()
    if len(text) > rules.heading_max_chars:
        return False
    words = text.split()
    if len(words) > rules.heading_max_words:
        return False
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if sum(map(str.isdigit, text)) > 0.5 * len(text) or not _TWO_LETTERS.search(text):
        return False
    if text.endswith("?"):  # "What Happens Next?", "Who is Choe Son-hui?"; not "Why?" or "Come again?"
        short = 2 <= len(words) <= rules.question_max_words
        return short and _is_title_case(words) and not _INNER_STOP.search(text) and not _QA_LABEL.match(text)
    return text[-1] not in _HEADING_NEVER_ENDS


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_INNER_STOP = re.compile(r"[.!?]\s")
_HEADING_NEVER_ENDS = frozenset(".!:;,\"'”’)]")
_QA_LABEL = re.compile(r"^(?:Q|A|Q\d+|[A-Z][A-Z .'-]{1,30}):")  # interview turns: "Q: ...", "KATE BOLDUAN: ..."


_SENTENCE_STOP = re.compile(r"([.!?][\"”’')\]]*)\s+[\"“‘(]?(\w)")
_FIRST_SENTENCE_WINDOW = 1000  # a title needs only the opening; never scan a whole giant paragraph


def _first_sentence(text: str) -> str:
    """The paragraph's first sentence: up to a stop followed by a capital, not after an abbreviation or initial."""
    rules = _headers()
    text = text[:_FIRST_SENTENCE_WINDOW]
    for match in _SENTENCE_STOP.finditer(text):
        if not (match.group(2).isupper() or match.group(2).isdigit()):
            continue
        stop = match.start()
        words = text[max(0, stop - 30) : stop].split()
        bare = words[-1].lstrip("\"'“‘(").lower() if words else ""
        if text[stop] == "." and (bare in rules.abbreviations or "." in bare or len(bare) == 1):
            continue
        if text[stop] == "." and bare in rules.number_abbreviations and match.group(2).isdigit():
            continue
        return text[: match.end(1)]
    return text


def _title_from_sentence(text: str) -> str:
    """The first sentence as a title, cut at a word boundary with an ellipsis when it is long."""
    limit = _headers().inferred_title_max_chars
    sentence = _first_sentence(text).strip()
    if len(sentence) <= limit:
        return re.sub(r"(?<!\.)\.$", "", sentence) if not sentence.endswith("..") else sentence
    cut = sentence[: limit - 1]
    if not sentence[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,;:–—-(\"'“‘") + "…"
