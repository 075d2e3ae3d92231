"""GUI tests run in an application set up as the real one is: names, icon and translations."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from timeline_app.gui.app import create_application


@pytest.fixture(autouse=True, scope="session")
def _application(qapp: QApplication) -> QApplication:
    create_application()  # the qapp instance, given the app's translators ("13 events")
    return qapp
