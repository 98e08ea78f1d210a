"""Language knowledge kept as data: YAML files loaded and validated once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).parent


class RuleFileError(ValueError):
    """A rule file is missing a key or holds a value of the wrong shape."""


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when PyYAML has it: ten times faster


def read_yaml(path: Path) -> Any:
    """A YAML file's data, parsed safely (plain data, no Python objects)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=LOADER)  # LOADER is a safe loader


@cache
def load(name: str) -> dict[str, Any]:
    """Load ``extract/rules/<name>.yaml`` once; the error names the file and the key."""
    path = RULES_DIR / f"{name}.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping at the top level")
    return data


def require(data: dict[str, Any], key: str, kind: type, name: str) -> Any:
    """Return ``data[key]`` if it has type ``kind``; else raise naming the file and key."""
    value = data.get(key)
    if not isinstance(value, kind):
        raise RuleFileError(f"extract/rules/{name}.yaml: key {key!r} must be a {kind.__name__}")
    return value
