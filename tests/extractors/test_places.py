"""Places: named districts, villages and areas that the promise targets."""

from __future__ import annotations

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
