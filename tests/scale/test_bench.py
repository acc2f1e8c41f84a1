"""``medborgarloften bench`` on a tiny corpus: every figure is there and measured (speed is not judged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extract import FIELD_EXTRACTORS
from pipeline.synthetic import generate_corpus, load_sources

KEYS = ["docs_per_s", "peak_rss_mb", "noop_rebuild_s", "one_change_rebuild_s", "tokenizer_ratio",
        "trafilatura_ratio", "crawl_bound_ratio"]


def test_bench_writes_every_figure_with_its_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--docs", "40", "--out", str(out), "--work", str(tmp_path / "work"), "--no-crawl"]) == 0

    figures = json.loads(out.read_text(encoding="utf-8"))
    assert set(KEYS) <= set(figures)
    for key in KEYS[:-1]:
        assert figures[key] > 0, key
        assert figures["met"][key] in (True, False)
    assert figures["crawl_bound_ratio"] is None and "skipped" in figures["details"]["crawl_note"]
    assert figures["details"]["documents"] == 40
    assert "unchanged" in figures["details"]["extract_output"]["noop"]
    assert "updated; 1 extracted" in figures["details"]["extract_output"]["one_change"]
    runs = figures["details"]["rebuild_runs_s"]
    assert len(runs["noop"]) == len(runs["one_change"]) == 3
    assert figures["one_change_rebuild_s"] == sorted(runs["one_change"])[1]  # the median
    printed = capsys.readouterr().out
    assert "docs_per_s" in printed and "target >= 300" in printed

    # Where the time goes: every stage measured, the rules' total is the sum of the extractors.
    stages = figures["details"]["stage_ms"]
    extractors = {s for s in stages if s.startswith("rules: ")}
    assert {"read", "clean", "spacy", "rules"} <= set(stages)
    assert {s.removeprefix("rules: ") for s in extractors} == set(FIELD_EXTRACTORS)
    assert {"clean: text", "clean: html.polisen", "clean: html.sitevision"} <= set(stages)
    assert all(ms > 0 for ms in stages.values())
    assert stages["rules"] == pytest.approx(sum(stages[s] for s in extractors), abs=0.01)
    assert 0 < figures["details"]["html_clean_ms"] < figures["details"]["html_ours_ms"]
    assert "where the time goes" in printed


def test_the_synthetic_corpus_is_varied_not_copies(tmp_path: Path) -> None:
    sources = load_sources()
    summary = generate_corpus(tmp_path / "raw", 80, seed=3, sources=sources)
    files = [p for p in (tmp_path / "raw").rglob("*") if p.is_file() and not p.name.endswith(".meta.json")]
    assert summary.documents == len(files) == 80
    assert set(summary.by_shape) == {"text", "polisen", "sitevision", "news"}
    contents = {p.read_bytes() for p in files}
    assert len(contents) == 80  # no two documents alike
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert sum('id="main-content"' in t for t in texts) == summary.by_shape["polisen"]
    assert sum("sv-text-portlet-content" in t for t in texts) == summary.by_shape["sitevision"]
    assert len(sources) >= 5
