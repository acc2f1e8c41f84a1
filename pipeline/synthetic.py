"""A synthetic corpus for the benchmark: varied perturbations of the project's own documents.

Each synthetic document starts from one source (a seed snapshot in ``data/raw`` or
an authored gold document in ``tests/gold/docs``), cleaned into typed blocks by the
project's own cleaner, and then changes: municipalities and people swapped (names
from ``data/reference/municipalities.csv`` and ``synthetic.yaml``), years shifted,
sentences and list items shuffled, bullet and dash styles varied, paragraphs
wrapped, and a block or two borrowed from another source. It is written as plain
text or as HTML in the shapes of polisen.se (Episerver), a SiteVision municipality
site, or an unknown news page (which only trafilatura can take apart), each with
its site chrome, into a snapshot store layout with sidecars.

The texts are realistic in shape and size, not in meaning: they exercise every
code path of clean and extract at the corpus's real scale. Seeded, so a seed and a
count give the same corpus every time.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import random
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from models import Snapshot
from models.rules import read_rules
from pipeline.clean import CleanError, clean
from pipeline.snapshots import SIDECAR_SUFFIX, iter_snapshot_files, slugify

REPO = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = [REPO / "data" / "raw", REPO / "tests" / "gold" / "docs"]
GOLD = REPO / "tests" / "gold"
MUNICIPALITIES = REPO / "data" / "reference" / "municipalities.csv"
VOCABULARY = Path(__file__).with_name("synthetic.yaml")
SHAPES = ["text", "polisen", "sitevision", "news"]
YEAR = re.compile(r"\b20(1[5-9]|2[0-6])\b")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


@dataclass
class SourceDocument:
    """One of the project's documents as blocks, with the names a variant swaps out."""

    name: str
    title: str
    blocks: list[tuple[str, str]]  # (kind, text)
    municipalities: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass
class CorpusSummary:
    folder: Path
    documents: int = 0
    bytes: int = 0
    by_shape: dict[str, int] = field(default_factory=dict)


@cache
def vocabulary() -> dict:
    return read_rules(VOCABULARY)


@cache
def municipality_names() -> tuple[str, ...]:
    with MUNICIPALITIES.open(encoding="utf-8", newline="") as handle:
        return tuple(row["name"] for row in csv.DictReader(handle))


def load_sources(folders: Iterable[Path] = SOURCE_FOLDERS) -> list[SourceDocument]:
    """The project's documents, cleaned by the project's cleaner, with their known names."""
    known_people, known_places = _gold_names()
    names = municipality_names()
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")")
    sources = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in iter_snapshot_files(folder):
            try:
                document = clean(path.read_bytes(), path.suffix)
            except (OSError, CleanError):
                continue
            blocks = [(b.kind, document.text[b.start : b.end]) for b in document.blocks]
            found = sorted(set(pattern.findall(document.text)) - known_places, key=len, reverse=True)
            people = sorted(p for p in known_people if p in document.text)
            sources.append(SourceDocument(path.name, document.title or blocks[0][1], blocks, found, people))
    if not sources:
        raise FileNotFoundError("no source documents for the synthetic corpus in " +
                                ", ".join(str(f) for f in folders))
    return sources


def _gold_names() -> tuple[set[str], set[str]]:
    people: set[str] = set()
    places: set[str] = set()
    for path in GOLD.glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        people.update(p["name"] for p in data.get("people", []) if p.get("name"))
        places.update(p["name"] for p in data.get("places", []) if p.get("name"))
    return people, places


# --- perturbations -------------------------------------------------------------------------


def variant(source: SourceDocument, other: SourceDocument, rng: random.Random) -> SourceDocument:
    """A new document from ``source``: names, years, order and punctuation changed."""
    places = {name: rng.choice(municipality_names()) for name in source.municipalities}
    vocab = vocabulary()
    swaps = dict(places)
    swaps.update({
        person: f"{rng.choice(vocab['first_names'])} {rng.choice(vocab['last_names'])}"
        for person in source.people
    })
    shift = rng.randint(-4, 4)
    dash = rng.choice(vocab["dashes"])

    def rewrite(text: str) -> str:
        for old, new in swaps.items():
            text = re.sub(rf"\b{re.escape(old)}", new, text)
        text = YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)
        return text.replace(" – ", dash)

    # The renderers write the title themselves; the cleaner made it the first block.
    body = source.blocks[1:] if source.blocks and source.blocks[0][1] == source.title else source.blocks
    blocks = [(kind, rewrite(text)) for kind, text in body]
    blocks = _shuffle_list_runs(blocks, rng)
    blocks = [(kind, _shuffle_sentences(text, rng) if kind == "paragraph" else text) for kind, text in blocks]
    if other.blocks and rng.random() < 0.5:
        borrowed = [b for b in other.blocks if b[0] in ("paragraph", "list_item")]
        if borrowed:
            kind, text = rng.choice(borrowed)
            blocks.insert(rng.randint(1, len(blocks)), (kind, rewrite(text)))
    return SourceDocument(source.name, rewrite(source.title), blocks, list(places.values()))


