"""``medborgarloften bench``: throughput, memory and rebuild times against their targets.

On a synthetic corpus (``pipeline/synthetic.py``, 10,000 documents by default) it
runs ``medborgarloften extract`` as a researcher does, in a fresh process with an
empty cache, then again with nothing changed, then with one snapshot replaced (each
rebuild three times; the median is the figure), and measures wall time and the peak
memory of the whole process tree. Two ratios put
the speed in context, measured in the same run on the same machine:

- ``tokenizer_ratio``: our documents per second against bare ``spacy.blank("sv")``
  tokenization of the same cleaned texts (the floor cost of any spaCy pipeline;
  the faster of one process and as many processes as the build used);
- ``trafilatura_ratio``: our time per HTML document (clean + extract, one process)
  against ``trafilatura.extract`` alone on the same HTML.

Every figure is printed beside its target with whether it is met, and written to
``data/structured/bench.json``. The bench reports; it never fails on a missed target.
Beside the figures it shows where the time goes: milliseconds per document of reading,
cleaning (per cleaner), spaCy and each field extractor, timed in one process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path("data/structured/bench.json")
DEFAULT_WORK = Path("data/structured/bench")
HTML_SAMPLE = 300
STAGE_SAMPLE = 400
REPO = Path(__file__).resolve().parent.parent
FROZEN_PARTS = ["pipeline", "extractors", "models", "data/reference"]
MAX_ATTEMPTS = 3
REBUILD_RUNS = 3

# key -> (comparison, target, unit)
TARGETS: dict[str, tuple[str, float, str]] = {
    "docs_per_s": (">=", 300, "documents/s"),
    "peak_rss_mb": ("<=", 1024, "MB"),
    "noop_rebuild_s": ("<=", 2.0, "s"),
    "one_change_rebuild_s": ("<=", 3.0, "s"),
    "tokenizer_ratio": (">=", 0.5, "x bare tokenizer throughput"),
    "trafilatura_ratio": ("<=", 1.5, "x trafilatura.extract time per HTML document"),
}


@dataclass
class Timed:
    seconds: float
    peak_rss_mb: float
    output: str


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc.

    Workers run at the same time as their parent, so the peak is the sum over the
    tree, not the largest single process (what getrusage reports).
    """

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self._stop.wait(self.interval)


def tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(_memory_kb(pid) for pid in tree)


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared pages split between sharers), else resident size.

    Forked workers share the parent's spaCy tables; summing their RSS would count
    those pages once per process.
    """
    for name, field_name in (("smaps_rollup", "Pss"), ("status", "VmRSS")):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        found = re.search(rf"^{field_name}:\s+(\d+) kB", text, re.MULTILINE)
        if found:
            return int(found.group(1))
    return 0


def freeze_code(work: Path) -> Path:
    """A copy of the code and rules as they are now, for every extract run of this bench.

    Rebuild times are only meaningful if the code stays the same between runs; in a
    tree where someone edits a rule meanwhile, the live code would turn the no-op
    rebuild into a full one (the cache follows the rules' fingerprint).
    """
    root = work / "code"
    for part in FROZEN_PARTS:
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def run_extract(raw: Path, work: Path, extra: list[str] | None = None, code: Path | None = None) -> Timed:
    """``medborgarloften extract`` in a fresh interpreter, timed, with its tree's peak memory.

    ``code``: a frozen copy of the code to run instead of the working tree.
    """
    command = [
        sys.executable, "-m", "pipeline.cli", "extract", "--raw", str(raw.absolute()),
        "--db", str((work / "bench.db").absolute()), "--jsonl", str((work / "bench.jsonl").absolute()),
        "--cache", str((work / "cache").absolute()),
        "--fetch-log", str((work / "no-fetch-log.jsonl").absolute()), "--no-progress", *(extra or []),
    ]
    # ``python -m`` puts the working directory first on the path: it decides which code runs.
    cwd = code or REPO
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    # The run before wrote hundreds of MB (database, cache, JSONL); the first fsync of the next
    # run would wait for the disk to take all of it (ext4 commits other files' data with it).
    # A researcher's next run comes minutes later, when that is done: flush it outside the timing.
    if hasattr(os, "sync"):
        os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=cwd, env=env)
    with TreeMemory(process.pid) as memory:
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"extract failed ({process.returncode}): {err.strip()[-500:]}")
    return Timed(seconds, memory.peak_kb / 1024, out.strip())


def rerun_until(raw: Path, work: Path, extra: list[str], expected: str, notes: list[str],
                code: Path | None) -> Timed:
    """Run extract again until it reports ``expected``.

    A rebuild with nothing changed re-extracts everything when the extractor code
    changed since the last run (the cache is keyed by its fingerprint); in a tree
    where rules are being edited, that run measures the edit, not the no-op.
    """
    timed = run_extract(raw, work, extra, code)
    for _ in range(MAX_ATTEMPTS - 1):
        if expected in timed.output:
            break
        notes.append(f"rebuild was not a no-op ({timed.output}); the extractor code changed during the bench")
        timed = run_extract(raw, work, extra, code)
    return timed


def one_change_rebuild(raw: Path, work: Path, extra: list[str], code: Path | None, seed: int,
                       sources: Any, notes: list[str]) -> Timed:
    """Replace one snapshot and rebuild; retried when the run was not incremental."""
    from pipeline.synthetic import replace_one

    timed = None
    for attempt in range(MAX_ATTEMPTS):
        replace_one(raw, seed=seed + attempt, sources=sources)
        timed = run_extract(raw, work, extra, code)
        if "(updated; 1 extracted)" in timed.output:
            break
        notes.append(f"one-change rebuild was not incremental ({timed.output}); "
                     "the extractor code changed during the bench")
        rerun_until(raw, work, extra, "(unchanged;", notes, code)
    assert timed is not None
    return timed


def median_run(runs: list[Timed]) -> Timed:
    return sorted(runs, key=lambda t: t.seconds)[len(runs) // 2]


def tokenizer_throughput(texts: list[str], processes: int) -> float:
    """Documents per second of bare ``spacy.blank("sv")`` tokenization: the better of 1 and n processes."""
    import spacy

    nlp = spacy.blank("sv")
    best = 0.0
    for n_process in sorted({1, max(1, processes)}):
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256, n_process=n_process):
            pass
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best


def html_ratio(files: list[Path]) -> dict[str, float]:
    """Mean time per HTML document: our clean + extract against trafilatura.extract alone.

    Our cleaning alone is timed too (``clean_ms``): it is the part that does what
    trafilatura does; the rest is the rule extraction trafilatura does not do.
    """
    import trafilatura

    from pipeline.build import process_file
    from pipeline.clean import clean

    if not files:
        return {}
    process_file(files[0])  # spaCy and the rule files load once, outside the timing
    trafilatura.extract(files[0].read_text(encoding="utf-8"))
    ours = _mean_seconds(files, lambda path: process_file(path))
    cleaning = _mean_seconds(files, lambda path: clean(path.read_bytes(), "html"))
    theirs = _mean_seconds(files, lambda path: trafilatura.extract(path.read_text(encoding="utf-8")))
    return {"ours_ms": ours * 1000, "clean_ms": cleaning * 1000, "trafilatura_ms": theirs * 1000,
            "ratio": ours / theirs}


def stage_times(files: list[Path]) -> dict[str, float]:
    """Where the time goes: mean milliseconds per document of each stage, in one process.

    Reading the snapshot, cleaning (overall and per cleaner), spaCy (tokens and
    sentences) and each field extractor, on a sample of the corpus; the extractors
    run in the order the build runs them, since later ones reuse what earlier ones
    left on the document.
    """
    from extractors import analyze
    from pipeline.clean import clean
    from pipeline.extract import extractor_functions
    from pipeline.snapshots import load_snapshot

    extractors = extractor_functions()
    laps = Laps()
    for warm_up in (True, False):  # the first pass loads spaCy and the rule files
        laps.totals.clear()
        laps.counts.clear()
        for path in files[:1] if warm_up else files:
            laps.start()
            try:
                content = path.read_bytes()
                snapshot = load_snapshot(path, content)
                laps.lap("read")
                document = clean(content, snapshot.content_type, title=snapshot.title)
                laps.lap(f"clean: {document.cleaner}")
                analyzed = analyze(document)
                _ = analyzed.sentences
                laps.lap("spacy")
                for field_name, extract in extractors.items():
                    extract(analyzed)
                    laps.lap(f"rules: {field_name}")
            except Exception:  # a file the build would skip is not part of the picture
                continue
    # Each stage's mean over the files it ran on (a cleaner's over the files it cleaned).
    times = {stage: laps.totals[stage] / laps.counts[stage] * 1000 for stage in laps.totals}
    cleaned = sum(laps.counts[s] for s in laps.counts if s.startswith("clean: "))
    times["clean"] = sum(laps.totals[s] for s in laps.totals if s.startswith("clean: ")) / cleaned * 1000
    times["rules"] = sum(v for s, v in times.items() if s.startswith("rules: "))
    return times


class Laps:
    """Seconds spent in each named stage, lap after lap."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self._last = time.perf_counter()

    def start(self) -> None:
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.totals[stage] = self.totals.get(stage, 0.0) + now - self._last
        self.counts[stage] = self.counts.get(stage, 0) + 1
        self._last = now


def _mean_seconds(files: list[Path], work: Callable[[Path], Any]) -> float:
    started = time.perf_counter()
    for path in files:
        work(path)
    return (time.perf_counter() - started) / len(files)


def crawl_figure() -> tuple[float | None, str]:
    try:
        from pipeline.crawl_bench import crawl_benchmark  # the fetcher's benchmark, when it exists
    except ImportError:
        return None, "pipeline.crawl_bench is not available: crawl_bound_ratio not measured"
    try:
        value = crawl_benchmark().get("crawl_bound_ratio")
    except Exception as exc:  # another stage's benchmark failing must not lose ours
        return None, f"crawl_benchmark failed: {exc.__class__.__name__}: {exc}"
    return (float(value) if value is not None else None), "from pipeline.crawl_bench.crawl_benchmark()"


def met(key: str, value: float | None) -> bool | None:
    if value is None or key not in TARGETS:
        return None
    comparison, target, _ = TARGETS[key]
    return value >= target if comparison == ">=" else value <= target


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents to generate")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the figures (JSON)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="scratch folder for the corpus, database and cache (emptied first)")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--workers", type=int, default=None, help="passed to extract (default: its own)")
    parser.add_argument("--live", action="store_true",
                        help="run the working tree's code, not a copy frozen when the bench starts")
    parser.add_argument("--no-crawl", action="store_true",
                        help="skip the crawl benchmark (it takes about ten seconds of polite waiting)")


