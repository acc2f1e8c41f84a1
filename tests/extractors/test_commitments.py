"""Commitments: one per sentence or bullet, with actor and heading (ANNOTATION.md).

Every input goes through the real cleaner and the real spaCy pipeline. Each pattern
family has a case that must fire and a near miss that must not.
"""

from __future__ import annotations

from extractors import analyze
from extractors.commitments import extract
from models import Commitment
from pipeline.clean import clean


def commitments(text: str) -> list[Commitment]:
    doc = analyze(clean(text.encode("utf-8")))
    found = extract(doc)
    for item in found:
        assert doc.text[item.span[0] : item.span[1]] == item.text
        assert item.text == item.text.strip()
    return found


def pairs(text: str) -> list[tuple[str, str]]:
    return [(c.actor, c.text) for c in commitments(text)]


# --- lead-ins ---------------------------------------------------------------------------------


def test_bullets_under_we_lead_in_take_the_joint_promise_before_it() -> None:
    text = (
        "Medborgarlöfte\n\n"
        "Tranås kommun och polisen lovar att arbeta för en ökad trygghet i kommunen\n\n"
        "Detta gör vi genom att:\n"
        "• Genomföra trygghetsvandringar i Gripenberg och Sommen.\n"
        "• Genomföra trafikinsatser på platser där trafikproblem har\n"
        "identifierats\n\n"
        "Uppföljning sker varje år.\n"
    )
    found = commitments(text)
    bullets = [c for c in found if c.rule.startswith("commitments.lead_in_bullet")]
    assert [(c.actor, c.text) for c in bullets] == [
        ("joint", "Genomföra trygghetsvandringar i Gripenberg och Sommen."),
        ("joint", "Genomföra trafikinsatser på platser där trafikproblem har identifierats"),
    ]
    assert all(c.heading == "Medborgarlöfte" for c in bullets)


def test_purpose_lead_in_and_purpose_heading_bullets_are_not_commitments() -> None:
    text = (
        "Syfte\n\n"
        "Syftet med medborgarlöften i Lerums kommun är att:\n"
        "• Skapa och ta tillvara på engagemang i lokalsamhället.\n"
        "• Öka samverkan mellan polisen och kommunen.\n"
    )
    assert commitments(text) == []


def test_party_lead_ins_give_their_actor_to_lower_case_bullets() -> None:
    text = (
        "Löften för 2023\n\n"
        "Polisen lovar:\n"
        "- att genomföra fler trafikkontroller vid skolorna\n"
        "- att vara synlig i centrum på fredagskvällar\n\n"
        "Kommunen lovar:\n"
        "- att förbättra belysningen i Folkets park\n\n"
        "Lokalpolisområde Ystad kommer att:\n"
        "- öka närvaron i hamnen under sommaren\n\n"
        "Polisen och kommunen kommer tillsammans att:\n"
        "- bjuda in till medborgardialog i Skurup\n"
    )
    assert pairs(text) == [
        ("police", "att genomföra fler trafikkontroller vid skolorna"),
        ("police", "att vara synlig i centrum på fredagskvällar"),
        ("municipality", "att förbättra belysningen i Folkets park"),
        ("police", "öka närvaron i hamnen under sommaren"),
        ("joint", "bjuda in till medborgardialog i Skurup"),
    ]


def test_a_lead_in_that_only_names_the_parties_gives_them_to_its_bullets() -> None:
    text = (
        "Medborgarlöfte för Laholm 2024–2025\n\n"
        "Polisen:\n"
        "- är på plats i Mellbystrand varje fredagskväll i juli\n"
        "- genomföra trafikkontroller på Strandvägen\n\n"
        "Laholms kommun:\n"
        "– anställer två sommarvärdar\n\n"
        "Tillsammans:\n"
        "• ordnar vi varje höst en trygghetsdag om bedrägerier på biblioteket\n"
        "• bjuder vi in boende i Mellbystrand till en medborgardialog i maj\n\n"
        "Gemensamt\n"
        "• trygghetsvandring i Skummeslöv i augusti\n"
    )
    assert pairs(text) == [
        ("police", "är på plats i Mellbystrand varje fredagskväll i juli"),
        ("police", "genomföra trafikkontroller på Strandvägen"),
        ("municipality", "anställer två sommarvärdar"),
        ("joint", "ordnar vi varje höst en trygghetsdag om bedrägerier på biblioteket"),
        ("joint", "bjuder vi in boende i Mellbystrand till en medborgardialog i maj"),
        ("joint", "trygghetsvandring i Skummeslöv i augusti"),
    ]


