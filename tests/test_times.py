"""The times stage: finding and normalising time expressions (hand-written sentences)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitrep.model import Article
from sitrep.stages.base import Analysis
from sitrep.stages.times import TimesStage
from sitrep.timex.calendar import duration_value, pick_year_for, weekday_date
from sitrep.timex.lexicon import read_number, read_spelled_year
from sitrep.timex.tagger import find_times

if TYPE_CHECKING:
    from spacy.language import Language

PUB = date(2023, 5, 23)  # a Tuesday


def found(text: str, published: date | None = PUB) -> list[tuple[str, str, str | None]]:
    """(text, type, value) of each expression found without a parse."""
    return [(text[t.start : t.end], t.type, t.value) for t in find_times(text, published)]


def one(text: str, published: date | None = PUB) -> tuple[str, str, str | None]:
    res = found(text, published)
    assert len(res) == 1, res
    return res[0]


# ------------------------------------------------------------------ relative days and weeks


def test_since_monday_is_the_day_before() -> None:
    assert one("Shelling has continued since Monday.") == ("Monday", "DATE", "2023-05-22")


def test_on_monday_morning_keeps_the_part_of_day_and_drops_on() -> None:
    assert one("The drones struck on Monday morning.") == (
        "Monday morning",
        "DATE",
        "2023-05-22TMO",
    )


def test_yesterday_today_tomorrow() -> None:
    assert one("The governor spoke yesterday.") == ("yesterday", "DATE", "2023-05-22")
    assert one("Talks resume today.")[2] == "2023-05-23"
    assert one("Talks resume tomorrow.")[2] == "2023-05-24"


def test_weeks_months_years_relative_to_the_anchor() -> None:
    assert one("Fighting intensified last week.")[2] == "2023-W20"
    assert one("He was elected earlier this month.") == ("earlier this month", "DATE", "2023-05")
    assert one("Prices rose this year.")[2] == "2023"
    assert one("Prices rose last year.")[2] == "2022"
    assert one("It happened two days ago.") == ("two days ago", "DATE", "2023-05-21")


def test_references_to_past_present_and_future() -> None:
    assert one("The town was recently shelled.")[2] == "PAST_REF"
    assert one("The town is now quiet.")[2] == "PRESENT_REF"
    assert one("Nobody knows what the future holds.") == ("the future", "DATE", "FUTURE_REF")


# ------------------------------------------------------------------ absolute dates


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed on 5 March 2023.",
        "The treaty was signed on March 5, 2023.",
        "The treaty was signed on 2023-03-05.",
        "The treaty was signed on the 5th of March 2023.",
    ],
)
def test_explicit_date_in_several_formats(sentence: str) -> None:
    text, typ, value = one(sentence)
    assert (typ, value) == ("DATE", "2023-03-05")
    assert text.endswith(("2023", "2023-03-05"))


def test_month_day_without_year_takes_the_anchor_year() -> None:
    assert one("The vote is set for March 5.")[2] == "2023-03-05"


def test_years_decades_and_quarters() -> None:
    assert one("The plant opened in 1998.") == ("1998", "DATE", "1998")
    assert one("Crime fell during the 1990s.") == ("the 1990s", "DATE", "199")
    assert one("Profit rose in the third quarter of 1998.")[2] == "1998-Q3"
    assert one("Profit rose in fiscal 1989.")[2] == "1989"


# ------------------------------------------------------------------ durations and sets


def test_durations() -> None:
    assert one("The siege lasted three years.") == ("three years", "DURATION", "P3Y")
    assert one("They waited for two weeks.") == ("two weeks", "DURATION", "P2W")
    assert one("A 16-hour flight.") == ("16-hour", "DURATION", "PT16H")
    assert one("It took 2 1/2 years.")[2] == "P2Y6M"


def test_sets() -> None:
    assert one("Patrols go out every week.") == ("every week", "SET", "P1W")
    assert one("The paper appears daily.") == ("daily", "SET", "P1D")


# ------------------------------------------------------------------ what is not a time


@pytest.mark.parametrize(
    "sentence",
    [
        "We may go to the front.",
        "We will march on the capital.",
        "The sun rose over the hills.",
        "Theresa May resigned as prime minister.",
        "The battalion lost 1500 men.",
        "A 6-year-old boy was rescued.",
        "Iraq imports about three-quarters of its food.",
    ],
)
def test_not_a_time(sentence: str) -> None:
    assert found(sentence) == []


# ------------------------------------------------------------------ without a publication date


def test_without_a_publication_date_relative_values_stay_unresolved() -> None:
    res = find_times("Shelling has continued since Monday and yesterday.", None)
    assert [r.value for r in res] == [None, None]
    assert all(not r.resolved and r.note and "unknown" in r.note for r in res)


def test_without_a_publication_date_absolute_values_still_resolve() -> None:
    (res,) = find_times("The treaty was signed on 5 March 2023.", None)
    assert res.value == "2023-03-05" and res.resolved
    (dur,) = find_times("The siege lasted three years.", None)
    assert dur.value == "P3Y"


def test_stage_without_parse_fills_article_times() -> None:
    art = Article(id="t", text="Shelling has continued since Monday.", published=PUB)
    out = TimesStage()(Analysis(article=art))
    (t,) = out.article.times
    assert (t.text, t.value, t.anchor, t.resolved) == ("Monday", "2023-05-22", PUB, True)
    assert art.text[t.span.start : t.span.end] == "Monday"


# ------------------------------------------------------------------ helpers


def test_helpers() -> None:
    assert read_number("twenty-four") == 24
    assert read_number("2 1/2") == 2.5
    assert read_number("several") is None
    assert read_spelled_year("nineteen ninety-six") == 1996
    assert duration_value(5.5, "H", True) == "PT5H30M"
    assert duration_value(None, "D", False) == "PXD"
    assert weekday_date(1, PUB, "past") == date(2023, 5, 22)
    assert weekday_date(5, PUB, "future") == date(2023, 5, 26)
    assert pick_year_for(1, 10, date(2023, 11, 20), None) == 2024
    assert pick_year_for(1, 31, date(2023, 10, 31), "past") == 2023


# ------------------------------------------------------------------ with the spaCy parse


@pytest.mark.model
def test_tense_decides_the_direction_of_a_weekday(nlp: Language) -> None:
    stage = TimesStage()

    def value(text: str) -> list[str | None]:
        art = Article(id="t", text=text, published=PUB)
        return [t.value for t in stage(Analysis(article=art, doc=nlp(text))).article.times]

    assert value("The minister arrived on Friday.") == ["2023-05-19"]
    assert value("The minister will arrive on Friday.") == ["2023-05-26"]
    assert value("We may go there in May.") == ["2023-05"]
    assert value("We may go there.") == []
    # a past decision dates the act it decided ("decided to reopen the case in March")
    assert value("Prosecutors decided to reopen the case in March.") == ["2023-03"]
    assert value("The two sides agreed to hold talks in March.") == ["2024-03"]


# ------------------------------------------------------------------ times of day


def test_times_of_day_take_a_weekday_written_after_them() -> None:
    # the day after a parenthesised other time zone, or inside it
    blast = found("The blast came at about 9:40 a.m. (0640 GMT) Friday.")
    assert [v for _t, _k, v in blast] == ["2023-05-19T09:40", "2023-05-19"]
    convoy = found("The convoy left at 4 in the morning (4 a.m. local time Thursday).")
    assert convoy[0] == ("4 in the morning", "TIME", "2023-05-18T04:00")
    assert one("Voting ends at 8 p.m. Sunday.")[2] == "2023-05-21T20:00"
    assert one("The curfew starts at 11 at night.") == ("11 at night", "TIME", "2023-05-23T23:00")


def test_midnight_is_hour_24_and_high_noon_is_an_idiom() -> None:
    assert one("The ceasefire began at midnight Sunday.")[2] == "2023-05-21T24"
    assert found("For the party, high noon comes today.") == [("today", "DATE", "2023-05-23")]


def test_until_a_weekday_points_forward() -> None:
    assert one("The offer was extended until Friday.")[2] == "2023-05-26"
    assert one("Inspectors could arrive as early as Thursday.")[2] == "2023-05-25"
    assert one("The deadline was moved to 9 a.m. Monday.")[2] == "2023-05-22T09:00"


def test_parts_of_day_and_durations() -> None:
    assert one("Sirens sounded on Tuesday night.") == ("Tuesday night", "DATE", "2023-05-23TNI")
    assert one("The strike lasted for three days.") == ("three days", "DURATION", "P3D")
    assert one("Prices rose sharply over the past week.")[1:] == ("DURATION", "P1W")
    assert one("Officials met this morning.") == ("this morning", "TIME", "2023-05-23TMO")
    assert one("The talks could take a couple of years.")[1:] == ("DURATION", "P2Y")
    assert one("The shelling stopped for a minute and a half.")[1:] == ("DURATION", "PT1M30S")


@pytest.mark.model
def test_reference_time_and_past_perfect(nlp: Language) -> None:
    stage = TimesStage()

    def value(text: str) -> list[str | None]:
        art = Article(id="t", text=text, published=PUB)
        return [t.value for t in stage(Analysis(article=art, doc=nlp(text))).article.times]

    # a plan that "had been due" lies behind the publication date
    assert value("The permit had been due to expire Friday evening.") == ["2023-05-19TEV"]
    # "in the morning" after a sentence that named the day is that day's morning
    assert value("Markets fell on Friday. Traders sold heavily in the morning.") == [
        "2023-05-19",
        "2023-05-19TMO",
    ]
    # reported plans point forward
    assert value("He said he would visit Kyiv on Friday.") == ["2023-05-26"]
    assert value("The ministry has scheduled a briefing Thursday.") == ["2023-05-25"]
    # overnight before a named day is the night before it
    assert value("Shares dropped on Friday after overnight losses in Asia.") == [
        "2023-05-19",
        "2023-05-18TNI",
    ]


@pytest.mark.bench
def test_bench_time_value_f1_floor(shared_bench: Path, tmp_path: Path) -> None:
    """The tagger alone (no parse, so fast) keeps its value F1 on the TempEval-3 split."""
    folder = shared_bench / "time"
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for path in sorted((folder / "inputs").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            meta = json.loads(path.with_suffix(".meta.json").read_text())
            times = find_times(text, date.fromisoformat(meta["published"]))
            rows = [
                {"span": {"start": t.start, "end": t.end}, "value": t.value, "type": t.type}
                for t in times
            ]
            fh.write(json.dumps({"id": path.stem, "text": text, "times": rows}) + "\n")
    out = subprocess.run(
        [sys.executable, str(folder / "score.py"), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    f1 = float(out.strip().splitlines()[-1].split("=")[1])
    assert f1 >= 0.78


# ------------------------------------------------------------------ datelines, cues, anaphora


def test_the_dateline_date_is_a_time_expression() -> None:
    text = "NAIROBI, May 22 (Reuters) --\n\nThe talks ended on Monday."
    assert found(text)[0] == ("May 22", "DATE", "2023-05-22")


def test_cue_words_fix_the_year_of_a_date_without_one() -> None:
    # published 2023-05-23: a date five months back would be this year's by the 183-day rule,
    # but "payable", "effective" and "until" look ahead, "since" looks back
    assert one("The dividend is payable Jan. 4 to holders of record.")[2] == "2024-01-04"
    assert one("The new rules take effect, effective Feb. 1, for all members.")[2] == "2024-02-01"
    assert one("The embargo stays until March.")[2] == "2024-03"
    assert one("He has been missing since Dec. 30.")[2] == "2022-12-30"
    assert one("The rebels took the town on Feb. 1.")[2] == "2023-02-01"


@pytest.mark.model
def test_a_possessive_weekday_is_a_day_already_past(nlp: Language) -> None:
    stage = TimesStage()
    text = "The lawyers will appeal Thursday's ruling on Friday."
    art = Article(id="t", text=text, published=PUB)
    times = stage(Analysis(article=art, doc=nlp(text))).article.times
    assert [t.value for t in times] == ["2023-05-18", "2023-05-26"]


def test_anaphoric_quarters_follow_the_reported_quarter() -> None:
    # a fiscal quarter named in the text, not the calendar quarter before publication
    text = (
        "The retailer earned $5 million in its fiscal second quarter. Sales in the quarter "
        "rose 8%, compared with $4 million a year earlier, and the 2022 period had a charge."
    )
    assert [v for _t, _k, v in found(text)] == ["2023-Q2", "2023-Q2", "2022-Q2", "2022-Q2"]
    # a quarter ahead of publication is a forecast, not what "the quarter" refers back to
    text = "Profit rose in the first quarter and will fall in the fourth quarter of 2023."
    assert [v for _t, _k, v in found(text + " The quarter was weak.")] == [
        "2023-Q1",
        "2023-Q4",
        "2023-Q1",
    ]


def test_an_amount_a_year_is_a_rate() -> None:
    assert one("The plant would save $40 million a year.") == ("a year", "SET", "P1Y")
    assert one("They export 20,000 tonnes a year.")[1:] == ("SET", "P1Y")
    assert found("A year of war has passed.") == []


def test_ordinal_second_and_vague_quarters() -> None:
    assert found("A second convoy reached the city.") == []
    assert one("The firm lost money for several quarters of the decade.")[1:] == ("DURATION", "PXQ")


def test_more_durations_and_seasons() -> None:
    assert one("He won a one-year contract.")[1:] == ("DURATION", "P1Y")
    assert one("Prices may rise over the next couple of years.")[1:] == ("DURATION", "P2Y")
    assert one("Aid will be needed in the weeks ahead.") == ("the weeks ahead", "DURATION", "PXW")
    assert one("They held a day-long meeting.") == ("day-long", "DURATION", "P1D")
    assert one("The plant closed this past winter.")[2] == "2022-WI"


def test_literal_anchor_hits_are_the_regex_hits() -> None:
    import re

    from sitrep.timex.tagger import _ANCHOR_RX, _ANCHOR_WORDS, _anchor_hits, _literal_hits

    assert {"unit", "month", "holiday"} <= {
        k for k, rx in _ANCHOR_RX.items() if rx.pattern in _ANCHOR_WORDS
    }
    text = (
        "a fortnight, the dayear, todays and mondays; decades of centuries; sept. 3 mayday, "
        "christmas eve and good friday; quarterly halves of the quarter-century; now currently"
    )
    for rx in _ANCHOR_RX.values():
        assert _anchor_hits(rx, text) == [m.span() for m in rx.finditer(text)]
    # overlapping words: the regex takes the earliest alternative at the leftmost position
    for words in (["ab", "abc", "bcd"], ["abc", "ab", "cd"], ["b", "ab"]):
        rx = re.compile("|".join(words))
        for text in ("abcd abcd", "aabcbcd", "abab"):
            assert _literal_hits(words, text) == [m.span() for m in rx.finditer(text)]


def test_news_phrasing_of_days_hours_and_spans() -> None:
    # the day named just before, moved by one
    text = "Rebels attacked on March 3. The following day, troops entered the city."
    assert found(text)[1] == ("The following day", "DATE", "2023-03-04")
    text = "The talks ended on May 2. Earlier that day, a car bomb exploded."
    assert found(text)[1] == ("Earlier that day", "DATE", "2023-05-02")
    assert found("The following day, troops entered the city.") == []  # no day to follow
    # vague spans after "within" and "in"; "over the past" leaves the preposition out
    assert one("The border was closed within hours.") == ("hours", "DURATION", "PTXH")
    assert one("It was the first rally in years.") == ("years", "DURATION", "PXY")
    assert one("Over the past 24 hours, 40 people died.")[0] == "the past 24 hours"
    assert one("The decade-long war ended.")[1:] == ("DURATION", "P10Y")
    # "the early hours of Sunday" is Sunday's early morning, not a span of hours
    assert found("Shelling hit the city in the early hours of Sunday.") == [
        ("Sunday", "DATE", "2023-05-21")
    ]


def test_weekday_with_plural_part_of_day_is_a_set() -> None:
    # TIMEX3: a recurring part of a weekday is a SET ("Tuesday nights"), one night is a DATE
    assert one("The ferry sails on Tuesday nights.") == ("Tuesday nights", "SET", "XXXX-WXX-2TNI")
    assert one("The club meets Sunday mornings.") == ("Sunday mornings", "SET", "XXXX-WXX-7TMO")
    assert one("The ferry sailed Tuesday night.") == ("Tuesday night", "DATE", "2023-05-23TNI")
