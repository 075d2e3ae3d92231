"""The filter bar in a strip that scrolls sideways when its chips do not fit.

Many chips side by side could be wider than the screen, and a toolbar holding them would widen
the window to match. The strip takes the width it is given: the chips scroll, the scroll bar
appears only while they overflow, and a chip that takes the focus (Tab) is scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QSizePolicy, QWidget

from timeline_app.gui.search.filter_bar import FilterBar


class ChipsArea(QScrollArea):
    def __init__(self, bar: FilterBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChipsArea")
        self.bar = bar
        self.setWidget(bar)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the chips take the focus, not the strip
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)
        bar.filterChanged.connect(lambda _flt: self.fit())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.fit()

    def fit(self) -> None:
        """Be as tall as the chips, plus the scroll bar while they overflow."""
        overflow = self.bar.minimumSizeHint().width() > self.viewport().width()
        extra = self.horizontalScrollBar().sizeHint().height() if overflow else 0
        self.setFixedHeight(self.bar.sizeHint().height() + extra)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return super().event(event)

    def _focus_changed(self, _old: QObject | None, new: QObject | None) -> None:
        if isinstance(new, QWidget) and new is not self.bar and self.bar.isAncestorOf(new):
            self.ensureWidgetVisible(new)
