"""The time axis: which ticks to draw at a given zoom, and their labels in English or French.

The finest unit whose every label fits in its cell is chosen (days, weeks, months, quarters,
years, decades, centuries, with 2- and 5-year and 20- and 50-year steps between), measured with
the actual font, so minor labels never overlap. Each scale also has a coarser *major* unit (the
month of days, the year of months...) whose labels name the context on a second row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from timeline_app.core.dates import Language, month_name
from timeline_app.core.timeline.metrics import TextMetrics

LABEL_PADDING = 10.0  # px kept free between two minor labels
FIRST_ORDINAL = date(1, 1, 1).toordinal()
LAST_ORDINAL = date(9999, 12, 31).toordinal()


class Unit(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


# The shortest length of one step of each unit, in days.
_MIN_DAYS = {
    Unit.DAY: 1,
    Unit.WEEK: 7,
    Unit.MONTH: 28,
    Unit.QUARTER: 90,
    Unit.YEAR: 365,
    Unit.DECADE: 3652,
    Unit.CENTURY: 36524,
}


@dataclass(frozen=True, slots=True)
class Scale:
    """Minor ticks every ``step`` ``unit``s, with ``major`` ticks naming the context."""

    unit: Unit
    step: int
    major: Unit | None

    @property
    def min_days(self) -> int:
        return _MIN_DAYS[self.unit] * self.step


LADDER: tuple[Scale, ...] = (
    Scale(Unit.DAY, 1, Unit.MONTH),
    Scale(Unit.WEEK, 1, Unit.MONTH),
    Scale(Unit.MONTH, 1, Unit.YEAR),
    Scale(Unit.QUARTER, 1, Unit.YEAR),
    Scale(Unit.YEAR, 1, Unit.DECADE),
    Scale(Unit.YEAR, 2, Unit.DECADE),
    Scale(Unit.YEAR, 5, Unit.DECADE),
    Scale(Unit.DECADE, 1, Unit.CENTURY),
    Scale(Unit.DECADE, 2, Unit.CENTURY),
    Scale(Unit.DECADE, 5, Unit.CENTURY),
    Scale(Unit.CENTURY, 1, None),
)


@dataclass(frozen=True, slots=True)
class Tick:
    """The start of a cell of the axis (a day ordinal) and its label."""

    day: int
    label: str


# -- labels ----------------------------------------------------------------------------------

_WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}
_FR_MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def short_month(month: int, lang: Language) -> str:
    return _FR_MONTHS_SHORT[month - 1] if lang == "fr" else month_name(month, "en", short=True)


def roman(number: int) -> str:
    parts: list[str] = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def century_name(first_year: int, lang: Language) -> str:
    """The century a ``..00`` year starts, as people name it: "20th century", "XXe siècle"."""
    number = first_year // 100 + 1
    if lang == "fr":
        return f"{roman(number)}{'er' if number == 1 else 'e'} siècle"
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix} century"


def label_variants(unit: Unit, day: date, lang: Language) -> tuple[str, ...]:
    """The label of a cell that starts on ``day``, longest form first."""
    if unit is Unit.DAY:
        return (f"{_WEEKDAYS[lang][day.weekday()]} {day.day}", str(day.day))
    if unit is Unit.WEEK:
        return (f"{day.day} {short_month(day.month, lang)}", str(day.day))
    if unit is Unit.MONTH:
        return (month_name(day.month, lang), short_month(day.month, lang))
    if unit is Unit.QUARTER:
        quarter = (day.month - 1) // 3 + 1
        return (f"T{quarter}" if lang == "fr" else f"Q{quarter}",)
    if unit is Unit.YEAR:
        return (str(day.year),)
    if unit is Unit.DECADE:
        decade = day.year - day.year % 10
        return (f"années {decade}", str(decade)) if lang == "fr" else (f"{decade}s",)
    return (str(day.year - day.year % 100),)


def major_variants(unit: Unit, day: date, lang: Language) -> tuple[str, ...]:
    """The context label of a major cell (the month of days, the year of months...)."""
    if unit is Unit.MONTH:
        return (
            f"{month_name(day.month, lang)} {day.year}",
            f"{short_month(day.month, lang)} {day.year}",
        )
    if unit is Unit.DECADE:
        return label_variants(Unit.DECADE, day, lang)
    if unit is Unit.CENTURY:
        return (century_name(day.year - day.year % 100, lang), str(day.year - day.year % 100))
    return (str(day.year),)


# Label texts that are as wide as any other of their unit, for measuring.
def _samples(unit: Unit, lang: Language) -> list[tuple[str, ...]]:
    if unit is Unit.DAY:
        return [label_variants(unit, date(2024, 1, 22 + k), lang) for k in range(7)]
    if unit in (Unit.WEEK, Unit.MONTH):
        return [label_variants(unit, date(2024, m, 28), lang) for m in range(1, 13)]
    if unit is Unit.QUARTER:
        return [label_variants(unit, date(2024, m, 1), lang) for m in (1, 4, 7, 10)]
    return [label_variants(unit, date(year, 1, 1), lang) for year in (1000, 1880, 2000)]


# -- choosing and listing ticks ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AxisChoice:
    scale: Scale
    variant: int  # which label form (0 = longest) fits every cell


class Axis:
    """Tick choice and tick lists for one font and language."""

    def __init__(self, metrics: TextMetrics, lang: Language = "en") -> None:
        self.metrics = metrics
        self.lang: Language = lang
        self._widths: dict[Unit, tuple[float, ...]] = {}

    def label_widths(self, unit: Unit) -> tuple[float, ...]:
        """For each label form of ``unit``, the widest label."""
        widths = self._widths.get(unit)
        if widths is None:
            samples = _samples(unit, self.lang)
            count = len(samples[0])
            widths = tuple(
                max(self.metrics.width(sample[k]) for sample in samples) for k in range(count)
            )
            self._widths[unit] = widths
        return widths

    def choose(self, ppd: float) -> AxisChoice:
        """The finest scale whose labels fit their cells at ``ppd`` pixels per day."""
        for scale in LADDER:
            cell = scale.min_days * ppd
            for variant, width in enumerate(self.label_widths(scale.unit)):
                if width + LABEL_PADDING <= cell:
                    return AxisChoice(scale, variant)
        return AxisChoice(LADDER[-1], len(self.label_widths(LADDER[-1].unit)) - 1)

    def minor_ticks(self, choice: AxisChoice, first_day: float, last_day: float) -> list[Tick]:
        """Cells of the minor unit covering ``[first_day, last_day]`` (and one beyond each end)."""
        scale = choice.scale
        return [
            Tick(day, _pick(label_variants(scale.unit, date.fromordinal(day), self.lang), choice))
            for day in boundaries(scale.unit, scale.step, first_day, last_day)
        ]

    def major_ticks(self, choice: AxisChoice, first_day: float, last_day: float) -> list[Tick]:
        major = choice.scale.major
        if major is None:
            return []
        return [
            Tick(day, major_variants(major, date.fromordinal(day), self.lang)[0])
            for day in boundaries(major, 1, first_day, last_day)
        ]

    def major_label_forms(self, unit: Unit, day: int) -> tuple[str, ...]:
        return major_variants(unit, date.fromordinal(day), self.lang)


def _pick(variants: tuple[str, ...], choice: AxisChoice) -> str:
    return variants[min(choice.variant, len(variants) - 1)]


def _clamp_day(day: float) -> int:
    return min(max(int(day // 1), FIRST_ORDINAL), LAST_ORDINAL)


def unit_start(unit: Unit, step: int, day: date) -> date:
    """The start of the cell holding ``day``."""
    if unit is Unit.DAY:
        return day
    if unit is Unit.WEEK:
        return day - timedelta(days=day.weekday())
    if unit is Unit.MONTH:
        return date(day.year, day.month, 1)
    if unit is Unit.QUARTER:
        return date(day.year, day.month - (day.month - 1) % 3, 1)
    years = {Unit.YEAR: 1, Unit.DECADE: 10, Unit.CENTURY: 100}[unit] * step
    return date(max(day.year - day.year % years, 1), 1, 1)


def next_start(unit: Unit, step: int, day: date) -> date | None:
    """The start of the cell after the one starting on ``day``; None past year 9999."""
    try:
        if unit is Unit.DAY:
            return day + timedelta(days=step)
        if unit is Unit.WEEK:
            return day + timedelta(days=7 * step)
        if unit in (Unit.MONTH, Unit.QUARTER):
            months = day.month - 1 + step * (3 if unit is Unit.QUARTER else 1)
            return date(day.year + months // 12, months % 12 + 1, 1)
        years = {Unit.YEAR: 1, Unit.DECADE: 10, Unit.CENTURY: 100}[unit] * step
        return date(day.year - day.year % years + years, 1, 1)
    except (OverflowError, ValueError):
        return None


def boundaries(unit: Unit, step: int, first_day: float, last_day: float) -> list[int]:
    """Cell starts from the one holding ``first_day`` to the first one after ``last_day``."""
    current: date | None = unit_start(unit, step, date.fromordinal(_clamp_day(first_day)))
    end = _clamp_day(last_day)
    days: list[int] = []
    while current is not None:
        ordinal = current.toordinal()
        days.append(ordinal)
        if ordinal > end:
            break
        current = next_start(unit, step, current)
    return days
