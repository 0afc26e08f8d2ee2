"""Annotation cache: rebuilding after adding one article re-annotates only that article.

A document's annotations depend on its raw bytes, its file name and the code and
resources that annotate it. The cache key hashes all three, so editing a rule
file or upgrading the package invalidates every entry without bookkeeping.
Entries are pickles written by this process into a folder the build owns.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

from generator.model import Document

PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> str:
    """Hash of the package's code and resources: any change invalidates the cache."""
    digest = hashlib.sha1()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".yaml", ".yml", ".txt", ".tsv"}:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class AnnotationCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self._used: set[Path] = set()

    def _path(self, doc: Document) -> Path:
        key = hashlib.sha1(f"{code_fingerprint()}:{doc.id}:{doc.raw_sha1}".encode()).hexdigest()
        path = self.folder / key[:2] / f"{key}.pickle"  # type: ignore[operator]
        self._used.add(path)
        return path

    def load(self, doc: Document) -> Document | None:
        if self.folder is None or not doc.raw_sha1:
            return None
        try:
            with self._path(doc).open("rb") as fh:
                cached = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        if not isinstance(cached, Document) or cached.raw_sha1 != doc.raw_sha1:
            return None
        cached.path = doc.path
        self.hits += 1
        return cached

    def store(self, doc: Document) -> None:
        if self.folder is None or not doc.raw_sha1:
            return
        path = self._path(doc)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Remove entries this build did not use (old code, changed or removed seeds)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.pickle"):
            if path not in self._used:
                path.unlink(missing_ok=True)
