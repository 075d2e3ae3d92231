"""The widest of many lane labels, found while measuring few of them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.core.timeline.metrics import widest

WIDTHS = {"i": 3.0, "l": 3.0, "m": 11.0, "W": 12.0, " ": 4.0, "a": 7.0, "é": 7.0, "北": 16.0}
WIDEST_ASCII = 12.0  # the font's widest character, as Qt's maxWidth() gives it


class Measured:
    """Each character as wide as ``WIDTHS`` says (a CJK one wider than the font's widest:
    it comes from a fallback font); counts the texts measured."""

    def __init__(self) -> None:
        self.measured: list[str] = []

    def width(self, text: str) -> float:
        self.measured.append(text)
        return sum(WIDTHS[char] for char in text)

    def elide(self, text: str, width: float) -> str:
        return text


@given(st.lists(st.text(alphabet="ilmWaé 北", max_size=30), max_size=60))
def test_it_is_the_widest_of_all(texts: list[str]) -> None:
    metrics = Measured()
    found = widest(texts, metrics, WIDEST_ASCII, enough=10_000)
    assert found == max((sum(WIDTHS[c] for c in text) for text in texts), default=0.0)


def test_short_ascii_labels_are_not_measured_once_a_long_one_is_wider_than_they_can_be() -> None:
    texts = ["m" * 40, *("a" * (n % 12 + 1) for n in range(500))]  # 440 px; at most 144 px
    metrics = Measured()
    assert widest(texts, metrics, WIDEST_ASCII, enough=10_000) == 440.0
    assert metrics.measured == ["m" * 40]


def test_labels_in_other_scripts_are_always_measured() -> None:
    metrics = Measured()
    found = widest(["aaaaaaaaaa", "北北北北北"], metrics, WIDEST_ASCII, enough=10_000)
    assert found == 80.0  # five characters from a font wider than this one's widest


def test_it_stops_at_enough() -> None:
    metrics = Measured()
    found = widest(["mmmmmmmmmm", "mmmmmmmmm", "WWWWWWWW"], metrics, WIDEST_ASCII, enough=50)
    assert found == 110.0 and metrics.measured == ["mmmmmmmmmm"]


def test_labels_with_tabs_or_other_controls_are_always_measured() -> None:
    metrics = Measured()
    widths = {**WIDTHS, "\t": 40.0}  # a tab may advance far more than any character
    metrics.width = lambda text: sum(widths[char] for char in text)  # type: ignore[method-assign]
    assert widest(["mmmmmm", "a\ta"], metrics, WIDEST_ASCII, enough=10_000) == 66.0
    assert widest(["mmmmmm", "a\t\ta"], metrics, WIDEST_ASCII, enough=10_000) == 94.0
