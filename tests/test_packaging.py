"""The built wheel carries every persona, scenario and rule file inside the package."""

from __future__ import annotations

import json
import os
import shutil
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


# The hot path the opt-in compiled build (mypyc) turns into C extensions: pyproject.toml's
# [tool.hatch.build.targets.wheel.hooks.mypyc] include list.
COMPILED = ("simulator.text.matcher", "simulator.text.normalise", "simulator.text.signals",
            "simulator.engine.state", "simulator.engine.step", "simulator.engine.replies", "simulator.scoring")


@pytest.fixture(scope="module")
def compiled_site(tmp_path_factory):
    """The package built with HATCH_BUILD_HOOKS_ENABLE=1 (mypyc) and unpacked into a folder.

    Built from a copy of the tree, so that a build that fails half-way leaves nothing in
    the checkout; after a good build, hatch_build.py has removed the extensions mypyc put
    beside the sources (in a checkout they would shadow the Python the editable install runs).
    """
    pytest.importorskip("hatch_mypyc")
    base = tmp_path_factory.mktemp("compiled")
    src = base / "src"
    src.mkdir()
    for name in ("simulator", "personas", "scenarios", "rules", "exemplars", "reports"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    for name in ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    dist = base / "dist"
    env = dict(os.environ, HATCH_BUILD_HOOKS_ENABLE="1")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(src)],
        capture_output=True, text=True, timeout=900, env=env,
    )
    if build.returncode and "Python.h" in build.stdout + build.stderr:
        pytest.skip("no Python headers to compile against (Debian: apt-get install python3-dev)")
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("complaint_sim-*.whl")
    assert not wheel.name.endswith("-none-any.whl")  # a platform wheel: it holds C extensions
    assert not [p.name for p in src.rglob("*.so")]  # all in the wheel, none left in the tree
    site = base / "site"
    unpack = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                            capture_output=True, text=True, timeout=300)
    assert unpack.returncode == 0, unpack.stderr
    return site


def _with(site: Path | None) -> dict[str, str]:
    env = dict(os.environ, COMPLAINT_SIM_LANG="en")
    env.pop("PYTHONPATH", None)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return env


@pytest.mark.slow
def test_compiled_build_compiles_the_hot_path(compiled_site, tmp_path):
    code = "import importlib, json, sys; print(json.dumps({m: importlib.import_module(m).__file__ for m in sys.argv[1:]}))"
    res = subprocess.run([sys.executable, "-c", code, *COMPILED], capture_output=True, text=True,
                         cwd=tmp_path, env=_with(compiled_site), timeout=120)
    assert res.returncode == 0, res.stderr
    for module, path in json.loads(res.stdout).items():
        assert path.startswith(str(compiled_site)) and path.endswith(".so"), (module, path)


@pytest.mark.slow
def test_compiled_build_gives_the_same_bytes(compiled_site, tmp_path):
    """Seeds, float rounding and iteration order are the same in C: every output file is byte-identical."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from batch import synthetic_sets
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    src = tmp_path / "sets.jsonl"
    lines = list(synthetic_sets(400, seed=11))
    lines.insert(5, '{"id": "broken"')  # an error line takes the same path too
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = {}
    for name, site in (("pure", None), ("compiled", compiled_site)):
        out = tmp_path / name
        res = subprocess.run([sys.executable, "-m", "simulator", "batch", str(src), "--out", str(out)],
                             capture_output=True, text=True, cwd=tmp_path, env=_with(site), timeout=600)
        assert res.returncode == 2 and "1 line could not be scored" in res.stderr, res.stderr
        outs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outs["pure"].keys() == outs["compiled"].keys()
    for name, data in outs["pure"].items():
        assert outs["compiled"][name] == data, name


@pytest.mark.slow
def test_compiled_build_passes_the_engine_tests(compiled_site, tmp_path):
    """The engine, property and golden-report tests, run against the compiled modules."""
    files = ["test_engine.py", "test_properties.py", "test_scoring.py", "test_matcher.py", "test_report.py"]
    res = subprocess.run(
        [sys.executable, "-c",
         "import importlib, sys, pytest\n"
         "assert importlib.import_module('simulator.engine.step').__file__.endswith('.so')\n"
         "sys.exit(pytest.main(sys.argv[1:]))",
         "-q", "-p", "no:cacheprovider", "-x", "--rootdir", str(ROOT), *(str(ROOT / "tests" / f) for f in files)],
        capture_output=True, text=True, cwd=tmp_path, env=_with(compiled_site), timeout=900,
    )
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert " passed" in res.stdout
