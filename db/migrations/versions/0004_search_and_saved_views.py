"""Full-text search index (FTS5) over events, and saved views.

``event_search`` is an FTS5 virtual table with one document per event (rowid = event id) and
folded text in six columns: title, summary, actors (names and aliases), places (localities,
alternative names, country names in English and French), sources (titles and outlets), tags. It
is filled here for the events already in the file; from then on the app's Writer keeps it up to
date (see ``timeline_app.core.search.index``).

The SQL that gathers each event's text is a copy, frozen at this revision's schema, of the one in
``timeline_app.core.search.index``: a later change to that module must not change what this
migration reads from an older file. The folding function comes from the app (as 0001 takes its
country names from it): the index and the queries must fold the same way.

``saved_view`` holds named views (a filter, a lane grouping and a zoom, as JSON).

``ix_event_listing`` covers listing event ids in time order under the kind, status and date
filters, so that filtering 100,000 events reads no row of the event table.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from timeline_app.core.search.text import fold

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("title", "summary", "actors", "places", "sources", "tags")

CREATE_INDEX = (
    "CREATE VIRTUAL TABLE event_search USING fts5("
    "title, summary, actors, places, sources, tags, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
)

DOCUMENTS = """
SELECT e.id, e.title, e.summary,
  (SELECT group_concat(a.name || ' ' || coalesce(
      (SELECT group_concat(aa.name, ' ') FROM actor_alias aa WHERE aa.actor_id = a.id), ''), ' ')
   FROM participation p JOIN actor a ON a.id = p.actor_id WHERE p.event_id = e.id),
  (SELECT group_concat(pl.locality || ' ' || coalesce(
      (SELECT group_concat(pa.name, ' ') FROM place_alias pa WHERE pa.place_id = pl.id), '')
      || ' ' || coalesce(c.name_en, pl.country_code) || ' ' || coalesce(c.name_fr, ''), ' ')
   FROM event_place ep JOIN place pl ON pl.id = ep.place_id
   LEFT JOIN country c ON c.code = pl.country_code WHERE ep.event_id = e.id),
  (SELECT group_concat(s.title || ' ' || s.outlet, ' ')
   FROM event_source es JOIN source s ON s.id = es.source_id WHERE es.event_id = e.id),
  (SELECT group_concat(t.name, ' ')
   FROM event_tag et JOIN tag t ON t.id = et.tag_id WHERE et.event_id = e.id)
FROM event e
"""

INSERT = sa.text(
    "INSERT INTO event_search (rowid, title, summary, actors, places, sources, tags) "
    "VALUES (:rowid, :title, :summary, :actors, :places, :sources, :tags)"
)


def _fill_index(connection: sa.engine.Connection) -> None:
    batch: list[dict[str, object]] = []
    for row in connection.execute(sa.text(DOCUMENTS)):
        document: dict[str, object] = {"rowid": row[0]}
        document.update(
            (name, fold(value or "")) for name, value in zip(COLUMNS, row[1:], strict=True)
        )
        batch.append(document)
        if len(batch) == 5000:
            connection.execute(INSERT, batch)
            batch = []
    if batch:
        connection.execute(INSERT, batch)


def upgrade() -> None:
    op.create_table(
        "saved_view",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200, collation="NOCASE"), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_saved_view_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_view")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_view_name")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_listing",
            ["start_earliest", "end_latest", "start_latest", "kind", "status"],
            unique=False,
        )
    op.execute(CREATE_INDEX)
    _fill_index(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TABLE event_search")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_listing")
    op.drop_table("saved_view")
