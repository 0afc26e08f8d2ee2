"""Shared fixtures: one end-to-end build of the seeds per test session, in a temporary project copy."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__file__).resolve().parents[2] / "shared"

# Seed files that must not stop a build: reported by name with a reason, or rendered inert.
HOSTILE_SEEDS = {
    "zz-binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\xff\xfe\x00\x00" * 40,
    "zz-empty.md": b"",
    "zz-junk.txt": (
        b"Hostile page <script>alert('pwned')</script> about **bold claims** and "
        b"[a link](javascript:alert(1)) with {{ config.site_name }} and {% raw %} inside.\n\n"
        b"# not a heading\n\n"
        b"A table cell | breaker | and `code` and {: .evil #injected } and <img src=x onerror=alert(2)> end.\n"
    ),
}
USER_PAGE = "notes.md"
USER_PAGE_TEXT = "# My notes\n\nWritten by hand; the build must not touch this.\n"


@dataclass
class Build:
    project: Path
    seeds: Path
    docs: Path
    site: Path
    result: subprocess.CompletedProcess
    seeds_before: dict[str, str]
    about_before: bytes


def digest_folder(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run_briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # The subprocess runs the code under test, wherever this checkout is.
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Copy what a build needs into a temporary project, add hostile seeds and a user page, run `briefing build`."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", project / "docs" / "about.md")
    (project / "docs" / USER_PAGE).write_text(USER_PAGE_TEXT, encoding="utf-8")
    for name, data in HOSTILE_SEEDS.items():
        (project / "seeds" / name).write_bytes(data)
    seeds_before = digest_folder(project / "seeds")
    about_before = (project / "docs" / "about.md").read_bytes()
    result = run_briefing("build", "--no-cache", cwd=project)
    if result.returncode != 0:
        pytest.fail(f"briefing build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return Build(project, project / "seeds", project / "docs", project / "site", result, seeds_before, about_before)


@pytest.fixture(scope="session")
def seed_briefing_dir(site_build: Build) -> Path:
    """The docs/ folder of the briefing built from the two seed articles (the one citing them)."""
    seed_ids = {p.stem for p in (ROOT / "seeds").iterdir()}
    for folder in sorted(site_build.docs.glob("briefings/*/")):
        data = (folder / "briefing.json").read_text(encoding="utf-8")
        if any(doc_id in data for doc_id in seed_ids):
            return folder
    pytest.fail("no briefing cites the seed articles")
