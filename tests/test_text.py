"""Sentence splitting: the English Golden Rules, news constructions, and the offsets the pipeline relies on."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import time
from pathlib import Path

import pytest
import yaml

from generator import text
from generator.text import sentence_spans, split_sentences
from tests.conftest import SHARED

GOLDEN_RULES = SHARED / "eval" / "golden_rules_en_pysbd48.json"
CORPUS = SHARED / "corpora" / "news-2452"


def _golden_rules() -> list[dict]:
    if not GOLDEN_RULES.exists():
        return []
    return json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))


@pytest.mark.skipif(not GOLDEN_RULES.exists(), reason="shared evaluation data not available")
@pytest.mark.parametrize("rule", _golden_rules(), ids=lambda rule: rule["text"][:40])
def test_golden_rule(rule: dict) -> None:
    assert [s.strip() for s in split_sentences(rule["text"])] == rule["expected"]


def splits(*sentences: str) -> None:
    """The sentences, joined by one space, split back into exactly these sentences."""
    assert split_sentences(" ".join(sentences)) == list(sentences)


# --------------------------------------------------------------------------- #
# Abbreviations
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "sentence",
    [
        "Lt. Gen. Maria Okafor inspected the base on Sept. 3 with Gov. Ray Patel.",
        "Sen. Ana Ruiz and Rep. Tom Birch met Dr. Lee at 10 a.m. on Oct. 14.",
        "Shares of Acme Corp. and Bolt Inc. fell after the U.K. regulator spoke.",
        "The U.S. Treasury and the U.N. agency disagreed about the plan.",
        "Sam Holt Jr. grew up near Mt. Hood and later moved to St. Paul.",
        "The match pitted Ajax vs. Porto in front of a full stadium.",
        "Residents of No. 10 and No. 12 complained to the council.",
        "The report was published by Crane & Co. in the spring.",
        "U.S. Sen. Dana Cole, D-Calif., voted against the bill.",
        "The drill began at 9 a.m. Tuesday and ended at 4 p.m. EST on the same day.",
        "Doors open at 7 p.m. local time.",
        "The ruling in Roe v. Wade was cited, e.g. by the appeals court.",
        "Prices rose about 3 pct. in the period, according to the survey.",
        "MR. SMITH GOES TO TOWN is playing again.",
    ],
)
def test_abbreviation_inside_sentence(sentence: str) -> None:
    assert split_sentences(sentence) == [sentence]


def test_country_abbreviation_ends_sentence_before_function_word() -> None:
    splits("The envoy flew back to the U.S.", "The talks had failed.")
    splits("Trade fell sharply with the U.K.", "However, exports to Asia grew.")
    splits("Few expected a deal in the U.S.", "He said so himself.")


def test_sentence_adverb_after_abbreviation_opens_sentence() -> None:
    splits("The firm moved its office to the U.K.", "Separately, it cut jobs.")


def test_headline_in_title_case_keeps_abbreviation() -> None:
    headline = "Talks Resume With The U.S. And Its Allies"
    assert split_sentences(headline + ". Nothing was agreed.") == [headline + ".", "Nothing was agreed."]


def test_name_with_exclamation_mark() -> None:
    assert len(split_sentences("Shares of Yahoo! Japan rose.")) == 1
    splits("He joined Yahoo!", "The company hired him.")


def test_headline_opening_with_abbreviation() -> None:
    assert split_sentences("U.S. And Canada Sign Border Deal\nThe deal was signed.") == [
        "U.S. And Canada Sign Border Deal",
        "The deal was signed.",
    ]


def test_postscript() -> None:
    assert len(split_sentences("P.S. You can still sign up.")) == 1


def test_born_and_circa_before_year() -> None:
    for sentence in ["The painter (b. 1961) lives in Lagos.", "The wall dates from c. 1200 and still stands."]:
        assert split_sentences(sentence) == [sentence]


def test_country_abbreviation_before_name_continues() -> None:
    assert len(split_sentences("He briefed the U.S. Congress on the strike.")) == 1
    assert len(split_sentences("A U.S. Navy ship docked in the U.S. Virgin Islands.")) == 1


def test_company_suffix_ends_sentence_before_function_word() -> None:
    splits("The contract went to Harbor Tools Inc.", "It was the lowest bid.")
    splits("She left Delta Freight Corp.", "Then she started her own firm.")


def test_time_of_day_ends_sentence_before_capitalised_word() -> None:
    splits("The vote closed at 8 p.m.", "Officials began counting at once.")
    splits("The siren sounded at 6 a.m.", "Police said nobody was hurt.")


def test_time_of_day_after_short_fronted_phrase_continues() -> None:
    splits("At 7 a.m. Mr. Diaz opened the gates.", "He waited.")


def test_month_abbreviation_before_day_continues_and_ends_before_starter() -> None:
    splits("The law takes effect on Jan. 1 next year.", "It was passed in Dec.", "The governor signed it.")


def test_title_never_ends_sentence() -> None:
    assert split_sentences("The award went to Prof. Amal Haddad.") == ["The award went to Prof. Amal Haddad."]
    assert len(split_sentences("Talks with Gen. The Anh Vu resumed.")) == 1


def test_number_prefix_before_word_ends_sentence() -> None:
    splits('"No.', 'We will not resign," she said.')
    assert len(split_sentences("The jet, tail No. XK-204, landed safely.")) == 1


def test_state_abbreviation_after_hyphen() -> None:
    splits("The bill was drafted by Rep. Lena Ortiz, D-Calif.", "The vote is next week.")


# --------------------------------------------------------------------------- #
# Initials, numbers, ellipses
# --------------------------------------------------------------------------- #


def test_initials_continue_the_sentence() -> None:
    for sentence in [
        "The novel by J. R. R. Tolkien sold well.",
        "George W. Bush spoke first.",
        "The author, Mary K. O'Neill, declined to comment.",
    ]:
        assert split_sentences(sentence) == [sentence]


def test_single_letter_before_function_word_ends_sentence() -> None:
    splits("The pair were listed as Plan A and Plan B.", "Neither was chosen.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Inflation reached 3.5% in March.",
        "The deal is worth $1.2 billion, or 0.75 of annual sales.",
        "Version 2.0.1 was released at 10.30 local time.",
        "The score was 2-1 after 90 min. of play.",
    ],
)
def test_numbers_keep_their_periods(sentence: str) -> None:
    assert split_sentences(sentence) == [sentence]


def test_sentence_ending_in_number_then_number() -> None:
    splits("The plant opened in 1997.", "40 people work there now.")


def test_ellipses() -> None:
    splits("We waited and waited...", "Then the bus came.")
    splits("Sales were weaker than hoped...", "Grain prices fell too.")
    splits("We have been talking for months...", "We're close now.")
    splits("The rivals kept attacking each other...", "Voters were tired of it.")
    assert len(split_sentences("The aid was a lifeline for... Moldova, whose farms failed.")) == 1
    assert len(split_sentences("The point is . . . I never agreed.")) == 1
    assert len(split_sentences("He paused … and went on.")) == 1
    splits("She never replied….", "Her lawyer did.")
    assert len(split_sentences('The letter said "we agreed [...] to meet" in May.')) == 1


# --------------------------------------------------------------------------- #
# Quotes and brackets
# --------------------------------------------------------------------------- #


def test_quote_then_attribution_stays_together() -> None:
    for sentence in [
        '"We will rebuild the bridge," he said.',
        '"Will we rebuild it?" she asked.',
        "\u201cThat is not true!\u201d the minister shouted.",
        '"Is this the end?" Okafor asked reporters.',
        '"Why now?" asked Lina Moreau, the union leader.',
    ]:
        assert split_sentences(sentence) == [sentence]


def test_quote_that_ends_sentence() -> None:
    splits('He said "no."', "Then he left the room.")
    splits("\u201cWe are leaving.\u201d", "The crowd cheered.")
    splits('"Is it over?"', "Nobody answered.")


def test_quote_marks_set_off_by_spaces() -> None:
    splits('"Prices are stable. "', "The index rose.")
    splits('"We will stay," she said.', '" Nobody can move us."')
    assert split_sentences('He wants "a fair deal for everyone. "\nTalks resume.') == [
        'He wants "a fair deal for everyone. "',
        "Talks resume.",
    ]


def test_multi_sentence_quotation_is_split() -> None:
    splits('"We came early.', 'We left late," she said.')


def test_parentheses() -> None:
    assert len(split_sentences("The mayor (who was re-elected in May.) spoke first.")) == 1
    splits("The mayor spoke first (as usual).", "Then the council voted.")
    splits("The council voted.", "(The mayor abstained.)", "The motion passed.")


# --------------------------------------------------------------------------- #
# URLs, emails
# --------------------------------------------------------------------------- #


def test_urls_and_emails() -> None:
    splits("Details are at www.city-council.org/budget.", "Comments close Friday.")
    splits("Write to press@harbor.example.org.", "A reply is promised.")
    assert len(split_sentences("See https://example.org/a.b?x=1.5&y=2 for the data.")) == 1


# --------------------------------------------------------------------------- #
# Lines: paragraphs, headings, lists
# --------------------------------------------------------------------------- #


def test_line_break_ends_sentence() -> None:
    assert split_sentences("Storm Hits Coast\nThe storm made landfall at dawn.\nWhy It Matters\nThe port is shut") == [
        "Storm Hits Coast",
        "The storm made landfall at dawn.",
        "Why It Matters",
        "The port is shut",
    ]


def test_blank_line_ends_sentence_even_after_abbreviation() -> None:
    assert split_sentences("He moved to the U.S.\n\nGovernment officials said") == [
        "He moved to the U.S.",
        "Government officials said",
    ]
    assert split_sentences("Rates rose 2 pct\r\n\r\nBanks followed") == ["Rates rose 2 pct", "Banks followed"]


def test_hard_wrapped_line_continues_sentence() -> None:
    assert split_sentences("The council said the\nbudget would pass, and\nthe mayor agreed.") == [
        "The council said the\nbudget would pass, and\nthe mayor agreed."
    ]


def test_list_lines() -> None:
    assert split_sentences("Key points:\n- Rates are unchanged\n- Inflation eased\n1. First step\n2. Second step") == [
        "Key points:",
        "- Rates are unchanged",
        "- Inflation eased",
        "1. First step",
        "2. Second step",
    ]


def test_inline_numbered_list() -> None:
    splits("1) Cut fees", "2) Hire staff", "3) Open early")


def test_numbers_in_prose_are_not_list_items() -> None:
    sentence = "The plan would (1) cut fees and (2) hire staff by 2 p.m. on day 3."
    assert split_sentences(sentence) == [sentence]


def test_bullets_inside_line() -> None:
    assert split_sentences("• Fees cut • Staff hired") == ["• Fees cut", "• Staff hired"]


# --------------------------------------------------------------------------- #
# Offsets
# --------------------------------------------------------------------------- #


def _check_spans(source: str) -> None:
    spans = sentence_spans(source)
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end <= len(source)
        piece = source[start:end]
        assert piece == piece.strip()
        last_end = end
    assert "".join("".join(source[s:e].split()) for s, e in spans) == "".join(source.split())  # nothing lost


def test_spans_cover_text_trimmed_and_in_order() -> None:
    _check_spans("  First one.  Second one?\n\n  Third, with the U.S.  Fourth...   ")
    assert sentence_spans("  Hi there.  Bye. ") == [(2, 11), (13, 17)]


def test_empty_and_blank_text() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(" \n\n\t ") == []
    assert split_sentences("No final stop") == ["No final stop"]


def test_spans_hold_on_random_punctuation_soup() -> None:
    rng = random.Random(7)
    pieces = ["word", "U.S.", "Mr.", "a.m.", "...", ". . .", "?", "!", '"', "'", ")", "(", "\n", "1.", "•", "I.", "The"]
    for _ in range(300):
        _check_spans(" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))))


@pytest.mark.parametrize("source", ["." * 50_000 + "x", "?!" * 25_000 + "a", ". " * 25_000, "x\n" * 25_000])
def test_long_punctuation_runs_take_linear_time(source: str) -> None:
    started = time.perf_counter()
    _check_spans(source)
    assert time.perf_counter() - started < 2.0  # quadratic backtracking took minutes here


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_spans_hold_on_news_corpus() -> None:
    for path in sorted(CORPUS.glob("*.txt"))[::10]:
        _check_spans(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- #
# Resources
# --------------------------------------------------------------------------- #


def test_each_abbreviation_has_one_class() -> None:
    data = yaml.safe_load((text.RESOURCES / "abbreviations.yaml").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for cls, words in data.items():
        for word in words:
            assert isinstance(word, str), f"{cls}: {word!r} is not a string (quote it in the YAML)"
            assert word not in seen, f"{word} is both {seen[word]} and {cls}"
            seen[word] = cls


def test_cue_words_are_strings() -> None:
    lex = text.lexicon()
    for words in (lex.starters, lex.fragment_openers, lex.speech_verbs, lex.time_followers):
        assert all(isinstance(w, str) for w in words)
    assert {"no", "on", "the", "he"} <= lex.starters


# --------------------------------------------------------------------------- #
# Evaluation and benchmark scripts
# --------------------------------------------------------------------------- #


def _load_bench(name: str):
    path = Path(__file__).resolve().parent.parent / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_script_counts_passes_and_scores_conll(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = [
        {"text": "One here. Two there.", "expected": ["One here.", "Two there."]},
        {"text": "Dr. Who.", "expected": ["Dr.", "Who."]},
    ]
    (tmp_path / "rules.json").write_text(json.dumps(rules), encoding="utf-8")
    conll = "-DOCSTART- O\n\nRain O\nfell O\n. O\n\nIt O\nstopped O\n. O\n"
    (tmp_path / "doc.conll").write_text(conll, encoding="utf-8")
    module = _load_bench("eval_sentences")
    module.main(["--data", str(tmp_path / "rules.json"), "--conll", str(tmp_path / "doc.conll")])
    out = capsys.readouterr().out
    assert "briefing: 1/2 golden rules pass" in out
    assert "FAIL rule 1" in out
    assert "P 1.000 R 1.000" in out


def test_bench_script_reports_speed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("First sentence. Second one.\nThird", encoding="utf-8")
    _load_bench("bench_sentences").main([str(tmp_path), "--runs", "1"])
    out = capsys.readouterr().out
    assert "1 files" in out and "3 sentences" in out and "MB/s" in out


def test_phrase_alternation_prefers_the_longest_phrase_and_any_spacing() -> None:
    pattern = re.compile(rf"\b(?:{text.phrase_alternation(['at least', 'at', 'it is', 'May'], ['May'])})\b", re.I)
    assert [m.group(0) for m in pattern.finditer("At\nleast two; at once; it’s not; May; may")] == [
        "At\nleast",
        "at",
        "May",
    ]
    assert re.fullmatch(text.phrase_alternation(["won't"]), "won’t")
    assert text.phrase_alternation(["a.b"]) == r"a\.b"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            'He arrived in Paris. ". . . I was tired," he said.',
            ["He arrived in Paris.", '". . . I was tired," he said.'],
        ),
        (
            'Springfield, Ill. ". . . I just want to go home," she said.',
            ["Springfield, Ill.", '". . . I just want to go home," she said.'],
        ),
        ('They waited. "...We never knew," she said.', ["They waited.", '"...We never knew," she said.']),
        (
            "She paused. “… Nobody came,” she said. Then silence.",
            ["She paused.", "“… Nobody came,” she said.", "Then silence."],
        ),
    ],
)
def test_an_ellipsis_opening_a_quotation_stays_with_it(source: str, expected: list[str]) -> None:
    assert split_sentences(source) == expected


def test_an_ellipsis_after_a_closing_quote_still_ends_a_sentence() -> None:
    assert split_sentences('He wrote "stop"... Then he left.') == ['He wrote "stop"...', "Then he left."]
