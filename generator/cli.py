"""The `briefing` command: build, generate, serve.

The generator (`generator.pipeline`) is a plain library that writes Markdown into
docs/; only this module talks to MkDocs, through its documented Python API, so
the same docs/ also builds with any MkDocs-compatible tool.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from generator import pipeline

EPILOG = """\
examples:
  briefing build                         seeds/ -> docs/ -> site/ (the defaults)
  briefing build --seeds ~/articles      read the articles from another folder
  briefing generate                      only write the Markdown pages and briefing.json into docs/
  briefing serve                         live preview on http://127.0.0.1:8000, regenerated when a seed changes
  briefing serve --dev-addr 0.0.0.0:8080

Seeds are plain-text or Markdown news articles (.txt, .md), optionally with YAML
front matter (title, date, source, url). Files that cannot be read are skipped
and reported by name; the build goes on. Pages you write yourself in docs/ are
never overwritten.
"""


class UserError(Exception):
    """A problem the user can fix; reported in one line without a traceback."""


# --------------------------------------------------------------------------- #
# Checks and reporting
# --------------------------------------------------------------------------- #


def check_seeds(seeds: Path) -> None:
    if not seeds.exists():
        raise UserError(
            f"seeds folder not found: {seeds} (create it and put .txt or .md articles in it, or use --seeds)"
        )
    if not seeds.is_dir():
        raise UserError(f"--seeds must be a folder of articles, not a file: {seeds}")


def check_docs(docs: Path, seeds: Path) -> None:
    if docs.exists() and not docs.is_dir():
        raise UserError(f"--docs must be a folder: {docs} is a file")
    if docs.resolve() == seeds.resolve():
        raise UserError("--docs and --seeds must be different folders: the build never writes into seeds/")


def check_config(config: Path) -> None:
    if not config.is_file():
        raise UserError(f"MkDocs configuration not found: {config} (run from the project folder, or use --config)")


def check_site(site: Path, docs: Path, seeds: Path, config: Path) -> None:
    """Refuse a site folder whose replacement would destroy something that is not a built site."""
    target = site.resolve()
    protected = {Path.cwd().resolve(), Path.home().resolve(), Path(target.anchor)}
    if target in protected:
        raise UserError(f"--site {site} would replace a folder that is not a built site; choose a new folder")
    for keep in (docs, seeds, config):
        if keep.resolve() == target or keep.resolve().is_relative_to(target):
            raise UserError(f"--site {site} contains {keep}; the site folder is replaced on every build")
    if target.is_dir() and any(target.iterdir()) and not (target / "sitemap.xml").exists():
        if not (target / "index.html").exists():
            raise UserError(f"--site {site} is a non-empty folder that does not look like a built site; refusing")


def progress(done: int, total: int) -> None:
    """Annotation progress on a terminal, for runs long enough to need it."""
    if sys.stderr.isatty() and total >= 20:
        end = "" if done < total else "\n"
        print(f"\rannotating {done}/{total} articles", end=end, file=sys.stderr, flush=True)


def say(args: argparse.Namespace, message: str) -> None:
    if not args.quiet:
        print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- #
# Generating the pages
# --------------------------------------------------------------------------- #


def run_generator(args: argparse.Namespace) -> pipeline.BuildReport:
    seeds, docs = Path(args.seeds), Path(args.docs)
    check_seeds(seeds)
    check_docs(docs, seeds)
    say(args, f"reading articles from {seeds}/, writing pages into {docs}/")
    cache = None if args.no_cache else Path(args.cache)
    report = pipeline.generate(seeds, docs, progress=progress, cache_dir=cache)
    for s in report.skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    for rel in report.written.refused:
        print(f"not overwritten (a page you wrote): {docs / rel}", file=sys.stderr)
    for rel in report.written.edited:
        print(f"not regenerated (edited by hand; delete it to regenerate): {docs / rel}", file=sys.stderr)
    if report.documents == 0:
        print(f"warning: no readable articles in {seeds}/ (.txt or .md files)", file=sys.stderr)
    return report


def cmd_generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    report = run_generator(args)
    print(report.summary(time.perf_counter() - started))
    return 0


# --------------------------------------------------------------------------- #
# MkDocs: the thin publishing part
# --------------------------------------------------------------------------- #


def mkdocs_logging(verbose: bool) -> None:
    """Show MkDocs warnings (broken links...) the way its own command line does."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def mkdocs_build(config: Path, docs: Path, site: Path) -> None:
    """A clean MkDocs build into a fresh folder, then swapped in: a failed build leaves the old site intact."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    staging = Path(tempfile.mkdtemp(prefix="briefing-site-"))
    try:
        cfg = load_config(str(config), docs_dir=str(docs.resolve()), site_dir=str(staging))
        build(cfg, dirty=False)
    except MkDocsException as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserError(f"MkDocs could not build the site: {err}") from err
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if site.exists():
        shutil.rmtree(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(staging), str(site))


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    config, site = Path(args.config), Path(args.site)
    check_config(config)
    check_site(site, Path(args.docs), Path(args.seeds), config)
    report = run_generator(args)
    say(args, f"building the site into {site}/ with MkDocs")
    mkdocs_logging(args.verbose)
    mkdocs_build(config, Path(args.docs), site)
    print(report.summary(time.perf_counter() - started) + f"; site in {site}/")
    return 0


def seeds_snapshot(seeds: Path) -> dict[str, tuple[int, int]]:
    """Name -> (modification time, size) of every file in the seeds folder."""
    snapshot = {}
    for path in seeds.iterdir() if seeds.is_dir() else []:
        try:
            stat = path.stat()
        except OSError:
            continue
        snapshot[path.name] = (stat.st_mtime_ns, stat.st_size)
    return snapshot


def watch_seeds(args: argparse.Namespace, stop: threading.Event) -> None:
    """Regenerate the pages whenever a seed is added, changed or removed; MkDocs reloads on the new pages."""
    seeds = Path(args.seeds)
    seen = seeds_snapshot(seeds)
    while not stop.wait(args.interval):
        now = seeds_snapshot(seeds)
        if now == seen:
            continue
        seen = now
        started = time.perf_counter()
        try:
            report = run_generator(args)
        except Exception as err:  # keep serving: the next change may fix it
            print(f"error while regenerating: {err}", file=sys.stderr)
            continue
        print("seeds changed: " + report.summary(time.perf_counter() - started), file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    config = Path(args.config)
    check_config(config)
    started = time.perf_counter()
    report = run_generator(args)
    print(report.summary(time.perf_counter() - started))
    mkdocs_logging(verbose=True)
    stop = threading.Event()
    threading.Thread(target=watch_seeds, args=(args, stop), daemon=True).start()
    try:
        # A full rebuild on every change (never --dirty): a dirty build leaves a partial search index.
        serve(str(config), livereload=True, docs_dir=str(Path(args.docs).resolve()), dev_addr=args.dev_addr)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0


# --------------------------------------------------------------------------- #
# Command line
# --------------------------------------------------------------------------- #


def package_version() -> str:
    try:
        return importlib.metadata.version("briefing")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seeds", default="seeds", metavar="DIR", help="folder of news articles (default: seeds)")
    p.add_argument("--docs", default="docs", metavar="DIR", help="MkDocs docs folder to write into (default: docs)")
    p.add_argument(
        "--cache",
        default=".briefing-cache",
        metavar="DIR",
        help="build cache, so a rebuild redoes only new or changed articles and the briefings they are in "
        "(default: .briefing-cache)",
    )
    p.add_argument("--no-cache", action="store_true", help="read, annotate, merge and render everything again")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary line and problems")


def add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="MkDocs configuration (default: mkdocs.yml)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="briefing",
        description="Turn news articles into briefing pages (overview, timeline, key quotes, open questions, "
        "sources), every item linked to the sentence it came from, published as a static site with MkDocs.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="generate the pages, then build the static site (the usual command)",
        description="Generate the Markdown pages from the articles, then build the static site with MkDocs.",
        epilog="example:\n  briefing build --seeds seeds --docs docs --site site",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(build)
    add_config(build)
    build.add_argument("--site", default="site", metavar="DIR", help="folder of the built site (default: site)")
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' progress messages")
    build.set_defaults(func=cmd_build)

    generate = sub.add_parser(
        "generate",
        help="only write the Markdown pages and briefing.json into docs/",
        description="Write the Markdown pages and the briefing.json data export into the docs folder, "
        "without building the site (any MkDocs-compatible tool can build it).",
        epilog="example:\n  briefing generate --seeds ~/articles --docs docs",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(generate)
    generate.set_defaults(func=cmd_generate)

    serve = sub.add_parser(
        "serve",
        help="live preview that regenerates when an article is added, changed or removed",
        description="Generate the pages, serve the site with live reload, and regenerate the pages whenever "
        "a file in the seeds folder is added, changed or removed. Stop with Ctrl-C.",
        epilog="example:\n  briefing serve --dev-addr 127.0.0.1:8001",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(serve)
    add_config(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="(default: 127.0.0.1:8000)")
    serve.add_argument("--interval", type=float, default=1.0, help="seconds between checks of the seeds folder")
    serve.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as err:
        print(f"briefing: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
