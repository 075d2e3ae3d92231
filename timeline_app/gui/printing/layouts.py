"""The print layouts, by name: how a new layout plugs in.

To add a layout, write ``build(context: PrintContext) -> PagedDocument`` (see ``document.py``)
and add it to :data:`LAYOUTS` under its :class:`PrintLayout` (or call :func:`register`). Every
way of printing (preview, printer, PDF, ``timeline-app print``) then offers it; a layout missing
from the table is refused (:class:`LayoutUnavailable`) with a clear message instead of printing
something else.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from timeline_app.core.printing import PrintLayout
from timeline_app.gui.printing import chronology, timeline_layout
from timeline_app.gui.printing.document import LayoutBuilder, LayoutUnavailable

LAYOUTS: dict[PrintLayout, LayoutBuilder] = {
    PrintLayout.CHRONOLOGY: chronology.build,
    PrintLayout.TIMELINE: timeline_layout.build,
}


def register(layout: PrintLayout, builder: LayoutBuilder) -> None:
    LAYOUTS[layout] = builder


def builder_for(layout: PrintLayout) -> LayoutBuilder:
    try:
        return LAYOUTS[layout]
    except KeyError:
        raise LayoutUnavailable(
            QCoreApplication.translate(
                "Printing", "This version cannot print the {layout} layout; choose another."
            ).format(layout=layout.label.lower())
        ) from None
