"""Terminal practice sessions: the loop, the journal, interrupt handling."""

from simulator.play.session import SessionOptions, SessionResult, choose_pairing, default_trainee, run_session
from simulator.play.terminal import PipeReader, Screen, TtyReader, reader_for_stdin

__all__ = [
    "PipeReader", "Screen", "SessionOptions", "SessionResult", "TtyReader", "choose_pairing",
    "default_trainee", "reader_for_stdin", "run_session",
]
