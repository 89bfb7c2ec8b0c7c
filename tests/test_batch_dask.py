"""The Dask engine on a loopback LocalCluster gives the local engine's bytes; a scheduler that is not there fails fast."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from simulator.batch import BatchOptions, inputs, run_batch
from simulator.cli import cli
from simulator.errors import InputError

pytest.importorskip("dask.distributed")

OUTPUTS = ("results.jsonl", "results.csv", "errors.jsonl", "summary.json", "report.html")


def _sets(path, rules, n=40):
    exemplars = [s for sets in rules.content.exemplars.values() for s in sets]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            ex = exemplars[i % len(exemplars)]
            f.write(json.dumps({"id": f"d{i}", "trainee": f"t{i % 4}", "scenario": list(rules.content.scenarios)[i % 10],
                                "persona": "all" if i % 5 == 0 else "analytical", "responses": list(ex.responses)},
                               ensure_ascii=False) + "\n")
        f.write("not json\n")
    return path


@pytest.mark.slow
def test_dask_scheduler_gives_the_same_bytes(rules, tmp_path, monkeypatch):
    from dask.distributed import LocalCluster

    monkeypatch.setattr(inputs, "CHUNK_SETS", 6)
    src = _sets(tmp_path / "in.jsonl", rules)
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "local"), workers=1, progress=False), rules=rules)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "dask"), engine="dask",
                               scheduler=cluster.scheduler_address, progress=False), rules=rules)
    for name in OUTPUTS:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name


@pytest.mark.slow
def test_dask_starts_its_own_local_cluster(rules, tmp_path):
    src = _sets(tmp_path / "in.jsonl", rules, n=10)
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "local"), progress=False), rules=rules)
    run_batch(BatchOptions(input=str(src), out_dir=str(tmp_path / "dask"), engine="dask", workers=1, progress=False),
              rules=rules)
    for name in OUTPUTS:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name


# ----------------------------------------------------------------------------- a scheduler that is not there


def _closed_port() -> int:
    """A local port nothing listens on: bound, read, closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _snapshot(folder):
    """Every file under ``folder`` (hidden ones too) with its bytes; None when there is no folder."""
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_results(tmp_path):
    """An --out folder holding an earlier run's results, which a failed run must leave alone."""
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_text(f"earlier {name}\n", "utf-8")
    return out


def test_unreachable_scheduler_fails_fast_in_one_line(rules, tmp_path, previous_results):
    src = _sets(tmp_path / "in.jsonl", rules, n=3)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    before = _snapshot(previous_results)
    env = {**os.environ, "COMPLAINT_SIM_LANG": "en"}
    started = time.monotonic()
    res = subprocess.run([sys.executable, "-m", "simulator", "batch", str(src), "--engine", "dask",
                          "--scheduler", address, "--connect-timeout", "1", "--out", str(previous_results),
                          "--lang", "en", "--no-progress"],
                         capture_output=True, text=True, env=env, timeout=60)
    elapsed = time.monotonic() - started
    assert res.returncode == 2, res.stderr
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr  # no traceback, no "Exception ignored" noise at exit
    assert lines[0].startswith(f"error: cannot connect to the Dask scheduler '{address}': ")
    assert "after 1 s" in lines[0]
    assert elapsed < 5, f"took {elapsed:.1f} s despite --connect-timeout 1"
    assert _snapshot(previous_results) == before, "the earlier results are untouched, no temporary folder left"


def test_unreachable_scheduler_raises_input_error_before_any_output(rules, tmp_path):
    out = tmp_path / "never-created"
    address = f"tcp://127.0.0.1:{_closed_port()}"
    opts = BatchOptions(input=str(_sets(tmp_path / "in.jsonl", rules, n=3)), out_dir=str(out), engine="dask",
                        scheduler=address, connect_timeout=1, progress=False)
    started = time.monotonic()
    with pytest.raises(InputError, match=re.escape(f"cannot connect to the Dask scheduler '{address}': ")) as err:
        run_batch(opts, rules=rules)
    assert time.monotonic() - started < 5
    assert err.value.exit_code == 2 and "\n" not in str(err.value)
    assert not out.exists()


def test_dask_connect_timeout_config_is_honoured(rules, tmp_path):
    import dask

    out = tmp_path / "out"
    opts = BatchOptions(input=str(_sets(tmp_path / "in.jsonl", rules, n=3)), out_dir=str(out), engine="dask",
                        scheduler=f"tcp://127.0.0.1:{_closed_port()}", progress=False)
    started = time.monotonic()
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(InputError, match="after 1 s"):
        run_batch(opts, rules=rules)
    assert time.monotonic() - started < 5, "without --connect-timeout, Dask's own setting applies"
    assert not out.exists()


@pytest.mark.parametrize(("address", "reason"), [
    ("not a url::", "invalid address 'not a url::'"),
    ("tcp://", "missing port number"),
    ("bogus://host:8786", "unknown address scheme 'bogus'"),
])
def test_malformed_scheduler_address_is_a_usage_error(rules, tmp_path, previous_results, monkeypatch, address, reason):
    monkeypatch.setenv("COMPLAINT_SIM_LANG", "en")
    src = _sets(tmp_path / "in.jsonl", rules, n=3)
    before = _snapshot(previous_results)
    started = time.monotonic()
    res = CliRunner().invoke(cli, ["batch", str(src), "--engine", "dask", "--scheduler", address,
                                   "--connect-timeout", "1", "--out", str(previous_results), "--lang", "en"])
    assert time.monotonic() - started < 5
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot connect to the Dask scheduler '{address}': ")
    assert reason in lines[0]
    assert _snapshot(previous_results) == before


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_connect_timeout_must_be_a_positive_number(tmp_path, value):
    src = tmp_path / "in.jsonl"
    src.write_text("")
    res = CliRunner().invoke(cli, ["batch", str(src), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                                   "--connect-timeout", value, "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "--connect-timeout" in res.output
    assert not (tmp_path / "out").exists()
