"""Write generated files into docs/, touching only what the generator owns.

A manifest (docs/.briefing-manifest.json) records every file the generator
wrote. A build replaces or removes only files in the manifest, writes a file
only when its content changed (so `mkdocs serve` does not loop), and never
overwrites a page the user wrote.
"""

from __future__ import annotations

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


def load_manifest(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _inside(docs: Path, rel: str) -> Path:
    target = (docs / rel).resolve()
    if not target.is_relative_to(docs.resolve()):
        raise ValueError(f"refusing to write outside {docs}: {rel}")
    return target


def write_files(docs: Path, files: dict[str, str]) -> WriteReport:
    docs.mkdir(parents=True, exist_ok=True)
    owned = load_manifest(docs)
    report = WriteReport()
    for rel, content in sorted(files.items()):
        target = _inside(docs, rel)
        if target.exists() and rel not in owned:
            report.refused.append(rel)
            continue
        data = content.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            report.unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        report.written.append(rel)
    kept = set(files) - set(report.refused)
    for rel in sorted(owned - kept):
        target = _inside(docs, rel)
        if target.is_file():
            target.unlink()
            report.removed.append(rel)
            _prune_empty_dirs(target.parent, docs)
    manifest = json.dumps({"files": sorted(kept)}, indent=1)
    if load_manifest(docs) != kept or not (docs / MANIFEST).exists():
        (docs / MANIFEST).write_text(manifest, encoding="utf-8")
    return report


def _prune_empty_dirs(folder: Path, docs: Path) -> None:
    docs = docs.resolve()
    folder = folder.resolve()
    while folder != docs and folder.is_relative_to(docs) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
