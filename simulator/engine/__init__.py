"""The pure session engine: state in, turn out; nothing here does I/O."""

from simulator.engine.rulebook import Rulebook
from simulator.engine.state import Change, Outcome, SessionState, Turn
from simulator.engine.step import opening, play, start, step

__all__ = ["Change", "Outcome", "Rulebook", "SessionState", "Turn", "opening", "play", "start", "step"]
