"""What to print, described without Qt: a :class:`PrintJob`.

The window, the options dialog and ``timeline-app print`` all build a ``PrintJob``; the Qt side
(``timeline_app.gui.printing``) turns it into pages. A job names

- the *layout* (``timeline`` or ``chronology``), the *paper* (A4, Letter, A3 or Legal; any other
  size is refused with a message that lists these), the *orientation* (landscape by default) and
  the margins;
- for the timeline layout, its width: fit to ``pages_wide`` pages, or a time scale in days per
  centimetre (``days_per_cm``, which wins when set), and the lane grouping of the view;
- the *range*: everything, the visible range of the timeline, the selection's range, or dates
  typed by the user (either end may be open);
- the active :class:`EventFilter` and a human description of it for the page header (the
  filter bar's chips, :func:`filter_chips.describe`, unless the window gives its own);
- the title, the language of dates and the printing date.

A job is checked when it is made: an invalid one raises :class:`PrintJobError`, whose ``field``
names what is wrong and whose message says why, fit to show as is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from timeline_app.core import filter_chips
from timeline_app.core.dates import Language, UncertainDate, format_range
from timeline_app.core.filters import EventFilter
from timeline_app.core.i18n import translate

MAX_PAGES_WIDE = 50
MAX_MARGIN_MM = 50.0  # even A4 keeps 110 mm inside such margins
LANE_GROUPINGS = ("actor", "country", "trip", "kind", "none")  # the View > Group Lanes By choices


class PrintJobError(ValueError):
    """A print job that cannot be made; ``field`` names the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class PrintLayout(StrEnum):
    TIMELINE = "timeline"
    CHRONOLOGY = "chronology"

    @property
    def label(self) -> str:
        if self is PrintLayout.TIMELINE:
            return translate("printing", "Timeline")
        return translate("printing", "Chronology")


