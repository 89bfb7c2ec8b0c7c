"""Which complaint-sim a benchmark times: the installed one if there is one, else this tree.

Imported first by the benchmarks, so that a compiled build (HATCH_BUILD_HOOKS_ENABLE=1
pip install .) is timed as installed; run from a checkout without an install, the source
tree is used.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import simulator  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT))

# The modules the opt-in compiled build turns into C extensions (pyproject.toml, hooks.mypyc).
HOT_PATH = ("simulator.text.matcher", "simulator.text.normalise", "simulator.text.signals",
            "simulator.engine.state", "simulator.engine.step", "simulator.engine.replies", "simulator.scoring")


def build_kind() -> str:
    """How many hot-path modules are compiled, and where the package lives."""
    files = [importlib.import_module(m).__file__ or "" for m in HOT_PATH]
    compiled = sum(f.endswith((".so", ".pyd")) for f in files)
    where = Path(files[0]).resolve().parent.parent.parent
    kind = f"compiled with mypyc ({compiled} of {len(HOT_PATH)} hot-path modules)" if compiled else "pure Python"
    return f"{kind}, from {where}"
