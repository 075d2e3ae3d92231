"""Full-text search: folding typed text into safe FTS5 queries, and the search index itself.

- :mod:`.text` turns whatever a user types into search tokens (case and accents folded) and an
  FTS5 ``MATCH`` expression built only from tokens it quotes itself, so no input is ever read as
  query syntax; it also finds the words to highlight in a cell.
- :mod:`.index` keeps the ``event_search`` FTS5 table: one document per event with its title,
  summary, actors and their aliases, places with their alternative names and countries (English
  and French), sources and tags.
"""

from timeline_app.core.search.text import fold, highlight_spans, match_expression, search_tokens

__all__ = ["fold", "highlight_spans", "match_expression", "search_tokens"]
