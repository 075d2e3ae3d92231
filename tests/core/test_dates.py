from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.dates import (
    DateParseError,
    Precision,
    Qualifier,
    UncertainDate,
    format_range,
    parse_date,
)

# text, (year, month, day), precision, qualifier, English form, French form
READINGS = [
    ("2023-02-28", (2023, 2, 28), Precision.DAY, Qualifier.EXACT, "28 Feb 2023", "28 février 2023"),
    (
        "28 Feb 2023",
        (2023, 2, 28),
        Precision.DAY,
        Qualifier.EXACT,
        "28 Feb 2023",
        "28 février 2023",
    ),
    (
        "28 février 2023",
        (2023, 2, 28),
        Precision.DAY,
        Qualifier.EXACT,
        "28 Feb 2023",
        "28 février 2023",
    ),
    (
        "February 2023",
        (2023, 2, None),
        Precision.MONTH,
        Qualifier.EXACT,
        "February 2023",
        "février 2023",
    ),
    (
        "février 2023",
        (2023, 2, None),
        Precision.MONTH,
        Qualifier.EXACT,
        "February 2023",
        "février 2023",
    ),
    (
        "early April 2023",
        (2023, 4, None),
        Precision.MONTH,
        Qualifier.EARLY,
        "early April 2023",
        "début avril 2023",
    ),
    (
        "début avril 2023",
        (2023, 4, None),
        Precision.MONTH,
        Qualifier.EARLY,
        "early April 2023",
        "début avril 2023",
    ),
    ("2023", (2023, None, None), Precision.YEAR, Qualifier.EXACT, "2023", "2023"),
    ("c. 1995", (1995, None, None), Precision.YEAR, Qualifier.ABOUT, "c. 1995", "vers 1995"),
    (
        "mid-April 2023",
        (2023, 4, None),
        Precision.MONTH,
        Qualifier.MID,
        "mid-April 2023",
        "mi-avril 2023",
    ),
    ("fin 2023", (2023, None, None), Precision.YEAR, Qualifier.LATE, "late 2023", "fin 2023"),
    (
        "before March 2023",
        (2023, 3, None),
        Precision.MONTH,
        Qualifier.BEFORE,
        "before March 2023",
        "avant mars 2023",
    ),
    (
        "après le 1er avril 2023",
        (2023, 4, 1),
        Precision.DAY,
        Qualifier.AFTER,
        "after 1 Apr 2023",
        "après le 1er avril 2023",
    ),
    (
        "Feb 28, 2023",
        (2023, 2, 28),
        Precision.DAY,
        Qualifier.EXACT,
        "28 Feb 2023",
        "28 février 2023",
    ),
]


@pytest.mark.parametrize(("text", "parts", "precision", "qualifier", "english", "french"), READINGS)
def test_reads_and_writes_dates_in_english_and_french(
    text: str,
    parts: tuple[int, int | None, int | None],
    precision: Precision,
    qualifier: Qualifier,
    english: str,
    french: str,
) -> None:
    value = parse_date(text)
    assert (value.year, value.month, value.day) == parts
    assert value.precision is precision
    assert value.qualifier is qualifier
    assert value.format("en") == english
    assert value.format("fr") == french


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "does not exist"),
        ("31 avril 2023", "does not exist"),
        ("2023-13", "month 13 does not exist"),
        ("nonsense", "cannot read 'nonsense' as a date"),
        ("", "the date is empty"),
        ("Febtember 2023", "'febtember' in 'Febtember 2023' is not a month name"),
        ("28/02/2023", "ambiguous"),
        ("23", "four digits"),
        ("early 28 Feb 2023", "not to a single day"),
    ],
)
def test_rejects_what_is_not_a_date_and_says_why(text: str, reason: str) -> None:
    with pytest.raises(DateParseError, match=reason):
        parse_date(text)