def test_headings_that_only_name_the_parties_give_them_their_bullets() -> None:
    text = (
        "Det här lovar vi\n\n"
        "Polisen\n\n"
        "• Genomför riktade insatser i Sollentuna centrum under helgkvällar.\n"
        "• Informerar om inbrottsskydd på grannsamverkansträffar i Edsberg.\n\n"
        "Sollentuna kommun\n\n"
        "• Utökar antalet fältassistenter i Tureberg på fredagskvällar.\n\n"
        "Tillsammans\n\n"
        "• Håller medborgardialoger i Rotebro under hösten.\n"
    )
    assert pairs(text) == [
        ("police", "Genomför riktade insatser i Sollentuna centrum under helgkvällar."),
        ("police", "Informerar om inbrottsskydd på grannsamverkansträffar i Edsberg."),
        ("municipality", "Utökar antalet fältassistenter i Tureberg på fredagskvällar."),
        ("joint", "Håller medborgardialoger i Rotebro under hösten."),
    ]


def test_numbered_sub_headings_under_a_measures_heading_promise_too() -> None:
    text = (
        "Bakgrund\n\n"
        "Många invånare upplever centrum som stökigt på helgkvällar.\n\n"
        "ÅTGÄRDER\n\n"
        "1. TRYGGHET I CENTRUM\n\n"
        "Många invånare upplever centrum som stökigt på helgkvällar.\n\n"
        "1.1 Polisen ökar sin närvaro i centrum fredagar och lördagar.\n\n"
        "1.2 Kommunen installerar ny belysning i Apladalen.\n\n"
        "2. TRAFIKSÄKERHET\n\n"
        "2.1 Polisen genomför hastighetskontroller på riksväg 27 varje månad.\n\n"
        "UPPFÖLJNING\n\n"
        "1. Polisen redovisar antalet kontroller\n\n"
        "Kommunen samlar in synpunkter från invånarna.\n"
    )
    assert [text for _, text in pairs(text)] == [
        "Polisen ökar sin närvaro i centrum fredagar och lördagar.",
        "Kommunen installerar ny belysning i Apladalen.",
        "Polisen genomför hastighetskontroller på riksväg 27 varje månad.",
    ]


def test_numbered_headings_under_a_neutral_heading_stay_neutral() -> None:
    text = (
        "Lägesbild\n\n"
        "1. TRYGGHET I CENTRUM\n\n"
        "Kommunen installerar kameror på torget enligt tidigare beslut.\n"
    )
    assert pairs(text) == []


def test_a_party_heading_over_contact_lines_gives_no_commitments() -> None:
    text = "Kontakt\n\nPolisen\n\n• Telefon 114 14\n• E-post: registrator@polisen.se\n"
    assert pairs(text) == []


def test_lines_opened_by_who_does_it() -> None:
    text = (
        "Aktiviteter\n"
        "Polis: Fler kvällspatrulleringar i Nybro centrum och kring Paradisskolan.\n"
        "Kommun: Klotter på kommunens fastigheter tas bort inom 24 timmar efter anmälan.\n"
        "Båda: Trygghetsvandring i Orrefors och Alsterbro under hösten.\n\n"
        "Kontakt\n"
        "Polisen: 114 14\n"
        "Polisen: Martin Roos, kommunpolis\n"
    )
    assert pairs(text) == [
        ("police", "Fler kvällspatrulleringar i Nybro centrum och kring Paradisskolan."),
        ("municipality", "Klotter på kommunens fastigheter tas bort inom 24 timmar efter anmälan."),
        ("joint", "Trygghetsvandring i Orrefors och Alsterbro under hösten."),
    ]


