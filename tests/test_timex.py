"""Unit tests of the time-expression tagger: every construction the issue lists, and the seeds' cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.timex import nearest_year, tag_timexes, tag_timexes_by_rule, weekday_date
from tests.conftest import SHARED

TUE_OCT_28 = dt.date(2025, 10, 28)


def tag(text: str, anchor: dt.date | None = TUE_OCT_28) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_timexes(text, anchor)]


def one(text: str, anchor: dt.date | None = TUE_OCT_28):
    found = tag_timexes(text, anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("On July 12, 2025, the ministers met.", "July 12, 2025", "2025-07-12"),
        ("They met on 12 July 2025 in Wonsan.", "12 July 2025", "2025-07-12"),
        ("The vote was held on 2025-07-12.", "2025-07-12", "2025-07-12"),
        ("It opened Tue, Oct 28, 2025.", "Tue, Oct 28, 2025", "2025-10-28"),
        ("They signed a treaty in June 2024.", "June 2024", "2024-06"),
        ("Prices rose in 2022.", "2022", "2022"),
        ("It has not happened since its founding in 1948.", "1948", "1948"),
        ("Growth slowed in the first quarter of 2024.", "the first quarter of 2024", "2024-Q1"),
        ("The plant opened in the summer of 2019.", "the summer of 2019", "2019-SU"),
        ("Profits fell in fiscal 1998.", "fiscal 1998", "1998"),
        ("The talks are on 10/27/2025.", "10/27/2025", "2025-10-27"),
        ("The sales surged on Christmas Day 2024.", "Christmas Day 2024", "2024-12-25"),
        ("Talks are set for the week of March 6, 2026.", "the week of March 6, 2026", "2026-W10"),
    ],
)
def test_explicit_dates(text: str, expr: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.type, t.value, t.basis) == (expr, "DATE", value, "explicit")


def test_abbreviated_month_without_year_takes_the_anchor_year() -> None:
    t = one("The Kremlin said on Oct. 27 that talks went well.")
    assert (t.text, t.value, t.basis) == ("Oct. 27", "2025-10-27", "inferred")


def test_day_range_is_one_expression_dated_by_its_first_day() -> None:
    t = one("The festival ran July 11-13, 2025.")
    assert (t.text, t.value) == ("July 11-13, 2025", "2025-07-11")


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        # the seeds: "on 3 September" and "In April" read in an article of Tue Oct 28, 2025
        ("Putin last met Kim in person on 3 September in Beijing.", TUE_OCT_28, "2025-09-03"),
        ("In April, Putin publicly acknowledged the role of the soldiers.", TUE_OCT_28, "2025-04"),
        # "until July 13" in an article of July 12, 2025
        ("The visit is set to continue until July 13.", dt.date(2025, 7, 12), "2025-07-13"),
        # a future clause pushes a past month into next year
        ("The summit will take place in March.", TUE_OCT_28, "2026-03"),
        # a month just ahead, even in a past clause ("the vote was scheduled for ...")
        ("Officials said the election was set for Jan. 14.", dt.date(2000, 1, 6), "2000-01-14"),
    ],
)
def test_underspecified_dates_take_the_likely_year(text: str, anchor: dt.date, value: str) -> None:
    assert [v for _, _, v in tag(text, anchor)] == [value]


def test_without_anchor_no_year_is_guessed() -> None:
    assert tag("The visit lasts until July 13.", None) == [("July 13", "DATE", "XXXX-07-13")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Putin met Choe at the Kremlin on Monday.", "2025-10-27"),
        ("Putin will meet Choe on Monday.", "2025-11-03"),
        ("Putin met Choe last Friday.", "2025-10-24"),
        ("The minister arrived yesterday.", "2025-10-27"),
        ("The minister arrives today.", "2025-10-28"),
        ("The minister leaves tomorrow.", "2025-10-29"),
        ("Talks stalled last week.", "2025-W43"),
        ("Talks resume this week.", "2025-W44"),
        ("Talks resume next month.", "2025-11"),
        ("Prices rose earlier this month.", "2025-10"),
        ("Prices rose last year.", "2024"),
        ("The plan was announced this July.", "2025-07"),
        ("The plan was announced three years ago.", "2022"),
        ("The plant closed two days ago.", "2025-10-26"),
        ("Exports rose in the third quarter.", "2025-Q3"),
        ("Exports rose this quarter.", "2025-Q4"),
        ("The army withdrew last fall.", "2024-FA"),
        ("Sales will be lower by year-end.", "2025"),
        ("Hate crimes dropped through the nineties.", "199"),
        ("Sales rose over the summer.", "2025-SU"),
    ],
)
def test_relative_expressions_resolve_against_the_anchor(text: str, value: str) -> None:
    t = one(text)
    assert t.value == value
    assert t.basis in ("relative", "inferred")


def test_narrative_expressions_count_from_the_last_date_mentioned() -> None:
    found = tag("The talks opened on July 12, 2025. Three days later, they ended. The previous year, they failed.")
    assert found == [
        ("July 12, 2025", "DATE", "2025-07-12"),
        ("Three days later", "DATE", "2025-07-15"),
        ("The previous year", "DATE", "2024"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # hours later: the same day as far as the text tells, not as many days later
        ("The strike came on Thursday night. An hour later, a second missile was fired.", "2025-10-23"),
        ("The plane landed at 3 p.m. on Sunday. Two hours later, the minister spoke.", "2025-10-26"),
        ("The ship sank on Monday, Oct. 20. Forty-eight hours later, divers found it.", "2025-10-22"),
    ],
)
def test_hours_later_stay_on_the_narratives_day(text: str, value: str) -> None:
    assert tag(text)[-1][2] == value


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("The war lasted three years.", "DURATION", "P3Y"),
        ("It took a decade to rebuild.", "DURATION", "P10Y"),  # TimeBank writes decades in years
        ("They talked for five hours.", "DURATION", "PT5H"),
        ("The truce held for 2 1/2 years.", "DURATION", "P2Y6M"),
        ("He signed a two-year contract.", "DURATION", "P2Y"),
        ("Prices fell over the past three months.", "DURATION", "P3M"),
        ("They meet every week.", "SET", "P1W"),
        ("The paper appears weekly.", "SET", "P1W"),
        ("The committee meets twice a year.", "SET", "P1Y"),
        ("Shops close on Sundays.", "SET", "XXXX-WXX-7"),
        ("The plan saves $500 million a year.", "SET", "P1Y"),
        ("Demand is now falling.", "DATE", "PRESENT_REF"),
        ("The minister is currently abroad.", "DATE", "PRESENT_REF"),
        ("The city recently opened a resort.", "DATE", "PAST_REF"),
        ("Nobody knows what the future holds.", "DATE", "FUTURE_REF"),
        ("He left several years ago.", "DATE", "PAST_REF"),
        ("Fairs are held each July.", "SET", "XXXX-07"),
    ],
)
def test_durations_sets_and_references(text: str, type_: str, value: str) -> None:
    t = one(text)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("The boom of the 1990s ended.", "199", None),
        ("Growth peaked in the mid-1990s.", "199", "MID"),
        ("The plan dates from early 2024.", "2024", "START"),
        ("It happened in late November 2024.", "2024-11", "END"),
        ("The talks lasted about two weeks.", "P2W", "APPROX"),
    ],
)
def test_decades_and_modifiers(text: str, value: str, mod: str | None) -> None:
    t = one(text)
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The blast came at 10:35 a.m.", "2025-10-28T10:35"),
        ("Polls close at 9 p.m. EDT Monday.", "2025-10-27T21:00"),
        ("The meeting starts at 14:00 GMT.", "2025-10-28T14:00"),
    ],
)
def test_clock_times(text: str, value: str) -> None:
    t = one(text)
    assert (t.type, t.value) == ("TIME", value)


@pytest.mark.parametrize(
    "text",
    [
        "Some 2000 troops were deployed.",  # a count, not a year
        "The Sun reported the story.",  # a newspaper, not Sunday
        "Ministers may meet again.",  # a modal, not the month
        "Geremek and Jan Kavan signed.",  # a first name, not January
        "Arms were seized outside of Mar del Plata.",  # a city, not March
        "It marked the fall of the empire.",  # a collapse, not autumn
        "Golkar won in the past five elections.",  # a count of elections
        "She swam it in 2:00.44 on the day.",  # a race time, not a clock time
        "He is a 5-year-old boy.",  # an age, not a duration
        "The score was 3-1 after the first half hour.",
    ],
)
def test_words_that_look_like_time_but_are_not(text: str) -> None:
    assert tag(text) == []


def test_offsets_point_into_the_text() -> None:
    text = "Lavrov arrived on July 11, 2025 and left on Sunday."
    for t in tag_timexes(text, dt.date(2025, 7, 14)):
        assert text[t.start : t.end] == t.text


def test_weekday_date_points_back_unless_ahead() -> None:
    assert weekday_date(TUE_OCT_28, 1, "", "past") == dt.date(2025, 10, 27)
    assert weekday_date(TUE_OCT_28, 1, "", "future") == dt.date(2025, 11, 3)
    assert weekday_date(TUE_OCT_28, 2, "", None) == TUE_OCT_28
    assert weekday_date(TUE_OCT_28, 5, "next", None) == dt.date(2025, 10, 31)


def test_nearest_year_weighs_tense() -> None:
    assert nearest_year(TUE_OCT_28, 4, None, "past") == 2025
    assert nearest_year(TUE_OCT_28, 4, None, "future") == 2026
    assert nearest_year(dt.date(2025, 12, 20), 1, 5, None) == 2026


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_seed_creation_stamp_is_tagged_but_dated_from_its_own_text() -> None:
    path = next(SEEDS.glob("004_*.txt"), None)
    if path is None:
        pytest.skip("seed 004 not present")
    values = {(t.text, t.value) for t in tag_timexes(path.read_text(encoding="utf-8"), TUE_OCT_28)}
    assert ("Monday", "2025-10-27") in values
    assert ("3 September", "2025-09-03") in values
    assert ("April", "2025-04") in values
    assert ("2022", "2022") in values
    assert ("1948", "1948") in values


def test_tempeval_value_f1_stays_above_goal() -> None:
    """The TempEval-3 Task A value F1 on the shared training data (skipped where the data is absent)."""
    data = SHARED / "eval" / "tempeval3-tbaq"
    if not data.is_dir():
        pytest.skip("shared evaluation data not available")
    import importlib.util
    import sys

    script = Path(__file__).resolve().parents[1] / "bench" / "eval_timex.py"
    spec = importlib.util.spec_from_file_location("eval_timex", script)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["eval_timex"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    total = module.Counts()
    errors = module.Errors()
    for path in sorted(data.rglob("*.tml")):
        total.add(module.score_file(path, errors))
    assert module.f1(total.relaxed, total.system, total.gold)[2] >= 93.5
    assert module.f1(total.value, total.system, total.gold)[2] >= 82.0  # 82.3 after issue 3 (80.1 before), goal 85


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("Friday's ruling stands.", "Friday"),
        ("Prices rose earlier this month.", "this month"),
        ("The 14-day truce ended.", "14-day"),
        ("Growth peaked in the mid-1990s.", "the mid-1990s"),
        ("They met in the past.", "the past"),
    ],
)
def test_extent_follows_timeml(text: str, expr: str) -> None:
    assert one(text).text == expr


def test_a_fiscal_year_ended_on_a_date_is_a_duration() -> None:
    assert tag("Revenue for the year ended March 31 rose.")[0] == ("the year", "DURATION", "P1Y")


def test_narrative_month_counts_from_the_last_month_named() -> None:
    found = tag("The deal was agreed in March 2024. The following month, it collapsed.")
    assert found[-1] == ("The following month", "DATE", "2024-04")


def test_spelled_out_year_with_its_month() -> None:
    assert tag("It began in January nineteen ninety-seven.") == [("January nineteen ninety-seven", "DATE", "1997-01")]


# --------------------------------------------------------------------------- #
# Rules added for issue 3 (TempEval-3 value F1): each with its anchor and the value a TimeML annotator gives
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value"),
    [
        # durations of decades and centuries are written in years
        ("Prices have doubled over the past decade.", TUE_OCT_28, "the past decade", "P10Y"),
        ("The feud lasted two decades.", TUE_OCT_28, "two decades", "P20Y"),
        ("The bridge stood for a century.", TUE_OCT_28, "a century", "P100Y"),
        # "the '80s" read in 1989 is the 1980s, read in 2025 too; "the '20s" read in 2025 is the 2020s
        ("Sales were flat in the '80s.", dt.date(1989, 11, 2), "the '80s", "198"),
        ("Sales were flat in the '80s.", TUE_OCT_28, "the '80s", "198"),
        ("Rates will stay high through the '20s.", TUE_OCT_28, "the '20s", "202"),
        # "last Oct. 23": the most recent Oct. 23 before the anchor
        ("He was shot last Oct. 23 at home.", dt.date(2026, 4, 19), "last Oct. 23", "2025-10-23"),
        ("This past spring, sales fell.", TUE_OCT_28, "This past spring", "2025-SP"),
        ("Results for the last half of 2024 were weak.", TUE_OCT_28, "the last half of 2024", "2024-H2"),
        (
            "We saw that price in the winter of nineteen ninety-four.",
            TUE_OCT_28,
            "the winter of nineteen ninety-four",
            "1994-WI",
        ),
        ("Earnings will be lower for the fiscal year.", TUE_OCT_28, "the fiscal year", "2025"),
        ("The stock hit a high for the year in June.", TUE_OCT_28, "the year", "2025"),
        ("We don't minimise the challenges of the near term.", TUE_OCT_28, "the near term", "FUTURE_REF"),
        ("Traders squared positions ahead of the weekend.", dt.date(2025, 10, 27), "the weekend", "2025-W44-WE"),
    ],
)
def test_issue3_conventions(text: str, anchor: dt.date, expr: str, value: str) -> None:
    found = [(t.text, t.value) for t in tag_timexes(text, anchor)]
    assert (expr, value) in found, found


def test_a_share_of_something_is_no_quarter() -> None:
    assert tag("Iraq imports about three-quarters of its food.") == []
    assert tag("Funds hold more than a quarter of the market.") == []
    assert tag("The quarter-to-quarter comparison was flattering.") == []
    assert tag("Sales rose in the third quarter of its fiscal year.")[0][2] == "2025-Q3"


def test_spelled_thousands_of_years_are_no_year() -> None:
    assert [v for _, _, v in tag("They kept the secret for two thousand years.")] == []


def test_next_year_in_a_quarterly_report_is_the_year() -> None:
    found = tag("Profit fell in the third quarter. The company expects a turnaround next year.")
    assert found[-1] == ("next year", "DATE", "2026")


def test_the_year_period_in_a_quarterly_report_is_that_years_quarter() -> None:
    found = tag("Net rose in the third quarter. In the 2025 period, costs were lower.")
    assert found[-1] == ("the 2025 period", "DATE", "2025-Q3")


def test_the_previous_weekday_counts_from_the_narratives_day() -> None:
    found = tag("Shares fell on Friday, down 4% from the previous Friday.", dt.date(2025, 10, 27))
    assert found == [("Friday", "DATE", "2025-10-24"), ("the previous Friday", "DATE", "2025-10-17")]


def test_a_clock_time_takes_the_date_written_after_it() -> None:
    assert tag("The offer runs until 5 p.m. EST Nov. 9.") == [("5 p.m. EST Nov. 9", "TIME", "2025-11-09T17:00")]


@pytest.mark.parametrize(
    ("text", "anchor", "expr", "value"),
    [
        # a month with no tense marker is read ahead only when it is near: "In January" read in late October
        ("In January, a week after the anniversary.", dt.date(2025, 10, 25), "January", "2025-01"),
        ("The case is heard in May in the appeals court.", dt.date(2025, 3, 29), "May", "2025-05"),
        # counted durations with an adjective, a duration before "term", and "in years"
        ("The loan may be extended for an additional year.", TUE_OCT_28, "an additional year", "P1Y"),
        ("Shares convert during its one-year term.", TUE_OCT_28, "one-year", "P1Y"),
        ("Growth is the fastest in years.", TUE_OCT_28, "years", "PXY"),
        ("Funds will face pressure in the weeks ahead.", TUE_OCT_28, "the weeks ahead", "PXW"),
        ("It followed a several-year tenure as editor.", TUE_OCT_28, "several-year", "PXY"),
    ],
)
def test_month_reading_and_duration_forms(text: str, anchor: dt.date, expr: str, value: str) -> None:
    found = [(t.text, t.value) for t in tag_timexes(text, anchor)]
    assert (expr, value) in found, found


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("The rally sparked the current weakness in London.", True),
        ("Stereotypes reflect current realities.", True),
        ("Flights rose from the current four a week.", True),
        ("The firm is phasing out its current supplier.", False),  # a role, after a possessive
        ("The current account deficit widened.", False),  # economics, not the present
    ],
)
def test_current_as_an_adjective_is_the_present(text: str, tagged: bool) -> None:
    found = [(t.text, t.value) for t in tag_timexes(text, TUE_OCT_28)]
    assert (("current", "PRESENT_REF") in found) is tagged, found


def test_the_past_week_is_the_week_up_to_the_anchor() -> None:
    assert tag("He has been in Bethesda for the last week.", dt.date(2025, 10, 31)) == [
        ("the last week", "DATE", "2025-W44")
    ]


def test_a_quotation_closing_after_the_stop_ends_the_clause() -> None:
    # the past tense of the next sentence must not turn "in the spring" of a future clause backwards
    text = "``Makers are going to start getting beaten up badly in the spring.'' Data showed it."
    assert tag(text, dt.date(2025, 2, 6)) == [("the spring", "DATE", "2025-SP")]


def test_a_year_earlier_counts_from_the_day_named_in_its_sentence() -> None:
    text = "For the quarter ended Sept. 30, net rose to $133 million from $100 million a year earlier."
    assert tag(text)[-1] == ("a year earlier", "DATE", "2024-09-30")
    # without a day in the sentence, a quarterly report compares with the same quarter
    text = "Net rose in the third quarter. Revenue was $2 billion, up from $1.9 billion a year earlier."
    assert tag(text)[-1] == ("a year earlier", "DATE", "2024-Q3")


def test_a_future_clause_reads_a_month_ahead_even_when_it_is_far() -> None:
    text = "Collins will be named commander of the shuttle for a mission in December."
    assert tag(text, dt.date(2025, 3, 4)) == [("December", "DATE", "2025-12")]


def test_a_tense_marker_before_the_expression_outweighs_one_after_it() -> None:
    text = (
        "Qantas will almost double its flights between Australia and India by August in a search for markets untouched."
    )
    assert tag(text, dt.date(2025, 2, 13)) == [("August", "DATE", "2025-08")]


def test_two_days_joined_by_and_are_two_dates() -> None:
    found = tag("A ceremony will be held at the summit on April 24 and 25, 2026.")
    assert found == [("April 24", "DATE", "2026-04-24"), ("25", "DATE", "2026-04-25")]


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("In the year-earlier third quarter, net was $2 million.", "the year-earlier third quarter", "DATE", "2024-Q3"),
        ("Net for the year-earlier nine months included a gain.", "the year-earlier nine months", "DURATION", "P9M"),
    ],
)
def test_year_earlier_periods(text: str, expr: str, type_: str, value: str) -> None:
    assert tag(text) == [(expr, type_, value)]


def test_a_year_earlier_in_the_next_sentence_or_after_a_weekday_is_no_day() -> None:
    text = "Net rose for the year ended Aug. 26. A year earlier the firm earned $2 million."
    assert tag(text)[-1] == ("A year earlier", "DATE", "2024")
    text = "The company said Friday it lost money in the nine months, against earnings a year earlier."
    assert tag(text)[-1] == ("a year earlier", "DATE", "2024")


def test_a_year_earlier_after_nine_months_is_the_previous_year() -> None:
    text = "Net rose in the third quarter. For the nine months, it earned $19 million, against a loss a year earlier."
    assert tag(text)[-1] == ("a year earlier", "DATE", "2024")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Protesters prayed as Easter week began.", "Easter week", "2000-W16"),  # Easter 2000: Sunday, April 23
        ("Traffic will peak over the Memorial Day weekend.", "Memorial Day weekend", "2000-W21-WE"),
    ],
)
def test_a_holiday_week_or_weekend(text: str, expr: str, value: str) -> None:
    assert tag(text, dt.date(2000, 4, 17)) == [(expr, "DATE", value)]


def test_a_part_of_the_day_belongs_to_the_narratives_day() -> None:
    found = tag("Shares fell on Friday. Dealers placed heavy orders in the morning.", dt.date(2025, 10, 27))
    assert found == [("Friday", "DATE", "2025-10-24"), ("the morning", "TIME", "2025-10-24TMO")]
    assert tag("By mid-afternoon, the operation was over.") == [("mid-afternoon", "TIME", "2025-10-28TAF")]


def test_now_with_a_comma_opening_a_clause_is_a_discourse_marker() -> None:
    assert tag("Now, he says, the West wants to destroy Iraq.") == []
    assert tag("Iraq now controls 20 percent of the oil.") == [("now", "DATE", "PRESENT_REF")]


@pytest.mark.parametrize(
    ("text", "expr", "type_"),
    [
        ("The airline will operate one flight a day to each city.", "a day", "SET"),
        ("This adds 700 seats a week on the route.", "a week", "SET"),
        ("The cabinet decided on December 6, a day after the bombing.", "a day", "DURATION"),
        ("It is the first new plant in about a decade.", "about a decade", "DURATION"),
    ],
)
def test_a_rate_after_a_counted_thing_is_a_set(text: str, expr: str, type_: str) -> None:
    assert (expr, type_) in [(t.text, t.type) for t in tag_timexes(text, TUE_OCT_28)]


def test_a_war_named_for_its_length_is_no_duration() -> None:
    assert [t for t in tag("It has been 38 years since the Six-Day War.") if t[0] == "Six-Day"] == []


def test_since_a_month_points_back() -> None:
    assert tag("Cases have dropped since March.", dt.date(2006, 12, 29)) == [("March", "DATE", "2006-03")]


SUN_DEC_10 = dt.date(2006, 12, 10)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The party won the elections in January.", "2006-01"),  # a past tense points back, even a month away
        ("He was elected in March and resigned in November.", "2006-03"),
        ("The talks are supposed to conclude by March.", "2007-03"),  # a deadline ahead
        ("The bank agreed to buy the firm in February.", "2007-02"),  # the infinitive's own clause
        ("The dividend would be paid on a still unspecified date in January.", "2007-01"),  # an adjective, no tense
        ("The accession was planned for early March.", "2007-03"),
    ],
)
def test_the_tense_of_the_clause_decides_a_month_in_december(text: str, value: str) -> None:
    assert tag_timexes(text, SUN_DEC_10)[0].value == value


# --------------------------------------------------------------------------- #
# Modern news forms (judged on a corpus sample with bench/inspect_timex.py)
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Revenue rose in FY2025.", "FY2025", "2025"),
        ("Revenue rose in FY 2025.", "FY 2025", "2025"),
        ("Revenue rose in FY25.", "FY25", "2025"),
        ("Sales rose in Q3 2025.", "Q3 2025", "2025-Q3"),
        ("Sales will rise in H1 2026.", "H1 2026", "2026-H1"),
        ("Sales rose 4% in 2H 2024.", "2H 2024", "2024-H2"),
        ("Margins shrank in H2.", "H2", "2025-H2"),
        ("The plant opens in mid-2025.", "mid-2025", "2025"),
        ("Music of the 2010s was loud.", "the 2010s", "201"),
        ("He resigned late last year.", "late last year", "2024"),
        ("He resigned earlier this year.", "this year", "2025"),
        ("Protests erupted over the weekend.", "the weekend", "2025-W43-WE"),
        ("A decision is expected in the coming weeks.", "the coming weeks", "PXW"),
        ("Attacks rose in the past weeks.", "the past weeks", "PXW"),
        ("Prices doubled in the last years.", "the last years", "PXY"),
        ("He will step down at the end of next year.", "the end of next year", "2026"),
        ("Coal will be phased out by the end of the decade.", "the end of the decade", "202"),
        ("Work starts at the start of next month.", "the start of next month", "2025-11"),
        ("The Okinawa Open opens the 2026 season.", "2026", "2026"),
        ("Revenue rose in Q3 FY25.", "Q3 FY25", "2025-Q3"),
        ("Profit fell in Q4'24.", "Q4'24", "2024-Q4"),
        ("Margins grew in H1'25.", "H1'25", "2025-H1"),
    ],
)
def test_modern_news_forms(text: str, expr: str, value: str) -> None:
    assert (expr, value) in [(t.text, t.value) for t in tag_timexes(text, TUE_OCT_28)]


def test_parts_of_a_shifted_unit_keep_their_mod() -> None:
    assert one("Rebels returned at the end of last year.").mod == "END"
    assert one("Work starts at the beginning of next month.").mod == "START"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arsenal won the 2024-25 season title.", [("2024", "2024"), ("25", "2025")]),
        ("The law, passed in 2019-20, lapsed.", [("2019", "2019"), ("20", "2020")]),
        ("Otto Hahn (1879-1968) won the Nobel Prize.", [("1879", "1879"), ("1968", "1968")]),
        ("It plans to spend it in 2007-2013.", [("2007", "2007"), ("2013", "2013")]),
        ("Registered in the 2002/2003 exercise.", [("2002", "2002"), ("2003", "2003")]),
        ("The war of 1999-2000 ended.", [("1999", "1999"), ("2000", "2000")]),
        ("He starred in the 2024/25 season.", [("2024", "2024"), ("25", "2025")]),
        ("Revenue rose in FY2024-25.", [("2024", "2024"), ("25", "2025")]),
    ],
)
def test_a_range_of_years_is_two_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in tag_timexes(text, TUE_OCT_28)] == expected


@pytest.mark.parametrize("text", ["The index code 2006-05 is old.", "The count went 2000-1900 at one point."])
def test_a_range_of_years_never_runs_backwards(text: str) -> None:
    assert tag(text) == []


def test_a_year_and_a_prison_term_are_two_expressions() -> None:
    assert tag("He was sentenced in 1995 to 15 years.") == [("1995", "DATE", "1995"), ("15 years", "DURATION", "P15Y")]


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("The vote was held on 10/27/2025.", TUE_OCT_28, "2025-10-27"),  # US: the second number cannot be a month
        ("The vote was held on 27/10/2025.", TUE_OCT_28, "2025-10-27"),  # day first: the first cannot be a month
        ("The vote was held on 13/02/2024.", TUE_OCT_28, "2024-02-13"),
        ("The vote was held on 27.10.2025.", TUE_OCT_28, "2025-10-27"),  # dots: day first
        ("The vote was held on 5.11.2025.", TUE_OCT_28, "2025-11-05"),
        ("The vote was held on 3/10/2025.", TUE_OCT_28, "2025-10-03"),  # both ways: the reading nearer the anchor
        ("The vote was held on 10/3/2025.", TUE_OCT_28, "2025-10-03"),
        ("He was born on 3/4/1976.", TUE_OCT_28, "1976-03-04"),  # far from the anchor: the US order
        ("Filed on 25/12/2024, heard on 3/4/2025.", TUE_OCT_28, "2025-04-03"),  # the text writes day first
        ("Filed on 12/25/2024, heard on 3/4/2025.", TUE_OCT_28, "2025-03-04"),  # the text writes month first
    ],
)
def test_numeric_dates_in_both_orders(text: str, anchor: dt.date, value: str) -> None:
    assert tag_timexes(text, anchor)[-1].value == value


@pytest.mark.parametrize(
    "text",
    [
        "The line is open 24/7.",
        "It scored 31/31/2025 on the test.",
        "Chelsea won 2-1 on aggregate.",
        "The score was 21-14 at halftime.",
        "He ran 1:45.3 in the final.",
        "He won the marathon in 2:05:11.",
        "The firm paid $2025 million.",
        "The shares rose 2025 percent.",
        "It was a 2000 km trip.",
        "A 2000-strong force moved in.",
        "The H1N1 virus spread.",
        "Room H1 was used.",
        "Release 2.1.25 fixed it.",
        "He scored in the 45+2 minute.",
    ],
)
def test_numbers_that_are_not_times(text: str) -> None:
    assert tag(text) == []


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The market opens at 3pm GMT.", "3pm GMT", "2025-10-28T15:00"),
        ("The market opens at 15:00 BST.", "15:00 BST", "2025-10-28T15:00"),
        ("The market opens at 9:30am ET on Monday.", "9:30am ET on Monday", "2025-10-27T09:30"),
        ("The quake struck at 0424 GMT.", "0424 GMT", "2025-10-28T04:24"),
        ("The deadline is 1600 GMT Thursday.", "1600 GMT Thursday", "2025-10-23T16:00"),
        ("The raid started at 2000 GMT Tuesday.", "2000 GMT Tuesday", "2025-10-28T20:00"),
    ],
)
def test_times_with_time_zones(text: str, expr: str, value: str) -> None:
    assert (expr, "TIME", value) in tag(text)


def test_a_clock_time_restated_in_another_zone_is_one_expression() -> None:
    assert tag("The quake struck at 1:24 p.m. (0424 GMT).") == [("1:24 p.m.", "TIME", "2025-10-28T13:24")]
    assert tag("Polls open at 7:00 am local time (0400 GMT).") == [("7:00 am", "TIME", "2025-10-28T07:00")]


def test_a_four_digit_number_before_a_time_zone_is_no_year() -> None:
    assert [t for t in tag("The polls closed at 2000 GMT.") if t[1] == "DATE"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The liberal daily Hurriyet said the party would not survive.",
        "The China Daily reported the figures on Thursday.",
        "A government daily reported the theft.",
        "The leading economic daily said so.",
        "It was reported by the Mainichi Shimbun daily.",
        "The government weekly Akhbar al-Yom quoted her.",
        "He told the weekly Bild am Sonntag so.",
    ],
)
def test_a_newspaper_named_daily_or_weekly_is_no_set(text: str) -> None:
    assert [t for t in tag(text) if t[1] == "SET"] == []


@pytest.mark.parametrize(
    "text",
    ["Take the pill twice daily.", "It plans daily flights to Sydney.", "The bulletin is published daily.",
     "Rates were mixed at weekly US Treasury bill auctions."],
)  # fmt: skip
def test_daily_as_a_frequency_is_a_set(text: str) -> None:
    assert [t[1] for t in tag(text)] == ["SET"]


@pytest.mark.parametrize(
    "text",
    [
        "He was voted German Player of the Year.",
        "Some 300 homes benefited from the Solar Electrification Project (SEP).",
        "Ando will be 18 on the last day of the GP Final.",
        "He kept his seat in the last year of his term.",
        "The last days of the war were grim.",
        "Flights are busy during the Mid-Autumn Festival.",
        "She skated at the Winter Olympics.",
    ],
)
def test_names_and_parts_of_things_are_no_times(text: str) -> None:
    assert tag(text) == []


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        # future in the past: "were expected", "was to", "due" point ahead of the anchor
        ("Final results were expected Monday.", dt.date(1997, 4, 13), "1997-04-14"),
        ("Bush was to return to Washington Monday.", dt.date(2006, 12, 30), "2007-01-01"),
        # a plan that "was to have" happened lies behind, and so does one that "had been" scheduled
        ("The service was to have begun on Thursday.", dt.date(2005, 12, 12), "2005-12-08"),
        ("The offer had been scheduled to expire at midnight Friday.", dt.date(1989, 10, 30), "1989-10-27T24:00"),
        ("It had been due to expire Friday evening.", dt.date(1989, 10, 30), "1989-10-27"),
        ("He had planned to visit on Monday.", dt.date(2025, 10, 29), "2025-10-27"),
        # a delay or grace period runs up to a day ahead, whatever the verb's tense
        ("Officials postponed until Tuesday morning any action on the permit.", dt.date(2000, 3, 30), "2000-04-04"),
        ("INS has given the relatives until 9 a.m. Tuesday to sign.", dt.date(2000, 4, 3), "2000-04-04T09:00"),
        ("The court adjourned the hearing until Monday.", dt.date(2025, 10, 29), "2025-11-03"),
        ("The talks lasted until Monday.", dt.date(2025, 10, 29), "2025-10-27"),  # no delay: behind
        # a plain future cannot lie behind the article; a future in the past can
        ("The court will rule on Sept. 11.", dt.date(2025, 10, 28), "2026-09-11"),
        ("It was expected to end on Sept. 11.", dt.date(2025, 10, 28), "2025-09-11"),
        # a deadline in a clause with no tense lies ahead
        ("It is part of a program to pay down the loan by February.", dt.date(1989, 10, 30), "1990-02"),
        ("The loan was paid down by February.", dt.date(1989, 10, 30), "1989-02"),
        # a month "of this year" / "of last year" takes that year, whatever the tense
        ("They had planned to launch it in November of this year.", dt.date(1997, 4, 10), "1997-11"),
        ("It opened in March of last year.", dt.date(1997, 4, 10), "1996-03"),
        # a participle chained to a future marker stays future; the attribution after a comma does not count
        ("The score will be officially presented and played on Friday, it said.", dt.date(2006, 12, 27), "2006-12-29"),
        # a fronted date with a main clause after the comma keeps that clause's tense
        ("In September, it announced plans to buy the unit.", dt.date(1989, 10, 30), "1989-09"),
        # a contract month lies ahead whatever the tense
        ("Brent crude for January delivery gained 23 cents.", dt.date(2006, 12, 14), "2007-01"),
        ("Light sweet crude for delivery in January rose 30 cents.", dt.date(2006, 12, 14), "2007-01"),
        ("They were awarded contracts in June for the campaign.", dt.date(2005, 12, 14), "2005-06"),
        # seasons read in December: this year's spring is behind, next year's ahead
        ("Three bishops were ordained in the spring.", dt.date(2006, 12, 14), "2006-SP"),
        ("The film would begin production in the spring, it said.", dt.date(2006, 12, 14), "2007-SP"),
        ("Three bishops were ordained in the spring.", dt.date(2006, 5, 14), "2006-SP"),
        # "starting" / "opening" a weekday: ahead
        ("The team faces India in a match starting Thursday.", dt.date(2006, 12, 5), "2006-12-07"),
        ("He is in Beijing for a summit opening here Saturday.", dt.date(2006, 11, 3), "2006-11-04"),
        ("Opening the forum on Wednesday, Annan spoke.", dt.date(2005, 11, 18), "2005-11-16"),  # not right before
        # an adjective in -ing is no tense marker
        ("In an opening round of talks late Monday, Cohen spoke.", dt.date(1997, 4, 10), "1997-04-07"),
        # a marker past a comma belongs to another clause when the expression's own clause has one before it
        (
            "The bid, which will be put to a referendum in May, was not aimed at Russia.",
            dt.date(1997, 4, 28),
            "1997-05",
        ),
        # a participle after "be" carries no tense of its own
        ("Prague is expected to be offered membership at a summit in July.", dt.date(1997, 4, 28), "1997-07"),
    ],
)
def test_the_direction_of_underspecified_dates(text: str, anchor: dt.date, value: str) -> None:
    assert tag_timexes(text, anchor)[0].value == value


def test_one_day_as_a_format_of_the_game_is_no_duration() -> None:
    assert tag("He will return to England's one-day squad.") == []
    assert tag("He made a one-day visit to Paris.") == [("one-day", "DURATION", "P1D")]


def test_consecutive_units_are_a_duration() -> None:
    assert tag("His temperature was normal for ten consecutive days.") == [("ten consecutive days", "DURATION", "P10D")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", ["2025-10-24T10:35"]),
        ("Vote before 11 a.m. (0530 GMT) tomorrow, he said.", ["2025-10-29T11:00"]),
    ],
)
def test_a_clock_time_takes_the_day_written_after_its_aside(text: str, values: list[str]) -> None:
    assert [v for _, kind, v in tag(text) if kind == "TIME"] == values


def test_a_possessive_date_does_not_move_the_narrative_day() -> None:
    text = "Rice arrived Monday evening after last Wednesday's bombing. She held talks earlier in the day."
    assert tag(text, dt.date(2005, 11, 15))[-1] == ("earlier in the day", "DATE", "2005-11-14")


def test_each_expression_comes_with_the_rule_that_found_it() -> None:
    text = "Arsenal won the 2024-25 title on Monday, at 3pm GMT."
    found = tag_timexes_by_rule(text, TUE_OCT_28)
    assert [t for _, t in found] == tag_timexes(text, TUE_OCT_28)
    assert [rule for rule, _ in found] == ["year_range", "year_range", "weekday", "clock"]


def test_on_announces_a_date() -> None:
    assert tag("The vote was held on May 5.")[0][0] == "May 5"
    assert tag("They agreed on March.") == [("March", "DATE", "2025-03")]


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # a day that names an event: its own date, whatever year the article is from
        ("The 9/11 attacks changed everything.", "9/11", "2001-09-11"),
        ("Security tightened after the Sept. 11 attacks on New York.", "Sept. 11", "2001-09-11"),
        ("Since 9/11, airports have changed.", "9/11", "2001-09-11"),
        # a date in the anchor's year when nothing says it names the attacks
        ("The court ruled on Sept. 11 against the plan.", "Sept. 11", "2025-09-11"),
    ],
)
def test_days_that_name_an_event(text: str, expr: str, value: str) -> None:
    assert tag(text) == [(expr, "DATE", value)]


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Half an hour later, another missile was fired.", "Half an hour later", "2025-10-28"),
        ("The agency was founded half a century ago.", "half a century ago", "1975"),
        ("It lasted one and a half years.", "one and a half years", "P1Y6M"),
        ("It lasted two years and a half.", "two years and a half", "P2Y6M"),
        ("It took half an hour.", "half an hour", "PT30M"),
        ("Output rose in the January-June period.", "January-June", "2025-H1"),
        ("Sales in July-September 2025 rose.", "July-September 2025", "2025-Q3"),
        ("Between January and June 2024 it rose.", "January", "2024-01"),  # the range's year
        ("Talks are due in the second week of October.", "the second week of October", "2025-W41"),
        ("It happened in the last week of June.", "the last week of June", "2025-W26"),
    ],
)
def test_fractions_month_ranges_and_weeks_of_a_month(text: str, expr: str, value: str) -> None:
    found = tag(text)
    assert (found[0][0], found[0][2]) == (expr, value)