def run(args: argparse.Namespace) -> int:
    from pipeline.snapshots import iter_snapshot_files
    from pipeline.synthetic import generate_corpus, load_sources

    work: Path = args.work
    if work.exists():
        shutil.rmtree(work)
    raw = work / "raw"
    started = time.perf_counter()
    sources = load_sources()
    corpus = generate_corpus(raw, args.docs, seed=args.seed, sources=sources)
    print(f"generated {corpus.documents} documents ({corpus.bytes / 2**20:.1f} MB, "
          f"{', '.join(f'{k}: {v}' for k, v in sorted(corpus.by_shape.items()))}) "
          f"from {len(sources)} sources in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    workers = ["--workers", str(args.workers)] if args.workers else []

    code = None if args.live else freeze_code(work)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    full = run_extract(raw, work, workers, code)
    documents = _count_documents(work / "bench.db")
    notes: list[str] = []
    # Rebuilds take a second or two, so a stalled disk or a busy neighbour shows in one run:
    # each is timed REBUILD_RUNS times and the median is the figure (every run is in details).
    noops = [rerun_until(raw, work, workers, "(unchanged;", notes, code) for _ in range(REBUILD_RUNS)]
    one_changes = [one_change_rebuild(raw, work, workers, code, args.seed + 10 * run, sources, notes)
                   for run in range(REBUILD_RUNS)]
    noop, one_change = median_run(noops), median_run(one_changes)

    texts = _cleaned_texts(work / "bench.db")
    build_workers = args.workers or min(2, os.cpu_count() or 1)
    tokenizer = tokenizer_throughput(texts, build_workers)
    html_files = sorted(raw.rglob("*.html"))
    step = max(1, len(html_files) // HTML_SAMPLE)
    html = html_ratio(html_files[::step][:HTML_SAMPLE])
    snapshots = list(iter_snapshot_files(raw))
    stages = stage_times(snapshots[:: max(1, len(snapshots) // STAGE_SAMPLE)][:STAGE_SAMPLE])
    crawl, crawl_note = (None, "skipped (--no-crawl)") if args.no_crawl else crawl_figure()

    docs_per_s = documents / full.seconds
    figures: dict[str, Any] = {
        "docs_per_s": round(docs_per_s, 1),
        "peak_rss_mb": round(full.peak_rss_mb, 1),
        "noop_rebuild_s": round(noop.seconds, 3),
        "one_change_rebuild_s": round(one_change.seconds, 3),
        "tokenizer_ratio": round(docs_per_s / tokenizer, 3),
        "trafilatura_ratio": round(html["ratio"], 3) if html else None,
        "crawl_bound_ratio": crawl,
    }
    details = {
        "documents": documents,
        "corpus_bytes": corpus.bytes,
        "corpus_shapes": corpus.by_shape,
        "mb_per_s": round(corpus.bytes / 2**20 / full.seconds, 3),
        "full_build_s": round(full.seconds, 2),
        "workers": build_workers,
        "cpus": os.cpu_count(),
        "tokenizer_docs_per_s": round(tokenizer, 1),
        "html_sample": len(html_files[::step][:HTML_SAMPLE]),
        "html_ours_ms": round(html.get("ours_ms", 0), 2),
        "html_trafilatura_ms": round(html.get("trafilatura_ms", 0), 2),
        "html_clean_ms": round(html.get("clean_ms", 0), 2),
        "stage_ms": {stage: round(ms, 3) for stage, ms in sorted(stages.items())},
        "crawl_note": crawl_note,
        "load_average_before": load_before,
        "code": "working tree" if code is None else f"frozen copy in {code}",
        "notes": notes,
        "peak_rss_note": "sum of PSS (else RSS) over extract and its workers, sampled every 50 ms",
        "extract_output": {"full": full.output, "noop": noop.output, "one_change": one_change.output},
        "rebuild_runs_s": {"noop": [round(t.seconds, 3) for t in noops],
                           "one_change": [round(t.seconds, 3) for t in one_changes]},
    }
    report = {
        **figures,
        "targets": {k: f"{c} {t}" for k, (c, t, _) in TARGETS.items()},
        "met": {k: met(k, figures[k]) for k in TARGETS},
        "details": details,
    }
    print_report(figures, details)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def print_report(figures: dict[str, Any], details: dict[str, Any]) -> None:
    print(f"\n{details['documents']} documents, {details['corpus_bytes'] / 2**20:.1f} MB, "
          f"{details['workers']} workers on {details['cpus']} CPUs")
    print(f"  {'MB per second':<24}{details['mb_per_s']:>12}")
    print(f"  {'bare tokenizer docs/s':<24}{details['tokenizer_docs_per_s']:>12}")
    print(f"  {'HTML ms/doc (ours/traf.)':<24}{details['html_ours_ms']:>6} / "
          f"{details['html_trafilatura_ms']} (our cleaning alone: {details['html_clean_ms']})")
    stages = details.get("stage_ms", {})
    if stages:
        print("  where the time goes, ms per document in one process:")
        for stage in ("read", "clean", "spacy", "rules"):
            parts = sorted((s for s in stages if s.startswith(f"{stage}: ")), key=lambda s: -stages[s])
            shown = ", ".join(f"{s.split(': ', 1)[1]} {stages[s]:.2f}" for s in parts)
            print(f"    {stage:<8}{stages.get(stage, 0):>6.2f}" + (f"   ({shown})" if shown else ""))
    for key, value in figures.items():
        if key in TARGETS:
            comparison, target, unit = TARGETS[key]
            verdict = {True: "met", False: "NOT MET", None: "not measured"}[met(key, value)]
            print(f"  {key:<24}{'—' if value is None else value:>12}   target {comparison} {target} {unit}: "
                  f"{verdict}")
        else:
            shown = "—" if value is None else value
            print(f"  {key:<24}{shown:>12}   {details['crawl_note']}")


def _count_documents(db_path: Path) -> int:
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("select count(*) from documents").fetchone()[0]
    finally:
        connection.close()


def _cleaned_texts(db_path: Path) -> list[str]:
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        return [row[0] for row in connection.execute("select text from documents order by id")]
    finally:
        connection.close()
