"""Focus areas: items under focus headings and sentences that list them (ANNOTATION.md).

Inputs go through the real cleaner and spaCy pipeline; each pattern family has a
case that must fire and a near miss that must not.
"""

from __future__ import annotations

import pytest

from extractors import analyze
from extractors import commitments as commitment_rules
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


# --- heading vocabulary beyond "Fokusområden" (issue 3) -----------------------------------


def test_label_headings_open_a_list_of_areas() -> None:
    for label in ("Prioriteringar", "Årets fokus", "Våra teman 2023", "Prioriterat", "Lokal problembild"):
        text = f"Medborgarlöfte 2023\n\n{label}\n\n• Narkotika bland unga\n• Trafiken genom Lödöse\n"
        assert texts(text) == ["Narkotika bland unga", "Trafiken genom Lödöse"], label


def test_a_heading_that_only_mentions_a_label_word_in_a_phrase_opens_no_list() -> None:
    text = (
        "Medborgarlöfte 2023\n\n"
        "Polisens närvaro i fokus på Stortorget\n\n"
        "• Narkotika bland unga\n• Trafiken genom Lödöse\n"
    )
    assert areas(text) == []


def test_plain_lines_under_a_focus_heading_stop_at_the_next_kind_of_section() -> None:
    text = (
        "Medborgarlöfte 2023\n\n"
        "Årets fokus\n"
        "Narkotika bland unga\n"
        "Trafiksäkerhet vid skolorna i Järbo och Storvik\n\n"
        "Mål\n"
        "Målet är att färre ska uppleva trafiken som ett problem.\n\n"
        "Polisen lovar att\n"
        "- genomföra kontroller på Storgatan\n"
    )
    found = areas(text)
    assert [a.text for a in found] == [
        "Narkotika bland unga",
        "Trafiksäkerhet vid skolorna i Järbo och Storvik",
    ]
    assert {a.rule for a in found} == {"focus_areas.heading_lines"}


def test_a_focus_phrase_glued_to_its_first_area_by_the_cleaner() -> None:
    # "Det här ska vi arbeta med" ends in a preposition, so the cleaner joins the next line.
    text = (
        "Medborgarlöfte 2023\n\n"
        "Det här ska vi arbeta med\n"
        "Otrygghet kring Stortorget\n"
        "Inbrott i källare och cykelrum\n\n"
        "Polisen åtar sig att:\n"
        "- genomföra riktade insatser på Stortorget\n"
    )
    assert texts(text) == ["Otrygghet kring Stortorget", "Inbrott i källare och cykelrum"]


def test_promises_under_a_focus_phrase_are_not_areas() -> None:
    text = (
        "Medborgarlöfte 2023\n\n"
        "Det här ska vi arbeta med\n"
        "- Polisen ska genomföra kontroller på Storgatan.\n"
        "- Kommunen ska sätta upp belysning i Stadsparken.\n"
    )
    assert areas(text) == []


def test_sub_headings_under_an_empty_focus_heading_each_name_an_area() -> None:
    text = (
        "Medborgarlöfte för Nacka 2022\n\n"
        "Fokusområden\n\n"
        "Trygghet i och kring Orminge centrum och Gustavsberg centrum\n\n"
        "Polisen genomför fotpatrullering i Orminge centrum varje fredag.\n\n"
        "Båtmotorstölder i skärgården\n\n"
        "Polisen genomför sjöpolisinsatser under sommaren.\n\n"
        "Uppföljning\n\n"
        "Löftet följs upp en gång per år.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == [
        "Trygghet i och kring Orminge centrum och Gustavsberg centrum",
        "Båtmotorstölder i skärgården",
    ]
    assert {a.rule for a in found} == {"focus_areas.heading_subsections"}


def test_counted_lead_in_with_a_generic_noun_takes_the_list() -> None:
    text = (
        "Medborgarlöftet innehåller tre områden:\n"
        "* Öppen droghandel\n"
        "* Otrygghet i Araby centrum\n"
        "* Skadegörelse och bränder i Dalbo\n\n"
        "Polisen kommer att:\n"
        "* genomföra kontroller i Araby.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == [
        "Öppen droghandel",
        "Otrygghet i Araby centrum",
        "Skadegörelse och bränder i Dalbo",
    ]
    assert {a.rule for a in found} == {"focus_areas.lead_in_list"}


def test_a_lead_in_for_things_to_do_is_not_a_list_of_areas() -> None:
    text = "Polisen kommer att göra följande saker:\n* genomföra kontroller i Araby\n* besöka skolorna\n"
    assert areas(text) == []


