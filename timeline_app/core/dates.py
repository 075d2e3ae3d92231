"""Uncertain dates: a day, a month or a year, possibly qualified.

An :class:`UncertainDate` is what a journalist writes down: ``28 Feb 2023``, ``early April 2023``,
``c. 1995``, ``before March 2023``. It has a *precision* (day, month or year) and a *qualifier*
(exact, about, before, after, and for month or year precision early/mid/late).

Every uncertain date covers a range of possible days, from :attr:`UncertainDate.earliest` to
:attr:`UncertainDate.latest`; ranges, overlaps and ordering use these bounds:

=============  ====================================================================
qualifier      possible days
=============  ====================================================================
exact          the day; every day of the month; every day of the year
early/mid/late days 1-10 / 11-20 / 21-end of the month;
               Jan-Apr / May-Aug / Sep-Dec of the year
about          the exact range widened by 3 days, 1 month or 2 years on each side
before         shortly before: the 7 days, the month or the year before
after          shortly after: the 7 days, the month or the year after
=============  ====================================================================

Parsing accepts English and French (``28 février 2023``, ``début avril 2023``, ``vers 1995``),
and :meth:`UncertainDate.format` writes either language; formatting then parsing gives the same
date back. Month names come from a :class:`dateutil.parser.parserinfo` and the arithmetic from
:mod:`dateutil.relativedelta`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal, cast

from dateutil.parser import parserinfo
from dateutil.relativedelta import relativedelta

from timeline_app.core.i18n import translate

Language = Literal["en", "fr"]

MIN_YEAR = 1000
MAX_YEAR = 9999


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    BEFORE = "before"
    AFTER = "after"
    EARLY = "early"
    MID = "mid"
    LATE = "late"


PART_QUALIFIERS = frozenset({Qualifier.EARLY, Qualifier.MID, Qualifier.LATE})
_QUALIFIERS = {q.value: q for q in Qualifier}


class DateParseError(ValueError):
    """Raised when a text cannot be read as a date; the message says why."""


class _MonthNames(parserinfo):
    """English and French month names, written without accents (input is folded first)."""

    MONTHS = cast(  # dateutil reads this class attribute
        Any,
        [
            ("jan", "january", "janv", "janvier"),
            ("feb", "february", "fev", "fevr", "fevrier"),
            ("mar", "march", "mars"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juil", "juillet"),
            ("aug", "august", "aou", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "decembre"),
        ],
    )


_MONTH_NAMES = _MonthNames()

_EN_MONTHS = tuple(calendar.month_name[m] for m in range(1, 13))
_EN_MONTHS_SHORT = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_FR_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def month_name(month: int, lang: Language = "en", *, short: bool = False) -> str:
    """The name of a month (1-12) in English or French."""
    if lang == "fr":
        return _FR_MONTHS[month - 1]
    return (_EN_MONTHS_SHORT if short else _EN_MONTHS)[month - 1]


def _fold(text: str) -> str:
    """Lower case, accents removed, spaces normalised: the form the parser reads."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(stripped.lower().split())


