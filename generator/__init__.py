"""briefing: turn news articles into briefing pages for a static site."""

__version__ = "0.1.0"