# --- sentences with a verb of focus -----------------------------------------------------------


def test_focus_verb_with_a_counted_colon_and_samt_keeps_och_inside_an_area() -> None:
    text = (
        "Vi fokuserar på två saker: trygga utemiljöer i Hammarkullen och Gårdsten samt unga som "
        "riskerar att dras in i kriminalitet.\n"
    )
    found = areas(text)
    assert [a.text for a in found] == [
        "trygga utemiljöer i Hammarkullen och Gårdsten",
        "unga som riskerar att dras in i kriminalitet",
    ]
    assert {a.rule for a in found} == {"focus_areas.focus_verb"}


def test_promise_that_handlar_om_two_things() -> None:
    text = (
        "Eslövs kommun och Polisen har skrivit under ett nytt medborgarlöfte. Löftet gäller under 2020 "
        "och handlar om trygghet i Eslövs centrum och om att minska antalet trafikolyckor med unga förare.\n"
    )
    assert texts(text) == ["trygghet i Eslövs centrum", "minska antalet trafikolyckor med unga förare"]


def test_other_focus_verbs_and_nouns() -> None:
    cases = {
        "Polisen och Solna stad har tecknat ett medborgarlöfte för 2024 med fokus på "
        "ungdomsbrottslighet och trygghet i Hagalund.": ["ungdomsbrottslighet", "trygghet i Hagalund"],
        "Fokus för löftet är otrygghet i bostadsområden och störande trafik i centrum.": [
            "otrygghet i bostadsområden",
            "störande trafik i centrum",
        ],
        "Medborgarlöftet riktar in sig på bostadsinbrott och mopedbuskörning.": [
            "bostadsinbrott",
            "mopedbuskörning",
        ],
        "Under 2022 prioriterar vi narkotika i skolmiljö och nedskräpning.": [
            "narkotika i skolmiljö",
            "nedskräpning",
        ],
    }
    for sentence, expected in cases.items():
        assert texts(sentence + "\n") == expected, sentence


def test_focus_verb_in_a_commitment_or_about_the_method_gives_nothing() -> None:
    assert areas("Polisen genomför kontroller med fokus på rattfylleri och narkotika.\n") == []
    assert areas("Medborgarlöften handlar om att polis och kommun arbetar tillsammans.\n") == []


def test_a_focus_verb_summary_gives_way_to_a_listed_set_of_areas() -> None:
    text = (
        "Kommunen och polisen har undertecknat ett medborgarlöfte med fokus på stadsdelarna Hageby "
        "och Navestad.\n\n"
        "Fokusområden\n\n"
        "• Öppen droghandel\n"
        "• Bilbränder och skadegörelse\n"
    )
    assert texts(text) == ["Öppen droghandel", "Bilbränder och skadegörelse"]


def test_a_count_of_themes_before_a_colon_lists_the_areas() -> None:
    text = "Årets medborgarlöfte har tre teman: bostadsinbrott, nedskräpning och trafik.\n"
    assert texts(text) == ["bostadsinbrott", "nedskräpning", "trafik"]


def test_a_party_promising_two_things_lists_work_not_areas() -> None:
    text = "Polisen kommer att göra två saker: patrullera i centrum och kontrollera trafiken.\n"
    assert areas(text) == []


def test_a_focus_verb_lead_in_takes_the_list_but_a_list_of_actions_is_no_areas() -> None:
    assert texts("Medborgarlöftet 2021 fokuserar på följande:\n- Narkotika\n- Trafik\n") == [
        "Narkotika",
        "Trafik",
    ]
    assert areas("Vi prioriterar följande insatser:\n- genomföra kontroller\n- patrullera i centrum\n") == []


def test_background_that_counts_answers_gives_way_to_the_priority_list() -> None:
    text = (
        "Medborgarlöfte för Kiruna kommun 2019\n\n"
        "Svaren pekade på två saker: stök i det nya centrumet och rattfylleri på vägarna.\n\n"
        "Prioriteringar\n\n"
        "– Stök och skadegörelse i nya centrum\n"
        "– Rattfylleri\n"
    )
    assert texts(text) == ["Stök och skadegörelse i nya centrum", "Rattfylleri"]


def test_one_chosen_area_is_not_split_at_och() -> None:
    from extractors import analyze, focus_areas
    from pipeline.clean import clean

    text = "Vi har därför valt fokusområdet Alkohol och ungdomar sommartid."
    assert [a.text for a in focus_areas.extract(analyze(clean(text.encode())))] == ["Alkohol och ungdomar sommartid"]