def test_a_party_label_with_its_own_text_is_no_lead_in() -> None:
    # "Polisen: 114 14" is a contact line; the bullets under a background heading stay out.
    text = (
        "Bakgrund\n\n"
        "Kontakta oss\n"
        "Polisen: 114 14\n"
        "- otrygghet i centrum på kvällarna\n"
        "- skadegörelse vid skolorna\n"
    )
    assert pairs(text) == []


def test_a_bullet_naming_its_own_subject_overrides_the_lead_in() -> None:
    text = "Detta gör vi genom att:\n• Kommunen röjer sly längs Ågatan.\n• Arrangera en trygghetsvandring.\n"
    assert pairs(text) == [
        ("municipality", "Kommunen röjer sly längs Ågatan."),
        ("joint", "Arrangera en trygghetsvandring."),
    ]


# --- suffixes and responsibility lines ---------------------------------------------------------


def test_actor_suffix_sets_the_actor_and_is_left_out_of_the_text() -> None:
    text = (
        "Åtgärder\n\n"
        "- Trygghetsvandringar i Östra Ystad under hösten (Kommunen)\n"
        "- Riktade kontroller av mopeder vid Stortorget (Polisen).\n"
        "- Gemensam lägesbild varje månad (Polisen och kommunen)\n"
    )
    assert pairs(text) == [
        ("municipality", "Trygghetsvandringar i Östra Ystad under hösten"),
        ("police", "Riktade kontroller av mopeder vid Stortorget"),
        ("joint", "Gemensam lägesbild varje månad"),
    ]
    assert all(c.rule.endswith("+actor.suffix") for c in commitments(text))


def test_parenthesis_that_names_no_party_is_kept_as_text() -> None:
    text = "Detta gör vi genom att:\n• Fortsätta arbetet med Effektiv samordning för trygghet (EST).\n"
    assert pairs(text) == [("joint", "Fortsätta arbetet med Effektiv samordning för trygghet (EST).")]


def test_activity_label_with_responsible_line() -> None:
    text = (
        "Aktiviteter\n\n"
        "Aktivitet: Röjning av buskage längs Strandpromenaden.\n\n"
        "Ansvarig: Kommunen\n\n"
        "Aktivitet: Riktade insatser mot narkotikaförsäljning.\n\n"
        "Ansvarig: Polisen och Region Gotland\n"
    )
    assert pairs(text) == [
        ("municipality", "Röjning av buskage längs Strandpromenaden."),
        ("joint", "Riktade insatser mot narkotikaförsäljning."),
    ]


def test_responsible_line_naming_no_party_changes_nothing() -> None:
    text = "Aktiviteter\n\nAktivitet: Röjning av buskage.\n\nAnsvarig: Anna Berg\n"
    found = commitments(text)
    assert [(c.actor, c.text) for c in found] == [("unspecified", "Röjning av buskage.")]


# --- sentences --------------------------------------------------------------------------------


def test_sentence_with_party_subject_and_future_cue() -> None:
    text = (
        "Trafik\n\n"
        "Polisen ska utveckla arbetet mot företag och handlare i Arboga. En viktig del är att "
        "minska brottsligheten.\n\n"
        "Västerås stad kommer att anställa två fältassistenter.\n\n"
        "Båstads kommun avser att se över belysningen i centrum.\n"
    )
    assert pairs(text) == [
        ("police", "Polisen ska utveckla arbetet mot företag och handlare i Arboga."),
        ("municipality", "Västerås stad kommer att anställa två fältassistenter."),
        ("municipality", "Båstads kommun avser att se över belysningen i centrum."),
    ]


def test_cue_inside_a_purpose_clause_is_not_the_partys_promise() -> None:
    text = (
        "Vänersborgs kommun och polisområde Fyrbodal arbetar tillsammans för att kommunen ska vara "
        "en trygg plats att bo i.\n"
    )
    assert commitments(text) == []


def test_inverted_subject_with_partner_is_joint() -> None:
    text = (
        "Under 2021 kommer Polisen i lokalpolisområde Västra Mälardalen i samverkan med Arboga "
        "kommuns säkerhetssamordnare att planera medborgardialoger.\n"
    )
    assert pairs(text) == [("joint", text.strip())]


