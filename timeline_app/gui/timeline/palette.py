"""The timeline's colours, light or dark, taken from the widget palette.

Hue tells the kind of event (visits blue, meetings green, statements orange, papers purple,
sanctions vermilion: the Okabe-Ito colours, told apart by colour-blind readers); status is shown
by pattern (see the renderer), so the timeline also reads in greyscale. Printing passes
:meth:`TimelinePalette.light` whatever the screen uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from timeline_app.core.vocabulary import Kind

_KIND_HUES = {
    Kind.STATE_VISIT: "#0072B2",
    Kind.OFFICIAL_VISIT: "#0072B2",
    Kind.WORKING_VISIT: "#3D8FC6",
    Kind.MINISTERIAL_MEETING: "#009E73",
    Kind.SUMMIT_TALKS: "#009E73",
    Kind.PHONE_CALL: "#2BAE8A",
    Kind.ANNOUNCEMENT: "#E69F00",
    Kind.STATEMENT: "#E69F00",
    Kind.PUBLICATION: "#CC79A7",
    Kind.REPORT: "#CC79A7",
    Kind.SANCTIONS_MEASURE: "#D55E00",
    Kind.OTHER: "#7F7F7F",
}


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        a.alphaF() + (b.alphaF() - a.alphaF()) * amount,
    )


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    black, white = QColor("#000000"), QColor("#FFFFFF")
    return black if contrast(fill, black) >= contrast(fill, white) else white


@dataclass(frozen=True)
class TimelinePalette:
    background: QColor
    alternate: QColor  # every other lane
    grid: QColor
    grid_major: QColor
    axis_background: QColor
    header_background: QColor
    text: QColor
    muted_text: QColor
    muted_fill: QColor  # cancelled and postponed events
    separator: QColor
    selection: QColor
    focus: QColor
    today: QColor
    search: QColor  # search matches
    band: QColor  # density bands and clusters
    kinds: dict[Kind, QColor]
    dark: bool

    def kind(self, kind: Kind) -> QColor:
        return self.kinds[kind]

    @classmethod
    def light(cls) -> TimelinePalette:
        """The light palette (also the one for paper)."""
        return cls(
            background=QColor("#FFFFFF"),
            alternate=QColor("#F4F6F8"),
            grid=QColor("#E3E6EA"),
            grid_major=QColor("#BCC3CB"),
            axis_background=QColor("#EDF0F3"),
            header_background=QColor("#EDF0F3"),
            text=QColor("#1B1F24"),
            muted_text=QColor("#59616B"),
            muted_fill=QColor("#A3A9B0"),
            separator=QColor("#C9CFD6"),
            selection=QColor("#1A56C4"),
            focus=QColor("#1B1F24"),
            today=QColor("#C62828"),
            search=QColor("#FFC928"),
            band=QColor("#5B6B7E"),
            kinds={kind: QColor(hue) for kind, hue in _KIND_HUES.items()},
            dark=False,
        )

    @classmethod
    def dark_palette(cls) -> TimelinePalette:
        white = QColor("#FFFFFF")
        return cls(
            background=QColor("#1E2125"),
            alternate=QColor("#25292E"),
            grid=QColor("#33383F"),
            grid_major=QColor("#4F5761"),
            axis_background=QColor("#2A2E34"),
            header_background=QColor("#2A2E34"),
            text=QColor("#E8EAED"),
            muted_text=QColor("#A7AEB7"),
            muted_fill=QColor("#6C737C"),
            separator=QColor("#3E444C"),
            selection=QColor("#6EA8FF"),
            focus=QColor("#E8EAED"),
            today=QColor("#FF6B6B"),
            search=QColor("#D4A017"),
            band=QColor("#8FA3B8"),
            kinds={kind: mix(QColor(hue), white, 0.18) for kind, hue in _KIND_HUES.items()},
            dark=True,
        )

    @classmethod
    def from_palette(cls, palette: QPalette) -> TimelinePalette:
        """Light or dark to match a widget palette, with its own base, text and highlight."""
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = luminance(base) < luminance(text)
        chosen = cls.dark_palette() if dark else cls.light()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        selection = highlight if contrast(highlight, base) >= 3.0 else chosen.selection
        return cls(
            background=base,
            alternate=mix(base, text, 0.04),
            grid=mix(base, text, 0.10),
            grid_major=mix(base, text, 0.28),
            axis_background=mix(base, text, 0.07),
            header_background=mix(base, text, 0.07),
            text=text,
            muted_text=mix(text, base, 0.35),
            muted_fill=chosen.muted_fill,
            separator=mix(base, text, 0.20),
            selection=selection,
            focus=text,
            today=chosen.today,
            search=chosen.search,
            band=chosen.band,
            kinds=chosen.kinds,
            dark=dark,
        )
