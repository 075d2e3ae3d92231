"""Counts in English until a translation supplies plural forms.

Qt picks plural forms (``%n event(s)``) from a translation file; with none loaded the source
text comes back as is. Then the English rule is applied here, so the user reads "1 event" and
"13 events", never "13 event(s)".
"""

from __future__ import annotations

import re

_OPTIONAL_S = re.compile(r"\(s\)")


def count_text(translated: str, count: int) -> str:
    if "(s)" not in translated:
        return translated
    return _OPTIONAL_S.sub("" if count == 1 else "s", translated)
