"""Reading the trainee's lines and writing the session to the terminal.

On a real terminal, lines are read with ``prompt_toolkit``: it measures CJK
characters as two columns, so backspacing over 您好 erases them cleanly (plain
``input()`` leaves half-characters behind) and the arrow keys edit the line.
When stdin is a pipe or a file, plain lines are read, so scripts and CI can
feed a session with ``printf '...\\n' | complaint-sim play``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import IO, Protocol

import click


class LineReader(Protocol):
    """Where replies come from. ``read`` returns None at the end of input."""

    interactive: bool

    def read(self, prompt: str, toolbar: str = "") -> str | None: ...


class PipeReader:
    """Plain lines from a pipe or file; decoding errors never stop a session."""

    interactive = False

    def __init__(self, stream: IO[str] | None = None) -> None:
        if stream is None:
            stream = sys.stdin
            # Trainees type UTF-8 whatever the locale says; a bad byte must not end the session.
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        self.stream = stream

    def read(self, prompt: str, toolbar: str = "") -> str | None:
        line = self.stream.readline()
        if not line:
            return None
        return line.rstrip("\r\n").lstrip("\ufeff")


class TtyReader:
    """A ``prompt_toolkit`` session: CJK-aware line editing, history, a status toolbar."""

    interactive = True

    def __init__(self) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory

        self._session: PromptSession[str] = PromptSession(history=InMemoryHistory())

    def read(self, prompt: str, toolbar: str = "") -> str | None:
        try:
            return self._session.prompt(prompt, bottom_toolbar=toolbar or None)
        except EOFError:  # Ctrl-D
            return None


def reader_for_stdin() -> LineReader:
    """prompt_toolkit on a terminal, plain lines otherwise."""
    try:
        interactive = sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return TtyReader() if interactive else PipeReader()


class Screen:
    """Where the session is shown. Colour only repeats what the text already says."""

    def __init__(self, echo: Callable[..., None] | None = None, colour: bool | None = None) -> None:
        self._echo = echo or click.echo
        # https://no-color.org: any non-empty NO_COLOR turns colour off.
        self.colour = (not os.environ.get("NO_COLOR")) if colour is None else colour

    def line(self, text: str = "", *, fg: str | None = None, bold: bool = False, err: bool = False) -> None:
        if self.colour and (fg or bold):
            text = click.style(text, fg=fg, bold=bold)
        self._echo(text, err=err, color=None if self.colour else False)  # None: click decides (no ANSI into a pipe)
