"""External records: the dataset and record id an imported event came from.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "external_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "length(dataset) > 0 AND length(record_id) > 0",
            name=op.f("ck_external_record_not_empty"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_external_record_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_record")),
        sa.UniqueConstraint(
            "dataset", "record_id", name=op.f("uq_external_record_dataset_record_id")
        ),
    )
    with op.batch_alter_table("external_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_external_record_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("external_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_record_event_id"))
    op.drop_table("external_record")