def test_chosen_areas_in_the_plural_are_split() -> None:
    from extractors import analyze, focus_areas
    from pipeline.clean import clean

    text = "Vi har valt fokusområdena trafik och narkotika."
    assert [a.text for a in focus_areas.extract(analyze(clean(text.encode())))] == ["trafik", "narkotika"]


def test_chosen_without_a_focus_noun_names_no_area() -> None:
    from extractors import analyze, focus_areas
    from pipeline.clean import clean

    assert focus_areas.extract(analyze(clean(b"Polisen har valt att arbeta i centrum."))) == []


@pytest.mark.parametrize("lead_in", ["Vi prioriterar:", "Vi har valt att prioritera:", "Vi väljer att prioritera:",
                                     "Det här prioriterar vi:"])
def test_a_prioritising_lead_in_announces_the_areas_below_it(lead_in: str) -> None:
    text = (
        "Medborgarlöfte för Oskarshamn 2018\n\n"
        f"{lead_in}\n"
        "– Tryggheten i Kristineberg\n"
        "– Inbrott i bilar och stölder ur fordon\n\n"
        "Åtgärder\n"
        "– Fotpatrullering i Kristineberg minst två kvällar i veckan (Polisen)\n"
    )
    assert texts(text) == ["Tryggheten i Kristineberg", "Inbrott i bilar och stölder ur fordon"]


def test_a_promise_taking_aim_at_counted_problems_names_them() -> None:
    text = (
        "Medborgarlöfte för Höör 2021–2022\n\n"
        "Det nya löftet tar sikte på två problem som invånarna lyft fram: trafiken i centrala Höör "
        "och narkotika bland unga.\n"
    )
    assert texts(text) == ["trafiken i centrala Höör", "narkotika bland unga"]


def test_taking_aim_at_places_names_no_areas() -> None:
    text = "Medborgarlöfte för Skara\n\nLöftet tar sikte på centrala Skara och stadsdelen Djäkneberg.\n"
    assert texts(text) == []


def test_prioritising_actions_is_no_list_of_areas() -> None:
    text = (
        "Medborgarlöfte för Oskarshamn 2018\n\n"
        "Vi prioriterar följande insatser:\n"
        "– fotpatrullering i Kristineberg\n"
        "– trafikkontroller på Döderhultsvägen\n"
    )
    assert texts(text) == []


@pytest.mark.parametrize("clause", [", där allt fler hus står tomma inför flytten", ", som båda ökat sedan 2015",
                                    ", vilket invånarna själva har pekat ut"])
def test_a_clause_after_the_listed_areas_is_not_an_area(clause: str) -> None:
    text = (
        "Medborgarlöfte Gällivare 2017\n\n"
        f"Löftet tar upp två frågor: rattfylleri och otryggheten i Malmberget{clause}.\n"
    )
    assert texts(text) == ["rattfylleri", "otryggheten i Malmberget"]


def test_a_clause_inside_the_list_still_makes_it_no_list() -> None:
    # The clause is the second "area": the sentence is prose, not a list of areas.
    text = (
        "Medborgarlöfte Gällivare 2017\n\n"
        "Löftet tar upp två frågor: att det som händer i Malmberget oroar och att rattfylleriet ökar.\n"
    )
    assert texts(text) == []


@pytest.mark.parametrize("heading", ["Detta vill vi förbättra", "Det här vill vi ändra på",
                                     "Dessa problem vill vi komma till rätta med"])
def test_a_heading_naming_what_should_improve_lists_the_areas_and_not_promises(heading: str) -> None:
    text = (
        "Medborgarlöfte för Eksjö 2024\n\n"
        f"{heading}\n"
        "▪ Ordningen vid badplatsen under sommaren\n"
        "▪ Ungdomars alkoholvanor\n\n"
        "Så här gör vi\n"
        "▪ Alkoholkontroller vid badplatsen under midsommarhelgen – Polisen\n"
    )
    assert texts(text) == ["Ordningen vid badplatsen under sommaren", "Ungdomars alkoholvanor"]
    commitments = [c.text for c in commitment_rules.extract(analyze(clean(text.encode("utf-8"))))]
    assert commitments == ["Alkoholkontroller vid badplatsen under midsommarhelgen"]


def test_a_heading_naming_what_we_will_do_is_no_focus_heading() -> None:
    text = (
        "Medborgarlöfte för Eksjö 2024\n\n"
        "Detta vill vi göra\n"
        "▪ Alkoholkontroller vid badplatsen under midsommarhelgen – Polisen\n"
    )
    assert texts(text) == []


