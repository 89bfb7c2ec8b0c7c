"""The Dask engine on a loopback LocalCluster gives the local engine's bytes."""

from __future__ import annotations

import json

import pytest

from simulator.batch import BatchOptions, inputs, run_batch

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
