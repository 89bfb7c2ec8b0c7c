"""The one exception hierarchy of complaint-sim.

Everything the library raises on purpose derives from :class:`SimError`; the CLI
catches it once and turns it into a one-line message and an exit code.
"""

from __future__ import annotations


class SimError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = 1


class ContentError(SimError):
    """A persona, scenario or rules file is malformed.

    The message always names the file, and where known the line, column and
    field path, in one line: ``personas/x.yaml:12:5: weights.apology: ...``.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = message
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        super().__init__(self.format())

    def format(self, reason: str | None = None) -> str:
        """``file:line:column: field: reason``; ``reason`` replaces the English one (a translation)."""
        where = self.path or "<content>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.reason if reason is None else reason}"


class UnknownNameError(SimError):
    """A persona, scenario or behaviour id that no loaded content defines."""

    exit_code = 2


class InputError(SimError):
    """Bad user input outside content files (a transcript, a batch line, an option)."""

    exit_code = 2


class BelowPassMark(SimError):
    """A score gate (``--fail-under``) was not met."""

    exit_code = 3
