"""Interrupt handling: every way a session can be cut short ends it the same way.

Ctrl-C raises ``KeyboardInterrupt``; closing the terminal (SIGHUP) or being
asked to stop (SIGTERM) raises :class:`Stopped`, a subclass, so one ``except``
writes the footer, the partial report and the history row. While that is being
written, further interrupts are held back so the ending cannot itself be cut
short.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (terminal closed, SIGTERM)."""


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Stopped` instead of killing the process."""
    if not _main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signal.Signals(signum).name)

    old = {s: signal.signal(s, handler) for s in _STOP_SIGNALS}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


@contextmanager
def interrupts_held(*, reraise: bool = False) -> Iterator[list[int]]:
    """Within the block, Ctrl-C and stop signals are recorded, not raised.

    With ``reraise``, one that arrived is raised when the block ends, so a step
    that must not be split (write a turn, then keep it) still gets interrupted
    right after.
    """
    received: list[int] = []
    if not _main_thread():
        yield received
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    sigs = (signal.SIGINT, *_STOP_SIGNALS)
    old = {s: signal.signal(s, handler) for s in sigs}
    try:
        yield received
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    if reraise and received:
        if received[0] == signal.SIGINT:
            raise KeyboardInterrupt
        raise Stopped(signal.Signals(received[0]).name)