@pytest.mark.parametrize("sentence", [
    "Under 2025 fokuserar vi på Stora torget och på trafiken i Södra Vi.",
    "I år fokuserar vi på Stora torget och trafiken i Södra Vi.",
    "Fokus ligger på Stora torget och på trafiken i Södra Vi.",
])
def test_a_focus_verb_before_its_subject_and_a_repeated_preposition(sentence: str) -> None:
    assert texts(f"Medborgarlöfte Vimmerby 2025\n\n{sentence}\n") == ["Stora torget", "trafiken i Södra Vi"]


def test_a_preposition_inside_an_area_stays() -> None:
    assert texts("Medborgarlöfte 2025\n\nVi fokuserar på narkotika i skolor och på fritidsgårdar.\n") == [
        "narkotika i skolor", "fritidsgårdar"]
    assert texts("Medborgarlöfte 2025\n\nVi fokuserar på tryggheten på Stora torget.\n") == [
        "tryggheten på Stora torget"]


def test_an_inverted_focus_verb_needs_we_or_the_promise() -> None:
    assert texts("Medborgarlöfte 2025\n\nUnder hösten fokuserar polisen på trafiken i Södra Vi.\n") == []


def test_focus_placed_before_its_verb_and_an_earlier_focus() -> None:
    assert texts("Medborgarlöfte 2025\n\nI år ligger fokus på bedrägerier mot äldre och på ordningen i Havsbaden.\n") == [
        "bedrägerier mot äldre", "ordningen i Havsbaden"]
    assert texts("Medborgarlöfte 2026\n\nUnder 2025 låg fokus på bedrägerier mot äldre.\n") == []


def test_a_focus_verb_counting_places_takes_that_many_sections() -> None:
    text = ("Medborgarlöfte 2026\n\nÅrets löfte handlar om två platser:\n\nStationsområdet\n\n"
            "Skadegörelsen vid stationen har ökat.\n\nParadisparken\n\nParken upplevs som mörk.\n")
    assert texts(text) == ["Stationsområdet", "Paradisparken"]
    # three sections for a count of two: not the areas
    three = text + "\nUppföljning i kommunens trygghetsråd\n\nText.\n"
    assert texts(three.replace("två platser", "fyra platser")) == []


MARIESTAD = (
    "Mariestad – medborgarlöfte 2026–2027\n\n"
    "Polisen och kommunen har tecknat ett nytt medborgarlöfte. Löftet riktar in sig på tre områden där "
    "invånarna har pekat ut problem.\n\n"
    "Bakgrund\n\nKommunen och polisen har arbetat med medborgarlöften sedan 2017.\n\n"
    "Hamnen och Ekudden\n\nMånga unga samlas i gästhamnen.\n\n"
    "Narkotika bland unga\n\nFler unga har tagits med narkotika.\n\n"
    "Trafiken genom Sjötorp\n\nBilar kör för fort genom byn.\n"
)


def test_a_count_closing_the_sentence_takes_the_sections_after_the_background() -> None:
    assert texts(MARIESTAD) == ["Hamnen och Ekudden", "Narkotika bland unga", "Trafiken genom Sjötorp"]


def test_a_count_that_the_sections_do_not_match_is_no_area() -> None:
    assert texts(MARIESTAD.replace("tre områden", "fyra områden")) == []


def test_a_promise_made_of_a_counted_number_of_parts_takes_its_sections() -> None:
    text = ("Trosa – medborgarlöfte 2027\n\nLöftet gäller under 2027 och består av tre delar.\n\n"
            "Tryggare kvällar vid stationen\n\nText om stationen.\n\nBilträffar i hamnen\n\nText om hamnen.\n\n"
            "Unga på landsbygden\n\nText om unga.\n")
    assert texts(text) == ["Tryggare kvällar vid stationen", "Bilträffar i hamnen", "Unga på landsbygden"]
    assert texts(text.replace("består av tre delar", "består av åtgärder från båda parter")) == []


def test_an_inverted_prioritising_heading() -> None:
    text = ("Medborgarlöfte 2027\n\nDet här har vi valt att prioritera\n– Trafiken i tätorterna\n"
            "– Tryggheten runt resecentrum\n\nVåra åtaganden\n– Polisen gör trafikkontroller varje fredag.\n")
    assert texts(text) == ["Trafiken i tätorterna", "Tryggheten runt resecentrum"]
