"""Ingest: seed files of every shape become clean Documents, or are skipped with a reason."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import ingest
from generator.ingest import read_document, read_seeds
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]

BODY = (
    "Officials met in the capital on Monday to discuss the new trade agreement between the two countries.\n\n"
    "The talks lasted several hours and ended without a joint statement, according to people briefed on them."
)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def read(folder: Path, text: str, name: str = "article.txt") -> ingest.Document:
    return read_document(write(folder, name, text))


def headings(doc: ingest.Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.headings]


# --------------------------------------------------------------------------- #
# Front matter
# --------------------------------------------------------------------------- #


def test_front_matter_sets_the_header(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        "---\ntitle: Trade talks stall\ndate: 2025-10-28\nsource: Reuters\nurl: https://example.com/a\n"
        "briefing: trade-talks\n---\n" + BODY,
    )
    assert doc.title == "Trade talks stall"
    assert doc.published == dt.date(2025, 10, 28) and doc.published_basis == "front-matter"
    assert (doc.source, doc.url, doc.briefing) == ("Reuters", "https://example.com/a", "trade-talks")
    assert doc.text.startswith("Officials met") and "---" not in doc.text
    assert doc.warnings == []


def test_front_matter_date_as_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ndate: 'October 28, 2025'\n---\n" + BODY)
    assert doc.published == dt.date(2025, 10, 28)


def test_invalid_yaml_warns_and_falls_back_to_the_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: [unclosed\ndate: {\n---\nTrade talks stall\n\nFriday, July 11, 2025\n\n" + BODY)
    assert any("not valid YAML" in w for w in doc.warnings)
    assert doc.title == "Trade talks stall"
    assert doc.published == dt.date(2025, 7, 11) and doc.published_basis == "header"


def test_broken_quoting_keeps_the_simple_lines(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: 'Georgia\\'s \"deeds\" matter'\ndate: 2006-11-04\n---\n" + BODY)
    assert doc.warnings and doc.title == 'Georgia\'s "deeds" matter'
    assert doc.published == dt.date(2006, 11, 4)


@pytest.mark.parametrize(
    "front, warning",
    [
        ("date: 2025-13-45", "not a date"),
        ("date: yesterday", "not a date"),
        ("date: 2025", "not a date"),
        ("title: [a, b]", "should be text"),
        ("url: {a: 1}", "should be text"),
        ("briefing: true", "should be text"),
    ],
)
def test_wrong_types_warn_and_fall_back(tmp_path: Path, front: str, warning: str) -> None:
    doc = read(tmp_path, f"---\n{front}\n---\nTrade talks stall\n\nPublished: 3 March 2024\n\n{BODY}")
    assert any(warning in w for w in doc.warnings), doc.warnings
    assert doc.title == "Trade talks stall"
    assert doc.published == dt.date(2024, 3, 3)


@pytest.mark.parametrize("block", ["Just a sentence between rules.", "He said: yes [and] {no}.\nIt was: late"])
def test_prose_between_rules_stays_text(tmp_path: Path, block: str) -> None:
    doc = read(tmp_path, f"---\n{block}\n---\n{BODY}")
    assert block.split("\n")[0] in doc.text and doc.warnings == []


def test_front_matter_that_is_not_a_mapping_warns(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: a\n- b\n---\n" + BODY)
    assert doc.warnings and doc.text.startswith("Officials met")


# --------------------------------------------------------------------------- #
# Header inference: dates, datelines, titles
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "line, date",
    [
        ("11:20, Tue, Oct 28, 2025 Updated: 11:24, Tue, Oct 28, 2025", dt.date(2025, 10, 28)),
        ("Friday, July 11, 2025", dt.date(2025, 7, 11)),
        ("Published: 3 March 2024", dt.date(2024, 3, 3)),
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05T09:30:00Z", dt.date(2024, 3, 5)),
        ("November 7, 2005", dt.date(2005, 11, 7)),
        ("Tue 28 Oct 2025 11.20 GMT", dt.date(2025, 10, 28)),
        ("Posted on 28/10/2025 at 11:20 am", dt.date(2025, 10, 28)),
        ("Published 3 March 2024 | Last updated 5 March 2024", dt.date(2024, 3, 3)),
        ("Updated: 4 March 2024", dt.date(2024, 3, 4)),
    ],
)
def test_header_date_lines(tmp_path: Path, line: str, date: dt.date) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{line}\n\n{BODY}")
    assert doc.published == date and doc.published_basis == "header"
    assert line not in doc.text and "Updated" not in doc.text
    assert doc.text.startswith("Trade talks stall\n\nOfficials met")


def test_an_article_without_a_date_stays_undated(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}")
    assert doc.published is None and doc.published_basis == "unknown"


@pytest.mark.parametrize(
    "stamp", ["11:20 GMT", "Wednesday", "3 hours ago", "Updated 5 mins ago", "an hour ago", "Just now", "Oct 27"]
)
def test_bare_time_stamps_never_reach_the_text(tmp_path: Path, stamp: str) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\n{stamp}\n\nThe next round is planned for spring.")
    assert stamp not in doc.text and "spring" in doc.text


def test_a_month_heading_is_not_a_stamp(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\nMarch 2024\n\nThe next round is planned for spring.")
    assert "March 2024" in headings(doc)


def test_dateline_is_cut_from_the_lead(tmp_path: Path) -> None:
    doc = read(tmp_path, "Trade talks stall\n\nOctober 28, 2025\n\nMOSCOW, Oct. 27 - Officials met on Monday.\n\nMore.")
    assert doc.dateline == "MOSCOW, Oct. 27"
    assert "MOSCOW" not in doc.text and "\n\nOfficials met on Monday." in doc.text
    assert doc.published == dt.date(2025, 10, 28)


def test_dateline_date_takes_its_year_from_the_header(tmp_path: Path) -> None:
    doc = read(tmp_path, "Trade talks stall\n\nUpdated: Oct 28, 2025\n\nMOSCOW, Oct. 27 - Officials met.\n\nMore.")
    assert doc.published == dt.date(2025, 10, 27) and doc.published_basis == "header"


def test_dateline_in_december_read_in_january(tmp_path: Path) -> None:
    doc = read(tmp_path, "Talks\n\nUpdated: Jan 2, 2026\n\nPARIS, Dec. 31 - Officials met.\n\nMore.")
    assert doc.published == dt.date(2025, 12, 31)


def test_dateline_without_a_year_and_no_header_leaves_the_date_unknown(tmp_path: Path) -> None:
    doc = read(tmp_path, "Trade talks stall\n\nMOSCOW, Oct. 27 - Officials met on Monday.\n\nMore.")
    assert doc.dateline == "MOSCOW, Oct. 27" and doc.published is None


@pytest.mark.parametrize(
    "lead, dateline, source",
    [
        ("WASHINGTON (Reuters) - Officials met.", "WASHINGTON", "Reuters"),
        ("RAFAH, Gaza Strip, Nov. 25 (Xinhua) -- Officials met.", "RAFAH, Gaza Strip, Nov. 25", "Xinhua"),
        ("BEIJING, Nov. 25 (Xinhua)--Officials met.", "BEIJING, Nov. 25", "Xinhua"),
        ("KYIV, Ukraine (AP) — Officials met.", "KYIV, Ukraine", "Associated Press"),
    ],
)
def test_dateline_forms_and_credit(tmp_path: Path, lead: str, dateline: str, source: str) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{lead}\n\nMore details followed later.")
    assert doc.dateline == dateline and doc.source == source
    assert "Officials met." in doc.text and "(" not in doc.text


@pytest.mark.parametrize("lead", ["COVID-19 cases rose again.", "U.S.-China talks resumed.", "NATO said it would act."])
def test_no_dateline_in_ordinary_leads(tmp_path: Path, lead: str) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{lead}\n\nMore details followed later.")
    assert doc.dateline is None and lead in doc.text


def test_short_first_line_is_the_title_and_stays_traceable(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Roundup: Trade talks stall as deadline nears\n\n{BODY}")
    assert doc.title == "Roundup: Trade talks stall as deadline nears"
    assert doc.headings[0] == (0, len(doc.title)) and doc.text[: len(doc.title)] == doc.title


def test_headline_in_title_case_with_a_full_stop_is_a_title(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Putin Meets North Korean Minister In Moscow.\n\n{BODY}")
    assert doc.title == "Putin Meets North Korean Minister In Moscow." and doc.headings[0][0] == 0


def test_headline_ending_in_an_abbreviation_is_a_title(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Backgrounder: major warship visits between China, U.S.\n\n{BODY}")
    assert doc.title == "Backgrounder: major warship visits between China, U.S." and doc.headings[0][0] == 0


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("URGENT: Trade talks stall as deadline nears", "Trade talks stall as deadline nears"),
        ("URGENTTrade talks stall as deadline nears", "Trade talks stall as deadline nears"),
        ("UPDATE 2-Trade talks stall as deadline nears", "Trade talks stall as deadline nears"),
        ("Trade talks stall as deadline nears by Jane Doe-Smith", "Trade talks stall as deadline nears"),
        ("Trade plan backed by World Bank", "Trade plan backed by World Bank"),  # a passive, not a byline
        ("Port town hit by Typhoon Nari", "Port town hit by Typhoon Nari"),
        ("Update on the trade talks", "Update on the trade talks"),  # only capitalised flags
        ("2nd Ld-Writethru: Trade talks stall as deadline nears", "Trade talks stall as deadline nears"),
    ],
)
def test_headline_drops_wire_flags_and_a_trailing_byline(tmp_path: Path, line: str, title: str) -> None:
    doc = read(tmp_path, f"{line}\n\n{BODY}")
    assert doc.title == title
    assert title in doc.text  # still a span of the text


@pytest.mark.parametrize("title", ["ATTENTION - ADDS quotes ///", "=(PICTURE)=", "years"])
def test_a_front_matter_title_that_is_no_headline_gives_way_to_the_text(tmp_path: Path, title: str) -> None:
    doc = read(tmp_path, f"---\ntitle: '{title}'\n---\nTrade talks stall as deadline nears\n\n{BODY}")
    assert doc.title == "Trade talks stall as deadline nears"
    assert any("not a headline" in w for w in doc.warnings)


@pytest.mark.parametrize("line", ["bilateral ties", "= (PICTURE) =", "-politics-nuclear, ADDS EU reax ///"])
def test_a_slug_line_above_the_story_is_no_title(tmp_path: Path, line: str) -> None:
    doc = read(tmp_path, f"{line}\n\n{BODY}")
    assert doc.title == BODY.split(".")[0]
    assert headings(doc)[0] == line  # the line stays in the text, as a heading


def test_a_front_matter_title_loses_its_wire_flag(tmp_path: Path) -> None:
    doc = read(tmp_path, f"---\ntitle: 'URGENT: Trade talks stall'\n---\n{BODY}")
    assert doc.title == "Trade talks stall" and not doc.warnings


def test_long_first_paragraph_means_no_title_line(tmp_path: Path) -> None:
    doc = read(tmp_path, BODY.replace("on Monday", "on Monday morning"))
    assert (
        doc.title
        == "Officials met in the capital on Monday morning to discuss the new trade agreement between the two…"
    )
    assert doc.text.startswith(doc.title[:-1]) and not doc.headings


def test_short_first_sentence_is_the_whole_title(tmp_path: Path) -> None:
    doc = read(tmp_path, "Mr. Smith met the U.S. envoy in Paris. They talked for hours and agreed on nothing at all.")
    assert doc.title == "Mr. Smith met the U.S. envoy in Paris"
    assert read(tmp_path, "He said no. Then he left the room and the talks were over.").title == "He said no"
    assert read(tmp_path, "Room No. 5 was empty. Then he left.").title == "Room No. 5 was empty"


def test_outlet_from_copyright_line(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\nCopyright 2025 The Associated Press. All Rights Reserved.")
    assert doc.source == "Associated Press" and doc.text == f"Trade talks stall\n\n{BODY}"


def test_outlet_from_masthead_and_byline(tmp_path: Path) -> None:
    assert read(tmp_path, f"Trade talks stall\n\nBBC News\n\n{BODY}").source == "BBC News"
    doc = read(tmp_path, f"Trade talks stall\n\nBy Jane Doe | Reuters\n\n{BODY}")
    assert doc.source == "Reuters" and "Jane Doe" not in doc.text


@pytest.mark.parametrize(
    "stamp, date",
    [
        ("October 28, 20254:30 PM GMT+1Updated 2 hours ago", dt.date(2025, 10, 28)),
        ("TOI News Desk / Updated: Oct 28, 2025, 11:24 IST", dt.date(2025, 10, 28)),
        ("Updated 11:24 AM EDT, October 28, 2025", dt.date(2025, 10, 28)),
        ("Oct. 28, 2025, 11:20 a.m. ET", dt.date(2025, 10, 28)),
    ],
)
def test_pasted_stamp_variants(tmp_path: Path, stamp: str, date: dt.date) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{stamp}\n\n{BODY}")
    assert doc.published == date and doc.text == f"Trade talks stall\n\n{BODY}"


def test_colon_dateline_only_opens_the_lead(tmp_path: Path) -> None:
    doc = read(tmp_path, "Trade pact signed\n\nNEW DELHI: India and Russia signed a pact.\n\nMore followed.")
    assert doc.dateline == "NEW DELHI" and "\n\nIndia and Russia signed a pact." in doc.text
    factbox = "Candidates for the post:\n\nJOHN SMITH: Leader of the party.\n\nJANE ROE: Former minister."
    doc = read(tmp_path, f"Who could lead\n\nThe party named three candidates on Monday.\n\n{factbox}")
    assert doc.dateline is None and "JOHN SMITH: Leader" in doc.text
    assert read(tmp_path, "Talks\n\nBREAKING: Talks collapsed.\n\nMore.").dateline is None


def test_kicker_above_the_headline_and_author_line(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        "North Korea\nPutin welcomes Kim’s envoy as Moscow and Pyongyang deepen ties\n"
        "Meeting comes amid reports of troop deployments\nJane Doe in Seoul\nTue 28 Oct 2025 11.20 GMT\n"
        "Vladimir Putin has welcomed North Korea’s foreign minister to the Kremlin.\nMore followed.",
    )
    assert doc.title == "Putin welcomes Kim’s envoy as Moscow and Pyongyang deepen ties"
    assert doc.title in headings(doc) and "Jane Doe" not in doc.text
    assert doc.published == dt.date(2025, 10, 28)


def test_related_links_at_the_end_are_dropped(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\nRelated topics\n\nNorth Korea\n\nRussia")
    assert doc.text == f"Trade talks stall\n\n{BODY}"
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\nRead more: Talks fail\n\nThe story goes on here.")
    assert doc.text.endswith("The story goes on here.")


def test_sentence_cut_by_an_advertisement_is_joined(tmp_path: Path) -> None:
    doc = read(
        tmp_path, f"Trade talks stall\n\nThe minister said\n\nAdvertisement\n\nthat talks would go on.\n\n{BODY}"
    )
    assert doc.text == f"Trade talks stall\n\nThe minister said that talks would go on.\n\n{BODY}"


def test_title_is_never_glued_to_a_lower_case_lead(tmp_path: Path) -> None:
    for gap in ("\n", "\n\n"):
        doc = read(tmp_path, f"Apple sales slump{gap}iPhone sales fell sharply in the third quarter, the company said.")
        assert doc.title == "Apple sales slump" and doc.headings == [(0, len("Apple sales slump"))]


def test_byline_with_date(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\nBy Jane Doe | March 3, 2024\n\n{BODY}")
    assert doc.published == dt.date(2024, 3, 3) and "Jane Doe" not in doc.text


def test_paragraph_pasted_twice_in_a_row_is_kept_once(tmp_path: Path) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\nTrade talks stall\n\n{BODY}")
    assert doc.text == f"Trade talks stall\n\n{BODY}"


def test_outlet_from_the_url(tmp_path: Path) -> None:
    doc = read(tmp_path, f"---\nurl: https://www.theguardian.com/world/2025/oct/28/a\n---\nTalks\n\n{BODY}")
    assert doc.source == "The Guardian"


# --------------------------------------------------------------------------- #
# Boilerplate
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "junk",
    [
        "Vladimir Putin met the minister on Monday (Image: Getty)",
        "The minister arrives at the Kremlin. Photo: AFP",
        "The minister arrives at the Kremlin (AFP via Getty Images)",
        "The minister arrives at the Kremlin. AFP via Getty Images",
        "The minister arrives at the Kremlin (Reuters)",
        "The minister arrives at the Kremlin (Alexander Zemlianichenko/AP)",
        "Photo: AFP",
        "Also Read: North Korea to Send Troops to Russia",
        "Read more: Why the talks failed",
        "READ MORE: Why the talks failed",
        "RELATED: Talks fail again",
        "Also read North Korea to send more troops",
        "More from Politics: The week in review",
        "Most popular",
        "RUSSIA-NKOREA-POLITICS-DIPLOMACY",
        "Updated: 11:24, Tue, Oct 28, 2025",
        "Share this article",
        "Share on Facebook",
        "Subscribe to our newsletter for daily updates",
        "Sign up for our free morning briefing",
        "Follow us on Twitter",
        "We use cookies to improve your experience on our site.",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "By Saud Abu Ramadan",
        "by Xinhua writer Tian Sulei",
        "ATTENTION - ADDS quotes, details ///",
        "© 2025 Reuters. All rights reserved.",
        "https://example.com/story",
        "5 min read",
        "* * *",
    ],
)
def test_boilerplate_is_removed(tmp_path: Path, junk: str) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\n{junk}\n\nThe next round is planned for spring.")
    assert junk not in doc.text
    assert doc.text == f"Trade talks stall\n\n{BODY}\n\nThe next round is planned for spring."


def test_caption_repeated_before_its_credited_copy(tmp_path: Path) -> None:
    caption = "Russian President Vladimir Putin and North Korean leader Kim Jong-un"
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\n{caption}\n\n{caption} (Image: Getty)\n\nLast paragraph.")
    assert caption not in doc.text and doc.text.endswith(f"{BODY}\n\nLast paragraph.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices fell 2 percent on Monday.",
        "Comments by the minister drew criticism.",
        "Join the protest today, organisers urged.",
        "By Friday morning, police must charge or release the man.",
        "Follow-up talks are planned for next week.",
        "He posted a photo by the river on Monday.",
        "GDP grew 3 percent (source: IMF) last year, the ministry said.",
        "Copyright law was not discussed at the meeting.",
        "Related talks were held in Geneva last week, officials said.",
        "Recommended doses were exceeded in two regions.",
        "Trending upward, the index rose for a third day.",
        "Share the burden, the minister urged allies.",
        "Latest figures show a rise in exports.",
        "BAN UPHELD The committee refused to ban all athletes. It cited the rules. [Reuters]",
    ],
)
def test_story_sentences_that_look_like_boilerplate_are_kept(tmp_path: Path, sentence: str) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\n{sentence}\n\nThe next round is planned for spring.")
    assert sentence in doc.text


@pytest.mark.parametrize(
    "line",
    ["Why?", "Come again?", "What had they done with the money?", "Q: Have you talked to her?", "The power of 'we.'"],
)
def test_short_questions_and_quotes_in_the_body_are_not_headings(tmp_path: Path, line: str) -> None:
    doc = read(tmp_path, f"Trade talks stall\n\n{BODY}\n\n{line}\n\nThe next round is planned for spring.")
    assert line in doc.text and line not in headings(doc)


def test_section_headings_are_kept_with_their_spans(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        f"Trade talks stall\n{BODY}\nKey Statements and Developments\nThe minister said the talks would go on.\n"
        "What Happens Next?\nBoth sides meet again in March.\nWho is Choe Son-hui?\nShe is the foreign minister.",
    )
    assert headings(doc) == [
        "Trade talks stall",
        "Key Statements and Developments",
        "What Happens Next?",
        "Who is Choe Son-hui?",
    ]
    assert doc.text.count("\n\n") == 8


# --------------------------------------------------------------------------- #
# Text form and encodings
# --------------------------------------------------------------------------- #


def test_text_is_normalised(tmp_path: Path) -> None:
    raw = "Talks\u00a0stall\n\n\n\nThe  minister\tsaid\u200b “no” and it’s final.\x07\n  \nCafe\u0301 owners  agreed.  "
    doc = read(tmp_path, raw)
    assert doc.text == "Talks stall\n\nThe minister said “no” and it’s final.\n\nCafé owners agreed."


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    wrapped = (
        "Officials met in the capital on Monday to discuss\nthe new trade agreement between the two countries\n"
        "and ended without a joint statement.\n\nA second paragraph follows here."
    )
    doc = read(tmp_path, f"Trade talks stall\n\n{wrapped}")
    assert "discuss the new trade agreement between the two countries and ended" in doc.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Café talks stall\n\nThe minister’s reply was “no”, officials said in Zürich on Monday."
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    raw = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # with a byte-order mark, as editors write it
        raw = ("\ufeff" + text).encode(encoding)
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc.text == text and doc.title == "Café talks stall"
    assert doc.raw_sha1 == hashlib.sha1(raw).hexdigest()


def test_utf8_with_a_stray_windows_byte_keeps_its_utf8(tmp_path: Path) -> None:
    raw = "Café talks stall\n\nThe minister’s “no” was final.".encode() + b" It\x92s over."
    (tmp_path / "a.txt").write_bytes(raw)
    assert read_document(tmp_path / "a.txt").text == "Café talks stall\n\nThe minister’s “no” was final. It’s over."


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr(tmp_path: Path, newline: str) -> None:
    doc = read(tmp_path, f"Trade talks stall{newline}{newline}{BODY.replace(chr(10), newline)}")
    assert doc.text == f"Trade talks stall\n\n{BODY}"


# --------------------------------------------------------------------------- #
# Hostile input
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  ", b"\xef\xbb\xbf\n \n", b"\xe2\x80\x8b\n"])
def test_empty_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "empty.txt").write_bytes(content)
    docs, skipped = read_seeds(tmp_path)
    assert docs == [] and [s.reason for s in skipped] == ["empty file"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20,
        bytes((i * 7919) % 256 for i in range(5000)),
        b"\x00" * 100,
    ],
)
def test_binary_files_are_skipped(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "junk.txt").write_bytes(content)
    with pytest.raises(ValueError, match="looks binary, not text"):
        read_document(tmp_path / "junk.txt")


def test_huge_files_are_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_SEED_BYTES", 100)
    path = write(tmp_path, "big.txt", "Trade talks stall\n\n" + BODY)
    with pytest.raises(ValueError, match="too large"):
        read_document(path)


def test_unreadable_files_are_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", BODY)
    write(tmp_path, "ok.txt", BODY)
    real = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    docs, skipped = read_seeds(tmp_path)
    assert [d.id for d in docs] == ["ok"]
    assert skipped[0].path == str(path) and "permission denied" in skipped[0].reason


def test_unreadable_folders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", BODY)
    real_walk = ingest.os.walk

    def walk(top: Path, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror)

    monkeypatch.setattr(ingest.os, "walk", walk)
    docs, skipped = read_seeds(tmp_path)
    assert [d.id for d in docs] == ["a"]
    assert skipped[0].path.endswith("locked") and "cannot read folder" in skipped[0].reason


def test_missing_seeds_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="seeds folder not found"):
        read_seeds(tmp_path / "nope")


def test_html_page_becomes_text(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Ignored</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Trade talks stall</h1><script>var x = '<p>no</p>';</script>"
        "<p>Officials met in the capital on <b>Monday</b> &amp; talked.</p><h2>What next</h2>"
        "<p>Both sides meet again in March.</p></body></html>"
    )
    doc = read(tmp_path, page)
    assert doc.text == "Trade talks stall\n\nOfficials met in the capital on Monday & talked.\n\nWhat next\n\n" + (
        "Both sides meet again in March."
    )
    assert headings(doc) == ["Trade talks stall", "What next"] and doc.title == "Trade talks stall"


def test_stray_tags_and_template_syntax_stay_literal(tmp_path: Path) -> None:
    text = "Trade talks stall\n\nThe <b>minister</b> wrote {{ x }} and {% if y %} in a memo, aides said."
    assert read(tmp_path, text).text == text


def test_markdown_is_reduced_to_text(tmp_path: Path) -> None:
    md = (
        "# Trade talks stall\n\n![map](map.png)\n\nOfficials **met** in the _capital_ on Monday, "
        "[Reuters](https://reuters.com) reported.\n\n## What happens next\n\n- Both sides meet in March.\n"
        "- A deal is *unlikely*.\n\n> \u201cWe will see,\u201d the minister said.\n\nThe variable snake_case_name "
        "stays.\n\n{{ template }} stays too.\n"
    )
    doc = read(tmp_path, md, name="a.md")
    assert doc.text == (
        "Trade talks stall\n\nOfficials met in the capital on Monday, Reuters reported.\n\nWhat happens next\n\n"
        "Both sides meet in March.\n\nA deal is unlikely.\n\n\u201cWe will see,\u201d the minister said.\n\n"
        "The variable snake_case_name stays.\n\n{{ template }} stays too."
    )
    assert headings(doc) == ["Trade talks stall", "What happens next"]


def test_markdown_links_with_brackets_in_the_url_leave_only_their_text(tmp_path: Path) -> None:
    md = (
        'Title\n\nSee [the treaty](https://en.wikipedia.org/wiki/Treaty_(2024) "t") and '
        "[this](javascript:alert(3)) ![map](map_(1).png)now.\n"
    )
    assert read(tmp_path, md, name="a.md").text == "Title\n\nSee the treaty and this now."


def test_markdown_paragraph_lines_are_joined(tmp_path: Path) -> None:
    md = "# Talks\n\nOfficials met on **Monday and\nthey** talked.\nPutin said little.\n\nSecond paragraph."
    assert read(tmp_path, md, name="a.md").text == (
        "Talks\n\nOfficials met on Monday and they talked. Putin said little.\n\nSecond paragraph."
    )
    pasted = f"{BODY.replace(chr(10) * 2, chr(10))}\nKey Points\nBoth sides meet again in March, officials said."
    doc = read(tmp_path, pasted, name="b.md")
    assert "Key Points" in headings(doc) and doc.text.count("\n\n") == 3


def test_markdown_syntax_in_txt_is_left_alone(tmp_path: Path) -> None:
    assert "**bold**" in read(tmp_path, f"Title here\n\nSome **bold** claim was made.\n\n{BODY}").text


def test_only_seed_files_are_read_recursively(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "sub/b.md", BODY)
    write(tmp_path, "notes.docx", BODY)
    write(tmp_path, ".hidden.txt", BODY)
    write(tmp_path, ".git/c.txt", BODY)
    write(tmp_path, "sub/image.png", BODY)
    docs, skipped = read_seeds(tmp_path)
    assert [d.id for d in docs] == ["a", "b"] and skipped == []


def test_duplicate_stems_skip_the_second(tmp_path: Path) -> None:
    write(tmp_path, "a.md", BODY)
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "sub/A.txt", BODY)
    docs, skipped = read_seeds(tmp_path)
    assert [Path(d.path).name for d in docs] == ["a.md"]
    assert len(skipped) == 2 and all("duplicate id" in s.reason for s in skipped)


def test_bad_files_do_not_stop_the_rest_and_nothing_is_written(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02" * 50)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")}
    docs, skipped = read_seeds(tmp_path)
    assert [d.id for d in docs] == ["a"] and [Path(s.path).name for s in skipped] == ["b.txt", "c.txt"]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")} == before


# --------------------------------------------------------------------------- #
# The seeds
# --------------------------------------------------------------------------- #


def _seed(prefix: str) -> ingest.Document:
    (path,) = (ROOT / "seeds").glob(f"{prefix}_*.txt")
    return read_document(path)


def test_seed_004_header_is_read_and_furniture_removed() -> None:
    doc = _seed("004")
    assert doc.published == dt.date(2025, 10, 28) and doc.published_basis == "header"
    assert "RUSSIA-NKOREA-POLITICS-DIPLOMACY" not in doc.text
    assert "(Image: Getty)" not in doc.text and "Updated" not in doc.text and "11:20" not in doc.text
    assert (
        "Russian President Vladimir Putin, Chinese President Xi Jinping and North Korean leader Kim Jong-un\n"
        not in (doc.text)
    )
    assert "Russian President Vladimir Putin met North Korea's Foreign Minister" in doc.text
    assert "\n\n\n" not in doc.text


def test_seed_000_has_no_date_and_keeps_its_headings() -> None:
    doc = _seed("000")
    assert doc.published is None and doc.published_basis == "unknown"
    assert {"Key Statements and Developments", "What Happens Next?"} <= set(headings(doc))
    assert "Also Read" not in doc.text
    assert doc.text.startswith(doc.title) and doc.title.startswith("North Korea and Russia have a long history")


def test_seeds_read_without_skips() -> None:
    docs, skipped = read_seeds(ROOT / "seeds")
    assert len(docs) == 2 and skipped == []
    for doc in docs:
        for start, end in doc.headings:
            assert 0 <= start < end <= len(doc.text) and "\n" not in doc.text[start:end]


# --------------------------------------------------------------------------- #
# Scale: the shared corpus (skipped when it is not there)
# --------------------------------------------------------------------------- #


def test_corpus_sample_reads_cleanly() -> None:
    corpus = SHARED / "corpora" / "news-2452"
    if not corpus.is_dir():
        pytest.skip("shared corpus not available")
    paths = sorted(corpus.glob("*.txt"))[::10]
    docs = [read_document(p) for p in paths]
    assert all(d.published is not None for d in docs)
    assert all(d.text and "\n\n\n" not in d.text and d.title for d in docs)


def test_a_link_to_a_file_outside_the_seeds_folder_is_skipped_and_named(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "key.txt"
    secret.parent.mkdir()
    secret.write_text("Private key\n\nNever publish this.\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "article.txt", "Talks resume\n\nThe minister said on Monday that talks would resume.\n")
    (seeds / "leak.txt").symlink_to(secret)
    (seeds / "alias.txt").symlink_to(seeds / "article.txt")  # a link inside the folder is read as usual
    documents, skipped = read_seeds(seeds)
    assert sorted(d.id for d in documents) == ["alias", "article"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("leak.txt", "a link to a file outside the seeds folder")
    ]
    assert not any("Never publish" in d.text for d in documents)
