"""complaint-sim: practise handling angry customers against scripted personas."""

__version__ = "0.1.0"
