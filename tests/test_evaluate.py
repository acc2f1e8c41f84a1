"""The scorer, with hand-built records and gold annotations (no pipeline needed)."""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import evaluate
from pipeline.evaluate import (
    FIELDS,
    build_report,
    normalise_person_name,
    normalise_police_unit_name,
    score_document,
    summarise,
    token_f1,
    validate_gold,
)


def gold_annotation() -> dict[str, Any]:
    return {
        "document": "tests/gold/docs/99_example.txt",
        "set": "authored",
        "municipalities": [{"name": "Båstad", "code": "1278"}],
        "police_units": [{"name": "Lokalpolisområde Ängelholm", "level": "local_police_area"}],
        "people": [
            {
                "name": "Bo Wendt",
                "role": "Kommunstyrelsens ordförande",
                "organization": "Båstads kommun",
                "kind": "signatory",
            }
        ],
        "validity": {
            "valid_from": "2017-01-01",
            "valid_to": "2017-12-31",
            "extended_to": "2018-12-31",
            "signed_on": "2016-12-13",
        },
        "follow_up": {"cadence": "semiannual"},
        "focus_areas": [{"text": "Motorburen ungdom"}, {"text": "Centrummiljön"}],
        "commitments": [
            {
                "text": "Polisen informerar om metoden vid all grannsamverkan.",
                "actor": "police",
            },
            {
                "text": "Kommunen kommer att regelbundet se över trafikmiljön.",
                "actor": "municipality",
            },
        ],
        "places": [{"name": "Sätra"}],
        "notes": "",
    }


def record_from(gold: dict[str, Any]) -> dict[str, Any]:
    """A record in SCHEMA.md shape that says exactly what the gold says."""
    record: dict[str, Any] = {"text": "…", "warnings": []}
    for name in FIELDS:
        record[name] = copy.deepcopy(gold[name])
    for municipality in record["municipalities"]:
        municipality.update(county="Skåne län", span=[0, 1], rule="test")
    for item_field in ("police_units", "people", "focus_areas", "commitments", "places"):
        for item in record[item_field]:
            item.update(span=[0, 1], rule="test")
    record["validity"]["evidence"] = []
    record["follow_up"].update(span=[0, 1], rule="test")
    return record


def counts(score: evaluate.DocumentScore, name: str) -> tuple[int, int, int]:
    field_score = score.fields[name]
    return field_score.tp, field_score.fp, field_score.fn


