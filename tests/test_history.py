"""Practice history: SQLite store, migrations, WAL, progress, `history` (simulator/history.py)."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_report import Page

from simulator import history
from simulator.cli import cli
from simulator.errors import InputError
from simulator.history import SCHEMA_VERSION, SessionRow, connect, progress, record, sessions


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "complaint-sim"


def row(n: int, *, trainee="alice", persona="friendly", scenario="general-complaint", total=50.0, complete=True,
        day=1, report=None) -> SessionRow:
    return SessionRow(
        session_id=f"s{n}", trainee=trainee, scenario=scenario, persona=persona, lang="zh", seed=n,
        started_at=f"2025-03-{day:02d}T10:00:{n:02d}+08:00", turns=3, complete=complete,
        outcome="resolved" if complete else None, total=total, pass_mark=70.0, passed=total >= 70,
        anger_start=60.0, anger_end=20.0, report=report,
        dimensions=(("emotion", total, 2.5), ("outcome", total if complete else None, 1.5)),
    )


# ----------------------------------------------------------------------------- the store


def test_new_database_is_wal_and_current(tmp_path):
    db = tmp_path / "h.sqlite3"
    conn = connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        cols = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
        assert {"session_id", "trainee", "total", "anger_start", "anger_end"} <= cols
        idx = {r[1] for r in conn.execute("PRAGMA index_list(sessions)")}
        assert "sessions_progress" in idx
    finally:
        conn.close()


def test_version_1_database_is_migrated_in_place(tmp_path):
    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    for sql in history.MIGRATIONS[0][1]:
        old.execute(sql)
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO sessions (session_id, trainee, scenario, persona, lang, seed, started_at, turns, complete, total) "
        "VALUES ('old1', 'bob', 'general-complaint', 'friendly', 'zh', 3, '2024-12-01T09:00:00+08:00', 4, 1, 81.5)"
    )
    old.execute("INSERT INTO dimension_scores VALUES (1, 'emotion', 75.0, 2.5)")
    old.commit()
    old.close()
    [r] = sessions(db)
    assert (r.session_id, r.trainee, r.total, r.anger_start) == ("old1", "bob", 81.5, None)
    assert r.dimensions == (("emotion", 75.0, 2.5),)
    conn = connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    record(db, row(1))  # and the migrated file takes new rows with the new columns
    assert [x.anger_start for x in sessions(db)] == [None, 60.0]


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "h.sqlite3"
    monkeypatch.setattr(history, "MIGRATIONS", (*history.MIGRATIONS, (3, ("CREATE TABLE extra (x)", "NOT SQL"))))
    monkeypatch.setattr(history, "SCHEMA_VERSION", 3)
    with pytest.raises(InputError, match="not a usable"):
        connect(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchall()
    conn.close()


def test_newer_database_is_refused_not_damaged(tmp_path):
    db = tmp_path / "new.sqlite3"
    c = sqlite3.connect(db)
    c.execute("PRAGMA user_version = 99")
    c.close()
    with pytest.raises(InputError, match="schema version 99 is newer than this complaint-sim understands"):
        connect(db)
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA user_version").fetchone()[0] == 99
    c.close()


def test_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("this is not sqlite " * 100)
    with pytest.raises(InputError, match="not a usable complaint-sim history database"):
        sessions(bad)


def test_record_is_idempotent_per_session_id(tmp_path):
    db = tmp_path / "h.sqlite3"
    record(db, row(1, total=40))
    record(db, row(1, total=90))
    [r] = sessions(db)
    assert r.total == 90 and r.passed is True
    assert r.dimensions == (("emotion", 90.0, 2.5), ("outcome", 90.0, 1.5))


def test_concurrent_writers_wait_for_each_other(tmp_path):
    db = tmp_path / "h.sqlite3"
    connect(db).close()
    errors: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for i in range(10):
                record(db, row(k * 100 + i))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(sessions(db)) == 40


def test_missing_database_reads_as_empty(tmp_path):
    assert sessions(tmp_path / "none.sqlite3") == []
    assert not (tmp_path / "none.sqlite3").exists()


# ----------------------------------------------------------------------------- progress


def test_progress_per_pairing_best_latest_and_interrupted():
    rows = [
        row(1, total=40, day=1), row(2, total=75, day=2), row(3, total=60, day=3),
        row(4, total=95, complete=False, day=4),  # interrupted: not comparable, not "best"
        row(5, persona="domineering", total=30, day=2),
        row(6, trainee="bob", total=88, day=1),
    ]
    data = progress(rows)
    assert [t["trainee"] for t in data["trainees"]] == ["alice", "bob"]
    alice = data["trainees"][0]
    assert (alice["count"], alice["complete"], alice["passed"]) == (5, 4, 1)
    g = next(g for g in alice["groups"] if g["persona"] == "friendly")
    assert g["scores"] == [40, 75, 60]
    assert g["best"]["session_id"] == "s2" and g["latest"]["session_id"] == "s4"
    assert (g["count"], g["complete"], g["interrupted"], g["passed"]) == (4, 3, 1, 1)
    dims = {d["dimension"]: d for d in alice["dimensions"]}
    assert dims["emotion"]["mean"] == round((40 + 75 + 60 + 30) / 4, 1)
    assert dims["outcome"]["count"] == 4


# ----------------------------------------------------------------------------- the command


def _seed_db(db: Path) -> None:
    for r in (row(1, total=40, day=1), row(2, total=75, day=2), row(3, trainee="bob", total=88, day=3)):
        record(db, r)


def test_history_text_shows_sparkline_best_and_latest(tmp_path):
    db = tmp_path / "h.sqlite3"
    _seed_db(db)
    r = CliRunner().invoke(cli, ["history", "--db", str(db), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "Trainee alice" in r.output and "Trainee bob" in r.output
    assert "Friendly · General service complaint" in r.output
    assert "▄▆" in r.output  # 40 then 75
    assert "best 75 (2025-03-02 10:00)" in r.output and "latest 75 (2025-03-02 10:00, resolved)" in r.output


def test_history_trainee_filter_and_json(tmp_path):
    db = tmp_path / "h.sqlite3"
    _seed_db(db)
    r = CliRunner().invoke(cli, ["history", "--db", str(db), "--trainee", "bob", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["db"] == str(db) and data["schema_version"] == SCHEMA_VERSION
    assert [t["trainee"] for t in data["trainees"]] == ["bob"]
    assert data["trainees"][0]["groups"][0]["scores"] == [88]


def test_history_default_db_in_the_data_dir_and_empty_message(data_home):
    r = CliRunner().invoke(cli, ["history", "--lang", "en"])
    assert r.exit_code == 0
    assert "No sessions recorded yet" in r.output and str(data_home / "history.sqlite3") in r.output


def test_history_db_that_does_not_exist_is_an_error(tmp_path):
    r = CliRunner().invoke(cli, ["history", "--db", str(tmp_path / "nope.sqlite3")])
    assert r.exit_code == 2 and "no such history database" in r.output


def test_history_html_progress_page(tmp_path):
    db = tmp_path / "h.sqlite3"
    report = tmp_path / "reports" / "one.html"
    report.parent.mkdir()
    report.write_text("<!DOCTYPE html>")
    record(db, row(1, total=40, day=1))
    record(db, row(2, total=75, day=2, report=str(report)))
    record(db, row(3, total=99, complete=False, day=3))
    out = tmp_path / "pages" / "progress.html"
    r = CliRunner().invoke(cli, ["history", "--db", str(db), "--html", str(out), "--lang", "zh"])
    assert r.exit_code == 0, r.output
    assert f"进度页：{out}" in r.output
    html = out.read_text("utf-8")
    page = Page(html)
    assert page.find("html")[0]["lang"] == "zh-CN"
    assert page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert not page.find("script")
    [spark] = page.find("svg", class_="spark")
    assert "40, 75" in spark["aria-label"]  # the interrupted 99 is not in the trend
    assert len([1 for t, a in page.tags if t == "circle"]) == 2
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert "../reports/one.html" in links  # relative to the page, so the folder can move
    assert "友善型" in page.all_text and "一般服务投诉" in page.all_text
    # same database, same page
    CliRunner().invoke(cli, ["history", "--db", str(db), "--html", str(tmp_path / "pages" / "again.html"), "--lang", "zh"])
    assert (tmp_path / "pages" / "again.html").read_text("utf-8") == html


def test_history_page_escapes_names(tmp_path):
    db = tmp_path / "h.sqlite3"
    record(db, row(1, trainee='<script>alert(1)</script>" onmouseover="x'))
    out = tmp_path / "p.html"
    assert CliRunner().invoke(cli, ["history", "--db", str(db), "--html", str(out)]).exit_code == 0
    page = Page(out.read_text("utf-8"))
    assert not page.find("script")
    assert all("onmouseover" not in a for _, a in page.tags)
    assert '<script>alert(1)</script>" onmouseover="x' in page.all_text


def test_play_records_finished_and_interrupted_sessions(tmp_path):
    db = tmp_path / "h.sqlite3"
    base = ["play", "-s", "general-complaint", "-p", "friendly", "--seed", "1", "--db", str(db), "--trainee", "t"]
    assert CliRunner().invoke(cli, base, input="您好\n").exit_code == 0
    assert CliRunner().invoke(cli, [*base, "--lang", "en"], input="/quit\n").exit_code == 0
    rows = sessions(db, "t")
    assert len(rows) == 2
    first, second = rows
    assert first.turns == 1 and first.complete is False and first.ended_by == "eof" and first.total is not None
    assert {d for d, _, _ in first.dimensions} == {"emotion", "problem", "language", "persona_fit", "outcome"}
    assert dict((d, s) for d, s, _ in first.dimensions)["outcome"] is None
    assert second.turns == 0 and second.total is None and second.ended_by == "quit"
    assert Path(first.report).exists() and Path(first.transcript).exists()