def test_partner_that_is_not_a_party_keeps_the_single_actor() -> None:
    text = "Polisen kommer i samverkan med föreningslivet att genomföra nattvandringar.\n"
    assert pairs(text) == [("police", text.strip())]


def test_passive_with_both_parties_as_agent_is_joint() -> None:
    text = "Medborgardialoger kommer att genomföras gemensamt av polis och kommunen.\n"
    assert pairs(text) == [("joint", text.strip())]


def test_passive_future_without_a_party_is_not_a_commitment_in_prose() -> None:
    assert commitments("Ett särskilt fokus kommer också att riktas på centrum.\n") == []


def test_we_in_prose_is_both_parties() -> None:
    text = "Vi kommer att genomföra trygghetsvandringar i Kroppkärr under hösten.\n"
    assert pairs(text) == [("joint", text.strip())]


def test_city_as_a_place_is_not_a_party() -> None:
    text = "Arbetet ska leda till en stad där alla känner sig trygga.\n"
    assert commitments(text) == []


def test_present_tense_under_a_promising_heading() -> None:
    text = (
        "Det här gör vi\n\n"
        "Polisen och kommunen genomför gemensamt en trygghetsvandring under hösten. "
        "Polisen har ett gott samarbete med skolorna.\n"
    )
    assert pairs(text) == [
        ("joint", "Polisen och kommunen genomför gemensamt en trygghetsvandring under hösten."),
    ]


def test_present_tense_in_background_prose_is_not_a_commitment() -> None:
    text = "Inledning\n\nPolisen och kommunen genomför sedan länge trygghetsvandringar.\n"
    assert commitments(text) == []


def test_heading_with_party_and_future_cue_gives_actor_to_bullets() -> None:
    text = (
        "Kommunen kommer att\n"
        "• snabbt ta bort utbrända bilar och sanera efter skadegörelse\n"
        "• starta ett föräldranätverk i Navestad\n"
    )
    found = commitments(text)
    assert [(c.actor, c.text, c.heading) for c in found] == [
        (
            "municipality",
            "snabbt ta bort utbrända bilar och sanera efter skadegörelse",
            "Kommunen kommer att",
        ),
        ("municipality", "starta ett föräldranätverk i Navestad", "Kommunen kommer att"),
    ]


def test_measure_list_takes_the_actor_of_the_sentence_before() -> None:
    text = (
        "Både lokalpolisområde Västerås och Västerås stad kommer att vidta åtgärder. "
        "Exempel på åtgärder som kommer att beslutas om är utökad tillsyn och riktade insatser.\n"
    )
    assert [c.actor for c in commitments(text)] == ["joint", "joint"]
    assert commitments(text)[1].rule == "commitments.measure_list+actor.previous_sentence"


# --- bullets without a lead-in ----------------------------------------------------------------


def test_action_bullets_without_lead_in_are_unspecified() -> None:
    text = (
        "1. Brottsförebyggande arbete mot näringslivet\n\n"
        "Polisen följer brottsutvecklingen.\n\n"
        "• Fortsatt kartläggning genom kommunens och polisens gemensamma lägesbildsarbete.\n"
        "• Vidareutbildning av relevant personal gällande hot spots.\n"
    )
    assert pairs(text) == [
        ("joint", "Fortsatt kartläggning genom kommunens och polisens gemensamma lägesbildsarbete."),
        ("unspecified", "Vidareutbildning av relevant personal gällande hot spots."),
    ]


def test_label_bullets_without_lead_in_are_not_commitments() -> None:
    text = "Trygghet\n\nVi ser tre problem.\n\n• Buskörning\n• Nedskräpning\n• Otrygghet i centrum\n"
    assert commitments(text) == []


def test_focus_heading_bullets_are_not_commitments() -> None:
    text = "Fokusområden\n\n• Genomföra insatser mot narkotika\n• Ökad trygghet för kommuninvånarna\n"
    assert commitments(text) == []


