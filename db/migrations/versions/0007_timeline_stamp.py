"""A stamp that changes with anything a timeline draws, for the timeline kept between runs.

The app keeps the timeline it last laid out (the events in time order and their lanes) in the
user's cache folder (``core.timeline_cache``), and takes it at the next start instead of
reading and sorting every event again. It is taken only if ``event_generation.timeline`` is
still the value it was read at: triggers give it a new random value in the same transaction as
any insert, update or delete of an event, a participation, an actor, a place, an event's place,
a country or a trip, whoever makes the change. A random value rather than a count: a backup
put back, or any other copy of the file, does not reach the same value by other changes.

Bulk imports drop these triggers with those of 0006 for their own transaction and set a new
value once at its end (``core.store.time_order.counters_suspended``, which keeps the text of
all of them in ``TRIGGERS``; a test compares it with the database). A later migration that
rebuilds one of these tables (batch mode) drops its triggers with it and must make them again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The tables whose rows a timeline draws (its events, lanes and lane labels).
TABLES = ("event", "participation", "actor", "place", "event_place", "country", "trip")
OPERATIONS = ("insert", "update", "delete")


def trigger_names() -> list[str]:
    return [f"event_generation_timeline_{table}_{op_}" for table in TABLES for op_ in OPERATIONS]


def upgrade() -> None:
    op.add_column(
        "event_generation",
        sa.Column("timeline", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute("UPDATE event_generation SET timeline = random() WHERE id = 1")
    for table in TABLES:
        for operation in OPERATIONS:
            op.execute(
                f"CREATE TRIGGER event_generation_timeline_{table}_{operation} "
                f"AFTER {operation.upper()} ON {table} BEGIN "
                "UPDATE event_generation SET timeline = random() WHERE id = 1; END"
            )


def downgrade() -> None:
    for name in trigger_names():
        op.execute(f"DROP TRIGGER {name}")
    # Not in batch mode: rebuilding event_generation (a copy renamed into its place) is refused
    # by SQLite while 0006's triggers name it. SQLite 3.35+ drops a column in place.
    op.execute("ALTER TABLE event_generation DROP COLUMN timeline")