def test_perfect_record_scores_one_everywhere() -> None:
    gold = gold_annotation()
    summary = summarise([score_document(record_from(gold), gold)])
    for name in FIELDS:
        assert summary["fields"][name]["f1"] == 1.0, name
    assert summary["macro_f1"] == 1.0
    assert summary["actor_accuracy"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    for accuracy in summary["people_attribute_accuracy"].values():
        assert accuracy["accuracy"] == 1.0


def test_missing_commitment_lowers_recall_not_precision() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["commitments"].pop()
    score = score_document(record, gold)
    assert counts(score, "commitments") == (1, 0, 1)
    assert score.fields["commitments"].precision == 1.0
    assert score.fields["commitments"].recall == 0.5
    assert score.fields["commitments"].misses == [
        "[municipality] Kommunen kommer att regelbundet se över trafikmiljön."
    ]


def test_extra_focus_area_lowers_precision_not_recall() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["focus_areas"].append({"text": "Syftet med medborgarlöften", "span": [0, 1], "rule": "x"})
    score = score_document(record, gold)
    assert counts(score, "focus_areas") == (2, 1, 0)
    assert score.fields["focus_areas"].recall == 1.0
    assert score.fields["focus_areas"].precision == pytest.approx(2 / 3)
    assert score.fields["focus_areas"].extras == ["Syftet med medborgarlöften"]


def test_optional_gold_items_are_neutral() -> None:
    gold = gold_annotation()
    gold["commitments"].append(
        {
            "text": "Vi lovar att arbeta för ökad trygghet i hela kommunen.",
            "actor": "joint",
            "optional": True,
        }
    )
    gold["places"].append({"name": "Brålanda", "optional": True})
    without_optional = score_document(record_from(gold_annotation()), gold)
    with_optional = score_document(record_from(gold), gold)
    for score in (without_optional, with_optional):
        assert counts(score, "commitments") == (2, 0, 0)
        assert counts(score, "places") == (1, 0, 0)


def test_duplicate_predictions_count_once_and_the_rest_are_extra() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["places"].append({"name": "Sätra", "span": [5, 10], "rule": "again"})
    record["commitments"].append(copy.deepcopy(record["commitments"][0]))
    score = score_document(record, gold)
    assert counts(score, "places") == (1, 1, 0)
    assert counts(score, "commitments") == (2, 1, 0)


def test_actor_accuracy_counts_matched_commitments_only() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["commitments"][1]["actor"] = "joint"
    record["commitments"].append(
        {
            "text": "Något helt annat som ingen lovat.",
            "actor": "police",
            "span": [0, 1],
            "rule": "x",
        }
    )
    score = score_document(record, gold)
    assert counts(score, "commitments") == (2, 1, 0)
    assert (score.actor.correct, score.actor.total) == (1, 2)


def test_commitment_matching_tolerates_rewording_and_containment() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    # Small rewording: token F1 stays above 0.5.
    record["commitments"][0]["text"] = "Polisen informerar om metoden vid grannsamverkan"
    # A bullet that also carries the next sentence: the gold sentence is contained.
    record["commitments"][1]["text"] = (
        "Trafikrelaterade problem orsakar otrygghet och polisen kommer att genomföra kontroller "
        "med särskild inriktning på de platser där medborgarna upplever problem. Kommunen kommer "
        "att regelbundet se över trafikmiljön."
    )
    score = score_document(record, gold)
    assert counts(score, "commitments") == (2, 0, 0)


def test_unrelated_commitment_does_not_match() -> None:
    assert token_f1("Polisen ska genomföra trafikkontroller", "Kommunen röjer sly i parken") == 0
    gold = gold_annotation()
    record = record_from(gold)
    record["commitments"] = [
        {
            "text": "Kommunen röjer sly i parken",
            "actor": "municipality",
            "span": [0, 1],
            "rule": "x",
        }
    ]
    assert counts(score_document(record, gold), "commitments") == (0, 1, 2)


def test_validity_slots_wrong_value_is_false_positive_and_false_negative() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["validity"]["valid_to"] = "2018-12-31"
    record["validity"]["extended_to"] = None
    score = score_document(record, gold)
    assert counts(score, "validity") == (2, 1, 2)
    assert score.fields["validity"].extras == ["valid_to=2018-12-31"]
    assert set(score.fields["validity"].misses) == {"valid_to=2017-12-31", "extended_to=2018-12-31"}


def test_slot_predicted_where_gold_is_null_is_false_positive() -> None:
    gold = gold_annotation()
    gold["follow_up"] = {"cadence": None}
    gold["validity"]["signed_on"] = None
    record = record_from(gold_annotation())
    score = score_document(record, gold)
    assert counts(score, "follow_up") == (0, 1, 0)
    assert counts(score, "validity") == (3, 1, 0)


def test_empty_record_has_full_precision_and_no_recall() -> None:
    gold = gold_annotation()
    score = score_document({}, gold)
    for name in FIELDS:
        field_score = score.fields[name]
        assert field_score.fp == 0 and field_score.tp == 0 and field_score.fn > 0, name
        assert field_score.f1 == 0.0
    assert score.actor.total == 0


def test_nothing_expected_nothing_found_is_perfect() -> None:
    gold = gold_annotation()
    gold["places"] = []
    record = record_from(gold)
    assert score_document(record, gold).fields["places"].f1 == 1.0


def test_police_units_match_by_level_and_normalised_name() -> None:
    assert normalise_police_unit_name("LPO Falun / Borlänge") == "falun/borlänge"
    assert normalise_police_unit_name("Lokalpolisområde Falun/Borlänge") == "falun/borlänge"
    assert normalise_police_unit_name("Polisområde  Fyrbodal") == "fyrbodal"
    assert normalise_police_unit_name("polisregion Bergslagen") == "bergslagen"
    gold = gold_annotation()
    record = record_from(gold)
    record["police_units"] = [
        {
            "name": "lokalpolisområdet Ängelholm",
            "level": "local_police_area",
            "span": [0, 1],
            "rule": "x",
        },
        {"name": "Ängelholm", "level": "police_area", "span": [0, 1], "rule": "x"},
    ]
    assert counts(score_document(record, gold), "police_units") == (1, 1, 0)


def test_people_match_by_name_and_report_attribute_accuracy() -> None:
    assert normalise_person_name("Staffan Jansson (S)") == "staffan jansson"
    gold = gold_annotation()
    record = record_from(gold)
    record["people"][0].update(
        name="Bo  Wendt (M)",
        role="kommunstyrelsens ordförande",
        organization=None,
        kind="spokesperson",
    )
    score = score_document(record, gold)
    assert counts(score, "people") == (1, 0, 0)
    attributes = score.person_attributes
    assert (attributes["role"].correct, attributes["role"].total) == (1, 1)
    assert (attributes["organization"].correct, attributes["organization"].total) == (0, 1)
    assert (attributes["kind"].correct, attributes["kind"].total) == (0, 1)


def test_municipalities_match_by_code_not_name() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["municipalities"][0]["name"] = "Båstads kommun"
    record["municipalities"].append(
        {"name": "Ängelholm", "code": "1292", "county": "Skåne län", "span": [0, 1], "rule": "x"}
    )
    assert counts(score_document(record, gold), "municipalities") == (1, 1, 0)


def test_places_and_focus_areas_allow_containment() -> None:
    gold = gold_annotation()
    record = record_from(gold)
    record["places"][0]["name"] = "Sätraområdet"
    record["focus_areas"][0]["text"] = "motorburen ungdom."
    score = score_document(record, gold)
    assert counts(score, "places") == (1, 0, 0)
    assert counts(score, "focus_areas") == (2, 0, 0)


def test_exact_match_wins_over_containment_in_greedy_matching() -> None:
    gold = gold_annotation()
    gold["places"] = [{"name": "Vaggeryd"}, {"name": "Skillingaryd"}]
    record = record_from(gold)
    record["places"] = [
        {"name": "Vaggeryds centrum", "span": [0, 1], "rule": "x"},
        {"name": "Vaggeryd", "span": [0, 1], "rule": "x"},
    ]
    score = score_document(record, gold)
    assert counts(score, "places") == (1, 1, 1)
    assert score.fields["places"].extras == ["Vaggeryds centrum"]


def test_report_separates_seed_and_authored_sets() -> None:
    seed = gold_annotation()
    seed["set"] = "seed"
    authored = gold_annotation()
    scores = [score_document(record_from(seed), seed), score_document({}, authored)]
    report = build_report(scores, "tests/gold")
    assert report["sets"]["seed"]["macro_f1"] == 1.0
    assert report["sets"]["authored"]["macro_f1"] == 0.0
    assert 0.0 < report["overall"]["macro_f1"] < 1.0
    assert report["overall"]["documents"] == 2
    assert len(report["per_document"]) == 2
    assert report["per_document"][1]["fields"]["commitments"]["misses"]


def test_report_leaves_out_a_set_without_documents() -> None:
    gold = gold_annotation()
    report = build_report([score_document(record_from(gold), gold)], "tests/gold")
    assert list(report["sets"]) == ["authored"]


def test_unreadable_document_is_scored_as_an_empty_record(tmp_path: Path) -> None:
    """A document the pipeline cannot read costs recall; it does not stop the run."""
    predicted, problem = evaluate.predict(tmp_path / "does-not-exist.txt")
    assert predicted == {}
    assert problem and "\n" not in problem
    score = score_document(predicted, gold_annotation())
    assert score.fields["commitments"].fn == 2


def test_validate_gold_accepts_a_good_annotation() -> None:
    assert validate_gold(gold_annotation()) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda g: g["municipalities"][0].update(code=1278), "four-digit kommunkod"),
        (lambda g: g["police_units"][0].update(level="lokalpolisområde"), "'level' must be"),
        (lambda g: g["people"][0].update(kind="photographer"), "'kind' must be"),
        (lambda g: g["commitments"][0].update(actor="both"), "'actor' must be"),
        (lambda g: g["validity"].update(valid_to="2019-06-31"), "not a real date"),
        (lambda g: g["validity"].update(valid_to="31 dec 2019"), "not an ISO date"),
        (lambda g: g["follow_up"].update(cadence="halvårsvis"), "cadence"),
        (lambda g: g.update(set="train"), "'set' must be"),
        (lambda g: g.update(extra_field=1), "unknown field"),
        (lambda g: g["places"][0].update(optional="yes"), "'optional'"),
        (lambda g: g.pop("commitments"), "'commitments' must be a list"),
    ],
)
def test_validate_gold_rejects_bad_values(change: Any, expected: str) -> None:
    gold = gold_annotation()
    change(gold)
    problems = validate_gold(gold)
    assert any(expected in problem for problem in problems), problems


