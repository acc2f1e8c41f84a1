"""Police units: type word + name, level, and which unit gives the promise."""

from __future__ import annotations

from extractors import analyze
from extractors.police_units import extract, find_units
from pipeline.clean import clean


def units(text: str) -> list[tuple[str, str, str]]:
    """The party rules alone: the snippets are sentences, not whole promise documents."""
    doc = analyze(clean(text.encode()))
    found = find_units(doc)
    for unit in found:
        start, end = unit.span
        assert doc.text[start:end] == doc.text[start:end].strip()
    return [(u.name, u.level, doc.text[u.span[0] : u.span[1]]) for u in found]


def test_local_police_area_any_capitalisation_is_normalised() -> None:
    found = units("Polisen i LOKALPOLISOMRÅDE Västra Mälardalen ska genomföra trygghetsvandringar.")
    assert found == [
        (
            "Lokalpolisområde Västra Mälardalen",
            "local_police_area",
            "LOKALPOLISOMRÅDE Västra Mälardalen",
        )
    ]


def test_lpo_abbreviation_with_slash_name() -> None:
    found = units("Falu kommun och LPO Falun/Borlänge lovar att arbeta tillsammans.")
    assert found == [("Lokalpolisområde Falun/Borlänge", "local_police_area", "LPO Falun/Borlänge")]


def test_hyphenated_name_stops_before_lower_case_word() -> None:
    found = units("Lokalpolisområde Falun-Borlänge och kommunen tecknar ett medborgarlöfte.")
    assert found[0][:2] == ("Lokalpolisområde Falun-Borlänge", "local_police_area")


def test_police_area_and_region_levels() -> None:
    found = units(
        "Medborgarlöfte mellan Vänersborgs kommun och polisområde Fyrbodal.\n\n"
        "Polisregion Väst och kommunen ska samverka."
    )
    assert [(name, level) for name, level, _ in found] == [
        ("Polisområde Fyrbodal", "police_area"),
        ("Polisregion Väst", "police_region"),
    ]


def test_unit_named_only_to_place_the_local_unit_is_not_a_party() -> None:
    found = units(
        "Tanums kommun och lokalpolisområde Norra Bohuslän, som ingår i polisområde Fyrbodal, "
        "har kommit överens om ett medborgarlöfte."
    )
    assert [name for name, _, _ in found] == ["Lokalpolisområde Norra Bohuslän"]


def test_the_signing_unit_wins_over_a_unit_in_passing() -> None:
    text = (
        "Medborgarlöfte i Båstad\n\n"
        "Polisområde Skåne Nordväst har många lokalpolisområden.\n\n"
        "Båstad 2016-12-13\n\n"
        "Karim Ottosson\nLokalpolisområdeschef\nLokalpolisområde Ängelholm\n"
    )
    assert [(n, level) for n, level, _ in units(text)] == [
        ("Lokalpolisområde Ängelholm", "local_police_area")
    ]


def test_unit_name_ends_before_municipality_word() -> None:
    found = units("Lokalpolisområde Sala Kommun ska genomföra insatser.")
    assert found[0][0] == "Lokalpolisområde Sala"


def test_polisen_alone_names_no_unit() -> None:
    assert units("Polisen och kommunen lovar att genomföra trygghetsvandringar.") == []


def test_role_word_is_not_a_unit() -> None:
    # "lokalpolisområdeschef" is a role, not the type word of a unit.
    assert units("Det säger Lars Jansson, lokalpolisområdeschef Västerås.") == []


def test_polismyndigheten_in_passing_is_not_a_party() -> None:
    text = "Medborgarlöften är en del av Polismyndighetens styrning. Kommunen ska arbeta vidare."
    assert units(text) == []


def test_one_item_per_distinct_unit() -> None:
    text = (
        "Västerås stad och lokalpolisområde Västerås har enats om ett medborgarlöfte.\n\n"
        "Både lokalpolisområde Västerås och Västerås stad kommer att vidta åtgärder."
    )
    assert len(units(text)) == 1


def test_no_unit_when_the_document_holds_no_promise() -> None:
    text = (
        "Träffa polisen på biblioteket\n\n"
        "Evenemanget arrangeras av lokalpolisområde Kalmar tillsammans med Kalmar kommuns äldreomsorg.\n\n"
        "Medborgarlöfte och lokal problembild\n"
        "Där lovar vi att genomföra konkreta aktiviteter.\n"
    )
    doc = analyze(clean(text.encode()))
    assert [u.name for u in find_units(doc)] == ["Lokalpolisområde Kalmar"]
    assert extract(doc) == []


def test_a_promise_keeps_its_unit() -> None:
    text = "Kalmar – medborgarlöfte 2023\n\nLokalpolisområde Kalmar ska genomföra trafikkontroller.\n"
    assert [u.name for u in extract(analyze(clean(text.encode())))] == ["Lokalpolisområde Kalmar"]