def test_bullet_with_two_parties_becomes_two_commitments() -> None:
    text = (
        "Löftet\n\n"
        "Polisen och Båstads kommun avger härmed löfte om att fortsätta arbetet genom:\n"
        "• Båstads kommun stödjer införandet av märk DNA. Polisen informerar om metoden vid "
        "gemensamma informationsträffar med kommunen.\n"
    )
    assert pairs(text) == [
        ("municipality", "Båstads kommun stödjer införandet av märk DNA."),
        ("police", "Polisen informerar om metoden vid gemensamma informationsträffar med kommunen."),
    ]


def test_numbered_item_taken_for_a_heading_is_still_a_commitment() -> None:
    text = (
        "Löften\n\n"
        "1. Polisen kommer att bedriva riktat arbete mot narkotikahandeln vid Stortorget och i\n"
        "Rådhusesplanaden.\n"
        "2. Gävle kommun kommer att anställa två områdesvärdar.\n"
        "3. Polisen och kommunen ska tillsammans genomföra trafiksäkerhetsveckor.\n"
    )
    found = commitments(text)
    assert [c.actor for c in found] == ["police", "municipality", "joint"]
    assert found[0].text.startswith("Polisen kommer att bedriva")
    assert found[0].heading == "Löften"


# --- not commitments --------------------------------------------------------------------------


def test_background_goals_statistics_method_follow_up_and_contact_are_not_commitments() -> None:
    text = (
        "Kommunen och polisen har arbetat med trygghetsfrågor sedan 2015.\n\n"
        "Det övergripande målet är att polisen ska öka tryggheten.\n\n"
        "Medborgarlöften kommer vara en del av Polismyndighetens styrning.\n\n"
        "Statistiken visar att 31 procent känner sig otrygga, och polisen ska minska den.\n\n"
        "Uppföljning ska ske tertialvis och polisen ska redovisa resultatet.\n\n"
        "Kommunen ska kunna känna sig tryggare.\n\n"
        "Välkommen att kontakta oss, polisen ska svara.\n"
    )
    assert commitments(text) == []


def test_what_a_promise_is_and_who_leads_the_work_are_not_commitments() -> None:
    text = (
        "Medborgarlöfte 2024–2025\n\n"
        "Varför ett medborgarlöfte?\n\n"
        "Löftet bygger på medborgardialoger. Kommunen ska redovisa dem på webben.\n\n"
        "Så arbetar vi\n\n"
        "Ett medborgarlöfte är en överenskommelse där kommunen och polisen lovar invånarna att göra "
        "konkreta saker.\n\n"
        "Arbetet leds av det brottsförebyggande rådet, där kommunens förvaltningar och polisen ingår.\n\n"
        "Samverkan samordnas av kommunens trygghetssamordnare.\n\n"
        "Polisen leder trygghetsvandringarna i Sävedalen varje höst.\n"
    )
    assert pairs(text) == [("police", "Polisen leder trygghetsvandringarna i Sävedalen varje höst.")]
    # The promise's own over-arching sentence stays.
    assert pairs("Medborgarlöftet innebär att polisen och Arboga kommun gemensamt ska arbeta för ökad trygghet.\n")


def test_the_dialogue_work_behind_the_promise_is_past_not_promised() -> None:
    text = (
        "Så togs löftet fram\n\n"
        "Under hösten stod poliser och trygghetsvärdar på torget i Jakobsberg och frågade förbipasserande.\n\n"
        "Kommunens fältassistenter bidrog med sina iakttagelser, och polisen gick igenom anmälningarna.\n\n"
        "Polisen kommer att stå på torget i Jakobsberg varje fredag.\n"
    )
    assert pairs(text) == [("police", "Polisen kommer att stå på torget i Jakobsberg varje fredag.")]


def test_quote_is_not_a_commitment() -> None:
    text = "– Polisen ska vara mer synlig i centrum, säger Lars Jansson, lokalpolisområdeschef.\n"
    assert commitments(text) == []


