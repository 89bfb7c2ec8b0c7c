"""The built wheel carries every persona, scenario and rule file inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_content_and_works_from_another_directory(tmp_path):
    pytest.importorskip("hatchling")
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("complaint_sim-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("personas", "scenarios", "rules", "exemplars"):
        shipped = {n.rsplit("/", 1)[-1] for n in names if n.startswith(f"simulator/_content/{folder}/")}
        expected = {p.name for p in (ROOT / folder).glob("*.yaml")}
        assert expected and shipped >= expected, folder
    target = tmp_path / "site"
    unpack = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert unpack.returncode == 0, unpack.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, simulator.content.loader as l; from simulator.content import load_content;"
        "from simulator.text.normalise import normalise;"
        "c = load_content(); print(json.dumps([str(l.BUILTIN_ROOT), sorted(c.personas), sorted(c.scenarios),"
        " normalise('對唔住您').folded]))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    root, personas, scenarios, folded = json.loads(res.stdout)
    assert folded == "对不起你"  # the folding table ships inside the package
    assert root.startswith(str(target))
    assert personas == sorted(p.stem for p in (ROOT / "personas").glob("*.yaml"))
    assert scenarios == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
