"""What importers report: each problem with where it is (file, line or record) and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline_app.core.store.errors import StoreError


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ImportRejected(StoreError):
    """The input had problems; nothing was imported. ``problems`` lists each of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = "; ".join(str(problem) for problem in self.problems[:3])
        more = f" (and {count - 3} more)" if count > 3 else ""
        super().__init__(f"{count} problem(s): {head}{more}")


@dataclass
class ImportSummary:
    """What an import added, updated and skipped, by kind of record."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    event_ids: list[int] = field(default_factory=list)

    def count(self, bucket: str, what: str, n: int = 1) -> None:
        target = {"added": self.added, "updated": self.updated, "skipped": self.skipped}[bucket]
        target[what] = target.get(what, 0) + n

    def lines(self) -> list[str]:
        result = []
        for label, bucket in (
            ("added", self.added),
            ("updated", self.updated),
            ("skipped", self.skipped),
        ):
            if bucket:
                parts = ", ".join(f"{n} {what}" for what, n in sorted(bucket.items()))
                result.append(f"{label}: {parts}")
        return result or ["nothing to import"]