def test_february_thirtieth_names_the_month_length() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("2023-02-30")
    assert str(caught.value) == "30 February 2023 does not exist (February 2023 has 28 days)"


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("28 Feb 2023", date(2023, 2, 28), date(2023, 2, 28)),
        ("February 2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("early April 2023", date(2023, 4, 1), date(2023, 4, 10)),
        ("mid-April 2023", date(2023, 4, 11), date(2023, 4, 20)),
        ("late April 2023", date(2023, 4, 21), date(2023, 4, 30)),
        ("early 2023", date(2023, 1, 1), date(2023, 4, 30)),
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("c. 1995", date(1993, 1, 1), date(1997, 12, 31)),
        ("c. March 2023", date(2023, 2, 1), date(2023, 4, 30)),
        ("c. 10 Mar 2023", date(2023, 3, 7), date(2023, 3, 13)),
        ("before March 2023", date(2023, 2, 1), date(2023, 2, 28)),
        ("after February 2023", date(2023, 3, 1), date(2023, 3, 31)),
        ("after 2023", date(2024, 1, 1), date(2024, 12, 31)),
        ("before 10 Mar 2023", date(2023, 3, 3), date(2023, 3, 9)),
    ],
)
def test_possible_days_of_uncertain_dates(text: str, earliest: date, latest: date) -> None:
    value = parse_date(text)
    assert (value.earliest, value.latest) == (earliest, latest)


def test_sort_key_orders_by_first_possible_day_then_narrowest() -> None:
    texts = ["2023", "early April 2023", "5 Apr 2023", "April 2023", "1 Apr 2023", "late 2022"]
    ordered = sorted((parse_date(t) for t in texts), key=UncertainDate.sort_key)
    assert [d.format() for d in ordered] == [
        "late 2022",
        "2023",
        "1 Apr 2023",
        "early April 2023",
        "April 2023",
        "5 Apr 2023",
    ]


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        ("28 Feb 2023", "2 Mar 2023", "en", "28 Feb – 2 Mar 2023"),
        ("5 Apr 2023", "7 Apr 2023", "en", "5–7 Apr 2023"),
        ("5 Apr 2023", "7 Apr 2023", "fr", "5–7 avril 2023"),
        ("28 Feb 2023", "2 Mar 2023", "fr", "28 février – 2 mars 2023"),
        ("30 Dec 2022", "2 Jan 2023", "en", "30 Dec 2022 – 2 Jan 2023"),
        ("March 2023", "May 2023", "en", "March – May 2023"),
        ("early April 2023", "May 2023", "en", "early April 2023 – May 2023"),
        ("28 Feb 2023", "28 Feb 2023", "en", "28 Feb 2023"),
    ],
)
def test_ranges_read_naturally(start: str, end: str, lang: str, expected: str) -> None:
    assert format_range(parse_date(start), parse_date(end), lang) == expected  # type: ignore[arg-type]


def test_iso_form_keeps_precision() -> None:
    assert UncertainDate.from_iso("2023-04", "early") == parse_date("early April 2023")
    assert parse_date("c. 1995").iso == "1995"
    with pytest.raises(DateParseError):
        UncertainDate.from_iso("28 Feb 2023")


@st.composite
def uncertain_dates(draw: st.DrawFn) -> UncertainDate:
    day_value = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
    precision = draw(st.sampled_from(list(Precision)))
    if precision is Precision.DAY:
        qualifier = draw(
            st.sampled_from([Qualifier.EXACT, Qualifier.ABOUT, Qualifier.BEFORE, Qualifier.AFTER])
        )
        return UncertainDate(day_value.year, day_value.month, day_value.day, qualifier)
    qualifier = draw(st.sampled_from(list(Qualifier)))
    month = day_value.month if precision is Precision.MONTH else None
    return UncertainDate(day_value.year, month, None, qualifier)


@given(uncertain_dates(), st.sampled_from(["en", "fr"]))
def test_formatting_then_parsing_gives_the_same_date(value: UncertainDate, lang: str) -> None:
    assert parse_date(value.format(lang)) == value  # type: ignore[arg-type]


@given(uncertain_dates())
def test_bounds_are_ordered_and_contain_the_plain_date(value: UncertainDate) -> None:
    first, last = value.bounds()
    assert first <= last
    if value.qualifier is Qualifier.EXACT:
        plain = UncertainDate(value.year, value.month, value.day)
        assert (first, last) == plain.bounds()


@given(st.text(max_size=60))
def test_parsing_any_text_either_works_or_says_why(text: str) -> None:
    try:
        parse_date(text)
    except DateParseError as error:
        assert str(error)
