"""Hostile input, through the command line: every mistake gets one clear message and loses nothing.

Each case here once ended in a Python traceback, or dropped data without a word.
The message must name the file (and line, column and field where there are any),
the exit status must say it failed, and no traceback may reach the user.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.history import SessionRow, record

FIXTURES = Path(__file__).parent / "fixtures"
PERSONA = (FIXTURES / "good" / "calm-customer.yaml").read_text("utf-8")
GOOD_SET = {"id": "ok", "scenario": "general-complaint", "persona": "friendly",
            "responses": ["您好，我是客服小王，很高兴为您服务。非常抱歉给您添麻烦了。"]}
CSV_HEAD = "id,trainee,scenario,persona,turn,response\n"


def cli_run(*args: str, input: str | bytes | None = None):
    res = CliRunner().invoke(cli, list(args), input=input, env={"COMPLAINT_SIM_LANG": "en"})
    out = res.output + res.stderr
    assert "Traceback" not in out, out
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ----------------------------------------------------------------------------- content YAML


def test_kind_that_is_not_text_is_named_not_a_crash(tmp_path):
    bad = write(tmp_path / "p.yaml", PERSONA.replace("kind: persona", "kind: [persona]"))
    res = cli_run("validate", str(bad))
    assert res.exit_code == 2
    assert f"{bad}:2:7: kind: must be one of lexicon, persona" in res.stderr


def test_control_character_is_located_on_one_line(tmp_path):
    # libyaml counts the position in bytes: the Chinese text before it must not shift the column.
    bad = write(tmp_path / "p.yaml", PERSONA.replace("patience: 5", "patience: 5\x00"))
    res = cli_run("validate", str(bad))
    assert res.exit_code == 2
    line = next(n for n, text in enumerate(PERSONA.splitlines(), 1) if text.startswith("patience:"))
    assert f"{bad}:{line}:12: invalid YAML: character #x0000 is not allowed" in res.stderr
    assert "position" not in res.stderr and len(res.stderr.strip().splitlines()) == 2  # the error, the summary


def test_gbk_file_gets_its_line_and_a_hint(tmp_path):
    bad = write(tmp_path / "p.yaml", PERSONA.encode("gbk"))
    res = cli_run("validate", str(bad))
    assert res.exit_code == 2
    assert f"{bad}:4:12: not valid UTF-8" in res.stderr and "GBK" in res.stderr


def test_top_level_null_is_named_in_yaml_words(tmp_path):
    bad = write(tmp_path / "e.yaml", "---\n")
    res = cli_run("validate", str(bad))
    assert res.exit_code == 2
    assert f"{bad}:1:1: top level must be a mapping, got null" in res.stderr


def test_two_trainer_files_with_one_id_is_an_error_naming_both(tmp_path):
    first = write(tmp_path / "a.yaml", PERSONA)
    second = write(tmp_path / "b.yaml", PERSONA.replace("initial_anger: 40", "initial_anger: 20"))
    res = cli_run("list", "--content", str(tmp_path))
    assert res.exit_code == 2
    assert f"{second}:3:5: id: duplicate persona id 'calm-customer': {first}:3 has it too" in res.stderr
    # The same file named twice (as a file and in its folder) is still one file.
    second.unlink()
    assert cli_run("validate", str(first), "--content", str(tmp_path)).exit_code == 0


def test_duplicate_exemplar_set_ids_are_not_dropped(tmp_path):
    ex = write(tmp_path / "x.yaml", "kind: exemplars\nscenario: general-complaint\nsets:\n"
               "  - {id: mine, grade: good, lang: zh, responses: [您好]}\n"
               "  - {id: mine, grade: bad, lang: zh, responses: [不知道]}\n")
    res = cli_run("validate", str(tmp_path))
    assert res.exit_code == 2
    assert f"{ex}:5:10: sets[1].id: duplicate exemplar set id 'mine'" in res.stderr


def test_unreadable_subfolder_is_an_error_not_skipped(tmp_path, monkeypatch):
    write(tmp_path / "ok" / "p.yaml", PERSONA)
    locked = tmp_path / "locked"
    write(locked / "q.yaml", PERSONA)
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = cli_run("validate", str(tmp_path))
    assert res.exit_code == 2
    assert f"{locked}: cannot read folder (Permission denied)" in res.stderr


def test_upper_case_extension_is_loaded(tmp_path):
    write(tmp_path / "CALM.YAML", PERSONA)
    res = cli_run("list", "--content", str(tmp_path), "--json")
    assert res.exit_code == 0
    assert "calm-customer" in {p["id"] for p in json.loads(res.stdout)["personas"]}


def test_new_and_schema_into_a_path_under_a_file(tmp_path):
    blocker = write(tmp_path / "file.txt", "x")
    res = cli_run("new", "scenario", "mine", "--dir", str(blocker / "sub"))
    assert res.exit_code == 2 and f"cannot write {blocker / 'sub'}: Not a directory" in res.stderr
    res = cli_run("schema", "--out", str(blocker / "sub"))
    assert res.exit_code == 2 and f"cannot write {blocker / 'sub'}: Not a directory" in res.stderr


# ----------------------------------------------------------------------------- batch input


def batch(tmp_path: Path, name: str, data: str | bytes, *extra: str):
    src = write(tmp_path / name, data)
    out = tmp_path / "out"
    res = cli_run("batch", str(src), "--out", str(out), "--no-progress", *extra)
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text("utf-8").splitlines()] \
        if (out / "errors.jsonl").is_file() else None
    ids = [json.loads(x)["id"] for x in (out / "results.jsonl").read_text("utf-8").splitlines()] \
        if (out / "results.jsonl").is_file() else None
    return res, ids, errors


def row(sid: str, turn: object, response: str) -> str:
    return f"{sid},t1,general-complaint,friendly,{turn},{response}\n"


def test_csv_turn_with_thousands_of_digits_is_a_bad_turn(tmp_path):
    res, ids, errors = batch(tmp_path, "in.csv", CSV_HEAD + row("a", "9" * 5000, "hi") + row("b", 1, "ok"))
    assert res.exit_code == 2 and ids == ["b"]
    assert [(e["line"], e["id"], e["code"]) for e in errors] == [(2, "a", "csv_turn")]


def test_csv_quote_never_closed_is_reported_not_swallowed(tmp_path):
    data = CSV_HEAD + row("a", 1, '"never closed') + row("b", 1, "ok") + row("c", 1, "ok")
    res, ids, errors = batch(tmp_path, "in.csv", data)
    assert res.exit_code == 2 and ids == []
    assert [(e["line"], e["code"]) for e in errors] == [(2, "csv_error")]
    assert "never closed: everything up to line 4 (the end of the file) was read into it" in errors[0]["reason"]


def test_csv_bad_bytes_inside_a_quoted_cell_spoil_only_that_set(tmp_path):
    data = (CSV_HEAD + 'a,t1,general-complaint,friendly,1,"line one\n').encode() + "第二行".encode("gbk") \
        + b'"\n' + row("b", 1, "ok").encode()
    res, ids, errors = batch(tmp_path, "in.csv", data)
    assert res.exit_code == 2 and ids == ["b"]
    assert [(e["line"], e["id"], e["code"]) for e in errors] == [(3, "a", "bad_utf8")]


def test_csv_set_whose_rows_are_apart_is_an_error(tmp_path):
    data = CSV_HEAD + row("a", 1, "hi") + row("b", 1, "ok") + row("a", 2, "again")
    res, ids, errors = batch(tmp_path, "in.csv", data)
    assert res.exit_code == 2 and ids == ["a", "b"]
    assert [(e["line"], e["id"], e["code"]) for e in errors] == [(4, "a", "csv_error")]
    assert "the rows of set 'a' are not together: it began on line 2" in errors[0]["reason"]


def test_csv_separated_by_semicolons_says_so(tmp_path):
    res, _, _ = batch(tmp_path, "in.csv", CSV_HEAD.replace(",", ";") + row("a", 1, "hi").replace(",", ";"))
    assert res.exit_code == 2
    assert "the CSV must be comma-separated; this header looks separated by ';'" in res.stderr


def test_jsonl_of_only_a_byte_order_mark_is_empty(tmp_path):
    res, ids, errors = batch(tmp_path, "in.jsonl", b"\xef\xbb\xbf")
    assert res.exit_code == 0 and ids == [] and errors == []


@pytest.mark.parametrize("data", [b"not gzip at all\n", gzip.compress(json.dumps(GOOD_SET).encode() * 50)[:60]],
                         ids=["not-gzip", "cut-short"])
def test_broken_gzip_input_is_one_clear_error(tmp_path, data):
    res, _, _ = batch(tmp_path, "in.jsonl.gz", data)
    assert res.exit_code == 2
    assert "error: cannot decompress in.jsonl.gz" in res.stderr or f"cannot decompress {tmp_path}" in res.stderr


def test_output_folder_holding_a_folder_named_like_a_result(tmp_path):
    (tmp_path / "out" / "results.jsonl").mkdir(parents=True)
    res, _, _ = batch(tmp_path, "in.jsonl", json.dumps(GOOD_SET) + "\n")
    assert res.exit_code == 2
    assert f"cannot read or write {tmp_path / 'out' / 'results.jsonl'}: Is a directory" in res.stderr


# ----------------------------------------------------------------------------- transcripts


@pytest.fixture()
def transcript(tmp_path):
    path = tmp_path / "t.jsonl"
    res = cli_run("play", "-s", "general-complaint", "-p", "friendly", "--seed", "3", "--no-history",
                  "--transcript", str(path), "--report", str(tmp_path / "t.html"),
                  input="您好，我是客服小王，很高兴为您服务。\n非常抱歉给您添麻烦了。\n")
    assert res.exit_code == 0
    return path


def report(path: Path):
    return cli_run("report", str(path), "--out", str(path.with_suffix(".html")))


def test_transcript_number_too_long_to_read(transcript):
    text = transcript.read_text("utf-8").replace('"seed":3,', '"seed":' + "9" * 5000 + ",", 1)
    transcript.write_text(text, "utf-8")
    res = report(transcript)
    assert res.exit_code == 2 and f"{transcript}:1: not valid JSON: a number too long to read" in res.stderr


def test_transcript_line_nested_too_deep(transcript):
    with transcript.open("a", encoding="utf-8") as f:
        f.write('{"type":"turn","x":' + "[" * 100_000 + "]" * 100_000 + "}\n")
    res = report(transcript)
    lines = len(transcript.read_text("utf-8").splitlines())
    assert res.exit_code == 2 and f"{transcript}:{lines}: not valid JSON: nested too deeply" in res.stderr


@pytest.mark.parametrize(("old", "new", "message"), [
    ('"hints":0', '"hints":"lots"', "footer: 'hints' must be a whole number, got 'lots'"),
    ('"ended_by":"eof"', '"ended_by":"martians"', "footer: 'ended_by' must be one of outcome, quit"),
])
def test_transcript_footer_with_wrong_values(transcript, old, new, message):
    text = transcript.read_text("utf-8")
    assert old in text
    transcript.write_text(text.replace(old, new), "utf-8")
    res = report(transcript)
    lines = len(text.splitlines())
    assert res.exit_code == 2 and f"{transcript}:{lines}: {message}" in res.stderr


def test_transcript_reply_over_the_limit_names_its_line(transcript):
    lines = transcript.read_text("utf-8").splitlines()
    turn = json.loads(lines[1])
    lines[1] = json.dumps({**turn, "text": "好" * 6000}, ensure_ascii=False)
    transcript.write_text("\n".join(lines) + "\n", "utf-8")
    res = report(transcript)
    assert res.exit_code == 2
    assert f"{transcript}:2: turn: 'text' is 6000 characters long; a reply may be at most 5000" in res.stderr


def test_transcript_of_an_unknown_scenario_names_the_transcript(transcript):
    text = transcript.read_text("utf-8").replace('"scenario":"general-complaint"', '"scenario":"gone"', 1)
    transcript.write_text(text, "utf-8")
    res = report(transcript)
    assert res.exit_code == 2 and f"{transcript}:1: header: unknown scenario 'gone'" in res.stderr


# ----------------------------------------------------------------------------- history


def test_history_with_damaged_cells_still_shows_every_session(tmp_path):
    db = tmp_path / "h.sqlite3"
    for n in (1, 2):
        record(db, SessionRow(
            session_id=f"s{n}", trainee="alice", scenario="general-complaint", persona="friendly", lang="en",
            seed=n, started_at=f"2025-03-01T10:00:0{n}+08:00", turns=3, complete=True, outcome="resolved",
            total=80.0, pass_mark=70.0, passed=True, anger_start=60.0, anger_end=20.0,
            dimensions=(("emotion", 80.0, 2.5),)))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE sessions SET total = 'abc', outcome = 'martian', anger_end = x'00ff', "
                 "trainee = x'616c696365' WHERE session_id = 's1'")
    conn.execute("UPDATE dimension_scores SET score = 'zz'")
    conn.commit()
    conn.close()
    res = cli_run("history", "--db", str(db), "--json")
    assert res.exit_code == 0
    [trainee] = json.loads(res.stdout)["trainees"]
    assert trainee["trainee"] == "alice" and trainee["count"] == 2
    assert cli_run("history", "--db", str(db)).exit_code == 0
    res = cli_run("history", "--db", str(db), "--html", str(tmp_path / "h.html"))
    assert res.exit_code == 0 and (tmp_path / "h.html").exists()



def test_jsonl_number_too_long_to_read_spoils_only_its_line(tmp_path):
    bad = '{"id": "n", "scenario": "general-complaint", "persona": "friendly", "responses": ["hi"], "x": ' + "9" * 5000 + "}"
    res, ids, errors = batch(tmp_path, "in.jsonl", json.dumps(GOOD_SET) + "\n" + bad + "\n" + json.dumps(GOOD_SET) + "\n")
    assert res.exit_code == 2 and ids == ["ok", "ok"]
    assert [(e["line"], e["code"]) for e in errors] == [(2, "bad_json")]
    assert "4300 digits" in errors[0]["reason"]


def test_csv_set_split_far_apart_is_still_caught(tmp_path):
    # The ids seen are remembered on disk, not in a dict, so this holds for any input size.
    rows = [row(f"s{i}", 1, "hi") for i in range(3000)] + [row("s7", 2, "again")]
    res, ids, errors = batch(tmp_path, "in.csv", CSV_HEAD + "".join(rows))
    assert res.exit_code == 2 and len(ids) == 3000
    assert [(e["line"], e["id"], e["code"]) for e in errors] == [(3002, "s7", "csv_error")]
    assert "it began on line 9" in errors[0]["reason"]
