"""Render briefings to Markdown pages and JSON with Jinja2 templates.

Rendering never extracts: it only lays out what merge produced. Every string
taken from a seed passes through `escape_md` (the one place escaping happens).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2

from generator.export import briefing_to_dict
from generator.model import Briefing, Document

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:<>])")


def escape_md(text: object) -> str:
    """Make seed text inert in Markdown and HTML: no markup, links or templates survive."""
    if text is None:
        return ""
    escaped = html.escape(str(text), quote=True)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return escaped.replace("\n", " ")


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=False,  # Markdown output: escaping is explicit through the `md` filter
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_md
    return env


def source_page(doc: Document) -> str:
    return f"sources/{doc.id}.md"


def render_site(briefings: list[Briefing], templates: Path) -> dict[str, str]:
    """Map of path (relative to docs/) -> file content."""
    env = environment(templates)
    files: dict[str, str] = {}
    files["index.md"] = env.get_template("home.md.j2").render(briefings=briefings)
    for b in briefings:
        docs = {d.id: d for d in b.documents}
        files[f"briefings/{b.slug}/index.md"] = env.get_template("briefing.md.j2").render(b=b, docs=docs)
        files[f"briefings/{b.slug}/briefing.json"] = json.dumps(briefing_to_dict(b), ensure_ascii=False, indent=1)
        for d in b.documents:
            files[source_page(d)] = env.get_template("source.md.j2").render(d=d, briefing=b)
    return files