def test_a_repeated_statement_is_one_commitment_the_first() -> None:
    text = (
        "Kommunen och Polisen har under 2020 för avsikt att fortsätta med satsningarna på "
        "Sportcentrum för att skapa långsiktighet.\n\n"
        "Medborgarlöften 2020\n\n"
        "Kommunen och Polisen har för avsikt att fortsätta med satsningarna på Sportcentrum, för "
        "att skapa långsiktighet i arbetet på området.\n"
    )
    found = commitments(text)
    assert len(found) == 1
    assert found[0].span[0] == 0
    assert found[0].actor == "joint"


def test_each_party_promising_its_part_of_the_same_thing_is_no_repeat() -> None:
    text = (
        "Polisen ska:\n"
        "• ha en kontaktpolis för Malmberget som de boende kan vända sig till.\n\n"
        "Kommunen ska:\n"
        "• informera om kontaktpolisen i nyhetsbrevet till de boende i Malmberget.\n\n"
        "Polisen ska ha en kontaktpolis för Malmberget som de boende kan vända sig till.\n"
    )
    assert pairs(text) == [
        ("police", "ha en kontaktpolis för Malmberget som de boende kan vända sig till."),
        ("municipality", "informera om kontaktpolisen i nyhetsbrevet till de boende i Malmberget."),
    ]


# --- activity tables written as lines (issue 3) ---------------------------------------------


def test_activity_table_rows_take_their_actor_from_the_responsibility_column() -> None:
    text = (
        "Medborgarlöfte 2019\n\n"
        "Aktivitet – Ansvar – Tidplan\n"
        "Nykterhetskontroller på väg 71 under sportlovsveckorna – Polisen – vecka 7–10\n"
        "Tillsyn av serveringsställen i Lindvallen – Kommunen (alkoholhandläggare) – december–april\n"
        "Trygghetsvandring i centrum med handlare och boende – Polisen och kommunen – maj\n\n"
        "Uppföljning\n"
        "Lokala brottsförebyggande rådet följer upp aktiviteterna vid varje kvartalsmöte.\n"
    )
    found = commitments(text)
    assert [(c.actor, c.text) for c in found] == [
        ("police", "Nykterhetskontroller på väg 71 under sportlovsveckorna"),
        ("municipality", "Tillsyn av serveringsställen i Lindvallen"),
        ("joint", "Trygghetsvandring i centrum med handlare och boende"),
    ]
    assert {c.rule for c in found} == {"commitments.table_row+actor.responsibility_column"}


def test_pipe_table_with_columns_in_another_order() -> None:
    text = (
        "Medborgarlöfte 2020\n\n"
        "Ansvarig | Åtgärd | När\n"
        "Polisen | Hastighetskontroller vid Tandådalen | vecka 7\n"
        "Gemensamt | Trygghetsvandring i Sälen | maj\n"
    )
    assert pairs(text) == [
        ("police", "Hastighetskontroller vid Tandådalen"),
        ("joint", "Trygghetsvandring i Sälen"),
    ]


def test_dashed_lines_without_a_table_header_are_no_table_rows() -> None:
    text = "Medborgarlöfte 2020\n\nSommarens evenemang – Stadsfesten – juli\n\nVi ses där – hälsningar – polisen\n"
    assert commitments(text) == []


def test_a_header_without_a_responsibility_column_is_no_table() -> None:
    text = "Medborgarlöfte 2020\n\nAktivitet – Tidplan\nNykterhetskontroller på väg 71 – vecka 7\n"
    assert all(c.rule != "commitments.table_row" for c in commitments(text))


# --- "omfattar" / "avser" as "concerns" -------------------------------------------------------


def test_coverage_of_the_police_area_is_not_a_commitment() -> None:
    text = (
        "Lokalpolisområde Mora omfattar även Mora, Orsa och Älvdalen, men detta medborgarlöfte avser "
        "Malung-Sälens kommun. Polisen avser att genomföra fler kontroller under sommaren.\n"
    )
    assert pairs(text) == [("police", "Polisen avser att genomföra fler kontroller under sommaren.")]


def test_a_promise_that_concerns_a_municipality_is_not_a_commitment() -> None:
    assert commitments("Detta medborgarlöfte avser Orsa kommun och gäller under 2020.\n") == []


# --- actors: joint wording, and a lead-in's actor against mentions inside a bullet -----------


