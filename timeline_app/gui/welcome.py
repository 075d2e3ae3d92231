"""What an empty timeline shows: where to start, with the commands that fill it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from timeline_app.gui.actions import plain_text


class WelcomePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.setAccessibleName(self.tr("Empty timeline"))
        heading = QLabel(self.tr("This timeline has no events yet"), self)
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(
            self.tr(
                "Add an event, import records you already have (the app's JSON, CSV, "
                "iCalendar, or the US Office of the Historian's travel and visit datasets; "
                "you can also drop files on this window), or start from the sample timeline."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(480)
        text.setMinimumHeight(text.heightForWidth(480))
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(2)
        self._layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addSpacing(12)
        self.buttons: list[QPushButton] = []
        self._tail = self._layout.count()
        self._layout.addStretch(3)

    def set_actions(self, actions: list[QAction]) -> None:
        """One button per action, labelled with its text and first shortcut."""
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            label = plain_text(action.text()) + (f"  ({keys})" if keys else "")
            button = QPushButton(label, self)
            button.setObjectName(f"welcome_{action.objectName()}")
            button.setMinimumWidth(280)
            button.clicked.connect(action.trigger)
            button.setEnabled(action.isEnabled())
            action.enabledChanged.connect(button.setEnabled)
            self._layout.insertWidget(self._tail, button, 0, Qt.AlignmentFlag.AlignHCenter)
            self._tail += 1
            self.buttons.append(button)
