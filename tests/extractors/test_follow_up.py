"""Follow-up cadence: every cadence family with a positive and a near miss."""

from __future__ import annotations

import pytest

from extractors import analyze
from extractors.follow_up import extract, vocabulary
from models import FollowUp
from pipeline.clean import clean


def follow_up(text: str) -> tuple[str | None, str | None, str | None]:
    """(cadence, evidence text, rule)."""
    doc = analyze(clean(text.encode()))
    found = extract(doc)
    if found.span is None:
        return found.cadence, None, found.rule
    start, end = found.span
    assert doc.text[start:end] == doc.text[start:end].strip()
    return found.cadence, doc.text[start:end], found.rule


def cadence(text: str) -> str | None:
    return follow_up(text)[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Under 2021 kommer aktiviteterna att följas upp löpande.", "continuous"),
        ("Arbetet följs upp kontinuerligt i Brå.", "continuous"),
        ("Löftet följs upp en gång i månaden av styrgruppen.", "monthly"),
        ("Uppföljning sker månadsvis.", "monthly"),
        ("Medborgarlöftet följs upp kvartalsvis.", "quarterly"),
        ("Uppföljning görs varje kvartal i samverkansgruppen.", "quarterly"),
        ("Medborgarlöftet följs upp fyra gånger per år.", "quarterly"),
        ("Uppföljning ska ske tertialvis och kan följas på polisens webbplats.", "tertial"),
        ("Löftet följs upp varje tertial.", "tertial"),
        ("Medborgarlöftet följs upp tre gånger per år.", "tertial"),
        ("Uppföljning kommer att ske halvårsvis.", "semiannual"),
        ("Åtgärderna kommer att följas upp och kan komma att revideras var sjätte månad.", "semiannual"),
        ("Uppföljning sker varje halvårsskifte.", "semiannual"),
        ("Löftet följs upp varje halvår.", "semiannual"),
        ("Uppföljning görs två gånger per år.", "semiannual"),
        ("Medborgarlöftet följs upp årligen.", "annual"),
        ("Löftet följs upp 1 gång per år.", "annual"),
        ("En årlig uppföljning görs i kommunstyrelsen.", "annual"),
        ("Medborgarlöftet utvärderas en gång om året.", "annual"),
        ("Resultatet redovisas varje år för kommunfullmäktige.", "annual"),
    ],
)
def test_cadence_phrases_in_follow_up_sentences(sentence: str, expected: str) -> None:
    assert cadence(sentence) == expected


def test_span_covers_cue_and_cadence_and_rule_names_the_phrase_row() -> None:
    assert follow_up("Polisen och kommunen lovar detta. Uppföljning kommer att ske halvårsvis.") == (
        "semiannual",
        "Uppföljning kommer att ske halvårsvis",
        "follow_up.halvarsvis",
    )
    assert follow_up("Under 2021 kommer löftena att följas upp löpande.")[1:] == (
        "följas upp löpande",
        "follow_up.lopande",
    )


def test_nearest_cue_decides_the_span() -> None:
    found = follow_up("Åtgärderna kommer att följas upp och kan komma att revideras var sjätte månad.")
    assert found[1] == "revideras var sjätte månad"


@pytest.mark.parametrize(
    "sentence",
    [
        # A cadence word without follow-up context.
        "Dessa områden kommer kontinuerligt att värderas av kommunen och polisen.",
        "Polisen och kommunens säkerhetssamordnare följer löpande brottsutvecklingen.",
        "Polisen genomför trafikkontroller varje månad vid skolorna.",
        "Trygghetsvandringar genomförs två gånger per år i centrum.",
        "Överenskommelse om nya aktiviteter ska träffas varje år.",
        # Follow-up context without a cadence.
        "Brå ansvarar för revidering, utveckling och uppföljning av beslutade aktiviteter.",
        # A single evaluation date is not a cadence.
        "En utvärdering kommer göra 2017-07-01.",
    ],
)
def test_no_cadence_without_both_cue_and_phrase(sentence: str) -> None:
    assert extract(analyze(clean(sentence.encode()))) == FollowUp()


def test_cue_and_phrase_far_apart_in_one_sentence_are_unrelated() -> None:
    sentence = (
        "Uppföljning av det brottsförebyggande arbetet i kommunen, som omfattar skolor, fritidsgårdar, "
        "föreningar, näringsliv, fastighetsägare och många andra aktörer i hela kommunen, sker i Brå där "
        "även polisen deltar med sina trafikkontroller som utförs kvartalsvis."
    )
    assert cadence(sentence) is None


def test_short_reporting_sentence_under_an_uppfoljning_heading() -> None:
    text = "Uppföljning\n\nDet sker två gånger per år i styrgruppen."
    assert follow_up(text) == ("semiannual", "två gånger per år", "follow_up.tva_ganger.under_heading")


def test_activity_sentence_under_an_uppfoljning_heading_is_no_cadence() -> None:
    assert cadence("Uppföljning\n\nPolisen genomför trygghetsvandringar varje kvartal.") is None


def test_first_follow_up_statement_wins() -> None:
    text = "Löftet följs upp halvårsvis i Brå.\n\nEn gång per år redovisas resultatet för kommunstyrelsen."
    assert cadence(text) == "semiannual"


def test_every_cadence_row_has_a_schema_cadence() -> None:
    words = vocabulary()
    assert {phrase.cadence for phrase in words.phrases.values()} == {
        "continuous",
        "monthly",
        "quarterly",
        "tertial",
        "semiannual",
        "annual",
    }