def test_gemensamma_ataganden_make_their_bullets_joint() -> None:
    for text in (
        "Medborgarlöfte 2020\n\nGemensamma åtaganden:\n\n• Trygghetsvandring i Eslövs centrum varje höst.\n",
        "<h1>Medborgarlöfte 2020</h1><h2>Gemensamma åtaganden:</h2>"
        "<ul><li>Trygghetsvandring i Eslövs centrum varje höst.</li></ul>",
    ):
        assert pairs(text) == [("joint", "Trygghetsvandring i Eslövs centrum varje höst.")], text


def test_tillsammans_ska_vi_is_joint_even_after_a_party_sentence() -> None:
    text = (
        "Kommunen ska se till att fritidsgården har öppet. "
        "Tillsammans ska vi genomföra en trygghetsvandring på Hertsön.\n"
    )
    assert pairs(text) == [
        ("municipality", "Kommunen ska se till att fritidsgården har öppet."),
        ("joint", "Tillsammans ska vi genomföra en trygghetsvandring på Hertsön."),
    ]


def test_vi_together_with_partners_under_a_police_lead_in_stays_police() -> None:
    text = "Polisen lovar att:\n- Vi ska tillsammans med föreningarna ordna nattvandringar.\n"
    assert pairs(text) == [("police", "Vi ska tillsammans med föreningarna ordna nattvandringar.")]


def test_a_mention_inside_a_bullet_does_not_override_the_lead_in() -> None:
    text = (
        "Haparanda stad och Polisen lovar under 2017 att:\n\n"
        "- genomföra kontroller mot stöldgods tillsammans med finska polisen,\n"
        "- göra hastighetskontroller utanför skolorna i Nikkala.\n\n"
        "Kommunen lovar att:\n"
        "- samverka med norska polisen om gränsbevakning\n"
        "- bjuda in polisen till skolorna\n"
    )
    assert [actor for actor, _ in pairs(text)] == ["joint", "joint", "municipality", "municipality"]


def test_a_bullet_that_opens_with_its_own_party_still_names_it() -> None:
    text = "Polisen och kommunen lovar:\n1) Kommunen rustar upp gångtunneln vid Gullängets centrum.\n"
    assert pairs(text) == [("municipality", "Kommunen rustar upp gångtunneln vid Gullängets centrum.")]


def test_a_police_bullet_citing_statistics_under_a_lead_in_is_kept() -> None:
    text = (
        "Polisen åtar sig att:\n"
        "- vara synliga till fots i Vasastan under de veckor då statistiken visar flest källarinbrott\n"
    )
    assert [a for a, _ in pairs(text)] == ["police"]


def test_statistics_alone_under_a_lead_in_are_still_no_commitment() -> None:
    text = "Polisen åtar sig att:\n- 40 procent av de boende känner sig otrygga\n"
    assert commitments(text) == []


# --- focus areas are not commitments ------------------------------------------------------------


def test_focus_area_bullets_after_a_counted_lead_in_are_not_commitments() -> None:
    text = (
        "Medborgarlöftet innehåller tre områden:\n"
        "* Öppen droghandel\n"
        "* Skadegörelse och bränder i Dalbo\n\n"
        "Polisen kommer att:\n"
        "* genomföra utredningar om anlagda bränder skyndsamt.\n"
    )
    assert pairs(text) == [("police", "genomföra utredningar om anlagda bränder skyndsamt.")]


def test_a_promise_bullet_under_a_focus_heading_is_still_a_commitment() -> None:
    text = (
        "Det här ska vi arbeta med\n\n"
        "- Polisen ska genomföra kontroller på Storgatan.\n"
        "- Fortsatt arbete mot skadegörelse i Dalbo\n"
    )
    assert pairs(text) == [("police", "Polisen ska genomföra kontroller på Storgatan.")]


def test_a_focus_verb_lead_in_is_not_a_promise_lead_in() -> None:
    text = "Medborgarlöftet 2021 fokuserar på följande:\n- Narkotika bland unga\n- Trafiken genom Lödöse\n"
    assert commitments(text) == []


