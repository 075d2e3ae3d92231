"""File > Import… and Export…, drag and drop of files: the pieces the main window wires in.

- :func:`import_files` imports paths off the GUI thread behind a progress dialog with Cancel,
  then shows a report (what was added, updated and skipped, or every problem);
- :func:`import_dialog` asks for files (or a folder) first;
- :func:`export_dialog` asks for a file and a format, and writes the filtered events;
- :func:`accepts_drop` tells which dropped files can be imported.
"""

from timeline_app.gui.import_export.drops import accepts_drop
from timeline_app.gui.import_export.exporting import export_dialog
from timeline_app.gui.import_export.importing import ImportJob, import_dialog, import_files
from timeline_app.gui.import_export.report import ImportReportDialog

__all__ = [
    "ImportJob",
    "ImportReportDialog",
    "accepts_drop",
    "export_dialog",
    "import_dialog",
    "import_files",
]
