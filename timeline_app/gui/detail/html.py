"""The detail of an event as HTML for a QTextBrowser, every piece of user text escaped.

Titles, summaries, names and sources can hold anything (an import may carry HTML, Qt rich-text
tags or control characters): all of it goes through ``core.text.block`` (control characters and
bidirectional overrides made visible, very long fields clipped) and is then escaped, so it is
shown as text. Only http and https addresses become links (``core.text.is_web_address``); others
are shown, never opened. Internal links use the ``event:`` scheme.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from timeline_app.core.dates import Language, format_range
from timeline_app.core.records import EventDetail
from timeline_app.core.text import block, is_web_address, one_line
from timeline_app.core.vocabulary import Role

EVENT_SCHEME = "event"
TITLE_LIMIT = 500
TEXT_LIMIT = 5000


def clean(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` as HTML that shows it as text: control characters made visible, clipped past
    ``limit`` characters (with a note saying so), escaped."""
    result = escape(block(text, limit)).replace("\n", "<br>")
    if len(text) > limit:
        note = QCoreApplication.translate(
            "DetailPane", "clipped: {shown} of {total} characters"
        ).format(shown=limit, total=len(text))
        result += f" <span style='color:gray'>({escape(note)})</span>"
    return result


def event_link(event_id: int, text: str) -> str:
    return f"<a href='{EVENT_SCHEME}:{event_id}'>{clean(text, TITLE_LIMIT)}</a>"


def url_link(url: str, text: str | None = None) -> str:
    label = clean(text or url, TITLE_LIMIT)
    if is_web_address(url):
        return f"<a href='{escape(url, quote=True)}'>{label}</a>"
    note = escape(QCoreApplication.translate("DetailPane", "not a web address: not opened"))
    if text and text != url:  # the address itself is shown too, as text
        note = f"{clean(url, TITLE_LIMIT)} — {note}"
    return f"{label} <span style='color:gray'>({note})</span>"


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}"


def render(detail: EventDetail, lang: str = "en") -> str:
    row = detail.row
    language: Language = "fr" if lang == "fr" else "en"
    parts = [f"<h2>{clean(row.title, TITLE_LIMIT)}</h2>"]
    parts.append(
        f"<p><b>{escape(row.kind.label)}</b> · {escape(row.status.label)}<br>"
        f"{escape(format_range(row.start, row.end, language))}</p>"
    )
    if row.places:
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Places"),
                "<p>"
                + "<br>".join(clean(p.display(language), TITLE_LIMIT) for p in row.places)
                + "</p>",
            )
        )
    if detail.participants:
        items = []
        for role in Role:
            people = [p for p in detail.participants if p.role is role]
            if not people:
                continue
            names = ", ".join(
                clean(p.name, TITLE_LIMIT)
                + (
                    f" <span style='color:gray'>({clean(p.title, TITLE_LIMIT)})</span>"
                    if p.title
                    else ""
                )
                for p in people
            )
            items.append(f"<b>{escape(role.plural)}:</b> {names}")
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Participants"),
                "<p>" + "<br>".join(items) + "</p>",
            )
        )
    if detail.summary:
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Summary"),
                f"<p>{clean(detail.summary)}</p>",
            )
        )
    if detail.tags:
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Tags"),
                "<p>" + ", ".join(clean(t, 200) for t in detail.tags) + "</p>",
            )
        )
    if detail.sources:
        items = []
        for number, ref in enumerate(detail.sources, start=1):
            source = ref.source
            label = " — ".join(x for x in (source.outlet, source.title) if x) or source.url
            line = f"[{number}] {url_link(source.url, label)}"
            if source.published:
                line += f" ({escape(source.published.isoformat())})"
            if ref.note:
                line += f"<br><i>{clean(ref.note)}</i>"
            items.append(line)
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Sources"),
                "<p>" + "<br>".join(items) + "</p>",
            )
        )
    if detail.related:
        items = [
            f"{escape(rel.label)}: {event_link(rel.event_id, rel.title)}"
            f" ({escape(rel.start.format(language))})"
            for rel in detail.related
        ]
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Related events"),
                "<p>" + "<br>".join(items) + "</p>",
            )
        )
    if detail.trip is not None:
        legs = []
        for leg in detail.legs:
            dates = escape(format_range(leg.start, leg.end, language))
            if leg.event_id == detail.id:
                legs.append(f"<b>{dates}: {clean(leg.title, TITLE_LIMIT)}</b>")
            else:
                legs.append(f"{dates}: {event_link(leg.event_id, leg.title)}")
        body = "<p>" + "<br>".join(legs) + "</p>"
        trip = one_line(detail.trip.title, TITLE_LIMIT)
        parts.append(
            _section(
                QCoreApplication.translate("DetailPane", "Trip: {title}").format(title=trip), body
            )
        )
    return "\n".join(parts)


def plain_summary(detail: EventDetail, lang: str = "en") -> str:
    """One line for assistive technology: title and dates."""
    language: Language = "fr" if lang == "fr" else "en"
    dates = format_range(detail.row.start, detail.row.end, language)
    return f"{one_line(detail.row.title, TITLE_LIMIT)}, {dates}"
