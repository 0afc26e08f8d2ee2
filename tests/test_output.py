"""The writer touches only what the generator owns, and only when content changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output import MANIFEST, load_manifest, write_files


def test_writes_files_and_records_them(tmp_path: Path) -> None:
    report = write_files(tmp_path, {"index.md": "home", "briefings/a/index.md": "a"})
    assert sorted(report.written) == ["briefings/a/index.md", "index.md"]
    assert (tmp_path / "briefings/a/index.md").read_text(encoding="utf-8") == "a"
    assert set(load_manifest(tmp_path)) == {"index.md", "briefings/a/index.md"}


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.md": "home"})
    page = tmp_path / "index.md"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    manifest_mtime = (tmp_path / MANIFEST).stat().st_mtime_ns
    report = write_files(tmp_path, {"index.md": "home"})
    assert report.written == [] and report.unchanged == ["index.md"]
    assert page.stat().st_mtime_ns == 1_000_000_000  # nothing for `mkdocs serve` to react to
    assert (tmp_path / MANIFEST).stat().st_mtime_ns == manifest_mtime


def test_a_page_the_user_wrote_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("mine", encoding="utf-8")
    report = write_files(tmp_path, {"about.md": "generated"})
    assert report.refused == ["about.md"]
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "mine"
    write_files(tmp_path, {})
    assert (tmp_path / "about.md").read_text(encoding="utf-8") == "mine"  # nor deleted


def test_stale_generated_files_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    write_files(tmp_path, {"briefings/old/index.md": "old", "index.md": "home"})
    report = write_files(tmp_path, {"index.md": "home"})
    assert report.removed == ["briefings/old/index.md"]
    assert not (tmp_path / "briefings").exists()
    assert set(load_manifest(tmp_path)) == {"index.md"}


def test_a_generated_page_edited_by_hand_is_kept(tmp_path: Path) -> None:
    write_files(tmp_path, {"index.md": "home", "notes.md": "generated"})
    (tmp_path / "index.md").write_text("my edit", encoding="utf-8")
    report = write_files(tmp_path, {"index.md": "new home"})
    assert report.edited == ["index.md"]
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "my edit"
    assert report.removed == ["notes.md"]


@pytest.mark.parametrize("rel", ["../outside.md", "/etc/passwd", "a/../../outside.md", "a\\..\\x.md", MANIFEST])
def test_never_writes_outside_docs(tmp_path: Path, rel: str) -> None:
    docs = tmp_path / "docs"
    with pytest.raises(ValueError):
        write_files(docs, {rel: "x"})
    assert not (tmp_path / "outside.md").exists()


def test_a_symlink_out_of_docs_is_refused(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    elsewhere.mkdir()
    (docs / "briefings").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError):
        write_files(docs, {"briefings/x.md": "x"})
    assert not any(elsewhere.iterdir())


def test_a_tampered_manifest_cannot_delete_outside_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("keep", encoding="utf-8")
    (docs / MANIFEST).write_text('{"files": ["../victim.md"]}', encoding="utf-8")
    write_files(docs, {})
    assert victim.read_text(encoding="utf-8") == "keep"
