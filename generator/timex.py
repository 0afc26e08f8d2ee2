"""Time expressions (TimeML TIMEX3). Placeholder: explicit 'Month D, YYYY' only."""

from __future__ import annotations

import datetime as dt
import re

from generator.model import Timex

_MONTHS = "January February March April May June July August September October November December".split()
_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2}), (\d{4})\b")


def tag_timexes(text: str, anchor: dt.date | None) -> list[Timex]:
    out = []
    for m in _DATE.finditer(text):
        month = _MONTHS.index(m.group(1)) + 1
        value = f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"
        out.append(Timex(m.start(), m.end(), m.group(0), "DATE", value))
    return out
