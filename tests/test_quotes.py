"""Quotes and speakers: every construction the extractor promises, on short invented sentences."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from generator.entities import extract_entities
from generator.model import Mention, Quote
from generator.quotes import extract_quotes
from tests.conftest import SHARED

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def only(text: str, kind: str | None = None) -> Quote:
    quotes = [q for q in extract_quotes(text) if kind is None or q.kind == kind]
    assert len(quotes) == 1, quotes
    return quotes[0]


def mention(text: str, quote: Quote) -> str | None:
    return None if quote.speaker_start is None else text[quote.speaker_start : quote.speaker_end]


def find(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if words in q.text)


# --------------------------------------------------------------------------- #
# Quotation marks
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "text",
    [
        'Mia Lund said, "We will build the bridge."',
        "Mia Lund said, “We will build the bridge.”",
        "Mia Lund said, ''We will build the bridge.''",
        "Mia Lund said, ``We will build the bridge.''",
        "Mia Lund said, ‘We will build the bridge.’",
    ],
)
def test_every_kind_of_quotation_mark(text: str) -> None:
    quote = only(text)
    assert quote.text == "We will build the bridge."
    assert quote.speaker == "Mia Lund"
    assert text[quote.start : quote.end] == quote.text


def test_offsets_exclude_the_marks_and_text_is_verbatim() -> None:
    text = "“Rain is coming,” the forecaster said."
    quote = only(text)
    assert (quote.start, quote.end) == (1, 16)
    assert quote.text == text[quote.start : quote.end]


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“They told us ‘wait’ and we waited for hours,” Ana Reyes said."
    quotes = extract_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].text == "They told us ‘wait’ and we waited for hours,"
    assert quotes[0].speaker == "Ana Reyes"


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The Smiths' house and the dog's bone aren't quotes, Tom said."
    assert extract_quotes(text) == []


def test_quote_over_several_paragraphs() -> None:
    text = (
        "Mayor Tilda Berg spoke at length.\n\n"
        "“We have cleared the roads. Crews worked all night.\n\n"
        "“Schools will open tomorrow,” she said."
    )
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [
        "We have cleared the roads. Crews worked all night.",
        "Schools will open tomorrow,",
    ]
    assert all(q.speaker == "Tilda Berg" for q in quotes)
    assert mention(text, quotes[0]) == mention(text, quotes[1]) == "she"


def test_feet_and_inches_are_not_quotes() -> None:
    assert extract_quotes("The player is 6'3\" tall and weighs 200 pounds.") == []


# --------------------------------------------------------------------------- #
# Speakers around the quote
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "speaker", "said_by"),
    [
        ("“The talks went well,” Omar Haddad said.", "Omar Haddad", "Omar Haddad"),
        ("“The talks went well,” said Omar Haddad.", "Omar Haddad", "Omar Haddad"),
        ("“The talks went well,” Omar Haddad told reporters on Monday.", "Omar Haddad", "Omar Haddad"),
        ("Omar Haddad told reporters: “The talks went well.”", "Omar Haddad", "Omar Haddad"),
        ("Omar Haddad wrote on social media that “the talks went well.”", "Omar Haddad", "Omar Haddad"),
        ("According to Omar Haddad, “the talks went well.”", "Omar Haddad", "Omar Haddad"),
        ("“The talks went well,” according to Omar Haddad.", "Omar Haddad", "Omar Haddad"),
        ("“The talks went well,” Omar Haddad, the chief negotiator, said.", "Omar Haddad", "Omar Haddad"),
        ("“The talks went well,” Sen. Omar Haddad (D-Ore.) said.", "Omar Haddad", "Omar Haddad"),
    ],
)
def test_speaker_before_or_after_the_quote(text: str, speaker: str, said_by: str) -> None:
    quote = only(text)
    assert quote.speaker == speaker
    assert said_by in mention(text, quote)
    assert quote.cue


def test_title_is_dropped_from_the_speaker_but_kept_in_the_mention() -> None:
    text = "“Our friendship is strong,” Foreign Minister Choe Son-hui said."
    quote = only(text)
    assert quote.speaker == "Choe Son-hui"
    assert "Choe Son-hui" in mention(text, quote)


def test_surname_resolves_to_the_fullest_name() -> None:
    text = "Sergei Lavrov arrived on Friday. “We are brothers,” Lavrov said."
    quote = only(text)
    assert quote.speaker == "Sergei Lavrov"
    assert mention(text, quote) == "Lavrov"


def test_pronoun_resolves_to_the_nearest_person_but_points_at_the_pronoun() -> None:
    text = "Foreign Minister Choe Son-hui met the delegation. “This is a strategic choice,” she said."
    quote = only(text)
    assert quote.speaker == "Choe Son-hui"
    assert mention(text, quote) == "she"


def test_description_resolves_to_a_name() -> None:
    text = "The Daily Courier published the letter. “The council misled voters,” the newspaper said."
    quote = only(text)
    assert mention(text, quote) == "the newspaper"
    assert quote.speaker == "Daily Courier"


def test_organisation_or_media_as_speaker() -> None:
    text = "“The launch was a success,” KCNA reported."
    quote = only(text)
    assert quote.speaker == "KCNA"
    assert quote.cue == "reported"


def test_description_with_a_name_gives_the_name() -> None:
    text = "According to the state news agency Tanjug, “the border will reopen.”"
    quote = only(text)
    assert quote.speaker == "Tanjug"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'The Islamic Jihad (Holy War) movement condemned it, saying the army "tries to recover its dignity."',
            "Islamic Jihad",
        ),
        ('"His death launched a vicious fight," the Kommersant daily wrote.', "Kommersant"),
        ('The Hamas movement said "we will never accept it."', "Hamas"),
    ],
)
def test_a_name_before_an_organisation_noun_names_the_speaker(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_a_nationality_noun_is_a_description_not_a_name() -> None:
    text = 'Colin Montgomerie won the title. "I was expecting to lose," said the Scot, 42.'
    assert only(text).speaker == "the Scot"


def test_quote_split_by_its_attribution() -> None:
    text = "“We will not give up,” Lena Park said. “We will rebuild.”"
    first, second = extract_quotes(text)
    assert first.speaker == second.speaker == "Lena Park"
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)


def test_quote_in_the_paragraph_after_a_colon() -> None:
    text = "The Harbor Gazette reports:\n\n“Shipping volumes fell by a third in March.”"
    quote = only(text)
    assert quote.speaker == "Harbor Gazette"


def test_transcript_speaker_inside_the_quote() -> None:
    text = '"HOLT: Good evening from the debate hall."'
    quote = only(text)
    assert mention(text, quote) == "HOLT"


def test_quote_without_attribution_has_no_speaker() -> None:
    text = "The crowd was quiet.\n\n“Nobody knows what comes next.”\n\nThe rain started."
    quote = only(text)
    assert quote.speaker is None and quote.speaker_start is None


# --------------------------------------------------------------------------- #
# Partial quotes and scare quotes
# --------------------------------------------------------------------------- #


def test_partial_quote_after_a_describing_verb() -> None:
    text = "Choe Son-hui described the relationship as having reached an “unbreakable” level."
    quote = only(text)
    assert quote.kind == "partial"
    assert quote.speaker == "Choe Son-hui"
    assert quote.cue == "described"


def test_partial_quote_attributed_to_the_subject_of_a_communication_verb() -> None:
    text = "Vladimir Putin met troops. Putin commended soldiers for fighting “courageously and heroically” there."
    quote = only(text)
    assert quote.kind == "partial"
    assert quote.speaker == "Vladimir Putin"
    assert mention(text, quote) == "Putin"


def test_partial_quote_in_a_participle_clause() -> None:
    text = "Ivan Petrov echoed the remarks, referring to the pact as an “unshakable alliance of equals.”"
    assert only(text).speaker == "Ivan Petrov"


@pytest.mark.parametrize(
    "text",
    [
        "Both countries see themselves as resisting Western “hegemony.”",
        "The so-called “peace plan” was never published.",
        "She starred in the film “Northern Lights” last year.",
        "He appeared on “Meet the Press” on Sunday.",
        "The group, nicknamed “the Wolves,” met at night.",
    ],
)
def test_scare_quotes_titles_and_nicknames_are_not_speech(text: str) -> None:
    quote = only(text)
    assert quote.kind == "scare"
    assert quote.speaker is None and quote.speaker_start is None


# --------------------------------------------------------------------------- #
# Seeds and scale
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("invincible military brotherhood", "Sergei Lavrov"),
        ("unbreakable", "Choe Son-hui"),
        ("strategic choice and will", "Choe Son-hui"),
        ("courageously and heroically", "Vladimir Putin"),
        ("many future projects to constantly strengthen and develop", "KCNA"),
        ("remove the root of the Ukraine conflict", "Choe Son Hui"),
    ],
)
def test_seed_quotes_have_their_speakers(words: str, speaker: str) -> None:
    quotes = [q for path in sorted(SEEDS.glob("*.txt")) for q in extract_quotes(path.read_text(encoding="utf-8"))]
    quote = find(quotes, words)
    assert quote.speaker == speaker
    assert quote.kind in ("speech", "partial")


def test_text_always_matches_offsets_on_a_real_corpus_sample() -> None:
    corpus = SHARED / "corpora" / "news-2452"
    if not corpus.is_dir():
        pytest.skip("shared corpus not available")
    for path in sorted(p for p in corpus.rglob("*") if p.is_file())[:200]:
        text = path.read_text(encoding="utf-8", errors="replace")
        for quote in extract_quotes(text):
            assert quote.text == text[quote.start : quote.end]
            assert quote.kind in ("speech", "partial", "scare")
            if quote.speaker_start is not None:
                assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)


def test_front_matter_is_not_scanned() -> None:
    text = "---\ntitle: 'Talks resume'\nsource: Wire\n---\n“We are ready,” Dana Cole said."
    assert [q.text for q in extract_quotes(text)] == ["We are ready,"]


def test_role_description_resolves_to_the_name_introduced_with_that_role() -> None:
    text = (
        "Prime Minister Ana Silva met Foreign Minister Raul Ortega and trade envoy Kim Bo-ra on Monday. "
        "“The border stays open,” the foreign minister said."
    )
    quote = only(text)
    assert mention(text, quote) == "the foreign minister"
    assert quote.speaker == "Raul Ortega"


def test_unresolvable_description_stays_as_written() -> None:
    text = "“Supplies will run out by Friday,” a senior aid official said."
    quote = only(text)
    assert quote.speaker == "a senior aid official"


def test_entity_mentions_drive_resolution_when_given() -> None:
    text = "Talks were held with Mira Sato of Rivergate. “We need more time,” she said."
    mentions = [
        Mention(21, 30, "Mira Sato", "person", "Mira Sato-Lind"),
        Mention(34, 43, "Rivergate", "organization", "Rivergate"),
    ]
    quote = only_with(text, mentions)
    assert quote.speaker == "Mira Sato-Lind"
    assert mention(text, quote) == "she"


def test_pronoun_it_resolves_to_an_organisation() -> None:
    text = "The Harbor Authority issued new rules. “Ships must report their cargo,” it said."
    assert only(text).speaker == "Harbor Authority"


def only_with(text: str, mentions: list[Mention]) -> Quote:
    quotes = extract_quotes(text, mentions)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_pronoun_gender_skips_a_nearer_name_of_the_other_gender() -> None:
    text = "Angela Merkel met Jose Manuel Barroso in Berlin. “Europe needs a strong budget,” she said."
    quote = only(text)
    assert quote.speaker == "Angela Merkel"
    assert mention(text, quote) == "she"


def test_pronoun_prefers_the_subject_of_the_previous_sentence() -> None:
    text = "Jose Manuel Barroso spoke. Barroso pledged to work with Angela Merkel. “We can do a lot,” he said."
    assert only(text).speaker == "Jose Manuel Barroso"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [("“A just peace,” said al-Khatib.", "al-Khatib"), ("“It is a pity,” said Yvo de Boer.", "Yvo de Boer")],
)
def test_names_with_particles(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_coordinated_name_after_a_preposition_is_not_the_speaker() -> None:
    text = "The meeting between Ana Silva and Raul Ortega reaffirmed the “unconditional” support."
    quote = only(text)
    assert quote.speaker is None


def test_curly_mark_typed_the_wrong_way_round() -> None:
    text = "“It's unusual,“ said Larry Noble. “It's a hard thing to pull off.”"
    first, second = extract_quotes(text)
    assert first.text == "It's unusual,"
    assert first.speaker == second.speaker == "Larry Noble"


def test_participle_after_a_comma_belongs_to_the_main_clause() -> None:
    text = "In an interview with CNN, Omar Haddad questioned the plan, saying it could not “make deals” work."
    quote = only(text)
    assert quote.speaker == "Omar Haddad"


def test_doubled_apostrophes_with_a_nested_quote_at_the_end() -> None:
    text = "''I would use the word 'old-school,''' said Gregory Slayton."
    quote = only(text)
    assert quote.text == "I would use the word 'old-school,'"
    assert quote.speaker == "Gregory Slayton"


def test_closing_attribution_after_a_long_sentence() -> None:
    text = "“Many would consider that an embarrassment” if she lost, said David Wasserman, an analyst at a report."
    assert only(text).speaker == "David Wasserman"


def test_quote_paragraph_takes_the_reporting_subject_of_the_paragraph_before() -> None:
    text = "Ash Carter said the region would stay a priority.\n\n“That is because half the world lives here.”"
    quote = only(text)
    assert quote.speaker == "Ash Carter"


def test_long_text_is_fast() -> None:
    paragraph = "“We will rebuild the port,” Mayor Ana Silva said on Monday. She added that “work starts now.”\n\n"
    text = paragraph * 2000
    began = time.perf_counter()
    quotes = extract_quotes(text)
    assert len(quotes) == 4000
    assert time.perf_counter() - began < 5


def load_eval_script():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bench" / "eval_quotes.py"
    spec = importlib.util.spec_from_file_location("eval_quotes", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_evaluation_metric_on_a_tiny_brat_set(tmp_path: Path) -> None:
    text = "“Rain is coming,” the forecaster said. The so-called “big wet” began.\n"
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    content = text.index("Rain")
    source = text.index("the forecaster")
    ann = (
        f"T1\tContent {content} {content + 15}\tRain is coming,\n"
        f"T2\tSource {source} {source + 14}\tthe forecaster\n"
        "E1\tAttribution:T1 Content:T1 Source:T2\n"
    )
    (tmp_path / "attributions" / "doc_aaaa.ann").write_text(ann, encoding="utf-8")
    for layers in (False, True):  # the function alone, and the call the pipeline makes
        scores = load_eval_script().evaluate(tmp_path, show_errors=0, layers=layers)
        assert scores["gold"] == 1 and scores["matched"] == 1
        assert scores["speaker"] == 100.0
        assert scores["system"] == 1  # "big wet" is a scare quote, not counted as speech


def test_speed_benchmark_reports_both_calls(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“Rain is coming,” Mia Lund said.\n\nShe left.\n", encoding="utf-8")
    lines = load_eval_script().speed(tmp_path, limit=5)
    assert [line.split()[0] for line in lines] == ["layers", "text"]
    assert all("articles 1 " in line and "quotes 1 " in line and "kB/s" in line for line in lines)


def test_evaluation_on_polnear_dev_meets_the_goal() -> None:
    dev = SHARED / "eval" / "polnear" / "dev"
    if not dev.is_dir():
        pytest.skip("PolNeAR not available")
    scores = load_eval_script().evaluate(dev, show_errors=0)
    assert scores["F1"] >= 93
    assert scores["speaker"] >= 90


def test_reported_pronoun_gives_way_to_its_reporter() -> None:
    text = "Ash Carter said he would welcome China in a “principled security network” for Asia."
    quote = only(text)
    assert quote.speaker == "Ash Carter"
    assert mention(text, quote) == "Ash Carter"


def test_new_sentence_with_its_own_content_is_not_an_attribution() -> None:
    text = "Omar Haddad was calm.\n\n“No one is tearing this up.” He bemoaned that costs keep rising."
    assert only(text).speaker_start is None


def test_participle_after_an_object_belongs_to_the_subject() -> None:
    text = "On Saturday, Omar Haddad issued a statement saying the judge was “a remarkable person” indeed."
    assert only(text).speaker == "Omar Haddad"


def test_relative_pronoun_points_at_who_and_resolves_to_the_name_before() -> None:
    text = "Ted Cruz won the first endorsement from Mike Lee, who declared, “It is time to unite.”"
    quote = only(text)
    assert mention(text, quote) == "who"
    assert quote.speaker == "Mike Lee"


def test_abbreviation_inside_an_appositive() -> None:
    text = "“We condemn his views,” Senate Majority Leader Mitch McConnell, R-Ky., said."
    assert only(text).speaker == "Mitch McConnell"


def test_place_in_an_opening_phrase_is_not_the_subject() -> None:
    text = "At a campaign event in Ames, Iowa, on Sunday, Ana Silva tried again, saying the city should “lead the way.”"
    assert only(text).speaker == "Ana Silva"


def test_work_noun_marks_only_a_title_case_quote() -> None:
    text = "The minister called the plan 'a disaster' on Monday."
    quote = only(text)
    assert quote.kind == "partial" and mention(text, quote) == "The minister"


def test_decade_apostrophe_opens_no_quote() -> None:
    assert extract_quotes("He said the '90s were different.") == []


def test_single_quote_ending_in_s_closes_when_nothing_else_does() -> None:
    quote = only("‘We love our fans’, said Mia Lund.")
    assert quote.text == "We love our fans"
    assert quote.speaker == "Mia Lund"


def test_adding_that_after_a_quote_names_no_speaker() -> None:
    text = "Peabody said: “Patriot Coal was highly successful,” adding that its value quadrupled."
    assert only(text).speaker == "Peabody"


def test_attached_attribution_wins_for_a_partial_quote() -> None:
    text = "Paul Manafort acknowledged the deep unpopularity - his “negatives,” he called them - of the candidate."
    quote = only(text)
    assert mention(text, quote) == "he"


def test_description_with_a_place_after_it() -> None:
    text = "The senator from Vermont said the financial system was “corrupt,” noting the fines."
    quote = only(text)
    assert mention(text, quote) == "The senator from Vermont"


# --------------------------------------------------------------------------- #
# The sentence layer bounds the clause around a quote
# --------------------------------------------------------------------------- #


def test_abbreviation_that_ends_a_sentence_does_not_hide_the_next_subject() -> None:
    text = "Cox says the plan fails in the U.S. He says Americans do not need more “lectures devoid of facts.”"
    quote = only(text)
    assert mention(text, quote) == "He"


def test_a_word_that_is_also_an_abbreviation_ends_a_sentence() -> None:
    text = '"Is it fair?" Mia Lund asked, shaking her head no. "But I do believe we can fix it."'
    quote = find(extract_quotes(text), "But I do")
    assert quote.kind == "speech" and quote.speaker == "Mia Lund"


def test_sentence_ends_inside_a_quotation_keep_the_attribution_after_it() -> None:
    text = "“We will go. We will win.” Mayor Ana Silva said on Monday."
    assert only(text).speaker == "Ana Silva"


def test_given_sentence_layer_gives_the_same_quotes() -> None:
    from generator.model import Sentence
    from generator.text import sentence_spans

    text = (
        "“We will rebuild the port,” Mayor Ana Silva said in the U.S. capital. She added that “work starts now.”\n\n"
        "Officials said: “The money is there. The plan is ready.”"
    )
    sentences = [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(sentence_spans(text))]
    assert extract_quotes(text, None, sentences) == extract_quotes(text)


def test_sentence_layer_decides_the_clause() -> None:
    from generator.model import Sentence

    text = "Omar Haddad was calm. “No one is tearing this up,” the mayor said."
    whole = [Sentence(0, len(text), text, 0)]  # one sentence: the quote's clause starts at Omar Haddad
    split = [Sentence(0, 21, text[:21], 0), Sentence(22, len(text), text[22:], 1)]
    assert only(text).kind == "speech"
    assert extract_quotes(text, None, split)[0].kind == "speech"
    assert extract_quotes(text, None, whole)[0].kind == "partial"  # embedded after "calm."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“It did not work,” said Pres. Ana Silva of the board.", "Ana Silva"),
        ("“It did not work,” said Supt. Omar Haddad.", "Omar Haddad"),
        ("“It did not work,” said Mrs. Mia Lund.", "Mia Lund"),
    ],
)
def test_abbreviated_titles_come_from_the_sentence_splitters_list(text: str, speaker: str) -> None:
    quote = only(text)
    assert quote.speaker == speaker
    assert mention(text, quote).endswith(speaker)


def test_all_caps_abbreviation_stays_inside_the_speaker_mention() -> None:
    text = "“It did not work,” said SEN. ANA SILVA of the board."
    assert mention(text, only(text)) == "SEN. ANA SILVA"


def test_pronoun_resolves_to_the_latest_subject_written_by_surname_over_an_older_speaker() -> None:
    text = (
        "President Mahmud Abbas spoke in Ramallah on Saturday.\n\n"
        "“We will organize demonstrations,” senior Hamas official Ahmed Yussef told AFP.\n\n"
        "Abbas said elections were the way to resolve the tensions.\n\n"
        "“We are living through difficult times,” he said."
    )
    found = extract_quotes(text, extract_entities(text))
    assert [q.speaker for q in found] == ["Ahmed Yussef", "Mahmud Abbas"]
