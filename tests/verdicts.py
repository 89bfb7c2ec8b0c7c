"""Shared helpers of the held-out verdict tests: what a reply shows, and how it moves each customer."""

from __future__ import annotations

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"
PERSONAS = ["analytical", "domineering", "friendly", "self-centered"]


def present(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


def deltas(rules, text, scenario=SC):
    return [(t := step(start(rules, scenario, p), text)).anger_after - t.anger_before for p in PERSONAS]
