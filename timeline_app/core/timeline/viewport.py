"""Which part of the timeline a rectangle shows, and the arithmetic of panning and zooming.

Time runs along x in *days*: day ``d`` (a :meth:`datetime.date.toordinal`) covers the pixels from
``x_of(d)`` to ``x_of(d + 1)``. Lanes stack along y; ``y`` is how far they are scrolled up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

MIN_PPD = 0.002  # pixels per day: about 0.7 px a year, far beyond "fit all" for 1000-9999
MAX_PPD = 240.0  # a day 240 px wide
DEFAULT_PPD = 4.0


def clamp_ppd(ppd: float) -> float:
    return min(max(ppd, MIN_PPD), MAX_PPD)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """The content area's view: the day at its left edge, its scale, its vertical scroll."""

    start: float
    ppd: float = DEFAULT_PPD
    y: float = 0.0

    def x_of(self, day: float) -> float:
        return (day - self.start) * self.ppd

    def day_at(self, x: float) -> float:
        return self.start + x / self.ppd

    def days(self, width: float) -> tuple[float, float]:
        """The (fractional) days at the left and the right edge of a content area."""
        return self.start, self.start + width / self.ppd

    def dates(self, width: float) -> tuple[date, date]:
        """The first and the last whole day shown, at least partly, in ``width`` pixels."""
        left, right = self.days(width)
        return _safe_date(left), _safe_date(max(left, right - 1e-9))

    def panned(self, dx: float = 0.0, dy: float = 0.0) -> TimeWindow:
        """Moved by ``dx`` pixels in time (positive: later) and ``dy`` pixels down."""
        return replace(self, start=self.start + dx / self.ppd, y=self.y + dy)

    def zoomed(self, factor: float, anchor_x: float) -> TimeWindow:
        """Scaled by ``factor`` (2: twice as wide), keeping the day at ``anchor_x`` in place."""
        ppd = clamp_ppd(self.ppd * factor)
        anchor = self.day_at(anchor_x)
        return replace(self, start=anchor - anchor_x / ppd, ppd=ppd)

    def centred_on(self, day: float, width: float) -> TimeWindow:
        return replace(self, start=day - width / 2 / self.ppd)

    @classmethod
    def fitting(
        cls, first_day: float, last_day: float, width: float, margin: float = 24.0, y: float = 0.0
    ) -> TimeWindow:
        """The window showing the days ``[first_day, last_day]`` (whole days) in ``width`` px."""
        span = max(last_day + 1 - first_day, 1.0)
        usable = max(width - 2 * margin, 1.0)
        ppd = clamp_ppd(usable / span)
        middle = (first_day + last_day + 1) / 2
        return cls(start=middle - width / 2 / ppd, ppd=ppd, y=y)


def _safe_date(day: float) -> date:
    ordinal = min(max(int(day // 1), 1), date.max.toordinal())
    return date.fromordinal(ordinal)
