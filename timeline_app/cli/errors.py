"""The error a command reports in one line, with its exit status."""

from __future__ import annotations

USAGE = 2
REJECTED = 1


class CliError(Exception):
    def __init__(self, message: str, status: int = USAGE) -> None:
        super().__init__(message)
        self.status = status
