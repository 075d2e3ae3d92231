"""What importers report: each problem with where it is (file, line or record) and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from timeline_app.core.i18n import translate
from timeline_app.core.store.errors import StoreError
from timeline_app.core.store.writer import ChangeSet

# A file with a bad value on every line would otherwise pile up millions of messages: past this
# many, problems are counted and the report says how many more there were.
MAX_REPORTED = 1000


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


class ImportCancelled(StoreError):
    """The user stopped the import; nothing was imported."""

    def __init__(self) -> None:
        super().__init__(translate("import", "the import was cancelled; nothing was imported"))


class ProblemLog:
    """Problems collected while reading, capped at :data:`MAX_REPORTED` (the rest are counted)."""

    def __init__(self, limit: int = MAX_REPORTED) -> None:
        self.limit = limit
        self.problems: list[Problem] = []
        self.dropped = 0

    def add(self, problem: Problem) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(problem)
        else:
            self.dropped += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems) + self.dropped

    def rejection(self) -> ImportRejected:
        problems = list(self.problems)
        if self.dropped:
            problems.append(
                Problem(
                    "",
                    translate(
                        "import", "{count} more problem(s) not listed; fix the ones above first"
                    ).format(count=self.dropped),
                )
            )
        return ImportRejected(problems)


@dataclass
class ImportSummary:
    """What an import added, updated and skipped, by kind of record."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    event_ids: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    changes: ChangeSet = field(default_factory=ChangeSet)
    backup: Path | None = None  # the copy of the database made before the import

    def count(self, bucket: str, what: str, n: int = 1) -> None:
        target = {"added": self.added, "updated": self.updated, "skipped": self.skipped}[bucket]
        target[what] = target.get(what, 0) + n

    def merge(self, other: ImportSummary) -> None:
        for bucket in ("added", "updated", "skipped"):
            for what, n in getattr(other, bucket).items():
                self.count(bucket, what, n)
        self.event_ids.extend(other.event_ids)

    def lines(self) -> list[str]:
        """One line per bucket: ``added: 3 events, 1 trips``; a dry run says "would add"."""
        labels = (
            (
                translate("import", "would add"),
                translate("import", "would update"),
                translate("import", "would skip"),
            )
            if self.dry_run
            else (
                translate("import", "added"),
                translate("import", "updated"),
                translate("import", "skipped"),
            )
        )
        result = []
        for label, bucket in zip(labels, (self.added, self.updated, self.skipped), strict=True):
            if bucket:
                parts = ", ".join(f"{n} {what}" for what, n in sorted(bucket.items()))
                result.append(f"{label}: {parts}")
        return result or [translate("import", "nothing to import")]
