"""The prefilter may skip a rule pattern only when that pattern cannot match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import commitments, validity
from extractors.prefilter import Prefilter, required_words
from pipeline.clean import clean
from pipeline.snapshots import iter_snapshot_files, load_snapshot

REPO = Path(__file__).resolve().parents[2]
FOLDERS = [REPO / "data" / "raw", REPO / "tests" / "gold"]


def repository_texts() -> list[str]:
    texts = []
    for folder in FOLDERS:
        for path in iter_snapshot_files(folder):
            if path.suffix.lower() not in {".txt", ".html", ".pdf"}:
                continue
            document = clean(path.read_bytes(), load_snapshot(path).content_type)
            texts.append(document.text)
            texts += [document.text[b.start : b.end] for b in document.blocks]
    return texts


def rule_patterns() -> list[re.Pattern[str]]:
    rules = commitments.rules()
    return (
        [pattern for _, pattern in rules.always_negative]
        + list(rules.past_tense)
        + [rule.pattern for rule in validity.rule_book().rules]
    )


def test_a_skipped_pattern_never_matches_on_the_project_documents() -> None:
    patterns = rule_patterns()
    prefilter = Prefilter(patterns)
    skipped = 0
    for text in repository_texts():
        for possible, pattern in zip(prefilter.possible(text), patterns, strict=True):
            if not possible:
                skipped += 1
                assert pattern.search(text) is None, (pattern.pattern[:80], text[:80])
    assert skipped > 0  # the prefilter does skip work, or it is not worth having


@pytest.mark.parametrize("text", ["ſtatiſtik", "STATİSTİK", "Σ statistik", "\u212a", "Statistik från 2015"])
def test_odd_case_characters_never_make_a_matching_pattern_skip(text: str) -> None:
    patterns = rule_patterns()
    for possible, pattern in zip(Prefilter(patterns).possible(text), patterns, strict=True):
        if pattern.search(text):
            assert possible, pattern.pattern[:80]


def test_required_words_are_read_from_the_pattern() -> None:
    prefilter = Prefilter([re.compile(r"\b(har|hade)\s+gjort\b", re.IGNORECASE)])
    assert prefilter.possible("Polisen HAR gjort det.") == [True]
    assert prefilter.possible("Polisen ska göra det.") == [False]


def test_words_that_contain_a_shorter_one_count_as_that_one() -> None:
    # 70 spellings, but every one holds "månad" or "kvartal": two tests, not none.
    stems = ["månads", "kvartals"]
    endings = [f"möte{i}" for i in range(35)]
    pattern = re.compile("|".join(f"{s}{e}" for s in stems for e in endings) + "|månad|kvartal")
    assert required_words(pattern) == frozenset({"månad", "kvartal"})