def test_both_parties_named_as_parter_are_joint() -> None:
    assert pairs("Båda parter ska genomföra en trygghetsvandring i centrum.\n") == [
        ("joint", "Båda parter ska genomföra en trygghetsvandring i centrum.")
    ]


def test_a_municipal_word_after_a_place_preposition_is_not_the_subject() -> None:
    assert pairs("Utanför skolorna ska polisen genomföra hastighetskontroller.\n") == [
        ("police", "Utanför skolorna ska polisen genomföra hastighetskontroller.")
    ]


def test_simple_past_of_an_action_verb_is_no_commitment() -> None:
    from extractors import analyze, commitments
    from pipeline.clean import clean

    text = (
        "Under 2023 genomförde polisen 46 trafikkontroller där och kommunen byggde om två övergångsställen.\n\n"
        "Polisen ska genomföra fler kontroller vid skolorna."
    )
    found = [c.text for c in commitments.extract(analyze(clean(text.encode())))]
    assert found == ["Polisen ska genomföra fler kontroller vid skolorna."]


def test_how_the_promise_was_made_is_background_not_a_promise() -> None:
    for heading in ("Så tog vi fram löftet", "Hur togs medborgarlöftet fram?", "Så har löftet tagits fram"):
        text = (
            f"{heading}\n\n"
            "Lokalpolisområde Mölndal omfattar Mölndals och Härryda kommuner. Polisen och kommunen "
            "genomför varje höst en medborgardialog.\n\n"
            "Det här lovar vi\n\n"
            "Polisen genomför trafikkontroller vid skolorna varje vecka.\n"
        )
        assert pairs(text) == [("police", "Polisen genomför trafikkontroller vid skolorna varje vecka.")], heading


ALMHULT = (
    "Medborgarlöfte 2026\n\n"
    "Stationsområdet\n\n"
    "Sedan ombyggnaden av stationen rör sig fler resenärer i området, och skadegörelsen har ökat.\n\n"
    "Kameraövervakning av cykelgaraget vid stationen.\n\n"
    "Ansvar: Älmhults kommun\n\n"
    "Synlig närvaro vid stationen när sista tåget kommer in på fredagar.\n\n"
    "Ansvar: Polisen och kommunen\n"
)


def test_a_line_a_responsibility_line_owns_is_a_measure_of_that_party() -> None:
    assert pairs(ALMHULT) == [
        ("municipality", "Kameraövervakning av cykelgaraget vid stationen."),
        ("joint", "Synlig närvaro vid stationen när sista tåget kommer in på fredagar."),
    ]


def test_a_responsibility_line_owns_no_background_prose() -> None:
    # Background prose right above it is no measure: the line names the party of the last measure.
    text = ALMHULT.replace("Kameraövervakning av cykelgaraget vid stationen.\n\n", "")
    assert all("Sedan ombyggnaden" not in t for _, t in pairs(text))
    text = ("Polisen lovar\n\n• Genomföra trafikkontroller varje vecka.\n\n"
            "Trafiken har ökat under flera år och många boende har hört av sig om det.\n\nAnsvar: Polisen\n")
    assert pairs(text) == [("police", "Genomföra trafikkontroller varje vecka.")]


def test_promises_that_begin_inside_a_background_section_end_it() -> None:
    text = (
        "Varför ett säsongslöfte?\n\n"
        "Under vintern ökar antalet människor i kommunen kraftigt. Polisen har sett fler bråk i Åre by.\n\n"
        "Tillsammans åtar vi oss att:\n"
        "• driva trygghetsvärdar på Åre torg fredag och lördag natt\n\n"
        "Polisen kommer att ha en förstärkt nattpatrull i Åre by under alla helger i februari.\n"
    )
    assert pairs(text) == [
        ("joint", "driva trygghetsvärdar på Åre torg fredag och lördag natt"),
        ("police", "Polisen kommer att ha en förstärkt nattpatrull i Åre by under alla helger i februari."),
    ]
    # without a promising lead-in the section stays background
    assert pairs(text.replace("Tillsammans åtar vi oss att:\n• driva trygghetsvärdar på Åre torg "
                              "fredag och lördag natt\n\n", "")) == []
