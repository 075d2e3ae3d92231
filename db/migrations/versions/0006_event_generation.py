"""Counters that move whenever events are added, removed or re-dated, or gain or lose sources.

The table of events and every filtered list of them are shown in time order (first possible
day, last possible day, id). Sorting tens of thousands of rows in SQL for each keystroke of a
filter costs more than finding them; the store keeps instead the order of all events in memory,
and which of them have sources (``core.store.time_order``), and works with those. The one row
of ``event_generation`` tells it when to read them again: triggers raise ``dates`` in the same
transaction as any insert or delete of an event or change of its dates, and ``sources`` with
any link of an event to a source made or removed, whether this app, another copy of it or
another program makes the change.

A later migration that rebuilds the ``event`` or ``event_source`` table (batch mode) drops these
triggers with the old table and must create them again (``TRIGGERS``); a test checks that they
fire at the head.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: name -> (when it fires, the counter it raises)
TRIGGERS = {
    "event_generation_insert": ("AFTER INSERT ON event", "dates"),
    "event_generation_delete": ("AFTER DELETE ON event", "dates"),
    "event_generation_dates": (
        "AFTER UPDATE OF start_earliest, start_latest, end_earliest, end_latest ON event",
        "dates",
    ),
    "event_generation_source_insert": ("AFTER INSERT ON event_source", "sources"),
    "event_generation_source_delete": ("AFTER DELETE ON event_source", "sources"),
    "event_generation_source_update": ("AFTER UPDATE OF event_id ON event_source", "sources"),
}


def upgrade() -> None:
    op.create_table(
        "event_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dates", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_event_generation_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_generation")),
    )
    op.execute("INSERT INTO event_generation (id, dates, sources) VALUES (1, 0, 0)")
    for name, (when, counter) in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} {when} BEGIN "
            f"UPDATE event_generation SET {counter} = {counter} + 1 WHERE id = 1; END"
        )


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("event_generation")
