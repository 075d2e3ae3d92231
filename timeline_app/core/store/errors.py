"""Errors the store raises; each message is fit to show to the user as is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from timeline_app.core.i18n import translate


class StoreError(Exception):
    """Base class of the store's errors."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field: ``end: 27 Feb 2023 is before the start (28 Feb 2023)``."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(StoreError, ValueError):
    """The input is not valid; nothing was written. ``errors`` names every field at fault."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(error) for error in self.errors))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([FieldError(field, message)])

    def for_field(self, field: str) -> list[str]:
        return [error.message for error in self.errors if error.field == field]


class NotFoundError(StoreError, LookupError):
    def __init__(self, what: str, key: object) -> None:
        self.what = what
        self.key = key
        super().__init__(translate("store", "no {what} with id {key}").format(what=what, key=key))


class ConflictError(StoreError):
    """Someone else changed the record since it was read (optimistic concurrency)."""

    def __init__(self, event_id: int, expected: int, actual: int) -> None:
        self.event_id = event_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            translate(
                "store",
                "event {id} was changed elsewhere (version {actual}, expected {expected})",
            ).format(id=event_id, actual=actual, expected=expected)
        )


class InUseError(StoreError):
    """A record cannot be deleted because others still refer to it."""


class ReadOnlyError(StoreError):
    """The database was opened read-only; nothing can be written to it."""

    def __init__(self, location: str, reason: str | None = None) -> None:
        self.location = location
        self.reason = reason
        message = translate(
            "store", "{location} is open read-only; changes cannot be saved"
        ).format(location=location)
        super().__init__(f"{message} ({reason})" if reason else message)


class StoreBusyError(StoreError):
    """Another program held the database's write lock for too long; nothing was written.

    Retryable: the same change usually succeeds a moment later.
    """

    retryable = True

    def __init__(self, location: str) -> None:
        self.location = location
        super().__init__(
            translate(
                "store",
                "the database is busy (another program is writing to it); "
                "nothing was saved, try again in a moment",
            )
        )


class StoreDamagedError(StoreError):
    """SQLite found the database file damaged while reading or writing it; nothing was saved."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = reason
        super().__init__(
            translate(
                "store",
                "{location} is damaged ({reason}); nothing was saved. "
                "Close it and restore it from a backup.",
            ).format(location=location, reason=reason)
        )
