"""Initial schema: events, actors, places, sources, trips, relations, tags, countries.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from timeline_app.core.countries import all_countries

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "country",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_fr", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(code) = 2 AND code = upper(code)", name=op.f("ck_country_code")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_country")),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("outlet", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "url LIKE 'http://_%' OR url LIKE 'https://_%'", name=op.f("ck_source_url_http")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("url", name=op.f("uq_source_url")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100, collation="NOCASE"), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_tag_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("name", name=op.f("uq_tag_name")),
    )
    op.create_table(
        "trip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_trip_title_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trip")),
    )
    country = sa.table(
        "country",
        sa.column("code", sa.String),
        sa.column("name_en", sa.String),
        sa.column("name_fr", sa.String),
    )
    op.bulk_insert(
        country,
        [
            {"code": c.code, "name_en": c.name_en, "name_fr": c.name_fr}
            for c in all_countries().values()
        ],
    )
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.CheckConstraint(
            "kind IN ('person', 'organisation', 'state')", name=op.f("ck_actor_kind_known")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_actor_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_actor_country_code_country")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("name", name=op.f("uq_actor_name")),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_country_code"), ["country_code"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=1000), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("start_value", sa.String(length=10), nullable=False),
        sa.Column("start_qualifier", sa.String(length=8), nullable=False),
        sa.Column("start_earliest", sa.Date(), nullable=False),
        sa.Column("start_latest", sa.Date(), nullable=False),
        sa.Column("end_value", sa.String(length=10), nullable=True),
        sa.Column("end_qualifier", sa.String(length=8), nullable=True),
        sa.Column("end_earliest", sa.Date(), nullable=True),
        sa.Column("end_latest", sa.Date(), nullable=True),
        sa.Column("trip_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "end_qualifier IS NULL OR end_qualifier IN ('exact', 'about', 'before', 'after', 'early', 'mid', 'late')",
            name=op.f("ck_event_end_qualifier_known"),
        ),
        sa.CheckConstraint(
            "end_value IS NULL OR end_value GLOB '[0-9][0-9][0-9][0-9]' OR end_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR end_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'",
            name=op.f("ck_event_end_value_iso"),
        ),
        sa.CheckConstraint(
            "kind IN ('state_visit', 'official_visit', 'working_visit', 'ministerial_meeting', 'summit_talks', 'phone_call', 'announcement', 'statement', 'publication', 'report', 'sanctions_measure', 'other')",
            name=op.f("ck_event_kind_known"),
        ),
        sa.CheckConstraint(
            "start_qualifier IN ('exact', 'about', 'before', 'after', 'early', 'mid', 'late')",
            name=op.f("ck_event_start_qualifier_known"),
        ),
        sa.CheckConstraint(
            "start_value GLOB '[0-9][0-9][0-9][0-9]' OR start_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR start_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'",
            name=op.f("ck_event_start_value_iso"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'confirmed', 'ongoing', 'completed', 'postponed', 'cancelled')",
            name=op.f("ck_event_status_known"),
        ),
        sa.CheckConstraint(
            "(end_value IS NULL AND end_qualifier IS NULL AND end_earliest IS NULL AND end_latest IS NULL) OR (end_value IS NOT NULL AND end_qualifier IS NOT NULL AND end_earliest IS NOT NULL AND end_latest IS NOT NULL)",
            name=op.f("ck_event_end_complete"),
        ),
        sa.CheckConstraint(
            "end_latest IS NULL OR end_latest >= start_earliest",
            name=op.f("ck_event_end_not_before_start"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_event_title_not_empty")),
        sa.CheckConstraint(
            "start_latest >= start_earliest", name=op.f("ck_event_start_bounds_ordered")
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_event_version_positive")),
        sa.ForeignKeyConstraint(
            ["trip_id"], ["trip.id"], name=op.f("fk_event_trip_id_trip"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_span", ["start_earliest", "end_latest"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_trip_id"), ["trip_id"], unique=False)

    op.create_table(
        "place",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locality", sa.String(length=300), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_place_country_code_country")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place")),
        sa.UniqueConstraint(
            "locality", "country_code", name=op.f("uq_place_locality_country_code")
        ),
    )
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_country_code"), ["country_code"], unique=False)

    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_actor_alias_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_alias_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_alias")),
        sa.UniqueConstraint("actor_id", "name", name=op.f("uq_actor_alias_actor_id_name")),
    )
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_alias_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_actor_alias_name"), ["name"], unique=False)

    op.create_table(
        "event_place",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_place_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["place.id"],
            name=op.f("fk_event_place_place_id_place"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("event_id", "place_id", name=op.f("pk_event_place")),
    )
    with op.batch_alter_table("event_place", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_place_place_id"), ["place_id"], unique=False)

    op.create_table(
        "event_source",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_source_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_event_source_source_id_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("event_id", "source_id", name=op.f("pk_event_source")),
    )
    with op.batch_alter_table("event_source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_source_source_id"), ["source_id"], unique=False)

    op.create_table(
        "event_tag",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_tag_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_event_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "tag_id", name=op.f("pk_event_tag")),
    )
    with op.batch_alter_table("event_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "participation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "role IN ('visitor', 'host', 'participant', 'author')",
            name=op.f("ck_participation_role_known"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_participation_actor_id_actor"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_participation_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participation")),
        sa.UniqueConstraint(
            "event_id", "actor_id", "role", name=op.f("uq_participation_event_id_actor_id_role")
        ),
    )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participation_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "place_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_place_alias_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["place.id"],
            name=op.f("fk_place_alias_place_id_place"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_alias")),
        sa.UniqueConstraint("place_id", "name", name=op.f("uq_place_alias_place_id_name")),
    )
    with op.batch_alter_table("place_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_alias_place_id"), ["place_id"], unique=False)

    op.create_table(
        "relation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_event_id", sa.Integer(), nullable=False),
        sa.Column("to_event_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "type IN ('announces', 'part_of', 'follows', 'related')",
            name=op.f("ck_relation_type_known"),
        ),
        sa.CheckConstraint("from_event_id <> to_event_id", name=op.f("ck_relation_not_self")),
        sa.ForeignKeyConstraint(
            ["from_event_id"],
            ["event.id"],
            name=op.f("fk_relation_from_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_event_id"],
            ["event.id"],
            name=op.f("fk_relation_to_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relation")),
        sa.UniqueConstraint(
            "from_event_id",
            "to_event_id",
            "type",
            name=op.f("uq_relation_from_event_id_to_event_id_type"),
        ),
    )
    with op.batch_alter_table("relation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relation_to_event_id"), ["to_event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("relation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relation_to_event_id"))

    op.drop_table("relation")
    with op.batch_alter_table("place_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_alias_place_id"))

    op.drop_table("place_alias")
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_actor_id"))

    op.drop_table("participation")
    with op.batch_alter_table("event_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_tag_tag_id"))

    op.drop_table("event_tag")
    with op.batch_alter_table("event_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_source_source_id"))

    op.drop_table("event_source")
    with op.batch_alter_table("event_place", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_place_place_id"))

    op.drop_table("event_place")
    with op.batch_alter_table("actor_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_alias_name"))
        batch_op.drop_index(batch_op.f("ix_actor_alias_actor_id"))

    op.drop_table("actor_alias")
    with op.batch_alter_table("place", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_country_code"))

    op.drop_table("place")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_trip_id"))
        batch_op.drop_index("ix_event_span")

    op.drop_table("event")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_country_code"))

    op.drop_table("actor")
    op.drop_table("trip")
    op.drop_table("tag")
    op.drop_table("source")
    op.drop_table("country")
