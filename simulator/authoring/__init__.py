"""Tools for trainers who write content: scaffold (``new``), ``lint``, ``calibrate``, the field reference.

Everything here reads validated content and runs the real engine; nothing here
changes how a session is judged.
"""
