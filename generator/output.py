"""Write generated files into docs/, touching only what the generator owns.

A manifest (docs/.briefing-manifest.json) records every file the generator
wrote, with a hash of what it wrote. A build:

- writes a file only when its content changed (so `mkdocs serve` does not loop);
- never overwrites or deletes a file it did not write (a page the user wrote),
  nor one the user edited since the generator wrote it;
- removes the files it wrote earlier that the new build no longer produces;
- never writes outside docs/ (paths are checked after resolving symlinks).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".briefing-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # user files we would have overwritten
    edited: list[str] = field(default_factory=list)  # generated files the user changed: kept as they are


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def load_manifest(docs: Path) -> dict[str, str | None]:
    """Path -> hash of the content the generator wrote (None when unknown: an older manifest)."""
    try:
        files = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if isinstance(files, list):
        return {str(rel): None for rel in files}
    if isinstance(files, dict):
        return {str(rel): (str(h) if h else None) for rel, h in files.items()}
    return {}


class _Targets:
    """Where relative paths land in docs/, refusing anything outside it (symlinks resolved). Plain strings
    and one resolution per folder: a build checks tens of thousands of pages in a few hundred folders."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.root = os.path.realpath(docs)
        self._prefix = self.root.rstrip(os.sep) + os.sep
        self._folders: dict[str, str] = {}

    def __call__(self, rel: str) -> str:
        parts = [part for part in rel.split("/") if part not in ("", ".")]
        if rel.startswith("/") or ".." in parts or "\\" in rel or not parts or rel == MANIFEST:
            raise ValueError(f"refusing to write outside {self.docs}: {rel!r}")
        parent = "/".join(parts[:-1])
        folder = self._folders.get(parent)
        if folder is None:
            folder = self._folders[parent] = os.path.realpath(os.path.join(self.docs, parent))
        target = os.path.join(folder, parts[-1])
        if os.path.islink(target):
            target = os.path.realpath(target)
        if target != self.root and not target.startswith(self._prefix):
            raise ValueError(f"refusing to write outside {self.docs}: {rel!r}")
        return target


def _inside(docs: Path, rel: str) -> Path:
    """The target of a relative path, refusing anything that would land outside docs/."""
    return Path(_Targets(docs)(rel))


def _read_file(target: Path | str) -> bytes | None:
    """The content of a regular file (following symlinks); None when there is none."""
    try:
        with open(target, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _edited_by_user(target: Path | str, recorded: str | None, content: bytes | None = None) -> bool:
    """A generated file whose content (read unless given) is no longer what the generator wrote."""
    if recorded is None:
        return False
    content = _read_file(target) if content is None else content
    return content is not None and digest(content) != recorded


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def write_files(docs: Path, files: dict[str, str]) -> WriteReport:
    """Write `files` (path relative to docs/ -> content) and remove what earlier builds wrote and this one did not."""
    docs.mkdir(parents=True, exist_ok=True)
    owned = load_manifest(docs)
    report = WriteReport()
    kept: dict[str, str | None] = {}
    inside = _Targets(docs)
    for rel, content in sorted(files.items()):
        target = inside(rel)
        data = content.encode("utf-8")
        new_hash = digest(data)
        current = _read_file(target)  # read once: for the user-edit check and to skip identical content
        if rel not in owned and (current is not None or os.path.exists(target)):
            report.refused.append(rel)
            continue
        if rel in owned and _edited_by_user(target, owned[rel], current):
            report.edited.append(rel)
            kept[rel] = owned[rel]  # still ours, still protected until the user deletes it
            continue
        kept[rel] = new_hash
        if current == data:
            report.unchanged.append(rel)
            continue
        _write_atomically(Path(target), data)
        report.written.append(rel)
    for rel in sorted(set(owned) - set(files)):
        _remove_stale(docs, rel, owned[rel], report, kept)
    _save_manifest(docs, kept)
    return report


def _remove_stale(docs: Path, rel: str, recorded: str | None, report: WriteReport, kept: dict) -> None:
    try:
        target = _inside(docs, rel)
    except ValueError:
        return  # a tampered manifest entry: never act on it
    if not target.is_file():
        return
    if _edited_by_user(target, recorded):
        report.edited.append(rel)
        kept[rel] = recorded
        return
    target.unlink()
    report.removed.append(rel)
    _prune_empty_dirs(target.parent, docs)


def _save_manifest(docs: Path, files: dict[str, str | None]) -> None:
    data = (json.dumps({"files": dict(sorted(files.items()))}, indent=1) + "\n").encode("utf-8")
    path = docs / MANIFEST
    if not path.is_file() or path.read_bytes() != data:
        _write_atomically(path, data)


def _prune_empty_dirs(folder: Path, docs: Path) -> None:
    docs = docs.resolve()
    folder = folder.resolve()
    while folder != docs and folder.is_relative_to(docs) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
