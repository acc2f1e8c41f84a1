"""Reading the YAML rule files that the cleaner and the extractors keep beside their code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's parser reads the same documents as PyYAML's pure-Python one, ten times faster;
# every process (each build worker included) reads all rule files once at start-up.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_rules(path: Path) -> Any:
    """The data of a YAML rule file, read safely (no Python objects, only plain data)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
