"""Import and export: File > Import…, File > Export…, and files dropped on the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from timeline_app.gui.features import Handlers, WindowFeature

# gui.import_export (and the importers and exporters, iCalendar among them) is loaded when first
# used, not while the window opens: the window's first frame does not wait for it.


class TransferFeature(WindowFeature):
    def handlers(self) -> Handlers:
        return {"import": self.import_files, "export": self.export_events}

    def actions_ready(self, actions: object) -> None:
        self.window.setAcceptDrops(True)
        self.window.installEventFilter(self)

    def import_files(self) -> None:
        if self.window.store.read_only:
            return
        from timeline_app.gui.import_export import import_dialog  # noqa: PLC0415 - see above

        import_dialog(self.window, self.window.store)

    def export_events(self) -> None:
        from timeline_app.gui.import_export import export_dialog  # noqa: PLC0415 - see above

        export_dialog(self.window, self.window.store, self.window.filter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if not isinstance(event, (QDragEnterEvent, QDragMoveEvent, QDropEvent)):
            return False
        from timeline_app.gui.import_export import (  # noqa: PLC0415 - see above
            accepts_drop,
            import_files,
        )

        if isinstance(event, (QDragEnterEvent, QDragMoveEvent)):
            if not self.window.store.read_only and accepts_drop(event.mimeData()):
                event.acceptProposedAction()
                return True
            event.ignore()
            return True
        if isinstance(event, QDropEvent):
            paths = accepts_drop(event.mimeData())
            if paths and not self.window.store.read_only:
                event.acceptProposedAction()
                import_files(self.window, self.window.store, paths)
                return True
        return False
