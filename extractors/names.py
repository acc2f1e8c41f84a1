"""Helpers shared by the entity extractors: rule files and the shape of proper names."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from models.rules import read_rules

HERE = Path(__file__).parent

# Capital letters that start a Swedish proper name ("Ängelholm", "Östra Göinge", "Élise").
UPPER = "A-ZÅÄÖÉÈÜÆØ"
LOWER = "a-zåäöéèüæøáíóúëï"


@cache
def load_rules(filename: str) -> dict[str, Any]:
    """A YAML rule file beside the extractors, parsed once per process."""
    data = read_rules(HERE / filename)
    if not isinstance(data, dict):
        raise ValueError(f"{HERE / filename}: expected a mapping at the top level")
    return data


def alternation(words: list[str], flexible_spaces: bool = False) -> str:
    """A regex alternative of ``words``, longest first so "stationen" wins over "station".

    With ``flexible_spaces`` a space in a phrase matches any run of whitespace.
    """
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    escaped = (re.escape(w) for w in ordered)
    if flexible_spaces:
        escaped = (e.replace(r"\ ", r"\s+") for e in escaped)
    return "|".join(escaped)


def any_of(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
    """One regex matching where any of ``patterns`` matches."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace or stray commas."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end
