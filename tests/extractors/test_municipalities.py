"""Municipalities: name forms derived from the gazetteer, and which ones are parties."""

from __future__ import annotations

import pytest

from extractors import analyze
from extractors.municipalities import extract, find_parties, gazetteer, genitive, name_forms
from pipeline.clean import clean


def parties(text: str) -> list[tuple[str, str, str, str]]:
    """The party rules alone: the snippets are sentences, not whole promise documents."""
    doc = analyze(clean(text.encode()))
    return [(m.name, m.code, m.county, doc.text[m.span[0] : m.span[1]]) for m in find_parties(doc)]


def names(text: str) -> list[str]:
    return [name for name, _, _, _ in parties(text)]


def test_gazetteer_has_all_290_with_four_digit_codes() -> None:
    entries = gazetteer()
    assert len(entries) == 290
    assert entries["0665"].name == "Vaggeryd"
    assert entries["0665"].county == "Jönköpings län"


def test_genitive_rule() -> None:
    assert genitive("Båstad") == "Båstads"
    assert genitive("Västerås") == "Västerås"
    assert genitive("Arboga") == "Arboga"
    assert genitive("Kalix") == "Kalix"


def test_irregular_official_form_falun() -> None:
    assert "Falu" in name_forms("Falun")
    assert names("Falu kommun och polisen lovar att genomföra trygghetsvandringar.") == ["Falun"]


def test_genitive_kommun_with_police_is_a_party() -> None:
    found = parties("Polisen och Vaggeryds kommun avger medborgarlöfte.")
    assert found == [("Vaggeryd", "0665", "Jönköpings län", "Vaggeryds kommun")]


def test_vowel_final_name_with_kommun() -> None:
    assert names("Medborgarlöftet innebär att polisen och Arboga kommun gemensamt ska arbeta.") == ["Arboga"]


def test_stad_forms_any_capitalisation() -> None:
    assert names("Västerås Stad och lokalpolisområde Västerås har enats.") == ["Västerås"]
    assert names("Göteborgs Stad och polisen tecknar ett nytt medborgarlöfte.") == ["Göteborg"]


def test_region_gotland() -> None:
    found = parties("Region Gotland och lokalpolisområde Gotland har tagit fram ett medborgarlöfte.")
    assert found == [("Gotland", "0980", "Gotlands län", "Region Gotland")]


def test_title_with_bare_name() -> None:
    text = "Arboga – medborgarlöften\n\nPolisen ska utveckla arbetet i centrum."
    assert parties(text) == [("Arboga", "1984", "Västmanlands län", "Arboga")]


def test_promise_owner_phrase() -> None:
    assert names("Här finns texten.\n\nMedborgarlöfte i Båstads kommun 2017.") == ["Båstad"]


def test_municipalities_listed_after_police_unit() -> None:
    text = (
        "Lokalpolisområde Trelleborg (kommunerna Svedala, Trelleborg och Vellinge) "
        "ska arbeta mot bostadsinbrott."
    )
    assert names(text) == ["Svedala", "Trelleborg", "Vellinge"]


def test_police_unit_name_is_not_a_municipality_mention() -> None:
    # Only the unit names Värnamo; the party is Vaggeryd.
    text = "Vaggeryds kommun och lokalpolisområde Värnamo har tagit fram en lägesbild."
    assert names(text) == ["Vaggeryd"]


def test_neighbour_in_passing_is_not_a_party() -> None:
    text = (
        "Polisen och Arboga kommun ska arbeta mot brott.\n\n"
        "En konferens hölls i Köping förra året, och Kungsörs kommun bjöd in."
    )
    assert names(text) == ["Arboga"]


def test_lower_case_ordinary_word_is_not_a_municipality() -> None:
    # "vara" and "mark" are ordinary words; only the capitalised names are municipalities.
    text = "Polisen och kommunen ska vara synliga på mark som ägs av kommun och polis."
    assert names(text) == []


def test_kommunpolis_is_not_kommun() -> None:
    assert names("Vänersborgs kommunpolis deltar aktivt i det lokala Brå.") == []


def test_most_named_fallback() -> None:
    text = "Båstads kommun arbetar med märk DNA. Båstads kommun ser över trafikmiljön."
    found = parties(text)
    assert [name for name, *_ in found] == ["Båstad"]


def test_no_party_when_the_document_holds_no_promise() -> None:
    # An event page: the party rules see Kalmar, but the page promises nothing.
    text = (
        "Träffa polisen på biblioteket\n\n"
        "Evenemanget arrangeras av lokalpolisområde Kalmar tillsammans med Kalmar kommuns äldreomsorg.\n\n"
        "Läs mer om medborgarlöften\n"
    )
    doc = analyze(clean(text.encode()))
    assert [m.name for m in find_parties(doc)] == ["Kalmar"]
    assert extract(doc) == []
    assert "no promise found in this document" in doc.warnings


def test_a_promise_keeps_its_party() -> None:
    doc = analyze(
        clean("Medborgarlöfte i Kalmar 2023\n\nKalmar kommun och polisen har tecknat ett löfte.\n".encode())
    )
    assert [m.name for m in extract(doc)] == ["Kalmar"]


def test_two_municipalities_listed_before_the_police_are_both_parties() -> None:
    found = names("Borgholms kommun, Mörbylånga kommun och Polisen har tagit fram ett gemensamt medborgarlöfte.")
    assert found == ["Borgholm", "Mörbylånga"]


def test_a_municipality_after_an_unrelated_word_is_not_linked_to_the_police() -> None:
    doc = analyze(clean(b"Borgholms kommun arrangerar festivalen, och Polisen deltar."))
    # Only the last-resort rule names it; the police link does not fire.
    assert [m.rule for m in find_parties(doc)] == ["municipality.most_named"]


@pytest.mark.parametrize("each", ["Varje kommun har sitt eget medborgarlöfte.",
                                  "Varje kommun tecknar ett eget medborgarlöfte med lokalpolisområdet.",
                                  "Kommunerna tecknar var sitt eget medborgarlöfte."])
def test_police_area_list_names_no_parties_when_each_has_its_own_promise(each: str) -> None:
    text = (
        "Lokalpolisområde Höglandet omfattar kommunerna Aneby, Eksjö, Nässjö, Sävsjö, Tranås och Vetlanda. "
        f"{each} Tranås kommun och polisen lovar att öka tryggheten."
    )
    assert names(text) == ["Tranås"]


def test_police_area_list_names_parties_when_the_promise_is_shared() -> None:
    text = "Lokalpolisområde Trelleborg (kommunerna Svedala, Trelleborg och Vellinge) lovar att öka tryggheten."
    assert sorted(names(text)) == ["Svedala", "Trelleborg", "Vellinge"]


def test_headings_linking_to_other_municipalities_promises_name_no_party() -> None:
    text = (
        "Orsa – medborgarlöften 2027\n\n"
        "Lokalpolisområde Mora och Orsa kommun har tecknat ett medborgarlöfte för 2027.\n\n"
        "Polisen ska patrullera i Orsa centrum varje helg.\n\n"
        "Mer från polisen i Dalarna\n\n"
        "Mora – medborgarlöften 2027\n\n"
        "Älvdalen – medborgarlöften 2027\n"
    )
    assert names(text) == ["Orsa"]


def test_a_title_over_a_subtitle_naming_the_same_municipality_stays_the_title() -> None:
    text = ("Medborgarlöfte 2027\n\nOrsa – medborgarlöften 2027\n\n"
            "Polisen ska patrullera i centrum varje helg.\n")
    assert names(text) == ["Orsa"]