@dataclass(frozen=True, slots=True)
class UncertainDate:
    """A date known to the day, the month or the year, with a qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier = Qualifier.EXACT

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateParseError(
                translate("dates", "year {year} is outside {lo}-{hi}").format(
                    year=self.year, lo=MIN_YEAR, hi=MAX_YEAR
                )
            )
        if self.month is None and self.day is not None:
            raise DateParseError(translate("dates", "a day needs a month"))
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateParseError(
                translate("dates", "month {month} does not exist (months run 1-12)").format(
                    month=self.month
                )
            )
        if self.day is not None and self.month is not None:
            days = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= days:
                raise DateParseError(
                    translate(
                        "dates",
                        "{day} {month} {year} does not exist ({month} {year} has {days} days)",
                    ).format(day=self.day, month=month_name(self.month), year=self.year, days=days)
                )
        qualifier = Qualifier(self.qualifier)
        object.__setattr__(self, "qualifier", qualifier)
        if qualifier in PART_QUALIFIERS and self.day is not None:
            raise DateParseError(
                translate(
                    "dates", "'{word}' applies to a month or a year, not to a single day"
                ).format(word=qualifier.value)
            )

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_date(cls, value: date, qualifier: Qualifier = Qualifier.EXACT) -> UncertainDate:
        return cls(value.year, value.month, value.day, qualifier)

    @classmethod
    def from_iso(cls, value: str, qualifier: Qualifier | str = Qualifier.EXACT) -> UncertainDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the stored and exported form)."""
        match = _ISO.fullmatch(value.strip())
        if match is None:
            raise DateParseError(
                translate(
                    "dates", "'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
                ).format(text=value)
            )
        year, month, day = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            Qualifier(qualifier),
        )

    @classmethod
    def from_stored(cls, value: str, qualifier: str) -> UncertainDate:
        """Rebuild a date the store validated when it wrote it, without checking it again."""
        parts = value.split("-")
        result = object.__new__(cls)
        object.__setattr__(result, "year", int(parts[0]))
        object.__setattr__(result, "month", int(parts[1]) if len(parts) > 1 else None)
        object.__setattr__(result, "day", int(parts[2]) if len(parts) > 2 else None)
        object.__setattr__(result, "qualifier", _QUALIFIERS[qualifier])
        return result

    @classmethod
    def parse(cls, text: str) -> UncertainDate:
        """Read a date as a person writes it, in English or French; see the module docs."""
        return parse_date(text)

    # -- properties ---------------------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the date without its qualifier."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def is_exact_day(self) -> bool:
        return self.day is not None and self.qualifier is Qualifier.EXACT

    def _base_range(self) -> tuple[date, date]:
        """Possible days ignoring about/before/after (but honouring early/mid/late)."""
        if self.month is None:
            first, last = date(self.year, 1, 1), date(self.year, 12, 31)
            part = {Qualifier.EARLY: (1, 4), Qualifier.MID: (5, 8), Qualifier.LATE: (9, 12)}
            if self.qualifier in part:
                lo, hi = part[self.qualifier]
                first = date(self.year, lo, 1)
                last = date(self.year, hi, calendar.monthrange(self.year, hi)[1])
            return first, last
        if self.day is None:
            end = calendar.monthrange(self.year, self.month)[1]
            bounds = {Qualifier.EARLY: (1, 10), Qualifier.MID: (11, 20), Qualifier.LATE: (21, end)}
            lo, hi = bounds.get(self.qualifier, (1, end))
            return date(self.year, self.month, lo), date(self.year, self.month, hi)
        day = date(self.year, self.month, self.day)
        return day, day

    def bounds(self) -> tuple[date, date]:
        """The earliest and the latest possible day."""
        first, last = self._base_range()
        qualifier = self.qualifier
        if qualifier not in (Qualifier.ABOUT, Qualifier.BEFORE, Qualifier.AFTER):
            return first, last
        one_day = timedelta(days=1)
        if self.precision is Precision.DAY:
            width = timedelta(days=3 if qualifier is Qualifier.ABOUT else 7)
            if qualifier is Qualifier.ABOUT:
                return _shift(first, -width), _shift(last, width)
            if qualifier is Qualifier.BEFORE:
                return _shift(first, -width), _shift(first, -one_day)
            return _shift(last, one_day), _shift(last, width)
        unit = (
            relativedelta(months=1) if self.precision is Precision.MONTH else relativedelta(years=1)
        )
        reach = 2 if qualifier is Qualifier.ABOUT and self.precision is Precision.YEAR else 1
        if qualifier is Qualifier.ABOUT:
            return _shift(first, -unit * reach), _shift(first, unit * (reach + 1), -one_day)
        if qualifier is Qualifier.BEFORE:
            return _shift(first, -unit), _shift(first, -one_day)
        return _shift(last, one_day), _shift(first, unit * 2, -one_day)

    @property
    def earliest(self) -> date:
        return self.bounds()[0]

    @property
    def latest(self) -> date:
        return self.bounds()[1]

    def sort_key(self) -> tuple[int, int]:
        """Orders dates by their earliest, then their latest possible day."""
        first, last = self.bounds()
        return first.toordinal(), last.toordinal()

    # -- display ------------------------------------------------------------------------------

    def format(self, lang: Language = "en") -> str:
        """The date as a person reads it: ``early April 2023``, ``début avril 2023``."""
        return _format(self, lang)

    def __str__(self) -> str:
        return self.format("en")


