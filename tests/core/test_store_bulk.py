"""Reading many events at once gives exactly what reading them one by one gives."""

from __future__ import annotations

from timeline_app.core.store import Store


def test_get_events_matches_get_event_for_every_seed_event(seeded: Store) -> None:
    ids = [row.id for row in seeded.list_events()]
    assert seeded.get_events(ids) == [seeded.get_event(event_id) for event_id in ids]


def test_get_events_keeps_the_order_asked_and_skips_missing_ids(seeded: Store) -> None:
    ids = [row.id for row in seeded.list_events()]
    wanted = [ids[3], ids[0], 99999, ids[3]]
    assert [detail.id for detail in seeded.get_events(wanted)] == [ids[3], ids[0]]
    assert seeded.get_events([]) == []
