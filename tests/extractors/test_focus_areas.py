"""Focus areas: items under focus headings and sentences that list them (ANNOTATION.md).

Inputs go through the real cleaner and spaCy pipeline; each pattern family has a
case that must fire and a near miss that must not.
"""

from __future__ import annotations

from extractors import analyze
from extractors.focus_areas import extract
from models import FocusArea
from pipeline.clean import clean


def areas(text: str) -> list[FocusArea]:
    doc = analyze(clean(text.encode("utf-8")))
    found = extract(doc)
    for item in found:
        assert doc.text[item.span[0] : item.span[1]] == item.text
    return found


def texts(text: str) -> list[str]:
    return [a.text for a in areas(text)]


def test_items_under_a_focus_heading() -> None:
    text = (
        "Fokusområden\n\n"
        "• Motorburen ungdom\n"
        "• Centrummiljön\n"
        "• Osund konkurrens\n\n"
        "Under 2021 följs arbetet upp löpande.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == ["Motorburen ungdom", "Centrummiljön", "Osund konkurrens"]
    assert {a.rule for a in found} == {"focus_areas.heading_list"}


def test_other_heading_names_for_focus_areas() -> None:
    text = (
        "Prioriterade områden\n\n"
        "1. Otrygghet i Sätra och Andersberg\n"
        "2. Narkotikahandel i centrala Gävle\n\n"
        "Temaområden 2024\n\n"
        "- Trafiksäkerhet kring skolorna\n"
    )
    assert texts(text) == [
        "Otrygghet i Sätra och Andersberg",
        "Narkotikahandel i centrala Gävle",
        "Trafiksäkerhet kring skolorna",
    ]


def test_problem_area_bullets_keep_their_wording_without_the_full_stop() -> None:
    text = (
        "Problemområde\n\n"
        "Trygghetsmätningar visar på en del områden som påverkar tryggheten.\n"
        "• Man vill ha en ökad synlig polisiär närvaro i kommunen.\n"
        "• Medborgarna oroas över risken att drabbas av bostadsinbrott.\n"
    )
    assert texts(text) == [
        "Man vill ha en ökad synlig polisiär närvaro i kommunen",
        "Medborgarna oroas över risken att drabbas av bostadsinbrott",
    ]


def test_purpose_list_is_not_focus_areas() -> None:
    text = (
        "Syfte\n\n"
        "Syftet med medborgarlöften är att:\n"
        "• Skapa engagemang i lokalsamhället.\n"
        "• Öka samverkan mellan polisen och kommunen.\n"
    )
    assert areas(text) == []


def test_listing_sentence_after_a_verb_gives_one_item_each() -> None:
    text = (
        "De fokusområden som främst har identifierats är narkotikabrottslighet och "
        "trafiksäkerhetsarbete. Trafiksäkerhetsarbetet bör fokusera på motorburen ungdom.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == ["narkotikabrottslighet", "trafiksäkerhetsarbete"]
    assert found[0].rule == "focus_areas.listing_sentence"


def test_listing_sentence_after_a_colon() -> None:
    text = "Kommunen och polisen har valt tre fokusområden: bostadsinbrott, nedskräpning samt trafik.\n"
    assert texts(text) == ["bostadsinbrott", "nedskräpning", "trafik"]


def test_sentence_mentioning_focus_areas_without_listing_them_gives_nothing() -> None:
    text = "Fokusområdena har tagits fram gemensamt av kommunen och polisen efter medborgardialoger.\n"
    assert areas(text) == []


def test_listing_sentence_whose_tail_is_a_clause_gives_nothing() -> None:
    text = "Fokusområdena är att vi ska arbeta mer med ungdomar.\n"
    assert areas(text) == []


def test_counted_areas_presented_as_the_next_sections() -> None:
    text = (
        "Medborgarlöften 2020\n\n"
        "Vänersborgs kommun och Polisen har valt två fokusområden för 2020 års medborgarlöften.\n\n"
        "Sportcentrum\n\n"
        "Arbetet fortsätter på Sportcentrum.\n\n"
        "Brålanda\n\n"
        "Otryggheten har ökat i Brålanda.\n\n"
        "Arbetssätt\n\n"
        "Lokalt Brå är styrgrupp.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == ["Sportcentrum", "Brålanda"]
    assert {a.rule for a in found} == {"focus_areas.counted_sections"}


def test_counted_areas_need_that_many_sections() -> None:
    text = "Vi har valt tre fokusområden för året.\n\nSportcentrum\n\nArbetet fortsätter där.\n"
    assert areas(text) == []


def test_lead_in_sentence_with_list() -> None:
    text = "Vi har valt följande fokusområden:\n- Trygghet i centrum\n- Narkotika bland unga\n"
    found = areas(text)
    assert [a.text for a in found] == ["Trygghet i centrum", "Narkotika bland unga"]
    assert {a.rule for a in found} == {"focus_areas.lead_in_list"}


def test_inline_label_names_one_area_and_its_bullets_are_not_areas() -> None:
    text = (
        "Fokusområde 1: Trygghet i centrum\n\n"
        "• Polisen genomför fotpatrullering på fredagar.\n\n"
        "Fokusområde 2 – Trafiksäkerhet\n\n"
        "• Kommunen bygger farthinder.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == ["Trygghet i centrum", "Trafiksäkerhet"]
    assert {a.rule for a in found} == {"focus_areas.inline_label"}


def test_the_same_area_twice_is_kept_once() -> None:
    text = (
        "De fokusområden som har identifierats är narkotikabrottslighet och trafik.\n\n"
        "Fokusområden\n\n"
        "• Narkotikabrottslighet\n"
        "• Förbättrad trafiksäkerhet\n"
    )
    assert texts(text) == ["narkotikabrottslighet", "trafik", "Förbättrad trafiksäkerhet"]