_FIRST_DAY = date(MIN_YEAR, 1, 1)
_LAST_DAY = date(MAX_YEAR, 12, 31)


def _shift(value: date, *steps: relativedelta | timedelta) -> date:
    """``value`` moved by each step in turn, kept within the supported years."""
    try:
        for step in steps:
            value = value + step
    except (OverflowError, ValueError):
        return _FIRST_DAY if _is_negative(steps[0]) else _LAST_DAY
    return min(max(value, _FIRST_DAY), _LAST_DAY)


def _is_negative(step: relativedelta | timedelta) -> bool:
    if isinstance(step, timedelta):
        return step < timedelta(0)
    return (step.years, step.months, step.days) < (0, 0, 0)


# -- formatting -------------------------------------------------------------------------------

_PART_WORDS: dict[Language, dict[Qualifier, str]] = {
    "en": {Qualifier.EARLY: "early ", Qualifier.MID: "mid-", Qualifier.LATE: "late "},
    "fr": {Qualifier.EARLY: "début ", Qualifier.MID: "mi-", Qualifier.LATE: "fin "},
}


def _plain(value: UncertainDate, lang: Language) -> str:
    """The date without about/before/after."""
    if value.month is None:
        return str(value.year)
    month = month_name(value.month, lang, short=value.day is not None)
    if value.day is None:
        return f"{month} {value.year}"
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{day} {month} {value.year}"


def _format(value: UncertainDate, lang: Language) -> str:
    plain = _plain(value, lang)
    qualifier = value.qualifier
    if qualifier in PART_QUALIFIERS:
        return _PART_WORDS[lang][qualifier] + plain
    if qualifier is Qualifier.EXACT:
        return plain
    day_article = " le" if lang == "fr" and value.day is not None else ""
    words = {
        "en": {Qualifier.ABOUT: "c.", Qualifier.BEFORE: "before", Qualifier.AFTER: "after"},
        "fr": {Qualifier.ABOUT: "vers", Qualifier.BEFORE: "avant", Qualifier.AFTER: "après"},
    }[lang]
    return f"{words[qualifier]}{day_article} {plain}"


def format_range(start: UncertainDate, end: UncertainDate | None, lang: Language = "en") -> str:
    """A span as a person reads it: ``28 Feb – 2 Mar 2023``, ``5–7 Apr 2023``."""
    if end is None or end == start:
        return start.format(lang)
    if start.is_exact_day and end.is_exact_day and start.year == end.year:
        assert start.month is not None and end.month is not None  # exact days have months
        end_text = end.format(lang)
        start_day = "1er" if lang == "fr" and start.day == 1 else str(start.day)
        if start.month == end.month:
            return f"{start_day}–{end_text}"
        start_month = month_name(start.month, lang, short=True)
        return f"{start_day} {start_month} – {end_text}"
    if (
        start.precision is Precision.MONTH
        and end.precision is Precision.MONTH
        and start.qualifier is Qualifier.EXACT
        and end.qualifier is Qualifier.EXACT
        and start.year == end.year
    ):
        assert start.month is not None
        return f"{month_name(start.month, lang)} – {end.format(lang)}"
    return f"{start.format(lang)} – {end.format(lang)}"


# -- parsing ----------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

# Qualifier words, matched on folded text (lower case, no accents), longest first.
_PREFIXES: tuple[tuple[str, Qualifier], ...] = (
    (r"(?:au )?debut (?:de |d')?", Qualifier.EARLY),
    (r"early (?:in )?", Qualifier.EARLY),
    (r"(?:in )?the (?:early|beginning of) ", Qualifier.EARLY),
    (r"beginning of ", Qualifier.EARLY),
    (r"(?:au )?milieu (?:de |d')?", Qualifier.MID),
    (r"mid(?:dle of)?[ -]?", Qualifier.MID),
    (r"mi[ -]", Qualifier.MID),
    (r"(?:a la )?fin (?:de |d')?", Qualifier.LATE),
    (r"late (?:in )?", Qualifier.LATE),
    (r"end of ", Qualifier.LATE),
    (
        r"(?:circa|ca\.?|c\.|c |about|around|approx\.?|approximately|~ ?|vers (?:le )?|"
        r"environ |env\. ?)",
        Qualifier.ABOUT,
    ),
    (r"(?:before|avant (?:le )?)", Qualifier.BEFORE),
    (r"(?:after|apres (?:le )?)", Qualifier.AFTER),
)
_PREFIX_RES = tuple((re.compile(pattern), qualifier) for pattern, qualifier in _PREFIXES)

