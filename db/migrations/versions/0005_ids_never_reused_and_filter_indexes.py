"""Ids of events, actors, places, sources and trips are never reused; covering filter indexes.

Without ``AUTOINCREMENT``, SQLite gives a new row the largest id in use plus one: after the newest
event was deleted, the next new event took its id, and with it the deleted event's change history
(``event_change.event_id`` is not a foreign key, so that history outlives the event); the deleted
event then no longer showed under "Restore deleted". Undo and redo recreate actors, places,
sources and trips under their old ids, and a snapshot in the history names them by id, so these
tables get ``AUTOINCREMENT`` too. The others are left as they are: tags and saved views are
referred to by name, links (participation, places, sources, relations) and aliases only through
their event, actor or place, and ``event_change`` itself only ever grows.

Each table is rebuilt in batch mode (``recreate="always"``), which reflects it and keeps its
rows, ids, named CHECK constraints, unique constraints, foreign keys and indexes. The app runs
migrations with foreign keys not enforced (``core.database.upgrade``): dropping the old
``event`` table would otherwise delete every participation, link and external record of every
event. There are no triggers; the search index (``event_search``, see 0004) is keyed by event id,
which the rebuild keeps, so it needs nothing.

SQLite's counter for each table (``sqlite_sequence``) starts at its largest id; for ``event`` it
is then raised past every event id the history mentions, so the id of an event deleted before
this upgrade is not given again either.

The filters find events through the events of some actors, places or tags: the indexes on
``participation.actor_id``, ``event_place.place_id`` and ``event_tag.tag_id`` are replaced by ones
that also hold the ``event_id``, so those lists are read from the index alone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NEVER_REUSED = ("trip", "event", "actor", "place", "source")

#: (table, the index replaced, the columns of the covering index that replaces it)
COVERING = (
    ("participation", "ix_participation_actor_id", ("actor_id", "event_id")),
    ("event_place", "ix_event_place_place_id", ("place_id", "event_id")),
    ("event_tag", "ix_event_tag_tag_id", ("tag_id", "event_id")),
)

SEED_EVENT_SEQUENCE = """
UPDATE sqlite_sequence SET seq = max(
  seq,
  coalesce((SELECT max(id) FROM event), 0),
  coalesce((SELECT max(event_id) FROM event_change), 0))
WHERE name = 'event'
"""


def _foreign_keys_enforced() -> bool:
    return bool(op.get_bind().exec_driver_sql("PRAGMA foreign_keys").scalar())


def _rebuild(table: str, *, autoincrement: bool) -> None:
    with op.batch_alter_table(
        table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def upgrade() -> None:
    if _foreign_keys_enforced():
        raise RuntimeError(
            "migration 0005 rebuilds tables that others refer to: run it with foreign keys "
            "off (timeline_app.core.database.upgrade does)"
        )
    for table in NEVER_REUSED:
        _rebuild(table, autoincrement=True)
    # The copy set each counter to the table's largest id: make sure 'event' has its row,
    # then take the ids of deleted events in the history into account.
    op.execute(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'event', 0 "
        "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'event')"
    )
    op.execute(SEED_EVENT_SEQUENCE)
    for table, old, columns in COVERING:
        op.drop_index(old, table_name=table)
        op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=False)


def downgrade() -> None:
    if _foreign_keys_enforced():
        raise RuntimeError("migration 0005 must be undone with foreign keys off")
    for table, old, columns in COVERING:
        op.drop_index(f"ix_{table}_{'_'.join(columns)}", table_name=table)
        op.create_index(old, table, [columns[0]], unique=False)
    for table in NEVER_REUSED:
        _rebuild(table, autoincrement=False)
    op.execute(
        sa.text("DELETE FROM sqlite_sequence WHERE name IN :names").bindparams(
            sa.bindparam("names", list(NEVER_REUSED), expanding=True)
        )
    )
