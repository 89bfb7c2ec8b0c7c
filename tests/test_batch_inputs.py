"""Batch input formats and every error path, each pinned to its 1-based line and exact reason."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from simulator.batch import inputs, sets
from simulator.batch.inputs import detect_format, open_source
from simulator.batch.kernel import WorkerContext, process_chunk
from simulator.errors import InputError

GOOD = {"id": "a1", "trainee": "t1", "scenario": "general-complaint", "persona": "friendly",
        "responses": ["您好，我理解您的心情。", "这件事由我负责跟进。"]}


def jl(*records) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def run(rules, data: bytes, fmt="auto", name="in.jsonl", tmp_path=None, lang="en"):
    """Process a whole input in this process; returns (result rows, error rows, source)."""
    path = tmp_path / name
    path.write_bytes(data)
    src = open_source(str(path), fmt, lang=lang)
    ctx = WorkerContext(rules, lang)
    rows, errors = [], []
    for chunk in src.chunks():
        res = process_chunk(ctx, chunk)
        rows += [json.loads(x) for x in res.results.decode().split("\n")[:-1]]
        errors += [json.loads(x) for x in res.errors.decode().split("\n")[:-1]]
    src.close()
    return rows, errors, src


def only_error(rules, tmp_path, record, **kw):
    rows, errors, _ = run(rules, jl(GOOD, record), tmp_path=tmp_path, **kw)
    assert [r["id"] for r in rows] == ["a1"], "the good line is still processed"
    assert len(errors) == 1
    return errors[0]


# ----------------------------------------------------------------------------- JSON lines


def test_good_lines_in_order_with_blank_lines_counted(rules, tmp_path):
    data = jl(GOOD, "", {**GOOD, "id": "a2"}, "   ")
    rows, errors, src = run(rules, data, tmp_path=tmp_path)
    assert [(r["id"], r["line"]) for r in rows] == [("a1", 1), ("a2", 3)]
    assert errors == [] and src.blank_lines == 2


def test_bom_and_crlf_are_accepted(rules, tmp_path):
    data = b"\xef\xbb\xbf" + jl(GOOD).replace(b"\n", b"\r\n") + jl({**GOOD, "id": "a2"}).replace(b"\n", b"\r\n")
    rows, errors, _ = run(rules, data, tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["a1", "a2"] and errors == []


@pytest.mark.parametrize(("record", "code", "reason"), [
    ("{not json", "bad_json", "not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ("[1, 2]", "not_object", "each line must be a JSON object, got a list"),
    ({"scenario": "general-complaint", "persona": "friendly", "responses": ["hi"]}, "missing_field", "missing field 'id'"),
    ({**GOOD, "id": ""}, "empty_field", "field 'id' is empty"),
    ({**GOOD, "id": True}, "bad_field", "field 'id' must be text, got true/false"),
    ({**GOOD, "id": "x" * 201}, "long_field", "field 'id' is longer than 200 characters"),
    ({**GOOD, "trainee": ["a"]}, "bad_field", "field 'trainee' must be text, got a list"),
    ({**GOOD, "scenario": None}, "missing_field", "missing field 'scenario'"),
    ({**GOOD, "persona": 3}, "bad_field", "field 'persona' must be text, got a number"),
    ({**GOOD, "responses": "hi"}, "bad_field", "field 'responses' must be a list, got text"),
    ({k: v for k, v in GOOD.items() if k != "responses"}, "missing_field", "missing field 'responses'"),
    ({**GOOD, "responses": []}, "no_responses", "no responses"),
    ({**GOOD, "responses": ["ok", {"text": "hi"}]}, "bad_response", "response 2 must be text, got an object"),
    ({**GOOD, "responses": ["ok", None]}, "bad_response", "response 2 must be text, got null"),
    ({**GOOD, "responses": ["x" * 5001]}, "long_response", "response 1 is 5001 characters long; at most 5000"),
    ({**GOOD, "responses": ["ok"] * 201}, "too_many_responses", "201 responses; at most 200 per set"),
])
def test_each_bad_line_is_reported_with_its_line_and_reason(rules, tmp_path, record, code, reason):
    err = only_error(rules, tmp_path, record)
    assert (err["line"], err["code"], err["reason"]) == (2, code, reason)


def test_unknown_scenario_and_persona_name_the_choices(rules, tmp_path):
    err = only_error(rules, tmp_path, {**GOOD, "scenario": "nope"})
    assert err["code"] == "unknown_scenario" and err["id"] == "a1"
    assert err["reason"].startswith("unknown scenario 'nope'; choose from: billing-error, ")
    err = only_error(rules, tmp_path, {**GOOD, "persona": "grumpy"})
    assert err["reason"] == "unknown persona 'grumpy'; choose from: analytical, domineering, friendly, self-centered, or all"


def test_invalid_utf8_and_lone_surrogates(rules, tmp_path):
    escaped = json.dumps({**GOOD, "id": "s", "responses": ["\ud800"]})  # ASCII: the surrogate as a \\ud800 escape
    rows, errors, _ = run(rules, jl(GOOD) + b'{"id": "\xff"}\n' + escaped.encode() + b"\n", tmp_path=tmp_path)
    assert [(e["line"], e["code"]) for e in errors] == [(2, "bad_utf8"), (3, "surrogate")]
    assert errors[0]["reason"] == "not valid UTF-8 (byte 9)"  # 1-based: the byte after {"id": "
    assert errors[1]["reason"].startswith("field 'responses[1]' contains an unpaired surrogate")
    assert [r["id"] for r in rows] == ["a1"]


def test_oversize_line_is_skipped_without_stopping(rules, tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_LINE_BYTES", 400)
    monkeypatch.setattr(inputs, "_SKIP", 64)
    big = {**GOOD, "id": "big", "responses": ["很长的回复" * 200]}
    rows, errors, _ = run(rules, jl(GOOD, big, {**GOOD, "id": "a3"}), tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["a1", "a3"]
    assert [(e["line"], e["code"], e["reason"]) for e in errors] == [(2, "line_too_long", "line longer than 400 bytes, skipped")]


def test_integer_ids_are_text_and_persona_all_plays_every_persona(rules, tmp_path):
    rows, _, _ = run(rules, jl({**GOOD, "id": 17, "persona": "all"}), tmp_path=tmp_path)
    assert [(r["id"], r["persona"]) for r in rows] == [("17", p) for p in sorted(rules.content.personas)]


def test_reasons_follow_the_language(rules, tmp_path):
    err = only_error(rules, tmp_path, {**GOOD, "responses": []}, lang="zh")
    assert err["reason"] == "没有任何回复（responses 为空）"


def test_excerpt_of_a_broken_line(rules, tmp_path):
    err = only_error(rules, tmp_path, '{"id": "x", ' + "y" * 300)
    assert err["excerpt"].startswith('{"id": "x", yyy') and len(err["excerpt"]) == 120


def test_gzip_input(rules, tmp_path):
    rows, _, _ = run(rules, gzip.compress(jl(GOOD)), name="in.jsonl.gz", tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["a1"]


@pytest.mark.parametrize(("name", "head", "fmt"), [
    ("x.jsonl", b"", "jsonl"), ("x.ndjson.gz", b"", "jsonl"), ("x.CSV", b"", "csv"), ("x.parquet", b"", "parquet"),
    ("-", b"PAR1....", "parquet"), ("-", b"\xef\xbb\xbf  {", "jsonl"), ("data.txt", b"id,scenario", "csv"),
])
def test_format_detection(name, head, fmt):
    assert detect_format(name, head) == fmt


def test_missing_input_file(tmp_path):
    with pytest.raises(InputError, match="no such input file"):
        open_source(str(tmp_path / "nope.jsonl"))


def test_seed_comes_from_the_id_alone():
    assert sets.seed_for("a1") == sets.seed_for("a1") != sets.seed_for("a2")
    assert 0 <= sets.seed_for("x") < 2**63


# ----------------------------------------------------------------------------- CSV


CSV_HEAD = "id,trainee,scenario,persona,turn,response\r\n"


def test_csv_rows_become_sets_in_turn_order(rules, tmp_path):
    data = (CSV_HEAD + "a1,t1,general-complaint,friendly,2,这件事由我负责跟进。\r\n"
            "a1,t1,general-complaint,friendly,1,\"您好，我理解您的心情。\"\r\n"
            "b2,,general-complaint,analytical,1,\"line one\nline two\"\r\n").encode()
    rows, errors, _ = run(rules, data, name="in.csv", tmp_path=tmp_path)
    assert errors == []
    assert [(r["id"], r["line"], r["trainee"], r["played"] + r["unused"]) for r in rows] == [("a1", 2, "t1", 2), ("b2", 4, None, 1)]
    jsonl_rows, _, _ = run(rules, jl(GOOD), tmp_path=tmp_path)
    assert {**rows[0], "line": 1} == jsonl_rows[0], "CSV and JSON lines score the same set alike"


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_with_or_without_bom_any_column_order(rules, tmp_path, bom):
    data = bom + "Response, Turn ,PERSONA,scenario,id\n您好，我理解您的心情。,1,friendly,general-complaint,a1\n".encode()
    rows, errors, _ = run(rules, data, name="in.csv", tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["a1"] and errors == []


def test_csv_error_paths(rules, tmp_path):
    data = (CSV_HEAD
            + "a1,t1,general-complaint,friendly,1,ok\n"
            + "a1,t1,general-complaint,friendly,x,ok\n"  # 3: bad turn, spoils set a1
            + "b2,t1,general-complaint,friendly,1,ok\n"
            + "b2,t1,general-complaint,friendly,1,again\n"  # 5: duplicate turn
            + "c3,t1,general-complaint,friendly,1,ok\n"
            + "c3,t2,general-complaint,friendly,2,ok\n"  # 7: trainee differs within the set
            + "d4,too,few\n"  # 8: wrong width
            + "e5,t1,general-complaint,nobody,1,ok\n"  # 9: unknown persona (checked like JSON lines)
            + "f6,t1,general-complaint,friendly,1,fine\n").encode()
    rows, errors, _ = run(rules, data, name="in.csv", tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["f6"]
    got = [(e["line"], e.get("id"), e["code"], e["reason"]) for e in errors]
    assert got == [
        (3, "a1", "csv_turn", "turn must be a whole number of at least 1, got 'x'"),
        (5, "b2", "csv_duplicate_turn", "turn 1 appears twice in this set"),
        (7, "c3", "csv_mixed", "rows of one set disagree on 'trainee': 't1' (from line 6) vs 't2'"),
        (8, "d4", "csv_width", "row has 3 fields; the header has 6"),
        (9, "e5", "unknown_persona", got[4][3]),
    ]


def test_csv_bad_header_and_bad_bytes(rules, tmp_path):
    with pytest.raises(InputError, match=r"the CSV header is missing: persona, turn"):
        run(rules, b"id,scenario,response\n", name="in.csv", tmp_path=tmp_path)
    data = (CSV_HEAD + "a1,t1,general-complaint,friendly,1,ok\n").encode() + b"b2,t1,general-complaint,friendly,1,\xff\n"
    rows, errors, _ = run(rules, data, name="in.csv", tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["a1"] and [(e["line"], e["code"]) for e in errors] == [(3, "bad_utf8")]


def test_empty_csv_is_no_sets(rules, tmp_path):
    rows, errors, _ = run(rules, b"", name="in.csv", tmp_path=tmp_path)
    assert rows == [] and errors == []


# ----------------------------------------------------------------------------- Parquet


def test_parquet_wide_and_long(rules, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    wide = pa.table({"id": ["a1", "a2"], "scenario": ["general-complaint"] * 2, "persona": ["friendly", "nobody"],
                     "responses": [GOOD["responses"], ["hi"]]})
    buf = io.BytesIO()
    pq.write_table(wide, buf)
    rows, errors, _ = run(rules, buf.getvalue(), name="in.parquet", tmp_path=tmp_path)
    assert [r["id"] for r in rows] == ["a1"] and [(e["line"], e["code"]) for e in errors] == [(2, "unknown_persona")]
    long = pa.table({"id": ["a1", "a1"], "trainee": ["t1", "t1"], "scenario": ["general-complaint"] * 2,
                     "persona": ["friendly"] * 2, "turn": [2, 1], "response": list(reversed(GOOD["responses"]))})
    buf = io.BytesIO()
    pq.write_table(long, buf)
    rows2, errors2, _ = run(rules, buf.getvalue(), name="in.pq", tmp_path=tmp_path)
    jsonl_rows, _, _ = run(rules, jl(GOOD), tmp_path=tmp_path)
    assert errors2 == [] and rows2 == jsonl_rows


def test_parquet_without_the_columns(rules, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    buf = io.BytesIO()
    pq.write_table(pa.table({"id": ["a"]}), buf)
    with pytest.raises(InputError, match="needs a responses column"):
        run(rules, buf.getvalue(), name="in.parquet", tmp_path=tmp_path)
    with pytest.raises(InputError, match="cannot read the Parquet file"):
        run(rules, b"PAR1 not really", name="in.parquet", tmp_path=tmp_path)
