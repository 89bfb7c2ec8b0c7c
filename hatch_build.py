"""Build hook for the opt-in compiled build (HATCH_BUILD_HOOKS_ENABLE=1; see pyproject.toml).

hatch-mypyc compiles in place: it leaves each module's C extension beside its source, and
Python imports an extension before the source. Left in a checkout, those files would keep
running the compiled code of the day after the Python was edited, so once the wheel holds
them they are removed from the tree.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        root = Path(self.root)
        for suffix in EXTENSION_SUFFIXES:
            for path in [*root.joinpath("simulator").rglob(f"*{suffix}"), *root.glob(f"*__mypyc*{suffix}")]:
                path.unlink()
