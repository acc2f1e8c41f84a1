"""Places: named districts, villages and areas that the promise targets."""

from __future__ import annotations

import pytest

from extractors import analyze
from extractors.places import extract
from pipeline.clean import clean


def places(text: str) -> list[tuple[str, str]]:
    doc = analyze(clean(text.encode()))
    found = extract(doc)
    for place in found:
        assert doc.text[place.span[0] : place.span[1]] == place.name
    return [(p.name, p.rule) for p in found]


def names(text: str) -> list[str]:
    return [name for name, _ in places(text)]


def test_preposition_list_including_the_towns_of_the_municipality() -> None:
    text = (
        "Vaggeryds kommun och polisen lovar:\n\n"
        "• Genomföra trygghetsvandringar i Skillingaryd och Vaggeryd.\n"
        "• Genomföra trafikinsatser på platser där problem finns."
    )
    assert names(text) == ["Skillingaryd", "Vaggeryd"]


def test_municipality_alone_is_the_party_not_a_place() -> None:
    text = "Polisen ska utveckla det brottsförebyggande arbetet riktat mot handlare i Arboga."
    assert names(text) == []


def test_area_word_before_name_and_suffixed_form_are_one_place() -> None:
    text = (
        "• Fortsatt arbete med aktörerna i område Sätra.\n"
        "• Polisen ska vara aktiv i ombyggnationerna på Sätraområdet."
    )
    assert places(text) == [("Sätra", "places.area_word")]


def test_focus_on_a_village() -> None:
    text = "Kommunen och Polisen har för avsikt att rikta särskilt fokus på Brålanda."
    assert places(text) == [("Brålanda", "places.preposition")]


def test_suffixed_name_without_preposition() -> None:
    text = "Polisen kommer att patrullera Stortorget och Prästgatan på helgerna."
    assert "Prästgatan" in names(text)


def test_town_centre() -> None:
    text = "Även Västerås city omfattas av arbetet."
    assert places(text) == [("Västerås city", "places.town_centre")]


def test_two_word_square() -> None:
    assert names("Kommunen ska förbättra belysningen på Stora torget.") == ["Stora torget"]


def test_genitive_before_noun_is_the_place() -> None:
    text = (
        "Polisen ska genomföra kontroller i Torup. Kommunen avser att bygga om korsningen vid Torups skola."
    )
    assert names(text) == ["Torup"]


def test_title_district() -> None:
    text = "Stockholm, Norrmalm – medborgarlöften 2022\n\nPolisen ska öka närvaron."
    assert places(text) == [("Norrmalm", "places.title_district")]


def test_background_sentence_is_not_a_target() -> None:
    text = "Statistiken från 2015 visade många anmälningar i Norrby."
    assert names(text) == []


def test_generic_hot_spots_and_organisations_are_not_places() -> None:
    text = (
        "Polisen ska arbeta mot hot spots i centrum. Ingen stadsdel ska finnas med på "
        "Nationella operativa avdelningens lista. Kommunen ska samverka med Polisen."
    )
    assert names(text) == []


def test_police_unit_is_not_a_place() -> None:
    text = "Polisen i lokalpolisområde Västra Mälardalen ska genomföra medborgardialoger."
    assert names(text) == []


def test_residents_are_not_a_place() -> None:
    assert names("Vi ska lyssna på Skaraborna om otryggheten.") == []


# --- issue 3: words that look like places, neighbours, and targets outside sentences ---------


def test_table_header_programme_names_and_councils_are_not_places() -> None:
    text = (
        "Medborgarlöfte 2023\n\n"
        "Aktivitet – Ansvar – Tidplan\n"
        "Tillsyn av serveringsställen i Lindvallen och Högfjället – Kommunen – december–april\n\n"
        "Kommunen lovar att:\n"
        "• utbilda personal på krogar i Ansvarsfull alkoholservering\n\n"
        "Medborgarlöftet följs upp löpande i Rådet för trygghet och hälsa.\n"
    )
    assert names(text) == ["Lindvallen", "Högfjället"]


def test_a_compass_district_of_a_police_unit_is_not_a_place() -> None:
    text = "Göteborg, Nordost – medborgarlöfte 2023\n\nPolisen ska patrullera i Hammarkullen.\n"
    assert names(text) == ["Hammarkullen"]