_WORD = r"([a-z]+)\.?"
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?"
_YEAR = r"(\d+)"
_DAY_MONTH_YEAR = re.compile(rf"{_DAY} {_WORD},? {_YEAR}")
_MONTH_DAY_YEAR = re.compile(rf"{_WORD} {_DAY},? {_YEAR}")
_MONTH_YEAR = re.compile(rf"{_WORD},? {_YEAR}")
_YEAR_ONLY = re.compile(r"(\d+)")
_NUMERIC = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


def _hint() -> str:
    return translate(
        "dates", "try 2023-02-28, 28 Feb 2023, February 2023, early April 2023 or c. 1995"
    )


def _month(word: str, text: str) -> int:
    number = _MONTH_NAMES.month(word)
    if number is None:
        raise DateParseError(
            translate("dates", "'{word}' in '{text}' is not a month name").format(
                word=word, text=text
            )
        )
    return int(number)


def _year(digits: str) -> int:
    if len(digits) != 4:
        raise DateParseError(
            translate("dates", "the year '{digits}' must have four digits").format(digits=digits)
        )
    return int(digits)


def _parse_core(core: str, original: str) -> tuple[int, int | None, int | None]:
    if match := _ISO.fullmatch(core):
        year, month, day = match.groups()
        return int(year), int(month) if month else None, int(day) if day else None
    if match := _DAY_MONTH_YEAR.fullmatch(core):
        day, word, year = match.groups()
        return _year(year), _month(word, original), int(day)
    if match := _MONTH_DAY_YEAR.fullmatch(core):
        word, day, year = match.groups()
        return _year(year), _month(word, original), int(day)
    if match := _MONTH_YEAR.fullmatch(core):
        word, year = match.groups()
        return _year(year), _month(word, original), None
    if match := _YEAR_ONLY.fullmatch(core):
        return _year(match.group(1)), None, None
    if _NUMERIC.fullmatch(core):
        raise DateParseError(
            translate(
                "dates",
                "'{text}' is ambiguous (day/month or month/day?); write 2023-02-28 or 28 Feb 2023",
            ).format(text=original)
        )
    raise DateParseError(
        translate("dates", "cannot read '{text}' as a date; {hint}").format(
            text=original, hint=_hint()
        )
    )


def parse_date(text: str) -> UncertainDate:
    """Read a date written by a person, in English or French.

    Raises :class:`DateParseError` with a message that says why the text is not a date.
    """
    original = text.strip()
    if not original:
        raise DateParseError(translate("dates", "the date is empty; {hint}").format(hint=_hint()))
    folded = _fold(original)
    folded = re.sub(r"^(?:le|on|the) ", "", folded)
    qualifier = Qualifier.EXACT
    for pattern, candidate in _PREFIX_RES:
        match = pattern.match(folded)
        if match and match.end() < len(folded):
            qualifier = candidate
            folded = folded[match.end() :].strip()
            break
    year, month, day = _parse_core(folded, original)
    return UncertainDate(year, month, day, qualifier)


def date_bounds(start: UncertainDate, end: UncertainDate | None) -> tuple[date, date]:
    """The first and last possible day of an event that runs from ``start`` to ``end``."""
    first, last = start.bounds()
    if end is not None:
        last = max(last, end.latest)
    return first, last


def end_before_start(start: UncertainDate, end: UncertainDate) -> bool:
    """True when ``end`` certainly falls before ``start``."""
    return end.latest < start.earliest


def days_between(first: date, last: date) -> int:
    return (last - first) // timedelta(days=1)