class Paper(StrEnum):
    A4 = "A4"
    LETTER = "Letter"
    A3 = "A3"
    LEGAL = "Legal"

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in portrait, in millimetres."""
        return _PAPER_MM[self]

    @classmethod
    def parse(cls, text: str) -> Paper:
        """The paper named ``text`` (any case); an unknown size raises PrintJobError."""
        wanted = text.strip().casefold()
        for paper in cls:
            if paper.value.casefold() == wanted:
                return paper
        raise PrintJobError(
            "paper",
            translate(
                "printing", "'{text}' is not a paper size this app prints on; choose one of {known}"
            ).format(text=text, known=", ".join(paper.value for paper in cls)),
        )


_PAPER_MM = {
    Paper.A4: (210.0, 297.0),
    Paper.LETTER: (215.9, 279.4),
    Paper.A3: (297.0, 420.0),
    Paper.LEGAL: (215.9, 355.6),
}


class Orientation(StrEnum):
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"

    @property
    def label(self) -> str:
        if self is Orientation.LANDSCAPE:
            return translate("printing", "Landscape")
        return translate("printing", "Portrait")


class RangeMode(StrEnum):
    EVERYTHING = "everything"
    VISIBLE = "visible"
    SELECTION = "selection"
    DATES = "dates"

    @property
    def label(self) -> str:
        labels = {
            "everything": translate("printing", "Everything"),
            "visible": translate("printing", "The visible range"),
            "selection": translate("printing", "The selection's range"),
            "dates": translate("printing", "From and to dates"),
        }
        return labels[self.value]


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A range of days, both ends included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise PrintJobError(
                "range",
                translate("printing", "the range ends ({last}) before it starts ({first})").format(
                    last=_day(self.last, "en"), first=_day(self.first, "en")
                ),
            )

    def text(self, lang: Language = "en") -> str:
        return span_text(self.first, self.last, lang)


@dataclass(frozen=True, slots=True)
class Margins:
    """Page margins in millimetres."""

    left: float = 15.0
    top: float = 12.0
    right: float = 15.0
    bottom: float = 12.0

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.left, self.top, self.right, self.bottom)


@dataclass(frozen=True, slots=True)
class PrintJob:
    """Everything that decides what a print, a preview or a PDF shows. Checked when made."""

    layout: PrintLayout = PrintLayout.CHRONOLOGY
    paper: Paper = Paper.A4
    orientation: Orientation = Orientation.LANDSCAPE
    margins: Margins = field(default_factory=Margins)
    pages_wide: int = 1
    days_per_cm: float | None = None
    range_mode: RangeMode = RangeMode.EVERYTHING
    date_from: date | None = None  # the typed range (RangeMode.DATES); either end may be open
    date_to: date | None = None
    visible: DateSpan | None = None  # what the timeline shows, filled in by the window
    selection: DateSpan | None = None  # the selected events' days, filled in by the window
    filter: EventFilter = field(default_factory=EventFilter)
    filter_text: str = ""  # how the window describes its filter; empty: described here
    title: str = ""  # empty: the layout's name
    lane_grouping: str = "actor"
    lang: Language = "en"
    printed_on: date | None = None  # empty: today

    def __post_init__(self) -> None:
        for name, kind in (
            ("layout", PrintLayout),
            ("paper", Paper),
            ("orientation", Orientation),
            ("range_mode", RangeMode),
        ):
            value = getattr(self, name)
            if not isinstance(value, kind):
                if kind is Paper:
                    object.__setattr__(self, name, Paper.parse(str(value)))
                    continue
                try:
                    object.__setattr__(self, name, kind(value))
                except ValueError:
                    known = ", ".join(item.value for item in kind)
                    raise PrintJobError(
                        name,
                        translate("printing", "'{value}' is not one of {known}").format(
                            value=value, known=known
                        ),
                    ) from None
        self._check_size()
        self._check_range()
        if self.lane_grouping not in LANE_GROUPINGS:
            raise PrintJobError(
                "lane_grouping",
                translate(
                    "printing", "'{value}' is not a lane grouping; choose one of {known}"
                ).format(value=self.lane_grouping, known=", ".join(LANE_GROUPINGS)),
            )
        if self.lang not in ("en", "fr"):
            raise PrintJobError("lang", translate("printing", "the language must be en or fr"))

    def _check_size(self) -> None:
        if isinstance(self.pages_wide, bool) or not isinstance(self.pages_wide, int):
            raise PrintJobError(
                "pages_wide", translate("printing", "the number of pages wide must be a number")
            )
        if not 1 <= self.pages_wide <= MAX_PAGES_WIDE:
            raise PrintJobError(
                "pages_wide",
                translate(
                    "printing", "the number of pages wide must be between 1 and {most}, not {value}"
                ).format(most=MAX_PAGES_WIDE, value=self.pages_wide),
            )
        if self.days_per_cm is not None and not (
            math.isfinite(self.days_per_cm) and self.days_per_cm > 0
        ):
            raise PrintJobError(
                "days_per_cm",
                translate("printing", "the time scale must be a number of days above 0"),
            )
        for side, value in zip(
            ("left", "top", "right", "bottom"), self.margins.as_tuple(), strict=True
        ):
            if not 0 <= value <= MAX_MARGIN_MM:
                raise PrintJobError(
                    "margins",
                    translate(
                        "printing", "the {side} margin must be between 0 and {most} mm"
                    ).format(side=side, most=int(MAX_MARGIN_MM)),
                )

    def _check_range(self) -> None:
        mode = self.range_mode
        if mode is RangeMode.VISIBLE and self.visible is None:
            raise PrintJobError(
                "range", translate("printing", "there is no visible range to print")
            )
        if mode is RangeMode.SELECTION and self.selection is None:
            raise PrintJobError(
                "range",
                translate(
                    "printing", "nothing is selected: select an event, or print another range"
                ),
            )
        if mode is RangeMode.DATES:
            if self.date_from is None and self.date_to is None:
                raise PrintJobError(
                    "range", translate("printing", "give a start date, an end date or both")
                )
            if self.date_from and self.date_to and self.date_to < self.date_from:
                raise PrintJobError(
                    "range",
                    translate(
                        "printing", "the end date ({last}) is before the start date ({first})"
                    ).format(
                        last=_day(self.date_to, self.lang), first=_day(self.date_from, self.lang)
                    ),
                )

    # -- derived ----------------------------------------------------------------------------

    @property
    def page_size_mm(self) -> tuple[float, float]:
        """Width and height of the paper as printed (landscape swaps them)."""
        width, height = self.paper.size_mm
        if self.orientation is Orientation.LANDSCAPE:
            return height, width
        return width, height

    def range_bounds(self) -> tuple[date | None, date | None]:
        """The days the range asks for; ``None`` for an open end."""
        if self.range_mode is RangeMode.VISIBLE and self.visible is not None:
            return self.visible.first, self.visible.last
        if self.range_mode is RangeMode.SELECTION and self.selection is not None:
            return self.selection.first, self.selection.last
        if self.range_mode is RangeMode.DATES:
            return self.date_from, self.date_to
        return None, None

    def effective_filter(self) -> EventFilter:
        """The filter, narrowed to the range: the events this job prints."""
        first, last = self.range_bounds()
        flt = self.filter
        if flt.date_from is not None:
            first = flt.date_from if first is None else max(first, flt.date_from)
        if flt.date_to is not None:
            last = flt.date_to if last is None else min(last, flt.date_to)
        return replace(flt, date_from=first, date_to=last)

    def display_title(self) -> str:
        return self.title.strip() or self.layout.label

    def filter_description(self) -> str:
        """The filter in words ("" when it filters nothing but dates, shown as the range)."""
        return self.filter_text.strip() or describe_filter(self.filter, self.lang)

    def range_description(
        self, first_event: UncertainDate | None = None, last_event: UncertainDate | None = None
    ) -> str:
        """The dates for the header: the range asked for, or else from the first printed
        event's start to the last one's end (``c. 1995 – late May 2024``)."""
        flt = self.effective_filter()
        first, last = flt.date_from, flt.date_to
        if first is None and last is None:
            if first_event is None or last_event is None:
                return ""
            if first_event == last_event:
                return first_event.format(self.lang)
            return format_range(first_event, last_event, self.lang)
        if first is not None and last is not None:
            return span_text(first, last, self.lang)
        if first is not None:
            return translate("printing", "from {day}").format(day=_day(first, self.lang))
        if last is not None:
            return translate("printing", "until {day}").format(day=_day(last, self.lang))
        return ""

    def nothing_to_print(self) -> str:
        """Why a job prints nothing, for the message shown instead of an empty document."""
        flt = self.effective_filter()
        first, last = flt.date_from, flt.date_to
        if first is not None and last is not None and last < first:
            return translate(
                "printing", "nothing to print: the range and the filter's dates do not overlap"
            )
        if first is not None and last is not None:
            scope = translate("printing", "between {first} and {last}").format(
                first=_day(first, self.lang), last=_day(last, self.lang)
            )
        elif first is not None:
            scope = translate("printing", "from {first} on").format(first=_day(first, self.lang))
        elif last is not None:
            scope = translate("printing", "until {last}").format(last=_day(last, self.lang))
        else:
            scope = ""
        described = self.filter_description()
        if not described and not scope:
            return translate("printing", "nothing to print: the timeline has no events")
        if not described:
            return translate("printing", "nothing to print: no event {scope}").format(scope=scope)
        if not scope:
            return translate(
                "printing", "nothing to print: no event matches the filter ({flt})"
            ).format(flt=described)
        return translate(
            "printing", "nothing to print: no event {scope} matches the filter ({flt})"
        ).format(scope=scope, flt=described)

    def printing_date(self) -> date:
        return self.printed_on or date.today()


# -- text ----------------------------------------------------------------------------------------


def _day(value: date, lang: Language) -> str:
    return UncertainDate.from_date(value).format(lang)


def span_text(first: date, last: date, lang: Language = "en") -> str:
    """``28 Feb – 14 Apr 2023``: a range of days as a person reads it."""
    return format_range(UncertainDate.from_date(first), UncertainDate.from_date(last), lang)


def describe_filter(flt: EventFilter, lang: Language = "en") -> str:
    """The filter in words for a page header, its dates left to the range; "" for none."""
    return filter_chips.describe(replace(flt, date_from=None, date_to=None), lang)
