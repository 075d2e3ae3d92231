"""What the app does for each open database, once however many windows show it.

A :class:`StoreWatch` follows one ``Store`` for as long as a window uses it (:func:`watch` and
:func:`release` count the windows):

- **Changes by another program** (another instance of the app, the command line, a colleague on
  a shared file): ``store.external_changes()`` is polled every second, and at once when a window
  comes to the front (:meth:`StoreWatch.poll`). When it moves, the store's listeners are told,
  as for a change made here, with a ``ChangeSet`` naming every table and the events the change
  history shows were touched: each window then refreshes in place, keeping its selection and
  scroll position. Several windows on one store share the one poll.
- **Daily backups**: ``backups.keep_daily_backups(store)``, at most one copy a day while the
  database is being changed.
- **Damage found later**: a file too large to be checked at open (``store.integrity_checked``
  is False) is checked in a worker thread; ``damageFound`` reports what the check found.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from timeline_app.core import backups
from timeline_app.core.records import ChangeRecord
from timeline_app.core.store import ChangeSet, Store, StoreError

POLL_MS = 1000
HISTORY_LOOKBACK = 500  # change-history entries read to name the events another program changed
#: Everything a change by another program may have touched: listeners refresh all they show.
ALL_TABLES = frozenset({"event", "actor", "place", "source", "trip", "tag", "saved_view"})


class StoreWatch(QObject):
    """Polling, daily backups and the deferred integrity check of one store (see module docs)."""

    damageFound = Signal(list)  # what quick_check found, from the worker thread (queued)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.users = 0
        self._seen = store.external_changes()
        self._last_change = self._newest_change_id()
        self.damage: list[str] | None = None
        self.damage_reported = False
        self._stop_backups: Callable[[], None] | None = None
        if store.path is not None and not store.read_only:
            self._stop_backups = backups.keep_daily_backups(store)
        self.timer = QTimer(self)
        self.timer.setObjectName("externalChangesTimer")
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self._checker: threading.Thread | None = None
        if not store.integrity_checked:
            self._checker = threading.Thread(
                target=self._check_integrity, name="integrity-check", daemon=True
            )
            self._checker.start()

    # -- changes by another program ----------------------------------------------------------

    def poll(self) -> bool:
        """Look for a change by another program now; True (and listeners told) if there was."""
        count = self.store.external_changes()
        if count == self._seen:
            return False
        self._seen = count
        self.store.notify(self._external_change_set())
        return True

    def _newest_change_id(self) -> int:
        try:
            return self.store.newest_change_id()
        except StoreError:
            return 0

    def _external_change_set(self) -> ChangeSet:
        """Every table, and the events the change history names since the last look."""
        try:
            records = self.store.history(limit=HISTORY_LOOKBACK)
        except StoreError:
            records = []
        newest = records[0].id if records else 0
        if newest < self._last_change:  # the database was replaced (a backup restored)
            self._last_change = 0
        fresh = [record for record in records if record.id > self._last_change]
        self._last_change = newest
        changes = ChangeSet(tables=set(ALL_TABLES))
        for event_id, action in _last_actions(fresh).items():
            (changes.deleted_events if action == "delete" else changes.events).add(event_id)
        return changes

    # -- the deferred integrity check --------------------------------------------------------

    def _check_integrity(self) -> None:
        problems = self.store.check_integrity()
        if problems:
            self.damage = problems
            with contextlib.suppress(RuntimeError):  # every window closed meanwhile
                self.damageFound.emit(problems)

    # -- the end -----------------------------------------------------------------------------

    def stop(self) -> None:
        self.timer.stop()
        if self._stop_backups is not None:
            self._stop_backups()
            self._stop_backups = None


def _last_actions(records: list[ChangeRecord]) -> dict[int, str]:
    """Each event's most recent action, from history records given newest first."""
    actions: dict[int, str] = {}
    for record in records:
        actions.setdefault(record.event_id, record.action)
    return actions


_watches: dict[int, StoreWatch] = {}


def watch(store: Store) -> StoreWatch:
    """The watch of ``store``, started by its first window; each window calls this once."""
    found = _watches.get(id(store))
    if found is None or found.store is not store:
        found = _watches[id(store)] = StoreWatch(store)
    found.users += 1
    return found


def release(store: Store) -> None:
    """A window stops showing ``store``; the last one stops its watch."""
    found = _watches.get(id(store))
    if found is None or found.store is not store:
        return
    found.users -= 1
    if found.users <= 0:
        del _watches[id(store)]
        found.stop()
        found.deleteLater()


def watch_of(store: Store) -> StoreWatch | None:
    found = _watches.get(id(store))
    return found if found is not None and found.store is store else None
