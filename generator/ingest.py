"""Read seed files into clean Documents. Placeholder: UTF-8, front matter, first line as title."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from generator.model import Document, Skipped

SEED_SUFFIXES = {".txt", ".md"}


def read_seeds(folder: Path) -> tuple[list[Document], list[Skipped]]:
    documents, skipped = [], []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SEED_SUFFIXES or not path.is_file():
            continue
        try:
            documents.append(read_document(path))
        except ValueError as err:
            skipped.append(Skipped(str(path), str(err)))
    return documents, skipped


def read_document(path: Path) -> Document:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    meta: dict = {}
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            meta = yaml.safe_load(text[4:end]) or {}
            text = text[end + 4 :].lstrip("\n")
    text = text.strip()
    if not text:
        raise ValueError("empty file")
    published = meta.get("date")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return Document(
        id=path.stem,
        path=str(path),
        text=text,
        title=str(meta.get("title") or text.split("\n", 1)[0][:120]),
        published=published,
        published_basis="front-matter" if published else "unknown",
        source=meta.get("source"),
        url=meta.get("url"),
        briefing=meta.get("briefing"),
        raw_sha1=hashlib.sha1(raw).hexdigest(),
    )
