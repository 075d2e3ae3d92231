"""The seed timeline shipped with the app, loaded through the native JSON importer."""

from __future__ import annotations

from timeline_app import paths
from timeline_app.core.io.native_json import import_document, read_document
from timeline_app.core.io.problems import ImportSummary
from timeline_app.core.store import Store


def load_seed(store: Store) -> ImportSummary:
    """Add the seed timeline to ``store`` in one transaction (not recorded as user changes)."""
    document = read_document(paths.seed_file())
    with store.writing(record_history=False) as writer:
        return import_document(writer, document, origin="seed")