def write_gold(tmp_path: Path, gold: dict[str, Any], document_text: str) -> Path:
    document = tmp_path / "doc.txt"
    document.write_text(document_text, encoding="utf-8")
    gold = dict(gold, document="doc.txt")
    path = tmp_path / "gold" / "doc.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_gold_file_requires_quotes_from_the_document(tmp_path: Path) -> None:
    gold = gold_annotation()
    good_text = (
        "Polisen informerar om\nmetoden vid all grannsamverkan.\n\nKommunen kommer att regelbundet "
        "se över trafikmiljön. Motorburen ungdom, Centrummiljön. Sätra. Bo Wendt"
    )
    assert evaluate.load_gold_file(write_gold(tmp_path, gold, good_text), tmp_path)["set"]
    bad = write_gold(tmp_path, gold, good_text.replace("regelbundet", "ibland"))
    with pytest.raises(evaluate.GoldFileError, match=r"doc\.json: commitments\[1\]"):
        evaluate.load_gold_file(bad, tmp_path)


def test_load_gold_file_names_the_file_on_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(evaluate.GoldFileError, match="broken.json"):
        evaluate.load_gold_file(path, tmp_path)


def test_html_document_quotes_are_checked_against_its_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><ul><li>Polisen ska <strong>genomföra</strong>&nbsp;trafikkontroller</li>"
        "</ul></body></html>",
        encoding="utf-8",
    )
    text = evaluate.document_plain_text(page)
    assert evaluate.squeeze("Polisen ska genomföra trafikkontroller") in evaluate.squeeze(text)
    assert "<strong>" not in text


def test_eval_command_rejects_a_malformed_gold_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "bad.json").write_text('{"document": "x.txt", "set": "nope"}', encoding="utf-8")
    parser = argparse.ArgumentParser()
    evaluate.configure(parser)
    args = parser.parse_args(["--gold", str(gold_dir), "--report", str(tmp_path / "r.json")])
    assert evaluate.run(args) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and "bad.json" in error
    assert len(error.splitlines()) == 1
    assert not (tmp_path / "r.json").exists()


def test_doc_option_selects_one_gold_file(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for name in ("a", "b"):
        (gold_dir / f"{name}.json").write_text(
            json.dumps({"document": f"tests/gold/docs/{name}_doc.txt"}), encoding="utf-8"
        )
    assert [p.name for p in evaluate.gold_files(gold_dir, "b_doc.txt")] == ["b.json"]
    assert [p.name for p in evaluate.gold_files(gold_dir, "a")] == ["a.json"]
    assert len(evaluate.gold_files(gold_dir)) == 2
