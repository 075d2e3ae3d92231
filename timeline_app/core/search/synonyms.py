"""Other spellings of a name, so that every spelling of it finds the same events.

An actor's or a place's aliases are indexed with its events, but titles, summaries and source
titles are free text: a French headline says "Loukachenko en visite à Pékin". So a search word
that starts a word of some name is widened, at query time, to the corresponding word of the
other names of the same actor, place or country: "loukachenko" also looks for "lukashenko" and
"lukashenka", "pekin" for "beijing" and "peking", "chine" for "china". Query-time expansion
needs no reindexing when an alias is added.

Corresponding words, between spellings of a person's or a place's name: the same position when
two names have as many words ("Alexandre Loukachenko" / "Alexander Lukashenko"), otherwise first
to first and last to last ("Volodymyr Zelensky" / "Zelenskyy"); a one-word name stands for the
whole other name ("EBRD" / "European Bank for Reconstruction and Development"). Country names
are translations, whose words do not correspond ("Corée du Sud" / "South Korea"): only a
one-word name is widened, to the other names as whole phrases ("Chine" / "China").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from timeline_app.core import countries
from timeline_app.core.search.text import TOKEN, fold

#: Shorter search words are not widened: as one types "p", "pe", the results stay predictable.
MIN_LENGTH = 3
#: At most this many other spellings per search word (a short prefix may start many names).
MAX_EXPANSIONS = 24

Phrase = tuple[str, ...]


def name_tokens(name: str) -> Phrase:
    return tuple(TOKEN.findall(fold(name)))


@dataclass
class Synonyms:
    """Groups of names that stand for the same thing, and a sorted word list to find them."""

    groups: list[tuple[Phrase, ...]] = field(default_factory=list)
    aligned: list[bool] = field(default_factory=list)
    _words: list[str] = field(default_factory=list)
    _where: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)

    @classmethod
    def from_groups(cls, groups: Iterable[Iterable[str]], *, aligned: bool = True) -> Synonyms:
        """Groups of names of one thing each; ``aligned`` for spellings, not translations."""
        result = cls()
        for names in groups:
            result._add(tuple(dict.fromkeys(p for p in map(name_tokens, names) if p)), aligned)
        result._build()
        return result

    def _add(self, forms: tuple[Phrase, ...], aligned: bool) -> None:
        if len(forms) > 1:
            self.groups.append(forms)
            self.aligned.append(aligned)

    def _build(self) -> None:
        self._where = {}
        for g, forms in enumerate(self.groups):
            for f, form in enumerate(forms):
                for position, word in enumerate(form):
                    self._where.setdefault(word, []).append((g, f, position))
        self._words = sorted(self._where)

    def _words_starting(self, token: str) -> list[str]:
        start = bisect.bisect_left(self._words, token)
        end = start
        while end < len(self._words) and self._words[end].startswith(token):
            end += 1
        return self._words[start:end]

    def expand(self, token: str) -> list[Phrase]:
        """The other words or phrases to look for with a search word (itself not included)."""
        if len(token) < MIN_LENGTH:
            return []
        found: dict[Phrase, None] = {}
        for word in self._words_starting(token):
            for g, f, position in self._where[word]:
                form = self.groups[g][f]
                if not self.aligned[g] and len(form) > 1:
                    continue
                for other in self.groups[g]:
                    if other is not form:
                        match = _corresponding(form, position, other)
                        if match and not (len(match) == 1 and match[0].startswith(token)):
                            found.setdefault(match, None)
        return list(found)[:MAX_EXPANSIONS]


@dataclass(frozen=True)
class Combined:
    """Several sets of synonyms consulted together."""

    parts: tuple[Synonyms, ...]

    def expand(self, token: str) -> list[Phrase]:
        found: dict[Phrase, None] = {}
        for part in self.parts:
            found.update(dict.fromkeys(part.expand(token)))
        return list(found)[:MAX_EXPANSIONS]


def _corresponding(form: Phrase, position: int, other: Phrase) -> Phrase | None:
    if len(form) == len(other):
        return (other[position],)
    if len(form) == 1:
        return other
    if position == len(form) - 1:
        return (other[-1],)
    if position == 0:
        return (other[0],)
    return None


@cache
def country_synonyms() -> Synonyms:
    """Countries' English, French and official French names ("China", "Chine")."""
    return Synonyms.from_groups(
        (
            (c.name_en, c.name_fr, countries.french_name(c.code))
            for c in countries.all_countries().values()
        ),
        aligned=False,
    )
