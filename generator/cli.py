"""The `briefing` command: build, generate, serve."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from generator import pipeline


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total >= 20:
        print(f"\rannotating {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def cmd_generate(args: argparse.Namespace) -> int:
    report = pipeline.generate(Path(args.seeds), Path(args.docs), progress=_progress)
    for s in report.skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    for rel in report.written.refused:
        print(f"not overwritten (not written by briefing): {Path(args.docs) / rel}", file=sys.stderr)
    print(report.summary())
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    cmd_generate(args)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--clean",
        "-f",
        args.config,
        "-d",
        str(Path(args.site).resolve()),
    ]
    return subprocess.call(command, env=env)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing", description="Turn news articles in seeds/ into a briefing site.")
    sub = p.add_subparsers(dest="command", required=True)
    for name, func, help_ in [
        ("build", cmd_build, "generate the pages, then build the static site with MkDocs"),
        ("generate", cmd_generate, "generate only the Markdown pages and data export"),
    ]:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument("--seeds", default="seeds", help="folder of seed articles (default: seeds)")
        sp.add_argument("--docs", default="docs", help="MkDocs docs folder to write into (default: docs)")
        if name == "build":
            sp.add_argument("--site", default="site", help="output folder of the static site (default: site)")
            sp.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
        sp.set_defaults(func=func)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