def _shuffle_list_runs(blocks: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for block in [*blocks, ("end", "")]:
        if block[0] == "list_item":
            run.append(block)
            continue
        if run:
            if rng.random() < 0.6:
                rng.shuffle(run)
            result.extend(run)
            run = []
        if block[0] != "end":
            result.append(block)
    return result


def _shuffle_sentences(text: str, rng: random.Random) -> str:
    sentences = SENTENCE_BREAK.split(text)
    if len(sentences) > 2 and rng.random() < 0.5:
        rng.shuffle(sentences)
    return " ".join(sentences)


# --- rendering -----------------------------------------------------------------------------


def render_text(document: SourceDocument, rng: random.Random) -> str:
    bullet = rng.choice(vocabulary()["text_bullets"])
    numbered = rng.random() < 0.2
    width = rng.choice([0, 0, 72, 90])  # 0: one line per paragraph
    shout = rng.random() < 0.2
    lines = [document.title, ""]
    number = 0
    for kind, text in document.blocks:
        if kind == "list_item":
            number += 1
            lines.append(f"{number}. {text}" if numbered else f"{bullet} {text}")
            continue
        number = 0
        if lines[-1] != "":
            lines.append("")
        if kind == "heading":
            lines.append(text.upper() if shout and len(text) < 40 else text)
        elif width and kind == "paragraph":
            lines.extend(textwrap.wrap(text, width=width))
        else:
            lines.append(text)
        lines.append("")
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    return newline.join(lines).strip() + newline


def _html_body(document: SourceDocument, rng: random.Random, skip_first_paragraph: bool = False) -> str:
    parts: list[str] = []
    items: list[str] = []
    ordered = rng.random() < 0.2
    skipped = not skip_first_paragraph
    for kind, text in [*document.blocks, ("end", "")]:
        if kind != "list_item" and items:
            tag = "ol" if ordered else "ul"
            parts.append(f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>")
            items = []
        escaped = html.escape(text).replace("\n", "<br>")
        if kind == "list_item":
            items.append(escaped)
        elif kind == "heading":
            level = rng.choice([2, 2, 3])
            parts.append(f"<h{level}>{escaped}</h{level}>")
        elif kind == "caption":
            parts.append(f"<figure><img src=\"/bild.jpg\" alt=\"\">"
                         f"<figcaption>{escaped}</figcaption></figure>")
        elif kind == "paragraph" and not skipped:
            skipped = True
        elif kind in ("paragraph", "signature"):
            parts.append(f"<p>{escaped}</p>")
    return "\n".join(parts)


def _chrome(lines: list[str], rng: random.Random) -> str:
    chosen = rng.sample(lines, k=rng.randint(1, len(lines)))
    return "\n".join(f"<div class=\"notice\"><p>{html.escape(line)}</p></div>" for line in chosen)


def render_polisen(document: SourceDocument, rng: random.Random) -> str:
    vocab = vocabulary()
    lead = next((t for k, t in document.blocks if k == "paragraph"), "")
    title = html.escape(document.title)
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{title} | Polismyndigheten</title>
<script>window.dataLayer = [];</script></head>
<body>
<div class="cookie-banner"><p>{html.escape(vocab['chrome_before'][1])}</p><button>Godkänn</button></div>
<header><nav class="main-menu"><ul><li><a href="/aktuellt/">Aktuellt</a></li>
<li><a href="/om-polisen/">Om Polisen</a></li></ul></nav></header>
<nav class="breadcrumbs"><a href="/">Startsida</a> / <a href="/om-polisen/">Om Polisen</a></nav>
<div id="main-content">
<h1>{title}</h1>
<p class="preamble">{html.escape(lead)}</p>
<div class="text-body editorial-html">
{_html_body(document, rng, skip_first_paragraph=True)}
</div>
<div class="feedback"><h2>Hjälpte informationen dig?</h2><button>Ja</button><button>Nej</button></div>
</div>
<footer><p>{html.escape(vocab['chrome_after'][1])}</p>
<p>Polismyndigheten, Box 12256, 102 26 Stockholm</p></footer>
</body></html>
"""


def render_sitevision(document: SourceDocument, rng: random.Random) -> str:
    body = _html_body(document, rng).split("\n")
    cut = sorted(rng.sample(range(1, max(2, len(body))), k=min(2, max(0, len(body) - 1))))
    portlets = [body[a:b] for a, b in zip([0, *cut], [*cut, len(body)], strict=True)]
    columns = "\n".join(
        f"<div class=\"sv-portlet sv-text-portlet\">"
        f"<div class=\"sv-text-portlet-content\">{''.join(p)}</div></div>"
        for p in portlets if p
    )
    links = "".join(f"<li><a href=\"#\">{html.escape(x)}</a></li>" for x in vocabulary()["related_links"][:4])
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{html.escape(document.title)}</title></head>
<body>
<div class="sv-layout header"><nav class="navigation"><ul>{links}</ul></nav></div>
<div class="sv-layout pagecontent">
<div class="sv-text-portlet"><div class="sv-text-portlet-content">
<h1>{html.escape(document.title)}</h1></div></div>
{columns}
</div>
<div class="sv-layout footer"><p>Sidansvarig: Kommunikationsavdelningen</p></div>
</body></html>
"""


def render_news(document: SourceDocument, rng: random.Random) -> str:
    vocab = vocabulary()
    links = "".join(f"<li><a href=\"/{slugify(x)}\">{html.escape(x)}</a></li>"
                    for x in vocab["related_links"])
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{html.escape(document.title)} - Nyheter</title></head>
<body>
<div id="top"><a href="/">Nyheter från kommunen</a> <a href="/sok">Sök</a></div>
{_chrome(vocab['chrome_before'], rng)}
<div class="wrapper"><div class="col-main">
<h1>{html.escape(document.title)}</h1>
<p class="date">Publicerad {rng.randint(1, 28)} {rng.choice(['januari', 'mars', 'juni', 'oktober'])}</p>
{_html_body(document, rng)}
</div>
<div class="col-aside"><h3>Relaterat</h3><ul>{links}</ul></div></div>
{_chrome(vocab['chrome_after'], rng)}
</body></html>
"""


RENDERERS = {"polisen": render_polisen, "sitevision": render_sitevision, "news": render_news}


# --- the corpus ----------------------------------------------------------------------------


def generate_corpus(folder: Path, count: int, seed: int = 2017,
                    sources: list[SourceDocument] | None = None) -> CorpusSummary:
    """Write ``count`` synthetic snapshots (with sidecars) under ``folder``."""
    sources = sources or load_sources()
    rng = random.Random(seed)
    summary = CorpusSummary(folder)
    for index in range(count):
        size, shape = write_document(folder, index, sources, rng)
        summary.documents += 1
        summary.bytes += size
        summary.by_shape[shape] = summary.by_shape.get(shape, 0) + 1
    return summary


def write_document(folder: Path, index: int, sources: list[SourceDocument],
                   rng: random.Random) -> tuple[int, str]:
    """One synthetic snapshot and its sidecar; returns (size in bytes, shape)."""
    document = variant(rng.choice(sources), rng.choice(sources), rng)
    shape = SHAPES[index % len(SHAPES)]
    if shape == "text":
        content = render_text(document, rng).encode("utf-8")
        site, publisher, extension = "polisen.se", "police", "txt"
    else:
        content = RENDERERS[shape](document, rng).encode("utf-8")
        extension = "html"
        site, publisher = {"polisen": ("polisen.se", "police"),
                           "sitevision": ("kommun.example", "municipality"),
                           "news": ("nyheter.example", "other")}[shape]
    slug = f"{slugify(document.title, 40)}-{index:05d}"
    sha = hashlib.sha256(content).hexdigest()
    target = folder / site / f"{slug}.{sha[:16]}.{extension}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    snapshot = Snapshot(
        path=target.as_posix(), sha256=sha, content_type="text" if extension == "txt" else "html",
        size=len(content), url=f"https://{site}/medborgarloften/{slug}/", site=site, publisher=publisher,
        title=document.title, fetched_at="2026-01-15T10:00:00Z", note="synthetic benchmark document",
    )
    target.with_name(target.name + SIDECAR_SUFFIX).write_text(snapshot.model_dump_json(indent=2) + "\n")
    return len(content), shape


def replace_one(
    folder: Path, seed: int = 99, sources: list[SourceDocument] | None = None
) -> tuple[Path, Path]:
    """Change one document the way the store changes: a new snapshot replaces an old one.

    Returns (removed file, added file).
    """
    files = list(iter_snapshot_files(folder))
    rng = random.Random(seed)
    old = rng.choice(files)
    old.unlink()
    old.with_name(old.name + SIDECAR_SUFFIX).unlink(missing_ok=True)
    before = set(iter_snapshot_files(folder))
    write_document(folder, 90_000 + seed, sources or load_sources(), rng)
    (added,) = set(iter_snapshot_files(folder)) - before
    return old, added
