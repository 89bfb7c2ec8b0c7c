"""Shared fixtures: the built-in content, compiled once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.content import load_content
from simulator.engine import Rulebook

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def content():
    return load_content()


@pytest.fixture(scope="session")
def rules(content):
    return Rulebook(content)


@pytest.fixture(autouse=True)
def _isolated_data_home(tmp_path_factory, monkeypatch):
    """Keep reports, transcripts and history written by tests out of the real user folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
