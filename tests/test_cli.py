"""The `briefing` command: teaching help, clear errors on user mistakes, a summary line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli
from tests.conftest import ROOT, run_briefing


def test_help_teaches_with_examples(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "generate", "serve"):
        assert command in out
    assert "examples:" in out and "briefing build --seeds" in out


@pytest.mark.parametrize("command", ["build", "generate", "serve"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    out = capsys.readouterr().out
    assert "--seeds" in out and "example" in out


def test_missing_seeds_folder_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["generate", "--seeds", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "seeds folder not found: nowhere" in err and "Traceback" not in err
    assert not (tmp_path / "docs").exists()


def test_docs_that_is_a_file_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "docs").write_text("not a folder", encoding="utf-8")
    assert cli.main(["generate"]) == 2
    assert "--docs must be a folder" in capsys.readouterr().err


def test_missing_config_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    assert cli.main(["build"]) == 2
    assert "MkDocs configuration not found" in capsys.readouterr().err


@pytest.mark.parametrize("site", [".", "docs", "stuff"])
def test_refuses_a_site_folder_that_is_not_a_site(site: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "thesis.tex").write_text("precious", encoding="utf-8")
    assert cli.main(["build", "--site", site]) == 2
    assert "--site" in capsys.readouterr().err
    assert (tmp_path / "stuff" / "thesis.tex").read_text(encoding="utf-8") == "precious"


def test_generate_prints_one_summary_line_and_reports_skipped_files(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "blank.txt").write_text("", encoding="utf-8")
    assert cli.main(["generate", "--no-cache", "--quiet"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("2 documents read, 1 skipped (blank.txt: ")
    assert "blank.txt" in captured.err
    assert (tmp_path / "docs" / "index.md").is_file()
    assert not (tmp_path / ".briefing-cache").exists()


def test_generate_keeps_a_build_cache_and_a_rebuild_from_it_changes_nothing(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    assert cli.main(["generate", "--quiet"]) == 0
    first = capsys.readouterr().out.split(" in ")[0]
    kinds = {p.name for p in (tmp_path / ".briefing-cache").iterdir()}
    assert kinds == {"documents", "features", "briefings", "pages"}
    pages = {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    assert cli.main(["generate", "--quiet"]) == 0
    assert capsys.readouterr().out.split(" in ")[0] == first
    assert {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()} == pages


def test_empty_seeds_folder_builds_a_home_page_and_warns(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    assert cli.main(["generate", "--no-cache"]) == 0
    assert "no readable articles" in capsys.readouterr().err
    assert "No briefings yet" in (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")


def test_python_dash_m_generator_runs(tmp_path: Path) -> None:
    result = run_briefing("generate", "--seeds", "missing", cwd=tmp_path)
    assert result.returncode == 2
    assert "seeds folder not found" in result.stderr


def test_seeds_snapshot_sees_added_changed_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    before = cli.seeds_snapshot(tmp_path)
    (tmp_path / "a.txt").write_text("one two", encoding="utf-8")
    changed = cli.seeds_snapshot(tmp_path)
    assert changed != before
    (tmp_path / "b.txt").write_text("new", encoding="utf-8")
    added = cli.seeds_snapshot(tmp_path)
    assert set(added) == {"a.txt", "b.txt"}
    (tmp_path / "a.txt").unlink()
    assert set(cli.seeds_snapshot(tmp_path)) == {"b.txt"}


def test_version(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("briefing ")


def test_build_into_a_nested_new_site_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert cli.main(["build", "--no-cache", "--quiet", "--docs", "pages", "--site", "out/public"]) == 0
    assert (tmp_path / "out" / "public" / "index.html").is_file()
    assert (tmp_path / "out" / "public" / "assets" / "stylesheets" / "briefing.css").is_file()
    assert capsys.readouterr().out.strip().endswith("site in out/public/")