def test_a_named_district_in_the_title_still_is() -> None:
    text = "Stockholm, Norrmalm – medborgarlöften 2022\n\nPolisen ska patrullera på Plattan.\n"
    assert names(text) == ["Norrmalm", "Plattan"]


def test_a_town_across_the_border_is_a_neighbour_not_a_target() -> None:
    text = (
        "Haparanda stad och Polisen lovar att:\n\n"
        "- hålla Stadshusparken och området vid gränsen mot Torneå upplyst och städat,\n"
        "- samverka med grannkommunen Kalix om trafiken\n"
    )
    assert names(text) == ["Stadshusparken"]


def test_the_town_hall_of_the_municipality_is_a_place() -> None:
    text = "Polisen lovar att\n\n- vara synlig vid Kiruna stadshus under fredagskvällar\n"
    assert names(text) == ["Kiruna stadshus"]


def test_a_place_in_a_focus_area_heading_is_targeted() -> None:
    text = (
        "Medborgarlöfte 2023\n\n"
        "Prioriterat\n"
        "Narkotika i Sandvikens centrum\n"
        "Trafiksäkerhet vid skolorna i Järbo\n\n"
        "Polisen kommer att\n"
        "- genomföra insatser mot narkotikaförsäljning\n"
    )
    assert names(text) == ["Sandvikens centrum", "Järbo"]


def test_a_place_in_background_history_without_a_work_cue_is_not_targeted() -> None:
    text = "Medborgarlöfte 2023\n\nFörr fanns en järnvägsstation i Järbo och ett bruk i Storvik.\n"
    assert names(text) == []


def test_neighbouring_municipalities_listed_together_are_not_places() -> None:
    from extractors import analyze, places
    from pipeline.clean import clean

    text = "Polisen ska öka tryggheten i Skäggetorp.\n\nPolisen samarbetar med kollegorna i Norrköping och Motala."
    names = [p.name for p in places.extract(analyze(clean(text.encode())))]
    assert names == ["Skäggetorp"]


def test_a_read_more_link_names_no_target() -> None:
    from extractors import analyze, places
    from pipeline.clean import clean

    text = "Läs mer om hur polisen arbetar med trygghet i Ryd på regionens sidor."
    assert places.extract(analyze(clean(text.encode()))) == []


def test_a_compound_ending_in_an_area_noun_finishes_the_name() -> None:
    from extractors import analyze, places
    from pipeline.clean import clean

    text = "Polisen kommer att genomföra insatser mot rån vid Handens pendeltågsstation under skolloven."
    assert [p.name for p in places.extract(analyze(clean(text.encode())))] == ["Handens pendeltågsstation"]


def test_a_lower_case_word_that_is_no_area_compound_is_left_out() -> None:
    from extractors import analyze, places
    from pipeline.clean import clean

    text = "Polisen ska genomföra kontroller i Handen kvällstid."
    assert [p.name for p in places.extract(analyze(clean(text.encode())))] == ["Handen"]


def test_places_in_a_section_on_earlier_work_are_not_targets() -> None:
    text = (
        "Vadstena – medborgarlöften\n\n"
        "Det här har vi gjort tidigare\n\n"
        "Trygghetsvandringar i Borghamn och Klosterparken varje månad.\n\n"
        "Det här lovar vi\n\n"
        "• Polisen ökar närvaron i hamnen och på Storgatan.\n"
    )
    assert names(text) == ["Storgatan"]


@pytest.mark.parametrize("sentence", [
    "Under 2024 genomfördes tre trygghetsvandringar i Borghamn och Kyrkviken.",
    "Under 2025 låg fokus på Borghamn och Kyrkviken, där inbrotten minskade.",
    "Tre trygghetsvandringar hölls i Borghamn och Kyrkviken.",
])
def test_places_of_work_told_in_the_past_are_not_targets(sentence: str) -> None:
    assert names(f"Medborgarlöfte 2026\n\n{sentence}\n") == []


def test_past_work_with_a_promise_for_the_future_still_targets() -> None:
    text = "Medborgarlöfte 2026\n\nUnder 2024 genomfördes vandringar i Borghamn och nu ska vi fortsätta i Kyrkviken.\n"
    assert names(text) == ["Borghamn", "Kyrkviken"]
