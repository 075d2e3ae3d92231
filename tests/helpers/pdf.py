"""Reading printed PDFs back as a reader (or a search) would: their text, page by page."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Each page's text, with runs of white space made single spaces."""
    reader = PdfReader(path)
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def squeezed(text: str) -> str:
    """``text`` without any white space: a title or a URL wrapped over lines is found whole."""
    return "".join(text.split())


def page_sizes_pt(path: Path) -> list[tuple[float, float]]:
    return [
        (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        for page in PdfReader(path).pages
    ]