def test_another_documents_revision_cadence_is_not_the_promises() -> None:
    assert cadence("Samverkansöverenskommelsen revideras årligen av kommunstyrelsen.") is None
    assert cadence("Medborgarlöftet och samverkansöverenskommelsen följs upp halvårsvis.") == "semiannual"


def test_nearest_cadence_to_the_cue_wins_within_a_sentence() -> None:
    assert cadence("Det kontinuerliga arbetet i Brå följs upp halvårsvis.") == "semiannual"


# --- cadences in running text, compound nouns and reviewing verbs (held-out families) ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A cadence adverb with a reviewing verb and no "Uppföljning" heading.
        ("Kommunen och polisen ses tertialvis för att gå igenom vad som gjorts.", "tertial"),
        ("Varje kvartal stämmer polisen och kommunen av arbetet i styrgruppen.", "quarterly"),
        ("Parterna går halvårsvis igenom läget och justerar aktiviteterna.", "semiannual"),
        ("Samverkansgruppen återkopplar till kommunstyrelsen en gång per år.", "annual"),
        # Compound nouns that carry the cadence.
        ("Brottsförebyggande rådet följer upp aktiviteterna vid varje kvartalsmöte.", "quarterly"),
        ("Löftet följs upp i samband med kommunens tertialbokslut.", "tertial"),
        ("Uppföljning görs vid varje tertialuppföljning i kommunstyrelsen.", "tertial"),
        ("Arbetet följs upp på styrgruppens månadsmöten.", "monthly"),
        ("Resultatet redovisas i kommunens årsredovisning.", "annual"),
        ("Löftet följs upp vid halvårsavstämningen med lokalpolisområdet.", "semiannual"),
        # Adjective forms and other ways to say the same cadence.
        ("Medborgarlöftet följs upp vid kvartalsvisa möten.", "quarterly"),
        ("Uppföljning sker varje vår och höst.", "semiannual"),
        ("Medborgarlöftet utvärderas två gånger årligen.", "semiannual"),
        ("Kommunen och polisen följer gemensamt upp löftet månadsvis.", "monthly"),
        ("Hur ofta följs löftet upp? Det sker tertialvis.", "tertial"),
    ],
)
def test_cadence_families_in_running_text(text: str, expected: str) -> None:
    assert cadence(text) == expected


def test_cadence_under_a_so_folljer_vi_upp_heading() -> None:
    text = "Så följer vi upp\n\nStyrgruppen träffas tertialvis i stadshuset."
    assert follow_up(text) == ("tertial", "tertialvis", "follow_up.tertialvis.under_heading")


@pytest.mark.parametrize(
    "text",
    [
        # A compound cadence noun or a reviewing verb without the other half.
        "Kommunen håller kvartalsmöten med föreningslivet.",
        "Polisen går igenom rutinerna med personalen på krogarna.",
        "Delårsrapporten visar att anmälningarna minskat.",
        # Activities in spring and autumn are not a follow-up.
        "Trygghetsvandringar genomförs varje vår och höst i centrum.",
        # A compound that only sounds like a cadence ("delårsrapport" is not "årsrapport").
        "Löftet följs upp i kommunens delårsrapport.",
    ],
)
def test_near_misses_of_the_running_text_families(text: str) -> None:
    assert cadence(text) is None


def test_a_follow_up_sentence_outranks_an_earlier_reviewing_activity() -> None:
    text = (
        "Polisen går varje månad igenom anmälningarna med skolorna.\n\n"
        "Medborgarlöftet följs upp halvårsvis i Brå."
    )
    assert follow_up(text)[0::2] == ("semiannual", "follow_up.halvarsvis")


def test_reporting_sentence_right_after_a_follow_up_sentence() -> None:
    text = "Medborgarlöftet följs upp i Brå. Det sker halvårsvis."
    assert follow_up(text) == ("semiannual", "halvårsvis", "follow_up.halvarsvis.after_follow_up_sentence")
    # The same reporting sentence after unrelated prose states no follow-up.
    assert cadence("Polisen patrullerar i centrum. Det sker halvårsvis.") is None


def test_another_programmes_follow_up_is_not_the_promises() -> None:
    from extractors import analyze, follow_up
    from pipeline.clean import clean

    text = (
        "Kommunen har ett brottsförebyggande program. Programmet följs upp av kommunstyrelsen varje år.\n\n"
        "Löftet följs upp halvårsvis av styrgruppen."
    )
    assert follow_up.extract(analyze(clean(text.encode()))).cadence == "semiannual"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Medborgarlöftet följs upp vid två tillfällen per år, i juni och i december.", "semiannual"),
    ("Styrgruppen följer upp löftet i maj och i november.", "semiannual"),
    ("Löftet följs upp i mars, juni, september och december.", "quarterly"),
    ("Arbetet följs upp vid varje månadsskifte av trygghetsgruppen.", "monthly"),
    ("Löftet följs upp vid tre tillfällen om året.", "tertial"),
])
def test_cadences_named_by_occasions_and_months(sentence: str, expected: str) -> None:
    assert cadence(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Löftet följs upp i maj och i juni.",  # two months, but not half a year apart
    "Löftet följs upp i mars, april, maj och juni.",
])
def test_months_that_are_no_cadence(sentence: str) -> None:
    assert cadence(sentence) is None
