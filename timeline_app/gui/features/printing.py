"""Printing from the window: File > Page Setup, Print Preview, Print and Export PDF.

Each command prints what the window shows: its filter (described in the page header as the
filter bar's chips describe it), the timeline's lane grouping and, as the user chooses in the
print options, the visible range, the selected event's range or everything. Print Preview, Print
and Export PDF open the print options first (layout, range, paper, orientation, the timeline's
width, title); what the user chose there or in Page Setup is kept for the window, so the next
print starts from it. A first print is a landscape timeline of the visible range.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from timeline_app.core import filter_chips
from timeline_app.core.printing import DateSpan, PrintJob, PrintLayout, RangeMode
from timeline_app.core.store.errors import NotFoundError
from timeline_app.gui.features import Handlers, WindowFeature

# gui.printing (Qt's print support, the layouts) is loaded by the commands, when first used: not
# while the window opens.


class PrintingFeature(WindowFeature):
    job: PrintJob | None = None  # the options last chosen in this window

    def handlers(self) -> Handlers:
        return {
            "page_setup": self.page_setup,
            "print_preview": self.print_preview,
            "print": self.print_document,
            "export_pdf": self.export_pdf,
        }

    # -- what the window shows ---------------------------------------------------------------

    def current_job(self) -> PrintJob:
        """A job for what the window shows now, with the options last chosen."""
        window = self.window
        timeline = window.timeline
        lang = timeline.lang
        flt = window.filter
        selection = self.selection_span()
        visible = DateSpan(*timeline.visible_range())
        base = self.job or PrintJob(
            layout=PrintLayout.TIMELINE, range_mode=RangeMode.VISIBLE, visible=visible
        )
        mode = base.range_mode
        if mode is RangeMode.SELECTION and selection is None:
            mode = RangeMode.VISIBLE  # nothing is selected now: the options show the choice
        return replace(
            base,
            filter=flt,
            filter_text=filter_chips.describe(flt, lang),
            lane_grouping=timeline.grouping().value,
            visible=visible,
            selection=selection,
            range_mode=mode,
            lang=lang,
            printed_on=None,
        )

    def selection_span(self) -> DateSpan | None:
        """The days of the selected event, from its earliest to its latest possible day."""
        current = self.window.selection.current
        if current is None:
            return None
        try:
            row = self.window.store.get_event(current).row
        except NotFoundError:
            return None
        return DateSpan(row.first_day, row.last_day)

    def _options(self) -> PrintJob | None:
        """The print options, asked for; the job chosen (and kept), or None when cancelled."""
        from timeline_app.gui.printing import options_dialog  # noqa: PLC0415 - see the imports

        job = options_dialog.edit_options(self.window, self.current_job())
        if job is not None:
            self.job = job
        return job

    # -- the commands ----------------------------------------------------------------------

    def page_setup(self) -> None:
        from timeline_app.gui.printing import interactive  # noqa: PLC0415 - see the imports

        job = interactive.page_setup(self.window, self.current_job())
        if job is not None:
            self.job = job

    def print_preview(self) -> bool:
        job = self._options()
        from timeline_app.gui.printing import interactive  # noqa: PLC0415 - see the imports

        return job is not None and interactive.print_preview(self.window, self.window.store, job)

    def print_document(self) -> bool:
        job = self._options()
        from timeline_app.gui.printing import interactive  # noqa: PLC0415 - see the imports

        return job is not None and interactive.print_document(self.window, self.window.store, job)

    def export_pdf(self, path: str | Path | None = None) -> Path | None:
        """Export a PDF (at ``path``, else where the user says); the file written, or None."""
        job = self._options()
        if job is None:
            return None
        from timeline_app.gui.printing import interactive  # noqa: PLC0415 - see the imports

        return interactive.export_pdf(self.window, self.window.store, job, path)
