"""The built site in headless Chromium (Debian's, driven by Playwright): search, citations, printing.

Outside CI these tests skip when Chromium or pdftotext is missing; with CI=true they fail instead.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import Build

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SECTIONS = ["Overview", "Timeline", "Key quotes", "Open questions", "Sources"]
HIGHLIGHT = "rgb(255, 243, 160)"  # .sentence:target in briefing.css


def missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing: CI must run the browser tests (see .ci/run)")
    pytest.skip(f"{what} is missing")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site_url(site_build: Build) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 (Material's search needs HTTP, not file://)."""
    handler = functools.partial(QuietHandler, directory=str(site_build.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        missing(str(CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


def briefing_url(site_url: str, seed_briefing_dir: Path) -> str:
    return f"{site_url}briefings/{seed_briefing_dir.name}/"


def test_search_finds_the_briefing(page, site_url: str, seed_briefing_dir: Path) -> None:
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Wonsan", delay=30)  # typed, as Material listens to key events
    results = page.locator(".md-search-result__link")
    results.first.wait_for()
    paths = [urlsplit(results.nth(i).get_attribute("href") or "").path for i in range(results.count())]
    assert f"/briefings/{seed_briefing_dir.name}/" in paths, paths


def test_timeline_citation_lands_on_the_highlighted_sentence(page, site_url: str, seed_briefing_dir: Path) -> None:
    page.goto(briefing_url(site_url, seed_briefing_dir))
    citation = page.locator("h2#timeline ~ ul a.cite").first
    href = citation.get_attribute("href") or ""
    assert re.search(r"#s\d+$", href), href
    citation.click()
    page.wait_for_url(re.compile(r"/sources/.+#s\d+$"))
    target = page.locator(":target")
    target.wait_for()
    assert "sentence" in (target.get_attribute("class") or "")
    assert target.get_attribute("id") == href.rsplit("#", 1)[1]
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    box = target.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, window.innerHeight]; }")
    assert 0 <= box[0] < box[1], "the cited sentence is scrolled into view"
    assert target.inner_text().strip()


def test_printed_briefing_has_sections_in_order_and_no_chrome(
    page, site_url: str, seed_briefing_dir: Path, tmp_path: Path
) -> None:
    if not shutil.which("pdftotext"):
        missing("pdftotext (poppler-utils)")
    page.goto(briefing_url(site_url, seed_briefing_dir))
    pdf = tmp_path / "briefing.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    headings = [line.strip() for line in text.splitlines() if line.strip() in SECTIONS]
    assert [h for i, h in enumerate(headings) if h not in headings[:i]] == SECTIONS, headings
    for chrome in ("Search", "Made with", "Back to top", "Skip to content"):
        assert chrome not in text, f"{chrome!r} printed"
    assert re.search(r"\bS1\b", text), "citations stay identifiable on paper"
    if os.environ.get("BRIEFING_SCREENSHOT"):  # for a human look: BRIEFING_SCREENSHOT=/tmp/shot.png
        page.screenshot(path=os.environ["BRIEFING_SCREENSHOT"], full_page=True)


def test_missing_browser_fails_under_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        missing("/nonexistent/chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        missing("/nonexistent/chromium")
