"""Search text: folding, tokens, the FTS5 query built from them, and words to highlight.

What a user types is never handed to FTS5 as query syntax. It is folded (lower case, accents
removed), cut into word tokens (letters and digits; everything else separates words, so quotes,
``*``, brackets, ``-`` or control characters are just separators), and each token is quoted here
and made a prefix query. Operators such as ``AND``, ``OR``, ``NOT`` and ``NEAR`` therefore only
ever stand for the words "and", "or", "not" and "near". All tokens must match, anywhere in the
event's document; every token is a prefix so results follow typing ("pek" finds Pékin).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

#: More tokens than anyone types; a pasted page is cut here so a query stays fast.
MAX_TOKENS = 32
#: Longer tokens are cut (and still match as a prefix).
MAX_TOKEN_LENGTH = 64

# Letters that Unicode does not decompose into a base letter plus an accent.
_EXTRA_FOLDS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ħ": "h",
        "Ħ": "h",
        "ı": "i",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
        "Þ": "th",
    }
)
TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: ``Pékin`` -> ``pekin``, ``Łukaszenka`` -> ``lukaszenka``.

    The index stores folded text and queries are folded the same way, so matching ignores case
    and accents whatever SQLite's tokenizer knows about Unicode.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_tokens(text: str) -> list[str]:
    """The distinct word tokens of typed text, folded, in order (at most :data:`MAX_TOKENS`)."""
    seen: dict[str, None] = {}
    for token in TOKEN.findall(fold(text)):
        seen.setdefault(token[:MAX_TOKEN_LENGTH], None)
        if len(seen) == MAX_TOKENS:
            break
    return list(seen)


class Expander(Protocol):
    def expand(self, token: str) -> list[tuple[str, ...]]: ...


def match_expression(text: str, synonyms: Expander | None = None) -> str | None:
    """An FTS5 query for typed text, or None when it has no word.

    Every token must match, as the start of a word, or one of the other spellings that
    ``synonyms`` (:class:`~timeline_app.core.search.synonyms.Synonyms`) gives for it.
    """
    tokens = search_tokens(text)
    if not tokens:
        return None
    # Tokens hold letters and digits only, so they cannot close the quotes around them.
    groups = []
    for token in tokens:
        others = synonyms.expand(token) if synonyms is not None else []
        terms = [f'"{token}"*', *('"' + " ".join(phrase) + '"' for phrase in others)]
        groups.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " AND ".join(groups)


def _words(text: str) -> list[tuple[int, int]]:
    """Where the words of ``text`` are: letters and digits, with any accents that follow."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for position, ch in enumerate(text):
        inside = ch.isalnum() or (start is not None and unicodedata.combining(ch) > 0)
        if inside and start is None:
            start = position
        elif not inside and start is not None:
            spans.append((start, position))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def highlight_spans(
    query: str, text: str, synonyms: Expander | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` of the words in ``text`` that a search for ``query`` matches.

    A word matches when its folded form starts with one of the query's tokens, as in the index,
    or is a word of another spelling ``synonyms`` gives for a token (``Store.name_synonyms()``):
    ``highlight_spans("pek", "Visit to Pékin")`` -> ``[(9, 14)]``. For a table or timeline
    delegate to highlight matches.
    """
    tokens = search_tokens(query)
    if not tokens:
        return []
    others = {
        word
        for token in tokens
        for phrase in (synonyms.expand(token) if synonyms is not None else [])
        for word in phrase
    }
    return [
        (start, end)
        for start, end in _words(text)
        if any(
            part in others or any(part.startswith(token) for token in tokens)
            for part in TOKEN.findall(fold(text[start:end]))
        )
    ]
